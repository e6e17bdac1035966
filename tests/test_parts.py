"""Parts and wholes on synthetic rows: sets over 100%, parts that make up a total, products."""

import pytest
from _evidence_data import clear, fig, use

from helpers.errors import UnknownNameError
from helpers.evidence import parts


@pytest.fixture(autouse=True)
def _clean():
    yield
    clear()


def _share(id, series, value, quote, period="1923", scope=""):
    return fig(id, series, period, value, kind="share", unit="%", written=f"{value}%", quote=quote, scope=scope)


def test_shares_stated_together_over_100_are_flagged(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [_share("a-1", "share_x", 52, "q1"), _share("a-2", "share_y", 37, "q1"), _share("a-3", "share_z", 30, "q1")],
    )
    f = parts.share_sets().iloc[0]
    assert f["flag"] and f["total"] == pytest.approx(119) and "cannot all be parts of one whole" in f["verdict"]
    assert f["computation"].endswith("= 119% (117.5 to 120.5 within rounding)")


def test_shares_that_fit_in_one_whole_are_not_flagged(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [
            _share("a-1", "share_x", 81, "q1"),
            _share("a-2", "share_y", 19, "q1"),
            _share("b-1", "share_x", 60, "q2"),
            _share("b-2", "share_y", 30, "q2"),
        ],
    )
    s = parts.share_sets()
    assert len(s) == 2 and not s["flag"].any()
    assert "the other 10% is not named" in s.set_index("total").loc[90, "verdict"]


def test_a_total_just_over_100_within_rounding_is_not_flagged(monkeypatch, tmp_path):
    use(monkeypatch, tmp_path, [_share("a-1", "share_x", 50.4, "q1"), _share("a-2", "share_y", 49.65, "q1")])
    assert not parts.share_sets().iloc[0]["flag"]  # 100.05, but 50.35 + 49.645 = 99.995 fits in 100


def test_a_total_over_100_even_at_its_lowest_is_flagged(monkeypatch, tmp_path):
    use(monkeypatch, tmp_path, [_share("a-1", "share_x", 50.6, "q1"), _share("a-2", "share_y", 49.6, "q1")])
    assert parts.share_sets().iloc[0]["flag"]  # 50.55 + 49.55 = 100.1


def test_sets_with_different_bases_say_so(monkeypatch, tmp_path):
    use(
        monkeypatch,
        tmp_path,
        [_share("a-1", "share_x", 100, "q1", scope="assembly"), _share("a-2", "share_y", 100, "q1", scope="foundries")],
    )
    f = parts.share_sets().iloc[0]
    assert f["flag"] and f["explanations"][0].startswith("different stated bases")


def test_parts_against_totals(monkeypatch, tmp_path):
    monkeypatch.setitem(parts.PARTS, "total", dict(parts=("part_a", "part_b"), note="t"))
    use(
        monkeypatch,
        tmp_path,
        [
            fig("t-1", "total", "1921", 2004),
            fig("p-1", "part_a", "1921", 876),
            fig("p-2", "part_b", "1921", 1128),
            fig("t-2", "total", "1925", 8.4, unit="million tons"),
            fig("p-3", "part_a", "1925", 3356),
            fig("p-4", "part_b", "1925", 4383),
        ],
    )
    t = parts.parts_and_totals().set_index("period")
    assert not t.loc["1921", "flag"]
    assert t.loc["1925", "flag"] and "92.1% of the total" in t.loc["1925", "verdict"]


def test_count_times_average_against_the_total(monkeypatch, tmp_path):
    monkeypatch.setitem(
        parts.PRODUCTS,
        "leased",
        dict(factors=("intended", "share_leased"), scale=1.0, unit="enterprises", percent=("share_leased",), note="t"),
    )
    use(
        monkeypatch,
        tmp_path,
        [
            fig("c-1", "intended", "1923", 1000, unit="enterprises"),
            fig("c-2", "share_leased", "1923", 50, kind="share", unit="%", written="50%"),
            fig("c-3", "leased", "1923", 500, unit="enterprises"),
            fig("c-4", "intended", "1924", 1000, unit="enterprises"),
            fig("c-5", "share_leased", "1924", 50, kind="share", unit="%", written="50%"),
            fig("c-6", "leased", "1924", 700, unit="enterprises"),
        ],
    )
    p = parts.products().set_index("period")
    assert not p.loc["1923", "flag"] and "multiply to the total" in p.loc["1923", "verdict"]
    assert p.loc["1924", "flag"] and "71.4% of the stated total" in p.loc["1924", "verdict"]


def test_unknown_source_is_named(monkeypatch, tmp_path):
    use(monkeypatch, tmp_path, [_share("a-1", "share_x", 1, "q")])
    with pytest.raises(UnknownNameError, match="su_xxx"):
        parts.share_sets("su_xxx")
