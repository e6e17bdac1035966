"""A smoke test of Jupyter Notebook 7, the interface some hubs open by default (``notebook`` is in the
runtime set for them): one notebook's student edition runs clean there and its views draw and respond."""

from __future__ import annotations

import pytest
from drive import (
    CONTROL_SELECTORS,
    answer_exercise,
    error_outputs,
    open_and_run_all,
    operate,
    settle,
    snapshot,
    wait_change,
)

pytestmark = pytest.mark.browser

NOTEBOOK = "01_recovery.ipynb"  # chart panels, exercises and passages: the kinds of view most notebooks use


def test_a_notebook_runs_and_its_views_respond_in_notebook_7(notebook7, page):
    open_and_run_all(page, notebook7, NOTEBOOK, app="notebooks")
    assert error_outputs(page) == [], f"{NOTEBOOK}: error output in Notebook 7"
    panel = page.locator(".nep-panel").first
    panel.scroll_into_view_if_needed()
    before = snapshot(panel)
    assert before[0].startswith("data:image/png;base64,"), "no chart image in Notebook 7"
    control = panel.locator(CONTROL_SELECTORS["dropdown"]).first
    done, _ = operate(page, panel, "dropdown", control, lambda: settle(page))
    assert done and wait_change(page, panel, before) != before, f"'{done}' changed nothing in Notebook 7"
    exercise = page.locator(".nep-exercise").first
    assert answer_exercise(page, exercise, lambda: settle(page), f"{NOTEBOOK} exercise 0 (Notebook 7)")
