"""The primary sources and the contemporary documents: their metadata, their text, and verbatim checks.

Two kinds of source stand behind the course's quotations:

* the three **source texts** (``data/sources/sources.csv``), each kept whole in a file of ``data/sources/``;
* the **contemporary documents** of 1921–1933 (``data/sources/documents.csv``): speeches, articles, a law,
  letters and reports, of which only short passages are stored, verbatim from a named English edition
  (``data/sources/document_passages.csv``, passage ids ``<document id>-p<N>``).

An excerpt (``data/excerpts/``) names either kind in its ``source`` column; its text must be verbatim
in the source text, or in one stored passage of the document. :func:`source_info` and
:func:`is_verbatim` accept both kinds of id; :func:`order`, :func:`languages` and :func:`source_text`
concern the three source texts only.

>>> from helpers import sources
>>> sources.list_sources()[["id", "title"]]          # doctest: +SKIP
>>> sources.is_verbatim("su_rec", "8,090 million rubles")
True
>>> sources.is_verbatim("doc_stalin_1930_dizzy_with_success", "50 per cent of the peasant farms")
True
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from helpers.data.paths import data_dir, data_file, read_table
from helpers.errors import CourseError, DataFileError, UnknownNameError

SOURCE_COLUMNS = [
    "id",
    "file",
    "title",
    "short_title",
    "language",
    "what_it_is",
    "date",
    "dating_evidence",
    "reliability",
    "licence",
]
EXCERPT_COLUMNS = ["id", "source", "title", "text", "translation", "period", "note"]
DOCUMENT_COLUMNS = [
    "id",
    "author",
    "title",
    "kind",
    "language",
    "original_language",
    "written",
    "first_published",
    "date",
    "dating_evidence",
    "edition",
    "edition_note",
    "where_read",
    "what_it_is",
    "reliability",
    "licence",
]
PASSAGE_COLUMNS = ["id", "document", "text", "locator", "edition", "url"]
#: a document's ``date``: the day, month or year it is dated by (ISO 8601, as precise as the evidence)
DOCUMENT_DATE = r"\d{4}(-\d{2}(-\d{2})?)?"


def _read_csv(name: str, columns: list[str], *parts: str) -> pd.DataFrame:
    return read_table(columns, *parts, name)


@cache
def _sources() -> pd.DataFrame:
    return _read_csv("sources.csv", SOURCE_COLUMNS, "sources")


def list_sources() -> pd.DataFrame:
    """One row per primary source: id, file, title, language, what it is, date, reliability."""
    return _sources().copy()


def source_ids() -> list[str]:
    return list(_sources()["id"])


def order() -> dict[str, int]:
    """Each source id's place in the course's order: by the year it was written (``sources.csv`` ``date``),
    earliest first — ``{'su_rec': 0, 'su_ind': 1, 'ua_nep': 2}``. The one place the order comes from."""
    df = _sources()
    years = []
    for sid, date in zip(df["id"], df["date"]):
        m = re.search(r"\d{4}", date)
        if not m:
            raise DataFileError(
                f"sources.csv, source {sid!r}: the date {date!r} names no year; write e.g. '1938 or later'."
            )
        years.append((int(m[0]), sid))
    return {sid: i for i, (_, sid) in enumerate(sorted(years))}


def languages() -> dict[str, str]:
    """Each source id's language code from ``sources.csv`` (``'en'``, ``'uk'``), in the course's order."""
    df = _sources().set_index("id")
    return {sid: df.loc[sid, "language"] for sid in order()}


def source_info(source_id: str) -> dict[str, str]:
    """Metadata of one source text, or the card of one contemporary document (:func:`document_info`)."""
    df = _sources()
    rows = df[df["id"] == source_id]
    if rows.empty:
        if source_id in set(_documents()["id"]):
            return document_info(source_id)
        raise UnknownNameError("source id (or document id)", source_id, [*df["id"], *_documents()["id"]])
    return rows.iloc[0].to_dict()


# --------------------------------------------------------------------------------------------- documents


@cache
def _documents() -> pd.DataFrame:
    df = _read_csv("documents.csv", DOCUMENT_COLUMNS, "sources")
    where = "data/sources/documents.csv"
    dup = df["id"][df["id"].duplicated()]
    if len(dup):
        raise DataFileError(f"{where}: document id(s) {', '.join(dup.unique())} appear more than once.")
    clash = set(df["id"]) & set(_sources()["id"])
    if clash:
        raise DataFileError(f"{where}: id(s) {', '.join(sorted(clash))} are already source ids in sources.csv.")
    for r in df.itertuples():
        if not re.fullmatch(r"doc_[a-z0-9_]+", r.id):
            raise DataFileError(f"{where}: document id {r.id!r} must look like doc_<author>_<year>_<short_title>.")
        if not re.fullmatch(DOCUMENT_DATE, r.date):
            raise DataFileError(
                f"{where}, document {r.id!r}: date {r.date!r} must be a year, year-month or day in ISO form "
                "(1929, 1929-11 or 1929-11-07)."
            )
        empty = [c for c in DOCUMENT_COLUMNS if c != "edition_note" and not str(getattr(r, c)).strip()]
        if empty:
            raise DataFileError(
                f"{where}, document {r.id!r}: empty field(s) {', '.join(empty)}; every card is complete."
            )
    return df


@cache
def _passages() -> pd.DataFrame:
    df = _read_csv("document_passages.csv", PASSAGE_COLUMNS, "sources")
    where = "data/sources/document_passages.csv"
    dup = df["id"][df["id"].duplicated()]
    if len(dup):
        raise DataFileError(f"{where}: passage id(s) {', '.join(dup.unique())} appear more than once.")
    known = set(_documents()["id"])
    for r in df.itertuples():
        if r.document not in known:
            raise UnknownNameError(f"document id (in {where}, passage {r.id!r})", r.document, sorted(known))
        if not re.fullmatch(re.escape(r.document) + r"-p\d+", r.id):
            raise DataFileError(f"{where}: passage id {r.id!r} must be its document's id, '-p' and a number.")
        if not r.text.strip() or not r.url.startswith("http"):
            raise DataFileError(
                f"{where}, passage {r.id!r}: a passage needs its verbatim text and the URL it was read at."
            )
    return df


def list_documents() -> pd.DataFrame:
    """One row per contemporary document (``documents.csv``), in the order of their dates."""
    return _documents().sort_values("date", kind="stable").reset_index(drop=True).copy()


def document_ids() -> list[str]:
    """The documents' ids, in the order of their dates."""
    return list(list_documents()["id"])


