"""Chains and averages on synthetic series: chains that fit, chains that do not, loose chains."""

import pytest
from _evidence_data import clear, fig, use

from helpers.errors import UnknownNameError
from helpers.evidence import chains, claims, rates


@pytest.fixture(autouse=True)
def _clean(monkeypatch):
    monkeypatch.setitem(chains.FAMILIES, "output", dict(members=("output_rate", "output_average"), note="test"))
    yield
    clear()


def _rates(monkeypatch, tmp_path, extra=(), r2=50.0):
    # levels 100 (1921) and 300 (1923); rates 1922: +100% and 1923: +50% chain to ×3
    rows = [
        fig("s-1", "output", "1921", 100),
        fig("s-2", "output", "1923", 300),
        fig("s-3", "output_rate", "1922", 100.0, kind="change_pct", unit="%", base="1921", written="100%"),
        fig("s-4", "output_rate", "1923", r2, kind="change_pct", unit="%", base="1922", written=f"{r2:g}%"),
        *extra,
    ]
    use(monkeypatch, tmp_path, rows)


def test_a_rate_fits_the_chain_of_the_other_rate_and_the_levels(monkeypatch, tmp_path):
    _rates(monkeypatch, tmp_path)
    c = chains.chains_for("s-4")
    assert c and c[0]["fits"] and c[0]["value"] == pytest.approx(50.0)
    assert set(c[0]["ids"]) == {"s-1", "s-2", "s-3"}
    r = claims.claim("s-4")
    assert r["status"] == "holds under a reading" and r["reading"].startswith("a route through 2 stated steps")


def test_a_rate_that_does_not_fit_is_not_called_false_without_numbers(monkeypatch, tmp_path):
    _rates(monkeypatch, tmp_path, r2=20.0)  # 2 × 1.2 = 2.4, not 3
    r = claims.claim("s-4")
    assert r["status"] == "does not hold" and "No reading the data allow fits" in r["reason"]
    assert r["recomputed"] == pytest.approx(50.0)
    runs = rates.rate_runs("output")
    assert len(runs) == 1 and runs.iloc[0]["flag"] and "do not agree" in runs.iloc[0]["verdict"]


def test_rate_runs_that_agree_are_not_flagged(monkeypatch, tmp_path):
    _rates(monkeypatch, tmp_path)
    runs = rates.rate_runs()
    assert len(runs) == 1 and not runs.iloc[0]["flag"]
    assert "×3.000 (rates) against ×3.000 (levels)" == runs.iloc[0]["result"]


def test_a_stated_multiple_with_no_printed_pair_is_checked_by_a_chain(monkeypatch, tmp_path):
    extra = [
        fig("s-5", "output", "1920", 50),
        fig("s-6", "output", "1920", 1, unit="billion tons", scope="other"),
        fig("s-7", "output", "1923", 6, kind="multiple", unit="times", base="1920", written="6 times"),
    ]
    _rates(monkeypatch, tmp_path, extra)
    r = claims.claim("s-7")
    assert r["status"] == "holds" and r["reading"] == ""  # the printed pair 300 / 50 is enough


def test_the_multiple_falls_back_on_a_chain_when_the_pair_disagrees(monkeypatch, tmp_path):
    extra = [
        fig("s-5", "output", "1920", 60, scope="full range"),
        fig("s-8", "output", "1923", 320, scope="full range"),
        fig(
            "s-7",
            "output",
            "1923",
            6,
            kind="multiple",
            unit="times",
            base="1920",
            written="6 times",
            scope="full range",
        ),
    ]
    _rates(monkeypatch, tmp_path, extra)  # printed pair 320/60 = 5.33; no step links 1920 to 1921
    r = claims.claim("s-7")
    assert r["status"] == "does not hold"  # no step links 1920 to 1921: nothing rescues the claim


def test_an_average_against_the_arithmetic_and_geometric_means(monkeypatch, tmp_path):
    extra = [fig("s-9", "output_average", "1922-1923", 75, kind="change_pct", unit="%", base="1921", written="75%")]
    _rates(monkeypatch, tmp_path, extra)
    means = rates.averages_for("s-9")
    arith = [m for m in means if m["mean"] == "arithmetic"]
    geo = [m for m in means if m["mean"] == "geometric"]
    assert arith[0]["value"] == pytest.approx(75.0) and arith[0]["fits"]
    assert all(g["value"] == pytest.approx(100 * (3**0.5 - 1)) and not g["fits"] for g in geo)
    r = claims.claim("s-9")
    assert r["status"] == "holds under a reading" and "arithmetic mean" in r["reading"]


def test_loose_chains_never_decide(monkeypatch, tmp_path):
    rows = [
        fig("w-1", "workers", "1921", 100),
        fig("w-2", "workers", "1925", 160),
        fig("w-3", "workers", "1921", 2, kind="multiple", unit="times", base="1913", written="two times less"),
        fig("w-4", "workers", "1925", 81.1, kind="percent_of_base", unit="%", base="1913", written="81.1%"),
    ]
    use(monkeypatch, tmp_path, rows)
    c = chains.chains_for("w-4")
    assert c and all(x["spread"] > chains.MAX_SPREAD for x in c)  # "two times less" covers 1.8 to 2.2
    assert claims.claim("w-4")["status"] == "too loose to test"
    w3 = claims.claim("w-3")  # 1913 from 81.1%: 160 / 0.811 = 197.3; 197.3 / 100 = 1.97 times less
    assert w3["status"] == "holds under a reading" and w3["recomputed"] == pytest.approx(160 / 0.811 / 100, rel=1e-3)


def test_quotients_take_their_steps_from_numerator_and_denominator(monkeypatch, tmp_path):
    monkeypatch.setitem(chains.QUOTIENTS, "per_worker", dict(numerator="output", denominator="workers", note="t"))
    chains.steps.cache_clear()
    rows = [
        fig("o-1", "output", "1913", 1000),
        fig("o-2", "output", "1921", 200),
        fig("w-1", "workers", "1913", 100),
        fig("w-2", "workers", "1921", 50),
        fig("p-1", "per_worker", "1921", 2.5, kind="multiple", unit="times", base="1913", written="2 1/2 times less"),
    ]
    use(monkeypatch, tmp_path, rows)
    r = claims.claim("p-1")  # (200/1000) / (50/100) = 0.4: 2.5 times less
    assert r["status"] == "holds under a reading" and r["recomputed"] == pytest.approx(2.5)


def test_unknown_claim_is_named(monkeypatch, tmp_path):
    _rates(monkeypatch, tmp_path)
    with pytest.raises(UnknownNameError, match="s-99"):
        chains.chains_for("s-99")
