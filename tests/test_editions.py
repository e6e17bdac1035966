"""Student and instructor editions from one source (tools/build_editions.py)."""

import hashlib
import sys

import nbformat
import pytest
from _paths import ROOT
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

sys.path.insert(0, str(ROOT / "tools"))
import build_editions  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _nb():
    ex = new_code_cell(
        "ex.numeric(...)",
        metadata={"tags": ["exercise"]},
        execution_count=2,
        outputs=[nbformat.v4.new_output("stream", text="widget")],
    )
    sol = new_markdown_cell(
        "**Solution.** 7739 / 2004 = 3.86", metadata={"tags": ["solution"], "jupyter": {"source_hidden": True}}
    )
    note = new_markdown_cell("Students often confuse coverage.", metadata={"tags": ["instructor"]})
    return new_notebook(
        cells=[new_code_cell("x = 1", execution_count=1), ex, sol, note, new_code_cell("x", execution_count=3)]
    )


def test_student_edition_has_no_solutions_or_notes_and_clears_exercise_outputs():
    st = build_editions.student_edition(_nb())
    text = nbformat.writes(st)
    assert "Solution" not in text and "confuse coverage" not in text
    ex = [c for c in st.cells if "exercise" in build_editions.tags(c)][0]
    assert ex.outputs == [] and ex.execution_count is None


def test_instructor_edition_shows_solutions_and_marks_notes():
    ins = build_editions.instructor_edition(_nb())
    sol = [c for c in ins.cells if "solution" in build_editions.tags(c)][0]
    assert "jupyter" not in sol.metadata
    note = [c for c in ins.cells if "instructor" in build_editions.tags(c)][0]
    assert note.source.startswith("> **Instructor note**")
    assert len(ins.cells) == 6 and build_editions.NOTE_TAG in build_editions.tags(ins.cells[0])


def test_build_is_idempotent_and_never_touches_notebooks(tmp_path):
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in NOTEBOOKS}
    out = tmp_path / "editions"
    first = {p: p.read_bytes() for p in build_editions.build(NOTEBOOKS, out)}
    second = {p: p.read_bytes() for p in build_editions.build(NOTEBOOKS, out)}
    assert first == second and len(first) == 2 * len(NOTEBOOKS)
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in NOTEBOOKS}


def test_refuses_to_write_outside_the_build_folder():
    with pytest.raises(SystemExit, match="Refusing"):
        build_editions.build(NOTEBOOKS, ROOT / "notebooks")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_every_exercise_has_a_solution_and_student_edition_none(path):
    nb = nbformat.read(path, as_version=4)
    cells = nb.cells
    n_ex = sum("exercise" in build_editions.tags(c) for c in cells)
    n_sol = sum("solution" in build_editions.tags(c) for c in cells)
    assert n_sol >= n_ex, f"{path.name}: {n_ex} exercises but {n_sol} solutions"
    st = build_editions.student_edition(nb)
    assert not any("solution" in build_editions.tags(c) for c in st.cells)


def test_an_edited_edition_file_is_never_overwritten(tmp_path):
    out = tmp_path / "editions"
    first = build_editions.build(NOTEBOOKS[:1], out)
    edited = first[0]
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("Start here", "My notes: Start here"), encoding="utf-8"
    )
    mine = edited.read_bytes()
    second = build_editions.build(NOTEBOOKS[:1], out)
    assert edited not in second and edited.read_bytes() == mine
    edited.unlink()
    assert edited in build_editions.build(NOTEBOOKS[:1], out)


def test_a_students_edits_survive_a_course_update_and_the_next_build(tmp_path):
    """`git pull` brings a new version of a notebook; `make lab` rebuilds the edition. The notebook the
    student changed is kept as they left it; the one they did not touch gets the course's new version."""
    src = tmp_path / "notebooks"
    src.mkdir()
    for p in NOTEBOOKS[:2]:
        (src / p.name).write_bytes(p.read_bytes())
    mine, theirs = sorted(src.glob("*.ipynb"))
    out = tmp_path / "editions"
    build_editions.build([mine, theirs], out, editions=("student",))
    edited = out / "student" / mine.name
    nb = nbformat.read(edited, as_version=4)
    nb.cells.append(new_markdown_cell("My answer: the trusts were ..."))
    nbformat.write(nb, edited)
    my_bytes = edited.read_bytes()
    for p in (mine, theirs):  # the course changes both notebooks (as a `git pull` would)
        nb = nbformat.read(p, as_version=4)
        nb.cells.append(new_markdown_cell("A paragraph added by the course."))
        nbformat.write(nb, p)
    written = build_editions.build([mine, theirs], out, editions=("student",))
    assert edited.read_bytes() == my_bytes and edited not in written
    assert "A paragraph added by the course." in (out / "student" / theirs.name).read_text(encoding="utf-8")
    assert not (out / "instructor").exists()


def test_editions_open_with_a_start_note_and_link_to_data_and_docs(tmp_path):
    out = tmp_path / "editions"
    build_editions.build(NOTEBOOKS[:1], out)
    for edition in ("student", "instructor"):
        nb = nbformat.read(out / edition / NOTEBOOKS[0].name, as_version=4)
        first = nb.cells[0]
        assert first.cell_type == "markdown" and build_editions.NOTE_TAG in build_editions.tags(first)
        assert "Run All Cells" in first.source and "Idle" in first.source
        assert sum(build_editions.NOTE_TAG in build_editions.tags(c) for c in nb.cells) == 1
        for name in ("data", "docs"):
            link = out / edition / name
            assert link.is_symlink() and link.resolve() == (ROOT / name).resolve()
    assert (out / "student" / "data" / "figures.csv").is_file()


def test_unknown_edition_is_refused_with_the_allowed_ones():
    with pytest.raises(SystemExit, match="student, instructor"):
        build_editions.build(NOTEBOOKS[:1], ROOT / "build" / "editions" / "x", editions=("full",))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_the_instructor_edition_has_the_notebooks_code_and_outputs(path):
    """Why the instructor edition needs no nbval run of its own (`make test-editions` checks the student
    edition only): its code cells — source, outputs, execution counts, in order — are those of notebooks/,
    which strict nbval checks; only Markdown banners and display metadata differ."""
    nb = nbformat.read(path, as_version=4)
    edition = build_editions.instructor_edition(nb)

    def code(n):
        return [(c.source, c.outputs, c.execution_count) for c in n.cells if c.cell_type == "code"]

    assert code(edition) == code(nb)
    assert build_editions.NOTE_TAG in build_editions.tags(edition.cells[0])  # the "Before you start" note
    assert [c.cell_type for c in edition.cells[1:]] == [c.cell_type for c in nb.cells]
