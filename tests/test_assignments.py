"""Graded assignments built from the course notebooks (tools/build_assignments.py) and the nbgrader pipeline."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from _paths import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import build_assignments as ba  # noqa: E402

from helpers.teaching import exercises as keys  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PIPELINE_NB = "04_end_of_nep"  # numeric, choice, passage and reflection exercises, and a short run


def _exercise_ids(path: Path) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return [call[1] for c in nb.cells if (call := ba.exercise_call(c))]


def _graded(nb) -> dict[str, nbformat.NotebookNode]:
    return {c.metadata["nbgrader"]["grade_id"]: c for c in nb.cells if "nbgrader" in c.metadata}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("course")
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in NOTEBOOKS}
    written = ba.build(NOTEBOOKS, out)
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in NOTEBOOKS}
    return out, written, before, after


def test_every_exercise_becomes_a_graded_item_and_notebooks_are_untouched(built):
    out, written, before, after = built
    assert before == after
    with_exercises = [p for p in NOTEBOOKS if _exercise_ids(p)]
    assert {p.name for p in written if p.suffix == ".ipynb"} == {p.name for p in with_exercises}
    for path in with_exercises:
        made = nbformat.read(out / "source" / path.stem / path.name, as_version=4)
        graded = _graded(made)
        for exercise_id in _exercise_ids(path):
            kind = keys.declared(exercise_id)["kind"] if exercise_id in keys.declared() else None
            cell = graded[exercise_id]
            assert cell.metadata["nbgrader"]["grade"] is True
            if kind == "reflection":
                assert cell.cell_type == "markdown" and cell.metadata["nbgrader"]["solution"] is True
            else:
                assert cell.cell_type == "code" and cell.metadata["nbgrader"]["locked"] is True
                assert "### BEGIN HIDDEN TESTS" in cell.source
                assert graded[f"{exercise_id}-answer"].metadata["nbgrader"]["solution"] is True


def test_no_solution_or_instructor_cell_outside_an_answer_cell(built):
    out, *_ = built
    for path in (out / "source").glob("*/*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for c in nb.cells:
            assert not ba.tags(c) & {"solution", "instructor"}, (path.name, c.id)
            if "Model answer" in c.source or "**Solution.**" in c.source:
                assert c.metadata.get("nbgrader", {}).get("solution"), (path.name, c.id)


def test_prose_and_charts_come_unchanged(built):
    out, *_ = built
    for path in NOTEBOOKS:
        target = out / "source" / path.stem / path.name
        if not target.exists():
            continue
        src = nbformat.read(path, as_version=4)
        made = {c.id: c for c in nbformat.read(target, as_version=4).cells}
        for c in src.cells:
            if ba.exercise_call(c) or ba.tags(c) & ba.ATTACHED:
                continue
            assert made[c.id].source == c.source and made[c.id].get("outputs") == c.get("outputs")


def test_reflection_points_come_from_the_rubric(built):
    out, *_ = built
    made = nbformat.read(out / "source" / "01_recovery" / "01_recovery.ipynb", as_version=4)
    cell = _graded(made)["01-ex-agriculture-first"]
    assert cell.metadata["nbgrader"]["points"] == 3  # "Rubric (reflection, 3 points)" in the notebook
    assert "Rubric" in cell.source and "Model answer" in cell.source


def test_an_edited_assignment_is_kept_and_the_rest_rebuilt(tmp_path, capsys):
    path = ROOT / "notebooks" / f"{PIPELINE_NB}.ipynb"
    ba.build([path], tmp_path)
    target = tmp_path / "source" / PIPELINE_NB / path.name
    edited = target.read_text(encoding="utf-8").replace("Exercise 04-", "Exercise (edited) 04-", 1)
    target.write_text(edited, encoding="utf-8")
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()  # mine\n", encoding="utf-8")
    ba.build([path], tmp_path)
    assert target.read_text(encoding="utf-8") == edited
    assert "# mine" in (tmp_path / "nbgrader_config.py").read_text(encoding="utf-8")
    assert "kept" in capsys.readouterr().err


def test_refuses_to_write_inside_the_course_outside_build(tmp_path):
    with pytest.raises(SystemExit, match="Refusing"):
        ba.build(NOTEBOOKS[:1], ROOT / "notebooks")


def test_an_undeclared_exercise_is_named_with_its_cell():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('ex.show("99-ex-nothing")')])
    with pytest.raises(ba.AssignmentError, match=r"x.ipynb, cell 0 .*99-ex-nothing"):
        ba.assignment(nb, "x.ipynb")


# ---- the whole nbgrader pipeline on a temporary course -----------------------------------------------------


def _nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args], cwd=course, env=env, capture_output=True, text=True, timeout=900
    )
    assert run.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{run.stdout[-3000:]}\n{run.stderr[-3000:]}"
    return run


def _fill(release: Path, right: bool) -> nbformat.NotebookNode:
    """The released notebook with every answer cell filled: the decoded keys' answers, or wrong ones."""
    nb = nbformat.read(release, as_version=4)
    for c in nb.cells:
        meta = c.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        exercise_id = meta["grade_id"].removesuffix("-answer")
        spec = keys.declared(exercise_id)
        key = keys.answer_of(exercise_id, spec)
        if spec["kind"] == "reflection":
            c.source = "The chapter leaves out the famine, and its numbers measure only large-scale industry."
        elif spec["kind"] == "numeric":
            value = key["value"] if right else key["value"] + 10 * key["tolerance"] + 1
            c.source = f"answer = {value!r}"
        else:
            n = len(spec.get("options") or spec.get("passages"))
            chosen = [i + 1 for i in key["correct"]]
            if not right:
                chosen = [next(i for i in range(1, n + 1) if i not in chosen)]
            c.source = f"answer = {chosen[0] if len(chosen) == 1 else chosen}"
    return nb


