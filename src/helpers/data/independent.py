"""Independent estimates: scholarly reconstructions and international compilations.

``data/independent/estimates.csv`` holds one row per figure with its dataset,
work, locator and grade (:data:`GRADES`; data/independent/README.md defines
them and says how each is applied). The work is
an id of ``data/independent/works.csv``, which holds each cited work's full
citation once; the loaders join it back in, so every table and series here
carries a ``citation``. See ``data/independent/README.md``.

:func:`series` returns a :class:`pandas.Series` shaped like
:func:`helpers.data.series`, so the two can be drawn on one chart — but the
units often differ (TWh of coal, not tonnes), so compare them as indices.
"""

from __future__ import annotations

import datetime as dt
import difflib
from functools import cache

import pandas as pd

from helpers.data.paths import read_tables
from helpers.data.periods import parse_period, period_label
from helpers.data.units import CourseSeries
from helpers.errors import AmbiguousSelectionError, DataFileError, PeriodError, PeriodKindError, UnknownNameError

COLUMNS = [
    "id",
    "series",
    "period",
    "value",
    "unit",
    "territory",
    "dataset",
    "citation",
    "locator",
    "grade",
    "kind",
    "note",
]
#: what an empty column of an estimate must hold (the message of :func:`load_estimates`)
FILL = {
    "citation": "the full reference (author, year, title, publisher or journal, and where it was read: an "
    "edition or a URL)",
    "locator": "the page, table or sentence where the number is printed",
    "grade": "a grade of independence A–D (data/independent/README.md, 'Grades')",
    "note": "what a reader must know: calendar or economic year, what the source says in words",
    "dataset": "a short name of the work, e.g. 'Davies 1989'",
    "date": "the date, e.g. 'May 18, 1928', 'May 1928' or '1928'",
    "event": "what happened, in a sentence",
    "work": "the id of the cited work in data/independent/works.csv (or works_local.csv); a local file may give a "
    "column 'citation' with the full reference instead",
}
#: the grades in a reader's words, as data/independent/README.md defines them (the one place the words live:
#: the tables of ``helpers.evidence`` print these)
GRADES = {
    "A": "independent scholarly reconstruction",
    "B": "compilation or report naming its sources",
    "C": "tertiary, or no source shown",
    "D": "official or plan figure",
}
CHRONOLOGY_COLUMNS = ["id", "date", "event", "territory", "citation", "locator", "grade", "note"]
#: the columns of ``works.csv`` (and of an instructor's ``works_local.csv``)
WORK_COLUMNS = ["id", "citation"]


@cache
def load_works() -> dict[str, str]:
    """The cited works, id → full citation, of ``works.csv`` and of ``works_local.csv`` (an instructor's own)."""
    works: dict[str, str] = {}
    for path, df in read_tables(WORK_COLUMNS, "independent", "works.csv"):
        for line, (key, citation) in enumerate(zip(df["id"], df["citation"]), start=2):
            if not key.strip() or not citation.strip():
                raise DataFileError(
                    f"data/independent/{path.name}, line {line} ({key or 'no id'}): a work needs an id and its "
                    f"citation ({FILL['citation']})."
                )
            if key in works:
                raise DataFileError(f"data/independent/{path.name}, line {line}: work id {key!r} is already used.")
            works[key] = citation
    return works


def _with_citations(path, df: pd.DataFrame, columns: list[str], every: str) -> pd.DataFrame:
    """``df`` with its ``work`` ids replaced by the works' citations, as a ``citation`` column where
    ``columns`` puts it. A row gives ``work`` (an id of works.csv or works_local.csv) or, in a file with a
    ``citation`` column, the full reference itself."""
    if "work" not in df.columns and "citation" not in df.columns:
        raise DataFileError(
            f"data/independent/{path.name}: no column 'work' (the id of a work in data/independent/works.csv) "
            f"or 'citation' (the full reference); expected columns: {', '.join(columns)}."
        )
    work = df["work"] if "work" in df.columns else pd.Series("", index=df.index)
    given = df["citation"] if "citation" in df.columns else pd.Series("", index=df.index)
    citations = []
    for line, (key, w, c) in enumerate(zip(df["id"], work, given), start=2):
        w, where = w.strip(), f"data/independent/{path.name}, line {line} ({key or 'no id'})"
        if w and c.strip():
            raise DataFileError(f"{where}: give the work or the citation, not both (work {w!r}).")
        if not w and not c.strip():
            col = "work" if "work" in df.columns else "citation"
            raise DataFileError(f"{where}: column '{col}' is empty. {every}: {FILL[col]}.")
        if not w:
            citations.append(c)
            continue
        works = load_works()
        if w not in works:
            near = difflib.get_close_matches(w, works, n=1)
            raise DataFileError(
                f"{where}: work {w!r} is not in data/independent/works.csv or works_local.csv"
                + (f" (did you mean {near[0]!r}?)" if near else "")
                + f". Add a row '{w},<full citation>' to data/independent/works.csv (in a copy of the course: "
                f"works_local.csv, with the header id,citation), or write the full reference in a 'citation' "
                f"column of {path.name} instead."
            )
        citations.append(works[w])
    df = df.drop(columns=[c for c in ("work", "citation") if c in df.columns])
    df.insert(columns.index("citation"), "citation", citations)
    return df


