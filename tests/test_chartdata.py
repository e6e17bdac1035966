"""Selections, provenance and chart models (the numbers every chart draws)."""

import math
import re

import numpy as np
import pandas as pd
import pytest

from helpers import data
from helpers.charts import builders, layout, model, provenance, selections
from helpers.data import periods
from helpers.data.units import conversion_factor
from helpers.errors import UnknownNameError

CC = "comparable circle (1913 range, without fishing, logging, railway repair shops)"


def fixture_series(values: dict, freq="Y-DEC", unit="tons", precision=None, **attrs) -> pd.Series:
    index = pd.PeriodIndex([pd.Period(str(k), freq) for k in values])
    s = pd.Series(list(values.values()), index=index, dtype=float, name=attrs.get("name", "fixture"))
    labels = [periods.period_label(p) for p in index]
    s.attrs = {
        "name": "fixture",
        "unit": unit,
        "price_basis": "",
        "kind": "level",
        "scope": "",
        "period_kind": "economic" if freq == "Y-SEP" else "calendar",
        "sources": ["fx"],
        "ids": {lab: [f"fx-{i}"] for i, lab in enumerate(labels)},
        "precision": precision or {lab: "exact" for lab in labels},
        "excluded": [],
        **attrs,
    }
    return s


def independent_series(values: dict, unit="million tons") -> pd.Series:
    s = pd.Series(
        list(values.values()), index=pd.PeriodIndex([pd.Period(str(k), "Y-DEC") for k in values]), dtype=float
    )
    s.attrs = {"unit": unit, "dataset": "fixture", "citation": "A. Author (2001)", "grade": "B", "territory": "USSR"}
    return s


# ---- periods on an axis ------------------------------------------------------------------


def test_period_x_separates_economic_and_calendar_years():
    assert model.period_x(pd.Period("1926", "Y-DEC")) == pytest.approx(1926.5)
    assert model.period_x(pd.Period("1926", "Y-SEP")) == pytest.approx(1926.25)  # 1925/26: Oct 1925 – Sep 1926
    assert model.period_x(pd.Period("1925-05", "M")) == pytest.approx(1925 + 4 / 12 + 1 / 24)


def test_gaps_are_named():
    idx = [pd.Period(y, "Y-DEC") for y in ("1913", "1921", "1922", "1925")]
    assert model.gaps(idx) == ["1914–1920", "1923–1924"]
    assert model.gaps([pd.Period("1923", "Y-SEP"), pd.Period("1925", "Y-SEP")]) == ["1923/24"]
    assert model.gaps(idx[:1]) == []


# ---- selections --------------------------------------------------------------------------


def test_load_choice_matches_data_series_exactly():
    c = selections.load_choice("coal", ("coal_output", {"source": "su_rec"}))
    s = data.series("coal_output", source="su_rec")
    assert c.ok and c.labels == ["1921/22", "1922/23", "1923/24", "1924/25", "1925/26"]
    np.testing.assert_array_equal(c.values, s.to_numpy())
    assert c.period_kind == "economic" and c.unit == "thousand tons"
    assert not c.breaks.any()


@pytest.mark.parametrize(
    "spec, words",
    [
        ("no_such_series", "Unknown series"),
        ("coal_output", "mixes period kinds"),
        ("fixed_assets_large_scale_industry", "Series 'fixed_assets_large_scale_industry'"),
        (("gross_output_large_scale_industry", {"scope": "comparable circle"}), "different values for 1913"),
        (("coal_output", {"scope": "nowhere"}), "Unknown scope"),
        (42, "Cannot read"),
        ({"name": "coal_output"}, "Cannot read"),  # the dict form was never used and is gone
    ],
)
def test_load_errors_become_messages_not_exceptions(spec, words):
    c = selections.load_choice("x", spec)
    assert not c.ok and words in c.error and c.error.startswith("x: ")


def test_scope_may_be_abbreviated_when_unambiguous():
    c = selections.load_choice(
        "gross", ("gross_output_large_scale_industry", {"scope": "comparable circle", "source": "su_rec"})
    )
    assert c.ok and c.attrs["scope"] == CC


def test_prefer_sources_takes_each_period_from_the_first_source_and_flags_disagreement():
    s = selections.prefer_sources("pig_iron_output", ["su_ind", "su_rec"], periods="calendar")
    assert s.attrs["chosen"] == {"1913": "su_rec", "1924": "su_rec", "1925": "su_ind", "1929": "su_ind"}
    assert s.attrs["unit"] == "million tons"
    assert s[pd.Period("1913", "Y-DEC")] == pytest.approx(4.216)
    c = selections.load_choice("pig", s)
    assert list(c.conflicts) == ["1925"]  # su_rec says 1,535,000 tons, su_ind 1.3 million
    assert c.conflicts["1925"][0]["id"] == "su_rec-124"


