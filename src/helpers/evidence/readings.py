"""Across kinds of year: which year does a "1925" mean?

Soviet statistics of the 1920s counted economic years (1 October – 30 September). A calendar
year Y holds the last three quarters of the economic year ending in Y and the first quarter of
the one starting in Y. :func:`calendar_readings` tests every calendar-year value against the
economic-year values of the same series under explicit readings; :func:`compilation_readings`
does the same for independent compilations whose year basis is uncertain. See docs/methods.md.
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache

import pandas as pd

from helpers.data import independent
from helpers.data import statements as data
from helpers.data.numbers import interval, overlap
from helpers.data.periods import parse_period
from helpers.data.units import conversion_factor
from helpers.errors import CourseError, UnknownNameError
from helpers.evidence.findings import finding, fmt, frame
from helpers.evidence.scopes import scope_relation

__all__ = [
    "ENDING",
    "STARTING",
    "CALENDAR",
    "READINGS",
    "WEIGHTING_TOLERANCE",
    "STOCK_STEMS",
    "UNCERTAIN_YEARS",
    "RATIO_TOLERANCE",
    "CAL_LABELS",
    "ECO_LABELS",
    "is_flow",
    "weighted",
    "calendar_readings",
    "compilation_readings",
    "ratio_readings",
    "year_readings",
]

#: how a compilation's year labels may be meant
CAL_LABELS = "calendar years"
ECO_LABELS = "economic years (end-year labels)"

ENDING = "economic year ending in it"
STARTING = "economic year starting in it"
CALENDAR = "calendar year (¾ of the one, ¼ of the next)"
READINGS = (ENDING, STARTING, CALENDAR)

#: A quarter-weighted estimate assumes each quarter of an economic year produced a quarter of
#: its output. Seasonal work and growth within the year make that approximate; an estimate
#: within this share of a stated value is read as fitting it.
WEIGHTING_TOLERANCE = 0.02

#: Two publications of the same statistics differ by revisions: year-on-year ratios within this
#: share of each other are read as agreeing (:func:`ratio_readings`).
RATIO_TOLERANCE = 0.01

#: series that are stocks (counted at a date), not flows over a year: never quarter-weighted.
STOCK_STEMS = ("fixed_assets", "deposits", "debt", "capital_stock", "park", "fund", "number_of", "enterprises")

#: independent compilations' labels in these years have an uncertain year basis (1920s USSR
#: figures: probably economic years labelled by their end year, not confirmed from the notes).
UNCERTAIN_YEARS = (1920, 1929)

#: the economic years in which Soviet statistics of the period were kept (first years).
ECONOMIC = (1920, 1929)


def is_flow(series: str) -> bool:
    """True for a flow over a year (output, investment); False for a stock at a date."""
    return not any(s in series for s in STOCK_STEMS)


def weighted(end_value: float, start_value: float) -> float:
    """The calendar year from the two economic years it overlaps: ¾ × ending + ¼ × starting."""
    return 0.75 * end_value + 0.25 * start_value


def _eco(y: int) -> str:
    return f"{y}/{(y + 1) % 100:02d}"


@lru_cache(maxsize=1)
def _levels() -> pd.DataFrame:
    df = data.load_figures()
    return df[df["kind"].isin(("level", "count")) & df["value"].notna()].copy()


@lru_cache(maxsize=1)
def _levels_by_series() -> dict[str, list]:
    out: dict[str, list] = {}
    for r in _levels().itertuples(index=False):
        out.setdefault(r.series, []).append(r)
    return out


def _compatible(a, b) -> float | None:
    """Factor turning b's unit into a's, or None if the rows cannot be compared."""
    if scope_relation(a.scope, b.scope) == "different part":
        return None
    if (
        a.price_basis
        and b.price_basis
        and "unstated" not in (a.price_basis, b.price_basis)
        and a.price_basis != b.price_basis
    ):
        return None
    try:
        return conversion_factor(b.unit, a.unit)
    except CourseError:
        return None


def _iv(r, f: float = 1.0) -> tuple[float, float]:
    lo, hi = interval(r.value, r.value_as_written, r.precision)
    return lo * f, hi * f


def _widen(iv: tuple[float, float]) -> tuple[float, float]:
    return iv[0] * (1 - WEIGHTING_TOLERANCE), iv[1] * (1 + WEIGHTING_TOLERANCE)


def _verdict(target: str, tests: list[tuple[str, float, bool]], value: float) -> tuple[bool, str, str]:
    """(fits under some reading, result text, verdict text)."""
    fits = [t for t in tests if t[2]]
    parts = [f"{name}: {fmt(est)} ({_off(est, value)})" for name, est, _ in tests]
    if fits:
        names = " and ".join(f"“{t[0]}”" for t in fits)
        return True, "; ".join(parts), f"{target} fits when read as {names}, within the stated precision."
    best = min(tests, key=lambda t: abs(t[1] - value))
    return (
        False,
        "; ".join(parts),
        (f"No reading fits {target} within the stated precision; the closest is “{best[0]}” ({_off(best[1], value)})."),
    )


def _off(est: float, value: float) -> str:
    if not value:
        return "–"
    d = 100 * (value - est) / est if est else math.nan
    return "exact" if abs(d) < 0.05 else f"the stated value is {fmt(abs(d), 1)}% {'above' if d > 0 else 'below'}"


def calendar_readings(series: str | None = None) -> pd.DataFrame:
    """Every calendar-year value of the 1920s set against the economic-year values of its series.

    One finding per calendar-year row that has at least one economic year beside it. For each
    reading the estimate is given; ``flag`` is True when **no** reading fits within the stated
    precision (a quarter-weighted estimate within :data:`WEIGHTING_TOLERANCE`).
    """
    df = _levels()
    if series is not None:
        if series not in set(df["series"]):
            raise UnknownNameError("series with stated levels", series, sorted(set(df["series"])))
        df = df[df["series"] == series]
    out = []
    for _, g in df.groupby("series", sort=True):
        cal = [
            r
            for r in g.itertuples(index=False)
            if r.period_kind == "calendar_year" and ECONOMIC[0] <= r.parsed_period.start.year <= ECONOMIC[1] + 1
        ]
        eco = {r.period: [] for r in g.itertuples(index=False) if r.period_kind == "economic_year"}
        for r in g.itertuples(index=False):
            if r.period_kind == "economic_year":
                eco[r.period].append(r)
        if not cal or not eco:
            continue
        for c in cal:
            y = c.parsed_period.start.year
            ends = [(e, f) for e in eco.get(_eco(y - 1), []) if (f := _compatible(c, e)) is not None]
            starts = [(e, f) for e in eco.get(_eco(y), []) if (f := _compatible(c, e)) is not None]
            if not ends and not starts:
                continue
            for end, start in itertools.product(ends or [None], starts or [None]):
                out.append(_calendar_finding(c, end, start))
    return frame(out, ["id", "flow", "best", "fits"])


def _calendar_finding(c, end, start) -> dict:
    y = c.parsed_period.start.year
    civ = interval(c.value, c.value_as_written, c.precision)
    tests, steps, rows = [], [], [c]
    if end:
        e, f = end
        tests.append((ENDING, e.value * f, overlap(civ, _iv(e, f))))
        steps.append(f"{e.period} ({e.id}) = {fmt(e.value * f)} {c.unit}")
        rows.append(e)
    if start:
        e, f = start
        tests.append((STARTING, e.value * f, overlap(civ, _iv(e, f))))
        steps.append(f"{e.period} ({e.id}) = {fmt(e.value * f)} {c.unit}")
        rows.append(e)
    flow = is_flow(c.series)
    if end and start and flow:
        (e1, f1), (e2, f2) = end, start
        w = weighted(e1.value * f1, e2.value * f2)
        lo1, hi1 = _iv(e1, f1)
        lo2, hi2 = _iv(e2, f2)
        wiv = _widen((weighted(lo1, lo2), weighted(hi1, hi2)))
        tests.append((CALENDAR, w, overlap(civ, wiv)))
        steps.append(f"¾ × {fmt(e1.value * f1)} + ¼ × {fmt(e2.value * f2)} = {fmt(w)} {c.unit}")
    computation = (
        f"{c.id} states {fmt(c.value)} {c.unit} for {c.period} (“{c.value_as_written}”, i.e. "
        f"{fmt(civ[0])} to {fmt(civ[1])}). Economic years beside it: " + "; ".join(steps) + "."
    )
    if not flow:
        computation += " A stock counted at a date: compared at its date only, never quarter-weighted."
    fits, result, verdict = _verdict(f"{c.period} ({c.id})", tests, c.value)
    expl = [
        "the economic year is labelled by the calendar year in which it ends (or begins)",
        "a genuine calendar-year figure, three quarters of one economic year and one of the next",
    ]
    if not fits:
        expl = ["another statistical publication or a revision", "a different coverage", *expl[:1]]
    best = min(tests, key=lambda t: abs(t[1] - c.value))[0]
    return finding(
        "across kinds of year",
        c.series,
        str(y),
        rows,
        computation,
        result,
        not fits,
        verdict,
        expl,
        id=c.id,
        flow=flow,
        best=best,
        fits=" and ".join(n for n, _, ok in tests if ok) or "none",
    )


# --------------------------------------------------------------------------------------
# independent compilations whose year basis is uncertain
# --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _estimates() -> pd.DataFrame:
    est = independent.load_estimates()
    est = est[est["kind"] == "level"].copy()
    est["year"] = [
        parse_period(p).start.year if parse_period(p).kind == "calendar_year" else None for p in est["period"]
    ]
    return est[est["year"].notna()]


def _label_readings(years: dict[int, float], target) -> list[tuple[str, float, str]]:
    """What a compilation's values give for a source's period under the three readings of its labels."""
    p = target.parsed_period
    out = []
    if p.kind == "calendar_year":
        y = p.start.year
        if y in years:
            out.append((CAL_LABELS, years[y], f"its “{y}” = {fmt(years[y])}"))
        if y in years and y + 1 in years:
            w = weighted(years[y], years[y + 1])
            out.append((ECO_LABELS, w, f"¾ × {fmt(years[y])} + ¼ × {fmt(years[y + 1])} = {fmt(w)}"))
    elif p.kind == "economic_year":
        y = p.end.year
        if y in years:
            out.append((ECO_LABELS, years[y], f"its “{y}” = {fmt(years[y])}"))
        if y - 1 in years and y in years:
            w = 0.25 * years[y - 1] + 0.75 * years[y]
            out.append((CAL_LABELS, w, f"¼ × {fmt(years[y - 1])} + ¾ × {fmt(years[y])} = {fmt(w)}"))
    return out


def compilation_readings(series: str | None = None) -> pd.DataFrame:
    """Every 1920s level of the sources set against each compilation read three ways.

    For a compilation (Mitchell, CoW, Etemad & Luciani …) whose labels in
    :data:`UNCERTAIN_YEARS` may be calendar or economic years, each reading gives an estimate of
    the source's period; a reading fits if it lies within the stated precision (weighted
    estimates within :data:`WEIGHTING_TOLERANCE`). Compilations in units that cannot be
    converted (TWh against tons) are compared by their ratios in :func:`ratio_readings`.
    """
    est = _estimates()
    lev = _levels()
    if series is not None:
        valid = sorted(set(est["series"]) & set(lev["series"]))
        if series not in valid:
            raise UnknownNameError("series with stated levels and independent estimates", series, valid)
    out = []
    for (s, dataset), e in est.groupby(["series", "dataset"], sort=True):
        if series is not None and s != series:
            continue
        rows = lev[lev["series"] == s]
        unit = e["unit"].iloc[0]
        for r in rows.itertuples(index=False):
            p = r.parsed_period
            if p.kind not in ("calendar_year", "economic_year") or not (
                UNCERTAIN_YEARS[0] <= p.end.year <= UNCERTAIN_YEARS[1]
            ):
                continue
            try:
                f = conversion_factor(unit, r.unit)
            except CourseError:
                continue
            years = {int(y): v * f for y, v in zip(e["year"], e["value"])}
            tests = _label_readings(years, r)
            if not tests:
                continue
            civ = interval(r.value, r.value_as_written, r.precision)
            scored = []
            for name, est_v, how in tests:
                weighted_ = "¾" in how or "¼" in how
                ok = overlap(civ, _widen((est_v, est_v)) if weighted_ else (est_v - 0.5 * f, est_v + 0.5 * f))
                scored.append((name, est_v, ok))
            fits, result, verdict = _verdict(f"{r.period} ({r.id})", scored, r.value)
            ids = [
                (i, dataset, f"{dataset}, “{int(y)}”: {fmt(v)} {unit}")
                for i, y, v in zip(e["id"], e["year"], e["value"])
                if int(y) in {t for t in years} and abs(int(y) - p.end.year) <= 1
            ]
            computation = (
                f"{r.id} states {fmt(r.value)} {r.unit} for {r.period}. {dataset} ({unit} converted to "
                f"{r.unit}): " + "; ".join(f"read as {n}: {how}" for n, _, how in tests) + "."
            )
            est_by = {n: v for n, v, _ in scored}
            out.append(
                finding(
                    "across kinds of year (compilation)",
                    s,
                    r.period,
                    [r, *ids],
                    computation,
                    result,
                    not fits,
                    verdict,
                    fits=" and ".join(n for n, _, ok in scored if ok) or "none",
                    stated=r.value,
                    unit=r.unit,
                    as_calendar=est_by.get(CAL_LABELS, math.nan),
                    as_economic=est_by.get(ECO_LABELS, math.nan),
                    explanations=[
                        "the compilation labels the economic year by the calendar year in which it ends",
                        "the compilation gives calendar years, and the source an economic year",
                        "another statistical publication or a revision",
                    ],
                    id=r.id,
                    dataset=dataset,
                )
            )
    return frame(out, ["id", "dataset", "stated", "unit", "as_calendar", "as_economic", "fits"])


def ratio_readings(series: str | None = None) -> pd.DataFrame:
    """Year-on-year ratios of consecutive economic years stated by a source, against a compilation's
    ratios read as economic years (labels = end years) and as calendar years.

    For compilations in units the sources do not use (coal in TWh), ratios are all that can be
    compared. A reading fits if the two ratios agree within the rounding of the source's levels,
    widened by :data:`RATIO_TOLERANCE`.
    """
    est = _estimates()
    lev = _levels()
    out = []
    for (s, dataset), e in est.groupby(["series", "dataset"], sort=True):
        if series is not None and s != series:
            continue
        years = {int(y): v for y, v in zip(e["year"], e["value"])}
        ids = {int(y): i for y, i in zip(e["year"], e["id"])}
        rows = [r for r in lev[lev["series"] == s].itertuples(index=False) if r.period_kind == "economic_year"]
        by_end = {}
        for r in rows:
            by_end.setdefault(r.parsed_period.end.year, r)
        for y in sorted(by_end):
            a, b = by_end.get(y - 1), by_end.get(y)
            if a is None or b is None or not (UNCERTAIN_YEARS[0] < y <= UNCERTAIN_YEARS[1]):
                continue
            if a.source != b.source or _compatible(b, a) is None:
                continue
            f = _compatible(b, a)
            (al, ah), (bl, bh) = _iv(a, f), _iv(b, f)
            stated, band = b.value / (a.value * f), (bl / ah, bh / al)
            tests = []
            if y - 1 in years and y in years:
                tests.append((ECO_LABELS, years[y] / years[y - 1]))
            if all(k in years for k in (y - 2, y - 1, y)):
                num, den = 0.25 * years[y - 1] + 0.75 * years[y], 0.25 * years[y - 2] + 0.75 * years[y - 1]
                tests.append((CAL_LABELS, num / den))
            if not tests:
                continue
            scored = [(n, v, overlap(band, (v * (1 - RATIO_TOLERANCE), v * (1 + RATIO_TOLERANCE)))) for n, v in tests]
            fits, result, verdict = _verdict(f"the ratio {b.period} / {a.period}", scored, stated)
            computation = (
                f"{b.id} / {a.id} = {fmt(b.value * 1.0)} / {fmt(a.value * f)} = {stated:.3f} "
                f"({band[0]:.3f} to {band[1]:.3f} within rounding). {dataset}: "
                + "; ".join(f"read as {n}: {v:.3f}" for n, v in tests)
                + "."
            )
            rel = [
                (ids[k], dataset, f"{dataset}, “{k}”: {fmt(years[k])} {e['unit'].iloc[0]}")
                for k in (y - 2, y - 1, y)
                if k in years
            ]
            est_by = {n: v for n, v, _ in scored}
            out.append(
                finding(
                    "across kinds of year (compilation)",
                    s,
                    f"{a.period} → {b.period}",
                    [a, b, *rel],
                    computation,
                    result,
                    not fits,
                    verdict,
                    fits=" and ".join(n for n, _, ok in scored if ok) or "none",
                    stated=stated,
                    as_calendar=est_by.get(CAL_LABELS, math.nan),
                    as_economic=est_by.get(ECO_LABELS, math.nan),
                    explanations=[
                        "the compilation labels the economic year by the calendar year in which it ends",
                        "the compilation gives calendar years",
                    ],
                    id=b.id,
                    dataset=dataset,
                )
            )
    return frame(out, ["id", "dataset", "stated", "as_calendar", "as_economic", "fits"])


# --------------------------------------------------------------------------------------
# a claim between two calendar years, read as economic years
# --------------------------------------------------------------------------------------


def year_readings(series: str, period: str, base: str, source: str | None = None) -> list[dict]:
    """Level pairs for ``base`` and ``period`` under each reading of their calendar years.

    Returns dicts ``reading, base_row, period_row`` for the readings in which both calendar
    years are read the same way (both as the economic year ending in them, or both as the one
    starting in them). Used by :mod:`helpers.evidence.claims` for claims whose own years have
    no levels.
    """
    try:
        pb, pp = parse_period(base), parse_period(period)
    except CourseError:
        return []
    if pb.kind != "calendar_year" or pp.kind != "calendar_year":
        return []
    eco = {}
    for r in _levels_by_series().get(series, []):
        if r.period_kind == "economic_year" and (source is None or r.source == source):
            eco.setdefault(r.period, []).append(r)
    out = []
    for name, shift in ((ENDING, -1), (STARTING, 0)):
        yb, yp = pb.start.year + shift, pp.start.year + shift
        if not (ECONOMIC[0] <= yb <= ECONOMIC[1] and ECONOMIC[0] <= yp <= ECONOMIC[1]):
            continue
        for b, p in itertools.product(eco.get(_eco(yb), []), eco.get(_eco(yp), [])):
            if _compatible(p, b) is not None:
                out.append(dict(reading=name, base_row=b, period_row=p))
    return out


def clear_cache() -> None:
    _levels.cache_clear()
    _levels_by_series.cache_clear()
    _estimates.cache_clear()
