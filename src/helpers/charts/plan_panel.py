"""The plan panel: the targets of one or several plan variants beside the outcome, as values or as % of plan.

Shown through :func:`helpers.widgets.plan_panel` or a declaration of ``kind: plan`` in ``data/charts/``;
see :mod:`helpers.charts.panels` for what every panel offers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from helpers._ui.controls import Control
from helpers.charts import chartdata as cd
from helpers.charts import draw as charts
from helpers.charts import style
from helpers.charts.panel_base import Panel, _choice_control, _plotted_text, _range_control, _toggle_control
from helpers.errors import CourseError

__all__ = ["PlanPanel"]


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
            if t.role == "fulfilment":  # a % of plan: the target and the outcome it is computed from
                target = next(c for c in it["targets"] if c.label == t.key)
                for what, c in ((f"target: {t.key}", target), (f"outcome: {it['actual'].label}", it["actual"])):
                    value = style.format_value(c.values[c.index_of(period)], c.unit)
                    out.append((what, value, cd.provenance_rows(c, period)))
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


def _comparable(item: Mapping) -> bool:
    """Whether a target and the outcome of one plan share a period, so that '% of plan' has something to show."""
    actual = item["actual"]
    if actual is None or not actual.ok:
        return False
    have = {label for label, _ in cd.period_options([actual])}
    return any(label in have for c in item["targets"] if c.ok for label, _ in cd.period_options([c]))
