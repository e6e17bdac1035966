import re

import pytest
import yaml

from helpers import exercises as ex
from helpers.data.numbers import parse_number
from helpers.errors import CourseError
from helpers.teaching import exercises as keys


def key(eid, **answer):
    return keys.encode_key(eid, answer)


def test_keys_round_trip_and_are_not_plain_text():
    k = key("t-1", value=127.6, tolerance=0.5)
    assert "127.6" not in k and keys.decode_key("t-1", k) == {"value": 127.6, "tolerance": 0.5}
    with pytest.raises(keys.ExerciseKeyError, match="another exercise id"):
        keys.decode_key("t-2", k)


@pytest.mark.parametrize(
    "text, value",
    [
        ("127.6", 127.6),
        ("127,6", 127.6),
        (" 45 % ", 45),
        ("1,535,000", 1535000),
        ("1 535 000", 1535000),
        ("-3", -3),
        (".5", 0.5),
        ("1 535,5", 1535.5),
        ("1\u00a0535,5", 1535.5),
        ("1,535,000.5", 1535000.5),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "   ", "abc", "12abc", "1.2.3", "nan", "inf", None, "1e400"])
def test_unreadable_numbers(text):
    assert parse_number(text) is None


def test_numeric_feedback_with_tolerance_and_hints():
    e = ex.numeric("t-n", "How much?", key("t-n", value=100, tolerance=1), ["first hint", "second hint"])
    assert e.check("100.9").ok and e.check("99").ok
    fb = e.check("103")
    assert fb.status == keys.NOT_YET and "too high" in fb.message and "first hint" in fb.message
    assert "second hint" in e.check("50").message
    for bad in ["", "a lot", None]:
        fb = e.check(bad)
        assert fb.status == keys.INVALID and "number" in fb.message


def test_choice_single_and_multiple():
    e = ex.choice("t-c", "Pick", ["a", "b", "c"], key("t-c", correct=[1]), ["think"])
    assert e.check("b").ok and e.check(1).ok and not e.check("a").ok
    assert e.check(None).status == keys.INVALID and e.check("zzz").status == keys.INVALID
    m = ex.choice("t-m", "Pick two", ["a", "b", "c"], key("t-m", correct=[0, 2]), ["two"])
    assert m.check(("a", "c")).ok and not m.check(("a",)).ok and m.check(()).status == keys.INVALID
    with pytest.raises(keys.ExerciseKeyError, match="names option 5"):
        ex.choice("t-x", "Pick", ["a"], key("t-x", correct=[5]), ["h"])


def test_passage_options_are_verbatim_source_text():
    e = ex.passage(
        "t-p",
        "The chapter was written after 1937.",
        ["start-rec-trial-1937", "su_rec-002"],
        key("t-p", correct=[0]),
        ["Look for a date."],
    )
    assert e.check(e.options[0]).ok and "1937" in e.options[0] and "8,090" in e.options[1]


def test_reflection_is_never_graded_but_answers_with_points():
    e = ex.reflection("t-r", "Why?", key("t-r", points=["coverage", "prices"]), ["think of coverage"])
    assert e.check("too short").status == keys.INVALID
    fb = e.check("Because the index uses prices of a year when new goods were dear.")
    assert fb.ok and fb.points == ["coverage", "prices"] and ";" not in fb.message
    e.set(answer="Because the index uses prices of a year when new goods were dear.")
    e.submit()
    assert "<ul><li>coverage</li><li>prices</li></ul>" in e.feedback_html.value


def test_every_exercise_needs_a_hint():
    with pytest.raises(CourseError, match="at least one hint"):
        ex.numeric("t-h", "?", key("t-h", value=1, tolerance=0), [])


def test_widget_builds_and_its_buttons_give_escaped_feedback():
    e = ex.numeric("t-w", "<b>bold?</b>", key("t-w", value=1, tolerance=0), ["<script>x</script>"])
    box = e.widget
    prompt, text, buttons, out = box.children[:4]
    assert {"nep-view", "nep-exercise"} <= set(box._dom_classes)
    assert "&lt;b&gt;" in prompt.value
    text.value = "2"
    buttons.children[0].click()
    assert "Not yet" in out.value and "<script>" not in out.value and "&lt;script&gt;" in out.value
    text.value = "one"
    buttons.children[0].click()
    assert "could not read" in out.value
    buttons.children[1].click()
    assert out.value.startswith('<span role="status">Hint')


