"""Self-check exercises with instant feedback: the widgets a student answers.

Four kinds, each a small widget with a plain, testable ``check`` method:

* :func:`numeric` — a number, accepted within an explicit tolerance;
* :func:`choice` — multiple choice: one right option (radio buttons) or several (one check box per
  option, so that Tab and Space work in JupyterLab);
* :func:`passage` — "which passage supports this claim?", options are excerpt or figure ids;
* :func:`reflection` — free text, not graded; the student gets points to compare with.

Exercises are declared in ``data/exercises/*.yml`` and shown by id: ``ex.show("01-coal-growth")``. The
keys, declarations and the key tool are in :mod:`helpers.teaching.exercises`. A malformed answer (text
where a number is expected, an empty box) gets a message saying what to type, never a traceback.
"""

from __future__ import annotations

import math
import re

import ipywidgets as W

from helpers.data import sources
from helpers.data import statements as data
from helpers.data.numbers import parse_number
from helpers.errors import CourseError
from helpers.teaching import answers, exercises
from helpers.teaching.exercises import (
    CORRECT,
    INVALID,
    NOT_YET,
    ExerciseKeyError,
    Feedback,
    decode_key,
    readable_prompt,
)
from helpers.ui import html as H
from helpers.ui.view import View

__all__ = ["Exercise", "Numeric", "Choice", "Reflection", "numeric", "choice", "passage", "reflection", "show"]


class Exercise(View):
    """Base: an id, a prompt, hints and an encoded key; subclasses implement ``check``.

    A view like every other (:class:`helpers.ui.view.View`): ``.state`` (``{"answer": …}``, what the
    input shows), ``.set(answer=…)`` fills the input, ``.submit()`` checks it and shows the
    feedback (as the *Check* button does), ``.hint()`` shows the next hint, ``.feedback`` is the last
    :class:`Feedback`. Its box carries ``nep-view nep-exercise``. Without a kernel it shows the prompt
    (and the options) and says to run the notebook; the answer never appears in any output.
    """

    kind = "exercise"

    def __init__(self, exercise_id: str, prompt: str, key: dict | str, hints: list[str]):
        super().__init__()
        self.exercise_id = exercise_id
        self.prompt = readable_prompt(prompt)
        self.hints = [readable_prompt(h) for h in hints]
        self.hints_shown = 0
        self.title = self.heading
        if not self.hints:
            raise CourseError(f"Exercise {self.exercise_id!r} needs at least one hint.")
        self.answer = key if isinstance(key, dict) else decode_key(self.exercise_id, key)  # plain, or sealed
        self.feedback: Feedback | None = None
        self._build()

    def next_hint(self) -> str:
        """The next hint (the last one repeats once all are shown)."""
        hint = self.hints[min(self.hints_shown, len(self.hints) - 1)]
        self.hints_shown = min(self.hints_shown + 1, len(self.hints))
        return hint

    def check(self, answer) -> Feedback:  # pragma: no cover - abstract
        raise NotImplementedError

    #: what the exercise is called where it is shown (never its id: that is the course's, not the student's)
    heading = "Self-check"

    # ---- the view ------------------------------------------------------------------------
    @property
    def options_text(self) -> list[str]:
        return []

    @property
    def text(self) -> str:
        lines = [self.prompt] + [f"  {i + 1}. {o}" for i, o in enumerate(self.options_text)]
        if self.feedback is not None:
            lines.append(self.feedback.text)
        return "\n".join(lines)

    def plain_text(self) -> str:
        lines = [f"{self.heading}: {self.prompt}"]
        lines += [f"  {i + 1}. {o}" for i, o in enumerate(self.options_text)]
        lines.append("(Run the notebook to type an answer and check it.)")
        return "\n".join(lines)

    def static_html(self) -> str:
        opts = "".join(f"<li>{H.escape(o)}</li>" for o in self.options_text)
        return (
            '<div class="nep-exercise-static" style="border-left:4px solid #56B4E9;padding:0.3em 0.8em;'
            'max-width:46em">'
            f"<p><strong>{H.escape(self.heading)}</strong> — {H.escape(self.prompt)}</p>"
            + (f"<ol>{opts}</ol>" if opts else "")
            + f'<p style="{H.CSS["muted"]};font-size:max(0.9em,11px)">'
            + "Run the notebook to type an answer and check it.</p></div>"
        )

    def _build(self) -> None:
        self.prompt_html = W.HTML(
            f"<b>{H.escape(self.heading)}</b> — {H.escape(self.prompt)}",
            layout=W.Layout(max_width="100%"),
        )
        self.input = self._input_widget()
        self.check_button = W.Button(description="Check", tooltip="Check your answer", button_style="primary")
        self.hint_button = W.Button(description="Hint", tooltip="Show a hint")
        self.feedback_html = W.HTML(value="", layout=W.Layout(min_height="1.5em", max_width="100%"))
        self.feedback_html.add_class("nep-feedback")
        self.feedback_html.layout.margin = "0.2em 0 0 0"
        self.check_button.on_click(lambda _: self.submit())
        self.hint_button.on_click(lambda _: self.hint())
        self._watch(self._answer_changed)
        self._state["answer"] = self._value()
        self._assemble(
            [
                self.prompt_html,
                self.input,
                W.HBox([self.check_button, self.hint_button]),
                self.feedback_html,
                self.message_html,
            ]
        )

    def _answer_changed(self, change=None) -> None:
        """The student changed the answer: the verdict on the old answer no longer applies, so it goes."""
        self._state["answer"] = self._value()
        if self.feedback is not None or self.feedback_html.value:
            self.feedback = None
            self.feedback_html.value = ""

    def _on_submit_message(self, widget, content, buffers) -> None:
        """Enter in the answer box (the text box's ``submit`` event) checks the answer, as *Check* does."""
        if isinstance(content, dict) and content.get("event") == "submit":
            self.submit()

    def _input_widget(self):  # pragma: no cover - overridden
        raise NotImplementedError

    def _watch(self, callback) -> None:
        """Call ``callback`` whenever the student changes the input."""
        self.input.observe(callback, names="value")

    def _value(self):
        return self.input.value

    def _put(self, value) -> None:
        self.input.value = value

    def set(self, **changes) -> bool:
        """Fill the input: ``set(answer="127.6")``; ``False`` and a message for anything else."""
        unknown = set(changes) - {"answer"}
        if unknown:
            self._show_problem(f"An exercise has one control, 'answer'; not {sorted(unknown)[0]!r}.")
            return False
        try:
            self._put(changes.get("answer", self._value()))
        except Exception as exc:  # ipywidgets refuses a value the input cannot show
            self._show_problem(f"{changes.get('answer')!r} cannot be put in this answer box ({exc}).")
            return False
        self._state["answer"] = self._value()
        self._show_messages([])
        return True

    def submit(self) -> Feedback:
        """Check what the input holds and show the feedback (the *Check* button)."""
        fb = self.check(self._value())
        self.feedback = fb
        style = {CORRECT: H.CSS["correct"], NOT_YET: H.CSS["not_yet"], INVALID: H.CSS["invalid"]}[fb.status]
        points = "".join(f"<li>{H.escape(p)}</li>" for p in fb.points)
        self.feedback_html.value = (
            f'<div role="status"><span style="{style}">{H.escape(fb.message)}</span>'
            + (f"<ul>{points}</ul>" if points else "")
            + "</div>"
        )
        exercises.record_answer(self.exercise_id, self._value(), fb.status)
        return fb

    def hint(self) -> str:
        """Show the next hint (the *Hint* button)."""
        h = self.next_hint()
        self.feedback_html.value = f'<span role="status">Hint: {H.escape(h)}</span>'
        return h


