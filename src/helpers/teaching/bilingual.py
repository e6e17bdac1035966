"""The Ukrainian source beside the course's translation, and a timeline of stages to step through.

The course quotes the Ukrainian source (``ua_nep``) in the original, with its own
English translation (the ``translation`` column of ``data/excerpts/``). Students
choose what to read: the **original**, the **translation**, or **both** side by side.

>>> from helpers import bilingual
>>> html = bilingual.render("02-ua-leasing", "both")      # doctest: +SKIP
>>> print(bilingual.plain_text("02-ua-leasing"))           # doctest: +SKIP
>>> bilingual.toggle("02-ua-leasing", "02-ua-order")       # doctest: +SKIP

* :func:`render` and :func:`plain_text` are plain functions of ``(excerpt id, mode)``:
  HTML (every text escaped with :func:`html.escape`) and the same as plain text;
* :func:`toggle` returns an :class:`ExcerptToggle`: ToggleButtons and the passages.
  Without a kernel (a notebook viewed on the web, nbconvert) it shows the static
  side-by-side HTML, and a plain-text version where HTML is not shown;
* English excerpts are shown as written, whatever the mode.

A **timeline** steps through dated stages of an institution's history: for each
stage, who did what (:data:`ROLES`) and the passages behind it, in the chosen mode.
:class:`Stage` holds one stage; :func:`timeline` returns a :class:`Timeline` widget;
:func:`stage_html`, :func:`overview_html` and :func:`overview_text` are its plain,
testable pieces.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from helpers.data import sources
from helpers.errors import CourseError, UnknownNameError

__all__ = [
    "MODES", "ROLES", "render", "render_many", "plain_text", "ExcerptToggle", "toggle",
    "Stage", "stage_html", "stage_text", "overview_html", "overview_text", "Timeline", "timeline",
]

MODES = ("original", "translation", "both")
MODE_LABELS = {"original": "Original", "translation": "Translation", "both": "Both, side by side"}
MODE_TIPS = {
    "original": "The passage as the source writes it (Ukrainian)",
    "translation": "The course's own English translation",
    "both": "Original and translation side by side",
}
LANGUAGE_NAMES = {"uk": "Ukrainian", "en": "English", "ru": "Russian"}
WRAP = 100


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _check_mode(mode: str) -> str:
    if mode not in MODES:
        raise UnknownNameError("mode", mode, MODES)
    return mode


def _excerpt(excerpt_id: str) -> dict:
    e = sources.excerpt(excerpt_id)
    info = sources.source_info(e["source"])
    e["language"] = info["language"]
    e["source_title"] = info["title"]
    return e


def _paragraphs(text: str, lang: str) -> str:
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    return "".join(f'<p lang="{_esc(lang)}" style="margin:0 0 0.5em 0">{_esc(p)}</p>' for p in parts)


def _column(heading: str, body: str) -> str:
    return (f'<div style="flex:1 1 300px;min-width:260px">'
            f'<div style="font-size:0.85em;color:#555;margin-bottom:0.2em">{_esc(heading)}</div>{body}</div>')


def render(excerpt_id: str, mode: str = "both") -> str:
    """One excerpt as HTML: the original, the course's translation, or both side by side.

    An excerpt from an English source is shown as written in every mode. Unknown
    excerpt ids and modes raise :class:`~helpers.errors.UnknownNameError`, naming
    the valid choices.
    """
    _check_mode(mode)
    e = _excerpt(excerpt_id)
    lang = e["language"]
    language = LANGUAGE_NAMES.get(lang, lang)
    has_translation = lang != "en" and bool(e["translation"].strip())
    original = _column(f"Original ({language})", _paragraphs(e["text"], lang))
    if not has_translation:
        body = _column(f"As written ({language} source; no translation needed)" if lang == "en"
                       else f"Original ({language}); no translation yet", _paragraphs(e["text"], lang))
    else:
        translated = _column("Translation (the course's own)", _paragraphs(e["translation"], "en"))
        body = {"original": original, "translation": translated, "both": original + translated}[mode]
    note = (f'<div style="font-size:0.85em;color:#444;margin-top:0.3em"><em>Note:</em> {_esc(e["note"])}</div>'
            if e["note"].strip() else "")
    return (f'<div class="nep-excerpt" style="border-left:3px solid #0072B2;padding:0.3em 0 0.3em 0.8em;'
            f'margin:0.4em 0 0.8em 0;max-width:1060px">'
            f'<div style="font-weight:bold;margin-bottom:0.3em">{_esc(e["title"])}</div>'
            f'<div style="display:flex;flex-wrap:wrap;gap:0.4em 1.6em">{body}</div>{note}'
            f'<div style="font-size:0.8em;color:#555;margin-top:0.3em">Source: {_esc(e["source_title"])} '
            f'({_esc(e["source"])}); excerpt <code>{_esc(excerpt_id)}</code></div></div>')


def render_many(excerpt_ids: Sequence[str], mode: str = "both") -> str:
    """Several excerpts, one after the other, in the same mode."""
    return "".join(render(i, mode) for i in excerpt_ids)


def _wrapped(text: str, indent: str = "  ") -> str:
    paras = [p.strip() for p in text.split("\n") if p.strip()]
    return "\n".join(textwrap.fill(p, WRAP, initial_indent=indent, subsequent_indent=indent) for p in paras)


def plain_text(excerpt_id: str, mode: str = "both") -> str:
    """One excerpt as plain text (for a notebook viewed without a kernel, or a screen reader)."""
    _check_mode(mode)
    e = _excerpt(excerpt_id)
    lang = e["language"]
    language = LANGUAGE_NAMES.get(lang, lang)
    lines = [f"{e['title']} [{excerpt_id}]"]
    if lang == "en" or not e["translation"].strip():
        lines += [f"As written ({language}):", _wrapped(e["text"])]
    else:
        if mode in ("original", "both"):
            lines += [f"Original ({language}):", _wrapped(e["text"])]
        if mode in ("translation", "both"):
            lines += ["Translation (the course's own):", _wrapped(e["translation"])]
    if e["note"].strip():
        lines.append(_wrapped("Note: " + e["note"], ""))
    lines.append(f"Source: {e['source_title']} ({e['source']})")
    return "\n".join(lines)


def _message_html(msg: str) -> str:
    return f'<div role="status" style="color:#8a3b00">{_esc(msg)}</div>' if msg else ""


class ExcerptToggle:
    """ToggleButtons (original / translation / both) over one or several excerpts.

    Plain-Python interface, usable without a browser: ``.mode``, ``.set(mode)``
    (a bad value shows a message and returns ``False``; nothing is raised),
    ``.html``, ``.text``, ``.message``; ``.widget`` is the ipywidgets box.
    """

    def __init__(self, excerpt_ids: Sequence[str], mode: str = "both"):
        if isinstance(excerpt_ids, str):
            excerpt_ids = [excerpt_ids]
        self.excerpt_ids = list(excerpt_ids)
        if not self.excerpt_ids:
            raise CourseError("toggle() needs at least one excerpt id.")
        for i in self.excerpt_ids:  # unknown ids fail now, with the valid choices
            sources.excerpt(i)
        self._mode = _check_mode(mode)
        self.message = ""
        import ipywidgets as W

        self.buttons = W.ToggleButtons(
            options=[(MODE_LABELS[m], m) for m in MODES], value=mode, description="Show",
            tooltips=[MODE_TIPS[m] for m in MODES], style={"description_width": "initial", "button_width": "auto"},
        )
        self.output = W.HTML(value=self.html)
        self.message_html = W.HTML()
        self.buttons.observe(self._on_change, names="value")
        if not self.has_translation:  # English passages only: nothing to toggle
            self.buttons.layout.display = "none"
        self.widget = W.VBox([self.buttons, self.output, self.message_html], layout=W.Layout(max_width="1080px"))

    @property
    def has_translation(self) -> bool:
        """True if at least one of the excerpts has a translation to toggle to."""
        return any(_excerpt(i)["language"] != "en" and sources.excerpt(i)["translation"].strip() for i in self.excerpt_ids)

    @property
    def mode(self) -> str:
        return self._mode

    @property
    def html(self) -> str:
        return render_many(self.excerpt_ids, self._mode)

    @property
    def text(self) -> str:
        return "\n\n".join(plain_text(i, self._mode) for i in self.excerpt_ids)

    def set(self, mode: str) -> bool:
        """Show the passages in ``mode``; ``False`` and a message for a bad value."""
        try:
            _check_mode(mode)
        except CourseError as err:
            self.message = str(err)
            self.message_html.value = _message_html(self.message)
            return False
        self.message = ""
        self.message_html.value = ""
        self._mode = mode
        if self.buttons.value != mode:
            self.buttons.value = mode  # triggers _on_change, which redraws
        self.output.value = self.html
        return True

    def _on_change(self, change) -> None:
        if change["new"] != self._mode or self.output.value != self.html:
            self._mode = change["new"]
            self.output.value = self.html

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = "\n\n".join(plain_text(i, "both") for i in self.excerpt_ids)
        bundle["text/html"] = render_many(self.excerpt_ids, "both")
        return bundle


def toggle(*excerpt_ids: str, mode: str = "both") -> ExcerptToggle:
    """A widget that shows the excerpts in the original, the course's translation, or both."""
    return ExcerptToggle(list(excerpt_ids), mode)


