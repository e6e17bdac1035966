"""The passages behind a plotted point: :func:`provenance_rows` (official figures with their quotes,
or independent estimates with their citations), the points other passages state differently
(:func:`conflicting_rows`), and :func:`disagreement`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from helpers.data import statements as data
from helpers.data.units import conversion_factor
from helpers.errors import CourseError

if TYPE_CHECKING:
    from helpers.charts.model import Choice


@lru_cache(maxsize=4096)
def _provenance(name: str, label: str) -> pd.DataFrame:
    return data.provenance(name, label)


def conflicting_rows(c: Choice) -> dict[str, list[dict]]:
    """Periods where another passage states a different value of the same series, kind and scope.

    A passage with another stated scope (say 'full range of industries' beside the
    'comparable circle') measures something else and is not a disagreement; a passage
    that states no scope might mean the same thing, so it counts. The provenance panel
    shows every passage for the period either way.
    """
    name, kind, unit = c.name, c.attrs.get("kind"), c.unit
    if not name or "ids" not in c.attrs:
        return {}
    ids = c.attrs.get("ids", {})
    out = {}
    for lab, v in zip(c.labels, c.values):
        try:
            rows = _provenance(name, lab)
        except CourseError:
            continue
        scopes = set(rows.loc[rows["id"].isin(ids.get(lab, [])), "scope"])
        diff = []
        for r in rows.itertuples(index=False):
            if r.kind != kind or pd.isna(r.value):
                continue
            if r.scope and scopes and r.scope not in scopes and "" not in scopes:
                continue
            try:
                f = conversion_factor(r.unit, unit)
            except CourseError:
                continue
            if not math.isclose(r.value * f, v, rel_tol=1e-9, abs_tol=1e-12):
                diff.append(r._asdict())
        if diff:
            out[lab] = diff
    return out


def provenance_rows(c: Choice, label: str) -> list[dict]:
    """See :func:`_provenance_rows`; memoised per choice (rows are looked up once per period)."""
    cache = c.__dict__.setdefault("_rows", {})
    if label not in cache:
        cache[label] = _provenance_rows(c, label)
    return [dict(r) for r in cache[label]]


def _provenance_rows(c: Choice, label: str) -> list[dict]:
    """The passages behind the point of ``c`` at period ``label``, plotted rows first.

    Each row is a dict: ``id, period, value, value_as_written, unit, price_basis, scope,
    kind, precision, source, source_title, quote, note, plotted`` (official figures) or
    ``dataset, citation, locator, grade, territory, value, unit, note`` (independent
    estimates). A fixture series may bring its own rows in ``attrs['rows'][label]``.
    """
    attrs = c.attrs
    own = attrs.get("rows")
    if isinstance(own, Mapping) and label in own:
        return [dict(r) for r in own[label]]
    if c.role == "independent":
        rows = _independent_rows(attrs, label)
        if rows:
            return rows
        i = c.index_of(label)
        loc = attrs.get("locator", "")
        note = attrs.get("note", "")
        return [
            {
                "dataset": attrs.get("dataset", ""),
                "citation": attrs.get("citation", ""),
                "locator": loc.get(label, "") if isinstance(loc, Mapping) else loc,
                "grade": attrs.get("grade", ""),
                "territory": attrs.get("territory", ""),
                "value": c.values[i] if i is not None else math.nan,
                "unit": c.unit,
                "period": label,
                "note": note.get(label, "") if isinstance(note, Mapping) else note,
                "id": ", ".join((attrs.get("ids") or {}).get(label, []))
                if isinstance(attrs.get("ids"), Mapping)
                else "",
            }
        ]
    if not c.name:
        return []
    try:
        df = _provenance(c.name, label)
    except CourseError:
        return []
    plotted = set((attrs.get("ids") or {}).get(label, []))
    kind = attrs.get("kind")
    scopes = set(df.loc[df["id"].isin(plotted), "scope"])
    out = []
    for r in df.to_dict("records"):
        r["plotted"] = r["id"] in plotted
        r["value_as_written"] = _figure_field(r["id"], "value_as_written")
        r["source_title"] = _source_title(r["source"])
        # the same measure: same kind, and the same stated scope (a passage without a scope may mean the same)
        r["same_kind"] = r["kind"] == kind and (not r["scope"] or not scopes or "" in scopes or r["scope"] in scopes)
        out.append(r)
    out.sort(key=lambda r: (not r["plotted"], not r["same_kind"]))
    return out


def _independent_rows(attrs: Mapping, label: str) -> list[dict]:
    """The rows of ``data/independent/estimates.csv`` behind one point, through :mod:`helpers.independent`."""
    ids = (attrs.get("ids") or {}).get(label) if isinstance(attrs.get("ids"), Mapping) else None
    if not ids:
        return []
    from helpers.data import independent

    try:
        df = independent.load_estimates()
    except CourseError:  # the data file is missing or broken: fall back to the series' own attrs
        logging.getLogger("helpers").exception("independent estimates unreadable; provenance from the series' attrs")
        return []
    keep = ["id", "period", "value", "unit", "dataset", "citation", "locator", "grade", "territory", "kind", "note"]
    return [{k: r.get(k, "") for k in keep} for r in df[df["id"].isin(ids)].to_dict("records")]


@cache
def _figure_field(fid: str, column: str) -> str:
    try:
        return str(data.figure(fid).get(column, ""))
    except CourseError:
        return ""


@cache
def _source_title(sid: str) -> str:
    from helpers.data.sources import source_info

    try:
        return source_info(sid).get("title", "")
    except CourseError:
        return ""


def disagreement(rows: Sequence[dict]) -> list[float] | None:
    """The distinct values (in the first row's unit) when rows of one kind disagree, else None."""
    same = [r for r in rows if r.get("same_kind", True) and not pd.isna(r.get("value", math.nan))]
    if len(same) < 2:
        return None
    unit = same[0].get("unit", "")
    vals = []
    for r in same:
        try:
            v = r["value"] * conversion_factor(r.get("unit", unit), unit)
        except CourseError:
            continue
        if not any(math.isclose(v, w, rel_tol=1e-9) for w in vals):
            vals.append(v)
    return vals if len(vals) > 1 else None
