"""Layer 3 — weighing the evidence (the capstone's methods).

* :mod:`~helpers.evidence.disagreements` – where two passages state different values for one quantity;
* :mod:`~helpers.evidence.claims` – checking a stated relation (growth, multiple, share) against levels;
* :mod:`~helpers.evidence.crosscheck` – the sources against independent estimates;
* :mod:`~helpers.evidence.vocabulary`, :mod:`~helpers.evidence.dating`, :mod:`~helpers.evidence.textspans`
  – reading the texts' language and dating clues;
* :mod:`~helpers.evidence.explorers` – views that let students operate these methods.
"""
