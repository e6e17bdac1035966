"""Helpers for the course "From NEP to the Plan: Soviet industry 1921–1932".

Modules, one job each:

* :mod:`helpers.sources` – the primary sources, their metadata, verbatim checks, excerpts;
* :mod:`helpers.data` – the figures the sources state, as typed pandas Series with provenance;
* :mod:`helpers.periods` – economic years, calendar years, dates, spans;
* :mod:`helpers.units` – poods and tonnes, thousands and millions, price bases;
* :mod:`helpers.numbers` – reading numbers as the sources write them;
* :mod:`helpers.independent` – independent estimates with citations and grades;
* :mod:`helpers.exercises` – self-check exercises with instant feedback;
* chart kit: :mod:`helpers.style` (house style), :mod:`helpers.chartdata` (what to draw),
  :mod:`helpers.charts` (drawing, one figure updated in place), :mod:`helpers.textalt` (text
  alternatives), :mod:`helpers.widgets` (panels: controls + chart + passages), :mod:`helpers.fastagg`
  (cached text rendering);
* :mod:`helpers.bilingual` – original / translation toggle for the Ukrainian source;
* analysis for the capstone: :mod:`helpers.disagreements`, :mod:`helpers.claims`,
  :mod:`helpers.vocabulary`, :mod:`helpers.dating`, :mod:`helpers.crosscheck`,
  :mod:`helpers.explorers`, :mod:`helpers.textspans`.

The chart kit and the analysis modules are imported on demand (``from helpers import widgets``),
so that ``import helpers`` stays light.
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
