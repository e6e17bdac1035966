"""Panels: every control swept over its values; plotted data = the selected series; escaping; bad values.

The sweeps compare what the chart's artists show (read back from them) with values
computed here straight from :func:`helpers.data.series`, not from the code under test.
"""

import itertools
import math
from collections.abc import Sequence

import ipywidgets as W
import pandas as pd
import pytest
from _covering import as_subsets, covering, members

from helpers import data, widgets
from helpers.data import periods
from helpers.data.units import conversion_factor
from helpers.ui import html as H
from helpers.ui import passages

CC = "comparable circle (1913 range, without fishing, logging, railway repair shops)"


# ---- fixtures --------------------------------------------------------------------------


def fx(values: dict, freq="Y-DEC", unit="tons", precision=None, name="fixture", rows=None, price_basis="") -> pd.Series:
    index = pd.PeriodIndex([pd.Period(str(k), freq) for k in values])
    s = pd.Series(list(values.values()), index=index, dtype=float, name=name)
    labels = [periods.period_label(p) for p in index]
    s.attrs = {
        "name": name,
        "unit": unit,
        "price_basis": price_basis,
        "kind": "level",
        "scope": "",
        "period_kind": "economic" if freq == "Y-SEP" else "calendar",
        "sources": ["fx"],
        "ids": {lab: [] for lab in labels},
        "precision": precision or {lab: "exact" for lab in labels},
    }
    if rows is not None:
        s.attrs["rows"] = rows
    return s


def independent(values: dict, unit="million tons", dataset="Fixture estimates") -> pd.Series:
    s = pd.Series(
        list(values.values()), index=pd.PeriodIndex([pd.Period(str(k), "Y-DEC") for k in values]), dtype=float
    )
    s.attrs = {
        "unit": unit,
        "dataset": dataset,
        "citation": "A. Author, <i>Book</i> & Co (2001)",
        "grade": "B",
        "territory": "interwar USSR",
        "locator": {"1925": "table 3, p. 12"},
    }
    return s


EVIL = "<script>alert('x')</script> & <b>bold</b>"


# ---- generic checks ----------------------------------------------------------------------


def all_widgets(w):
    yield w
    for child in getattr(w, "children", ()):
        yield from all_widgets(child)


def check_panel_is_sound(panel):
    assert panel.error is None, (panel.state, panel.last_traceback)
    # the artists show exactly the model
    got = panel.plotted
    m = panel.model
    if m.empty:
        assert got == {} and panel.text.startswith("No chart")
        return
    want = {t.label: dict(zip(t.periods, map(float, t.y))) for t in m.visible}
    assert got.keys() == want.keys()
    for k in want:
        assert got[k] == pytest.approx(want[k], rel=1e-12)
    assert panel.text and panel.text_html.value.count("<script") == 0


def expected_timeseries(panel, specs: dict[str, pd.Series]):
    """{label: {period: value}} computed from the series themselves, for the panel's state."""
    st = panel.state
    labels = panel.options("years")
    lo, hi = labels.index(st["years"][0]), labels.index(st["years"][1])
    shown = set(labels[lo : hi + 1])
    out, ref_unit = {}, None
    for key in st["series"]:
        s = specs[key]
        vals = {periods.period_label(p): v for p, v in s.items() if not math.isnan(v)}
        vals = {p: v for p, v in vals.items() if p in shown}
        if not vals:
            continue
        if st["base"] != "absolute":
            full = {periods.period_label(p): v for p, v in s.items()}
            if st["base"] not in full or full[st["base"]] == 0:
                continue
            vals = {p: v / full[st["base"]] * 100 for p, v in vals.items()}
        else:
            if ref_unit is None:
                ref_unit = s.attrs["unit"]
            vals = {p: v * conversion_factor(s.attrs["unit"], ref_unit) for p, v in vals.items()}
        if st["scale"] == "log":
            vals = {p: v for p, v in vals.items() if v > 0}
            if not vals:
                continue
        out[key] = vals
    return out


def check_timeseries(panel, specs):
    check_panel_is_sound(panel)
    exp = expected_timeseries(panel, specs)
    got = {t.key: dict(zip(t.periods, map(float, t.y))) for t in (panel.model.visible if not panel.model.empty else [])}
    assert got.keys() == exp.keys(), (panel.state, panel.message)
    for k in exp:
        assert got[k] == pytest.approx(exp[k], rel=1e-12)
    st = panel.state
    text = panel.text
    if not panel.model.empty:
        assert ("log scale" in text) == (st["scale"] == "log")
        if st["base"] != "absolute":
            assert f"{st['base']} = 100" in text
        for k in st["series"]:
            assert (k in text) or (k in panel.message)  # every selected series is either described or explained
        for k in set(panel.options("series")) - set(st["series"]):
            assert f"{k}:" not in text and f"{k} (" not in text


