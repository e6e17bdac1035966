"""The Ukrainian source beside the course's translation.

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

The timeline of stages lives in :mod:`helpers.teaching.timeline` (``bilingual.Stage`` and
``bilingual.timeline`` still work).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import ipywidgets as W

from helpers._ui import html as H
from helpers._ui.controls import Control
from helpers._ui.view import View
from helpers.data import sources
from helpers.errors import CourseError, UnknownNameError

__all__ = [
    "MODES",
    "render",
    "render_many",
    "plain_text",
    "ExcerptToggle",
    "toggle",
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
        f'<div style="font-size:0.85em;color:#555;margin-bottom:0.2em">{H.escape(heading)}</div>{body}</div>'
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
        f'<div style="font-size:0.85em;color:#444;margin-top:0.3em"><em>Note:</em> {H.escape(e["note"])}</div>'
        if e["note"].strip()
        else ""
    )
    return (
        f'<div class="nep-excerpt" style="border-left:3px solid #0072B2;padding:0.3em 0 0.3em 0.8em;'
        f'margin:0.4em 0 0.8em 0;max-width:1060px">'
        f'<div style="font-weight:bold;margin-bottom:0.3em">{H.escape(e["title"])}</div>'
        f'<div style="display:flex;flex-wrap:wrap;gap:0.4em 1.6em">{body}</div>{note}'
        f'<div style="font-size:0.8em;color:#555;margin-top:0.3em">Source: {H.escape(e["source_title"])} '
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

    A view (:class:`helpers._ui.view.View`): ``.mode``, ``.set(mode)`` or ``.set(mode=…)`` (a bad
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


def __getattr__(name: str):
    # the timeline moved to helpers.teaching.timeline; bilingual.Stage, bilingual.timeline … still work
    from helpers.teaching import timeline as _timeline

    if name in _timeline.__all__:
        return getattr(_timeline, name)
    raise AttributeError(f"module 'helpers.teaching.bilingual' has no attribute {name!r}")