def test_conflicts_ignore_passages_with_another_stated_scope():
    c = selections.load_choice("full", ("gross_output_large_scale_industry", {"scope": "full range"}))
    assert c.conflicts == {}  # the comparable-circle figures measure something else
    c = selections.load_choice(
        "cc", ("gross_output_large_scale_industry", {"scope": "comparable circle", "source": "su_rec"})
    )
    assert list(c.conflicts) == ["1913"]  # 10,251 million (su_rec) vs 10.2 billion (su_ind)


def test_provenance_rows_show_both_passages_when_they_disagree():
    c = selections.load_choice(
        "cc", ("gross_output_large_scale_industry", {"scope": "comparable circle", "source": "su_rec"})
    )
    rows = provenance.provenance_rows(c, "1913")
    ids = [r["id"] for r in rows]
    assert "su_rec-074" in ids and "su_ind-120" in ids
    assert rows[0]["plotted"] and rows[0]["id"] == "su_rec-074"
    assert all(r["quote"] and r["source_title"] for r in rows)
    assert provenance.disagreement([r for r in rows if r["same_kind"]]) is not None
    for r in rows:  # every quote is verbatim in its source
        from helpers.data.sources import is_verbatim

        assert is_verbatim(r["source"], r["quote"])


def test_provenance_rows_of_independent_and_fixture_series():
    ind = selections.load_choice("i", independent_series({1913: 29.1, 1925: 18.1}), role="independent", pair="coal")
    (row,) = provenance.provenance_rows(ind, "1925")
    assert row["citation"] == "A. Author (2001)" and row["value"] == 18.1
    fx = fixture_series({1920: 1.0}, rows={"1920": [{"quote": "<script>", "source": "fx"}]})
    assert provenance.provenance_rows(selections.load_choice("f", fx), "1920") == [
        {"quote": "<script>", "source": "fx"}
    ]


def test_independent_protocol_is_checked():
    bad = pd.Series([1.0], index=pd.PeriodIndex([pd.Period("1913", "Y-DEC")]))
    bad.attrs = {"unit": "tons"}
    c = selections.load_choice("i", bad, role="independent")
    assert not c.ok and "dataset" in c.error


def test_disagreement():
    assert (
        provenance.disagreement([{"value": 1.0, "unit": "million tons"}, {"value": 1000.0, "unit": "thousand tons"}])
        is None
    )
    assert provenance.disagreement(
        [{"value": 1.0, "unit": "million tons"}, {"value": 1.2, "unit": "million tons"}]
    ) == [
        1.0,
        1.2,
    ]


# ---- time-series models -------------------------------------------------------------------

GROSS = {
    "su_rec": ("gross_output_large_scale_industry", {"scope": "comparable circle", "source": "su_rec"}),
    "su_ind": ("gross_output_large_scale_industry", {"scope": "comparable circle", "source": "su_ind"}),
    "full": ("gross_output_large_scale_industry", {"scope": "full range"}),
}


def _choices(specs):
    return [selections.load_choice(k, v) for k, v in specs.items()]


_SERIES_CACHE: dict = {}


def _data_series(name, kw):
    key = (name, tuple(sorted(kw.items())))
    if key not in _SERIES_CACHE:
        kw = dict(kw)
        if kw.get("scope") == "comparable circle":
            kw["scope"] = CC
        if kw.get("scope") == "full range":
            kw["scope"] = "full range of industries"
        _SERIES_CACHE[key] = data.series(name, **kw)
    return _SERIES_CACHE[key]


def _expected(name, kw, lo, hi, base=None, unit=None):
    """The expected plotted values, computed straight from data.series (not from chartdata)."""
    s = _data_series(name, kw)
    if unit:
        s = s * conversion_factor(s.attrs["unit"], unit)
    if base:
        s = s / s.iloc[[periods.period_label(p) for p in s.index].index(base)] * 100
    x = np.array([model.period_x(p) for p in s.index])
    keep = (x >= lo - 1e-9) & (x <= hi + 1e-9)
    return {periods.period_label(p): v for p, v, k in zip(s.index, s.to_numpy(), keep) if k}