def test_an_exercise_is_a_view_set_submit_and_a_static_form_without_the_answer():
    e = ex.choice("t-v", "Which <one>?", ["alpha", "beta", "gamma"], key("t-v", correct=[2]), ["the last"])
    assert e.set(answer="beta") and e.state == {"answer": "beta"} and e.submit().status == keys.NOT_YET
    assert e.set(answer=2) and e.state["answer"] == "gamma" and e.submit().ok
    assert "Correct." in e.feedback_html.value
    assert e.set(colour="red") is False and "one control, 'answer'" in e.message
    assert e.set(answer="delta") is False and "cannot be put" in e.message
    bundle = e._repr_mimebundle_()
    assert bundle["text/plain"].startswith("Self-check: Which <one>?") and "3. gamma" in bundle["text/plain"]
    assert "t-v" not in bundle["text/plain"] and "t-v" not in bundle["text/html"], "no internal id"
    assert "Which &lt;one&gt;?" in bundle["text/html"] and "<li>gamma</li>" in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
    n = ex.numeric("t-s", "How many?", key("t-s", value=12.5, tolerance=0), ["h"])
    assert n.set(answer=12.5) and n.submit().ok
    for out in n._repr_mimebundle_().values():  # the answer is never in an output
        assert "12.5" not in str(out)
    assert n.hint() == "h" and "Hint: h" in n.feedback_html.value


def test_several_right_options_are_a_group_of_named_check_boxes():
    """Not a SelectMultiple, whose arrow keys JupyterLab takes (ipywidgets#3912): one check box per option,
    named by the option's text (its accessible name), and the same set/submit interface."""
    import ipywidgets as W

    opts = ["alpha <i>", "beta", "gamma"]
    m = ex.choice("t-cb", "Which two?", opts, key("t-cb", correct=[0, 2]), ["not beta"])
    group = m.input
    assert "nep-choices" in group._dom_classes and not any(isinstance(w, W.SelectMultiple) for w in group.children)
    assert [b.description for b in m.checkboxes] == opts
    assert all(b.description_allow_html is False and b.indent is False for b in m.checkboxes)
    assert m.state == {"answer": ()} and m.submit().status == keys.INVALID
    m.checkboxes[0].value = True  # a student ticks a box: the state follows
    assert m.state == {"answer": ("alpha <i>",)} and m.submit().status == keys.NOT_YET
    assert m.set(answer=[0, "gamma"]) and m.state["answer"] == ("alpha <i>", "gamma")
    assert [b.value for b in m.checkboxes] == [True, False, True] and m.submit().ok
    assert m.set(answer=["delta"]) is False and "'delta' is not one of the options" in m.message
    assert [b.value for b in m.checkboxes] == [True, False, True]  # a refused value changes no box
    assert m.set(answer=[]) and m.state["answer"] == () and not any(b.value for b in m.checkboxes)
    bundle = m._repr_mimebundle_()  # the static form is the same numbered list as before
    assert "1. alpha <i>" in bundle["text/plain"] and "<li>alpha &lt;i&gt;</li>" in bundle["text/html"]
    single = ex.choice("t-r1", "Which one?", opts, key("t-r1", correct=[1]), ["h"])
    assert isinstance(single.input, W.RadioButtons)


def test_the_tool_converts_encoded_keys_to_plain_answers_and_keeps_the_rest(tmp_path, capsys):
    f = tmp_path / "zz.yml"
    f.write_text(
        "# my comment\nzz-ex-n:\n  kind: numeric\n  prompt: How many?\n  hints: [h]\n"
        f"  key: {key('zz-ex-n', value=2.5, tolerance=0.1)}\n  computed: 1 + 1.5\n",
        encoding="utf-8",
    )
    assert keys._main(["convert", str(f)]) == 0
    assert "1 key(s) written as answer:" in capsys.readouterr().out
    text = f.read_text(encoding="utf-8")
    assert text.startswith("# my comment\nzz-ex-n:\n  kind: numeric\n") and "computed: 1 + 1.5" in text
    assert "key:" not in text and yaml.safe_load(text)["zz-ex-n"]["answer"] == {"value": 2.5, "tolerance": 0.1}


def test_an_encoded_key_in_the_course_is_refused_with_the_command(data_copy):
    from helpers.data.paths import read_declarations

    (data_copy / "exercises" / "zz_old.yml").write_text(
        f"zz-ex-old:\n  kind: numeric\n  prompt: p\n  hints: [h]\n  key: {key('zz-ex-old', value=1, tolerance=0)}\n"
    )
    read_declarations.cache_clear()
    try:
        with pytest.raises(
            CourseError, match=r"python -m helpers\.teaching\.exercises convert data/exercises/zz_old\.yml"
        ):
            ex.show("zz-ex-old")
    finally:
        read_declarations.cache_clear()


def test_what_students_get_is_sealed_and_keeps_no_computation(tmp_path):
    f = tmp_path / "zz.yml"
    f.write_text(
        "zz-ex-n:\n  kind: numeric\n  prompt: p\n  hints: [h]\n  answer: {value: 2.5, tolerance: 0.1}\n"
        "  computed: 1 + 1.5\n  stated: 01-workers\n",
        encoding="utf-8",
    )
    sealed = yaml.safe_load(keys.seal_file(f))["zz-ex-n"]
    assert set(sealed) == {"kind", "prompt", "hints", "sealed"} and "2.5" not in sealed["sealed"]
    assert keys.answer_of("zz-ex-n", sealed) == {"value": 2.5, "tolerance": 0.1}


