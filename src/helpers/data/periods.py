"""Periods as the sources write them, and what stretch of time each covers.

The sources mix several ways of dating a number:

========================  =======================================  ==================
form                      example                                  kind
========================  =======================================  ==================
calendar year             ``1913``                                 ``calendar_year``
economic year             ``1925/26`` (1 Oct 1925 – 30 Sep 1926)   ``economic_year``
span of calendar years    ``1921-1925``                            ``calendar_span``
span of economic years    ``1928/29-1932/33``                      ``economic_span``
span from one to another  ``1928/29-1932`` (the plan's 4 1/4 years) ``mixed_span``
a day                     ``October 1, 1925`` or ``9 August 1921``  ``date``
a month                   ``May 1922``                             ``month``
part of a year            ``end of 1929``, ``early 1923``,          ``part_of_year``
                          ``autumn 1921``
no date in the source     ``undated``                              ``undated``
========================  =======================================  ==================

:func:`parse_period` turns any of these into a :class:`Period` with ISO start
and end dates and, for years, days and months, a :class:`pandas.Period`
(economic years use the ``Y-SEP`` frequency, calendar years ``Y-DEC``).
Anything else, such as ``1925/27`` or ``19250``, is refused with a message
that lists the accepted forms.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from helpers.errors import PeriodError

FIRST_YEAR, LAST_YEAR = 1850, 1950  # the course's sources speak of 1870–1937

ACCEPTED_FORMS = (
    "'1913' (calendar year)",
    "'1925/26' (economic year, 1 October 1925 – 30 September 1926)",
    "'1921-1925' (span of calendar years)",
    "'1928/29-1932/33' (span of economic years)",
    "'1928/29-1932' (span from an economic to a calendar year)",
    "'October 1, 1925' or '1 October 1925' (a day)",
    "'May 1922' (a month)",
    "'end of 1929', 'early 1923', 'beginning of 1923', 'middle of 1925', 'autumn 1921' (part of a year)",
    "'undated' (the source gives no date; start and end stay empty)",
)

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
PARTS = {  # part of a year -> (first month, last month)
    "early": (1, 3),
    "beginning of": (1, 3),
    "start of": (1, 3),
    "middle of": (5, 8),
    "mid": (5, 8),
    "end of": (10, 12),
    "late": (10, 12),
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
}

ECONOMIC_FREQ = "Y-SEP"
CALENDAR_FREQ = "Y-DEC"

_YEAR = r"(\d{4})"
_ECON = r"(\d{4})\s*/\s*(\d{2})"


@dataclass(frozen=True)
class Period:
    """A period of time named by a source.

    ``text`` is the period as written; ``kind`` one of the kinds in the module
    docstring; ``start`` and ``end`` are the first and last day it covers.
    """

    text: str
    kind: str
    start: dt.date | None
    end: dt.date | None

    @property
    def is_year(self) -> bool:
        return self.kind in ("calendar_year", "economic_year")

    def to_pandas(self) -> pd.Period:
        """The period as a :class:`pandas.Period`.

        Economic years become ``Y-SEP`` periods, calendar years ``Y-DEC``,
        days ``D`` and months ``M``. Spans and parts of a year have no exact
        pandas equivalent and raise :class:`PeriodError`.
        """
        if self.kind == "economic_year":
            return pd.Period(year=self.end.year, freq=ECONOMIC_FREQ)
        if self.kind == "calendar_year":
            return pd.Period(year=self.start.year, freq=CALENDAR_FREQ)
        if self.kind == "date":
            return pd.Period(self.start, freq="D")
        if self.kind == "month":
            return pd.Period(self.start, freq="M")
        raise PeriodError(
            f"Period {self.text!r} is a {self.kind.replace('_', ' ')}; only years, months and days "
            "have a pandas Period. Use .start and .end for its ISO dates."
        )

    @property
    def midpoint(self) -> dt.date | None:
        if self.start is None or self.end is None:
            return None
        return self.start + (self.end - self.start) / 2

    def iso(self) -> tuple[str, str]:
        """ISO start and end dates (empty strings for an undated figure)."""
        return (self.start.isoformat() if self.start else "", self.end.isoformat() if self.end else "")

    def __str__(self) -> str:
        return self.text


def _bad(text: object, why: str) -> PeriodError:
    forms = "; ".join(ACCEPTED_FORMS)
    return PeriodError(f"Malformed period {text!r}: {why}. Accepted forms: {forms}.")


def _check_year(text: object, year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _bad(text, f"year {year} is outside {FIRST_YEAR}–{LAST_YEAR}")
    return year


def _economic(text: object, first: str, second: str) -> tuple[dt.date, dt.date]:
    y = _check_year(text, int(first))
    if int(second) != (y + 1) % 100:
        raise _bad(
            text,
            f"an economic year runs from 1 October to 30 September of the next year, so "
            f"{first}/ must be followed by {(y + 1) % 100:02d}, not {second}",
        )
    return dt.date(y, 10, 1), dt.date(y + 1, 9, 30)


def _calendar(text: object, year: str) -> tuple[dt.date, dt.date]:
    y = _check_year(text, int(year))
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _year_bounds(text: object, part: str) -> tuple[str, dt.date, dt.date]:
    """A single calendar or economic year -> (kind, start, end)."""
    if m := re.fullmatch(_ECON, part):
        return ("economic_year", *_economic(text, m[1], m[2]))
    if m := re.fullmatch(_YEAR, part):
        return ("calendar_year", *_calendar(text, m[1]))
    raise _bad(text, f"{part!r} is neither a calendar year like 1913 nor an economic year like 1925/26")


def _as_year(text, s: str) -> Period | None:
    """A single calendar or economic year: '1913', '1925/26'."""
    if re.fullmatch(r"\d+", s) and len(s) != 4:
        raise _bad(text, "a year has four digits")
    if re.fullmatch(_YEAR, s) or re.fullmatch(_ECON, s):
        kind, start, end = _year_bounds(text, s)
        return Period(s, kind, start, end)
    if re.fullmatch(r"\d{4}\s*/\s*\d+", s):
        raise _bad(text, "an economic year is written with two digits after the slash, like 1925/26")
    return None


def _as_span(text, s: str) -> Period | None:
    """A span of years: '1921-1925', '1928/29-1932/33', '1928/29-1932'."""
    if m := re.fullmatch(r"(\d{4}(?:\s*/\s*\d{2})?)\s*[-–]\s*(\d{4}(?:\s*/\s*\d{2})?)", s):
        k1, start, _ = _year_bounds(text, m[1])
        k2, _, end = _year_bounds(text, m[2])
        if end <= start:
            raise _bad(text, "a span must end after it starts")
        kind = {("calendar_year",) * 2: "calendar_span", ("economic_year",) * 2: "economic_span"}.get(
            (k1, k2), "mixed_span"
        )
        return Period(s, kind, start, end)
    if re.fullmatch(r"\d{4}\s*-\s*\d{2}", s):
        raise _bad(text, "write an economic year with a slash (1925/26) and a span with two full years (1921-1925)")
    return None


def _as_day(text, s: str) -> Period | None:
    """A day: 'October 1, 1925' or '1 October 1925'."""
    m = re.fullmatch(r"([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})", s) or None
    day_first = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+),?\s+(\d{4})", s)
    if not (m or day_first):
        return None
    month_name, day, year = (m[1], m[2], m[3]) if m else (day_first[2], day_first[1], day_first[3])
    if month_name.lower() not in MONTHS:
        raise _bad(text, f"{month_name!r} is not a month name")
    try:
        d = dt.date(_check_year(text, int(year)), MONTHS[month_name.lower()], int(day))
    except ValueError as exc:
        raise _bad(text, str(exc)) from None
    return Period(s, "date", d, d)


def _as_month(text, s: str) -> Period | None:
    """A month: 'May 1922' ('autumn 1921' is left to :func:`_as_part_of_year`)."""
    m = re.fullmatch(r"([A-Za-z]+)\s+(\d{4})", s)
    if not m or m[1].lower() in PARTS:
        return None
    name = m[1].lower()
    if name not in MONTHS:
        raise _bad(text, f"{m[1]!r} is not a month or a part of the year")
    y, mo = _check_year(text, int(m[2])), MONTHS[name]
    return Period(s, "month", dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1]))


def _as_part_of_year(text, s: str) -> Period | None:
    """Part of a year: 'end of 1929', 'early 1923', 'autumn 1921', 'end of 1925/26' (months of an economic
    year counted from October)."""
    low = s.lower()
    for part, (m1, m2) in PARTS.items():
        if m := re.fullmatch(re.escape(part) + r"[\s-]+(\d{4}(?:\s*/\s*\d{2})?)", low):
            kind, start, end = _year_bounds(text, m[1])
            if kind == "economic_year":  # months counted within the economic year (Oct = 1)
                months = [start.month + i for i in range(12)]
                first = dt.date(start.year + (months[m1 - 1] - 1) // 12, (months[m1 - 1] - 1) % 12 + 1, 1)
                last_m = months[m2 - 1]
                ly, lm = start.year + (last_m - 1) // 12, (last_m - 1) % 12 + 1
            else:
                first, ly, lm = dt.date(start.year, m1, 1), start.year, m2
            last = dt.date(ly, lm, calendar.monthrange(ly, lm)[1])
            return Period(s, "part_of_year", first, last)
    return None


#: the forms of a period, tried in this order (each returns None if the text is not of its form)
_FORMS = (_as_year, _as_span, _as_day, _as_month, _as_part_of_year)


def parse_period(text: str | Period) -> Period:
    """Parse a period as the sources write it (see the module docstring).

    >>> parse_period("1925/26").start.isoformat()
    '1925-10-01'
    >>> parse_period("1925/27")
    Traceback (most recent call last):
    ...
    helpers.errors.PeriodError: Malformed period '1925/27': ...
    """
    if isinstance(text, Period):
        return text
    if not isinstance(text, str):
        raise _bad(text, f"expected text, got {type(text).__name__}")
    s = re.sub(r"\s*/\s*", "/", " ".join(text.strip().split()))
    if not s:
        raise _bad(text, "it is empty")
    if s.lower() == "undated":
        return Period("undated", "undated", None, None)
    for form in _FORMS:
        period = form(text, s)
        if period is not None:
            return period
    raise _bad(text, "it matches none of the accepted forms")


def economic_year_label(period: pd.Period) -> str:
    """``Period('1926', 'Y-SEP')`` -> ``'1925/26'``; calendar years -> ``'1926'``; days ->
    ``'October 1, 1925'``; months -> ``'October 1925'`` (labels :func:`parse_period` reads back)."""
    if period.freqstr == ECONOMIC_FREQ:
        return f"{period.year - 1}/{period.year % 100:02d}"
    if period.freqstr == CALENDAR_FREQ:
        return str(period.year)
    if period.freqstr == "D":  # the form the sources use: 'October 1, 1925'
        return f"{calendar.month_name[period.month]} {period.day}, {period.year}"
    if period.freqstr == "M":
        return f"{calendar.month_name[period.month]} {period.year}"
    return str(period)


def period_label(period: pd.Period | Period | str) -> str:
    """The label the course uses on axes and in tables for any period."""
    if isinstance(period, str):
        return parse_period(period).text
    if isinstance(period, Period):
        return period.text
    return economic_year_label(period)


def parse_duration(text: str) -> Fraction:
    """A duration such as ``'4 1/4 years'`` or ``'five years'`` -> years as a Fraction."""
    from helpers.data.numbers import CARDINALS as words

    s = " ".join(str(text).strip().lower().split())
    m = re.fullmatch(r"(\d+|" + "|".join(words) + r")(?:\s+(\d+)\s*/\s*(\d+))?\s+years?", s)
    if not m:
        raise PeriodError(f"Malformed duration {text!r}. Accepted forms: '4 1/4 years', '5 years', 'five years'.")
    whole = Fraction(words.get(m[1]) or int(m[1]))
    if m[2]:
        if int(m[3]) == 0 or int(m[2]) >= int(m[3]):
            raise PeriodError(f"Malformed duration {text!r}: the fraction must be a proper fraction like 1/4.")
        whole += Fraction(int(m[2]), int(m[3]))
    return whole
