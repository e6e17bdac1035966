"""Dating a source from what it cites and what it knows.

Neither English chapter says when it was written. Their references do: a text
cannot be older than the newest work it cites, nor than the latest event it
reports. This module reads both kinds of evidence from the texts themselves.

* :func:`references` — every bracketed passage of a chapter (``[Stalin, Questions
  of Leninism, ed. 11th, p. 266.]``), classified as a *citation* of a work, a
  *ditto* (``[Ibid., p. 349.]``, resolved to the work cited before it) or an
  editorial *note* (``[1922-1925]``, ``[For comparison with 1913 …]``), with the
  years it states;
* :data:`EDITIONS` — the few editions whose date the course can justify although
  the citation does not print it, each with a note on the evidence; every other
  work is dated only by the year printed in its citation, if any (a work cannot
  appear before a year printed in its own title or imprint, so any such year is a
  lower bound);
* :func:`mentions` — the sentences of a chapter that name a year (what does the
  chapter say about 1937?); :func:`hindsight` — sentences that look back from a
  later vantage point ("as it turned out later", "later exposed");
* :func:`earliest_date` and :func:`dating_table` — the earliest possible date of
  writing of each chapter and the evidence for it.

The result is a *terminus post quem*: the chapter was written in that year or
later. How much later, the texts do not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from helpers.data import sources
from helpers.errors import UnknownNameError
from helpers.evidence import textspans

__all__ = [
    "Edition",
    "EDITIONS",
    "chapters",
    "HINDSIGHT",
    "references",
    "citations",
    "mentions",
    "hindsight",
    "years_in_text",
    "earliest_date",
    "dating_table",
]


def chapters() -> tuple[str, ...]:
    """The English chapters, which cite their sources in brackets: the sources written in English
    (``sources.csv`` ``language``), in the course's order."""
    return tuple(sid for sid, lang in sources.languages().items() if lang == "en")


@dataclass(frozen=True)
class Edition:
    key: str
    title: str
    pattern: str
    year: int | None
    note: str


#: editions whose date the course can justify although the chapters do not print it.
EDITIONS: tuple[Edition, ...] = (
    Edition(
        "short_course",
        "History of the CPSU(b): Short Course",
        r"Short\s+course|Short\s+Course\s+on\s+the\s+History",
        1938,
        "The Short Course of the history of the Party was first published in 1938 (serialised in Pravda in the "
        "autumn, then as a book); there is no earlier edition, so a text that cites or names it was written in "
        "1938 or later.",
    ),
    Edition(
        "questions_of_leninism_11",
        "J. V. Stalin, Questions of Leninism, 11th edition",
        r"Questions\s+of\s+Leninism,\s*ed\.\s*11th",
        1939,
        "The 11th edition of Questions of Leninism appeared in 1939 (the course's sources table, "
        "data/sources/sources.csv, dates the industrialization chapter by it).",
    ),
    Edition(
        "questions_of_leninism_10",
        "J. V. Stalin, Questions of Leninism, 10th edition",
        r"Questions\s+of\s+Leninism,\s*ed\.\s*10th",
        None,
        "An earlier edition than the 11th; the course has not established its year, so it is not used for "
        "dating (it could only give an earlier bound than the 11th edition does).",
    ),
)

#: phrases that report events from a later vantage point than the period described
HINDSIGHT = (
    r"\bas it turned out later\b",
    r"\b(?:were|was)\s+later\s+exposed\b",
    r"\blater\s+exposed\b",
    r"\bsubsequently\b",
    r"\bas you know\b",
)

