"""Self-check exercises, what the widgets call: answer keys, declarations, and the key tool.

The widgets a student answers are in :mod:`helpers.ui.exercises` (``ex.show("01-coal-growth")``); this
module holds what they rely on:

* the four kinds of exercise and the fields each takes in ``data/exercises/*.yml`` (:data:`FIELDS`), and
  :func:`validated`, the declaration of one exercise checked against them;
* the answers. In the course (``main``) an exercise states its answer **plainly**, reviewable in a pull
  request, beside the computation that checks it::

      answer: {value: 77.8, tolerance: 0.5}      # numeric
      answer: {correct: [1]}                      # choice, passage: the right options, counted from 0
      answer: {points: [a point, another]}        # reflection: what to compare with

  What students get (the student branch and the hub image, ``tools/publish_student.py``) carries the answer
  **sealed** instead (``sealed:``, :func:`sealed_entries`: encoded with :func:`encode_key`, and without
  ``computed:`` and ``stated:``), so that a student has to work rather than read or grep it; the check
  still runs offline. This is obfuscation for honest learners, not security. :func:`answer_of` reads either;
* :func:`record_answer`, which keeps a checked answer for the class report when the hub asks for it.

An exercise written with the earlier encoded ``key:`` is refused with the command that converts it::

    python -m helpers.teaching.exercises convert data/exercises/01_recovery.yml
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
import zlib
from dataclasses import dataclass, field

from helpers.errors import CourseError
from helpers.teaching import answers

CORRECT, NOT_YET, INVALID = "correct", "not yet", "invalid"


class ExerciseKeyError(CourseError):
    """An answer key that does not belong to this exercise or cannot be read."""


def _stream(exercise_id: str, n: int) -> bytes:
    out, counter = b"", 0
    while len(out) < n:
        out += hashlib.sha256(f"nep-to-plan:{exercise_id}:{counter}".encode()).digest()
        counter += 1
    return out[:n]


def encode_key(exercise_id: str, answer: dict) -> str:
    """Encode an answer dict for ``exercise_id`` (see module docstring)."""
    raw = zlib.compress(json.dumps(answer, sort_keys=True).encode())
    mixed = bytes(a ^ b for a, b in zip(raw, _stream(exercise_id, len(raw))))
    return base64.urlsafe_b64encode(mixed).decode()


def decode_key(exercise_id: str, key: str) -> dict:
    try:
        mixed = base64.urlsafe_b64decode(key.encode())
        raw = bytes(a ^ b for a, b in zip(mixed, _stream(exercise_id, len(mixed))))
        return json.loads(zlib.decompress(raw))
    except Exception:
        raise ExerciseKeyError(
            f"The answer key of exercise {exercise_id!r} cannot be read: it was made for another exercise id "
            "or was changed. Seal it again from the plain answer: in the course's data/exercises/."
        ) from None


@dataclass
class Feedback:
    status: str  # correct / not yet / invalid
    message: str
    #: points to compare with (a reflection's), shown as a list under the message
    points: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == CORRECT

    @property
    def text(self) -> str:
        """The message and its points, one per line (what ``exercise.text`` shows)."""
        return "\n".join([self.message, *(f"  • {p}" for p in self.points)])


#: an id of a passage (``01-workers``, ``su_rec-002``): the notebook number or a source id, a dash, a name
_PASSAGE_ID = re.compile(r"\b(?:passages?\s+)?((?:\d{2}|su_rec|su_ind|ua_nep)-[a-z0-9][a-z0-9-]*[a-z0-9])\b")


def readable_prompt(text: str) -> str:
    """A prompt with every passage id replaced by the passage's short title, in quotation marks.

    ``"From the numbers in passage 01-workers"`` becomes ``"From the numbers in the passage “Workers in
    factory industry”"``: a student reads a passage by its words, never by the course's internal id. An
    id that names no passage (or an exercise) is left as it is.
    """

    def title(m: re.Match) -> str:
        pid = m.group(1)
        try:
            from helpers.data import sources

            name = " ".join(str(sources.excerpt(pid).get("title") or "").split())
        except CourseError:
            return m.group(0)
        if not name:
            return m.group(0)
        said = m.group(0)[: m.start(1) - m.start(0)]
        return f"{'the passage ' if said.strip() else ''}“{name}”"

    return _PASSAGE_ID.sub(title, str(text))


#: The fields each kind of exercise takes in ``data/exercises/*.yml`` (besides ``kind``); where students get
#: the course, ``sealed:`` stands for ``answer:``.
FIELDS = {
    "numeric": {"prompt", "answer", "hints"},
    "choice": {"prompt", "options", "answer", "hints"},
    "passage": {"claim", "passages", "answer", "hints"},
    "reflection": {"prompt", "answer", "hints"},
}
#: what each kind's answer holds
ANSWER_FIELDS = {
    "numeric": {"value", "tolerance"},
    "choice": {"correct"},
    "passage": {"correct"},
    "reflection": {"points"},
}


#: optional fields of any declaration: how the test of the keys recomputes or finds the answer
OPTIONAL = {"computed", "stated"}


def declared(exercise_id: str | None = None) -> dict:
    """The declaration of one exercise (or, without an id, all of them) from ``data/exercises/``."""
    from helpers.data.paths import declaration

    return declaration("exercises", "exercise id", exercise_id)


def validated(exercise_id: str) -> dict:
    """The declaration of ``exercise_id``. Its shape (kind, fields, answer) is checked when the file is read,
    against ``data/schemas/exercises.schema.json``; an earlier encoded ``key:`` is refused there with the
    command that converts it (:func:`helpers.data.paths.check_declarations`)."""
    spec = declared(exercise_id)
    answer_of(exercise_id, spec)
    return spec


def answer_of(exercise_id: str, spec: dict) -> dict:
    """The answer of a declaration: its plain ``answer:``, or its ``sealed:`` one decoded."""
    if "sealed" in spec:
        return decode_key(exercise_id, spec["sealed"])
    answer, kind = spec.get("answer"), spec.get("kind")
    need = ANSWER_FIELDS.get(kind, set())
    if not isinstance(answer, dict) or set(answer) != need:
        raise ExerciseKeyError(
            f"data/exercises/{spec.get('_file', '?')}: exercise {exercise_id!r} ({kind}) needs answer: with "
            f"{', '.join(sorted(need))}, got {answer!r}."
        )
    return dict(answer)


def sealed_entries(entries: dict) -> dict:
    """Declarations as students get them: each answer sealed (``sealed:``), ``computed:``/``stated:`` dropped."""
    out = {}
    for exercise_id, spec in entries.items():
        spec = {k: v for k, v in spec.items() if k not in OPTIONAL and k != "_file"}
        if "answer" in spec:
            spec["sealed"] = encode_key(exercise_id, answer_of(exercise_id, spec))
            del spec["answer"]
        out[exercise_id] = spec
    return out


def seal_file(path) -> str:
    """The text of an exercises file as students get it: every answer sealed, no ``computed:``/``stated:``."""
    import yaml

    from helpers.data.paths import read_yaml

    entries = sealed_entries(read_yaml(path) or {})
    head = '# Self-check exercises, shown with ex.show("<id>"). Generated from the course; answers are sealed.\n'
    return head + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=110)


def _answer_block(answer: dict) -> list[str]:
    import yaml

    text = yaml.safe_dump({"answer": answer}, sort_keys=False, allow_unicode=True, width=110)
    return ["  " + line for line in text.splitlines()]


def convert_file(path) -> int:
    """Rewrite the encoded ``key:`` lines of an exercises file as plain ``answer:`` blocks; the rest of the
    file (comments, order, wording) stays as written. Returns how many keys were converted."""
    import re
    from pathlib import Path

    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    out, current, n = [], None, 0
    for line in lines:
        top = re.match(r"^([0-9A-Za-z][\w.-]*):\s*$", line)
        if top:
            current = top.group(1)
        key = re.match(r"^  key:\s*(\S+)\s*$", line)
        if key and current:
            out += _answer_block(decode_key(current, key.group(1).strip("'\"")))
            n += 1
        else:
            out.append(line)
    if n:
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return n


def record_answer(exercise_id: str, answer, status: str) -> None:
    """Keep the checked answer for the class report when the hub asks for it (helpers.teaching.answers)."""
    if answers.enabled():
        try:
            notebook = declared(exercise_id)["_file"].rsplit(".", 1)[0]
        except CourseError:  # an exercise written in the notebook: its id starts with the notebook's number
            notebook = exercise_id.split("-", 1)[0]
        answers.record(exercise_id, notebook, answer, status)


def _main(argv: list[str]) -> int:
    import argparse
    from pathlib import Path

    p = argparse.ArgumentParser(
        prog="python -m helpers.teaching.exercises",
        description="Rewrite the encoded key: fields of exercise files as plain answer: fields (run once).",
    )
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("convert", help="rewrite key: as answer: in the given files, in place")
    c.add_argument("files", nargs="+", type=Path)
    a = p.parse_args(argv)
    for f in a.files:
        print(f"{f}: {convert_file(f)} key(s) written as answer:")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
