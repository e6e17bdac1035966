import pandas as pd
import pytest

from helpers import units
from helpers.errors import PeriodKindError, PriceBasisError, UnitError


def test_poods_and_tonnes():
    assert units.poods_to_tonnes(1) == pytest.approx(0.0163805, rel=1e-6)
    assert units.convert(400, "million poods", "million tons") == pytest.approx(6.552, rel=1e-3)
    assert units.tonnes_to_poods(units.poods_to_tonnes(1234)) == pytest.approx(1234)


@pytest.mark.parametrize(
    "a, b, factor",
    [
        ("thousand tons", "million tons", 1e-3),
        ("million tons", "tons", 1e6),
        ("billion rubles", "million rubles", 1e3),
        ("kt", "thousand tons", 1.0),
        ("thousand people", "people", 1e3),
        ("%", "%", 1.0),
    ],
)
def test_scaling(a, b, factor):
    assert units.conversion_factor(a, b) == pytest.approx(factor)


def test_incompatible_units_are_refused():
    with pytest.raises(UnitError, match="measure different things"):
        units.convert(1, "million rubles", "thousand tons")
    with pytest.raises(UnitError, match="Unknown unit"):
        units.parse_unit("furlongs")


def test_series_conversion_keeps_attrs():
    s = pd.Series([1.0, 2.0])
    s.attrs = {"unit": "thousand tons", "price_basis": ""}
    out = units.convert(s, "thousand tons", "million tons")
    assert out.attrs["unit"] == "million tons" and list(out) == [0.001, 0.002]


def _s(values, **attrs):
    s = pd.Series(values, index=pd.period_range("1925", periods=len(values), freq="Y-SEP"))
    s.attrs = {"unit": "million rubles", "price_basis": "1926/27 prices", "period_kind": "economic", **attrs}
    return s


def test_mixing_price_bases_is_refused():
    with pytest.raises(PriceBasisError) as exc:
        units.combine(_s([1.0]), _s([2.0], price_basis="pre-war rubles"))
    assert "1926/27 prices" in str(exc.value) and "pre-war rubles" in str(exc.value)


def test_unknown_price_basis_names_the_valid_ones():
    with pytest.raises(PriceBasisError, match="Known price bases: 1926/27 prices"):
        units.normalise_price_basis("Tsarist kopecks")


def test_mixing_period_kinds_needs_an_explicit_choice():
    a, b = _s([1.0]), _s([1.0], period_kind="calendar")
    with pytest.raises(PeriodKindError, match="allow_mixed=True"):
        units.require_same_period_kind(a, b)
    assert units.require_same_period_kind(a, b, allow_mixed=True) == "mixed"


def test_combine_adds_in_a_common_unit():
    a = _s([1.0, 2.0])
    b = _s([1000.0, 1000.0], unit="thousand rubles")
    out = units.combine(a, b)
    assert list(out) == [2.0, 3.0] and out.attrs["unit"] == "million rubles"
    with pytest.raises(ValueError, match="choose 'add' or 'sub'"):
        units.combine(a, a, op="mul")
