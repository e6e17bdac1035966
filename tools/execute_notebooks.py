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
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 300


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    nb.metadata.pop("widgets", None)
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


def main(args: list[str]) -> int:
    paths = [Path(a) for a in args] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for p in paths:
        print(f"executing {p} …", flush=True)
        print(f"  done in {execute(p):.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
