"""Several counts of one thing (helpers.evidence.tallies): every topic's rows exist, the table reads in words,
and every check is computed from the rows it names."""

from __future__ import annotations

import math

import pytest

from helpers import independent, tallies
from helpers.errors import CourseError, UnknownNameError
from helpers.evidence.tallies import TOPICS, Check


def _value(row_id: str) -> float:
    est = independent.load_estimates().set_index("id")
    return float(est.loc[row_id, "value"])


@pytest.mark.parametrize("topic", list(TOPICS))
def test_every_topic_reads_in_words_and_names_existing_rows(topic):
    table = tallies.compare(topic)
    assert not table.empty
    assert not any(c in table.columns for c in ("id", "series", "citation"))  # ids only with details=True
    detailed = tallies.compare(topic, details=True)
    assert set(detailed["id"]) == {e.id for e in TOPICS[topic]["entries"]}
    assert {"counted by", "relayed by", "grade"} <= set(detailed.columns)
    text = tallies.weigh(topic)
    assert text.startswith(f"**{TOPICS[topic]['title']}**") and text._repr_markdown_() == str(text)
    assert len(tallies.checks(topic)) == len(TOPICS[topic]["checks"])


def test_a_share_and_a_count_per_unit_are_computed_from_the_rows():
    sent, arrived = _value("lit_wikipedia_deportees_sent_1930_31"), _value("lit_wikipedia_deportees_arrived_1930_31")
    d = tallies.checks("deportations")
    share = d[d["ids"].map(lambda ids: ids[0] == "lit_wikipedia_deportees_arrived_1930_31")].iloc[0]
    assert share["result"] == f"{100 * arrived / sent:.1f}%".replace(".0%", "%") and share["flag"]
    rubles, tons = _value("lit_ammende_grain_exports_value_1930"), _value("lit_ammende_grain_exports_1930")
    g = tallies.checks("grain exports")
    per = g[(g["check"] == "per") & g["ids"].map(lambda ids: ids[0] == "lit_ammende_grain_exports_value_1930")].iloc[0]
    assert per["result"].startswith(f"{rubles / tons:,.2f}".rstrip("0").rstrip("."))


def test_a_change_between_two_years_of_one_publication_carries_no_caution():
    tons_1930, tons_1931 = _value("lit_ammende_grain_exports_1930"), _value("lit_ammende_grain_exports_1931")
    g = tallies.checks("grain exports")
    change = g[(g["check"] == "change") & g["ids"].map(lambda ids: ids[0] == "lit_ammende_grain_exports_1930")].iloc[0]
    assert change["result"] == f"+{100 * (tons_1931 / tons_1930 - 1):.1f}%"
    assert not g["verdict"].str.contains("two different counts").any()  # every figure is Ammende's
    assert "†" not in str(tallies.weigh("grain exports"))


def test_an_exact_sum_says_the_whole_does_not_confirm_its_parts(monkeypatch):
    ids = ("lit_ruenc_shakhty_death_sentences", "lit_wikipedia_shakhty_executed", "lit_sun1928_shakhty_death_sentences")
    monkeypatch.setitem(TOPICS, "parts", dict(title="t", entries=(), checks=(Check("sum", ids),)))
    s = tallies.checks("parts")
    total = s[s["check"] == "sum"].iloc[0]
    parts = [_value(i) for i in total["ids"][:-1]]
    assert math.isclose(sum(parts), _value(total["ids"][-1]))
    assert not total["flag"] and "does not confirm them" in total["verdict"]


def test_a_rounded_relay_of_one_figure_is_not_called_the_same_count():
    d = tallies.checks("deportations")
    museum = d[d["ids"].map(lambda ids: ids[0] == "lit_gulagmemories_kulaks_deported_1930_31")].iloc[0]
    assert museum["result"] == "99.8%" and "two different counts" in museum["verdict"]


def test_counts_from_two_publications_carry_a_caution_and_different_spans_say_so(monkeypatch):
    ids = ("lit_wikipedia_special_settler_deaths_1932_40", "lit_gulagmemories_kulaks_deported_1930_31")
    monkeypatch.setitem(TOPICS, "spans", dict(title="t", entries=(), checks=(Check("share", ids),)))
    c = tallies.checks("spans").iloc[0]
    assert "the periods differ (1932-1940 against 1930-1931)" in c["verdict"] and "two different counts" in c["verdict"]
    sh = tallies.checks("shakhty")
    assert not sh["verdict"].str.contains("the periods differ").any()  # July 1928 lies inside 1928


def test_two_dates_of_one_event_are_counted_in_days():
    c = tallies.checks("lenin's article").iloc[0]
    assert c["result"].endswith("days apart") and c["flag"]


def test_unknown_topic_and_missing_row_are_named(monkeypatch):
    with pytest.raises(UnknownNameError, match="deportations"):
        tallies.compare("deportation")
    monkeypatch.setitem(TOPICS, "broken", dict(title="t", entries=(), checks=(Check("share", ("no_such", "x")),)))
    with pytest.raises(CourseError, match="no_such"):
        tallies.checks("broken")


def test_the_two_publications_caution_is_said_once_under_the_list():
    text = str(tallies.weigh("shakhty"))
    assert tallies.TWO_PUBLICATIONS not in text
    assert text.count("† Sets two publications side by side") == 1
    marked = [line for line in text.splitlines() if line.startswith("* † ")]
    assert len(marked) == sum("two different counts" in v for v in tallies.checks("shakhty")["verdict"])
    assert "†" not in str(tallies.weigh("lenin's article"))
