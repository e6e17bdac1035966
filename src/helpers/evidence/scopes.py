"""What a stated number covers, and when two rows are one statement.

A row's ``scope`` names what its number covers: a coverage of industry (or of the economy) as a
whole — "large-scale industry", "census industry", the comparable circle of 1913 — or a part of
it (a branch, a trust, a region). :func:`scope_relation` says how two scopes stand to each other;
the evidence modules compare numbers only where it allows. :func:`statement_key` says when two rows
are the same number repeated in one chapter.
"""

from __future__ import annotations

__all__ = ["COVERAGE_SCOPES", "COMPARABLE_CIRCLE", "statement_key", "scope_relation", "mixes_coverages"]

#: scopes that name a coverage of industry (or of the economy) as a whole, rather than a
#: part of it. Two such coverages of one total are compared; a branch, trust or region is not.
COVERAGE_SCOPES = frozenset(
    {
        "industry",
        "all industry",
        "large-scale industry",
        "census industry",
        "factory industry",
        "state industry",
        "planned industry",
        "full range of industries",
        "USSR",
    }
)
#: any scope starting with this names the comparable circle of 1913 (a coverage of the whole)
COMPARABLE_CIRCLE = "comparable circle"


def statement_key(r) -> tuple:
    """What makes two rows one statement: a number repeated in the same chapter counts once."""
    return (r.source, r.value, r.unit, r.scope, r.price_basis, r.precision)


def _scope_kind(scope: str) -> str:
    if not scope:
        return "unstated"
    if scope in COVERAGE_SCOPES or scope.lower().startswith(COMPARABLE_CIRCLE):
        return "coverage"
    return "part"


def scope_relation(a: str, b: str) -> str:
    """``'same'``, ``'one unstated'``, ``'different coverage'`` or ``'different part'``."""
    if a == b:
        return "same"
    if not a or not b:
        return "one unstated"
    if _scope_kind(a) == "coverage" and _scope_kind(b) == "coverage":
        return "different coverage"
    return "different part"


def mixes_coverages(scopes) -> bool:
    """True if a route's steps state two different coverages (the comparable circle and the full range
    of industries; or "large-scale industry" without a circle and a named circle): the route joins
    figures that may not measure the same thing. Steps that state no coverage mix nothing."""
    named = sorted({x for x in scopes if x})
    return any(scope_relation(a, b) != "same" for i, a in enumerate(named) for b in named[i + 1 :])
