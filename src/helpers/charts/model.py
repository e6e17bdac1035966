"""The chart kit's types: the string options (declared once), a loaded selection (:class:`Choice`),
one drawn series (:class:`Trace`) and everything a chart shows (:class:`ChartModel`); where a period
sits on a time axis and where a series has gaps.

Independent estimates follow a small protocol: any :class:`pandas.Series` with a
calendar-year :class:`~pandas.PeriodIndex` and ``attrs`` ``unit``, ``dataset``,
``citation``, ``grade`` and ``territory`` (optionally ``label``, ``locator``,
``note``, ``ids``, ``rows``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, get_args

import numpy as np
import pandas as pd

from helpers.data.periods import period_label
from helpers.errors import UnknownNameError

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


def period_breaks(periods: Sequence[pd.Period]) -> np.ndarray:
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


def gap_text(freq: str, a: int, b: int) -> str | None:
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
        text = gap_text(a.freqstr, a.ordinal, b.ordinal)
        if text:
            out.append(text)
    return out


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
