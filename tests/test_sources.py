import hashlib
import json

import pytest
from _paths import ROOT

from helpers import sources
from helpers.errors import DataFileError, UnknownNameError


def test_three_sources_with_complete_metadata():
    df = sources.list_sources()
    assert list(df["id"]) == ["ua_nep", "su_ind", "su_rec"]
    assert (df.apply(lambda r: all(str(v).strip() for v in r), axis=1)).all(), "every metadata cell is filled"
    assert set(df["language"]) == {"uk", "en"}


def test_texts_are_unchanged_copies():
    """Each text's sha256 is recorded in the data package; the files must still match it byte for byte."""
    pkg = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    texts = {r["path"]: r["hash"] for r in pkg["resources"] if r.get("format") == "txt"}
    assert len(texts) == 3
    for path, digest in texts.items():
        assert "sha256:" + hashlib.sha256((ROOT / "data" / path).read_bytes()).hexdigest() == digest, path


def test_dating_evidence_is_in_the_texts():
    assert sources.is_verbatim("su_ind", "Questions of Leninism, ed. 11th, p. 266.")
    assert sources.is_verbatim("su_rec", "During the trial of the Trotskyist spies in January 1937")


def test_verbatim_checks():
    assert sources.is_verbatim("su_rec", "8,090 million rubles")
    assert not sources.is_verbatim("su_rec", "8090 million rubles")
    assert not sources.is_verbatim("su_rec", "")
    assert sources.find("ua_nep", "5200 підприємств") > 0
    assert "8,090" in sources.context("su_rec", "8,090", chars=20)
    with pytest.raises(DataFileError, match="not verbatim"):
        sources.context("su_rec", "a sentence that is not there")


def test_unknown_source_names_the_valid_ids():
    with pytest.raises(UnknownNameError) as exc:
        sources.source_text("su_recovery")
    assert "su_rec" in str(exc.value) and "Did you mean" in str(exc.value)


def test_every_excerpt_is_verbatim_and_translated_where_needed():
    ex = sources.list_excerpts()
    assert len(ex) >= 6
    for r in ex.itertuples():
        assert sources.is_verbatim(r.source, r.text), (
            f"{r.file}, excerpt {r.id}: not verbatim in {r.source}: {sources.mismatch(r.source, r.text)}"
        )
        lang = sources.source_info(r.source)["language"]
        if lang != "en":
            assert r.translation.strip(), f"{r.id}: a non-English excerpt needs the course's translation"


def test_excerpt_lookup():
    e = sources.excerpt("start-ua-leasing")
    assert e["source"] == "ua_nep" and "5200" in e["text"]
    with pytest.raises(UnknownNameError, match="excerpt id"):
        sources.excerpt("no-such-excerpt")
    with pytest.raises(UnknownNameError, match="source id"):
        sources.list_excerpts("nope")


def test_missing_source_file_is_reported(data_copy):
    (data_copy / "sources" / "su_rec.txt").unlink(missing_ok=True)
    (data_copy / "sources" / "su_industry_recovery.en.txt").unlink()
    with pytest.raises(DataFileError, match="is missing"):
        sources.source_text("su_rec")


def test_duplicate_excerpt_ids_are_reported(data_copy):
    src = data_copy / "excerpts" / "00_start_here.csv"
    (data_copy / "excerpts" / "zz_copy.csv").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataFileError, match="appear more than once"):
        sources.list_excerpts()


def test_word_counts_count_in_the_part_of_a_source_asked_for():
    counts = sources.word_counts("su_ind", ["loan", "tax"], before="Based on the successful solution of the problem")
    assert counts.index.name == "word" and list(counts.index) == ["loan", "tax"]
    whole = sources.word_counts("su_ind", ["loan"])
    assert whole["loan"] >= counts["loan"] > 0
    with pytest.raises(DataFileError, match="does not occur"):
        sources.word_counts("su_ind", ["loan"], before="no such phrase in it")
