"""Independent estimates: scholarly reconstructions and international compilations.

``data/independent/estimates.csv`` holds one row per figure with its dataset,
full citation, locator and grade of independence (A: independent scholarly
reconstruction; B: independent compilation, mostly of Soviet tonnages;
C: tertiary; D: Soviet publication, used for plan targets only). See
``data/independent/README.md``.

:func:`series` returns a :class:`pandas.Series` shaped like
:func:`helpers.data.series`, so the two can be drawn on one chart — but the
units often differ (TWh of coal, not tonnes), so compare them as indices.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from helpers.errors import AmbiguousSelectionError, DataFileError, PeriodError, PeriodKindError, UnknownNameError
from helpers.data.paths import data_file, read_table
from helpers.data.periods import parse_period, period_label

COLUMNS = ["id", "series", "period", "value", "unit", "territory", "dataset", "citation", "locator", "grade", "kind", "note"]
GRADES = {
    "A": "independent scholarly reconstruction",
    "B": "independent compilation (mostly of official tonnages)",
    "C": "tertiary or unverified text",
    "D": "Soviet publication (used for plan targets)",
}


@lru_cache(maxsize=None)
def load_estimates() -> pd.DataFrame:
    path = data_file("independent", "estimates.csv")
    df = read_table(COLUMNS, "independent", "estimates.csv")
    values = []
    for i, (v, g, p) in enumerate(zip(df["value"], df["grade"], df["period"]), start=1):
        try:
            values.append(float(v))
        except ValueError:
            raise DataFileError(f"{path}, row {i}, column 'value': {v!r} is not a number.") from None
        if g not in GRADES:
            raise DataFileError(f"{path}, row {i}, column 'grade': {g!r} is not one of {', '.join(GRADES)}.")
        try:
            parse_period(p)
        except PeriodError as exc:
            raise DataFileError(f"{path}, row {i}, column 'period': {exc}") from None
    df["value"] = values
    return df


def list_estimates(series: str | None = None) -> pd.DataFrame:
    """One line per (series, dataset): unit, grade, years covered, territory."""
    df = load_estimates()
    if series is not None:
        if series not in set(df["series"]):
            raise UnknownNameError("independent series", series, sorted(set(df["series"])))
        df = df[df["series"] == series]
    g = df.groupby(["series", "dataset"], sort=True)
    return pd.DataFrame(
        {
            "values": g["value"].count(),
            "unit": g["unit"].first(),
            "grade": g["grade"].first(),
            "periods": g["period"].apply(lambda p: f"{p.iloc[0]} … {p.iloc[-1]}" if len(p) > 1 else p.iloc[0]),
            "territory": g["territory"].first(),
        }
    )


def datasets(series: str) -> list[str]:
    """The datasets that give an independent estimate of ``series``."""
    return list(list_estimates(series).index.get_level_values("dataset"))


def series(name: str, dataset: str | None = None, kind: str = "level") -> pd.Series:
    """An independent series as a pandas Series with a PeriodIndex and its citation in ``attrs``."""
    df = load_estimates()
    if name not in set(df["series"]):
        raise UnknownNameError("independent series", name, sorted(set(df["series"])))
    sel = df[(df["series"] == name)]
    options = sorted(set(sel["dataset"]))
    if dataset is None:
        if len(options) > 1:
            raise AmbiguousSelectionError(
                f"Independent series {name!r} comes from several datasets ({'; '.join(options)}); choose one with dataset=…."
            )
        dataset = options[0]
    if dataset not in options:
        raise UnknownNameError(f"dataset for {name!r}", dataset, options)
    sel = sel[(sel["dataset"] == dataset)]
    kinds = sorted(set(sel["kind"]))
    if kind not in kinds:
        raise UnknownNameError(f"kind for {name!r} in {dataset!r}", kind, kinds)
    sel = sel[sel["kind"] == kind]
    periods = [parse_period(p) for p in sel["period"]]
    pkinds = {p.kind for p in periods}
    if len(pkinds) > 1 or not pkinds <= {"calendar_year", "economic_year", "date", "month"}:
        raise PeriodKindError(
            f"Independent series {name!r} from {dataset!r} mixes period kinds ({', '.join(sorted(pkinds))}); "
            "select its rows with list_estimates() and load_estimates() instead."
        )
    idx = pd.PeriodIndex([p.to_pandas() for p in periods])
    if idx.has_duplicates:
        raise AmbiguousSelectionError(f"Independent series {name!r} from {dataset!r} has two values for one period.")
    out = pd.Series(list(sel["value"]), index=idx, name=name, dtype="float64").sort_index()
    first = sel.iloc[0]
    out.attrs = {
        "name": name,
        "unit": first["unit"],
        "price_basis": "",
        "kind": kind,
        "scope": first["territory"],
        "period_kind": {"economic_year": "economic", "calendar_year": "calendar", "date": "date", "month": "month"}[next(iter(pkinds))],
        "dataset": dataset,
        "citation": first["citation"],
        "grade": first["grade"],
        "territory": first["territory"],
        "ids": {period_label(p): [i] for p, i in zip(idx, sel["id"])},
        "precision": {period_label(p): "exact" for p in idx},
        "sources": [dataset],
        "excluded": [],
    }
    return out


def clear_cache() -> None:
    load_estimates.cache_clear()


def series_from_ids(*ids: str, unit: str | None = None, label: str | None = None) -> pd.Series:
    """Rows of the estimates table, chosen by id, as one chart series (in ``unit`` if given).

    For values that are not one dataset's run of years — a plan target from one book and an
    outcome from another, say. Every point keeps the citation of its own row (``attrs["rows"]``),
    so a chart's provenance shows each. An unknown id names the valid ones; two rows for the
    same period, or values that cannot be converted to ``unit``, raise an error.
    """
    from helpers.data import units

    if not ids:
        raise UnknownNameError("estimate id", "(none given)", list(load_estimates()["id"]))
    df = load_estimates().set_index("id", drop=False)
    for i in ids:
        if i not in df.index:
            raise UnknownNameError("estimate id", i, list(df.index))
    rows = df.loc[list(ids)].reset_index(drop=True)
    parsed = [parse_period(p) for p in rows["period"]]
    index = pd.PeriodIndex([p.to_pandas() for p in parsed])
    if index.has_duplicates:
        raise AmbiguousSelectionError(f"Estimate ids {', '.join(ids)} give two values for one period; choose one row a period.")
    unit = unit or rows["unit"][0]
    values = [units.convert(v, u, unit) for v, u in zip(rows["value"], rows["unit"])]
    out = pd.Series(values, index=index, name=rows["series"][0], dtype="float64")
    labels = [period_label(p) for p in index]
    first = rows.iloc[0]
    out.attrs = {
        "name": first["series"],
        "unit": unit,
        "price_basis": "",
        "kind": first["kind"],
        "dataset": first["dataset"],
        "citation": first["citation"],
        "grade": first["grade"],
        "territory": first["territory"],
        "sources": sorted(set(rows["dataset"])),
        "ids": {lab: [i] for lab, i in zip(labels, rows["id"])},
        "rows": {lab: [r | {"period": lab}] for lab, r in zip(labels, rows.to_dict("records"))},
        "precision": {lab: "exact" for lab in labels},
        "excluded": [],
    }
    if label:
        out.attrs["label"] = label
    return out.sort_index()
