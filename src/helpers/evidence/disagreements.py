"""Where the sources disagree with themselves: every series and period stated with different values.

:func:`find` compares every pair of rows of ``data/figures.csv`` that state the same series, for
the same period, as the same kind of value, after converting units; each pair whose values differ
is a candidate disagreement with candidate explanations derived from the rows. The method, the
rules of comparison and the explanations are written out in ``docs/methods.md`` (§0, §1).
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache

import pandas as pd

from helpers.data import numbers, sources
from helpers.data import statements as data
from helpers.data.numbers import interval, quantum
from helpers.data.units import conversion_factor
from helpers.errors import CourseError, UnknownNameError
from helpers.evidence.findings import text_name
from helpers.evidence.scopes import scope_relation, statement_key

__all__ = [
    "EXPLANATIONS",
    "ECONOMIC_YEARS",
    "COLUMNS",
    "find",
    "overlapping",
    "not_compared",
    "summary",
    "table",
    "pair",
    "describe",
    "labels",
]

EXPLANATIONS = (
    "different scope",
    "scope stated in one passage only",
    "different source chapter",
    "economic vs calendar year",
    "rounding",
    "qualifier",
    "different price basis",
    "unexplained",
)

#: the economic years (1 October – 30 September) in which Soviet statistics of the period
#: were kept: from 1921/22 to 1929/30 (from 1931 the plan counted calendar years).
ECONOMIC_YEARS = (1921, 1929)  # first years of 1921/22 … 1929/30

#: kinds that state a number that can be compared
COMPARABLE_KINDS = ("level", "count", "share", "change_pct", "percent_of_base", "multiple", "target", "duration")

COLUMNS = [
    "series",
    "kind",
    "period",
    "base_period",
    "id_a",
    "id_b",
    "source_a",
    "source_b",
    "value_a",
    "value_b",
    "written_a",
    "written_b",
    "unit_a",
    "unit_b",
    "common_unit",
    "common_a",
    "common_b",
    "difference",
    "difference_pct",
    "scope_a",
    "scope_b",
    "scope_relation",
    "price_basis_a",
    "price_basis_b",
    "precision_a",
    "precision_b",
    "explanations",
    "details",
    "quote_a",
    "quote_b",
    "repeats_a",
    "repeats_b",
]

# --------------------------------------------------------------------------------------
# the search
# --------------------------------------------------------------------------------------


def _comparable_bases(a: str, b: str) -> bool:
    return a == b or "unstated" in (a, b)


def _rows() -> pd.DataFrame:
    df = data.load_figures()
    df = df[df["kind"].isin(COMPARABLE_KINDS) & df["value"].notna()].copy()
    df["span"] = df["parsed_period"].map(lambda p: (p.start, p.end) if p.start else ("undated", p.text))
    return df


def _order(rank: dict[str, int]):
    """A sort key: statements in the sources' order (``sources.order()``), then by id."""
    return lambda r: (rank.get(r.source, len(rank)), r.id)


def _unit_pair(a, b) -> tuple[str, float, float] | None:
    """(common unit, factor for a, factor for b); the common unit is the larger of the two."""
    try:
        f_ab = conversion_factor(a.unit, b.unit)  # a in b's unit
    except CourseError:
        return None
    if f_ab >= 1:  # a's unit is the larger
        return a.unit, 1.0, 1.0 / f_ab
    return b.unit, f_ab, 1.0


def _economic_neighbours(series: str, period) -> tuple[list[str], list[str]]:
    """(economic years overlapping a calendar year of the 1920s, stated values of the series in them)."""
    if period.kind != "calendar_year":
        return [], []
    y = period.start.year
    first, last = ECONOMIC_YEARS
    years = [f"{e}/{(e + 1) % 100:02d}" for e in (y - 1, y) if first <= e <= last]
    if not years:
        return [], []
    df = data.load_figures()
    rows = df[(df["series"] == series) & df["period"].isin(years) & df["value"].notna()]
    stated = [
        f"{r.period}: {numbers.format_value(r.value, r.unit, r.precision)} ({r.id}, {r.kind})"
        for r in rows.itertuples(index=False)
    ]
    return years, stated


def _cut_off(ca: float, cb: float, qa: float, qb: float) -> bool:
    """True if the coarser value is the finer one with its last digits dropped (truncated, not rounded)."""
    if qa == qb:
        return False
    fine, coarse, q = (ca, cb, qb) if qa < qb else (cb, ca, qa)
    truncated = math.floor(abs(fine) / q + 1e-9) * q
    return math.isclose(truncated, abs(coarse), rel_tol=1e-9, abs_tol=q * 1e-6)


