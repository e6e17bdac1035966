"""The figures the sources state, as typed pandas objects.

``data/figures.csv`` holds one row per number stated in a source (see
``data/README.md`` for its columns). This module loads it, checks it, and
turns the rows of one series into a :class:`pandas.Series`:

>>> from helpers import data
>>> coal = data.series("coal_output", source="su_rec")      # doctest: +SKIP
>>> coal.index                                              # doctest: +SKIP
PeriodIndex(['1922', '1923', ...], dtype='period[Y-SEP]')
>>> coal.attrs["unit"], coal.attrs["ids"]["1925/26"]         # doctest: +SKIP

* economic years (``1925/26``) become ``Y-SEP`` periods, calendar years
  ``Y-DEC`` periods, days ``D`` and months ``M``;
* the unit and price basis travel in ``attrs``, together with the row ids of
  every value, so that any plotted point can be traced back to its quote
  (:func:`provenance`);
* a selection that mixes economic and calendar years, price bases, or two
  different values for one period is refused with a message that names the
  choices.
"""

from __future__ import annotations

import math
from collections import Counter
from functools import cache

import pandas as pd

from helpers.data.paths import data_file, read_table
from helpers.data.periods import Period, parse_period, period_label
from helpers.data.units import CourseSeries, conversion_factor, normalise_price_basis
from helpers.errors import (
    AmbiguousSelectionError,
    DataFileError,
    PeriodError,
    PeriodKindError,
    PriceBasisError,
    UnknownNameError,
)

__all__ = [
    "load_figures",
    "figures",
    "series_names",
    "list_series",
    "figure",
    "rows",
    "series",
    "provenance",
    "expand_scope",
    "labelled",
    "ids_of",
    "clear_cache",
    "FIGURE_COLUMNS",
    "KINDS",
    "LEVEL_KINDS",
    "PRECISIONS",
    "TOPICS",
    "PERIOD_KIND_NAMES",
]

FIGURE_COLUMNS = [
    "id",
    "series",
    "period",
    "start",
    "end",
    "value",
    "value_high",
    "value_as_written",
    "unit",
    "price_basis",
    "scope",
    "kind",
    "base_period",
    "precision",
    "topic",
    "table",
    "source",
    "quote",
    "note",
]
KINDS = (
    "level",
    "count",
    "share",
    "change_pct",
    "percent_of_base",
    "multiple",
    "target",
    "range",
    "lost",
    "duration",
    "date",
)
#: the kinds that state an amount (a level or a count), from which ratios and indices are computed
LEVEL_KINDS = ("level", "count")
PRECISIONS = ("exact", "approx", "almost", "over", "under")
TOPICS = (
    "agriculture_food",
    "fuel_raw_materials",
    "fixed_assets",
    "labour",
    "output",
    "heavy_light",
    "electrification",
    "machinery",
    "finance_budget",
    "loans_savings",
    "investment",
    "leasing",
    "concessions",
    "private_sector",
    "management_trusts",
    "plan",
    "technical_reconstruction",
    "comparison_abroad",
    "unemployment",
    "trade",
)
#: period kinds that become a pandas Period, and the name used for them in attrs["period_kind"]
PERIOD_KIND_NAMES = {"economic_year": "economic", "calendar_year": "calendar", "date": "date", "month": "month"}


def _fail(path, row: int, column: str, msg: str) -> DataFileError:
    return DataFileError(f"{path}, row {row} (line {row + 1}), column {column!r}: {msg}")


def _number(path, row: int, column: str, text: str) -> float:
    if text == "":
        return math.nan
    try:
        return float(text)
    except ValueError:
        raise _fail(path, row, column, f"{text!r} is not a number (write 8090 or 3.62, no commas or words)") from None


