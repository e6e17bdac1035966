"""Every notebook is committed as it was last executed: no code cell was edited, added or removed since
``tools/execute_notebooks.py`` ran it (it records a fingerprint of each code cell's source). Strict nbval
would fail on such a notebook too, but with a diff of outputs; this test names the cells and the fix."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import execute_notebooks  # noqa: E402  (a tool, not a package)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_was_executed_after_its_last_edit(path):
    message = execute_notebooks.stale_message(path)
    assert not message, message
