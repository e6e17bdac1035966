"""Reading numbers as the sources write them.

The web translations write numbers in many ways: ``8,090``, ``61,035,300``,
``2 1 / 2``, ``5 1/2``, ``3, 62`` (a decimal comma with a stray space),
``164 .7``, and in words: ``twice``, ``almost seven times``, ``about half``.
:func:`parse_stated_number` turns such a phrase into the number it states;
the data tests use it to prove that each row's value is what its quote says.
"""

from __future__ import annotations

import re
from fractions import Fraction

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "sixteen": 16, "hundred": 100, "a million": 1, "a billion": 1,
    "twice": 2, "double": 2, "doubled": 2, "triple": 3, "tripled": 3, "half": 0.5,
    "halved": 2,  # 'more than halved' = fell more than two times
    # Ukrainian
    "половину": 0.5, "половина": 0.5, "три": 3, "два": 2, "дві": 2,
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
    for word in re.findall(r"[^\W\d_]+", s):
        if word in WORD_NUMBERS:
            return float(WORD_NUMBERS[word])
    return None