def subsets(values):
    return [tuple(c) for r in range(len(values) + 1) for c in itertools.combinations(values, r)]


def sweep(panel, series: Sequence[str], strength: int = 3, **factors):
    """Every combination of any ``strength`` settings (each series on or off, each other control's values),
    as few states as a covering array needs; the empty and the full selection are always visited."""
    rows = covering({**members("series", series), **factors}, strength)
    for extra in ({**{f"series:{k}": True for k in series}}, {**{f"series:{k}": False for k in series}}):
        rows.append({**rows[0], **extra})
    for row in rows:
        state = {k: v for k, v in row.items() if not k.startswith("series:")}
        yield {"series": as_subsets(row, "series", series), **state}


def ranges(years: Sequence[str]):
    """Ranges of periods that test both ends: from each period to the last, from the first to each,
    each period alone, and each pair of neighbours."""
    n = len(years)
    pairs = {(0, j) for j in range(n)} | {(i, n - 1) for i in range(n)} | {(i, i) for i in range(n)}
    pairs |= {(i, i + 1) for i in range(n - 1)}
    return [(years[i], years[j]) for i, j in sorted(pairs)]


# ---- time series: fixtures ---------------------------------------------------------------

FX = {
    "gappy": fx(
        {1913: 10.0, 1921: 2.0, 1922: 3.0, 1925: 8.0},
        precision={"1913": "exact", "1921": "approx", "1922": "exact", "1925": "exact"},
    ),
    "kilotons": fx({1920: 5.0, 1921: 0.0, 1922: 7.0, 1923: 8.0, 1924: 9.0, 1925: 10.0}, unit="thousand tons"),
    "single": fx({1923: 4.0}),
}


@pytest.fixture(scope="module")
def fixture_panel():
    return widgets.timeseries_panel(FX, title="Fixture")


def test_fixture_panel_sweep_every_control(fixture_panel):
    p = fixture_panel
    assert p.state["series"] == tuple(FX) and p.state["base"] == "absolute"
    check_timeseries(p, FX)
    for state in sweep(p, list(FX), base=p.options("base"), scale=p.options("scale")):
        assert p.set(**state) is True and p.error is None, (state, p.message)  # valid values: never refused
        check_timeseries(p, FX)
    p.set(series=tuple(FX), base="absolute", scale="linear")
    years = p.options("years")
    for a, b in ranges(years):
        assert p.set(years=(a, b))
        check_timeseries(p, FX)
    p.set(years=(years[0], years[-1]))


def test_period_selector_shows_provenance_and_highlights(fixture_panel):
    p = fixture_panel
    p.set(series=tuple(FX), base="absolute", scale="linear", years=(p.options("years")[0], p.options("years")[-1]))
    before = p.renders
    for period in p.options("period")[1:]:
        assert p.set(period=period), p.message
        assert p.state["period"] == period
        assert p.chart.highlight == period
        assert p.sources_text.startswith(f"Sources for {period}")
        assert f"Sources for {period}" in p.sources_html.value
    assert p.renders > before
    assert p.set(period="")
    assert "Choose a period" in p.sources_html.value


def test_gappy_single_and_kilotons_units(fixture_panel):
    p = fixture_panel
    p.set(series=("gappy", "kilotons", "single"), base="absolute", scale="linear")
    t = {x.key: x for x in p.model.visible}
    assert t["kilotons"].unit == "tons" and t["kilotons"].stated_unit == "thousand tons"
    assert p.plotted["kilotons"]["1920"] == 5000.0
    assert t["gappy"].gaps == ["1914–1920", "1923–1924"]
    assert "no figures for 1914–1920, 1923–1924" in p.text
    assert p.plotted["single"] == {"1923": 4.0}
    p.set(scale="log")
    assert "1921" not in p.plotted["kilotons"] and "log scale cannot show zero" in p.message


def test_empty_selection_is_a_message_not_an_error(fixture_panel):
    p = fixture_panel
    assert p.set(series=())
    assert p.error is None and p.model.empty
    assert "No series selected" in p.text and p.plotted == {}
    assert p.image.value  # the panel still shows a picture (with the message)
    p.set(series=tuple(FX))


@pytest.mark.parametrize(
    "changes, words",
    [
        (dict(base="1900"), "is not a choice for 'Show as'"),
        (dict(scale="cubic"), "'Scale'"),
        (dict(years=("1900", "1925")), "is not a period of this chart"),
        (dict(years="1913"), "takes two periods"),
        (dict(series=["nope"]), "is not a choice for 'Series'"),
        (dict(series=5), "takes a list"),
        (dict(period="1850"), "has no plotted value"),
        (dict(colour="red"), "has no control 'colour'"),
        (dict(base=None), "is not a choice"),
    ],
)
def test_bad_control_values_give_a_message_and_change_nothing(fixture_panel, changes, words):
    p = fixture_panel
    p.set(series=tuple(FX), base="absolute", scale="linear")
    state, image = p.state, p.image.value
    assert p.set(**changes) is False
    assert words in p.message and words.split("'")[0] in p.message_html.value.replace("&#x27;", "'")
    assert p.state == state and p.image.value == image and p.error is None


