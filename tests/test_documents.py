"""Contemporary documents of 1920–1933: complete cards, short verbatim passages, and quotation by excerpt.

The documents' cards are in data/sources/documents.csv, their stored passages in
data/sources/document_passages.csv; an excerpt of data/excerpts/ quotes a document when its source
is a document id and its text is verbatim in one stored passage.
"""

from __future__ import annotations

import csv
import html
import re
from urllib.parse import urlparse

import pytest
from _paths import ROOT

from helpers import clear_caches, quote, sources
from helpers.errors import CourseError, DataFileError, UnknownNameError

#: sites that host unauthorised copies of books: never a place where a passage was read
UNAUTHORISED = (
    "yumpu.",
    "pdfdrive.",
    "bookreadfree.",
    "zlibrary.",
    "bibliboba.",
    "studylib",
    "fdocuments.",
    "docslib.",
)


def _rows(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / "sources" / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_a_capped_set_of_documents_with_complete_cards():
    docs = sources.list_documents()
    # 23: reviewers asked for the Right's and a worker's own words; 24: Stalin's letter of 1927 on vodka (03);
    # 25: a Don peasant on prices, 1927 (03: a voice from outside the leadership);
    # 26: a voice from outside the leadership on the mills' restart (01: Brailsford, 1927);
    # 27: Stalin's own words of 7 January 1933 beside the British summary of them (05)
    # 28: Nansen (1923), an outside voice on the trusts (02)
    # 29: Bukharin's own words of 1925 on the peasant market, beside Preobrazhensky (03)
    assert 10 <= len(docs) <= 29
    assert list(docs["id"]) == sources.document_ids() and list(docs["date"]) == sorted(docs["date"])
    for r in docs.to_dict("records"):
        for col in sources.DOCUMENT_COLUMNS:
            if col != "edition_note":
                assert r[col].strip(), f"{r['id']}: empty {col}"
        assert re.fullmatch(r"doc_[a-z]+(_[a-z0-9]+)*", r["id"]) and re.search(r"_\d{4}_", r["id"]), r["id"]
        assert r["date"][:4] in r["id"], f"{r['id']}: the year in the id differs from the date {r['date']}"
        assert "1920" <= r["date"][:4] <= "1933", r["id"]
        assert r["language"] == "en", f"{r['id']}: passages are stored in the English edition read"
        for url in r["where_read"].split(" ; "):
            assert urlparse(url).scheme in ("http", "https") and urlparse(url).netloc, (r["id"], url)
            assert not any(bad in url for bad in UNAUTHORISED), (r["id"], url)
        if "Works, vol." in r["edition"] and "Stalin" in r["edition"]:
            assert "Foreign Languages Publishing House" in r["edition"], f"{r['id']}: name the official publisher"


def test_every_document_has_short_verbatim_passages_with_locator_and_url():
    docs = {r["id"]: r for r in _rows("documents.csv")}
    passages = _rows("document_passages.csv")
    per_doc: dict[str, int] = {}
    for p in passages:
        assert p["document"] in docs, p["id"]
        assert re.fullmatch(re.escape(p["document"]) + r"-p\d+", p["id"]), p["id"]
        words = len(p["text"].split())
        assert 3 <= words <= 80, f"{p['id']}: {words} words; store a sentence or two, never a whole work"
        assert p["text"] == p["text"].strip() and "\n" not in p["text"], p["id"]
        assert p["locator"].strip(), f"{p['id']}: say where in the edition the passage is"
        assert p["url"] in docs[p["document"]]["where_read"], f"{p['id']}: its URL is not among the document's"
        per_doc[p["document"]] = per_doc.get(p["document"], 0) + 1
    assert set(per_doc) == set(docs), f"documents without passages: {set(docs) - set(per_doc)}"
    assert min(per_doc.values()) >= 2
    total_words = sum(len(p["text"].split()) for p in passages if p["document"] == "doc_stalin_1930_dizzy_with_success")
    assert total_words < 200  # short quotations, not the article


def test_lookups_and_unknown_ids():
    card = sources.document_info("doc_stalin_1930_dizzy_with_success")
    assert card["first_published"].startswith("Pravda, No. 60") and card["date"] == "1930-03-02"
    assert sources.source_info("doc_stalin_1930_dizzy_with_success") == card
    assert sources.is_document("doc_stalin_1930_dizzy_with_success") and not sources.is_document("su_rec")
    p1 = sources.passage("doc_stalin_1930_dizzy_with_success-p1")
    assert "50 per cent" in p1["text"] and p1["url"].startswith("http")
    assert (
        sources.passage_of("doc_stalin_1930_dizzy_with_success", "50 per cent of the peasant farms")["id"] == p1["id"]
    )
    assert sources.passage_of("doc_stalin_1930_dizzy_with_success", "60 per cent") is None
    assert len(sources.list_passages("doc_jones_1933_famine_report")) >= 2
    with pytest.raises(UnknownNameError, match="Did you mean 'doc_stalin_1930_dizzy_with_success'"):
        sources.document_info("doc_stalin_1930_dizzy")
    with pytest.raises(UnknownNameError, match="passage id"):
        sources.passage("doc_stalin_1930_dizzy_with_success-p99")
    with pytest.raises(UnknownNameError, match="source id"):
        sources.source_info("doc_nobody_1930")
    with pytest.raises(CourseError, match="only short passages"):
        sources.source_text("doc_stalin_1930_dizzy_with_success")


def test_the_three_source_texts_keep_their_own_order():
    """Documents are not source texts: the explorers that read whole texts still see three."""
    assert list(sources.order()) == ["su_rec", "su_ind", "ua_nep"]
    assert not set(sources.document_ids()) & set(sources.source_ids())


def test_mismatch_names_the_first_differing_word_and_the_stored_text():
    doc = "doc_stalin_1930_dizzy_with_success"
    assert sources.mismatch(doc, "50 per cent of the peasant farms") == ""
    msg = sources.mismatch(doc, "It is a fact that by February 20 of this year 60 per cent of the peasant farms")
    assert "differs at word 12" in msg and "'60'" in msg and "'50'" in msg and "50 per cent of the peasant" in msg
    assert f"{doc}-p1" in msg
    msg = sources.mismatch("su_rec", "The production fixed assets of large-scale industry in 1920 were guessed")
    assert "'guessed'" in msg and "'estimated'" in msg


def _add_excerpt(data_copy, **row) -> None:
    path = data_copy / "excerpts" / "zz_documents.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, sources.EXCERPT_COLUMNS)
        w.writeheader()
        w.writerow({"translation": "", "period": "", "note": "", **row})


def test_an_excerpt_quotes_a_document_passage(data_copy):
    text = "That means that by February 20, 1930, we had overfulfilled the five-year plan of collectivisation"
    _add_excerpt(
        data_copy, id="zz-dizzy", source="doc_stalin_1930_dizzy_with_success", title="Half the farms", text=text
    )
    assert sources.is_verbatim("doc_stalin_1930_dizzy_with_success", text)
    assert "zz-dizzy" in list(sources.list_excerpts("doc_stalin_1930_dizzy_with_success")["id"])
    q = quote("zz-dizzy")
    page = q._repr_html_()
    card = sources.document_info("doc_stalin_1930_dizzy_with_success")
    assert q.passage_id == "doc_stalin_1930_dizzy_with_success-p1"
    for shown in (text, card["author"], card["title"], card["first_published"], card["edition"]):
        assert html.escape(shown) in page, shown
    for shown in (text, card["author"], card["title"]):  # edition and first printing: the page's fold only
        assert shown in repr(q), shown
    assert 'data-passage="doc_stalin_1930_dizzy_with_success-p1"' in page and 'class="nep-quote"' in page
    assert "<cite>" in page and "First published: Pravda, No. 60, 2 March 1930" in page


def test_a_passage_from_a_second_translation_is_cited_with_that_translation(data_copy):
    text = "we had fulfilled the estimates of the Five-Year Plan more than twice over"
    _add_excerpt(data_copy, id="zz-msu", source="doc_stalin_1930_dizzy_with_success", title="Twice over", text=text)
    q = quote("zz-msu")
    assert q.passage_id.endswith("-p3") and "Seventeen Moments in Soviet History" in q.edition
    assert "Foreign Languages Publishing House" not in q._repr_html_()


def test_an_excerpt_that_is_not_verbatim_is_refused_with_the_differing_word(data_copy):
    _add_excerpt(
        data_copy,
        id="zz-bad",
        source="doc_jones_1933_famine_report",
        title="Misquoted",
        text="Mr. Jones, who speaks Russian well, is reporting",
    )
    assert not sources.is_verbatim("doc_jones_1933_famine_report", "Mr. Jones, who speaks Russian well, is reporting")
    with pytest.raises(
        DataFileError, match=r"differs at word 6: the excerpt has 'well,', the stored text has 'fluently,'"
    ):
        quote("zz-bad")


def test_bad_document_tables_are_reported(data_copy):
    path = data_copy / "sources" / "document_passages.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",doc_jones_1933_famine_report,", ",doc_jones_1933_famine,", 1), encoding="utf-8")
    with pytest.raises(UnknownNameError, match="Did you mean 'doc_jones_1933_famine_report'"):
        sources.list_passages()
    path.write_text(text, encoding="utf-8")
    docs = data_copy / "sources" / "documents.csv"
    docs.write_text(docs.read_text(encoding="utf-8").replace(",1930-03-02,", ",2 March 1930,", 1), encoding="utf-8")
    clear_caches()
    with pytest.raises(DataFileError, match="must be a year, year-month or day in ISO form"):
        sources.list_documents()


def test_editions_and_assignments_carry_a_document_quotation(data_copy):
    """A quotation of a document is an ordinary output: both editions and the nbgrader copy keep it."""
    import sys

    import nbformat

    sys.path.insert(0, str(ROOT / "tools"))
    import build_assignments
    import build_editions

    text = "You have had a bumper harvest, one might say a record one."
    _add_excerpt(data_copy, id="zz-siberia", source="doc_stalin_1928_siberia", title="A record harvest?", text=text)
    q = quote("zz-siberia")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A lesson"),
        nbformat.v4.new_code_cell(
            'quote("zz-siberia")',
            outputs=[
                nbformat.v4.new_output(
                    "execute_result", execution_count=1, data={"text/html": q._repr_html_(), "text/plain": repr(q)}
                )
            ],
        ),
    ]
    for made in (
        build_editions.student_edition(nb),
        build_editions.instructor_edition(nb),
        build_assignments.assignment(nb, "99_x.ipynb")[0],
    ):
        (cell,) = [c for c in made.cells if c.source == 'quote("zz-siberia")']
        out = cell.outputs[0]["data"]
        assert 'data-passage="doc_stalin_1928_siberia-p2"' in out["text/html"]
        assert "Foreign Languages Publishing House" in out["text/html"]  # the edition, on the source card
        assert text in out["text/plain"] and "J. V. Stalin" in out["text/plain"]


