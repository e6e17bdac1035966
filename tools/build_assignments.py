"""Build an nbgrader course folder from the course notebooks (``make assignments``).

For every notebook of ``notebooks/`` that has self-check exercises, the tool writes the instructor's
copy ``<out>/source/<notebook>/<notebook>.ipynb`` and, once, ``<out>/nbgrader_config.py``
(default ``<out>``: ``build/assignments/``). Then, from ``<out>``::

    nbgrader generate_assignment 01_recovery     # release/: the students' copy, answers removed
    nbgrader autograde 01_recovery               # after collecting into submitted/
    nbgrader generate_feedback 01_recovery

What changes against the course notebook:

* every **numeric**, **choice** and **passage** exercise (an ``ex.show("<id>")`` cell, or the older
  ``ex.numeric("<id>", …)`` form) becomes a prompt, an autograded answer cell where the student writes
  ``answer = …`` and a locked test cell. The test that decides the mark is hidden from students and
  built from the exercise's key when the folder is built: a number counts within the key's tolerance
  (as in the self-check, typed as ``77.8``, ``"77,8"`` or ``"1 535 000"``); a choice counts when the
  option numbers chosen are exactly the right ones;
* every **reflection** becomes a manually graded answer cell (markdown). Its points come from the
  rubric (``Rubric (… 3 points)``) of the ``solution``/``instructor`` cells that follow the exercise in
  the notebook; those cells, and the points the self-check shows, are placed inside the answer cell of
  the instructor's copy, which ``generate_assignment`` empties for the students. The worked solutions
  that follow an autograded exercise go, as comments, into its model answer the same way;
* a markdown cell tagged ``answer`` (a part of a written argument, as in the capstone's template
  ``notebooks/assignment_06.ipynb``) becomes a manually graded answer cell, its points from the rubric of
  the ``instructor`` cells after it, which go into the answer cell of the instructor's copy;
* any other ``solution`` or ``instructor`` cell is left out (the instructor edition has them); every
  other cell — prose, quotations, charts — comes unchanged.

Nothing in ``notebooks/`` changes. The tool writes only below ``build/assignments/`` (or a folder
outside the course) and never overwrites a file someone edited after it was written (the manifest of
``tools/build_editions.py``, :func:`write_unless_edited`): delete the file to get a fresh copy.
"""

from __future__ import annotations

import argparse
import ast
import copy
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_editions import tags, write_unless_edited  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "assignments"
COURSE_ID = "nep-to-plan"
ATTACHED = {"solution", "instructor"}
AUTOGRADED = {"numeric", "choice", "passage"}
#: the tag of a markdown cell in which a student writes part of an argument (manually graded)
ANSWER = "answer"
#: the call of an exercise cell: ex.show("01-ex-workers") or the older ex.numeric("05-ex-plan-total", …)
CALL = re.compile(r"""\bex\.(show|numeric|choice|passage|reflection)\(\s*["']([A-Za-z0-9_-]+)["']""")
RUBRIC_POINTS = re.compile(r"Rubric[^()\n]*\((?:[^()\n]*?\b)?(\d+) points?\)", re.IGNORECASE)
STUB = "answer = None  # replace None with your answer, then run this cell"
TEXT_STUB = "Write your answer here, in place of this line."

CONFIG = f'''# nbgrader configuration of the course "From NEP to the Plan", written by tools/build_assignments.py.
# Edit freely: the tool never overwrites this file once it has been changed.
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = "{COURSE_ID}"
c.ClearSolutions.code_stub = {{"python": "{STUB}"}}
c.ClearSolutions.text_stub = "{TEXT_STUB}"
# Each test cell reports its own failure message; the student sees it in the feedback.
c.Execute.timeout = 300
'''


class AssignmentError(Exception):
    """A notebook cannot be turned into an assignment (the message says which cell and why)."""


@dataclass
class Item:
    """One exercise as the assignment needs it."""

    id: str
    kind: str
    prompt: str
    answer: dict
    hints: list[str]
    options: list[str] = field(default_factory=list)


def exercise_call(cell) -> tuple[str, str] | None:
    """(function, exercise id) of an exercise cell, or None for any other cell."""
    if cell.cell_type != "code":
        return None
    m = CALL.search(cell.source)
    return (m.group(1), m.group(2)) if m else None


def load_item(func: str, exercise_id: str, cell, where: str) -> Item:
    """The exercise of a cell: its declaration in data/exercises/, or the literal arguments of the older call."""
    from helpers import exercises as ex
    from helpers.errors import CourseError
    from helpers.teaching import exercises as keys

    try:
        widget = ex.show(exercise_id)
    except CourseError as exc:
        if func == "show":
            raise AssignmentError(f"{where}: {exc}") from None
        widget = _from_call(cell, func, exercise_id, where)
    kind = "passage" if func == "passage" else type(widget).__name__.lower()
    if func == "show":
        kind = keys.declared(exercise_id).get("kind", kind)
    return Item(
        id=exercise_id,
        kind=kind,
        prompt=widget.prompt,
        answer=widget.answer,
        hints=list(widget.hints),
        options=list(widget.options_text),
    )


