"""Chart panels: controls, one chart updated in place, the passages behind a point, a text alternative.

:class:`Panel` is an :class:`helpers.ui.view.ImageView`; each kind of panel provides ``_build_model``
(a :class:`helpers.charts.model.ChartModel` from the state, built by :mod:`helpers.charts.builders`) and
the chart that draws it (:mod:`helpers.charts.lines`, :mod:`helpers.charts.bars`). The kinds:
:class:`TimeSeriesPanel`, :class:`SmallMultiplesPanel`, :class:`SharesPanel`, :class:`BeforeAfterPanel`
and :class:`PlanPanel`. Notebooks reach them through :mod:`helpers.ui.widgets` (``widgets.show(id)``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

import ipywidgets as W
import numpy as np

from helpers.charts import style, textalt
from helpers.charts.bars import BeforeAfterChart, PlanChart, SharesChart
from helpers.charts.builders import (
    before_after_model,
    plan_model,
    shares_model,
    small_multiples_model,
    timeseries_model,
)
from helpers.charts.layout import period_options
from helpers.charts.lines import SmallMultiplesChart, TimeSeriesChart
from helpers.charts.model import ABSOLUTE, ChartModel, Choice, Spec, Trace
from helpers.charts.provenance import provenance_rows
from helpers.charts.selections import load_choice
from helpers.data.numbers import format_number, format_value
from helpers.errors import CourseError
from helpers.ui.controls import Control, Invalid
from helpers.ui.passages import provenance_html, provenance_text
from helpers.ui.view import ImageView, flex_row

__all__ = [
    "Panel",
    "NO_PERIOD",
    "TimeSeriesPanel",
    "SmallMultiplesPanel",
    "SharesPanel",
    "PlanPanel",
    "BeforeAfterPanel",
]

NO_PERIOD = ""


# --------------------------------------------------------------------------------------
# panels
# --------------------------------------------------------------------------------------


class Panel(ImageView):
    """Controls, one chart updated in place, the sources behind a point and a text alternative."""

    kind = "panel"
    chart_kind = "chart"
    image_width = int(style.FIGSIZE[0] * style.DPI)

    def __init__(self, title: str):
        super().__init__()
        self.title = title
        self.chart_id: str | None = None
        self.model: ChartModel | None = None
        self._period_values: list[str] = []
        self.sources_html = W.HTML(
            layout=W.Layout(width="330px", max_height="430px", overflow="auto", margin="0 0 0 0.8em")
        )
        self.sources_html.add_class("nep-provenance")
        self._auto_period = True  # until a student picks a period (or '—'), show a telling one
        self._sources_text = ""

    # ---- to be provided by subclasses --------------------------------------------------
    def _build_model(self, state: dict) -> ChartModel:
        raise NotImplementedError

    def _provenance_entries(self, period: str) -> list[tuple[str, str, list[dict]]]:
        """``(series label, plotted value as text, rows)`` for each series plotted at ``period``."""
        choices = getattr(self, "all_choices", None) or self.choices
        return self._entries_from(choices, period, lambda t, i: _plotted_text(self.model, t, i))

    # ---- assembly -----------------------------------------------------------------------
    def _finish(self) -> None:
        self.period_control = Control(
            "period",
            "single",
            "Sources for",
            [("—", NO_PERIOD)],
            NO_PERIOD,
            tooltip="Choose a period to read the passage(s) behind its value",
        )
        self._add(self.period_control)
        shown = [c.widget for c in self.controls.values() if c.visible and c.name != "period"]
        for w in shown:
            w.layout.margin = "0.15em 1.2em 0.15em 0"
        self.controls_box = flex_row(shown, align="center", margin="0 0 0.4em 0")
        side = W.VBox([self.period_control.widget, self.sources_html], layout=W.Layout(width="340px"))
        self._assemble(
            [
                self.controls_box,
                flex_row([self.image, side]),
                self.message_html,
                self.text_html,
            ]
        )
        self._refresh_guarded()

    # ---- the interface -------------------------------------------------------------------
    @property
    def sources_text(self) -> str:
        """The passages behind the chosen period, as plain text."""
        return self._sources_text

    @property
    def plotted(self) -> dict[str, dict[str, float]]:
        """``{series label: {period: value}}`` read back from the chart's artists."""
        return self.chart.plotted()

    def _set_judging_every_base(self, changes: dict) -> bool:
        """:meth:`set` for a panel whose "Show as" offers only what the current choice can draw: a script may
        change the choice and "Show as" at once, so the base is judged against every option (the refresh then
        offers what the new choice can draw); a refused change puts the offered options back."""
        base = self.controls.get("base")
        if "base" in changes and base is not None and hasattr(self, "_all_base_options"):
            self._syncing = True
            try:
                base.set_options(self._all_base_options, self._state.get("base"))
            finally:
                self._syncing = False
        ok = Panel.set(self, **changes)
        if not ok:
            self._sync_controls()
        return ok

    def set(self, **changes) -> bool:
        """Change several controls at once and redraw once.

        Returns ``True`` on success. A bad name or value leaves the panel as it was and
        shows a message naming the valid choices (``panel.message``); nothing is raised.
        """
        period = changes.pop("period", None)
        try:
            new = self._check_changes(changes)
            if period is not None and not new:
                period = self._validate_period(period)
        except Invalid as exc:
            self._show_problem(str(exc))
            return False
        if new:
            self._state.update(new)
            self._sync_widgets(new)
            self._refresh_guarded(changed=set(new))
            if period is None or self.error:
                return self.error is None
            try:  # the period is checked against what the new choice shows
                period = self._validate_period(period)
            except Invalid as exc:
                self._show_problem(str(exc))
                return False
        if period is not None:
            self._auto_period = False
            self._state["period"] = period
            self._sync_widgets({"period": period})
            self._refresh_guarded(changed={"period"})
        return self.error is None

    def _validate_period(self, value) -> str:
        value = "" if value in (None, "", "—") else str(value)
        if value and value not in self._period_values:
            shown = ", ".join(self._period_values) or "none"
            raise Invalid(f"{value!r} has no plotted value in this view; periods shown: {shown}.")
        return value

    def static_png(self) -> bytes:
        return self.chart.static_png()

    # ---- internals ----------------------------------------------------------------------
    def _on_widget(self, name: str) -> None:
        if name == "period" and not self._syncing:
            self._auto_period = False
        super()._on_widget(name)

    def _sync_controls(self) -> None:
        """Disable controls that have no effect in the current state (a control must never do nothing)."""

    def _refresh(self, changed: set[str] | None = None) -> None:
        period = self._state.get("period", NO_PERIOD) or NO_PERIOD
        if changed == {"period"} and self.model is not None:
            self.chart.set_highlight(period or None)
        else:
            self.model = self._build_model(dict(self._state))
            self.model.highlight = period or None
            self.chart.update(self.model)
            self._show_text(textalt.describe(self.model))
            self._show_messages(self.model.messages)
            # (no image.tooltip: in ipywidgets 8.1.9 a tooltip stops JupyterLab from drawing an Image)
            self._update_period_options()
            self._sync_controls()
            period = self._state.get("period", NO_PERIOD) or NO_PERIOD
        self._show_png(self.chart.render())
        entries = self._provenance_entries(period) if period else []
        self.sources_html.value = provenance_html(period, entries)
        self._sources_text = provenance_text(period, entries)

    def _update_period_options(self) -> None:
        m = self.model
        periods: dict[str, float] = {}
        if m is not None and not m.empty:
            for t in m.visible:
                for lab, x in zip(t.periods, t.x):
                    periods.setdefault(lab, x if m.kind != "before_after" else 0)
        if m is not None and m.kind == "before_after":
            years = list(
                getattr(m, "year_labels", None) or ([y.strip() for y in m.range_text.split(",")] if not m.empty else [])
            )
            labels = [y for y in years if y in periods]
        else:
            labels = [lab for lab, _ in sorted(periods.items(), key=lambda kv: kv[1])]
        self._period_values = labels
        current = self._state.get("period", NO_PERIOD)
        if current not in labels or (self._auto_period and current == NO_PERIOD):
            current = self._default_period(labels) if (self._auto_period or current != NO_PERIOD) else NO_PERIOD
        self._state["period"] = current
        self._syncing = True
        try:
            self.period_control.set_options([("—", NO_PERIOD)] + [(lab, lab) for lab in labels], current)
        finally:
            self._syncing = False
        if self.model is not None:
            self.model.highlight = current or None
            self.chart.set_highlight(current or None)

    def _default_period(self, labels: list[str]) -> str:
        """The period shown in *Sources for* until a student chooses: the first where passages
        disagree, else the last one plotted."""
        m = self.model
        if m is None or m.empty or not labels:
            return NO_PERIOD
        disputed = [p for t in m.visible for p, c in zip(t.periods, t.conflict) if c]
        for lab in labels:
            if lab in disputed:
                return lab
        return labels[-1]

    def _entries_from(self, choices: Sequence[Choice], period: str, value_text) -> list:
        m = self.model
        out = []
        if m is None or m.empty:
            return out
        by_key = {c.label: c for c in choices}
        for t in m.visible:
            if period not in t.periods or t.key not in by_key:
                continue
            c = by_key[t.key]
            i = t.periods.index(period)
            out.append((t.label, value_text(t, i), provenance_rows(c, period)))
        return out


