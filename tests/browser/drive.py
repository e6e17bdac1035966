"""Driving course notebooks in a real browser: run them, operate every view, read what changed.

Everything a student operates is a view (``helpers.ui.view.View``) whose box carries ``nep-view``
and a kind class: ``nep-panel`` (chart panels), ``nep-explorer`` (evidence explorers), ``nep-toggle``
(original / translation), ``nep-timeline``, ``nep-switch`` and ``nep-exercise``. Inside: ``nep-chart``
on a chart image, ``nep-textalt`` on the (collapsed) text description, ``nep-provenance`` on a panel's
passages, ``nep-feedback`` on an exercise's feedback.
"""

from __future__ import annotations

import json
import re
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
#: the course notebooks (the browser opens their student edition, written by tests/browser/conftest.py)
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@dataclass
class LabNotebook:
    """A notebook open in a browser page (JupyterLab, Notebook 7 or Voilà), run and idle."""

    name: str  #: file name, e.g. ``01_recovery.ipynb``
    path: Path  #: the student edition the server opened (read its cells and stored outputs from here)
    page: object  #: the Playwright page
    server: dict  #: base URL, token, working folder


#: the view kinds the suite operates, by CSS class
VIEW_KINDS = ("nep-panel", "nep-explorer", "nep-toggle", "nep-timeline", "nep-switch")
CONTROL_SELECTORS = {
    "dropdown": ".widget-dropdown select",
    "toggle": ".widget-toggle-buttons",
    "checkbox": ".widget-checkbox input[type=checkbox]",
    "slider": ".widget-slider .noUi-handle, .widget-hslider .noUi-handle",
    "button": ".widget-button:not(.mod-primary)",
}


def wait_idle(page, timeout: float = 120_000) -> None:
    """Wait for JupyterLab's status bar to say Idle and no cell to be queued or running."""
    page.wait_for_function(
        """() => {
            const bar = document.querySelector('#jp-main-statusbar');
            if (!bar || !bar.innerText.includes('Idle')) return false;
            const prompts = [...document.querySelectorAll('.jp-InputArea-prompt')];
            return !prompts.some(p => p.innerText.includes('*'));
        }""",
        timeout=timeout,
    )


#: Resolves once the kernel has handled everything the page sent it before (a control's change and the
#: course's handler of it, which runs to the end inside the kernel) and the page has handled every message
#: that came back: a silent, empty execute request queues behind them on the kernel's shell channel, and
#: JupyterLab and Notebook 7 handle a kernel's messages in order (a widget's new state included), so its
#: reply comes after all of them. Two animation frames later the page has drawn the result. Null without a
#: kernel in the page (Voilà: there the test waits for the change it expects instead).
ROUND_TRIP_JS = """async () => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const ctx = panel && panel.sessionContext;
    const kernel = ctx && ctx.session && ctx.session.kernel;
    if (!kernel) return null;
    await kernel.requestExecute({code: '', silent: true, store_history: false}).done;
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    return kernel.status;
}"""


def settle(page) -> None:
    """Wait until the kernel has handled what the page sent it (a control's change) and the page shows the
    answer: a round trip to the kernel, not a guess at how long it takes."""
    if page.evaluate(ROUND_TRIP_JS) is None:
        raise RuntimeError("settle(): the page has no kernel to wait for (Voilà? wait for the change itself)")


def delete_sessions(base: str, token: str) -> None:
    req = urllib.request.Request(f"{base}/api/sessions?token={token}")
    with urllib.request.urlopen(req) as r:
        sessions = json.load(r)
    for s in sessions:
        urllib.request.urlopen(urllib.request.Request(f"{base}/api/sessions/{s['id']}?token={token}", method="DELETE"))


def run_all_cells(page) -> None:
    page.locator("#jp-menu-panel, .lm-MenuBar").get_by_text("Run", exact=True).first.click()
    page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).filter(
        has_text=re.compile(r"^Run All Cells")
    ).first.click()


