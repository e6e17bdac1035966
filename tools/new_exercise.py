"""Add a self-check exercise: append its declaration, with its answer, and give the cells to show it.

    python tools/new_exercise.py 05-ex-my-rise --kind numeric --table 05_first_five_year_plan \\
        --prompt "By how many million rubles …?" --hint "Subtract the first year from the last." \\
        --answer 2079 --tolerance 0.5 \\
        --computed 'figure("su_ind-055") - figure("su_ind-051")'
    python tools/new_exercise.py 04-ex-my-why --kind reflection --table local \\
        --prompt "Why …? Write a few sentences." --hint "Who wrote it, and when?" \\
        --point "The chapter was written in 1939." --point "It names no author."
    python tools/new_exercise.py 04-ex-my-pick --kind choice --table local --prompt "Which …?" \\
        --option "First reading" --option "Second reading" --option "Third reading" --correct 2
    python tools/new_exercise.py 04-ex-my-passage --kind passage --table local \\
        --claim "The chapter blames the kulaks." --passage 04-ind-rights --passage 04-ind-peasant-rent --correct 1

``--table`` is a notebook's declaration file (``04_end_of_nep`` → ``data/exercises/04_end_of_nep.yml``)
or ``local`` (your own ``data/exercises/local_exercises.yml``; any ``local_*.yml`` is read beside the
course's files, so a copy of the course keeps its additions apart and merges the course's updates
cleanly). ``--correct`` counts options (or passages) from 1, in the order given (the file's ``answer:``
counts them from 0). A numeric answer is checked against ``--computed`` before anything is written;
without ``--answer`` the computed value is taken.

The block is appended at the end of the file: existing entries are never changed, and an id already
declared anywhere is refused. The new entry is then read back and checked as the course checks every
exercise; if the check fails, the file is put back as it was and the message says what to change.

The tool prints the cells to add to the notebook, with their tags. With ``--notebook 04_end_of_nep.ipynb
--after "words of a cell"`` it inserts them after the one cell whose text contains those words (nothing
else in the notebook changes); re-execute the notebook afterwards (``make check NB=…``).
"""

from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from helpers import clear_caches  # noqa: E402
from helpers.data.paths import data_dir  # noqa: E402
from helpers.errors import CourseError  # noqa: E402
from helpers.evidence.expressions import evaluate  # noqa: E402
from helpers.teaching import exercises  # noqa: E402

KINDS = ("numeric", "choice", "passage", "reflection")
LOCAL = "local_exercises"


def declaration_file(table: str) -> Path:
    """The YAML file ``--table`` names; a notebook's file must exist, a ``local…`` one may be new."""
    name = Path(table).stem
    if name == "local":
        name = LOCAL
    folder = data_dir() / "exercises"
    path = folder / f"{name}.yml"
    if not path.exists() and not name.startswith("local"):
        tables = ", ".join(p.stem for p in sorted(folder.glob("[0-9][0-9]_*.yml")))
        raise SystemExit(f"No exercise file data/exercises/{name}.yml: name one of {tables}, or 'local'.")
    return path


def answer_of(a: argparse.Namespace) -> dict:
    """The plain ``answer:`` from the command line; a missing or impossible answer is refused."""
    if a.kind == "numeric":
        if a.tolerance is None:
            raise SystemExit("A numeric exercise needs --tolerance (how far from the answer still counts).")
        value = a.answer
        if a.computed:
            try:
                got = float(evaluate(a.computed))
            except Exception as exc:  # the expression's own error, named
                raise SystemExit(f"--computed {a.computed!r} cannot be computed: {exc}") from None
            if value is None:
                value = float(f"{got:.6g}")
            elif abs(got - value) > a.tolerance + 1e-9:
                raise SystemExit(
                    f"--answer {value:g} ± {a.tolerance:g} disagrees with --computed, which gives {got:.6g}: "
                    "correct one of them (or leave --answer out to take the computed value)."
                )
        if value is None:
            raise SystemExit("A numeric exercise needs --answer (the number), or --computed to compute it.")
        return {"value": value, "tolerance": a.tolerance}
    if a.kind == "reflection":
        if not a.point:
            raise SystemExit(
                "A reflection needs at least one --point: what a good answer mentions (shown after a student writes)."
            )
        return {"points": list(a.point)}
    listed = a.option if a.kind == "choice" else a.passage
    what = "--option" if a.kind == "choice" else "--passage"
    if len(listed) < 2:
        raise SystemExit(f"A {a.kind} exercise needs at least two {what}.")
    if not a.correct or any(not 1 <= c <= len(listed) for c in a.correct):
        raise SystemExit(f"--correct gives the number of each right {what[2:]}, from 1 to {len(listed)}.")
    return {"correct": sorted({c - 1 for c in a.correct})}