def is_document(source_id: str) -> bool:
    """True if ``source_id`` names a contemporary document rather than one of the three source texts."""
    return source_id in set(_documents()["id"])


def document_info(document_id: str) -> dict[str, str]:
    """The card of one document (author, title, written, first published, edition, where read, …)."""
    df = _documents()
    rows = df[df["id"] == document_id]
    if rows.empty:
        raise UnknownNameError("document id", document_id, list(df["id"]))
    return rows.iloc[0].to_dict()


def list_passages(document_id: str | None = None) -> pd.DataFrame:
    """The stored passages (id, document, text, locator, edition, url), of one document or of all."""
    df = _passages()
    if document_id is not None:
        document_info(document_id)
        df = df[df["document"] == document_id]
    return df.reset_index(drop=True).copy()


def passage(passage_id: str) -> dict[str, str]:
    """One stored passage by id (``doc_stalin_1930_dizzy_with_success-p1``)."""
    df = _passages()
    rows = df[df["id"] == passage_id]
    if rows.empty:
        raise UnknownNameError("passage id", passage_id, list(df["id"]))
    return rows.iloc[0].to_dict()


def passage_of(document_id: str, text: str) -> dict[str, str] | None:
    """The stored passage of the document in which ``text`` occurs verbatim (the first one), or None."""
    if not text:
        return None
    for row in list_passages(document_id).to_dict("records"):
        if text in row["text"]:
            return row
    return None


