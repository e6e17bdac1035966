"""List the period labels a chart offers, or a series has: the values ``years``, ``base``, ``bases``,
``period`` and ``shown_years`` of a chart declaration may take.

    python tools/chart_periods.py 01-coal                        # a declared chart: the periods it offers
    python tools/chart_periods.py coal_output --source su_rec    # a series of data/figures.csv
    python tools/chart_periods.py coal_output --source su_ind --kind level --unit "thousand tons"
    python tools/chart_periods.py --estimate coal_output         # an independent estimate (every dataset)
    python tools/chart_periods.py --topic loans_savings          # the series of a topic, with their periods

Selectors (``--source``, ``--kind``, ``--scope``, ``--periods``, ``--unit``) are those of a selection
``[name, {selectors}]`` in a chart declaration; when a series needs one, the message says which values
exist. In a notebook the same list is ``[lab for lab, _ in widgets.show("01-coal").period_options_all]``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import pandas as pd  # noqa: E402

from helpers import data, independent  # noqa: E402
from helpers.data.periods import period_label  # noqa: E402
from helpers.errors import CourseError  # noqa: E402
from helpers.ui import declarations  # noqa: E402

SELECTORS = ("source", "kind", "scope", "periods", "unit")


def chart_periods(chart_id: str) -> list[str]:
    """The period labels of a declared chart, in the order of its time axis (a plan panel: of each plan)."""
    panel = declarations.build(chart_id)
    items = getattr(panel, "items", None)
    if isinstance(items, dict) and all(isinstance(it, dict) and "options" in it for it in items.values()):
        return [f"{label}: {', '.join(lab for lab, _ in it['options'])}" for label, it in items.items()]
    return [lab for lab, _ in panel.period_options_all]


def series_periods(name: str, estimate: bool = False, **selectors) -> list[str]:
    """The period labels of a series of data/figures.csv (or, with ``estimate``, of an independent estimate)."""
    if estimate:
        est = independent.load_estimates()
        rows = est[est["series"] == name]
        if rows.empty:
            raise CourseError(
                f"No independent estimate of {name!r}; estimates: {', '.join(sorted(set(est['series'])))}."
            )
        out = []
        for dataset, group in rows.groupby("dataset", sort=False):
            out.append(f"{dataset}: {', '.join(dict.fromkeys(group['period']))}")
        return out
    s = data.series(name, **selectors)
    return [period_label(p) for p in s.dropna().index]


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("name", nargs="?", help="a chart id (01-coal) or a series name (coal_output)")
    p.add_argument("--topic", help="without a name: list the series of this topic (output, loans_savings, …)")
    p.add_argument("--estimate", action="store_true", help="the name is a series of the independent estimates")
    for sel in SELECTORS:
        p.add_argument(f"--{sel}", help=f"selector {sel!r} of data.series")
    a = p.parse_args(argv)
    selectors = {k: getattr(a, k) for k in SELECTORS if getattr(a, k)}
    if a.name is None:
        if not a.topic:
            raise SystemExit(f"Name a chart id or a series, or give --topic (one of {', '.join(data.TOPICS)}).")
        try:
            table = data.list_series(topic=a.topic)
        except CourseError as exc:
            raise SystemExit(str(exc)) from None
        with pd.option_context("display.width", 200, "display.max_colwidth", 60, "display.max_rows", 500):
            print(table[["kinds", "units", "sources", "periods"]].to_string())
        return 0
    try:
        if a.name in declarations.declared():
            labels = chart_periods(a.name)
        else:
            labels = series_periods(a.name, estimate=a.estimate, **selectors)
    except CourseError as exc:
        raise SystemExit(str(exc)) from None
    print("\n".join(labels))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
