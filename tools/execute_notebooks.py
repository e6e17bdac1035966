"""Execute course notebooks top to bottom in a fresh kernel and store their outputs.

Usage: python tools/execute_notebooks.py notebooks/00_start_here.ipynb [...]

For each notebook: run every cell in a new kernel (working directory
``notebooks/``), then normalise the file so that re-running gives the same
bytes when nothing changed: widget state is dropped (it holds random model
ids and ~40 KB per chart; JupyterLab re-creates widgets when the notebook is
run), execution timing metadata is removed, and JSON is written with
nbformat's standard layout. Cell sources are never changed. A notebook whose
execution raises is not written, so a failed run never replaces good
outputs.

The notebook's metadata records a fingerprint of each code cell's source as it
was executed (``nep.executed_sources``), so that a test can say which cells were
edited after the last run, and what to do (``make execute NB=…``).

Usage from make: ``make execute`` (every notebook) or ``make execute NB=04_end_of_nep.ipynb``.
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 300


def fingerprints(nb: nbformat.NotebookNode) -> list[str]:
    """A short hash of each code cell's source, in order."""
    return [hashlib.sha256(c.source.encode("utf-8")).hexdigest()[:12] for c in nb.cells if c.cell_type == "code"]


def stale_cells(nb: nbformat.NotebookNode) -> list[int] | None:
    """Indices (in ``nb.cells``) of code cells whose source differs from what was last executed, or
    None when the notebook holds no record of its last run (or its code cells were added or removed)."""
    recorded = nb.metadata.get("nep", {}).get("executed_sources")
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    if recorded is None or len(recorded) != len(code):
        return None
    return [i for i, fp, old in zip(code, fingerprints(nb), recorded, strict=True) if fp != old]


def stale_message(path: Path) -> str:
    """Why the stored outputs of the notebook at ``path`` may not be what its cells give now, and what to do;
    ``''`` when every code cell is as it was last executed (or the notebook holds no record of a run)."""
    nb = nbformat.read(path, as_version=4)
    redo = (
        f"run `make check NB={path.name}` (or `make execute NB={path.name}`) and commit the notebook with its outputs"
    )
    recorded = nb.metadata.get("nep", {}).get("executed_sources")
    if recorded is None:
        return ""
    code = [c for c in nb.cells if c.cell_type == "code"]
    if len(recorded) != len(code):
        return (
            f"notebooks/{path.name}: code cells were added or removed since it was last executed "
            f"({len(recorded)} then, {len(code)} now); {redo}."
        )
    stale = stale_cells(nb)
    if not stale:
        return ""
    where = "; ".join(f"cell {i} ({nb.cells[i].source.strip().splitlines()[0][:50]!r})" for i in stale[:5])
    return f"notebooks/{path.name}: edited after it was last executed: {where}; {redo}."


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb.metadata.pop("widgets", None)
    nb.metadata["nep"] = {**nb.metadata.get("nep", {}), "executed_sources": fingerprints(nb)}
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                out.get("metadata", {}).pop("execution", None)
                # widget views reference model ids that no longer exist once state is dropped
                if "data" in out:
                    out["data"].pop("application/vnd.jupyter.widget-view+json", None)
            cell.outputs = _coalesce_streams(cell.get("outputs", []))
    return nb


def _coalesce_streams(outputs: list) -> list:
    """Join consecutive chunks of one stream: how a print is split into chunks depends on timing,
    so without this a re-run under load gives a different file for the same output."""
    merged: list = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (
            out.get("output_type") == "stream"
            and prev is not None
            and prev.get("output_type") == "stream"
            and prev.get("name") == out.get("name")
        ):
            prev["text"] = "".join(prev["text"]) + "".join(out["text"])
        else:
            merged.append(out)
    return merged


def execute(path: Path) -> float:
    nb = nbformat.read(path, as_version=4)
    t0 = time.perf_counter()
    client = NotebookClient(
        nb, timeout=TIMEOUT, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    elapsed = time.perf_counter() - t0
    nbformat.validate(nb)
    nbformat.write(normalise(nb), path)
    return elapsed


def resolve(arg: str) -> Path:
    """A notebook named by path, or by file name inside notebooks/ (as ``make execute NB=…`` passes it)."""
    for candidate in (Path(arg), ROOT / "notebooks" / arg, ROOT / "notebooks" / f"{arg}.ipynb"):
        if candidate.is_file() and candidate.suffix == ".ipynb":
            return candidate
    names = ", ".join(p.name for p in sorted((ROOT / "notebooks").glob("*.ipynb")))
    raise SystemExit(f"No notebook '{arg}'. Name one of: {names}")


def main(args: list[str]) -> int:
    paths = [resolve(a) for a in args] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for p in paths:
        print(f"executing {p} …", flush=True)
        print(f"  done in {execute(p):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
