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
    with pytest.raises(PeriodKindError, match="periods='economic'"):
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
    [({"source": "su_xyz"}, "Unknown source"), ({"scope": "Mars"}, "Unknown scope"), ({"kind": "target"}, "Unknown kind"),
     ({"periods": "fortnight"}, "Unknown period kind"), ({"price_basis": "pre-war rubles"}, "Unknown price basis")],
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
    [("value", "8,090", "is not a number"), ("kind", "guess", "is not allowed"), ("period", "1925/27", "Malformed period"),
     ("price_basis", "kopecks", "Unknown price basis"), ("quote", "", "must not be empty")],
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
