"""The one small expression language of the course's YAML files, and its evaluator.

Two kinds of entry state a computation over the data, so that the tests can recompute it whenever a figure
is corrected: an exercise's ``computed:`` (``data/exercises/*.yml``: what the answer key must agree with) and
a stated number's ``compute:`` (``data/stated_numbers.yml``: a number the prose states). Both are one Python
expression over this vocabulary, and nothing else:

* ``figure("su_rec-060")`` — the value of a row of ``data/figures.csv``, by id;
* ``estimate("mitchell_pig_iron_1925")`` — the value of a row of ``data/independent/estimates.csv``;
* ``fields("su_rec-161")`` — every field of a figure's row (``fields("su_rec-161")["value_high"]``);
* ``series(name, …)``, ``labelled(series)`` — :func:`helpers.data.series` and :func:`helpers.data.labelled`;
* ``convert(value, "million poods", "million tons")`` — :func:`helpers.data.units.convert`;
* the modules ``data``, ``independent``, ``periods``, ``units``, ``numbers``, ``claims``, ``disagreements``,
  ``crosscheck`` (``claims.check()``);
* ``abs round min max sum len int float range``, arithmetic (``+ - * / **``), comparisons, ``[ ]``, calls,
  f-strings and ``sum(figure(f"su_ind-{n:03d}") for n in range(51, 56))``.

No imports, no assignments, no names starting with ``_``. :func:`evaluate` refuses anything else with an
:class:`ExpressionError` saying what is allowed.
"""

from __future__ import annotations

import ast
import math

from helpers.data import independent, numbers, periods, units
from helpers.data import statements as data
from helpers.errors import CourseError
from helpers.evidence import claims, crosscheck, disagreements

__all__ = ["ExpressionError", "NAMES", "evaluate", "figure", "estimate"]


class ExpressionError(CourseError):
    """An expression of a YAML file that the evaluator refuses or cannot compute; the message says why."""


def figure(figure_id: str) -> float:
    """The value of a row of ``data/figures.csv``, by id (``figure("su_rec-060")`` is 2107.0)."""
    value = data.figure(figure_id)["value"]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ExpressionError(f"figure {figure_id!r} has no value (a lost cell or a statement without a number)")
    return float(value)


def estimate(estimate_id: str) -> float:
    """The value of a row of ``data/independent/estimates.csv``, by id."""
    df = independent.load_estimates()
    hit = df[df["id"] == estimate_id]
    if hit.empty:
        close = [i for i in df["id"] if estimate_id.rsplit("_", 1)[0] in i][:5]
        raise ExpressionError(
            f"no independent estimate with id {estimate_id!r}" + (f"; similar ids: {close}" if close else "")
        )
    return float(hit["value"].iloc[0])


#: every name an expression may use
NAMES = {
    "figure": figure,
    "estimate": estimate,
    "fields": data.figure,
    "series": data.series,
    "labelled": data.labelled,
    "convert": units.convert,
    "data": data,
    "independent": independent,
    "periods": periods,
    "units": units,
    "numbers": numbers,
    "claims": claims,
    "disagreements": disagreements,
    "crosscheck": crosscheck,
    "abs": abs,
    "round": round,
    "min": min,
    "max": max,
    "sum": sum,
    "len": len,
    "int": int,
    "float": float,
    "range": range,
}

#: names of an earlier dialect, with what to write instead
RENAMED = {"fig": "figure", "est": "estimate"}

_ALLOWED = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Call,
    ast.Name,
    ast.Load,
    ast.Store,
    ast.Constant,
    ast.Attribute,
    ast.Subscript,
    ast.Slice,
    ast.Tuple,
    ast.List,
    ast.keyword,
    ast.Compare,
    ast.GeneratorExp,
    ast.ListComp,
    ast.comprehension,
    ast.JoinedStr,
    ast.FormattedValue,
    ast.operator,
    ast.unaryop,
    ast.cmpop,
)


def _check(tree: ast.Expression, expression: str) -> None:
    comprehensions = [node for node in ast.walk(tree) if isinstance(node, ast.comprehension)]
    bound = {n.id for c in comprehensions for n in ast.walk(c.target) if isinstance(n, ast.Name)}
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise ExpressionError(
                f"{type(node).__name__} is not allowed in {expression!r}: use arithmetic, comparisons, calls, "
                f"[ ], f-strings and generator expressions over the names {', '.join(sorted(NAMES))}."
            )
        if isinstance(node, ast.Name) and node.id not in NAMES and node.id not in bound:
            if node.id in RENAMED:
                raise ExpressionError(f"{node.id}() is now called {RENAMED[node.id]}(): in {expression!r}.")
            raise ExpressionError(f"unknown name {node.id!r} in {expression!r}; allowed: {', '.join(sorted(NAMES))}.")
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            raise ExpressionError(f"the private name {node.attr!r} is not allowed in {expression!r}.")


def evaluate(expression: str):
    """The value of one expression of the course's YAML files (see the module docstring)."""
    if not isinstance(expression, str) or not expression.strip():
        raise ExpressionError(f"an expression must be non-empty text, got {expression!r}.")
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"not a Python expression: {expression!r} ({exc.msg}).") from None
    _check(tree, expression)
    # the names are globals, so that a generator expression (its own scope) sees them too
    return eval(compile(tree, "<expression>", "eval"), {"__builtins__": {}, **NAMES})  # noqa: S307 - checked above
