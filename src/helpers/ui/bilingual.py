"""The Ukrainian source beside the course's translation: excerpts, and timelines of dated stages.

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

A **timeline** of an institution's history (:func:`timeline`, :class:`Timeline`) steps through dated
stages and shows, for each, who plans, supplies, sells and manages (:data:`ROLES`), with the passages
behind the answers in the same three modes. Timelines are declared in ``data/timelines/NN_notebook.yml``
and shown by id: ``bilingual.timeline("02-trusts")``.

* :class:`Stage` holds one stage (or build a timeline in code from a list of stages);
* :class:`Timeline` is a view (:class:`helpers.ui.view.View`): ``.state`` (``{"step": label,
  "mode": mode}``), ``.set(step=…, mode=…)`` (a bad value shows a message and returns ``False``),
  ``.html``, ``.text``; Previous/Next buttons and a stage menu (every control has a name);
* :func:`stage_html`, :func:`stage_text`, :func:`overview_html` and :func:`overview_text` are its
  plain, testable pieces. Without a kernel the timeline shows every stage in one table.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import ipywidgets as W

from helpers.data import sources
from helpers.errors import CourseError, UnknownNameError
from helpers.ui import html as H
from helpers.ui.controls import Control
from helpers.ui.view import View, flex_row

__all__ = [
    "MODES",
    "render",
    "render_many",
    "plain_text",
    "ExcerptToggle",
    "toggle",
    "ROLES",
    "Stage",
    "stage_html",
    "stage_text",
    "overview_html",
    "overview_text",
    "Timeline",
    "timeline",
    "declared",
    "stages",
    "document_line",
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


def mode_control(description: str, mode: str) -> Control:
    """Toggle buttons for the original, the translation or both (``mode`` checked first)."""
    return Control(
        "mode",
        "single",
        description,
        [(MODE_LABELS[m], m) for m in MODES],
        _check_mode(mode),
        toggle=True,
        tooltips=[MODE_TIPS[m] for m in MODES],
    )


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
    return "".join(f'<p lang="{H.escape(lang)}" style="margin:0 0 0.5em 0">{H.escape(p)}</p>' for p in parts)


def _column(heading: str, body: str) -> str:
    return (
        f'<div style="flex:1 1 300px;min-width:260px">'
        f'<div style="font-size:max(0.85em,11px);color:#555;margin-bottom:0.2em">{H.escape(heading)}</div>{body}</div>'
    )


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
        body = _column(
            f"As written ({language} source; no translation needed)"
            if lang == "en"
            else f"Original ({language}); no translation yet",
            _paragraphs(e["text"], lang),
        )
    else:
        translated = _column("Translation (the course's own)", _paragraphs(e["translation"], "en"))
        body = {"original": original, "translation": translated, "both": original + translated}[mode]
    note = (
        f'<div style="font-size:max(0.85em,11px);color:#444;margin-top:0.3em">'
        f"<em>Note:</em> {H.escape(e['note'])}</div>"
        if e["note"].strip()
        else ""
    )
    return (
        f'<div class="nep-excerpt" style="border-left:3px solid #0072B2;padding:0.3em 0 0.3em 0.8em;'
        f'margin:0.4em 0 0.8em 0;max-width:1060px">'
        f'<div style="font-weight:bold;margin-bottom:0.3em">{H.escape(e["title"])}</div>'
        f'<div style="display:flex;flex-wrap:wrap;gap:0.4em 1.6em">{body}</div>{note}'
        f'<div style="font-size:max(0.8em,11px);color:#555;margin-top:0.3em">Source: {H.escape(e["source_title"])} '
        f"({H.escape(e['source'])}); excerpt <code>{H.escape(excerpt_id)}</code></div></div>"
    )


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


class ExcerptToggle(View):
    """Toggle buttons (original / translation / both) over one or several excerpts.

    A view (:class:`helpers.ui.view.View`): ``.mode``, ``.set(mode)`` or ``.set(mode=…)`` (a bad
    value shows a message and returns ``False``; nothing is raised), ``.html``, ``.text``,
    ``.message``; ``.widget`` is the box (``nep-view nep-toggle``). Without a kernel it shows the
    original and the translation side by side.
    """

    kind = "toggle"
    validators = {"mode": lambda self, value: _check_mode(value)}

    def __init__(self, excerpt_ids: Sequence[str], mode: str = "both"):
        super().__init__()
        if isinstance(excerpt_ids, str):
            excerpt_ids = [excerpt_ids]
        self.excerpt_ids = list(excerpt_ids)
        if not self.excerpt_ids:
            raise CourseError("toggle() needs at least one excerpt id.")
        for i in self.excerpt_ids:  # unknown ids fail now, with the valid choices
            sources.excerpt(i)
        self.buttons = self._add(mode_control("Show", mode)).widget
        self.output = W.HTML()
        if not self.has_translation:  # English passages only: nothing to toggle
            self.buttons.layout.display = "none"
        self._assemble([self.buttons, self.output, self.message_html])
        self._refresh_guarded()

    @property
    def has_translation(self) -> bool:
        """True if at least one of the excerpts has a translation to toggle to."""
        return any(
            _excerpt(i)["language"] != "en" and sources.excerpt(i)["translation"].strip() for i in self.excerpt_ids
        )

    @property
    def mode(self) -> str:
        return self._state["mode"]

    @property
    def html(self) -> str:
        return render_many(self.excerpt_ids, self.mode)

    @property
    def text(self) -> str:
        return "\n\n".join(plain_text(i, self.mode) for i in self.excerpt_ids)

    def set(self, mode: str | None = None, **changes) -> bool:
        """Show the passages in ``mode``; ``False`` and a message for a bad value."""
        if mode is not None:
            changes["mode"] = mode
        return super().set(**changes)

    def _refresh(self, changed=None) -> None:
        self.output.value = self.html
        self._show_messages([])
        self.renders += 1

    def plain_text(self) -> str:
        return "\n\n".join(plain_text(i, "both") for i in self.excerpt_ids)

    def static_html(self) -> str:
        return render_many(self.excerpt_ids, "both")


def toggle(*excerpt_ids: str, mode: str = "both") -> ExcerptToggle:
    """A widget that shows the excerpts in the original, the course's translation, or both."""
    return ExcerptToggle(list(excerpt_ids), mode)


