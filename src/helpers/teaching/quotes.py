"""Source excerpts shown as cited quotations.

``quote("01-food-fund")`` returns a :class:`Quotation`: in a notebook it shows the passage as a
styled block quotation followed by its citation (source, chapter, the period as the passage
writes it); a Ukrainian passage shows our translation first and the original behind
a disclosure triangle. The output is static HTML (it renders without a kernel, on the website
and in nbviewer), every piece of text is HTML-escaped, and the passage is the excerpt table's
``text`` — which the data tests prove verbatim in its source. The plain-text form (what nbval
compares) carries the same passage and the citation a reader sees, with the edition and place quoted from.

An excerpt whose source is a contemporary document (``data/sources/documents.csv``) is cited with
the document's author, title, date written and first published, the English edition it is quoted
from and the place of the stored passage in it (``data/sources/document_passages.csv``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from helpers.data import sources
from helpers.errors import DataFileError

LANGUAGE_NAMES = {"en": "English", "uk": "Ukrainian", "ru": "Russian"}

_BOX = (
    "margin:0.6em 0 1em 0;padding:0.5em 1em;border-left:4px solid #0072B2;"
    "background:rgba(0,114,178,0.06);max-width:46em"
)
_QUOTE = "margin:0;font-family:Georgia,'Times New Roman',serif;font-size:1.05em;line-height:1.5"
_CAPTION = "margin-top:0.4em;font-size:max(0.9em,11px);color:#333333"


@dataclass(frozen=True)
class Quotation:
    """One excerpt of ``data/excerpts/`` ready to show (see module docstring)."""

    excerpt_id: str
    source_id: str
    title: str
    text: str
    translation: str
    period: str
    note: str
    source_title: str
    source_date: str
    language: str
    # a source text only: the short title shown under each quotation (the full title is on its card)
    source_short: str = ""
    # a contemporary document only: its author, when written and first published, the English
    # edition and the stored passage the excerpt comes from
    author: str = ""
    published: str = ""
    edition: str = ""
    passage_id: str = ""
    locator: str = ""

    # -- what a reader sees -----------------------------------------------------------------
    @property
    def is_document(self) -> bool:
        return bool(self.passage_id)

    @property
    def citation(self) -> str:
        """The citation a reader sees under the quotation: author, title and when written (a document), or
        the chapter's short title and date. The edition, the place in it and the full title are on the
        source card, behind "About this source" (:attr:`source_card`)."""
        if self.is_document:
            return f"{self.author}, {self.source_title}, {_when(self.source_date)}"
        seen = f"{self.source_short or self.source_title} ({self.source_date})"
        return f"{seen}; period as written: {self.period}" if self.period else seen

    @property
    def source_card(self) -> str:
        """What "About this source" holds: first publication, edition and place (a document), or the full
        title (a chapter), and the course's reference."""
        if self.is_document:
            return (
                f"First published: {self.published}. Quoted from: {self.edition}; {self.locator}. "
                f"Course reference: {self.excerpt_id}."
            )
        return f"Full title: {self.source_title}. Course reference: {self.excerpt_id} (source card: {self.source_id})."

    def _caption_html(self) -> str:
        """The citation a reader sees, with the source card behind a disclosure."""
        e = html.escape
        if self.is_document:
            seen = f"— {e(self.author)}, <cite>{e(self.source_title)}</cite>, {e(_when(self.source_date))}"
        else:
            seen = f"— {e(self.citation)}"
        more = e(self.source_card)
        return (
            f'<figcaption style="{_CAPTION}">{seen}'
            f'<details style="margin:0.25em 0 0.6em 0"><summary style="cursor:pointer;display:list-item;'
            f'min-height:24px;line-height:24px">About this source</summary>'
            f"{more}</details></figcaption>"
        )

    def __repr__(self) -> str:
        lines = [self.title]
        if self.translation:
            lines += [f"“{self.translation}” (our translation)", f"Original ({self.language_name}): {self.text}"]
        else:
            lines.append(f"“{self.text}”")
        lines.append(f"— {self.citation}")
        if self.note:
            lines.append(f"Note: {self.note}")
        return "\n".join(lines)

    @property
    def language_name(self) -> str:
        return LANGUAGE_NAMES.get(self.language, self.language)

    def _repr_html_(self) -> str:
        e = html.escape
        lang = e(self.language or "en")
        if self.translation:
            body = (
                f'<blockquote lang="en" style="{_QUOTE}">{e(self.translation)}</blockquote>'
                f'<div style="{_CAPTION}">Our translation. '
                f'<details style="display:inline"><summary>Original ({e(self.language_name)})</summary>'
                f'<blockquote lang="{lang}" style="{_QUOTE};margin-top:0.3em">{e(self.text)}</blockquote>'
                "</details></div>"
            )
        else:
            body = f'<blockquote lang="{lang}" style="{_QUOTE}">{e(self.text)}</blockquote>'
        note = f'<div style="{_CAPTION}"><i>Note.</i> {e(self.note)}</div>' if self.note else ""
        passage = f' data-passage="{e(self.passage_id)}"' if self.is_document else ""
        return (
            f'<figure class="nep-quote" data-excerpt="{e(self.excerpt_id)}" data-source="{e(self.source_id)}"'
            f'{passage} style="{_BOX}">'
            f'<div style="{_CAPTION};margin:0 0 0.3em 0;font-weight:600">{e(self.title)}</div>'
            f"{body}{self._caption_html()}{note}</figure>"
        )


