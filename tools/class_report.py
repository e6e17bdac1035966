"""A class report for the instructor from the students' collected work (``make class-report IN=<folder>``).

``IN`` is nbgrader's ``submitted/`` (or ``autograded/``) tree — ``<student>/<assignment>/<notebook>.ipynb`` —
or any folder of notebooks downloaded from a hub or a learning platform. Answers come from two places:

* the answer cells of the graded assignments (``make assignments``): ``answer = …`` code cells and the
  reflections' markdown cells, as the student saved them;
* the self-check records ``<notebook>.answers.json`` that the exercises write beside the notebook when the
  hub sets ``NEP_RECORD_ANSWERS=1`` (see :mod:`helpers.teaching.answers` for why not the notebook itself).

The student is the first folder below ``IN`` (nbgrader's layout), or else the file name. The report gives,
per exercise, how many students answered, how many were right (judged against the exercise's key, as the
self-check judges), the most common wrong answers — the misconceptions to discuss — and the reflections
side by side. It writes ``index.html`` and ``class-report.csv`` into ``OUT`` (``build/class-report/``);
``--anonymous`` replaces names by "Student 1", "Student 2"… for projecting. The students' files are only
read; a file that is not a notebook, is broken, or belongs to another course is reported and skipped.
"""

from __future__ import annotations

import argparse
import ast
import csv
import hashlib
import html
import io
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "build" / "class-report"
NBGRADER_TREES = {"submitted", "autograded"}
SKIP_DIRS = {".ipynb_checkpoints", "__pycache__", "feedback", "release", "source"}
TOP_WRONG = 3


@dataclass
class Answer:
    student: str
    exercise: str
    value: object  # what the student gave (number, text, option numbers or texts)
    origin: str  # "assignment" or "self-check"
    attempts: list = field(default_factory=list)  # self-check: every checked answer, in order


@dataclass
class Collected:
    answers: dict = field(default_factory=dict)  # (student, exercise) -> Answer
    students: set = field(default_factory=set)
    notebooks: set = field(default_factory=set)  # notebook stems seen
    skipped: list = field(default_factory=list)  # (student, file, reason)
    read: int = 0


# ---- what the course declares ---------------------------------------------------------------------------


def _course() -> dict:
    """Every declared exercise: id -> {kind, prompt, options, key (decoded), notebook}."""
    from helpers import exercises as ex
    from helpers.teaching import exercises as keys

    out = {}
    for exercise_id, spec in keys.declared().items():
        if not isinstance(spec, dict) or not ({"answer", "sealed"} & set(spec)):
            continue
        kind = spec.get("kind")
        options = list(spec.get("options") or [])
        if kind == "passage":  # the self-check shows, and records, the passages' texts
            options = ex.show(exercise_id).options_text
        out[exercise_id] = {
            "kind": kind,
            "prompt": spec.get("prompt") or f"Which passage supports this claim? “{spec.get('claim', '')}”",
            "options": options,
            "key": keys.answer_of(exercise_id, spec),
            "notebook": spec["_file"].rsplit(".", 1)[0],
        }
    return out


# ---- reading the students' files ------------------------------------------------------------------------


def _student_of(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).parts)
    if parts and parts[0] in NBGRADER_TREES:
        parts = parts[1:]
    if len(parts) > 1:
        return parts[0]
    name = parts[-1]
    return name.removesuffix(".answers.json").removesuffix(".ipynb")