def _explain(
    a, b, ca: float, cb: float, fa: float, fb: float, common: str, relation: str
) -> tuple[list[str], list[str]]:
    labels, details = [], []
    if relation == "different coverage":
        labels.append("different scope")
        details.append(f"Different coverage: “{a.scope}” against “{b.scope}”.")
    elif relation == "one unstated":
        stated = a if a.scope else b
        labels.append("scope stated in one passage only")
        details.append(
            f"Only {stated.id} names a coverage (“{stated.scope}”); the other passage names none, "
            "so the two may count different circles of enterprises."
        )
    if a.source != b.source:
        labels.append("different source chapter")
        details.append(
            f"The passages come from different chapters ({a.source}, {b.source}), which may rest on "
            "different statistical publications or editions."
        )
    years, stated = _economic_neighbours(a.series, a.parsed_period)
    if years:
        labels.append("economic vs calendar year")
        also = (
            ("; the data state: " + "; ".join(stated))
            if stated
            else "; the sources state no value of this series for them"
        )
        details.append(
            f"{a.period} is a calendar year, but Soviet statistics of the 1920s counted economic years "
            f"(October–September): a passage may mean {' or '.join(years)}{also}."
        )
    # rounding: each exact value is an interval of ± half a unit of its last digit
    if a.precision == "exact" and b.precision == "exact":
        la, ha = (v * fa for v in interval(a.value, a.value_as_written))
        lb, hb = (v * fb for v in interval(b.value, b.value_as_written))
        qa, qb = quantum(a.value_as_written) * fa, quantum(b.value_as_written) * fb
        coarse = max(qa, qb)
        if la <= hb + 1e-12 and lb <= ha + 1e-12:
            labels.append("rounding")
            details.append(
                f"Rounding: the values agree within half a unit of the last digit of the less precise one "
                f"(half of {numbers.format_number(coarse)} {common})."
            )
        elif _cut_off(ca, cb, qa, qb):
            labels.append("rounding")
            details.append(
                f"Rounding, but only if the less precise value was cut off rather than rounded: "
                f"{numbers.format_number(round(ca if qa < qb else cb, 9))} {common} cut down to a multiple of "
                f"{numbers.format_number(coarse)} {common} gives the other value."
            )
    else:
        la, ha = (v * fa for v in interval(a.value, a.value_as_written, a.precision))
        lb, hb = (v * fb for v in interval(b.value, b.value_as_written, b.precision))
        if la <= hb and lb <= ha:
            q = a if a.precision != "exact" else b
            labels.append("qualifier")
            details.append(
                f"Qualifier: {q.id} says “{q.value_as_written}” ({q.precision}), and the other value lies "
                f"within that band, so the two statements are consistent."
            )
    if (a.price_basis or b.price_basis) and a.price_basis != b.price_basis:
        labels.append("different price basis")
        details.append(
            f"Price basis “{a.price_basis or 'none'}” against “{b.price_basis or 'none'}”: "
            "one passage does not say in which prices it counts."
        )
    if not any(
        lab in labels
        for lab in (
            "different scope",
            "scope stated in one passage only",
            "economic vs calendar year",
            "rounding",
            "qualifier",
            "different price basis",
        )
    ):
        labels.append("unexplained")
        details.append(
            "Nothing in the two rows explains the difference: a misprint, another statistical "
            "source or a later revision are possible."
        )
    return labels, details


