"""Pure drawing: one figure per chart, built once, updated in place.

Each chart class builds a :class:`matplotlib.figure.Figure` (Agg canvas, fixed size,
fixed margins, no pyplot, so nothing is displayed or kept behind the scenes) and
draws a :class:`helpers.chartdata.ChartModel` with :meth:`Chart.update`, which only
changes the data, labels and visibility of existing artists (new artists are made
only when a model needs more than ever before). :meth:`Chart.render` draws with Agg
and returns PNG bytes; choosing a period for the provenance panel
(:meth:`Chart.set_highlight`) redraws only the highlight over a saved background.

No widgets and no file reading here: the charts can be used in scripts and tests.

>>> from helpers import chartdata, charts          # doctest: +SKIP
>>> chart = charts.TimeSeriesChart()               # doctest: +SKIP
>>> chart.update(model); png = chart.render()      # doctest: +SKIP
"""

from __future__ import annotations

import io
import struct
import zlib
from functools import lru_cache

import numpy as np
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from helpers.charts import style
from helpers.charts.model import ChartModel, Trace
from helpers.charts.render import FigureCanvasCachedAgg

__all__ = [
    "Chart",
    "TimeSeriesChart",
    "SmallMultiplesChart",
    "SharesChart",
    "PlanChart",
    "BeforeAfterChart",
    "chart_for",
    "encode_png",
    "line_with_gaps",
    "gap_connectors",
    "bar_label",
]

NOTES_WIDTH = 125  # characters per line of the notes under a chart
GAP_MARK = "//"  # drawn on the time axis of a bar chart where years are missing


def encode_png(rgba: np.ndarray, level: int = 1) -> bytes:
    """PNG bytes of an RGBA image (H x W x 4, uint8), fast.

    Agg's buffer is written as it is (RGBA, no row filter) and deflated at zlib
    level 1: for flat chart graphics this is both smaller and about three times
    faster than Pillow's default encoder, which matters when every control change
    sends a new image (about 3 ms for a 720 x 420 chart).
    """
    rgba = np.ascontiguousarray(rgba, dtype=np.uint8)
    h, w, channels = rgba.shape
    if channels != 4:
        raise ValueError(f"encode_png expects an RGBA image, got {channels} channels.")
    raw = np.empty((h, w * 4 + 1), dtype=np.uint8)
    raw[:, 0] = 0  # first byte of each row: filter type 0 (None)
    raw[:, 1:] = rgba.reshape(h, w * 4)

    def chunk(tag: bytes, payload: bytes) -> bytes:
        return (
            struct.pack(">I", len(payload)) + tag + payload + struct.pack(">I", zlib.crc32(tag + payload) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(memoryview(raw), level))
        + chunk(b"IEND", b"")
    )


def line_with_gaps(trace: Trace) -> tuple[np.ndarray, np.ndarray]:
    """x and y for a line that breaks where the sources give no figure (NaN between gaps)."""
    n = len(trace.x)
    if n == 0:
        return np.empty(0), np.empty(0)
    nb = int(trace.breaks.sum())
    x = np.empty(n + nb)
    y = np.empty(n + nb)
    j = 0
    for i in range(n):
        if trace.breaks[i]:
            x[j], y[j] = np.nan, np.nan
            j += 1
        x[j], y[j] = trace.x[i], trace.y[i]
        j += 1
    return x, y


def gap_connectors(trace: Trace) -> tuple[np.ndarray, np.ndarray]:
    """Dotted segments across the gaps only (to guide the eye; the legend says they are not data)."""
    idx = np.flatnonzero(trace.breaks)
    x = np.full(3 * len(idx), np.nan)
    y = np.full(3 * len(idx), np.nan)
    x[0::3], x[1::3] = trace.x[idx - 1], trace.x[idx]
    y[0::3], y[1::3] = trace.y[idx - 1], trace.y[idx]
    return x, y


def bar_label(value: float, *, computed: bool = False) -> str:
    """The number written on a bar: as stated, or with one decimal when it is computed (index, remainder, % of plan)."""
    if computed:
        return style.format_number(round(float(value), 1))
    return style.format_number(round(float(value), 6))


def text_colour(face: str) -> str:
    """Black or white, whichever has the higher WCAG contrast ratio on a bar of colour ``face``."""
    from matplotlib.colors import to_rgb

    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(face))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b  # WCAG relative luminance
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"


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
        self.legend = _FigureLegend(fig, left + width + 0.02, bottom + height)
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


def _tick_text(v, _pos=None) -> str:
    """Tick labels with thousands separators: 7,500 · 0.5 · 2.5; a billion and more in words
    (``'100 billion'``), which is narrower than twelve digits and easier to read."""
    if abs(v) >= 1e9:
        return f"{v / 1e9:,.10g} billion"
    return f"{v:,.10g}"


_TICK_FORMATTER = FuncFormatter(_tick_text)


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


_PALETTE = None


