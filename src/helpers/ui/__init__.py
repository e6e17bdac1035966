"""Layer 5 — everything a student operates. The UI imports the layers below it; they never import it.

* the base every view shares: :mod:`~helpers.ui.view` (:class:`~helpers.ui.view.View`: state, validated
  ``set``, guarded refresh, message, static fallback, CSS hooks; :class:`~helpers.ui.view.ImageView`),
  :mod:`~helpers.ui.controls` (:class:`~helpers.ui.controls.Control`), :mod:`~helpers.ui.html` (the one
  escaper, message box, text alternative, disclosure) and :mod:`~helpers.ui.switch`;
* chart panels: :mod:`~helpers.ui.widgets` (``widgets.show("01-coal")``, the facade name),
  :mod:`~helpers.ui.declarations` (a declaration in ``data/charts/`` → a panel), :mod:`~helpers.ui.panels`
  (the five kinds of panel) and :mod:`~helpers.ui.passages` (the passages behind a point);
* explorers of the evidence: :mod:`~helpers.ui.explorers` (the facade name), :mod:`~helpers.ui.explorer`
  (their base), :mod:`~helpers.ui.claim_explorer`, :mod:`~helpers.ui.source_explorers`;
* :mod:`~helpers.ui.exercises` (self-checks, ``ex.show(id)``) and :mod:`~helpers.ui.bilingual` (excerpts in
  the original and in translation, and timelines of stages).
"""
