"""Everything readable at 1366×768: every notebook's student edition, run in JupyterLab in a window of a
common student laptop, with JupyterLab's default layout (file browser open).

For each notebook, after *Run All* (on the page the other JupyterLab tests of the notebook use,
``lab_notebook``, before any of them operates a control): no text inside a course output is cut off (by
an element that hides or scrolls its overflow, or by an ellipsis) or runs past the notebook's right edge;
no drop-down is narrower than the value it shows; no HTML text and no chart text is smaller than 11 px as
displayed (a chart image's smallest text in CSS px is its figure's smallest font size × dpi / 72 × the
displayed image scale; the renderer writes the first two into ``data-min-text-px``). Every problem found
is listed in the failure, and the measurements go to test-artifacts/readability/<notebook>.json. With
``NEP_SCREENSHOTS=1`` screenshots go beside them, for a person to look at: the whole notebook, one
window-height at a time, and each chart and exercise at the top of the window (they cost about a
minute a notebook, so the routine run leaves them out).

Run with the browser stage (`make test-browser`); one notebook with ``-k 01_recovery``.
"""

from __future__ import annotations

import json
import os

import pytest
from readability import MIN_TEXT_PX, measure, scroll_screenshots

from conftest import NOTEBOOKS, ROOT

pytestmark = pytest.mark.browser

OUT = ROOT / "test-artifacts" / "readability"

#: true once every image in the page has loaded (a chart's displayed scale is read from its size)
IMAGES_LOADED = "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_everything_readable_at_1366x768(lab_notebook, nb):
    page = lab_notebook(nb.name, viewport=(1366, 768)).page
    page.wait_for_function(IMAGES_LOADED)
    result = measure(page)
    OUT.mkdir(parents=True, exist_ok=True)
    result["screenshots"] = _screenshots(page, nb) if os.environ.get("NEP_SCREENSHOTS") == "1" else []
    (OUT / f"{nb.stem}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    checked = result["checked"]
    assert checked["texts"] > 50, f"{nb.name}: only {checked['texts']} texts measured: did the notebook render?"
    problems = [f"{p['kind']}: {p['where']} — {p['detail']}" for p in result["problems"]]
    assert not problems, (
        f"{nb.name} at 1366×768: {len(problems)} readability problems (minimum text {MIN_TEXT_PX} px):\n"
        + "\n".join(problems[:40])
    )


def _screenshots(page, nb) -> list[str]:
    """The whole notebook a window at a time, then each chart and exercise at the top of the window."""
    shots = scroll_screenshots(page, str(OUT / nb.stem))
    views = page.locator(".nep-panel, .nep-explorer, .nep-exercise")
    for i in range(views.count()):  # as a student sees it
        views.nth(i).evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_function(IMAGES_LOADED)
        path = OUT / f"{nb.stem}-view-{i:02d}.png"
        page.screenshot(path=str(path))
        shots.append(str(path))
    return [str(p) for p in shots]
