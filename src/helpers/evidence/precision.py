"""How precise a stated number is: the one place the evidence methods import it from.

A number as the source writes it stands for an interval (``'1.3'`` for 1.25–1.35); a qualifier
("about", "almost", "over", "under") replaces that rounding with its own band. The functions
live in :mod:`helpers.data.numbers`, with the parsing and printing of numbers.
"""

from __future__ import annotations

import math

from helpers.data.numbers import BAND, interval, quantum

__all__ = ["BAND", "interval", "quantum", "overlap", "value_interval"]


def overlap(a: tuple[float, float], b: tuple[float, float], eps: float = 1e-9) -> bool:
    """True if two closed intervals share at least one value."""
    return a[0] <= b[1] + eps and b[0] <= a[1] + eps


def value_interval(value: float, written: str, precision: str = "exact") -> tuple[float, float]:
    """Like :func:`interval`, but bounded, so that it can enter arithmetic ("over X" as a level
    is X up to 10 X; "under X" is 0 up to X)."""
    lo, hi = interval(value, written, precision)
    if not math.isfinite(hi):
        hi = value * 10
    if not math.isfinite(lo):
        lo = 0.0
    return lo, hi