# --------------------------------------------------------------------------------------
# a timeline of stages
# --------------------------------------------------------------------------------------

#: the questions the timeline answers for every stage, as (field, heading)
ROLES = (("plans", "Who plans?"), ("supplies", "Who supplies raw materials and fuel?"),
         ("sells", "Who sells the output?"), ("manages", "Who manages the enterprise?"))


@dataclass(frozen=True)
class Stage:
    """One stage: a label (``'1926'``), an answer for each role, and the excerpt ids behind them.

    Write ``'not stated'`` (or leave a role empty) where the passages do not say.
    """

    label: str
    plans: str = ""
    supplies: str = ""
    sells: str = ""
    manages: str = ""
    passages: tuple[str, ...] = ()
    note: str = ""

    def role(self, name: str) -> str:
        return getattr(self, name).strip() or "not stated in the passages"


def _check_stages(stages: Sequence[Stage]) -> list[Stage]:
    stages = list(stages)
    if not stages:
        raise CourseError("A timeline needs at least one stage.")
    labels = [s.label for s in stages]
    if len(set(labels)) != len(labels):
        raise CourseError(f"Stage labels must differ; got {labels}.")
    for s in stages:
        for p in s.passages:
            sources.excerpt(p)  # an unknown id names the valid ones
    return stages


