"""Layer 2 — how a selection of figures becomes a picture (no widgets here: those are in :mod:`helpers.ui`).

The path of one chart, in the order the modules run:

* chart models — what to draw, resolved from the data layer: :mod:`~helpers.charts.model` (options,
  :class:`~helpers.charts.model.Choice`, :class:`~helpers.charts.model.Trace`,
  :class:`~helpers.charts.model.ChartModel`), :mod:`~helpers.charts.selections` (a selection → a loaded
  series), :mod:`~helpers.charts.provenance` (the passages behind each point), :mod:`~helpers.charts.layout`
  (positions, ticks, the source line) and :mod:`~helpers.charts.builders` (a panel's state → a model);
* drawing — one figure updated in place: :mod:`~helpers.charts.figure` (the base), :mod:`~helpers.charts.lines`
  and :mod:`~helpers.charts.bars` (the kinds of chart), :mod:`~helpers.charts.legend`,
  :mod:`~helpers.charts.axes_text` (tick and axis labels that never touch);
* rendering — :mod:`~helpers.charts.render` (cached glyphs) and :mod:`~helpers.charts.png` (the PNG);
* :mod:`~helpers.charts.textalt` — the text alternative, from the same model as the picture;
* :mod:`~helpers.charts.style` — the house style (palette, sizes, the source line's wording).
"""