def entry_of(a: argparse.Namespace) -> dict:
    """The declaration's fields, in the order the course's files use."""
    if a.kind == "passage":
        if not a.claim:
            raise SystemExit("A passage exercise needs --claim: the statement the student matches to a passage.")
        entry = {"kind": a.kind, "claim": a.claim, "passages": list(a.passage)}
    else:
        if not a.prompt:
            raise SystemExit(f"A {a.kind} exercise needs --prompt: the question students read.")
        entry = {"kind": a.kind, "prompt": a.prompt}
        if a.kind == "choice":
            entry["options"] = list(a.option)
    entry["hints"] = list(a.hint)
    if a.kind == "numeric" and not (a.computed or a.stated):
        raise SystemExit(
            "A numeric exercise needs --computed 'expression' (how the answer follows from the course's data, "
            "re-run by the tests) or --stated <excerpt or figure id> (the passage that states it); "
            "see docs/adapting.md, 'A numeric exercise'."
        )
    entry["answer"] = answer_of(a)
    if not a.hint:
        raise SystemExit("Give at least one --hint: what a student who is stuck should look at first.")
    if a.computed:
        entry["computed"] = a.computed
    if a.stated:
        entry["stated"] = a.stated
    return entry


def block(exercise_id: str, entry: dict) -> str:
    """The YAML text of one entry, as appended to a declaration file."""
    return yaml.safe_dump({exercise_id: entry}, sort_keys=False, allow_unicode=True, width=110)


def append(path: Path, exercise_id: str, entry: dict) -> None:
    """Append the entry to ``path``, check it as the course does, and put the file back if the check fails."""
    before = path.read_text(encoding="utf-8") if path.exists() else None
    text = before or '# Exercises of this copy of the course, shown with ex.show("<id>") (docs/adapting.md).\n'
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + block(exercise_id, entry), encoding="utf-8")
    clear_caches()
    try:
        exercises.validated(exercise_id)
    except CourseError as exc:
        if before is None:
            path.unlink()
        else:
            path.write_text(before, encoding="utf-8")
        clear_caches()
        raise SystemExit(f"Not added ({path.name} is unchanged): {exc}") from None


def cells(exercise_id: str, kind: str, optional: bool = False) -> list[tuple[str, str, list[str]]]:
    """(cell type, source, tags) of the cells that show the exercise and hold its solution and rubric;
    with ``optional``, each also carries the tag ``optional`` (counted apart from the core's time)."""
    extra = ["optional"] if optional else []
    show = ("code", f'ex.show("{exercise_id}")', ["exercise", *extra])
    if kind == "reflection":
        return [
            show,
            ("markdown", "**Model answer.** Write the answer you would give full marks here.", ["solution", *extra]),
            (
                "markdown",
                "**Rubric (reflection, 3 points).** 1 point: … 1 point: … 1 point: …",
                ["instructor", *extra],
            ),
        ]
    solution = ("markdown", "**Solution.** The answer, and how it is reached from the data.", ["solution", *extra])
    return [show, solution]