# --------------------------------------------------------------------------------------
# timelines of stages
# --------------------------------------------------------------------------------------


#: the questions the timeline answers for every stage, as (field, heading)
ROLES = (
    ("plans", "Who plans?"),
    ("supplies", "Who supplies raw materials and fuel?"),
    ("sells", "Who sells the output?"),
    ("manages", "Who manages the enterprise?"),
)


@dataclass(frozen=True)
class Stage:
    """One stage: a label (``'1926'``), an answer for each role, and the excerpt ids behind them.

    Write ``'not stated'`` (or leave a role empty) where the passages do not say. ``documents`` names
    contemporary documents (``data/sources/documents.csv``) shown beside the stage with their dates.
    """

    label: str
    plans: str = ""
    supplies: str = ""
    sells: str = ""
    manages: str = ""
    passages: tuple[str, ...] = ()
    note: str = ""
    documents: tuple[str, ...] = ()

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
        for d in s.documents:
            sources.document_info(d)
    return stages


def document_line(document_id: str) -> str:
    """A document as a timeline shows it: author, title, when written and when first published."""
    d = sources.document_info(document_id)
    return f"{d['author']}, “{d['title']}”: {d['written']}; first published: {d['first_published']}"


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
        mark = ' <span style="color:#D55E00;font-size:max(0.85em,11px)">(changed)</span>' if changed else ""
        weight = "bold" if changed else "normal"
        rows.append(
            f'<tr><th scope="row" style="text-align:left;vertical-align:top;padding:0.2em 0.8em 0.2em 0;'
            f'white-space:nowrap">{H.escape(heading)}</th><td style="text-align:left;padding:0.2em 0;'
            f'font-weight:{weight}">{H.escape(now)}{mark}</td></tr>'
        )
    note = f'<p style="margin:0.4em 0">{H.escape(s.note)}</p>' if s.note else ""
    passages = (
        f'<div style="font-size:max(0.9em,11px);margin-top:0.4em"><strong>The passages behind this stage</strong>'
        f"{render_many(s.passages, mode)}</div>"
        if s.passages
        else '<p style="font-size:max(0.9em,11px)">No passage quoted for this stage.</p>'
    )
    if s.documents:
        items = "".join(f'<li data-document="{H.escape(d)}">{H.escape(document_line(d))}</li>' for d in s.documents)
        passages += (
            f'<div style="font-size:max(0.9em,11px);margin-top:0.4em"><strong>Documents of this stage</strong>'
            f'<ul style="margin:0.2em 0 0 1.2em;padding:0">{items}</ul></div>'
        )
    return (
        f'<div class="nep-stage" role="region" aria-label="Stage {i + 1} of {len(stages)}: {H.escape(s.label)}">'
        f'<h4 style="margin:0.2em 0 0.4em 0">Stage {i + 1} of {len(stages)}: {H.escape(s.label)}</h4>'
        f'<table style="border-collapse:collapse;margin:0">{"".join(rows)}</table>{note}{passages}</div>'
    )