def test_numeric_base_is_accepted(fixture_panel):
    assert fixture_panel.set(base=1921) and fixture_panel.state["base"] == "1921"
    fixture_panel.set(base="absolute")


def test_user_changes_through_the_widgets(fixture_panel):
    p = fixture_panel
    p.set(series=tuple(FX), base="absolute", scale="linear")
    p.controls["base"].widget.value = "1921"
    assert p.state["base"] == "1921" and "1921 = 100" in p.text
    p.controls["scale"].widget.value = "log"
    assert p.state["scale"] == "log" and p.chart.ax.get_yscale() == "log"
    box = p.controls["series"].boxes[0]
    box.value = False
    assert "gappy" not in p.state["series"] and "gappy" not in p.plotted
    box.value = True
    first, last = p.controls["years"].ends
    years = p.options("years")
    last.value = years[3]
    first.value = years[1]
    assert p.state["years"] == (years[1], years[3])
    first.value = years[3]  # a student picks 'from' after 'to': the range is put in order
    last.value = years[1]
    assert p.state["years"] == (years[1], years[3]) and (first.value, last.value) == (years[1], years[3])
    first.value, last.value = years[0], years[-1]
    assert p.state["years"] == (years[0], years[-1])
    p.period_control.widget.value = p.options("period")[1]
    assert p.chart.highlight == p.options("period")[1]
    p.set(base="absolute", scale="linear", period="")
    check_timeseries(p, FX)


def test_errors_inside_a_redraw_become_a_message(fixture_panel, monkeypatch):
    p = fixture_panel

    def boom(model):
        raise RuntimeError("kaput <b>")

    monkeypatch.setattr(p.chart, "update", boom)
    assert p.set(base="1921") is False
    assert p.error == "RuntimeError: kaput <b>"
    assert "Cannot show this choice" in p.message_html.value and "kaput &lt;b&gt;" in p.message_html.value
    monkeypatch.undo()
    assert p.set(base="absolute") and p.error is None


def test_controls_are_labelled_keyboard_friendly_and_never_html(fixture_panel):
    p = fixture_panel
    for name, c in p.controls.items():
        assert c.description, name  # every control has an accessible name
        assert c.tooltip or c._tooltips, name  # and a tooltip (toggle buttons: one per button)
        for w in all_widgets(c.widget):
            if hasattr(w, "description_allow_html"):
                assert w.description_allow_html is False
            if isinstance(w, (W.SelectionRangeSlider, W.IntSlider, W.FloatSlider, W.IntRangeSlider)):
                assert w.continuous_update is False
            if isinstance(w, W.Checkbox):
                assert w.description and w.tooltip
    # a range is two labelled drop-downs (every handle has an accessible name), not a slider
    first, last = p.controls["years"].ends
    assert isinstance(first, W.Dropdown) and first.description == "Years from" and last.description == "to"
    assert not any(isinstance(w, W.SelectionRangeSlider) for c in p.controls.values() for w in all_widgets(c.widget))


def test_one_figure_one_image_updated_in_place(fixture_panel):
    p = fixture_panel
    fig, image, n_axes = p.chart.figure, p.image, len(p.chart.figure.axes)
    children = list(p.widget.children)
    for base in p.options("base"):
        p.set(base=base)
    assert p.chart.figure is fig and p.image is image and len(fig.axes) == n_axes
    assert list(p.widget.children) == children


def test_mimebundle_has_widget_text_alternative_and_static_html(fixture_panel):
    p = fixture_panel
    b = p._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in b
    assert b["text/plain"] == f"{p.title}\n{p.text}"
    assert (
        b["text/html"].startswith('<div class="nep-static-view nep-static-panel"><figure') and 'alt="' in b["text/html"]
    )
    assert "data:image/png;base64," in b["text/html"]


# ---- escaping ----------------------------------------------------------------------------


def test_escape():
    assert H.escape(EVIL) == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    assert H.escape(None) == ""