_BRACKET = re.compile(r"\[([^\[\]]*)\]")
#: a year: four digits from 1850 to 1950, not part of a larger number (``1,945``, ``1551.4``, ``1925/26`` counts
#: as its first year) and not a quantity (``1945 million kWh``)
_YEAR = re.compile(
    r"(?<![\d,.])(18[5-9]\d|19[0-4]\d|1950)(?![\d]|[.,]\d)"
    r"(?!\s*(?:thousand|million|billion|tons?|kwh|rubles?|poods|%|people|workers|enterprises|brands))",
    re.IGNORECASE,
)
_CITATION_MARKS = re.compile(
    r"\bpp?\s*\.|\bvol\s*\.|\bed\s*\.|\bSoch\b|\bIbid\b|Yearbook|TsUNKhU|Short course|Directives|"
    r"resolutions|Verbatim report|National Economy|Socialist Construction|Questions of Leninism",
    re.IGNORECASE,
)
_IBID = re.compile(r"^\s*(?:see\s+)?ibid\b", re.IGNORECASE)


def _check(source: str) -> str:
    if source not in chapters():
        raise UnknownNameError("English chapter", source, chapters())
    return source


def _work_name(text: str) -> str:
    """A short name of the cited work: the citation up to its page numbers."""
    t = re.split(r",?\s*\bpp?\s*\.\s*\d", text, maxsplit=1)[0]
    t = re.sub(r"^\s*see\s+", "", t.strip(), flags=re.IGNORECASE)
    t = re.sub(r"\s+", " ", t).strip(" ,.;")
    return t


def _edition(text: str) -> Edition | None:
    for e in EDITIONS:
        if re.search(e.pattern, text, re.IGNORECASE):
            return e
    return None


@cache
def _references(source: str) -> pd.DataFrame:
    text = sources.source_text(_check(source))
    rows, last_work, last_edition, last_years = [], "", None, ()
    for n, m in enumerate(_BRACKET.finditer(text), start=1):
        inner = m.group(1)
        years = tuple(int(y) for y in _YEAR.findall(inner))
        if _IBID.match(inner):
            kind, work, edition = "ditto", last_work, last_edition
            years = years or last_years
        elif _CITATION_MARKS.search(inner) and not inner.strip().lower().startswith(
            ("for comparison", "here and below", "census industry", "1923/24 without")
        ):
            kind, work, edition = "citation", _work_name(inner), _edition(inner)
            last_work, last_edition, last_years = work, edition, years
        else:
            kind, work, edition = "note", "", None
        known = edition.year if edition is not None else None
        bound = max([y for y in (*years, known) if y is not None], default=None) if kind != "note" else None
        rows.append(
            dict(
                source=source,
                n=n,
                offset=m.start(),
                kind=kind,
                text=m.group(0),
                work=work,
                edition=edition.title if edition else "",
                years_stated=years,
                known_year=known,
                lower_bound=bound,
                basis=(
                    "known edition date"
                    if known is not None and known == bound
                    else "year printed in the citation"
                    if bound is not None
                    else ""
                ),
            )
        )
    cols = [
        "source",
        "n",
        "offset",
        "kind",
        "text",
        "work",
        "edition",
        "years_stated",
        "known_year",
        "lower_bound",
        "basis",
    ]
    return pd.DataFrame(rows, columns=cols)


def references(source: str) -> pd.DataFrame:
    """Every bracketed passage of an English chapter, in order.

    Columns: ``n``, ``offset``, ``kind`` (citation / ditto / note), ``text`` (verbatim, with
    brackets), ``work``, ``edition`` (when :data:`EDITIONS` knows it), ``years_stated``,
    ``known_year``, ``lower_bound`` (the latest of the years stated and the known edition
    year: the work appeared then or later) and ``basis``.
    """
    return _references(source).copy()


def citations(source: str) -> pd.DataFrame:
    """The citations of works (not the editorial notes), one row each, dittos resolved."""
    df = references(source)
    return df[df["kind"] != "note"].reset_index(drop=True)


