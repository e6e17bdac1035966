"""Helpers for the course "From NEP to the Plan: Soviet industry 1921–1932".

The package follows the data flow, one layer a folder (map: ``docs/architecture.md``):

* :mod:`helpers.data` – what the sources say: sources, statements (figures), periods, units,
  numbers, independent estimates;
* :mod:`helpers.charts` – how a selection becomes a picture: style, chart models, drawing, rendering,
  text alternatives;
* :mod:`helpers.evidence` – weighing the evidence (pure analysis): disagreements, claims, cross-checks,
  readings, vocabulary, dating;
* :mod:`helpers.teaching` – what exercises and quotations rely on: answer keys, declarations, quotes;
* :mod:`helpers.ui` – everything a student operates: the view base, chart panels, explorers, exercises,
  bilingual excerpts and timelines. The UI imports the layers above; they never import it.

Notebooks use a flat facade that does not change when modules move::

    from helpers import data, sources, widgets, exercises as ex

``import helpers`` loads only the data layer; the others are imported when first named.
The table :data:`FACADE` maps each flat name to its module. Flat names are attributes, not modules:
write ``from helpers import widgets``, or import the real module (``helpers.ui.widgets``).
"""

from __future__ import annotations

import importlib
import logging
from importlib.metadata import PackageNotFoundError, version

#: Flat names of the public facade → the module that implements each.
FACADE: dict[str, str] = {
    "data": "helpers.data",
    "sources": "helpers.data.sources",
    "periods": "helpers.data.periods",
    "units": "helpers.data.units",
    "numbers": "helpers.data.numbers",
    "independent": "helpers.data.independent",
    "paths": "helpers.data.paths",
    "style": "helpers.charts.style",
    "textalt": "helpers.charts.textalt",
    "widgets": "helpers.ui.widgets",
    "disagreements": "helpers.evidence.disagreements",
    "claims": "helpers.evidence.claims",
    "crosscheck": "helpers.evidence.crosscheck",
    "vocabulary": "helpers.evidence.vocabulary",
    "dating": "helpers.evidence.dating",
    "textspans": "helpers.evidence.textspans",
    "explorers": "helpers.ui.explorers",
    "readings": "helpers.evidence.readings",
    "chains": "helpers.evidence.chains",
    "rates": "helpers.evidence.rates",
    "parts": "helpers.evidence.parts",
    "coverage": "helpers.evidence.coverage",
    "findings": "helpers.evidence.findings",
    "overview": "helpers.evidence.overview",
    "tallies": "helpers.evidence.tallies",
    "across": "helpers.evidence.across",
    "exercises": "helpers.ui.exercises",
    "bilingual": "helpers.ui.bilingual",
    "quotes": "helpers.teaching.quotes",
    "timeline": "helpers.ui.bilingual",
}

#: Flat names of single functions a notebook calls directly: ``from helpers import quote``.
FUNCTIONS: dict[str, tuple[str, str]] = {
    "quote": ("helpers.teaching.quotes", "quote"),
    "clear_caches": ("helpers.caches", "clear_caches"),
}


def __getattr__(name: str):
    if name in FACADE:
        module = importlib.import_module(FACADE[name])
        globals()[name] = module
        return module
    if name in FUNCTIONS:
        module_name, attr = FUNCTIONS[name]
        func = getattr(importlib.import_module(module_name), attr)
        globals()[name] = func
        return func
    raise AttributeError(
        f"module 'helpers' has no attribute {name!r}; the facade offers {sorted({*FACADE, *FUNCTIONS})}"
    )


def __dir__():
    return sorted({*globals(), *FACADE, *FUNCTIONS})


from helpers import data  # noqa: E402,F401  (helpers.data: the data layer, named by the facade)
from helpers.data import independent, numbers, periods, sources, units  # noqa: E402,F401
from helpers.errors import (  # noqa: E402
    AmbiguousSelectionError,
    CourseError,
    DataFileError,
    PeriodError,
    PeriodKindError,
    PriceBasisError,
    UnitError,
    UnknownNameError,
    install_notebook_handler,
)

# Nothing the helpers log reaches a student's cell: without a handler, Python's last-resort handler would
# print a logged exception (a view's guarded refresh) with its traceback to stderr, which is the cell.
# Maintainers see the records with logging.basicConfig() or a handler of their own.
logging.getLogger("helpers").addHandler(logging.NullHandler())

# In a notebook, a CourseError shows its message (what was wrong, what is allowed), not a traceback.
install_notebook_handler()


def _install_table_display() -> None:
    """In a notebook, every pandas table shows as a plain table a student can read (helpers.ui.tables)."""
    from helpers.ui import tables

    tables.install()


_install_table_display()

try:
    __version__ = version("nep-to-plan-helpers")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    *FACADE,
    *FUNCTIONS,
    "FACADE",
    "FUNCTIONS",
    "AmbiguousSelectionError",
    "CourseError",
    "DataFileError",
    "PeriodError",
    "PeriodKindError",
    "PriceBasisError",
    "UnitError",
    "UnknownNameError",
]
