"""Every control worth touching (issue 23 §2): charts open on what a student can read, controls offer only
what can be drawn (or are switched off with their reason), titles follow the years shown, the mark of the
chosen year never hides the points it marks, and what a student reads holds no programmer's words."""

from __future__ import annotations

import re

import pytest

from helpers import widgets
from helpers.ui.panels import title_for_years
from helpers.ui.widgets import declared

OPTIONS = [("1913", 0.0), ("1921", 8.0), ("1928", 15.0), ("1933", 20.0)]


def test_a_title_follows_the_years_shown():
    assert title_for_years("The grain harvest, 1913–1933, in three estimates", ("1928", "1933"), OPTIONS) == (
        "The grain harvest, 1928–1933, in three estimates"
    )
    assert title_for_years("Harvest, 1913–1933", ("1913", "1933"), OPTIONS) == "Harvest, 1913–1933"
    assert title_for_years("Harvest, 1913–1933", ("1921", "1921"), OPTIONS) == "Harvest, 1921"
    assert title_for_years("Plan of 1926–1930", ("1921", "1928"), OPTIONS) == "Plan of 1926–1930", "another span"


@pytest.mark.parametrize("chart_id", ["02-private-rubles", "03-loans"])
def test_no_chart_opens_on_a_log_scale(chart_id):
    spec = declared(chart_id)
    assert spec.get("scale", "linear") == "linear"


def test_the_harvest_chart_opens_on_the_years_that_matter_with_a_title_that_says_so():
    p = widgets.show("04-harvest")
    assert p.state["years"] == ("1913", "1933") and "1913 and 1929–1933" in p.model.title


def test_an_index_is_offered_only_from_a_period_every_ticked_series_has():
    p = widgets.show("03-three")
    base = p.controls["base"]
    assert p.options("base") == ["absolute"] and base.widget.disabled
    assert "no period has a value for every ticked series" in base.widget.tooltip
    p.set(series=("3a. Loans: state debt (on a date)",))
    assert len(p.options("base")) > 1 and not base.widget.disabled
    for b in p.options("base")[1:]:  # each index offered draws the ticked series
        assert p.set(base=b) and p.plotted, b


def test_absolute_values_never_put_gdp_and_gdp_per_head_on_one_axis():
    p = widgets.show("04-gdp-slowdown")
    assert "absolute" not in p.options("base")
    p.set(series=("GDP",))
    assert "absolute" in p.options("base"), "one series alone can be shown as it is"


def test_every_declared_control_value_draws_something():
    """No dead end: every value a control offers, from the default state, draws a chart (or explains itself)."""
    for chart_id, spec in declared().items():
        if any(isinstance(v, dict) and "given" in v for v in (spec.get("series") or {}).values()):
            continue  # needs a series the notebook computes
        try:
            p = widgets.show(chart_id)
        except Exception:  # a chart that needs given series (plan items) is covered by the notebooks' tests
            continue
        default = p.state
        for name, control in p.controls.items():
            if name == "period" or control.kind != "single" or not control.visible or control.widget.disabled:
                continue
            for value in p.options(name):
                assert p.set(**{name: value}), (chart_id, name, value, p.message)
                assert not p.model.empty, f"{chart_id}: {name}={value!r} draws an empty chart: {p.model.empty}"
            p.set(**{name: default[name]})


PROGRAMMERS_WORDS = re.compile(r"scope=|source=|data\.rows\(|change_pct|percent_of_base|\{'|\bdtype\b|\\d|\[\^")


def test_chart_messages_and_labels_hold_no_programmers_words():
    for chart_id in declared():
        try:
            p = widgets.show(chart_id)
        except Exception:
            continue
        for name, control in p.controls.items():
            if control.kind != "single" or name == "period":
                continue
            for value in p.options(name):
                p.set(**{name: value})
                shown = " ".join([p.message, p.model.title, *(t.label for t in p.model.visible)])
                assert not PROGRAMMERS_WORDS.search(shown), f"{chart_id} {name}={value!r}: {shown[:200]!r}"
