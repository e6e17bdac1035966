"""Text alternatives: what is shown, range, trend, extremes, gaps, precision, source."""

import numpy as np
import pytest
from _series import fx  # noqa: E402

from helpers import textalt
from helpers.charts import builders, layout, selections


def ts_model(series: dict, **kw):
    choices = [selections.load_choice(k, v) for k, v in series.items()]
    opts = layout.period_options(choices)
    kw.setdefault("years", (opts[0][0], opts[-1][0]))
    return builders.timeseries_model(choices, title="Output", selected=list(series), options=opts, **kw)


def test_trend_words():
    assert textalt.trend(100, 195.3) == "up 95.3%"
    assert textalt.trend(10251, 7739) == "down 24.5%"
    assert textalt.trend(5, 5) == "unchanged"
    assert textalt.trend(0, 3) == "up from zero"
    assert textalt.trend(40.7, 45.0, points=True) == "up 4.3 percentage points"


def test_timeseries_text_says_what_range_trend_extremes_gaps():
    m = ts_model({"Gross output": fx({1913: 10251, 1921: 2004, 1925: 7739}, unit="million rubles")})
    text = textalt.describe(m)
    assert text.startswith("Line chart: Output. Million rubles, 1913–1925, linear scale.")
    assert "3 values from 1913 to 1925" in text
    assert "10,251 in 1913, 7,739 in 1925 (down 24.5%)" in text
    assert "lowest 2,004 in 1921, highest 10,251 in 1913" in text
    assert "no figures for 1914–1920, 1922–1924" in text
    assert textalt.summary(m) == "Line chart: Output. Million rubles, 1913–1925, linear scale."


def test_text_follows_the_view():
    s = {"Gross output": fx({1913: 10251, 1921: 2004, 1925: 7739}, unit="million rubles")}
    absolute = textalt.describe(ts_model(s))
    index = textalt.describe(ts_model(s, base="1913"))
    log = textalt.describe(ts_model(s, scale="log"))
    narrow = textalt.describe(ts_model(s, years=("1921", "1925")))
    assert len({absolute, index, log, narrow}) == 4
    assert "Index, 1913 = 100" in index and "75.5 in 1925" in index
    assert "log scale" in log
    assert "1921–1925" in narrow and "1913" not in narrow.split("Source")[0]


def test_single_point_and_approximate_and_economic_years():
    m = ts_model({"Investment": fx({1926: 1.5}, freq="Y-SEP", unit="billion rubles", precision={"1925/26": "approx"})})
    text = textalt.describe(m)
    assert "Investment (economic years)" in text
    assert "one value: 1.5 in 1925/26" in text
    assert "approximate: 1925/26 (about)" in text


def test_empty_model_and_messages():
    choices = [selections.load_choice("A", fx({1913: 1.0}))]
    m = builders.timeseries_model(
        choices, title="t", selected=[], years=("1913", "1913"), options=layout.period_options(choices)
    )
    assert textalt.describe(m).startswith("No chart: No series selected")
    assert textalt.describe(None) == "No chart yet."
    m = ts_model({"A": fx({1913: 1.0, 1914: 2.0}), "B": fx({1920: 3.0})}, base="1913")
    text = textalt.describe(m)
    assert "Not shown: B has no value for 1913" in text


def test_mixed_period_kinds_are_said():
    m = ts_model({"econ": fx({1925: 1.0, 1926: 2.0}, freq="Y-SEP"), "cal": fx({1925: 1.5})}, allow_mixed_periods=True)
    text = textalt.describe(m)
    assert "econ (economic years)" in text
    assert "Economic years (October–September) and calendar years are both shown" in text


def test_shares_text_in_percentage_points_and_remainder():
    choices = [selections.load_choice("Group A", fx({1913: 40.7, 1929: 45.0}, unit="%"))]
    m = builders.shares_model(
        choices, title="Group A", selected=["Group A"], years=("1913", "1929"), options=layout.period_options(choices)
    )
    text = textalt.describe(m)
    assert text.startswith("Stacked bar chart of shares in %")
    assert "40.7% in 1913, 45% in 1929 (up 4.3 percentage points)" in text
    assert "computed as 100% minus the stated shares" in text


