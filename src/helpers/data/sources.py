"""The primary sources: their metadata, their text, and verbatim checks.

>>> from helpers import sources
>>> sources.list_sources()[["id", "title"]]          # doctest: +SKIP
>>> sources.is_verbatim("su_rec", "8,090 million rubles")
True
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from helpers.data.paths import data_dir, data_file, read_table
from helpers.errors import DataFileError, UnknownNameError

SOURCE_COLUMNS = ["id", "file", "title", "language", "what_it_is", "date", "dating_evidence", "reliability", "licence"]
EXCERPT_COLUMNS = ["id", "source", "title", "text", "translation", "period", "note"]


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
    import re

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
    """Metadata of one source as a dict."""
    df = _sources()
    rows = df[df["id"] == source_id]
    if rows.empty:
        raise UnknownNameError("source id", source_id, list(df["id"]))
    return rows.iloc[0].to_dict()


@cache
def source_text(source_id: str) -> str:
    """The full text of a source, exactly as it is in ``data/sources/``."""
    info = source_info(source_id)
    return data_file("sources", info["file"]).read_text(encoding="utf-8")


def find(source_id: str, passage: str) -> int:
    """Character offset of ``passage`` in the source, or -1 if it is not there verbatim."""
    return source_text(source_id).find(passage)


def is_verbatim(source_id: str, passage: str) -> bool:
    """True if ``passage`` occurs character for character in the source."""
    return bool(passage) and find(source_id, passage) >= 0


def why_not_verbatim(source_id: str, passage: str) -> str | None:
    """None if ``passage`` is verbatim in the source; otherwise where it departs from the source: the
    words it shares with the source, its first differing word and the source's text at that place."""
    if is_verbatim(source_id, passage):
        return None
    text = source_text(source_id)
    ends = [m.end() for m in re.finditer(r"\S+", passage)]
    lo, hi = 0, len(ends)  # the longest run of leading words found in the source: ends[:lo]
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if passage[: ends[mid - 1]] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        first = passage.split()[0] if passage.split() else ""
        return f"its first word {first!r} does not begin any passage of {source_id!r}: is the source right?"
    agreed = passage[: ends[lo - 1]]
    differing = passage[ends[lo - 1] :].split()[0]
    after = text[text.find(agreed) + len(agreed) :]
    source_words = " ".join(after.split()[:6])
    return (
        f"it agrees with {source_id!r} up to …{' '.join(agreed.split()[-5:])!r}, then has {differing!r} "
        f"where the source has {source_words!r}"
    )


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

    In a notebook it shows as static HTML (it renders without a kernel); its plain-text form
    (``str(card)``, what nbval compares) carries the same fields. Every text is HTML-escaped.
    """

    FIELDS = (
        ("what_it_is", "What it is"),
        ("date", "Written"),
        ("dating_evidence", "How we date it"),
        ("reliability", "Reliability"),
    )

    def __init__(self, infos: list[dict[str, str]]):
        self.infos = infos

    def __repr__(self) -> str:
        blocks = []
        for info in self.infos:
            lines = [f"{info['title']} [{info['id']}]"]
            lines += [f"{label}: {info[key]}" for key, label in self.FIELDS if info.get(key)]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        import html

        e = html.escape
        cards = []
        for info in self.infos:
            rows = "".join(
                f'<dt style="font-weight:600;margin-top:0.3em">{e(label)}</dt>'
                f'<dd style="margin:0 0 0 1em">{e(info[key])}</dd>'
                for key, label in self.FIELDS
                if info.get(key)
            )
            cards.append(
                f'<section class="nep-source-card" data-source="{e(info["id"])}" lang="en" '
                'style="margin:0.5em 0 0.8em 0;padding:0.5em 1em;border:1px solid #cccccc;border-radius:4px;'
                'max-width:46em">'
                f'<div style="font-weight:700">{e(info["title"])} <span style="color:#555555;font-weight:400">'
                f'[{e(info["id"])}]</span></div><dl style="margin:0.2em 0;font-size:0.95em">{rows}</dl></section>'
            )
        return "".join(cards)


def describe(*ids: str) -> SourceCard:
    """A card of each source named (all sources, in the order of ``sources.csv``, when none is named).

    ``sources.describe("su_rec")`` replaces the loops that printed ``source_info`` fields; an
    unknown id names the valid ones.
    """
    ids = list(ids) or source_ids()
    return SourceCard([source_info(i) for i in ids])
