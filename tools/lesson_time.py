"""How long a notebook takes a student: the course's time model, applied to a notebook.

The model (stated in every notebook's "Time to learn" and in docs/instructor_guide.md):

* prose a student reads (markdown not tagged ``solution`` or ``instructor``): 150 words a minute;
* quotations (``quote("…")`` cells): 120 words a minute (the passage, or its translation);
* a chart, explorer, toggle or timeline a student operates: 3 minutes;
* an exercise: numeric, choice or passage 4 minutes; reflection (historical explanation) 8 minutes;
* any other code cell (code that is itself the lesson): 1 minute.

Cells tagged ``optional`` are counted apart, as the optional extension. Seminar discussion is
not in the model: each notebook states it separately, and the stated core + discussion must fit
a 90-minute seminar. Run ``python tools/lesson_time.py notebooks/*.ipynb`` for a table.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

PROSE_WPM, QUOTE_WPM = 150, 120
CHART_MIN, CODE_MIN = 3, 1
EXERCISE_MIN = {"numeric": 4, "choice": 4, "passage": 4, "reflection": 8}
HIDDEN = {"solution", "instructor"}
CHART_CALL = re.compile(
    r"\b(widgets\.(show|switch|\w+_panel)|bilingual\.\w+|explorers?\.\w+|E\.\w+|\w+_explorer|Explorer)\s*\("
)
QUOTE_CALL = re.compile(r"\bquote\(\s*[\"']([^\"']+)[\"']")
EXERCISE_CALL = re.compile(r"\bex\.(show|numeric|choice|passage|reflection)\(\s*[\"']([^\"']+)[\"']")
WORD = re.compile(r"[\w’'-]+")


@dataclass
class Estimate:
    notebook: str
    parts: dict = field(default_factory=lambda: {"core": {}, "optional": {}})

    def add(self, where: str, what: str, minutes: float) -> None:
        self.parts[where][what] = self.parts[where].get(what, 0.0) + minutes

    def minutes(self, where: str = "core") -> int:
        return int(math.ceil(sum(self.parts[where].values()) / 5.0) * 5) if self.parts[where] else 0


def _words(text: str) -> int:
    text = re.sub(r"<[^>]+>|\(https?://[^)]*\)|[#*_`>|]", " ", text)
    return len(WORD.findall(text))


def estimate(path: str | Path) -> Estimate:
    """The time model applied to one notebook (see module docstring)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from helpers import sources
    from helpers.teaching import exercises

    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    est = Estimate(Path(path).name)
    for cell in nb["cells"]:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & HIDDEN:
            continue
        where = "optional" if "optional" in tags else "core"
        src = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            est.add(where, "prose", _words(src) / PROSE_WPM)
            continue
        if cell["cell_type"] != "code" or not src.strip():
            continue
        counted = False
        for qid in QUOTE_CALL.findall(src):
            ex = sources.excerpt(qid)
            est.add(where, "quotations", _words(ex["translation"] or ex["text"]) / QUOTE_WPM)
            counted = True
        for _, eid in EXERCISE_CALL.findall(src):
            try:
                kind = exercises.declared(eid)["kind"]
            except Exception:
                kind = "numeric"
            est.add(where, "exercises", EXERCISE_MIN[kind])
            counted = True
        if CHART_CALL.search(src):
            est.add(where, "charts", CHART_MIN * len(CHART_CALL.findall(src)))
            counted = True
        if not counted:
            est.add(where, "code", CODE_MIN)
    return est


STATED = re.compile(
    r"\*\*Time to learn:\*\*\s*about (\d+) minutes(?:[^.\n]*?about (\d+) minutes? (?:more|of optional))?"
)


def stated(path: str | Path) -> tuple[int | None, int | None]:
    """(core, optional) minutes the notebook states in its "Time to learn" line."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        m = STATED.search("".join(cell["source"]))
        if m and cell["cell_type"] == "markdown":
            return int(m.group(1)), (int(m.group(2)) if m.group(2) else None)
    return None, None


def main(argv: list[str]) -> int:
    paths = argv or sorted(str(p) for p in Path("notebooks").glob("[0-9][0-9]_*.ipynb"))
    print(f"{'notebook':38} {'core':>5} {'opt.':>5}  stated   breakdown of the core (minutes)")
    for p in paths:
        e = estimate(p)
        core, opt = stated(p)
        parts = ", ".join(f"{k} {v:.0f}" for k, v in sorted(e.parts["core"].items()))
        print(f"{Path(p).name:38} {e.minutes():>5} {e.minutes('optional'):>5}  {core!s:>3}/{opt!s:<4} {parts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