#: how a document's ``written`` may begin when it says itself how the words came about ("delivered 9 April 1921")
_OWN_VERBS = ("delivered", "recorded", "dictated", "published", "signed", "sent", "spoken")


def _when(written: str) -> str:
    """The date line under a quotation: "written 8 February 1921", but "delivered 9 April 1921" as it stands."""
    return written if written.split(" ", 1)[0].lower() in _OWN_VERBS else f"written {written}"


def quote(excerpt_id: str) -> Quotation:
    """The excerpt ``excerpt_id`` as a cited quotation (an unknown id names the valid ones)."""
    ex = sources.excerpt(excerpt_id)
    info = sources.source_info(ex["source"])
    common = {
        "excerpt_id": ex["id"],
        "source_id": ex["source"],
        "title": ex["title"],
        "text": ex["text"],
        "translation": ex.get("translation", "") or "",
        "period": ex.get("period", "") or "",
        "note": ex.get("note", "") or "",
        "source_title": info["title"],
        "language": info["language"],
    }
    if not sources.is_document(ex["source"]):
        if not sources.is_verbatim(ex["source"], ex["text"]):
            raise DataFileError(_not_verbatim(ex))
        return Quotation(**common, source_date=info["date"], source_short=info["short_title"])
    return Quotation(**common, source_date=info["written"], **_document_fields(ex, info))


def _not_verbatim(ex: dict[str, str]) -> str:
    """Why an excerpt cannot be quoted: where it differs from its source, and how to cut it instead."""
    where = "a stored passage of" if sources.is_document(ex["source"]) else "the source"
    return (
        f"data/excerpts/{ex.get('file') or '?'}, excerpt {ex['id']!r}: not verbatim in {where} {ex['source']!r}: "
        f"{sources.mismatch(ex['source'], ex['text'])}. Copy the text from the source character for character, "
        f'or cut it with `python tools/new_excerpt.py {ex["source"]} "first words" "last words"`.'
    )


def _document_fields(ex: dict[str, str], info: dict[str, str]) -> dict[str, str]:
    """What a quotation of a contemporary document adds: author, first publication, edition, passage."""
    found = sources.passage_of(ex["source"], ex["text"])
    if found is None:
        raise DataFileError(_not_verbatim(ex))
    return {
        "author": info["author"],
        "published": info["first_published"],
        "edition": found["edition"] or info["edition"],
        "passage_id": found["id"],
        "locator": found["locator"],
    }