def mismatch(source_id: str, text: str) -> str:
    """Why ``text`` is not verbatim in the source or document: the first differing word and the stored text there.

    Compares word by word (a word is a run of characters between spaces, punctuation included)
    against the place in the source where the longest run of the text's first words matches.
    Returns ``''`` when the text is verbatim.
    """
    if is_verbatim(source_id, text):
        return ""
    if is_document(source_id):
        stored = [(r["id"], r["text"]) for r in list_passages(source_id).to_dict("records")]
    else:
        stored = [(source_id, source_text(source_id))]
    words = text.split()
    if not words:
        return "the text is empty"
    best = (0, "", [], 0)  # matched words, where, stored words, index where the match starts
    for where, body in stored:
        sw = body.split()
        for i in range(len(sw)):
            k = 0
            while k < len(words) and i + k < len(sw) and sw[i + k] == words[k]:
                k += 1
            if k > best[0]:
                best = (k, where, sw, i)
    k, where, sw, i = best
    if k == 0:
        places = ", ".join(w for w, _ in stored)
        return f"its first word {words[0]!r} does not begin any matching run of words in {places}"
    if k == len(words):  # every word matches: the spacing or line breaks differ
        return f"the words match {where} but the spaces or line breaks between them differ"
    there = " ".join(sw[i + k : i + k + 6]) or "(end of the stored text)"
    return (
        f"it follows {where} for {k} word(s), then differs at word {k + 1}: the excerpt has {words[k]!r}, "
        f"the stored text has {sw[i + k] if i + k < len(sw) else '(nothing)'!r} (stored text there: {there!r})"
    )


@cache
def source_text(source_id: str) -> str:
    """The full text of a source, exactly as it is in ``data/sources/``."""
    if source_id in set(_documents()["id"]):
        raise CourseError(
            f"{source_id!r} is a contemporary document: only short passages of it are stored; "
            "see sources.list_passages(document_id)."
        )
    info = source_info(source_id)
    return data_file("sources", info["file"]).read_text(encoding="utf-8")


def word_counts(source_id: str, words: list[str], before: str | None = None) -> pd.Series:
    """How often each word occurs (case ignored, as part of longer words too) in a source, or in its text
    before the first occurrence of ``before``: a plain count of what a text talks about, and of what not."""
    text = source_text(source_id)
    if before is not None:
        if before not in text:
            raise DataFileError(f"{before!r} does not occur in source {source_id!r}; give words it has.")
        text = text.split(before)[0]
    text = text.lower()
    counts = pd.Series({w: text.count(w.lower()) for w in words}, name="times it occurs")
    counts.index.name = "word"
    return counts


def find(source_id: str, passage: str) -> int:
    """Character offset of ``passage`` in the source, or -1 if it is not there verbatim."""
    return source_text(source_id).find(passage)


def is_verbatim(source_id: str, passage: str) -> bool:
    """True if ``passage`` occurs character for character in the source text, or in one stored passage
    of the document."""
    if is_document(source_id):
        return passage_of(source_id, passage) is not None
    return bool(passage) and find(source_id, passage) >= 0


def context(source_id: str, passage: str, chars: int = 200) -> str:
    """The passage with up to ``chars`` characters of surrounding text on each side."""
    text = source_text(source_id)
    i = text.find(passage)
    if i < 0:
        raise DataFileError(f"The passage {passage[:60]!r}… is not verbatim in source {source_id!r}.")
    a, b = max(0, i - chars), min(len(text), i + len(passage) + chars)
    return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")


@cache
def _excerpts() -> pd.DataFrame:
    """All excerpt tables in ``data/excerpts/`` (one file per notebook), checked for duplicate ids."""
    folder = data_dir() / "excerpts"
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise DataFileError(f"No excerpt tables in {folder}; the course ships them in data/excerpts/.")
    frames = [_read_csv(f.name, EXCERPT_COLUMNS, "excerpts").assign(file=f.name) for f in files]
    df = pd.concat(frames, ignore_index=True)
    dup = df["id"][df["id"].duplicated()]
    if len(dup):
        raise DataFileError(f"{folder}: excerpt id(s) {', '.join(dup.unique())} appear more than once.")
    return df


def list_excerpts(source_id: str | None = None) -> pd.DataFrame:
    """All excerpts, or those of one source text or document (an unknown id names the valid ones)."""
    df = _excerpts()
    if source_id is not None:
        source_info(source_id)
        df = df[df["source"] == source_id]
    return df.copy()


