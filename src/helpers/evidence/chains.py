"""Chains: do a source's levels, rates, multiples and percentages fit together?

Every stated level pair, growth rate, multiple and percentage of a base year is a *step* from
one period to another (:func:`steps`). :func:`chains_for` finds every chain of steps that covers
a claim's span and multiplies it out; averages and runs of annual rates are in
:mod:`helpers.evidence.rates`. See docs/methods.md (§4).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

import pandas as pd

from helpers.data import statements as data
from helpers.data.numbers import interval, overlap, value_interval
from helpers.data.periods import parse_period
from helpers.data.units import conversion_factor
from helpers.errors import CourseError, UnknownNameError
from helpers.evidence.findings import fmt
from helpers.evidence.scopes import mixes_coverages, scope_relation

__all__ = [
    "FAMILIES",
    "QUOTIENTS",
    "MAX_SPREAD",
    "best_first",
    "MAX_STEPS",
    "Step",
    "is_lower",
    "steps",
    "chains_for",
    "family_of",
    "figure_row",
    "paths",
    "product",
    "spread",
    "describe_path",
    "indexed_rows",
    "span_of",
]

#: series whose rates, multiples and averages are stated under another name than their levels.
#: Each entry is a modelling decision, with the reason in ``note``; every other series is its own
#: family (its levels and the relations stated of it).
FAMILIES: dict[str, dict] = {
    "gross_output_large_scale_industry": dict(
        members=("growth_rate_gross_output", "average_annual_growth_gross_output"),
        note="the recovery chapter prints the annual growth rates of the gross output of large-scale industry "
        "(its table 'growth rate in % to the previous year') and their average under their own names",
    ),
}

#: series that are the quotient of two others (an average per unit: output per worker = output /
#: workers). A ratio of the quotient between two periods is the numerator's ratio over the
#: denominator's, each from the tightest chain of its own family. Each entry is a modelling decision.
QUOTIENTS: dict[str, dict] = {
    "output_per_worker": dict(
        numerator="gross_output_large_scale_industry",
        denominator="workers_large_scale_industry",
        note="the recovery chapter's 'output per worker' of large-scale industry is its gross output divided by "
        "its workers",
    ),
}

#: a reading is informative only if its interval is at most this wide relative to its value:
#: a chain through "about five times" or "two times less" covers almost anything.
MAX_SPREAD = 0.15

#: the longest chain tried (steps)
MAX_STEPS = 5
#: the most chains reported per claim
MAX_CHAINS = 40

RELATION_KINDS = ("change_pct", "percent_of_base", "multiple")


def family_of(series: str) -> str:
    """The level series whose family ``series`` belongs to (itself if it is in no declared family)."""
    for head, d in FAMILIES.items():
        if series == head or series in d["members"]:
            return head
    return series


def is_lower(row) -> bool:
    """True if a multiple is stated downwards ("five times lower", "two times less")."""
    text = f"{row.value_as_written} {getattr(row, 'note', '')}".lower()
    return "times lower" in text or any(w in str(row.value_as_written).lower() for w in ("lower", "less", "halved"))


@dataclass(frozen=True)
class Step:
    """A ratio between two periods: later over earlier (``ratio``, within ``low``–``high``)."""

    a: tuple
    b: tuple
    label_a: str
    label_b: str
    ratio: float
    low: float
    high: float
    how: str
    ids: tuple
    source: str
    scope: str
    kind: str  # "levels" or "stated"

    def reversed(self) -> Step:
        return Step(
            self.b,
            self.a,
            self.label_b,
            self.label_a,
            1 / self.ratio,
            1 / self.high,
            1 / self.low,
            f"the inverse of {self.how}",
            self.ids,
            self.source,
            self.scope,
            self.kind,
        )


def span_of(period: str):
    p = parse_period(period)
    if p.start is None:
        return None
    return (p.start, p.end)


def _relation_ratio(r) -> tuple[float, float, float] | None:
    lo, hi = value_interval(r.value, r.value_as_written, r.precision)
    v = r.value
    if r.kind == "change_pct":
        return 1 + v / 100, 1 + lo / 100, 1 + hi / 100
    if r.kind == "percent_of_base":
        return v / 100, lo / 100, hi / 100
    if r.kind == "multiple":
        if v <= 0 or lo <= 0:
            return None
        return (1 / v, 1 / hi, 1 / lo) if is_lower(r) else (v, lo, hi)
    return None


def _rel_text(r) -> str:
    words = {"change_pct": "a change of", "percent_of_base": "", "multiple": ""}[r.kind]
    return f"{r.id}: {r.period} against {r.base_period}, {words} “{r.value_as_written}”".replace(",  “", ", “")


@lru_cache(maxsize=1)
def _rows() -> pd.DataFrame:
    df = data.load_figures()
    return df[df["value"].notna()].copy()


@lru_cache(maxsize=1)
def indexed_rows() -> tuple[dict, dict]:
    """(rows by id, rows by series) as named tuples: scanning plain lists is fast."""
    by_id, by_series = {}, {}
    for r in _rows().itertuples(index=False):
        by_id[r.id] = r
        by_series.setdefault(r.series, []).append(r)
    return by_id, by_series


def figure_row(claim_id: str):
    by_id = indexed_rows()[0]
    if claim_id not in by_id:
        raise UnknownNameError("figure id", claim_id, sorted(by_id))
    return by_id[claim_id]


@cache
def steps(head: str) -> tuple[Step, ...]:  # noqa: C901 - to be split into named steps
    """Every step stated for a family (see :data:`FAMILIES`), from level pairs and stated relations."""
    members = (head, *FAMILIES.get(head, {}).get("members", ()))
    by_series = indexed_rows()[1]
    g = [r for m in members for r in by_series.get(m, [])]
    out: list[Step] = []
    levels = [r for r in g if r.series == head and r.kind in ("level", "count")]
    seen = set()
    for i, a in enumerate(levels):
        for b in levels[i + 1 :]:
            sa, sb = span_of(a.period), span_of(b.period)
            if sa is None or sb is None or sa == sb or a.source != b.source:
                continue
            if scope_relation(a.scope, b.scope) not in ("same", "one unstated"):
                continue
            if (
                a.price_basis
                and b.price_basis
                and "unstated" not in (a.price_basis, b.price_basis)
                and a.price_basis != b.price_basis
            ):
                continue
            try:
                f = conversion_factor(a.unit, b.unit)
            except CourseError:
                continue
            if sa > sb:
                a, b, sa, sb = b, a, sb, sa
                f = conversion_factor(a.unit, b.unit)
            (al, ah), (bl, bh) = (
                value_interval(a.value, a.value_as_written, a.precision),
                value_interval(b.value, b.value_as_written, b.precision),
            )
            if a.value * f <= 0 or al <= 0:
                continue
            key = (sa, sb, a.value * f, b.value, a.source, a.scope or b.scope)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                Step(
                    sa,
                    sb,
                    a.period,
                    b.period,
                    b.value / (a.value * f),
                    bl / (ah * f),
                    bh / (al * f),
                    f"{b.id} / {a.id} = {fmt(b.value)} / {fmt(a.value * f)}",
                    (a.id, b.id),
                    a.source,
                    a.scope or b.scope,
                    "levels",
                )
            )
    for r in g:
        if r.kind not in RELATION_KINDS or not r.base_period:
            continue
        try:
            sa, sb = span_of(r.base_period), span_of(r.period)
        except CourseError:
            continue
        if (
            sa is None
            or sb is None
            or sa == sb
            or parse_period(r.period).kind not in ("calendar_year", "economic_year")
            or parse_period(r.base_period).kind not in ("calendar_year", "economic_year")
        ):
            continue
        rr = _relation_ratio(r)
        if rr is None:
            continue
        key = (sa, sb, rr[0], r.source, r.scope)
        if key in seen:
            continue
        seen.add(key)
        out.append(Step(sa, sb, r.base_period, r.period, *rr, _rel_text(r), (r.id,), r.source, r.scope, "stated"))
    if head in QUOTIENTS:
        out += _derived(head)
    return tuple(out)


def _tightest(head: str, a, b, source: str) -> list | None:
    found = paths(steps(head), a, b, set(), source, min_steps=1, max_steps=3)
    found = [p for p in found if spread(product(p)) <= MAX_SPREAD]
    return min(found, key=lambda p: (spread(product(p)), len(p))) if found else None


def spread(vlh) -> float:
    v, lo, hi = vlh
    return (hi - lo) / abs(v) if v else math.inf


def _derived(head: str) -> list[Step]:
    """Steps of a quotient series (see :data:`QUOTIENTS`) from its numerator's and denominator's chains."""
    q = QUOTIENTS[head]
    num, den = steps(q["numerator"]), steps(q["denominator"])
    nodes = {(s.a, s.label_a) for s in num + den} | {(s.b, s.label_b) for s in num + den}
    spans = sorted({n for n in nodes}, key=lambda n: n[0])
    out = []
    for source in sorted({s.source for s in num} & {s.source for s in den}):
        for i, (a, la) in enumerate(spans):
            for b, lb in spans[i + 1 :]:
                if a == b:
                    continue
                pn, pd_ = _tightest(q["numerator"], a, b, source), _tightest(q["denominator"], a, b, source)
                if not pn or not pd_:
                    continue
                (nv, nl, nh), (dv, dl, dh) = product(pn), product(pd_)
                how = (
                    f"{q['numerator'].replace('_', ' ')} {describe_path(pn)} over "
                    f"{q['denominator'].replace('_', ' ')} {describe_path(pd_)}"
                )
                scopes = "; ".join(dict.fromkeys(st.scope for st in pn + pd_ if st.scope))
                out.append(
                    Step(
                        a,
                        b,
                        la,
                        lb,
                        nv / dv,
                        nl / dh,
                        nh / dl,
                        how,
                        tuple(dict.fromkeys(i for st in pn + pd_ for i in st.ids)),
                        source,
                        scopes,
                        "derived",
                    )
                )
    return out


def paths(all_steps, start, end, exclude: set[str], source: str | None, min_steps: int = 2, max_steps: int = MAX_STEPS):
    edges: dict[tuple, list[Step]] = {}
    for s in all_steps:
        if exclude & set(s.ids) or (source is not None and s.source != source):
            continue
        edges.setdefault(s.a, []).append(s)
        edges.setdefault(s.b, []).append(s.reversed())
    found = []

    def walk(node, path, visited):
        if len(found) >= MAX_CHAINS * 5:
            return
        if node == end and len(path) >= min_steps:
            found.append(list(path))
            return
        if len(path) >= max_steps:
            return
        for s in edges.get(node, []):
            if s.b in visited:
                continue
            if any(set(s.ids) & set(p.ids) for p in path):
                continue
            path.append(s)
            walk(s.b, path, visited | {s.b})
            path.pop()

    walk(start, [], {start})
    return found


def product(path) -> tuple[float, float, float]:
    v = lo = hi = 1.0
    for s in path:
        v, lo, hi = v * s.ratio, lo * s.low, hi * s.high
    return v, lo, hi


def _metric(kind: str, lower: bool, v: float, lo: float, hi: float) -> tuple[float, float, float]:
    if kind == "multiple":
        return (1 / v, 1 / hi, 1 / lo) if lower else (v, lo, hi)
    if kind == "percent_of_base":
        return 100 * v, 100 * lo, 100 * hi
    return 100 * (v - 1), 100 * (lo - 1), 100 * (hi - 1)


def describe_path(path) -> str:
    return " × ".join(f"({s.how}: ×{s.ratio:.3f})" for s in path)


def chains_for(claim_id: str, levels_from: str = "same") -> list[dict]:
    """Every chain of two or more steps that covers the claim's span, best first.

    Each chain: ``steps`` (text), ``value``, ``low``, ``high`` (in the claim's own terms), ``spread``
    (the width of the chain's ratio relative to its value; above :data:`MAX_SPREAD` it is too loose
    to support or refute anything),
    ``fits`` (the claim's band and the chain's interval overlap), ``ids``, ``scopes`` (the
    coverages the steps use: more than one is a caveat) and ``arithmetic``.
    """
    r = figure_row(claim_id)
    if r.kind not in RELATION_KINDS or not r.base_period:
        return []
    try:
        sa, sb = span_of(r.base_period), span_of(r.period)
    except CourseError:
        return []
    if sa is None or sb is None or sa == sb:
        return []
    head = family_of(r.series)
    same = {
        s.ids[0]
        for s in steps(head)
        if s.kind == "stated"
        and (s.a, s.b) == (sa, sb)
        and math.isclose(s.ratio, (_relation_ratio(r) or (math.nan,))[0], rel_tol=1e-9)
    }
    found = paths(steps(head), sa, sb, {r.id} | same, r.source if levels_from == "same" else None, min_steps=1)
    found = [p for p in found if len(p) >= 2 or p[0].kind == "derived"]  # one level pair is the direct check
    band = interval(r.value, r.value_as_written, r.precision)
    out = []
    for p in found:
        v, lo, hi = _metric(r.kind, is_lower(r), *product(p))
        scopes = tuple(dict.fromkeys(s.scope for s in p if s.scope))
        out.append(
            dict(
                steps=describe_path(p),
                value=v,
                low=lo,
                high=hi,
                fits=overlap(band, (lo, hi)),
                spread=spread(product(p)),
                ids=tuple(dict.fromkeys(i for s in p for i in s.ids)),
                scopes=scopes,
                n=len(p),
                levels_only=all(s.kind == "levels" for s in p),
                arithmetic=f"{describe_path(p)} = ×{product(p)[0]:.3f}",
            )
        )
    return best_first(out, lambda c: (c["n"], not c["levels_only"]))


def best_first(readings: list[dict], then) -> list[dict]:
    """The readings most worth showing, at most :data:`MAX_CHAINS`: first those whose chain is not too
    uncertain (``spread`` at most :data:`MAX_SPREAD`), that fit the claim and keep to one coverage; then by
    ``then(reading)``; last by the rows' ids, so that the order never depends on the search's."""
    return sorted(
        readings,
        key=lambda c: (c["spread"] > MAX_SPREAD, not c["fits"], mixes_coverages(c["scopes"]), then(c), c["ids"]),
    )[:MAX_CHAINS]


def clear_cache() -> None:
    _rows.cache_clear()
    indexed_rows.cache_clear()
    steps.cache_clear()
