"""Stated times are honest: each notebook's "Time to learn" is what the course's time model gives,
and every episode's core fits the longest core the course allows (tools/lesson_time.py; the rates and
limits are settings in config/course.toml)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("lesson_time", ROOT / "tools" / "lesson_time.py")
lesson_time = importlib.util.module_from_spec(spec)
sys.modules["lesson_time"] = lesson_time
spec.loader.exec_module(lesson_time)

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
S = lesson_time.SETTINGS
FIX = (
    "tag some cells 'optional' (the \"Going further\" part), shorten the core, "
    f"or change the setting in {lesson_time.SETTINGS_FILE.relative_to(ROOT)}"
)


def _close(stated: int, model: int) -> bool:
    return abs(stated - model) <= S["stated_tolerance"] * model


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_stated_time_is_what_the_model_gives(path):
    est = lesson_time.estimate(path)
    core, optional = lesson_time.stated(path)
    assert core is not None, (
        f"notebooks/{path.name}: no line '**Time to learn:** about N minutes …'; "
        f"run `python tools/lesson_time.py notebooks/{path.name}` and state what it prints"
    )
    assert _close(core, est.minutes()), (
        f"notebooks/{path.name}: states {core} min for the core, the time model gives {est.minutes()} "
        f"({', '.join(f'{k} {v:.0f}' for k, v in sorted(est.parts['core'].items()))}): state "
        f"'about {est.minutes()} minutes' in its 'Time to learn' line"
    )
    if est.minutes("optional"):
        assert optional is not None and _close(optional, est.minutes("optional")), (
            f"notebooks/{path.name}: the optional part is {est.minutes('optional')} min by the time model, "
            f"stated {optional}: state 'about {est.minutes('optional')} minutes of optional extension'"
        )


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith(("00_", "99_"))], ids=lambda p: p.name)
def test_every_episode_core_fits_the_longest_core_allowed(path):
    core = lesson_time.estimate(path).minutes()
    assert core <= S["core_max_minutes"], (
        f"notebooks/{path.name}: the core takes {core} min by the time model, more than the "
        f"{S['core_max_minutes']} allowed: {FIX}"
    )


def test_the_model_counts_what_it_says(tmp_path):
    import json

    nb = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": " ".join(["word"] * 260)},
            {"cell_type": "markdown", "metadata": {"tags": ["solution"]}, "source": " ".join(["word"] * 900)},
            {"cell_type": "code", "metadata": {}, "source": 'widgets.show("01-coal")'},
            {
                "cell_type": "markdown",
                "metadata": {},
                "source": "**Read the chart**\n" + " ".join(["question"] * 500),
            },
            {
                "cell_type": "code",
                "metadata": {},
                "source": 'quote("01-coal-mined")',
                "outputs": [
                    {
                        "output_type": "execute_result",
                        "data": {
                            "text/html": "<figure>"
                            + " ".join(["shown"] * 260)
                            + "<details><summary>About this source</summary>"
                            + " ".join(["edition"] * 500)
                            + "</details></figure>"
                        },
                    }
                ],
            },
            {
                "cell_type": "code",
                "metadata": {"tags": ["optional"]},
                "source": "table",
                "outputs": [
                    {
                        "output_type": "execute_result",
                        "data": {
                            "text/html": "<table><tr><td>"
                            + " ".join(["cell"] * 129)
                            + "</td></tr></table><details><summary>Text description</summary>"
                            + " ".join(["hidden"] * 1000)
                            + "</details>",
                            "text/plain": "ignored",
                        },
                    }
                ],
            },
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    p = tmp_path / "t.ipynb"
    p.write_text(json.dumps(nb))
    est = lesson_time.estimate(p)
    # 260 words of prose at 130 a minute; the chart with its "Read the chart" questions: 5 minutes;
    # a quotation counted by what it shows, not what is behind its disclosure
    assert est.parts["core"] == {"prose": 2.0, "charts": 5, "quotations": 2.0}
    # a table of 129 words + the one word of code, without the collapsed text description
    assert est.parts["optional"] == {"tables and code": 1.0}
    assert est.minutes() == 10 and est.minutes("optional") == 5


def test_a_bad_setting_is_refused_with_its_name(tmp_path):
    bad = tmp_path / "course.toml"
    bad.write_text("[time_model]\nwords_per_minute = 0\n[seminar]\n")
    with pytest.raises(SystemExit, match=r"words_per_minute must be a positive number"):
        lesson_time.settings(bad)