def test_passages_labels_and_messages_are_escaped():
    rows = {
        "1920": [
            {
                "id": "fx-1",
                "period": "1920 <i>",
                "value": 5.0,
                "unit": "tons",
                "quote": EVIL,
                "source": "fx&co",
                "source_title": "Title <b>",
                "note": "a & b",
                "plotted": True,
                "same_kind": True,
                "kind": "level",
            },
            {
                "id": "fx-2",
                "period": "1920",
                "value": 6.0,
                "unit": "tons",
                "quote": "another <passage>",
                "source": "fx",
                "plotted": False,
                "same_kind": True,
                "kind": "level",
            },
        ]
    }
    label = "Label <img src=x onerror=alert(1)> & co"
    p = widgets.timeseries_panel(
        {label: fx({1920: 5.0, 1921: 6.0}, rows=rows), "bad <script>": "no_such_series"},
        title="T <script>x</script>",
        period="1920",
    )
    html_values = [p.sources_html.value, p.message_html.value, p.text_html.value, p.static_html()]
    for v in html_values:
        assert "<script" not in v and "<img src=x" not in v and "<b>" not in v and "<i>" not in v
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in p.sources_html.value
    assert "Label &lt;img src=x onerror=alert(1)&gt; &amp; co" in p.sources_html.value
    assert "another &lt;passage&gt;" in p.sources_html.value
    assert "The passages disagree" in p.sources_html.value  # 5 vs 6 tons for one period: both shown
    assert "bad &lt;script&gt;: Unknown series" in p.message_html.value
    assert EVIL in p.sources_text  # the plain-text version keeps the text as it is
    # control descriptions are text, never HTML
    for w in all_widgets(p.widget):
        if hasattr(w, "description_allow_html"):
            assert w.description_allow_html is False


def test_provenance_html_functions_escape_everything():
    html = passages.provenance_html(
        "1913 <x>",
        [
            (
                "L <y>",
                "5 <z>",
                [{"quote": EVIL, "source": "<s>", "period": "<p>", "value": 1.0, "unit": "<u>", "note": "<n>"}],
            )
        ],
    )
    assert "<x>" not in html and "<y>" not in html and "<z>" not in html and "<s>" not in html and "<n>" not in html
    assert html.count("<script") == 0
    assert "<script" not in passages.message_html([EVIL], error=EVIL)
    assert "<script" not in passages.text_alternative_html(EVIL)


# ---- real course data: time series, independent estimates -----------------------------

GROSS_SPECS = {
    "Comparable circle (su_rec)": (
        "gross_output_large_scale_industry",
        {"scope": "comparable circle", "source": "su_rec"},
    ),
    "Comparable circle (su_ind)": (
        "gross_output_large_scale_industry",
        {"scope": "comparable circle", "source": "su_ind"},
    ),
    "Full range of industries": ("gross_output_large_scale_industry", {"scope": "full range"}),
}


@pytest.fixture(scope="module")
def gross_data():
    """The stated values, loaded when a test needs them (a data error fails that test, not the collection)."""
    return {
        "Comparable circle (su_rec)": data.series("gross_output_large_scale_industry", scope=CC, source="su_rec"),
        "Comparable circle (su_ind)": data.series("gross_output_large_scale_industry", scope=CC, source="su_ind"),
        "Full range of industries": data.series("gross_output_large_scale_industry", scope="full range of industries"),
    }


@pytest.fixture(scope="module")
def gross_panel():
    return widgets.timeseries_panel(GROSS_SPECS, title="Gross output of large-scale industry", base="1913")


def test_gross_output_default_view_tells_the_story(gross_panel, gross_data):
    p = gross_panel
    check_timeseries(p, gross_data)
    assert p.plotted["Comparable circle (su_ind)"]["1929"] == pytest.approx(19923 / 10200 * 100)
    assert "up 95.3%" in p.text


@pytest.mark.slow
def test_gross_output_sweep(gross_panel, gross_data):
    p = gross_panel
    for state in sweep(p, list(GROSS_SPECS), base=p.options("base"), scale=p.options("scale")):
        assert p.set(**state), (state, p.message)
        check_timeseries(p, gross_data)
    p.set(series=tuple(GROSS_SPECS), base="absolute", scale="linear")
    for a, b in ranges(p.options("years")):
        assert p.set(years=(a, b))
        check_timeseries(p, gross_data)
    years = p.options("years")
    p.set(years=(years[0], years[-1]), base="1913")


def test_two_passages_for_one_point_are_both_shown(gross_panel):
    p = gross_panel
    p.set(series=tuple(GROSS_SPECS), base="1913", period="1913")
    html, text = p.sources_html.value, p.sources_text
    assert "su_rec-074" in html and "su_ind-120" in html
    assert "The passages disagree" in html
    assert "10251 million rubles. in 1913" in text and "10.2 billion rubles. in 1913" in text
    assert "period as written: “1913”" in text
    assert "The development of the Soviet economy" in text
    p.set(period="")


def test_mixed_period_kinds_panel():
    specs = {
        "Coal (su_rec)": ("coal_output", {"source": "su_rec"}),
        "Coal (su_ind)": ("coal_output", {"source": "su_ind", "kind": "level"}),
    }
    series = {
        "Coal (su_rec)": data.series("coal_output", source="su_rec"),
        "Coal (su_ind)": data.series("coal_output", source="su_ind", kind="level"),
    }
    refused = widgets.timeseries_panel(specs, title="Coal")
    assert list(refused.plotted) == ["Coal (su_rec)"] and "not a calendar year" in refused.message
    p = widgets.timeseries_panel(specs, title="Coal", allow_mixed_periods=True)
    check_timeseries(p, series)
    assert "Economic years (October–September) and calendar years are both shown" in p.text
    assert p.options("years")[:3] == ["1921/22", "1922/23", "1923/24"]
    for base in p.options("base"):
        p.set(base=base)
        check_timeseries(p, series)


