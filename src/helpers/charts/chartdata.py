"""What a chart shows, as plain data: selections, provenance, and chart models.

This module sits between :mod:`helpers.data` and the drawing code:

* :func:`load_choice` turns a *selection* (a series name, ``(name, {selectors})``
  or a ready :class:`pandas.Series`) into a
  :class:`Choice`: the series, its values as numpy arrays, the x position of each
  period, where the gaps are, and which points other passages state differently.
  An error from :mod:`helpers.data` (unknown series, mixed period kinds or price
  bases, two values for one period) is kept as a message, never raised.
* :func:`prefer_sources` builds one series from several sources in a stated order
  and records where they disagree.
* :func:`provenance_rows` gives the passages behind one plotted point.
* ``*_model`` functions turn the state of a panel's controls into a
  :class:`ChartModel`: exactly the numbers to draw, the labels, the notes, and
  the messages to show beside the chart. :mod:`helpers.charts` draws a model and
  :mod:`helpers.textalt` describes it, so the picture and its text alternative
  always say the same thing.

Independent estimates follow a small protocol: any :class:`pandas.Series` with a
calendar-year :class:`~pandas.PeriodIndex` and ``attrs`` ``unit``, ``dataset``,
``citation``, ``grade`` and ``territory`` (optionally ``label``, ``locator``,
``note``, ``ids``, ``rows``).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, get_args

import numpy as np
import pandas as pd

from helpers.data import statements as data
from helpers.charts import style
from helpers.errors import AmbiguousSelectionError, CourseError, PriceBasisError, UnitError, UnknownNameError
from helpers.data.periods import period_label
from helpers.data.units import conversion_factor, require_same_period_kind, require_same_price_basis

ABSOLUTE = "absolute"

#: the string options of the chart kit, declared once; :func:`check_option` refuses anything else
Kind = Literal["timeseries", "small_multiples", "shares", "plan", "before_after"]
Role = Literal["official", "independent", "target"]  # a plan target is set to "target" by its panel
TraceRole = Literal["official", "independent", "component", "remainder", "target", "actual", "fulfilment", "group"]
Scale = Literal["linear", "log"]
Layout = Literal["", "stacked", "grouped"]
Compare = Literal["official", "independent", "both"]
Show = Literal["values", "% of plan"]


def check_option(what: str, value: object, allowed: object) -> None:
    """Refuse a string option that is not one of the ``Literal`` type ``allowed``, naming the valid ones.

    >>> check_option("scale", "cubic", Scale)
    Traceback (most recent call last):
    ...
    helpers.errors.UnknownNameError: Unknown scale 'cubic'. Valid choices: linear, log.
    """
    options = get_args(allowed)
    if value not in options:
        raise UnknownNameError(what, value, [o for o in options if o])


INDEPENDENT_ATTRS = ("unit", "dataset", "citation", "grade", "territory")

Spec = str | tuple[str, Mapping] | pd.Series


# --------------------------------------------------------------------------------------
# periods on an axis
# --------------------------------------------------------------------------------------

def period_x(p: pd.Period) -> float:
    """Position of a period on a time axis, in years: the middle of the stretch it covers.

    A calendar year 1926 sits at 1926.5, the economic year 1925/26 (1 October 1925 –
    30 September 1926) at 1926.25, so the two are never drawn on top of each other.
    """
    start = p.start_time
    days = 366 if start.is_leap_year else 365
    span = {"Y": 1.0, "M": 1 / 12}.get(p.freqstr[0], 1 / days)
    return start.year + (start.month - 1) / 12 + (start.day - 1) / days + span / 2


def _kind_of(p: pd.Period) -> str:
    return {"Y-SEP": "economic", "Y-DEC": "calendar", "M": "month", "D": "date"}.get(p.freqstr, p.freqstr)


def _breaks(periods: Sequence[pd.Period]) -> np.ndarray:
    """``True`` before a point that does not directly follow the previous one (a gap)."""
    out = np.zeros(len(periods), dtype=bool)
    for i in range(1, len(periods)):
        a, b = periods[i - 1], periods[i]
        if a.freqstr != b.freqstr:
            out[i] = True
        elif a.freqstr == "D":
            out[i] = (b.start_time - a.start_time).days > 400
        else:
            out[i] = b.ordinal - a.ordinal > 1
    return out


@lru_cache(maxsize=4096)
def _label_at(freq: str, ordinal: int) -> str:
    return period_label(pd.Period(ordinal=ordinal, freq=freq))


def _gap_text(freq: str, a: int, b: int) -> str | None:
    """The missing stretch between ordinals ``a`` and ``b`` of one frequency, or None."""
    if freq == "D" or b - a <= 1:
        return None
    first, last = _label_at(freq, a + 1), _label_at(freq, b - 1)
    return first if a + 1 == b - 1 else f"{first}–{last}"


def gaps(periods: Sequence[pd.Period]) -> list[str]:
    """The missing stretches between stated periods, as text: ``['1914–1920', '1922']``."""
    out = []
    for a, b in zip(periods, periods[1:]):
        if a.freqstr != b.freqstr:
            continue
        text = _gap_text(a.freqstr, a.ordinal, b.ordinal)
        if text:
            out.append(text)
    return out


# --------------------------------------------------------------------------------------
# selections
# --------------------------------------------------------------------------------------

@dataclass
class Choice:
    """One selectable series of a panel, loaded once, with everything a redraw needs."""

    label: str
    role: Role = "official"
    series: pd.Series | None = None
    error: str | None = None
    pair: str | None = None  # an independent estimate: the label of the official series it compares with
    labels: list[str] = field(default_factory=list)
    periods: list = field(default_factory=list)
    x: np.ndarray = field(default_factory=lambda: np.empty(0))
    values: np.ndarray = field(default_factory=lambda: np.empty(0))
    breaks: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=bool))
    precision: list[str] = field(default_factory=list)
    conflicts: dict = field(default_factory=dict)  # period label -> rows stating another value
    ordinals: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    freq: str = ""  # the one frequency of the periods ('' if they mix frequencies)

    def __post_init__(self) -> None:
        check_option("series role", self.role, Role)

    @property
    def ok(self) -> bool:
        return self.error is None and self.series is not None

    @property
    def attrs(self) -> dict:
        return self.series.attrs if self.series is not None else {}

    @property
    def name(self) -> str:
        return self.attrs.get("name") or (self.series.name if self.series is not None else "") or ""

    @property
    def unit(self) -> str:
        return self.attrs.get("unit", "")

    @property
    def price_basis(self) -> str:
        return self.attrs.get("price_basis", "") or ""

    @property
    def period_kind(self) -> str:
        return self.attrs.get("period_kind") or (_kind_of(self.periods[0]) if self.periods else "")

    @property
    def sources(self) -> list[str]:
        return list(self.attrs.get("sources", []))

    @property
    def citation(self) -> str:
        return self.attrs.get("citation", "") if self.role == "independent" else ""

    def index_of(self, label: str) -> int | None:
        try:
            return self.labels.index(label)
        except ValueError:
            return None


def resolve(spec: Spec) -> pd.Series:
    """The :class:`pandas.Series` a selection stands for (errors from :mod:`helpers.data` propagate).

    A selection is a series name, ``(name, {selectors})`` (what a declaration's
    ``[name, {selectors}]`` becomes) or a ready :class:`pandas.Series`.
    """
    if isinstance(spec, pd.Series):
        return spec
    if isinstance(spec, str):
        name, kw = spec, {}
    elif isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[0], str) and isinstance(spec[1], Mapping):
        name, kw = spec[0], dict(spec[1])
    else:
        raise TypeError(
            f"Cannot read {spec!r} as a series selection; use a series name, (name, {{'source': …}}) "
            "or a pandas Series."
        )
    prefer = kw.pop("prefer", None)
    if prefer is not None:
        return prefer_sources(name, prefer, **kw)
    return data.series(name, **kw)


def prefer_sources(name: str, sources: Sequence[str], **selectors) -> pd.Series:
    """One series from several sources: each period from the first source (in ``sources``
    order) that states it.

    Nothing is hidden: ``attrs['chosen']`` says which source each value comes from, and
    :func:`load_choice` flags the periods where another source states a different value,
    so the chart marks them and the provenance panel shows both passages. Price bases
    and period kinds must agree (the usual errors are raised otherwise).
    """
    if isinstance(sources, str):
        sources = [sources]
    parts, errors = [], []
    for src in sources:
        try:
            parts.append(data.series(name, source=src, **selectors))
        except CourseError as exc:
            errors.append(f"{src}: {exc}")
    if not parts:
        raise AmbiguousSelectionError(
            f"None of the sources {', '.join(sources)} gives values of {name!r} for that selection ({'; '.join(errors)})."
        )
    require_same_price_basis(*parts)
    require_same_period_kind(*parts)
    unit = parts[0].attrs["unit"]
    values, ids, precision, chosen = {}, {}, {}, {}
    for part in parts:
        f = conversion_factor(part.attrs["unit"], unit)
        for p, v in part.items():
            if p in values:
                continue
            label = period_label(p)
            values[p] = v * f
            ids[label] = part.attrs["ids"][label]
            precision[label] = part.attrs["precision"][label]
            chosen[label] = part.attrs["sources"][0]
    index = sorted(values)
    out = pd.Series([values[p] for p in index], index=pd.PeriodIndex(index), name=name, dtype="float64")
    out.attrs = {
        **parts[0].attrs,
        "unit": unit,
        "sources": sorted({chosen[k] for k in chosen}),
        "scope": "; ".join(sorted({s for p in parts for s in p.attrs["scope"].split("; ") if s})),
        "ids": ids,
        "precision": precision,
        "chosen": chosen,
        "excluded": sorted({e for p in parts for e in p.attrs.get("excluded", [])}),
    }
    return out


def _check_independent(s: pd.Series) -> None:
    missing = [a for a in INDEPENDENT_ATTRS if a not in s.attrs]
    if missing:
        raise TypeError(f"An independent estimate needs attrs {', '.join(INDEPENDENT_ATTRS)}; missing: {', '.join(missing)}.")
    if not isinstance(s.index, pd.PeriodIndex):
        raise TypeError("An independent estimate needs a PeriodIndex of calendar years.")


def load_choice(label: str, spec: Spec, *, role: Role = "official", pair: str | None = None) -> Choice:
    """Load one selection into a :class:`Choice`; an error becomes ``choice.error`` (a message)."""
    c = Choice(label=str(label), role=role, pair=pair)
    try:
        s = resolve(spec)
        if role == "independent":
            _check_independent(s)
        if not isinstance(s.index, pd.PeriodIndex):
            raise TypeError(f"{label}: a chart series needs a PeriodIndex (economic or calendar years).")
        s = s.sort_index()
    except (CourseError, TypeError, ValueError, KeyError) as exc:
        c.error = f"{label}: {exc}"
        return c
    s_clean = s.dropna()
    c.series = s
    c.periods = list(s_clean.index)
    c.labels = [period_label(p) for p in c.periods]
    c.x = np.array([period_x(p) for p in c.periods], dtype=float)
    c.values = s_clean.to_numpy(dtype=float)
    c.breaks = _breaks(c.periods)
    freqs = {p.freqstr for p in c.periods}
    c.freq = freqs.pop() if len(freqs) == 1 else ""
    c.ordinals = np.array([p.ordinal for p in c.periods], dtype=np.int64)
    prec = s.attrs.get("precision", {}) or {}
    c.precision = [prec.get(lab, "exact") if isinstance(prec, Mapping) else "exact" for lab in c.labels]
    if role == "official":
        c.conflicts = _conflicts(c)
    return c


@lru_cache(maxsize=4096)
def _provenance(name: str, label: str) -> pd.DataFrame:
    return data.provenance(name, label)


def _conflicts(c: Choice) -> dict[str, list[dict]]:
    """Periods where another passage states a different value of the same series, kind and scope.

    A passage with another stated scope (say 'full range of industries' beside the
    'comparable circle') measures something else and is not a disagreement; a passage
    that states no scope might mean the same thing, so it counts. The provenance panel
    shows every passage for the period either way.
    """
    name, kind, unit = c.name, c.attrs.get("kind"), c.unit
    if not name or "ids" not in c.attrs:
        return {}
    ids = c.attrs.get("ids", {})
    out = {}
    for lab, v in zip(c.labels, c.values):
        try:
            rows = _provenance(name, lab)
        except CourseError:
            continue
        scopes = set(rows.loc[rows["id"].isin(ids.get(lab, [])), "scope"])
        diff = []
        for r in rows.itertuples(index=False):
            if r.kind != kind or pd.isna(r.value):
                continue
            if r.scope and scopes and r.scope not in scopes and "" not in scopes:
                continue
            try:
                f = conversion_factor(r.unit, unit)
            except CourseError:
                continue
            if not math.isclose(r.value * f, v, rel_tol=1e-9, abs_tol=1e-12):
                diff.append(r._asdict())
        if diff:
            out[lab] = diff
    return out


def provenance_rows(c: Choice, label: str) -> list[dict]:
    """See :func:`_provenance_rows`; memoised per choice (rows are looked up once per period)."""
    cache = c.__dict__.setdefault("_rows", {})
    if label not in cache:
        cache[label] = _provenance_rows(c, label)
    return [dict(r) for r in cache[label]]


def _provenance_rows(c: Choice, label: str) -> list[dict]:
    """The passages behind the point of ``c`` at period ``label``, plotted rows first.

    Each row is a dict: ``id, period, value, value_as_written, unit, price_basis, scope,
    kind, precision, source, source_title, quote, note, plotted`` (official figures) or
    ``dataset, citation, locator, grade, territory, value, unit, note`` (independent
    estimates). A fixture series may bring its own rows in ``attrs['rows'][label]``.
    """
    attrs = c.attrs
    own = attrs.get("rows")
    if isinstance(own, Mapping) and label in own:
        return [dict(r) for r in own[label]]
    if c.role == "independent":
        rows = _independent_rows(attrs, label)
        if rows:
            return rows
        i = c.index_of(label)
        loc = attrs.get("locator", "")
        note = attrs.get("note", "")
        return [{
            "dataset": attrs.get("dataset", ""), "citation": attrs.get("citation", ""),
            "locator": loc.get(label, "") if isinstance(loc, Mapping) else loc,
            "grade": attrs.get("grade", ""), "territory": attrs.get("territory", ""),
            "value": c.values[i] if i is not None else math.nan, "unit": c.unit, "period": label,
            "note": note.get(label, "") if isinstance(note, Mapping) else note,
            "id": ", ".join((attrs.get("ids") or {}).get(label, [])) if isinstance(attrs.get("ids"), Mapping) else "",
        }]
    if not c.name:
        return []
    try:
        df = _provenance(c.name, label)
    except CourseError:
        return []
    plotted = set((attrs.get("ids") or {}).get(label, []))
    kind = attrs.get("kind")
    scopes = set(df.loc[df["id"].isin(plotted), "scope"])
    out = []
    for r in df.to_dict("records"):
        r["plotted"] = r["id"] in plotted
        r["value_as_written"] = _figure_field(r["id"], "value_as_written")
        r["source_title"] = _source_title(r["source"])
        # the same measure: same kind, and the same stated scope (a passage without a scope may mean the same)
        r["same_kind"] = r["kind"] == kind and (not r["scope"] or not scopes or "" in scopes or r["scope"] in scopes)
        out.append(r)
    out.sort(key=lambda r: (not r["plotted"], not r["same_kind"]))
    return out


def _independent_rows(attrs: Mapping, label: str) -> list[dict]:
    """The rows of ``data/independent/estimates.csv`` behind one point, through :mod:`helpers.independent`."""
    ids = (attrs.get("ids") or {}).get(label) if isinstance(attrs.get("ids"), Mapping) else None
    if not ids:
        return []
    from helpers.data import independent

    try:
        df = independent.load_estimates()
    except CourseError:  # the data file is missing or broken: fall back to the series' own attrs
        logging.getLogger("helpers").exception("independent estimates unreadable; provenance from the series' attrs")
        return []
    keep = ["id", "period", "value", "unit", "dataset", "citation", "locator", "grade", "territory", "kind", "note"]
    return [{k: r.get(k, "") for k in keep} for r in df[df["id"].isin(ids)].to_dict("records")]


@lru_cache(maxsize=None)
def _figure_field(fid: str, column: str) -> str:
    try:
        return str(data.figure(fid).get(column, ""))
    except CourseError:
        return ""


@lru_cache(maxsize=None)
def _source_title(sid: str) -> str:
    from helpers.data.sources import source_info

    try:
        return source_info(sid).get("title", "")
    except CourseError:
        return ""


def disagreement(rows: Sequence[dict]) -> list[float] | None:
    """The distinct values (in the first row's unit) when rows of one kind disagree, else None."""
    same = [r for r in rows if r.get("same_kind", True) and not pd.isna(r.get("value", math.nan))]
    if len(same) < 2:
        return None
    unit = same[0].get("unit", "")
    vals = []
    for r in same:
        try:
            v = r["value"] * conversion_factor(r.get("unit", unit), unit)
        except CourseError:
            continue
        if not any(math.isclose(v, w, rel_tol=1e-9) for w in vals):
            vals.append(v)
    return vals if len(vals) > 1 else None


# --------------------------------------------------------------------------------------
# models: exactly what to draw
# --------------------------------------------------------------------------------------

@dataclass
class Trace:
    """One drawn series: its points (no gaps inside the arrays; ``breaks`` marks them)."""

    key: str
    label: str
    role: TraceRole
    slot: int
    periods: list[str]
    x: np.ndarray
    y: np.ndarray
    stated: np.ndarray  # the values as stated (series unit), before any index
    breaks: np.ndarray
    precision: list[str]
    conflict: np.ndarray
    unit: str = ""
    price_basis: str = ""
    period_kind: str = ""
    name: str = ""
    sources: list[str] = field(default_factory=list)
    citation: str = ""
    axis: int = 0  # small multiples: which panel
    ylabel: str = ""  # small multiples: this panel's axis label
    gaps: list[str] = field(default_factory=list)
    dashed: bool = False
    stated_unit: str = ""  # unit of ``stated`` (``unit`` is the unit of ``y`` in absolute views)

    def __post_init__(self) -> None:
        check_option("trace role", self.role, TraceRole)

    def __len__(self) -> int:
        return len(self.periods)


@dataclass
class ChartModel:
    """Everything a chart draws and its text alternative says."""

    kind: Kind
    title: str
    traces: list[Trace] = field(default_factory=list)
    ylabel: str = ""
    xlabel: str = ""
    xlim: tuple[float, float] | None = None
    xticks: list[tuple[float, str]] = field(default_factory=list)
    log: bool = False
    base: str | None = None
    source: str = ""
    notes: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    empty: str | None = None  # why nothing is drawn
    layout: Layout = ""  # bar charts: stacked / grouped
    categories: list[tuple[float, str]] = field(default_factory=list)  # bar charts: group positions
    reference: float | None = None  # a horizontal reference line (100 % of plan, index base)
    highlight: str | None = None  # period label picked in the provenance selector
    gap_marks: list[tuple[float, str]] = field(default_factory=list)  # bar charts: (position, missing years)
    period_kinds: tuple[str, ...] = ()
    #: the years the controls chose, as labels: the two ends of a range (``('1913', '1925/26')``)
    #: or each compared year of a before/after chart; read these, never re-parse ``range_text``
    years: tuple[str, ...] = ()
    range_text: str = ""

    def __post_init__(self) -> None:
        check_option("chart kind", self.kind, Kind)
        check_option("layout", self.layout, Layout)

    @property
    def visible(self) -> list[Trace]:
        return [t for t in self.traces if len(t)]

    @property
    def year_labels(self) -> tuple[str, ...]:
        """The chosen years (``years``), under the name the panels read."""
        return self.years


def _span(a: str, b: str) -> str:
    return a if a == b else f"{a}–{b}"


@lru_cache(maxsize=1024)
def _source_line_cached(ids: tuple, citations: tuple) -> str:
    return style.source_line(ids, citations)


def source_line(ids, citations=()) -> str:
    """The source line under a chart (cached: it looks up source titles)."""
    return _source_line_cached(tuple(dict.fromkeys(ids)), tuple(dict.fromkeys(c for c in citations if c)))


def _empty_model(kind: str, title: str, why: str, messages=()) -> ChartModel:
    return ChartModel(kind=kind, title=title, empty=why, messages=list(messages))


def _range_mask(c: Choice, lo: float, hi: float) -> np.ndarray:
    return (c.x >= lo - 1e-9) & (c.x <= hi + 1e-9)


def period_options(choices: Sequence[Choice]) -> list[tuple[str, float]]:
    """All period labels of the choices, ordered on the time axis (for the range slider)."""
    seen: dict[str, float] = {}
    for c in choices:
        for lab, x in zip(c.labels, c.x):
            seen.setdefault(lab, x)
    return sorted(seen.items(), key=lambda kv: kv[1])


def _x_of(options: Sequence[tuple[str, float]], label: str) -> float:
    for lab, x in options:
        if lab == label:
            return x
    raise KeyError(label)


def time_ticks(traces: Sequence[Trace], lo: float, hi: float, kinds: set[str]) -> list[tuple[float, str]]:
    """Tick positions and labels: calendar years at mid-year, economic years as ``1925/26``."""
    if not traces:
        return []
    first, last = math.floor(lo), math.ceil(hi)
    span = max(1, last - first)
    if kinds == {"economic"}:
        years = range(first, last + 1)
        step = 1 if span <= 8 else 2 if span <= 16 else 5
        ticks = [(y + 0.25, f"{y - 1}/{y % 100:02d}") for y in years]
        ticks = [t for t in ticks if lo - 0.3 <= t[0] <= hi + 0.3]
    elif kinds <= {"calendar", "economic"}:
        step = 1 if span <= 12 else 2 if span <= 24 else 5
        ticks = [(y + 0.5, str(y)) for y in range(first, last + 1) if lo - 0.6 <= y + 0.5 <= hi + 0.6]
    else:  # months, days: let the years speak
        step = 1 if span <= 12 else 2
        ticks = [(float(y), str(y)) for y in range(first, last + 1)]
    if step > 1:
        ticks = [t for i, t in enumerate(ticks) if i % step == 0]
    return ticks


def category_positions(labels_x: Sequence[tuple[str, float]]) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    """Bar positions for periods in time order: one slot each, and an extra half slot where
    years are missing, so that a gap shows as a gap. Returns (categories, gaps) where
    gaps are (position, 'missing years' text)."""
    cats, gaps_out = [], []
    pos = 0.0
    prev = None
    for lab, x in labels_x:
        if prev is not None:
            missing = _missing_between(prev, lab)
            if missing:
                pos += 0.5
                gaps_out.append(((cats[-1][0] + pos) / 2, missing))
        cats.append((pos, lab))
        pos += 1.0
        prev = lab
    return cats, gaps_out


def _to_categories(traces: Sequence[Trace], cats: Sequence[tuple[float, str]]) -> None:
    pos = {lab: x for x, lab in cats}
    for t in traces:
        t.x = np.array([pos[lab] for lab in t.periods], dtype=float)


def _missing_between(a: str, b: str) -> str:
    from helpers.data.periods import parse_period

    pa, pb = parse_period(a).to_pandas(), parse_period(b).to_pandas()
    if pa.freqstr != pb.freqstr or pb.ordinal - pa.ordinal <= 1:
        return ""
    first, last = pa + 1, pb - 1
    return period_label(first) if first == last else f"{period_label(first)}–{period_label(last)}"


def _conflict_mask(c: Choice, labels: Sequence[str]) -> np.ndarray:
    return np.array([lab in c.conflicts for lab in labels], dtype=bool)


def _trace_from(c: Choice, mask: np.ndarray, y: np.ndarray, slot: int, label: str | None = None, role: str | None = None) -> Trace:
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
        key=c.label, label=label or c.label, role=role or c.role, slot=slot, periods=labels,
        x=c.x[idx], y=y, stated=c.values[idx], breaks=breaks,
        precision=[c.precision[i] for i in idx], conflict=_conflict_mask(c, labels),
        unit=c.unit, price_basis=c.price_basis, period_kind=c.period_kind, name=c.name,
        sources=c.sources, citation=c.citation, gaps=gap_list, dashed=c.role == "independent",
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
    ref_unit, ref_basis, ref_label = None, None, None
    slots = {c.label: i for i, c in enumerate(choices)}
    for c in shown:
        mask = _range_mask(c, lo, hi)
        if not mask.any():
            messages.append(f"{c.label}: no values between {years[0]} and {years[1]}.")
            continue
        vals = c.values[mask]
        if base != ABSOLUTE:
            y = _index(vals, c, base)
            if y is None:
                messages.append(_no_base(c, base))
                continue
        else:
            if ref_unit is None:
                ref_unit, ref_basis, ref_label = c.unit, c.price_basis, c.label
                y = vals.copy()
            else:
                try:
                    f = conversion_factor(c.unit, ref_unit)
                except (UnitError, CourseError):
                    messages.append(
                        f"{c.label} is in {c.unit} and {ref_label} in {ref_unit}: they cannot share one axis. "
                        "Choose an index (e.g. 1913 = 100) or the small-multiples view."
                    )
                    continue
                if (c.price_basis or "") != (ref_basis or "") and (c.price_basis or ref_basis):
                    messages.append(
                        f"{c.label} is in {c.price_basis or 'no price basis'}, {ref_label} in {ref_basis or 'no price basis'}: "
                        "different price bases cannot share one axis of absolute values. Choose an index to compare them."
                    )
                    continue
                y = vals * f
        unit_shown = ref_unit if base == ABSOLUTE else c.unit
        if scale == "log":
            pos = y > 0
            if not pos.all():
                dropped = [lab for lab, ok in zip(np.array(c.labels)[mask], pos) if not ok]
                messages.append(f"{c.label}: a log scale cannot show zero or negative values; left out: {', '.join(dropped)}.")
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
        return _empty_model(kind, title, "Nothing to show for this choice. " + (messages[-1] if messages else ""), messages)

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
        notes.append("Dotted lines cross years for which the sources give no figure; they guide the eye and are not data.")
    if base != ABSOLUTE:
        ylabel = style.index_label(base, [style.axis_label(t.unit, t.price_basis) for t in traces])
        if len(ylabel) > 70:
            ylabel = style.index_label(base)
    else:
        ylabel = style.axis_label(ref_unit, ref_basis)
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
        kind=kind, title=title, traces=traces, ylabel=ylabel, xlabel=xlabel, xlim=xlim,
        xticks=time_ticks(traces, xlim[0] + pad, xlim[1] - pad, set(pkinds)), log=scale == "log",
        base=None if base == ABSOLUTE else base, source=src, notes=notes, messages=messages,
        reference=100.0 if base != ABSOLUTE else None, highlight=highlight, period_kinds=pkinds,
        years=tuple(years), range_text=_span(years[0], years[1]),
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
        kind="small_multiples", title=title, traces=traces, xlim=xlim,
        xticks=time_ticks(traces, xlim[0] + 0.6, xlim[1] - 0.6, set(pkinds) if len(pkinds) == 1 else {"calendar"}),
        log=kw.get("scale") == "log", base=None if base == ABSOLUTE else base, source=src, notes=notes,
        messages=list(dict.fromkeys(messages)), highlight=kw.get("highlight"), period_kinds=pkinds,
        years=tuple(kw["years"]), range_text=_span(kw["years"][0], kw["years"][1]),
        ylabel="", xlabel="",
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
        messages.append("These shares mix economic and calendar years; both are shown at their own positions on the time axis.")
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
            traces.append(Trace(
                key="__remainder__", label=remainder_label, role="remainder", slot=-1, periods=rl,
                x=np.array(rx), y=np.array(ry), stated=np.array(ry), breaks=np.zeros(len(rl), bool),
                precision=["computed"] * len(rl), conflict=np.zeros(len(rl), bool), unit="%",
            ))
        missing = [lab for lab, _ in cats_sorted if lab not in rl]
        if missing and len(traces) > 1:
            messages.append(
                "No remainder for " + ", ".join(missing) + ": not every selected share is stated there (a gap, not zero)."
            )
    notes = []
    cats, gap_marks = category_positions(cats_sorted)
    _to_categories(traces, cats)
    if gap_marks:
        notes.append("'//' on the time axis: years for which the sources give no figure (a gap, not zero).")
    if any(p not in ("exact", "computed") for t in traces for p in t.precision):
        notes.append("Hatched bars: approximate values.")
    if any(t.conflict.any() for t in traces):
        notes.append("Outlined bars: another passage states a different value (see the sources panel).")
    pkinds = tuple(dict.fromkeys(t.period_kind for t in traces if t.role == "component"))
    src = source_line([s for t in traces for s in t.sources])
    return ChartModel(
        kind="shares", title=title, traces=traces, ylabel="share, %", layout=layout,
        categories=cats, xlim=(-0.7, cats[-1][0] + 0.7), gap_marks=gap_marks,
        xticks=cats, source=src, notes=notes, messages=messages,
        highlight=highlight, period_kinds=pkinds, years=tuple(years), range_text=_span(years[0], years[1]),
        xlabel="economic years (1 October – 30 September)" if pkinds == ("economic",) else "",
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
    messages = [c.error for c in [*targets, actual] if c is not None and c.error and (c.role != "target" or c.label in variants)]
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
            traces.append(_trace_from(act, mask, act.values[mask] * conversion_factor(act.unit, unit), 6, role="actual"))
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
                key=t.key, label=f"outcome as % of {t.label}", role="fulfilment", slot=t.slot, periods=common,
                x=t.x[ti], y=y, stated=a.stated[ai], breaks=np.zeros(len(common), bool),
                precision=[a.precision[j] for j in ai], conflict=a.conflict[ai] | t.conflict[ti], unit="% of plan",
                name=a.name, sources=sorted({*a.sources, *t.sources}), period_kind=t.period_kind,
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
    notes = ["Dashed outline: plan target; filled bar: outcome as the sources state it."] if show == "values" else [
        "100 = the target was met exactly."
    ]
    if gap_marks:
        notes.append("'//' on the time axis: years for which the sources give no figure (a gap, not zero).")
    if any(p != "exact" for t in traces for p in t.precision):
        notes.append("Hatched bars: approximate values.")
    if any(t.conflict.any() for t in traces):
        notes.append("Outlined bars: another passage states a different value (see the sources panel).")
    src = source_line([s for t in traces for s in t.sources])
    return ChartModel(
        kind="plan", title=title, traces=traces, ylabel=ylabel, layout="grouped",
        categories=cats, xlim=(-0.7, cats[-1][0] + 0.7), gap_marks=gap_marks,
        xticks=cats, source=src, notes=notes, messages=messages,
        reference=reference, highlight=highlight, period_kinds=pkinds, years=tuple(years),
        range_text=_span(years[0], years[1]),
        xlabel="economic years (1 October – 30 September)" if pkinds == ("economic",) else "",
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
        vals = c.values[mask]
        if base != ABSOLUTE:
            y = _index(vals, c, base)
            if y is None:
                messages.append(_no_base(c, base))
                continue
        else:
            if ref is None:
                ref = c
                y = vals.copy()
            else:
                try:
                    y = vals * conversion_factor(c.unit, ref.unit)
                    if c.price_basis != ref.price_basis:
                        raise PriceBasisError(f"{c.price_basis or 'no price basis'} vs {ref.price_basis or 'no price basis'}")
                except CourseError as exc:
                    messages.append(
                        f"{c.label} cannot share an axis of absolute values with {ref.label} ({exc}). Choose a base year."
                    )
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
    notes = []
    if any(t.gaps for t in traces):
        notes.append("'no figure': the sources give no number for that year (a gap, not zero).")
    if any(p != "exact" for t in traces for p in t.precision):
        notes.append("Hatched bars: approximate values.")
    if any(t.conflict.any() for t in traces):
        notes.append("Outlined bars: another passage states a different value (see the sources panel).")
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
        kind="before_after", title=title, traces=traces, ylabel=ylabel, layout="grouped",
        categories=[(float(i), t.label) for i, t in enumerate(traces)], xlim=(-0.6, len(traces) - 0.4),
        xticks=[(float(i), t.label) for i, t in enumerate(traces)], base=None if base == ABSOLUTE else base,
        reference=100.0 if base != ABSOLUTE else None, source=src, notes=notes, messages=messages,
        highlight=highlight, years=tuple(years), range_text=", ".join(years),
    )
