"""Shared fixtures: a private copy of data/ for tests that corrupt files."""

from __future__ import annotations

import shutil

import pytest
from _paths import ROOT


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A throw-away copy of data/ that helpers read instead of the real one."""
    from helpers import clear_caches

    dst = tmp_path / "data"
    shutil.copytree(ROOT / "data", dst)
    monkeypatch.setenv("NEP_COURSE_DATA", str(dst))
    clear_caches()
    yield dst
    monkeypatch.delenv("NEP_COURSE_DATA")
    clear_caches()
