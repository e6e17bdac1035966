"""The house style: palette, labels, numbers, source line."""

import pandas as pd
import pytest
from matplotlib.figure import Figure

from helpers import numbers, periods, style


def test_series_colours_are_the_okabe_ito_palette_with_yellow_last():
    assert set(style.SERIES_COLOURS) == set(style.OKABE_ITO.values()) and len(style.OKABE_ITO) == 8
    assert style.SERIES_COLOURS[-1] == style.OKABE_ITO["yellow"]  # faint on white: used last


def test_colours_and_markers_cycle_and_pair():
    n = len(style.SERIES_COLOURS)
    assert style.colour(0) == style.colour(n)
    assert len(set(style.MARKERS)) == len(style.MARKERS) == n  # every colour slot has its own marker
    assert style.marker(3) == style.MARKERS[3]


@pytest.mark.parametrize(
    "unit, basis, expected",
    [
        ("million rubles", "1926/27 prices", "million rubles, 1926/27 prices"),
        ("thousand tons", "", "thousand tons"),
        ("million rubles", "unstated", "million rubles (price basis not stated)"),
        ("", "", "value"),
    ],
)
def test_axis_label_carries_unit_and_price_basis(unit, basis, expected):
    assert style.axis_label(unit, basis) == expected


def test_index_label():
    assert style.index_label("1913") == "index, 1913 = 100"
    assert (
        style.index_label("1921", ["tons", "tons", "million rubles"]) == "index, 1921 = 100 (from tons; million rubles)"
    )


def test_period_labels_as_the_sources_write_them():
    assert periods.period_label(pd.Period("1926", "Y-SEP")) == "1925/26"
    assert periods.period_label(pd.Period("1926", "Y-DEC")) == "1926"


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (8090, None, "8,090"),
        (3.62, None, "3.62"),
        (10251.0, None, "10,251"),
        (1535000, None, "1,535,000"),
        (0.755, None, "0.755"),
        (75.4950, 1, "75.5"),
        (float("nan"), None, "–"),
        (-12.5, None, "-12.5"),
        (4.216, None, "4.216"),
        (1234.5, None, "1,234.5"),
    ],
)
def test_format_number(value, decimals, expected):
    assert numbers.format_number(value, decimals) == expected


def test_format_value_words_and_percent():
    assert numbers.format_value(1.5, "billion rubles", "approx") == "about 1.5 billion rubles"
    assert numbers.format_value(43.7, "%") == "43.7%"
    assert numbers.format_value(4, "%", "under") == "under 4%"
    assert numbers.format_value(float("nan"), "tons") == "no figure"


def test_mpl_text_keeps_dollars_literal():
    assert style.mpl_text("cost $5 and $6") == r"cost \$5 and \$6"
    fig = Figure()
    t = fig.text(0, 0, style.mpl_text("$x$"))
    assert not t._preprocess_math(t.get_text())[1]  # not parsed as maths


def test_source_line_uses_titles_and_tolerates_unknown_ids():
    lookup = {"a": {"title": "Title A"}, "b": {"title": "B " * 60}}
    line = style.source_line(["a", "b", "a", "zz"], lookup=lambda i: lookup[i])
    assert line.startswith("Sources: Title A (a); B B")
    assert "…" not in line and ("B " * 60).strip() in line and line.endswith("zz"), "never cut short"
    assert style.source_line(["a"], lookup=lambda i: lookup[i]) == "Source: Title A (a)"
    assert style.source_line([]) == ""
    assert style.source_line(citations=["Davies (1989)"]) == "Source: Davies (1989)"


def test_source_line_with_real_sources():
    assert "(su_rec)" in style.source_line(["su_rec"])
    # two chapters of one book: the book once, both ids; nothing cut with an ellipsis
    both = style.source_line(["su_rec", "su_ind"])
    assert both == "Sources: The development of the Soviet economy (su_rec, su_ind)"
    long = "Bolt, J. and J. L. van Zanden (2020), Maddison style estimates of the evolution of the world economy"
    assert style.source_line(citations=[long]) == f"Source: {long}"


def test_wrap():
    assert style.wrap("a" * 10, 4).split("\n") == ["aaaa", "aaaa", "aa"]
    assert max(len(x) for x in style.wrap("Comparable circle of large-scale industry (su_rec)", 20).split("\n")) <= 20


def test_style_axes_hides_top_and_right_spines():
    ax = Figure().add_subplot()
    style.style_axes(ax)
    assert not ax.spines["top"].get_visible() and not ax.spines["right"].get_visible()
    assert ax.spines["left"].get_visible()