#: unit words a prompt may name (with an optional scale word before them), to recognise an answer given in
#: another unit than the one asked for
_UNIT_WORDS = r"(?:(?:thousand|million|billion)\s+)?(?:poods?|tonnes?|tons?|rubles?|roubles?)"
_ASKED_UNIT = re.compile(rf"how\s+(?:many|much)\s+(?:more\s+|fewer\s+)?({_UNIT_WORDS})", re.I)
_NAMED_UNIT = re.compile(rf"\b({_UNIT_WORDS})\b", re.I)
_PERCENT = re.compile(r"\bper\s*cent\b|\bpercent\b|%", re.I)


def _unit_name(unit: str) -> str:
    u = " ".join(unit.lower().split()).replace("roubles", "rubles").replace("rouble", "ruble")
    return re.sub(r"\btonnes?\b", "tons", re.sub(r"\bpood\b", "poods", re.sub(r"\bton\b", "tons", u)))


class Numeric(Exercise):
    def check(self, answer) -> Feedback:
        v = parse_number(answer)
        if v is None:
            shown = str(answer if answer is not None else "").strip()
            what = "an empty answer" if not shown else f"{shown!r}"
            return Feedback(INVALID, f"I could not read {what} as a number. Type digits, e.g. 42.5 (no units).")
        target, tol = float(self.answer["value"]), float(self.answer["tolerance"])
        if abs(v - target) <= tol:
            return Feedback(CORRECT, f"Correct (answers within ±{tol:g} of the expected value count as right).")
        mistake = self.diagnose(v)
        if mistake:
            return Feedback(NOT_YET, f"Not yet: {mistake}")
        direction = "too high" if v > target else "too low"
        return Feedback(NOT_YET, f"Not yet: {v:g} is {direction}. Hint: {self.next_hint()}")

    def diagnose(self, v: float) -> str:
        """What a wrong number most likely is, when it is the right quantity in another form: in another unit
        the prompt names, a fraction or an index instead of a percentage, the right size with the wrong sign.
        Empty when the number is none of these (then the next hint is given)."""
        target, tol = float(self.answer["value"]), float(self.answer["tolerance"])

        def near(x: float) -> bool:  # within the tolerance, or rounding in another unit (1 %)
            return abs(v - x) <= max(tol, abs(x) * 0.01)

        asked = _ASKED_UNIT.search(self.prompt)
        if asked:
            from helpers.data.units import conversion_factor
            from helpers.errors import UnitError

            want = _unit_name(asked.group(1))
            for named in dict.fromkeys(_unit_name(m) for m in _NAMED_UNIT.findall(self.prompt)):
                if named == want:
                    continue
                try:
                    factor = conversion_factor(named, want)
                except UnitError:
                    continue
                if near(target / factor):
                    return (
                        f"{v:g} is the right quantity, but in {named}. The question asks for {want}: "
                        f"convert it (the prompt and the cells above show how)."
                    )
        if _PERCENT.search(self.prompt) and target:
            if near(target / 100):
                return f"{v:g} looks like a fraction. The question asks for per cent: multiply it by 100."
            if near(100 + target) or near(1 + target / 100):
                return (
                    f"{v:g} is the later value as a percentage (or multiple) of the earlier one. The growth is what "
                    "it adds to the earlier value: subtract 100 per cent."
                )
        if target and near(-target):
            return f"{v:g} has the right size but the wrong sign: did the quantity rise or fall?"
        if tol < 0.5 and math.isfinite(v) and abs(v - target) <= 10 * tol:  # decimals asked, and nearly there
            return f"{v:g} is close. Check your rounding: the question says how many decimals to give."
        return ""

    def _input_widget(self):
        # continuous_update: the answer follows every keystroke, so a verdict on an older answer is cleared at
        # once and Enter (the box's submit event) checks exactly what the box shows
        box = W.Text(
            placeholder="a number, then Enter",
            description="Answer:",
            continuous_update=True,
            description_allow_html=False,
        )
        box.on_msg(self._on_submit_message)
        return box

    def _put(self, value) -> None:
        self.input.value = "" if value is None else str(value)