@cache
def load_figures() -> pd.DataFrame:
    """All figures, checked: one row per number stated in a source.

    Raises :class:`DataFileError` naming the file, row and column of the first
    problem (missing column, a value that is not a number, an unknown kind,
    topic or precision, a malformed period, a duplicate id).
    """
    path = data_file("figures.csv")
    raw = read_table(FIGURE_COLUMNS, "figures.csv")
    df = raw[FIGURE_COLUMNS].copy()
    values, highs, periods = [], [], []
    for i, r in enumerate(df.itertuples(index=False), start=1):
        for col, allowed in (("kind", KINDS), ("precision", PRECISIONS), ("topic", TOPICS)):
            if col == "precision" and r.kind == "lost" and r.precision == "":
                continue  # a lost cell states no number, so it has no precision
            if getattr(r, col) not in allowed:
                raise _fail(path, i, col, f"{getattr(r, col)!r} is not allowed; allowed: {', '.join(allowed)}")
        if not r.id or not r.series or not r.source or not r.quote:
            col = next(c for c in ("id", "series", "source", "quote") if not getattr(r, c))
            raise _fail(path, i, col, "must not be empty")
        v = _number(path, i, "value", r.value)
        if r.kind == "lost" and not math.isnan(v):
            raise _fail(path, i, "value", "a cell lost in the source copy must stay blank")
        if r.kind != "lost" and math.isnan(v):
            raise _fail(path, i, "value", "blank, but kind is not 'lost'")
        values.append(v)
        highs.append(_number(path, i, "value_high", r.value_high))
        try:
            periods.append(parse_period(r.period))
        except PeriodError as exc:
            raise _fail(path, i, "period", str(exc)) from None
        try:
            normalise_price_basis(r.price_basis)
        except PriceBasisError as exc:
            raise _fail(path, i, "price_basis", str(exc)) from None
    dup = df["id"][df["id"].duplicated()]
    if len(dup):
        raise DataFileError(f"{path}: duplicate id(s) {', '.join(dup.unique()[:5])}; every row needs its own id.")
    df["value"] = pd.Series(values, index=df.index, dtype="float64")
    df["value_high"] = pd.Series(highs, index=df.index, dtype="float64")
    df["period_kind"] = [p.kind for p in periods]
    df["parsed_period"] = periods
    return df


def figures() -> pd.DataFrame:
    """A copy of the checked figures table (without the internal parsed-period column)."""
    return load_figures().drop(columns="parsed_period").copy()


def series_names() -> list[str]:
    return sorted(load_figures()["series"].unique())


def list_series(topic: str | None = None, source: str | None = None) -> pd.DataFrame:
    """One line per series: how many values, which kinds, units, sources and periods."""
    df = load_figures()
    if topic is not None:
        if topic not in TOPICS:
            raise UnknownNameError("topic", topic, TOPICS)
        df = df[df["topic"] == topic]
    if source is not None:
        df = df[df["source"] == source]
    g = df.groupby("series", sort=True)
    return pd.DataFrame(
        {
            "values": g["value"].count(),
            "lost": g["kind"].apply(lambda k: int((k == "lost").sum())),
            "kinds": g["kind"].apply(lambda k: ", ".join(sorted(set(k)))),
            "units": g["unit"].apply(lambda u: ", ".join(sorted(set(u) - {""}))),
            "sources": g["source"].apply(lambda s: ", ".join(sorted(set(s)))),
            "periods": g["period"].apply(lambda p: ", ".join(dict.fromkeys(p))),
        }
    )


def figure(figure_id: str) -> dict:
    """One row of the figures table, by id."""
    df = load_figures()
    rows = df[df["id"] == figure_id]
    if rows.empty:
        raise UnknownNameError("figure id", figure_id, list(df["id"]))
    return rows.drop(columns="parsed_period").iloc[0].to_dict()


def rows(name: str, **filters) -> pd.DataFrame:
    """All rows of one series (lost cells and every kind included), filtered by column values.

    ``rows("coal_output", source="su_ind")``; an unknown series or column raises
    an error naming the valid choices.
    """
    df = load_figures()
    if name not in set(df["series"]):
        raise UnknownNameError("series", name, series_names())
    out = df[df["series"] == name]
    for col, want in filters.items():
        if want is None:
            continue
        if col not in FIGURE_COLUMNS:
            raise UnknownNameError("column", col, FIGURE_COLUMNS)
        allowed = sorted(set(out[col]))
        wanted = [want] if isinstance(want, str) else list(want)
        bad = [w for w in wanted if w not in allowed]
        if bad:
            raise UnknownNameError(f"{col} for series {name!r}", bad[0], allowed)
        out = out[out[col].isin(wanted)]
    return out.drop(columns="parsed_period").copy()


def _choose_kind(name: str, df: pd.DataFrame, kind: str | None) -> str:
    kinds = [k for k in dict.fromkeys(df["kind"]) if k != "lost"]
    if kind is not None:
        if kind not in kinds:
            raise UnknownNameError(f"kind for series {name!r}", kind, kinds)
        return kind
    if not kinds:
        raise AmbiguousSelectionError(
            f"Series {name!r} has no stated values: every cell was lost in the source copy. "
            "Its surviving headings can still be read as rows of the table (data.rows)."
        )
    if len(kinds) == 1:
        return kinds[0]
    for preferred in ("level", "count", "share"):
        if preferred in kinds:
            return preferred
    raise AmbiguousSelectionError(
        f"Series {name!r} holds several kinds of value ({', '.join(kinds)}), which cannot be one line; "
        f'ask for one of them, for example kind="{kinds[0]}".'
    )


