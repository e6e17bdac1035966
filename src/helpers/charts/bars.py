"""Bar charts: shares of a whole, plan against outcome, benchmark years side by side."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Patch, Rectangle

from helpers.charts import style
from helpers.charts.axes_text import TICK_FORMATTER, fix_label_positions, place_ylabel, set_xticks, text_px
from helpers.charts.figure import GAP_MARK, Chart
from helpers.charts.model import ChartModel
from helpers.charts.style import REMAINDER_EDGE, REMAINDER_FACE
from helpers.data.numbers import POINT_PRECISIONS, format_number


def bar_label(value: float, *, computed: bool = False) -> str:
    """The number written on a bar: as stated, or with one decimal when it is computed (index, remainder, % of plan)."""
    if computed:
        return format_number(round(float(value), 1))
    return format_number(round(float(value), 6))


def text_colour(face: str) -> str:
    """Black or white, whichever has the higher WCAG contrast ratio on a bar of colour ``face``."""
    from matplotlib.colors import to_rgb

    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(face))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b  # WCAG relative luminance
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"


class _BarChart(Chart):
    """Shared machinery of the bar charts: pools of rectangles and labels reused on every update."""

    def __init__(self, figsize=style.FIGSIZE, dpi=style.DPI, figure=None):
        super().__init__(figsize, dpi, figure)
        self.ax = self.figure.add_axes(style.AXES_RECT)
        style.style_axes(self.ax)
        fix_label_positions(self.ax)
        self.ax.yaxis.set_major_formatter(TICK_FORMATTER)
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
                    size=style.SMALL_SIZE,
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
                (0, 0),
                0,
                0,
                fill=False,
                edgecolor="#222222",
                linewidth=1.3,
                linestyle=(0, (3, 2)),
                zorder=6,
                animated=True,
                visible=False,
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

    def _add_slot_bar(self, x, k, n, w, t, lab, *, shrink, computed=False, gap="no figure", **look) -> None:
        """The ``k``-th of ``n`` bars side by side around ``x`` (each ``w`` wide, drawn ``shrink`` of it):
        trace ``t``'s value for the period ``lab``, or the ``gap`` mark where it states none."""
        xx = x + (k - (n - 1) / 2) * w
        if lab not in t.periods:
            self._add_gap(xx, gap)
            return
        i = t.periods.index(lab)
        v = float(t.y[i])
        self._add_bar(
            xx,
            0.0,
            w * shrink,
            v,
            hatch=hatch_for(t.precision[i]),
            label=(t.label, lab, v),
            text=bar_label(v, computed=computed),
            conflict=bool(t.conflict[i]),
            **look,
        )

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
            t.set_size(style.SMALL_SIZE)
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
            w, h = text_px(g.get_text(), g.get_size(), dpi)
            gx, gy = ax.transData.transform(g.get_position())
            gaps.append((gx - h / 2 - 1, gx + h / 2 + 1, gy + w + 2))
        if not gaps:
            return
        lift = 0.0
        for t in self.labels[: self._nlab]:
            if t.get_va() != "bottom":
                continue
            w, h = text_px(t.get_text(), t.get_size(), dpi)
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
        set_xticks(ax, [(x, style.wrap(lab, 16)) for x, lab in model.xticks])
        ax.set_ylabel(style.mpl_text(model.ylabel))
        ax.set_xlabel(style.mpl_text(model.xlabel))
        place_ylabel(ax)
        self.reference.set_visible(model.reference is not None)
        if model.reference is not None:
            self.reference.set_ydata([model.reference, model.reference])
        self._stagger_touching_labels()

    def _stagger_touching_labels(self) -> None:
        """Value labels of neighbouring bars that would touch (narrow grouped bars, close values): each one
        that touches the label before it goes just above that label, and the axis grows to hold it."""
        ax, dpi = self.ax, self.figure.dpi
        placed: list[tuple[float, float, float, float]] = []  # x0, x1, y0, y1 in pixels
        top = ax.get_ylim()[1]
        for t in sorted(
            (t for t in self.labels[: self._nlab] if t.get_va() == "bottom"), key=lambda t: t.get_position()[0]
        ):
            w, h = text_px(t.get_text(), t.get_size(), dpi)
            x, y = ax.transData.transform(t.get_position())
            for x0, x1, y0, y1 in placed:
                if x - w / 2 - 2 < x1 and x0 < x + w / 2 + 2 and y - 1 < y1 and y0 < y + h + 1:
                    y = y1 + 2
            placed.append((x - w / 2, x + w / 2, y, y + h))
            new_y = ax.transData.inverted().transform((x, y))[1]
            t.set_position((t.get_position()[0], new_y))
            top = max(top, ax.transData.inverted().transform((x, y + h + 3))[1])
        if top > ax.get_ylim()[1]:
            ax.set_ylim(0, top)

    def _set_highlight_artists(self, label):
        """One dashed frame around all the bars of the chosen period, a little outside them: the bars keep their
        own colours and outlines (a target's dashed outline in its series colour stays in sight)."""
        bars = []
        if label and self.model is not None and not self.model.empty:
            bars = [
                self.bars[i] for i in range(self._nbar) if self._bar_periods[i] == label and self.bars[i].get_visible()
            ]
        if bars:
            x0 = min(b.get_x() for b in bars)
            x1 = max(b.get_x() + b.get_width() for b in bars)
            y0 = min(min(b.get_y(), b.get_y() + b.get_height()) for b in bars)
            y1 = max(max(b.get_y(), b.get_y() + b.get_height()) for b in bars)
            y1 = max(y1, self._label_top(x0, x1))  # the frame holds the bars' value labels too, never crosses them
            lo, hi = sorted(self.ax.get_ylim())
            pad_x, pad_y = min(b.get_width() for b in bars) * 0.25, (hi - lo) * 0.015
            r = self._ring(0)
            r.set_bounds(x0 - pad_x, y0 - pad_y, x1 - x0 + 2 * pad_x, y1 - y0 + 2 * pad_y)
            r.set_visible(True)
        for r in self.rings[1 if bars else 0 :]:
            r.set_visible(False)

    def _label_top(self, x0: float, x1: float) -> float:
        """The top, in data units, of the highest visible value label standing on a bar between ``x0`` and ``x1``
        (minus infinity if there is none)."""
        ax, dpi, top = self.ax, self.figure.dpi, float("-inf")
        for t in self.labels[: self._nlab]:
            x, y = t.get_position()
            if t.get_visible() and t.get_text() and t.get_va() == "bottom" and x0 <= x <= x1:
                _, h = text_px(t.get_text(), t.get_size(), dpi)
                px, py = ax.transData.transform((x, y))
                top = max(top, ax.transData.inverted().transform((px, py + h))[1])
        return top

    def plotted(self):
        out: dict[str, dict[str, float]] = {}
        for i, (label, period, _) in self.meta.items():
            if self.bars[i].get_visible():
                out.setdefault(label, {})[period] = float(self.bars[i].get_height())
        return out