def excerpt(excerpt_id: str) -> dict[str, str]:
    """One excerpt (id, source, title, verbatim text, translation, note) by id."""
    df = _excerpts()
    rows = df[df["id"] == excerpt_id]
    if rows.empty:
        raise UnknownNameError("excerpt id", excerpt_id, list(df["id"]))
    return rows.iloc[0].to_dict()


class SourceCard:
    """A short card of one or several sources: title, what it is, date and dating evidence, reliability.

    In a notebook it shows as static HTML (it renders without a kernel): the first two fields in view,
    the rest (dating, edition, reliability) behind one disclosure. Its plain-text form (``str(card)``,
    what nbval compares) carries every field. Every text is HTML-escaped.
    """

    FIELDS = (
        ("what_it_is", "What it is"),
        ("date", "Written"),
        ("dating_evidence", "How we date it"),
        ("reliability", "Reliability"),
    )
    #: the card of a contemporary document (``documents.csv``)
    DOCUMENT_FIELDS = (
        ("author", "Author"),
        ("what_it_is", "What it is"),
        ("written", "Written"),
        ("first_published", "First published"),
        ("dating_evidence", "How we date it"),
        ("edition", "Quoted from"),
        ("edition_note", "About this copy"),
        ("where_read", "Where it was read"),
        ("reliability", "Reliability"),
    )

    #: the disclosure that holds every field after the first two
    MORE = "How it is dated, and how far to trust it"

    def __init__(self, infos: list[dict[str, str]]):
        self.infos = infos

    @classmethod
    def fields(cls, info: dict[str, str]) -> tuple[tuple[str, str], ...]:
        return cls.DOCUMENT_FIELDS if "author" in info else cls.FIELDS

    def __repr__(self) -> str:
        blocks = []
        for info in self.infos:
            lines = [f"{info['title']} [{info['id']}]"]
            lines += [f"{label}: {info[key]}" for key, label in self.fields(info) if info.get(key)]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        import html

        e = html.escape

        def rows(info: dict[str, str], fields) -> str:
            return "".join(
                f'<dt style="font-weight:600;margin-top:0.3em">{e(label)}</dt>'
                # a long web address breaks anywhere rather than running out of the card
                f'<dd style="margin:0 0 0 1em;overflow-wrap:anywhere">{e(info[key])}</dd>'
                for key, label in fields
                if info.get(key)
            )

        cards = []
        for info in self.infos:
            # the first two fields stay in view; the rest (dating, edition, reliability) is one click away
            fields = self.fields(info)
            more = rows(info, fields[2:])
            more = (
                '<details style="margin:0.25em 0 0.2em 0"><summary style="cursor:pointer;display:list-item;'
                f'min-height:24px;line-height:24px">{e(self.MORE)}</summary>'
                f'<dl style="margin:0.2em 0;font-size:max(0.95em,11px)">{more}</dl></details>'
                if more
                else ""
            )
            cards.append(
                f'<section class="nep-source-card" data-source="{e(info["id"])}" lang="en" '
                'style="margin:0.5em 0 0.8em 0;padding:0.5em 1em;border:1px solid #cccccc;border-radius:4px;'
                'max-width:46em">'
                f'<div style="font-weight:700">{e(info["title"])} <span style="color:#555555;font-weight:400">'
                f"[{e(info['id'])}]</span></div>"
                f'<dl style="margin:0.2em 0;font-size:max(0.95em,11px)">{rows(info, fields[:2])}</dl>{more}</section>'
            )
        return "".join(cards)


def describe(*ids: str) -> SourceCard:
    """A card of each source or document named (the three sources, in the order of ``sources.csv``,
    when none is named).

    ``sources.describe("su_rec")`` replaces the loops that printed ``source_info`` fields;
    ``sources.describe("doc_stalin_1929_great_change")`` shows a document's card (author, written, first
    published, the edition quoted, where it was read, reliability). An unknown id names the valid ones.
    """
    ids = list(ids) or source_ids()
    return SourceCard([source_info(i) for i in ids])
