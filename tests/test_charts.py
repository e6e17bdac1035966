"""Pure drawing: one figure, updated in place; artists show exactly the model."""

import io
import os

import numpy as np
import pytest
from _series import fx  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from helpers.charts import builders, selections
from helpers.charts import render as fastagg
from helpers.charts.axes_text import text_px
from helpers.charts.bars import BeforeAfterChart, PlanChart, SharesChart
from helpers.charts.figure import GAP_MARK
from helpers.charts.layout import period_options
from helpers.charts.lines import SmallMultiplesChart, TimeSeriesChart, gap_connectors, line_with_gaps
from helpers.charts.png import encode_png

SERIES = {
    "gappy": fx(
        {1913: 10.0, 1921: 2.0, 1922: 3.0, 1925: 8.0},
        precision={"1913": "exact", "1921": "approx", "1922": "exact", "1925": "almost"},
    ),
    "steady": fx({1920: 5.0, 1921: 6.0, 1922: 7.0, 1923: 8.0, 1924: 9.0, 1925: 10.0}),
    "single": fx({1923: 4.0}),
}


def ts_model(selected=tuple(SERIES), **kw):
    choices = [selections.load_choice(k, v) for k, v in SERIES.items()]
    opts = period_options(choices)
    kw.setdefault("years", (opts[0][0], opts[-1][0]))
    return builders.timeseries_model(choices, title="Title with $dollars$", selected=list(selected), options=opts, **kw)


def as_dict(t):
    return dict(zip(t.periods, (float(v) for v in t.y)))


def png_size(data: bytes):
    img = Image.open(io.BytesIO(data))
    img.load()
    return img.size


def test_encode_png_roundtrip():
    rgba = np.random.default_rng(0).integers(0, 256, (30, 40, 4), dtype=np.uint8)
    img = np.asarray(Image.open(io.BytesIO(encode_png(rgba))))
    np.testing.assert_array_equal(img, rgba)
    with pytest.raises(ValueError):
        encode_png(rgba[:, :, :3])


def test_line_breaks_at_gaps_and_connectors_only_cross_gaps():
    m = ts_model(["gappy"])
    t = m.visible[0]
    x, y = line_with_gaps(t)
    assert np.isnan(y).sum() == 2  # 1913 | 1921-1922 | 1925
    np.testing.assert_array_equal(y[~np.isnan(y)], t.y)
    gx, gy = gap_connectors(t)
    segments = [tuple(gy[i : i + 2]) for i in range(0, len(gy), 3)]
    assert segments == [(10.0, 2.0), (3.0, 8.0)]


@pytest.mark.parametrize("base", ["absolute", "1921"])
@pytest.mark.parametrize("scale", ["linear", "log"])
def test_timeseries_chart_shows_exactly_the_model(base, scale):
    chart = TimeSeriesChart()
    m = ts_model(base=base, scale=scale)
    chart.update(m)
    png = chart.render()
    assert png_size(png) == (792, 462)
    got = chart.plotted()
    assert set(got) == {t.label for t in m.visible}
    for t in m.visible:
        assert got[t.label] == pytest.approx(as_dict(t), rel=1e-12)
    assert chart.ax.get_yscale() == scale
    lines = chart.line_data()
    for t in m.visible:
        x, y = lines[t.label]
        np.testing.assert_allclose(y[~np.isnan(y)], t.y)


def test_approximate_values_are_hollow_and_exact_filled():
    chart = TimeSeriesChart()
    m = ts_model(["gappy"])
    chart.update(m)
    slot = chart.axes.slots[m.visible[0].slot]
    assert list(slot.approx.get_ydata()) == [2.0, 8.0]
    assert slot.approx.get_markerfacecolor() == "white"
    assert list(slot.exact.get_ydata()) == [10.0, 3.0]


def test_one_figure_updated_in_place_without_growth():
    chart = TimeSeriesChart()
    fig = chart.figure
    states = [
        dict(base=b, scale=s, selected=sel)
        for b in ("absolute", "1921")
        for s in ("linear", "log")
        for sel in (tuple(SERIES), ("steady",), ())
    ]
    counts = []
    for _round in range(3):
        for st in states:
            chart.update(ts_model(**st))
            chart.render()
        counts.append((len(fig.axes), len(chart.ax.lines), len(chart.ax.patches), len(chart.ax.texts), len(fig.texts)))
    assert chart.figure is fig and len({c for c in counts}) == 1, counts


