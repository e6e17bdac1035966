"""Independent estimates: each dataset row equals the cell of the raw extract it names."""

import csv
import re
from functools import lru_cache

import pytest

from helpers import independent
from helpers.errors import AmbiguousSelectionError, UnknownNameError
from conftest import ROOT

RAW = ROOT / "data" / "independent" / "raw"
EST = independent.load_estimates()
LOC = re.compile(r"^raw/(?P<file>[^;/]+\.csv); (?P<key>[A-Za-z]+)=(?P<val>[^;]+); column (?P<col>.+)$")
DATASET_ROWS = EST[EST["locator"].str.startswith("raw/")]


@lru_cache(maxsize=None)
def raw_table(name):
    with open(RAW / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_row_has_a_citation_grade_and_locator():
    assert len(EST) >= 200 and EST["id"].is_unique
    for col in independent.COLUMNS:
        assert (EST[col].astype(str).str.strip() != "").all(), col


@pytest.mark.parametrize("row", list(DATASET_ROWS.itertuples()), ids=list(DATASET_ROWS["id"]))
def test_dataset_value_equals_the_raw_cell(row):
    m = LOC.match(row.locator)
    assert m, row.locator
    hits = [t for t in raw_table(m["file"]) if t.get(m["key"]) == m["val"]]
    assert len(hits) == 1
    assert float(hits[0][m["col"]]) == row.value
    year = m["val"] if m["key"].lower() == "year" else m["col"].lstrip("X")
    assert row.period == year


def test_official_and_independent_share_series_names():
    from helpers import data

    for name in ("pig_iron_output", "steel_output", "coal_output", "oil_output"):
        assert name in data.series_names() and name in set(EST["series"])


def test_series_carries_citation_and_grade():
    s = independent.series("pig_iron_output", dataset="Mitchell via CEDS")
    assert s.attrs["grade"] == "B" and "Mitchell" in s.attrs["citation"]
    assert s.index.freqstr == "Y-DEC" and s[s.index.year == 1913].iloc[0] == 4216


def test_choices_are_named():
    with pytest.raises(UnknownNameError, match="Did you mean"):
        independent.series("pig_iron_outptu")
    multi = [n for n in set(EST["series"]) if len(independent.datasets(n)) > 1][0]
    with pytest.raises(AmbiguousSelectionError, match="dataset="):
        independent.series(multi)
