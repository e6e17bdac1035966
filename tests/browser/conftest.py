"""Real-browser fixtures: JupyterLab and Voilà on localhost, driven by Playwright in Chromium or Chrome.

No browser is downloaded: Playwright launches the Chromium or Chrome that tools/find_browser.py finds
(NEP_BROWSER, then Debian's /usr/bin/chromium, which .ci/run installs with apt, then PATH and macOS's usual places).
The servers work on a temporary copy of notebooks/, with autosave and news disabled, so a test
run can never change a notebook in the repository.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
sys.path.insert(0, str(ROOT / "tools"))
from find_browser import find_browser, in_ci, instruction  # noqa: E402

CHROMIUM = find_browser()
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
BIN = Path(sys.executable).parent
ROOT_FLAG = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # CI runs as root

LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, timeout: float = 60) -> None:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except Exception:
            time.sleep(0.3)
    raise RuntimeError(f"server at {url} did not answer within {timeout} s")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "notebooks", d / "notebooks")
    return d


@pytest.fixture(scope="session")
def lab(workdir, tmp_path_factory):
    if CHROMIUM is None:
        pytest.fail(instruction(ci=in_ci(os.environ)), pytrace=False)
    settings = tmp_path_factory.mktemp("lab-settings")
    for rel, value in LAB_SETTINGS.items():
        p = settings / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(json.dumps(value))
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(settings),
        "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path_factory.mktemp("ws")),
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / "jupyterlab.log", "w")
    proc = subprocess.Popen(
        [
            str(BIN / "jupyter"),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={workdir}",
            "--ServerApp.open_browser=False",
            "--LabApp.news_url=",
            "--LabApp.expose_app_in_browser=True",
            *ROOT_FLAG,
        ],
        cwd=workdir,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_http(f"{base}/api/status?token={token}")
        yield {"base": base, "token": token, "workdir": workdir}
    finally:
        _stop(proc)
        log.close()


@pytest.fixture(scope="session")
def voila(workdir):
    port = _free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / "voila.log", "w")
    proc = subprocess.Popen(
        [str(BIN / "voila"), "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1", str(workdir / "notebooks")],
        cwd=workdir / "notebooks",
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_http(base)
        yield {"base": base}
    finally:
        _stop(proc)
        log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:
        pytest.fail(instruction(ci=in_ci(os.environ)), pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    ctx.close()