# ---- exercises declared in data/exercises/*.yml ------------------------------------------------
def test_every_declared_exercise_builds_and_its_key_decodes():
    decl = keys.declared()
    assert decl
    for eid in decl:
        e = ex.show(eid)
        assert e.exercise_id == eid and e.answer


def test_a_bad_declaration_names_the_file_the_id_and_the_allowed_fields(data_copy):
    from helpers.data.paths import read_declarations

    (data_copy / "exercises" / "zz_bad.yml").write_text("zz-ex-bad:\n  kind: numeric\n  prompt: p\n  colour: red\n")
    read_declarations.cache_clear()
    try:
        with pytest.raises(Exception, match=r"zz_bad.yml: zz-ex-bad: 'hints' is a required property"):
            ex.show("zz-ex-bad")
    finally:
        read_declarations.cache_clear()


# ---- feedback that teaches (issue 23 §3) ---------------------------------------------------------
def test_enter_checks_and_a_changed_answer_clears_the_old_verdict():
    e = ex.numeric("t-e", "How many?", key("t-e", value=12, tolerance=0), ["h"])
    e.input.value = "12"
    e._on_submit_message(e.input, {"event": "submit"}, [])  # what Enter in the box sends
    assert e.feedback.ok and "Correct" in e.feedback_html.value
    e.input.value = "13"  # the student changes the answer: the old "Correct" must not stay under it
    assert e.feedback is None and e.feedback_html.value == ""
    e._on_submit_message(e.input, {"event": "submit"}, [])
    assert e.feedback.status == ex.NOT_YET and "Correct" not in e.feedback_html.value
    c = ex.choice("t-ec", "Pick", ["a", "b"], key("t-ec", correct=[1]), ["h"])
    c.input.value = "b"
    assert c.submit().ok
    c.input.value = "a"
    assert c.feedback is None and c.feedback_html.value == ""


def test_a_number_in_the_wrong_unit_gets_told_so_not_the_next_hint():
    prompt = (
        "Exports fell by 110 million poods and 15 million poods of wheat were imported. Together, how many "
        "million tonnes of grain is that? Give two decimals."
    )
    e = ex.numeric("t-u", prompt, key("t-u", value=2.05, tolerance=0.01), ["Add the two quantities first."])
    fb = e.check("125")
    assert fb.status == ex.NOT_YET and "million poods" in fb.message and "million tons" in fb.message
    assert "Add the two" not in fb.message, "the hint for a step already done"
    assert e.check("2.05").ok
    assert "Add the two" in e.check("40").message  # a plain wrong number still gets the hint


def test_a_percentage_given_as_a_fraction_or_an_index_is_named():
    e = ex.numeric("t-pc", "By how many per cent did it grow?", key("t-pc", value=77.8, tolerance=0.1), ["h"])
    assert "fraction" in e.check("0.778").message
    assert "subtract 100" in e.check("177.8").message
    assert "wrong sign" in e.check("-77.8").message


def test_a_partly_right_multiple_choice_says_so():
    m = ex.choice("t-pr", "Which?", ["a", "b", "c", "d"], key("t-pr", correct=[0, 2, 3]), ["h"])
    fb = m.check(("a",))
    assert fb.status == ex.NOT_YET and fb.message.startswith("Partly right: 1 option you chose is right")
    assert "2 more options apply" in fb.message
    fb = m.check(("a", "b"))
    assert fb.message.startswith("Partly right: 1 option you chose is right, 1 is not")
    assert m.check(("b",)).message.startswith("Not yet.")


def test_prompts_name_passages_by_their_title_never_by_id():
    from helpers.data import sources

    title = sources.excerpt("01-workers")["title"]
    text = keys.readable_prompt("From the two numbers in passage 01-workers (1,185 and 2,107 thousand)")
    assert "01-workers" not in text and f"the passage “{title}”" in text
    assert keys.readable_prompt("see 01-no-such-passage") == "see 01-no-such-passage"


def test_hints_and_prompts_of_declared_exercises_hold_no_code_or_ids():
    """What a student reads in an exercise: no code (calls, assignments, `**`), no internal ids."""
    code = re.compile(r"\w\([^)]*[\"'][^)]*\)|\b[a-z_]\w*\.[a-z_]\w*\(|\*\*|`")
    for eid in keys.declared():
        e = ex.show(eid)
        for text in [e.prompt, *e.hints]:
            assert not code.search(text), f"{eid}: code in what a student reads: {text!r}"
            assert not re.search(r"\b\d{2}-ex-|\bpassage \d{2}-", text), f"{eid}: an internal id: {text!r}"
