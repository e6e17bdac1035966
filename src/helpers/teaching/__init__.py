"""Layer 4 — what the teaching widgets rely on: exercise declarations and answer keys
(:mod:`~helpers.teaching.exercises`, also the key tool ``python -m helpers.teaching.exercises``), the
record of answers for the class report (:mod:`~helpers.teaching.answers`) and quotations
(:mod:`~helpers.teaching.quotes`, ``quote("01-lenin-tax")``). The widgets themselves are in :mod:`helpers.ui`."""
