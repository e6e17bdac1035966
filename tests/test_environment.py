"""One set of pins: requirements/lock.txt (pip, CI, make lab) and environment.yml (Binder) never drift."""

import re
import sys
import tomllib

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import write_environment_yml  # noqa: E402


def _env_pins():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    pip_block = text.split("  - pip:\n", 1)[1]
    return [line.strip()[2:] for line in pip_block.splitlines() if line.strip().startswith("- ")]


def test_environment_yml_pins_are_the_lock():
    pins = _env_pins()
    assert pins[-1] == "-e ."
    assert pins[:-1] == write_environment_yml.lock_pins()
    assert (ROOT / "environment.yml").read_text(encoding="utf-8") == write_environment_yml.render(), "run: make env-file"


def test_every_lock_line_is_an_exact_pin():
    for pin in write_environment_yml.lock_pins():
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", pin), pin


def test_required_stack_is_pinned():
    names = {p.split("==")[0].lower() for p in write_environment_yml.lock_pins()}
    assert {"jupyterlab", "pandas", "matplotlib", "ipywidgets", "nbval", "frictionless", "pytest", "pytest-xdist"} <= names


def test_direct_requirements_are_in_the_lock():
    lock = {p.split("==")[0].lower(): p.split("==")[1] for p in write_environment_yml.lock_pins()}
    for line in (ROOT / "requirements" / "requirements.in").read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        name, _, version = line.partition("==")
        assert name.lower() in lock, name
        if version:
            assert lock[name.lower()] == version, name


def test_python_is_pinned_to_the_same_minor_version_everywhere():
    env_python = re.search(r"^\s+- python=(\S+)$", (ROOT / "environment.yml").read_text(), re.M)[1]
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert env_python == "3.11" and requires == "==3.11.*"
    assert sys.version_info[:2] == (3, 11)


def test_nothing_hides_environment_yml_from_binder():
    """repo2docker reads binder/ first and would then ignore the top-level environment.yml."""
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert not (ROOT / "requirements.txt").exists(), "repo2docker would consider a top-level requirements.txt"
