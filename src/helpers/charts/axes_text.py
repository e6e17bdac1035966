"""Text on the axes that never touches: tick labels thinned (years) or turned (categories) to fit,
y labels placed clear of the widest tick label, tick numbers written for reading.
"""

from __future__ import annotations

from functools import lru_cache

from matplotlib.ticker import FuncFormatter

from helpers.charts import style


def _tick_text(v, _pos=None) -> str:
    """Tick labels with thousands separators: 7,500 · 0.5 · 2.5; a billion and more in words
    (``'100 billion'``), which is narrower than twelve digits and easier to read."""
    if abs(v) >= 1e9:
        return f"{v / 1e9:,.10g} billion"
    return f"{v:,.10g}"


TICK_FORMATTER = FuncFormatter(_tick_text)


def fix_label_positions(ax, ylabel_px: float = 58, xlabel_px: float = 30) -> None:
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
def text_px(text: str, size: float, dpi: float) -> tuple[float, float]:
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
    widest = max(text_px(lab, size, fig.dpi)[0] for _, lab in xticks)
    if spacing >= widest + TICK_GAP_PX:
        return list(xticks), 0.0
    if all(lab.replace("/", "").isdigit() for _, lab in xticks):  # years: label every n-th
        for n in (2, 5, 10, 20, 50):
            if n * spacing >= widest + TICK_GAP_PX:
                return [(x, lab) for i, (x, lab) in enumerate(xticks) if i % n == 0], 0.0
        return list(xticks[:: max(1, len(xticks) - 1)]), 0.0
    # categories: turned by 45° when their slanted boxes fit side by side, else upright
    tallest = max(text_px(lab, size, fig.dpi)[1] for _, lab in xticks)
    return list(xticks), 45.0 if spacing >= (widest + tallest) * 0.7072 + TICK_GAP_PX else 90.0


def set_xticks(ax, xticks, *, fit: bool = True) -> None:
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


def place_ylabel(ax, min_px: float | None = None, pad_px: float = 4) -> None:
    """Put the y label clear of the widest y tick label (fixed distance, measured once per tick set)
    and wrap it onto two lines when it is longer than the axes are high."""
    fig = ax.get_figure()
    lo, hi = sorted(ax.get_ylim())
    fmt = ax.yaxis.get_major_formatter()
    locs = [v for v in ax.yaxis.get_major_locator()() if lo <= v <= hi]
    labels = fmt.format_ticks(locs) if locs else []
    tick_size = ax.yaxis.get_majorticklabels()[0].get_size() if ax.yaxis.get_majorticklabels() else style.FONT_SIZE
    widest = max((text_px(lab, tick_size, fig.dpi)[0] for lab in labels), default=0.0)
    bbox = ax.get_position()
    w_px, h_px = bbox.width * fig.bbox.width, bbox.height * fig.bbox.height
    if min_px is None:  # the house distances: 58 px on a full chart, 50 on a small multiple
        min_px = 58 if w_px > 300 else 50
    label = ax.yaxis.label
    text = label.get_text().replace("\n", " ")
    size = style.FONT_SIZE if w_px > 300 else style.SMALL_SIZE
    label.set_size(size)
    if text and text_px(text, size, fig.dpi)[0] > h_px - 4:
        chars = max(12, int(len(text) * (h_px - 4) / text_px(text, size, fig.dpi)[0]))
        label.set_text(style.wrap(text, chars))
    # the label reads upwards with its foot towards the axes: it needs its height to the left of that
    height = text_px(label.get_text(), size, fig.dpi)[1]
    room = bbox.x0 * fig.bbox.width - 5  # from the figure's left edge to the axes, less a margin
    ticks = widest + 3.5 + 3.5 + pad_px  # tick length, pad, labels, a gap
    if ticks + height > room and tick_size > style.SMALL_SIZE:  # long numbers: smaller tick labels, then measure again
        ax.tick_params(axis="y", labelsize=style.SMALL_SIZE)
        ticks = max(text_px(lab, style.SMALL_SIZE, fig.dpi)[0] for lab in labels) + 3.5 + 3.5 + pad_px
    elif tick_size < style.FONT_SIZE and w_px > 300:  # short numbers again: the house size, if it fits
        full = max((text_px(lab, style.FONT_SIZE, fig.dpi)[0] for lab in labels), default=0.0) + 3.5 + 3.5 + pad_px
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
