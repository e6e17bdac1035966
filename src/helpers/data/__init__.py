"""Layer 1 — what the sources say, as data.

* :mod:`~helpers.data.paths` – where the data files are and how they are read;
* :mod:`~helpers.data.sources` – the primary sources, their metadata, verbatim checks, excerpts;
* :mod:`~helpers.data.statements` – the figures the sources state (``data/figures.csv``), as typed
  pandas Series with provenance (its API is re-exported here: ``data.series(...)``);
* :mod:`~helpers.data.periods` – economic years, calendar years, dates, spans;
* :mod:`~helpers.data.units` – poods and tonnes, thousands and millions, price bases;
* :mod:`~helpers.data.numbers` – reading and writing numbers as the sources write them;
* :mod:`~helpers.data.independent` – independent estimates with citations and grades.
"""

from helpers.data import independent, numbers, paths, periods, sources, statements, units  # noqa: E402
from helpers.data.statements import *  # noqa: F401,F403  (the figures API: series, rows, labelled, …)

__all__ = [*statements.__all__, "independent", "numbers", "paths", "periods", "sources", "units"]
