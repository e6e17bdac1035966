"""Seminar-scale benchmark: a local JupyterHub with N students, each running a course notebook.

    make seminar-bench            # 10 students, notebooks/01_recovery.ipynb
    python benchmarks/seminar.py --students 20 --notebook notebooks/02_leasing_and_trusts.ipynb

Starts JupyterHub on 127.0.0.1 (DummyAuthenticator, SimpleLocalProcessSpawner, configurable-http-proxy
from npm in benchmarks/hub/), creates N users and starts their servers through the REST API, then in
every student's kernel at once runs the notebook's code cells and moves a chart control 20 times.
Reports: time until all servers are ready, memory per student (server + kernel, RSS), and
control-to-chart latency under load. A connection that a loaded hub refuses (404/502/503/504, a dropped
socket) is retried with backoff, a bounded number of times; retries and any student whose run still failed
are reported in the results and never stop the other students' run. Everything stays on the loopback
interface; all processes are stopped at the end. Results are printed and written to
benchmarks/seminar-results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import psutil
import websocket

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CHP = ROOT / "benchmarks" / "hub" / "node_modules" / ".bin" / "configurable-http-proxy"

KERNEL_CODE = textwrap.dedent(
    """
    import json, time, nbformat, statistics
    from helpers.ui.view import ImageView as _ImageView
    _nb = nbformat.read({path!r}, as_version=4)
    _t0 = time.perf_counter()
    for _c in _nb.cells:
        if _c.cell_type == "code":
            exec(compile(_c.source.replace("# NBVAL_IGNORE_OUTPUT", ""), "<cell>", "exec"), globals())
    _run = time.perf_counter() - _t0
    import gc as _gc
    _panels = [v for v in _gc.get_objects() if isinstance(v, _ImageView)]  # kept alive by their widgets
    _panels = [v for v in _panels if any(len(v.options(k)) > 1 for k in v.controls if k != "period")]
    _lat = []
    if _panels:
        _p = _panels[0]
        _name = next(k for k in _p.controls if k != "period" and len(_p.options(k)) > 1)
        _opts = _p.options(_name)
        for _i in range(20):
            _t = time.perf_counter()
            _value = _opts[_i % len(_opts)]
            _p.set(**{{_name: _value[1] if isinstance(_value, tuple) else _value}})
            _lat.append((time.perf_counter() - _t) * 1000)
    print(json.dumps({{"run_s": _run, "latency_ms": _lat}}))
    """
)


#: Where a kernel's memory goes: run in a fresh kernel, cell by cell (tools: psutil, gc, glibc's malloc_trim).
BREAKDOWN_SETUP = textwrap.dedent(
    """
    import ctypes, gc, json, os, sys, psutil
    _nep_p, _nep_rows = psutil.Process(), []
    def _nep_hwm():
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    def _nep_mem(stage, collect=True):
        if collect:
            gc.collect()
        fi = _nep_p.memory_full_info()
        _nep_rows.append({"stage": stage, "rss": fi.rss / 2**20, "uss": fi.uss / 2**20, "pss": fi.pss / 2**20,
                          "hwm": _nep_hwm()})
    def _nep_trim():
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except OSError:
            pass
    _nep_mem("kernel started")
    """
)
BREAKDOWN_IMPORTS = [
    ("import numpy", "import numpy"),
    ("import pandas", "import pandas"),
    ("import matplotlib (Figure, Agg)", "import matplotlib.figure, matplotlib.backends.backend_agg"),
    ("import ipywidgets", "import ipywidgets"),
    ("import helpers (facade, data, panels, exercises)", "from helpers import data, sources, widgets, exercises"),
]
BREAKDOWN_SWEEP = textwrap.dedent(
    """
    from helpers.ui.view import View as _NepView
    _nep_views = [v for v in list(globals().values()) if isinstance(v, _NepView)]
    _nep_changes = 0
    for _v in _nep_views:
        _start = dict(_v.state)
        for _name in list(_v.controls):
            try:
                _opts = _v.options(_name)
            except Exception:
                continue
            for _o in list(_opts)[:6]:
                _v.set(**{_name: _o[1] if isinstance(_o, tuple) else _o})
                _nep_changes += 1
        _v.set(**{k: _start[k] for k in _v.controls if k in _start})
    _nep_mem(f"after the control sweep ({len(_nep_views)} views, {_nep_changes} changes)")
    """
)
BREAKDOWN_REPORT = textwrap.dedent(
    """
    import matplotlib.figure as _mf, ipywidgets as _W
    from helpers.charts import render as _render
    _figs = [o for o in gc.get_objects() if isinstance(o, _mf.Figure)]
    _buf = 0
    for _f in _figs:
        _r = getattr(_f.canvas, "renderer", None)
        if _r is not None:
            _buf += int(_r.width) * int(_r.height) * 4
    _inst = getattr(_W.Widget, "_active_widgets", None) or getattr(_W.widgets.widget, "_instances", {})
    _imgs = [w for w in list(_inst.values()) if isinstance(w, _W.Image)]
    _img_bytes = sum(len(w.value) for w in _imgs)
    _html_bytes = sum(len(w.value) for w in list(_inst.values()) if isinstance(w, _W.HTML))
    _text_cache = sum(getattr(e[0], "nbytes", 0) for e in _render._cache.values() if isinstance(e, tuple))
    _lru = []
    for _name, _mod in list(sys.modules.items()):
        if _name.startswith("helpers") and _mod is not None:
            for _a in list(vars(_mod).values()):
                if hasattr(_a, "cache_info") and hasattr(_a, "cache_clear") and _a.cache_info().currsize:
                    _lru.append(_a)
    _nep_info = {"figures": len(_figs), "renderer_mib": _buf / 2**20, "widgets": len(_inst),
                 "image_widget_mib": _img_bytes / 2**20, "html_widget_mib": _html_bytes / 2**20,
                 "text_cache_entries": len(_render._cache), "text_cache_mib": _text_cache / 2**20,
                 "lru_caches": len(_lru), "modules": len(sys.modules)}
    _nep_trim(); _nep_mem("malloc_trim: freed heap returned to the system")
    for _f in _figs:
        if getattr(_f.canvas, "renderer", None) is not None:
            _f.canvas.renderer = None
    _nep_trim(); _nep_mem("renderers dropped (each chart's RGBA buffer)")
    _render.clear_cache()
    _nep_trim(); _nep_mem("text bitmap cache cleared")
    for _a in _lru:
        _a.cache_clear()
    _nep_trim(); _nep_mem("data caches cleared (lru_cache of helpers)")
    print(json.dumps({"rows": _nep_rows, "info": _nep_info}))
    """
)


def kernel_breakdown(nb_path: Path, env: dict | None = None, import_steps: bool = True) -> dict:
    """Run ``nb_path`` in a fresh kernel with a memory reading after each step; rows and a summary."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(nb_path, as_version=4)
    cells = [nbformat.v4.new_code_cell(BREAKDOWN_SETUP)]
    for label, code in BREAKDOWN_IMPORTS if import_steps else []:
        cells.append(nbformat.v4.new_code_cell(f"{code}\n_nep_mem({label!r})"))
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code":
            cells.append(c)
            cells.append(nbformat.v4.new_code_cell(f"_nep_mem('cell {i} ({c.get('id', '')})', collect=False)"))
    cells.append(nbformat.v4.new_code_cell("_nep_mem('after Run All (gc)')"))
    cells += [nbformat.v4.new_code_cell(BREAKDOWN_SWEEP), nbformat.v4.new_code_cell(BREAKDOWN_REPORT)]
    run = nbformat.v4.new_notebook(cells=cells, metadata=nb.metadata)
    old = dict(os.environ)
    os.environ.update(env or {})
    try:
        client = NotebookClient(run, timeout=900, kernel_name="python3",
                                resources={"metadata": {"path": str(nb_path.parent)}})  # fmt: skip
        client.execute()
    finally:
        os.environ.clear()
        os.environ.update(old)
    out = "".join(o.get("text", "") for o in run.cells[-1].outputs if o.get("output_type") == "stream")
    return json.loads(out.strip().splitlines()[-1])


