"""Keyboard only: every control of every notebook is reachable with Tab, works with keys and leads somewhere.

For each notebook's student edition, in JupyterLab after Run All (the page the other tests of the notebook
use, ``lab_notebook``): every visible, enabled control inside the course's
views (chart panels, explorers, toggles, timelines, exercises: ``.nep-view``, ``.nep-panel``,
``.nep-exercise``...) must receive focus when Tab is pressed from the first of them (a radio group is
one Tab stop), and must then do its job from the keyboard alone:

* dropdown (``select``): Alt+ArrowDown opens it, an arrow and Enter change the choice;
* list of choices (``select multiple``): ArrowDown selects an option;
* toggle buttons, buttons: Space or Enter presses them (a toggle becomes the active one; a button
  changes what its view shows);
* checkbox, radio button: Space ticks it;
* text box, text area: typing fills it; Enter commits a text box;
* slider handle: ArrowRight / ArrowLeft moves it.

A control of a view a student explores (chart panel, explorer, original/translation toggle, timeline,
switch: ``drive.VIEW_KINDS``) must also **lead somewhere**: operated from the keyboard, it changes the
view's chart, its text description or its text; every such view must have at least one control that
does. (This is the one pass that operates the views' controls: what a mouse click would do goes through
the same events of the same elements.) Every control is put back afterwards where that is possible, so
each is tried from the default view; the counts go to test-artifacts/browser/keyboard-<notebook>.json.
"""

from __future__ import annotations

import json

import pytest
from drive import ARTIFACTS, NOTEBOOKS, VIEW_KINDS, error_outputs, settle
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

VIEWS = ".nep-view, .nep-panel, .nep-explorer, .nep-exercise, .nep-toggle, .nep-timeline, .nep-switch"
CONTROLS = "select, input, textarea, button, .noUi-handle, [role=slider]"

#: Tag every visible, enabled control inside a course view with data-kbd (its index in DOM order) and
#: describe it. A control counts once even when views nest. Its ``key`` (view, kind, label and how many
#: before it in the view share them) finds it again after its view has drawn it anew (ipywidgets redraws
#: every button of a toggle whose options change, e.g. when another control changes what can be drawn).
TAG_CONTROLS = """([views, controls, kinds]) => {
    for (const old of document.querySelectorAll('[data-kbd]')) old.removeAttribute('data-kbd');
    const seen = new Set(), out = [], keys = {};
    for (const view of document.querySelectorAll(views)) {
        for (const el of view.querySelectorAll(controls)) {
            if (seen.has(el)) continue;
            seen.add(el);
            if (el.disabled || el.getAttribute('aria-disabled') === 'true') continue;
            if (!el.checkVisibility || !el.checkVisibility()) continue;
            if (el.type === 'hidden') continue;
            const i = out.length;
            el.setAttribute('data-kbd', String(i));
            let kind = el.tagName.toLowerCase();
            if (kind === 'select') kind = el.multiple ? 'select-multiple' : 'dropdown';
            else if (kind === 'input') kind = ['checkbox', 'radio'].includes(el.type) ? el.type : 'text';
            else if (kind === 'button') kind = el.closest('.widget-toggle-buttons') ? 'toggle' : 'button';
            else if (kind !== 'textarea') kind = 'slider';
            const view = [...document.querySelectorAll(views)].indexOf(el.closest(views));
            const label = (el.getAttribute('aria-label') || el.title || el.textContent || '').trim().slice(0, 60);
            const key = [view, kind, label].join('|');
            keys[key] = (keys[key] || 0) + 1;
            let top = el.closest('.nep-view');  // the outermost course view around the control
            while (top && top.parentElement.closest('.nep-view')) top = top.parentElement.closest('.nep-view');
            const explored = top && kinds.some(k => top.classList.contains(k))
                ? [...document.querySelectorAll('.nep-view')].indexOf(top) : -1;
            out.push({i, kind, name: el.name || '', label, view, explored, key: key + '|' + keys[key]});
        }
    }
    return out;
}"""