def test_unknown_series_and_mixed_periods_are_messages_in_the_panel():
    p = widgets.timeseries_panel(
        {"Mixed": "coal_output", "Nope": "no_such_series", "Bases": "fixed_assets_large_scale_industry"}, title="Errors"
    )
    assert p.error is None and p.model.empty
    msg = p.message
    assert "Mixed: Series 'coal_output' mixes period kinds" in msg
    assert "Nope: Unknown series 'no_such_series'" in msg
    bases = next(line for line in msg.splitlines() if line.startswith("Bases: "))
    assert "'fixed_assets_large_scale_industry'" in bases and ("price bases" in bases or "scopes" in bases)


def test_official_vs_independent_sweep():
    specs = {"Coal (su_ind)": ("coal_output", {"source": "su_ind", "kind": "level"})}
    ind = independent({1913: 29.1, 1920: 8.7, 1925: 18.1, 1928: 35.5, 1929: 40.1})
    p = widgets.timeseries_panel(specs, title="Coal", independent={"Coal (su_ind)": ind})
    label = "Coal (su_ind) — Fixture estimates (estimate)"  # ungraded fixture
    series = {"Coal (su_ind)": data.series("coal_output", source="su_ind", kind="level"), label: ind}
    assert p.controls["compare"].visible and p.options("compare") == ["official", "independent", "both"]
    for compare in p.options("compare"):
        for base in p.options("base"):
            for scale in p.options("scale"):
                p.set(compare=compare, base=base, scale=scale)
                check_panel_is_sound(p)
                keys = {"official": ["Coal (su_ind)"], "independent": [label], "both": ["Coal (su_ind)", label]}[
                    compare
                ]
                for k in keys:
                    s = series[k]
                    full = {periods.period_label(q): v for q, v in s.items()}
                    if base != "absolute" and base not in full:
                        assert k not in {t.key for t in p.model.visible}
                        continue
                    want = {q: (v / full[base] * 100 if base != "absolute" else v) for q, v in full.items()}
                    got = next(dict(zip(t.periods, t.y)) for t in p.model.visible if t.key == k)
                    assert got == pytest.approx(want)
                if compare != "official" and not p.model.empty:
                    assert "A. Author" in p.text
    p.set(compare="both", base="absolute", scale="linear", period="1925")
    html = p.sources_html.value
    assert "Fixture estimates" in html and "table 3, p. 12" in html and "&lt;i&gt;Book&lt;/i&gt; &amp; Co" in html
    assert "grade B" in html and "interwar USSR" in html


def test_independent_pairing_must_name_a_series():
    with pytest.raises(ValueError, match="is not one of the series"):
        widgets.timeseries_panel({"A": fx({1913: 1.0})}, title="t", independent={"B": independent({1913: 1.0})})


# ---- small multiples ------------------------------------------------------------------------

SM_SPECS = {
    "Fixed assets": ("fixed_assets_large_scale_industry", {"source": "su_rec"}),
    "Gross output": ("gross_output_large_scale_industry", {"scope": "comparable circle", "source": "su_rec"}),
    "Coal mined": ("coal_output", {"source": "su_rec"}),
    "Workers": ("workers_large_scale_industry", {"kind": "level"}),
}


@pytest.mark.slow
def test_small_multiples_sweep():
    sm_data = {
        "Fixed assets": data.series("fixed_assets_large_scale_industry", source="su_rec"),
        "Gross output": data.series("gross_output_large_scale_industry", scope=CC, source="su_rec"),
        "Coal mined": data.series("coal_output", source="su_rec"),
        "Workers": data.series("workers_large_scale_industry", kind="level"),
    }
    p = widgets.small_multiples_panel(SM_SPECS, title="Recovery", years=("1920", "1925/26"))
    check_panel_is_sound(p)
    labels = p.options("years")
    lo, hi = labels.index("1920"), labels.index("1925/26")
    for state in sweep(p, list(SM_SPECS), base=p.options("base")[:4], scale=p.options("scale")):
        base = state["base"]
        assert p.set(**state), (state, p.message)
        check_panel_is_sound(p)
        panels = {t.key: t.axis for t in p.model.visible} if not p.model.empty else {}
        assert sorted(panels.values()) == list(range(len(panels)))  # one panel each, no holes
        for key in panels:
            s = sm_data[key]
            full = {periods.period_label(q): v for q, v in s.items()}
            keep = {q: v for q, v in full.items() if q in labels[lo : hi + 1]}
            if base != "absolute":
                keep = {q: v / full[base] * 100 for q, v in keep.items()}
            got = next(dict(zip(t.periods, t.y)) for t in p.model.visible if t.key == key)
            assert got == pytest.approx(keep)
        visible_axes = sum(a.ax.get_visible() for a in p.chart.panels)
        assert visible_axes == len(panels)
    for a, b in ranges(p.options("years")):
        assert p.set(series=tuple(SM_SPECS), base="absolute", scale="linear", years=(a, b))
        check_panel_is_sound(p)


