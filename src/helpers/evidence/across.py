"""Inconsistencies that only show across passages: one share stated twice, an average against its count and total.

The pairwise methods compare rows that state the same series for the same period. Two kinds of
internal inconsistency slip between them:

* :func:`shares` – a share of one whole stated by two passages (in one chapter or in both) for
  different years or on different bases ("not counting flowing production"): the change between
  them may be the change of basis, not of the thing;
* :func:`averages` – an average per unit stated in one passage (17 workers per leased enterprise)
  set against a count and a total stated in others, in the same chapter or another
  (:data:`AVERAGES`): average × count should give the total.

Each finding has the shape of :mod:`helpers.evidence.findings`. See docs/methods.md (§5).
"""

from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache

import pandas as pd

from helpers.data import statements as data
from helpers.data.numbers import interval
from helpers.evidence.findings import finding, fmt, frame, plain
from helpers.evidence.parts import derived_values

__all__ = ["AVERAGES", "BASIS_WORDS", "shares", "averages", "table"]


def value_interval(value: float, written: str, precision: str = "exact") -> tuple[float, float]:
    lo, hi = interval(value, written, precision)
    return (lo if math.isfinite(lo) else 0.0), (hi if math.isfinite(hi) else value * 10)


#: words in a row's note or passage that state a basis of its share (what the whole leaves out)
BASIS_WORDS = re.compile(r"\b(not counting|excluding|except|without counting)\b", re.IGNORECASE)

#: averages per unit that the sources state beside a count and a total: ``average × count = total``.
#: ``part_share`` names the share of the count that the stated total covers, when the total is only
#: a part (the private tenants among all tenants). Each entry is a modelling decision, with its note.
AVERAGES: dict[str, dict] = {
    "workers_per_leased_enterprise": dict(
        count="enterprises_leased",
        total="workers_private_tenants",
        part_share="share_tenants_private",
        note="workers per leased enterprise × enterprises leased = workers in leased enterprises; the stated total "
        "counts only the enterprises rented by private entrepreneurs, who were a stated share of all tenants "
        "(assumed here to hold the same share of the enterprises)",
    ),
}


@lru_cache(maxsize=1)
def _rows() -> pd.DataFrame:
    df = data.load_figures()
    return df[df["value"].notna()].copy()


def _basis(r) -> str:
    """What a row's note says about the basis of its share (what the whole leaves out), else its coverage."""
    text = str(r.note or "")
    m = BASIS_WORDS.search(text)
    if m:
        start = max(0, text.rfind(";", 0, m.start()) + 1)
        end = text.find(";", m.end())
        return text[start : end if end > 0 else None].strip().strip(".")
    return str(r.scope or "")


def _pct(r) -> str:
    w = str(r.value_as_written).strip()
    return w if w.endswith("%") else f"{w}%"


def _amount(r) -> str:
    w = str(r.value_as_written).strip()
    return w if r.unit.split()[0] in w else f"{w} {r.unit}"


def shares() -> pd.DataFrame:
    """Every share stated by two different passages, for different periods or on different bases.

    One finding per pair of passages next to each other in time (no other passage of the series
    between them). ``flag`` is True when the two passages state different bases (a note names what
    the whole leaves out, or the coverages differ): the change between them may be the basis, not
    the thing. Two chapters on one basis are named among the explanations.
    """
    df = _rows()
    df = df[df["kind"] == "share"]
    out = []
    for series, g in df.groupby("series", sort=True):
        g = g[g["parsed_period"].map(lambda p: p.start is not None)]
        g = g.assign(first_day=g["parsed_period"].map(lambda p: p.start)).sort_values(["first_day", "id"])
        if g["quote"].nunique() < 2:
            continue
        rows = list(g.itertuples(index=False))
        for a, b in itertools.pairwise(rows):
            if a.quote == b.quote or a.period == b.period:
                continue  # one passage, or the same period (a disagreement: disagreements.find)
            ba, bb = _basis(a), _basis(b)
            bases_differ = ba != bb
            chapters_differ = a.source != b.source
            years = max((b.first_day - a.first_day).days / 365.25, 0.25)
            change = b.value - a.value
            computation = (
                f"{_pct(a)} in {a.period} ({a.id}{', ' + ba if ba else ''}) → {_pct(b)} in "
                f"{b.period} ({b.id}{', ' + bb if bb else ''}): {'+' if change >= 0 else '−'}{fmt(abs(change), 1)} "
                f"points in about {fmt(years, 1)} year{'s' if years >= 1.5 else ''}"
            )
            expl = []
            if bases_differ:
                expl.append("different bases: " + " against ".join(x or "no basis stated" for x in (ba, bb)))
            if chapters_differ:
                expl.append("different chapters, which may rest on different statistical publications")
            expl.append("a real change between the two years")
            if bases_differ:
                verdict = (
                    "The two passages state this share on different bases: the change between them may be the "
                    "change of basis, not of the thing."
                )
            elif chapters_differ:
                verdict = "One basis, two chapters: the change may be real, or the chapters' statistics may differ."
            else:
                verdict = "One chapter, one basis: the change can be read as a change of the thing."
            out.append(
                finding(
                    "across passages",
                    series,
                    f"{a.period} → {b.period}",
                    [a, b],
                    computation,
                    f"{'+' if change >= 0 else '−'}{fmt(abs(change), 1)} points",
                    bases_differ,
                    verdict,
                    expl,
                )
            )
    return frame(out)


