"""Tables a student reads: every pandas table a course notebook shows, as a plain, readable table.

pandas' own display is for programmers: a numbered index, ``NaN`` for a missing value, long text cut
with "…", floats to six places. In a course notebook a table is evidence to read, so :func:`install`
(called by ``import helpers`` inside a kernel) registers :func:`readable_html` as the HTML display of
every ``DataFrame`` and ``Series``: no numbered index, a dash for a missing value, numbers as the course
writes them, every text in full and wrapped, text at least 11 px. The plain-text form is pandas' own.
"""

from __future__ import annotations

import math
import numbers

import pandas as pd

from helpers.ui.html import escape

MISSING = "–"
MAX_ROWS = 300  # a longer table is cut, with a line saying how many rows are not shown
_TABLE = (
    "border-collapse:collapse;font-size:max(0.95em,11px);line-height:1.35;max-width:100%;"
    "table-layout:auto;margin:0.3em 0 0.8em 0"
)
_CELL = (
    "text-align:left;vertical-align:top;padding:0.25em 0.6em;border-bottom:1px solid #dddddd;"
    "white-space:normal;overflow-wrap:anywhere;max-width:36em"
)
_HEAD = _CELL + ";border-bottom:2px solid #555555;font-weight:600"


def cell_text(value: object) -> str:
    """A value as a reader sees it: a dash where nothing is known, numbers without stray decimals."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return MISSING
    if isinstance(value, (tuple, list, set, frozenset)):
        return ", ".join(cell_text(v) for v in value) if value else MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{value:,}"
    if isinstance(value, numbers.Real):
        if float(value).is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    text = str(value).strip()
    return text if text else MISSING


def _frame(obj: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """The table with its row labels as ordinary columns; a plain row number is dropped."""
    df = obj.to_frame() if isinstance(obj, pd.Series) else obj
    numbered = isinstance(df.index, pd.RangeIndex) or pd.api.types.is_integer_dtype(df.index)
    if numbered and df.index.name is None:
        return df.reset_index(drop=True)
    return df.reset_index().rename(columns={"index": ""})


def readable_html(obj: pd.DataFrame | pd.Series) -> str:
    """The table as plain HTML a student can read (see module docstring)."""
    df = _frame(obj)
    shown = df.head(MAX_ROWS)
    head = "".join(f'<th scope="col" style="{_HEAD}">{escape(cell_text(c))}</th>' for c in df.columns)
    rows = "".join(
        "<tr>" + "".join(f'<td style="{_CELL}">{escape(cell_text(v))}</td>' for v in row) + "</tr>"
        for row in shown.itertuples(index=False, name=None)
    )
    more = (
        f'<p style="font-size:max(0.9em,11px)">{len(df) - MAX_ROWS:,} more rows are not shown.</p>'
        if len(df) > MAX_ROWS
        else ""
    )
    return (
        f'<div class="nep-table" style="overflow-x:auto;max-width:100%"><table style="{_TABLE}">'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{more}</div>"
    )


def install() -> bool:
    """In a Jupyter kernel, show every DataFrame and Series with :func:`readable_html`; elsewhere do nothing.
    Returns whether the display was installed."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return False
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.for_type(pd.DataFrame, readable_html)
    formatter.for_type(pd.Series, readable_html)
    return True