def _plotted_text(model: ChartModel, t: Trace, i: int) -> str:
    stated = format_value(
        textalt.significant(t.stated[i]),
        t.stated_unit or t.unit,
        t.precision[i] if t.precision[i] != "computed" else "exact",
    )
    if model.base is not None:
        return f"{format_number(round(float(t.y[i]), 1))} ({model.base} = 100), from {stated}"
    if not math.isclose(t.y[i], t.stated[i], rel_tol=1e-9):
        return f"{format_number(textalt.significant(t.y[i]))} {model.ylabel}, stated as {stated}"
    return stated


def _load(choices: Mapping[str, Spec] | Sequence, role: str = "official") -> list[Choice]:
    if isinstance(choices, (str, tuple)) or not isinstance(choices, (Mapping, list)):
        choices = [choices]
    if isinstance(choices, Mapping):
        items = list(choices.items())
    else:
        items = [(_default_label(spec), spec) for spec in choices]
    return [load_choice(label, spec, role=role) for label, spec in items]


def _default_label(spec) -> str:
    if isinstance(spec, str):
        return spec.replace("_", " ")
    if isinstance(spec, tuple):
        extra = ", ".join(str(v) for v in spec[1].values()) if len(spec) > 1 and isinstance(spec[1], Mapping) else ""
        return spec[0].replace("_", " ") + (f" ({extra})" if extra else "")
    if hasattr(spec, "attrs"):
        return spec.attrs.get("label") or spec.attrs.get("name") or str(getattr(spec, "name", "series"))
    return str(spec)


