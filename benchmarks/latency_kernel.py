"""Runs *inside* a fresh IPython kernel (started by benchmarks/run.py): latency of a control change.

For each gallery panel and each control change in its cycle (repeated ROUNDS times):

* kit (Image)  – ``panel.set(change)``: model, in-place artist update, Agg draw with the
  kit's canvas, PNG encode, ``widgets.Image.value`` and the text/sources HTML sent over the comm;
* kit (Output) – the same chart update and render, shown instead with
  ``clear_output(wait=True); display(Image(png))`` in an ``ipywidgets.Output``;
* naive        – ``ipywidgets.interact`` over the same controls, building a new pyplot figure
  for the same state and calling ``plt.show()`` (inline backend: tight bbox PNG);
* floor (kit canvas) – ``canvas.draw()`` of the panel's figure after the same artist update;
* floor (stock Agg)  – the same figure drawn by matplotlib's stock ``FigureCanvasAgg``.

Prints one JSON line prefixed with ``BENCH-JSON:``.
"""

import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path

import ipywidgets
import matplotlib.pyplot as plt
from IPython.display import Image, clear_output, display
from matplotlib.backends.backend_agg import FigureCanvasAgg

sys.path.insert(0, str(Path.cwd().parent / "benchmarks"))
from panels import gallery  # noqa: E402

from helpers import style  # noqa: E402
from helpers.charts import lines  # noqa: E402

ROUNDS = 4


def percentile(xs, q):
    xs = sorted(xs)
    k = (len(xs) - 1) * q / 100
    f = int(k)
    c = min(f + 1, len(xs) - 1)
    return xs[f] + (xs[c] - xs[f]) * (k - f)


def summary(xs):
    ms = [x * 1000 for x in xs]
    return {"median": statistics.median(ms), "p95": percentile(ms, 95), "n": len(ms)}


def chart_like(chart, figure=None):
    if isinstance(chart, lines.SmallMultiplesChart):
        return (
            type(chart)(capacity=chart.capacity, figure=figure)
            if figure is not None
            else type(chart)(capacity=chart.capacity)
        )
    return type(chart)(figure=figure) if figure is not None else type(chart)()


def measure(name, panel, changes):
    """All methods measured change by change, interleaved, so that a burst of load hits them alike."""
    # warm up: every state once (caches of text bitmaps, provenance rows, fonts)
    for ch in changes:
        panel.set(**ch)
    start_state = dict(panel.state)

    floor_kit, floor_stock = chart_like(panel.chart), _stock(panel.chart)
    out = ipywidgets.Output()
    display(out)
    out_chart = chart_like(panel.chart)

    state = dict(panel.state)
    keys = list(dict.fromkeys(k for ch in changes for k in ch))
    options = {k: list(dict.fromkeys([state[k]] + [ch[k] for ch in changes if k in ch])) for k in keys}

    def draw_naively(**kw):
        st = {**state, **kw}
        model = panel._build_model(st)
        model.highlight = st.get("period") or None
        fig = plt.figure(figsize=panel.chart.figure.get_size_inches(), dpi=style.DPI)
        c = chart_like(panel.chart, figure=fig)
        c.update(model)
        plt.show()

    naive_widget = ipywidgets.interact(
        draw_naively, **{k: [(str(v), v) for v in vals] for k, vals in options.items()}
    ).widget
    controls = {w.description: w for w in naive_widget.children if hasattr(w, "description")}

    times = {k: [] for k in ("kit", "kit_redraw", "output", "naive", "floor_kit", "floor_stock")}
    for _ in range(ROUNDS):
        for ch in changes:
            before = panel.model
            # the kit, as students get it
            t0 = time.perf_counter()
            ok = panel.set(**ch)
            t = time.perf_counter() - t0
            assert ok and panel.error is None, (name, ch, panel.message)
            times["kit"].append(t)
            if "period" not in ch:
                times["kit_redraw"].append(t)
            after, hl = panel.model, panel.state.get("period") or None
            # the floors: the same artist update, then Agg's draw alone
            for key, chart in (("floor_kit", floor_kit), ("floor_stock", floor_stock)):
                chart.update(before)
                chart.draw()
                chart.update(after)
                chart.set_highlight(hl)
                t0 = time.perf_counter()
                chart.canvas.draw()
                times[key].append(time.perf_counter() - t0)
            # the kit's chart shown through an Output widget
            out_chart.update(before)
            out_chart.render()
            t0 = time.perf_counter()
            out_chart.update(after)
            out_chart.set_highlight(hl)
            png = out_chart.render()
            with out:
                clear_output(wait=True)
                display(Image(data=png, format="png"))
            times["output"].append(time.perf_counter() - t0)
            # naive: interact + new figure + plt.show()
            ((k, v),) = ch.items()
            t0 = time.perf_counter()
            controls[k].value = v
            times["naive"].append(time.perf_counter() - t0)
    naive_widget.close()
    out.close()
    plt.close("all")
    panel.set(**start_state)
    result = {k: summary(v) for k, v in times.items()}
    result.update(changes=len(changes), rounds=ROUNDS)
    return result


def _stock(chart):
    c = chart_like(chart)
    FigureCanvasAgg(c.figure)  # replace the kit's canvas by matplotlib's own
    c.canvas = c.figure.canvas
    return c


results = {"_load_before": os.getloadavg()}
for name, (panel, changes) in gallery().items():
    gc.collect()
    results[name] = measure(name, panel, changes)
results["_load_after"] = os.getloadavg()
print("BENCH-JSON:" + json.dumps(results))
