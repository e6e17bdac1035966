"""Provenance tests: every row of data/figures.csv is backed by its source, character for character."""

import math
import re
from collections import Counter

import pytest

from helpers import data, sources
from helpers.data.numbers import parse_stated_number
from helpers.data.periods import parse_period

FIG = data.load_figures()
STATED = FIG[FIG["kind"] != "lost"]
LOST = FIG[FIG["kind"] == "lost"]


def test_the_table_covers_every_source_with_several_hundred_rows():
    counts = Counter(FIG["source"])
    assert len(FIG) >= 350
    assert counts["su_rec"] >= 150 and counts["su_ind"] >= 150 and counts["ua_nep"] >= 4


@pytest.mark.parametrize("row", list(FIG.itertuples()), ids=list(FIG["id"]))
def test_quote_is_verbatim_in_its_source(row):
    assert sources.is_verbatim(row.source, row.quote), f"{row.id}: quote not found verbatim in {row.source}"


@pytest.mark.parametrize("row", list(STATED.itertuples()), ids=list(STATED["id"]))
def test_value_is_what_the_quote_says(row):
    assert row.value_as_written and row.value_as_written in row.quote, f"{row.id}: value_as_written not in quote"
    stated = parse_stated_number(row.value_as_written)
    assert stated is not None, f"{row.id}: {row.value_as_written!r} states no number the parser knows"
    # 'about half' may be recorded as 0.5 or as 50 %
    candidates = [stated, stated * 100] if row.unit == "%" and stated < 1 else [stated]
    assert any(math.isclose(row.value, c, rel_tol=1e-9, abs_tol=1e-9) for c in candidates), (
        f"{row.id}: value {row.value} but the quote says {row.value_as_written!r}"
    )
    if row.kind == "range":
        assert not math.isnan(row.value_high) and row.value_high > row.value
        assert re.search(re.escape(f"{row.value_high:g}"), row.value_as_written.replace(",", ""))


def test_lost_cells_stay_blank_and_say_so():
    assert len(LOST) >= 60
    assert LOST["value"].isna().all() and (LOST["value_as_written"] == "").all()
    assert LOST["table"].str.len().gt(0).all(), "every lost cell names its table"
    assert LOST["note"].str.contains("lost", case=False).all()


def test_lost_tables_named_in_the_source_readme_are_recorded():
    tables = set(LOST["table"])
    for heading in [
        "Intra-industrial accumulation",
        "Investments and depreciation of fixed assets",
        "Production of large-scale industry in the USSR",
        "Production growth rates as a percentage of the previous year",
        "The ratio of industrial and agricultural products",
        "Growth of output in branches of the licensed industry",
        "Manufacture of certain types of products of mechanical engineering",
    ]:
        assert any(t.startswith(heading) for t in tables), heading
        assert any(sources.is_verbatim(s, heading) for s in ("su_rec", "su_ind"))


def test_start_and_end_follow_from_the_period():
    for r in FIG.itertuples():
        assert (r.start, r.end) == parse_period(r.period).iso(), r.id
        if r.base_period:
            parse_period(r.base_period)


def test_ids_are_stable_source_prefixed_and_in_text_order():
    for src, group in FIG.groupby("source"):
        nums = [int(i.split("-")[1]) for i in group["id"]]
        assert nums == list(range(1, len(nums) + 1)), src
        positions = [sources.find(src, q) for q in group["quote"]]
        assert positions == sorted(positions), f"{src}: ids follow the order of the text"


def test_series_names_are_snake_case_and_money_has_a_price_basis():
    assert FIG["series"].str.fullmatch(r"[a-z][a-z0-9_]*").all()
    money = STATED[STATED["unit"].str.contains("rubles")]
    assert (money["price_basis"] != "").all(), list(money[money["price_basis"] == ""]["id"])
    physical = STATED[STATED["unit"].str.contains("tons|poods|people|pieces")]
    assert (physical["price_basis"] == "").all()


def test_shared_quantities_share_names_so_disagreements_show():
    """The two English chapters both report these; the same series name makes their differences visible."""
    both = FIG.groupby("series")["source"].agg(lambda s: set(s))
    for name in [
        "pig_iron_output",
        "steel_output",
        "coal_output",
        "share_group_a",
        "gross_output_large_scale_industry",
    ]:
        assert {"su_rec", "su_ind"} <= both[name], name


def test_numbers_in_words_are_captured():
    words = STATED[~STATED["value_as_written"].str.contains(r"\d")]
    assert len(words) >= 15
    assert "almost seven times" in set(words["value_as_written"])
    assert words["value_as_written"].str.contains("twice").any()


def test_every_topic_of_the_brief_is_covered():
    topics = Counter(FIG["topic"])
    for t in [
        "output",
        "fixed_assets",
        "fuel_raw_materials",
        "labour",
        "investment",
        "finance_budget",
        "loans_savings",
        "leasing",
        "concessions",
        "private_sector",
        "plan",
        "machinery",
        "technical_reconstruction",
    ]:
        assert topics[t] >= 3, t


def test_the_known_disagreement_on_pig_iron_in_1925_is_in_the_data():
    rows = FIG[(FIG["series"] == "pig_iron_output") & (FIG["period"] == "1925") & (FIG["kind"] == "level")]
    tonnes = {(r.source, r.value * (1e6 if r.unit == "million tons" else 1)) for r in rows.itertuples()}
    assert ("su_rec", 1535000) in tonnes and ("su_ind", 1.3e6) in tonnes