def test_plan_text_gives_percent_of_target():
    t = selections.load_choice("five-year plan", fx({1929: 21.4}, freq="Y-SEP", unit="%"))
    t.role = "target"
    a = selections.load_choice("outcome", fx({1929: 24.0}, freq="Y-SEP", unit="%"))
    opts = layout.period_options([t, a])
    m = builders.plan_model(
        [t], a, title="Growth", variants=["five-year plan"], years=("1928/29", "1928/29"), options=opts
    )
    text = textalt.describe(m)
    assert "1928/29: target (five-year plan) 21.4%, outcome 24% (112.1% of the five-year plan target)." in text
    m = builders.plan_model(
        [t],
        a,
        title="Growth",
        variants=["five-year plan"],
        years=("1928/29", "1928/29"),
        options=opts,
        show="% of plan",
    )
    assert "1928/29 112.1%" in textalt.describe(m)


def test_before_after_text():
    choices = [
        selections.load_choice("Pig iron", fx({1913: 4.216, 1925: 1.3, 1929: 4.0}, unit="million tons")),
        selections.load_choice("Coal", fx({1925: 16.9, 1929: 41.7}, unit="million tons")),
    ]
    m = builders.before_after_model(
        choices, title="Metal", selected=["Pig iron", "Coal"], years=["1913", "1925", "1929"]
    )
    text = textalt.describe(m)
    assert text.startswith("Bar chart comparing 1913, 1925, 1929: Metal. Million tons.")
    assert "Pig iron: 1913 4.216, 1925 1.3, 1929 4, 1929 is 94.9% of 1913." in text
    assert "Coal: 1925 16.9, 1929 41.7, 1929 is 246.7% of 1925; no figure for 1913." in text


def test_small_multiples_text():
    choices = [
        selections.load_choice("A", fx({1913: 1.0, 1914: 2.0})),
        selections.load_choice("B", fx({1913: 5.0}, unit="rubles")),
    ]
    opts = layout.period_options(choices)
    m = builders.small_multiples_model(choices, title="Both", selected=["A", "B"], years=("1913", "1914"), options=opts)
    text = textalt.describe(m)
    assert text.startswith("Small multiples, 2 panels, each on its own axis and unit: Both. Years 1913–1914.")
    assert "A (tons): 2 values" in text and "B (rubles): one value: 5 in 1913" in text


def test_values_are_listed_for_short_series_only():
    short = textalt.describe(ts_model({"s": fx({1913 + i: float(i + 1) for i in range(5)})}))
    long = textalt.describe(ts_model({"s": fx({1900 + i: float(i + 1) for i in range(30)})}))
    assert "values: 1913 1" in short
    assert "values:" not in long and "30 values from 1900 to 1929" in long


def test_converted_values_are_rounded():
    assert textalt.significant(1.5350000000001) == 1.535
    assert np.isnan(textalt.significant(float("nan")))


@pytest.mark.parametrize("base", ["absolute", "1913"])
def test_text_numbers_are_the_plotted_numbers(base):
    m = ts_model({"Gross": fx({1913: 10251, 1921: 2004, 1925: 7739}, unit="million rubles")}, base=base)
    text = textalt.describe(m)
    t = m.visible[0]
    for p, y in zip(t.periods, t.y):
        shown = textalt._num(y, m, t)
        assert f"{p} {shown}" in text


def test_a_change_to_or_from_a_bound_is_a_bound_itself_without_false_decimals():
    """ "over a billion" in 1929/30 against 105 in 1927/28 is a rise of at least 852%, not of 852.4%."""
    assert textalt.trend(105, 1000, ends=("exact", "over")) == "up at least 852%"
    assert textalt.trend(105, 1000, ends=("over", "exact")) == "up at most 852%"
    assert textalt.trend(1000, 105, ends=("exact", "over")) == "down at most 90%"
    assert textalt.trend(1000, 105, ends=("exact", "almost")) == "down at least 90%"
    assert textalt.trend(100, 150, ends=("approx", "exact")) == "up about 50%"
    assert textalt.trend(100, 150, ends=("over", "over")) == "up about 50%"
    assert textalt.trend(40.7, 45.0, points=True, ends=("exact", "under")) == "up at most 4 percentage points"
