"""Coverage on synthetic rows: two territories flagged with their ratio; same coverage, parts, left alone."""

import pytest
from _evidence_data import clear, est, fig, use

from helpers.evidence import coverage


@pytest.fixture(autouse=True)
def _clean():
    yield
    clear()


def test_two_territories_give_a_mismatch_with_its_ratio(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [
            fig("a-1", "coal", "1925", 16.9, unit="million tons", scope="USSR"),
            fig("a-2", "coal", "1925", 13000, scope="Ukraine", source="ua_nep"),
        ],
    )
    m = coverage.mismatches().iloc[0]
    assert m["flag"] and m["ratio"] == pytest.approx(16900 / 13000)
    assert "“Ukraine” would be 76.9% of “USSR”" in m["verdict"]
    assert m["passages"] == ("passage of a-1", "passage of a-2")


def test_two_coverages_of_industry_are_compared(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [
            fig("a-1", "output", "1913", 11, unit="billion rubles", scope="full range of industries"),
            fig("a-2", "output", "1913", 10251, unit="million rubles", scope="comparable circle (1913 range)"),
        ],
    )
    assert coverage.mismatches().iloc[0]["ratio"] == pytest.approx(11000 / 10251)


def test_same_coverage_branches_and_other_periods_are_not_mismatches(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [
            fig("a-1", "coal", "1925", 100, scope="USSR"),
            fig("a-2", "coal", "1925", 90, scope="USSR"),
            fig("b-1", "cloth", "1925", 100, scope="clothing industry"),
            fig("b-2", "cloth", "1925", 50, scope="woodworking"),
            fig("c-1", "oil", "1925", 100, scope="USSR"),
            fig("c-2", "oil", "1926", 50, scope="Ukraine"),
        ],
    )
    assert coverage.mismatches().empty


def test_compilations_with_another_territory_are_flagged_but_equal_values_are_not(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [fig("a-1", "steel", "1913", 4251), fig("a-2", "iron", "1913", 4216)],
        [est("x-1", "steel", "1913", 4918, territory="Russian Empire"), est("x-2", "iron", "1913", 4216)],
    )
    a = coverage.against_compilations().set_index("series")
    assert a.loc["steel", "flag"] and a.loc["steel", "ratio"] == pytest.approx(4918 / 4251)
    assert not a.loc["iron", "flag"]


def test_coverage_kinds():
    assert coverage.coverage_kind("Ukraine") == "territory"
    assert coverage.coverage_kind("census industry") == "coverage"
    assert coverage.coverage_kind("") == "unstated"
    assert coverage.coverage_kind("woodworking") == "part"