def _step(stages: Sequence[Stage], step: int | str) -> int:
    labels = [s.label for s in stages]
    if isinstance(step, str):
        if step not in labels:
            raise UnknownNameError("stage", step, labels)
        return labels.index(step)
    if isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < len(stages):
        raise CourseError(f"Stage {step!r} does not exist; choose 0–{len(stages) - 1} or one of: {', '.join(labels)}.")
    return step


def stage_html(stages: Sequence[Stage], step: int | str = 0, mode: str = "translation") -> str:
    """One stage as HTML: who does what (changes since the previous stage marked) and its passages."""
    stages = _check_stages(stages)
    i = _step(stages, step)
    _check_mode(mode)
    s, prev = stages[i], stages[i - 1] if i else None
    rows = []
    for name, heading in ROLES:
        now = s.role(name)
        changed = prev is not None and prev.role(name) != now
        mark = (' <span style="color:#D55E00;font-size:0.85em">(changed)</span>' if changed else "")
        weight = "bold" if changed else "normal"
        rows.append(f'<tr><th scope="row" style="text-align:left;vertical-align:top;padding:0.2em 0.8em 0.2em 0;'
                    f'white-space:nowrap">{_esc(heading)}</th><td style="text-align:left;padding:0.2em 0;'
                    f'font-weight:{weight}">{_esc(now)}{mark}</td></tr>')
    note = f'<p style="margin:0.4em 0">{_esc(s.note)}</p>' if s.note else ""
    passages = (f'<div style="font-size:0.9em;margin-top:0.4em"><strong>The passages behind this stage</strong>'
                f'{render_many(s.passages, mode)}</div>' if s.passages else
                '<p style="font-size:0.9em">No passage quoted for this stage.</p>')
    return (f'<div class="nep-stage" role="region" aria-label="Stage {i + 1} of {len(stages)}: {_esc(s.label)}">'
            f'<h4 style="margin:0.2em 0 0.4em 0">Stage {i + 1} of {len(stages)}: {_esc(s.label)}</h4>'
            f'<table style="border-collapse:collapse;margin:0">{"".join(rows)}</table>{note}{passages}</div>')


def stage_text(stages: Sequence[Stage], step: int | str = 0) -> str:
    """One stage as plain text (roles and the ids of its passages)."""
    stages = _check_stages(stages)
    i = _step(stages, step)
    s, prev = stages[i], stages[i - 1] if i else None
    lines = [f"Stage {i + 1} of {len(stages)}: {s.label}"]
    for name, heading in ROLES:
        changed = prev is not None and prev.role(name) != s.role(name)
        lines.append(textwrap.fill(f"{heading} {s.role(name)}{' (changed)' if changed else ''}", WRAP,
                                   initial_indent="  ", subsequent_indent="    "))
    if s.note:
        lines.append(textwrap.fill(s.note, WRAP, initial_indent="  ", subsequent_indent="  "))
    if s.passages:
        lines.append("  Passages: " + ", ".join(s.passages))
    return "\n".join(lines)