def _from_call(cell, func: str, exercise_id: str, where: str):
    from helpers import exercises as ex

    try:
        tree = ast.parse(cell.source.replace("# NBVAL_IGNORE_OUTPUT", ""))
        call = next(
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == func
        )
        args = [ast.literal_eval(a) for a in call.args]
        kwargs = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
        return getattr(ex, func)(*args, **kwargs)
    except (SyntaxError, ValueError, StopIteration, TypeError) as exc:
        raise AssignmentError(
            f"{where}: exercise {exercise_id!r} is neither declared in data/exercises/ nor written with literal "
            f"arguments ({exc}). Declare it and show it with ex.show({exercise_id!r})."
        ) from None


def _nbgrader(cell, *, grade_id: str, solution: bool, grade: bool, locked: bool, points: float | None = None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution}
    if grade:
        meta["points"] = points
    cell.metadata["nbgrader"] = meta
    cell.id = grade_id
    return cell


def _text_of(cells) -> str:
    return "\n\n".join(c.source.strip() for c in cells if c.source.strip())


def _comment(text: str) -> str:
    return "\n".join(("# " + line).rstrip() for line in text.splitlines())


def _number(value: float) -> str:
    return repr(int(value)) if float(value).is_integer() else repr(float(value))


def prompt_cell(item: Item, points: float) -> nbformat.NotebookNode:
    if item.kind == "numeric":
        how = "Write your answer as a number after `answer =` in the cell below (no units), then run it."
    elif item.kind in AUTOGRADED:
        several = len(item.answer["correct"]) > 1
        how = (
            "Write the number of the right option after `answer =` in the cell below"
            + (" (several are right: give a list, e.g. `answer = [1, 3]`)" if several else "")
            + ", then run it."
        )
    else:
        how = "Write a short paragraph in the cell below. It is marked by your instructor."
    marking = "marked automatically" if item.kind in AUTOGRADED else "marked by your instructor"
    lines = [f"**Exercise {item.id}** ({points:g} point{'s' if points != 1 else ''}, {marking}). {item.prompt}"]
    if item.options:
        lines.append("\n".join(f"{i + 1}. {o}" for i, o in enumerate(item.options)))
    lines.append(how)
    if item.hints:
        hints = "\n".join(f"* {h}" for h in item.hints)
        lines.append(f"<details><summary>Hints</summary>\n\n{hints}\n\n</details>")
    cell = nbformat.v4.new_markdown_cell("\n\n".join(lines))
    cell.id = f"{item.id}-q"
    return cell


def answer_cells(item: Item, attached: list) -> list:
    """The answer cell and (autograded kinds) the test cell of ``item``; ``attached``: its solution/notes cells."""
    notes = _text_of([c for c in attached if c.cell_type == "markdown"])
    code = _text_of([c for c in attached if c.cell_type == "code"])
    if item.kind == "reflection":
        points = _reflection_points(notes)
        compare = "\n".join(f"* {p}" for p in item.answer.get("points", []))
        body = [f"**For the grader ({points:g} points)** — the students never see this cell's content."]
        body.append(notes or "The notebook gives no rubric for this exercise: mark against the points below.")
        if compare:
            body.append(f"Points the self-check shows a student after they answer:\n\n{compare}")
        cell = nbformat.v4.new_markdown_cell("\n\n".join(body))
        return [_nbgrader(cell, grade_id=item.id, solution=True, grade=True, locked=False, points=points)]
    if item.kind == "numeric":
        value, tol = float(item.answer["value"]), float(item.answer["tolerance"])
        model = f"answer = {_number(value)}"
        visible = [
            "from helpers.data.numbers import parse_number as _number",
            "",
            'assert answer is not None, "Replace None with your answer in the cell above, then run it."',
            "assert _number(answer) is not None, (",
            '    f"{answer!r} is not a number I can read: write digits, e.g. answer = 42.5 (no units)."',
            ")",
        ]
        hidden = [
            f"assert abs(_number(answer) - {_number(value)}) <= {_number(tol)}, (",
            f'    f"{{answer}} is not within ±{tol:g} of the expected value."',
            ")",
        ]
    else:
        right = sorted(i + 1 for i in item.answer["correct"])
        n = len(item.options)
        model = f"answer = {right[0] if len(right) == 1 else right}"
        visible = [
            "_given = answer if isinstance(answer, (list, tuple, set)) else [answer]",
            'assert answer is not None and len(_given) > 0, "Replace None with the number of an option, then run it."',
            "assert all(str(a).strip().isdigit() for a in _given), (",
            f'    f"{{answer!r}}: write the number of an option (1 to {n}), e.g. answer = 2."',
            ")",
            "_chosen = sorted({int(str(a).strip()) for a in _given})",
            f'assert all(1 <= a <= {n} for a in _chosen), f"There are {n} options: choose among 1 to {n}."',
        ]
        hidden = [f'assert _chosen == {right}, f"Option(s) {{_chosen}} are not the right one(s)."']
    solution = ([_comment(notes), ""] if notes else []) + ([_comment(code), ""] if code else []) + [model]
    answer = nbformat.v4.new_code_cell(
        "# Your answer:\n### BEGIN SOLUTION\n" + "\n".join(solution) + "\n### END SOLUTION"
    )
    test = nbformat.v4.new_code_cell(
        f"# Checks your answer to {item.id}. The test that decides the mark is hidden until it is graded.\n"
        + "\n".join(visible)
        + "\n### BEGIN HIDDEN TESTS\n"
        + "\n".join(hidden)
        + "\n### END HIDDEN TESTS"
    )
    return [
        _nbgrader(answer, grade_id=f"{item.id}-answer", solution=True, grade=False, locked=False),
        _nbgrader(test, grade_id=item.id, solution=False, grade=True, locked=True, points=1),
    ]


