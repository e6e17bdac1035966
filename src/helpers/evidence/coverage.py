"""Coverage: the same quantity stated for different territories or circles of enterprises.

:func:`mismatches` finds every quantity stated (or derived, :mod:`helpers.evidence.parts`) for
two coverages (USSR and Ukraine; the comparable circle and the full range of industries; a trust
and the whole country) and shows the ratio they imply, so that a reader can judge whether the two
could describe the same thing; :func:`against_compilations` does the same for independent
datasets whose territory differs. See docs/methods.md.
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
from helpers.errors import CourseError
from helpers.evidence.findings import finding, fmt, frame
from helpers.evidence.parts import derived_values
from helpers.evidence.readings import UNCERTAIN_YEARS
from helpers.evidence.scopes import COMPARABLE_CIRCLE, COVERAGE_SCOPES

__all__ = ["TERRITORIES", "coverage_kind", "mismatches", "against_compilations"]

#: scopes that name a territory, or an organisation covering one part of the country's output
#: (a trust, a coal basin): the same quantity for two of them is a coverage question.
TERRITORIES = frozenset({"USSR", "RSFSR", "Ukraine", "Donbass", "Moscow", "Grozneft", "cities"})


def coverage_kind(scope: str) -> str:
    """``'territory'``, ``'coverage'`` (a circle of industry as a whole), ``'unstated'`` or ``'part'``."""
    if not scope:
        return "unstated"
    if scope in TERRITORIES:
        return "territory"
    if scope in COVERAGE_SCOPES or scope.lower().startswith(COMPARABLE_CIRCLE):
        return "coverage"
    return "part"


def _comparable(a: str, b: str) -> bool:
    """Two scopes whose values are the same quantity counted over different coverages."""
    ka, kb = coverage_kind(a), coverage_kind(b)
    if a == b or "part" in (ka, kb):
        return False
    if "unstated" in (ka, kb):
        return "territory" in (ka, kb)  # a territory against a passage that names none (the whole country?)
    return ka == kb or {ka, kb} == {"territory", "coverage"}


@lru_cache(maxsize=1)
def _values() -> list[dict]:
    """Stated levels, counts and shares, and derived values, as plain dicts."""
    df = data.load_figures()
    df = df[df["kind"].isin(("level", "count", "share")) & df["value"].notna() & df["base_period"].eq("")]
    out, seen = [], set()
    for r in df.itertuples(index=False):
        key = (r.series, r.parsed_period.start, r.parsed_period.end, r.value, r.unit, r.scope, r.source)
        if key in seen:  # the same statement repeated: one is enough
            continue
        seen.add(key)
        lo, hi = interval(r.value, r.value_as_written, r.precision)
        out.append(
            dict(
                series=r.series,
                kind=r.kind,
                period=r.period,
                span=(r.parsed_period.start, r.parsed_period.end),
                value=r.value,
                low=lo,
                high=hi,
                unit=r.unit,
                scope=r.scope,
                price_basis=r.price_basis,
                source=r.source,
                ids=(r.id,),
                rows=(r,),
                how=f"{r.id} states “{r.value_as_written}”" + ("" if r.unit == "%" else f" {r.unit}"),
            )
        )
    stated = {(v["series"], v["source"]) for v in out}
    for d in derived_values().itertuples(index=False):
        if (d.series, d.source) in stated:  # set against the stated value by parts.products, not here
            continue
        p = parse_period(d.period)
        scope = next((r.scope for r in d.rows if r.scope), "")
        out.append(
            dict(
                series=d.series,
                kind="count" if d.unit == "enterprises" else "level",
                period=d.period,
                span=(p.start, p.end),
                value=d.value,
                low=d.low,
                high=d.high,
                unit=d.unit,
                scope=scope,
                price_basis="",
                source=d.source,
                ids=d.ids,
                rows=d.rows,
                how=f"derived: {d.computation}",
            )
        )
    return out


def _same_time(a: dict, b: dict) -> tuple[bool, str]:
    if a["span"] == b["span"] and a["span"][0] is not None:
        return True, ""
    if a["span"][0] is None or b["span"][0] is None:
        return True, " One of the two gives no date, so they may also describe different moments."
    return False, ""


def mismatches(series: str | None = None) -> pd.DataFrame:
    """Every quantity stated for two coverages, with the ratio between them.

    One finding per pair (``flag`` is always True: the pair is the finding). Shares of
    different branches (parts of the economy) are not coverages and are left out.
    """
    vals = [v for v in _values() if series is None or v["series"] == series]
    out = []
    by_series: dict[str, list] = {}
    for v in vals:
        by_series.setdefault(v["series"], []).append(v)
    for s, vs in sorted(by_series.items()):
        for a, b in itertools.combinations(vs, 2):
            if a["kind"] != b["kind"] or not _comparable(a["scope"], b["scope"]):
                continue
            ok, note = _same_time(a, b)
            if not ok:
                continue
            if a["price_basis"] and b["price_basis"] and a["price_basis"] != b["price_basis"]:
                continue
            try:
                f = conversion_factor(b["unit"], a["unit"])
            except CourseError:
                continue
            big, small, fb, fs = (a, b, 1.0, f) if a["value"] >= b["value"] * f else (b, a, f, 1.0)
            ratio = (big["value"] * fb) / (small["value"] * fs) if small["value"] else math.nan
            same = overlap((big["low"] * fb, big["high"] * fb), (small["low"] * fs, small["high"] * fs))
            sa, sb = big["scope"] or "no coverage named", small["scope"] or "no coverage named"
            computation = (
                f"{big['how']} for “{sa}”; {small['how']} for “{sb}”. {fmt(big['value'] * fb)} / "
                f"{fmt(small['value'] * fs)} = {ratio:.3f}: the first is {fmt(100 * (ratio - 1), 1)}% larger." + note
            )
            verdict = (
                f"One quantity counted over two coverages: “{sb}” would be {fmt(100 / ratio, 1)}% of “{sa}”. "
                "Whether both can be true depends on how much of the one the other holds."
                if not same
                else "One quantity counted over two coverages, with values equal within rounding: either the "
                "coverages are the same in practice, or one passage mislabels its coverage."
            )
            expl = [
                "the two coverages hold different enterprises or territories (the ratio says how much)",
                "one passage names no coverage and may mean another circle"
                if "no coverage named" in (sa, sb)
                else "a revision between the two statements",
            ]
            out.append(
                finding(
                    "coverage",
                    s,
                    a["period"] if a["span"][0] is not None else b["period"],
                    [*big["rows"], *small["rows"]],
                    computation,
                    f"ratio {ratio:.3f}",
                    True,
                    verdict,
                    expl,
                    ratio=ratio,
                )
            )
    return frame(out, ["ratio"])


def against_compilations() -> pd.DataFrame:
    """Sources' levels against independent datasets of the same calendar year outside the years of
    uncertain basis (1913, and 1930 onwards), with the dataset's stated territory.

    ``flag`` is True when the two values differ beyond the source's rounding: a candidate
    coverage difference (the Russian Empire with Poland against the inter-war USSR), shown
    with its ratio.
    """
    df = data.load_figures()
    lev = df[df["kind"].isin(("level", "count")) & df["value"].notna() & (df["period_kind"] == "calendar_year")]
    est = independent.load_estimates()
    est = est[est["kind"] == "level"]
    out = []
    for r in lev.itertuples(index=False):
        y = r.parsed_period.start.year
        if UNCERTAIN_YEARS[0] <= y <= UNCERTAIN_YEARS[1]:
            continue
        for e in est[(est["series"] == r.series) & (est["period"] == str(y))].itertuples(index=False):
            try:
                f = conversion_factor(e.unit, r.unit)
            except CourseError:
                continue
            ev = e.value * f
            lo, hi = interval(r.value, r.value_as_written, r.precision)
            same = lo - 1e-9 <= ev <= hi + 1e-9 or abs(ev - r.value) <= 0.005 * r.value
            ratio = ev / r.value if r.value else math.nan
            computation = (
                f"{r.id} states {fmt(r.value)} {r.unit} for {y} ({r.scope or 'coverage not stated'}); "
                f"{e.dataset} gives {fmt(ev)} {r.unit} ({e.id}; territory: {e.territory}). "
                f"Ratio {ratio:.3f}."
            )
            verdict = (
                "The same value within half a per cent: same territory, or the compilation took the official figure."
                if same
                else f"The dataset's figure is {fmt(100 * (ratio - 1), 1)}% {'above' if ratio > 1 else 'below'} the "
                f"source's: a candidate coverage difference (see the dataset's territory)."
            )
            out.append(
                finding(
                    "coverage",
                    r.series,
                    str(y),
                    [r, (e.id, e.dataset, f"{e.dataset}: {e.value} {e.unit}; {e.territory}")],
                    computation,
                    f"ratio {ratio:.3f}",
                    not same,
                    verdict,
                    []
                    if same
                    else [
                        "a different territory (the Russian Empire with Poland, Finland "
                        "or the Baltic provinces in 1913)",
                        "a different definition",
                        "a revision",
                    ],
                    ratio=ratio,
                    dataset=e.dataset,
                )
            )
    return frame(out, ["ratio", "dataset"])


def clear_cache() -> None:
    _values.cache_clear()