def breakdown_main(paths: list[str], arena: str | None, import_steps: bool = True) -> int:
    env = {"MALLOC_ARENA_MAX": arena} if arena else {}
    for p in paths:
        path = (ROOT / p).resolve() if not Path(p).is_absolute() else Path(p)
        r = kernel_breakdown(path, env, import_steps)
        print(f"## {path.name}" + (f" (MALLOC_ARENA_MAX={arena})" if arena else ""))
        print("| stage | RSS | USS | PSS | peak (VmHWM) |\n|---|---|---|---|---|")
        prev = None
        for row in r["rows"]:
            big = prev is None or not row["stage"].startswith("cell") or abs(row["rss"] - prev) >= 3
            if big:
                print(f"| {row['stage']} | {row['rss']:.0f} | {row['uss']:.0f} | {row['pss']:.0f} | {row['hwm']:.0f} |")
            prev = row["rss"]
        print("\n" + json.dumps(r["info"]) + "\n")
    return 0


#: What a seminar hub's student image holds besides the runtime lock: the hub's single-user server and the
#: link that pulls the course into each home (both are in requirements/dev.txt, not in runtime.txt).
HUB_EXTRAS = {"jupyterhub", "nbgitpuller"}


def runtime_only_config(folder: Path) -> tuple[Path, list[str]]:
    """A Jupyter config folder that switches off the server extensions a student image would not have.

    The bench runs in the dev environment (nbgrader, nbdime…); every server extension whose distribution is
    neither in requirements/runtime.txt nor in :data:`HUB_EXTRAS` is disabled, so the servers measured are
    the ones a hub built from the runtime lock runs. Returns the folder and the extensions switched off.
    """
    import importlib.metadata as md
    import re

    runtime = {
        re.sub(r"[-_.]+", "-", m.group(1)).lower()
        for m in re.finditer(r"^([A-Za-z0-9_.-]+)==", (ROOT / "requirements" / "runtime.txt").read_text(), re.M)
    }
    allowed = runtime | HUB_EXTRAS
    dists = md.packages_distributions()
    enabled = {}
    for f in sorted((Path(sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d").glob("*.json")):
        enabled.update(json.loads(f.read_text()).get("ServerApp", {}).get("jpserver_extensions", {}))
    off = []
    for name, on in enabled.items():
        owners = {re.sub(r"[-_.]+", "-", d).lower() for d in dists.get(name.split(".")[0], [])}
        if on and not owners & allowed:
            off.append(name)
    folder.mkdir(parents=True, exist_ok=True)
    cfg = {"ServerApp": {"jpserver_extensions": {name: False for name in off}}}
    (folder / "jupyter_server_config.json").write_text(json.dumps(cfg, indent=1))
    return folder, sorted(off)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base: str, token: str, method: str, path: str, body: dict | None = None):
    req = urllib.request.Request(
        f"{base}/hub/api{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        raw = r.read()
        return json.loads(raw) if raw else None


#: HTTP statuses a loaded hub answers while a route or a kernel is not ready yet: worth another try.
RETRY_STATUSES = {404, 502, 503, 504}


def retryable(exc: BaseException) -> bool:
    """Whether a failed connection is worth another try: a transient status, a refused or dropped socket."""
    status = getattr(exc, "status_code", None) or getattr(exc, "code", None)  # websocket-client / urllib
    if isinstance(exc, (websocket.WebSocketBadStatusException, urllib.error.HTTPError)):
        return status in RETRY_STATUSES
    return isinstance(exc, (ConnectionError, TimeoutError, websocket.WebSocketConnectionClosedException))


def with_retries(what: str, action, retries: list[str], attempts: int = 4, first_wait: float = 1.0, sleep=time.sleep):
    """Call ``action()``; on a transient failure wait (1, 2, 4 … s) and try again, ``attempts`` times in all.

    Every retried failure is appended to ``retries`` ("what: the error") so that the results can report it;
    the last failure, or any failure that is not transient, is raised.
    """
    if attempts < 1:
        raise ValueError(f"attempts must be 1 or more, found {attempts}")
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except Exception as exc:
            if attempt == attempts or not retryable(exc):
                raise
            retries.append(f"{what}: {exc}".strip())
            sleep(first_wait * 2 ** (attempt - 1))


def run_in_kernel(base: str, user: str, token: str, code: str, sleep=time.sleep) -> dict:
    """Start a kernel in the user's server, run code, return its JSON output (with "retries": what was retried).

    Starting the kernel and opening its websocket are retried with backoff when the loaded hub answers
    404/502/503/504 or drops the connection (:func:`with_retries`); a socket dropped during the run is
    reopened with the same session, so the server replays what the kernel sent meanwhile.
    """
    server = f"{base}/user/{user}"
    retries: list[str] = []

    def start_kernel():
        req = urllib.request.Request(
            f"{server}/api/kernels",
            method="POST",
            data=b"{}",
            headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.load(r)

    kernel = with_retries("kernel start", start_kernel, retries, sleep=sleep)
    session = uuid.uuid4().hex

    def connect():
        return with_retries(
            "kernel websocket",
            lambda: websocket.create_connection(
                f"ws://{server.split('://', 1)[1]}/api/kernels/{kernel['id']}/channels?session_id={session}",
                header=[f"Authorization: token {token}"],
                timeout=600,
            ),
            retries,
            sleep=sleep,
        )

    ws = connect()
    msg_id = uuid.uuid4().hex
    ws.send(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "username": user,
                    "session": session,
                    "msg_type": "execute_request",
                    "version": "5.3",
                },
                "parent_header": {},
                "metadata": {},
                "channel": "shell",
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": False,
                    "user_expressions": {},
                    "allow_stdin": False,
                },
            }
        )
    )
    out, error, reconnects = "", None, 0
    while True:
        try:
            raw = ws.recv()
        except websocket.WebSocketConnectionClosedException as exc:
            reconnects += 1  # a loaded machine can drop a socket; the run goes on in the kernel
            if reconnects > 3:
                raise
            retries.append(f"kernel websocket dropped during the run: {exc}".strip())
            sleep(2)
            ws = connect()
            continue
        if isinstance(raw, bytes):  # messages with binary buffers (widget images) are not ours
            continue
        m = json.loads(raw)
        if m.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if m["msg_type"] == "stream":
            out += m["content"]["text"]
        elif m["msg_type"] == "error":
            error = "\n".join(m["content"]["traceback"][-3:])
        elif m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            break
    ws.close()
    if error:
        raise RuntimeError(f"{user}: {error}")
    return {**json.loads(out.strip().splitlines()[-1]), "retries": retries}