def _range_control(options: Sequence[tuple[str, float]], years) -> Control:
    labels = [lab for lab, _ in options] or ["—"]
    if years is None:
        value = (labels[0], labels[-1])
    else:
        value = tuple(years)
        for v in value:
            if v not in labels:
                raise Invalid(f"Year {v!r} is not a period of this chart; periods: {', '.join(labels)}.")
    return Control(
        "years",
        "range",
        "Years",
        [(lab, lab) for lab in labels],
        value,
        tooltip="First and last period shown (arrow keys move a handle)",
        visible=len(labels) > 1,
    )


def _choice_control(name: str, description: str, labels: Sequence[str], selected, tooltip: str) -> Control:
    """Check boxes, one a label (all ticked unless ``selected`` says otherwise); hidden when there is one."""
    return Control(
        name,
        "multi",
        description,
        [(lab, lab) for lab in labels],
        tuple(labels if selected is None else selected),
        tooltip=tooltip,
        visible=len(labels) > 1,
    )


def _toggle_control(name: str, description: str, values: Sequence[str], value, tooltips, **kw) -> Control:
    """Toggle buttons, one a value (shown as written), each with its tooltip."""
    return Control(name, "single", description, [(v, v) for v in values], value, toggle=True, tooltips=tooltips, **kw)


