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
    checks = tallies.checks("deportations").set_index("computation")
    persons, families = (
        _value("lit_shvalner_deported_kulak_persons_gulag_ref_1930_31"),
        _value("lit_shvalner_deported_kulak_families_gulag_ref_1930_31"),
    )
    per = [r for r in checks.itertuples() if r.check == "per"][0]
    assert per.result.startswith(f"{persons / families:.2f}")
    arrived = _value("lit_wikipedia_deportees_arrived_1930_31")
    share = [r for r in checks.itertuples() if "lit_wikipedia_deportees_arrived_1930_31" in r.ids][0]
    assert share.result == f"{100 * arrived / persons:.1f}%".replace(".0%", "%") and share.flag


def test_an_exact_sum_says_the_whole_does_not_confirm_its_parts():
    s = tallies.checks("deportations")
    total = s[s["check"] == "sum"].iloc[0]
    parts = [_value(i) for i in total["ids"][:-1]]
    assert math.isclose(sum(parts), _value(total["ids"][-1]))
    assert not total["flag"] and "does not confirm them" in total["verdict"]


def test_counts_from_two_publications_carry_a_caution_and_different_spans_say_so():
    d = tallies.checks("deportations")
    quota = d[d["ids"].map(lambda ids: "lit_dmitrievaffair_kulak_quota_second_category_1930_high" in ids)].iloc[0]
    assert "the periods differ" in quota["verdict"] and "two different counts" in quota["verdict"]
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
