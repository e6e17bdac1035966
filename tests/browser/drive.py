"""Driving course notebooks in a real browser: run them, operate every control, read charts back.

The course's panels carry CSS classes (set in helpers.widgets): ``nep-panel`` around a panel,
``nep-chart`` on the chart image, ``nep-textalt`` on the text alternative, ``nep-provenance`` on the
passages panel. Exercises carry ``nep-exercise``.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request

CONTROL_SELECTORS = {
    "dropdown": ".widget-dropdown select",
    "slider": ".widget-slider .noUi-handle, .widget-hslider .noUi-handle",
    "toggle": ".widget-toggle-buttons",
    "checkbox": ".widget-checkbox input[type=checkbox]",
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
    page.get_by_role("menuitem", name=re.compile(r"^Run All Cells")).filter(has_text=re.compile(r"^Run All Cells")).first.click()


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
    errors += page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.stderr'] .ansi-red-fg").all_inner_texts()
    errors += [t for t in page.locator(".jupyter-widgets").all_inner_texts() if "Error displaying widget" in t]
    return errors


def panel_snapshot(panel) -> tuple[str, str]:
    img = panel.locator("img.nep-chart, .nep-chart img").first
    src = img.get_attribute("src") or ""
    alt = panel.locator(".nep-textalt").first.inner_text()
    return src, alt


def operate(page, panel, kind: str, el, settle):
    """Operate one control as a user would; return (description, undo) or ("", None) if there is nothing to do.

    ``undo`` puts the control back, so that each control is tested from the panel's default view.
    """
    if el.is_disabled():  # a control the panel has switched off because it has no effect now
        return "", None
    if kind == "dropdown":
        current = el.input_value()
        values = [o.get_attribute("value") for o in el.locator("option").all()]
        target = next((v for v in values if v != current), None)
        if target is None:
            return "", None
        el.select_option(target)
        settle()
        return f"dropdown -> option {target}", lambda: (el.select_option(current), settle())
    if kind == "slider":
        readout = panel.locator(".widget-readout").first
        before = readout.inner_text() if readout.count() else ""
        el.focus()
        el.press("ArrowRight")
        settle()
        key, back = "ArrowRight", "ArrowLeft"
        if readout.count() and readout.inner_text() == before:
            el.press("ArrowLeft")
            settle()
            key, back = "ArrowLeft", "ArrowRight"
        return f"slider moved by keyboard ({key})", lambda: (el.focus(), el.press(back), settle())
    if kind == "toggle":
        buttons = el.locator("button")
        active = next((i for i in range(buttons.count()) if "mod-active" in (buttons.nth(i).get_attribute("class") or "")), None)
        for i in range(buttons.count()):
            if i != active:
                b = buttons.nth(i)
                b.click()
                settle()
                undo = (lambda: (buttons.nth(active).click(), settle())) if active is not None else (lambda: None)
                return f"toggle -> {b.inner_text()}", undo
        return "", None
    if kind == "checkbox":
        el.click()
        settle()
        return "checkbox flipped", lambda: (el.click(), settle())
    raise ValueError(kind)


def wait_change(page, panel, before: tuple[str, str], timeout: float = 20) -> tuple[str, str]:
    t0 = time.monotonic()
    now = panel_snapshot(panel)
    while now == before and time.monotonic() - t0 < timeout:
        time.sleep(0.2)
        now = panel_snapshot(panel)
    return now