def _answer_value(source: str):
    """The value of the last top-level ``answer = …`` in a cell; None when unanswered or unreadable."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return _Unreadable(source.strip())
    value = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "answer" for t in node.targets):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                value = _Unreadable(ast.get_source_segment(source, node.value) or "")
    return value


class _Unreadable(str):
    """What a student wrote that is not a plain value (an expression, broken code): shown as written."""


def _from_notebook(nb, course: dict) -> tuple[dict, bool]:
    """(exercise id -> value) from the assignment's answer cells; and whether the notebook is the course's."""
    found, ours = {}, False
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = str(meta.get("grade_id", ""))
        if cell.get("cell_type") == "code" and "ex." in cell.get("source", ""):
            ours = ours or bool(_ids_in(cell.source, course))
        if not meta.get("solution"):
            continue
        exercise_id = gid.removesuffix("-answer")
        if exercise_id not in course:
            continue
        ours = True
        if cell.cell_type == "markdown":
            text = cell.source.strip()
            from build_assignments import TEXT_STUB

            if text and text != TEXT_STUB:
                found[exercise_id] = text
        else:
            value = _answer_value(cell.source)
            if value is not None:
                found[exercise_id] = value
    return found, ours


def _ids_in(source: str, course: dict) -> list[str]:
    from build_assignments import CALL

    return [m.group(2) for m in CALL.finditer(source) if m.group(2) in course]


def collect(root: Path, course: dict) -> Collected:
    got = Collected()
    files = sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and (p.suffix == ".ipynb" or p.name.endswith(".answers.json"))
        and not set(p.relative_to(root).parts) & SKIP_DIRS
    )
    for path in files:
        rel = str(path.relative_to(root))
        student = _student_of(path, root)
        try:
            raw = path.read_bytes()  # read only, never written
        except OSError as exc:
            got.skipped.append((student, rel, f"cannot be read ({exc.strerror})"))
            continue
        if path.suffix == ".ipynb":
            try:
                nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
                nb.cells  # noqa: B018 - a JSON file that is no notebook fails here
            except Exception as exc:  # broken JSON, not a notebook, wrong encoding
                got.skipped.append((student, rel, f"not a readable notebook ({type(exc).__name__}: {str(exc)[:120]})"))
                continue
            found, ours = _from_notebook(nb, course)
            if not ours:
                got.skipped.append((student, rel, "not a notebook of this course (no exercise of the course in it)"))
                continue
            for exercise_id, value in found.items():
                got.answers[(student, exercise_id)] = Answer(student, exercise_id, value, "assignment")
            got.notebooks.add(path.stem)
        else:
            try:
                data = json.loads(raw.decode("utf-8"))
                if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
                    raise ValueError("no 'answers' table")
            except (ValueError, UnicodeDecodeError) as exc:
                got.skipped.append((student, rel, f"not a readable self-check record ({str(exc)[:120]})"))
                continue
            from helpers.teaching.answers import COURSE

            if data.get("course") != COURSE:
                got.skipped.append((student, rel, f"a record of another course ({data.get('course')!r})"))
                continue
            known = {k: v for k, v in data["answers"].items() if k in course and isinstance(v, dict)}
            for exercise_id, entry in known.items():
                if (student, exercise_id) in got.answers:  # the graded assignment's answer counts first
                    continue
                attempts = [a[0] for a in entry.get("attempts", []) if isinstance(a, list) and a]
                got.answers[(student, exercise_id)] = Answer(
                    student, exercise_id, entry.get("answer"), "self-check", attempts
                )
            got.notebooks.add(str(data.get("notebook", "")))
        got.students.add(student)
        got.read += 1
    return got


# ---- judging ------------------------------------------------------------------------------------------------


def judge(spec: dict, value) -> tuple[str, str]:
    """(status, how the answer is shown): status is 'right', 'wrong' or 'unreadable'."""
    from helpers.data.numbers import parse_number

    if isinstance(value, _Unreadable):
        return "unreadable", f"`{value}`"
    if spec["kind"] == "numeric":
        v = parse_number(value)
        if v is None:
            return "unreadable", str(value)
        ok = abs(v - float(spec["key"]["value"])) <= float(spec["key"]["tolerance"])
        return ("right" if ok else "wrong"), f"{v:g}"
    chosen = _options_chosen(spec, value)
    if chosen is None:
        return "unreadable", str(value)
    shown = " + ".join(f"option {i + 1} ({_short(spec['options'][i])})" for i in chosen)
    return ("right" if chosen == sorted(spec["key"]["correct"]) else "wrong"), shown


def _short(text: str, n: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _options_chosen(spec: dict, value) -> list[int] | None:
    """0-based option indices: from option numbers (assignments, 1-based) or option texts (self-checks)."""
    texts = spec["options"]
    values = value if isinstance(value, (list, tuple, set)) else [value]
    out = set()
    for v in values:
        if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= len(texts):
            out.add(v - 1)
        elif isinstance(v, str) and v.strip().isdigit() and 1 <= int(v) <= len(texts):
            out.add(int(v) - 1)
        elif isinstance(v, str) and v in texts:
            out.add(texts.index(v))
        else:
            return None
    return sorted(out) if out else None


# ---- the report -----------------------------------------------------------------------------------------


def summarise(got: Collected, course: dict) -> list[dict]:
    rows = []
    for exercise_id, spec in course.items():
        if spec["notebook"] not in got.notebooks:
            continue
        given = [a for (s, e), a in got.answers.items() if e == exercise_id]
        row = {
            "notebook": spec["notebook"],
            "exercise": exercise_id,
            "kind": spec["kind"],
            "prompt": spec["prompt"],
            "students": len(got.students),
            "answered": len(given),
            "right": "",
            "wrong": "",
            "unreadable": "",
            "common_wrong": [],
            "reflections": [],
        }
        if spec["kind"] == "reflection":
            row["reflections"] = sorted(((a.student, str(a.value)) for a in given), key=lambda t: t[0])
        else:
            verdicts = [judge(spec, a.value) for a in given]
            row["right"] = sum(1 for s, _ in verdicts if s == "right")
            row["wrong"] = sum(1 for s, _ in verdicts if s == "wrong")
            row["unreadable"] = sum(1 for s, _ in verdicts if s == "unreadable")
            wrong = Counter()
            for a in given:  # every wrong try counts: a misconception corrected later is still worth discussing
                tried = a.attempts or [a.value]
                for shown in {judge(spec, t)[1] for t in tried if judge(spec, t)[0] == "wrong"}:
                    wrong[shown] += 1
            row["common_wrong"] = wrong.most_common(TOP_WRONG)
            if spec["kind"] != "numeric":
                row["options"] = spec["options"]
        rows.append(row)
    return rows


def pseudonyms(students: set[str]) -> dict[str, str]:
    """Stable 'Student n' names, in an order that does not follow the real names' alphabet."""
    order = sorted(students, key=lambda s: hashlib.sha256(s.encode()).hexdigest())
    return {s: f"Student {i + 1}" for i, s in enumerate(order)}