def _reflection_points(notes: str) -> int:
    found = RUBRIC_POINTS.findall(notes)
    return int(found[0]) if found else 1


def written_answer(cell, attached: list, where: str, seen: set[str]) -> nbformat.NotebookNode:
    """A markdown cell tagged ``answer`` (a part of a written argument, as in ``notebooks/assignment_06.ipynb``)
    as a manually graded answer cell: its points from the rubric of the instructor cells that follow it,
    which go, with the student's placeholder, into the instructor's copy (``generate_assignment`` empties it)."""
    grade_id = cell.get("id") or ""
    if not grade_id or grade_id in seen:
        raise AssignmentError(f"{where}: an answer cell needs an id of its own (found {grade_id!r}).")
    seen.add(grade_id)
    notes = _text_of([c for c in attached if c.cell_type == "markdown"])
    points = _reflection_points(notes)
    out = copy.deepcopy(cell)
    out.source = "\n\n".join(
        [
            f"**For the grader ({points:g} points)** — the students never see this cell's content.",
            notes or "",
            cell.source,
        ]
    ).strip()
    return _nbgrader(out, grade_id=grade_id, solution=True, grade=True, locked=False, points=points)


def assignment(nb: nbformat.NotebookNode, name: str) -> tuple[nbformat.NotebookNode, list[Item]]:
    """The instructor's copy (nbgrader source) of notebook ``nb`` and its exercises."""
    out = copy.deepcopy(nb)
    cells, items, i = [], [], 0
    src = out.cells
    seen: set[str] = set()
    while i < len(src):
        cell = src[i]
        call = exercise_call(cell)
        if call is None and cell.cell_type == "markdown" and ANSWER in tags(cell):
            j = i + 1
            while j < len(src) and tags(src[j]) & ATTACHED and exercise_call(src[j]) is None:
                j += 1
            cells.append(written_answer(cell, src[i + 1 : j], f"{name}, cell {i} ({cell.get('id', 'no id')})", seen))
            i = j
            continue
        if call is None:
            if not tags(cell) & ATTACHED:
                cell.metadata.pop("nbgrader", None)
                cells.append(cell)
            i += 1
            continue
        where = f"{name}, cell {i} ({cell.get('id', 'no id')})"
        item = load_item(*call, cell, where)
        if item.id in seen:
            raise AssignmentError(f"{where}: exercise {item.id!r} appears twice; an nbgrader item needs one cell.")
        seen.add(item.id)
        j = i + 1
        while j < len(src) and tags(src[j]) & ATTACHED and exercise_call(src[j]) is None:
            j += 1
        graded = answer_cells(item, src[i + 1 : j])
        points = graded[-1].metadata["nbgrader"]["points"]
        cells += [prompt_cell(item, points), *graded]
        items.append(item)
        i = j
    out.cells = cells
    out.metadata["edition"] = "assignment (nbgrader source)"
    return out, items


def build(notebooks: list[Path], out_dir: Path = DEFAULT_OUT) -> list[Path]:
    out_dir = out_dir.resolve()
    inside_repo = ROOT.resolve() in (out_dir, *out_dir.parents)
    if inside_repo and DEFAULT_OUT.resolve() not in (out_dir, *out_dir.parents):
        raise SystemExit(
            f"Refusing to write to {out_dir}: inside the course, assignments are only written below {DEFAULT_OUT}."
        )
    files = {"nbgrader_config.py": CONFIG}
    for path in notebooks:
        if not path.is_file():
            raise SystemExit(f"{path}: no such notebook. Give notebooks/NN_name.ipynb files, or nothing for all.")
        nb = nbformat.read(path, as_version=4)
        made, items = assignment(nb, path.name)
        if not items and not any("nbgrader" in c.metadata for c in made.cells):
            continue
        nbformat.validate(made)
        files[f"source/{path.stem}/{path.name}"] = nbformat.writes(made) + "\n"
    return write_unless_edited(out_dir, files)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/NN_*.ipynb")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the nbgrader course folder (build/assignments)")
    a = p.parse_args(argv)
    nbs = a.notebooks or sorted(
        [*(ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"), *(ROOT / "notebooks").glob("assignment_*.ipynb")]
    )
    try:
        written = build(nbs, a.out)
    except AssignmentError as exc:
        print(f"build_assignments: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print("wrote", path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    print(f"Next, from {a.out}: nbgrader generate_assignment <notebook name> (see docs/running_a_seminar.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
