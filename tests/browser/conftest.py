"""Real-browser fixtures: JupyterLab, Voilà and Jupyter Notebook 7 on localhost, driven by Playwright.

No browser is downloaded: Playwright launches the Chromium or Chrome that tools/find_browser.py finds
(NEP_BROWSER, then Debian's /usr/bin/chromium, which .ci/run installs with apt, then PATH and macOS's usual places).

What the browser opens is the **student edition** (tools/build_editions.py), the notebooks students get on
Binder and the hub, written to a temporary folder with autosave and news disabled, so a test run can never
change a notebook in the repository.

The fixture for new tests is :func:`lab_notebook`: ``lab_notebook("01_recovery.ipynb", viewport=(1366, 768))``
returns a :class:`drive.LabNotebook` whose ``page`` shows that notebook's student edition opened and run
(Run All Cells, kernel idle) in JupyterLab at that viewport. A notebook is run **once** for every test that
asks for it: the open notebook is kept until a test asks for another one, and the tests are ordered by
notebook (``pytest_collection_modifyitems`` below), so parametrize new tests with ``nb`` over
:data:`drive.NOTEBOOKS` (or name the notebook) and they share the run. Operate controls as you like but
put them back: the next test sees the same page. :func:`voila_notebook` does the same for Voilà.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from drive import ARTIFACTS, NOTEBOOKS, ROOT, LabNotebook, open_and_run_all, open_voila, stored_views

sys.path.insert(0, str(ROOT / "tools"))
from build_editions import student_edition  # noqa: E402
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


def _notebook_of(item) -> str | None:
    """The notebook a browser test is about: its ``nb`` parameter (a path or a name), else its module's
    ``NOTEBOOK``, if any."""
    nb = getattr(item, "callspec", None) and item.callspec.params.get("nb")
    nb = nb or getattr(item.module, "NOTEBOOK", None)
    return getattr(nb, "name", nb) if nb else None


#: the order of the tests of one notebook on its one page: reading checks first, on the page as Run All
#: left it; then the ones that operate controls (and put them back); answers left typed last
MODULE_ORDER = ("test_readability", "test_axe", "test_keyboard", "test_lab", "test_selfchecks")


def pytest_collection_modifyitems(config, items):
    """Order the browser tests by notebook, so that each notebook is opened and run once for all of them
    (the JupyterLab tests of a notebook first, then the Voilà ones); tests without a notebook keep their place."""
    browser = [i for i in items if "tests/browser/" in i.nodeid.replace("\\", "/")]
    if not browser:
        return
    order = {nb.name: k for k, nb in enumerate(NOTEBOOKS)}

    def key(pair):
        index, item = pair
        nb = _notebook_of(item)
        voila = "voila" in item.name
        module = item.module.__name__.rsplit(".", 1)[-1]
        rank = MODULE_ORDER.index(module) if module in MODULE_ORDER else len(MODULE_ORDER)
        return (order.get(nb, -1), voila, rank, index)

    ranked = sorted(enumerate(browser), key=key)
    rest = [i for i in items if i not in set(browser)]
    items[:] = rest + [item for _, item in ranked]
    # with `-n 2 --dist loadgroup` (make test-browser) a notebook's tests all go to one worker, which opens and
    # runs it once for all of them; tests without a notebook form one group of their own
    for _, item in ranked:
        item.add_marker(pytest.mark.xdist_group(_notebook_of(item) or "no-notebook"))


def write_student_edition(notebooks: Path) -> None:
    """The student edition of every course notebook, written into ``notebooks`` (a temporary folder)."""
    import nbformat

    notebooks.mkdir(parents=True, exist_ok=True)
    for nb in NOTEBOOKS:
        nbformat.write(student_edition(nbformat.read(nb, as_version=4)), notebooks / nb.name)


@pytest.fixture(scope="session")
def workdir(tmp_path_factory) -> Path:
    """A temporary folder with ``notebooks/``: the student edition of every course notebook."""
    d = tmp_path_factory.mktemp("course")
    write_student_edition(d / "notebooks")
    return d


def _jupyter_server(app: str, workdir: Path, tmp_path_factory):
    """Start ``jupyter lab`` or ``jupyter notebook`` (Notebook 7) on the working folder; yield its address."""
    if CHROMIUM is None:
        pytest.fail(instruction(ci=in_ci(os.environ)), pytrace=False)
    settings = tmp_path_factory.mktemp(f"{app}-settings")
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
    app_class = "LabApp" if app == "lab" else "JupyterNotebookApp"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = open(ARTIFACTS / f"jupyter-{app}.log", "w")
    proc = subprocess.Popen(
        [
            str(BIN / "jupyter"),
            app,
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={workdir}",
            "--ServerApp.open_browser=False",
            # news_url is JupyterLab's alone: given to Notebook 7, its config shim fails on it and drops
            # the rest, expose_app_in_browser included (then the tests find no window.jupyterapp)
            *([f"--{app_class}.news_url="] if app == "lab" else []),
            f"--{app_class}.expose_app_in_browser=True",
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
def lab(workdir, tmp_path_factory):
    """JupyterLab on the student edition."""
    yield from _jupyter_server("lab", workdir, tmp_path_factory)


@pytest.fixture(scope="session")
def notebook7(workdir, tmp_path_factory):
    """Jupyter Notebook 7 (the interface some hubs open by default) on the student edition."""
    yield from _jupyter_server("notebook", workdir, tmp_path_factory)


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
        yield {"base": base, "workdir": workdir}
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


class _OneAtATime:
    """Keeps one notebook open (a browser context and its kernel) and opens another when asked."""

    def __init__(self, browser, open_page):
        self.browser, self.open_page = browser, open_page
        self.current: LabNotebook | None = None
        self.context = None

    def __call__(self, notebook: str | Path, viewport: tuple[int, int] = (1366, 768)) -> LabNotebook:
        name = getattr(notebook, "name", notebook)
        if self.current is None or self.current.name != name:
            self.close()
            self.context = self.browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
            page = self.context.new_page()
            page.set_default_timeout(60_000)
            self.current = self.open_page(page, name)
        if tuple(self.current.page.viewport_size.values()) != tuple(viewport):
            self.current.page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
        return self.current

    def close(self) -> None:
        if self.context is not None:
            self.context.close()
        self.context, self.current = None, None


@pytest.fixture(scope="session")
def lab_notebook(lab, browser):
    """``lab_notebook(name, viewport=(1366, 768))``: the student edition of a notebook, opened and run in
    JupyterLab at that viewport (see the module docstring). The same page serves every test of a notebook."""

    def open_page(page, name: str) -> LabNotebook:
        open_and_run_all(page, lab, name)
        return LabNotebook(name=name, path=lab["workdir"] / "notebooks" / name, page=page, server=lab)

    opener = _OneAtATime(browser, open_page)
    yield opener
    opener.close()


@pytest.fixture(scope="session")
def voila_notebook(voila, browser):
    """``voila_notebook(name, viewport=(1366, 768))``: the student edition of a notebook rendered as a Voilà
    app (every view drawn); one render serves every test of a notebook."""

    def open_page(page, name: str) -> LabNotebook:
        open_voila(page, voila["base"], name, stored_views(ROOT / "notebooks" / name))
        return LabNotebook(name=name, path=voila["workdir"] / "notebooks" / name, page=page, server=voila)

    opener = _OneAtATime(browser, open_page)
    yield opener
    opener.close()
