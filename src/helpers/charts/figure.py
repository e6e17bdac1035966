"""The base of every chart: one :class:`~matplotlib.figure.Figure` built once and updated in place,
with its title, notes, source line and message.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from helpers.charts import style
from helpers.charts.legend import FigureLegend
from helpers.charts.model import ChartModel
from helpers.charts.png import encode_png, palette_png
from helpers.charts.render import FigureCanvasCachedAgg

NOTES_WIDTH = 125  # characters per line of the notes and of the source line under a chart


GAP_MARK = "//"  # drawn on the time axis of a bar chart where years are missing


class Chart:
    """Base class: a fixed-size figure with a title, notes and a source line."""

    kind = "chart"

    def __init__(self, figsize=style.FIGSIZE, dpi=style.DPI, figure: Figure | None = None):
        if figure is None:
            self.figure = Figure(figsize=figsize, dpi=dpi, facecolor="white")
            self.canvas = FigureCanvasCachedAgg(self.figure)
        else:  # draw on a figure made elsewhere (e.g. by pyplot, for comparison)
            self.figure = figure
            self.canvas = figure.canvas
        fig = self.figure
        self.title_text = fig.text(0.012, 0.975, "", size=style.TITLE_SIZE, weight="bold", va="top", ha="left")
        self.notes_text = fig.text(
            0.012, 0.06, "", size=style.SMALL_SIZE, color="#444444", va="bottom", ha="left", linespacing=1.25
        )
        self.source_text = fig.text(
            0.012, 0.012, "", size=style.SMALL_SIZE, color="#444444", va="bottom", ha="left", linespacing=1.25
        )
        self.empty_text = fig.text(
            0.5, 0.55, "", size=style.FONT_SIZE + 1, color=style.GREY, ha="center", va="center", wrap=True
        )
        left, bottom, width, height = style.AXES_RECT
        self.legend = FigureLegend(fig, left + width + 0.02, bottom + height)
        self.model: ChartModel | None = None
        self._stale = True
        self._background = None
        self._highlight_artists: list = []
        self.highlight: str | None = None

    # -- public -------------------------------------------------------------------------
    def update(self, model: ChartModel) -> None:
        """Show ``model``: change the existing artists' data, labels and visibility."""
        self.model = model
        self.title_text.set_text(style.mpl_text(model.title))
        notes = "  ·  ".join(model.notes)
        source = style.wrap(model.source, NOTES_WIDTH) if model.source else ""
        self.notes_text.set_text(style.mpl_text(style.wrap(notes, NOTES_WIDTH)) if notes else "")
        self.source_text.set_text(style.mpl_text(source))
        # notes sit just above the source line, however many lines it takes
        line = style.SMALL_SIZE * 1.25 / 72 * self.figure.dpi / self.figure.bbox.height
        n_source = source.count("\n") + 1 if source else 0
        self.notes_text.set_y(0.012 + n_source * line + 0.4 * line)
        self.empty_text.set_text(style.mpl_text(model.empty or ""))
        self.empty_text.set_visible(bool(model.empty))
        self._draw_model(model)
        self._set_highlight_artists(model.highlight if not model.empty else None)
        self.highlight = model.highlight
        self._stale = True

    def set_highlight(self, label: str | None) -> None:
        """Mark the points of one period (for the provenance panel); no full redraw needed."""
        if self.model is None or self.model.empty:
            label = None
        self.highlight = label
        if self.model is not None:
            self.model.highlight = label
        self._set_highlight_artists(label)

    def render(self) -> bytes:
        """Draw (or, if only the highlight changed, restore the saved background) and return PNG bytes."""
        if self._stale or self._background is None:
            self.canvas.draw()  # highlight artists are 'animated': left out of the full draw
            self._background = self.canvas.copy_from_bbox(self.figure.bbox)
            self._stale = False
        else:
            self.canvas.restore_region(self._background)
        for a in self._highlight_artists:
            if a.get_visible():
                a.axes.draw_artist(a)
        return encode_png(np.asarray(self.canvas.buffer_rgba()))

    def draw(self) -> None:
        """Draw with Agg only, nothing else (the benchmark's floor)."""
        self.canvas.draw()

    def static_png(self) -> bytes:
        """A compact PNG for the notebook viewed without a kernel.

        Colours are mapped (without dithering) to a fixed palette that holds the
        Okabe–Ito colours exactly, their tints towards white and a grey ramp, so the
        picture stays true to the house colours at about a third of the size.
        """
        self.render()
        return palette_png(self.canvas)

    def plotted(self) -> dict[str, dict[str, float]]:
        """What the artists show, read back from them: ``{trace label: {period: value}}``."""
        raise NotImplementedError

    # -- for subclasses -----------------------------------------------------------------
    def _draw_model(self, model: ChartModel) -> None:
        raise NotImplementedError

    def _set_highlight_artists(self, label: str | None) -> None:
        pass