def expand_scope(name: str, scope: str, scopes: list[str] | None = None) -> str:
    """The one stated scope of ``name`` that ``scope`` names or begins (case ignored).

    ``'comparable circle'`` stands for ``'comparable circle of enterprises …'`` (71 characters)
    when the series has exactly one scope that starts so. A scope that matches none, or
    several, is returned unchanged (and :func:`series` then names the valid scopes).
    """
    if scopes is None:
        scopes = sorted(set(rows(name)["scope"]))
    if not isinstance(scope, str) or scope in scopes:
        return scope
    hits = [s for s in scopes if s.lower().startswith(scope.lower())]
    return hits[0] if len(hits) == 1 else scope


def series(
    name: str,
    *,
    kind: str | None = None,
    source: str | list[str] | None = None,
    scope: str | list[str] | None = None,
    price_basis: str | None = None,
    unit: str | None = None,
    periods: str | None = None,
) -> pd.Series:
    """The values of one series as a :class:`pandas.Series` with a ``PeriodIndex``.

    Parameters
    ----------
    name : a series name (``list_series()`` shows them all).
    kind : ``level``, ``share``, ``multiple`` … (default: the only kind, else ``level``).
    source, scope : keep only rows from these sources / with these scopes (a scope may be
        given by its beginning when that names one: ``scope="comparable circle"``).
    price_basis : required when the series holds values in several price bases.
    unit : convert every value to this unit (default: the most common unit).
    periods : ``'economic'``, ``'calendar'``, ``'date'`` or ``'month'``; required when
        the series mixes them, so that 1925/26 is never silently read as 1926.

    The result carries in ``attrs``: ``name``, ``unit``, ``price_basis``, ``kind``,
    ``scope``, ``period_kind``, ``sources``, ``ids`` (period label -> row ids),
    ``precision`` (period label -> exact/approx/…), and ``excluded`` (rows whose
    period is a span or a part of a year, which a PeriodIndex cannot hold).
    """
    sel = _rows_of(name, source, scope, periods)
    k = _choose_kind(name, sel, kind)
    sel, basis = _one_price_basis(name, sel[sel["kind"] == k], price_basis)
    scopes_stated = sorted(set(sel["scope"]) - {""})
    if scope is None and len(scopes_stated) > 1:
        raise AmbiguousSelectionError(
            f"Series {name!r} ({k}) covers different scopes: {', '.join(repr(x) for x in scopes_stated)}. "
            "Values for different coverages are not one series; choose with scope=… (a list keeps several)."
        )
    sel, excluded, period_kind = _one_kind_of_period(name, sel, periods)
    units = Counter(sel["unit"])
    target = unit or units.most_common(1)[0][0]
    out, ids, precision, scopes = _values_by_period(name, sel, {u: conversion_factor(u, target) for u in units})
    out.attrs = {
        "name": name,
        "unit": target,
        "price_basis": basis,
        "kind": k,
        "scope": "; ".join(sorted(s for s in scopes if s)),
        "period_kind": period_kind,
        "sources": sorted(set(sel["source"])),
        "ids": ids,
        "precision": precision,
        "excluded": list(excluded["id"]),
    }
    return out


def _rows_of(name: str, source, scope, periods) -> pd.DataFrame:
    """Step 1 of :func:`series`: the rows of the series, kept to the sources and scopes asked for."""
    df = load_figures()
    if name not in set(df["series"]):
        raise UnknownNameError("series", name, series_names())
    if periods is not None and periods not in PERIOD_KIND_NAMES.values():
        raise UnknownNameError("period kind", periods, list(PERIOD_KIND_NAMES.values()))
    sel = df[df["series"] == name]
    for col, want in (("source", source), ("scope", scope)):
        if want is not None:
            wanted = [want] if isinstance(want, str) else list(want)
            allowed = sorted(set(sel[col]))
            if col == "scope":
                wanted = [expand_scope(name, w, allowed) for w in wanted]
            bad = [w for w in wanted if w not in allowed]
            if bad:
                raise UnknownNameError(f"{col} for series {name!r}", bad[0], allowed)
            sel = sel[sel[col].isin(wanted)]
    return sel


