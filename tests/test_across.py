"""Inconsistencies across passages (helpers.evidence.across), on synthetic rows."""

import pytest
from _evidence_data import clear, fig, use

from helpers.evidence import across


@pytest.fixture(autouse=True)
def _clean():
    yield
    clear()


def _share(id, value, period, quote, source="su_rec", note="", scope="oil industry"):
    row = fig(
        id,
        "share_x",
        period,
        value,
        kind="share",
        unit="%",
        written=f"{value}%",
        quote=quote,
        source=source,
        scope=scope,
    )
    row["note"] = note
    return row


def test_a_share_stated_on_another_basis_in_another_passage_is_flagged(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [
            _share("a-1", 50.6, "1924/25", "q1", source="su_ind", note="not counting flowing production"),
            _share("a-2", 22.9, "1925/26", "q2"),
            _share("a-3", 20.0, "1926/27", "q3"),
        ],
    )
    s = across.shares()
    assert len(s) == 2
    first, second = s.iloc[0], s.iloc[1]
    assert first["flag"] and "not counting flowing production" in first["computation"]
    assert "different bases" in first["explanations"][0] and "−27.7 points" in first["result"]
    assert not second["flag"] and "One chapter, one basis" in second["verdict"]


def test_shares_of_one_passage_are_left_to_share_sets(monkeypatch, tmp_path):
    use(monkeypatch, tmp_path, [_share("a-1", 40, "1923", "q1"), _share("a-2", 30, "1924", "q1")])
    assert across.shares().empty


def _leasing(total_thousands):
    return [
        fig("w-1", "workers_per_leased_enterprise", "1923", 17, unit="workers", quote="avg"),
        fig("w-2", "enterprises_leased", "end of 1923", 5000, unit="enterprises", quote="count", source="ua_nep"),
        fig("w-3", "workers_private_tenants", "1923", total_thousands, unit="thousand people", quote="total"),
        fig("w-4", "share_tenants_private", "1923", 100, kind="share", unit="%", written="100%", quote="share"),
    ]


@pytest.mark.parametrize("total, flagged", [(85, False), (120, True)])
def test_an_average_against_a_count_and_a_total_stated_elsewhere(monkeypatch, tmp_path, total, flagged):
    use(monkeypatch, tmp_path, _leasing(total))
    a = across.averages().iloc[0]
    assert "17 (w-1) × 5,000 (w-2) × 100% (w-4) = 85,000" in a["computation"]  # 17 × 5,000 × 100%
    assert bool(a["flag"]) is flagged and a["chapters"] == ("su_rec", "ua_nep")
    assert any("different texts" in e for e in a["explanations"])