def test_empty_model_shows_a_message_not_an_empty_axes():
    chart = TimeSeriesChart()
    chart.update(ts_model(selected=()))
    assert chart.empty_text.get_visible() and "No series selected" in chart.empty_text.get_text()
    assert not chart.ax.get_visible()
    assert chart.plotted() == {}
    chart.update(ts_model())
    assert chart.ax.get_visible() and not chart.empty_text.get_visible()


def test_title_notes_source_and_dollar_escape():
    chart = TimeSeriesChart()
    m = ts_model()
    m.source = "Source: A (a)"
    chart.update(m)
    assert chart.title_text.get_text() == r"Title with \$dollars\$"
    assert chart.source_text.get_text() == "Source: A (a)"
    assert "Hollow markers" in chart.notes_text.get_text()
    assert chart.notes_text.get_position()[1] > chart.source_text.get_position()[1]


def test_highlight_redraws_only_the_overlay():
    chart = TimeSeriesChart()
    chart.update(ts_model())
    plain = chart.render()
    chart.set_highlight("1921")
    marked = chart.render()
    assert not chart._stale and marked != plain
    assert chart.axes.band.get_visible()
    np.testing.assert_allclose(sorted(chart.axes.hl_points.get_ydata()), [2.0, 6.0])
    chart.set_highlight(None)
    assert chart.render() == plain  # the saved background is restored exactly


def test_small_multiples_one_panel_per_series_and_hidden_spares():
    chart = SmallMultiplesChart(capacity=3)
    choices = [selections.load_choice(k, v) for k, v in SERIES.items()]
    opts = period_options(choices)
    for sel in (["gappy", "steady", "single"], ["steady"], []):
        m = builders.small_multiples_model(
            choices, title="t", selected=sel, years=(opts[0][0], opts[-1][0]), options=opts
        )
        chart.update(m)
        chart.render()
        assert sum(p.ax.get_visible() for p in chart.panels) == len(sel)
        got = chart.plotted()
        for t in m.visible:
            assert got[t.label] == pytest.approx(as_dict(t))
    with pytest.raises(ValueError):
        chart4 = SmallMultiplesChart(capacity=1)
        chart4.update(
            builders.small_multiples_model(
                choices, title="t", selected=["gappy", "steady"], years=(opts[0][0], opts[-1][0]), options=opts
            )
        )


def shares_choices():
    return [
        selections.load_choice("A", fx({1913: 40.0, 1921: 50.0, 1925: 30.0}, unit="%")),
        selections.load_choice(
            "B", fx({1913: 10.0, 1925: 20.0}, unit="%", precision={"1913": "approx", "1925": "exact"})
        ),
    ]


@pytest.mark.parametrize("layout", ["stacked", "grouped"])
def test_shares_chart_bars_are_the_model(layout):
    choices = shares_choices()
    m = builders.shares_model(
        choices,
        title="t",
        selected=["A", "B"],
        years=("1913", "1925"),
        options=period_options(choices),
        layout=layout,
    )
    chart = SharesChart()
    chart.update(m)
    chart.render()
    got = chart.plotted()
    assert got == {t.label: pytest.approx(as_dict(t)) for t in m.visible}
    if layout == "stacked":  # stacked: B sits on A
        bars = [chart.bars[i] for i, (lab, per, _) in chart.meta.items() if lab == "B" and per == "1913"]
        assert bars[0].get_y() == pytest.approx(40.0)
        assert chart.ax.get_ylim()[1] == 105
    else:
        gaps = [t.get_text() for t in chart.gap_labels if t.get_visible()]
        assert "no figure" in gaps  # B in 1921
    assert any(t.get_text() == GAP_MARK and t.get_visible() for t in chart.gap_labels)
    hatched = [chart.bars[i].get_hatch() for i, (lab, per, _) in chart.meta.items() if (lab, per) == ("B", "1913")]
    assert hatched == ["////"]


