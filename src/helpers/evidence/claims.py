"""Do the sources' claims follow from their own numbers? Every stated growth rate, multiple and share, recomputed.

:func:`check` recomputes every row that states a relation (a change, a percentage of a base, a
multiple, an increase, a share) from the levels the sources state, with the rounding of every
number made explicit; where the printed levels refute a claim or are missing, it tries the other
kinds of year and every chain of steps (``holds under a reading``). See ``docs/methods.md`` (§3, §4).
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache

import pandas as pd

from helpers.data import numbers
from helpers.data import statements as data
from helpers.data.numbers import BAND, interval
from helpers.data.periods import parse_period
from helpers.data.statements import LEVEL_KINDS
from helpers.data.units import conversion_factor
from helpers.errors import CourseError, UnknownNameError
from helpers.evidence import chains as chains_mod
from helpers.evidence import readings as readings_mod
from helpers.evidence.claim_arithmetic import band_text, claim_text, fmt, metric, ratio
from helpers.evidence.claim_levels import (
    COMPLEMENTS,
    SHARES,
    by_series,
    candidate_sets,
    compatible,
    dedupe,
    level_kinds,
    origin,
    scopes_agree,
    span,
    value_interval,
)
from helpers.evidence.claim_readings import other_readings, with_reading
from helpers.evidence.findings import plain, text_name
from helpers.evidence.scopes import scope_relation, statement_key

__all__ = [
    "CLAIM_KINDS",
    "STATUSES",
    "COLUMNS",
    "RULES",
    "STATUS_WORDS",
    "check",
    "counted",
    "summary",
    "explain",
    "placebo",
    "claim",
    "describe",
]

CLAIM_KINDS = ("change_pct", "percent_of_base", "multiple", "increase", "share")
STATUSES = (
    "holds",
    "holds under a reading",
    "consistent only through a chain that mixes coverages",
    "does not hold",
    "too loose to test",
    "cannot be checked",
)
#: how :func:`summary`, :func:`explain` and the explorers say each status to a reader
#: (plain words for students; the technical names, used in the code and in docs/methods.md, are the keys)
STATUS_WORDS = {
    "holds": "follows from its own figures",
    "holds under a reading": "follows only if its years or figures are read differently",
    "consistent only through a chain that mixes coverages": "follows only by joining two different measures",
    "does not hold": "contradicts its own figures",
    "too loose to test": "too vague to check",
    "cannot be checked": "no figures to check it against",
}

#: the band each qualifier stands for (see the module docstring)
RULES = {
    "exact": "rounds to the stated number: within half a unit of its last digit",
    "verbal": f"a multiple in words or whole times: within ±{BAND:.0%} of the stated number, like 'about'",
    "approx": f"'about': within ±{BAND:.0%} of the stated number",
    "almost": f"'almost': from {1 - BAND:.0%} of the stated number up to it",
    "over": "'over', 'more than': the stated number or more",
    "under": "'under', 'less than': the stated number or less",
}

COLUMNS = [
    "id",
    "source",
    "series",
    "kind",
    "period",
    "base_period",
    "written",
    "precision",
    "claim",
    "recomputed",
    "low",
    "high",
    "band_low",
    "band_high",
    "status",
    "rule",
    "levels",
    "levels_source",
    "arithmetic",
    "reason",
    "quote",
    "reading",
    "direct",
    "tried",
    "statement",
    "counted_as",
]


_is_lower = chains_mod.is_lower


# --------------------------------------------------------------------------------------
# one claim
# --------------------------------------------------------------------------------------


def _result(row, kind: str, **kw) -> dict:
    band = interval(row.value, row.value_as_written, row.precision)
    out = dict(
        id=row.id,
        source=row.source,
        series=row.series,
        kind=kind,
        period=row.period,
        base_period=row.base_period,
        written=row.value_as_written,
        precision=row.precision,
        claim=row.value,
        recomputed=math.nan,
        low=math.nan,
        high=math.nan,
        band_low=band[0],
        band_high=band[1],
        status="cannot be checked",
        rule=(
            RULES["verbal"]
            if row.precision == "exact"
            and numbers.is_verbal_multiple(row.value_as_written)
            and numbers.quantum(row.value_as_written) / 2 > BAND * abs(row.value)
            else RULES.get(row.precision, RULES["exact"])
        ),
        levels=(),
        levels_source="",
        arithmetic="",
        reason="",
        quote=row.quote,
        reading="",
        direct="",
        tried=0,
        statement=row.id,
        counted_as=row.id,
    )
    out.update(kw)
    return out


def _verdict(row, kind, value, lo, hi, combo, arithmetic, extra="") -> dict:
    band = interval(row.value, row.value_as_written, row.precision)
    holds = lo <= band[1] + 1e-9 and band[0] <= hi + 1e-9
    status = "holds" if holds else "does not hold"
    got = claim_text(kind, value, row.unit)
    if holds and band[0] - 1e-9 <= value <= band[1] + 1e-9:
        reason = f"The stated levels give {got}, which “{row.value_as_written}” covers."
    elif holds:
        reason = (
            f"The stated levels give {got}, just outside what “{row.value_as_written}” covers "
            f"({band_text(band)}); but the levels are themselves rounded, and within their rounding they give "
            f"{fmt(lo)} to {fmt(hi)}, so the claim holds."
        )
    else:
        reason = (
            f"The stated levels give {got} (between {fmt(lo)} and {fmt(hi)} allowing for the rounding of the "
            f"levels), outside what “{row.value_as_written}” covers ({band_text(band)})."
        )
    return _result(
        row,
        kind,
        recomputed=value,
        low=lo,
        high=hi,
        status=status,
        levels=tuple(r.id for r in combo),
        levels_source=origin(combo, row.source),
        arithmetic=arithmetic,
        reason=(reason + extra).strip(),
    )


def _nearby(row, series: str, levels_from: str) -> str:
    """What the levels of overlapping periods (economic vs calendar years) would give, in words."""
    kinds = level_kinds(series)
    rows = [
        r for r in by_series().get(series, []) if r.kind in kinds and (levels_from == "any" or r.source == row.source)
    ]

    def overlapping(period: str):
        p = parse_period(period)
        return [
            r
            for r in rows
            if r.parsed_period.start is not None and r.parsed_period.start <= p.end and p.start <= r.parsed_period.end
        ]

    stated = sorted({f"{r.period}: {numbers.format_value(r.value, r.unit, r.precision)} ({r.id})" for r in rows})
    if not stated:
        return f" The {'source gives' if levels_from == 'same' else 'sources give'} no level of {series} at all."
    text = f" Levels of {series} stated: " + "; ".join(stated) + "."
    try:
        pb, pp = overlapping(row.base_period), overlapping(row.period)
    except CourseError:
        return text
    reads = []
    for b, p in itertools.product(pb, pp):
        if b.id == p.id or not compatible((b, p)) or not scopes_agree((b, p)):
            continue
        try:
            fb = conversion_factor(b.unit, p.unit)
        except CourseError:
            continue
        r = ratio(p, b, 1.0, fb)
        if not math.isfinite(r[0]):
            continue
        v, lo, hi = metric(row.kind, _is_lower(row), r)
        band = interval(row.value, row.value_as_written, row.precision)
        ok = lo <= band[1] and band[0] <= hi
        reads.append(
            f"read as {p.period} against {b.period}: {claim_text(row.kind, v, row.unit)}, which the claim "
            f"{'would' if ok else 'would not'} cover"
        )
    if reads:
        text += " If the periods are read as the overlapping economic or calendar years — " + "; ".join(reads[:4]) + "."
    return text


def _check_relation(row, levels_from: str) -> dict:
    kind = row.kind
    if not row.base_period:
        return _result(row, kind, reason="No base period is stated, so there is nothing to recompute from.")
    try:
        same_period = span(row.base_period) == span(row.period)
    except CourseError:
        same_period = False
    if same_period:
        return _result(
            row,
            kind,
            reason="The base is the same period: the claim compares with another quantity "
            "(the plan, handicraft output), not with an earlier level of this series.",
        )
    try:
        combos = candidate_sets(row, [(row.series, row.base_period), (row.series, row.period)], levels_from)
    except CourseError:
        combos = []
    if not combos:
        which = "the source gives" if levels_from == "same" else "the sources give"
        return _result(
            row,
            kind,
            reason=f"Cannot be checked: {which} no pair of comparable levels of {row.series} "
            f"for both {row.base_period} and {row.period}." + _nearby(row, row.series, levels_from),
        )
    lower = _is_lower(row)
    results = []
    for b, p in combos:
        fb, fp = conversion_factor(b.unit, p.unit), 1.0
        r = ratio(p, b, fp, fb)
        if not math.isfinite(r[0]):
            continue
        v, lo, hi = metric(kind, lower, r)
        bv, pv = b.value * fb, p.value
        op = f"{fmt(bv)} / {fmt(pv)}" if (kind == "multiple" and lower) else f"{fmt(pv)} / {fmt(bv)}"
        arith = f"{op} = {fmt(pv / bv if not (kind == 'multiple' and lower) else bv / pv)}"
        if kind == "change_pct":
            arith += f", i.e. {claim_text(kind, v)}"
        elif kind == "percent_of_base":
            arith += f", i.e. {fmt(v)}%"
        arith += (
            f" ({p.unit}; {p.id} over {b.id})"
            if not (kind == "multiple" and lower)
            else f" ({p.unit}; {b.id} over {p.id})"
        )
        results.append(_verdict(row, kind, v, lo, hi, (b, p), arith))
    return _pick(row, kind, results)


def _pick(row, kind, results: list[dict]) -> dict:
    if not results:
        return _result(row, kind, reason="The levels stated for both periods cannot be combined (a zero base).")
    src = row.source
    results = sorted(
        results, key=lambda r: (sum(not i.startswith(src + "-") for i in r["levels"]), r["status"] != "holds")
    )
    best = results[0]
    others = [r for r in results if r is not best]
    if others:
        alt = "; ".join(
            f"with {', '.join(r['levels'])}: {claim_text(kind, r['recomputed'], row.unit)} ({r['status']})"
            for r in others
        )
        best = {**best, "reason": best["reason"] + f" Other combinations of levels: {alt}."}
    return best


def _check_increase(row, levels_from: str) -> dict:
    stem = row.series[: -len("_increase")]
    base, period = row.base_period, row.period
    if not base:
        p = parse_period(period)
        if p.kind not in ("calendar_span", "economic_span", "mixed_span"):
            return _result(row, "increase", reason="No base period is stated.")
        # a span without a base: the first level stated in its first year, the last in its last year
        rows = [
            r
            for r in by_series().get(stem, [])
            if r.kind in LEVEL_KINDS and (levels_from == "any" or r.source == row.source)
        ]
        first = [r for r in rows if r.parsed_period.start is not None and r.parsed_period.start.year == p.start.year]
        last = [r for r in rows if r.parsed_period.end is not None and r.parsed_period.end.year == p.end.year]
        if len(first) != 1 or len(last) != 1:
            return _result(
                row,
                "increase",
                reason=f"Cannot be checked: no single level of {stem} in {p.start.year} and in {p.end.year}.",
            )
        base, period = first[0].period, last[0].period
    try:
        combos = candidate_sets(row, [(stem, base), (stem, period)], levels_from)
    except CourseError:
        combos = []
    if not combos:
        return _result(row, "increase", reason=f"Cannot be checked: no levels of {stem} for both {base} and {period}.")
    results = []
    for b, p in combos:
        f_claim_p, f_claim_b = conversion_factor(p.unit, row.unit), conversion_factor(b.unit, row.unit)
        (pl, ph), (bl, bh) = value_interval(p), value_interval(b)
        v = p.value * f_claim_p - b.value * f_claim_b
        lo, hi = pl * f_claim_p - bh * f_claim_b, ph * f_claim_p - bl * f_claim_b
        arith = (
            f"{fmt(p.value * f_claim_p)} − {fmt(b.value * f_claim_b)} = {fmt(v)} {row.unit} "
            f"({p.id} minus {b.id}, {p.period} against {b.period})"
        )
        results.append(_verdict(row, "increase", v, lo, hi, (b, p), arith))
    return _pick(row, "increase", results)


def _check_share(row, levels_from: str) -> dict:
    results = []
    reasons = []
    if row.series in COMPLEMENTS:
        partner = COMPLEMENTS[row.series]
        want = span(row.period)
        rows = [
            r
            for r in by_series().get(partner, [])
            if r.kind == "share"
            and (r.parsed_period.start, r.parsed_period.end) == want
            and (levels_from == "any" or r.source == row.source)
            and scope_relation(r.scope, row.scope) in ("same", "one unstated")
        ]
        for r in rows:
            lo_, hi_ = value_interval(r)
            v = 100 - r.value
            results.append(
                _verdict(
                    row,
                    "share",
                    v,
                    100 - hi_,
                    100 - lo_,
                    (r,),
                    f"100 − {fmt(r.value)} = {fmt(v)}% ({r.id}: {partner})",
                )
            )
        if not rows:
            reasons.append(f"no share of {partner} for {row.period}")
    for d in SHARES.get(row.series, []):
        parts = (d["part"],) if isinstance(d["whole"], str) else tuple(dict.fromkeys((d["part"], *d["whole"])))
        needs = [(s, row.period) for s in ((d["part"], d["whole"]) if isinstance(d["whole"], str) else parts)]
        try:
            combos = candidate_sets(row, needs, levels_from, same_scope=False)
        except CourseError:
            combos = []
        if not combos:
            whole = d["whole"] if isinstance(d["whole"], str) else " + ".join(d["whole"])
            reasons.append(f"no levels of {d['part']} and {whole} for {row.period}")
            continue
        for combo in combos:
            unit = combo[0].unit
            vals = [(r, conversion_factor(r.unit, unit)) for r in combo]
            (part, fpart) = vals[0]
            if isinstance(d["whole"], str):
                (whole, fw) = vals[1]
                pv, wv = part.value * fpart, whole.value * fw
                (pl, ph), (wl, wh) = value_interval(part), value_interval(whole)
                lo, hi = 100 * pl * fpart / (wh * fw), 100 * ph * fpart / (wl * fw)
                arith = f"100 × {fmt(pv)} / {fmt(wv)} = {fmt(100 * pv / wv)}% ({part.id} over {whole.id}; {unit})"
            else:
                others = vals[1:]
                pv = part.value * fpart
                ov = sum(r.value * f for r, f in others)
                wv = pv + ov
                (pl, ph) = value_interval(part)
                ol = sum(value_interval(r)[0] * f for r, f in others)
                oh = sum(value_interval(r)[1] * f for r, f in others)
                lo, hi = 100 * pl * fpart / (pl * fpart + oh), 100 * ph * fpart / (ph * fpart + ol)
                arith = (
                    f"100 × {fmt(pv)} / ({' + '.join(fmt(r.value * f) for r, f in vals)}) = {fmt(100 * pv / wv)}% "
                    f"({' , '.join(r.id for r, _ in vals)}; {unit})"
                ).replace(" , ", ", ")
            results.append(
                _verdict(row, "share", 100 * pv / wv, lo, hi, combo, arith, extra=f" Definition: {d['note']}.")
            )
    if not results:
        res = _result(row, "share", reason="Cannot be checked: " + "; ".join(reasons) + ".")
        return _share_readings(row, res, levels_from)
    return _pick(row, "share", results)


def _share_readings(row, res: dict, levels_from: str) -> dict:
    """A share of an economic year (1925/26) whose part or whole the chapter states only under a calendar
    label: the kind-of-year readings that relation claims get ("1925" as the economic year starting in it,
    "1926" as the one ending in it), the part and the whole read the same way. Returns ``res`` unchanged
    if no reading reaches the claim, else the verdict of the best reading (see :func:`other_readings`)."""
    p = parse_period(row.period)
    if p.kind != "economic_year" or isinstance(row, dict):
        return res
    y = p.start.year
    band = interval(row.value, row.value_as_written, row.precision)
    alts = []
    for d in SHARES.get(row.series, []):
        if not isinstance(d["whole"], str):
            continue
        for name, label in ((readings_mod.STARTING, str(y)), (readings_mod.ENDING, str(y + 1))):
            pools = []
            for series in (d["part"], d["whole"]):
                own = [r for r in by_series().get(series, []) if r.kind in level_kinds(series)]
                own = [r for r in own if levels_from == "any" or r.source == row.source]
                exact = [r for r in own if (r.parsed_period.start, r.parsed_period.end) == span(row.period)]
                pools.append(dedupe(exact or [r for r in own if r.period == label]))
            for part, whole in itertools.product(*pools):
                if part.period == row.period and whole.period == row.period:
                    continue  # no reading involved: the direct check already had these
                if not compatible((part, whole)):
                    continue
                try:
                    f = conversion_factor(whole.unit, part.unit)
                except CourseError:
                    continue
                (pl, ph), (wl, wh) = value_interval(part), value_interval(whole)
                v, lo, hi = 100 * part.value / (whole.value * f), 100 * pl / (wh * f), 100 * ph / (wl * f)
                read = [r for r in (part, whole) if r.period != row.period]
                alts.append(
                    dict(
                        value=v,
                        low=lo,
                        high=hi,
                        fits=lo <= band[1] + 1e-9 and band[0] <= hi + 1e-9,
                        scopes=tuple(dict.fromkeys(str(r.scope) for r in (part, whole))),
                        reading=" and ".join(f"“{r.period}” of {r.id} as the {name} ({row.period})" for r in read),
                        arithmetic=f"100 × {fmt(part.value)} / {fmt(whole.value * f)} = {fmt(v)}% "
                        f"({part.id} over {whole.id}; {part.unit})",
                        ids=(part.id, whole.id),
                        note=d["note"],
                    )
                )
    if not alts:
        return res
    alts.sort(key=lambda a: (not a["fits"], abs(a["value"] - row.value)))
    best, tried = alts[0], len(alts)
    got = claim_text("share", best["value"], row.unit)
    status = "holds under a reading" if best["fits"] else "does not hold"
    words = "which" if best["fits"] else "outside what"
    reason = (
        f"{res['reason']} Under another reading, {best['reading']}, the numbers give {got} ({fmt(best['low'])} to "
        f"{fmt(best['high'])} within rounding), {words} “{row.value_as_written}” covers ({band_text(band)}). "
        f"Definition: {best['note']}. {tried} reading{'s' if tried > 1 else ''} tried."
    )
    return with_reading(res, status, best, reason, tried)


def _check_row(row, levels_from: str) -> dict:
    if row.kind in ("change_pct", "percent_of_base", "multiple"):
        res = _check_relation(row, levels_from)
    elif row.kind == "share":
        return _check_share(row, levels_from)
    else:
        return _check_increase(row, levels_from)
    if res["status"] == "holds":
        return res
    return other_readings(row, res, levels_from)


def _is_claim(row, stems: set[str]) -> bool:
    if row.kind in ("change_pct", "percent_of_base", "multiple"):
        return True
    if row.kind == "share":
        return row.series in SHARES or row.series in COMPLEMENTS
    return row.kind == "level" and row.series.endswith("_increase") and row.series[: -len("_increase")] in stems


def _claim_rows() -> list:
    df = data.load_figures()
    df = df[df["value"].notna()]
    stems = set(df["series"])
    return [r for r in df.itertuples(index=False) if _is_claim(r, stems)]


def _grouped(out: list[dict], rows: list) -> list[dict]:
    """Each claim's ``statement`` (the first row of the same number stated again in its chapter, for the
    same series, kind and periods) and ``counted_as`` (one id for claims that fit only through one
    identity: annual rates that each "hold" by chaining the others with the same levels)."""
    first: dict[tuple, str] = {}
    rep: dict[str, str] = {}
    for r in rows:
        key = (*statement_key(r), r.series, r.kind, r.period, r.base_period)
        rep[r.id] = first.setdefault(key, r.id)
    for o in out:
        o["statement"] = rep[o["id"]]
    by_set: dict[frozenset, str] = {}
    for o in out:
        via_route = o["reading"].startswith(("a route", "the geometric", "the arithmetic"))
        if via_route and o["status"] in (STATUSES[1], STATUSES[2]):
            members = frozenset(rep.get(i, i) for i in (*o["levels"], o["id"]))
            o["counted_as"] = by_set.setdefault(members, o["statement"])
        else:
            o["counted_as"] = o["statement"]
    return out


@lru_cache(maxsize=4)
def _check(levels_from: str) -> pd.DataFrame:
    rows = _claim_rows()
    out = _grouped([_check_row(r, levels_from) for r in rows], rows)
    return pd.DataFrame(out, columns=COLUMNS)


def check(
    *, levels_from: str = "same", status: str | None = None, source: str | None = None, kind: str | None = None
) -> pd.DataFrame:
    """Every claim recomputed: one row per claim (see :data:`COLUMNS`), in the order of the figures table.

    ``levels_from``: ``'same'`` (levels from the claim's own source) or ``'any'`` (the
    other chapter's levels too). ``status``, ``source`` and ``kind`` filter the result.
    """
    if levels_from not in ("same", "any"):
        raise UnknownNameError("levels_from", levels_from, ["same", "any"])
    df = _check(levels_from).copy()
    for col, want, valid in (
        ("status", status, STATUSES),
        ("kind", kind, CLAIM_KINDS),
        ("source", source, sorted(set(data.load_figures()["source"]))),
    ):
        if want is None:
            continue
        if want not in valid:
            raise UnknownNameError(col, want, list(valid))
        df = df[df[col] == want]
    return df.reset_index(drop=True)


def counted(levels_from: str = "same") -> pd.DataFrame:
    """One row per claim counted once (:func:`check` keeps every row): a number stated twice in a chapter is
    one statement, and claims that fit only through one identity (annual rates each "confirmed" by chaining
    the others with the same levels) are one test. Columns as :func:`check`, plus ``rows`` (how many rows
    the line stands for)."""
    df = check(levels_from=levels_from)
    n = df.groupby("counted_as")["id"].count()
    out = df.drop_duplicates("counted_as").copy()
    out["rows"] = out["counted_as"].map(n)
    return out.reset_index(drop=True)


def summary(levels_from: str = "same", details: bool = False) -> pd.DataFrame:
    """How many claims each chapter's figures support, each statement counted once (:func:`counted`).

    One row per chapter, one column per status in words (:data:`STATUS_WORDS`), never summed across
    statuses except in ``all``. ``details=True`` adds ``readings tried (median)``, the median number of
    readings tried for the claims that needed another reading (``docs/methods.md``), and ``rows`` (the rows
    behind the statements).
    """
    df = counted(levels_from)
    names = {s: text_name(s) for s in df["source"].unique()}
    t = pd.crosstab(df["source"].map(names), df["status"]).reindex(columns=list(STATUSES), fill_value=0)
    t.columns = [STATUS_WORDS[c] for c in t.columns]
    t.index.name = "chapter"
    t["all statements"] = t.sum(axis=1)
    if details:
        needed = df[df["tried"] > 0]
        tried = needed.groupby(needed["source"].map(names))["tried"].median().reindex(t.index)
        t["readings tried (median)"] = tried.fillna(0).astype(int)
        t["rows"] = df.groupby(df["source"].map(names))["rows"].sum().reindex(t.index)
    return t


def claim(claim_id: str, levels_from: str = "same") -> dict:
    """The check of one claim, by figure id."""
    df = check(levels_from=levels_from)
    hit = df[df["id"] == claim_id]
    if hit.empty:
        raise UnknownNameError("claim id", claim_id, list(df["id"]))
    return hit.iloc[0].to_dict()


def describe(result: dict | pd.Series) -> str:
    """One checked claim in words: the claim, the arithmetic, the rule and the verdict."""
    r = dict(result)
    base = f" against {r['base_period']}" if r["base_period"] else ""
    lines = [
        f"{r['id']} ({r['source']}), {r['series']}, {r['period']}{base}: “{r['written']}” ({r['kind']})",
        f"  rule: {r['rule']}",
    ]
    if r["arithmetic"]:
        lines.append(
            f"  recomputed: {r['arithmetic']}"
            + (f" [levels: {r['levels_source']}]" if r["levels_source"] != "same source" else "")
        )
    lines.append(f"  verdict: {r['status']}. {r['reason']}")
    return "\n".join(lines)


#: how far the placebo test moves each checkable claim's number (see :func:`placebo`)
PLACEBO_SHIFTS = (-0.20, -0.15, 0.15, 0.20)
_RESCUED = ("holds under a reading", "consistent only through a chain that mixes coverages")


@lru_cache(maxsize=2)
def _placebo_runs(levels_from: str) -> pd.DataFrame:
    rows = {r.id: r for r in _claim_rows()}
    base = counted(levels_from)
    base = base[~base["status"].isin(["cannot be checked", "too loose to test"])]
    out = []
    for shift in PLACEBO_SHIFTS:
        for cid in base["id"]:
            row = rows[cid]
            moved = row._replace(value=row.value * (1 + shift))
            res = _check_row(moved, levels_from)
            out.append(dict(id=cid, shift=shift, status=res["status"], tried=res.get("tried", 0)))
    return pd.DataFrame(out)


def placebo(levels_from: str = "same", details: bool = False) -> pd.DataFrame:
    """The false-positive rate of the search for other readings: every checkable claim (counted once) with
    its number moved by −20%, −15%, +15% and +20% (:data:`PLACEBO_SHIFTS`), numbers no chapter states, and
    tested again by the same rule. A moved claim that its printed figures no longer support but another
    reading "fits" is a false positive of the search; the rate is false positives over moved claims the
    printed figures do not support. ``details=True`` gives one row per moved claim instead."""
    runs = _placebo_runs(levels_from)
    if details:
        return runs.copy()
    rows = []
    for label, g in [*((f"{s:+.0%}", runs[runs["shift"] == s]) for s in PLACEBO_SHIFTS), ("all four", runs)]:
        direct = int((g["status"] == "holds").sum())
        rescued = int(g["status"].isin(_RESCUED).sum())
        needed = len(g) - direct
        rows.append(
            {
                "number moved by": label,
                "moved claims": len(g),
                "still hold on their printed figures": direct,
                "not supported by their printed figures": needed,
                "of these, fitted by another reading": rescued,
                "false-positive rate of the search": f"{100 * rescued / needed:.0f}%" if needed else "–",
                "readings tried (median)": int(g.loc[g["tried"] > 0, "tried"].median())
                if (g["tried"] > 0).any()
                else 0,
            }
        )
    return pd.DataFrame(rows).set_index("number moved by")


class Text(str):
    """Text that a notebook shows as formatted text (Markdown), not as a quoted string."""

    def _repr_markdown_(self) -> str:
        return str(self)


def explain(claim_id: str, levels_from: str = "same") -> Text:
    """One claim tested, in words a reader needs: the passage, the claim, the rule, the arithmetic with the
    figures (not their ids) and the verdict, with the readings tried when another reading was needed."""
    r = claim(claim_id, levels_from)
    row = chains_mod.figure_row(claim_id)
    base = f", {r['period']} against {r['base_period']}" if r["base_period"] else f", {r['period']}"
    lines = [
        f"> “{row.quote}”",
        f"**The claim:** “{r['written']}”{base}.",
        f"**The rule:** {r['rule'].replace(':', ',', 1)}; here {band_text((r['band_low'], r['band_high']))}.",
    ]
    if r["direct"]:
        lines.append(f"**The printed figures:** {plain(r['direct'])}.")
    if r["arithmetic"]:
        what = "Another reading" if r["reading"] else "The chapter's figures"
        lines.append(f"**{what}:** {plain(r['arithmetic'])}.")
    lines.append(f"**Verdict: {STATUS_WORDS[r['status']]}.** {plain(r['reason'])}")
    if r["tried"]:
        lines.append(
            f"**Readings tried:** {r['tried']}. A reading found by searching is weaker than a fit on the printed "
            "figures: a search that tries many readings will sometimes fit a number that is simply wrong."
        )
    return Text("\n\n".join(lines))


def clear_cache() -> None:
    for fn in (_check, _placebo_runs, by_series, level_kinds, span):
        fn.cache_clear()
    chains_mod.clear_cache()
    readings_mod.clear_cache()
