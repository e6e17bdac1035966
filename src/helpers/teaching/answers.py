"""What a student answered in the self-checks, kept for the instructor's class report (opt-in).

A kernel cannot write into the notebook the student has open: in JupyterLab 4 an output update sent from a
button's callback reaches no cell (only messages of the cell's own run do), and widget state is saved only
when the *Save widget state* setting is on — and then with every chart image. So when a seminar hub sets
``NEP_RECORD_ANSWERS=1`` for the students' servers, every *Check* writes the answer to a small file beside
the notebook, ``<notebook>.answers.json`` (``01_recovery.answers.json``), which the student can open and
which is collected with the notebook. ``tools/class_report.py`` reads it. Without the variable nothing is
written (Binder, a student's own machine, the tests). A file that cannot be written never disturbs the
exercise.

The file: ``{"course": "nep-to-plan", "notebook": "01_recovery", "answers": {"<exercise id>":
{"answer": <last checked>, "status": "correct" | "not yet" | "invalid", "tries": n, "attempts":
[[answer, status], …] (the first 20)}}}``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

COURSE = "nep-to-plan"
ENV = "NEP_RECORD_ANSWERS"
SUFFIX = ".answers.json"
MAX_ATTEMPTS = 20


def enabled() -> bool:
    return os.environ.get(ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def record_path(notebook: str, folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / f"{notebook}{SUFFIX}"


def _jsonable(answer):
    if isinstance(answer, (list, tuple, set)):
        return [_jsonable(a) for a in answer]
    return answer if isinstance(answer, (str, int, float, bool)) or answer is None else str(answer)


def record(exercise_id: str, notebook: str, answer, status: str, folder: Path | None = None) -> Path | None:
    """Keep ``answer`` (as checked, with its ``status``) for ``exercise_id`` if recording is on; the file, or None."""
    if not enabled():
        return None
    path = record_path(notebook, folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
        if not isinstance(data, dict) or data.get("course") != COURSE:
            data = {}
    except (OSError, ValueError):
        data = {}
    data.update(course=COURSE, notebook=notebook)
    answers = data.setdefault("answers", {})
    entry = answers.setdefault(exercise_id, {"tries": 0, "attempts": []})
    value = _jsonable(answer)
    entry.update(answer=value, status=status, tries=int(entry.get("tries", 0)) + 1)
    if len(entry["attempts"]) < MAX_ATTEMPTS:
        entry["attempts"].append([value, status])
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        return None
    return path
