"""Build the student and instructor editions of every notebook into build/editions/.

One source of truth per notebook (``notebooks/NN_*.ipynb``). Cells are marked
with tags:

* ``solution``   – a worked solution (collapsed in the course notebooks);
* ``instructor`` – notes for instructors (seminar timing, likely answers);
* ``exercise``   – a self-check exercise cell.

The **student edition** drops ``solution`` and ``instructor`` cells and clears
the outputs of ``exercise`` cells. The **instructor edition** keeps every cell
and shows solutions and notes expanded, with a banner on each note.

The tool only ever writes below ``build/editions/``; it refuses any other
output folder, never touches ``notebooks/``, and writes byte-identical files
when run twice. It records the sha256 of every file it writes in
``build/editions/MANIFEST.json``: a file whose content no longer matches (a
student or instructor has opened and edited it) is **left alone**, with a
message, so that nobody's work is overwritten. Delete the file to get a fresh
copy.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "editions"
HIDDEN_IN_STUDENT = {"solution", "instructor"}


def tags(cell) -> set[str]:
    return set(cell.get("metadata", {}).get("tags", []))


def student_edition(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    out = copy.deepcopy(nb)
    out.cells = [c for c in out.cells if not tags(c) & HIDDEN_IN_STUDENT]
    for c in out.cells:
        if "exercise" in tags(c) and c.cell_type == "code":
            c.outputs = []
            c.execution_count = None
            # cleared on purpose: strict nbval runs the cell but has no stored output to compare
            c.metadata["tags"] = [*c.metadata.get("tags", []), "nbval-ignore-output"]
    _renumber(out)
    out.metadata["edition"] = "student"
    return out


def instructor_edition(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    out = copy.deepcopy(nb)
    for c in out.cells:
        t = tags(c)
        if t & HIDDEN_IN_STUDENT:
            c.metadata.get("jupyter", {}).pop("source_hidden", None)
            c.metadata.get("jupyter", {}).pop("outputs_hidden", None)
            if c.metadata.get("jupyter") == {}:
                del c.metadata["jupyter"]
            if c.cell_type == "markdown" and "instructor" in t and not c.source.startswith("> **Instructor note**"):
                c.source = "> **Instructor note** — not in the student edition.\n\n" + c.source
    out.metadata["edition"] = "instructor"
    return out


def _renumber(nb):
    """Keep execution counts consecutive after cells are removed (strict nbval re-runs them anyway)."""
    n = 0
    for c in nb.cells:
        if c.cell_type == "code":
            if c.execution_count is None and not c.outputs:
                n += 1
                continue
            n += 1
            c.execution_count = n
            for o in c.outputs:
                if "execution_count" in o:
                    o["execution_count"] = n


def build(notebooks: list[Path], out_dir: Path = DEFAULT_OUT) -> list[Path]:
    out_dir = out_dir.resolve()
    inside_repo = ROOT.resolve() in (out_dir, *out_dir.parents)
    below_build = DEFAULT_OUT.resolve() in (out_dir, *out_dir.parents)
    if inside_repo and not below_build:
        raise SystemExit(
            f"Refusing to write to {out_dir}: inside the course, editions are only written below {DEFAULT_OUT}."
        )
    files = {}
    for src in notebooks:
        nb = nbformat.read(src, as_version=4)
        for edition, make in (("student", student_edition), ("instructor", instructor_edition)):
            files[f"{edition}/{src.name}"] = nbformat.writes(make(nb)) + "\n"
    return write_unless_edited(out_dir, files)


def write_unless_edited(out_dir: Path, files: dict[str, str]) -> list[Path]:
    """Write ``files`` (path relative to ``out_dir`` → text) below ``out_dir``, never overwriting an edited file.

    The sha256 of every file written is kept in ``out_dir/MANIFEST.json``; a file whose content matches
    neither that record nor the new text was edited by someone since it was written, and is left alone
    with a message. Returns the files now up to date. Shared by the assignments tool.
    """
    manifest_path = out_dir / "MANIFEST.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    written, kept = [], []
    for key, text in files.items():
        dst = out_dir / key
        dst.parent.mkdir(parents=True, exist_ok=True)
        if dst.exists():
            current = _sha(dst.read_bytes())
            if current != manifest.get(key) and current != _sha(text.encode()):
                kept.append(dst)  # edited by someone since we wrote it: never overwrite
                continue
            if current == _sha(text.encode()):
                manifest[key] = current
                written.append(dst)
                continue
        dst.write_text(text, encoding="utf-8")
        manifest[key] = _sha(text.encode())
        written.append(dst)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for k in kept:
        print(f"kept {k}: it was edited after it was built (delete it to rebuild it)", file=sys.stderr)
    return written


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("notebooks", nargs="*", type=Path)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    a = p.parse_args(argv)
    nbs = a.notebooks or sorted(
        [*(ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"), *(ROOT / "notebooks").glob("assignment_*.ipynb")]
    )
    for path in build(nbs, a.out):
        print("wrote", path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