def overview_html(stages: Sequence[Stage]) -> str:
    """Every stage in one table (rows: stages; columns: roles), for a viewer without a kernel."""
    stages = _check_stages(stages)
    head = "".join(f'<th scope="col" style="text-align:left;padding:0.2em 0.5em">{_esc(h)}</th>' for _, h in ROLES)
    body = []
    for s in stages:
        cells = "".join(f'<td style="text-align:left;vertical-align:top;padding:0.2em 0.5em">{_esc(s.role(n))}</td>'
                        for n, _ in ROLES)
        refs = ", ".join(s.passages)
        body.append(f'<tr><th scope="row" style="text-align:left;vertical-align:top;padding:0.2em 0.5em">{_esc(s.label)}'
                    f'<div style="font-weight:normal;font-size:0.8em;color:#555">{_esc(refs)}</div></th>{cells}</tr>')
    return (f'<table class="nep-timeline" style="border-collapse:collapse;font-size:0.9em;max-width:1060px">'
            f'<thead><tr><th scope="col" style="text-align:left;padding:0.2em 0.5em">Stage</th>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def overview_text(stages: Sequence[Stage]) -> str:
    """Every stage as plain text."""
    stages = _check_stages(stages)
    return "\n\n".join(stage_text(stages, i) for i in range(len(stages)))


class Timeline:
    """Step through stages with a slider or Previous/Next; choose how Ukrainian passages are shown.

    Plain interface: ``.state`` (``{'step': label, 'mode': mode}``), ``.set(step=…, mode=…)``
    (a bad value shows a message and returns ``False``), ``.html``, ``.text``, ``.message``.
    """

    def __init__(self, stages: Sequence[Stage], step: int | str = 0, mode: str = "translation"):
        import ipywidgets as W

        self.stages = _check_stages(stages)
        self._i = _step(self.stages, step)
        self._mode = _check_mode(mode)
        self.message = ""
        labels = [s.label for s in self.stages]
        self.slider = W.SelectionSlider(options=labels, value=labels[self._i], description="Stage",
                                        continuous_update=False, style={"description_width": "initial"},
                                        layout=W.Layout(width="560px"), tooltip="Step through the stages (arrow keys)")
        self.prev_button = W.Button(description="◀ Previous", tooltip="The stage before", layout=W.Layout(width="auto"))
        self.next_button = W.Button(description="Next ▶", tooltip="The stage after", layout=W.Layout(width="auto"))
        self.buttons = W.ToggleButtons(
            options=[(MODE_LABELS[m], m) for m in MODES], value=mode, description="Ukrainian passages",
            tooltips=[MODE_TIPS[m] for m in MODES], style={"description_width": "initial", "button_width": "auto"},
        )
        self.output = W.HTML()
        self.message_html = W.HTML()
        self.slider.observe(lambda ch: self.set(step=ch["new"]), names="value")
        self.buttons.observe(lambda ch: self.set(mode=ch["new"]), names="value")
        self.prev_button.on_click(lambda _: self.set(step=max(self._i - 1, 0)))
        self.next_button.on_click(lambda _: self.set(step=min(self._i + 1, len(self.stages) - 1)))
        self.widget = W.VBox([
            W.HBox([self.slider, self.prev_button, self.next_button], layout=W.Layout(flex_flow="row wrap")),
            self.buttons, self.output, self.message_html,
        ], layout=W.Layout(max_width="1080px"))
        self._refresh()

    @property
    def state(self) -> dict:
        return {"step": self.stages[self._i].label, "mode": self._mode}

    @property
    def html(self) -> str:
        return stage_html(self.stages, self._i, self._mode)

    @property
    def text(self) -> str:
        return stage_text(self.stages, self._i)

    def set(self, step: int | str | None = None, mode: str | None = None) -> bool:
        try:
            i = self._i if step is None else _step(self.stages, step)
            m = self._mode if mode is None else _check_mode(mode)
        except CourseError as err:
            self.message = str(err)
            self.message_html.value = _message_html(self.message)
            return False
        self.message = ""
        self.message_html.value = ""
        if (i, m) != (self._i, self._mode):
            self._i, self._mode = i, m
            self._refresh()
        return True

    def _refresh(self) -> None:
        label = self.stages[self._i].label
        if self.slider.value != label:
            self.slider.value = label
        if self.buttons.value != self._mode:
            self.buttons.value = self._mode
        self.prev_button.disabled = self._i == 0
        self.next_button.disabled = self._i == len(self.stages) - 1
        self.output.value = self.html

    def _repr_mimebundle_(self, include=None, exclude=None, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs) or {}
        bundle["text/plain"] = overview_text(self.stages)
        bundle["text/html"] = overview_html(self.stages)
        return bundle


def timeline(stages: Sequence[Stage], step: int | str = 0, mode: str = "translation") -> Timeline:
    """A widget that steps through ``stages`` (see :class:`Stage`)."""
    return Timeline(stages, step, mode)
