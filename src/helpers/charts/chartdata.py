"""What a chart shows, as plain data — the public face of the chart kit's data side.

The work is split by job; this module re-exports each part's public names, so
``from helpers import chartdata as cd`` and ``cd.timeseries_model(...)`` keep working:

* :mod:`helpers.charts.model` – the string options (``Kind``, ``Role``, ``Scale``, ``Layout``,
  ``Compare``, ``Show``: ``Literal`` types checked by :func:`check_option`), :class:`Choice`,
  :class:`Trace`, :class:`ChartModel`, and where a period sits on a time axis;
* :mod:`helpers.charts.selections` – :func:`load_choice` and :func:`prefer_sources`: a selection
  (a series name, ``(name, {selectors})`` or a ready Series) becomes a :class:`Choice`;
* :mod:`helpers.charts.provenance` – :func:`provenance_rows`: the passages behind one point;
* :mod:`helpers.charts.layout` – period options, time ticks, bar categories, the source line;
* :mod:`helpers.charts.builders` and :mod:`helpers.charts.bar_builders` – the ``*_model`` functions:
  a state of a panel's controls becomes the :class:`ChartModel` that :mod:`helpers.charts.draw` draws and
  :mod:`helpers.charts.textalt` describes.
"""

from helpers.charts.bar_builders import before_after_model, plan_model, shares_model
from helpers.charts.builders import small_multiples_model, timeseries_model
from helpers.charts.layout import category_positions, period_options, source_line, time_ticks
from helpers.charts.model import (
    ABSOLUTE,
    INDEPENDENT_ATTRS,
    ChartModel,
    Choice,
    Compare,
    Kind,
    Layout,
    Role,
    Scale,
    Show,
    Spec,
    Trace,
    TraceRole,
    check_option,
    gaps,
    period_x,
)
from helpers.charts.provenance import disagreement, provenance_rows
from helpers.charts.selections import load_choice, prefer_sources, resolve
from helpers.data.periods import period_label
from helpers.errors import UnknownNameError

__all__ = [
    "ABSOLUTE",
    "INDEPENDENT_ATTRS",
    "ChartModel",
    "Choice",
    "Compare",
    "Kind",
    "Layout",
    "Role",
    "Scale",
    "Show",
    "Spec",
    "Trace",
    "TraceRole",
    "UnknownNameError",
    "before_after_model",
    "category_positions",
    "check_option",
    "disagreement",
    "gaps",
    "load_choice",
    "period_label",
    "period_options",
    "period_x",
    "plan_model",
    "prefer_sources",
    "provenance_rows",
    "resolve",
    "shares_model",
    "small_multiples_model",
    "source_line",
    "time_ticks",
    "timeseries_model",
]
