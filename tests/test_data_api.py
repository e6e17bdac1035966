import pandas as pd
import pytest

from helpers import data
from helpers.errors import (
    AmbiguousSelectionError,
    DataFileError,
    PeriodKindError,
    PriceBasisError,
    UnknownNameError,
)


def test_economic_years_become_y_sep_periods_with_provenance():
    s = data.series("coal_output", source="su_rec", periods="economic")
    assert s.index.freqstr == "Y-SEP"
    assert list(data.labelled(s).index) == ["1921/22", "1922/23", "1923/24", "1924/25", "1925/26"]
    assert list(s) == [11324, 12700, 16328, 16520, 25770]
    assert s.attrs["unit"] == "thousand tons" and s.attrs["period_kind"] == "economic"
    (row_id,) = data.ids_of(s, "1925/26")
    assert data.figure(row_id)["value_as_written"] == "25770"


def test_calendar_years_and_price_basis_in_attrs():
    s = data.series("fixed_assets_large_scale_industry", source="su_rec")
    assert s.index.freqstr == "Y-DEC" and s.index[0].year == 1920
    assert s.attrs["price_basis"] == "1926/27 prices" and s.attrs["unit"] == "million rubles"
    assert s.idxmin().year == 1921, "the dip in the first year of NEP"


def test_mixed_period_kinds_need_a_choice():
    with pytest.raises(PeriodKindError, match='add periods="economic" or periods="calendar" to the call'):
        data.series("coal_output")
    cal = data.series("coal_output", periods="calendar")
    assert cal.attrs["period_kind"] == "calendar" and cal.attrs["unit"] == "million tons"


def test_disagreeing_passages_are_refused_and_both_are_in_the_provenance():
    with pytest.raises(AmbiguousSelectionError) as exc:
        data.series("pig_iron_output", periods="calendar")
    assert "su_rec" in str(exc.value) and "su_ind" in str(exc.value) and "1,535,000" in str(exc.value)
    prov = data.provenance("pig_iron_output", "1925")
    assert {"su_rec", "su_ind"} <= set(prov["source"])
    assert all(isinstance(q, str) and q for q in prov["quote"])


def test_units_are_unified_within_a_selection():
    s = data.series("pig_iron_output", source="su_rec", kind="level", unit="thousand tons")
    assert s.attrs["unit"] == "thousand tons"
    assert s[pd.Period("1913", "Y-DEC")] == pytest.approx(4216)


def test_unknown_series_suggests_close_names():
    with pytest.raises(UnknownNameError) as exc:
        data.series("coal_outptu")
    assert "coal_output" in str(exc.value)
    assert isinstance(exc.value, KeyError) and isinstance(exc.value, ValueError)


@pytest.mark.parametrize(
    "kwargs, fragment",
    [
        ({"source": "su_xyz"}, "Unknown source"),
        ({"scope": "Mars"}, "Unknown scope"),
        ({"kind": "target"}, "Unknown kind"),
        ({"periods": "fortnight"}, "Unknown period kind"),
        ({"price_basis": "pre-war rubles"}, "Unknown price basis"),
    ],
)
def test_bad_selections_name_the_valid_choices(kwargs, fragment):
    with pytest.raises(UnknownNameError) as exc:
        data.series("fixed_assets_large_scale_industry", **kwargs)
    assert fragment in str(exc.value) and "Valid choices" in str(exc.value)


def test_series_of_lost_cells_only_explains_itself():
    with pytest.raises(AmbiguousSelectionError, match="lost in the source copy"):
        data.series("intra_industrial_accumulation")
    assert data.rows("intra_industrial_accumulation")["value"].isna().all()


def test_mixed_price_bases_are_refused(data_copy):
    path = data_copy / "figures.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    i = df.index[(df["series"] == "fixed_assets_large_scale_industry") & (df["period"] == "1920")][0]
    df.loc[i, "price_basis"] = "pre-war rubles"
    df.to_csv(path, index=False)
    with pytest.raises(PriceBasisError, match="price_basis="):
        data.series("fixed_assets_large_scale_industry", source="su_rec")
    s = data.series("fixed_assets_large_scale_industry", source="su_rec", price_basis="1926/27 prices")
    assert s.index[0].year == 1921


def test_list_series_and_rows():
    ls = data.list_series()
    assert "coal_output" in ls.index and ls.loc["coal_output", "values"] >= 7
    assert set(data.list_series(topic="leasing").index) >= {"enterprises_intended_for_lease", "share_tenants_private"}
    with pytest.raises(UnknownNameError, match="topic"):
        data.list_series(topic="space_race")
    r = data.rows("coal_output", source="su_ind")
    assert set(r["source"]) == {"su_ind"}
    with pytest.raises(UnknownNameError, match="column"):
        data.rows("coal_output", colour="red")


@pytest.mark.parametrize(
    "column, bad, fragment",
    [
        ("value", "8,090", "is not a number"),
        ("kind", "guess", "is not allowed"),
        ("period", "1925/27", "Malformed period"),
        ("price_basis", "kopecks", "Unknown price basis"),
        ("quote", "", "must not be empty"),
    ],
)
def test_a_corrupted_figures_file_is_reported_with_row_and_column(data_copy, column, bad, fragment):
    path = data_copy / "figures.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[4, column] = bad
    df.to_csv(path, index=False)
    with pytest.raises(DataFileError) as exc:
        data.load_figures()
    msg = str(exc.value)
    assert "figures.csv" in msg and "row 5" in msg and f"column {column!r}" in msg and fragment in msg


