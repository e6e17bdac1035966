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


def _course(values, periods=("1925", "1926", "1927"), **attrs):
    s = units.CourseSeries(values, index=pd.Index(periods, name="period"), dtype="float64", name=attrs.get("name"))
    s.attrs = {"unit": "million rubles", "price_basis": "1926/27 prices", "period_kind": "economic"}
    s.attrs.update({"ids": {p: [f"{attrs.get('name', 'x')}-{p}"] for p in periods}, **attrs})
    return s


def test_course_series_overrides_no_private_pandas_method():
    """Only pandas' documented subclassing properties and public operators/methods are overridden."""
    own = {name for name in vars(units.CourseSeries) if name.startswith("_") and not name.startswith("__")}
    assert own == {"_constructor", "_constructor_expanddim"}
    for name in ("__add__", "__radd__", "__rtruediv__", "add", "rsub", "div", "rdiv", "truediv", "rpow"):
        assert name in vars(units.CourseSeries) and name in vars(pd.Series) | vars(pd.core.arraylike.OpsMixin)


@pytest.mark.parametrize(
    "op, expected, derived",
    [
        (lambda a: 100 - a, [90.0, 80.0, 70.0], "100 − a"),
        (lambda a: a.rsub(100), [90.0, 80.0, 70.0], "100 − a"),
        (lambda a: 2 * a, [20.0, 40.0, 60.0], "2 × a"),
        (lambda a: a.rmul(2), [20.0, 40.0, 60.0], "2 × a"),
        (lambda a: 60 / a, [6.0, 3.0, 2.0], "60 / a"),
        (lambda a: a.rtruediv(60), [6.0, 3.0, 2.0], "60 / a"),
        (lambda a: a.rdiv(60), [6.0, 3.0, 2.0], "60 / a"),
        (lambda a: 1 + a, [11.0, 21.0, 31.0], "1 + a"),
        (lambda a: a.radd(1), [11.0, 21.0, 31.0], "1 + a"),
        (lambda a: a.div(10), [1.0, 2.0, 3.0], "a / 10"),
    ],
)
def test_reflected_and_named_operations_with_a_number_keep_the_rows(op, expected, derived):
    a = _course([10.0, 20.0, 30.0], name="a")
    out = op(a)
    assert isinstance(out, units.CourseSeries) and list(out) == expected
    assert out.attrs["derived"] == derived and out.attrs["ids"] == a.attrs["ids"]
    assert out.attrs["unit"] == "million rubles" and "derived" not in a.attrs


def test_named_methods_with_fill_value_merge_and_refuse_like_the_operators():
    a = _course([10.0, 20.0, 30.0], name="a")
    b = _course([1.0, 2.0], periods=("1926", "1927"), name="b")
    total = a.add(b, fill_value=0)
    assert list(total) == [10.0, 21.0, 32.0]
    assert total.attrs["derived"] == "a + b" and total.attrs["ids"]["1926"] == ["a-1926", "b-1926"]
    assert total.attrs["ids"]["1925"] == ["a-1925"]
    assert pd.isna((a + b).iloc[0])  # without fill_value the missing period stays missing
    rest = b.rsub(a, fill_value=0)
    assert list(rest) == [10.0, 19.0, 28.0] and rest.attrs["derived"] == "a − b"
    assert b.radd(a).attrs["derived"] == (a + b).attrs["derived"]
    assert (a.truediv(b, fill_value=1)).attrs["unit"] == "ratio"
    with pytest.raises(UnitError, match="the units differ"):
        a.add(_course([1.0, 1.0, 1.0], unit="million tons"), fill_value=0)
    with pytest.raises(PriceBasisError, match="different price bases"):
        a.sub(_course([1.0, 1.0, 1.0], price_basis="pre-war rubles"), fill_value=0)
    with pytest.raises(PeriodKindError, match="allow_mixed=True"):
        a.radd(_course([1.0, 1.0, 1.0], period_kind="calendar"), fill_value=0)


def test_reflected_operators_between_course_series_check_both():
    a = _course([10.0, 20.0, 30.0], name="a")
    with pytest.raises(UnitError, match="the units differ"):
        a.__radd__(_course([1.0, 1.0, 1.0], unit="million tons"))
    assert a.__rsub__(_course([1.0, 1.0, 1.0], name="b")).attrs["derived"] == "b − a"


def test_a_plain_series_on_the_left_keeps_pandas_own_result():
    """Python asks a subclass's reflected operator first; a plain pandas Series on the left is left to pandas."""
    a = _course([10.0, 20.0, 30.0], name="a")
    plain = pd.Series([1.0, 2.0, 3.0], index=a.index)
    out = plain + a
    assert type(out) is pd.Series and list(out) == [11.0, 22.0, 33.0] and "derived" not in out.attrs
    mixed = a + plain  # a course series on the left says what it did
    assert mixed.attrs["derived"] == "a + an unlabelled series" and mixed.attrs["ids"] == a.attrs["ids"]


def test_in_place_and_numpy_arithmetic_go_through_the_same_checks():
    import numpy as np

    a = _course([10.0, 20.0, 30.0], name="a")
    with pytest.raises(UnitError):
        np.add(a, _course([1.0, 1.0, 1.0], unit="million tons"))
    b = a.copy()
    b *= 2
    assert list(b) == [20.0, 40.0, 60.0]
    c = np.ones(3) + a
    assert c.attrs["derived"] == "an array + a"