def _one_price_basis(name: str, sel: pd.DataFrame, price_basis: str | None) -> tuple[pd.DataFrame, str]:
    """Step 2: one price basis (the one asked for, or the only one), never values in two."""
    bases = sorted(set(sel["price_basis"]))
    if price_basis is not None:
        pb = normalise_price_basis(price_basis)
        if pb not in bases:
            raise UnknownNameError(f"price basis for series {name!r}", price_basis, bases)
        return sel[sel["price_basis"] == pb], pb
    if len(bases) > 1:
        raise PriceBasisError(
            f"Series {name!r} holds values in several price bases ({', '.join(repr(b) for b in bases)}); "
            "they cannot be put on one axis. Choose one with price_basis=…."
        )
    return sel, bases[0] if bases else ""


def _one_kind_of_period(name: str, sel: pd.DataFrame, periods: str | None):
    """Step 3: the rows a PeriodIndex can hold, of one kind of period; spans and parts of years set aside."""
    indexable = sel["period_kind"].isin(PERIOD_KIND_NAMES)
    excluded, sel = sel[~indexable], sel[indexable]
    pkinds = Counter(PERIOD_KIND_NAMES[p] for p in sel["period_kind"])
    if periods is not None:
        sel = sel[sel["period_kind"].map(PERIOD_KIND_NAMES) == periods]
        pkinds = Counter({periods: len(sel)})
    elif len(pkinds) > 1:
        detail = ", ".join(f"{n} {k}" for k, n in pkinds.items())
        raise PeriodKindError(
            f"Series {name!r} mixes period kinds ({detail}). An economic year such as 1925/26 "
            "(October–September) is not the calendar year 1926, so the two cannot be one line. To keep one "
            'kind, add periods="economic" or periods="calendar" to the call.'
        )
    if sel.empty:
        raise AmbiguousSelectionError(f"No values of series {name!r} match that selection.")
    return sel, excluded, next(iter(pkinds))


def _values_by_period(name: str, sel: pd.DataFrame, factors: dict):
    """Step 4: one value per period, in the target unit; two passages that disagree are an error."""
    by_period: dict[pd.Period, list] = {}
    for r in sel.itertuples(index=False):
        by_period.setdefault(r.parsed_period.to_pandas(), []).append(r)
    index, values, ids, precision, scopes = [], [], {}, {}, set()
    for p in sorted(by_period):
        group = by_period[p]
        vals = {round(g.value * factors[g.unit], 9) for g in group}
        if len(vals) > 1:
            options = "; ".join(f"{g.value:,.10g} {g.unit} in {g.source} ({g.scope})" for g in group)
            raise AmbiguousSelectionError(
                f"Series {name!r} has different values for {period_label(p)}: {options}. "
                'The passages disagree: ask for one source or one coverage (source="…" or scope="…"), '
                "or compare the passages themselves (data.provenance)."
            )
        label = period_label(p)
        index.append(p)
        values.append(vals.pop())
        ids[label] = [g.id for g in group]
        precision[label] = group[0].precision
        scopes.update(g.scope for g in group)
    out = CourseSeries(values, index=pd.PeriodIndex(index), name=name, dtype="float64")
    return out, ids, precision, scopes


def provenance(name: str, period: str | pd.Period | Period) -> pd.DataFrame:
    """Every row that states a value of ``name`` for ``period``: the passages behind a point.

    When two passages give different values for the same series and period,
    both rows are returned.
    """
    df = load_figures()
    if name not in set(df["series"]):
        raise UnknownNameError("series", name, series_names())
    label = period_label(period)
    want = parse_period(label)
    sel = df[(df["series"] == name) & df["parsed_period"].map(lambda p: (p.start, p.end) == (want.start, want.end))]
    cols = ["id", "period", "value", "unit", "price_basis", "scope", "kind", "precision", "source", "quote", "note"]
    return sel[cols].reset_index(drop=True)


def labelled(s: pd.Series) -> pd.Series:
    """A copy of a course series indexed by the course's period labels ('1925/26', '1926').

    pandas prints a ``Y-SEP`` period by its end year (``1926``); this shows
    economic years the way the sources write them. The copy is a :class:`~helpers.data.units.CourseSeries`,
    so ``data.labelled(heavy) + data.labelled(light)`` checks and merges the two series' metadata.
    """
    out = CourseSeries(s, copy=True)
    out.index = pd.Index([period_label(p) for p in s.index], name="period")
    out.attrs = dict(s.attrs)
    return out


def ids_of(s: pd.Series, period) -> list[str]:
    """The row ids behind one value of a series returned by :func:`series`."""
    label = period_label(period)
    try:
        return list(s.attrs["ids"][label])
    except KeyError:
        raise UnknownNameError("period of this series", label, list(s.attrs.get("ids", {}))) from None


def clear_cache() -> None:
    """Forget loaded tables (after editing a data file in a running kernel)."""
    load_figures.cache_clear()
