"""Time-series charts: lines broken at gaps, dotted connectors across them, one axes or small multiples."""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from helpers.charts import style
from helpers.charts.axes_text import TICK_FORMATTER, fix_label_positions, place_ylabel, set_xticks
from helpers.charts.figure import Chart
from helpers.charts.model import ChartModel, Trace
from helpers.data.numbers import POINT_PRECISIONS


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
        approx = np.array([p not in POINT_PRECISIONS for p in t.precision], dtype=bool)
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
        fix_label_positions(ax)
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
        # the year shown under "Sources": a shaded band and a square box, so that it cannot be taken for
        # the round rings that mark values another passage states differently
        self.hl_points = Line2D(
            [],
            [],
            linestyle="none",
            marker="s",
            markersize=14,
            markerfacecolor="none",
            markeredgecolor="#222222",
            markeredgewidth=1.3,
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
                ax.yaxis.set_major_formatter(TICK_FORMATTER)
                ax.yaxis.set_minor_formatter(NullFormatter())
            else:
                ax.yaxis.set_major_formatter(TICK_FORMATTER)
            self.log = log
        self.reference.set_visible(reference is not None and bool(traces))
        ys = np.concatenate([t.y for t in traces]) if traces else np.array([1.0])
        ys = ys[np.isfinite(ys)]
        if reference is not None:
            ys = np.append(ys, reference)
        lo, hi = float(ys.min()), float(ys.max())
        if log:
            lo_, hi_ = lo / 1.35, hi * 1.35
            # at least two of the 1-2-5 ticks in view (a narrower range would fall back to crowded linear ticks)
            widen = (5.0 / (hi_ / max(lo_, 1e-300))) ** 0.5
            if widen > 1:
                lo_, hi_ = lo_ / widen, hi_ * widen
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
        set_xticks(ax, xticks)
        ax.set_ylabel(style.mpl_text(ylabel))
        ax.set_xlabel(style.mpl_text(xlabel))
        place_ylabel(ax)

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
        # a box only around a point that stands alone: where points lie within a box's size of each other,
        # boxes would stack over them and their rings, and the band alone marks the year
        size_px = self.hl_points.get_markersize() * self.ax.figure.dpi / 72
        try:
            at = self.ax.transData.transform(np.asarray(pts, dtype=float))
        except (ValueError, TypeError):  # a log axis with a point at or below zero: no boxes, the band marks it
            at = None
        boxes = []
        if at is not None:
            for i, (x, y) in enumerate(pts):
                others = np.delete(at, i, axis=0)
                if not len(others) or np.min(np.hypot(*(others - at[i]).T)) > size_px * 1.1:
                    boxes.append((x, y))
        self.hl_points.set_data([b[0] for b in boxes], [b[1] for b in boxes])
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
        if any(p not in POINT_PRECISIONS for t in traces for p in t.precision):
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
            fix_label_positions(p.ax, ylabel_px=50, xlabel_px=26)

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
                set_xticks(p.ax, model.xticks[::2])

    def _set_highlight_artists(self, label):
        traces = self.model.visible if self.model is not None and not self.model.empty else []
        for i, p in enumerate(self.panels):
            p.set_highlight(label, [t for t in traces if t.axis == i])

    def plotted(self):
        return _read_back([s for p in self.panels for s in p.slots.values()])