def test_bar_pools_do_not_grow():
    choices = shares_choices()
    chart = SharesChart()
    sizes = set()
    for _ in range(3):
        for layout in ("stacked", "grouped"):
            for sel in (["A", "B"], ["A"], []):
                chart.update(
                    builders.shares_model(
                        choices,
                        title="t",
                        selected=sel,
                        years=("1913", "1925"),
                        options=period_options(choices),
                        layout=layout,
                    )
                )
                chart.render()
        sizes.add((len(chart.bars), len(chart.labels), len(chart.gap_labels), len(chart.ax.patches)))
    assert len(sizes) == 1


def test_plan_chart_targets_outlined_outcome_filled():
    t = selections.load_choice("plan", fx({1929: 21.4, 1930: 25.0}, freq="Y-SEP", unit="%"))
    t.role = "target"
    a = selections.load_choice("outcome", fx({1929: 24.0}, freq="Y-SEP", unit="%"))
    opts = period_options([t, a])
    m = builders.plan_model([t], a, title="t", variants=["plan"], years=("1928/29", "1929/30"), options=opts)
    chart = PlanChart()
    chart.update(m)
    chart.render()
    got = chart.plotted()
    assert got == {
        "plan": {"1928/29": pytest.approx(21.4), "1929/30": pytest.approx(25.0)},
        "outcome": {"1928/29": pytest.approx(24.0)},
    }
    faces = {lab: chart.bars[i].get_facecolor() for i, (lab, per, _) in chart.meta.items() if per == "1928/29"}
    assert faces["plan"][:3] == (1.0, 1.0, 1.0) and faces["outcome"][:3] != (1.0, 1.0, 1.0)
    assert any(x.get_text() == "no outcome stated" and x.get_visible() for x in chart.gap_labels)
    m = builders.plan_model(
        [t], a, title="t", variants=["plan"], years=("1928/29", "1929/30"), options=opts, show="% of plan"
    )
    chart.update(m)
    assert chart.plotted() == {"outcome as % of plan": {"1928/29": pytest.approx(24 / 21.4 * 100)}}
    assert chart.reference.get_visible()


def test_before_after_chart_groups_and_gaps():
    choices = [
        selections.load_choice("Pig iron", fx({1913: 4.2, 1925: 1.3, 1929: 4.0})),
        selections.load_choice("Coal", fx({1925: 16.9})),
    ]
    m = builders.before_after_model(choices, title="t", selected=["Pig iron", "Coal"], years=["1913", "1925", "1929"])
    chart = BeforeAfterChart()
    chart.update(m)
    chart.render()
    assert chart.plotted() == {"Pig iron": {"1913": 4.2, "1925": 1.3, "1929": 4.0}, "Coal": {"1925": 16.9}}
    assert sum(t.get_visible() and t.get_text() == "no figure" for t in chart.gap_labels) == 2
    chart.set_highlight("1925")
    chart.render()
    # one frame around both bars of 1925, outside them: the bars keep their own colours and outlines
    (frame,) = [r for r in chart.rings if r.get_visible()]
    bars = [b for b in chart.bars if b.get_visible() and b.get_height() in (1.3, 16.9)]
    assert frame.get_x() < min(b.get_x() for b in bars)
    assert frame.get_x() + frame.get_width() > max(b.get_x() + b.get_width() for b in bars)
    assert frame.get_y() + frame.get_height() > 16.9
    # ...and above the value label standing on the taller bar: the frame never crosses a number
    label = next(t for t in chart.labels if t.get_visible() and t.get_text() == "16.9")
    _, label_h = text_px("16.9", label.get_size(), chart.figure.dpi)
    label_top_px = chart.ax.transData.transform(label.get_position())[1] + label_h
    assert chart.ax.transData.transform((0, frame.get_y() + frame.get_height()))[1] >= label_top_px


def test_static_png_is_small():
    chart = TimeSeriesChart()
    chart.update(ts_model())
    png = chart.static_png()
    assert png_size(png) == (792, 462) and len(png) < 40_000