def _count(n: int, word: str, plural: str | None = None) -> str:
    """``'1 option'``, ``'2 options'``; with ``plural``, ``'1 is'`` / ``'2 are'``."""
    if plural is not None:
        return f"{n} {word if n == 1 else plural}"
    return f"{n} {word if n == 1 else word + 's'}"


class Choice(Exercise):
    def __init__(self, exercise_id, prompt, options, key, hints):
        self.options = list(options)
        answer = key if isinstance(key, dict) else decode_key(exercise_id, key)
        bad = [i for i in answer.get("correct", []) if not 0 <= i < len(self.options)]
        if bad:
            raise ExerciseKeyError(
                f"Exercise {exercise_id!r}: the key names option {bad[0]}, but there are {len(self.options)} options."
            )
        super().__init__(exercise_id, prompt, key, list(hints))

    @property
    def options_text(self) -> list[str]:
        return self.options

    @property
    def multiple(self) -> bool:
        return len(self.answer["correct"]) > 1

    def check(self, answer) -> Feedback:
        chosen = answer if isinstance(answer, (list, tuple, set)) else [answer]
        idx = []
        for a in chosen:
            if a in (None, ""):
                continue
            if isinstance(a, int) and not isinstance(a, bool) and 0 <= a < len(self.options):
                idx.append(a)
            elif a in self.options:
                idx.append(self.options.index(a))
            else:
                return Feedback(INVALID, f"{a!r} is not one of the options. Choose among the options shown.")
        if not idx:
            return Feedback(INVALID, "Choose an option first.")
        chosen_set, right = set(idx), set(self.answer["correct"])
        if chosen_set == right:
            return Feedback(CORRECT, "Correct.")
        if self.multiple:
            hits, wrong = len(chosen_set & right), len(chosen_set - right)
            if hits and not wrong:
                more = len(right) - hits
                return Feedback(
                    NOT_YET,
                    f"Partly right: {_count(hits, 'option')} you chose {'is' if hits == 1 else 'are'} right, "
                    f"and {_count(more, 'more option')} {'applies' if more == 1 else 'apply'} too. "
                    f"Hint: {self.next_hint()}",
                )
            if hits:
                return Feedback(
                    NOT_YET,
                    f"Partly right: {_count(hits, 'option')} you chose {'is' if hits == 1 else 'are'} right, "
                    f"{_count(wrong, 'is', 'are')} not. Hint: {self.next_hint()}",
                )
        return Feedback(NOT_YET, f"Not yet. Hint: {self.next_hint()}")

    def _input_widget(self):
        if self.multiple:
            # A group of check boxes, not a SelectMultiple: in JupyterLab a focused multi-select loses
            # ArrowUp/ArrowDown to the notebook's shortcuts (jupyter-widgets/ipywidgets#3912). Each box
            # is one Tab stop, Space ticks it, and its option text is its accessible name.
            self.checkboxes = [
                W.Checkbox(
                    value=False,
                    description=option,
                    indent=False,
                    description_allow_html=False,
                    layout=W.Layout(width="auto", height="auto", max_width="100%"),
                )
                for option in self.options
            ]
            legend = W.HTML("<span>Choose all that apply:</span>")
            group = W.VBox([legend, *self.checkboxes])
            group.add_class("nep-choices")
            return group
        return W.RadioButtons(
            options=self.options,
            value=None,
            description="Choose:",
            description_allow_html=False,
            layout=W.Layout(width="auto", max_width="100%"),
        )

    def _watch(self, callback) -> None:
        if self.multiple:
            for box in self.checkboxes:
                box.observe(callback, names="value")
        else:
            super()._watch(callback)

    def _value(self):
        if self.multiple:
            return tuple(o for o, box in zip(self.options, self.checkboxes) if box.value)
        return self.input.value

    def _put(self, value) -> None:
        def one(v):
            return (
                self.options[v] if isinstance(v, int) and not isinstance(v, bool) and 0 <= v < len(self.options) else v
            )

        if self.multiple:
            values = value if isinstance(value, (list, tuple, set)) else [value]
            chosen = [one(v) for v in values if v not in (None, "")]
            unknown = [v for v in chosen if v not in self.options]
            if unknown:
                raise ValueError(f"{unknown[0]!r} is not one of the options; give option texts or their numbers from 0")
            for option, box in zip(self.options, self.checkboxes):
                box.value = option in chosen
        else:
            self.input.value = None if value in (None, "") else one(value)


