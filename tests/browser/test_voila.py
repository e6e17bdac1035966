"""Every notebook renders as a Voilà app without error, and one view of every kind present responds."""

from __future__ import annotations

import time

import pytest
from drive import CONTROL_SELECTORS, VIEW_KINDS, answer_exercise, operate, snapshot, wait_change

from conftest import ARTIFACTS, NOTEBOOKS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_in_voila(voila, page, nb):
    page.goto(f"{voila['base']}/voila/render/{nb.name}", timeout=180_000)
    page.wait_for_function(
        "() => !document.querySelector('#loading') || document.querySelector('#loading').style.display === 'none'",
        timeout=180_000,
    )
    page.wait_for_timeout(500)
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "Error displaying widget" not in body, f"{nb.name}: error in the Voilà page"

    def settle():
        page.wait_for_timeout(300)

    for cls in VIEW_KINDS:
        views = page.locator(f".{cls}")
        if not views.count():
            continue
        view = views.first
        view.scroll_into_view_if_needed()
        if cls in ("nep-panel", "nep-explorer"):
            t0 = time.monotonic()
            while not snapshot(view)[0] and time.monotonic() - t0 < 60:
                time.sleep(0.3)
        done = ""
        for kind, selector in CONTROL_SELECTORS.items():
            controls = view.locator(selector)
            for j in range(controls.count()):
                before = snapshot(view)
                done, _ = operate(page, view, kind, controls.nth(j), settle)
                if done:
                    assert wait_change(page, view, before, timeout=30) != before, (
                        f"{nb.name} {cls}: '{done}' did nothing in Voilà"
                    )
                    break
            if done:
                break
        assert done, f"{nb.name} {cls}: no control could be operated in Voilà"
    exercises = page.locator(".nep-exercise")
    if exercises.count():
        answer_exercise(page, exercises.first, settle, f"{nb.name} exercise 0 (Voilà)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"voila-{nb.stem}.png"))
