"""Numbers as the sources write them, as students type them, and as the course prints them.

The one module for a number's text and precision, used by the data tests, the chart kit, the
evidence methods and the exercises alike:

* :func:`parse_stated_number` – the number a source's phrase states. The web translations write
  numbers in many ways: ``8,090``, ``61,035,300``, ``2 1 / 2``, ``5 1/2``, ``3, 62`` (a decimal
  comma with a stray space), ``164 .7``, and in words: ``twice``, ``almost seven times``,
  ``one and a half times``, ``about half``;
* :func:`parse_number` – a number a student types (``127,6``, ``1 535,5``, ``1,535,000``, ``45 %``);
* :func:`quantum` and :func:`interval` – the precision a written number carries, and the values it
  is consistent with (with the band :data:`BAND` of "about" and "almost");
* :func:`format_number` and :func:`format_value` – a number for a label or a sentence.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "CARDINALS",
    "WORD_NUMBERS",
    "PHRASES",
    "BAND",
    "PRECISION_WORDS",
    "POINT_PRECISIONS",
    "parse_stated_number",
    "parse_number",
    "quantum",
    "interval",
    "is_verbal_multiple",
    "overlap",
    "value_interval",
    "format_number",
    "format_value",
]

#: whole numbers written as words (also read by :func:`helpers.data.periods.parse_duration`)
CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "sixteen": 16, "twenty": 20,
}  # fmt: skip

WORD_NUMBERS = {
    **CARDINALS,
    "hundred": 100,
    "twice": 2,
    "double": 2,
    "doubled": 2,
    "triple": 3,
    "tripled": 3,
    "half": 0.5,
    "halved": 2,  # 'more than halved' = fell more than two times
    # Ukrainian
    "половину": 0.5,
    "половина": 0.5,
    "три": 3,
    "два": 2,
    "дві": 2,
}

#: phrases that state a number without a numeral (checked before single words)
PHRASES = {
    "not manufactured": 0.0,  # a table cell: nothing was produced
    "pre-war level": 100.0,  # 'reached the pre-war level' = 100% of pre-war
    "a hundred": 100.0,
    "a million": 1.0,
    "a billion": 1.0,
}

_QUALIFIERS = (
    r"almost|nearly|about|around|approximately|roughly|over|more than|less than|at least|"
    r"already|only|just|some|by|up to|approaching|приблизно|майже|понад|близько"
)


def _digits(token: str) -> float | None:
    t = token.strip()
    # mixed fraction: '2 1 / 2', '5 1/2', '4 1/4'
    if m := re.fullmatch(r"(\d+)\s+(\d+)\s*/\s*(\d+)", t):
        return float(int(m[1]) + Fraction(int(m[2]), int(m[3])))
    # thousands separators: '8,090', '61,035,300'
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", t):
        return float(t.replace(",", ""))
    # decimal comma or point with stray spaces: '3, 62', '164 .7', '0,4'
    if m := re.fullmatch(r"(\d+)\s*[.,]\s*(\d+)", t):
        return float(f"{m[1]}.{m[2]}")
    if re.fullmatch(r"\d+", t):
        return float(t)
    return None


def parse_stated_number(text: str) -> float | None:
    """The number a phrase states, or ``None`` if it states none.

    >>> parse_stated_number("2 1 / 2")
    2.5
    >>> parse_stated_number("almost seven times")
    7.0
    >>> parse_stated_number("3, 62")
    3.62
    """
    s = " ".join(str(text).replace("\u00a0", " ").split()).strip().lower()
    s = s.replace("%", "").strip().strip("()[]").strip()
    s = re.sub(rf"^(?:{_QUALIFIERS})\s+", "", s)
    for phrase, value in PHRASES.items():
        if phrase in s:
            return value
    s = re.sub(r"\s+(?:times?|fold|percent|per cent|thousand|million|billion|тис\.?|разів|рази)\b.*$", "", s)
    s = s.strip()
    if (v := _digits(s)) is not None:
        return v
    # leading number followed by words: '5,200 enterprises' / '1.3 million tons'
    if m := re.match(r"(\d+(?:\s+\d+\s*/\s*\d+)?|\d{1,3}(?:,\d{3})+|\d+\s*[.,]\s*\d+)\b", s):
        return _digits(m[1])
    if m := re.fullmatch(r"(\w+)fold", s):
        s = m[1]
    # 'one and a half times', 'two and a half': the whole number and its half, not the first word
    if (m := re.search(r"\b([^\W\d_]+) and a half\b", s)) and m[1] in WORD_NUMBERS:
        return float(WORD_NUMBERS[m[1]]) + 0.5
    for word in re.findall(r"[^\W\d_]+", s):
        if word in WORD_NUMBERS:
            return float(WORD_NUMBERS[word])
    return None


# --------------------------------------------------------------------------------------
# a number a student types
# --------------------------------------------------------------------------------------

_TYPED = re.compile(r"^[+-]?(\d+(?:[ ,.]\d{3})*(?:[.,]\d+)?|\d*[.,]\d+)$")


def parse_number(text: object) -> float | None:
    """A student's typed number, or ``None`` if it cannot be read.

    English and European writing are both understood: ``'127.6'``, ``'127,6'``, ``'1,535,000'``,
    ``'1 535 000'``, ``'1 535,5'`` (space groups, comma is decimal), ``'1.535.000,5'`` (dots
    group, comma is decimal), ``'45 %'``, ``'-3'``. A comma followed by exactly three digits after
    one to three digits (``'1,535'``) groups thousands, as in the sources' English.

    >>> parse_number("1 535,5")
    1535.5
    """
    s = str(text).strip().replace("\u00a0", " ").replace("\u202f", " ").rstrip("%").strip()
    if not s or not _TYPED.match(s):
        return None
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", s):  # 1,535,000.5: commas group thousands
        s = s.replace(",", "")
    elif re.fullmatch(r"[+-]?\d{1,3}( \d{3})+([.,]\d+)?", s):  # 1 535 000,5: spaces group
        s = s.replace(" ", "").replace(",", ".")
    elif re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+,\d+|[+-]?\d{1,3}(\.\d{3}){2,}", s):  # 1.535.000,5: dots group
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"[+-]?\d*,\d+", s):  # 127,6 or ,5: a decimal comma
        s = s.replace(",", ".")
    try:
        v = float(s)
    except ValueError:  # a mixture the rules above do not read ('1 53,5', '12,345,6')
        return None
    return v if math.isfinite(v) else None


# --------------------------------------------------------------------------------------
# the precision of a written number
# --------------------------------------------------------------------------------------

#: relative width of the bands of "about" (±BAND), "almost" (BAND below up to the number)
BAND = 0.10

_FRACTION = re.compile(r"(\d+)\s+(\d+)\s*/\s*(\d+)")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?![\d.])")
_DECIMAL = re.compile(r"(\d+)\s*[.,]\s*(\d+)")


def quantum(written: str) -> float:
    """One unit of the last digit of a number as the source writes it.

    ``'1.3 million'`` -> 0.1, ``'3, 62'`` -> 0.01, ``'8,090'`` -> 1, ``'2 1 / 2'`` -> 0.5,
    ``'almost seven times'`` -> 1. The number stands for an interval of plus or minus half
    a quantum (``'1.3'`` means something from 1.25 to 1.35).
    """
    s = str(written or "")
    if m := _FRACTION.search(s):
        return 1.0 / int(m[3])
    s = _THOUSANDS.sub("0", s)  # '61,035,300' is an integer
    if m := _DECIMAL.search(s):
        return 10.0 ** -len(m[2])
    return 1.0


#: a multiple written in words or as a whole number of times: "doubled", "twice", "two times", "5 times"
_VERBAL_MULTIPLE = re.compile(r"\b(times?|fold|double[ds]?|twice|triple[ds]?|halved)\b|(?<!\d)\d+fold\b", re.IGNORECASE)


def is_verbal_multiple(written: str) -> bool:
    """True for a multiple stated in words or in whole times ("doubled", "two times less", "5 times"):
    rounding it to the nearest whole number would allow a band far wider than "about"."""
    return bool(_VERBAL_MULTIPLE.search(str(written or "")))


def interval(value: float, written: str, precision: str = "exact") -> tuple[float, float]:
    """The values a stated number is consistent with.

    ``exact``: plus or minus half a unit of its last digit (``'1.3'`` covers 1.25–1.35); a multiple
    in words or whole times ("doubled", "two times", "5 times") never more than ± :data:`BAND`, the
    band of "about" (so "two times" is 1.8–2.2, not 1.5–2.5). A qualifier replaces that rounding
    with its own band: ``approx`` ("about X"): X ± :data:`BAND` (10%), or the unqualified band if that
    is wider ("about" never makes a claim stricter than the same words without it); ``almost``: from
    (1 − BAND) × X up to X; ``over`` ("more than X"): X and above; ``under`` ("less than X"): X and below.
    """
    if precision == "almost":
        return (value * (1 - BAND), value)
    if precision == "over":
        return (value, math.inf)
    if precision == "under":
        return (-math.inf, value)
    h = quantum(written) / 2
    lo, hi = value - h, value + h
    if is_verbal_multiple(written) and value > 0:
        lo, hi = max(lo, value * (1 - BAND)), min(hi, value * (1 + BAND))
    if precision == "approx":
        return (min(lo, value * (1 - BAND)), max(hi, value * (1 + BAND)))
    return (lo, hi)


# --------------------------------------------------------------------------------------
# printing a number
# --------------------------------------------------------------------------------------

#: how the text alternative and legends speak about a value's precision
PRECISION_WORDS = {"exact": "", "approx": "about", "almost": "almost", "over": "over", "under": "under"}

#: the precisions of a value that is a point, not a range: stated exactly, or computed from such values
POINT_PRECISIONS = ("exact", "computed")


def overlap(a: tuple[float, float], b: tuple[float, float], eps: float = 1e-9) -> bool:
    """True if two closed intervals share at least one value."""
    return a[0] <= b[1] + eps and b[0] <= a[1] + eps


def value_interval(value: float, written: str, precision: str = "exact") -> tuple[float, float]:
    """Like :func:`interval`, but bounded, so that it can enter arithmetic ("over X" as a level
    is X up to 10 X; "under X" is 0 up to X)."""
    lo, hi = interval(value, written, precision)
    if not math.isfinite(hi):
        hi = value * 10
    if not math.isfinite(lo):
        lo = 0.0
    return lo, hi


def format_number(value: float, decimals: int | None = None) -> str:
    """A number for a label or a sentence: ``8090 -> '8,090'``, ``3.62 -> '3.62'``.

    With ``decimals=None`` the value is shown as stated: whole numbers in full with thousands
    separators, others to 6 significant digits (4 below one; never fewer than the whole part
    and one decimal: ``1234567.8 -> '1,234,567.8'``), no trailing zeros and never in scientific
    notation (``0.00001 -> '0.00001'``). With ``decimals`` it is rounded to that many places;
    a value that rounds to zero is shown without a minus sign. A missing value is ``'–'``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    v = float(value)
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if decimals is not None:
        text = f"{v:,.{decimals}f}"
        return text.lstrip("-") if set(text) <= set("-0.,") else text
    if v == int(v):
        return f"{int(v):,}"
    digits = max(6, len(str(int(abs(v)))) + 1) if abs(v) >= 1 else 4
    text = format(Decimal(f"{v:.{digits}g}"), ",f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_value(value: float, unit: str = "", precision: str = "exact", decimals: int | None = None) -> str:
    """``'about 1.5 billion rubles'``; ``'%'`` sticks to the number."""
    word = PRECISION_WORDS.get(precision, "")
    num = format_number(value, decimals)
    if num == "–":
        return "no figure"
    if unit in ("%", "% "):
        text = f"{num}%"
    elif unit:
        text = f"{num} {unit}"
    else:
        text = num
    return f"{word} {text}".strip()
