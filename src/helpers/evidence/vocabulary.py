"""The language of the sources: loaded vocabulary, counted, with the passage behind every count.

The two English chapters are written in the political language of 1938–39: opponents
are "wreckers", "spies", "capitulators" and "enemies of the people", and the leader is
"Comrade Stalin". The Ukrainian text is written after 1991 and keeps its distance
from that language. This module makes the difference countable.

:data:`TERMS` lists the vocabulary: for each **concept** (say *wreckers*), a
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
``gloss``; change it and the counts follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from helpers.data import sources
from helpers.evidence import textspans
from helpers.errors import UnknownNameError

__all__ = ["Term", "TERMS", "CATEGORIES", "LANGUAGES", "counts", "passages", "comparison", "quoted",
           "word_count", "concepts", "totals"]

#: source id -> language of its text
LANGUAGES = {"su_rec": "en", "su_ind": "en", "ua_nep": "uk"}

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


TERMS: tuple[Term, ...] = (
    Term("wreckers, wrecking", "enemies and crimes", r"\bwreck(?:ers?|ing)\b|\bpests\b", r"\bшкідни\w*",
         "вредители: sabotage charged against engineers and planners (the Shakhty and 'Industrial Party' trials); "
         "the translation also renders the word as 'pests'. Ukrainian: шкідники"),
    Term("spies, espionage", "enemies and crimes", r"\bsp(?:y|ies)\b|\bespionage\b", r"\bшпигун\w*|\bшпигунств\w*",
         "spying for foreign powers, the charge of the show trials. Ukrainian: шпигуни"),
    Term("sabotage, saboteurs", "enemies and crimes", r"\bsabot(?:age|eurs?)\b", r"\bсаботаж\w*|\bдиверс\w*",
         "Ukrainian: саботаж, диверсія"),
    Term("traitor", "enemies and crimes", r"\btraitors?\b", r"\bзрадни\w*",
         "said of Trotsky. Ukrainian: зрадник"),
    Term("class enemy", "enemies and crimes", r"\bclass enem(?:y|ies)\b", r"\bкласов\w*\s+ворог\w*",
         "the class struggle made personal. Ukrainian: класовий ворог"),
    Term("enemies of the people", "enemies and crimes", r"\benem(?:y|ies) of the people\b", r"\bворог\w*\s+народу\b",
         "the formula of the purges of 1936–38. Ukrainian: вороги народу"),
    Term("enemy, enemies (other uses)", "enemies and crimes", r"(?<!class )\benem(?:y|ies)\b(?! of the people)",
         r"\bворог\w*(?!\s+народу)",
         "'enemies of Bolshevism', 'enemies of the working class', 'enemy attempts'. Ukrainian: ворог"),
    Term("counter-revolutionary", "enemies and crimes", r"\bcounter-?revolution(?:ary|aries)?\b", r"\bконтрреволюці\w*",
         "Ukrainian: контрреволюційний"),
    Term("capitulators", "enemies and crimes", r"\bcapitulat(?:ors?|ionist)\b", r"\bкапітулянт\w*",
         "those who supposedly gave up on the Party's pace. Ukrainian: капітулянти"),
    Term("kulaks", "enemies and crimes", r"\bkulaks?\b", r"\bкуркул\w*",
         "the 'rich peasant' of Soviet rhetoric; absent from these industrial chapters. Ukrainian: куркулі"),
    Term("insults (vile, slander, parasites)", "enemies and crimes", r"\bvile\b|\bslander(?:s|ous)?\b|\bparasit(?:es?|ic)\b",
         r"\bпідл\w*|\bнаклеп\w*|\bпаразит\w*",
         "words of contempt, not of description. Ukrainian: підлий, наклеп, паразити"),
    Term("Trotskyists, Trotskyites", "factions named as enemies", r"\btrotsky(?:ists?|ites?)\b", r"\bтроцькіст\w*",
         "followers of Trotsky, tried as 'spies' in 1936–38. Ukrainian: троцькісти"),
    Term("Zinovievists, Zinovievites", "factions named as enemies", r"\bzinovievi(?:sts?|tes?)\b", r"\bзінов'євц\w*|\bзінов’євц\w*",
         "followers of Zinoviev. Ukrainian: зінов'євці"),
    Term("Bukharinites, 'Rights'", "factions named as enemies", r"\bbukharinites?\b|\bright-wing\b|\bthe rights\b",
         r"\bбухарінц\w*|\bправ\w+\s+ухил\w*",
         "Bukharin's followers, the 'right deviation'. Ukrainian: бухаринці, правий ухил"),
    Term("Comrade Stalin", "the leader", r"\bcomrade stalin\b", r"\bтоваришу?\w*\s+сталін\w*",
         "the ritual title. Ukrainian: товариш Сталін"),
    Term("Stalinist, Lenin-Stalin", "the leader", r"\bstalinist\b|\blenin-stalin\b", r"\bсталінськ\w*",
         "'the Stalinist industrialization plan', 'the party of Lenin-Stalin'. Ukrainian: сталінський"),
    Term("the Party", "naming the Party", r"\bthe (?:communist |bolshevik )?party\b", r"\bпарті\w*",
         "the Party as the actor of history. The Ukrainian text names it once, as 'the ruling party' (правляча партія)"),
    Term("'commanding heights'", "distance", r"\bcommanding heights\b", r"командних висот",
         "Lenin's phrase for the large industry the state kept. The Ukrainian text puts it in quotation marks, "
         "«командних висот»: someone else's words; the English chapter uses it as its own"),
)

_QUOTES = {"«": "»", "“": "”", '"': '"', "'": "'"}


def _term(concept: str) -> Term:
    for t in TERMS:
        if t.concept == concept:
            return t
    raise UnknownNameError("vocabulary concept", concept, [t.concept for t in TERMS])


def concepts(category: str | None = None) -> list[str]:
    """The concepts counted, in the order of :data:`TERMS` (optionally of one category)."""
    if category is not None and category not in CATEGORIES:
        raise UnknownNameError("vocabulary category", category, CATEGORIES)
    return [t.concept for t in TERMS if category is None or t.category == category]


def _check_source(source: str) -> str:
    if source not in LANGUAGES:
        raise UnknownNameError("source", source, list(LANGUAGES))
    return LANGUAGES[source]


@lru_cache(maxsize=None)
def word_count(source: str) -> int:
    """Words in a source (runs of letters or digits)."""
    _check_source(source)
    return len(re.findall(r"\w+", sources.source_text(source)))


def quoted(source: str, start: int, end: int) -> bool:
    """True if the text from ``start`` to ``end`` stands directly inside quotation marks."""
    text = sources.source_text(source)
    before, after = text[start - 1:start] if start else "", text[end:end + 1]
    return before in _QUOTES and after == _QUOTES[before]


@lru_cache(maxsize=None)
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


@lru_cache(maxsize=None)
def _counts() -> pd.DataFrame:
    rows = []
    for t in TERMS:
        for src, lang in LANGUAGES.items():
            m = _matches(t.concept, src)
            pattern = t.en if lang == "en" else t.uk
            rows.append(dict(
                concept=t.concept, category=t.category, source=src, language=lang, pattern=pattern or "",
                count=len(m), quoted=sum(quoted(src, a, b) for a, b, _, _ in m),
                per_1000_words=round(1000 * len(m) / word_count(src), 2),
            ))
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
    t = df.pivot(index="concept", columns="source", values=measure).reindex(index=concepts(), columns=list(LANGUAGES))
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
    return out.reindex(list(LANGUAGES))
