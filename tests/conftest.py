"""Shared fixtures: a private copy of data/ for tests that corrupt files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A throw-away copy of data/ that helpers read instead of the real one."""
    from helpers import data, paths, sources

    dst = tmp_path / "data"
    shutil.copytree(ROOT / "data", dst)
    monkeypatch.setenv("NEP_COURSE_DATA", str(dst))
    for fn in (paths.data_dir, data.load_figures, sources._sources, sources._excerpts, sources.source_text):
        fn.cache_clear()
    yield dst
    monkeypatch.delenv("NEP_COURSE_DATA")
    for fn in (paths.data_dir, data.load_figures, sources._sources, sources._excerpts, sources.source_text):
        fn.cache_clear()
