"""Helpers for the course "From NEP to the Plan: Soviet industry 1921–1932".

The package follows the data flow, one layer a folder:

* :mod:`helpers.data` – what the sources say: sources, statements (figures), periods, units,
  numbers, independent estimates;
* :mod:`helpers.charts` – how a selection becomes a chart: style, models, drawing, rendering,
  text alternatives, panels;
* :mod:`helpers.evidence` – weighing the evidence: disagreements, claims, cross-checks,
  vocabulary, dating, explorers;
* :mod:`helpers.teaching` – exercises, bilingual excerpts, timelines.

Notebooks use a flat facade that does not change when modules move::

    from helpers import data, sources, widgets, exercises as ex

``import helpers`` loads only the data layer; the others are imported when first named.
The table :data:`FACADE` maps each flat name to its module; ``import helpers.widgets`` works too.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
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
    "chartdata": "helpers.charts.chartdata",
    "textalt": "helpers.charts.textalt",
    "widgets": "helpers.charts.panels",
    "disagreements": "helpers.evidence.disagreements",
    "claims": "helpers.evidence.claims",
    "crosscheck": "helpers.evidence.crosscheck",
    "vocabulary": "helpers.evidence.vocabulary",
    "dating": "helpers.evidence.dating",
    "textspans": "helpers.evidence.textspans",
    "explorers": "helpers.evidence.explorers",
    "readings": "helpers.evidence.readings",
    "chains": "helpers.evidence.chains",
    "rates": "helpers.evidence.rates",
    "parts": "helpers.evidence.parts",
    "coverage": "helpers.evidence.coverage",
    "findings": "helpers.evidence.findings",
    "overview": "helpers.evidence.overview",
    "tallies": "helpers.evidence.tallies",
    "across": "helpers.evidence.across",
    "exercises": "helpers.teaching.exercises",
    "bilingual": "helpers.teaching.bilingual",
    "quotes": "helpers.teaching.quotes",
    "timeline": "helpers.teaching.timeline",
}

#: Flat names of single functions a notebook calls directly: ``from helpers import quote``.
FUNCTIONS: dict[str, tuple[str, str]] = {
    "quote": ("helpers.teaching.quotes", "quote"),
    "clear_caches": ("helpers.caches", "clear_caches"),
}


class _FacadeFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Lets ``import helpers.widgets`` (a flat name) load the module the facade points to."""

    def find_spec(self, fullname, path=None, target=None):
        head, _, name = fullname.partition(".")
        if head == "helpers" and name in FACADE and FACADE[name] != fullname:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return importlib.import_module(FACADE[spec.name.partition(".")[2]])

    def exec_module(self, module):  # the real module is already executed
        pass

    def _real(self, fullname):
        return importlib.util.find_spec(FACADE[fullname.partition(".")[2]])

    def get_code(self, fullname):  # ``python -m helpers.exercises`` runs the real module's code
        spec = self._real(fullname)
        return spec.loader.get_code(spec.name)

    def is_package(self, fullname):
        return self._real(fullname).submodule_search_locations is not None


if not any(isinstance(f, _FacadeFinder) for f in sys.meta_path):
    sys.meta_path.append(_FacadeFinder())


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
)

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