def _pairs(include_parts: bool) -> tuple[list[dict], list[dict]]:
    df = _rows()
    found, left_out = [], []
    by_source = _order(sources.order())
    for _, g in df.groupby(["series", "kind", "span", "base_period"], sort=False):
        if len(g) < 2:
            continue
        rows, repeats = [], {}
        for r in sorted(g.itertuples(index=False), key=by_source):
            first = next((k for k in rows if statement_key(k) == statement_key(r)), None)
            if first is None:
                rows.append(r)
            else:  # the same passage's number repeated in the same chapter: one comparison is enough
                repeats.setdefault(first.id, []).append(r.id)
        for a, b in itertools.combinations(rows, 2):
            units = _unit_pair(a, b)
            relation = scope_relation(a.scope, b.scope)
            base = dict(series=a.series, kind=a.kind, period=a.period, base_period=a.base_period, id_a=a.id, id_b=b.id)
            if units is None:
                left_out.append({**base, "why": f"units {a.unit!r} and {b.unit!r} cannot be converted"})
                continue
            common, fa, fb = units
            ca, cb = a.value * fa, b.value * fb
            if math.isclose(ca, cb, rel_tol=1e-9, abs_tol=1e-12):
                continue
            if not _comparable_bases(a.price_basis, b.price_basis):
                left_out.append({**base, "why": f"different price bases ({a.price_basis}, {b.price_basis})"})
                continue
            if relation == "different part" and not include_parts:
                left_out.append({**base, "why": f"different parts of the economy (“{a.scope}”, “{b.scope}”)"})
                continue
            labels, details = _explain(a, b, ca, cb, fa, fb, common, relation)
            diff = abs(ca - cb)
            small = min(abs(ca), abs(cb))
            found.append(
                dict(
                    series=a.series,
                    kind=a.kind,
                    period=a.period,
                    base_period=a.base_period,
                    id_a=a.id,
                    id_b=b.id,
                    source_a=a.source,
                    source_b=b.source,
                    value_a=a.value,
                    value_b=b.value,
                    written_a=a.value_as_written,
                    written_b=b.value_as_written,
                    unit_a=a.unit,
                    unit_b=b.unit,
                    common_unit=common,
                    common_a=ca,
                    common_b=cb,
                    difference=diff,
                    difference_pct=(100.0 * diff / small) if small else math.nan,
                    scope_a=a.scope,
                    scope_b=b.scope,
                    scope_relation=relation,
                    price_basis_a=a.price_basis,
                    price_basis_b=b.price_basis,
                    precision_a=a.precision,
                    precision_b=b.precision,
                    explanations=tuple(labels),
                    details=tuple(details),
                    quote_a=a.quote,
                    quote_b=b.quote,
                    repeats_a=tuple(repeats.get(a.id, ())),
                    repeats_b=tuple(repeats.get(b.id, ())),
                    _start=a.parsed_period.start,
                )
            )
    return found, left_out


@lru_cache(maxsize=2)
def _find(include_parts: bool) -> pd.DataFrame:
    found, _ = _pairs(include_parts)
    df = pd.DataFrame(found, columns=COLUMNS + ["_start"])
    df = df.sort_values(["series", "_start", "period", "id_a", "id_b"], kind="stable").drop(columns="_start")
    return df.reset_index(drop=True)


def find(*, include_parts: bool = False, explanation: str | None = None, source: str | None = None) -> pd.DataFrame:
    """Every pair of passages that state different values of the same series, period and kind.

    One row per pair (see :data:`COLUMNS`), ordered by series and period. ``explanation``
    keeps the pairs with that candidate explanation (one of :data:`EXPLANATIONS`);
    ``source`` keeps pairs with at least one passage from that source;
    ``include_parts=True`` also compares rows whose scopes name different parts of the
    economy (branches, trusts, regions).
    """
    df = _find(bool(include_parts)).copy()
    if explanation is not None:
        if explanation not in EXPLANATIONS:
            raise UnknownNameError("explanation", explanation, EXPLANATIONS)
        df = df[df["explanations"].map(lambda e: explanation in e)]
    if source is not None:
        valid = sorted(set(data.load_figures()["source"]))
        if source not in valid:
            raise UnknownNameError("source", source, valid)
        df = df[(df["source_a"] == source) | (df["source_b"] == source)]
    return df.reset_index(drop=True)


def overlapping() -> pd.DataFrame:
    """Calendar-year values set beside economic-year values of the same series that overlap them.

    Not disagreements (the periods differ), but the place to test the "economic vs
    calendar year" explanation: coal mined in "1925" (one chapter) against 1924/25
    and 1925/26 (the other). One row per pair, with the difference in per cent of the
    economic-year value.
    """
    df = _rows()
    cal = df[df["period_kind"] == "calendar_year"]
    eco = df[df["period_kind"] == "economic_year"]
    out = []
    for c in cal.itertuples(index=False):
        same = eco[(eco["series"] == c.series) & (eco["kind"] == c.kind) & (eco["base_period"] == c.base_period)]
        for e in same.itertuples(index=False):
            if not (e.parsed_period.start <= c.parsed_period.end and c.parsed_period.start <= e.parsed_period.end):
                continue
            try:
                f = conversion_factor(e.unit, c.unit)
            except CourseError:
                continue
            ev = e.value * f
            out.append(
                dict(
                    series=c.series,
                    kind=c.kind,
                    calendar_year=c.period,
                    economic_year=e.period,
                    id_calendar=c.id,
                    id_economic=e.id,
                    source_calendar=c.source,
                    source_economic=e.source,
                    value_calendar=c.value,
                    value_economic=ev,
                    unit=c.unit,
                    difference_pct=100.0 * (c.value - ev) / ev if ev else math.nan,
                    _start=e.parsed_period.start,
                )
            )
    cols = [
        "series",
        "kind",
        "calendar_year",
        "economic_year",
        "id_calendar",
        "id_economic",
        "source_calendar",
        "source_economic",
        "value_calendar",
        "value_economic",
        "unit",
        "difference_pct",
    ]
    res = pd.DataFrame(out, columns=cols + ["_start"])
    res = res.sort_values(["series", "calendar_year", "_start", "id_calendar"], kind="stable").drop(columns="_start")
    return res.reset_index(drop=True)


