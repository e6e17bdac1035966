"""`make bench`: widget latency, notebook run time and kernel memory, in one run on one machine.

1. Latency of a control change → updated chart, for every panel of the chart gallery, measured
   inside a fresh IPython kernel (real comms, inline backend; see ``latency_kernel.py``):
   the kit (``widgets.Image``), the kit drawing into an ``Output`` instead, the naive pattern
   (``interact`` + new figure + ``plt.show()``), and the floor (``canvas.draw()`` of the same
   figure: with the kit's canvas, and with matplotlib's stock Agg canvas).
2. For every ``notebooks/NN_*.ipynb``: the time to run it top to bottom in a fresh kernel and
   the kernel's peak memory (VmHWM), beside a notebook of one cell holding the same imports.

Prints a table and writes it to ``benchmarks/results.md``. Targets (2-core machine): median
≤ 1.3 × floor, ≥ 2.5 × faster than naive, p95 ≤ 100 ms. This is a benchmark, not a test:
it reports, it does not fail.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import platform
import queue
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
RESULTS = ROOT / "benchmarks" / "results.md"
TARGET_FLOOR_RATIO, TARGET_SPEEDUP, TARGET_P95 = 1.3, 2.5, 100.0


# ---------------------------------------------------------------------------------------------
# 1. latency, inside a kernel
# ---------------------------------------------------------------------------------------------


def run_in_kernel(code: str, timeout: float = 900) -> tuple[str, str]:
    """Run ``code`` in a fresh python3 kernel (cwd notebooks/); return (stdout, error text)."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3", cwd=str(NOTEBOOKS))
    out, err = [], []
    try:
        msg_id = kc.execute(code)
        deadline = time.monotonic() + timeout
        while True:
            try:
                msg = kc.get_iopub_msg(timeout=max(1.0, deadline - time.monotonic()))
            except queue.Empty:
                err.append("timeout")
                break
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream" and content["name"] == "stdout":
                out.append(content["text"])
            elif kind == "error":
                err.append("\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle":
                break
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return "".join(out), "\n".join(err)


def latency() -> dict:
    code = "%matplotlib inline\n" + f"exec(open({str(ROOT / 'benchmarks' / 'latency_kernel.py')!r}).read())"
    out, err = run_in_kernel(code)
    for line in out.splitlines():
        if line.startswith("BENCH-JSON:"):
            return json.loads(line[len("BENCH-JSON:") :])
    raise RuntimeError(f"latency benchmark failed:\n{err or out[-3000:]}")


# ---------------------------------------------------------------------------------------------
# 2. notebooks: run time and peak memory of the kernel
# ---------------------------------------------------------------------------------------------


def _vmhwm_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_notebook(nb) -> tuple[float, float, float]:
    """(seconds including kernel start, seconds executing cells, peak kernel RSS in MiB)."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}})
    t0 = time.perf_counter()
    with client.setup_kernel():
        pid = client.km.provisioner.pid
        t1 = time.perf_counter()
        for i, cell in enumerate(nb.cells):
            client.execute_cell(cell, i)
        t2 = time.perf_counter()
        peak = _vmhwm_mib(pid)
    return t2 - t0, t2 - t1, peak


def imports_of(nb) -> str:
    """The top-level import statements of a notebook's code cells."""
    lines = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        src = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        lines += [
            ast.get_source_segment(src, node) for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))
        ]
    return "\n".join(dict.fromkeys(lines)) or "pass"


def notebooks() -> list[dict]:
    import nbformat

    rows = []
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        total, cells, peak = run_notebook(nb)
        floor_nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(imports_of(nb))])
        f_total, f_cells, f_peak = run_notebook(floor_nb)
        rows.append(
            {
                "notebook": path.name,
                "total": total,
                "cells": cells,
                "peak": peak,
                "floor_total": f_total,
                "floor_cells": f_cells,
                "floor_peak": f_peak,
                "size_kib": path.stat().st_size / 1024,
            }
        )
    return rows


# ---------------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------------


def _ok(flag: bool) -> str:
    return "yes" if flag else "**no**"


