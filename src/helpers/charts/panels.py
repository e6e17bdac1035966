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

import math
from collections.abc import Mapping, Sequence

import ipywidgets as W

from helpers._ui import html as H
from helpers._ui.controls import Control, Invalid
from helpers._ui.view import ImageView, View, flex_row
from helpers.charts import chartdata as cd
from helpers.charts import draw as charts
from helpers.charts import style, textalt
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

NO_PERIOD = ""
escape = H.escape


# --------------------------------------------------------------------------------------
# the sources area (pure functions of their arguments; every value escaped)
# --------------------------------------------------------------------------------------


def _value_text(r: dict) -> str:
    v = r.get("value")
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "no number (lost in the source copy)" if r.get("kind") == "lost" else "no number"
    written = r.get("value_as_written") or ""
    unit = r.get("unit", "")
    base = style.format_value(v, unit, r.get("precision", "exact") or "exact")
    return f"{base} (written “{written}”)" if written and written != style.format_number(v) else base


def _row_parts(r: dict) -> tuple[str, list[str], list[str]]:
    """(quote, [what a reader needs first], [technical fields]) of one provenance row, as plain text."""
    if "citation" in r and "quote" not in r:
        first = [
            f"independent estimate: {r.get('dataset', '')}",
            f"value {style.format_value(r.get('value'), r.get('unit', ''))}",
        ]
        if r.get("period"):
            first.append(f"period: {r['period']}")
        tech = []
        for key, word in (
            ("citation", ""),
            ("locator", "at "),
            ("grade", "grade "),
            ("territory", "territory: "),
            ("note", "note: "),
            ("id", "row "),
        ):
            if r.get(key):
                tech.append(f"{word}{r[key]}")
        return "", first, tech
    src = r.get("source", "")
    title = r.get("source_title", "")
    first = [
        f"value {_value_text(r)}",
        f"period as written: “{r.get('period', '')}”",
        f"source: {title}" if title else f"source: {src}",
    ]
    if r.get("note"):
        first.append(f"note: {r['note']}")
    tech = []
    if r.get("price_basis"):
        tech.append(f"price basis: {r['price_basis']}")
    if r.get("scope"):
        tech.append(f"scope: {r['scope']}")
    if r.get("kind"):
        tech.append(f"kind: {r['kind']}")
    if src and title:
        tech.append(f"source id: {src}")
    if r.get("id"):
        tech.append(f"row {r['id']}")
    return r.get("quote", ""), first, tech


def _row_lines(r: dict) -> tuple[str, list[str]]:
    """(quote, [facts]) of one provenance row, as plain text (every field)."""
    quote, first, tech = _row_parts(r)
    return quote, first + tech


def provenance_html(period: str, entries: Sequence[tuple[str, str, list[dict]]]) -> str:
    """The sources area for one period: for each series, the plotted value and every passage.

    ``entries`` are ``(series label, plotted value as text, rows)``; rows come from
    :func:`helpers.charts.chartdata.provenance_rows`. Each passage comes first, then its value,
    period as written and source; row ids and technical fields are behind a disclosure. When
    the passages of the plotted kind disagree, the area says so and shows them all.
    """
    if not period:
        return (
            '<div class="nep-sources" style="font-size:0.9em;color:#444">'
            "Choose a period in <em>Sources for</em> to read the passage(s) behind it.</div>"
        )
    parts = [
        f'<div class="nep-sources" role="region" aria-label="Sources for {escape(period)}" '
        f'style="font-size:0.9em;line-height:1.35">',
        f'<h4 style="margin:0 0 0.4em 0">Sources for {escape(period)}</h4>',
    ]
    if not entries:
        parts.append(f"<p>No plotted value for {escape(period)} in this view.</p>")
    for label, plotted, rows in entries:
        parts.append(
            f'<p style="margin:0.5em 0 0.2em 0"><strong>{escape(label)}</strong>: plotted {escape(plotted)}</p>'
        )
        main = [r for r in rows if r.get("plotted", True) or r.get("same_kind", True)]
        other = [r for r in rows if r not in main]
        dis = cd.disagreement(main)
        if dis:
            vals = " vs ".join(style.format_value(v, main[0].get("unit", "")) for v in dis)
            parts.append(
                f'<p style="margin:0.2em 0;color:#8a3b00"><strong>The passages disagree:</strong> {escape(vals)}. '
                "Both are shown below.</p>"
            )
        if not rows:
            parts.append("<p>No passage recorded for this value.</p>")
        for r in main:
            parts.append(_row_html(r))
        if other:
            parts.append(
                H.disclosure(
                    f"Other statements about {period}: other kinds or scopes ({len(other)})",
                    "".join(_row_html(r) for r in other),
                )
            )
    parts.append("</div>")
    return "".join(parts)


