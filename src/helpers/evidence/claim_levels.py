"""The levels a claim is checked against: the rows stating a series for a period, and the combinations of them
that can be set against each other (one price basis, one coverage, convertible units); for a share,
:data:`SHARES` names its part and whole and :data:`COMPLEMENTS` the share it is 100% minus.

Used by :mod:`helpers.evidence.claims` (whose ``levels_for``, ``SHARES`` and ``COMPLEMENTS`` these are) and
:mod:`helpers.evidence.claim_readings`. See ``docs/methods.md`` (§3).
"""

from __future__ import annotations

import itertools
from functools import cache, lru_cache

import pandas as pd

from helpers.data import statements as data
from helpers.data.numbers import interval
from helpers.data.periods import parse_period
from helpers.data.statements import LEVEL_KINDS
from helpers.data.units import conversion_factor
from helpers.errors import CourseError
from helpers.evidence.scopes import scope_relation, statement_key

__all__ = [
    "SHARES",
    "COMPLEMENTS",
    "levels_for",
    "levels",
    "level_kinds",
    "by_series",
    "span",
    "value_interval",
    "compatible",
    "scopes_agree",
    "origin",
    "dedupe",
    "candidate_sets",
]

#: shares that the sources state beside the part and the whole (or beside all parts of the
#: whole). ``whole`` is one series, or a tuple of series whose sum is the whole. Each entry is
#: a modelling decision, with the reason in ``note``.
SHARES: dict[str, list[dict]] = {
    "share_mining_in_gross_output": [
        dict(
            part="gross_output_mining_industry",
            whole=("gross_output_mining_industry", "gross_output_manufacturing_industry"),
            note="the chapter splits the gross output of large-scale industry into the extractive (mining) and the "
            "manufacturing industry, so the whole is their sum",
        )
    ],
    "share_group_a": [
        dict(
            part="gross_output_group_a",
            whole="gross_output_large_scale_industry",
            note="group A (means of production) as a share of the gross output of large-scale industry",
        ),
        dict(
            part="gross_output_group_a",
            whole=("gross_output_group_a", "gross_output_group_b"),
            note="the recovery chapter calls the same split 'heavy' and 'light and food' industry; the two add up "
            "to its total (876 + 1,128 = 2,004 in 1921)",
        ),
    ],
    "share_capital_investment_heavy_industry": [
        dict(
            part="capital_investment_heavy_industry",
            whole="capital_investment_industry_and_electrification",
            note="'21.3 billion rubles, or 86% of all investments' in industry and electrification",
        )
    ],
    "share_concessions_gross_output": [
        dict(
            part="concession_gross_output",
            whole="gross_output_large_scale_industry",
            note="'0.4% of the total gross output of large-scale industry, or 35.4 million rubles'",
        )
    ],
}

#: shares that the sources present as the complement of another share of the same whole
#: ("the share of the socialist sector accordingly grows from 81% to 86%"): the key is checked
#: as 100% minus its partner. One direction only, so that each pair is one claim.
COMPLEMENTS: dict[str, str] = {
    "share_socialist_sector_industry": "share_private_sector_industry",
    "other_fuel_share_industrial_fuel": "coal_share_industrial_fuel",
}


@cache
def span(period: str):
    p = parse_period(period)
    return (p.start, p.end)


@lru_cache(maxsize=1)
def by_series() -> dict[str, list]:
    """Every row with a value, as named tuples grouped by series (plain lists are fast to scan)."""
    df = data.load_figures()
    out: dict[str, list] = {}
    for r in df[df["value"].notna()].itertuples(index=False):
        out.setdefault(r.series, []).append(r)
    return out


def levels(series: str, period: str, source: str | None = None) -> list:
    want = span(period)
    kinds = level_kinds(series)
    return [
        r
        for r in by_series().get(series, [])
        if r.kind in kinds
        and (r.parsed_period.start, r.parsed_period.end) == want
        and (source is None or r.source == source)
    ]


@cache
def level_kinds(series: str) -> tuple[str, ...]:
    """Kinds that hold the levels of a series: level and count, or share for a series of shares."""
    kinds = {r.kind for r in by_series().get(series, [])}
    return LEVEL_KINDS if kinds & set(LEVEL_KINDS) or "share" not in kinds else ("share",)


def levels_for(series: str, period: str, source: str | None = None) -> pd.DataFrame:
    """Rows stating the level of ``series`` for exactly ``period`` (optionally from one source).

    Levels are rows of kind level or count; for a series of shares (coal's share of railway
    fuel), the shares themselves.
    """
    df = data.load_figures()
    want = span(period)
    sel = df[(df["series"] == series) & df["kind"].isin(level_kinds(series)) & df["value"].notna()]
    sel = sel.loc[[(p.start, p.end) == want for p in sel["parsed_period"]]]
    if source is not None:
        sel = sel[sel["source"] == source]
    return sel.drop(columns="parsed_period")


def value_interval(r) -> tuple[float, float]:
    lo, hi = interval(r.value, r.value_as_written, r.precision)
    if r.precision == "over":
        hi = r.value * 10  # 'over X' as a level: bounded for arithmetic, never used as a limit below
    if r.precision == "under":
        lo = 0.0
    return lo, hi


def compatible(rows) -> bool:
    bases = {r.price_basis for r in rows} - {"unstated"}
    return len(bases) <= 1


def scopes_agree(rows) -> bool:
    scopes = [r.scope for r in rows]
    return all(scope_relation(a, b) in ("same", "one unstated") for a, b in itertools.combinations(scopes, 2))


def origin(rows, source: str) -> str:
    srcs = {r.source for r in rows}
    if srcs == {source}:
        return "same source"
    if source in srcs:
        return "mixed: " + ", ".join(sorted(srcs))
    return "other source: " + ", ".join(sorted(srcs))


def dedupe(rows: list) -> list:
    """One row per distinct statement: a number repeated in the same chapter counts once."""
    seen, out = set(), []
    for r in rows:
        key = statement_key(r)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def candidate_sets(
    claim_row, needs: list[tuple[str, str]], levels_from: str, *, same_scope: bool = True
) -> list[tuple]:
    """Combinations of level rows (one per (series, period) in ``needs``) that can be combined.

    ``same_scope``: all rows must share one coverage (for the same series in two periods);
    a share's part and whole are of different scopes by nature, so shares pass ``False``.
    """
    src = claim_row.source
    pools = []
    for series, period in needs:
        rows = levels(series, period, src)
        if levels_from == "any":
            rows = rows + [r for r in levels(series, period) if r.source != src]
        if not rows:
            return []
        pools.append(dedupe(rows))
    combos = []
    for combo in itertools.product(*pools):
        if not compatible(combo) or (same_scope and not scopes_agree(combo)):
            continue
        try:
            [conversion_factor(r.unit, combo[0].unit) for r in combo]
        except CourseError:
            continue
        combos.append(combo)
    if levels_from == "any":  # prefer the claim's own source, then as few other sources as possible
        combos.sort(key=lambda c: (sum(r.source != src for r in c), [r.id for r in c]))
    # the claim's own coverage, if it is among those that give every level
    own = [c for c in combos if all(r.scope == claim_row.scope for r in c)]
    return own or combos