def _outside_brackets(source: str) -> list[tuple[int, int]]:
    text = sources.source_text(source)
    spans, pos = [], 0
    for m in _BRACKET.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def years_in_text(source: str) -> pd.Series:
    """How often each year is named in the running text (outside brackets), by year."""
    text = sources.source_text(_check(source))
    found = [int(y) for a, b in _outside_brackets(source) for y in _YEAR.findall(text[a:b])]
    return pd.Series(found, dtype="int64").value_counts().sort_index().rename("mentions").rename_axis("year")


def mentions(source: str, year: int) -> list[str]:
    """The sentences (verbatim) of a chapter that name ``year`` anywhere, brackets included."""
    _check(source)
    pat = re.compile(rf"(?<![\d/]){int(year)}(?![\d/])")
    return list(dict.fromkeys(s for _, _, s in textspans.passages(source, pat)))


def hindsight(source: str) -> list[str]:
    """Sentences that speak from a later vantage point (see :data:`HINDSIGHT`)."""
    _check(source)
    pat = re.compile("|".join(HINDSIGHT), re.IGNORECASE)
    return list(dict.fromkeys(s for _, _, s in textspans.passages(source, pat)))


def _text_editions(source: str) -> list[tuple[Edition, str]]:
    """Editions named in the running text, not only in brackets ("as noted in the 'Short Course' …")."""
    text = sources.source_text(source)
    out = []
    for a, b in _outside_brackets(source):
        for e in EDITIONS:
            if e.year is not None and (m := re.search(e.pattern, text[a:b], re.IGNORECASE)):
                out.append((e, textspans.sentence_at(source, a + m.start())))
    return out


def earliest_date(source: str) -> dict:
    """The earliest possible year of writing of a chapter, and every piece of evidence for it.

    Returns ``{"year": …, "evidence": [(year, what, passage), …]}``, the evidence sorted
    with the latest (decisive) first: cited works (year printed or known edition year),
    works named in the running text, and the latest year the running text names.
    """
    _check(source)
    ev = []
    for r in citations(source).itertuples(index=False):
        if pd.notna(r.lower_bound) and r.kind == "citation":
            what = (
                f"cites {r.edition} ({r.basis})"
                if r.edition and r.known_year
                else f"cites a work whose citation prints {int(r.lower_bound)}"
            )
            ev.append((int(r.lower_bound), what, r.text))
    for e, sentence in _text_editions(source):
        ev.append((e.year, f"names {e.title} in the running text (known edition date)", sentence))
    yrs = years_in_text(source)
    if len(yrs):
        latest = int(yrs.index.max())
        text = sources.source_text(source)
        for a, b in _outside_brackets(source):
            m = next((m for m in _YEAR.finditer(text, a, b) if int(m.group(1)) == latest), None)
            if m:
                ev.append(
                    (latest, f"the running text names the year {latest}", textspans.sentence_at(source, m.start()))
                )
                break
    ev = sorted(set(ev), key=lambda t: (-t[0], t[1], t[2]))
    return {"source": source, "year": ev[0][0] if ev else None, "evidence": ev}


def dating_table() -> pd.DataFrame:
    """One row per English chapter: latest year printed in a citation, latest known edition
    cited, latest year in the running text, and the earliest possible date of writing."""
    rows = []
    for src in chapters():
        cit = citations(src)
        cit = cit[cit["kind"] == "citation"]
        printed = [y for ys in cit["years_stated"] for y in ys]
        known = [int(y) for y in cit["known_year"].dropna()] + [e.year for e, _ in _text_editions(src)]
        yrs = years_in_text(src)
        d = earliest_date(src)
        rows.append(
            {
                "source": src,
                "citations": len(cit),
                "latest year printed in a citation": max(printed) if printed else None,
                "latest known edition cited": max(known) if known else None,
                "latest year in the running text": int(yrs.index.max()) if len(yrs) else None,
                "written in or after": d["year"],
                "decisive evidence": d["evidence"][0][1] if d["evidence"] else "",
            }
        )
    return pd.DataFrame(rows).set_index("source")
