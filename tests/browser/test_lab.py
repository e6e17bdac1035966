"""Every notebook's student edition in JupyterLab in a real browser: runs clean, every view renders with
its chart, description and passages, every exercise answers. Each notebook is opened and run once (the
``lab_notebook`` fixture) for these tests and for the readability, axe, keyboard and self-check tests of
the same notebook.

For each notebook: Run All Cells, no error output, every code cell ran; every chart panel and explorer
shows a chart image and a text description; a panel's passages show a verbatim source passage; every
exercise is answered and gives feedback. The number of views of each kind is checked against the
notebook's stored outputs (each static output names its kind), so a view that fails to render cannot go
unnoticed. That every control of every view leads somewhere is shown by test_keyboard.py, which operates
each of them from the keyboard on the same page (counts in test-artifacts/browser/keyboard-*.json).

Run with the rest of the suite (`make test`); marked `browser`.
"""

from __future__ import annotations

import json
import re

import pytest
from drive import (
    ARTIFACTS,
    NOTEBOOKS,
    ROOT,
    answer_exercise,
    error_outputs,
    execution_counts,
    expected_errors,
    settle,
    snapshot,
)

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


IDS = [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_every_cell_runs_clean(lab_notebook, nb):
    opened = lab_notebook(nb.name)
    page = opened.page
    assert error_outputs(page) == [], f"{nb.name}: error output after Run All Cells"
    n_code = len(re.findall(r'"cell_type": "code"', opened.path.read_text(encoding="utf-8")))
    counts = execution_counts(page)
    assert len(counts) == n_code and all(isinstance(c, int) and c > 0 for c in counts), f"{nb.name}: not every cell ran"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_an_error_shown_on_purpose_is_its_message_only(lab_notebook, nb):
    """A cell tagged ``raises-exception`` (a course error, to learn to read one) shows the message, no traceback."""
    for shown in expected_errors(lab_notebook(nb.name).page):
        assert shown.strip() and "Traceback" not in shown and "File " not in shown and "----" not in shown, (
            f"{nb.name}: an error shown on purpose carries a traceback: {shown[:300]}"
        )


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_every_view_renders(lab_notebook, nb):
    opened = lab_notebook(nb.name)
    for kind, n in stored_views(opened.path).items():
        assert live_views(opened.page, kind) == n, (
            f"{nb.name}: {n} {kind} view(s) in the stored outputs, {live_views(opened.page, kind)} live"
        )


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_every_chart_has_its_description_and_every_panel_a_verbatim_passage(lab_notebook, nb):
    """Each chart panel and explorer shows a chart image and a text description; each panel's passages
    area shows a passage verbatim from its source. (That every control of these views changes what they
    show is tested from the keyboard, on the same page: test_keyboard.py.)"""
    page = lab_notebook(nb.name).page
    for cls in ("nep-panel", "nep-explorer"):
        views = page.locator(f".{cls}")
        for i in range(views.count()):
            view = views.nth(i)
            label = f"{nb.name} {cls} {i}"
            src, alt, _ = snapshot(view)
            assert src.startswith("data:image/png;base64,") and len(src) > 1000, f"{label}: no chart image"
            assert len(alt) > 40, f"{label}: no text description"
            if cls == "nep-panel":
                view.scroll_into_view_if_needed()
                _check_passages(view, lambda: settle(page), label)
    assert error_outputs(page) == [], f"{nb.name}: error after choosing the periods of the passages"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{nb.stem}.png"), full_page=False)


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=IDS)
def test_every_exercise_gives_feedback(lab_notebook, nb):
    page = lab_notebook(nb.name).page
    exercises = page.locator(".nep-exercise")
    if not exercises.count():
        assert "ex.show(" not in nb.read_text(encoding="utf-8"), f"{nb.name}: exercises declared, none shown"
        pytest.skip(f"{nb.name} has no exercise")
    for i in range(exercises.count()):
        answer_exercise(page, exercises.nth(i), lambda: settle(page), f"{nb.name} exercise {i}")
    assert error_outputs(page) == [], f"{nb.name}: error after answering the exercises"


def _check_passages(panel, settle, label: str) -> None:
    """Some period of the panel shows a passage that is verbatim in its source (or says why not)."""
    chooser = panel.locator(".widget-dropdown").filter(has_text="Sources for").locator("select")
    if chooser.count():
        values = [o.get_attribute("value") for o in chooser.first.locator("option").all()]
        for v in values[1:] or values:
            if v == chooser.first.input_value():
                continue
            chooser.first.select_option(v)
            settle()  # the kernel has answered: the passages shown are those of the chosen period
            if _verbatim_passage_in(panel.locator(".nep-provenance").first.inner_text()):
                break
    prov = panel.locator(".nep-provenance").first.inner_text()
    assert _verbatim_passage_in(prov) or "lost" in prov.lower() or "independent" in prov.lower(), (
        f"{label}: the passages area shows no verbatim passage"
    )
