"""Cells that only instructors may see carry the tag that keeps them out of the student edition.

A model answer or a rubric without its tag would reach students (the student edition, the website,
the student branch). The course writes them with a bold opening, so a cell that opens like one
must carry the tag; a failure names the notebook, the cell and the tag to add.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

#: how a hidden cell opens → the tags that may hide it
OPENINGS = {
    "**Solution": {"solution"},
    "**Model answer": {"solution"},
    "**Points to compare with": {"solution"},
    "**Rubric": {"instructor", "solution"},
    "**Instructor note": {"instructor"},
    "**For the instructor": {"instructor"},
    "**Timing:": {"instructor"},
    "**Seminar plan": {"instructor"},
}
HOW = "in JupyterLab: select the cell, open the property inspector (the gear, right sidebar), Cell Tags → Add Tag"


def untagged(cells: list[dict]) -> list[tuple[int, str, str]]:
    """(cell index, opening, tag to add) for each cell that opens like a hidden cell but is not tagged."""
    found = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"]).lstrip()
        tags = set(cell.get("metadata", {}).get("tags", []))
        for opening, allowed in OPENINGS.items():
            if text.startswith(opening) and not tags & allowed:
                found.append((i, text[:40], sorted(allowed)[0]))
    return found


def message(path: Path) -> str:
    """What the test says about the notebook at ``path``: each untagged cell and its tag, or ``''``."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    problems = [f"cell {i} ({opening!r}…): add the tag `{tag}`" for i, opening, tag in untagged(cells)]
    return f"notebooks/{path.name}: " + "; ".join(problems) + f" ({HOW})" if problems else ""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_model_answers_and_instructor_notes_are_tagged(path):
    problems = message(path)
    assert not problems, problems


def test_the_check_finds_an_untagged_model_answer():
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "**Model answer.** The chapter …"},
        {"cell_type": "markdown", "metadata": {"tags": ["solution"]}, "source": "**Solution.** 3.86"},
        {"cell_type": "markdown", "metadata": {"tags": ["solution"]}, "source": "**Rubric (3 points).**"},
        {"cell_type": "markdown", "metadata": {}, "source": "**Timing:** 10 minutes"},
    ]
    assert untagged(cells) == [
        (0, "**Model answer.** The chapter …", "solution"),
        (3, "**Timing:** 10 minutes", "instructor"),
    ]
