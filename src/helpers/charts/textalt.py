"""Text alternatives for charts, written from the very numbers the chart draws.

:func:`describe` takes a :class:`helpers.chartdata.ChartModel` and says what is
shown, over which range, the trend (first to last value), the extremes, the gaps,
which values are approximate or disputed, and the source: for screen readers, for
students who prefer reading to looking, and for the notebook viewed without a kernel.

:func:`summary` is the first sentence alone (for a tooltip).
"""

from __future__ import annotations

import math

import numpy as np

from helpers.charts import style
from helpers.charts.model import ChartModel, Trace
from helpers.data.numbers import POINT_PRECISIONS, PRECISION_WORDS, format_number, format_value, interval

__all__ = ["describe", "summary", "describe_trace", "trend"]

MAX_LISTED = 10  # list every value when a series has at most this many


def _num(v: float, model: ChartModel, t: Trace | None = None) -> str:
    if model.base is not None or (model.kind == "plan" and t is not None and t.role == "fulfilment"):
        return format_number(round(float(v), 1))
    unit = t.unit if t is not None else ""
    if unit == "%":
        return format_number(round(float(v), 2)) + "%"
    return format_number(significant(v))


def significant(v: float) -> float:
    """Round converted values to 6 significant digits (1.535000000001 -> 1.535)."""
    if v == 0 or not np.isfinite(v):
        return v
    digits = 6 - int(np.floor(np.log10(abs(v)))) - 1
    return round(float(v), max(digits, 0))


def _unit_phrase(model: ChartModel, t: Trace) -> str:
    if model.base is not None:
        return f"({model.base} = 100)"
    return f"({style.axis_label(t.unit, t.price_basis)})" if t.unit != "%" else "(%)"


def trend(first: float, last: float, points: bool = False, ends: tuple[str, str] = ("exact", "exact")) -> str:
    """``'up 95.3%'``, ``'down 24.5%'`` or ``'unchanged'`` from the first to the last value.

    With ``points=True`` (shares in %) the change is in percentage points. ``ends`` are the precisions of the
    two values (``numbers.PRECISION_WORDS``): when either is a bound or an approximation the change is one too,
    said as "at least", "at most" or "about" and rounded to a whole number, never with false decimals.
    """
    hedge = _hedge(first, last, ends, points)
    if points:
        diff = last - first
        if abs(diff) < 0.05:
            return "unchanged"
        size = format_number(abs(round(diff)) if hedge else abs(round(diff, 2)))
        return f"{'up' if diff > 0 else 'down'} {hedge}{size} percentage points"
    if first == 0:
        return "up from zero" if last > 0 else "unchanged" if last == 0 else "down from zero"
    change = (last / first - 1) * 100
    if abs(change) < 0.05:
        return "unchanged"
    size = format_number(round(abs(change))) if hedge else format_number(abs(change), 1)
    return f"{'up' if change > 0 else 'down'} {hedge}{size}%"


def _hedge(first: float, last: float, ends: tuple[str, str], points: bool = False) -> str:
    """ "at least ", "at most ", "about " or "" for the change between two values of these precisions.

    The change is computed over every pair of values the two stated ones allow (``numbers.interval``, the
    course's one reading of "over", "under", "almost" and "about"): if the stated change is the least of them
    it is a floor, if the greatest a ceiling, otherwise an approximation."""
    if all(p in POINT_PRECISIONS for p in ends):
        return ""
    (a_lo, a_hi), (b_lo, b_hi) = (_span(v, p) for v, p in zip((first, last), ends))
    if points:
        stated, lo, hi = last - first, b_lo - a_hi, b_hi - a_lo
    else:
        stated, lo = last / first, b_lo / a_hi
        hi = b_hi / a_lo if a_lo > 0 else math.inf
    floor, ceiling = math.isclose(lo, stated), math.isclose(hi, stated)
    rising = last >= first
    if floor and not ceiling:
        return "at least " if rising else "at most "
    if ceiling and not floor:
        return "at most " if rising else "at least "
    return "about "