def palette_png(canvas) -> bytes:
    """A drawn Agg canvas as a compact PNG, its colours mapped (no dithering) to the house palette."""
    from PIL import Image

    rgb = np.asarray(canvas.buffer_rgba())[:, :, :3].astype(np.int32)
    palette = _static_palette()
    keys = (rgb[:, :, 0] << 16) | (rgb[:, :, 1] << 8) | rgb[:, :, 2]
    uniq, inverse = np.unique(keys.ravel(), return_inverse=True)
    colours = np.stack([(uniq >> 16) & 255, (uniq >> 8) & 255, uniq & 255], axis=1)
    nearest = ((colours[:, None, :] - palette[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    img = Image.fromarray(nearest[inverse].reshape(keys.shape).astype(np.uint8), mode="P")
    img.putpalette(palette.astype(np.uint8).ravel().tolist())
    buf = io.BytesIO()
    img.save(buf, format="png", optimize=True)
    return buf.getvalue()


def _static_palette() -> np.ndarray:
    """The colours of the compact PNG (at most 256): house colours and their tints, plus greys."""
    global _PALETTE
    if _PALETTE is None:
        from matplotlib.colors import to_rgb

        colours = [*style.OKABE_ITO.values(), style.GREY, style.LIGHT_GREY, REMAINDER_FACE, REMAINDER_EDGE, "#333333"]
        entries = []
        for c in colours:
            r, g, b = np.array(to_rgb(c)) * 255
            for t in (0.0, 0.15, 0.3, 0.45, 0.6, 0.72, 0.82, 0.9, 0.95):
                entries.append(tuple(int(round(v + (255 - v) * t)) for v in (r, g, b)))
        entries += [(int(v), int(v), int(v)) for v in np.linspace(0, 255, 40).round()]
        _PALETTE = np.array(list(dict.fromkeys(entries))[:256], dtype=np.int32)
    return _PALETTE


class _FigureLegend:
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


def _fix_label_positions(ax, ylabel_px: float = 58, xlabel_px: float = 30) -> None:
    """Put the axis labels at fixed distances from the axes.

    Left to itself matplotlib measures every tick label on every draw to place the
    axis labels; the house layout has fixed margins, so fixed places do.
    """
    bbox = ax.get_position()
    fig = ax.get_figure()
    w_px = bbox.width * fig.bbox.width
    h_px = bbox.height * fig.bbox.height
    ax.yaxis.set_label_coords(-ylabel_px / w_px, 0.5)
    ax.xaxis.set_label_coords(0.5, -xlabel_px / h_px)


@lru_cache(maxsize=4096)
def _text_px(text: str, size: float, dpi: float) -> tuple[float, float]:
    """Width and height in pixels of ``text`` in the house font at ``size`` points, as Agg draws it."""
    from matplotlib.font_manager import FontProperties

    renderer = _measuring_renderer(dpi)
    lines = str(text).split("\n")
    sizes = [renderer.get_text_width_height_descent(line, FontProperties(size=size), ismath=False) for line in lines]
    line_h = renderer.get_text_width_height_descent("lp", FontProperties(size=size), ismath=False)[1]
    return max(w for w, _, _ in sizes), line_h * (1 + 1.2 * (len(lines) - 1)) + (3 if len(lines) > 1 else 0)


@lru_cache(maxsize=8)
def _measuring_renderer(dpi: float):
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, dpi)


#: the least room between two tick labels, in pixels
TICK_GAP_PX = 6.0


def fit_xticks(ax, xticks, *, size: float = style.FONT_SIZE) -> tuple[list, float]:
    """Labels that fit side by side on the x axis of ``ax``, and the rotation they need.

    Years are thinned: every n-th label is kept (n = 2, 5, 10 …) until neighbours no longer touch.
    Categories (labels that are not all years) are all kept and turned by 45° (or 90°) when they
    do not fit flat. The x limits must be set before.
    """
    if len(xticks) < 2:
        return list(xticks), 0.0
    fig = ax.get_figure()
    lo, hi = ax.get_xlim()
    width_px = ax.get_position().width * fig.bbox.width
    px_per_unit = width_px / (hi - lo) if hi > lo else 0.0
    xs = sorted(x for x, _ in xticks)
    spacing = min(b - a for a, b in zip(xs, xs[1:])) * px_per_unit
    widest = max(_text_px(lab, size, fig.dpi)[0] for _, lab in xticks)
    if spacing >= widest + TICK_GAP_PX:
        return list(xticks), 0.0
    if all(lab.replace("/", "").isdigit() for _, lab in xticks):  # years: label every n-th
        for n in (2, 5, 10, 20, 50):
            if n * spacing >= widest + TICK_GAP_PX:
                return [(x, lab) for i, (x, lab) in enumerate(xticks) if i % n == 0], 0.0
        return list(xticks[:: max(1, len(xticks) - 1)]), 0.0
    # categories: turned by 45° when their slanted boxes fit side by side, else upright
    tallest = max(_text_px(lab, size, fig.dpi)[1] for _, lab in xticks)
    return list(xticks), 45.0 if spacing >= (widest + tallest) * 0.7072 + TICK_GAP_PX else 90.0


def _set_xticks(ax, xticks, *, fit: bool = True) -> None:
    """Set fixed ticks only when they change (new ticks cost a text layout each); labels that would
    touch are thinned (years) or turned (categories) by :func:`fit_xticks`."""
    key = (tuple((round(x, 6), lab) for x, lab in xticks), tuple(round(v, 6) for v in ax.get_xlim()), fit)
    if getattr(ax, "_nep_xticks", None) == key:
        return
    shown, rotation = fit_xticks(ax, xticks) if fit else (list(xticks), 0.0)
    ax.set_xticks([x for x, _ in shown], [style.mpl_text(lab) for _, lab in shown])
    for t in ax.get_xticklabels():
        t.set_rotation(rotation)
        t.set_horizontalalignment("right" if rotation else "center")
        t.set_rotation_mode("anchor" if rotation else "default")
    ax._nep_xticks = key


def _place_ylabel(ax, min_px: float | None = None, pad_px: float = 4) -> None:
    """Put the y label clear of the widest y tick label (fixed distance, measured once per tick set)
    and wrap it onto two lines when it is longer than the axes are high."""
    fig = ax.get_figure()
    lo, hi = sorted(ax.get_ylim())
    fmt = ax.yaxis.get_major_formatter()
    locs = [v for v in ax.yaxis.get_major_locator()() if lo <= v <= hi]
    labels = fmt.format_ticks(locs) if locs else []
    tick_size = ax.yaxis.get_majorticklabels()[0].get_size() if ax.yaxis.get_majorticklabels() else style.FONT_SIZE
    widest = max((_text_px(lab, tick_size, fig.dpi)[0] for lab in labels), default=0.0)
    bbox = ax.get_position()
    w_px, h_px = bbox.width * fig.bbox.width, bbox.height * fig.bbox.height
    if min_px is None:  # the house distances: 58 px on a full chart, 50 on a small multiple
        min_px = 58 if w_px > 300 else 50
    label = ax.yaxis.label
    text = label.get_text().replace("\n", " ")
    size = style.FONT_SIZE if w_px > 300 else style.SMALL_SIZE
    label.set_size(size)
    if text and _text_px(text, size, fig.dpi)[0] > h_px - 4:
        chars = max(12, int(len(text) * (h_px - 4) / _text_px(text, size, fig.dpi)[0]))
        label.set_text(style.wrap(text, chars))
    # the label reads upwards with its foot towards the axes: it needs its height to the left of that
    height = _text_px(label.get_text(), size, fig.dpi)[1]
    room = bbox.x0 * fig.bbox.width - 5  # from the figure's left edge to the axes, less a margin
    ticks = widest + 3.5 + 3.5 + pad_px  # tick length, pad, labels, a gap
    if ticks + height > room and tick_size > style.SMALL_SIZE:  # long numbers: smaller tick labels, then measure again
        ax.tick_params(axis="y", labelsize=style.SMALL_SIZE)
        ticks = max(_text_px(lab, style.SMALL_SIZE, fig.dpi)[0] for lab in labels) + 3.5 + 3.5 + pad_px
    elif tick_size < style.FONT_SIZE and w_px > 300:  # short numbers again: the house size, if it fits
        full = max((_text_px(lab, style.FONT_SIZE, fig.dpi)[0] for lab in labels), default=0.0) + 3.5 + 3.5 + pad_px
        if full + height <= room:
            ax.tick_params(axis="y", labelsize=style.FONT_SIZE)
            ticks = full
    distance = max(ticks, min(min_px, room - height))
    if distance + height > room:  # no room on the left at all: the unit goes above the axis, read across
        label.set_rotation(0)
        label.set_horizontalalignment("left")
        label.set_verticalalignment("bottom")
        ax.yaxis.set_label_coords(-min(ticks, room) / w_px, 1.0 + 4 / h_px)
        return
    if label.get_rotation() != 90:
        label.set_rotation(90)
        label.set_horizontalalignment("center")
        label.set_verticalalignment("bottom")
    ax.yaxis.set_label_coords(-distance / w_px, 0.5)


class _LineSlot:
    """The artists of one time series on one axes: line, exact and approximate markers, rings."""

    def __init__(self, ax, slot: int):
        c, m = style.colour(slot), style.marker(slot)
        self.line = Line2D([], [], color=c, linewidth=1.8, zorder=3)
        self.gap = Line2D([], [], color=c, linewidth=1.0, linestyle=(0, (1, 2.5)), alpha=0.8, zorder=2)
        self.exact = Line2D(
            [],
            [],
            linestyle="none",
            marker=m,
            markersize=6,
            color=c,
            markeredgecolor="white",
            markeredgewidth=0.8,
            zorder=4,
        )
        self.approx = Line2D(
            [],
            [],
            linestyle="none",
            marker=m,
            markersize=6.5,
            markerfacecolor="white",
            markeredgecolor=c,
            markeredgewidth=1.6,
            zorder=4,
        )
        self.rings = Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=13,
            markerfacecolor="none",
            markeredgecolor=c,
            markeredgewidth=1.0,
            zorder=4,
        )
        for a in (self.gap, self.line, self.exact, self.approx, self.rings):
            ax.add_line(a)
        self.slot = slot
        self.trace: Trace | None = None

    def show(self, t: Trace | None):
        self.trace = t
        if t is None:
            for a in (self.gap, self.line, self.exact, self.approx, self.rings):
                a.set_visible(False)
            return
        x, y = line_with_gaps(t)
        self.line.set_data(x, y)
        self.gap.set_data(*gap_connectors(t))
        # independent estimates: dashed, thinner, smaller markers, drawn under the sources' own figures
        self.line.set_linestyle("--" if t.dashed else "-")
        self.line.set_linewidth(1.3 if t.dashed else 1.8)
        self.line.set_zorder(2.5 if t.dashed else 3)
        for a, size in ((self.exact, 6), (self.approx, 6.5)):
            a.set_markersize(size * 0.75 if t.dashed else size)
            a.set_zorder(3.5 if t.dashed else 4)
        approx = np.array([p not in ("exact", "computed") for p in t.precision], dtype=bool)
        self.exact.set_data(t.x[~approx], t.y[~approx])
        self.approx.set_data(t.x[approx], t.y[approx])
        self.rings.set_data(t.x[t.conflict], t.y[t.conflict])
        for a in (self.gap, self.line, self.exact, self.approx, self.rings):
            a.set_visible(True)

    def legend_handle(self, label: str):
        t = self.trace
        return Line2D(
            [],
            [],
            color=self.line.get_color(),
            linestyle="--" if t and t.dashed else "-",
            linewidth=1.8,
            marker=self.exact.get_marker(),
            markersize=6,
            markeredgecolor="white",
            label=style.mpl_text(style.wrap(label, 32)),
        )

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        xs = np.concatenate([np.asarray(self.exact.get_xdata(), float), np.asarray(self.approx.get_xdata(), float)])
        ys = np.concatenate([np.asarray(self.exact.get_ydata(), float), np.asarray(self.approx.get_ydata(), float)])
        order = np.argsort(xs, kind="stable")
        return xs[order], ys[order]


def _read_back(
    slots,
) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for s in slots:
        t = s.trace
        if t is None or not s.exact.get_visible():
            continue
        xs, ys = s.points()
        vals = {}
        for x, y in zip(xs, ys):
            i = int(np.argmin(np.abs(t.x - x)))
            vals[t.periods[i]] = float(y)
        out[t.label] = vals
    return out


class _TimeAxes:
    """One axes of time series: line slots, a reference line, highlight band and rings."""

    def __init__(self, ax):
        self.ax = ax
        style.style_axes(ax)
        _fix_label_positions(ax)
        self.slots: dict[int, _LineSlot] = {}
        self.reference = ax.axhline(100, color=style.GREY, linewidth=0.8, linestyle=":", zorder=2, visible=False)
        self.band = Rectangle(
            (0, 0),
            0.8,
            1,
            transform=ax.get_xaxis_transform(),
            color=style.OKABE_ITO["sky_blue"],
            alpha=0.18,
            zorder=1,
            animated=True,
            visible=False,
        )
        ax.add_patch(self.band)
        self.hl_points = Line2D(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=15,
            markerfacecolor="none",
            markeredgecolor="black",
            markeredgewidth=2.0,
            animated=True,
            visible=False,
        )
        ax.add_line(self.hl_points)
        self.log = False

    def slot(self, i: int) -> _LineSlot:
        if i not in self.slots:
            self.slots[i] = _LineSlot(self.ax, i)
        return self.slots[i]

    def show(self, traces: list[Trace], *, log: bool, reference: float | None, xlim, xticks, ylabel: str, xlabel: str):
        ax = self.ax
        used = set()
        for t in traces:
            s = self.slot(t.slot)
            s.show(t)
            used.add(t.slot)
        for i, s in self.slots.items():
            if i not in used:
                s.show(None)
        if log != self.log or not getattr(self, "_formatted", False):
            self._formatted = True
            ax.set_yscale("log" if log else "linear")
            if log:
                from matplotlib.ticker import LogLocator, NullFormatter

                ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0), numticks=9))
                ax.yaxis.set_major_formatter(_TICK_FORMATTER)
                ax.yaxis.set_minor_formatter(NullFormatter())
            else:
                ax.yaxis.set_major_formatter(_TICK_FORMATTER)
            self.log = log
        self.reference.set_visible(reference is not None and bool(traces))
        ys = np.concatenate([t.y for t in traces]) if traces else np.array([1.0])
        ys = ys[np.isfinite(ys)]
        if reference is not None:
            ys = np.append(ys, reference)
        lo, hi = float(ys.min()), float(ys.max())
        if log:
            lo_, hi_ = lo / 1.35, hi * 1.35
        else:
            lo_ = 0.0 if lo >= 0 else lo - 0.08 * (hi - lo)
            hi_ = hi + 0.1 * (hi - min(lo_, lo)) if hi > lo_ else hi + 1
        ax.set_ylim(lo_, hi_)
        if log:  # 1-2-5 within three decades; beyond, whole decades only, so that labels never crowd
            from matplotlib.ticker import LogLocator

            subs = (1.0, 2.0, 5.0) if hi_ / max(lo_, 1e-300) <= 1e3 else (1.0,)
            if tuple(ax.yaxis.get_major_locator()._subs) != subs:
                ax.yaxis.set_major_locator(LogLocator(subs=subs, numticks=9))
        if xlim:
            ax.set_xlim(*xlim)
        _set_xticks(ax, xticks)
        ax.set_ylabel(style.mpl_text(ylabel))
        ax.set_xlabel(style.mpl_text(xlabel))
        _place_ylabel(ax)

    def set_highlight(self, label: str | None, traces: list[Trace]) -> list:
        pts = [(t.x[i], t.y[i]) for t in traces for i, p in enumerate(t.periods) if p == label] if label else []
        if not pts:
            self.band.set_visible(False)
            self.hl_points.set_visible(False)
            return []
        xs = [p[0] for p in pts]
        self.band.set_x(min(xs) - 0.4)
        self.band.set_width(max(xs) - min(xs) + 0.8)
        self.band.set_visible(True)
        self.hl_points.set_data(xs, [p[1] for p in pts])
        self.hl_points.set_visible(True)
        return [self.band, self.hl_points]