def test_a_timeline_stage_shows_its_documents_with_their_dates(data_copy):
    from helpers.ui import bilingual as tl

    stage = tl.Stage("1929", plans="Gosplan", documents=("doc_stalin_1929_great_change",))
    html_out, text = tl.stage_html([stage]), tl.stage_text([stage])
    assert 'data-document="doc_stalin_1929_great_change"' in html_out
    for shown in ("J. V. Stalin", "A Year of Great Change", "Pravda, 7 November 1929"):
        assert html.escape(shown) in html_out and shown in text.replace("\n    ", " ")
    assert "Pravda, 7 November 1929" in tl.overview_html([stage])
    with pytest.raises(UnknownNameError, match="document id"):
        tl.stage_html([tl.Stage("1929", documents=("doc_stalin_1929",))])
    (data_copy / "timelines" / "zz_docs.yml").write_text(
        "zz-docs:\n  title: Documents\n  stages:\n  - label: '1930'\n"
        "    documents: [doc_stalin_1930_dizzy_with_success]\n",
        encoding="utf-8",
    )
    clear_caches()
    (declared,) = tl.stages("zz-docs")
    assert declared.documents == ("doc_stalin_1930_dizzy_with_success",)
    assert "Pravda, No. 60, 2 March 1930" in tl.timeline("zz-docs").plain_text()


