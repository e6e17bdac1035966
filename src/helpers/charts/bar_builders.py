"""Builders of the bar charts' models: :func:`shares_model` (shares of a whole, stacked or grouped),
:func:`plan_model` (plan targets against the outcome) and :func:`before_after_model` (benchmark years
side by side). They share the time-series builders' blocks in :mod:`helpers.charts.builders`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers.charts import style
from helpers.charts.builders import _empty_model, _on_one_axis, _trace_from
from helpers.charts.layout import (
    _range_mask,
    _span,
    _to_categories,
    _x_of,
    category_positions,
    source_line,
)
from helpers.charts.model import (
    ABSOLUTE,
    ChartModel,
    Choice,
    Layout,
    Show,
    Trace,
    check_option,
)
from helpers.data.units import conversion_factor
from helpers.errors import CourseError, PriceBasisError

GAP_NOTE = "'//' on the time axis: years for which the sources give no figure (a gap, not zero)."


def _bar_notes(traces: Sequence[Trace], gap_note: str | None, exact: tuple[str, ...] = ("exact",)) -> list[str]:
    """The notes every bar chart shares: ``gap_note`` (where a figure is missing; ``None``: none missing),
    hatched bars (a precision not in ``exact``), outlined bars (another passage states another value)."""
    notes = [gap_note] if gap_note else []
    if any(p not in exact for t in traces for p in t.precision):
        notes.append("Hatched bars: approximate values.")
    if any(t.conflict.any() for t in traces):
        notes.append("Outlined bars: another passage states a different value (see the sources panel).")
    return notes


def _periods_model(kind, title, traces, cats, gap_marks, years, pkinds, src, notes, messages, **kw) -> ChartModel:
    """The model of a bar chart with one group of bars per period (shares, plan): what the two share."""
    return ChartModel(
        kind=kind,
        title=title,
        traces=traces,
        categories=cats,
        xlim=(-0.7, cats[-1][0] + 0.7),
        gap_marks=gap_marks,
        xticks=cats,
        source=src,
        notes=notes,
        messages=messages,
        period_kinds=pkinds,
        years=tuple(years),
        range_text=_span(years[0], years[1]),
        xlabel="economic years (1 October – 30 September)" if pkinds == ("economic",) else "",
        **kw,
    )


def shares_model(
    choices: Sequence[Choice],
    *,
    title: str,
    selected: Sequence[str],
    years: tuple[str, str],
    options: Sequence[tuple[str, float]],
    layout: Layout = "stacked",
    remainder: bool = True,
    remainder_label: str = "rest (100% minus the stated shares; computed)",
    highlight: str | None = None,
) -> ChartModel:
    """Shares of one whole (in %), per period: stacked or grouped bars.

    The remainder is *computed* (100 minus the stated shares) only for periods where
    every selected share is stated, and labelled as computed; a missing share is a gap.
    """
    check_option("layout", layout, Layout)
    messages = [c.error for c in choices if c.label in selected and c.error]
    comps = [c for c in choices if c.label in selected and c.ok]
    if not selected:
        return _empty_model("shares", title, "No series selected: tick at least one share.", messages)
    if not comps:
        return _empty_model("shares", title, "Nothing to show for this choice.", messages)
    for c in comps:
        if c.unit != "%":
            messages.append(f"{c.label} is in {c.unit}, not a share in %; it is left out of this chart.")
    comps = [c for c in comps if c.unit == "%"]
    kinds = list(dict.fromkeys(c.period_kind for c in comps))
    if len(kinds) > 1:
        messages.append(
            "These shares mix economic and calendar years; both are shown at their own positions on the time axis."
        )
    lo, hi = sorted((_x_of(options, years[0]), _x_of(options, years[1])))
    slots = {c.label: i for i, c in enumerate(choices)}
    traces: list[Trace] = []
    for c in comps:
        mask = _range_mask(c, lo, hi)
        if not mask.any():
            messages.append(f"{c.label}: no values between {years[0]} and {years[1]}.")
            continue
        traces.append(_trace_from(c, mask, c.values[mask].copy(), slots[c.label], role="component"))
    if not traces:
        return _empty_model("shares", title, "No shares stated in this range of years.", messages)
    # categories: every period at which some selected share is stated
    cats: dict[str, float] = {}
    for t in traces:
        for lab, x in zip(t.periods, t.x):
            cats.setdefault(lab, x)
    cats_sorted = sorted(cats.items(), key=lambda kv: kv[1])
    if remainder and layout == "stacked":
        rl, rx, ry = [], [], []
        for lab, x in cats_sorted:
            vals = [t.y[t.periods.index(lab)] for t in traces if lab in t.periods]
            if len(vals) < len(traces):
                continue
            total = float(np.sum(vals))
            if total > 100.0 + 1e-6:
                messages.append(f"{lab}: the stated shares add up to {style.format_number(total, 1)}%, more than 100%.")
                continue
            rl.append(lab)
            rx.append(x)
            ry.append(round(100.0 - total, 9))
        if rl:
            traces.append(
                Trace(
                    key="__remainder__",
                    label=remainder_label,
                    role="remainder",
                    slot=-1,
                    periods=rl,
                    x=np.array(rx),
                    y=np.array(ry),
                    stated=np.array(ry),
                    breaks=np.zeros(len(rl), bool),
                    precision=["computed"] * len(rl),
                    conflict=np.zeros(len(rl), bool),
                    unit="%",
                )
            )
        missing = [lab for lab, _ in cats_sorted if lab not in rl]
        if missing and len(traces) > 1:
            messages.append(
                "No remainder for "
                + ", ".join(missing)
                + ": not every selected share is stated there (a gap, not zero)."
            )
    cats, gap_marks = category_positions(cats_sorted)
    _to_categories(traces, cats)
    notes = _bar_notes(traces, GAP_NOTE if gap_marks else None, exact=("exact", "computed"))
    pkinds = tuple(dict.fromkeys(t.period_kind for t in traces if t.role == "component"))
    src = source_line([s for t in traces for s in t.sources])
    return _periods_model(
        "shares",
        title,
        traces,
        cats,
        gap_marks,
        years,
        pkinds,
        src,
        notes,
        messages,
        ylabel="share, %",
        layout=layout,
        highlight=highlight,
    )


def plan_model(
    targets: Sequence[Choice],
    actual: Choice | None,
    *,
    title: str,
    variants: Sequence[str],
    years: tuple[str, str],
    options: Sequence[tuple[str, float]],
    show: Show = "values",
    highlight: str | None = None,
    note: str = "",
) -> ChartModel:
    """Plan against outcome: targets (one bar per plan variant) beside the actual figure.

    ``show='% of plan'`` draws the outcome as a percentage of each variant's target
    (100 = plan fulfilled) for the periods where both are stated.
    """
    check_option("plan view", show, Show)
    messages = [
        c.error for c in [*targets, actual] if c is not None and c.error and (c.role != "target" or c.label in variants)
    ]
    if note:
        messages.append(note)
    tv = [c for c in targets if c.label in variants and c.ok]
    if not variants:
        return _empty_model("plan", title, "No plan variant selected: tick at least one.", messages)
    if not tv:
        return _empty_model("plan", title, "Nothing to show for this choice.", messages)
    lo, hi = sorted((_x_of(options, years[0]), _x_of(options, years[1])))
    unit, basis = tv[0].unit, tv[0].price_basis
    act = actual if actual is not None and actual.ok else None
    if act is not None:
        try:
            conversion_factor(act.unit, unit)
            if (act.price_basis or "") != (basis or ""):
                raise PriceBasisError(
                    f"the outcome is in {act.price_basis or 'no price basis'}, the plan in {basis or 'no price basis'}"
                )
        except CourseError as exc:
            messages.append(f"The outcome ({act.label}) cannot be set against the plan: {exc}.")
            act = None
    traces: list[Trace] = []
    for i, c in enumerate(targets):
        if c not in tv:
            continue
        mask = _range_mask(c, lo, hi)
        if mask.any():
            traces.append(_trace_from(c, mask, c.values[mask] * conversion_factor(c.unit, unit), i, role="target"))
    if act is not None:
        mask = _range_mask(act, lo, hi)
        if mask.any():
            traces.append(
                _trace_from(act, mask, act.values[mask] * conversion_factor(act.unit, unit), 6, role="actual")
            )
    if show == "% of plan":
        if act is None:
            messages.append("There is no outcome to set against the plan, so '% of plan' cannot be shown.")
            return _empty_model("plan", title, "No outcome stated for these years.", messages)
        a = next((t for t in traces if t.role == "actual"), None)
        fulfil = []
        for t in [t for t in traces if t.role == "target"]:
            common = [lab for lab in t.periods if a is not None and lab in a.periods]
            if not common:
                continue
            ti = [t.periods.index(lab) for lab in common]
            ai = [a.periods.index(lab) for lab in common]
            y = a.y[ai] / t.y[ti] * 100.0
            f = Trace(
                key=t.key,
                label=f"outcome as % of {t.label}",
                role="fulfilment",
                slot=t.slot,
                periods=common,
                x=t.x[ti],
                y=y,
                stated=a.stated[ai],
                breaks=np.zeros(len(common), bool),
                precision=[a.precision[j] for j in ai],
                conflict=a.conflict[ai] | t.conflict[ti],
                unit="% of plan",
                name=a.name,
                sources=sorted({*a.sources, *t.sources}),
                period_kind=t.period_kind,
            )
            fulfil.append(f)
        if not fulfil:
            return _empty_model("plan", title, "No year in this range has both a target and an outcome.", messages)
        traces = fulfil
        ylabel = "outcome, % of plan target"
        reference = 100.0
    else:
        ylabel = style.axis_label(unit, basis)
        reference = None
        if act is None and actual is None and not note:
            messages.append("The sources state no outcome for these targets.")
    if not traces:
        return _empty_model("plan", title, f"No targets between {years[0]} and {years[1]}.", messages)
    cats: dict[str, float] = {}
    for t in traces:
        for lab, x in zip(t.periods, t.x):
            cats.setdefault(lab, x)
    cats_sorted = sorted(cats.items(), key=lambda kv: kv[1])
    cats, gap_marks = category_positions(cats_sorted)
    _to_categories(traces, cats)
    pkinds = tuple(dict.fromkeys(t.period_kind for t in traces))
    notes = (
        ["Dashed outline: plan target; filled bar: outcome as the sources state it."]
        if show == "values"
        else ["100 = the target was met exactly."]
    )
    notes += _bar_notes(traces, GAP_NOTE if gap_marks else None)
    src = source_line([s for t in traces for s in t.sources])
    return _periods_model(
        "plan",
        title,
        traces,
        cats,
        gap_marks,
        years,
        pkinds,
        src,
        notes,
        messages,
        ylabel=ylabel,
        layout="grouped",
        reference=reference,
        highlight=highlight,
    )


def before_after_model(
    choices: Sequence[Choice],
    *,
    title: str,
    selected: Sequence[str],
    years: Sequence[str],
    base: str = ABSOLUTE,
    highlight: str | None = None,
) -> ChartModel:
    """Benchmark years side by side (e.g. 1913 / 1921 / 1925 / 1929) for several series.

    One group of bars per series, one bar per year; a year the sources give no figure
    for is a labelled gap. Absolute values need units that convert into each other;
    otherwise choose a base year (its value = 100).
    """
    messages = [c.error for c in choices if c.label in selected and c.error]
    shown = [c for c in choices if c.label in selected and c.ok]
    if not selected:
        return _empty_model("before_after", title, "No series selected: tick at least one series.", messages)
    if not years:
        return _empty_model("before_after", title, "No year selected: tick at least one year.", messages)
    if not shown:
        return _empty_model("before_after", title, "Nothing to show for this choice.", messages)
    ref = None
    traces: list[Trace] = []
    for gi, c in enumerate(shown):
        mask = np.array([lab in years for lab in c.labels], dtype=bool)
        if not mask.any():
            messages.append(f"{c.label}: no figure for {', '.join(years)}.")
            continue
        y, ref, problem = _on_one_axis(c, c.values[mask], base, ref)
        if problem:
            messages.append(problem)
            continue
        t = _trace_from(c, mask, y, gi, role="group")
        if base == ABSOLUTE:
            t.unit = ref.unit
        t.axis = len(traces)
        missing = [yr for yr in years if yr not in t.periods]
        t.gaps = missing
        traces.append(t)
    if not traces:
        return _empty_model("before_after", title, "Nothing to show for this choice.", messages)
    # position bars: group i at x = i, years spread inside the group
    n = len(years)
    width = 0.8 / n
    for t in traces:
        t.x = np.array([t.axis + (years.index(lab) - (n - 1) / 2) * width for lab in t.periods])
    gap_note = "'no figure': the sources give no number for that year (a gap, not zero)."
    notes = _bar_notes(traces, gap_note if any(t.gaps for t in traces) else None)
    patterns: dict[str, list[str]] = {}
    for t in traces:
        attrs = next(c for c in shown if c.label == t.key).attrs
        if "chosen" not in attrs:
            continue
        by_src: dict[str, list[str]] = {}
        for lab in t.periods:
            by_src.setdefault(attrs["chosen"].get(lab, "?"), []).append(lab)
        text = "; ".join(f"{' and '.join(v)} from {k}" for k, v in by_src.items())
        patterns.setdefault(text, []).append(t.label)
    for text, labels in patterns.items():
        notes.append(f"{', '.join(labels)}: {text}.")
    ylabel = style.index_label(base) if base != ABSOLUTE else style.axis_label(ref.unit, ref.price_basis)
    src = source_line([s for t in traces for s in t.sources])
    return ChartModel(
        kind="before_after",
        title=title,
        traces=traces,
        ylabel=ylabel,
        layout="grouped",
        categories=[(float(i), t.label) for i, t in enumerate(traces)],
        xlim=(-0.6, len(traces) - 0.4),
        xticks=[(float(i), t.label) for i, t in enumerate(traces)],
        base=None if base == ABSOLUTE else base,
        reference=100.0 if base != ABSOLUTE else None,
        source=src,
        notes=notes,
        messages=messages,
        highlight=highlight,
        years=tuple(years),
        range_text=", ".join(years),
    )
