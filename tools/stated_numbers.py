"""List the numbers a notebook's notes or a document state, and which of them data/stated_numbers.yml covers.

    .venv/bin/python tools/stated_numbers.py notebooks/04_end_of_nep.ipynb
    .venv/bin/python tools/stated_numbers.py docs/instructor_guide/04_end_of_nep.md

For a notebook it reads the markdown cells tagged ``instructor`` or ``solution`` and every markdown cell whose
first line is a "Summary" heading; for a document, every paragraph. It prints each number that looks like the
result of a computation (a decimal, a percentage, a multiple such as ×2.05, or a number after "≈" or "="),
with the cell id or line and a few words around it, and marks the ones that already have an entry in
data/stated_numbers.yml with "ok". The rest are candidates: add an entry for each number that reports a
computation (the file's header says how); leave out numbers that are quoted from a source or a citation.

It reads only; it never changes a notebook, a document or the register.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
REGISTER = ROOT / "data" / "stated_numbers.yml"
CANDIDATE = re.compile(
    r"(?:[×≈=]\s*(?:\*\*)?|\+)(?P<a>\d[\d,]*(?:\.\d+)?)"  # ×2.05, ≈ 77.8, = 4.94, = **125**, +77.8
    r"|(?P<b>\d[\d,]*\.\d+)\s*(?:%|per cent|times)?"  # 14.83, 96.2%
    r"|(?P<c>\d[\d,]*)\s*(?:%|per cent)"  # 83%, 6 per cent
)


def _register(path: Path = REGISTER) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def _rel(path: Path) -> str:
    """The path as data/stated_numbers.yml writes it: relative to the repository (as given, if outside it)."""
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def _places(path: Path) -> list[tuple[str, str]]:
    """(place, text) pairs to scan: notebook cells by id, or a document's lines."""
    rel = _rel(path)
    if path.suffix == ".ipynb":
        out = []
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            text = "".join(cell["source"])
            tags = set(cell.get("metadata", {}).get("tags", []))
            if tags & {"instructor", "solution"} or re.match(r"#+\s*Summary", text):
                out.append((f"{rel}#{cell.get('id', '')}", text))
        return out
    return [(rel, line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def scan(path: Path, register: list[dict] | None = None) -> list[dict]:
    """Every candidate number at ``path``: place, number, context, and whether an entry covers it."""
    register = _register() if register is None else register
    rel = _rel(path)
    covered: dict[str, list[tuple[str, str]]] = {}
    for entry in register:
        where = str(entry.get("where", ""))
        if where.split("#")[0] == rel:
            found = re.findall(r"\d[\d,]*(?:\.\d+)?", str(entry.get("text", "")))
            number = str(entry.get("number", found[0] if len(found) == 1 else ""))
            covered.setdefault(where, []).append((" ".join(str(entry.get("text", "")).split()), number))
    rows = []
    for place, text in _places(path):
        flat = " ".join(text.split())
        for m in CANDIDATE.finditer(flat):
            number = m.group("a") or m.group("b") or m.group("c")
            start = max(0, m.start() - 40)
            context = flat[start : m.end() + 25]
            ok = any(
                number == n and t in flat and flat.find(t) <= m.start() < flat.find(t) + len(t) + 1
                for t, n in covered.get(place, [])
            )
            rows.append(dict(place=place, number=number, context=context, covered=ok))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path, help="notebooks/*.ipynb or docs/… or data/… files")
    args = parser.parse_args(argv)
    for path in args.paths:
        if not path.exists():
            print(
                f"{path}: no such file; give a notebook (notebooks/NN_name.ipynb) or a document under docs/ or data/",
                file=sys.stderr,
            )
            return 2
        rows = scan(path)
        todo = [r for r in rows if not r["covered"]]
        print(
            f"{path}: {len(rows)} candidate numbers, {len(rows) - len(todo)} with an entry in data/stated_numbers.yml"
        )
        for r in rows:
            print(f"  {'ok ' if r['covered'] else '?  '} {r['number']:>10}  {r['place']}  …{r['context']}…")
    return 0


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BrokenPipeError:  # output piped into head
        raise SystemExit(0) from None
