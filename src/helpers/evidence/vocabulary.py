"""The language of the sources: loaded vocabulary, counted, with the passage behind every count.

The two English chapters are written in the political language of 1938–39: opponents
are "wreckers", "spies", "capitulators" and "enemies of the people", and the leader is
"Comrade Stalin". The Ukrainian text is written after 1991 and keeps its distance
from that language. This module makes the difference countable.

:func:`terms` (``data/vocabulary.csv``) lists the vocabulary: for each **concept** (say *wreckers*), a
word-boundary regular expression for the English texts and one for the Ukrainian
text (``шкідник…`` for *wreckers*). The Ukrainian patterns look for the Soviet
words that a Soviet-style Ukrainian text would use; the course found none of them
in ``ua_nep``, and says so rather than inventing parallels. A few concepts are
*neutral or distancing* markers (how a text names the Party, whether it puts
"commanding heights" in quotation marks), so that the comparison shows what the
Ukrainian text does instead.

* :func:`counts` — one row per concept and source: how many matches, and how many
  per 1,000 words (the texts differ in length: compare rates, not raw counts);
* :func:`passages` — the sentences behind a count, verbatim (see :mod:`helpers.textspans`);
* :func:`comparison` — the counts side by side, English chapters against the Ukrainian text;
* :func:`quoted` — whether a match stands inside quotation marks (the Ukrainian text
  writes «командних висот»: "commanding heights" as someone else's words).

Patterns are case-insensitive and matched on word boundaries: ``\\bwreck(?:ers?|ing)\\b``
finds "wreckers" and "wrecking", not "shipwrecked". Overlaps are avoided by
construction: "class enemy" and "enemies of the people" are counted apart from
other uses of "enemy". The list is the course's choice, documented term by term in
``gloss``; change ``data/vocabulary.csv`` and the counts follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from helpers.data import paths, sources
from helpers.errors import DataFileError, UnknownNameError
from helpers.evidence import textspans

__all__ = [
    "Term",
    "terms",
    "CATEGORIES",
    "counts",
    "passages",
    "comparison",
    "quoted",
    "word_count",
    "concepts",
    "totals",
]

CATEGORIES = ("enemies and crimes", "factions named as enemies", "the leader", "naming the Party", "distance")


@dataclass(frozen=True)
class Term:
    concept: str
    category: str
    en: str | None
    uk: str | None
    gloss: str

    def pattern(self, language: str) -> re.Pattern | None:
        p = self.en if language == "en" else self.uk
        return re.compile(p, re.IGNORECASE) if p else None


#: the columns of ``data/vocabulary.csv``, one row per concept
TERM_COLUMNS = ["concept", "category", "en", "uk", "gloss"]


@cache
def terms() -> tuple[Term, ...]:
    """The vocabulary counted, one :class:`Term` per row of ``data/vocabulary.csv``, in the file's order.

    A row with an unknown category, no pattern at all, a pattern that is not a valid regular
    expression or a concept named twice raises :class:`DataFileError` naming the row.
    """
    df = paths.read_table(TERM_COLUMNS, "vocabulary.csv")
    out: list[Term] = []
    for i, r in enumerate(df.to_dict("records"), start=2):
        where = f"data/vocabulary.csv, line {i} ({r['concept']!r})"
        if r["category"] not in CATEGORIES:
            raise DataFileError(f"{where}: category {r['category']!r} is not one of {', '.join(CATEGORIES)}.")
        if not (r["en"] or r["uk"]):
            raise DataFileError(f"{where}: give a pattern for the English texts (en), the Ukrainian (uk) or both.")
        if any(t.concept == r["concept"] for t in out):
            raise DataFileError(f"{where}: the concept is named twice; each concept has one row.")
        for lang in ("en", "uk"):
            try:
                re.compile(r[lang])
            except re.error as exc:
                raise DataFileError(
                    f"{where}: the {lang} pattern {r[lang]!r} is not a regular expression ({exc})."
                ) from exc
        out.append(Term(r["concept"], r["category"], r["en"] or None, r["uk"] or None, r["gloss"]))
    return tuple(out)


_QUOTES = {"«": "»", "“": "”", '"': '"', "'": "'"}


def _term(concept: str) -> Term:
    for t in terms():
        if t.concept == concept:
            return t
    raise UnknownNameError("vocabulary concept", concept, [t.concept for t in terms()])


def concepts(category: str | None = None) -> list[str]:
    """The concepts counted, in the order of :func:`terms` (optionally of one category)."""
    if category is not None and category not in CATEGORIES:
        raise UnknownNameError("vocabulary category", category, CATEGORIES)
    return [t.concept for t in terms() if category is None or t.category == category]


def _check_source(source: str) -> str:
    """The language of ``source``'s text (``sources.csv``); an unknown source id is refused."""
    langs = sources.languages()
    if source not in langs:
        raise UnknownNameError("source", source, list(langs))
    return langs[source]


