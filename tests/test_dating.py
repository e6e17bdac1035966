"""helpers.dating: what each chapter cites, the years it names, and its earliest possible date."""

import pytest

from helpers import dating, sources
from helpers.errors import UnknownNameError


def test_references_are_verbatim_and_classified():
    for src in dating.chapters():
        ref = dating.references(src)
        assert all(sources.is_verbatim(src, t) for t in ref["text"])
        assert set(ref["kind"]) <= {"citation", "ditto", "note"}
    rec = dating.references("su_rec").set_index("n")
    assert rec.loc[11, "text"] == "[1922-1925]" and rec.loc[11, "kind"] == "note"
    assert rec.loc[8, "kind"] == "ditto" and rec.loc[8, "work"] == "Lenin, Soch., vol. XXVII"


def test_stated_years_and_known_editions():
    ind = dating.citations("su_ind")
    ql = ind[ind["text"] == "[Stalin, Questions of Leninism, ed. 11th, p. 266.]"].iloc[0]
    assert ql["known_year"] == 1939 and ql["lower_bound"] == 1939 and ql["basis"] == "known edition date"
    kuib = ind[ind["work"].str.contains("Kuibyshev")].iloc[0]
    assert kuib["years_stated"] == (1930,) and kuib["lower_bound"] == 1930
    assert ind[ind["work"].str.contains("Verbatim report")].iloc[0]["years_stated"] == (1935,)
    tenth = ind[ind["edition"].str.contains("10th")]
    assert len(tenth) == 2 and tenth["lower_bound"].isna().all()  # undated edition: not used
    rec = dating.citations("su_rec")
    assert rec[rec["edition"].str.contains("Short Course")].iloc[0]["lower_bound"] == 1938
    assert 1936 in rec["lower_bound"].tolist()


def test_earliest_dates():
    rec, ind = dating.earliest_date("su_rec"), dating.earliest_date("su_ind")
    assert rec["year"] == 1938 and "Short Course" in rec["evidence"][0][1]
    assert ind["year"] == 1939 and "11th edition" in ind["evidence"][0][1]
    assert any(y == 1937 and "running text" in w for y, w, _ in rec["evidence"])
    t = dating.dating_table()
    assert t.loc["su_rec", "written in or after"] == 1938 and t.loc["su_ind", "written in or after"] == 1939
    assert t.loc["su_rec", "latest year in the running text"] == 1937


def test_what_the_chapters_say_about_1937():
    assert dating.mentions("su_rec", 1937) == [
        "During the trial of the Trotskyist spies in January 1937, it was revealed that the Trotskyists had "
        "connections with foreign firms."
    ]
    assert dating.mentions("su_ind", 1937) == []
    assert any("later exposed as the worst enemies of the people" in s for s in dating.hindsight("su_ind"))
    assert any("as it turned out later" in s for s in dating.hindsight("su_rec"))


def test_years_in_text_ignores_quantities_and_brackets():
    yrs = dating.years_in_text("su_rec")
    assert 1945 not in yrs.index  # '1945 million kWh' is a quantity
    assert yrs.index.max() == 1937 and yrs.idxmax() == 1925
    assert 1936 not in yrs.index  # only in the citations


def test_only_english_chapters():
    with pytest.raises(UnknownNameError, match="English chapter"):
        dating.references("ua_nep")
