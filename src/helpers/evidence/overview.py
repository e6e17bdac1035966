"""Every evidence method at once: how many findings each makes on the course's data.

:func:`counts` runs each method (disagreements, kinds of year, chains and averages, parts and
wholes, coverage, claims) and counts its findings and its flags, so that a closing note can
state them from the data rather than from memory. See docs/methods.md.
"""

from __future__ import annotations

import pandas as pd

from helpers.evidence import across, claims, coverage, disagreements, parts, rates, readings, tallies

__all__ = ["counts", "claim_counts"]


def counts() -> pd.DataFrame:
    """One row per method function: ``findings`` (rows it returns) and ``flagged`` (those it flags)."""
    d = disagreements.find()
    rows = [("disagreements", "disagreements.find()", len(d), len(d))]
    for method, name, df in (
        ("across kinds of year", "readings.calendar_readings()", readings.calendar_readings()),
        ("across kinds of year", "readings.compilation_readings()", readings.compilation_readings()),
        ("across kinds of year", "readings.ratio_readings()", readings.ratio_readings()),
        ("chains and averages", "rates.rate_runs()", rates.rate_runs()),
        ("parts and wholes", "parts.share_sets()", parts.share_sets()),
        ("parts and wholes", "parts.parts_and_totals()", parts.parts_and_totals()),
        ("parts and wholes", "parts.products()", parts.products()),
        ("parts and wholes", "across.shares()", across.shares()),
        ("parts and wholes", "across.averages()", across.averages()),
        ("coverage", "coverage.mismatches()", coverage.mismatches()),
        ("coverage", "coverage.against_compilations()", coverage.against_compilations()),
    ):
        rows.append((method, name, len(df), int(df["flag"].sum()) if len(df) else 0))
    for topic in tallies.topics():
        t = tallies.checks(topic)
        rows.append(("several counts", f"tallies.checks({topic!r})", len(t), int(t["flag"].sum())))
    c = claims.counted()
    via = c[c["reading"] != ""]
    rows.append(
        (
            "claims: other readings",
            "claims.counted() with a reading",
            len(via),
            int(
                via["status"]
                .isin(("holds under a reading", "consistent only through a chain that mixes coverages"))
                .sum()
            ),
        )
    )
    return pd.DataFrame(rows, columns=["method", "function", "findings", "flagged"])


def claim_counts() -> pd.DataFrame:
    """Claims by status, each statement counted once (:func:`claims.counted`), with each chapter's own
    levels and with the whole book's."""
    out = {}
    for lf in ("same", "any"):
        c = claims.counted(levels_from=lf)
        out[f"levels_from={lf!r}"] = c["status"].value_counts().reindex(list(claims.STATUSES), fill_value=0)
    t = pd.DataFrame(out)
    t.loc["all"] = t.sum()
    return t
