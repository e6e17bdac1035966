"""The state of a panel's controls → the :class:`~helpers.charts.model.ChartModel` to draw: exactly
the numbers, labels, notes and messages. Here the blocks every builder shares and the time-series
builders (:func:`timeseries_model`, :func:`small_multiples_model`); the bar charts' builders are in
:mod:`helpers.charts.bar_builders`.
:mod:`helpers.charts.draw` draws a model and :mod:`helpers.charts.textalt` describes it, so the
picture and its text alternative always say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers.charts import style
from helpers.charts.layout import (
    _range_mask,
    _span,
    _x_of,
    source_line,
    time_ticks,
)
from helpers.charts.model import (
    ABSOLUTE,
    ChartModel,
    Choice,
    Compare,
    Kind,
    Scale,
    Trace,
    _breaks,
    _gap_text,
    check_option,
    gaps,
)
from helpers.data.units import conversion_factor
from helpers.errors import CourseError


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
            breaks = _breaks([c.periods[i] for i in idx])
            gap_list = []
        else:
            breaks = np.concatenate([[False], np.diff(ords) > 1]) if len(ords) else np.zeros(0, bool)
            gap_list = [_gap_text(c.freq, int(a), int(b)) for a, b, br in zip(ords[:-1], ords[1:], breaks[1:]) if br]
    else:
        periods = [c.periods[i] for i in idx]
        breaks, gap_list = _breaks(periods), gaps(periods)
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
    is selected are shown when ``compare`` is 'independent' or 'both'.
    """
    check_option("scale", scale, Scale)
    check_option("comparison", compare, Compare)
    messages: list[str] = []
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
    for c in shown:
        if c.error:
            messages.append(c.error)
    shown = [c for c in shown if c.ok]
    if not selected:
        return _empty_model(kind, title, "No series selected: tick at least one series.", messages)
    lo, hi = _x_of(options, years[0]), _x_of(options, years[1])
    if lo > hi:
        lo, hi = hi, lo
        years = (years[1], years[0])

    # period kinds: economic and calendar years share an axis only when the panel says so
    kinds = list(dict.fromkeys(c.period_kind for c in shown))
    if len(kinds) > 1 and not allow_mixed_periods:
        keep = kinds[0]
        for c in shown:
            if c.period_kind != keep:
                messages.append(
                    f"{c.label} counts {c.period_kind} years and {shown[0].label} {keep} years; an economic year "
                    "(October–September) is not a calendar year, so this chart does not put them on one axis."
                )
        shown = [c for c in shown if c.period_kind == keep]

    traces: list[Trace] = []
    ref: Choice | None = None  # the first series drawn in absolute values: the others take its unit
    slots = {c.label: i for i, c in enumerate(choices)}
    for c in shown:
        mask = _range_mask(c, lo, hi)
        if not mask.any():
            messages.append(f"{c.label}: no values between {years[0]} and {years[1]}.")
            continue
        y, ref, problem = _on_one_axis(c, c.values[mask], base, ref)
        if problem:
            messages.append(problem)
            continue
        unit_shown = ref.unit if base == ABSOLUTE else c.unit
        if scale == "log":
            pos = y > 0
            if not pos.all():
                dropped = [lab for lab, ok in zip(np.array(c.labels)[mask], pos) if not ok]
                messages.append(
                    f"{c.label}: a log scale cannot show zero or negative values; left out: {', '.join(dropped)}."
                )
                sub = np.flatnonzero(mask)[pos]
                mask = np.zeros_like(mask)
                mask[sub] = True
                y = y[pos]
                if not mask.any():
                    continue
        t = _trace_from(c, mask, y, slots[c.label])
        t.unit = unit_shown
        traces.append(t)
    if not traces:
        return _empty_model(
            kind, title, "Nothing to show for this choice. " + (messages[-1] if messages else ""), messages
        )

    pkinds = tuple(dict.fromkeys(t.period_kind for t in traces))
    mixed = len(pkinds) > 1
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
    if base != ABSOLUTE:
        ylabel = style.index_label(base, [style.axis_label(t.unit, t.price_basis) for t in traces])
        if len(ylabel) > 70:
            ylabel = style.index_label(base)
    else:
        ylabel = style.axis_label(ref.unit, ref.price_basis)
    if pkinds == ("economic",):
        xlabel = "economic years (1 October – 30 September)"
    elif mixed:
        xlabel = "calendar years; economic years (Oct–Sep) drawn at their middle"
    else:
        xlabel = ""
    xs = np.concatenate([t.x for t in traces])
    pad = 0.6
    xlim = (min(lo, xs.min()) - pad, max(hi, xs.max()) + pad)
    src = source_line(
        [s for t in traces if t.role == "official" for s in t.sources],
        [t.citation for t in traces if t.role == "independent"],
    )
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
        range_text=_span(years[0], years[1]),
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
    lo, hi = sorted((_x_of(opts, kw["years"][0]), _x_of(opts, kw["years"][1])))
    xlim = (min(lo, xs.min()) - 0.6, max(hi, xs.max()) + 0.6)
    notes = list(dict.fromkeys(n for m in models for n in m.notes))
    src = source_line(
        [s for t in traces if t.role == "official" for s in t.sources],
        [t.citation for t in traces if t.role == "independent"],
    )
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
        range_text=_span(kw["years"][0], kw["years"][1]),
        ylabel="",
        xlabel="",
    )
