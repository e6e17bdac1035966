"""tools/execute_notebooks.py normalises what varies between runs, so re-runs give the same files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("execute_notebooks", ROOT / "tools" / "execute_notebooks.py")
execute_notebooks = importlib.util.module_from_spec(spec)
sys.modules["execute_notebooks"] = execute_notebooks
spec.loader.exec_module(execute_notebooks)


def test_chunks_of_one_stream_are_joined_and_other_outputs_kept_in_order():
    v4 = nbformat.v4
    cell = v4.new_code_cell("print('a', end=''); print('b')")
    cell.outputs = [
        v4.new_output("stream", name="stdout", text="million rubles"),
        v4.new_output("stream", name="stdout", text=" — 1926/27 prices\n"),
        v4.new_output("stream", name="stderr", text="warning\n"),
        v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=1),
        v4.new_output("stream", name="stdout", text="after\n"),
    ]
    nb = execute_notebooks.normalise(v4.new_notebook(cells=[cell]))
    outs = nb.cells[0].outputs
    assert [o.get("name", o["output_type"]) for o in outs] == ["stdout", "stderr", "execute_result", "stdout"]
    assert outs[0]["text"] == "million rubles — 1926/27 prices\n"


def test_a_cell_edited_after_the_run_is_named():
    v4 = nbformat.v4
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("# t"), v4.new_code_cell("1"), v4.new_code_cell("2")])
    assert execute_notebooks.stale_cells(nb) is None  # never executed by the tool
    execute_notebooks.normalise(nb)
    assert execute_notebooks.stale_cells(nb) == []
    nb.cells[2].source = "2 + 1"
    assert execute_notebooks.stale_cells(nb) == [2]
    nb.cells.append(v4.new_code_cell("3"))
    assert execute_notebooks.stale_cells(nb) is None  # a cell added since the run