def test_missing_or_truncated_files_are_reported(data_copy):
    path = data_copy / "figures.csv"
    path.write_text("id,series\nx,y\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="missing column"):
        data.load_figures()
    path.unlink()
    data.clear_cache()
    with pytest.raises(DataFileError, match="is missing"):
        data.load_figures()


def test_data_dir_from_environment_must_hold_the_course_data(tmp_path, monkeypatch):
    from helpers import paths

    monkeypatch.setenv("NEP_COURSE_DATA", str(tmp_path))
    paths.data_dir.cache_clear()
    try:
        with pytest.raises(DataFileError, match="does not contain"):
            paths.data_dir()
    finally:
        monkeypatch.delenv("NEP_COURSE_DATA")
        paths.data_dir.cache_clear()


def test_different_coverages_are_not_one_series():
    with pytest.raises(AmbiguousSelectionError, match="scope="):
        data.series("gross_output_large_scale_industry", periods="calendar")
    full = data.series("gross_output_large_scale_industry", scope="full range of industries", periods="calendar")
    assert full.attrs["scope"] == "full range of industries"


# ---- the scope prefix and arithmetic that keeps its metadata (review §2.1) ---------------------


def test_a_scope_may_be_named_by_its_beginning_as_in_chart_specs():
    full = data.rows("gross_output_large_scale_industry")
    circle = [s for s in set(full["scope"]) if s.startswith("comparable circle")]
    assert len(circle) == 1 and len(circle[0]) > 40
    short = data.series("gross_output_large_scale_industry", scope="comparable circle", source="su_rec")
    long = data.series("gross_output_large_scale_industry", scope=circle[0], source="su_rec")
    pd.testing.assert_series_equal(short, long)
    assert short.attrs == long.attrs and short.attrs["scope"] == circle[0]
    with pytest.raises(UnknownNameError, match="scope for series"):
        data.series("gross_output_large_scale_industry", scope="compar circle", source="su_rec")


def _heavy_light():
    heavy = data.labelled(data.series("gross_output_group_a", kind="level", source="su_rec"))
    light = data.labelled(data.series("gross_output_group_b", kind="level", source="su_rec"))
    return heavy, light


def test_adding_series_merges_their_metadata_instead_of_taking_the_right_ones():
    """Notebook 01 adds heavy and light industry; pandas alone gives the sum the right operand's attrs."""
    heavy, light = _heavy_light()
    total = heavy + light
    assert total.attrs["derived"] == "gross_output_group_a + gross_output_group_b"
    assert total.attrs["unit"] == heavy.attrs["unit"] == light.attrs["unit"]
    for label in total.dropna().index:
        assert total.attrs["ids"][label] == heavy.attrs["ids"][label] + light.attrs["ids"][label]
    # group B states no price basis: the sum says what it assumes rather than copying either side
    assert light.attrs["price_basis"] == "unstated" and heavy.attrs["price_basis"] == "1926/27 prices"
    assert total.attrs["price_basis"] == (
        "1926/27 prices (assumed for gross_output_group_b, whose price basis is not stated)"
    )
    assert (light + heavy).attrs["derived"] == "gross_output_group_b + gross_output_group_a"
    assert "derived" not in heavy.attrs and "derived" not in light.attrs


def test_adding_different_units_or_price_bases_fails_loudly():
    from helpers import units
    from helpers.errors import PriceBasisError, UnitError

    tons = data.series("pig_iron_output", source="su_rec")
    kt = data.series("pig_iron_output", source="su_rec", unit="thousand tons")
    with pytest.raises(UnitError, match=r"\('tons'\) and pig_iron_output \('thousand tons'\).*units.combine"):
        tons + kt
    both = units.combine(tons, kt)
    assert both.attrs["unit"] == "tons" and both.iloc[0] == 2 * tons.iloc[0]
    a = data.series("gross_output_group_a", kind="level", source="su_rec")
    b = a.copy()
    b.attrs = {**a.attrs, "price_basis": "pre-war rubles"}
    with pytest.raises(PriceBasisError, match="different price bases"):
        a - b


def test_ratios_and_scaling_say_what_they_are():
    heavy, light = _heavy_light()
    assert (heavy / light).attrs["unit"] == "ratio"
    doubled = heavy * 2
    assert doubled.attrs["derived"] == "gross_output_group_a × 2" and doubled.attrs["ids"] == heavy.attrs["ids"]
    assert (100 - heavy).attrs["derived"] == "100 − gross_output_group_a"
    assert heavy.add(light).attrs["derived"] == (heavy + light).attrs["derived"]


def test_a_part_over_its_percentage_share_is_the_whole_in_the_parts_unit():
    """Notebook 02: the rest of factory output = private / share × 100 − private."""
    private = data.series("private_gross_output_factory_industry")
    share = data.series("share_private_gross_output_factory_industry", source="su_rec")
    assert share.attrs["unit"] == "%"
    whole = private / share * 100
    assert whole.attrs["unit"] == private.attrs["unit"]
    rest = whole - private
    assert rest.attrs["unit"] == private.attrs["unit"] and rest.attrs["derived"].endswith(
        "− private_gross_output_factory_industry"
    )