#: Control kinds that fail for a reason the course can remove in a file of another part of the course,
#: with what to change: reported in test-artifacts/browser/keyboard-*.json ("pending"), not failed.
#: Delete an entry as soon as its fix lands.
PENDING: dict[str, str] = {}

ACTIVE = """() => { const a = document.activeElement;
    return a && a.hasAttribute('data-kbd') ? Number(a.getAttribute('data-kbd')) : null; }"""


def reachable_by_tab(page, controls: list[dict]) -> set[int]:
    """Indices of the controls that receive focus when Tab is pressed, starting from the first one."""
    first = page.locator('[data-kbd="0"]')
    first.scroll_into_view_if_needed()
    first.focus()
    reached = {page.evaluate(ACTIVE)}
    last = len(controls) - 1
    for _ in range(6 * len(controls) + 200):
        page.keyboard.press("Tab")
        i = page.evaluate(ACTIVE)
        if i is not None:
            reached.add(i)
            if i == last:
                break
    return reached - {None}


VIEW_STATE_JS = """(sel, i) => {
    const v = document.querySelectorAll(sel)[i];
    if (!v) return '';
    const imgs = [...v.querySelectorAll('img')].map(im => im.src.length + ':' + im.src.slice(-40)).join('|');
    return v.innerText + '#' + imgs;
}"""


def view_state(page, view: int) -> str:
    return page.evaluate(f"([sel, i]) => ({VIEW_STATE_JS})(sel, i)", [VIEWS, view])


def find_again(page, key: str, timeout: float = 10):
    """The control with this key as the page shows it now (tagged afresh: its view may have drawn it anew
    since the first tagging), or None if no enabled, visible control has that key within ``timeout`` seconds
    (a control switched off while another was changed is switched on again when that change is undone)."""
    try:
        i = page.wait_for_function(
            f"([key, args]) => {{ const found = ({TAG_CONTROLS})(args).find(x => x.key === key);"
            " return found ? String(found.i) : null; }",
            arg=[key, [VIEWS, CONTROLS, VIEW_KINDS]],
            timeout=timeout * 1000,
        ).json_value()
    except PlaywrightTimeout:
        return None
    return page.locator(f'[data-kbd="{i}"]')


#: a fingerprint of what a course view shows: its text (the collapsed text description included) and its
#: images (a chart is a data: URI), hashed in the page
FINGERPRINT_JS = """(i) => {
    const v = document.querySelectorAll('.nep-view')[i];
    if (!v) return '';
    let h = 0;
    const s = v.textContent + [...v.querySelectorAll('img')].map(im => im.getAttribute('src') || '').join('|');
    for (let k = 0; k < s.length; k++) h = (Math.imul(31, h) + s.charCodeAt(k)) | 0;
    return s.length + ':' + h;
}"""


#: [index, kind] of every outermost course view of an explored kind (index among ``.nep-view``)
EXPLORED_VIEWS = """(kinds) => [...document.querySelectorAll('.nep-view')]
    .map((v, i) => [i, kinds.find(k => v.classList.contains(k)), v])
    .filter(([i, kind, v]) => kind && !v.parentElement.closest('.nep-view')).map(([i, kind]) => [i, kind])"""


def led_somewhere(page, c: dict, before: str) -> str | None:
    """None if the control's explored view shows something else than ``before`` (waited for: the view may
    still be drawing what the kernel sent), else what went wrong."""
    try:
        page.wait_for_function(
            f"([i, before]) => ({FINGERPRINT_JS})(i) !== before", arg=[c["explored"], before], timeout=10_000
        )
        return None
    except PlaywrightTimeout:
        return f"{c['kind']}: operated, but its view's chart, description and text stayed the same"


#: the key of a control element (tagging the page afresh), or null if it is not a tagged control
KEY_OF = f"""(el) => {{ const tags = ({TAG_CONTROLS})([{VIEWS!r}, {CONTROLS!r}, {list(VIEW_KINDS)!r}]);
    const found = tags.find(x => String(x.i) === el.getAttribute('data-kbd'));
    return found ? found.key : null; }}"""


