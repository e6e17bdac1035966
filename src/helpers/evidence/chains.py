"""Chains and averages: do a source's rates, multiples and levels fit together?

Every stated level pair, growth rate, multiple and percentage of a base year is a *step* from
one period to another. :func:`chains_for` finds every chain of steps (two or more) that covers a
claim's span and multiplies it out; :func:`averages_for` sets a stated average rate against the
arithmetic and geometric means of every chain that covers its years; :func:`rate_runs` compares
chained annual rates with the level ratio they imply. See docs/methods.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.data import statements as data
from helpers.data.periods import parse_period
from helpers.data.units import conversion_factor
from helpers.errors import CourseError, UnknownNameError
from helpers.evidence.disagreements import scope_relation
from helpers.evidence.findings import finding, fmt, frame
from helpers.evidence.precision import interval, overlap, value_interval

__all__ = ["FAMILIES", "QUOTIENTS", "MAX_SPREAD", "MAX_STEPS", "Step", "is_lower", "steps", "chains_for", "averages_for", "rate_runs",
           "family_of"]

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
        numerator="gross_output_large_scale_industry", denominator="workers_large_scale_industry",
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

    def reversed(self) -> "Step":
        return Step(self.b, self.a, self.label_b, self.label_a, 1 / self.ratio, 1 / self.high, 1 / self.low,
                    f"the inverse of {self.how}", self.ids, self.source, self.scope, self.kind)


def _span(period: str):
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
def _tuples() -> tuple[dict, dict]:
    """(rows by id, rows by series) as named tuples: scanning plain lists is fast."""
    by_id, by_series = {}, {}
    for r in _rows().itertuples(index=False):
        by_id[r.id] = r
        by_series.setdefault(r.series, []).append(r)
    return by_id, by_series


def _row(claim_id: str):
    by_id = _tuples()[0]
    if claim_id not in by_id:
        raise UnknownNameError("figure id", claim_id, sorted(by_id))
    return by_id[claim_id]


@lru_cache(maxsize=None)
def steps(head: str) -> tuple[Step, ...]:
    """Every step stated for a family (see :data:`FAMILIES`), from level pairs and stated relations."""
    members = (head, *FAMILIES.get(head, {}).get("members", ()))
    by_series = _tuples()[1]
    g = [r for m in members for r in by_series.get(m, [])]
    out: list[Step] = []
    levels = [r for r in g if r.series == head and r.kind in ("level", "count")]
    seen = set()
    for i, a in enumerate(levels):
        for b in levels[i + 1:]:
            sa, sb = _span(a.period), _span(b.period)
            if sa is None or sb is None or sa == sb or a.source != b.source:
                continue
            if scope_relation(a.scope, b.scope) not in ("same", "one unstated"):
                continue
            if a.price_basis and b.price_basis and "unstated" not in (a.price_basis, b.price_basis) \
                    and a.price_basis != b.price_basis:
                continue
            try:
                f = conversion_factor(a.unit, b.unit)
            except CourseError:
                continue
            if sa > sb:
                a, b, sa, sb = b, a, sb, sa
                f = conversion_factor(a.unit, b.unit)
            (al, ah), (bl, bh) = value_interval(a.value, a.value_as_written, a.precision), \
                value_interval(b.value, b.value_as_written, b.precision)
            if a.value * f <= 0 or al <= 0:
                continue
            key = (sa, sb, a.value * f, b.value, a.source, a.scope or b.scope)
            if key in seen:
                continue
            seen.add(key)
            out.append(Step(sa, sb, a.period, b.period, b.value / (a.value * f), bl / (ah * f), bh / (al * f),
                            f"{b.id} / {a.id} = {fmt(b.value)} / {fmt(a.value * f)}", (a.id, b.id), a.source,
                            a.scope or b.scope, "levels"))
    for r in g:
        if r.kind not in RELATION_KINDS or not r.base_period:
            continue
        try:
            sa, sb = _span(r.base_period), _span(r.period)
        except CourseError:
            continue
        if sa is None or sb is None or sa == sb or parse_period(r.period).kind not in ("calendar_year", "economic_year") \
                or parse_period(r.base_period).kind not in ("calendar_year", "economic_year"):
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
    paths = _paths(steps(head), a, b, set(), source, min_steps=1, max_steps=3)
    paths = [p for p in paths if _spread(_product(p)) <= MAX_SPREAD]
    return min(paths, key=lambda p: (_spread(_product(p)), len(p))) if paths else None


def _spread(vlh) -> float:
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
            for b, lb in spans[i + 1:]:
                if a == b:
                    continue
                pn, pd_ = _tightest(q["numerator"], a, b, source), _tightest(q["denominator"], a, b, source)
                if not pn or not pd_:
                    continue
                (nv, nl, nh), (dv, dl, dh) = _product(pn), _product(pd_)
                how = (f"{q['numerator'].replace('_', ' ')} {_describe_path(pn)} over "
                       f"{q['denominator'].replace('_', ' ')} {_describe_path(pd_)}")
                scopes = "; ".join(dict.fromkeys(st.scope for st in pn + pd_ if st.scope))
                out.append(Step(a, b, la, lb, nv / dv, nl / dh, nh / dl, how,
                                tuple(dict.fromkeys(i for st in pn + pd_ for i in st.ids)), source, scopes, "derived"))
    return out


def _paths(all_steps, start, end, exclude: set[str], source: str | None, min_steps: int = 2,
           max_steps: int = MAX_STEPS):
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


def _product(path) -> tuple[float, float, float]:
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


def _describe_path(path) -> str:
    return " × ".join(f"({s.how}: ×{s.ratio:.3f})" for s in path)


def chains_for(claim_id: str, levels_from: str = "same") -> list[dict]:
    """Every chain of two or more steps that covers the claim's span, best first.

    Each chain: ``steps`` (text), ``value``, ``low``, ``high`` (in the claim's own terms), ``spread``
    (the width of the chain's ratio relative to its value; above :data:`MAX_SPREAD` it is too loose
    to support or refute anything),
    ``fits`` (the claim's band and the chain's interval overlap), ``ids``, ``scopes`` (the
    coverages the steps use: more than one is a caveat) and ``arithmetic``.
    """
    r = _row(claim_id)
    if r.kind not in RELATION_KINDS or not r.base_period:
        return []
    try:
        sa, sb = _span(r.base_period), _span(r.period)
    except CourseError:
        return []
    if sa is None or sb is None or sa == sb:
        return []
    head = family_of(r.series)
    same = {s.ids[0] for s in steps(head) if s.kind == "stated" and (s.a, s.b) == (sa, sb)
            and math.isclose(s.ratio, (_relation_ratio(r) or (math.nan,))[0], rel_tol=1e-9)}
    paths = _paths(steps(head), sa, sb, {r.id} | same, r.source if levels_from == "same" else None, min_steps=1)
    paths = [p for p in paths if len(p) >= 2 or p[0].kind == "derived"]  # one level pair is the direct check
    band = interval(r.value, r.value_as_written, r.precision)
    out = []
    for p in paths:
        v, lo, hi = _metric(r.kind, is_lower(r), *_product(p))
        scopes = tuple(dict.fromkeys(s.scope for s in p if s.scope))
        out.append(dict(steps=_describe_path(p), value=v, low=lo, high=hi, fits=overlap(band, (lo, hi)),
                        spread=_spread(_product(p)),
                        ids=tuple(dict.fromkeys(i for s in p for i in s.ids)), scopes=scopes, n=len(p),
                        levels_only=all(s.kind == "levels" for s in p),
                        arithmetic=f"{_describe_path(p)} = ×{_product(p)[0]:.3f}"))
    out.sort(key=lambda c: (c["spread"] > MAX_SPREAD, not c["fits"], len(c["scopes"]) > 1, c["n"],
                            not c["levels_only"], c["ids"]))
    return out[:MAX_CHAINS]


def _years(period: str, base: str) -> tuple[int, int] | None:
    try:
        p, b = parse_period(period), parse_period(base)
    except CourseError:
        return None
    if p.start is None or b.start is None or b.kind != "calendar_year":
        return None
    return b.start.year, p.end.year


def averages_for(claim_id: str, levels_from: str = "same") -> list[dict]:
    """A stated average annual rate against the means of every chain that covers its years.

    The years run from the base year to the last year of the period ("41% a year in 1921–1925,
    against 1920": five annual steps, 1920 to 1925). For every chain the **geometric** mean
    (the constant rate that compounds to the chain's total) is given; for chains of annual
    steps the **arithmetic** mean of the rates as well.
    """
    r = _row(claim_id)
    if r.kind != "change_pct" or not r.base_period:
        return []
    if parse_period(r.period).kind not in ("calendar_span", "economic_span", "mixed_span"):
        return []  # an average is stated over a span of years ("1921-1925"), not for one year
    ys = _years(r.period, r.base_period)
    if ys is None or ys[1] - ys[0] < 2:
        return []
    y0, y1 = ys
    n = y1 - y0
    start, end = _span(str(y0)), _span(str(y1))
    head = family_of(r.series)
    paths = _paths(steps(head), start, end, {r.id}, r.source if levels_from == "same" else None, min_steps=1)
    band = interval(r.value, r.value_as_written, r.precision)
    out = []
    for p in paths:
        v, lo, hi = _product(p)
        g = (100 * (v ** (1 / n) - 1), 100 * (lo ** (1 / n) - 1), 100 * (hi ** (1 / n) - 1))
        scopes = tuple(dict.fromkeys(s.scope for s in p if s.scope))
        ids = tuple(dict.fromkeys(i for s in p for i in s.ids))
        out.append(dict(mean="geometric", steps=_describe_path(p), value=g[0], low=g[1], high=g[2],
                        spread=_spread((v, lo, hi)),
                        fits=overlap(band, g[1:]), ids=ids, scopes=scopes, n=len(p),
                        arithmetic=f"(×{v:.3f}) ^ (1/{n}) − 1 = {fmt(g[0], 1)}% a year"))
        annual = all(s.b[0].year - s.a[0].year == 1 and s.a[0].year >= y0 for s in p) and len(p) == n
        if annual:
            rates = [100 * (s.ratio - 1) for s in p]
            a = (sum(rates) / n, sum(100 * (s.low - 1) for s in p) / n, sum(100 * (s.high - 1) for s in p) / n)
            out.append(dict(mean="arithmetic", steps=_describe_path(p), value=a[0], low=a[1], high=a[2],
                            spread=_spread((v, lo, hi)),
                            fits=overlap(band, a[1:]), ids=ids, scopes=scopes, n=len(p),
                            arithmetic=f"({' + '.join(fmt(x, 1) for x in rates)}) / {n} = {fmt(a[0], 1)}% a year"))
    out.sort(key=lambda c: (c["spread"] > MAX_SPREAD, not c["fits"], len(c["scopes"]) > 1, c["mean"] != "arithmetic",
                            c["n"], c["ids"]))
    return out[:MAX_CHAINS]


def rate_runs(series: str | None = None) -> pd.DataFrame:
    """Runs of stated annual rates, chained, against every level ratio over the same years.

    One finding per (run of consecutive annual rates of one source, level pair of that source
    spanning exactly the run). ``flag`` is True if the chain and the levels cannot agree within
    the rounding of both.
    """
    out = []
    heads = sorted({family_of(s) for s in _rows()["series"]})
    if series is not None:
        if family_of(series) not in heads:
            raise UnknownNameError("series", series, heads)
        heads = [family_of(series)]
    for head in heads:
        st = steps(head)
        rates = [s for s in st if s.kind == "stated" and s.b[0].year - s.a[0].year == 1
                 and parse_period(s.label_a).kind == parse_period(s.label_b).kind]
        if len(rates) < 2:
            continue
        for src in sorted({s.source for s in rates}):
            by_start = {}
            for s in rates:
                if s.source == src:
                    by_start.setdefault(s.a, s)
            for lv in (s for s in st if s.kind == "levels" and s.source == src):
                node, run = lv.a, []
                while node in by_start and node < lv.b:
                    run.append(by_start[node])
                    node = by_start[node].b
                if node != lv.b or len(run) < 2:
                    continue
                v, lo, hi = _product(run)
                ok = overlap((lo, hi), (lv.low, lv.high))
                rows = _rows().set_index("id")
                used = [rows.loc[i] for s in run for i in s.ids] + [rows.loc[i] for i in lv.ids]
                recs = [dict(id=i, source=x["source"], quote=x["quote"]) for i, x in
                        zip([i for s in run for i in s.ids] + list(lv.ids), used)]
                computation = (f"Chained annual rates {lv.label_a}→{lv.label_b}: "
                               + " × ".join(f"{s.ratio:.3f}" for s in run) + f" = ×{v:.3f} ({lo:.3f} to {hi:.3f} "
                               f"within rounding). Levels: {lv.how} = ×{lv.ratio:.3f} ({lv.low:.3f} to {lv.high:.3f}).")
                verdict = ("The chained rates and the levels agree within rounding: the rates can have been computed "
                           "from these levels." if ok else
                           "The chained rates and the levels do not agree within rounding: the rates rest on other "
                           "levels (another coverage, price basis or revision).")
                scopes = {s.scope for s in run} | {lv.scope}
                expl = [] if ok else ["a different coverage" + (f" ({', '.join(sorted(x for x in scopes if x))})"
                                                               if len(scopes) > 1 else ""),
                                      "a revision between the table of rates and the levels", "a misprint"]
                out.append(finding("chains and averages", head, f"{lv.label_a}–{lv.label_b}", recs, computation,
                                   f"×{v:.3f} (rates) against ×{lv.ratio:.3f} (levels)", not ok, verdict, expl))
    return frame(out)


def clear_cache() -> None:
    _rows.cache_clear()
    _tuples.cache_clear()
    steps.cache_clear()