class TimeSeriesChart(Chart):
    """Lines over time: several series, gaps as gaps, approximate values hollow, index or absolute, log or linear."""

    kind = "timeseries"

    def __init__(self, figsize=style.FIGSIZE, dpi=style.DPI, figure=None):
        super().__init__(figsize, dpi, figure)
        self.ax = self.figure.add_axes(style.AXES_RECT)
        self.axes = _TimeAxes(self.ax)
        self._highlight_artists = [self.axes.band, self.axes.hl_points]

    def _draw_model(self, model: ChartModel) -> None:
        ax = self.ax
        traces = model.visible if not model.empty else []
        ax.set_visible(not model.empty)
        self.axes.show(
            traces,
            log=model.log,
            reference=model.reference,
            xlim=model.xlim,
            xticks=model.xticks,
            ylabel=model.ylabel,
            xlabel=model.xlabel,
        )
        handles = [self.axes.slots[t.slot].legend_handle(t.label) for t in traces]
        if any(p not in ("exact", "computed") for t in traces for p in t.precision):
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="o",
                    markerfacecolor="white",
                    markeredgecolor="#333333",
                    markeredgewidth=1.4,
                    label="approximate value",
                )
            )
        if any(t.breaks.any() for t in traces):
            handles.append(
                Line2D(
                    [],
                    [],
                    color="#333333",
                    linewidth=1.0,
                    linestyle=(0, (1, 2.5)),
                    label=style.wrap("dotted: years with no figure in the sources (not data)", 32),
                )
            )
        if any(t.conflict.any() for t in traces):
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker="o",
                    markersize=11,
                    markerfacecolor="none",
                    markeredgecolor="#333333",
                    label=style.wrap("another passage gives a different value", 32),
                )
            )
        self.legend.set(handles)

    def _set_highlight_artists(self, label):
        traces = self.model.visible if self.model is not None and not self.model.empty else []
        self.axes.set_highlight(label, traces)

    def plotted(self):
        return _read_back(self.axes.slots.values())

    def line_data(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """The drawn lines (with NaN at gaps), per trace label."""
        return {
            s.trace.label: (np.asarray(s.line.get_xdata(), float), np.asarray(s.line.get_ydata(), float))
            for s in self.axes.slots.values()
            if s.trace is not None and s.line.get_visible()
        }


class SmallMultiplesChart(Chart):
    """One small time-series panel per series, each with its own axis and unit, one shared time range."""

    kind = "small_multiples"

    def __init__(self, capacity: int = 4, figsize=style.SMALL_MULTIPLES_FIGSIZE, dpi=style.DPI, figure=None):
        super().__init__(figsize, dpi, figure)
        self.capacity = capacity
        self.panels: list[_TimeAxes] = []
        self.titles = []
        for _ in range(capacity):
            ax = self.figure.add_axes((0, 0, 0.1, 0.1))
            ax.tick_params(labelsize=style.SMALL_SIZE)
            p = _TimeAxes(ax)
            ax.tick_params(labelsize=style.SMALL_SIZE)
            ax.yaxis.set_major_locator(MaxNLocator(4))
            self.panels.append(p)
            self._highlight_artists += [p.band, p.hl_points]
        self._layout_n = None

    def _layout(self, n: int):
        if n == self._layout_n:
            return
        self._layout_n = n
        ncol = 1 if n == 1 else 2 if n <= 4 else 3
        nrow = max(1, -(-n // ncol))
        # room on the left of each panel for its tick labels and a two-line unit label
        left, right, bottom, top = 0.115, 0.985, 0.20, 0.86
        hgap, vgap = 0.105, 0.10
        w = (right - left - hgap * (ncol - 1)) / ncol
        h = (top - bottom - vgap * (nrow - 1)) / nrow
        for i, p in enumerate(self.panels):
            r, c = divmod(i, ncol)
            p.ax.set_position((left + c * (w + hgap), top - (r + 1) * h - r * vgap, w, h))
            last_row = r == nrow - 1 or i + ncol >= n
            if getattr(p.ax, "_nep_labelbottom", None) != last_row:
                p.ax.tick_params(labelbottom=last_row)
                p.ax._nep_labelbottom = last_row
            _fix_label_positions(p.ax, ylabel_px=50, xlabel_px=26)

    def _draw_model(self, model: ChartModel) -> None:
        traces = model.visible if not model.empty else []
        by_axis: dict[int, list[Trace]] = {}
        for t in traces:
            by_axis.setdefault(t.axis, []).append(t)
        n = len(by_axis)
        if n > self.capacity:
            raise ValueError(f"This chart was built for {self.capacity} panels, not {n}.")
        self._layout(max(n, 1))
        for i, p in enumerate(self.panels):
            ts = by_axis.get(i, [])
            p.ax.set_visible(bool(ts))
            if not ts:
                for s in p.slots.values():
                    s.show(None)
                continue
            p.show(
                ts,
                log=model.log,
                reference=100.0 if model.base else None,
                xlim=model.xlim,
                xticks=model.xticks,
                ylabel=ts[0].ylabel,
                xlabel="",
            )
            p.ax.yaxis.label.set_size(style.SMALL_SIZE)
            # an explicit y stops matplotlib from re-placing the title (a tight-bbox computation) on every draw
            p.ax.set_title(
                style.mpl_text(style.wrap(ts[0].label, 48)), loc="left", fontsize=style.FONT_SIZE, pad=3, y=1.0
            )
            if len(model.xticks) > 6 and n > 1:
                _set_xticks(p.ax, model.xticks[::2])

    def _set_highlight_artists(self, label):
        traces = self.model.visible if self.model is not None and not self.model.empty else []
        for i, p in enumerate(self.panels):
            p.set_highlight(label, [t for t in traces if t.axis == i])

    def plotted(self):
        return _read_back([s for p in self.panels for s in p.slots.values()])


class _BarChart(Chart):
    """Shared machinery of the bar charts: pools of rectangles and labels reused on every update."""

    def __init__(self, figsize=style.FIGSIZE, dpi=style.DPI, figure=None):
        super().__init__(figsize, dpi, figure)
        self.ax = self.figure.add_axes(style.AXES_RECT)
        style.style_axes(self.ax)
        _fix_label_positions(self.ax)
        self.ax.yaxis.set_major_formatter(_TICK_FORMATTER)
        self.bars: list[Rectangle] = []
        self.labels = []
        self.gap_labels = []
        self.meta: dict[int, tuple[str, str, float]] = {}  # bar index -> (trace label, period, value)
        self.reference = self.ax.axhline(100, color="#333333", linewidth=0.9, linestyle="--", zorder=2, visible=False)
        self.rings: list[Rectangle] = []

    def _bar(self, i: int) -> Rectangle:
        while len(self.bars) <= i:
            r = Rectangle((0, 0), 0, 0, zorder=3)
            self.ax.add_patch(r)
            self.bars.append(r)
        return self.bars[i]

    def _label(self, i: int):
        while len(self.labels) <= i:
            self.labels.append(
                self.ax.text(
                    0, 0, "", size=style.SMALL_SIZE, ha="center", va="bottom", zorder=5, color="#222222", clip_on=False
                )
            )
        return self.labels[i]

    def _gap_label(self, i: int):
        while len(self.gap_labels) <= i:
            self.gap_labels.append(
                self.ax.text(
                    0,
                    0,
                    "",
                    size=style.SMALL_SIZE - 0.5,
                    ha="center",
                    va="bottom",
                    rotation=90,
                    color=style.GREY,
                    zorder=7,
                    clip_on=False,
                )
            )
        return self.gap_labels[i]

    def _ring(self, i: int) -> Rectangle:
        while len(self.rings) <= i:
            r = Rectangle(
                (0, 0), 0, 0, fill=False, edgecolor="black", linewidth=2.2, zorder=6, animated=True, visible=False
            )
            self.ax.add_patch(r)
            self.rings.append(r)
            self._highlight_artists.append(r)
        return self.rings[i]

    def _begin(self):
        self._nbar = self._nlab = self._ngap = 0
        self.meta = {}
        self._bar_periods: list[str] = []

    def _add_bar(
        self,
        x,
        bottom,
        width,
        height,
        *,
        face,
        edge,
        hatch="",
        label=None,
        text=None,
        linestyle="-",
        inside=False,
        conflict=False,
    ):
        """Place the next pooled bar (and its label); ``label`` = (trace label, period, value) for read-back."""
        r = self._bar(self._nbar)
        r.set_bounds(x - width / 2, bottom, width, height)
        r.set_facecolor(face)
        r.set_edgecolor("black" if conflict else edge)
        r.set_hatch(hatch or None)
        r.set_linestyle(linestyle)
        r.set_linewidth(2.2 if conflict else 1.2)
        r.set_visible(True)
        if label is not None:
            self.meta[self._nbar] = label
            self._bar_periods.append(label[1])
        else:
            self._bar_periods.append("")
        self._nbar += 1
        if text is not None:
            t = self._label(self._nlab)
            if inside:
                t.set_position((x, bottom + height / 2))
                t.set_va("center")
                t.set_color(text_colour(face) if not hatch else "black")
                t.set_bbox(dict(facecolor="white", edgecolor="none", pad=0.6, alpha=0.85) if hatch else None)
            else:
                t.set_position((x, bottom + height))
                t.set_va("bottom")
                t.set_color("#222222")
                t.set_bbox(None)
            t.set_text(style.mpl_text(text))
            t.set_visible(True)
            self._nlab += 1
        return r

    def _add_gap(self, x, text="no figure", rotation=90):
        t = self._gap_label(self._ngap)
        t.set_text(text)
        t.set_rotation(rotation)
        if text == GAP_MARK:  # a break in the axis between two periods
            t.set_transform(self.ax.get_xaxis_transform())
            t.set_position((x, 0))
            t.set_va("center")
            t.set_size(style.FONT_SIZE + 1)
            t.set_weight("bold")
            t.set_color("#333333")
            t.set_bbox(dict(facecolor="white", edgecolor="none", pad=0.5))
        else:
            t.set_transform(self.ax.transData)
            t.set_position((x, 0))
            t.set_va("bottom")
            t.set_size(style.SMALL_SIZE - 0.5)
            t.set_weight("normal")
            t.set_color(style.GREY)
            t.set_bbox(None)
        t.set_visible(True)
        self._ngap += 1

    def _lift_labels_over_gaps(self) -> None:
        """Raise a bar's number above an upright 'no figure' beside it, so that the two never touch."""
        ax, dpi = self.ax, self.figure.dpi
        gaps = []
        for g in self.gap_labels[: self._ngap]:
            if g.get_rotation() != 90:
                continue
            w, h = _text_px(g.get_text(), g.get_size(), dpi)
            gx, gy = ax.transData.transform(g.get_position())
            gaps.append((gx - h / 2 - 1, gx + h / 2 + 1, gy + w + 2))
        if not gaps:
            return
        lift = 0.0
        for t in self.labels[: self._nlab]:
            if t.get_va() != "bottom":
                continue
            w, h = _text_px(t.get_text(), t.get_size(), dpi)
            x, y = ax.transData.transform(t.get_position())
            over = [top for x0, x1, top in gaps if x - w / 2 < x1 and x0 < x + w / 2 and y < top]
            if over:
                new_y = ax.transData.inverted().transform((x, max(over)))[1]
                t.set_position((t.get_position()[0], new_y))
                lift = max(
                    lift, new_y + (h + 2) * (ax.get_ylim()[1] / (ax.get_position().height * self.figure.bbox.height))
                )
        if lift > ax.get_ylim()[1]:
            ax.set_ylim(0, lift)

    def _end(self, model: ChartModel, handles):
        self.legend.set(handles if not model.empty else [])
        for pos, _missing in model.gap_marks if not model.empty else []:
            self._add_gap(pos, GAP_MARK, rotation=0)
        for r in self.bars[self._nbar :]:
            r.set_visible(False)
        for t in self.labels[self._nlab :]:
            t.set_visible(False)
        for t in self.gap_labels[self._ngap :]:
            t.set_visible(False)
        ax = self.ax
        ax.set_visible(not model.empty)
        if model.empty:
            return
        tops = [r.get_y() + r.get_height() for r in self.bars[: self._nbar]] or [1.0]
        top = max(max(tops), model.reference or 0)
        ax.set_ylim(0, top * 1.15 if top > 0 else 1)
        if model.xlim:
            ax.set_xlim(*model.xlim)
        self._lift_labels_over_gaps()
        _set_xticks(ax, [(x, style.wrap(lab, 16)) for x, lab in model.xticks])
        ax.set_ylabel(style.mpl_text(model.ylabel))
        ax.set_xlabel(style.mpl_text(model.xlabel))
        _place_ylabel(ax)
        self.reference.set_visible(model.reference is not None)
        if model.reference is not None:
            self.reference.set_ydata([model.reference, model.reference])

    def _set_highlight_artists(self, label):
        n = 0
        if label and self.model is not None and not self.model.empty:
            for i in range(self._nbar):
                if self._bar_periods[i] == label and self.bars[i].get_visible():
                    b = self.bars[i]
                    r = self._ring(n)
                    r.set_bounds(b.get_x(), b.get_y(), b.get_width(), b.get_height())
                    r.set_visible(True)
                    n += 1
        for r in self.rings[n:]:
            r.set_visible(False)

    def plotted(self):
        out: dict[str, dict[str, float]] = {}
        for i, (label, period, _) in self.meta.items():
            if self.bars[i].get_visible():
                out.setdefault(label, {})[period] = float(self.bars[i].get_height())
        return out


REMAINDER_FACE, REMAINDER_EDGE = "#EBEBEB", "#9A9A9A"


def _bar_marker_handles(model: ChartModel) -> list:
    """Legend entries for hatched (approximate) and outlined (disputed) bars, when there are any."""
    if model.empty:
        return []
    out = []
    if any(p not in ("exact", "computed") for t in model.visible for p in t.precision):
        out.append(Patch(facecolor="white", edgecolor="#333333", hatch="////", label="approximate value"))
    if any(t.conflict.any() for t in model.visible):
        out.append(
            Patch(
                facecolor="white",
                edgecolor="black",
                linewidth=2.2,
                label=style.wrap("another passage gives a different value", 32),
            )
        )
    return out


def _bar_slots(model: ChartModel) -> tuple[list, float, float]:
    """The categories of a bar chart, the distance between neighbours and the width of one group of bars."""
    cats = model.categories
    xs = [x for x, _ in cats]
    step = min(np.diff(xs)) if len(xs) > 1 else 1.0
    return cats, step, min(0.8, 0.8 * step)


def _hatch(precision: str) -> str:
    return "////" if precision not in ("exact", "computed") else ""


class SharesChart(_BarChart):
    """Shares of a whole per period, stacked (with the computed remainder) or grouped."""

    kind = "shares"

    def _draw_model(self, model: ChartModel) -> None:
        self._begin()
        handles = []
        if not model.empty:
            comps = model.visible
            cats, step, width = _bar_slots(model)
            n = len(comps)
            for t in comps:
                face = REMAINDER_FACE if t.role == "remainder" else style.colour(t.slot)
                edge = REMAINDER_EDGE if t.role == "remainder" else "white"
                handles.append(Patch(facecolor=face, edgecolor=edge, label=style.mpl_text(style.wrap(t.label, 32))))
            if model.layout == "stacked":
                for x, lab in cats:
                    bottom = 0.0
                    for t in comps:
                        if lab not in t.periods:
                            continue
                        i = t.periods.index(lab)
                        v = float(t.y[i])
                        rem = t.role == "remainder"
                        self._add_bar(
                            x,
                            bottom,
                            width,
                            v,
                            face=REMAINDER_FACE if rem else style.colour(t.slot),
                            edge=REMAINDER_EDGE if rem else "white",
                            hatch=_hatch(t.precision[i]),
                            label=(t.label, lab, v),
                            text=bar_label(v, computed=rem) if v >= 4 else None,
                            inside=True,
                            conflict=bool(t.conflict[i]),
                        )
                        bottom += v
            else:
                w = width / max(n, 1)
                for x, lab in cats:
                    for k, t in enumerate(comps):
                        xx = x + (k - (n - 1) / 2) * w
                        if lab not in t.periods:
                            self._add_gap(xx)
                            continue
                        i = t.periods.index(lab)
                        v = float(t.y[i])
                        self._add_bar(
                            xx,
                            0.0,
                            w * 0.92,
                            v,
                            face=style.colour(t.slot),
                            edge="white",
                            hatch=_hatch(t.precision[i]),
                            label=(t.label, lab, v),
                            text=bar_label(v),
                            conflict=bool(t.conflict[i]),
                        )
        self._end(model, handles + _bar_marker_handles(model))
        if not model.empty and model.layout == "stacked":
            # shares of one whole stop at 100; shares of different wholes stacked may not: show all of them
            tops = [r.get_y() + r.get_height() for r in self.bars[: self._nbar]] or [100.0]
            self.ax.set_ylim(0, 105 if max(tops) <= 100.5 else max(tops) * 1.12)


class PlanChart(_BarChart):
    """Plan targets (outlined, one per variant) beside outcomes (filled), or the outcome as % of plan."""

    kind = "plan"

    def _draw_model(self, model: ChartModel) -> None:
        self._begin()
        handles = []
        if not model.empty:
            traces = model.visible
            cats, step, width = _bar_slots(model)
            n = len(traces)
            w = width / max(n, 1)
            for t in traces:
                if t.role == "target":
                    handles.append(
                        Patch(
                            facecolor="white",
                            edgecolor=style.colour(t.slot),
                            linewidth=1.5,
                            linestyle="--",
                            label=style.mpl_text(style.wrap(f"target: {t.label}", 32)),
                        )
                    )
                elif t.role == "actual":
                    lab = t.label if t.label.lower().startswith("outcome") else f"outcome: {t.label}"
                    handles.append(Patch(facecolor=style.colour(t.slot), label=style.mpl_text(style.wrap(lab, 32))))
                else:
                    handles.append(Patch(facecolor=style.colour(t.slot), label=style.mpl_text(style.wrap(t.label, 32))))
            for x, lab in cats:
                for k, t in enumerate(traces):
                    xx = x + (k - (n - 1) / 2) * w
                    if lab not in t.periods:
                        self._add_gap(xx, "no outcome stated" if t.role == "actual" else "no target")
                        continue
                    i = t.periods.index(lab)
                    v = float(t.y[i])
                    c = style.colour(t.slot)
                    if t.role == "target":
                        self._add_bar(
                            xx,
                            0.0,
                            w * 0.9,
                            v,
                            face="white",
                            edge=c,
                            linestyle="--",
                            hatch=_hatch(t.precision[i]),
                            label=(t.label, lab, v),
                            text=bar_label(v),
                            conflict=bool(t.conflict[i]),
                        )
                    else:
                        self._add_bar(
                            xx,
                            0.0,
                            w * 0.9,
                            v,
                            face=c,
                            edge="white",
                            hatch=_hatch(t.precision[i]),
                            label=(t.label, lab, v),
                            text=bar_label(v, computed=t.role == "fulfilment"),
                            conflict=bool(t.conflict[i]),
                        )
        self._end(model, handles + _bar_marker_handles(model))


class BeforeAfterChart(_BarChart):
    """Benchmark years side by side for several series (one group of bars per series)."""

    kind = "before_after"

    def _draw_model(self, model: ChartModel) -> None:
        self._begin()
        handles = []
        if not model.empty:
            years = list(model.years)
            n = len(years)
            w = 0.8 / n
            for k, yr in enumerate(years):
                handles.append(Patch(facecolor=style.colour(k), label=yr))
            for t in model.visible:
                for k, yr in enumerate(years):
                    xx = t.axis + (k - (n - 1) / 2) * w
                    if yr not in t.periods:
                        self._add_gap(xx)
                        continue
                    i = t.periods.index(yr)
                    v = float(t.y[i])
                    self._add_bar(
                        xx,
                        0.0,
                        w * 0.9,
                        v,
                        face=style.colour(k),
                        edge="white",
                        hatch=_hatch(t.precision[i]),
                        label=(t.label, yr, v),
                        text=bar_label(v, computed=model.base is not None),
                        conflict=bool(t.conflict[i]),
                    )
        self._end(model, handles + _bar_marker_handles(model))


CHARTS = {c.kind: c for c in (TimeSeriesChart, SmallMultiplesChart, SharesChart, PlanChart, BeforeAfterChart)}


def chart_for(kind: str, **kw) -> Chart:
    """A new chart of the given kind (``timeseries``, ``small_multiples``, ``shares``, ``plan``, ``before_after``)."""
    return CHARTS[kind](**kw)