def not_compared() -> pd.DataFrame:
    """The pairs with different values that :func:`find` does not compare, and why."""
    _, left = _pairs(False)
    return pd.DataFrame(left, columns=["series", "kind", "period", "base_period", "id_a", "id_b", "why"])


def _said(r, side: str) -> str:
    written, unit, src = (getattr(r, f"{k}_{side}") for k in ("written", "unit", "source"))
    amount = written if str(written).rstrip().endswith("%") or not unit else f"{written} {unit}"
    return f"{amount} ({text_name(src)})"


def table(series: str | None = None, details: bool = False) -> pd.DataFrame:
    """Every disagreement in words: the quantity, the period, both numbers as written with their chapter,
    the difference in per cent of the smaller, and the candidate explanations. ``details=True`` gives
    :func:`find`'s full table (row ids, units, scopes, passages)."""
    df = find()
    if series is not None:
        if series not in set(df["series"]):
            raise UnknownNameError("series with a disagreement", series, sorted(set(df["series"])))
        df = df[df["series"] == series].reset_index(drop=True)
    if details:
        return df
    return pd.DataFrame(
        {
            "what": df["series"].str.replace("_", " "),
            "period": df["period"],
            "one passage says": [_said(r, "a") for r in df.itertuples(index=False)],
            "another says": [_said(r, "b") for r in df.itertuples(index=False)],
            "difference": df["difference_pct"].map(lambda v: f"{v:.1f}%"),
            "candidate explanations": df["explanations"].map("; ".join),
        }
    )


def summary() -> pd.DataFrame:
    """How many candidate disagreements carry each explanation (a pair may carry several)."""
    df = find()
    counts = {e: int(df["explanations"].map(lambda x, e=e: e in x).sum()) for e in EXPLANATIONS}
    return pd.DataFrame({"pairs": counts}).rename_axis("candidate explanation")


# --------------------------------------------------------------------------------------
# one pair, for the explorer
# --------------------------------------------------------------------------------------


def labels(df: pd.DataFrame | None = None) -> list[str]:
    """A short label for every pair (for a drop-down), in the order of :func:`find`."""
    df = find() if df is None else df
    out = []
    for r in df.itertuples(index=False):
        a = numbers.format_value(r.common_a, r.common_unit, r.precision_a)
        b = numbers.format_value(r.common_b, r.common_unit, r.precision_b)
        out.append(f"{r.series.replace('_', ' ')}, {r.period}: {a} ({r.source_a}) vs {b} ({r.source_b})")
    return out


def pair(id_a: str, id_b: str) -> dict:
    """One candidate disagreement by its two row ids (either order), as a dict."""
    df = find(include_parts=True)
    hit = df[((df["id_a"] == id_a) & (df["id_b"] == id_b)) | ((df["id_a"] == id_b) & (df["id_b"] == id_a))]
    if hit.empty:
        raise UnknownNameError(
            "pair of disagreeing rows", f"{id_a} / {id_b}", [f"{a} / {b}" for a, b in zip(df["id_a"], df["id_b"])]
        )
    return hit.iloc[0].to_dict()


def describe(row: dict | pd.Series) -> str:
    """The pair in words: both values, the difference, and the candidate explanations."""
    r = dict(row)
    a = numbers.format_value(r["common_a"], r["common_unit"], r["precision_a"])
    b = numbers.format_value(r["common_b"], r["common_unit"], r["precision_b"])
    pct = (
        ""
        if pd.isna(r["difference_pct"])
        else f", {numbers.format_number(round(r['difference_pct'], 1))}% of the smaller value"
    )
    lines = [
        f"{r['series']} ({r['kind']}), {r['period']}"
        + (f", against {r['base_period']}" if r["base_period"] else "")
        + ":",
        f"  {r['id_a']} ({r['source_a']}) states “{r['written_a']}” {r['unit_a']} = {a}",
        f"  {r['id_b']} ({r['source_b']}) states “{r['written_b']}” {r['unit_b']} = {b}",
        f"  difference {_amount(r['difference'], r['common_unit'])}{pct}",
        "  candidate explanations: " + ", ".join(r["explanations"]),
    ]
    lines += [f"   - {d}" for d in r["details"]]
    return "\n".join(lines)


def _amount(value: float, unit: str) -> str:
    num = numbers.format_number(round(value, 6))
    return f"{num} percentage points" if unit == "%" else f"{num} {unit}"


def clear_cache() -> None:
    _find.cache_clear()
