"""One shape for what every evidence method finds, and the words that go with it.

A finding names the method, the series and periods, the rows it rests on with **both
passages**, the computation written out in words, what it shows (``verdict``, never more
than the numbers allow: "fits when read as X", not "false") and the candidate explanations.
:func:`describe` writes a finding out; :func:`counts` counts every method's findings.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from helpers.data import numbers

__all__ = [
    "COLUMNS",
    "READABLE",
    "TEXT_NAMES",
    "text_name",
    "plain",
    "finding",
    "frame",
    "describe",
    "table",
    "fmt",
    "pct",
]

#: how a reader's table names the three texts of the course (any other source keeps its id)
TEXT_NAMES = {"su_rec": "recovery chapter", "su_ind": "industrialisation chapter", "ua_nep": "Ukrainian text"}


def text_name(source_id: str) -> str:
    """The recovery chapter, the industrialisation chapter, the Ukrainian text (else the id itself)."""
    return TEXT_NAMES.get(source_id, source_id)


COLUMNS = [
    "method",
    "series",
    "period",
    "ids",
    "sources",
    "passages",
    "computation",
    "result",
    "flag",
    "verdict",
    "explanations",
]


def finding(
    method: str,
    series: str,
    period: str,
    rows,
    computation: str,
    result: str,
    flag: bool,
    verdict: str,
    explanations=(),
    **extra,
) -> dict:
    """A finding as a dict. ``rows``: the figure rows (named tuples or dicts with id, source, quote)
    or ``(id, source, passage)`` triples for rows from elsewhere (an independent estimate)."""
    ids, sources, passages = [], [], []
    for r in rows:
        if isinstance(r, tuple) and len(r) == 3 and all(isinstance(x, str) for x in r):
            i, s, q = r
        else:
            g = r.get if isinstance(r, dict) else (lambda k, r=r: getattr(r, k))
            i, s, q = g("id"), g("source"), g("quote")
        if i not in ids:
            ids.append(i)
            sources.append(s)
            passages.append(q)
    return dict(
        method=method,
        series=series,
        period=period,
        ids=tuple(ids),
        sources=tuple(sources),
        passages=tuple(passages),
        computation=computation,
        result=result,
        flag=bool(flag),
        verdict=verdict,
        explanations=tuple(explanations),
        **extra,
    )


def frame(rows: list[dict], extra: list[str] = ()) -> pd.DataFrame:
    """Findings as a table with :data:`COLUMNS` (plus ``extra``)."""
    return pd.DataFrame(rows, columns=COLUMNS + list(extra))


def fmt(v: float, digits: int | None = None) -> str:
    """A number for the computation text: thousands separated, sensible decimals."""
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "–"
    if digits is None:
        a = abs(v)
        digits = 0 if a >= 1000 else 1 if a >= 100 else 2 if a >= 10 else 3
    return numbers.format_number(round(v, digits))


def pct(v: float) -> str:
    """A signed percentage: +2.3%, −0.2%."""
    s = fmt(abs(v), 1)
    return f"{'−' if v < 0 else '+'}{s}%"


def describe(row: dict | pd.Series) -> str:
    """A finding in words: what was compared, the computation, what it shows, both passages."""
    r = dict(row)
    lines = [
        f"[{r['method']}] {r['series'].replace('_', ' ')}, {r['period']}",
        f"  computation: {r['computation']}",
        f"  result: {r['result']}",
        f"  what it shows: {r['verdict']}",
    ]
    if r["explanations"]:
        lines.append("  candidate explanations: " + "; ".join(r["explanations"]))
    shown: dict[str, list[str]] = {}
    for i, s, q in zip(r["ids"], r["sources"], r["passages"]):
        shown.setdefault(q, []).append(f"{i} ({s})")
    for q, who in shown.items():
        lines.append(f"  {', '.join(who)}: “{q}”")
    return "\n".join(lines)


#: the columns a reader needs from any method's table, in order, with their names in words; every
#: other column (row ids, flags, passages, intervals) stays behind ``table(…, details=True)``
READABLE = {
    "series": "what",
    "work": "work cited",
    "years_stated": "years printed",
    "lower_bound": "written in or after",
    "basis": "why",
    "official_sources": "chapters",
    "period": "period",
    "years": "years",
    "mean": "mean",
    "dataset": "dataset",
    "grade": "grade",
    "stated": "stated",
    "unit": "unit",
    "as_calendar": "read as calendar years",
    "as_economic": "read as economic years",
    "value": "value",
    "arithmetic": "arithmetic",
    "result": "result",
    "fits": "fits",
    "verdict": "what it shows",
    "explanations": "candidate explanations",
}


def table(found, details: bool = False) -> pd.DataFrame:
    """Any method's findings (a table, or a list of readings) with the columns a reader needs, named in
    words (:data:`READABLE`); numbers rounded to three decimals. ``details=True`` returns every column."""
    df = pd.DataFrame(found) if not isinstance(found, pd.DataFrame) else found.copy()
    if details:
        return df
    keep = [c for c in READABLE if c in df.columns]
    out = df[keep].copy()
    if "series" in out:
        out["series"] = out["series"].str.replace("_", " ")
    if "official_sources" in out:
        out["official_sources"] = out["official_sources"].map(
            lambda v: ", ".join(text_name(x.strip()) for x in str(v).split(","))
        )
    if "explanations" in out:
        out["explanations"] = out["explanations"].map(lambda e: "; ".join(e) if isinstance(e, (tuple, list)) else e)
    if "fits" in out:
        out["fits"] = out["fits"].map(lambda v: v if isinstance(v, str) else ("yes" if v else "no"))
    for col in ("arithmetic", "result", "verdict"):
        if col in out:
            out[col] = out[col].map(lambda v: plain(v) if isinstance(v, str) else v)
    return out.rename(columns=READABLE).round(3).reset_index(drop=True)


_ROW_ID = r"[a-z]{2}_[a-z]{2,3}-\d{3}"
_PLAIN_RULES = (
    (re.compile(rf"\({_ROW_ID}, "), "("),
    (re.compile(rf"; {_ROW_ID} (?:over|minus) {_ROW_ID}\)"), ")"),
    (re.compile(rf"with {_ROW_ID}(?:, {_ROW_ID})*: "), "with other figures: "),
    (re.compile(rf" ?\({_ROW_ID}(?:, {_ROW_ID})*\)"), ""),
    (re.compile(rf"{_ROW_ID} / {_ROW_ID} = "), ""),
    (re.compile(rf"{_ROW_ID} (?:over|minus) {_ROW_ID}"), ""),
    (re.compile(rf"{_ROW_ID}: "), ""),
    (re.compile(rf",? ?{_ROW_ID}"), ""),
)


def plain(text: str) -> str:
    """``text`` without the row ids the engine writes into its arithmetic and reasons."""
    for pattern, by in _PLAIN_RULES:
        text = pattern.sub(by, text)
    return re.sub(r"\s{2,}", " ", text).replace("( ", "(").strip()
