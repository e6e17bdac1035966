"""The base of every chart panel: controls, one chart updated in place, the passages behind a point.

:class:`Panel` is an :class:`helpers._ui.view.ImageView`; the five kinds of panel in
:mod:`helpers.charts.panels` provide ``_build_model`` (a :class:`helpers.charts.chartdata.ChartModel`
from the state) and, where they differ, ``_provenance_entries``. The helpers below load selections
and build the controls they share.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import ipywidgets as W

from helpers._ui.controls import Control, Invalid
from helpers._ui.view import ImageView, flex_row
from helpers.charts import chartdata as cd
from helpers.charts import style, textalt
from helpers.charts.passages import provenance_html, provenance_text

__all__ = ["Panel", "NO_PERIOD"]

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


def _base_options(choices: Sequence[cd.Choice], bases) -> list[tuple[str, str]]:
    if bases is None:
        seen = cd.period_options([c for c in choices if c.ok])
        bases = [lab for lab, _ in seen]
    return [("absolute values", cd.ABSOLUTE)] + [(f"index, {b} = 100", b) for b in bases]
