"""Every notebook in JupyterLab in a real browser: runs clean, every widget renders, every control works.

Run with the rest of the suite (`make test`); marked `browser`.
"""

from __future__ import annotations

import re

import pytest

from conftest import ARTIFACTS, NOTEBOOKS, ROOT
from drive import CONTROL_SELECTORS, delete_sessions, execution_counts, error_outputs, operate, panel_snapshot, run_all_cells, wait_change, wait_idle

pytestmark = pytest.mark.browser

SOURCE_TEXTS = [p.read_text(encoding="utf-8") for p in (ROOT / "data" / "sources").glob("*.txt")]


def _verbatim_passage_in(text: str) -> bool:
    """True if the text shows a passage of at least 40 characters that occurs verbatim in a source."""
    for chunk in re.split(r"[\n“”\"]+", text):
        chunk = chunk.strip()
        if len(chunk) >= 40 and any(chunk in src for src in SOURCE_TEXTS):
            return True
    return False


def _uses_panels(path) -> bool:
    return "widgets." in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_in_jupyterlab(lab, page, nb):
    delete_sessions(lab["base"], lab["token"])
    page.goto(f"{lab['base']}/lab/tree/notebooks/{nb.name}?token={lab['token']}&reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    wait_idle(page)
    run_all_cells(page)
    page.wait_for_timeout(500)
    wait_idle(page, timeout=180_000)

    assert error_outputs(page) == [], f"{nb.name}: error output after Run All Cells"
    n_code = len(re.findall(r'"cell_type": "code"', nb.read_text(encoding="utf-8")))
    counts = execution_counts(page)
    assert len(counts) == n_code and all(isinstance(c, int) and c > 0 for c in counts), f"{nb.name}: not every cell ran"

    panels = page.locator(".nep-panel")
    if _uses_panels(nb):
        assert panels.count() >= 1, f"{nb.name}: no chart panel rendered"
    def settle():
        page.wait_for_timeout(150)
        wait_idle(page)

    operated = 0
    for i in range(panels.count()):
        panel = panels.nth(i)
        panel.scroll_into_view_if_needed()
        src, alt = panel_snapshot(panel)
        assert src.startswith("data:image/png;base64,") and len(src) > 1000, f"{nb.name} panel {i}: no chart image"
        assert len(alt) > 40, f"{nb.name} panel {i}: no text alternative"
        for kind, selector in CONTROL_SELECTORS.items():
            controls = panel.locator(selector)
            for j in range(controls.count()):
                before = panel_snapshot(panel) + (panel.locator(".nep-provenance").first.inner_text(),)
                done, undo = operate(page, panel, kind, controls.nth(j), settle)
                if not done:
                    continue
                after = wait_change(page, panel, before[:2], timeout=10) + (panel.locator(".nep-provenance").first.inner_text(),)
                assert after != before, f"{nb.name} panel {i}: '{done}' changed neither chart, text nor passages"
                operated += 1
                undo()
        assert error_outputs(page) == [], f"{nb.name} panel {i}: error after operating controls"
        chooser = panel.locator(".widget-dropdown").filter(has_text="Sources for").locator("select")
        if chooser.count():
            values = [o.get_attribute("value") for o in chooser.first.locator("option").all()]
            for v in values[1:] or values:
                chooser.first.select_option(v)
                settle()
                if _verbatim_passage_in(panel.locator(".nep-provenance").first.inner_text()):
                    break
        prov = panel.locator(".nep-provenance").first.inner_text()
        assert _verbatim_passage_in(prov) or "lost" in prov.lower() or "independent" in prov.lower(), (
            f"{nb.name} panel {i}: the passages panel shows no verbatim passage"
        )

    exercises = page.locator(".nep-exercise")
    for i in range(exercises.count()):
        ex = exercises.nth(i)
        ex.scroll_into_view_if_needed()
        box = ex.locator("input[type=text], textarea")
        if box.count():
            box.first.fill("1")
            box.first.press("Enter")
        else:
            ex.locator("input[type=radio], select option").first.click()
        ex.get_by_role("button", name="Check").click()
        page.wait_for_timeout(200)
        wait_idle(page)
        assert ex.locator("[role=status]").first.inner_text().strip(), f"{nb.name} exercise {i}: no feedback"

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{nb.stem}.png"), full_page=False)
    if _uses_panels(nb):
        assert operated >= 1, f"{nb.name}: no control could be operated"
    delete_sessions(lab["base"], lab["token"])
