"""helpers.crosscheck: official figures and independent estimates as indices."""

import math

import pytest

from helpers import crosscheck, independent
from helpers.errors import UnknownNameError


def test_pairs_are_found_from_the_data():
    p = crosscheck.pairs()
    assert set(p["series"]) == {
        "coal_output",
        "electricity_generation",
        "oil_output",
        "pig_iron_output",
        "steel_output",
    }
    assert set(p["grade"]) <= set(independent.GRADES)
    mitchell = p[(p["series"] == "pig_iron_output") & (p["dataset"] == "Mitchell via CEDS")].iloc[0]
    assert mitchell["grade"] == "B" and mitchell["unit"] == "kt"


def test_index_table_official_and_independent():
    t = crosscheck.index_table("1913", series="pig_iron_output")
    off = t[(t["estimate"] == "official (su_rec)") & (t["period"] == "1925")]
    assert sorted(round(v, 1) for v in off["index"]) == [36.0, 36.4]  # stated 36%, computed 1,535/4,216
    assert set(off["how"].str.split(":").str[0]) == {"computed", "stated"}
    m = t[(t["estimate"] == "Mitchell via CEDS") & (t["period"] == "1929")].iloc[0]
    assert math.isclose(m["index"], 100 * 4021 / 4216) and m["grade"] == "B"
    # su_ind states no 1913 pig iron, so it gives no official index at 1913 = 100
    assert "official (su_ind)" not in set(t["estimate"])


def test_base_1925_shows_the_compilations_repeat_official_tonnage_ratios():
    s = crosscheck.index_summary("1925")
    assert round(s.loc[("pig_iron_output", "official (su_ind)", ""), "1929"], 1) == 307.7
    assert round(s.loc[("pig_iron_output", "Mitchell via CEDS", "B"), "1929"], 1) == 307.2
    assert crosscheck.comparable_at("1913") == ["pig_iron_output", "steel_output"]


def test_panel_choices_label_grades_and_skip_tiny_datasets():
    choices, indep = crosscheck.panel_choices()
    assert list(choices)[:2] == ["Pig iron", "Steel"]
    labels = [s.attrs["label"] for s in indep["Pig iron"]]
    assert labels == ["Mitchell via CEDS, grade B"]  # Medvedev (1 value) and the 2-value text are left out
    assert indep["Electricity"] == []


def test_errors():
    with pytest.raises(UnknownNameError):
        crosscheck.index_table("1925/26")
    with pytest.raises(UnknownNameError):
        crosscheck.index_table("1913", series="gdp")