def test_small_multiples_limit():
    with pytest.raises(ValueError, match="at most 6"):
        widgets.small_multiples_panel({str(i): fx({1913: 1.0}) for i in range(7)}, title="t")


# ---- shares ---------------------------------------------------------------------------------


def test_shares_panel_sweep_on_real_data():
    p = widgets.shares_panel({"Group A": ("share_group_a", {"scope": "large-scale industry"})}, title="Group A")
    s = data.series("share_group_a", scope="large-scale industry")
    full = {periods.period_label(q): v for q, v in s.items()}
    years = p.options("years")
    for layout in p.options("layout"):
        for remainder in (True, False):
            for i, a in enumerate(years):
                for b in years[i:]:
                    assert p.set(layout=layout, remainder=remainder, years=(a, b))
                    check_panel_is_sound(p)
                    want = {q: v for q, v in full.items() if q in years[years.index(a) : years.index(b) + 1]}
                    assert p.plotted["Group A"] == pytest.approx(want)
                    rem = [t for t in p.model.visible if t.role == "remainder"]
                    if layout == "stacked" and remainder:
                        assert dict(zip(rem[0].periods, rem[0].y)) == pytest.approx(
                            {q: 100 - v for q, v in want.items()}
                        )
                        assert "computed" in p.text
                    else:
                        assert rem == []
                    assert p.model.layout == layout and p.text.startswith(layout.capitalize())
    p.set(years=(years[0], years[-1]), period="1913")
    assert "su_ind-129" in p.sources_html.value and "su_ind-131" in p.sources_html.value  # 40.7% and 42.9%
    # 42.9% comes from a garbled footnote recorded with its own scope, so both passages are shown side by side
    assert "coverage not stated" in p.sources_html.value


def test_shares_panel_with_several_components_and_empty_selection():
    comps = {
        "A": fx({1913: 40.0, 1921: 50.0}, unit="%"),
        "B": fx({1913: 10.0}, unit="%"),
        "C": fx({1921: 5.0}, unit="%"),
    }
    p = widgets.shares_panel(comps, title="Parts")
    for sel in subsets(list(comps)):
        for layout in p.options("layout"):
            assert p.set(series=sel, layout=layout)
            check_panel_is_sound(p)
            for k in sel:
                assert p.plotted[k] == {periods.period_label(q): v for q, v in comps[k].items()}
    p.set(series=())
    assert p.model.empty and "tick at least one share" in p.text
    assert p.set(remainder="yes") is False and "on or off" in p.message


# ---- plan vs outcome ------------------------------------------------------------------------


def plan_items():
    return {
        "Fixture plan": {
            "targets": {
                "starting variant": fx({1929: 100.0, 1930: 120.0}, freq="Y-SEP", unit="%"),
                "optimal variant": fx({1929: 110.0, 1930: 130.0}, freq="Y-SEP", unit="%"),
            },
            "actual": fx({1929: 115.0}, freq="Y-SEP", unit="%"),
            "actual_label": "outcome",
        },
        "Growth of industrial output, 1928/29": {
            "targets": {"five-year plan": "plan_growth_rate_gross_output"},
            "actual": ("growth_rate_gross_output", {"source": "su_ind", "periods": "economic"}),
            "actual_label": "outcome (su_ind)",
        },
        "Capital investment": {
            "targets": {"five-year plan": "plan_capital_investment_industry"},
            "note": "No outcome in the sources.",
        },
    }


