"""Seminar-scale benchmark: a local JupyterHub with N students, each running a course notebook.

    make seminar-bench            # 10 students, notebooks/01_recovery.ipynb
    python benchmarks/seminar.py --students 20 --notebook notebooks/02_leasing_and_trusts.ipynb

Starts JupyterHub on 127.0.0.1 (DummyAuthenticator, SimpleLocalProcessSpawner, configurable-http-proxy
from npm in benchmarks/hub/), creates N users and starts their servers through the REST API, then in
every student's kernel at once runs the notebook's code cells and moves a chart control 20 times.
Reports: time until all servers are ready, memory per student (server + kernel, RSS), and
control-to-chart latency under load. Everything stays on the loopback interface; all processes are
stopped at the end. Results are printed and written to benchmarks/seminar-results.md.
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
    from helpers import widgets as _w
    _nb = nbformat.read({path!r}, as_version=4)
    _t0 = time.perf_counter()
    for _c in _nb.cells:
        if _c.cell_type == "code":
            exec(compile(_c.source.replace("# NBVAL_IGNORE_OUTPUT", ""), "<cell>", "exec"), globals())
    _run = time.perf_counter() - _t0
    _panels = [v for v in list(globals().values()) if isinstance(v, _w.Panel)]
    _lat = []
    if _panels:
        _p = _panels[0]
        _name = next(k for k in _p.state if len(_p.options(k)) > 1)
        _opts = _p.options(_name)
        for _i in range(20):
            _t = time.perf_counter()
            _value = _opts[_i % len(_opts)]
            _p.set(**{{_name: _value[1] if isinstance(_value, tuple) else _value}})
            _lat.append((time.perf_counter() - _t) * 1000)
    print(json.dumps({{"run_s": _run, "latency_ms": _lat}}))
    """
)


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


def run_in_kernel(base: str, user: str, token: str, code: str) -> dict:
    """Start a kernel in the user's server, run code, return its JSON output."""
    server = f"{base}/user/{user}"
    req = urllib.request.Request(
        f"{server}/api/kernels",
        method="POST",
        data=b"{}",
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=60) as r:
        kernel = json.load(r)
    ws = websocket.create_connection(
        f"ws://{server.split('://', 1)[1]}/api/kernels/{kernel['id']}/channels",
        header=[f"Authorization: token {token}"],
        timeout=600,
    )
    msg_id = uuid.uuid4().hex
    ws.send(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "username": user,
                    "session": uuid.uuid4().hex,
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
    out, error = "", None
    while True:
        raw = ws.recv()
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
    return json.loads(out.strip().splitlines()[-1])


def rss_tree(pid: int) -> float:
    p = psutil.Process(pid)
    return sum(q.memory_info().rss for q in [p, *p.children(recursive=True)]) / 2**20


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--students", type=int, default=10)
    ap.add_argument("--notebook", default="notebooks/01_recovery.ipynb")
    a = ap.parse_args()
    if not CHP.exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=CHP.parents[2], check=True)
    nb_path = (ROOT / a.notebook).resolve()
    if not nb_path.exists():
        nb_path = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))[-1]
    work = Path(tempfile.mkdtemp(prefix="nep-hub-"))
    port, token = free_port(), secrets.token_hex(24)
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
        c.Spawner.environment = {{"PATH": {str(BIN)!r} + ":" + "/usr/bin:/bin"}}
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
        [str(BIN / "jupyterhub"), "-f", str(config)],
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
        tokens = {
            u: api(base, token, "POST", f"/users/{u}/tokens", {"note": "bench", "expires_in": 3600})["token"]
            for u in users
        }
        code = KERNEL_CODE.format(path=str(nb_path))
        results, errors = {}, []

        def student(u):
            try:
                results[u] = run_in_kernel(base, u, tokens[u], code)
            except Exception as exc:  # reported below
                errors.append(f"{u}: {exc}")

        t1 = time.perf_counter()
        threads = [threading.Thread(target=student, args=(u,)) for u in users]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        all_run_s = time.perf_counter() - t1
        if errors:
            raise RuntimeError("; ".join(errors[:3]))
        mem = []
        for u in users:
            pid = api(base, token, "GET", f"/users/{u}")["servers"][""]["state"]["pid"]
            mem.append(rss_tree(pid))
        lat = [x for r in results.values() for x in r["latency_ms"]]
        runs = [r["run_s"] for r in results.values()]
        q = statistics.quantiles(lat, n=20) if len(lat) >= 20 else [max(lat)] * 19
        gib = psutil.virtual_memory().total / 2**30
        mem_text = f"median {statistics.median(mem):.0f} MiB, max {max(mem):.0f} MiB"
        run_text = f"wall {all_run_s:.1f} s; per kernel median {statistics.median(runs):.1f} s"
        lat_text = f"median {statistics.median(lat):.0f} ms, p95 {q[18]:.0f} ms ({len(lat)} changes)"
        report = textwrap.dedent(f"""
            ## Seminar benchmark ({time.strftime("%Y-%m-%d")}, {os.cpu_count()} cores, {gib:.0f} GiB)

            | measure | value |
            |---|---|
            | students | {len(users)} |
            | notebook | {nb_path.name} |
            | all servers ready | {ready_s:.1f} s |
            | memory per student (server + kernel, RSS) | {mem_text} |
            | memory, all students | {sum(mem):.0f} MiB |
            | notebook run, all students at once | {run_text} |
            | control → chart latency under load | {lat_text} |
        """).strip()
        print(report)
        (ROOT / "benchmarks" / "seminar-results.md").write_text(report + "\n", encoding="utf-8")
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