def _as_dict(t):
    return dict(zip(t.periods, t.y))


def test_timeseries_model_full_sweep_matches_data_series():
    choices = _choices(GROSS)
    opts = layout.period_options(choices)
    labels = [lab for lab, _ in opts]
    xs = dict(opts)
    subsets = [
        ("su_rec",),
        ("su_ind",),
        ("full",),
        ("su_rec", "su_ind"),
        ("su_rec", "full"),
        ("su_ind", "full"),
        ("su_rec", "su_ind", "full"),
    ]
    n = 0
    for sel in subsets:
        for i, a in enumerate(labels):
            for b in labels[i:]:
                for base in ["absolute", *labels]:
                    for scale in ("linear", "log"):
                        m = builders.timeseries_model(
                            choices, title="t", selected=sel, years=(a, b), options=opts, base=base, scale=scale
                        )
                        n += 1
                        got = {t.key: _as_dict(t) for t in m.visible}
                        ref_unit = None
                        for key in sel:
                            name, kw = GROSS[key]
                            unit = None
                            if base == "absolute":
                                if ref_unit is None and key in got:
                                    ref_unit = _data_series(*GROSS[key]).attrs["unit"]
                                unit = ref_unit
                            exp_all = _expected(name, kw, -1e9, 1e9)
                            if base != "absolute" and base not in exp_all:
                                assert key not in got
                                assert any(
                                    f"no value for {base}" in msg or "no values between" in msg for msg in m.messages
                                )
                                continue
                            exp = _expected(
                                name, kw, xs[a], xs[b], base=None if base == "absolute" else base, unit=unit
                            )
                            if not exp:
                                assert key not in got
                                continue
                            assert key in got, (sel, a, b, base, scale, m.messages)
                            assert got[key].keys() == exp.keys()
                            for p in exp:
                                assert got[key][p] == pytest.approx(exp[p], rel=1e-12)
                        if not m.visible:
                            assert m.empty
    assert n > 1000


def test_timeseries_model_converts_units_to_the_first_series():
    choices = _choices({"cc": GROSS["su_rec"], "full": GROSS["full"]})
    opts = layout.period_options(choices)
    m = builders.timeseries_model(
        choices, title="t", selected=["cc", "full"], years=(opts[0][0], opts[-1][0]), options=opts
    )
    full = next(t for t in m.visible if t.key == "full")
    assert full.unit == "million rubles" and full.stated_unit == "billion rubles"
    assert _as_dict(full)["1913"] == pytest.approx(11000.0)
    assert m.ylabel == "million rubles, 1926/27 prices"


def test_different_units_or_price_bases_refuse_one_absolute_axis():
    choices = _choices(
        {
            "gross": GROSS["su_rec"],
            "coal": ("coal_output", {"source": "su_ind", "kind": "level"}),
            "fa": ("fixed_assets_large_scale_industry", {"price_basis": "unstated"}),
        }
    )
    opts = layout.period_options(choices)
    m = builders.timeseries_model(
        choices, title="t", selected=["gross", "coal", "fa"], years=(opts[0][0], opts[-1][0]), options=opts
    )
    assert [t.key for t in m.visible] == ["gross"]
    assert any("cannot share one axis" in msg for msg in m.messages)
    assert any("price bases" in msg for msg in m.messages)
    m = builders.timeseries_model(
        choices, title="t", selected=["gross", "fa"], years=(opts[0][0], opts[-1][0]), options=opts, base="1925"
    )
    assert [t.key for t in m.visible] == ["gross", "fa"]  # each series indexed on itself


def test_mixed_period_kinds_are_refused_unless_allowed_and_then_said():
    choices = _choices(
        {"rec": ("coal_output", {"source": "su_rec"}), "ind": ("coal_output", {"source": "su_ind", "kind": "level"})}
    )
    opts = layout.period_options(choices)
    kw = dict(title="t", selected=["rec", "ind"], years=(opts[0][0], opts[-1][0]), options=opts)
    m = builders.timeseries_model(choices, **kw)
    assert [t.key for t in m.visible] == ["rec"]
    assert any("not a calendar year" in msg for msg in m.messages)
    m = builders.timeseries_model(choices, allow_mixed_periods=True, **kw)
    assert [t.key for t in m.visible] == ["rec", "ind"]
    assert m.period_kinds == ("economic", "calendar")
    assert any("Economic years" in n for n in m.notes)
    assert "economic years" in m.visible[0].label
    ind = m.visible[1]
    assert _as_dict(ind) == {"1925": pytest.approx(16900.0), "1929": pytest.approx(41700.0)}


