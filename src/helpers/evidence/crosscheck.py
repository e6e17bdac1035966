"""Official figures against independent estimates, for every series where both exist.

:func:`pairs` finds, from the data, every series that the sources state as a level
(``data/figures.csv``) **and** that an independent dataset estimates as a level
(``data/independent/estimates.csv``, through :mod:`helpers.independent`): pig iron,
steel, coal, oil, electricity. Units differ (the energy compilations measure coal and
oil in TWh, not tonnes), so the two sides are compared as **indices**: each series
divided by its own value in a base year (1913 = 100 by default). An index compares
the *movement* of a series, not its level, which is all a TWh series and a tonnage
series can share.

:func:`index_table` gives, for every pair, the official index and each independent
index by year, with the grade of the independent source (A–D, see
:data:`helpers.independent.GRADES`):

* an **official** index is computed within one chapter, from levels it states for both
  the base year and the year (``computed``), or read from a percentage of the base year
  the chapter states outright ("36% of pre-war levels", ``stated``); a chapter that gives
  no level for the base year gives no official index, and the table says so rather than
  borrowing the other chapter's base;
* an **independent** index is computed within one dataset, from the years as the dataset labels them;
  for the USSR in the 1920s a label may mean a calendar or an economic year (an open question:
  :mod:`helpers.evidence.readings`), and the ``how`` column says so.

:func:`panel_choices` returns the selections for a
:func:`helpers.ui.widgets.timeseries_panel` (all series on one index axis), with every
independent dataset labelled by its grade.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from helpers.data import independent, sources
from helpers.data import statements as data
from helpers.data.periods import parse_period
from helpers.data.statements import LEVEL_KINDS
from helpers.data.units import conversion_factor
from helpers.errors import CourseError, UnknownNameError
from helpers.evidence.readings import UNCERTAIN_YEARS

__all__ = [
    "pairs",
    "index_table",
    "index_summary",
    "panel_choices",
    "short_name",
    "comparable_at",
]


def _official_levels() -> pd.DataFrame:
    df = data.load_figures()
    return df[df["kind"].isin(LEVEL_KINDS) & df["value"].notna()]


def _independent_levels() -> pd.DataFrame:
    est = independent.load_estimates()
    return est[est["kind"] == "level"]


@lru_cache(maxsize=1)
def _pairs() -> pd.DataFrame:
    off, est = _official_levels(), _independent_levels()
    rows = []
    for series in sorted(set(off["series"]) & set(est["series"])):
        o = off[off["series"] == series]
        for (dataset, grade), e in est[est["series"] == series].groupby(["dataset", "grade"], sort=True):
            years = sorted(parse_period(p).start.year for p in e["period"])
            rows.append(
                dict(
                    series=series,
                    official_sources=", ".join(s for s in sources.order() if s in set(o["source"])),
                    official_periods=", ".join(dict.fromkeys(o["period"])),
                    dataset=dataset,
                    grade=grade,
                    grade_meaning=independent.GRADES[grade],
                    unit=e["unit"].iloc[0],
                    territory=e["territory"].iloc[0],
                    years=f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0]),
                    values=len(e),
                )
            )
    return pd.DataFrame(rows)


def pairs() -> pd.DataFrame:
    """One row per (series, independent dataset) where the sources also state the series as a level."""
    return _pairs().copy()


def _official_point(series: str, source: str, r, unit: str, index: float, how: str) -> dict:
    """One point of a source's index line: from the row ``r`` (its period and value), ``how`` it was got."""
    return dict(
        series=series,
        estimate=f"official ({source})",
        grade="",
        period=r.period,
        value=r.value,
        unit=unit,
        index=index,
        how=how,
    )


def _official_index(series: str, base: str) -> list[dict]:
    off = _official_levels()
    want = parse_period(base)
    out = []
    for src in sources.order():
        o = off[(off["series"] == series) & (off["source"] == src)]
        if o.empty:
            continue
        base_rows = o[[(p.start, p.end) == (want.start, want.end) for p in o["parsed_period"]]]
        if base_rows.empty:
            continue
        b = base_rows.iloc[0]
        for r in o.itertuples(index=False):
            if r.period_kind != "calendar_year" and r.period != base:
                continue
            try:
                f = conversion_factor(r.unit, b["unit"])
            except CourseError:
                continue
            index = 100.0 * r.value * f / b["value"]
            out.append(_official_point(series, src, r, r.unit, index, f"computed: {r.id} over {b['id']}"))
    # percentages of the base year that the chapters state outright
    df = data.load_figures()
    stated = df[
        (df["series"] == series) & (df["kind"] == "percent_of_base") & (df["base_period"] == base) & df["value"].notna()
    ]
    for r in stated.itertuples(index=False):
        if r.period_kind != "calendar_year":
            continue
        how = f"stated: {r.id} ({r.value_as_written} of {base})"
        out.append(_official_point(series, r.source, r, "%", float(r.value), how))
    return out


def _independent_index(series: str, base: str) -> list[dict]:
    est = _independent_levels()
    out = []
    want = parse_period(base)
    for (dataset, grade), e in est[est["series"] == series].groupby(["dataset", "grade"], sort=True):
        periods = [parse_period(p) for p in e["period"]]
        cal = [(p, r) for p, r in zip(periods, e.itertuples(index=False)) if p.kind == "calendar_year"]
        b = next((r for p, r in cal if (p.start, p.end) == (want.start, want.end)), None)
        if b is None or b.value == 0:
            continue
        for p, r in cal:
            basis = (
                "; the label's year basis is open (calendar, or the economic year ending in it: "
                "helpers.evidence.readings)"
                if UNCERTAIN_YEARS[0] <= p.start.year <= UNCERTAIN_YEARS[1]
                else ""
            )
            out.append(
                dict(
                    series=series,
                    estimate=dataset,
                    grade=grade,
                    period=r.period,
                    value=r.value,
                    unit=r.unit,
                    index=100.0 * r.value / b.value,
                    how=f"computed: {r.id} over {b.id}{basis}",
                )
            )
    return out