def _row_html(r: dict) -> str:
    quote, first, tech = _row_parts(r)
    tag = " <em>(plotted)</em>" if r.get("plotted") else ""
    q = (
        (
            f'<blockquote style="margin:0.3em 0 0.2em 0.4em;padding-left:0.6em;{H.CSS["quote_bar"]}">'
            f"{escape(quote)}</blockquote>"
        )
        if quote
        else ""
    )
    more = (
        H.disclosure("Row details", f'<p style="margin:0 0 0.3em 0.4em;{H.CSS["muted"]}">{escape("; ".join(tech))}</p>')
        if tech
        else ""
    )
    return q + f'<p style="margin:0 0 0.2em 0.4em;color:#333">{escape("; ".join(first))}{tag}</p>' + more


def provenance_text(period: str, entries: Sequence[tuple[str, str, list[dict]]]) -> str:
    """The same as :func:`provenance_html`, as plain text (every field shown)."""
    if not period:
        return ""
    lines = [f"Sources for {period}"]
    for label, plotted, rows in entries:
        lines.append(f"{label}: plotted {plotted}")
        main = [r for r in rows if r.get("plotted", True) or r.get("same_kind", True)]
        dis = cd.disagreement(main)
        if dis:
            lines.append(
                "  The passages disagree: " + " vs ".join(style.format_value(v, main[0].get("unit", "")) for v in dis)
            )
        for r in main + [r for r in rows if r not in main]:
            quote, facts = _row_lines(r)
            tag = "" if r in main else "[other kind or scope] "
            if quote:
                lines.append(f"  {tag}“{quote}”")
            lines.append("  " + "; ".join(facts) + (" (plotted)" if r.get("plotted") else ""))
    return "\n".join(lines)


def message_html(messages: Sequence[str], error: str | None = None) -> str:
    """Messages beside the chart (why something is not shown); an error in a warning box."""
    return H.message_box(messages, error)


def text_alternative_html(text: str) -> str:
    """The chart's text alternative, collapsed under "Text description"."""
    return H.text_alternative(text)


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
        self.model: cd.ChartModel | None = None
        self._period_values: list[str] = []
        self.sources_html = W.HTML(
            layout=W.Layout(width="330px", max_height="430px", overflow="auto", margin="0 0 0 0.8em")
        )
        self.sources_html.add_class("nep-provenance")
        self._auto_period = True  # until a student picks a period (or '—'), show a telling one
        self._sources_text = ""

    # ---- to be provided by subclasses --------------------------------------------------
    def _build_model(self, state: dict) -> cd.ChartModel:
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

    def _entries_from(self, choices: Sequence[cd.Choice], period: str, value_text) -> list:
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
            out.append((t.label, value_text(t, i), cd.provenance_rows(c, period)))
        return out


def _plotted_text(model: cd.ChartModel, t: cd.Trace, i: int) -> str:
    stated = style.format_value(
        textalt._round(t.stated[i]),
        t.stated_unit or t.unit,
        t.precision[i] if t.precision[i] != "computed" else "exact",
    )
    if model.base is not None:
        return f"{style.format_number(round(float(t.y[i]), 1))} ({model.base} = 100), from {stated}"
    if not math.isclose(t.y[i], t.stated[i], rel_tol=1e-9):
        return f"{style.format_number(textalt._round(t.y[i]))} {model.ylabel}, stated as {stated}"
    return stated