def test_log_scale_leaves_out_zero_and_says_so():
    fx = fixture_series({1913: 0.0, 1914: 5.0, 1915: 10.0}, unit="pieces")
    choices = [selections.load_choice("tractors", fx)]
    opts = layout.period_options(choices)
    m = builders.timeseries_model(
        choices, title="t", selected=["tractors"], years=("1913", "1915"), options=opts, scale="log"
    )
    assert _as_dict(m.visible[0]) == {"1914": 5.0, "1915": 10.0}
    assert any("log scale cannot show zero" in msg for msg in m.messages)


def test_gaps_and_single_points():
    fx = fixture_series({1913: 1.0, 1921: 2.0, 1922: 3.0, 1925: 4.0})
    single = fixture_series({1920: 7.0})
    choices = [selections.load_choice("gappy", fx), selections.load_choice("single", single)]
    opts = layout.period_options(choices)
    m = builders.timeseries_model(
        choices, title="t", selected=["gappy", "single"], years=("1913", "1925"), options=opts
    )
    gappy, one = m.visible
    assert gappy.breaks.tolist() == [False, True, False, True]
    assert gappy.gaps == ["1914–1920", "1923–1924"]
    assert len(one) == 1 and one.periods == ["1920"]


def test_empty_selections():
    choices = _choices({"a": GROSS["su_rec"]})
    opts = layout.period_options(choices)
    m = builders.timeseries_model(choices, title="t", selected=[], years=(opts[0][0], opts[-1][0]), options=opts)
    assert m.empty and "No series selected" in m.empty
    m = builders.timeseries_model(choices, title="t", selected=["a"], years=("1925", "1925"), options=opts, base="1913")
    assert not m.empty and _as_dict(m.visible[0]) == {"1925": pytest.approx(7739 / 10251 * 100)}


def test_reversed_range_is_normalised():
    choices = _choices({"a": GROSS["su_rec"]})
    opts = layout.period_options(choices)
    m = builders.timeseries_model(choices, title="t", selected=["a"], years=("1925", "1913"), options=opts)
    assert m.years == ("1913", "1925")


def test_independent_estimates_follow_compare():
    choices = [
        selections.load_choice("coal", ("coal_output", {"source": "su_ind", "kind": "level"})),
        selections.load_choice(
            "coal — fx", independent_series({1913: 29.1, 1925: 18.1}), role="independent", pair="coal"
        ),
    ]
    opts = layout.period_options(choices)
    for compare, keys in (("official", ["coal"]), ("independent", ["coal — fx"]), ("both", ["coal", "coal — fx"])):
        m = builders.timeseries_model(
            choices, title="t", selected=["coal"], years=(opts[0][0], opts[-1][0]), options=opts, compare=compare
        )
        assert [t.key for t in m.visible] == keys
    assert m.visible[1].dashed and m.visible[1].citation == "A. Author (2001)"
    assert "A. Author (2001)" in m.source


# ---- shares, plan, before/after ------------------------------------------------------------


def test_shares_remainder_is_computed_only_where_every_share_is_stated():
    a = fixture_series({1913: 40.0, 1921: 50.0, 1925: 30.0}, unit="%")
    b = fixture_series({1913: 10.0, 1925: 20.0}, unit="%")
    choices = [selections.load_choice("A", a), selections.load_choice("B", b)]
    opts = layout.period_options(choices)
    m = builders.shares_model(choices, title="t", selected=["A", "B"], years=("1913", "1925"), options=opts)
    rem = next(t for t in m.traces if t.role == "remainder")
    assert _as_dict(rem) == {"1913": 50.0, "1925": 50.0}
    assert any("No remainder for 1921" in msg for msg in m.messages)
    assert [lab for _, lab in m.categories] == ["1913", "1921", "1925"]
    assert [text for _, text in m.gap_marks] == ["1914–1920", "1922–1924"]
    m = builders.shares_model(
        choices, title="t", selected=["A", "B"], years=("1913", "1925"), options=opts, layout="grouped"
    )
    assert all(t.role == "component" for t in m.traces)


def test_shares_over_100_percent_get_no_remainder():
    a = fixture_series({1913: 70.0}, unit="%")
    b = fixture_series({1913: 40.0}, unit="%")
    choices = [selections.load_choice("A", a), selections.load_choice("B", b)]
    m = builders.shares_model(
        choices, title="t", selected=["A", "B"], years=("1913", "1913"), options=layout.period_options(choices)
    )
    assert all(t.role != "remainder" for t in m.traces)
    assert any("more than 100%" in msg for msg in m.messages)