class Reflection(Exercise):
    """Free reflection: never graded; after an answer of some length, points to compare with are shown."""

    heading = "Reflection"

    def check(self, answer) -> Feedback:
        text = str(answer or "").strip()
        if len(text.split()) < 5:
            return Feedback(INVALID, "Write a few sentences first (at least five words); this is not graded.")
        points = [str(p) for p in self.answer.get("points", [])]
        return Feedback(CORRECT, "Thank you — not graded. Compare your answer with these points:", points)

    def _input_widget(self):
        saved = "kept for your instructor" if answers.enabled() else "not saved"
        return W.Textarea(
            placeholder=f"your answer (not graded, {saved})",
            description="Answer:",
            description_allow_html=False,
            layout=W.Layout(width="90%", height="6em"),
        )

    def _put(self, value) -> None:
        self.input.value = "" if value is None else str(value)


def numeric(exercise_id: str, prompt: str, key: dict | str, hints: list[str]) -> Numeric:
    return Numeric(exercise_id, prompt, key, list(hints))


def choice(exercise_id: str, prompt: str, options: list[str], key: dict | str, hints: list[str]) -> Choice:
    return Choice(exercise_id, prompt, options, key, hints)


def passage(exercise_id: str, claim: str, passage_ids: list[str], key: dict | str, hints: list[str]) -> Choice:
    """Which passage supports ``claim``? Options are excerpt ids (data/excerpts) or figure ids (data/figures.csv)."""
    texts = []
    for pid in passage_ids:
        try:
            texts.append(sources.excerpt(pid)["text"])
        except CourseError:
            texts.append(data.figure(pid)["quote"])
    return Choice(exercise_id, f"Which passage supports this claim? “{claim}”", texts, key, hints)


def reflection(exercise_id: str, prompt: str, key: dict | str, hints: list[str]) -> Reflection:
    return Reflection(exercise_id, prompt, key, list(hints))


def show(exercise_id: str) -> Exercise:
    """The exercise declared under ``exercise_id`` in ``data/exercises/``, ready to display."""
    spec = exercises.validated(exercise_id)
    kind = spec["kind"]
    answer = exercises.answer_of(exercise_id, spec)
    if kind == "numeric":
        return numeric(exercise_id, spec["prompt"], answer, spec["hints"])
    if kind == "choice":
        return choice(exercise_id, spec["prompt"], spec["options"], answer, spec["hints"])
    if kind == "passage":
        return passage(exercise_id, spec["claim"], spec["passages"], answer, spec["hints"])
    return reflection(exercise_id, spec["prompt"], answer, spec["hints"])
