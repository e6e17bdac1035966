"""The state of a panel's controls → the :class:`~helpers.charts.model.ChartModel` to draw: exactly
the numbers, labels, notes and messages. First the blocks every builder shares, then the time-series
builders (:func:`timeseries_model`, :func:`small_multiples_model`) and the bar charts' builders
(:func:`shares_model`, :func:`plan_model`, :func:`before_after_model`).
The drawing modules (:mod:`helpers.charts.lines`, :mod:`helpers.charts.bars`) draw a model and
:mod:`helpers.charts.textalt` describes it, so the picture and its text alternative always say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers.charts import style
from helpers.charts.layout import (
    category_positions,
    range_label,
    range_mask,
    source_line,
    time_ticks,
    to_categories,
    x_of,
)
from helpers.charts.model import (
    ABSOLUTE,
    ChartModel,
    Choice,
    Compare,
    Kind,
    Layout,
    Scale,
    Show,
    Trace,
    check_option,
    gap_text,
    gaps,
    period_breaks,
)
from helpers.data.numbers import POINT_PRECISIONS, format_number
from helpers.data.units import conversion_factor
from helpers.errors import CourseError, PriceBasisError


def _empty_model(kind: str, title: str, why: str, messages=()) -> ChartModel:
    return ChartModel(kind=kind, title=title, empty=why, messages=list(messages))


def _conflict_mask(c: Choice, labels: Sequence[str]) -> np.ndarray:
    return np.array([lab in c.conflicts for lab in labels], dtype=bool)


def _trace_from(
    c: Choice, mask: np.ndarray, y: np.ndarray, slot: int, label: str | None = None, role: str | None = None
) -> Trace:
    idx = np.flatnonzero(mask)
    labels = [c.labels[i] for i in idx]
    if c.freq:  # fast path: breaks and gaps from the ordinals
        ords = c.ordinals[idx]
        if c.freq == "D":
            breaks = period_breaks([c.periods[i] for i in idx])
            gap_list = []
        else:
            breaks = np.concatenate([[False], np.diff(ords) > 1]) if len(ords) else np.zeros(0, bool)
            gap_list = [gap_text(c.freq, int(a), int(b)) for a, b, br in zip(ords[:-1], ords[1:], breaks[1:]) if br]
    else:
        periods = [c.periods[i] for i in idx]
        breaks, gap_list = period_breaks(periods), gaps(periods)
    return Trace(
        key=c.label,
        label=label or c.label,
        role=role or c.role,
        slot=slot,
        periods=labels,
        x=c.x[idx],
        y=y,
        stated=c.values[idx],
        breaks=breaks,
        precision=[c.precision[i] for i in idx],
        conflict=_conflict_mask(c, labels),
        unit=c.unit,
        price_basis=c.price_basis,
        period_kind=c.period_kind,
        name=c.name,
        sources=c.sources,
        citation=c.citation,
        gaps=gap_list,
        dashed=c.role == "independent",
        stated_unit=c.unit,
    )


def _short_sources(traces) -> str:
    """The line under a chart: the books of the official series, then the datasets of the independent ones by
    their short names; the full citation of each estimate is under "Row details" beside the chart."""
    return source_line(
        [s for t in traces if t.role == "official" for s in t.sources]
        + [s for t in traces if t.role == "independent" for s in (t.sources or [t.citation])]
    )


def _index(values: np.ndarray, c: Choice, base: str) -> np.ndarray | None:
    i = c.index_of(base)
    if i is None or c.values[i] == 0:
        return None
    return values / c.values[i] * 100.0


def _no_base(c: Choice, base: str) -> str:
    if c.index_of(base) is not None:
        return f"{c.label} is zero in {base}, so {base} cannot be 100 for it."
    return f"{c.label} has no value for {base}, so it cannot be shown with {base} = 100."


def _on_one_axis(
    c: Choice, vals: np.ndarray, base: str, ref: Choice | None
) -> tuple[np.ndarray | None, Choice | None, str | None]:
    """The values of ``c`` as drawn, shared by the builders: an index on ``base``, or absolute values in
    the unit of ``ref`` (the first series drawn in absolute values; ``c`` becomes it when there is none).

    Returns ``(y, ref, None)``, or ``(None, ref, message)`` when ``c`` cannot be drawn: no value in the
    base period, a unit that does not convert, or another price basis on an axis of absolute values.
    """
    if base != ABSOLUTE:
        y = _index(vals, c, base)
        return (None, ref, _no_base(c, base)) if y is None else (y, ref, None)
    if ref is None:
        return vals.copy(), c, None
    try:
        factor = conversion_factor(c.unit, ref.unit)
    except CourseError:
        return (
            None,
            ref,
            (
                f"{c.label} is in {c.unit} and {ref.label} in {ref.unit}: they cannot share one axis. "
                "Choose an index (e.g. 1913 = 100) or the small-multiples view."
            ),
        )
    if (c.price_basis or "") != (ref.price_basis or ""):
        return (
            None,
            ref,
            (
                f"{c.label} is in {c.price_basis or 'no price basis'}, "
                f"{ref.label} in {ref.price_basis or 'no price basis'}: "
                "different price bases cannot share one axis of absolute values. Choose an index to compare them."
            ),
        )
    return vals * factor, ref, None


def _shown_choices(choices: Sequence[Choice], selected: Sequence[str], compare: str, messages: list) -> list:
    """Step 1: the choices the state shows (official, independent or both), without those that failed to load."""
    by_label = {c.label: c for c in choices}
    official = [by_label[s] for s in selected if s in by_label and by_label[s].role == "official"]
    shown: list[Choice] = []
    if compare in ("official", "both"):
        shown += official
    if compare in ("independent", "both"):
        indep = [c for c in choices if c.role == "independent" and c.pair in selected]
        if not indep:
            messages.append("No independent estimate is available for the selected series.")
        shown += indep
    messages += [c.error for c in shown if c.error]
    return [c for c in shown if c.ok]


def _one_kind_of_year(shown: list, allow_mixed_periods: bool, messages: list) -> list:
    """Step 2: economic and calendar years share an axis only when the panel says so."""
    kinds = list(dict.fromkeys(c.period_kind for c in shown))
    if len(kinds) <= 1 or allow_mixed_periods:
        return shown
    keep = kinds[0]
    for c in shown:
        if c.period_kind != keep:
            messages.append(
                f"{c.label} counts {c.period_kind} years and {shown[0].label} {keep} years; an economic year "
                "(October–September) is not a calendar year, so this chart does not put them on one axis."
            )
    return [c for c in shown if c.period_kind == keep]


def _positive_only(c: Choice, mask: np.ndarray, y: np.ndarray, messages: list) -> tuple[np.ndarray, np.ndarray]:
    """A log scale leaves out zero and negative values, and says which."""
    pos = y > 0
    if pos.all():
        return mask, y
    dropped = [lab for lab, ok in zip(np.array(c.labels)[mask], pos) if not ok]
    messages.append(f"{c.label}: a log scale cannot show zero or negative values; left out: {', '.join(dropped)}.")
    sub = np.flatnonzero(mask)[pos]
    mask = np.zeros_like(mask)
    mask[sub] = True
    return mask, y[pos]


def _timeseries_traces(shown, slots, lo, hi, years, base, scale, messages) -> tuple[list[Trace], Choice | None]:
    """Step 3: one trace per shown choice, cut to the range, on one axis (index or a common unit)."""
    traces: list[Trace] = []
    ref: Choice | None = None  # the first series drawn in absolute values: the others take its unit
    for c in shown:
        mask = range_mask(c, lo, hi)
        if not mask.any():
            messages.append(f"{c.label}: no values between {years[0]} and {years[1]}.")
            continue
        y, ref, problem = _on_one_axis(c, c.values[mask], base, ref)
        if problem:
            messages.append(problem)
            continue
        unit_shown = ref.unit if base == ABSOLUTE else c.unit
        if scale == "log":
            mask, y = _positive_only(c, mask, y, messages)
            if not mask.any():
                continue
        t = _trace_from(c, mask, y, slots[c.label])
        t.unit = unit_shown
        traces.append(t)
    return traces, ref


def _timeseries_notes(traces: list[Trace], mixed: bool) -> list[str]:
    """Step 4: the notes under the chart (and 'economic years' in the labels of a mixed chart)."""
    notes = []
    if mixed:
        notes.append("Economic years (October–September) are drawn at their middle, calendar years at theirs.")
        for t in traces:
            if t.period_kind == "economic" and "economic" not in t.label.lower():
                t.label = f"{t.label} (economic years)"
    if any(p != "exact" for t in traces for p in t.precision):
        notes.append("Hollow markers: approximate values ('about', 'almost', 'over', 'under').")
    if any(t.conflict.any() for t in traces):
        notes.append("Ringed points: another passage states a different value (see the sources panel).")
    if any(t.gaps for t in traces):
        notes.append(
            "Dotted lines cross years for which the sources give no figure; they guide the eye and are not data."
        )
    return notes


def _timeseries_axis_labels(traces: list[Trace], base: str, ref: Choice | None, pkinds: tuple) -> tuple[str, str]:
    """Step 5: the y label (unit, or index on the base) and the x label (which kind of year)."""
    if base != ABSOLUTE:
        ylabel = style.index_label(base, [style.axis_label(t.unit, t.price_basis) for t in traces])
        if len(ylabel) > 70:
            ylabel = style.index_label(base)
    else:
        ylabel = style.axis_label(ref.unit, ref.price_basis)
    if pkinds == ("economic",):
        xlabel = "economic years (1 October – 30 September)"
    elif len(pkinds) > 1:
        xlabel = "calendar years; economic years (Oct–Sep) drawn at their middle"
    else:
        xlabel = ""
    return ylabel, xlabel


def timeseries_model(
    choices: Sequence[Choice],
    *,
    title: str,
    selected: Sequence[str],
    years: tuple[str, str],
    options: Sequence[tuple[str, float]],
    base: str = ABSOLUTE,
    scale: Scale = "linear",
    compare: Compare = "official",
    allow_mixed_periods: bool = False,
    highlight: str | None = None,
    kind: Kind = "timeseries",
) -> ChartModel:
    """The model of a time-series chart for one state of its controls.

    ``selected`` are labels of official choices; independent choices whose ``pair``
    is selected are shown when ``compare`` is 'independent' or 'both'. The steps: the choices shown →
    one kind of year → traces on one axis → notes → axis labels and ticks.
    """
    check_option("scale", scale, Scale)
    check_option("comparison", compare, Compare)
    messages: list[str] = []
    shown = _shown_choices(choices, selected, compare, messages)
    if not selected:
        return _empty_model(kind, title, "No series selected: tick at least one series.", messages)
    lo, hi = x_of(options, years[0]), x_of(options, years[1])
    if lo > hi:
        lo, hi = hi, lo
        years = (years[1], years[0])
    shown = _one_kind_of_year(shown, allow_mixed_periods, messages)
    slots = {c.label: i for i, c in enumerate(choices)}
    traces, ref = _timeseries_traces(shown, slots, lo, hi, years, base, scale, messages)
    if not traces:
        return _empty_model(
            kind, title, "Nothing to show for this choice. " + (messages[-1] if messages else ""), messages
        )
    pkinds = tuple(dict.fromkeys(t.period_kind for t in traces))
    notes = _timeseries_notes(traces, mixed=len(pkinds) > 1)
    ylabel, xlabel = _timeseries_axis_labels(traces, base, ref, pkinds)
    xs = np.concatenate([t.x for t in traces])
    pad = 0.6
    xlim = (min(lo, xs.min()) - pad, max(hi, xs.max()) + pad)
    src = _short_sources(traces)
    return ChartModel(
        kind=kind,
        title=title,
        traces=traces,
        ylabel=ylabel,
        xlabel=xlabel,
        xlim=xlim,
        xticks=time_ticks(traces, xlim[0] + pad, xlim[1] - pad, set(pkinds)),
        log=scale == "log",
        base=None if base == ABSOLUTE else base,
        source=src,
        notes=notes,
        messages=messages,
        reference=100.0 if base != ABSOLUTE else None,
        highlight=highlight,
        period_kinds=pkinds,
        years=tuple(years),
        range_text=range_label(years[0], years[1]),
    )


def small_multiples_model(choices: Sequence[Choice], **kw) -> ChartModel:
    """Like :func:`timeseries_model`, but every series gets its own panel and its own axis."""
    selected = list(kw.pop("selected"))
    kw.pop("kind", None)
    base = kw.get("base", ABSOLUTE)
    models, messages = [], []
    for label in selected:
        m = timeseries_model(choices, selected=[label], kind="small_multiples", allow_mixed_periods=True, **kw)
        messages += m.messages
        models.append(m)
    title = kw["title"]
    traces = []
    for i, m in enumerate([m for m in models if m.empty is None]):
        for t in m.traces:
            t.axis = i
            t.ylabel = m.ylabel if base == ABSOLUTE else f"{base} = 100"
            traces.append(t)
    if not selected:
        return _empty_model("small_multiples", title, "No series selected: tick at least one series.", messages)
    if not traces:
        return _empty_model("small_multiples", title, "Nothing to show for this choice.", messages)
    pkinds = tuple(dict.fromkeys(t.period_kind for t in traces))
    xs = np.concatenate([t.x for t in traces])
    opts = kw["options"]
    lo, hi = sorted((x_of(opts, kw["years"][0]), x_of(opts, kw["years"][1])))
    xlim = (min(lo, xs.min()) - 0.6, max(hi, xs.max()) + 0.6)
    notes = list(dict.fromkeys(n for m in models for n in m.notes))
    src = _short_sources(traces)
    return ChartModel(
        kind="small_multiples",
        title=title,
        traces=traces,
        xlim=xlim,
        xticks=time_ticks(traces, xlim[0] + 0.6, xlim[1] - 0.6, set(pkinds) if len(pkinds) == 1 else {"calendar"}),
        log=kw.get("scale") == "log",
        base=None if base == ABSOLUTE else base,
        source=src,
        notes=notes,
        messages=list(dict.fromkeys(messages)),
        highlight=kw.get("highlight"),
        period_kinds=pkinds,
        years=tuple(kw["years"]),
        range_text=range_label(kw["years"][0], kw["years"][1]),
        ylabel="",
        xlabel="",
    )


# the bar charts' builders

GAP_NOTE = "'//' on the time axis: years for which the sources give no figure (a gap, not zero)."


def _bar_notes(traces: Sequence[Trace], gap_note: str | None) -> list[str]:
    """The notes every bar chart shares: ``gap_note`` (where a figure is missing; ``None``: none missing),
    hatched bars (a value that is not a point: the bars' own rule, ``bars.hatch_for``), outlined bars
    (another passage states another value)."""
    notes = [gap_note] if gap_note else []
    if any(p not in POINT_PRECISIONS for t in traces for p in t.precision):
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
        range_text=range_label(years[0], years[1]),
        xlabel="economic years (1 October – 30 September)" if pkinds == ("economic",) else "",
        **kw,
    )


def _categories(traces: Sequence[Trace]) -> list[tuple[str, float]]:
    """Every period at which some trace states a value, in time order: the bar charts' categories."""
    cats: dict[str, float] = {}
    for t in traces:
        for lab, x in zip(t.periods, t.x):
            cats.setdefault(lab, x)
    return sorted(cats.items(), key=lambda kv: kv[1])


def _add_remainder(traces: list[Trace], cats_sorted, label: str, messages: list) -> None:
    """The computed remainder (100 minus the stated shares), only where every selected share is stated and
    only when something remains somewhere (a remainder of zero in every period is said, not drawn)."""
    rl, rx, ry = [], [], []
    for lab, x in cats_sorted:
        vals = [t.y[t.periods.index(lab)] for t in traces if lab in t.periods]
        if len(vals) < len(traces):
            continue
        total = float(np.sum(vals))
        if total > 100.0 + 1e-6:
            messages.append(f"{lab}: the stated shares add up to {format_number(total, 1)}%, more than 100%.")
            continue
        rl.append(lab)
        rx.append(x)
        ry.append(round(100.0 - total, 9))
    if rl and not any(ry):
        messages.append(
            "No remainder: the stated shares add up to 100% in " + ", ".join(rl) + ", so nothing is left to show."
        )
        rl = []
    if rl:
        traces.append(
            Trace(
                key="__remainder__",
                label=label,
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
            "No remainder for " + ", ".join(missing) + ": not every selected share is stated there (a gap, not zero)."
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
    lo, hi = sorted((x_of(options, years[0]), x_of(options, years[1])))
    slots = {c.label: i for i, c in enumerate(choices)}
    traces: list[Trace] = []
    for c in comps:
        mask = range_mask(c, lo, hi)
        if not mask.any():
            messages.append(f"{c.label}: no values between {years[0]} and {years[1]}.")
            continue
        traces.append(_trace_from(c, mask, c.values[mask].copy(), slots[c.label], role="component"))
    if not traces:
        return _empty_model("shares", title, "No shares stated in this range of years.", messages)
    cats_sorted = _categories(traces)
    if remainder and layout == "stacked":
        _add_remainder(traces, cats_sorted, remainder_label, messages)
    cats, gap_marks = category_positions(cats_sorted)
    to_categories(traces, cats)
    notes = _bar_notes(traces, GAP_NOTE if gap_marks else None)
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


def _comparable_outcome(actual: Choice | None, unit: str, basis: str | None, messages: list) -> Choice | None:
    """The outcome, if it loaded and can be set against the plan (a unit that converts, the same price basis)."""
    act = actual if actual is not None and actual.ok else None
    if act is None:
        return None
    try:
        conversion_factor(act.unit, unit)
        if (act.price_basis or "") != (basis or ""):
            raise PriceBasisError(
                f"the outcome is in {act.price_basis or 'no price basis'}, the plan in {basis or 'no price basis'}"
            )
    except CourseError as exc:
        messages.append(f"The outcome ({act.label}) cannot be set against the plan: {exc}.")
        return None
    return act


def _plan_traces(targets, shown_targets, act, unit: str, lo: float, hi: float) -> list[Trace]:
    """The targets shown and the outcome, cut to the range, in the plan's unit."""
    traces: list[Trace] = []
    for i, c in enumerate(targets):
        if c not in shown_targets:
            continue
        mask = range_mask(c, lo, hi)
        if mask.any():
            traces.append(_trace_from(c, mask, c.values[mask] * conversion_factor(c.unit, unit), i, role="target"))
    if act is not None:
        mask = range_mask(act, lo, hi)
        if mask.any():
            traces.append(
                _trace_from(act, mask, act.values[mask] * conversion_factor(act.unit, unit), 6, role="actual")
            )
    return traces


def _fulfilment(traces: list[Trace]) -> list[Trace]:
    """The outcome as % of each target, for the periods where both are stated."""
    a = next((t for t in traces if t.role == "actual"), None)
    fulfil = []
    for t in [t for t in traces if t.role == "target"]:
        common = [lab for lab in t.periods if a is not None and lab in a.periods]
        if not common:
            continue
        ti = [t.periods.index(lab) for lab in common]
        ai = [a.periods.index(lab) for lab in common]
        fulfil.append(
            Trace(
                key=t.key,
                label=f"outcome as % of {t.label}",
                role="fulfilment",
                slot=t.slot,
                periods=common,
                x=t.x[ti],
                y=a.y[ai] / t.y[ti] * 100.0,
                stated=a.stated[ai],
                breaks=np.zeros(len(common), bool),
                precision=[a.precision[j] for j in ai],
                conflict=a.conflict[ai] | t.conflict[ti],
                unit="% of plan",
                name=a.name,
                sources=sorted({*a.sources, *t.sources}),
                period_kind=t.period_kind,
            )
        )
    return fulfil


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
    lo, hi = sorted((x_of(options, years[0]), x_of(options, years[1])))
    unit, basis = tv[0].unit, tv[0].price_basis
    act = _comparable_outcome(actual, unit, basis, messages)
    traces = _plan_traces(targets, tv, act, unit, lo, hi)
    if show == "% of plan":
        if act is None:
            messages.append("There is no outcome to set against the plan, so '% of plan' cannot be shown.")
            return _empty_model("plan", title, "No outcome stated for these years.", messages)
        fulfil = _fulfilment(traces)
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
    cats, gap_marks = category_positions(_categories(traces))
    to_categories(traces, cats)
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
