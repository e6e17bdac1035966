"""How long a notebook takes a student: the course's time model, applied to a notebook.

The model (stated in every notebook's "Time to learn" and in docs/instructor_guide.md); its rates are
course settings in ``config/course.toml`` (``[time_model]``):

* everything a student reads in the core, at ``words_per_minute`` (130): prose (markdown not tagged
  ``solution`` or ``instructor``), quotations (``quote("…")``: what the quotation shows — the passage or
  its translation, the title, citation and note), and what other code cells show (tables, source cards);
  what is behind a disclosure (a chart's text description, a quotation's "About this source", an
  original behind its translation) is not counted;
* a chart, explorer, toggle or timeline a student operates: ``chart_minutes`` (5), which includes its
  "Read the chart" questions (so their words are not counted again);
* an exercise: a written explanation (reflection) ``reflection_minutes`` (12); any other
  ``exercise_minutes`` (4).

Cells tagged ``optional`` are counted apart, as the optional extension. Seminar discussion is not in
the model: each notebook states it separately. ``[seminar]`` in the same file sets the longest core
(``core_max_minutes``) and how far a stated time may stray from the model (``stated_tolerance``).
Run ``python tools/lesson_time.py notebooks/*.ipynb`` for a table.
"""

from __future__ import annotations

import html
import json
import math
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETTINGS_FILE = ROOT / "config" / "course.toml"


def settings(path: Path = SETTINGS_FILE) -> dict:
    """The course's time settings (``[time_model]`` and ``[seminar]`` of config/course.toml)."""
    with open(path, "rb") as fh:
        conf = tomllib.load(fh)
    model, seminar = conf.get("time_model", {}), conf.get("seminar", {})
    wanted = {
        "time_model": ("words_per_minute", "chart_minutes", "reflection_minutes", "exercise_minutes"),
        "seminar": ("core_max_minutes", "discussion_minutes", "stated_tolerance"),
    }
    for table, keys in wanted.items():
        for key in keys:
            value = (model if table == "time_model" else seminar).get(key)
            if not isinstance(value, (int, float)) or value <= 0:
                raise SystemExit(f"{path}: [{table}] {key} must be a positive number, not {value!r}")
    return {**model, **seminar}


SETTINGS = settings()
READ_WPM = SETTINGS["words_per_minute"]
CHART_MIN = SETTINGS["chart_minutes"]
EXERCISE_MIN = {
    "numeric": SETTINGS["exercise_minutes"],
    "choice": SETTINGS["exercise_minutes"],
    "passage": SETTINGS["exercise_minutes"],
    "reflection": SETTINGS["reflection_minutes"],
}
HIDDEN = {"solution", "instructor"}
CHART_CALL = re.compile(
    r"\b(widgets\.(show|switch|\w+_panel)|bilingual\.\w+|explorers?\.\w+|E\.\w+|\w+_explorer|Explorer)\s*\("
)
QUOTE_CALL = re.compile(r"\bquote\(\s*[\"']([^\"']+)[\"']")
EXERCISE_CALL = re.compile(r"\bex\.(show|numeric|choice|passage|reflection)\(\s*[\"']([^\"']+)[\"']")
WORD = re.compile(r"[\w’'-]+")
READ_THE_CHART = re.compile(r"\*\*Read the chart\*\*")
COLLAPSED = re.compile(r"<details\b.*?</details>", re.S | re.I)
HIDDEN_HTML = re.compile(r"<(style|script)\b.*?</\1>|<img\b[^>]*>", re.S | re.I)


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


def _shown_words(cell: dict) -> int:
    """Words a student reads in what a code cell shows (tables, cards, printed lines), without the
    collapsed text descriptions, styles, scripts and images."""
    words = 0
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            words += _words("".join(out.get("text", "")))
            continue
        data = out.get("data", {})
        if "text/html" in data:
            shown = HIDDEN_HTML.sub(" ", COLLAPSED.sub(" ", "".join(data["text/html"])))
            words += _words(html.unescape(shown))
        elif "text/markdown" in data:
            words += _words("".join(data["text/markdown"]))
        elif "text/plain" in data and not any(k.startswith("application/vnd.jupyter.widget") for k in data):
            words += _words("".join(data["text/plain"]))
    return words


def _prose(text: str) -> str:
    """A markdown cell's text without its "Read the chart" questions (counted with the chart)."""
    m = READ_THE_CHART.search(text)
    return text[: m.start()] if m else text


def estimate(path: str | Path) -> Estimate:
    """The time model applied to one notebook (see module docstring)."""
    sys.path.insert(0, str(ROOT / "src"))
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
            est.add(where, "prose", _words(_prose(src)) / READ_WPM)
            continue
        if cell["cell_type"] != "code" or not src.strip():
            continue
        counted = False
        quoted = QUOTE_CALL.findall(src)
        if quoted and cell.get("outputs"):  # what the quotation shows: passage, citation, note
            est.add(where, "quotations", _shown_words(cell) / READ_WPM)
            counted = True
        elif quoted:  # not executed yet: the passage alone
            for qid in quoted:
                ex = sources.excerpt(qid)
                est.add(where, "quotations", _words(ex["translation"] or ex["text"]) / READ_WPM)
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
            est.add(where, "tables and code", (_words(src) + _shown_words(cell)) / READ_WPM)
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
