"""Across kinds of year: synthetic series where a reading must fit, and where none may."""

import pytest
from _evidence_data import clear, est, fig, use

from helpers.errors import UnknownNameError
from helpers.evidence import readings


@pytest.fixture(autouse=True)
def _clean():
    yield
    clear()


def test_weighted_is_three_quarters_of_the_ending_year():
    assert readings.weighted(1000, 2000) == pytest.approx(1250)


def test_a_calendar_value_that_is_the_quarter_weighted_mean_fits_the_calendar_reading(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [
            fig("a-1", "iron", "1924/25", 1000),
            fig("a-2", "iron", "1925/26", 2000),
            fig("b-1", "iron", "1925", 1250, source="su_ind"),
        ],
    )
    f = readings.calendar_readings().iloc[0]
    assert not f["flag"] and f["best"] == readings.CALENDAR and f["fits"] == readings.CALENDAR
    assert "fits when read as “calendar year" in f["verdict"]
    assert f["passages"] == ("passage of b-1", "passage of a-1", "passage of a-2")
    assert "¾ × 1,000 + ¼ × 2,000 = 1,250" in f["computation"]


def test_a_value_equal_to_the_ending_economic_year_fits_that_reading_only(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [
            fig("a-1", "iron", "1924/25", 1000),
            fig("a-2", "iron", "1925/26", 2000),
            fig("b-1", "iron", "1925", 1.0, unit="million tons", written="1.0"),
        ],
    )
    f = readings.calendar_readings("iron").iloc[0]
    assert not f["flag"] and "“economic year ending in it”" in f["verdict"] and "starting" not in f["verdict"]


def test_no_reading_fits_a_value_far_from_all_of_them(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [fig("a-1", "iron", "1924/25", 1000), fig("a-2", "iron", "1925/26", 2000), fig("b-1", "iron", "1925", 3000)],
    )
    f = readings.calendar_readings().iloc[0]
    assert f["flag"] and f["verdict"].startswith("No reading fits")
    assert "economic year starting in it" in f["verdict"]  # the closest one is named


def test_stocks_are_never_quarter_weighted(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [
            fig("a-1", "fixed_assets", "1924/25", 1000),
            fig("a-2", "fixed_assets", "1925/26", 2000),
            fig("b-1", "fixed_assets", "1925", 1250),
        ],
    )
    f = readings.calendar_readings().iloc[0]
    assert f["flag"] and not f["flow"] and "never quarter-weighted" in f["computation"]


def test_nothing_to_test_without_an_economic_year_beside_it(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [
            fig("a-1", "iron", "1925", 1000, scope="USSR"),
            fig("a-2", "iron", "1926", 2000, scope="USSR"),
            fig("a-3", "iron", "1924/25", 1000, scope="Donbass"),
            fig("b-1", "iron", "1925", 999, scope="USSR"),
        ],
    )
    assert readings.calendar_readings().empty  # a part of the country is not the same series


def test_compilation_labels_read_as_economic_years(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [fig("a-1", "iron", "1925", 1535), fig("b-1", "iron", "1925", 1.3, unit="million tons", source="su_ind")],
        [est("x-1925", "iron", "1925", 1309), est("x-1926", "iron", "1926", 2203)],
    )
    c = readings.compilation_readings("iron").set_index("id")
    assert not c.loc["a-1", "flag"] and c.loc["a-1", "fits"] == readings.ECO_LABELS
    assert not c.loc["b-1", "flag"] and c.loc["b-1", "fits"] == readings.CAL_LABELS
    assert "x-1925" in c.loc["a-1", "ids"] and "x-1926" in c.loc["a-1", "ids"]


def test_compilation_years_outside_the_uncertain_ones_are_left_alone(monkeypatch, tmp_path):
    use(monkeypatch, tmp_path, [fig("a-1", "iron", "1913", 4216)], [est("x-1913", "iron", "1913", 4216)])
    assert readings.compilation_readings().empty


def test_ratio_readings_pick_the_closer_labelling(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [fig("a-1", "coal", "1923/24", 1000), fig("a-2", "coal", "1924/25", 1500)],
        [
            est("e-1923", "coal", "1923", 50, unit="TWh"),
            est("e-1924", "coal", "1924", 100, unit="TWh"),
            est("e-1925", "coal", "1925", 150, unit="TWh"),
        ],
    )
    r = readings.ratio_readings("coal").iloc[0]
    assert (
        not r["flag"] and r["fits"] == readings.ECO_LABELS
    )  # 1.5 against (0.25*100+0.75*150)/(0.25*50+0.75*100) = 1.57: outside 1%


def test_year_readings_read_both_years_the_same_way(monkeypatch, tmp_path):
    use(monkeypatch, tmp_path, [fig("a-1", "boilers", "1924/25", 10), fig("a-2", "boilers", "1928/29", 40)])
    got = readings.year_readings("boilers", "1929", "1925")
    assert [(g["reading"], g["base_row"].id, g["period_row"].id) for g in got] == [(readings.ENDING, "a-1", "a-2")]
    assert readings.year_readings("boilers", "1928/29", "1924/25") == []  # not calendar years: nothing to reread


def test_unknown_series_is_named(monkeypatch, tmp_path):
    use(monkeypatch, tmp_path, [fig("a-1", "iron", "1925", 1)])
    with pytest.raises(UnknownNameError, match="iron"):
        readings.calendar_readings("irn")
