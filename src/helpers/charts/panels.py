"""Panels: controls + one chart updated in place + the passages behind a point + a text alternative.

A chart is declared once in ``data/charts/<notebook>.yml`` and shown by id (see
:mod:`helpers.charts.specs` and ``docs/authoring.md``)::

    from helpers import widgets
    widgets.show("01-coal")     # the panel; without a kernel, the picture and its text description

or built in code, where building it is the lesson::

    panel = widgets.timeseries_panel(
        {"Coal, thousand tons": ("coal_output", {"source": "su_rec"})},
        title="Coal mined, 1921/22–1925/26",
    )

Every panel is a :class:`helpers._ui.view.View` with the same plain-Python interface, usable (and
tested) without a browser:

* ``panel.state`` – the value of every control, as a dict;
* ``panel.set(base="1913", scale="log")`` – change controls; a bad value gives a message
  in the panel (and ``False``), never an exception;
* ``panel.text`` – the text alternative of what is drawn; ``panel.sources_text`` – the
  passages behind the chosen period; ``panel.message`` – what could not be shown and why;
* ``panel.plotted`` – the values the chart's artists show, read back from them;
* ``panel.chart`` – the :mod:`helpers.charts.draw` object; ``panel.widget`` – the ipywidgets box;
* ``panel.on_change(callback)`` – call ``callback(panel)`` after every redraw.

All text that goes into an HTML widget is escaped; control descriptions are never read as HTML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from helpers._ui.controls import Control
from helpers._ui.switch import Switch
from helpers.charts import chartdata as cd
from helpers.charts import draw as charts
from helpers.charts.panel_base import (
    Panel,
    _base_control,
    _base_options,
    _choice_control,
    _load,
    _range_control,
    _toggle_control,
)
from helpers.charts.passages import (
    escape,
    message_html,
    provenance_html,
    provenance_text,
    text_alternative_html,
)
from helpers.charts.plan_panel import PlanPanel
from helpers.errors import CourseError

__all__ = [
    "Panel",
    "TimeSeriesPanel",
    "SmallMultiplesPanel",
    "SharesPanel",
    "PlanPanel",
    "BeforeAfterPanel",
    "timeseries_panel",
    "small_multiples_panel",
    "shares_panel",
    "plan_panel",
    "before_after_panel",
    "show",
    "declared",
    "switch",
    "Switch",
    "escape",
    "provenance_html",
    "provenance_text",
    "message_html",
    "text_alternative_html",
]


def _shown_range(panel: Panel, state) -> dict:
    """The title, the series ticked and the range of periods shown: what every model over a range is built from."""
    return dict(title=panel.title, selected=state["series"], years=state["years"], options=panel.period_options_all)


class TimeSeriesPanel(Panel):
    """One or several series over time; absolute or index; linear or log; official vs independent."""

    chart_kind = "timeseries"

    def __init__(
        self,
        choices,
        *,
        title: str,
        selected: Sequence[str] | None = None,
        years=None,
        base: str | int = cd.ABSOLUTE,
        bases: Sequence[str] | None = None,
        scale: str = "linear",
        independent: Mapping[str, object] | None = None,
        compare: str = "official",
        allow_mixed_periods: bool = False,
        period: str | None = None,
        chart=None,
    ):
        super().__init__(title)
        self.choices = _load(choices)
        labels = [c.label for c in self.choices]
        self.independent = []
        for official, specs in (independent or {}).items():
            if official not in labels:
                raise CourseError(f"independent: {official!r} is not one of the series {labels}.")
            for spec in specs if isinstance(specs, list) else [specs]:
                lab = f"{official} — {_independent_label(spec)} (independent)"
                self.independent.append(cd.load_choice(lab, spec, role="independent", pair=official))
        self.all_choices = self.choices + self.independent
        self.allow_mixed_periods = allow_mixed_periods
        self.chart = chart or self._make_chart()
        self.period_options_all = cd.period_options([c for c in self.all_choices if c.ok]) or [("—", 0.0)]
        sel = tuple(labels if selected is None else selected)
        self._add(_choice_control("series", "Series", labels, sel, "Show or hide this series"))
        self._add(_range_control(self.period_options_all, years))
        self._add(
            _base_control(
                _base_options(self.choices, bases),
                base,
                "Absolute values as stated, or an index with the chosen year = 100",
            )
        )
        self._add(
            _toggle_control(
                "scale",
                "Scale",
                ["linear", "log"],
                scale,
                ["Linear: equal steps are equal differences", "Log: equal steps are equal ratios (growth rates)"],
            )
        )
        self._add(
            _toggle_control(
                "compare",
                "Estimates",
                ["official", "independent", "both"],
                compare,
                ["Figures stated in the sources", "Independent scholarly estimates", "Both, side by side"],
                visible=bool(self.independent),
            )
        )
        self._finish()
        if period:
            self.set(period=period)

    def _make_chart(self):
        return charts.TimeSeriesChart()

    def _series_args(self, state) -> dict:
        """What the time-series and the small-multiples models are both built from."""
        return dict(_shown_range(self, state), base=state["base"], scale=state["scale"], compare=state["compare"])

    def _build_model(self, state):
        return cd.timeseries_model(
            self.all_choices, allow_mixed_periods=self.allow_mixed_periods, **self._series_args(state)
        )


def _independent_label(spec) -> str:
    attrs = getattr(spec, "attrs", {}) or {}
    return attrs.get("label") or attrs.get("dataset") or "independent estimate"


class SmallMultiplesPanel(TimeSeriesPanel):
    """One small chart per series, each with its own axis and unit, over one shared range of years."""

    chart_kind = "small_multiples"
    MAX_PANELS = 6

    def __init__(self, choices, *, title: str, **kw):
        n = len(choices)
        if n > self.MAX_PANELS:
            raise CourseError(f"Small multiples show at most {self.MAX_PANELS} series; got {n}.")
        self._capacity = max(n, 1)
        kw.setdefault("allow_mixed_periods", True)
        super().__init__(choices, title=title, **kw)

    def _make_chart(self):
        return charts.SmallMultiplesChart(capacity=self._capacity)

    def _build_model(self, state):
        return cd.small_multiples_model(self.all_choices, **self._series_args(state))


class SharesPanel(Panel):
    """Shares of one whole per period: stacked (with the computed remainder) or grouped bars."""

    chart_kind = "shares"

    def __init__(
        self,
        choices,
        *,
        title: str,
        selected=None,
        years=None,
        layout: str = "stacked",
        remainder: bool = True,
        remainder_label: str = "rest: 100% minus the stated shares (computed)",
        period: str | None = None,
    ):
        super().__init__(title)
        self.choices = _load(choices)
        self.remainder_label = remainder_label
        labels = [c.label for c in self.choices]
        self.chart = charts.SharesChart()
        self.period_options_all = cd.period_options([c for c in self.choices if c.ok]) or [("—", 0.0)]
        self._add(_choice_control("series", "Shares", labels, selected, "Show or hide this share"))
        self._add(_range_control(self.period_options_all, years))
        self._add(
            _toggle_control(
                "layout", "Bars", ["stacked", "grouped"], layout, ["Shares stacked to 100%", "Shares side by side"]
            )
        )
        self._add(
            Control(
                "remainder",
                "bool",
                "Show the remainder (computed)",
                [("on", True), ("off", False)],
                remainder,
                tooltip="100% minus the stated shares, where every share is stated",
            )
        )
        self._finish()
        if period:
            self.set(period=period)

    def _build_model(self, state):
        return cd.shares_model(
            self.choices,
            **_shown_range(self, state),
            layout=state["layout"],
            remainder=state["remainder"],
            remainder_label=self.remainder_label,
        )

    def _sync_controls(self) -> None:
        # the computed remainder is drawn only on stacked bars
        self.controls["remainder"].widget.disabled = self._state["layout"] != "stacked"


class BeforeAfterPanel(Panel):
    """Benchmark years (e.g. 1913 / 1921 / 1925 / 1929) side by side for several series."""

    chart_kind = "before_after"

    def __init__(
        self,
        choices,
        *,
        title: str,
        years: Sequence[str] = ("1913", "1921", "1925", "1929"),
        shown_years: Sequence[str] | None = None,
        selected=None,
        base: str | int = cd.ABSOLUTE,
        bases: Sequence[str] | None = None,
        period: str | None = None,
    ):
        super().__init__(title)
        self.choices = _load(choices)
        self.years = [str(y) for y in years]
        labels = [c.label for c in self.choices]
        self.chart = charts.BeforeAfterChart()
        self._add(_choice_control("series", "Series", labels, selected, "Show or hide this series"))
        self._add(
            Control(
                "years",
                "multi",
                "Years",
                [(y, y) for y in self.years],
                tuple(self.years if shown_years is None else [str(y) for y in shown_years]),
                tooltip="Show or hide this year",
            )
        )
        base_opts = [("absolute values", cd.ABSOLUTE)] + [(f"index, {b} = 100", b) for b in (bases or self.years)]
        self._add(
            _base_control(
                base_opts, base, "Absolute values as stated, or each series as an index with the chosen year = 100"
            )
        )
        self._finish()
        if period:
            self.set(period=period)

    def _build_model(self, state):
        return cd.before_after_model(
            self.choices, title=self.title, selected=state["series"], years=list(state["years"]), base=state["base"]
        )


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
    """The panel declared under ``chart_id`` in ``data/charts/`` (see :mod:`helpers.charts.specs`).

    ``given`` passes series the notebook computed itself, for declarations that say
    ``{given: name}``: ``widgets.show("02-private-rubles", rest=rest)``.
    """
    from helpers.charts import specs

    return specs.build(chart_id, **given)


def declared(chart_id: str | None = None) -> dict:
    """The declaration of one chart (or of all) in ``data/charts/``."""
    from helpers.charts import specs

    return specs.declared(chart_id)


def switch(views: Mapping[str, object], *, description: str = "Show", show: str | None = None) -> Switch:
    """Toggle buttons that show one of several views in the same place: ``switch({"rubles": a, "%": b})``."""
    return Switch(views, description=description, show=show)
