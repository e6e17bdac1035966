"""The base of the evidence explorers: one figure updated in place, controls, a detail pane, a text alternative.

:class:`Explorer` is an :class:`helpers.ui.view.ImageView`. A subclass adds controls with
``self._add(name, _dropdown(…))`` or ``_toggle(…)``, implements ``_update()`` (state-dependent options,
artists, ``self._text`` and ``self._detail_text``) and may implement ``_detail()`` (for the controls in
:attr:`Explorer.detail_only`), ``_validate(state, name)`` (checks across controls) and
``_read_plotted()`` (the numbers its artists show). The colours, ``esc`` and ``mark`` are shared by
every explorer.
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np
from matplotlib.figure import Figure
from traitlets import TraitError

from helpers.charts import style
from helpers.charts.png import encode_png
from helpers.charts.render import FigureCanvasCachedAgg
from helpers.data.numbers import format_value
from helpers.ui import html as H
from helpers.ui.controls import Control, Invalid
from helpers.ui.view import ImageView, flex_row

__all__ = ["Explorer", "mark", "value_text", "ALL", "LOADED", "GREEN", "RED", "GREY", "SOURCE_COLOURS", "SOURCE_HATCH"]

ALL = "all"
LOADED = "loaded"
GREEN, RED, GREY = style.OKABE_ITO["bluish_green"], style.OKABE_ITO["vermillion"], style.GREY
SOURCE_COLOURS = {"su_rec": style.colour(0), "su_ind": style.colour(1), "ua_nep": style.colour(2)}
SOURCE_HATCH = {"su_rec": "", "su_ind": "//", "ua_nep": ".."}

#: the student's classification of a disagreement (not graded: compared with the candidates)


def mark(passage: str, words: str) -> str:
    """The passage, escaped, with the first occurrence of ``words`` wrapped in ``<mark>``."""
    p = H.escape(passage)
    w = H.escape(words)
    if w and w in p:
        return p.replace(w, f"<mark>{w}</mark>", 1)
    return p


# --------------------------------------------------------------------------------------


# the base: one figure, controls, detail pane, text alternative
# --------------------------------------------------------------------------------------


class Explorer(ImageView):
    """Controls, one figure updated in place, a detail pane and a text alternative.

    A :class:`helpers.ui.view.View`; subclasses add controls with ``self._add(name, widget)``
    (:func:`_dropdown`, :func:`_toggle`), implement ``_update()`` (options, artists, ``self._text``,
    ``self._detail_text``), may implement ``_detail()`` (for the controls in :attr:`detail_only`),
    ``_validate(state, name)`` (checks that depend on other controls) and ``_read_plotted()``
    (the numbers their artists show).
    """

    kind = "explorer"
    figsize = style.FIGSIZE
    title = ""
    #: controls that change only the detail pane, not the chart (no redraw needed)
    detail_only: frozenset = frozenset()

    def __init__(self):
        self.image_width = int(self.figsize[0] * style.DPI)
        super().__init__()
        self.figure = Figure(figsize=self.figsize, dpi=style.DPI, facecolor="white")
        self.canvas = FigureCanvasCachedAgg(self.figure)
        self._detail_text = ""
        self._plotted: dict = {}
        self.detail_html = W.HTML(layout=W.Layout(max_width="1060px"))
        self.detail_html.add_class("nep-detail")

    # ---- assembly ----------------------------------------------------------------------
    def _add(self, name: str, widget) -> Control:
        """Add a control: an ipywidgets drop-down or toggle buttons (or a :class:`Control`) under ``name``."""
        control = widget if isinstance(widget, Control) else Control.from_widget(name, widget)
        return super()._add(control)

    def _finish(self, side: bool = False) -> None:
        for c in self.controls.values():
            c.widget.layout.margin = "0.15em 1.2em 0.15em 0"
        box = flex_row([c.widget for c in self.controls.values()], align="center")
        body = flex_row([self.image, self.detail_html]) if side else W.VBox([self.image, self.detail_html])
        self._assemble([box, body, self.message_html, self.text_html])
        self._refresh_guarded()

    # ---- interface -----------------------------------------------------------------------
    @property
    def detail_text(self) -> str:
        """The passages and arithmetic beside the chart, as plain text."""
        return self._detail_text

    @property
    def plotted(self) -> dict:
        """The numbers the chart's artists show, read back from them."""
        return self._read_plotted()

    def _read_plotted(self) -> dict:
        return dict(self._plotted)

    def static_png(self) -> bytes:
        """A compact PNG: colours mapped to the house palette of :mod:`helpers.charts` (no dithering)."""
        from helpers.charts.png import palette_png

        self.canvas.draw()
        return palette_png(self.canvas)

    # ---- internals ------------------------------------------------------------------------
    def _check_changes(self, changes: dict) -> dict:
        for name in changes:
            self._control(name)
        new = {**self._state, **changes}
        for name in changes:
            self._validate(new, name)
        return dict(changes)

    def _validate(self, state: dict, name: str) -> None:
        """Check ``state[name]`` (subclasses: against the other controls too); raise :class:`Invalid`."""
        c = self.controls[name]
        allowed = c.values
        if state[name] not in allowed:
            shown = ", ".join(repr(a) for a in allowed[:15]) + (" …" if len(allowed) > 15 else "")
            raise Invalid(f"{state[name]!r} is not a choice for '{c.description}'; choose one of: {shown}.")

    def _sync_widgets(self, values: dict) -> None:
        self._syncing = True
        try:
            for name, value in values.items():
                try:
                    self.controls[name].put(value)
                except TraitError:  # options that depend on other controls: _update sets them and the value
                    pass
        finally:
            self._syncing = False

    def _render(self) -> bytes:
        self.canvas.draw()
        return encode_png(np.asarray(self.canvas.buffer_rgba()))

    def _refresh(self, changed: set[str] | None = None) -> None:
        if changed and changed <= self.detail_only and self.renders:
            self._detail()
            return
        self._update()  # subclasses: update state-dependent options, artists, texts
        self._show_png(self._render())
        self._show_text(self._text)
        self._show_messages(self._messages)

    def _update(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _detail(self) -> None:  # pragma: no cover - subclasses with detail-only controls
        raise NotImplementedError

    def _set_options(self, name: str, options: list, value) -> None:
        """New options for a drop-down (keeping ``value``), without triggering a redraw."""
        self._syncing = True
        try:
            self.controls[name].set_options(options, value)
        finally:
            self._syncing = False
        self._state[name] = value

    def _base_axes(self, rect=(0.30, 0.16, 0.66, 0.74)):
        ax = self.figure.add_axes(rect)
        style.style_axes(ax, grid_axis="x")
        return ax

    def _title(self, title: str, source_line: str = "") -> None:
        if not hasattr(self, "_title_text"):
            self._title_text = self.figure.text(0.012, 0.985, "", size=style.TITLE_SIZE, weight="bold", va="top")
            self._source_text = self.figure.text(0.012, 0.012, "", size=style.SMALL_SIZE, color="#444444", va="bottom")
        self._title_text.set_text(style.mpl_text(title))
        self._chart_title = title  # the picture's alt text names it (helpers.ui.view.ImageView.image_alt)
        self._source_text.set_text(style.mpl_text(style.wrap(source_line, 125)))


def value_text(v: float, unit: str = "") -> str:
    """A value as the explorers print it (house number format, six decimals at most)."""
    return format_value(round(float(v), 6), unit)


# --------------------------------------------------------------------------------------
