"""Notebooks are stored executed, in order, without errors or widget state. (What the README, CONTRIBUTING and
the CHANGELOG state is checked in tests/docs/test_pages.py, the ``make check-docs`` stage.)"""

import json

from _paths import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_notebooks_are_stored_executed_in_order_without_errors_or_widget_state():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb"
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1)), path.name
        for c in nb["cells"]:
            if "raises-exception" in c.get("metadata", {}).get("tags", []):  # an error shown on purpose
                continue
            assert all(o["output_type"] != "error" for o in c.get("outputs", [])), path.name
        assert "widgets" not in nb["metadata"], f"{path.name}: widget state is dropped by tools/execute_notebooks.py"
        assert path.stat().st_size < 1_500_000, f"{path.name} is larger than the 1.5 MB budget"
