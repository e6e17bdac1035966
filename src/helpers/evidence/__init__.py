"""Layer 3 — weighing the evidence (the capstone's methods): pure analysis, no widgets.

* :mod:`~helpers.evidence.disagreements` – where two passages state different values for one quantity;
* :mod:`~helpers.evidence.claims` – checking a stated relation (growth, multiple, share) against levels,
  with :mod:`~helpers.evidence.claim_levels`, :mod:`~helpers.evidence.claim_arithmetic` and
  :mod:`~helpers.evidence.claim_readings` (other readings of a claim);
* :mod:`~helpers.evidence.crosscheck` – the sources against independent estimates;
* the reader's methods (docs/methods.md): :mod:`~helpers.evidence.readings` (kinds of year),
  :mod:`~helpers.evidence.chains` and :mod:`~helpers.evidence.rates` (chains and averages),
  :mod:`~helpers.evidence.parts` and :mod:`~helpers.evidence.across` (parts and wholes, within and across
  passages), :mod:`~helpers.evidence.coverage` (coverage), :mod:`~helpers.evidence.tallies` (several counts
  of one thing: who counted, who relayed),
  each finding shaped by :mod:`~helpers.evidence.findings` and counted by :mod:`~helpers.evidence.overview`;
  :mod:`~helpers.evidence.scopes` compares the coverage two passages state;
* :mod:`~helpers.evidence.vocabulary`, :mod:`~helpers.evidence.dating`, :mod:`~helpers.evidence.textspans`
  – reading the texts' language and dating clues.

The explorers that let students operate these methods are in :mod:`helpers.ui`.
"""
