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
import time
import urllib.request

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


def open_and_run_all(page, lab: dict, notebook_name: str) -> None:
    """Open a notebook afresh in JupyterLab (no old kernel session), run all its cells and wait until idle."""
    delete_sessions(lab["base"], lab["token"])
    page.goto(f"{lab['base']}/lab/tree/notebooks/{notebook_name}?token={lab['token']}&reset")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    wait_idle(page)
    run_all_cells(page)
    page.wait_for_timeout(500)
    wait_idle(page, timeout=180_000)


def execution_counts(page) -> list:
    """Execution count of every code cell of the open notebook, read from JupyterLab's model
    (collapsed solution cells show no prompt, so the DOM alone cannot tell)."""
    return page.evaluate(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            return panel.content.widgets.filter(c => c.model.type === 'code').map(c => c.model.executionCount);
        }"""
    )


def error_outputs(page) -> list[str]:
    texts = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    errors = [t for t in texts if "Traceback" in t or "Error" in t]
    errors += page.locator(
        ".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr'] .ansi-red-fg"
    ).all_inner_texts()
    errors += [t for t in page.locator(".jupyter-widgets").all_inner_texts() if "Error displaying widget" in t]
    return errors


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


def wait_change(page, view, before: tuple, timeout: float = 20) -> tuple:
    """Poll the view's snapshot until it differs from ``before`` (or the timeout passes)."""
    t0 = time.monotonic()
    now = snapshot(view)[: len(before)]
    while now == before and time.monotonic() - t0 < timeout:
        time.sleep(0.2)
        now = snapshot(view)[: len(before)]
    return now


def operate_view(page, view, settle, label: str) -> int:
    """Operate every control of one view, check that each changes it, undo each; return how many."""
    operated = 0
    for kind, selector in CONTROL_SELECTORS.items():
        controls = view.locator(selector)
        for j in range(controls.count()):
            before = snapshot(view)
            done, undo = operate(page, view, kind, controls.nth(j), settle)
            if not done:
                continue
            after = wait_change(page, view, before, timeout=10)
            assert after != before, f"{label}: '{done}' changed neither the chart, its description nor the text"
            operated += 1
            undo()
    return operated


def answer_exercise(page, ex, settle, label: str) -> str:
    """Answer an exercise as a student would (type or choose, then Check) and return the feedback."""
    ex.scroll_into_view_if_needed()
    box = ex.locator("input[type=text], textarea")
    if box.count():
        box.first.fill("1")
        box.first.press("Tab")  # a text box commits on blur (continuous_update=False)
    elif ex.locator("input[type=radio]").count():
        ex.locator("input[type=radio]").first.check()
    else:  # several right options: a group of check boxes (helpers.teaching.exercises.Choice)
        ex.locator(".nep-choices input[type=checkbox]").first.check()
    settle()
    ex.get_by_role("button", name="Check").click()
    settle()
    feedback = ex.locator(".nep-feedback [role=status]")
    t0 = time.monotonic()
    while (not feedback.count() or not feedback.first.inner_text().strip()) and time.monotonic() - t0 < 10:
        time.sleep(0.2)
    text = feedback.first.inner_text().strip() if feedback.count() else ""
    assert text, f"{label}: no feedback after Check"
    assert "could not read" not in text and "Choose an option first" not in text, (
        f"{label}: the answer did not reach the kernel: {text}"
    )
    return text