def test_shares_of_group_a_match_data():
    c = selections.load_choice("A", ("share_group_a", {"scope": "large-scale industry"}))
    m = builders.shares_model(
        [c], title="t", selected=["A"], years=("1913", "1929"), options=layout.period_options([c])
    )
    s = data.series("share_group_a", scope="large-scale industry")
    assert _as_dict(m.traces[0]) == {periods.period_label(p): v for p, v in s.items()}
    rem = _as_dict(m.traces[1])
    assert rem["1913"] == pytest.approx(59.3)


def _plan_choices(variants=2, actual=True):
    targets = []
    for i in range(variants):
        t = selections.load_choice(
            f"variant {i}", fixture_series({1929: 100.0 + 10 * i, 1930: 120.0 + 10 * i}, freq="Y-SEP", unit="%")
        )
        t.role = "target"
        targets.append(t)
    act = selections.load_choice("outcome", fixture_series({1929: 115.0}, freq="Y-SEP", unit="%")) if actual else None
    return targets, act


def test_plan_model_values_and_fulfilment():
    targets, act = _plan_choices()
    opts = layout.period_options([*targets, act])
    m = builders.plan_model(
        targets, act, title="t", variants=["variant 0", "variant 1"], years=("1928/29", "1929/30"), options=opts
    )
    roles = [t.role for t in m.visible]
    assert roles == ["target", "target", "actual"]
    m = builders.plan_model(
        targets,
        act,
        title="t",
        variants=["variant 0", "variant 1"],
        years=("1928/29", "1929/30"),
        options=opts,
        show="% of plan",
    )
    assert [_as_dict(t) for t in m.visible] == [
        {"1928/29": pytest.approx(115.0)},
        {"1928/29": pytest.approx(115 / 110 * 100)},
    ]
    assert m.reference == 100.0


def test_a_computed_value_is_a_point_in_the_notes_as_in_the_drawing():
    """A computed value is drawn as a plain bar (bars.hatch_for), so no note may announce hatched bars for it;
    an approximate one is hatched and announced."""
    from helpers.charts.bars import hatch_for

    def model(precision):
        t = selections.load_choice(
            "plan", fixture_series({1929: 100.0, 1930: 120.0}, freq="Y-SEP", unit="%", precision=precision)
        )
        t.role = "target"
        opts = layout.period_options([t])
        return builders.plan_model(
            [t], None, title="t", variants=["plan"], years=(opts[0][0], opts[-1][0]), options=opts
        )

    computed = model({"1928/29": "computed", "1929/30": "exact"})
    assert hatch_for("computed") == "" and not any("Hatched" in n for n in computed.notes)
    approx = model({"1928/29": "approx", "1929/30": "exact"})
    assert hatch_for("approx") and any("Hatched bars" in n for n in approx.notes)


def test_plan_model_without_outcome_or_variants():
    targets, _ = _plan_choices(actual=False)
    opts = layout.period_options(targets)
    m = builders.plan_model(targets, None, title="t", variants=[], years=("1928/29", "1929/30"), options=opts)
    assert m.empty
    m = builders.plan_model(
        targets, None, title="t", variants=["variant 0"], years=("1928/29", "1929/30"), options=opts, show="% of plan"
    )
    assert m.empty and any("no outcome" in msg for msg in m.messages)


def test_plan_model_refuses_outcome_in_another_price_basis():
    t = selections.load_choice("plan", "plan_capital_investment_industry")
    t.role = "target"
    a = selections.load_choice("outcome", ("capital_investment_industry", {"source": "su_rec", "kind": "level"}))
    opts = layout.period_options([t, a])
    m = builders.plan_model([t], a, title="t", variants=["plan"], years=(opts[0][0], opts[-1][0]), options=opts)
    assert [x.role for x in m.visible] == ["target"]
    assert any("cannot be set against the plan" in msg for msg in m.messages)