@cache
def load_estimates() -> pd.DataFrame:
    """The rows of ``estimates.csv`` and of ``estimates_local.csv`` (an instructor's own rows), if present."""
    frames = []
    file_columns = [c for c in COLUMNS if c != "citation"]
    for path, df in read_tables(file_columns, "independent", "estimates.csv"):
        for col in file_columns[:-1]:  # the note may be empty here; the data tests ask for one in every row
            empty = df.index[df[col].str.strip() == ""]
            if len(empty):
                i = empty[0]
                raise DataFileError(
                    f"data/independent/{path.name}, line {i + 2} ({df['id'][i] or 'no id'}): column '{col}' is empty. "
                    f"Every estimate fills every column: {FILL.get(col, 'see data/independent/README.md')}."
                )
        df = _with_citations(path, df, COLUMNS, "Every estimate fills every column")
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
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    dup = sorted(set(df.loc[df["id"].duplicated(), "id"]))
    if dup:
        raise DataFileError(f"data/independent: estimate id(s) {', '.join(dup)} appear more than once; ids are unique.")
    return df


def _periods_text(periods: pd.Series) -> str:
    """``"1913 … 1940"`` for a run of periods (in time order), the one period for a single row."""
    starts = {p: parse_period(p).start for p in periods}
    ordered = sorted(starts, key=lambda p: (starts[p] is None, starts[p] or dt.date.min))  # "undated" last
    return f"{ordered[0]} … {ordered[-1]}" if len(ordered) > 1 else ordered[0]  # one period, however many rows


def _by_periods(rows: pd.DataFrame, column: str, sep: str = "; ") -> str:
    """``column`` of a run of rows: the value when all rows agree, else each value with the periods it covers.

    Maddison's GDP per capita, for example, has grade ``"A (1913 … 1928); B (1929 … 1940)"``: a
    dataset is graded (and cited) row by row, and the first row must not stand for the rest.
    """
    values = list(dict.fromkeys(rows[column]))
    if len(values) == 1:
        return values[0]
    if column == "grade":
        return sep.join(f"{v} ({_periods_text(rows.loc[rows[column] == v, 'period'])})" for v in sorted(values))
    return sep.join(f"{_periods_text(rows.loc[rows[column] == v, 'period'])}: {v}" for v in values)


def _grade_text(rows: pd.DataFrame) -> str:
    return _by_periods(rows, "grade")


def list_estimates(series: str | None = None) -> pd.DataFrame:
    """One line per (series, dataset): values, unit, grade, periods covered, territory.

    ``grade`` is the grade of every row when they agree; when a dataset's rows are graded
    differently it names each grade with its periods (``"A (1913 … 1928); B (1929 … 1940)"``).
    ``periods`` runs from the earliest period to the latest, whatever the file's row order.
    """
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
            "grade": g[["grade", "period"]].apply(_grade_text),
            "periods": g["period"].apply(_periods_text),
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
                f"Independent series {name!r} comes from several datasets ({'; '.join(options)}); "
                "choose one with dataset=…."
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
    out = CourseSeries(list(sel["value"]), index=idx, name=name, dtype="float64").sort_index()
    first = sel.iloc[0]
    out.attrs = {
        "name": name,
        "unit": first["unit"],
        "price_basis": "",
        "kind": kind,
        "scope": first["territory"],
        "period_kind": {"economic_year": "economic", "calendar_year": "calendar", "date": "date", "month": "month"}[
            next(iter(pkinds))
        ],
        "dataset": dataset,
        "citation": _by_periods(sel, "citation", sep=" | "),
        "grade": _grade_text(sel),
        "grades": {period_label(p): g for p, g in zip(idx, sel["grade"])},
        "territory": first["territory"],
        "ids": {period_label(p): [i] for p, i in zip(idx, sel["id"])},
        "precision": {period_label(p): "exact" for p in idx},
        "sources": [dataset],
        "excluded": [],
    }
    return out