#: true once every code cell of the open notebook has run (an execution count) and none is queued
ALL_CELLS_RAN = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    if (!panel || !panel.content || !panel.sessionContext) return false;
    const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
    if (!kernel || kernel.status !== 'idle') return false;
    const code = panel.content.widgets.filter(c => c.model.type === 'code');
    return code.length > 0 && code.every(c => typeof c.model.executionCount === 'number' && c.model.executionCount > 0)
        && ![...document.querySelectorAll('.jp-InputArea-prompt')].some(p => p.innerText.includes('*'));
}"""


#: true once the open notebook's kernel is connected and idle
KERNEL_IDLE = """() => { const p = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    const k = p && p.sessionContext && p.sessionContext.session && p.sessionContext.session.kernel;
    return k && k.status === 'idle'; }"""
#: what the page knows of the open notebook's kernel (for a failure message)
KERNEL_STATUS = """() => { if (!window.jupyterapp) return 'no jupyterapp in the page';
    const p = window.jupyterapp.shell.currentWidget;
    if (!p || !p.sessionContext) return 'no notebook panel is current';
    const k = p.sessionContext.session && p.sessionContext.session.kernel;
    return k ? k.status + ' / ' + k.connectionStatus : 'no kernel session'; }"""


def open_and_run_all(page, server: dict, notebook_name: str, app: str = "lab") -> None:
    """Open a notebook afresh (no old kernel session) in JupyterLab (``app="lab"``) or Notebook 7
    (``app="notebooks"``), run all its cells and wait until every code cell has run."""
    delete_sessions(server["base"], server["token"])
    # JupyterLab opens a file at /lab/tree/<path>; Notebook 7 at /notebooks/<path> (its /tree/ is the file
    # browser, and /notebooks/tree/<path> a file that does not exist: a page without a kernel)
    where = {"lab": "lab/tree", "notebooks": "notebooks"}[app]
    reset = "&reset" if app == "lab" else ""
    url = f"{server['base']}/{where}/notebooks/{notebook_name}?token={server['token']}{reset}"
    for attempt in (1, 2):
        page.goto(url)
        page.wait_for_selector(".jp-Notebook .jp-Cell")
        try:
            page.wait_for_function(KERNEL_IDLE, timeout=120_000)
            break
        except PlaywrightTimeout:
            # a kernel that never reported itself ready (seen once on a loaded 2-core machine): keep a picture
            # of the page and what it said, then open the notebook once more with a fresh session
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"no-kernel-{app}-{Path(notebook_name).stem}-{attempt}.png"))
            status = page.evaluate(KERNEL_STATUS)
            if attempt == 2:
                msg = f"{notebook_name} ({app}): no idle kernel after two tries; kernel: {status}"
                raise AssertionError(msg) from None
            delete_sessions(server["base"], server["token"])
    run_all_cells(page)
    page.wait_for_function(ALL_CELLS_RAN, timeout=300_000)


#: what a Voilà page shows so far, against the views it should draw: what :func:`wait_voila` waits on, and
#: what a stalled render reports
VOILA_STATE = """(views) => ({
    loading: !!document.querySelector('#loading') && document.querySelector('#loading').style.display !== 'none',
    views: Object.fromEntries(Object.keys(views).map(k => [k, document.querySelectorAll('.nep-' + k).length])),
    loading_widgets: [...document.querySelectorAll('.jupyter-widgets')]
        .filter(w => w.textContent === 'Loading widget...').length,
    charts_without_image: [...document.querySelectorAll('.nep-panel, .nep-explorer')].filter(v => {
        const i = v.querySelector('img'); return !(i && (i.src || '').length > 1000 && i.complete); }).length })"""

#: a Voilà page is ready when its notebook has run and every view, widget and chart image is in
VOILA_READY = f"""(views) => {{ const s = ({VOILA_STATE})(views);
    return !s.loading && Object.entries(views).every(([kind, n]) => s.views[kind] >= n)
        && s.loading_widgets === 0 && s.charts_without_image === 0; }}"""


def wait_voila(page, views: dict[str, int], timeout: int = 300_000) -> None:
    """Wait until a Voilà page has run its notebook and drawn its widgets: at least ``views``
    (:func:`stored_views` of the notebook) views of each kind, no "Loading widget..." left and every chart
    image in.
    Voilà draws the widgets well after the page has loaded (waiting for the page alone let the tests see
    a page with few or no views yet: the cause of the Voilà failures "under load")."""
    page.wait_for_function(VOILA_READY, arg=views, timeout=timeout)


def open_voila(page, base: str, notebook_name: str, views: dict[str, int]) -> None:
    """Render a notebook as a Voilà app and wait for its views; a render that never completes is
    pictured, described and rendered once more (a fresh kernel). Seen on the longest notebook, the
    optional numbers lab (07): alone it renders in 20 s, but twice in the full suite a render stalled
    past five minutes, once on an idle machine."""
    for attempt in (1, 2):
        page.goto(f"{base}/voila/render/{notebook_name}", timeout=180_000)
        try:
            wait_voila(page, views, timeout=180_000 if attempt == 1 else 300_000)
            return
        except PlaywrightTimeout:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"voila-stalled-{Path(notebook_name).stem}-{attempt}.png"))
            state = page.evaluate(VOILA_STATE, views)
            print(f"{notebook_name} (Voilà), render {attempt} stalled: expected {views}, page shows {state}")
            if attempt == 2:
                msg = f"{notebook_name} (Voilà): no complete render after two tries; expected {views}, page: {state}"
                raise AssertionError(msg) from None


def stored_views(nb: Path) -> dict[str, int]:
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


def execution_counts(page) -> list:
    """Execution count of every code cell of the open notebook, read from JupyterLab's model
    (collapsed solution cells show no prompt, so the DOM alone cannot tell)."""
    return page.evaluate(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            return panel.content.widgets.filter(c => c.model.type === 'code').map(c => c.model.executionCount);
        }"""
    )


