"""Chart text meets WCAG AA contrast (4.5:1) against what is behind it, for every chart kind, and no
chart tells series apart by colour alone.

Each kind is drawn from real course data, as the chart gallery draws it; every visible text of the
figure (title, notes, source line, axis labels, ticks, legend, bar and gap labels) is checked against
its background: its own box if it has one, the bar it sits in, or the white figure.
"""

from __future__ import annotations

import pytest
from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from helpers import widgets
from helpers.charts import style
from helpers.charts.bars import text_colour

AA_TEXT = 4.5


def luminance(colour) -> float:
    r, g, b, _ = to_rgba(colour)
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def over_white(colour) -> tuple[float, float, float]:
    r, g, b, a = to_rgba(colour)
    return (r * a + (1 - a), g * a + (1 - a), b * a + (1 - a))


def test_contrast_formula():
    assert contrast("black", "white") == pytest.approx(21.0)
    assert contrast("#777777", "white") == pytest.approx(4.48, abs=0.01)  # the classic just-failing grey


def test_grey_text_colours_of_the_style_meet_aa_on_white():
    assert contrast(style.GREY, "white") >= AA_TEXT


@pytest.mark.parametrize("face", list(style.SERIES_COLOURS) + [style.LIGHT_GREY, style.GREY])
def test_labels_inside_bars_meet_aa(face):
    assert contrast(text_colour(face), face) >= AA_TEXT, f"label colour {text_colour(face)} on a {face} bar"


def _charts():
    yield (
        "timeseries",
        widgets.timeseries_panel(
            {
                "Comparable circle (su_rec)": (
                    "gross_output_large_scale_industry",
                    {"scope": "comparable circle", "source": "su_rec"},
                ),
                "Full range of industries": ("gross_output_large_scale_industry", {"scope": "full range"}),
            },
            title="Gross output of large-scale industry",
            base="1913",
        ),
    )
    yield (
        "small multiples",
        widgets.small_multiples_panel(
            {
                "Fixed assets": ("fixed_assets_large_scale_industry", {"source": "su_rec"}),
                "Coal mined": ("coal_output", {"source": "su_rec"}),
            },
            title="Recovery: two measures",
            years=("1920", "1925/26"),
        ),
    )
    yield (
        "shares",
        widgets.shares_panel(
            {"Group A: means of production": ("share_group_a", {"scope": "large-scale industry"})},
            title="Share of group A",
            remainder_label="rest: group B (computed)",
        ),
    )
    yield (
        "plan",
        widgets.plan_panel(
            {
                "Growth of industrial output, 1928/29": {
                    "targets": {"five-year plan": "plan_growth_rate_gross_output"},
                    "actual": ("growth_rate_gross_output", {"source": "su_ind", "periods": "economic"}),
                    "actual_label": "outcome (su_ind)",
                }
            }
        ),
    )
    yield (
        "before/after",
        widgets.before_after_panel(
            {
                "Pig iron": ("pig_iron_output", {"prefer": ["su_ind", "su_rec"], "periods": "calendar"}),
                "Steel": ("steel_output", {"prefer": ["su_ind", "su_rec"]}),
            },
            title="Pig iron and steel",
            years=("1913", "1921", "1925", "1929"),
            shown_years=("1913", "1925", "1929"),
        ),
    )


def _background(text: Text, fig) -> tuple:
    patch = text.get_bbox_patch()
    if patch is not None and patch.get_visible():
        return over_white(patch.get_facecolor())
    ax = text.axes
    if ax is not None:
        box = text.get_window_extent(fig.canvas.get_renderer())
        x, y = (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2  # the middle of the drawn text
        for p in ax.patches:
            if (
                isinstance(p, Rectangle)
                and p.get_visible()
                and p.get_facecolor()[3] > 0
                and p.get_width()
                and p.get_height()
            ):
                if p.get_window_extent().contains(x, y) and p.get_zorder() < text.get_zorder():
                    return over_white(p.get_facecolor())
    return over_white(fig.get_facecolor())


CHARTS = list(_charts())


@pytest.mark.parametrize("kind,panel", CHARTS, ids=[k for k, _ in CHARTS])
def test_every_chart_text_meets_aa(kind, panel):
    chart = panel.chart
    chart.render()
    fig = chart.figure
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and t.get_alpha() in (None, 1)]
    assert len(texts) > 5
    low = []
    for t in texts:
        ratio = contrast(t.get_color(), _background(t, fig))
        if ratio < AA_TEXT:
            low.append(f"{t.get_text()[:40]!r}: {t.get_color()} at {ratio:.2f}:1")
    assert not low, f"{kind} chart: text below AA contrast: " + "; ".join(low)


def test_series_are_told_apart_by_more_than_colour():
    assert len(set(style.MARKERS)) == len(style.MARKERS) == len(style.SERIES_COLOURS)
    # the approximate values are told apart by hatching, not by a lighter colour alone
    from helpers.charts.bars import hatch_for

    assert hatch_for("approx") and not hatch_for("exact")