def insert(notebook: str, after: str, new: list[tuple[str, str, list[str]]]) -> Path:
    """Insert the cells after the one cell whose source contains ``after`` and the ``solution`` and
    ``instructor`` cells that follow it (they belong to it); nothing else changes."""
    import nbformat

    path = ROOT / "notebooks" / Path(notebook).name
    if not path.is_file():
        raise SystemExit(f"No notebook notebooks/{Path(notebook).name}.")
    nb = nbformat.read(path, as_version=4)
    hits = [i for i, c in enumerate(nb.cells) if after in "".join(c.source)]
    if len(hits) != 1:
        raise SystemExit(
            f"notebooks/{path.name}: {after!r} is in {len(hits)} cells; give words that occur in exactly one "
            "(nothing was inserted)."
        )
    made = []
    for cell_type, source, tags in new:
        cell = nbformat.v4.new_code_cell(source) if cell_type == "code" else nbformat.v4.new_markdown_cell(source)
        cell.metadata["tags"] = tags
        cell.id = uuid.uuid4().hex[:8]
        made.append(cell)
    at = hits[0] + 1
    while at < len(nb.cells) and {"solution", "instructor"} & set(nb.cells[at].metadata.get("tags", [])):
        at += 1
    nb.cells[at:at] = made
    nbformat.write(nb, path)
    return path


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("id", help="a new exercise id: the notebook's number, -ex-, a short name (04-ex-my-sum)")
    p.add_argument("--kind", required=True, choices=KINDS)
    p.add_argument("--table", required=True, help="the notebook's exercise file (04_end_of_nep) or 'local'")
    p.add_argument("--prompt", help="the question (numeric, choice, reflection)")
    p.add_argument("--claim", help="the statement to match to a passage (passage)")
    p.add_argument("--hint", action="append", default=[], help="a hint (repeat for more)")
    p.add_argument("--answer", type=float, help="numeric: the right value")
    p.add_argument("--tolerance", type=float, help="numeric: how far from the value still counts")
    p.add_argument("--computed", help="numeric: an expression that recomputes the answer from the data")
    p.add_argument("--stated", help="numeric: the excerpt or figure id whose passage states the answer")
    p.add_argument("--option", action="append", default=[], help="choice: an option (repeat, in order)")
    p.add_argument("--passage", action="append", default=[], help="passage: an excerpt id (repeat, in order)")
    p.add_argument("--correct", type=int, nargs="+", help="choice/passage: number(s) of the right one(s), from 1")
    p.add_argument("--point", action="append", default=[], help="reflection: a point of a good answer (repeat)")
    p.add_argument(
        "--optional", action="store_true", help="tag the cells `optional` too: part of the optional extension"
    )
    p.add_argument("--notebook", help="insert the cells into this notebook (04_end_of_nep.ipynb) …")
    p.add_argument("--after", help="… after the one cell whose text contains these words")
    a = p.parse_args(argv)
    if bool(a.notebook) != bool(a.after):
        raise SystemExit("--notebook and --after go together: the notebook, and words of the cell to insert after.")
    if a.id in exercises.declared():
        raise SystemExit(f"The exercise id {a.id!r} is already declared in {exercises.declared(a.id)['_file']}.")
    path = declaration_file(a.table)
    entry = entry_of(a)
    append(path, a.id, entry)
    print(f"Added {a.id!r} ({a.kind}) at the end of data/exercises/{path.name}:\n")
    print(block(a.id, entry))
    new = cells(a.id, a.kind, a.optional)
    if a.notebook:
        nb = insert(a.notebook, a.after, new)
        print(f"Inserted {len(new)} cells into notebooks/{nb.name}; write the solution text in them.")
    else:
        print("Add these cells to the notebook where students meet the exercise (tags in JupyterLab: the gear")
        print("icon in the right sidebar, Cell Tags → Add Tag):\n")
        for cell_type, source, tags in new:
            print(f"[{cell_type} cell, tag: {', '.join(tags)}]\n{source}\n")
    number = a.id.split("-", 1)[0]
    print("Then: name it in the section 'Exercises' of docs/instructor_guide/" + number + "_….md (before, in or")
    print("after the seminar), update the notebook's 'Time to learn' line to what tools/lesson_time.py prints,")
    print("and run `make check NB=<notebook>`.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