@lru_cache(maxsize=8)
def _index_table(base: str) -> pd.DataFrame:
    rows = []
    for series in dict.fromkeys(_pairs()["series"]):
        rows += _official_index(series, base) + _independent_index(series, base)
    df = pd.DataFrame(rows, columns=["series", "estimate", "grade", "period", "value", "unit", "index", "how"])
    df["_y"] = [parse_period(p).start.year for p in df["period"]]
    df["_o"] = [0 if e.startswith("official") else 1 for e in df["estimate"]]
    df = df.sort_values(["series", "_o", "estimate", "_y", "how"], kind="stable").drop(columns=["_y", "_o"])
    return df.reset_index(drop=True)


def index_table(base: str = "1913", series: str | None = None) -> pd.DataFrame:
    """Official and independent indices (``base`` = 100), one row per estimate and year.

    Columns: ``series``, ``estimate`` ("official (su_rec)" or a dataset), ``grade`` (blank
    for official figures), ``period``, ``value`` and ``unit`` as stated, ``index``, ``how``
    (which rows it is computed from, or that the chapter states it).
    """
    p = parse_period(str(base))
    if p.kind != "calendar_year":
        raise UnknownNameError("base year (a calendar year)", base, ["1913", "1925", "1928"])
    df = _index_table(str(base))
    if series is not None:
        valid = list(dict.fromkeys(_pairs()["series"]))
        if series not in valid:
            raise UnknownNameError("series with official and independent estimates", series, valid)
        df = df[df["series"] == series]
    return df.reset_index(drop=True).copy()


def index_summary(
    base: str = "1913", years: tuple[str, ...] = ("1913", "1921", "1925", "1928", "1929", "1932")
) -> pd.DataFrame:
    """A compact view of :func:`index_table`: one row per series and estimate, one column per year.

    Where a chapter both computes and states an index for one year, the computed one is shown.
    Estimates with no value in any of ``years`` are left out.
    """
    df = index_table(base)
    df = df[df["period"].isin(years)]
    df = df.assign(_stated=df["how"].str.startswith("stated")).sort_values("_stated", kind="stable")
    df = df.drop_duplicates(["series", "estimate", "period"])
    t = df.pivot_table(
        index=["series", "estimate", "grade"], columns="period", values="index", aggfunc="first", sort=False
    )
    t = t.reindex(columns=[y for y in years if y in t.columns]).round(1)
    t.columns.name = None
    order = {s: i for i, s in enumerate(dict.fromkeys(_pairs()["series"]))}
    t = t.sort_index(
        key=lambda idx: idx.map(
            lambda v: (
                order.get(v, v)
                if idx.name == "series"
                else (0 if str(v).startswith("official") else 1, v)
                if idx.name == "estimate"
                else v
            )
        )
    )
    return t


def short_name(dataset: str) -> str:
    """A dataset's name without its parenthesised channel: 'CoW NMC v4 (OWID)' -> 'CoW NMC v4'."""
    return dataset.split(" (")[0]


def comparable_at(base: str = "1913") -> list[str]:
    """Series with an official index *and* an independent index at ``base`` (both sides can be 100 there)."""
    t = index_table(base)
    official = set(t.loc[t["estimate"].str.startswith("official") & (t["period"] == base), "series"])
    indep = set(t.loc[~t["estimate"].str.startswith("official") & (t["period"] == base), "series"])
    return [s for s in dict.fromkeys(_pairs()["series"]) if s in official & indep]


def panel_choices(
    prefer: tuple[str, ...] = ("su_rec", "su_ind"), min_values: int = 3, base: str = "1913"
) -> tuple[dict, dict]:
    """Selections for :func:`helpers.ui.widgets.timeseries_panel`: ``(choices, independent)``.

    One official selection per series (calendar-year levels, each year from the first
    chapter in ``prefer`` that states it; the other chapter's differing values are flagged
    by the chart), and for each the independent datasets with at least ``min_values``
    values, as Series whose label names the dataset and its grade. Datasets with fewer
    values (a target or two isolated years) are in :func:`pairs` but cannot make an index
    line, so they are left out of the chart. Series comparable at ``base`` on both sides
    (:func:`comparable_at`) come first.
    """
    choices, indep = {}, {}
    first = comparable_at(base)
    groups = sorted(_pairs().groupby("series", sort=True), key=lambda kv: (kv[0] not in first, kv[0]))
    for series, g in groups:
        label = series.replace("_output", "").replace("_generation", "").replace("_", " ").capitalize()
        choices[label] = (series, {"prefer": list(prefer), "periods": "calendar", "kind": "level"})
        specs = []
        for r in g.itertuples(index=False):
            if r.values < min_values:
                continue
            try:
                s = independent.series(series, dataset=r.dataset)
            except CourseError:
                continue
            s.attrs = {**s.attrs, "label": f"{short_name(r.dataset)}, grade {r.grade}"}
            specs.append(s)
        indep[label] = specs
    return choices, indep


def clear_cache() -> None:
    _pairs.cache_clear()
    _index_table.cache_clear()
