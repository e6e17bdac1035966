import datetime as dt

import pandas as pd
import pytest

from helpers.data.periods import economic_year_label, parse_duration, parse_period, period_label
from helpers.errors import PeriodError

D = dt.date


@pytest.mark.parametrize(
    "text, kind, start, end",
    [
        ("1913", "calendar_year", D(1913, 1, 1), D(1913, 12, 31)),
        ("1925/26", "economic_year", D(1925, 10, 1), D(1926, 9, 30)),
        ("1926 / 27", "economic_year", D(1926, 10, 1), D(1927, 9, 30)),
        ("1899/00", "economic_year", D(1899, 10, 1), D(1900, 9, 30)),
        ("1921-1925", "calendar_span", D(1921, 1, 1), D(1925, 12, 31)),
        ("1928/29-1932/33", "economic_span", D(1928, 10, 1), D(1933, 9, 30)),
        ("1928/29-1932", "mixed_span", D(1928, 10, 1), D(1932, 12, 31)),
        ("October 1, 1925", "date", D(1925, 10, 1), D(1925, 10, 1)),
        ("9 August 1921", "date", D(1921, 8, 9), D(1921, 8, 9)),
        ("May 1922", "month", D(1922, 5, 1), D(1922, 5, 31)),
        ("end of 1929", "part_of_year", D(1929, 10, 1), D(1929, 12, 31)),
        ("early 1923", "part_of_year", D(1923, 1, 1), D(1923, 3, 31)),
        ("autumn 1921", "part_of_year", D(1921, 9, 1), D(1921, 11, 30)),
        ("end of 1925/26", "part_of_year", D(1926, 7, 1), D(1926, 9, 30)),
    ],
)
def test_accepted_forms(text, kind, start, end):
    p = parse_period(text)
    assert (p.kind, p.start, p.end) == (kind, start, end)


def test_undated_has_no_dates():
    p = parse_period("undated")
    assert p.kind == "undated" and p.iso() == ("", "")


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("1925/27", "must be followed by 26"),
        ("19250", "four digits"),
        ("1925-26", "with a slash"),
        ("1925/2026", "two digits after the slash"),
        ("", "empty"),
        ("Smarch 1925", "not a month"),
        ("1700", "outside"),
        ("1925-1921", "end after it starts"),
        ("February 30, 1925", "day is out of range"),
        ("pre-war", "none of the accepted forms"),
    ],
)
def test_malformed_periods_are_refused_with_the_accepted_forms(text, fragment):
    with pytest.raises(PeriodError) as exc:
        parse_period(text)
    msg = str(exc.value)
    assert fragment in msg
    assert "Accepted forms" in msg and "1925/26" in msg


def test_non_string_is_refused():
    with pytest.raises(PeriodError, match="expected text"):
        parse_period(1925)


def test_economic_year_is_a_y_sep_period_covering_october_to_september():
    p = parse_period("1925/26").to_pandas()
    assert p.freqstr == "Y-SEP"
    assert p.start_time == pd.Timestamp("1925-10-01")
    assert p.end_time.normalize() == pd.Timestamp("1926-09-30")
    assert economic_year_label(p) == "1925/26"


def test_calendar_year_is_y_dec_and_labels_round_trip():
    p = parse_period("1926").to_pandas()
    assert p.freqstr == "Y-DEC" and period_label(p) == "1926"
    assert period_label("1925 / 26") == "1925/26"


def test_spans_have_no_pandas_period():
    with pytest.raises(PeriodError, match="span"):
        parse_period("1921-1925").to_pandas()


@pytest.mark.parametrize("text, years", [("4 1/4 years", 4.25), ("5 years", 5), ("five years", 5), ("1 year", 1)])
def test_durations(text, years):
    assert float(parse_duration(text)) == years


@pytest.mark.parametrize("text", ["4 5/4 years", "years", "4 1/0 years", "1925/26"])
def test_bad_durations(text):
    with pytest.raises(PeriodError, match="Accepted forms|proper fraction"):
        parse_duration(text)


def test_day_and_month_labels_read_back():
    for text in ["October 1, 1925", "May 1922"]:
        p = parse_period(text).to_pandas()
        assert period_label(p) == text and parse_period(period_label(p)).to_pandas() == p