def test_describe_shows_a_document_card():
    card = sources.describe("doc_kokurin_1932_letter_to_izvestia")
    text, page = str(card), card._repr_html_()
    for label in ("Author:", "Written:", "First published:", "Quoted from:", "Where it was read:", "Reliability:"):
        assert label in text
    assert "Stalinism as a Way of Life" in text and html.escape("A. P. Kokurin") in page


def test_excerpts_of_documents_quote_english_passages_without_a_translation():
    ex = sources.list_excerpts()
    of_documents = ex[ex["source"].isin(sources.document_ids())]
    for r in of_documents.itertuples():
        assert not r.translation.strip(), f"{r.file}, {r.id}: a document passage is English; leave translation empty"
        assert sources.passage_of(r.source, r.text) is not None, (
            f"{r.file}, {r.id}: {sources.mismatch(r.source, r.text)}"
        )


def test_a_long_web_address_on_a_card_wraps_inside_the_card():
    """The chapters' cards carry a long URL with no break: every value may break anywhere, so nothing runs
    out of the card at 1366×768 (the browser's readability test found the overflow)."""
    for source_id in ("su_rec", "su_ind"):
        page = sources.describe(source_id)._repr_html_()
        assert "https://" in page or "http://" in page, source_id
        values = re.findall(r"<dd style=\"([^\"]*)\"", page)
        assert values and all("overflow-wrap:anywhere" in style for style in values), source_id
