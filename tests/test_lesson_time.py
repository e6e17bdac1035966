"""Stated times are honest: each notebook's "Time to learn" is what the course's time model gives,
and every episode's core fits a 90-minute seminar with its discussion (tools/lesson_time.py)."""

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
SEMINAR, DISCUSSION = 90, 20


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_stated_time_is_what_the_model_gives(path):
    est = lesson_time.estimate(path)
    core, optional = lesson_time.stated(path)
    assert core is not None, f"{path.name}: no '**Time to learn:** about N minutes …' line"
    assert abs(core - est.minutes()) <= 5, (
        f"{path.name}: states {core} min, the model gives {est.minutes()} ({est.parts['core']})"
    )
    if est.minutes("optional"):
        assert optional is not None and abs(optional - est.minutes("optional")) <= 5, (
            f"{path.name}: optional part is {est.minutes('optional')} min by the model, stated {optional}"
        )


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if not p.name.startswith(("00_", "99_"))], ids=lambda p: p.name)
def test_every_episode_core_fits_a_seminar_with_its_discussion(path):
    core = lesson_time.estimate(path).minutes()
    assert core + DISCUSSION <= SEMINAR, f"{path.name}: core {core} min + {DISCUSSION} min discussion > {SEMINAR}"


def test_the_model_counts_what_it_says(tmp_path):
    import json

    nb = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": " ".join(["word"] * 300)},
            {"cell_type": "markdown", "metadata": {"tags": ["solution"]}, "source": " ".join(["word"] * 900)},
            {"cell_type": "code", "metadata": {}, "source": 'widgets.show("01-coal")'},
            {"cell_type": "code", "metadata": {"tags": ["optional"]}, "source": "x = 1 + 1"},
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    p = tmp_path / "t.ipynb"
    p.write_text(json.dumps(nb))
    est = lesson_time.estimate(p)
    assert est.parts["core"] == {"prose": 2.0, "charts": 3}
    assert est.parts["optional"] == {"code": 1}
    assert est.minutes() == 5 and est.minutes("optional") == 5
