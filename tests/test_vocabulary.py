"""helpers.vocabulary and helpers.textspans: loaded words counted, with their verbatim passages."""

import re

import pytest

from helpers import sources, textspans
from helpers import vocabulary as voc
from helpers.errors import UnknownNameError


def test_sentences_are_verbatim_spans_and_keep_citations_whole():
    for src in sources.order():
        text = sources.source_text(src)
        spans = textspans.sentences(src)
        assert spans and all(0 <= a < b <= len(text) for a, b in spans)
        assert all(text[a:b] == text[a:b].strip() for a, b in spans)
        assert [a for a, _ in spans] == sorted(a for a, _ in spans)
    s = textspans.sentence_at("su_ind", sources.find("su_ind", "ed. 11th"))
    assert s == (
        "Even the inveterate enemies of the working class cannot deny this now” "
        "[Stalin, Questions of Leninism, ed. 11th, p. 266.]."
    )  # the citation stays with its sentence


def test_english_counts_on_the_real_texts():
    t = voc.comparison()
    assert t.loc["wreckers, wrecking", "su_ind"] == 7  # 5 'wreckers'/'wrecking' + 2 'pests'
    assert t.loc["capitulators", "su_ind"] == 6 and t.loc["capitulators", "su_rec"] == 0
    assert t.loc["Trotskyists, Trotskyites", "su_rec"] == 10
    assert t.loc["Comrade Stalin", "su_rec"] == 6 and t.loc["Comrade Stalin", "su_ind"] == 8
    assert t.loc["enemies of the people", "su_ind"] == 1
    assert t.loc["kulaks"].sum() == 0


def test_the_ukrainian_text_has_no_loaded_vocabulary_and_keeps_its_distance():
    c = voc.counts(source="ua_nep").set_index("concept")
    loaded = c[c["category"].isin(voc.CATEGORIES[:3])]
    assert loaded["count"].sum() == 0
    assert c.loc["'commanding heights'", "count"] == 1 and c.loc["'commanding heights'", "quoted"] == 1
    assert voc.counts(source="su_ind").set_index("concept").loc["'commanding heights'", "quoted"] == 0
    p = voc.passages("the Party", "ua_nep")
    assert len(p) == 1 and "правлячої партії" in p.iloc[0]["passage"]
    tot = voc.totals()
    assert tot.loc["ua_nep", "loaded terms"] == 0 and tot.loc["su_ind", "per 1,000 words"] > 5


def test_every_passage_is_verbatim_and_contains_its_match():
    for t in voc.terms():
        for src in sources.order():
            p = voc.passages(t.concept, src)
            for r in p.itertuples(index=False):
                assert sources.is_verbatim(src, r.passage) and r.match in r.passage
            assert len(p) == voc.counts(source=src).set_index("concept").loc[t.concept, "count"]


def test_su_rec_mentions_the_1937_trial_among_its_spies():
    p = voc.passages("spies, espionage", "su_rec")
    assert any("January 1937" in s for s in p["passage"])


def test_word_boundaries_and_overlaps():
    wreck = voc.terms()[0].pattern("en")
    assert wreck.search("the wreckers") and not wreck.search("shipwrecked")
    enemy = next(t for t in voc.terms() if t.concept.startswith("enemy")).pattern("en")
    assert not enemy.search("the enemies of the people") and not enemy.search("the class enemy")
    assert enemy.search("the enemies of Bolshevism")
    uk = next(t for t in voc.terms() if t.concept == "wreckers, wrecking").pattern("uk")
    assert uk.search("шкідники") and uk.search("ШКІДНИЦТВО")
    # the concepts of one category never count the same words twice
    for src in ("su_rec", "su_ind"):
        seen = []
        for t in voc.terms():
            if t.category == "enemies and crimes":
                seen += [(r.offset, r.match) for r in voc.passages(t.concept, src).itertuples(index=False)]
        assert len(seen) == len(set(o for o, _ in seen))


def test_quoted_detection_and_errors():
    text = sources.source_text("ua_nep")
    i = text.find("командних висот")
    assert voc.quoted("ua_nep", i, i + len("командних висот"))
    assert not voc.quoted("ua_nep", 0, 3)
    with pytest.raises(UnknownNameError, match="concept"):
        voc.passages("saboteurs", "su_rec")
    with pytest.raises(UnknownNameError, match="source"):
        voc.counts(source="xx")
    with pytest.raises(UnknownNameError, match="category"):
        voc.concepts("loaded")
    with pytest.raises(UnknownNameError, match="measure"):
        voc.comparison("share")


def test_passages_finds_every_match_of_a_pattern():
    hits = textspans.passages("su_rec", re.compile(r"\b1937\b"))
    assert len(hits) == 1 and hits[0][1] == "1937" and "trial" in hits[0][2]


def test_the_terms_are_read_from_data_vocabulary_csv():
    """The vocabulary is a data table (``data/vocabulary.csv``), one row per concept, read by ``terms()``."""
    import csv

    from _paths import ROOT

    with open(ROOT / "data" / "vocabulary.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [t.concept for t in voc.terms()] == [r["concept"] for r in rows] == voc.concepts()
    assert {t.category for t in voc.terms()} <= set(voc.CATEGORIES)


@pytest.mark.parametrize(
    "change, said",
    [
        (lambda r: {**r, "category": "insults"}, "category 'insults' is not one of"),
        (lambda r: {**r, "en": "", "uk": ""}, "give a pattern"),
        (lambda r: {**r, "en": r"\bwreck(ers"}, "is not a regular expression"),
    ],
)
def test_a_bad_vocabulary_row_is_refused_by_line_and_concept(data_copy, change, said):
    import csv

    from helpers.errors import DataFileError

    path = data_copy / "vocabulary.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[0] = change(rows[0])
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    where = r"vocabulary\.csv, line 2 \('wreckers, wrecking'\): "
    with pytest.raises(DataFileError, match=where + ".*" + re.escape(said)):
        voc.terms()


def test_a_vocabulary_concept_named_twice_is_refused(data_copy):
    from helpers.errors import DataFileError

    path = data_copy / "vocabulary.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines + [lines[1]]), encoding="utf-8")
    with pytest.raises(DataFileError, match="named twice"):
        voc.terms()