@cache
def _load_chronology() -> pd.DataFrame:
    """The events of ``chronology.csv`` and of ``chronology_local.csv`` (an instructor's own), if present."""
    frames = []
    file_columns = [c for c in CHRONOLOGY_COLUMNS if c != "citation"]
    for path, df in read_tables(file_columns, "independent", "chronology.csv"):
        starts, ends = [], []
        for col in file_columns[:-1]:  # every column but the note (the work or citation: below)
            empty = df.index[df[col].str.strip() == ""]
            if len(empty):
                i = empty[0]
                raise DataFileError(
                    f"data/independent/{path.name}, line {i + 2} ({df['id'][i] or 'no id'}): column '{col}' is "
                    f"empty. Every event fills every column but 'note': "
                    f"{FILL.get(col, 'see data/independent/README.md')}."
                )
        df = _with_citations(path, df, CHRONOLOGY_COLUMNS, "Every event fills every column but 'note'")
        for i, (key, date, grade) in enumerate(zip(df["id"], df["date"], df["grade"]), start=2):
            if grade not in GRADES:
                raise DataFileError(
                    f"{path}, line {i} ({key}), column 'grade': {grade!r} is not one of {', '.join(GRADES)}."
                )
            try:
                p = parse_period(date)
            except PeriodError as exc:
                raise DataFileError(f"{path}, line {i} ({key}), column 'date': {exc}") from None
            starts.append(pd.Timestamp(p.start))
            ends.append(pd.Timestamp(p.end))
        df["start"], df["end"] = starts, ends
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    if df["id"].duplicated().any():
        dup = ", ".join(sorted(set(df.loc[df["id"].duplicated(), "id"])))
        raise DataFileError(f"data/independent: duplicate chronology id(s) {dup}.")
    return df.sort_values("start", kind="stable").reset_index(drop=True)


def chronology(first_year: int | None = None, last_year: int | None = None) -> pd.DataFrame:
    """The dated events of ``data/independent/chronology.csv``, in date order, each with citation and grade.

    Columns: ``id, date`` (as written: "February 22, 1921", "1925"), ``event, territory, citation,
    locator, grade, note``, and ``start`` / ``end`` (the first and last day the date can mean).
    ``first_year`` / ``last_year`` keep the events whose date falls in those years (both ends
    included): ``independent.chronology(1927, 1929)``.
    """
    for name, year in (("first_year", first_year), ("last_year", last_year)):
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise TypeError(f"chronology(): {name} must be a whole year such as 1927, not {year!r}.")
    if first_year is not None and last_year is not None and first_year > last_year:
        raise ValueError(
            f"chronology(): first_year {first_year} is after last_year {last_year}; give the earlier year first."
        )
    df = _load_chronology()
    keep = pd.Series(True, index=df.index)
    if first_year is not None:
        keep &= df["end"].dt.year >= first_year
    if last_year is not None:
        keep &= df["start"].dt.year <= last_year
    return df[keep].reset_index(drop=True)


def clear_cache() -> None:
    load_works.cache_clear()
    load_estimates.cache_clear()
    _load_chronology.cache_clear()


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
        raise AmbiguousSelectionError(
            f"Estimate ids {', '.join(ids)} give two values for one period; choose one row a period."
        )
    unit = unit or rows["unit"][0]
    values = [units.convert(v, u, unit) for v, u in zip(rows["value"], rows["unit"])]
    out = CourseSeries(values, index=index, name=rows["series"][0], dtype="float64")
    labels = [period_label(p) for p in index]
    first = rows.iloc[0]
    out.attrs = {
        "name": first["series"],
        "unit": unit,
        "price_basis": "",
        "kind": first["kind"],
        "dataset": first["dataset"],
        "citation": _by_periods(rows, "citation", sep=" | "),
        "grade": _grade_text(rows),
        "grades": {lab: g for lab, g in zip(labels, rows["grade"])},
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