#: error outputs of the open notebook's code cells, read from JupyterLab's (or Notebook 7's) model:
#: ``{unexpected: [...], expected: [...]}``, the second for cells tagged ``raises-exception`` (an error
#: shown on purpose, e.g. to teach reading the message), or null outside JupyterLab and Notebook 7
ERRORS_JS = """() => {
    const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
    if (!panel || !panel.content || !panel.content.widgets) return null;
    const out = {unexpected: [], expected: []};
    for (const cell of panel.content.widgets) {
        if (cell.model.type !== 'code') continue;
        const tags = cell.model.getMetadata('tags') || [];
        const into = tags.includes('raises-exception') ? out.expected : out.unexpected;
        for (const o of cell.model.outputs.toJSON()) {
            if (o.output_type === 'error') into.push((o.traceback || []).join('\\n') || (o.ename + ': ' + o.evalue));
            else if (o.output_type === 'stream' && o.name === 'stderr') {
                const text = Array.isArray(o.text) ? o.text.join('') : o.text;
                if (/Traceback|Error/.test(text)) out.unexpected.push(text);
            }
        }
    }
    return out;
}"""


def error_outputs(page) -> list[str]:
    """Errors a student would see that nobody meant: error and traceback outputs (except in cells tagged
    ``raises-exception``) and widgets that failed to display."""
    found = page.evaluate(ERRORS_JS)
    if found is not None:
        errors = list(found["unexpected"])
    else:  # Voilà: the page's text
        texts = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
        errors = [t for t in texts if "Traceback" in t or "Error" in t]
    errors += [t for t in page.locator(".jupyter-widgets").all_inner_texts() if "Error displaying widget" in t]
    return errors


def expected_errors(page) -> list[str]:
    """What the cells tagged ``raises-exception`` show (each should be the course's message, no traceback)."""
    found = page.evaluate(ERRORS_JS)
    return [] if found is None else found["expected"]


def snapshot(view) -> tuple[str, str, str]:
    """(chart image, text description, all text) of a view: what a change must alter.

    The text description is read with ``textContent``: it is in the page (for screen readers)
    even while its disclosure is closed.
    """
    img = view.locator("img.nep-chart, .nep-chart img")
    src = (img.first.get_attribute("src") or "") if img.count() else ""
    alt = view.locator(".nep-textalt")
    alt_text = (alt.first.text_content() or "") if alt.count() else ""
    return src, alt_text, view.text_content() or ""


def panel_snapshot(panel) -> tuple[str, str]:
    """(chart image, text description) of a chart panel."""
    return snapshot(panel)[:2]