def connection_report(results: dict[str, dict], errors: list[str]) -> tuple[str, str]:
    """The two results rows on connections: what was retried (per student), and which runs failed."""
    retried = {u: r.get("retries", []) for u, r in sorted(results.items()) if r.get("retries")}
    n = sum(len(v) for v in retried.values())
    retried_text = "none" if not n else f"{n} ({'; '.join(f'{u}: {len(v)}× {v[0]}' for u, v in retried.items())})"
    failed_text = "none" if not errors else f"{len(errors)} ({'; '.join(sorted(errors))})"
    return retried_text.replace("|", "/"), failed_text.replace("|", "/")


def rss_tree(pid: int) -> float:
    p = psutil.Process(pid)
    return sum(q.memory_info().rss for q in [p, *p.children(recursive=True)]) / 2**20


def mem_tree(pid: int) -> dict:
    """RSS, PSS and USS (MiB) of a process and its children, split into the first process and the rest.

    RSS counts every shared page (the Python binary, numpy's and matplotlib's libraries) in every process,
    so 25 students' RSS add up to more than the machine holds; PSS gives each of N sharers 1/N of a shared
    page, so PSS adds up to the memory really used. USS is what a process alone holds.
    """
    p = psutil.Process(pid)
    out = {"server": {"rss": 0.0, "pss": 0.0, "uss": 0.0}, "kernel": {"rss": 0.0, "pss": 0.0, "uss": 0.0}}
    for q in [p, *p.children(recursive=True)]:
        try:
            fi = q.memory_full_info()
        except psutil.NoSuchProcess:
            continue
        part = out["server"] if q.pid == pid else out["kernel"]
        for k in ("rss", "pss", "uss"):
            part[k] += getattr(fi, k) / 2**20
    return out


