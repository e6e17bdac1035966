"""The capstone's assignment template (notebooks/assignment_06.ipynb): students write, never code.

Every code cell is one call that brings up evidence; the argument is written as one essay, in a markdown
cell tagged ``answer`` with a checklist above it; the student edition runs top to bottom with no code typed;
nbgrader turns the essay cell into a manually graded cell worth the rubric's 20 points.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys

import nbformat
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import build_assignments as ba  # noqa: E402
import build_editions as be  # noqa: E402

TEMPLATE = ROOT / "notebooks" / "assignment_06.ipynb"
CAPSTONE = ROOT / "notebooks" / "06_weighing_the_evidence.ipynb"


@pytest.fixture(scope="module")
def template():
    return nbformat.read(TEMPLATE, as_version=4)


def test_every_code_cell_is_one_call_that_brings_up_evidence(template):
    code = [c for c in template.cells if c.cell_type == "code"]
    assert code and code[0].source.startswith("from helpers import ")
    for c in code[1:]:
        tree = ast.parse(c.source)
        assert len(c.source.splitlines()) == 1 and len(tree.body) == 1, c.source
        assert isinstance(tree.body[0], ast.Expr) and isinstance(tree.body[0].value, ast.Call), c.source


def test_the_argument_is_one_essay_cell_with_a_checklist_and_a_rubric_of_20_points(template):
    answers = [c for c in template.cells if "answer" in c.metadata.get("tags", [])]
    assert len(answers) == 1 and all(c.cell_type == "markdown" for c in answers)
    before = template.cells[template.cells.index(answers[0]) - 1]
    assert "instructor" not in before.metadata.get("tags", []) and before.source.count("☐") >= 4  # the checklist
    made, _ = ba.assignment(template, TEMPLATE.name)
    graded = [c for c in made.cells if "nbgrader" in c.metadata]
    assert [c.metadata["nbgrader"]["grade_id"] for c in graded] == [c.id for c in answers]
    assert sum(c.metadata["nbgrader"]["points"] for c in graded) == 20
    assert all(c.metadata["nbgrader"]["solution"] and c.cell_type == "markdown" for c in graded)
    assert not any("Rubric" in c.source for c in made.cells if "nbgrader" not in c.metadata)
    nbformat.validate(made)


def test_the_capstone_links_the_template(template):
    text = "".join(c.source for c in nbformat.read(CAPSTONE, as_version=4).cells if c.cell_type == "markdown")
    assert "assignment_06.ipynb" in text


@pytest.mark.slow
def test_the_student_edition_runs_with_no_code_typed(template, tmp_path):
    from nbclient import NotebookClient

    student = be.student_edition(template)
    assert not any({"instructor", "solution"} & set(c.metadata.get("tags", [])) for c in student.cells)
    assert sum("answer" in c.metadata.get("tags", []) for c in student.cells) == 1
    NotebookClient(student, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    errors = [o for c in student.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    shown = [c for c in student.cells if c.cell_type == "code" and c.source.startswith(("tallies", "claims"))]
    assert shown and all(c.outputs for c in shown)


@pytest.mark.slow
def test_nbgrader_releases_the_template_without_rubrics(tmp_path):
    course = tmp_path / "course"
    ba.build([TEMPLATE], course)
    env = dict(os.environ, PATH=f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ.get('PATH', '')}")
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", "assignment_06"],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    released = (course / "release" / "assignment_06" / "assignment_06.ipynb").read_text(encoding="utf-8")
    assert "Rubric" not in released and "For the grader" not in released
    assert released.count(ba.TEXT_STUB) == 1  # the essay cell, emptied for the students


def test_every_question_has_its_evidence_and_a_word_in_the_rubric(template):
    text = [c.source for c in template.cells if c.cell_type == "markdown"]
    listed = next(s for s in text if s.startswith("## The four questions"))
    questions = re.findall(r"\*\*Question ([A-Z]′?)[. ]", listed)
    assert questions == ["A", "A′", "B", "C"]
    for q in questions:
        assert any(s.startswith(f"## Evidence for question {q}") for s in text), q
    rubric = next(s for s in text if s.startswith("**Rubric (20 points)"))
    assert all(f"*Question {q}" in rubric for q in questions)
