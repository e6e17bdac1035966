"""Layer 2 — how a selection of figures becomes a chart a student operates.

* :mod:`~helpers.charts.style` – the house style (palette, labels, source line);
* :mod:`~helpers.charts.chartdata` – chart models: what to draw, resolved from the data layer (the public
  face of :mod:`~helpers.charts.model` — options, Choice, Trace, ChartModel —,
  :mod:`~helpers.charts.selections`, :mod:`~helpers.charts.provenance`, :mod:`~helpers.charts.layout`
  and :mod:`~helpers.charts.builders`);
* :mod:`~helpers.charts.draw` – drawing the models, one figure updated in place;
* :mod:`~helpers.charts.render` – rendering to PNG fast (cached glyphs, palette PNG);
* :mod:`~helpers.charts.textalt` – text alternatives that say what the picture shows;
* :mod:`~helpers.charts.panels` – panels: controls + chart + passages (``helpers.widgets``); the plan panel in
  :mod:`~helpers.charts.plan_panel`, what every panel shares in :mod:`~helpers.charts.panel_base`.
"""