def _span(value: float, precision: str) -> tuple[float, float]:
    """The values ``value`` stands for: itself when exact, else the range ``numbers.interval`` gives."""
    return (value, value) if precision in POINT_PRECISIONS else interval(value, format_number(value), precision)


def describe_trace(t: Trace, model: ChartModel) -> str:
    """One sentence about one drawn series."""
    n = len(t)
    name = t.label
    if n == 0:
        return f"{name}: no values in this range."
    unit = "" if model.kind in ("shares",) else f" {_unit_phrase(model, t)}" if model.kind != "plan" else ""
    parts = []
    ends = (t.precision[0], t.precision[-1]) if n else ("exact", "exact")
    if n == 1:
        parts.append(f"one value: {_num(t.y[0], model, t)} in {t.periods[0]}")
    else:
        parts.append(
            f"{n} values from {t.periods[0]} to {t.periods[-1]}; {_num(t.y[0], model, t)} in {t.periods[0]}, "
            f"{_num(t.y[-1], model, t)} in {t.periods[-1]} "
            f"({trend(t.y[0], t.y[-1], points=t.unit == '%' and model.base is None, ends=ends)})"
        )
        lo, hi = int(np.argmin(t.y)), int(np.argmax(t.y))
        if n > 2 or lo not in (0, n - 1) or hi not in (0, n - 1):
            parts.append(
                f"lowest {_num(t.y[lo], model, t)} in {t.periods[lo]}, "
                f"highest {_num(t.y[hi], model, t)} in {t.periods[hi]}"
            )
        if n <= MAX_LISTED:
            parts.append("values: " + ", ".join(f"{p} {_num(v, model, t)}" for p, v in zip(t.periods, t.y)))
    if t.gaps and model.kind != "before_after":
        parts.append("no figures for " + ", ".join(t.gaps))
    if model.kind == "before_after" and t.gaps:
        parts.append("no figure for " + ", ".join(t.gaps))
    approx = [
        f"{p} ({PRECISION_WORDS.get(q) or q})" for p, q in zip(t.periods, t.precision) if q not in POINT_PRECISIONS
    ]
    if approx:
        parts.append("approximate: " + ", ".join(approx))
    disputed = [p for p, c in zip(t.periods, t.conflict) if c]
    if disputed:
        parts.append("another passage gives a different value for " + ", ".join(disputed))
    if t.role == "remainder":
        parts.append("computed as 100% minus the stated shares, not stated in the source")
    if t.role == "independent" and t.citation:
        parts.append(f"independent estimate: {' '.join(str(t.citation).split())}")
    kind = (
        " (economic years)"
        if t.period_kind == "economic" and model.kind != "before_after" and "economic" not in name.lower()
        else ""
    )
    return f"{name}{kind}{unit}: " + "; ".join(parts) + "."


def _lead(model: ChartModel) -> str:
    n = len(model.visible)
    if model.kind == "timeseries":
        what = f"Line chart, {n} series" if n != 1 else "Line chart"
        axis = model.ylabel
        scale = "log scale" if model.log else "linear scale"
        return f"{what}: {model.title}. {axis[:1].upper() + axis[1:]}, {model.range_text}, {scale}."
    if model.kind == "small_multiples":
        scale = ", log scales" if model.log else ""
        base = f", each as an index with {model.base} = 100" if model.base else ", each on its own axis and unit"
        return f"Small multiples, {n} panels{base}{scale}: {model.title}. Years {model.range_text}."
    if model.kind == "shares":
        return (
            f"{model.layout.capitalize()} bar chart of shares in %: {model.title}. "
            f"{len(model.categories)} periods, {model.range_text}."
        )
    if model.kind == "plan":
        if any(t.role == "fulfilment" for t in model.visible):
            return (
                "Bar chart of the outcome as a percentage of the plan target (100 = target met): "
                f"{model.title}. {model.range_text}."
            )
        axis = model.ylabel[:1].upper() + model.ylabel[1:]
        return f"Bar chart of plan targets and outcomes: {model.title}. {axis}, {model.range_text}."
    if model.kind == "before_after":
        axis = model.ylabel
        return f"Bar chart comparing {model.range_text}: {model.title}. {axis[:1].upper() + axis[1:]}."
    return f"Chart: {model.title}."


