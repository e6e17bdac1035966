"""Every notebook in JupyterLab in a real browser: runs clean, every view renders, every control works.

For each notebook: Run All Cells, no error output, every code cell ran; then every view a student
operates — chart panels, explorers, original/translation toggles, timelines, switches — has each of
its controls operated, checked to change the view, and undone; a panel's passages show a verbatim
source passage; every exercise is answered and gives feedback. The number of views of each kind is
checked against the notebook's stored outputs (each static output names its kind), so a view that
fails to render cannot go unnoticed. The counts are written to test-artifacts/browser/operated-*.json.

Run with the rest of the suite (`make test`); marked `browser`.
"""

from __future__ import annotations

import json
import re

import pytest
from drive import (
    VIEW_KINDS,
    answer_exercise,
    delete_sessions,
    error_outputs,
    execution_counts,
    open_and_run_all,
    operate_view,
    snapshot,
    wait_idle,
)

from conftest import ARTIFACTS, NOTEBOOKS, ROOT

pytestmark = pytest.mark.browser

SOURCE_TEXTS = [p.read_text(encoding="utf-8") for p in (ROOT / "data" / "sources").glob("*.txt")]


def _verbatim_passage_in(text: str) -> bool:
    """True if the text shows a passage of at least 40 characters that occurs verbatim in a source."""
    for chunk in re.split(r"[\n“”\"]+", text):
        chunk = chunk.strip()
        if len(chunk) >= 40 and any(chunk in src for src in SOURCE_TEXTS):
            return True
    return False


def stored_views(nb) -> dict[str, int]:
    """How many top-level views of each kind the notebook's stored outputs show (``nep-static-<kind>``)."""
    counts: dict[str, int] = {}
    for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
        for out in cell.get("outputs", []):
            html = "".join(out.get("data", {}).get("text/html", ""))
            m = re.match(r'<div class="nep-static-view nep-static-(\w+)">', html)
            if m:
                counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    return counts


def live_views(page, kind: str) -> int:
    """How many views of ``kind`` the page shows that are not inside another view."""
    return page.evaluate(
        """(cls) => [...document.querySelectorAll('.' + cls)]
            .filter(e => !e.parentElement.closest('.nep-view')).length""",
        f"nep-{kind}",
    )


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_in_jupyterlab(lab, page, nb):
    open_and_run_all(page, lab, nb.name)

    assert error_outputs(page) == [], f"{nb.name}: error output after Run All Cells"
    n_code = len(re.findall(r'"cell_type": "code"', nb.read_text(encoding="utf-8")))
    counts = execution_counts(page)
    assert len(counts) == n_code and all(isinstance(c, int) and c > 0 for c in counts), f"{nb.name}: not every cell ran"

    expected = stored_views(nb)
    for kind, n in expected.items():
        assert live_views(page, kind) == n, (
            f"{nb.name}: {n} {kind} view(s) in the stored outputs, {live_views(page, kind)} live"
        )

    def settle():
        page.wait_for_timeout(150)
        wait_idle(page)

    report = {"notebook": nb.name, "views": {}, "controls": {}, "exercises": 0}
    for cls in VIEW_KINDS:
        views = page.locator(f".{cls}")
        report["views"][cls] = views.count()
        report["controls"][cls] = 0
        for i in range(views.count()):
            view = views.nth(i)
            view.scroll_into_view_if_needed()
            label = f"{nb.name} {cls} {i}"
            if cls in ("nep-panel", "nep-explorer"):
                src, alt, _ = snapshot(view)
                assert src.startswith("data:image/png;base64,") and len(src) > 1000, f"{label}: no chart image"
                assert len(alt) > 40, f"{label}: no text description"
            n = operate_view(page, view, settle, label)
            assert n >= 1, f"{label}: no control could be operated"
            report["controls"][cls] += n
            assert error_outputs(page) == [], f"{label}: error after operating its controls"
            if cls == "nep-panel":
                _check_passages(view, settle, label)

    exercises = page.locator(".nep-exercise")
    for i in range(exercises.count()):
        answer_exercise(page, exercises.nth(i), settle, f"{nb.name} exercise {i}")
        report["exercises"] += 1
    assert error_outputs(page) == [], f"{nb.name}: error after answering the exercises"

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"operated-{nb.stem}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    page.screenshot(path=str(ARTIFACTS / f"{nb.stem}.png"), full_page=False)
    delete_sessions(lab["base"], lab["token"])


def _check_passages(panel, settle, label: str) -> None:
    """Some period of the panel shows a passage that is verbatim in its source (or says why not)."""
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
        f"{label}: the passages area shows no verbatim passage"
    )