def _counts(series: str) -> list[dict]:
    """Stated counts of ``series`` and those derived from stated factors (parts.PRODUCTS)."""
    df = _rows()
    out = [
        dict(
            value=r.value,
            low=r.value,
            high=r.value,
            period=r.period,
            source=r.source,
            scope=r.scope or "",
            text=f"{fmt(r.value)} ({r.id})",
            rows=(r,),
        )
        for r in df[(df["series"] == series) & df["kind"].isin(("level", "count"))].itertuples(index=False)
    ]
    dv = derived_values()
    for d in dv[dv["series"] == series].itertuples(index=False):
        out.append(
            dict(
                value=d.value,
                low=d.low,
                high=d.high,
                period=d.period,
                source=d.source,
                scope="; ".join(d.scopes),
                text=f"{d.computation}",
                rows=tuple(d.rows),
            )
        )
    return out


def averages() -> pd.DataFrame:
    """An average per unit against a count and a total stated in other passages (see :data:`AVERAGES`).

    One finding per (average, count, total) combination, in the same chapter or across chapters.
    ``flag`` is True when average × count (× the part's share) cannot give the stated total
    within the rounding and ranges of all the numbers.
    """
    df = _rows()
    out = []
    for avg_series, d in AVERAGES.items():
        avgs = list(df[(df["series"] == avg_series) & df["kind"].isin(("level", "count"))].itertuples(index=False))
        totals = list(
            df[(df["series"] == d["total"]) & df["kind"].isin(("level", "count", "range"))].itertuples(index=False)
        )
        parts_ = list(df[df["series"] == d.get("part_share", "")].itertuples(index=False)) or [None]
        for a, c, t, s in itertools.product(avgs, _counts(d["count"]), totals, parts_):
            (al, ah) = value_interval(a.value, a.value_as_written, a.precision)
            (sl, sh) = (1.0, 1.0) if s is None else value_interval(s.value, s.value_as_written, s.precision)
            share = 1.0 if s is None else s.value / 100
            v = a.value * c["value"] * share
            v_lo = al * c["low"] * (sl / 100 if s is not None else 1.0)
            v_hi = ah * c["high"] * (sh / 100 if s is not None else 1.0)
            t_hi = t.value_high if t.kind == "range" and math.isfinite(float(t.value_high)) else t.value
            unit = t.unit.replace("thousand ", "")
            scale = 1000.0 if t.unit.startswith("thousand") else 1.0
            lo, hi = t.value * scale, t_hi * scale
            fits = v_lo <= hi and lo <= v_hi  # within the rounding of every number
            pct_lo, pct_hi = 100 * v / hi, 100 * v / lo
            chapters = sorted({a.source, c["source"], t.source} | ({s.source} if s is not None else set()))
            computation = (
                f"{fmt(a.value)} ({a.id}) × {c['text']}"
                + (f" × {s.value_as_written} ({s.id})" if s is not None else "")
                + f" = {fmt(v)} {unit}, against {_amount(t)} stated ({t.id}): "
                + (f"{fmt(pct_lo, 0)}–{fmt(pct_hi, 0)}%" if hi != lo else f"{fmt(pct_lo, 0)}%")
                + f" of it. ({d['note']})"
            )
            scopes = sorted({x for x in (c["scope"], t.scope or "") if x})
            expl = (
                []
                if fits
                else [
                    "the average counts another set of enterprises, or another date",
                    "the part (private tenants) held larger enterprises than the average",
                ]
            )
            if len(scopes) > 1 or c["scope"]:
                expl.insert(0, f"different coverages ({'; '.join(scopes) or 'one not stated'})")
            if len(chapters) > 1:
                expl.append("the numbers come from different texts: " + ", ".join(chapters))
            verdict = (
                "Average × count gives the stated total within the rounding of the numbers."
                if fits
                else f"Average × count gives {fmt(pct_lo, 0)}–{fmt(pct_hi, 0)}% of the stated total: the passages "
                "cannot all describe the same enterprises at the same date."
            )
            out.append(
                finding(
                    "across passages",
                    d["total"],
                    t.period,
                    [a, *c["rows"], t] + ([s] if s is not None else []),
                    computation,
                    f"{fmt(v)} against {_amount(t)}",
                    not fits,
                    verdict,
                    expl,
                    chapters=tuple(chapters),
                )
            )
    return frame(out, extra=["chapters"])


def table(which: str = "shares") -> pd.DataFrame:
    """The findings of :func:`shares` or :func:`averages` in words: what, when, result, what it shows."""
    found = {"shares": shares, "averages": averages}
    if which not in found:
        from helpers.errors import UnknownNameError

        raise UnknownNameError("table", which, list(found))
    df = found[which]()
    return pd.DataFrame(
        {
            "what": df["series"].str.replace("_", " "),
            "when": df["period"],
            "computation": df["computation"].map(plain),
            "what it shows": df["verdict"],
        }
    )


def clear_cache() -> None:
    _rows.cache_clear()
