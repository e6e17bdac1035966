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
from helpers.charts import style
from helpers.charts.panel_base import (
    Panel,
    _base_options,
    _choice_control,
    _load,
    _plotted_text,
    _range_control,
)
from helpers.charts.passages import (
    escape,
    message_html,
    provenance_html,
    provenance_text,
    text_alternative_html,
)
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
        base = str(base)
        self._add(
            Control(
                "base",
                "single",
                "Show as",
                _base_options(self.choices, bases),
                base,
                tooltip="Absolute values as stated, or an index with the chosen year = 100",
            )
        )
        self._add(
            Control(
                "scale",
                "single",
                "Scale",
                [("linear", "linear"), ("log", "log")],
                scale,
                toggle=True,
                tooltips=[
                    "Linear: equal steps are equal differences",
                    "Log: equal steps are equal ratios (growth rates)",
                ],
            )
        )
        self._add(
            Control(
                "compare",
                "single",
                "Estimates",
                [("official", "official"), ("independent", "independent"), ("both", "both")],
                compare,
                toggle=True,
                visible=bool(self.independent),
                tooltips=["Figures stated in the sources", "Independent scholarly estimates", "Both, side by side"],
            )
        )
        self._finish()
        if period:
            self.set(period=period)

    def _make_chart(self):
        return charts.TimeSeriesChart()

    def _build_model(self, state):
        return cd.timeseries_model(
            self.all_choices,
            title=self.title,
            selected=state["series"],
            years=state["years"],
            options=self.period_options_all,
            base=state["base"],
            scale=state["scale"],
            compare=state["compare"],
            allow_mixed_periods=self.allow_mixed_periods,
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
        return cd.small_multiples_model(
            self.all_choices,
            title=self.title,
            selected=state["series"],
            years=state["years"],
            options=self.period_options_all,
            base=state["base"],
            scale=state["scale"],
            compare=state["compare"],
        )


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
            Control(
                "layout",
                "single",
                "Bars",
                [("stacked", "stacked"), ("grouped", "grouped")],
                layout,
                toggle=True,
                tooltips=["Shares stacked to 100%", "Shares side by side"],
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
            title=self.title,
            selected=state["series"],
            years=state["years"],
            options=self.period_options_all,
            layout=state["layout"],
            remainder=state["remainder"],
            remainder_label=self.remainder_label,
        )

    def _sync_controls(self) -> None:
        # the computed remainder is drawn only on stacked bars
        self.controls["remainder"].widget.disabled = self._state["layout"] != "stacked"


class PlanPanel(Panel):
    """Plan against outcome: targets of one or several plan variants beside the outcome.

    ``items`` maps a label to ``{"targets": {variant label: selection} or one selection,
    "actual": selection or None, "note": text}``.
    """

    chart_kind = "plan"

    def __init__(
        self,
        items: Mapping[str, Mapping],
        *,
        title: str | None = None,
        item: str | None = None,
        variants: Sequence[str] | None = None,
        show: str = "values",
        years=None,
        period: str | None = None,
    ):
        if not items:
            raise CourseError("plan_panel needs at least one item: {label: {'targets': …, 'actual': …}}.")
        first = item or next(iter(items))
        super().__init__(title or first)
        self._fixed_title = title
        self.items = {}
        for label, spec in items.items():
            targets = spec.get("targets")
            if not isinstance(targets, Mapping):
                targets = {"plan": targets}
            t_choices = [cd.load_choice(v, s) for v, s in targets.items()]
            for c in t_choices:
                c.role = "target"
            actual = spec.get("actual")
            a_choice = cd.load_choice(spec.get("actual_label", "outcome"), actual) if actual is not None else None
            opts = cd.period_options([c for c in [*t_choices, a_choice] if c is not None and c.ok]) or [("—", 0.0)]
            self.items[label] = dict(targets=t_choices, actual=a_choice, note=spec.get("note", ""), options=opts)
        self.chart = charts.PlanChart()
        self._add(
            Control(
                "item",
                "single",
                "Plan",
                [(k, k) for k in self.items],
                first,
                tooltip="Which plan to compare with the outcome",
                visible=len(self.items) > 1,
            )
        )
        all_variants = list(dict.fromkeys(c.label for it in self.items.values() for c in it["targets"]))
        cur = [c.label for c in self.items[first]["targets"]]
        self._add(
            _choice_control(
                "variants",
                "Plan variants",
                all_variants,
                cur if variants is None else variants,
                "Show the targets of this variant",
            )
        )
        self._add(
            Control(
                "show",
                "single",
                "Show",
                [("values", "values"), ("% of plan", "% of plan")],
                show,
                toggle=True,
                tooltips=["Targets and outcomes as stated", "Outcome as % of each target"],
            )
        )
        opts = self.items[first]["options"]
        if years is None:
            years = (opts[0][0], opts[-1][0])
        self._add(_range_control(opts, years))  # the years of the plan shown; changes with the plan
        if not self.controls["years"].visible:
            self.controls["years"].widget.layout.display = "none"
        self._finish()
        if period:
            self.set(period=period)

    def set(self, **changes) -> bool:
        # choosing another plan selects its variants and its own range of years, unless given
        item = changes.get("item")
        if item is not None and item in self.items and item != self._state.get("item"):
            it = self.items[item]
            labels = [lab for lab, _ in it["options"]]
            years = changes.get("years", (labels[0], labels[-1]))
            if not (
                isinstance(years, Sequence)
                and not isinstance(years, str)
                and len(years) == 2
                and all(str(y) in labels for y in years)
            ):
                self._show_problem(
                    f"{years!r} are not two periods of the plan {item!r}; its periods: {', '.join(labels)}."
                )
                return False
            changes.setdefault("variants", tuple(c.label for c in it["targets"]))
            years = tuple(sorted((str(y) for y in years), key=labels.index))
            changes["years"] = years
            self._syncing = True
            try:
                self.controls["years"].set_range(labels, years)
            finally:
                self._syncing = False
            self._state["years"] = years
        return super().set(**changes)

    def _on_widget(self, name):
        if name == "item" and not self._syncing:
            self.set(item=self.controls["item"].get())
            return
        super()._on_widget(name)

    def _build_model(self, state):
        it = self.items[state["item"]]
        self.title = self._fixed_title or state["item"]
        return cd.plan_model(
            it["targets"],
            it["actual"],
            title=self.title,
            variants=state["variants"],
            years=state["years"],
            options=it["options"],
            show=state["show"],
            note=it["note"],
        )

    def _provenance_entries(self, period):
        it = self.items[self._state["item"]]
        m = self.model
        out = []
        if m is None or m.empty:
            return out
        for t in m.visible:
            if period not in t.periods:
                continue
            i = t.periods.index(period)
            if t.role == "fulfilment":
                target = next(c for c in it["targets"] if c.label == t.key)
                out.append(
                    (
                        f"target: {t.key}",
                        style.format_value(target.values[target.index_of(period)], target.unit),
                        cd.provenance_rows(target, period),
                    )
                )
                a = it["actual"]
                out.append(
                    (
                        f"outcome: {a.label}",
                        style.format_value(a.values[a.index_of(period)], a.unit),
                        cd.provenance_rows(a, period),
                    )
                )
                continue
            c = next((c for c in it["targets"] if c.label == t.key), None) if t.role == "target" else it["actual"]
            if c is not None:
                out.append(
                    (
                        f"{'target' if t.role == 'target' else 'outcome'}: {t.label}",
                        _plotted_text(m, t, i),
                        cd.provenance_rows(c, period),
                    )
                )
        return out


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
            Control(
                "base",
                "single",
                "Show as",
                base_opts,
                str(base),
                tooltip="Absolute values as stated, or each series as an index with the chosen year = 100",
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
