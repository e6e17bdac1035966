"""Quotations: cited, escaped, verbatim, and readable without a kernel."""

from __future__ import annotations

import html

import pytest

from helpers import quote, sources
from helpers.errors import UnknownNameError

ALL = list(sources.list_excerpts()["id"])


@pytest.mark.parametrize("excerpt_id", ALL)
def test_every_excerpt_renders_as_a_cited_quotation(excerpt_id):
    q = quote(excerpt_id)
    ex = sources.excerpt(excerpt_id)
    page = q._repr_html_()
    assert sources.is_verbatim(ex["source"], q.text)
    assert html.escape(q.text) in page  # the verbatim passage, escaped
    assert f'data-excerpt="{excerpt_id}"' in page
    assert html.escape(sources.source_info(ex["source"])["title"]) in page
    assert q.text in repr(q) and (q.source_short or q.source_title) in repr(q)
    if ex["translation"]:
        assert html.escape(ex["translation"]) in page and "<details" in page and 'lang="uk"' in page


def test_markup_in_a_passage_is_escaped(monkeypatch):
    q = quote(ALL[0])
    evil = type(q)(**{**q.__dict__, "text": "<script>alert(1)</script>", "note": "a & b"})
    page = evil._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "a &amp; b" in page


def test_an_unknown_id_names_the_valid_ones():
    with pytest.raises(UnknownNameError, match="excerpt id"):
        quote("01-no-such-passage")


def test_the_date_line_of_a_document_reads_as_english():
    """A document whose date says how its words came about is not "written delivered 9 April 1921"."""
    documents = [i for i in ALL if quote(i).is_document]
    assert documents
    for excerpt_id in documents:
        q = quote(excerpt_id)
        page = q._repr_html_()
        for verb in ("delivered", "recorded", "dictated", "published", "signed", "sent", "spoken"):
            assert f"written {verb} " not in page, excerpt_id
        assert html.escape(q.source_date) in page, excerpt_id
    spoken = [i for i in documents if quote(i).source_date.startswith(("delivered", "recorded"))]
    assert spoken, "no document dated by delivery or recording: the test above checked nothing"


def test_the_citation_under_a_document_is_short_and_the_edition_is_on_its_source_card():
    """Under a document's passage a reader sees who, what and when; the edition quoted from, the place in
    it and the first printing sit behind "About this source" (and the plain text carries only the short line)."""
    documents = [quote(i) for i in ALL if quote(i).is_document]
    assert documents
    for q in documents:
        plain, page = repr(q), q._repr_html_()
        assert f"— {q.author}, {q.source_title}, " in plain, q.excerpt_id
        assert q.edition not in plain and "First published" not in plain and q.excerpt_id not in plain, q.excerpt_id
        seen, fold = page.split("<details", 1)
        assert html.escape(q.edition) not in seen, q.excerpt_id
        for shown in (f"First published: {q.published}", q.edition, q.locator):
            assert html.escape(shown) in fold, (q.excerpt_id, shown)


def test_a_chapter_is_cited_by_its_short_title_and_date_with_the_full_title_on_its_card():
    q = quote(sources.list_excerpts().query("source == 'su_ind'")["id"].iloc[0])
    info = sources.source_info("su_ind")
    seen, more = q._caption_html().split("<details", 1)
    assert f"{info['short_title']} ({info['date']})" in seen and info["title"] not in seen
    assert html.escape(info["title"]) in more
    assert repr(q).splitlines()[-2 if q.note else -1].startswith(f"— {info['short_title']} ({info['date']})")
