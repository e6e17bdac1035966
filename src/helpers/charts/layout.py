"""Where things go on a chart: period options of the range controls, time-axis ticks, bar
category positions with room for gaps, and the source line under a chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from helpers.charts import style
from helpers.charts.model import Choice, Trace
from helpers.data.periods import period_label


def range_label(a: str, b: str) -> str:
    return a if a == b else f"{a}–{b}"


@lru_cache(maxsize=1024)
def _source_line_cached(ids: tuple, citations: tuple) -> str:
    return style.source_line(ids, citations)


def source_line(ids, citations=()) -> str:
    """The source line under a chart (cached: it looks up source titles)."""
    return _source_line_cached(tuple(dict.fromkeys(ids)), tuple(dict.fromkeys(c for c in citations if c)))


def range_mask(c: Choice, lo: float, hi: float) -> np.ndarray:
    return (c.x >= lo - 1e-9) & (c.x <= hi + 1e-9)


def period_options(choices: Sequence[Choice]) -> list[tuple[str, float]]:
    """All period labels of the choices, ordered on the time axis (for the range slider)."""
    seen: dict[str, float] = {}
    for c in choices:
        for lab, x in zip(c.labels, c.x):
            seen.setdefault(lab, x)
    return sorted(seen.items(), key=lambda kv: kv[1])


def x_of(options: Sequence[tuple[str, float]], label: str) -> float:
    for lab, x in options:
        if lab == label:
            return x
    raise KeyError(label)


def time_ticks(traces: Sequence[Trace], lo: float, hi: float, kinds: set[str]) -> list[tuple[float, str]]:
    """Tick positions and labels: calendar years at mid-year, economic years as ``1925/26``."""
    if not traces:
        return []
    first, last = math.floor(lo), math.ceil(hi)
    span = max(1, last - first)
    if kinds == {"economic"}:
        years = range(first, last + 1)
        step = 1 if span <= 8 else 2 if span <= 16 else 5
        ticks = [(y + 0.25, f"{y - 1}/{y % 100:02d}") for y in years]
        ticks = [t for t in ticks if lo - 0.3 <= t[0] <= hi + 0.3]
    elif kinds <= {"calendar", "economic"}:
        step = 1 if span <= 12 else 2 if span <= 24 else 5
        ticks = [(y + 0.5, str(y)) for y in range(first, last + 1) if lo - 0.6 <= y + 0.5 <= hi + 0.6]
    else:  # months, days: let the years speak
        step = 1 if span <= 12 else 2
        ticks = [(float(y), str(y)) for y in range(first, last + 1)]
    if step > 1:
        ticks = [t for i, t in enumerate(ticks) if i % step == 0]
    return ticks


def category_positions(
    labels_x: Sequence[tuple[str, float]],
) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """Bar positions for periods in time order: one slot each, and an extra half slot where
    years are missing, so that a gap shows as a gap. Returns (categories, gaps) where
    gaps are (position, 'missing years' text)."""
    cats, gaps_out = [], []
    pos = 0.0
    prev = None
    for lab, _x in labels_x:
        if prev is not None:
            missing = _missing_between(prev, lab)
            if missing:
                pos += 0.5
                gaps_out.append(((cats[-1][0] + pos) / 2, missing))
        cats.append((pos, lab))
        pos += 1.0
        prev = lab
    return cats, gaps_out


def to_categories(traces: Sequence[Trace], cats: Sequence[tuple[float, str]]) -> None:
    pos = {lab: x for x, lab in cats}
    for t in traces:
        t.x = np.array([pos[lab] for lab in t.periods], dtype=float)


def _missing_between(a: str, b: str) -> str:
    from helpers.data.periods import parse_period

    pa, pb = parse_period(a).to_pandas(), parse_period(b).to_pandas()
    if pa.freqstr != pb.freqstr or pb.ordinal - pa.ordinal <= 1:
        return ""
    first, last = pa + 1, pb - 1
    return period_label(first) if first == last else f"{period_label(first)}–{period_label(last)}"