def report(lat: dict, nbs: list[dict], seconds: float) -> str:
    import ipywidgets
    import matplotlib

    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (benchmarks/run.py) on {dt.datetime.now().strftime('%Y-%m-%d %H:%M')}; "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}, matplotlib {matplotlib.__version__}, "
        f"ipywidgets {ipywidgets.__version__}; whole run {seconds:.0f} s.",
        "",
        "## Control change → updated chart (ms, in a fresh kernel, real comms)",
        "",
        "*kit*: `panel.set(...)` with the chart in a `widgets.Image` (what students get); *redraw only*: the same "
        "without the changes of the *Sources for* period, which only redraw a highlight; *Output*: the kit's chart "
        "shown through an `Output` widget instead; *naive*: `interact` + new pyplot figure + `plt.show()`; "
        "*floor*: `canvas.draw()` of the same figure after the same change, with the kit's canvas (text bitmaps "
        "cached) and with matplotlib's stock Agg canvas.",
        "",
        "| panel | kit median | kit p95 | redraw only median / p95 | Output median / p95 | naive median / p95 "
        "| floor (kit canvas) | floor (stock Agg) | kit ÷ floor (kit / stock) | naive ÷ kit |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    checks = []
    load = (lat.pop("_load_before", None), lat.pop("_load_after", None))
    for name, r in lat.items():
        k, red, o, nv = r["kit"], r["kit_redraw"], r["output"], r["naive"]
        fk, fs = r["floor_kit"]["median"], r["floor_stock"]["median"]
        ratio_k, ratio_s, speed = k["median"] / fk, k["median"] / fs, nv["median"] / k["median"]
        lines.append(
            f"| {name} | {k['median']:.1f} | {k['p95']:.1f} | {red['median']:.1f} / {red['p95']:.1f} "
            f"| {o['median']:.1f} / {o['p95']:.1f} | {nv['median']:.1f} / {nv['p95']:.1f} | {fk:.1f} | {fs:.1f} "
            f"| {ratio_k:.2f} / {ratio_s:.2f} | {speed:.1f} |"
        )
        checks.append((name, ratio_k, red["median"] / fk, speed, k["p95"]))
    if load[0]:
        lines += [
            "",
            f"Load average (1, 5, 15 min) before / after the latency run: "
            f"{', '.join(f'{x:.1f}' for x in load[0])} / {', '.join(f'{x:.1f}' for x in load[1])} "
            f"on {os.cpu_count()} CPUs (other work on the machine slows every column alike).",
        ]
    lines += [
        "",
        f"Targets: median ≤ {TARGET_FLOOR_RATIO} × floor, ≥ {TARGET_SPEEDUP} × faster than naive, "
        f"p95 ≤ {TARGET_P95:.0f} ms.",
        "",
        "| panel | kit ÷ floor ≤ 1.3 (all changes / redraws only) | ≥ 2.5 × faster than naive | p95 ≤ 100 ms |",
        "|---|---|---|---|",
    ]
    for name, ratio, ratio_redraw, speed, p95 in checks:
        floor_ok = f"{_ok(ratio <= TARGET_FLOOR_RATIO)} ({ratio:.2f})"
        redraw_ok = f"{_ok(ratio_redraw <= TARGET_FLOOR_RATIO)} ({ratio_redraw:.2f})"
        speed_ok = f"{_ok(speed >= TARGET_SPEEDUP)} ({speed:.1f}×)"
        p95_ok = f"{_ok(p95 <= TARGET_P95)} ({p95:.0f} ms)"
        lines.append(f"| {name} | {floor_ok} / {redraw_ok} | {speed_ok} | {p95_ok} |")
    lines += [
        "",
        "## Notebooks: run top to bottom in a fresh kernel",
        "",
        "Time includes starting the kernel; *floor*: a notebook of one cell holding the same imports. "
        "Peak memory is the kernel's VmHWM.",
        "",
        "| notebook | run (s) | cells only (s) | peak kernel memory (MiB) | floor run (s) | floor peak (MiB) "
        "| file size (KiB) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in nbs:
        lines.append(
            f"| {r['notebook']} | {r['total']:.1f} | {r['cells']:.1f} | {r['peak']:.0f} | {r['floor_total']:.1f} "
            f"| {r['floor_peak']:.0f} | {r['size_kib']:.0f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """``run.py [--latency-only | --notebooks-only]``."""
    t0 = time.perf_counter()
    lat, nbs = {}, []
    if "--notebooks-only" not in argv:
        print("measuring control-change latency in a fresh kernel …", flush=True)
        lat = latency()
    if "--latency-only" not in argv:
        print("running notebooks …", flush=True)
        nbs = notebooks()
    text = report(lat, nbs, time.perf_counter() - t0)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