def write_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["notebook", "exercise", "kind", "students", "answered", "right", "wrong", "unreadable",
                "most common wrong answers (students)", "prompt"])  # fmt: skip
    for r in rows:
        common = "; ".join(f"{a} ({n})" for a, n in r["common_wrong"])
        w.writerow([r["notebook"], r["exercise"], r["kind"], r["students"], r["answered"], r["right"], r["wrong"],
                    r["unreadable"], common, r["prompt"]])  # fmt: skip
    return buf.getvalue()


def write_html(rows: list[dict], got: Collected, names: dict[str, str], source: str, anonymous: bool) -> str:
    e = html.escape
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
        "<title>Class report — From NEP to the Plan</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:70em;margin:1em auto;padding:0 1em;color:#222}"
        "table{border-collapse:collapse;margin:0.5em 0 1.5em}th,td{border:1px solid #999;padding:0.3em 0.6em;"
        "text-align:left;vertical-align:top}th{background:#eee}.num{text-align:right}.muted{color:#555}"
        "section{border-top:2px solid #0072B2;margin-top:1.5em}</style></head><body>",
        "<h1>Class report</h1>",
        f'<p class="muted">{got.read} file(s) read from {e(source)}, {len(got.students)} student(s); '
        f"written {when}. Right and wrong are judged against each exercise's key, as the self-check judges.</p>",
    ]
    if got.skipped:
        parts.append("<h2>Files skipped</h2><ul>")
        for student, f, why in got.skipped:
            where = f"a file of {names[student]}" if anonymous else f"<code>{e(f)}</code>"
            parts.append(f"<li>{where}: {e(why)}</li>")
        parts.append("</ul>")
    parts += [
        "<h2>Summary</h2>",
        "<table><caption>Answers per exercise</caption><thead><tr>"
        + "".join(
            f'<th scope="col">{h}</th>'
            for h in ("Exercise", "Kind", "Answered", "Right", "Wrong", "Most common wrong answers (students)")
        )
        + "</tr></thead><tbody>",
    ]
    for r in rows:
        common = "; ".join(f"{e(str(a))} ({n})" for a, n in r["common_wrong"]) or "—"
        parts.append(
            f'<tr><th scope="row"><a href="#{e(r["exercise"])}">{e(r["exercise"])}</a></th><td>{e(r["kind"])}</td>'
            f'<td class="num">{r["answered"]} of {r["students"]}</td><td class="num">{r["right"]}</td>'
            f'<td class="num">{r["wrong"]}</td><td>{common if r["kind"] != "reflection" else "(read below)"}</td></tr>'
        )
    parts.append("</tbody></table>")
    for r in rows:
        parts.append(f'<section id="{e(r["exercise"])}"><h2>{e(r["exercise"])} ({e(r["kind"])})</h2>')
        parts.append(f"<p>{e(r['prompt'])}</p>")
        if r.get("options"):
            parts.append("<ol>" + "".join(f"<li>{e(str(o))}</li>" for o in r["options"]) + "</ol>")
        if r["kind"] == "reflection":
            if r["reflections"]:
                parts.append('<table><thead><tr><th scope="col">Student</th><th scope="col">Answer</th></tr></thead>')
                parts.append("<tbody>")
                by_name = sorted(r["reflections"], key=lambda t: names[t[0]])
                parts += [f'<tr><th scope="row">{e(names[s])}</th><td>{e(t)}</td></tr>' for s, t in by_name]
                parts.append("</tbody></table>")
            else:
                parts.append("<p>No reflection handed in.</p>")
        else:
            parts.append(
                f"<p>{r['answered']} of {r['students']} answered; {r['right']} right, {r['wrong']} wrong"
                + (f", {r['unreadable']} unreadable" if r["unreadable"] else "")
                + ".</p>"
            )
            if r["common_wrong"]:
                parts.append("<p>Most common wrong answers (number of students who gave each):</p><ul>")
                parts += [f"<li>{e(str(a))}: {n}</li>" for a, n in r["common_wrong"]]
                parts.append("</ul>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def report(root: Path, out: Path, anonymous: bool = False) -> tuple[Path, Path, Collected]:
    root, out = root.resolve(), out.resolve()
    if not root.is_dir():
        raise SystemExit(f"IN={root} is not a folder. Give the folder of collected notebooks (e.g. submitted/).")
    if root in (out, *out.parents):
        raise SystemExit(f"Refusing to write the report inside IN ({root}): the students' folder is only read.")
    sys.path.insert(0, str(ROOT / "tools"))
    course = _course()
    got = collect(root, course)
    if not got.read:
        why = "; ".join(f"{f}: {r}" for _, f, r in got.skipped[:5])
        raise SystemExit(f"No notebook of this course found in {root}" + (f" ({why})." if why else "."))
    rows = summarise(got, course)
    everyone = got.students | {s for s, _, _ in got.skipped}
    names = pseudonyms(everyone) if anonymous else {s: s for s in everyone}
    out.mkdir(parents=True, exist_ok=True)
    page, table = out / "index.html", out / "class-report.csv"
    page.write_text(
        write_html(rows, got, names, "the collected folder" if anonymous else str(root), anonymous), "utf-8"
    )
    table.write_text(write_csv(rows), encoding="utf-8")
    return page, table, got


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path, help="collected notebooks: nbgrader's submitted/ or any folder of .ipynb")
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where index.html and class-report.csv go")
    p.add_argument("--anonymous", action="store_true", help="show 'Student 1', 'Student 2'… instead of names")
    a = p.parse_args(argv)
    page, table, got = report(a.folder, a.out, a.anonymous)
    for _, f, why in got.skipped:
        print(f"skipped {f}: {why}", file=sys.stderr)
    print(f"{got.read} file(s) from {len(got.students)} student(s): wrote {page} and {table}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
