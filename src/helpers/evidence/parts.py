"""Parts and wholes: do shares, parts and averages add up to the wholes they belong to?

:func:`share_sets` adds up the shares a passage states together for one period (more than
100% means they are not parts of one whole, or their bases differ); :func:`parts_and_totals`
sets stated parts against a stated total (:data:`PARTS`); :func:`products` sets a count
times an average against a stated total (:data:`PRODUCTS`). See docs/methods.md.
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache

import pandas as pd

from helpers.data import statements as data
from helpers.data.numbers import interval, overlap, value_interval
from helpers.data.units import conversion_factor
from helpers.errors import CourseError, UnknownNameError
from helpers.evidence.findings import finding, fmt, frame
from helpers.evidence.scopes import scope_relation

__all__ = ["PARTS", "PRODUCTS", "share_sets", "parts_and_totals", "products", "derived_values"]

#: totals that the sources also state as the sum of named parts. Each entry is a modelling
#: decision, with the reason in ``note``.
PARTS: dict[str, dict] = {
    "gross_output_large_scale_industry": dict(
        parts=("gross_output_group_a", "gross_output_group_b"),
        note="group A (means of production; 'heavy industry' in the recovery chapter) and group B (consumer "
        "goods; 'light and food industries') divide the gross output of large-scale industry between them",
    ),
}

#: quantities that are a product of stated factors: ``total = scale × factor × factor …``.
#: ``unit`` is the unit of the product after ``scale``; ``percent`` factors are divided by 100.
PRODUCTS: dict[str, dict] = {
    "gross_output_large_scale_industry": dict(
        factors=("workers_large_scale_industry", "working_days_per_worker", "output_per_man_day"),
        scale=1e-3,
        unit="million rubles",
        note="workers (thousands) × days worked per worker × output per man-day (rubles) = output in "
        "thousands of rubles; × 0.001 gives million rubles",
    ),
    "enterprises_leased": dict(
        factors=("enterprises_intended_for_lease", "share_enterprises_leased"),
        scale=1.0,
        unit="enterprises",
        percent=("share_enterprises_leased",),
        note="enterprises intended for leasing × the share of them leased = enterprises leased",
    ),
}


@lru_cache(maxsize=1)
def _rows() -> pd.DataFrame:
    df = data.load_figures()
    return df[df["value"].notna()].copy()


def share_sets(source: str | None = None) -> pd.DataFrame:
    """Shares stated together (one passage, one period, two or more series), added up.

    ``flag`` is True when even the lowest values their rounding allows add up to more than 100%:
    they cannot all be parts of one whole (one category contains another, or their bases
    differ). Sets whose stated coverages differ are reported with that as the first explanation.
    """
    df = _rows()
    df = df[df["kind"] == "share"]
    if source is not None:
        valid = sorted(set(_rows()["source"]))
        if source not in valid:
            raise UnknownNameError("source", source, valid)
        df = df[df["source"] == source]
    out, seen = [], set()
    for _, g in df.groupby(["source", "quote", "period"], sort=True):
        g = g.drop_duplicates("series")
        key = frozenset(g["id"])
        if len(g) < 2 or key in seen:
            continue
        seen.add(key)
        period = g["period"].iloc[0]
        rows = list(g.itertuples(index=False))
        ivs = [value_interval(r.value, r.value_as_written, r.precision) for r in rows]
        total, lo, hi = sum(r.value for r in rows), sum(i[0] for i in ivs), sum(i[1] for i in ivs)
        over = lo > 100 + 1e-9
        scopes = sorted({r.scope for r in rows})
        differ = any(scope_relation(a, b) not in ("same", "one unstated") for a, b in itertools.combinations(scopes, 2))
        computation = (
            " + ".join(f"{fmt(r.value)}% ({r.series.replace('_', ' ')}, {r.id})" for r in rows)
            + f" = {fmt(total)}% ({fmt(lo)} to {fmt(hi)} within rounding)"
        )
        if over:
            verdict = (
                "Together more than 100%: these shares cannot all be parts of one whole. One category may "
                "contain another, or the shares are of different wholes."
            )
            expl = ["overlapping categories (one contains another)", "shares of different wholes"]
            if differ:
                expl.insert(0, "different stated bases: " + "; ".join(s or "unstated" for s in scopes))
        else:
            verdict = "Together no more than 100%: they can be parts of one whole" + (
                f"; the other {fmt(100 - total)}% is not named." if total < 100 - 1e-9 else "."
            )
            expl = ["different stated bases: " + "; ".join(s or "unstated" for s in scopes)] if differ else []
        out.append(
            finding(
                "parts and wholes",
                " + ".join(r.series for r in rows),
                period,
                rows,
                computation,
                f"{fmt(total)}%",
                over,
                verdict,
                expl,
                total=total,
            )
        )
    return frame(out, ["total"])


def _levels(series: str, period_span) -> list:
    df = _rows()
    g = df[(df["series"] == series) & df["kind"].isin(("level", "count", "share")) & df["base_period"].eq("")]
    return [r for r in g.itertuples(index=False) if (r.parsed_period.start, r.parsed_period.end) == period_span]


def parts_and_totals() -> pd.DataFrame:
    """Stated parts against the stated total, for every period with both (see :data:`PARTS`).

    ``flag`` is True when the parts' sum and the total cannot agree within the rounding of both.
    """
    df = _rows()
    out = []
    for total, d in PARTS.items():
        t_rows = [r for r in df[(df["series"] == total) & df["kind"].isin(("level", "count"))].itertuples(index=False)]
        for t in t_rows:
            span = (t.parsed_period.start, t.parsed_period.end)
            if span[0] is None:
                continue
            pools = [_levels(p, span) for p in d["parts"]]
            if not all(pools):
                continue
            for combo in itertools.product(*pools):
                if any(r.source != t.source for r in combo):
                    continue
                try:
                    fs = [conversion_factor(r.unit, t.unit) for r in combo]
                except CourseError:
                    continue
                s = sum(r.value * f for r, f in zip(combo, fs))
                lo = sum(interval(r.value, r.value_as_written, r.precision)[0] * f for r, f in zip(combo, fs))
                hi = sum(interval(r.value, r.value_as_written, r.precision)[1] * f for r, f in zip(combo, fs))
                tiv = interval(t.value, t.value_as_written, t.precision)
                ok = overlap((lo, hi), tiv)
                computation = (
                    " + ".join(f"{fmt(r.value * f)} ({r.id})" for r, f in zip(combo, fs))
                    + f" = {fmt(s)} {t.unit}, against the total {fmt(t.value)} ({t.id}, "
                    f"{t.scope or 'coverage not stated'})"
                )
                verdict = (
                    "The parts add up to the total within rounding."
                    if ok
                    else f"The parts add up to {fmt(100 * s / t.value, 1)}% of the total: they do not make it up."
                )
                expl = (
                    []
                    if ok
                    else [
                        "the parts and the total count different circles of enterprises",
                        "different price bases",
                        "a part is missing from the list",
                    ]
                )
                out.append(
                    finding(
                        "parts and wholes",
                        total,
                        t.period,
                        [*combo, t],
                        computation,
                        f"{fmt(s)} against {fmt(t.value)}",
                        not ok,
                        verdict,
                        expl,
                        parts_sum=s,
                        total=t.value,
                        unit=t.unit,
                        total_scope=t.scope,
                    )
                )
    return frame(out, ["parts_sum", "total", "unit", "total_scope"])


def _factor_rows(series: str, span, source: str) -> list:
    return [r for r in _levels(series, span) if r.source == source]


def derived_values() -> pd.DataFrame:
    """Every value of a :data:`PRODUCTS` quantity that its factors give, one row per period and source.

    Columns: ``series``, ``period``, ``source``, ``value``, ``low``, ``high``, ``unit``, ``ids``,
    ``scopes``, ``computation``, ``rows`` (the factor rows).
    """
    df = _rows()
    out = []
    for total, d in PRODUCTS.items():
        first = d["factors"][0]
        for r0 in df[(df["series"] == first) & df["kind"].isin(("level", "count"))].itertuples(index=False):
            span = (r0.parsed_period.start, r0.parsed_period.end)
            pools = [[r0]]
            for f in d["factors"][1:]:
                rows = _factor_rows(f, span, r0.source)
                if not rows and span[0] is not None:  # a factor stated for a date inside the span (end of 1923)
                    rows = [
                        r
                        for r in df[(df["series"] == f) & (df["source"] == r0.source)].itertuples(index=False)
                        if r.parsed_period.start is not None and span[0] <= r.parsed_period.start <= span[1]
                    ]
                pools.append(rows)
            if not all(pools):
                continue
            for combo in itertools.product(*pools):
                v, lo, hi = d["scale"], d["scale"], d["scale"]
                for r in combo:
                    div = 100.0 if r.series in d.get("percent", ()) else 1.0
                    a, b = value_interval(r.value, r.value_as_written, r.precision)
                    v, lo, hi = v * r.value / div, lo * a / div, hi * b / div
                comp = " × ".join(
                    f"{fmt(r.value)}{'%' if r.series in d.get('percent', ()) else ''} ({r.id})" for r in combo
                )
                out.append(
                    dict(
                        series=total,
                        period=combo[-1].period,
                        source=r0.source,
                        value=v,
                        low=lo,
                        high=hi,
                        unit=d["unit"],
                        ids=tuple(r.id for r in combo),
                        scopes=tuple(dict.fromkeys(r.scope for r in combo if r.scope)),
                        computation=f"{comp} = {fmt(v)} {d['unit']}",
                        rows=combo,
                        note=d["note"],
                    )
                )
    return pd.DataFrame(
        out,
        columns=[
            "series",
            "period",
            "source",
            "value",
            "low",
            "high",
            "unit",
            "ids",
            "scopes",
            "computation",
            "rows",
            "note",
        ],
    )


def products() -> pd.DataFrame:
    """A count times an average against the stated total of the same period and source.

    ``flag`` is True when the product and the total cannot agree within rounding; the
    result gives the product as a percentage of the total.
    """
    out = []
    for d in derived_values().itertuples(index=False):
        span = (d.rows[-1].parsed_period.start, d.rows[-1].parsed_period.end)
        totals = [t for t in _levels(d.series, span) if t.kind in ("level", "count") and t.source == d.source]
        for t in totals:
            try:
                f = conversion_factor(d.unit, t.unit)
            except CourseError:
                continue
            tiv = interval(t.value, t.value_as_written, t.precision)
            ok = overlap((d.low * f, d.high * f), tiv)
            share = 100 * d.value * f / t.value if t.value else math.nan
            computation = (
                f"{d.computation}, against {fmt(t.value)} {t.unit} stated ({t.id}, "
                f"{t.scope or 'coverage not stated'}): {fmt(share, 1)}% of it. ({d.note})"
            )
            verdict = (
                "The factors multiply to the total within rounding."
                if ok
                else f"The factors give {fmt(share, 1)}% of the stated total: they describe another circle or "
                f"another measure, or one factor is off."
            )
            scopes = sorted(set(d.scopes) | {t.scope or "coverage not stated"})
            expl = (
                []
                if ok
                else [
                    f"different coverages ({'; '.join(scopes)})" if len(scopes) > 1 else "a different coverage",
                    "days worked against the calendar year, or different prices",
                    "a factor rounded or revised",
                ]
            )
            out.append(
                finding(
                    "parts and wholes",
                    d.series,
                    t.period,
                    [*d.rows, t],
                    computation,
                    f"{fmt(d.value * f)} against {fmt(t.value)}",
                    not ok,
                    verdict,
                    expl,
                )
            )
    return frame(out)


def clear_cache() -> None:
    _rows.cache_clear()
