"""The charts' own legend, drawn in figure coordinates beside the axes and rebuilt only when its entries change."""

from __future__ import annotations

from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from helpers.charts import style


def _handle_key(h) -> tuple:
    """What a legend entry looks like, to rebuild the legend only when that changes."""
    if isinstance(h, Line2D):
        return (
            "line",
            h.get_label(),
            h.get_color(),
            str(h.get_linestyle()),
            h.get_marker(),
            h.get_markerfacecolor(),
            h.get_markeredgecolor(),
            h.get_markersize(),
        )
    return (
        "patch",
        h.get_label(),
        tuple(h.get_facecolor()),
        tuple(h.get_edgecolor()),
        h.get_hatch(),
        h.get_linestyle(),
        h.get_linewidth(),
    )


class FigureLegend:
    """A legend made of plain artists at fixed figure positions.

    matplotlib's own legend lays itself out again on every draw (a tree of offset
    boxes measuring every label), which costs as much as the rest of the chart's
    text. The house legend sits at a fixed place right of the axes, so its entries
    are placed once, when they change.
    """

    def __init__(self, figure, x: float, y_top: float):
        self.figure, self.x, self.y_top = figure, x, y_top
        self.entries: list[tuple[Line2D, Rectangle, object]] = []
        self.key = None
        self.labels: list[str] = []

    def _entry(self, i: int):
        fig = self.figure
        while len(self.entries) <= i:
            line = Line2D([], [], transform=fig.transFigure, markevery=[1])
            rect = Rectangle((0, 0), 0, 0, transform=fig.transFigure)
            text = fig.text(0, 0, "", size=style.FONT_SIZE - 0.5, va="top", ha="left", linespacing=1.25)
            fig.add_artist(line)
            fig.add_artist(rect)
            self.entries.append((line, rect, text))
        return self.entries[i]

    def set(self, handles) -> None:
        key = tuple(_handle_key(h) for h in handles)
        if key == self.key:
            return
        self.key = key
        self.labels = [h.get_label() for h in handles]
        fig = self.figure
        line_h = (style.FONT_SIZE - 0.5) * 1.25 / 72 * fig.dpi / fig.bbox.height
        sample_w = 0.035
        y = self.y_top
        for i, h in enumerate(handles):
            line, rect, text = self._entry(i)
            label = h.get_label()
            yc = y - line_h * 0.55
            if isinstance(h, Line2D):
                line.update_from(h)
                line.set_transform(fig.transFigure)
                line.set_data([self.x, self.x + sample_w / 2, self.x + sample_w], [yc, yc, yc])
                line.set_markevery([1])
                line.set_visible(True)
                rect.set_visible(False)
            else:
                rect.update_from(h)
                rect.set_transform(fig.transFigure)
                rect.set_bounds(self.x + 0.004, yc - line_h * 0.4, sample_w - 0.008, line_h * 0.8)
                rect.set_visible(True)
                line.set_visible(False)
            text.set_position((self.x + sample_w + 0.012, y))
            text.set_text(label)
            text.set_visible(True)
            y -= (label.count("\n") + 1) * line_h + 0.45 * line_h
        for line, rect, text in self.entries[len(handles) :]:
            line.set_visible(False)
            rect.set_visible(False)
            text.set_visible(False)
