"""Self-check exercises, what the widgets call: answer keys, declarations, and the key tool.

The widgets a student answers are in :mod:`helpers.ui.exercises` (``ex.show("01-coal-growth")``); this
module holds what they rely on:

* the four kinds of exercise and the fields each takes in ``data/exercises/*.yml`` (:data:`FIELDS`), and
  :func:`validated`, the declaration of one exercise checked against them;
* the answer-key codec (:func:`encode_key`, :func:`decode_key`). Keys are stored **encoded**, so that a
  student has to work rather than read or grep them; the check still runs offline. This is obfuscation
  for honest learners, not security;
* :func:`record_answer`, which keeps a checked answer for the class report when the hub asks for it.

Make a key with::

    python -m helpers.teaching.exercises numeric 01-coal-growth 127.6 --tolerance 0.5
    python -m helpers.teaching.exercises choice 02-tenants 1
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
            "or was changed. Re-create it with `python -m helpers.teaching.exercises`."
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


#: The fields each kind of exercise takes in ``data/exercises/*.yml`` (besides ``kind``).
FIELDS = {
    "numeric": {"prompt", "key", "hints"},
    "choice": {"prompt", "options", "key", "hints"},
    "passage": {"claim", "passages", "key", "hints"},
    "reflection": {"prompt", "key", "hints"},
}


#: optional fields of any declaration: how the test of the keys recomputes or finds the answer
OPTIONAL = {"computed", "stated"}


def declared(exercise_id: str | None = None) -> dict:
    """The declaration of one exercise (or, without an id, all of them) from ``data/exercises/``."""
    from helpers.data.paths import declaration

    return declaration("exercises", "exercise id", exercise_id)


def validated(exercise_id: str) -> dict:
    """The declaration of ``exercise_id``, checked: its kind is known and it has exactly the fields that kind takes."""
    spec = declared(exercise_id)
    kind = spec.get("kind")
    if kind not in FIELDS:
        raise CourseError(f"{spec['_file']}: exercise {exercise_id!r} has kind {kind!r}; allowed: {', '.join(FIELDS)}.")
    given = set(spec) - {"kind", "_file"} - OPTIONAL
    missing, unknown = FIELDS[kind] - given, given - FIELDS[kind]
    if missing or unknown:
        raise CourseError(
            f"{spec['_file']}: exercise {exercise_id!r} ({kind}) "
            + (f"lacks {', '.join(sorted(missing))}" if missing else "")
            + ("; " if missing and unknown else "")
            + (f"has unknown field(s) {', '.join(sorted(unknown))}" if unknown else "")
            + f". A {kind} exercise takes: kind, {', '.join(sorted(FIELDS[kind]))} (and optionally "
            f"{', '.join(sorted(OPTIONAL))})."
        )
    return spec


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

    p = argparse.ArgumentParser(prog="python -m helpers.teaching.exercises", description="Make an encoded answer key.")
    sub = p.add_subparsers(dest="kind", required=True)
    n = sub.add_parser("numeric")
    n.add_argument("exercise_id")
    n.add_argument("value", type=float)
    n.add_argument("--tolerance", type=float, required=True)
    c = sub.add_parser("choice")
    c.add_argument("exercise_id")
    c.add_argument("correct", type=int, nargs="+", help="index (from 0) of each right option")
    r = sub.add_parser("reflection")
    r.add_argument("exercise_id")
    r.add_argument("points", nargs="+")
    a = p.parse_args(argv)
    if a.kind == "numeric":
        ans = {"value": a.value, "tolerance": a.tolerance}
    elif a.kind == "choice":
        ans = {"correct": sorted(set(a.correct))}
    else:
        ans = {"points": a.points}
    print(encode_key(a.exercise_id, ans))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