def _operable(el) -> bool:
    return el.is_visible() and not el.is_disabled()


def operate(page, view, kind: str, el, settle):
    """Operate one control as a user would; return (description, undo) or ("", None) if there is nothing to do.

    ``undo`` puts the control back, so that each control is tested from the view's default state.
    """
    if kind in ("dropdown", "checkbox", "slider", "button") and not _operable(el):
        return "", None  # hidden (one series: no check box) or switched off (it would have no effect now)
    if kind == "dropdown":
        current = el.input_value()
        values = [o.get_attribute("value") for o in el.locator("option").all()]
        target = next((v for v in values if v != current), None)
        if target is None:
            return "", None
        el.select_option(target)
        settle()
        return f"dropdown -> option {target}", lambda: (el.select_option(current), settle())
    if kind == "toggle":
        if not el.is_visible():
            return "", None
        buttons = el.locator("button")
        active = next(
            (i for i in range(buttons.count()) if "mod-active" in (buttons.nth(i).get_attribute("class") or "")), None
        )
        for i in range(buttons.count()):
            b = buttons.nth(i)
            if i != active and not b.is_disabled():
                b.click()
                settle()
                undo = (lambda: (buttons.nth(active).click(), settle())) if active is not None else (lambda: None)
                return f"toggle -> {b.inner_text()}", undo
        return "", None
    if kind == "checkbox":
        el.click()
        settle()
        return "checkbox flipped", lambda: (el.click(), settle())
    if kind == "slider":
        el.focus()
        el.press("ArrowRight")
        settle()
        return "slider moved by keyboard", lambda: (el.focus(), el.press("ArrowLeft"), settle())
    if kind == "button":  # Previous / Next of a timeline: the other one undoes it
        label = el.inner_text().strip()
        el.click()
        settle()
        back = "Previous" if "Next" in label else "Next"
        other = view.locator(".widget-button").filter(has_text=back).first
        return f"button {label}", lambda: (other.click(), settle())
    raise ValueError(kind)


#: (chart image, text description, all text) of a view element, as :func:`snapshot` reads them
SNAPSHOT_JS = """(v) => {
    const img = v.querySelector('img.nep-chart, .nep-chart img');
    const alt = v.querySelector('.nep-textalt');
    return [img ? (img.getAttribute('src') || '') : '', alt ? (alt.textContent || '') : '', v.textContent || ''];
}"""


def wait_change(page, view, before: tuple, timeout: float = 20) -> tuple:
    """Wait until the view's snapshot differs from ``before`` (or ``timeout`` seconds pass); return it."""
    handle = view.element_handle()
    try:
        page.wait_for_function(
            f"([v, before]) => {{ const now = ({SNAPSHOT_JS})(v).slice(0, before.length);"
            " return now.some((x, i) => x !== before[i]); }",
            arg=[handle, list(before)],
            timeout=timeout * 1000,
        )
    except Exception as exc:  # the caller asserts on the result and names the control
        if "Timeout" not in type(exc).__name__:
            raise
    return snapshot(view)[: len(before)]


def answer_exercise(page, ex, settle, label: str) -> str:
    """Answer an exercise as a student would (type or choose, then Check) and return the feedback."""
    ex.scroll_into_view_if_needed()
    box = ex.locator("input[type=text], textarea")
    if box.count():
        box.first.fill("1")
        box.first.press("Tab")  # a text box commits on blur (continuous_update=False)
    elif ex.locator("input[type=radio]").count():
        ex.locator("input[type=radio]").first.check()
    else:  # several right options: a group of check boxes (helpers.ui.exercises.Choice)
        ex.locator(".nep-choices input[type=checkbox]").first.check()
    settle()
    ex.get_by_role("button", name="Check").click()
    settle()
    feedback = ex.locator(".nep-feedback [role=status]")
    expect(feedback.first).to_have_text(re.compile(r"\S"), timeout=20_000)
    text = feedback.first.inner_text().strip()
    assert text, f"{label}: no feedback after Check"
    assert "could not read" not in text and "Choose an option first" not in text, (
        f"{label}: the answer did not reach the kernel: {text}"
    )
    return text
