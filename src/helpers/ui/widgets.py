"""Panels: controls + one chart updated in place + the passages behind a point + a text alternative.

A chart is declared once in ``data/charts/<notebook>.yml`` and shown by id (see
:mod:`helpers.ui.declarations` and ``docs/authoring.md``)::

    from helpers import widgets
    widgets.show("01-coal")     # the panel; without a kernel, the picture and its text description

or built in code, where building it is the lesson::

    panel = widgets.timeseries_panel(
        {"Coal, thousand tons": ("coal_output", {"source": "su_rec"})},
        title="Coal mined, 1921/22–1925/26",
    )

Every panel is a :class:`helpers.ui.view.View` with the same plain-Python interface, usable (and
tested) without a browser:

* ``panel.state`` – the value of every control, as a dict;
* ``panel.set(base="1913", scale="log")`` – change controls; a bad value gives a message
  in the panel (and ``False``), never an exception;
* ``panel.text`` – the text alternative of what is drawn; ``panel.sources_text`` – the
  passages behind the chosen period; ``panel.message`` – what could not be shown and why;
* ``panel.plotted`` – the values the chart's artists show, read back from them;
* ``panel.chart`` – the chart that draws (:mod:`helpers.charts.lines`, :mod:`helpers.charts.bars`);
  ``panel.widget`` – the ipywidgets box;
* ``panel.on_change(callback)`` – call ``callback(panel)`` after every redraw.

All text that goes into an HTML widget is escaped; control descriptions are never read as HTML.
"""

from __future__ import annotations

from collections.abc import Mapping

from helpers.ui import declarations
from helpers.ui.panels import (
    BeforeAfterPanel,
    Panel,
    PlanPanel,
    SharesPanel,
    SmallMultiplesPanel,
    TimeSeriesPanel,
)
from helpers.ui.switch import Switch

__all__ = [
    "timeseries_panel",
    "small_multiples_panel",
    "shares_panel",
    "plan_panel",
    "before_after_panel",
    "show",
    "declared",
    "switch",
]


# --------------------------------------------------------------------------------------
# the one-call constructors used in notebooks
# --------------------------------------------------------------------------------------


def timeseries_panel(choices, *, title: str, **kw) -> TimeSeriesPanel:
    """A time-series panel. ``choices``: ``{label: selection}`` (or a list, or one selection).

    A selection is a series name, ``(name, {"source": …, "scope": …, "periods": …, "prefer": [...]})``,
    a pandas Series or a function returning one. Keywords: ``selected``, ``years=(first, last)``,
    ``base='1913'``, ``bases``, ``scale='log'``, ``independent={label: series}``, ``compare``,
    ``allow_mixed_periods=True`` (economic and calendar years on one axis, said so on the chart),
    ``period`` (the period whose sources are shown first).
    """
    return TimeSeriesPanel(choices, title=title, **kw)


def small_multiples_panel(choices, *, title: str, **kw) -> SmallMultiplesPanel:
    """One small chart per series (at most six), each with its own axis; same keywords as :func:`timeseries_panel`."""
    return SmallMultiplesPanel(choices, title=title, **kw)


def shares_panel(choices, *, title: str, **kw) -> SharesPanel:
    """Shares (in %) of one whole: ``layout='stacked'|'grouped'``, ``remainder=True``, ``remainder_label``."""
    return SharesPanel(choices, title=title, **kw)


def plan_panel(items: Mapping[str, Mapping], **kw) -> PlanPanel:
    """Plan vs outcome: ``{label: {"targets": {variant: selection}, "actual": selection, "note": …}}``."""
    return PlanPanel(items, **kw)


def before_after_panel(choices, *, title: str, **kw) -> BeforeAfterPanel:
    """Benchmark years side by side: ``years=("1913", "1921", "1925", "1929")``, ``base``."""
    return BeforeAfterPanel(choices, title=title, **kw)


# --------------------------------------------------------------------------------------
# declared charts (data/charts/*.yml) and a switch between two views
# --------------------------------------------------------------------------------------


def show(chart_id: str, **given) -> Panel:
    """The panel declared under ``chart_id`` in ``data/charts/`` (see :mod:`helpers.ui.declarations`).

    ``given`` passes series the notebook computed itself, for declarations that say
    ``{given: name}``: ``widgets.show("02-private-rubles", rest=rest)``.
    """
    return declarations.build(chart_id, **given)


def declared(chart_id: str | None = None) -> dict:
    """The declaration of one chart (or of all) in ``data/charts/``."""
    return declarations.declared(chart_id)


def switch(views: Mapping[str, object], *, description: str = "Show", show: str | None = None) -> Switch:
    """Toggle buttons that show one of several views in the same place: ``switch({"rubles": a, "%": b})``."""
    return Switch(views, description=description, show=show)