def main() -> int:  # noqa: C901 - to be split into named steps
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=10)
    ap.add_argument("--notebook", default="notebooks/01_recovery.ipynb")
    ap.add_argument(
        "--kernel-breakdown",
        nargs="+",
        metavar="NOTEBOOK",
        help="no hub: where one kernel's memory goes, step by step, for each notebook given",
    )
    ap.add_argument(
        "--no-import-steps",
        action="store_true",
        help="with --kernel-breakdown: import only what the notebook imports (no forced import steps)",
    )
    ap.add_argument("--arena-max", help="with --kernel-breakdown: run the kernel with MALLOC_ARENA_MAX set to this")
    ap.add_argument(
        "--out",
        type=Path,
        default=ROOT / "benchmarks" / "seminar-results.md",
        help="where to write the results (default benchmarks/seminar-results.md, from which deploy/ is sized)",
    )
    ap.add_argument(
        "--hub-bin",
        type=Path,
        default=BIN,
        help="folder of the jupyterhub command that runs the hub (default: this environment's); the students'"
        " servers always run this environment's jupyterhub-singleuser, as an image would beside another hub",
    )
    a = ap.parse_args()
    if a.kernel_breakdown:
        return breakdown_main(a.kernel_breakdown, a.arena_max, not a.no_import_steps)
    if not CHP.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=CHP.parents[2], check=True)
    nb_path = (ROOT / a.notebook).resolve()
    if not nb_path.exists():
        nb_path = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))[-1]
    work = Path(tempfile.mkdtemp(prefix="nep-hub-"))
    port, token = free_port(), secrets.token_hex(24)
    student_cfg, switched_off = runtime_only_config(work / "student-config")
    config = work / "jupyterhub_config.py"
    config.write_text(
        textwrap.dedent(f"""
        c.JupyterHub.ip = "127.0.0.1"
        c.JupyterHub.port = {port}
        c.JupyterHub.hub_ip = "127.0.0.1"
        c.JupyterHub.hub_port = {free_port()}
        c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
        c.ConfigurableHTTPProxy.command = [{str(CHP)!r}]
        c.JupyterHub.authenticator_class = "dummy"
        c.JupyterHub.spawner_class = "simple"
        c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
        c.Spawner.args = ["--allow-root"] if {os.geteuid() == 0} else []
        c.Spawner.notebook_dir = {str(ROOT / "notebooks")!r}
        c.Spawner.start_timeout = 120
        c.Spawner.http_timeout = 120
        c.Spawner.environment = {{"PATH": {str(BIN)!r} + ":" + "/usr/bin:/bin",
                                  "JUPYTER_CONFIG_PATH": {str(student_cfg)!r}}}
        c.JupyterHub.services = [{{"name": "bench", "api_token": {token!r}}}]
        _scopes = ["admin:users", "admin:servers", "access:servers", "tokens"]
        c.JupyterHub.load_roles = [{{"name": "bench", "services": ["bench"], "scopes": _scopes}}]
        c.JupyterHub.db_url = "sqlite:///{work}/hub.sqlite"
        c.JupyterHub.cookie_secret_file = "{work}/cookie_secret"
        c.ConfigurableHTTPProxy.pid_file = "{work}/proxy.pid"
        c.JupyterHub.pid_file = "{work}/hub.pid"
        c.SimpleLocalProcessSpawner.home_dir_template = "{work}/home/{{username}}"
    """)
    )
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    hub = subprocess.Popen(
        [str(a.hub_bin / "jupyterhub"), "-f", str(config)],
        cwd=work,
        env=env,
        stdout=open(work / "hub.log", "w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    users = [f"student{i:02d}" for i in range(a.students)]
    try:
        for _ in range(120):
            try:
                api(base, token, "GET", "/")
                break
            except Exception:
                time.sleep(0.5)
        api(base, token, "POST", "/users", {"usernames": users})
        t0 = time.perf_counter()
        for u in users:
            try:
                api(base, token, "POST", f"/users/{u}/server")
            except urllib.error.HTTPError as e:
                if e.code != 202:
                    raise
        while True:
            ready = [
                u
                for u in users
                if (api(base, token, "GET", f"/users/{u}").get("servers", {}).get("", {}) or {}).get("ready")
            ]
            if len(ready) == len(users):
                break
            if time.perf_counter() - t0 > 600:
                raise RuntimeError(f"only {len(ready)} of {len(users)} servers ready after 600 s")
            time.sleep(0.5)
        ready_s = time.perf_counter() - t0
        time.sleep(5)  # let the servers settle after start-up
        idle = [mem_tree(api(base, token, "GET", f"/users/{u}")["servers"][""]["state"]["pid"]) for u in users]
        tokens = {
            u: api(base, token, "POST", f"/users/{u}/tokens", {"note": "bench", "expires_in": 3600})["token"]
            for u in users
        }
        code = KERNEL_CODE.format(path=str(nb_path))
        results, errors = {}, []

        def student(u):
            try:
                results[u] = run_in_kernel(base, u, tokens[u], code)
            except Exception as exc:  # reported in the results, never fatal to the other students
                errors.append(f"{u}: {exc}")

        t1 = time.perf_counter()
        threads = [threading.Thread(target=student, args=(u,)) for u in users]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        all_run_s = time.perf_counter() - t1
        if not results:
            raise RuntimeError("no student's run finished: " + "; ".join(errors[:3]))
        retried_text, failed_text = connection_report(results, errors)
        mem, full = [], []
        for u in [u for u in users if u in results]:  # a student whose run failed has no kernel to measure
            pid = api(base, token, "GET", f"/users/{u}")["servers"][""]["state"]["pid"]
            full.append(mem_tree(pid))
            mem.append(full[-1]["server"]["rss"] + full[-1]["kernel"]["rss"])
        system = {"rss": 0.0, "pss": 0.0}
        for proc in [psutil.Process(hub.pid), *psutil.Process(hub.pid).children(recursive=True)]:
            if "jupyterhub-singleuser" in " ".join(proc.cmdline()) or "ipykernel" in " ".join(proc.cmdline()):
                continue
            fi = proc.memory_full_info()
            system["rss"] += fi.rss / 2**20
            system["pss"] += fi.pss / 2**20

        def trio(rows, part):
            m = {k: statistics.median(r[part][k] for r in rows) for k in ("rss", "pss", "uss")}
            return f"RSS {m['rss']:.0f} / PSS {m['pss']:.0f} / USS {m['uss']:.0f} MiB (median)"

        pss_student = [r["server"]["pss"] + r["kernel"]["pss"] for r in full]
        per_student_pss = statistics.median(pss_student)
        fit = (8 * 1024 - 1024 - system["pss"]) / max(pss_student)
        lat = [x for r in results.values() for x in r["latency_ms"]]
        runs = [r["run_s"] for r in results.values()]
        q = statistics.quantiles(lat, n=20) if len(lat) >= 20 else [max(lat)] * 19
        gib = psutil.virtual_memory().total / 2**30
        mem_text = f"median {statistics.median(mem):.0f} MiB, max {max(mem):.0f} MiB"
        run_text = f"wall {all_run_s:.1f} s; per kernel median {statistics.median(runs):.1f} s"
        lat_text = f"median {statistics.median(lat):.0f} ms, p95 {q[18]:.0f} ms ({len(lat)} changes)"
        off = ", ".join(switched_off) or "none"
        versions = " / ".join(
            subprocess.run([str(b / "jupyterhub"), "--version"], capture_output=True, text=True).stdout.strip()
            for b in (a.hub_bin, BIN)
        )
        pss_text = f"median {per_student_pss:.0f} MiB, max {max(pss_student):.0f} MiB"
        report = textwrap.dedent(f"""
            ## Seminar benchmark ({time.strftime("%Y-%m-%d")}, {os.cpu_count()} cores, {gib:.0f} GiB)

            | measure | value |
            |---|---|
            | students | {len(users)} |
            | JupyterHub of the hub / of the student servers | {versions} |
            | notebook | {nb_path.name} |
            | all servers ready | {ready_s:.1f} s |
            | single-user server, idle (before any kernel) | {trio(idle, "server")} |
            | single-user server after the run | {trio(full, "server")} |
            | kernel after Run All and the control changes | {trio(full, "kernel")} |
            | **memory per student (server + kernel, PSS)** | **{pss_text}** |
            | memory per student (server + kernel, RSS; counts shared pages in full) | {mem_text} |
            | memory, all students (PSS / RSS) | {sum(pss_student):.0f} / {sum(mem):.0f} MiB |
            | hub and proxy (PSS / RSS) | {system["pss"]:.0f} / {system["rss"]:.0f} MiB |
            | students that fit 8 GiB with 1 GiB for the system (by max PSS) | {fit:.0f} |
            | notebook run, all students at once | {run_text} |
            | control → chart latency under load | {lat_text} |
            | connections retried (kernel start, kernel websocket) | {retried_text} |
            | students whose run failed after the retries (left out of the figures above) | {failed_text} |

            Student servers run with the server extensions of the runtime lock plus jupyterhub and nbgitpuller
            (switched off from the dev environment: {off}). Targets: ≤ 280 MiB per student (server + kernel),
            so that 25 students fit on 8 GiB with 1 GiB for the system.
        """).strip()
        print(report)
        a.out.write_text(report + "\n", encoding="utf-8")
        return 0
    finally:
        try:
            for u in users:
                try:
                    api(base, token, "DELETE", f"/users/{u}/server")
                except Exception:
                    pass
        finally:
            hub.terminate()
            try:
                hub.wait(20)
            except subprocess.TimeoutExpired:
                hub.kill()
            for proc in psutil.process_iter(["cmdline"]):
                if str(work) in " ".join(proc.info["cmdline"] or []):
                    proc.kill()
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
