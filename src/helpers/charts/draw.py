"""Pure drawing: one figure per chart, built once, updated in place.

Each chart class builds a :class:`matplotlib.figure.Figure` (Agg canvas, fixed size,
fixed margins, no pyplot, so nothing is displayed or kept behind the scenes) and
draws a :class:`helpers.chartdata.ChartModel` with :meth:`Chart.update`, which only
changes the data, labels and visibility of existing artists (new artists are made
only when a model needs more than ever before). :meth:`Chart.render` draws with Agg
and returns PNG bytes; choosing a period for the provenance panel
(:meth:`Chart.set_highlight`) redraws only the highlight over a saved background.

No widgets and no file reading here: the charts can be used in scripts and tests.

>>> from helpers import chartdata, charts          # doctest: +SKIP
>>> chart = charts.TimeSeriesChart()               # doctest: +SKIP
>>> chart.update(model); png = chart.render()      # doctest: +SKIP

The work is split by job; this module gathers the public names (``from helpers.charts import draw as charts``):
:mod:`~helpers.charts.figure` (the :class:`Chart` base), :mod:`~helpers.charts.lines` (time series, small
multiples), :mod:`~helpers.charts.bars` (shares, plan, before/after), :mod:`~helpers.charts.legend`,
:mod:`~helpers.charts.axes_text` (tick and axis labels that never touch) and :mod:`~helpers.charts.png`.
"""

from __future__ import annotations

from helpers.charts.axes_text import TICK_GAP_PX, fit_xticks
from helpers.charts.bars import (
    BeforeAfterChart,
    PlanChart,
    SharesChart,
    _hatch,
    bar_label,
    text_colour,
)
from helpers.charts.figure import GAP_MARK, NOTES_WIDTH, Chart
from helpers.charts.lines import SmallMultiplesChart, TimeSeriesChart, gap_connectors, line_with_gaps
from helpers.charts.png import encode_png, palette_png
from helpers.charts.style import REMAINDER_EDGE, REMAINDER_FACE

__all__ = [
    "Chart",
    "TimeSeriesChart",
    "SmallMultiplesChart",
    "SharesChart",
    "PlanChart",
    "BeforeAfterChart",
    "chart_for",
    "encode_png",
    "palette_png",
    "line_with_gaps",
    "gap_connectors",
    "bar_label",
    "text_colour",
    "fit_xticks",
    "TICK_GAP_PX",
    "GAP_MARK",
    "NOTES_WIDTH",
    "REMAINDER_FACE",
    "REMAINDER_EDGE",
    "_hatch",
]

CHARTS = {c.kind: c for c in (TimeSeriesChart, SmallMultiplesChart, SharesChart, PlanChart, BeforeAfterChart)}


def chart_for(kind: str, **kw) -> Chart:
    """A new chart of the given kind (``timeseries``, ``small_multiples``, ``shares``, ``plan``, ``before_after``)."""
    return CHARTS[kind](**kw)
