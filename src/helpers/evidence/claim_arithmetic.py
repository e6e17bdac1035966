"""The arithmetic of a claim on intervals, and how its numbers are written.

Every stated number stands for an interval (its rounding, or the band of 'about', 'almost',
'over'); :func:`ratio` divides two of them, :func:`metric` turns a ratio into what a claim states
(a multiple, a percentage of the base, a change in per cent). Used by :mod:`helpers.evidence.claims`
and :mod:`helpers.evidence.claim_readings`. See ``docs/methods.md`` (§3).
"""

from __future__ import annotations

import math

from helpers.data import numbers
from helpers.evidence.claim_levels import value_interval

__all__ = ["ratio", "metric", "band_text", "fmt", "claim_text"]


def ratio(p, b, fp: float, fb: float) -> tuple[float, float, float]:
    (pl, ph), (bl, bh) = value_interval(p), value_interval(b)
    pv, bv = p.value * fp, b.value * fb
    pl, ph, bl, bh = pl * fp, ph * fp, bl * fb, bh * fb
    if bv == 0 or bl <= 0:
        return math.nan, math.nan, math.nan
    return pv / bv, pl / bh, ph / bl


def metric(kind: str, lower: bool, r: tuple[float, float, float]) -> tuple[float, float, float]:
    v, lo, hi = r
    if kind == "multiple":
        return (1 / v, 1 / hi, 1 / lo) if lower else (v, lo, hi)
    if kind == "percent_of_base":
        return 100 * v, 100 * lo, 100 * hi
    if kind == "change_pct":
        return 100 * (v - 1), 100 * (lo - 1), 100 * (hi - 1)
    raise ValueError(kind)


def band_text(band: tuple[float, float]) -> str:
    lo, hi = band
    if not math.isfinite(hi):
        return f"{fmt(lo)} or more"
    if not math.isfinite(lo):
        return f"{fmt(hi)} or less"
    return f"{fmt(lo)} to {fmt(hi)}"


def fmt(v: float) -> str:
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "–"
    return numbers.format_number(round(v, 3 if abs(v) < 100 else 1))


def claim_text(kind: str, v: float, unit: str = "") -> str:
    if kind == "increase":
        return numbers.format_value(round(v, 3), unit)
    if kind == "change_pct":
        return f"{'+' if v >= 0 else ''}{fmt(v)}%"
    if kind in ("percent_of_base", "share"):
        return f"{fmt(v)}%"
    if kind == "multiple":
        return f"{fmt(v)} times"
    return fmt(v)