def test_plan_panel_sweep():
    p = widgets.plan_panel(plan_items())
    check_panel_is_sound(p)
    assert p.state["item"] == "Fixture plan" and p.state["variants"] == ("starting variant", "optimal variant")
    assert p.controls["variants"].visible
    for item in p.options("item"):
        assert p.set(item=item)
        assert p.title == item and p.state["years"][0] == p.items[item]["options"][0][0]
        variants = [c.label for c in p.items[item]["targets"]]
        for sel in subsets(variants):
            for show in p.options("show"):
                p.set(variants=sel, show=show)
                check_panel_is_sound(p)
                it = p.items[item]
                targets = {c.label: dict(zip(c.labels, c.values)) for c in it["targets"]}
                actual = dict(zip(it["actual"].labels, it["actual"].values)) if it["actual"] else {}
                if not sel:
                    assert p.model.empty
                    continue
                if show == "values":
                    for v in sel:
                        assert p.plotted[v] == pytest.approx(targets[v])
                    if actual:
                        assert p.plotted[it["actual"].label] == pytest.approx(actual)
                elif actual:
                    for v in sel:
                        want = {q: actual[q] / targets[v][q] * 100 for q in actual if q in targets[v]}
                        assert p.plotted[f"outcome as % of {v}"] == pytest.approx(want)
                else:
                    assert p.model.empty and "cannot be shown" in p.message
        years = p.options("years")
        p.set(variants=variants, show="values")
    growth = "Growth of industrial output, 1928/29"
    p.set(item=growth)
    assert p.plotted == {"five-year plan": {"1928/29": 21.4}, "outcome (su_ind)": {"1928/29": 24.0}}
    assert "112.1% of the five-year plan target" in p.text
    assert p.set(period="1928/29")
    assert "su_ind-114" in p.sources_html.value and "su_ind-113" in p.sources_html.value
    p.set(item="Capital investment")
    assert "No outcome in the sources." in p.message and "2,091 million rubles" in p.text
    years = p.options("years")
    for i, a in enumerate(years):
        for b in years[i:]:
            p.set(years=(a, b))
            check_panel_is_sound(p)


def test_plan_panel_widget_item_change_resets_variants():
    p = widgets.plan_panel(plan_items())
    p.controls["item"].widget.value = "Growth of industrial output, 1928/29"
    assert p.state["variants"] == ("five-year plan",) and p.state["years"] == ("1928/29", "1928/29")
    check_panel_is_sound(p)


def test_a_plan_shows_check_boxes_only_for_its_own_variants():
    """A box that would change nothing is not shown: each plan offers only the variants it has."""
    items = plan_items()
    p = widgets.plan_panel(items)
    variants = p.controls["variants"]
    for label in items:
        p.controls["item"].widget.value = label
        shown = {v for b, v in zip(variants.boxes, variants.values) if b.layout.display != "none"}
        assert shown == set(p.state["variants"]), label
    with pytest.raises(ValueError, match="group of check boxes"):
        p.controls["item"].show_only(set())


# ---- before / after -------------------------------------------------------------------------

BA_SPECS = {
    "Pig iron": ("pig_iron_output", {"prefer": ["su_ind", "su_rec"], "periods": "calendar"}),
    "Steel": ("steel_output", {"prefer": ["su_ind", "su_rec"]}),
    "Coal": ("coal_output", {"prefer": ["su_ind", "su_rec"], "periods": "calendar", "kind": "level"}),
}


def ba_expected(key):
    """The stated values, taken in the panel's order of preference straight from data.series."""
    name, kw = BA_SPECS[key]
    kw = {k: v for k, v in kw.items() if k != "prefer"}
    out = {}
    for src in ("su_ind", "su_rec"):
        try:
            s = data.series(name, source=src, **kw)
        except Exception:
            continue
        f = conversion_factor(s.attrs["unit"], "million tons")
        for q, v in s.items():
            out.setdefault(periods.period_label(q), v * f)
    return out


def test_before_after_sweep():
    p = widgets.before_after_panel(BA_SPECS, title="Metal and coal", years=("1913", "1921", "1925", "1929"))
    expected = {k: ba_expected(k) for k in BA_SPECS}
    rows = covering(
        {
            **members("series", list(BA_SPECS)),
            **members("years", ["1913", "1921", "1925", "1929"]),
            "base": p.options("base"),
        },
        3,
    )
    every_year = {f"years:{y}": True for y in ["1913", "1921", "1925", "1929"]}
    rows += [{**rows[0], **every_year}, {**rows[0], **{k: False for k in every_year}}]  # all years, no year
    for row in rows:
        sel = as_subsets(row, "series", list(BA_SPECS))
        yrs = as_subsets(row, "years", ["1913", "1921", "1925", "1929"])
        base = row["base"]
        assert p.set(series=sel, years=yrs, base=base), p.message
        check_panel_is_sound(p)
        if not sel or not yrs:
            assert p.model.empty
            continue
        for k in sel:
            full = expected[k]
            want = {y: full[y] for y in yrs if y in full}
            if base != "absolute":
                if base not in full:
                    assert k not in p.plotted
                    continue
                want = {y: v / full[base] * 100 for y, v in want.items()}
            if not want:
                assert k not in p.plotted
                continue
            assert p.plotted[k] == pytest.approx(want)
    p.set(series=tuple(BA_SPECS), years=("1913", "1925", "1929"), base="absolute", period="1925")
    html = p.sources_html.value
    assert "su_rec-124" in html and "su_ind-185" in html  # 1,535,000 t vs 1.3 million t of pig iron
    assert "The passages disagree" in html
    assert "no figure for 1913" in p.text  # coal


# ---- construction helpers -------------------------------------------------------------------