def stage_text(stages: Sequence[Stage], step: int | str = 0) -> str:
    """One stage as plain text (roles and the ids of its passages)."""
    stages = _check_stages(stages)
    i = _step(stages, step)
    s, prev = stages[i], stages[i - 1] if i else None
    lines = [f"Stage {i + 1} of {len(stages)}: {s.label}"]
    for name, heading in ROLES:
        changed = prev is not None and prev.role(name) != s.role(name)
        lines.append(
            textwrap.fill(
                f"{heading} {s.role(name)}{' (changed)' if changed else ''}",
                WRAP,
                initial_indent="  ",
                subsequent_indent="    ",
            )
        )
    if s.note:
        lines.append(textwrap.fill(s.note, WRAP, initial_indent="  ", subsequent_indent="  "))
    if s.passages:
        lines.append("  Passages: " + ", ".join(s.passages))
    for d in s.documents:
        lines.append(
            textwrap.fill("Document: " + document_line(d), WRAP, initial_indent="  ", subsequent_indent="    ")
        )
    return "\n".join(lines)


def overview_html(stages: Sequence[Stage]) -> str:
    """Every stage in one table (rows: stages; columns: roles), for a viewer without a kernel."""
    stages = _check_stages(stages)
    head = "".join(f'<th scope="col" style="text-align:left;padding:0.2em 0.5em">{H.escape(h)}</th>' for _, h in ROLES)
    body = []
    for s in stages:
        cells = "".join(
            f'<td style="text-align:left;vertical-align:top;padding:0.2em 0.5em">{H.escape(s.role(n))}</td>'
            for n, _ in ROLES
        )
        refs = "; ".join(sources.excerpt(p)["title"] for p in s.passages)  # passages by their titles, not ids
        docs = "".join(
            f'<div style="font-weight:normal;font-size:max(0.8em,11px)">{H.escape(document_line(d))}</div>'
            for d in s.documents
        )
        body.append(
            f'<tr><th scope="row" style="text-align:left;vertical-align:top;padding:0.2em 0.5em">{H.escape(s.label)}'
            f'<div style="font-weight:normal;font-size:max(0.8em,11px);color:#555">{H.escape(refs)}</div>'
            f"{docs}</th>{cells}</tr>"
        )
    return (
        f'<table class="nep-timeline" style="border-collapse:collapse;font-size:max(0.9em,11px);max-width:1060px">'
        f'<thead><tr><th scope="col" style="text-align:left;padding:0.2em 0.5em">Stage</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def overview_text(stages: Sequence[Stage]) -> str:
    """Every stage as plain text."""
    stages = _check_stages(stages)
    return "\n\n".join(stage_text(stages, i) for i in range(len(stages)))


class Timeline(View):
    """Step through stages with a stage menu or Previous/Next; choose how Ukrainian passages are shown."""

    kind = "timeline"
    validators = {
        "step": lambda self, value: self.stages[_step(self.stages, value)].label,
        "mode": lambda self, value: _check_mode(value),
    }

    def __init__(self, stages: Sequence[Stage], step: int | str = 0, mode: str = "translation", title: str = ""):
        super().__init__()
        self.stages = _check_stages(stages)
        self.title = title
        labels = [s.label for s in self.stages]
        first = self.stages[_step(self.stages, step)].label
        self._add(
            Control(
                "step",
                "single",
                "Stage",
                [(lab, lab) for lab in labels],
                first,
                tooltip="Choose a stage (or use Previous and Next)",
            )
        )
        self._add(mode_control("Ukrainian passages", mode))
        self.prev_button = W.Button(description="◀ Previous", tooltip="The stage before", layout=W.Layout(width="auto"))
        self.next_button = W.Button(description="Next ▶", tooltip="The stage after", layout=W.Layout(width="auto"))
        self.prev_button.on_click(lambda _: self.set(step=max(self.index - 1, 0)))
        self.next_button.on_click(lambda _: self.set(step=min(self.index + 1, len(self.stages) - 1)))
        self.output = W.HTML()
        self._assemble(
            [
                flex_row([self.controls["step"].widget, self.prev_button, self.next_button], align="center"),
                self.controls["mode"].widget,
                self.output,
                self.message_html,
            ]
        )
        self._refresh_guarded()

    @property
    def index(self) -> int:
        """The position of the stage shown (0 for the first)."""
        return [s.label for s in self.stages].index(self._state["step"])

    @property
    def html(self) -> str:
        return stage_html(self.stages, self.index, self._state["mode"])

    @property
    def text(self) -> str:
        return stage_text(self.stages, self.index)

    def plain_text(self) -> str:
        return (self.title + "\n\n" if self.title else "") + overview_text(self.stages)

    def static_html(self) -> str:
        return overview_html(self.stages)

    def _refresh(self, changed=None) -> None:
        i = self.index
        self.prev_button.disabled = i == 0
        self.next_button.disabled = i == len(self.stages) - 1
        self.output.value = self.html
        self._show_messages([])
        self.renders += 1


def declared(timeline_id: str | None = None) -> dict:
    """The declaration of one timeline (or all) in ``data/timelines/``."""
    from helpers.data.paths import declaration

    return declaration("timelines", "timeline id", timeline_id)


STAGE_FIELDS = ("label", "plans", "supplies", "sells", "manages", "passages", "note", "documents")


def stages(timeline_id: str) -> list[Stage]:
    """The stages declared under ``timeline_id``; a bad field names the file, the id and the allowed ones."""
    spec = declared(timeline_id)
    where = f"data/timelines/{spec['_file']}, timeline {timeline_id!r}"
    unknown = sorted(set(spec) - {"_file", "title", "stages"})
    if unknown or not isinstance(spec.get("stages"), list) or not spec["stages"]:
        what = f"unknown field {unknown[0]!r}" if unknown else "no list of 'stages'"
        raise CourseError(f"{where}: {what}; a timeline takes: title, stages.")
    out = []
    for n, st in enumerate(spec["stages"], start=1):
        if not isinstance(st, Mapping) or "label" not in st:
            raise CourseError(
                f"{where}, stage {n}: a stage is a mapping with a label; fields: {', '.join(STAGE_FIELDS)}."
            )
        bad = sorted(set(st) - set(STAGE_FIELDS))
        if bad:
            raise CourseError(
                f"{where}, stage {n} ({st['label']!r}): unknown field {bad[0]!r}; allowed: {', '.join(STAGE_FIELDS)}."
            )
        out.append(
            Stage(
                **{
                    **st,
                    "label": str(st["label"]),
                    "passages": tuple(st.get("passages", ())),
                    "documents": tuple(st.get("documents", ())),
                }
            )
        )
    return _check_stages(out)


def timeline(stages_or_id: Sequence[Stage] | str, step: int | str = 0, mode: str = "translation") -> Timeline:
    """A timeline view: ``timeline("02-trusts")`` (declared in ``data/timelines/``) or ``timeline([Stage(…), …])``."""
    if isinstance(stages_or_id, str):
        return Timeline(stages(stages_or_id), step, mode, title=declared(stages_or_id).get("title", ""))
    return Timeline(stages_or_id, step, mode)
