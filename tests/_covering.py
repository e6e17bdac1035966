"""Covering arrays for control sweeps: every combination of any ``t`` control values, in few states.

A full sweep renders every combination of every control (8 series subsets × 16 year subsets × 5
bases = 640 renders for one panel). The panels' bugs come from interactions of a few settings at
once — a base year that is hidden *and* a series that lacks it; a unit conversion *and* an index; a
log scale *and* a zero — so a sweep that visits every combination of any three settings finds the
same bugs in a small fraction of the renders. Subsets are swept as one on/off factor per member
(``series: 'a'`` in or out), so "series *a* shown, year 1913 hidden, base 1913" is one 3-way
combination that is always visited.

:func:`covering` builds the array greedily and deterministically (the same states on every run,
so a failure can be reproduced); :func:`as_subsets` turns the on/off factors back into tuples.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence


def covering(factors: Mapping[str, Sequence], strength: int = 3) -> list[dict]:
    """Rows (``{factor: value}``) such that every combination of values of any ``strength`` factors appears."""
    names = list(factors)
    sizes = [len(factors[n]) for n in names]
    t = min(strength, len(names))
    uncovered = {
        (combo, vals)
        for combo in itertools.combinations(range(len(names)), t)
        for vals in itertools.product(*(range(sizes[i]) for i in combo))
    }
    by_factor: dict[int, list] = {i: [] for i in range(len(names))}
    for combo, vals in uncovered:
        for i in combo:
            by_factor[i].append((combo, vals))

    def gain(row, i, v):
        row[i] = v
        n = 0
        for combo, vals in by_factor[i]:
            if (
                (combo, vals) in uncovered
                and all(row[j] == vals[k] for k, j in enumerate(combo) if row[j] is not None)
                and all(row[j] is not None for j in combo)
            ):
                n += 1
        row[i] = None
        return n

    rows = []
    while uncovered:
        combo, vals = min(uncovered)  # the first uncovered tuple seeds the row: progress is guaranteed
        row: list = [None] * len(names)
        for i, v in zip(combo, vals):
            row[i] = v
        for i in range(len(names)):
            if row[i] is None:
                row[i] = max(range(sizes[i]), key=lambda v: (gain(row, i, v), -v))
        for c in itertools.combinations(range(len(names)), t):
            uncovered.discard((c, tuple(row[i] for i in c)))
        rows.append({n: factors[n][row[i]] for i, n in enumerate(names)})
    return rows


def members(prefix: str, values: Sequence) -> dict[str, tuple[bool, bool]]:
    """One on/off factor per member of a subset: ``{"<prefix>:<value>": (False, True)}``."""
    return {f"{prefix}:{v}": (False, True) for v in values}


def as_subsets(row: Mapping, prefix: str, values: Sequence) -> tuple:
    """The members of ``values`` switched on in ``row`` (in their order)."""
    return tuple(v for v in values if row[f"{prefix}:{v}"])