def _bar_marker_handles(model: ChartModel) -> list:
    """Legend entries for hatched (approximate) and outlined (disputed) bars, when there are any."""
    if model.empty:
        return []
    out = []
    if any(p not in POINT_PRECISIONS for t in model.visible for p in t.precision):
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


def hatch_for(precision: str) -> str:
    return "////" if precision not in POINT_PRECISIONS else ""


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
                            hatch=hatch_for(t.precision[i]),
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
                        self._add_slot_bar(x, k, n, w, t, lab, shrink=0.92, face=style.colour(t.slot), edge="white")
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
                    c = style.colour(t.slot)
                    target = t.role == "target"  # a target is outlined and dashed; an outcome filled
                    self._add_slot_bar(
                        x,
                        k,
                        n,
                        w,
                        t,
                        lab,
                        shrink=0.9,
                        computed=t.role == "fulfilment",
                        gap="no outcome stated" if t.role == "actual" else "no target",
                        face="white" if target else c,
                        edge=c if target else "white",
                        linestyle="--" if target else "-",
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
                    look = dict(face=style.colour(k), edge="white")
                    self._add_slot_bar(t.axis, k, n, w, t, yr, shrink=0.9, computed=model.base is not None, **look)
        self._end(model, handles + _bar_marker_handles(model))
