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
  explicit ``allow_mixed=True``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    """Add or subtract two course series, refusing mixed units, price bases or period kinds."""
    require_same_price_basis(a, b)
    require_same_period_kind(a, b, allow_mixed=allow_mixed_periods)
    ua, ub = a.attrs.get("unit", ""), b.attrs.get("unit", "")
    b2 = b * conversion_factor(ub, ua) if ua != ub else b
    if op not in ("add", "sub"):
        raise ValueError(f"Unknown operation {op!r}; choose 'add' or 'sub'.")
    out = a.add(b2) if op == "add" else a.sub(b2)
    out.attrs = {"unit": ua, "price_basis": a.attrs.get("price_basis", ""), "period_kind": a.attrs.get("period_kind", "")}
    return out


def describe_units(units: Iterable[str]) -> str:
    return ", ".join(sorted(set(units)))