def operate(page, c: dict, settle, led: set) -> str | None:  # noqa: C901 - one branch per kind of control
    """Operate control ``c`` with keys only; return None if it worked (and, in an explored view, changed
    what the view shows: the view is then added to ``led``), else what went wrong."""
    el = find_again(page, c["key"])
    if el is None:
        now = [x["key"] for x in page.evaluate(TAG_CONTROLS, [VIEWS, CONTROLS, VIEW_KINDS]) if x["view"] == c["view"]]
        disabled = page.evaluate(
            "([sel, i]) => [...document.querySelectorAll(sel)[i].querySelectorAll('button, select, input')]"
            ".filter(e => e.disabled).map(e => (e.title || e.textContent || '').trim())",
            [VIEWS, c["view"]],
        )
        return f"it is gone: its view's enabled controls are now {now}, disabled {disabled}"
    el.scroll_into_view_if_needed()
    el.focus()
    kind = c["kind"]
    shown = page.evaluate(FINGERPRINT_JS, c["explored"]) if c["explored"] >= 0 else None

    def changed() -> str | None:
        problem = None if shown is None else led_somewhere(page, c, shown)
        if shown is not None and problem is None:
            led.add(c["explored"])
        return problem

    if kind == "dropdown":
        # Alt+ArrowDown opens the list, the arrows move in it, Enter chooses. (A bare ArrowDown on a
        # collapsed dropdown is taken by JupyterLab's notebook shortcuts, which move to the next cell:
        # jupyter-widgets/ipywidgets#3912; in Voilà and on other pages it changes the choice directly.)
        before = el.input_value()
        if el.locator("option").count() < 2:
            return None
        for key, back in (("ArrowDown", "ArrowUp"), ("ArrowUp", "ArrowDown")):
            el.focus()
            page.keyboard.press("Alt+ArrowDown")
            page.keyboard.press(key)
            page.keyboard.press("Enter")
            settle()
            if el.input_value() != before:
                problem = changed()
                el.focus()
                page.keyboard.press("Alt+ArrowDown")
                page.keyboard.press(back)
                page.keyboard.press("Enter")
                settle()
                return problem
        return "dropdown: the keys (Alt+ArrowDown, an arrow, Enter) did not change the choice"
    if kind == "select-multiple":
        before = el.evaluate("s => [...s.selectedOptions].map(o => o.value).join('|')")
        page.keyboard.press("ArrowDown")
        settle()
        after = el.evaluate("s => [...s.selectedOptions].map(o => o.value).join('|')")
        if after != before:
            return changed()
        focus_left = page.evaluate("() => !document.activeElement || !document.activeElement.hasAttribute('data-kbd')")
        return "list of choices: ArrowDown selected nothing" + (" and took the focus away" if focus_left else "")
    if kind == "toggle":
        if "mod-active" in (el.get_attribute("class") or ""):
            return None  # the active button of its group: pressing it changes nothing, by design
        group = el.locator("xpath=ancestor::*[contains(@class,'widget-toggle-buttons')][1]")
        active = group.locator("button.mod-active")
        previous = active.first.evaluate(KEY_OF) if active.count() else None
        page.keyboard.press("Space")
        settle()
        el = find_again(page, c["key"])  # the press may have made the view draw the group anew
        if el is None or "mod-active" not in (el.get_attribute("class") or ""):
            return "toggle button: Space did not make it the active one"
        problem = changed()
        back = find_again(page, previous) if previous else None
        if back is not None:
            back.focus()
            page.keyboard.press("Space")
            settle()
        return problem
    if kind in ("checkbox", "radio"):
        before = el.is_checked()
        if kind == "radio" and before:
            return None
        page.keyboard.press("Space")
        settle()
        if el.is_checked() == before:
            # the view may have drawn the box anew between the focus and the key (a late answer of the kernel
            # to the previous control): find it again and press once more before calling it a failure
            el = find_again(page, c["key"])
            if el is not None:
                el.focus()
                page.keyboard.press("Space")
                settle()
        if el is None or el.is_checked() == before:
            return f"{kind}: Space did not tick it"
        problem = changed()
        if kind == "checkbox":
            page.keyboard.press("Space")
            settle()
        return problem
    if kind in ("text", "textarea"):
        before = el.input_value()
        page.keyboard.press("End")
        page.keyboard.type("12")
        if kind == "text":
            page.keyboard.press("Enter")
        settle()
        if el.input_value() != before + "12":
            return f"{kind}: typing did not fill it"
        el.fill(before)
        if kind == "text" and before:  # an emptied answer box needs no Enter: Enter would check an empty answer
            el.press("Enter")
        settle()
        return None
    if kind == "button":
        before = view_state(page, c["view"])
        page.keyboard.press("Enter")
        try:
            page.wait_for_function(
                f"([sel, i, before]) => ({VIEW_STATE_JS})(sel, i) !== before",
                arg=[VIEWS, c["view"], before],
                timeout=10_000,
            )
        except PlaywrightTimeout:
            return f"button {c['label']!r}: Enter changed nothing in its view"
        settle()
        return changed()
    if kind == "slider":
        before = el.get_attribute("aria-valuenow") or el.evaluate(
            "e => e.closest('.widget-slider, .widget-hslider')?.innerText || ''"
        )
        page.keyboard.press("ArrowRight")
        settle()
        now = el.get_attribute("aria-valuenow") or el.evaluate(
            "e => e.closest('.widget-slider, .widget-hslider')?.innerText || ''"
        )
        if now == before:
            page.keyboard.press("ArrowLeft")
            settle()
            now = el.get_attribute("aria-valuenow") or el.evaluate(
                "e => e.closest('.widget-slider, .widget-hslider')?.innerText || ''"
            )
        return changed() if now != before else "slider: arrow keys did not move it"
    return f"unknown control kind {kind}"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_control_by_keyboard(lab_notebook, nb):
    page = lab_notebook(nb.name).page

    controls = page.evaluate(TAG_CONTROLS, [VIEWS, CONTROLS, VIEW_KINDS])
    if not controls:
        assert "widgets." not in nb.read_text(encoding="utf-8") and "ex." not in nb.read_text(encoding="utf-8"), (
            f"{nb.name}: the notebook builds views but no control was found"
        )
        pytest.skip(f"{nb.name} has no interactive control")

    reached = reachable_by_tab(page, controls)
    radio_groups = {}
    for c in controls:
        if c["kind"] == "radio":
            radio_groups.setdefault((c["view"], c["name"]), []).append(c["i"])
    missing = []
    for c in controls:
        if c["kind"] == "radio":
            if not set(radio_groups[(c["view"], c["name"])]) & reached:
                missing.append(c)
        elif c["i"] not in reached:
            missing.append(c)
    assert not missing, f"{nb.name}: not reachable with Tab: " + "; ".join(
        f"{m['kind']} {m['label']!r} (view {m['view']})" for m in missing[:10]
    )

    failures, pending = [], []
    kinds: dict[str, int] = {}
    led: set[int] = set()  # the explored views a control was shown to change
    for c in controls:
        problem = operate(page, c, lambda: settle(page), led)
        if problem:
            where = f"{problem} (view {c['view']}, control {c['label']!r})"
            (pending if c["kind"] in PENDING else failures).append(where)
        else:
            kinds[c["kind"]] = kinds.get(c["kind"], 0) + 1
    explored = dict(page.evaluate(EXPLORED_VIEWS, list(VIEW_KINDS)))  # {index: kind} of every explored view
    failures += [
        f"{kind}: no control of the view changed it (view {i})" for i, kind in explored.items() if i not in led
    ]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"keyboard-{nb.stem}.json").write_text(
        json.dumps(
            {
                "notebook": nb.name,
                "controls": len(controls),
                "reached_by_tab": len(reached),
                "operated": kinds,
                "explored_views": {kind: sum(1 for k in explored.values() if k == kind) for kind in VIEW_KINDS},
                "explored_views_changed_by_a_control": len(led & set(explored)),
                "failures": failures,
                "pending": pending,
            },
            indent=1,
        ),
        encoding="utf-8",
    )
    assert not failures, f"{nb.name}: controls that do not work from the keyboard:\n" + "\n".join(failures[:20])
    assert error_outputs(page) == [], f"{nb.name}: error after operating the controls by keyboard"
