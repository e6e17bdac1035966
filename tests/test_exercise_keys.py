"""Every answer key of data/exercises/*.yml decoded and checked against the data.

A numeric key must agree, within its own tolerance, with the declaration's ``computed:`` expression
(a recomputation from figures.csv and the independent estimates) or with a number ``stated:`` in a
passage; a choice key's ``computed:`` must name exactly the options the key marks right; a passage
key must point at a passage that exists. So a corrected figure can never silently make a key wrong.
"""

from __future__ import annotations

import re

import pytest

from helpers import data, sources
from helpers import exercises as ex
from helpers.errors import CourseError
from helpers.evidence.expressions import evaluate
from helpers.teaching import exercises as keys

DECL = keys.declared()


_NUM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def stated_numbers(passage_id: str) -> list[float]:
    """Every number written in an excerpt (or a figure's quote)."""
    try:
        text = sources.excerpt(passage_id)["text"]
    except CourseError:
        text = data.figure(passage_id)["quote"]
    return [float(m.replace(",", "")) for m in _NUM.findall(text)]


NUMERIC = sorted(i for i, s in DECL.items() if s["kind"] == "numeric")
CHOICE = sorted(i for i, s in DECL.items() if s["kind"] in ("choice", "passage"))


@pytest.mark.parametrize("eid", NUMERIC)
def test_numeric_key_agrees_with_the_data(eid):
    spec = DECL[eid]
    key = keys.answer_of(eid, spec)
    value, tol = float(key["value"]), float(key["tolerance"])
    assert tol >= 0, f"{eid}: negative tolerance"
    assert "computed" in spec or "stated" in spec, (
        f"{spec['_file']}: numeric exercise {eid!r} needs computed: (an expression over the data) or stated: "
        "(the passage that states the answer), so that the tests can check its key; see docs/authoring.md"
    )
    if "computed" in spec:
        got = evaluate(spec["computed"])
        assert abs(float(got) - value) <= tol + 1e-9, (
            f"data/exercises/{spec['_file']}: the answer of {eid!r} says {value} ± {tol}, but computed: "
            f"{spec['computed']} gives {got}. If the computation is right, write "
            f"answer: {{value: {float(got):.6g}, tolerance: {tol:g}}}; otherwise correct computed:"
        )
    if "stated" in spec:
        numbers = stated_numbers(spec["stated"])
        assert any(abs(n - value) <= tol + 1e-9 for n in numbers), (
            f"{spec['_file']}: the key of {eid!r} says {value} ± {tol}; passage {spec['stated']} states {numbers}"
        )


@pytest.mark.parametrize("eid", CHOICE)
def test_choice_and_passage_keys_point_at_existing_options(eid):
    spec = DECL[eid]
    exercise = ex.show(eid)  # refuses a key that names an option that does not exist
    correct = exercise.answer["correct"]
    assert correct and len(set(correct)) == len(correct)
    assert all(0 <= i < len(exercise.options) for i in correct)
    if spec["kind"] == "passage":
        for pid in spec["passages"]:  # every option is a real excerpt or figure
            try:
                sources.excerpt(pid)
            except CourseError:
                data.figure(pid)
    if "computed" in spec:
        want = evaluate(spec["computed"])
        names = spec["options"] if spec["kind"] == "choice" else spec["passages"]
        assert sorted(names.index(w) for w in want) == sorted(correct), (
            f"{spec['_file']}: the key of {eid!r} marks {[names[i] for i in correct]}, computed: gives {want}"
        )


@pytest.mark.parametrize("eid", sorted(i for i, s in DECL.items() if s["kind"] == "reflection"))
def test_reflection_keys_hold_points_to_compare_with(eid):
    points = keys.answer_of(eid, DECL[eid])["points"]
    assert points and all(isinstance(p, str) and p.strip() for p in points)


def test_a_wrong_key_is_caught(monkeypatch):
    """The check has teeth: a key one tolerance too far from the computation fails."""
    eid = next(i for i in NUMERIC if "computed" in DECL[i])
    spec = DECL[eid]
    key = keys.answer_of(eid, spec)
    wrong = {
        **spec,
        "answer": {"value": evaluate(spec["computed"]) + 3 * key["tolerance"] + 1, "tolerance": key["tolerance"]},
    }
    monkeypatch.setitem(DECL, eid, wrong)
    with pytest.raises(AssertionError, match="computed: .* gives"):
        test_numeric_key_agrees_with_the_data(eid)