def test_before_after_model_absolute_and_index():
    specs = {
        "Pig iron": ("pig_iron_output", {"prefer": ["su_ind", "su_rec"], "periods": "calendar"}),
        "Coal": ("coal_output", {"prefer": ["su_ind", "su_rec"], "periods": "calendar", "kind": "level"}),
    }
    choices = _choices(specs)
    m = builders.before_after_model(choices, title="t", selected=list(specs), years=["1913", "1925", "1929"])
    pig, coal = m.visible
    assert _as_dict(pig) == {"1913": pytest.approx(4.216), "1925": pytest.approx(1.3), "1929": pytest.approx(4.0)}
    assert coal.gaps == ["1913"] and pig.conflict.tolist() == [False, True, False]
    m = builders.before_after_model(
        choices, title="t", selected=list(specs), years=["1913", "1925", "1929"], base="1913"
    )
    assert [t.key for t in m.visible] == ["Pig iron"]
    assert _as_dict(m.visible[0])["1925"] == pytest.approx(1.3 / 4.216 * 100)
    assert any("Coal has no value for 1913" in msg for msg in m.messages)
    assert builders.before_after_model(choices, title="t", selected=list(specs), years=[]).empty
    m = builders.before_after_model(choices, title="t", selected=list(specs), years=["1913", "1925", "1929"])
    assert m.years == m.year_labels == ("1913", "1925", "1929")  # every compared year, never re-parsed from text


# ---- string options, declared once ---------------------------------------------------------------


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda ch, o: builders.timeseries_model(
                ch, title="t", selected=["a"], years=("1913", "1925"), options=o, scale="cubic"
            ),
            "Unknown scale 'cubic'. Valid choices: linear, log.",
        ),
        (
            lambda ch, o: builders.timeseries_model(
                ch, title="t", selected=["a"], years=("1913", "1925"), options=o, compare="all"
            ),
            "Unknown comparison 'all'. Valid choices: official, independent, both.",
        ),
        (
            lambda ch, o: builders.shares_model(
                ch, title="t", selected=["a"], years=("1913", "1925"), options=o, layout="pie"
            ),
            "Unknown layout 'pie'. Valid choices: stacked, grouped.",
        ),
        (
            lambda ch, o: builders.plan_model(
                ch, None, title="t", variants=["a"], years=("1913", "1925"), options=o, show="%"
            ),
            "Unknown plan view '%'. Valid choices: values, % of plan.",
        ),
        (lambda ch, o: model.ChartModel(kind="pie", title="t"), "Unknown chart kind 'pie'."),
        (lambda ch, o: selections.load_choice("x", "coal_output", role="offical"), "Did you mean 'official'?"),
    ],
)
def test_string_options_are_refused_with_the_allowed_values(call, message):
    """Review §1.3: scale='cubic' used to be drawn linear without a word."""
    choices = _choices({"a": GROSS["su_rec"]})
    with pytest.raises(UnknownNameError, match=re.escape(message)):
        call(choices, layout.period_options(choices))


def test_the_options_are_the_literal_types():
    from typing import get_args

    assert get_args(model.Scale) == ("linear", "log")
    assert set(get_args(model.Compare)) == {"official", "independent", "both"}


def test_category_positions_leave_room_for_gaps():
    cats, gaps = layout.category_positions([("1913", 1913.5), ("1921", 1921.5), ("1922", 1922.5)])
    assert cats == [(0.0, "1913"), (1.5, "1921"), (2.5, "1922")]
    assert gaps == [(0.75, "1914–1920")]


def test_small_multiples_model_gives_each_series_its_own_panel():
    choices = _choices(
        {
            "fa": ("fixed_assets_large_scale_industry", {"source": "su_rec"}),
            "coal": ("coal_output", {"source": "su_rec"}),
        }
    )
    opts = layout.period_options(choices)
    m = builders.small_multiples_model(
        choices, title="t", selected=["fa", "coal"], years=(opts[0][0], opts[-1][0]), options=opts
    )
    assert [(t.key, t.axis) for t in m.visible] == [("fa", 0), ("coal", 1)]
    assert m.visible[0].ylabel == "million rubles, 1926/27 prices" and m.visible[1].ylabel == "thousand tons"
    assert not any(math.isnan(v) for t in m.visible for v in t.y)


def test_shares_that_fill_the_whole_get_no_zero_remainder_drawn():
    a = fixture_series({1913: 60.0, 1925: 70.0}, unit="%")
    b = fixture_series({1913: 40.0, 1925: 30.0}, unit="%")
    choices = [selections.load_choice("A", a), selections.load_choice("B", b)]
    m = builders.shares_model(
        choices, title="t", selected=["A", "B"], years=("1913", "1925"), options=layout.period_options(choices)
    )
    assert all(t.role != "remainder" for t in m.traces)
    assert any("add up to 100% in 1913, 1925" in msg for msg in m.messages)
