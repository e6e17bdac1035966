"""Self-checks as a student uses them, in JupyterLab at 1366×768 (the student edition, after *Run All*).

* **Enter checks** the answer typed in a number box, as the *Check* button does;
* **a changed answer clears the old verdict**: a "Correct" never stays under an answer that was changed;
* **a number in the wrong unit is named** ("… in million poods … million tons"), not answered with the hint
  for a step already done;
* a radio choice: changing the option clears the verdict too.

The right answer is read from the exercise's key (as the key tests do), never typed into the test.
"""

from __future__ import annotations

import pytest
from drive import settle

from helpers import exercises as ex
from helpers.data.units import conversion_factor

pytestmark = pytest.mark.browser

NUMERIC = "04-ex-grain-swing"  # asks for million tonnes; the prompt's numbers are in million poods
CHOICE = "04-ex-shakhty"
NOTEBOOK = "04_end_of_nep.ipynb"  # the page of the other JupyterLab tests of 04 (``lab_notebook``)


def _exercise(page, prompt_start: str):
    box = page.locator(".nep-exercise").filter(has_text=prompt_start).first
    box.scroll_into_view_if_needed()
    return box


def _verdict(box) -> str:
    """The feedback under the exercise once the kernel has answered what was sent (empty if there is none)."""
    return box.locator(".nep-feedback").inner_text().strip()


def test_enter_checks_a_changed_answer_clears_the_verdict_and_units_are_named(lab_notebook):
    page = lab_notebook(NOTEBOOK, viewport=(1366, 768)).page
    numeric = ex.show(NUMERIC)
    right = float(numeric.answer["value"])
    box = _exercise(page, numeric.prompt[:40])
    field = box.locator("input[type=text]")

    # Enter checks: the right answer, typed and entered, is "Correct"
    field.fill(f"{right:.2f}")
    settle(page)
    field.press("Enter")
    settle(page)
    assert _verdict(box).startswith("Correct"), f"Enter did not check the answer: {_verdict(box)!r}"

    # a changed answer clears the old verdict at once, before anything is pressed
    field.fill(f"{right + 7:.2f}")
    settle(page)
    assert _verdict(box) == "", "a 'Correct' stayed under a changed answer"

    # the right quantity in the prompt's unit (million poods) is named as such
    in_poods = right / conversion_factor("million poods", "million tons")
    field.fill(f"{in_poods:.1f}")
    settle(page)
    field.press("Enter")
    settle(page)
    told = _verdict(box)
    assert told.startswith("Not yet") and "poods" in told and "tons" in told, told
    assert "Add the two quantities" not in told, f"the hint for a step already done: {told!r}"

    # a radio choice: choosing another option clears the verdict
    choice = ex.show(CHOICE)
    cbox = _exercise(page, choice.prompt[:40])
    radios = cbox.locator("input[type=radio]")
    radios.nth(0).check()
    settle(page)
    cbox.get_by_role("button", name="Check").click()
    settle(page)
    assert _verdict(cbox), "no verdict after Check"
    radios.nth(1).check()
    settle(page)
    assert _verdict(cbox) == "", "a verdict stayed under a changed choice"
