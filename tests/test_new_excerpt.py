"""tools/new_excerpt.py: a quotation cut from its source by first and last words is verbatim, and adding it
to a table never changes a row already there."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from helpers import sources

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("new_excerpt", ROOT / "tools" / "new_excerpt.py")
new_excerpt = importlib.util.module_from_spec(spec)
sys.modules.setdefault("new_excerpt", new_excerpt)
spec.loader.exec_module(new_excerpt)


def test_a_cut_passage_is_verbatim_from_first_to_last_words():
    passage = new_excerpt.cut("su_rec", "The XIV Congress", "means of production")
    assert passage.startswith("The XIV Congress") and passage.endswith("means of production")
    assert sources.is_verbatim("su_rec", passage)


def test_first_words_found_twice_are_refused_with_the_places():
    with pytest.raises(SystemExit, match=r"occurs \d+ times; add words until it is unique"):
        new_excerpt.cut("su_rec", "industry", "industry")


def test_words_not_in_the_source_and_long_passages_are_refused():
    with pytest.raises(SystemExit, match="not in the source as typed"):
        new_excerpt.cut("su_rec", "The XIV Congres of", "production")
    with pytest.raises(SystemExit, match="the course quotes a sentence or two"):
        new_excerpt.cut("su_rec", "Having resolved all these issues", "socialism.")  # runs on for paragraphs


def test_a_row_is_appended_and_nothing_else_changes(tmp_path, monkeypatch):
    table = tmp_path / "data" / "excerpts" / "04_end_of_nep.csv"
    table.parent.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "excerpts" / "04_end_of_nep.csv", table)
    before = table.read_text(encoding="utf-8")
    monkeypatch.setattr(new_excerpt, "ROOT", tmp_path)
    new_excerpt.main(
        ["su_rec", "The XIV Congress", "means of production", "--id", "04-test-cut", "--table", "04_end_of_nep"]
    )
    after = table.read_text(encoding="utf-8")
    assert after.startswith(before)
    rows = list(csv.DictReader(after.splitlines()))
    assert rows[-1]["id"] == "04-test-cut" and sources.is_verbatim("su_rec", rows[-1]["text"])
    with pytest.raises(SystemExit, match="already used"):
        new_excerpt.main(
            ["su_rec", "The XIV Congress", "means of production", "--id", rows[0]["id"], "--table", "local"]
        )