@pytest.mark.slow
def test_nbgrader_pipeline_full_marks_zero_marks_and_feedback(tmp_path):
    course = tmp_path / "course"
    ba.build([ROOT / "notebooks" / f"{PIPELINE_NB}.ipynb"], course)
    _nbgrader(course, "generate_assignment", PIPELINE_NB)
    release = course / "release" / PIPELINE_NB / f"{PIPELINE_NB}.ipynb"
    released = release.read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in released and "Model answer" not in released and "Rubric" not in released
    for student, right in (("model", True), ("wrong", False)):
        sub = course / "submitted" / student / PIPELINE_NB
        sub.mkdir(parents=True)
        nbformat.write(_fill(release, right), sub / release.name)
    _nbgrader(course, "autograde", PIPELINE_NB)

    from nbgrader.api import Gradebook

    source = nbformat.read(course / "source" / PIPELINE_NB / f"{PIPELINE_NB}.ipynb", as_version=4)
    auto = [gid for gid, c in _graded(source).items() if c.metadata["nbgrader"]["grade"] and c.cell_type == "code"]
    manual = [gid for gid, c in _graded(source).items() if c.cell_type == "markdown"]
    assert len(auto) >= 3 and manual
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student, expected in (("model", 1.0), ("wrong", 0.0)):
            nb = gb.find_submission_notebook(PIPELINE_NB, PIPELINE_NB, student)
            grades = {g.name: g for g in nb.grades}
            for gid in auto:
                assert grades[gid].auto_score == expected * grades[gid].max_score, (student, gid)
            for gid in manual:
                assert grades[gid].auto_score is None and grades[gid].needs_manual_grade, (student, gid)

    _nbgrader(course, "generate_feedback", PIPELINE_NB)
    for student in ("model", "wrong"):
        html = (course / "feedback" / student / PIPELINE_NB / f"{PIPELINE_NB}.html").read_text(encoding="utf-8")
        assert "04-ex-grain-swing" in html
    wrong = (course / "feedback" / "wrong" / PIPELINE_NB / f"{PIPELINE_NB}.html").read_text(encoding="utf-8")
    assert "is not within" in wrong  # the hidden test's message reaches the student's feedback
    assert json.loads((course / "MANIFEST.json").read_text(encoding="utf-8"))
    shutil.rmtree(course / "autograded")
