"""independent.chronology() and the per-row grades of list_estimates() / series()."""

import csv

import pandas as pd
import pytest
from _paths import ROOT

from helpers import independent
from helpers.errors import DataFileError

CHRONOLOGY = ROOT / "data" / "independent" / "chronology.csv"


def _raw_chronology() -> list[dict]:
    with open(CHRONOLOGY, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_chronology_loads_every_event_with_its_dates():
    raw = _raw_chronology()
    events = independent.chronology()
    assert list(events["id"]) == [r["id"] for r in raw]  # the file is kept in date order
    assert list(events.columns[: len(independent.CHRONOLOGY_COLUMNS)]) == independent.CHRONOLOGY_COLUMNS
    assert events["start"].notna().all() and (events["start"] <= events["end"]).all()
    one = events.set_index("id").loc["chr_gosplan_created"]
    assert one["date"] == "February 22, 1921"
    assert one["start"] == one["end"] == pd.Timestamp("1921-02-22")


def test_chronology_years_keep_events_that_fall_in_them():
    raw = _raw_chronology()
    chosen = independent.chronology(1927, 1929)
    expected = [r["id"] for r in raw if any(str(y) in r["date"] for y in (1927, 1928, 1929))]
    assert list(chosen["id"]) == expected and len(expected) >= 10
    assert set(chosen["end"].dt.year.clip(upper=1929)) <= {1927, 1928, 1929}
    later = independent.chronology(first_year=1930)
    assert len(later) and (later["end"].dt.year >= 1930).all()
    earlier = independent.chronology(last_year=1926)
    assert (earlier["start"].dt.year <= 1926).all()
    assert set(earlier["id"]) | set(chosen["id"]) | set(later["id"]) == {r["id"] for r in raw}


@pytest.mark.parametrize(
    "args, message",
    [
        ((1929, 1927), "first_year 1929 is after last_year 1927"),
        (("1927",), "whole year such as 1927"),
        ((1927.5,), "first_year"),
    ],
)
def test_chronology_refuses_bad_years(args, message):
    with pytest.raises((TypeError, ValueError), match=message):
        independent.chronology(*args)


def test_chronology_names_a_bad_grade(tmp_path, monkeypatch):
    data = tmp_path / "data"
    (data / "sources").mkdir(parents=True)
    (data / "sources" / "sources.csv").write_text("id\n", encoding="utf-8")
    (data / "independent").mkdir()
    (data / "independent" / "chronology.csv").write_text(
        ",".join(independent.CHRONOLOGY_COLUMNS) + "\nchr_x,1925,An event,USSR,A book,p. 1,E,\n", encoding="utf-8"
    )
    monkeypatch.setenv("NEP_COURSE_DATA", str(data))
    from helpers.data import paths

    paths.data_dir.cache_clear()
    independent.clear_cache()
    try:
        with pytest.raises(DataFileError, match=r"line 2 \(chr_x\), column 'grade': 'E' is not one of A, B, C, D"):
            independent.chronology()
    finally:
        monkeypatch.delenv("NEP_COURSE_DATA")
        paths.data_dir.cache_clear()
        independent.clear_cache()


def test_list_estimates_reports_every_grade_of_a_dataset():
    """Maddison 2020: 1913-1928 rest on Markevich & Harrison (A), 1929-1940 name no source (B)."""
    table = independent.list_estimates("gdp_per_capita")
    assert table.loc[("gdp_per_capita", "Maddison Project 2020"), "grade"] == "A (1913 … 1928); B (1929 … 1940)"
    est = independent.load_estimates()
    for (name, dataset), row in independent.list_estimates().iterrows():
        grades = set(est[(est["series"] == name) & (est["dataset"] == dataset)]["grade"])
        if len(grades) == 1:
            assert row["grade"] == grades.pop()
        else:
            assert sorted(g for g in grades if f"{g} (" in row["grade"]) == sorted(grades)


def test_list_estimates_periods_run_in_time_order():
    est = independent.load_estimates()
    for (name, dataset), row in independent.list_estimates().iterrows():
        periods = est[(est["series"] == name) & (est["dataset"] == dataset)]["period"]
        if periods.nunique() == 1:
            assert row["periods"] == periods.iloc[0]
        else:
            first, last = row["periods"].split(" … ")
            starts = {p: independent.parse_period(p).start for p in periods}
            dated = [d for d in starts.values() if d is not None]
            assert starts[first] == min(dated)
            assert starts[last] == max(dated) if None not in starts.values() else last == "undated"


def test_series_attrs_do_not_take_the_first_rows_grade_and_citation():
    s = independent.series("gdp_per_capita", dataset="Maddison Project 2020")
    assert s.attrs["grade"] == "A (1913 … 1928); B (1929 … 1940)"
    assert s.attrs["grades"]["1913"] == "A" and s.attrs["grades"]["1930"] == "B"
    assert s.attrs["citation"].startswith("1913 … 1928: ") and " | 1929 … 1940: " in s.attrs["citation"]
    assert "Markevich" not in s.attrs["citation"].split(" | ")[1]
    one = independent.series("pig_iron_output", dataset="Mitchell via CEDS")
    assert one.attrs["grade"] == "B" and " | " not in one.attrs["citation"]
