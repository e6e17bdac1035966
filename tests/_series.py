"""Series shaped like ``helpers.data.series`` for chart tests that need no data file."""

from __future__ import annotations


def fx(values: dict, freq="Y-DEC", unit="tons", precision=None, name="fixture"):
    """A series shaped like helpers.data.series, for chart tests that need no data file."""
    import pandas as pd

    from helpers.data import periods

    index = pd.PeriodIndex([pd.Period(str(k), freq) for k in values])
    s = pd.Series(list(values.values()), index=index, dtype=float, name=name)
    labels = [periods.period_label(p) for p in index]
    s.attrs = {
        "name": name,
        "unit": unit,
        "price_basis": "",
        "kind": "level",
        "scope": "",
        "period_kind": "economic" if freq == "Y-SEP" else "calendar",
        "sources": [],
        "ids": {lab: [] for lab in labels},
        "precision": precision or {lab: "exact" for lab in labels},
    }
    return s
