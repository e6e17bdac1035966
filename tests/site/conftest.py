"""Fixtures of the website tests: the built site (build/site from `make site`, or a fresh build), and
Chromium through Playwright for the pages (the browser tools/find_browser.py finds; none is downloaded)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import build_site  # noqa: E402
from find_browser import find_browser, instruction  # noqa: E402

AXE = ROOT / "site" / "node_modules" / "axe-core" / "axe.min.js"
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


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    """The student site. NEP_SITE_DIR (set by `make test-site` to build/site, just built) or a fresh build."""
    given = os.environ.get("NEP_SITE_DIR")
    if given:
        d = Path(given)
        if not (d / "index.html").is_file():
            pytest.fail(f"NEP_SITE_DIR={given} holds no built site (no index.html): run `make site` first.")
        return d
    out = tmp_path_factory.mktemp("site") / "site"
    build_site.build("student", out)
    return out


@pytest.fixture(scope="session")
def instructor_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-instructor") / "site"
    build_site.build("instructor", out)
    return out


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    path = find_browser()
    if path is None:
        pytest.fail(instruction())
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` in site/ (`make test-site` does it).")
    return AXE.read_text(encoding="utf-8")
