"""Every notebook's student edition renders as a Voilà app without error; one view of every kind present responds."""

from __future__ import annotations

import pytest
from drive import (
    ARTIFACTS,
    CONTROL_SELECTORS,
    NOTEBOOKS,
    VIEW_KINDS,
    answer_exercise,
    operate,
    snapshot,
    wait_change,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_in_voila(voila_notebook, nb):
    page = voila_notebook(nb.name).page
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and "Error displaying widget" not in body, f"{nb.name}: error in the Voilà page"

    def settle():  # Voilà has no kernel status to wait for; each change is awaited by wait_change
        pass

    for cls in VIEW_KINDS:
        views = page.locator(f".{cls}")
        if not views.count():
            continue
        view = views.first
        view.scroll_into_view_if_needed()
        if cls in ("nep-panel", "nep-explorer"):
            assert snapshot(view)[0], f"{nb.name} {cls}: no chart image in Voilà"
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