def _base_control(options: list[tuple[str, str]], base, tooltip: str) -> Control:
    """ "Show as": the absolute values, or an index with one of the periods = 100."""
    return Control("base", "single", "Show as", options, str(base), tooltip=tooltip)


def _base_options(choices: Sequence[Choice], bases) -> list[tuple[str, str]]:
    if bases is None:
        seen = period_options([c for c in choices if c.ok])
        bases = [lab for lab, _ in seen]
    return [("absolute values", ABSOLUTE)] + [(f"index, {b} = 100", b) for b in bases]


_TITLE_SPAN = re.compile(r"(\d{4}(?:/\d{2})?)\s*[–-]\s*(\d{4}(?:/\d{2})?)")


def title_for_years(title: str, years: Sequence[str], options: Sequence[tuple[str, float]]) -> str:
    """The title with its span of years following the years shown: a title that names the whole range
    (``'…, 1913–1933'``) names the range chosen instead (``'…, 1928–1933'``). Other titles are left as written."""
    labels = [lab for lab, _ in options]
    m = _TITLE_SPAN.search(title or "")
    if not m or len(years) != 2 or not labels:
        return title
    first, last = str(years[0]), str(years[1])
    names_all = (m.group(1), m.group(2)) == (labels[0], labels[-1]) or (
        m.group(1)[:4] == labels[0][:4] and m.group(2)[:4] == labels[-1][-4:]
    )
    if not names_all or (first, last) == (labels[0], labels[-1]):
        return title
    span = first if first == last else f"{first}–{last}"
    return title[: m.start()] + span + title[m.end() :]


def _shown_range(panel: Panel, state) -> dict:
    """The title, the series ticked and the range of periods shown: what every model over a range is built from."""
    title = title_for_years(panel.title, state["years"], panel.period_options_all)
    return dict(title=title, selected=state["series"], years=state["years"], options=panel.period_options_all)


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
        base: str | int = ABSOLUTE,
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
                lab = f"{official} — {_independent_label(spec)} ({_independence(spec)})"
                self.independent.append(load_choice(lab, spec, role="independent", pair=official))
        self.all_choices = self.choices + self.independent
        self.allow_mixed_periods = allow_mixed_periods
        self.chart = chart or self._make_chart()
        self.period_options_all = period_options([c for c in self.all_choices if c.ok]) or [("—", 0.0)]
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
                [
                    "Figures stated in the sources",
                    "Estimates from outside the sources: compilations and independent reconstructions",
                    "Both, side by side",
                ],
                visible=bool(self.independent),
            )
        )
        self._finish()
        if period:
            self.set(period=period)

    def _make_chart(self):
        return TimeSeriesChart()

    #: two series whose values differ more than this many times are not drawn on one axis of absolute values:
    #: the smaller would lie flat along the bottom (GDP beside GDP per head)
    MAX_MAGNITUDE_RATIO = 30.0

    def _drawable_bases(self) -> tuple[list[tuple[str, str]], str]:
        """The "Show as" options that draw every ticked series, and why the others are left out: an index only
        from a period where each ticked series has a value; absolute values only where the series can share
        one axis (same unit and price basis, magnitudes within MAX_MAGNITUDE_RATIO of each other)."""
        ticked = [c for c in self.choices if c.ok and c.label in self._state.get("series", ())]
        options = list(self._all_base_options)
        if not ticked:
            return options, ""
        why = []
        keep = []
        for label, value in options:
            if value == ABSOLUTE:
                if self.chart_kind == "small_multiples" or _one_axis(ticked, self.MAX_MAGNITUDE_RATIO):
                    keep.append((label, value))
                else:
                    why.append("the ticked series cannot share one axis of absolute values")
            elif all(value in c.labels for c in ticked):
                keep.append((label, value))
        if any(v != ABSOLUTE for _, v in options) and not any(v != ABSOLUTE for _, v in keep):
            why.append("no period has a value for every ticked series, so no index can start from one")
        if not keep:  # nothing draws every series: every choice stays, each chart saying what it leaves out
            return options, ""
        return keep, "; ".join(why)

    def set(self, **changes) -> bool:
        return self._set_judging_every_base(changes)

    def _sync_controls(self) -> None:
        """Offer only the "Show as" choices that draw every ticked series; with none left to choose, the control
        is switched off and its tooltip says why."""
        base = self.controls.get("base")
        if base is None:
            return
        if not hasattr(self, "_all_base_options"):  # every option is judged afresh for each state
            self._all_base_options = list(base.options)
            self._base_tooltip = base.widget.tooltip
        keep, why = self._drawable_bases()
        current = self._state.get("base")
        if not keep:
            keep = [o for o in self._all_base_options if o[1] == current]
        if current not in [v for _, v in keep]:
            keep = [o for o in self._all_base_options if o[1] == current] + keep
        self._syncing = True
        try:
            base.set_options(keep, current)
        finally:
            self._syncing = False
        only_one = len(keep) <= 1
        base.widget.disabled = only_one
        base.widget.tooltip = f"Nothing else can be drawn here: {why}." if only_one and why else self._base_tooltip

    def _series_args(self, state) -> dict:
        """What the time-series and the small-multiples models are both built from."""
        return dict(_shown_range(self, state), base=state["base"], scale=state["scale"], compare=state["compare"])

    def _build_model(self, state):
        return timeseries_model(
            self.all_choices, allow_mixed_periods=self.allow_mixed_periods, **self._series_args(state)
        )