@cache
def word_count(source: str) -> int:
    """Words in a source (runs of letters or digits)."""
    _check_source(source)
    return len(re.findall(r"\w+", sources.source_text(source)))


def quoted(source: str, start: int, end: int) -> bool:
    """True if the text from ``start`` to ``end`` stands directly inside quotation marks."""
    text = sources.source_text(source)
    before, after = text[start - 1 : start] if start else "", text[end : end + 1]
    return before in _QUOTES and after == _QUOTES[before]


@cache
def _matches(concept: str, source: str) -> tuple[tuple[int, int, str, str], ...]:
    lang = _check_source(source)
    pat = _term(concept).pattern(lang)
    if pat is None:
        return ()
    text = sources.source_text(source)
    return tuple((m.start(), m.end(), m.group(0), textspans.sentence_at(source, m.start())) for m in pat.finditer(text))


def passages(concept: str, source: str) -> pd.DataFrame:
    """The sentences behind the count of ``concept`` in ``source``: one row per match.

    Columns: ``offset``, ``match`` (the words as written), ``quoted`` (inside quotation
    marks?), ``passage`` (the sentence, verbatim).
    """
    rows = [dict(offset=a, match=m, quoted=quoted(source, a, b), passage=s) for a, b, m, s in _matches(concept, source)]
    return pd.DataFrame(rows, columns=["offset", "match", "quoted", "passage"])


@cache
def _counts() -> pd.DataFrame:
    rows = []
    for t in terms():
        for src, lang in sources.languages().items():
            m = _matches(t.concept, src)
            pattern = t.en if lang == "en" else t.uk
            rows.append(
                dict(
                    concept=t.concept,
                    category=t.category,
                    source=src,
                    language=lang,
                    pattern=pattern or "",
                    count=len(m),
                    quoted=sum(quoted(src, a, b) for a, b, _, _ in m),
                    per_1000_words=round(1000 * len(m) / word_count(src), 2),
                )
            )
    return pd.DataFrame(rows)


def counts(*, source: str | None = None, category: str | None = None) -> pd.DataFrame:
    """One row per concept and source: ``count``, ``quoted`` (how many inside quotation marks)
    and ``per_1000_words``; optionally for one source or one category."""
    df = _counts()
    if source is not None:
        _check_source(source)
        df = df[df["source"] == source]
    if category is not None:
        if category not in CATEGORIES:
            raise UnknownNameError("vocabulary category", category, CATEGORIES)
        df = df[df["category"] == category]
    return df.reset_index(drop=True).copy()


def comparison(measure: str = "count") -> pd.DataFrame:
    """Concepts (rows) by source (columns): ``measure`` is ``'count'`` or ``'per_1000_words'``."""
    if measure not in ("count", "per_1000_words"):
        raise UnknownNameError("measure", measure, ["count", "per_1000_words"])
    df = _counts()
    t = df.pivot(index="concept", columns="source", values=measure).reindex(
        index=concepts(), columns=list(sources.order())
    )
    t.columns.name = None
    return t


def totals() -> pd.DataFrame:
    """Per source: words, loaded terms (categories 'enemies and crimes', 'factions', 'the leader')
    and their rate per 1,000 words."""
    df = _counts()
    loaded = df[df["category"].isin(CATEGORIES[:3])]
    out = loaded.groupby("source", sort=False)["count"].sum().to_frame("loaded terms")
    out.insert(0, "words", [word_count(s) for s in out.index])
    out["per 1,000 words"] = (1000 * out["loaded terms"] / out["words"]).round(2)
    return out.reindex(list(sources.order()))
