"""Sentences of a source text, as verbatim spans.

:func:`sentences` cuts a source into sentences without ever changing a character:
each sentence is a ``(start, end)`` span of the text, so that ``text[start:end]`` is
a verbatim passage (the tests check it). A sentence ends at ``.``, ``!`` or ``?``
(and any closing quotation mark) followed by a space and a capital letter, an
opening quotation mark or an opening bracket, or at a line break. Nothing inside
square brackets ends a sentence, so a citation such as
``[Stalin, Questions of Leninism, ed. 11th, p. 266.]`` stays with the sentence it
belongs to. The rule is simple and errs on the side of longer passages (the web
translation writes ``rubles. (in 1926/27 prices)`` in mid-sentence).

Used by :mod:`helpers.vocabulary` and :mod:`helpers.dating` to show the passage
behind every count.
"""

from __future__ import annotations

import re
from functools import cache

from helpers.data import sources

__all__ = ["sentences", "sentence_at", "passages"]

_CLOSERS = "\"'”»)"
_OPENERS = '"“«[('


def _spans(text: str) -> list[tuple[int, int]]:
    out, start, depth, i, n = [], 0, 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "\n":
            if text[start:i].strip():
                out.append((start, i))
            start, depth = i + 1, 0
        elif ch in ".!?" and depth == 0:
            j = i + 1
            while j < n and text[j] in _CLOSERS:
                j += 1
            k = j
            while k < n and text[k] == " ":
                k += 1
            if k > j and k < n and (text[k].isupper() or text[k] in _OPENERS):
                out.append((start, j))
                start, i = k, k
                continue
        i += 1
    if text[start:].strip():
        out.append((start, n))
    # trim surrounding spaces, keep the span verbatim
    trimmed = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


@cache
def sentences(source_id: str) -> tuple[tuple[int, int], ...]:
    """The sentences of a source as ``(start, end)`` character spans of its text."""
    return tuple(_spans(sources.source_text(source_id)))


def sentence_at(source_id: str, offset: int) -> str:
    """The sentence (verbatim) that contains character ``offset`` of the source."""
    text = sources.source_text(source_id)
    for a, b in sentences(source_id):
        if a <= offset < b:
            return text[a:b]
    return ""


def passages(source_id: str, pattern: re.Pattern) -> list[tuple[int, str, str]]:
    """Every match of ``pattern`` in the source: ``(offset, matched text, sentence)``."""
    text = sources.source_text(source_id)
    return [(m.start(), m.group(0), sentence_at(source_id, m.start())) for m in pattern.finditer(text)]