def _one_axis(choices: Sequence[Choice], max_ratio: float) -> bool:
    """Whether the series can share one axis of absolute values: one unit and price basis, and magnitudes (the
    largest absolute value of each) within ``max_ratio`` of each other."""
    units = {(c.unit or "", c.price_basis or "") for c in choices}
    if len(units) > 1:
        return False
    sizes = [float(np.nanmax(np.abs(c.values))) for c in choices if len(c.values) and np.isfinite(c.values).any()]
    sizes = [v for v in sizes if v > 0]
    return not sizes or max(sizes) / min(sizes) <= max_ratio


def _independent_label(spec) -> str:
    attrs = getattr(spec, "attrs", {}) or {}
    return attrs.get("label") or attrs.get("dataset") or "independent estimate"


def _independence(spec) -> str:
    """What the legend calls an outside series, by its grades (data/independent/README.md, 'Grades'):
    "independent" only for a reconstruction from other evidence (grade A in every year), "compilation" for a
    compilation that may copy the official figures (grade B), "estimate" for anything mixed or ungraded."""
    grades = set(((getattr(spec, "attrs", {}) or {}).get("grades") or {}).values())
    if grades == {"A"}:
        return "independent"
    if grades == {"B"}:
        return "compilation"
    return "estimate"


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
        return SmallMultiplesChart(capacity=self._capacity)

    def _build_model(self, state):
        return small_multiples_model(self.all_choices, **self._series_args(state))


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
        self.chart = SharesChart()
        self.period_options_all = period_options([c for c in self.choices if c.ok]) or [("—", 0.0)]
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
        return shares_model(
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
        base: str | int = ABSOLUTE,
        bases: Sequence[str] | None = None,
        period: str | None = None,
    ):
        super().__init__(title)
        self.choices = _load(choices)
        self.years = [str(y) for y in years]
        labels = [c.label for c in self.choices]
        self.chart = BeforeAfterChart()
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
        base_opts = [("absolute values", ABSOLUTE)] + [(f"index, {b} = 100", b) for b in (bases or self.years)]
        self._add(
            _base_control(
                base_opts, base, "Absolute values as stated, or each series as an index with the chosen year = 100"
            )
        )
        self._finish()
        if period:
            self.set(period=period)

    def _build_model(self, state):
        return before_after_model(
            self.choices, title=self.title, selected=state["series"], years=list(state["years"]), base=state["base"]
        )

    def set(self, **changes) -> bool:
        return self._set_judging_every_base(changes)

    def _sync_controls(self) -> None:
        """An index only from a year the chart shows (another would leave it empty)."""
        base = self.controls["base"]
        if not hasattr(self, "_all_base_options"):
            self._all_base_options = list(base.options)
        shown, current = set(self._state["years"]), self._state["base"]
        keep = [(lab, v) for lab, v in self._all_base_options if v in (ABSOLUTE, current) or v in shown]
        self._syncing = True
        try:
            base.set_options(keep, current)
        finally:
            self._syncing = False


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
            t_choices = [load_choice(v, s) for v, s in targets.items()]
            for c in t_choices:
                c.role = "target"
            actual = spec.get("actual")
            a_choice = load_choice(spec.get("actual_label", "outcome"), actual) if actual is not None else None
            opts = period_options([c for c in [*t_choices, a_choice] if c is not None and c.ok]) or [("—", 0.0)]
            self.items[label] = dict(targets=t_choices, actual=a_choice, note=spec.get("note", ""), options=opts)
        self.chart = PlanChart()
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
            _toggle_control(
                "show",
                "Show",
                ["values", "% of plan"],
                show,
                ["Targets and outcomes as stated", "Outcome as % of each target"],
                visible=any(_comparable(it) for it in self.items.values()),  # never offer an empty '% of plan'
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
            if not _comparable(it) and changes.get("show", self._state.get("show")) != "values":
                if "show" in changes:
                    self._show_problem(f"{NO_PERCENT_OF_PLAN} Choose 'values' for the plan {item!r}.")
                    return False
                changes["show"] = "values"  # never an empty chart: this plan has no % of plan to show
            years = tuple(sorted((str(y) for y in years), key=labels.index))
            changes["years"] = years
            self._syncing = True
            try:
                self.controls["years"].set_range(labels, years)
            finally:
                self._syncing = False
            self._state["years"] = years
        return super().set(**changes)

    def _sync_controls(self) -> None:
        """Only the chosen plan's variants have check boxes; '% of plan' is switched off, with its reason as the
        tooltip, for a plan whose targets and outcome share no year (it would draw an empty chart)."""
        show = self.controls["show"]
        if not hasattr(self, "_show_tooltips"):
            self._show_tooltips = list(show.widget.tooltips)
        item = self.items[self._state["item"]]
        self.controls["variants"].show_only({c.label for c in item["targets"]})  # this plan's variants only
        comparable = _comparable(item)
        show.widget.disabled = not comparable and self._state["show"] == "values"
        show.widget.tooltips = self._show_tooltips if comparable else [NO_PERCENT_OF_PLAN] * len(self._show_tooltips)

    def _on_widget(self, name):
        if name == "item" and not self._syncing:
            self.set(item=self.controls["item"].get())
            return
        super()._on_widget(name)

    def _build_model(self, state):
        it = self.items[state["item"]]
        self.title = self._fixed_title or state["item"]
        return plan_model(
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
            if t.role == "fulfilment":  # a % of plan: the target and the outcome it is computed from
                target = next(c for c in it["targets"] if c.label == t.key)
                for what, c in ((f"target: {t.key}", target), (f"outcome: {it['actual'].label}", it["actual"])):
                    value = format_value(c.values[c.index_of(period)], c.unit)
                    out.append((what, value, provenance_rows(c, period)))
                continue
            c = next((c for c in it["targets"] if c.label == t.key), None) if t.role == "target" else it["actual"]
            if c is not None:
                out.append(
                    (
                        f"{'target' if t.role == 'target' else 'outcome'}: {t.label}",
                        _plotted_text(m, t, i),
                        provenance_rows(c, period),
                    )
                )
        return out


NO_PERCENT_OF_PLAN = "This plan's targets and its outcome share no year, so there is no % of plan to compute."


def _comparable(item: Mapping) -> bool:
    """Whether a target and the outcome of one plan share a period, so that '% of plan' has something to show."""
    actual = item["actual"]
    if actual is None or not actual.ok:
        return False
    have = {label for label, _ in period_options([actual])}
    return any(label in have for c in item["targets"] if c.ok for label, _ in period_options([c]))
