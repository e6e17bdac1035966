"""helpers.disagreements: every series/period stated with different values, found from the data."""

import math

import pandas as pd
import pytest

from helpers import data
from helpers import disagreements as dis
from helpers.errors import UnknownNameError


def _pair(df, a, b):
    hit = df[((df.id_a == a) & (df.id_b == b)) | ((df.id_a == b) & (df.id_b == a))]
    assert len(hit) == 1, (a, b)
    return hit.iloc[0]


def test_pig_iron_1925_disagreement_is_found_with_its_size_and_explanations():
    df = dis.find()
    r = _pair(df, "su_rec-124", "su_ind-185")
    assert r.series == "pig_iron_output" and r.period == "1925" and r.kind == "level"
    assert r.common_unit == "million tons"
    assert math.isclose(r.common_a, 1.535) and math.isclose(r.common_b, 1.3)
    assert math.isclose(r.difference, 0.235, rel_tol=1e-9)
    assert math.isclose(r.difference_pct, 100 * 0.235 / 1.3, rel_tol=1e-9)
    assert set(r.explanations) == {
        "scope stated in one passage only",
        "different source chapter",
        "economic vs calendar year",
    }
    assert "rounding" not in r.explanations and "unexplained" not in r.explanations
    assert data.figure("su_rec-124")["quote"] == r.quote_a


def test_steel_1925_and_the_scope_and_rounding_cases():
    df = dis.find()
    assert "economic vs calendar year" in _pair(df, "su_rec-127", "su_ind-187").explanations
    # 10,251 million (su_rec) against 10.2 billion (su_ind): 10.251 cut to one decimal, not rounded
    r = _pair(df, "su_rec-074", "su_ind-120")
    assert "rounding" in r.explanations and any("cut off" in d for d in r.details)
    # comparable circle against the full range of industries
    assert "different scope" in _pair(df, "su_ind-120", "su_ind-121").explanations
    assert "rounding" not in _pair(df, "su_ind-120", "su_ind-121").explanations  # 11 is not 10.2 cut off


def test_qualifiers_make_statements_consistent():
    df = dis.find()
    r = _pair(df, "su_rec-166", "su_ind-193")  # 3.7% against "less than 4%"
    assert "qualifier" in r.explanations and "different scope" in r.explanations
    assert _pair(df, "su_ind-089", "su_ind-090").explanations == ("qualifier",)  # "almost 100%" and 99.8%


def test_a_number_repeated_in_one_chapter_is_compared_once():
    df = dis.find()
    r = _pair(df, "su_rec-063", "su_rec-078")
    assert r.repeats_a == ("su_rec-073",)
    assert not ((df.id_a == "su_rec-073") | (df.id_b == "su_rec-073")).any()


def test_every_pair_is_like_with_like_and_really_differs():
    df = dis.find()
    assert len(df) >= 10
    rows = data.load_figures().set_index("id")
    for r in df.itertuples(index=False):
        a, b = rows.loc[r.id_a], rows.loc[r.id_b]
        assert (a.series, a.kind, a.base_period) == (b.series, b.kind, b.base_period)
        assert (a.parsed_period.start, a.parsed_period.end) == (b.parsed_period.start, b.parsed_period.end)
        assert not math.isclose(r.common_a, r.common_b)
        assert r.scope_relation != "different part"
        assert r.explanations and set(r.explanations) <= set(dis.EXPLANATIONS)
        assert len(r.details) == len(r.explanations)


def test_parts_of_the_economy_are_not_compared_but_listed():
    df = dis.find()
    assert "share_small_handicraft_industry" not in set(df.series)
    left = dis.not_compared()
    assert "share_small_handicraft_industry" in set(left.series)
    assert left["why"].str.contains("different parts").all()
    assert "share_small_handicraft_industry" in set(dis.find(include_parts=True).series)


def test_overlapping_calendar_and_economic_years():
    ov = dis.overlapping()
    coal = ov[(ov.series == "coal_output") & (ov.economic_year == "1924/25")].iloc[0]
    assert coal.id_calendar == "su_ind-189" and coal.id_economic == "su_rec-023"
    assert math.isclose(coal.value_economic, 16.52) and round(coal.difference_pct, 1) == 2.3


def test_filters_summary_labels_and_describe():
    assert set(dis.find(explanation="qualifier").id_b) == {"su_ind-193", "su_ind-090"}
    assert (dis.find(source="su_ind").apply(lambda r: "su_ind" in (r.source_a, r.source_b), axis=1)).all()
    with pytest.raises(UnknownNameError, match="explanation"):
        dis.find(explanation="misprint")
    with pytest.raises(UnknownNameError, match="source"):
        dis.find(source="su_xxx")
    s = dis.summary()
    assert s.loc["different source chapter", "pairs"] == int(dis.find()["source_a"].ne(dis.find()["source_b"]).sum())
    labels = dis.labels()
    assert len(labels) == len(dis.find()) and "pig iron output, 1925" in " ".join(labels)
    text = dis.describe(dis.pair("su_ind-185", "su_rec-124"))
    assert "1,535,000" in text and "18.1% of the smaller value" in text
    with pytest.raises(UnknownNameError):
        dis.pair("su_rec-001", "su_rec-002")


@pytest.mark.parametrize(
    "written, q",
    [
        ("1.3 million", 0.1),
        ("3, 62", 0.01),
        ("8,090", 1.0),
        ("61,035,300", 1.0),
        ("2 1 / 2", 0.5),
        ("almost seven times", 1.0),
        ("164 .7%", 0.1),
        ("", 1.0),
    ],
)
def test_quantum(written, q):
    assert math.isclose(dis.quantum(written), q)


def test_interval_bands():
    assert dis.interval(1.3, "1.3") == pytest.approx((1.25, 1.35))
    assert dis.interval(7, "almost seven times", "almost") == pytest.approx((6.3, 7.0))
    assert dis.interval(4, "less than 4%", "under") == (-math.inf, 4)
    assert dis.interval(2, "more than doubled", "over") == (2, math.inf)
    assert dis.interval(5, "about five", "approx") == pytest.approx((4.5, 5.5))
    assert dis.interval(100, "almost 100%", "almost") == pytest.approx((90, 100))


def test_scope_relation():
    assert dis.scope_relation("", "") == "same"
    assert dis.scope_relation("", "large-scale industry") == "one unstated"
    assert dis.scope_relation("full range of industries", "comparable circle (1913 range)") == "different coverage"
    assert dis.scope_relation("Grozneft", "USSR") == "different part"


def test_a_corrupted_copy_finds_a_new_disagreement(data_copy):
    path = data_copy / "figures.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    i = df.index[df.id == "su_ind-188"][0]
    df.loc[i, ["period", "start", "end"]] = ["1925", "1925-01-01", "1925-12-31"]  # steel 4.9 Mt now also for 1925
    df.to_csv(path, index=False)
    dis.clear_cache()
    try:
        found = dis.find()
        assert ((found.id_a == "su_ind-187") & (found.id_b == "su_ind-188")).any()
    finally:
        dis.clear_cache()