def test_cached_text_canvas_matches_stock_agg():
    chart = TimeSeriesChart()
    chart.update(ts_model(base="1921"))
    chart.draw()
    ours = np.asarray(chart.canvas.buffer_rgba()).astype(int)
    stock = FigureCanvasAgg(chart.figure)
    stock.draw()
    ref = np.asarray(stock.buffer_rgba()).astype(int)
    diff = np.abs(ours - ref).max(axis=2)
    assert ours.shape == ref.shape
    assert (diff > 0).mean() < 0.05  # text placed on whole pixels: small differences at glyph edges only
    # everything but text is identical: the lines and markers
    assert fastagg.CACHE_ENABLED


def test_cached_text_falls_back_to_stock_agg(monkeypatch):
    monkeypatch.setattr(fastagg, "CACHE_ENABLED", False)
    chart = TimeSeriesChart()
    chart.update(ts_model())
    assert png_size(chart.render()) == (792, 462)


def test_nep_fast_text_0_draws_with_stock_agg_and_the_same_picture():
    """The switch: with NEP_FAST_TEXT=0 no private matplotlib API is used, and the picture is stock Agg's."""
    import subprocess
    import sys

    code = (
        "from matplotlib.backends.backend_agg import RendererAgg\n"
        "from helpers import widgets\n"
        "from helpers.charts import render\n"
        "panel = widgets.show('01-coal')\n"
        "r = panel.chart.canvas.get_renderer()\n"
        "print(render.SWITCHED_OFF, render.CACHE_ENABLED, type(r) is RendererAgg, len(panel.chart.render()) > 1000)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "NEP_FAST_TEXT": "0"}, capture_output=True, text=True
    )
    assert run.stdout.split() == ["True", "False", "True", "True"], run.stderr[-2000:]
    assert "fast text renderer is off" not in run.stderr  # switched off on purpose: no warning


# ---- the fast text canvas against stock Agg: bars, rotated text, explorers; the fallback -----------------


def _differs_from_stock_agg(figure, canvas) -> float:
    """The share of pixels where the kit's canvas and matplotlib's stock Agg draw ``figure`` differently."""
    canvas.draw()
    ours = np.asarray(canvas.buffer_rgba()).astype(int)
    stock = FigureCanvasAgg(figure)
    stock.draw()
    ref = np.asarray(stock.buffer_rgba()).astype(int)
    assert ours.shape == ref.shape
    figure.set_canvas(canvas)  # the chart keeps drawing with the kit's canvas
    return float((np.abs(ours - ref).max(axis=2) > 0).mean())


def test_cached_text_matches_stock_agg_on_bars_and_rotated_text():
    from helpers import widgets

    panel = widgets.show("01-raw")  # bar labels, upright 'no figure' marks, turned category names
    chart = panel.chart
    from matplotlib.text import Text

    rotated = [t for t in chart.figure.findobj(Text) if t.get_visible() and t.get_text() and t.get_rotation()]
    assert rotated, "the raw-materials chart has rotated text (gap marks, category names)"
    assert _differs_from_stock_agg(chart.figure, chart.canvas) < 0.05
    assert fastagg.CACHE_ENABLED


def test_cached_text_matches_stock_agg_on_an_explorer():
    from helpers.ui import explorers

    view = explorers.disagreement_explorer()
    assert _differs_from_stock_agg(view.figure, view.figure.canvas) < 0.05
    assert fastagg.CACHE_ENABLED


def test_fallback_warns_once_and_logs(monkeypatch, caplog):
    monkeypatch.setattr(fastagg, "CACHE_ENABLED", True)
    monkeypatch.setattr(fastagg, "_warned", False)

    def broken(*args, **kwargs):
        raise AttributeError("no such private API in this matplotlib")

    monkeypatch.setattr(fastagg.CachedTextRendererAgg, "_rasterise", broken)
    fastagg.clear_cache()
    chart = TimeSeriesChart()
    chart.update(ts_model())
    with pytest.warns(RuntimeWarning, match="fast text renderer is off"), caplog.at_level("ERROR", logger="helpers"):
        png = chart.render()
    assert png_size(png) == (792, 462) and not fastagg.CACHE_ENABLED  # drawn all the same, by stock Agg
    assert any("fast text renderer disabled" in r.getMessage() and r.exc_info for r in caplog.records)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a second fallback says nothing more
        fastagg._disable("again")
