"""Every notebook renders as a Voilà app without error, and its widgets respond."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, NOTEBOOKS
from drive import panel_snapshot, wait_change

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_in_voila(voila, page, nb):
    page.goto(f"{voila['base']}/voila/render/{nb.name}", timeout=180_000)
    page.wait_for_function("() => !document.querySelector('#loading') || document.querySelector('#loading').style.display === 'none'", timeout=180_000)
    if "widgets." in nb.read_text(encoding="utf-8"):
        page.wait_for_selector(".nep-panel img", timeout=180_000)
    page.wait_for_timeout(500)
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "Error displaying widget" not in body, f"{nb.name}: error in the Voilà page"
    panels = page.locator(".nep-panel")
    if "widgets." in nb.read_text(encoding="utf-8"):
        assert panels.count() >= 1
        panel = panels.first
        before = panel_snapshot(panel)
        toggles = panel.locator(".widget-toggle-buttons button:not(.mod-active)")
        dropdowns = panel.locator(".widget-dropdown select")
        if toggles.count():
            toggles.first.click()
        else:
            sel = dropdowns.first
            values = [o.get_attribute("value") for o in sel.locator("option").all()]
            sel.select_option(next(v for v in values if v != sel.input_value()))
        assert wait_change(page, panel, before, timeout=30) != before, f"{nb.name}: the Voilà app did not respond"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"voila-{nb.stem}.png"))
