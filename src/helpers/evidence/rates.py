"""Rates and averages: stated annual rates and average rates against the chains that cover them.

:func:`averages_for` sets a stated average rate against the arithmetic and the geometric mean of
every chain that covers its years; :func:`rate_runs` chains runs of stated annual rates and sets
them against every level ratio of the same years. The steps and chains come from
:mod:`helpers.evidence.chains`. See docs/methods.md (§4).
"""

from __future__ import annotations

import pandas as pd

from helpers.data.numbers import interval, overlap
from helpers.data.periods import parse_period
from helpers.errors import CourseError, UnknownNameError
from helpers.evidence.chains import (
    best_first,
    describe_path,
    family_of,
    figure_row,
    indexed_rows,
    paths,
    product,
    span_of,
    spread,
    steps,
)
from helpers.evidence.findings import finding, fmt, frame

__all__ = ["averages_for", "rate_runs"]


def _years(period: str, base: str) -> tuple[int, int] | None:
    try:
        p, b = parse_period(period), parse_period(base)
    except CourseError:
        return None
    if p.start is None or b.start is None or b.kind != "calendar_year":
        return None
    return b.start.year, p.end.year


def _mean_reading(path, mean: str, est: tuple, whole: tuple, band: tuple, arithmetic: str) -> dict:
    """One average rate over the chain ``path``: its ``mean`` (geometric or arithmetic), the estimate
    ``est`` (value, low, high, % a year), the chain's ratio ``whole`` (value, low, high) and whether the
    estimate meets the claim's ``band``."""
    return dict(
        mean=mean,
        steps=describe_path(path),
        value=est[0],
        low=est[1],
        high=est[2],
        spread=spread(whole),
        fits=overlap(band, est[1:]),
        ids=tuple(dict.fromkeys(i for s in path for i in s.ids)),
        scopes=tuple(dict.fromkeys(s.scope for s in path if s.scope)),
        n=len(path),
        arithmetic=arithmetic,
    )


def averages_for(claim_id: str, levels_from: str = "same") -> list[dict]:
    """A stated average annual rate against the means of every chain that covers its years.

    The years run from the base year to the last year of the period ("41% a year in 1921–1925,
    against 1920": five annual steps, 1920 to 1925). For every chain the **geometric** mean
    (the constant rate that compounds to the chain's total) is given; for chains of annual
    steps the **arithmetic** mean of the rates as well.
    """
    r = figure_row(claim_id)
    if r.kind != "change_pct" or not r.base_period:
        return []
    if parse_period(r.period).kind not in ("calendar_span", "economic_span", "mixed_span"):
        return []  # an average is stated over a span of years ("1921-1925"), not for one year
    ys = _years(r.period, r.base_period)
    if ys is None or ys[1] - ys[0] < 2:
        return []
    y0, y1 = ys
    n = y1 - y0
    start, end = span_of(str(y0)), span_of(str(y1))
    head = family_of(r.series)
    found = paths(steps(head), start, end, {r.id}, r.source if levels_from == "same" else None, min_steps=1)
    band = interval(r.value, r.value_as_written, r.precision)
    out = []
    for p in found:
        v, lo, hi = product(p)
        g = (100 * (v ** (1 / n) - 1), 100 * (lo ** (1 / n) - 1), 100 * (hi ** (1 / n) - 1))
        out.append(
            _mean_reading(p, "geometric", g, (v, lo, hi), band, f"(×{v:.3f}) ^ (1/{n}) − 1 = {fmt(g[0], 1)}% a year")
        )
        annual = all(s.b[0].year - s.a[0].year == 1 and s.a[0].year >= y0 for s in p) and len(p) == n
        if annual:
            rates = [100 * (s.ratio - 1) for s in p]
            a = (sum(rates) / n, sum(100 * (s.low - 1) for s in p) / n, sum(100 * (s.high - 1) for s in p) / n)
            sums = f"({' + '.join(fmt(x, 1) for x in rates)}) / {n} = {fmt(a[0], 1)}% a year"
            out.append(_mean_reading(p, "arithmetic", a, (v, lo, hi), band, sums))
    return best_first(out, lambda c: (c["mean"] != "arithmetic", c["n"]))


def rate_runs(series: str | None = None) -> pd.DataFrame:
    """Runs of stated annual rates, chained, against every level ratio over the same years.

    One finding per (run of consecutive annual rates of one source, level pair of that source
    spanning exactly the run). ``flag`` is True if the chain and the levels cannot agree within
    the rounding of both.
    """
    out = []
    heads = sorted({family_of(s) for s in indexed_rows()[1]})
    if series is not None:
        if family_of(series) not in heads:
            raise UnknownNameError("series", series, heads)
        heads = [family_of(series)]
    for head in heads:
        st = steps(head)
        rates = [
            s
            for s in st
            if s.kind == "stated"
            and s.b[0].year - s.a[0].year == 1
            and parse_period(s.label_a).kind == parse_period(s.label_b).kind
        ]
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
                v, lo, hi = product(run)
                ok = overlap((lo, hi), (lv.low, lv.high))
                recs = [figure_row(i) for i in [i for s in run for i in s.ids] + list(lv.ids)]
                computation = (
                    f"Chained annual rates {lv.label_a}→{lv.label_b}: "
                    + " × ".join(f"{s.ratio:.3f}" for s in run)
                    + f" = ×{v:.3f} ({lo:.3f} to {hi:.3f} "
                    f"within rounding). Levels: {lv.how} = ×{lv.ratio:.3f} ({lv.low:.3f} to {lv.high:.3f})."
                )
                verdict = (
                    "The chained rates and the levels agree within rounding: the rates can have been computed "
                    "from these levels."
                    if ok
                    else "The chained rates and the levels do not agree within rounding: the rates rest on other "
                    "levels (another coverage, price basis or revision)."
                )
                scopes = {s.scope for s in run} | {lv.scope}
                expl = (
                    []
                    if ok
                    else [
                        "a different coverage"
                        + (f" ({', '.join(sorted(x for x in scopes if x))})" if len(scopes) > 1 else ""),
                        "a revision between the table of rates and the levels",
                        "a misprint",
                    ]
                )
                out.append(
                    finding(
                        "chains and averages",
                        head,
                        f"{lv.label_a}–{lv.label_b}",
                        recs,
                        computation,
                        f"×{v:.3f} (rates) against ×{lv.ratio:.3f} (levels)",
                        not ok,
                        verdict,
                        expl,
                    )
                )
    return frame(out)
