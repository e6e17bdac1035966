"""Helpers for the course "From NEP to the Plan: Soviet industry 1921–1932".

Modules, one job each:

* :mod:`helpers.sources` – the primary sources, their metadata, verbatim checks, excerpts;
* :mod:`helpers.data` – the figures the sources state, as typed pandas Series with provenance;
* :mod:`helpers.periods` – economic years, calendar years, dates, spans;
* :mod:`helpers.units` – poods and tonnes, thousands and millions, price bases;
* :mod:`helpers.numbers` – reading numbers as the sources write them.
"""

from . import data, numbers, periods, sources, units
from .errors import (
    AmbiguousSelectionError,
    CourseError,
    DataFileError,
    PeriodError,
    PeriodKindError,
    PriceBasisError,
    UnitError,
    UnknownNameError,
)

__version__ = "0.1.0"

__all__ = [
    "data", "numbers", "periods", "sources", "units",
    "AmbiguousSelectionError", "CourseError", "DataFileError", "PeriodError", "PeriodKindError",
    "PriceBasisError", "UnitError", "UnknownNameError",
]