def test_panel_accepts_a_list_or_one_selection():
    p = widgets.timeseries_panel(["fixed_assets_large_scale_industry"], title="t")
    assert "Series 'fixed_assets_large_scale_industry'" in p.message and not p.plotted
    p = widgets.timeseries_panel(("coal_output", {"source": "su_rec"}), title="Coal")
    assert p.state["series"] == ("coal output (su_rec)",) and not p.controls["series"].visible
    assert p.plotted["coal output (su_rec)"]["1925/26"] == 25770.0
    p = widgets.timeseries_panel(fx({1913: 1.0, 1914: 2.0}, name="named"), title="t")
    assert p.state["series"] == ("named",)


def test_bad_construction_arguments_raise_clearly():
    with pytest.raises(ValueError, match="not a period of this chart"):
        widgets.timeseries_panel({"A": fx({1913: 1.0})}, title="t", years=("1900", "1913"))
    with pytest.raises(ValueError, match="at least one item"):
        widgets.plan_panel({})


# ---- page hooks and the default period -------------------------------------------------------


def test_css_hooks_and_data_uri_image():
    p = widgets.timeseries_panel({"Coal": ("coal_output", {"source": "su_rec"})}, title="Coal")
    assert "nep-panel" in p.widget._dom_classes
    assert "nep-chart" in p.image._dom_classes and isinstance(p.image, W.HTML)
    assert p.image.value.startswith('<img class="nep-chart-img" src="data:image/png;base64,')
    assert 'alt="Chart: Coal. See the text description below."' in p.image.value  # axe's image-alt
    assert p.png.startswith(b"\x89PNG") and p.image.value.count("<img") == 1
    width, height = H.png_size(p.png)
    assert f'width="{p.image_width}" height="{round(p.image_width * height / width)}"' in p.image.value
    assert "nep-provenance" in p.sources_html._dom_classes
    assert 'class="nep-textalt"' in p.text_html.value
    before = p.image.value
    assert p.set(scale="log") and p.image.value != before and p.image.value.count("<img") == 1  # replaced in place


def test_default_period_shows_a_passage_until_the_student_chooses():
    p = widgets.timeseries_panel(GROSS_SPECS, title="Gross output", base="1913")
    assert p.state["period"] == "1913"  # the first period where passages disagree
    assert "The passages disagree" in p.sources_html.value  # 10,251 million vs 10.2 billion rubles
    coal = widgets.timeseries_panel({"Coal": ("coal_output", {"source": "su_rec"})}, title="Coal")
    assert coal.state["period"] == "1925/26"  # no disagreement: the last period
    assert "25770" in coal.sources_text
    assert coal.set(period="")  # the student chooses '—': respected from then on
    coal.set(scale="log")
    assert coal.state["period"] == "" and "Choose a period" in coal.sources_html.value
    assert coal.set(period="1922/23") and coal.set(years=("1923/24", "1925/26"))
    assert coal.state["period"] == "1925/26"  # the chosen period left the view: back to a telling one


def test_plan_years_follow_the_plan_shown():
    p = widgets.plan_panel(plan_items())
    assert p.options("years") == ["1928/29", "1929/30"]
    assert p.set(item="Growth of industrial output, 1928/29")
    assert p.options("years") == ["1928/29"] and p.controls["years"].widget.layout.display == "none"
    assert p.set(item="Capital investment")
    assert p.options("years") == ["1928/29", "1929/30", "1930/31", "1931/32", "1932/33"]
    assert p.controls["years"].widget.layout.display is None and p.state["years"] == ("1928/29", "1932/33")
    state = p.state
    assert p.set(item="Fixture plan", years=("1931/32", "1932/33")) is False
    assert "periods: 1928/29, 1929/30" in p.message and p.state == state


def test_remainder_switch_is_disabled_where_it_has_no_effect():
    p = widgets.shares_panel({"Group A": ("share_group_a", {"scope": "large-scale industry"})}, title="Group A")
    box = p.controls["remainder"].widget
    assert p.set(layout="stacked") and not box.disabled
    assert p.set(layout="grouped") and box.disabled


def test_an_outside_series_is_called_independent_only_when_graded_a_throughout():
    """Grade-B compilations may copy the official figures: the legend calls them compilations."""
    specs = {"Coal (su_ind)": ("coal_output", {"source": "su_ind", "kind": "level"})}
    names = {}
    for grades, word in (
        ({"1913": "A", "1925": "A"}, "independent"),
        ({"1913": "B"}, "compilation"),
        ({"1913": "A", "1929": "B"}, "estimate"),
    ):
        ind = independent({1913: 29.1, 1925: 18.1})
        ind.attrs["grades"] = grades
        p = widgets.timeseries_panel(specs, title="Coal", independent={"Coal (su_ind)": ind})
        names[word] = p.independent[0].label
    assert all(label.endswith(f"({word})") for word, label in names.items()), names
