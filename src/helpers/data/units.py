"""Units, scale words and price bases.

The sources state quantities in poods and tons, in thousands and millions,
and money in several price bases (``1926/27 prices``, ``pre-war rubles``,
``red rubles``, ``gold rubles``, current prices). This module converts between
units that measure the same thing and refuses everything else:

* :func:`convert` rescales ``thousand tons`` ↔ ``million tons`` ↔ ``poods`` …;
* :func:`require_same_price_basis` raises :class:`PriceBasisError` when two
  money values are in different price bases, since a pre-war ruble and a
  ruble at 1926/27 prices are different measuring rods;
* :func:`require_same_period_kind` raises :class:`PeriodKindError` when an
  economic-year series is set against a calendar-year series without an
  explicit ``allow_mixed=True``;
* :class:`CourseSeries` is the pandas Series the data layer returns: arithmetic between two of
  them checks and merges their metadata (unit, price basis, period kind, row ids) instead of
  letting pandas copy the right-hand operand's ``attrs``; :func:`combine` adds in a common unit.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.errors import PeriodKindError, PriceBasisError, UnitError

#: One pood in tonnes (16.3804964 kg, the Russian pood of 40 funt).
POOD_IN_TONNES = 0.0163804964

SCALE_WORDS = {"": 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}

#: base units and their dimension; the factor converts one base unit to the dimension's reference unit
BASE_UNITS: dict[str, tuple[str, float]] = {
    "tons": ("mass", 1.0),
    "tonnes": ("mass", 1.0),
    "tonne": ("mass", 1.0),
    "ton": ("mass", 1.0),
    "t": ("mass", 1.0),
    "kt": ("mass", 1e3),
    "mt": ("mass", 1e6),
    "poods": ("mass", POOD_IN_TONNES),
    "pood": ("mass", POOD_IN_TONNES),
    "rubles": ("money", 1.0),
    "ruble": ("money", 1.0),
    "people": ("persons", 1.0),
    "persons": ("persons", 1.0),
    "workers": ("persons", 1.0),
    "kwh": ("energy", 1.0),
    "kw": ("power", 1.0),
    "hp": ("horsepower", 1.0),
    "pieces": ("pieces", 1.0),
    "units": ("pieces", 1.0),
    "enterprises": ("enterprises", 1.0),
}

PRICE_BASES = (
    "1926/27 prices",
    "pre-war rubles",
    "red rubles",
    "gold rubles",
    "current prices",
    "unstated",
)


def parse_unit(unit: str) -> tuple[float, str, str]:
    """``'thousand tons'`` -> ``(1000.0, 'tons', 'mass')``.

    Raises :class:`UnitError` for a unit that has no known dimension.
    """
    s = " ".join(str(unit).lower().split())
    scale, rest = 1.0, s
    for word, factor in SCALE_WORDS.items():
        if word and (rest.startswith(word + " ")):
            scale, rest = factor, rest[len(word) + 1 :]
            break
    if rest in BASE_UNITS:
        dimension, factor = BASE_UNITS[rest]
        return scale * factor, rest, dimension
    raise UnitError(
        f"Unknown unit {unit!r}. Convertible units are a base unit ({', '.join(sorted(BASE_UNITS))}) "
        f"optionally preceded by {', '.join(w for w in SCALE_WORDS if w)}."
    )


def conversion_factor(from_unit: str, to_unit: str) -> float:
    """The number to multiply a value in ``from_unit`` by to express it in ``to_unit``."""
    if " ".join(from_unit.lower().split()) == " ".join(to_unit.lower().split()):
        return 1.0
    f_scale, f_base, f_dim = parse_unit(from_unit)
    t_scale, t_base, t_dim = parse_unit(to_unit)
    if f_dim != t_dim:
        raise UnitError(
            f"Cannot convert {from_unit!r} ({f_dim}) to {to_unit!r} ({t_dim}): they measure different things."
        )
    return f_scale / t_scale


def convert(value, from_unit: str, to_unit: str):
    """Convert a number, array or pandas object from one unit to another.

    >>> round(convert(400, "million poods", "million tons"), 3)
    6.552
    """
    factor = conversion_factor(from_unit, to_unit)
    if isinstance(value, pd.Series):
        out = value * factor
        out.attrs = {**value.attrs, "unit": to_unit}
        return out
    return value * factor


def poods_to_tonnes(poods):
    """Poods -> tonnes (1 pood = 16.38 kg)."""
    return convert(poods, "poods", "tonnes")


def tonnes_to_poods(tonnes):
    """Tonnes -> poods."""
    return convert(tonnes, "tonnes", "poods")


def normalise_price_basis(basis: str | None) -> str:
    """Blank for physical quantities; otherwise one of :data:`PRICE_BASES`."""
    if basis is None or (isinstance(basis, float) and pd.isna(basis)) or str(basis).strip() == "":
        return ""
    s = " ".join(str(basis).strip().split())
    s = re.sub(r"\s*/\s*", "/", s)
    if s not in PRICE_BASES:
        raise PriceBasisError(f"Unknown price basis {basis!r}. Known price bases: {', '.join(PRICE_BASES)}.")
    return s


def require_same_price_basis(*bases: str | None | pd.Series) -> str:
    """Return the common price basis of the arguments, or raise :class:`PriceBasisError`.

    Accepts price-basis strings or pandas Series carrying ``attrs['price_basis']``.
    """
    found: list[str] = []
    for b in bases:
        if isinstance(b, pd.Series):
            b = b.attrs.get("price_basis", "")
        found.append(normalise_price_basis(b))
    distinct = sorted(set(found))
    if len(distinct) > 1:
        raise PriceBasisError(
            "Cannot combine values in different price bases: "
            + " and ".join(repr(d or "no price basis") for d in distinct)
            + ". A ruble at 1926/27 prices and a pre-war ruble measure different things; "
            "compare each series with itself (e.g. as an index) instead of adding or subtracting them."
        )
    return distinct[0] if distinct else ""


def period_kind_of(series: pd.Series) -> str:
    """``'economic'``, ``'calendar'``, ``'date'``, ``'month'`` or ``'mixed'`` for a course series."""
    return series.attrs.get("period_kind", "")


def require_same_period_kind(*series: pd.Series, allow_mixed: bool = False) -> str:
    """Refuse to set economic-year series against calendar-year series unless told to."""
    kinds = sorted({period_kind_of(s) for s in series})
    if len(kinds) > 1 and not allow_mixed:
        raise PeriodKindError(
            "These series mix period kinds ("
            + ", ".join(kinds)
            + "): an economic year such as 1925/26 runs from October to September and is not "
            "the calendar year 1926. Pass allow_mixed=True to compare them anyway, and say so in your text."
        )
    return kinds[0] if len(kinds) == 1 else "mixed"


def combine(a: pd.Series, b: pd.Series, op: str = "add", *, allow_mixed_periods: bool = False) -> pd.Series:
    """Add or subtract two course series in ``a``'s unit, refusing mixed price bases or period kinds.

    Unlike ``a + b``, which refuses two units, ``b`` is converted first (``kt`` to ``tons``). The
    result carries merged metadata: both series' row ids per period, sources, and ``derived``.
    """
    if op not in ("add", "sub"):
        raise ValueError(f"Unknown operation {op!r}; choose 'add' or 'sub'.")
    require_same_price_basis(a, b)
    period_kind = require_same_period_kind(a, b, allow_mixed=allow_mixed_periods)
    ua, ub = a.attrs.get("unit", ""), b.attrs.get("unit", "")
    b2 = CourseSeries(b * conversion_factor(ub, ua) if ua != ub else b)
    b2.attrs = {**b.attrs, "unit": ua}
    a2 = CourseSeries(a)
    a2.attrs = {**a.attrs, "period_kind": period_kind}
    b2.attrs["period_kind"] = period_kind
    return a2 + b2 if op == "add" else a2 - b2


# --------------------------------------------------------------------------------------
# arithmetic that keeps its metadata honest
# --------------------------------------------------------------------------------------

_SYMBOLS = {"add": "+", "sub": "−", "mul": "×", "truediv": "/", "floordiv": "//", "mod": "%", "pow": "**"}


def _describe(s: pd.Series) -> str:
    return str(s.attrs.get("label") or s.attrs.get("derived") or s.attrs.get("name") or s.name or "series")


def _merge_attrs(left: pd.Series, right: object, op_name: str) -> dict:
    """The ``attrs`` of ``left <op> right``; refuses sums of different units, price bases or period kinds."""
    reflected = op_name.startswith("r") and op_name[1:] in _SYMBOLS
    base = op_name[1:] if reflected else op_name
    symbol = _SYMBOLS.get(base, base)
    a = dict(left.attrs)
    if not (isinstance(right, pd.Series) and right.attrs.get("unit") is not None and "unit" in a):
        # a number, an array or an unlabelled series: the values change, the rows behind them do not
        other = (
            "an unlabelled series"
            if isinstance(right, pd.Series)
            else repr(right)
            if pd.api.types.is_scalar(right)
            else "an array"
        )
        text = f"{other} {symbol} {_describe(left)}" if reflected else f"{_describe(left)} {symbol} {other}"
        out = {**a, "derived": text}
        # X per % times 100 is X: a part divided by its percentage share, times 100, is the whole
        if (
            base == "mul"
            and str(a.get("unit", "")).endswith(" per %")
            and pd.api.types.is_scalar(right)
            and right == 100
        ):
            out["unit"] = a["unit"][: -len(" per %")]
        return out
    b = dict(right.attrs)
    first, second = (right, left) if reflected else (left, right)
    ua, ub = first.attrs.get("unit", ""), second.attrs.get("unit", "")
    if base in ("add", "sub"):
        if ua != ub:
            raise UnitError(
                f"Cannot {'add' if base == 'add' else 'subtract'} {_describe(first)} ({ua!r}) and {_describe(second)} "
                f"({ub!r}): the units differ. Ask for both in one unit (data.series(…, unit={ua!r})) or use "
                "units.combine(a, b), which converts the second series first."
            )
        require_same_period_kind(first, second)
        unit, price_basis = ua, _sum_price_basis(first, second)
    elif base == "truediv":
        unit = "ratio" if ua == ub else f"{ua} per {ub}"
        # over a share or a ratio a value keeps its price basis; a ratio of two values has none
        price_basis = first.attrs.get("price_basis", "") if ub in ("%", "ratio") and ua != ub else ""
    else:
        unit, price_basis = (f"{ua} {symbol} {ub}" if base == "mul" else ""), ""
    labels = list(dict.fromkeys([*a.get("ids", {}), *b.get("ids", {})]))
    pa, pb = a.get("precision", {}), b.get("precision", {})
    derived = f"{_describe(first)} {symbol} {_describe(second)}"
    return {
        "name": derived,
        "derived": derived,
        "unit": unit,
        "price_basis": price_basis,
        "kind": a.get("kind", "") if a.get("kind") == b.get("kind") else "",
        "scope": "; ".join(dict.fromkeys(x for x in (first.attrs.get("scope"), second.attrs.get("scope")) if x)),
        "period_kind": a.get("period_kind", "") if a.get("period_kind") == b.get("period_kind") else "mixed",
        "sources": sorted({*a.get("sources", []), *b.get("sources", [])}),
        "ids": {k: [*a.get("ids", {}).get(k, []), *b.get("ids", {}).get(k, [])] for k in labels},
        # a result is exact only where both values are; otherwise it is as loose as its looser part
        "precision": {k: pa.get(k, "exact") if pa.get(k, "exact") == pb.get(k, "exact") else "approx" for k in labels},
        "excluded": [*a.get("excluded", []), *b.get("excluded", [])],
    }


def _sum_price_basis(first: pd.Series, second: pd.Series) -> str:
    """The price basis of a sum: the common one; a stated basis with an ``unstated`` one is taken as an
    assumption and said so in the result; two different stated bases raise :class:`PriceBasisError`."""
    pa, pb = (normalise_price_basis(s.attrs.get("price_basis", "")) for s in (first, second))
    if "unstated" in (pa, pb) and {pa, pb} - {"unstated", ""}:
        known, (unknown,) = (pb, [first]) if pa == "unstated" else (pa, [second])
        return f"{known} (assumed for {_describe(unknown)}, whose price basis is not stated)"
    return require_same_price_basis(first, second)


#: the arithmetic a course series checks: pandas' operator and its named method (``+`` and ``add``), each
#: also reflected (``__radd__``, ``radd``); comparisons, ``divmod`` and unary operators keep pandas' behaviour
_ARITHMETIC = ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow")


def _operator(name: str):
    """``CourseSeries.__<name>__``: pandas computes the values, :func:`_merge_attrs` the metadata."""
    dunder = f"__{name}__"

    def method(self, other):
        if name.startswith("r") and isinstance(other, pd.Series) and not isinstance(other, CourseSeries):
            # Python tries a subclass's reflected operator first; a plain Series on the left keeps pandas' own result
            return NotImplemented
        out = getattr(pd.Series, dunder)(self, other)
        if out is NotImplemented:  # pandas defers to the other operand (a DataFrame); so do we
            return out
        out.attrs = _merge_attrs(self, other, name)
        return out

    method.__name__ = method.__qualname__ = dunder
    method.__doc__ = f"``pandas.Series.{dunder}`` with the metadata checked and merged (see :class:`CourseSeries`)."
    return method


def _named(name: str):
    """``CourseSeries.<name>(other, level=None, fill_value=None, axis=0)``, the public flex method."""

    def method(self, other, level=None, fill_value=None, axis=0):
        attrs = _merge_attrs(self, other, name)
        out = getattr(pd.Series, name)(self, other, level=level, fill_value=fill_value, axis=axis)
        out.attrs = attrs
        return out

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"``pandas.Series.{name}`` with the metadata checked and merged (see :class:`CourseSeries`)."
    return method


class CourseSeries(pd.Series):
    """A pandas Series whose ``attrs`` (unit, price basis, period kind, row ids …) survive arithmetic honestly.

    Plain pandas gives ``a + b`` the right-hand operand's ``attrs``. Here ``a + b`` and ``a - b``
    refuse different units (:class:`UnitError`), price bases (:class:`PriceBasisError`) or period
    kinds (:class:`PeriodKindError`) — a stated price basis with an ``unstated`` one is allowed and the
    result's ``price_basis`` says what was assumed — and the result carries both operands' row ids per period,
    their sources and ``derived`` (``'gross_output_group_a + gross_output_group_b'``). ``a / b``
    has unit ``'ratio'`` (same units) or ``'<a> per <b>'``; ``a * 2`` keeps the rows behind its
    values and records ``derived = 'a × 2'``. The same holds for the named methods (``a.add(b, fill_value=0)``),
    for the reflected forms (``100 - a``, ``a.rsub(100)``) and for ``//``, ``%`` and ``**``.

    Only public pandas API is used: the arithmetic operators and named methods are overridden and call
    ``pandas.Series``'s own, and ``_constructor``/``_constructor_expanddim`` follow pandas' documented
    subclassing protocol ("Subclassing pandas data structures", "Override constructor properties",
    https://pandas.pydata.org/docs/development/extending.html#subclassing-pandas-data-structures), so that
    slicing, ``dropna`` or ``shift`` return a course series too.
    """

    @property
    def _constructor(self):
        return CourseSeries

    @property
    def _constructor_expanddim(self):
        return pd.DataFrame


for _name in _ARITHMETIC:
    for _op in (_name, "r" + _name):
        setattr(CourseSeries, f"__{_op}__", _operator(_op))
        setattr(CourseSeries, _op, _named(_op))
CourseSeries.div, CourseSeries.rdiv = CourseSeries.truediv, CourseSeries.rtruediv
del _name, _op
