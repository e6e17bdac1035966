"""Small synthetic figure tables for the evidence methods' tests (no real data involved).

``use(monkeypatch, tmp_path, rows, estimates)`` writes a data folder holding only these rows
(figures.csv) and estimates (independent/estimates.csv), points the helpers at it and clears
every cache that could hold the real data.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from helpers.data import independent, paths
from helpers.data import statements as data
from helpers.data.periods import parse_period
from helpers.evidence import across, chains, claims, coverage, disagreements, parts, readings

FIG_COLUMNS = data.FIGURE_COLUMNS
EST_COLUMNS = independent.COLUMNS


def fig(
    id,
    series,
    period,
    value,
    kind="level",
    unit="thousand tons",
    written=None,
    scope="",
    base="",
    precision="exact",
    source="su_rec",
    quote=None,
    price_basis="",
    topic="output",
):
    p = parse_period(period)
    return dict(
        id=id,
        series=series,
        period=period,
        start=str(p.start or ""),
        end=str(p.end or ""),
        value=str(value),
        value_high="",
        value_as_written=written if written is not None else str(value),
        unit=unit,
        price_basis=price_basis,
        scope=scope,
        kind=kind,
        base_period=base,
        precision=precision,
        topic=topic,
        table="",
        source=source,
        quote=quote or f"passage of {id}",
        note="",
    )


def est(id, series, period, value, unit="thousand tons", dataset="Compilation X", territory="USSR"):
    return dict(
        id=id,
        series=series,
        period=period,
        value=str(value),
        unit=unit,
        territory=territory,
        dataset=dataset,
        citation="a synthetic compilation",
        locator="p. 1",
        grade="B",
        kind="level",
        note="",
    )


def clear():
    for fn in (paths.data_dir, data.load_figures, independent.load_estimates):
        fn.cache_clear()
    for mod in (readings, chains, parts, coverage, claims, disagreements, across):
        mod.clear_cache()


def use(monkeypatch, tmp_path, rows, estimates=()):
    root = tmp_path / "data"
    (root / "independent").mkdir(parents=True)
    shutil.copytree(ROOT / "data" / "sources", root / "sources")
    with open(root / "figures.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, FIG_COLUMNS)
        w.writeheader()
        w.writerows(rows)
    with open(root / "independent" / "estimates.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, EST_COLUMNS)
        w.writeheader()
        w.writerows(estimates)
    monkeypatch.setenv("NEP_COURSE_DATA", str(root))
    clear()
    return root