def _plan_sentences(model: ChartModel) -> list[str]:
    out = []
    targets = [t for t in model.visible if t.role == "target"]
    actual = next((t for t in model.visible if t.role == "actual"), None)
    if any(t.role == "fulfilment" for t in model.visible):
        for t in model.visible:
            out.append(f"{t.label}: " + ", ".join(f"{p} {format_number(v, 1)}%" for p, v in zip(t.periods, t.y)) + ".")
        return out
    for _x, lab in model.categories:
        bits = []
        for t in targets:
            if lab in t.periods:
                i = t.periods.index(lab)
                bits.append(f"target ({t.label}) {format_value(significant(t.y[i]), t.unit, t.precision[i])}")
        if actual is not None:
            if lab in actual.periods:
                i = actual.periods.index(lab)
                v = actual.y[i]
                bit = f"outcome {format_value(significant(v), actual.unit, actual.precision[i])}"
                pct = [
                    f"{format_number(v / t.y[t.periods.index(lab)] * 100, 1)}% of the {t.label} target"
                    for t in targets
                    if lab in t.periods and t.y[t.periods.index(lab)]
                ]
                if pct:
                    bit += " (" + "; ".join(pct) + ")"
                bits.append(bit)
            else:
                bits.append("no outcome stated")
        out.append(f"{lab}: " + ", ".join(bits) + ".")
    return out


def _before_after_sentences(model: ChartModel) -> list[str]:
    out = []
    for t in model.visible:
        bits = []
        for p, v, q in zip(t.periods, t.y, t.precision):
            word = PRECISION_WORDS.get(q, "")
            bits.append(f"{p} {word + ' ' if word else ''}{_num(v, model, t)}")
        first = t.y[0] if len(t) else None
        if len(t) > 1 and first:
            bits.append(f"{t.periods[-1]} is {format_number(t.y[-1] / first * 100, 1)}% of {t.periods[0]}")
        s = f"{t.label}: " + ", ".join(bits)
        if t.gaps:
            s += "; no figure for " + ", ".join(t.gaps)
        disputed = [p for p, c in zip(t.periods, t.conflict) if c]
        if disputed:
            s += "; another passage gives a different value for " + ", ".join(disputed)
        out.append(s + ".")
    return out


def describe(model: ChartModel | None) -> str:
    """The text alternative of a chart model (plain text, a few sentences)."""
    if model is None:
        return "No chart yet."
    if model.empty:
        text = f"No chart: {model.empty}"
        if model.messages:
            text += " " + " ".join(m for m in model.messages if m not in model.empty)
        return text.strip()
    sentences = [_lead(model)]
    if model.kind == "plan":
        sentences += _plan_sentences(model)
    elif model.kind == "before_after":
        sentences += _before_after_sentences(model)
    else:
        for t in model.visible:
            sentences.append(describe_trace(t, model))
    if model.kind == "timeseries" and len(model.period_kinds) > 1:
        sentences.append(
            "Economic years (October–September) and calendar years are both shown, each at its own position."
        )
    if model.messages:
        sentences.append("Not shown: " + " ".join(model.messages))
    if model.source:
        sentences.append(model.source + ".")
    return " ".join(sentences)


def summary(model: ChartModel | None) -> str:
    """The first sentence of :func:`describe` (what the chart is)."""
    if model is None or model.empty:
        return describe(model)
    return _lead(model)
