"""The instructor's class report (tools/class_report.py) on generated submissions, good and bad."""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

import nbformat
import pytest
from _paths import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import build_assignments as ba  # noqa: E402
import class_report as cr  # noqa: E402

from helpers import exercises as ex  # noqa: E402
from helpers.teaching import answers  # noqa: E402
from helpers.teaching import exercises as keys  # noqa: E402

NB = "04_end_of_nep"
#: a reflection of the notebook (its text answers are listed in the report, not graded)


def _key(exercise_id):
    return keys.answer_of(exercise_id, keys.declared(exercise_id))


def _submission(source: nbformat.NotebookNode, given: dict) -> nbformat.NotebookNode:
    """The assignment as a student saves it: each answer cell holds ``given[id]`` (absent: left as released)."""
    nb = nbformat.from_dict(source)
    for c in nb.cells:
        meta = c.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        exercise_id = meta["grade_id"].removesuffix("-answer")
        if c.cell_type == "markdown":
            c.source = given.get(exercise_id, ba.TEXT_STUB)
        else:
            c.source = f"# Your answer:\nanswer = {given[exercise_id]!r}" if exercise_id in given else ba.STUB
    return nb


@pytest.fixture(scope="module")
def source_nb(tmp_path_factory):
    out = tmp_path_factory.mktemp("course")
    ba.build([ROOT / "notebooks" / f"{NB}.ipynb"], out)
    return nbformat.read(out / "source" / NB / f"{NB}.ipynb", as_version=4)


@pytest.fixture
def submitted(tmp_path, source_nb):
    root = tmp_path / "submitted"
    swing = _key("04-ex-grain-swing")["value"]
    right_choice = _key("04-ex-shakhty")["correct"][0] + 1
    wrong_choice = 1 if right_choice != 1 else 2
    students = {
        "anna": {
            "04-ex-grain-swing": swing,
            "04-ex-shakhty": right_choice,
            "04-ex-siberia": "The tribute was paid by the peasants.",
        },
        "boris": {
            "04-ex-grain-swing": 1.5,
            "04-ex-shakhty": wrong_choice,
            "04-ex-siberia": "Bukharin called it a military-feudal exploitation.",
        },
        "chen": {"04-ex-grain-swing": "1,5", "04-ex-shakhty": wrong_choice},
        "dmitri": {},
    }
    for name, given in students.items():
        folder = root / name / NB
        folder.mkdir(parents=True)
        nbformat.write(_submission(source_nb, given), folder / f"{NB}.ipynb")
    broken = root / "zoe" / NB
    broken.mkdir(parents=True)
    (broken / f"{NB}.ipynb").write_text('{"cells": [{"cell_type": "code", "sour', encoding="utf-8")
    other = root / "yuri" / NB
    other.mkdir(parents=True)
    foreign = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("answer = 42")])
    foreign.cells[0].metadata["nbgrader"] = {"solution": True, "grade": False, "grade_id": "q1", "locked": False}
    nbformat.write(foreign, other / "problem_set_1.ipynb")
    (root / "anna" / NB / "notes.txt").write_text("not a notebook", encoding="utf-8")
    return root


def _hashes(root: Path) -> dict:
    return {
        p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()
    }


def _rows(table: Path) -> dict:
    with table.open(encoding="utf-8") as f:
        return {r["exercise"]: r for r in csv.DictReader(f)}


def test_report_counts_answers_right_and_common_wrong(submitted, tmp_path):
    before = _hashes(submitted)
    page, table, got = cr.report(submitted, tmp_path / "report")
    assert _hashes(submitted) == before  # the students' files are only read
    rows = _rows(table)
    swing = rows["04-ex-grain-swing"]
    assert (swing["students"], swing["answered"], swing["right"], swing["wrong"]) == ("4", "3", "1", "2")
    assert swing["most common wrong answers (students)"] == "1.5 (2)"  # 1.5 and '1,5' are the same number
    shakhty = rows["04-ex-shakhty"]
    assert (shakhty["answered"], shakhty["right"], shakhty["wrong"]) == ("3", "1", "2")
    assert rows["04-ex-siberia"]["answered"] == "2" and rows["04-ex-passage-alliance"]["answered"] == "0"
    text = page.read_text(encoding="utf-8")
    assert "paid by the peasants" in text and "military-feudal" in text and "anna" in text


def test_broken_and_foreign_files_are_reported_and_skipped(submitted, tmp_path):
    page, _, got = cr.report(submitted, tmp_path / "report")
    reasons = {f: why for _, f, why in got.skipped}
    assert "not a readable notebook" in reasons[f"zoe/{NB}/{NB}.ipynb"]
    assert "not a notebook of this course" in reasons[f"yuri/{NB}/problem_set_1.ipynb"]
    assert got.students == {"anna", "boris", "chen", "dmitri"}
    assert "zoe" in page.read_text(encoding="utf-8")


def test_anonymous_report_names_nobody(submitted, tmp_path):
    page, table, _ = cr.report(submitted, tmp_path / "report", anonymous=True)
    for text in (page.read_text(encoding="utf-8"), table.read_text(encoding="utf-8")):
        for name in ("anna", "boris", "chen", "dmitri", "zoe", "yuri", str(submitted)):
            assert name not in text.lower()
    assert "Student 1" in page.read_text(encoding="utf-8")


def test_self_check_records_are_read_with_every_wrong_try(tmp_path, monkeypatch):
    """The exercises' own records (NEP_RECORD_ANSWERS=1), in a plain folder per student."""
    root = tmp_path / "downloads"
    monkeypatch.setenv(answers.ENV, "1")
    right = _key("04-ex-grain-swing")["value"]
    for name, tries in {"elena": ["1.5", str(right)], "fedor": ["1,5"], "galina": [str(right)]}.items():
        folder = root / name
        folder.mkdir(parents=True)
        (folder / f"{NB}.ipynb").write_bytes((ROOT / "notebooks" / f"{NB}.ipynb").read_bytes())
        monkeypatch.chdir(folder)
        view = ex.show("04-ex-grain-swing")
        for t in tries:
            view.set(answer=t)
            view.submit()
        assert (folder / f"{NB}{answers.SUFFIX}").exists()
    (root / "fedor" / f"{NB}{answers.SUFFIX}").with_name("other.answers.json").write_text(
        '{"course": "another-course", "answers": {}}', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    _, table, got = cr.report(root, tmp_path / "report")
    swing = _rows(table)["04-ex-grain-swing"]
    assert (swing["students"], swing["answered"], swing["right"], swing["wrong"]) == ("3", "3", "2", "1")
    assert swing["most common wrong answers (students)"] == "1.5 (2)"  # elena's first try counts too
    assert any("another course" in why for *_, why in got.skipped)


def test_nothing_is_recorded_unless_the_hub_asks(tmp_path, monkeypatch):
    monkeypatch.delenv(answers.ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    view = ex.show("04-ex-grain-swing")
    view.set(answer="2")
    view.submit()
    assert not list(tmp_path.iterdir())


def test_bad_folders_are_refused_with_the_reason(submitted, tmp_path):
    with pytest.raises(SystemExit, match="not a folder"):
        cr.report(tmp_path / "nowhere", tmp_path / "report")
    with pytest.raises(SystemExit, match="inside IN"):
        cr.report(submitted, submitted / "report")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.ipynb").write_text("{}", encoding="utf-8")
    with pytest.raises(SystemExit, match="No notebook of this course"):
        cr.report(empty, tmp_path / "report")