def _load(choices: Mapping[str, cd.Spec] | Sequence, role: str = "official") -> list[cd.Choice]:
    if isinstance(choices, (str, tuple)) or not isinstance(choices, (Mapping, list)):
        choices = [choices]
    if isinstance(choices, Mapping):
        items = list(choices.items())
    else:
        items = [(_default_label(spec), spec) for spec in choices]
    return [cd.load_choice(label, spec, role=role) for label, spec in items]


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


def _base_options(choices: Sequence[cd.Choice], bases) -> list[tuple[str, str]]:
    if bases is None:
        seen = cd.period_options([c for c in choices if c.ok])
        bases = [lab for lab, _ in seen]
    return [("absolute values", cd.ABSOLUTE)] + [(f"index, {b} = 100", b) for b in bases]


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
        self._add(
            Control(
                "series",
                "multi",
                "Series",
                [(lab, lab) for lab in labels],
                sel,
                tooltip="Show or hide this series",
                visible=len(labels) > 1,
            )
        )
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
        self._add(
            Control(
                "series",
                "multi",
                "Shares",
                [(lab, lab) for lab in labels],
                tuple(labels if selected is None else selected),
                tooltip="Show or hide this share",
                visible=len(labels) > 1,
            )
        )
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
            Control(
                "variants",
                "multi",
                "Plan variants",
                [(v, v) for v in all_variants],
                tuple(cur if variants is None else variants),
                tooltip="Show the targets of this variant",
                visible=len(all_variants) > 1,
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
        self._add(
            Control(
                "series",
                "multi",
                "Series",
                [(lab, lab) for lab in labels],
                tuple(labels if selected is None else selected),
                tooltip="Show or hide this series",
                visible=len(labels) > 1,
            )
        )
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


class Switch(View):
    """Two or more views in one place and toggle buttons to choose which is shown.

    ``widgets.switch({"rubles": rubles, "% of factory output": shares})``. Plain interface:
    ``.state`` (``{"show": label}``), ``.set(show=label)``, ``.shown`` (the view shown), ``.text``.
    Without a kernel every view is shown, one after the other, each under its label.
    """

    kind = "switch"

    def __init__(self, views: Mapping[str, object], *, description: str = "Show", show: str | None = None):
        super().__init__()
        self.views = dict(views)
        if len(self.views) < 2:
            raise CourseError(f"switch() needs at least two views, {{label: view}}; got {len(self.views)}.")
        first = show if show is not None else next(iter(self.views))
        if first not in self.views:
            raise CourseError(f"show={first!r} is not one of the views: {', '.join(self.views)}.")
        self.title = ""
        self._add(
            Control(
                "show",
                "single",
                description,
                [(k, k) for k in self.views],
                first,
                toggle=True,
                tooltips=[f"Show: {k}" for k in self.views],
            )
        )
        self.holder = W.Box([self.views[first].widget])
        self._assemble([self.controls["show"].widget, self.holder, self.message_html])
        self._refresh_guarded()

    @property
    def shown(self):
        """The view shown now."""
        return self.views[self._state["show"]]

    @property
    def text(self) -> str:
        return self.shown.text

    def plain_text(self) -> str:
        return "\n\n".join(f"[{label}]\n{v.plain_text()}" for label, v in self.views.items())

    def static_html(self) -> str:
        return "".join(
            f'<div class="nep-switch-view"><p><strong>{H.escape(label)}</strong></p>{v.static_html()}</div>'
            for label, v in self.views.items()
        )

    def _refresh(self, changed=None) -> None:
        self.holder.children = [self.shown.widget]
        self.renders += 1


def switch(views: Mapping[str, object], *, description: str = "Show", show: str | None = None) -> Switch:
    """Toggle buttons that show one of several views in the same place: ``switch({"rubles": a, "%": b})``."""
    return Switch(views, description=description, show=show)
