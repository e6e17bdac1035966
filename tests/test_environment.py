"""Two hashed locks that never drift: requirements/runtime.txt (make lab, Binder via environment.yml)
and requirements/dev.txt (make test, CI: the runtime pins plus test and maintainer tooling)."""

import re
import sys
import tomllib

import pytest
import yaml
from _paths import ROOT
from packaging.markers import Marker
from packaging.requirements import Requirement

sys.path.insert(0, str(ROOT / "tools"))
import write_environment_yml  # noqa: E402

REQ = ROOT / "requirements"
RUNTIME, DEV = REQ / "runtime.txt", REQ / "dev.txt"
# Packages a student's environment must never install: they serve tests, CI, grading or the website.
DEV_ONLY = {
    "pytest",
    "pytest-xdist",
    "nbval",
    "coverage",
    "frictionless",
    "playwright",
    "jupyter-repo2docker",
    "docker",
    "jupyterhub",
    "alembic",
    "nbgrader",
    "ruff",
    "pre-commit",
    "nbdime",
    "sphinx",
    "myst-nb",
    "sphinx-book-theme",
    "uv",
    "pip-tools",
}
LINUX_311 = {
    "sys_platform": "linux",
    "platform_system": "Linux",
    "os_name": "posix",
    "python_version": "3.11",
    "python_full_version": "3.11.9",
    "implementation_name": "cpython",
}


def _name(pin: str) -> str:
    return re.split(r"[=\[ ;]", pin, maxsplit=1)[0].lower().replace("_", "-").replace(".", "-")


def _pins(path):
    return write_environment_yml.lock_pins(path)


def _versions(path, environment=None):
    """{name: version} of the pins whose marker holds in `environment` (default: Linux, Python 3.11)."""
    env = {**LINUX_311, **(environment or {})}
    out = {}
    for pin in _pins(path):
        req = Requirement(pin)
        if req.marker is None or req.marker.evaluate(env):
            out[_name(pin)] = str(req.specifier).removeprefix("==")
    return out


def _direct(path):
    reqs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            reqs.append(Requirement(line))
    return reqs


def test_environment_yml_is_the_runtime_lock():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert env["channels"] == ["conda-forge"]
    deps = env["dependencies"]
    assert deps[:2] == ["python=3.11", "pip"]
    pip_pins = deps[2]["pip"]
    assert pip_pins[-1] == "-e ."
    assert pip_pins[:-1] == _pins(RUNTIME)
    assert (ROOT / "environment.yml").read_text(encoding="utf-8") == write_environment_yml.render(), (
        "run: make env-file"
    )


@pytest.mark.parametrize("lock", [RUNTIME, DEV], ids=["runtime", "dev"])
def test_every_lock_entry_is_an_exact_pin_with_hashes(lock):
    text = lock.read_text(encoding="utf-8")
    entries = re.split(r"\n(?=[A-Za-z])", text.split("\n", 1)[1] if text.startswith("#") else text)
    entries = [e for e in entries if e.strip() and not e.lstrip().startswith("#")]
    assert len(entries) == len(_pins(lock)) > 0
    for entry in entries:
        first = entry.splitlines()[0]
        assert re.match(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*==\S+", first), first
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), f"{first}: no hash"
    for pin in _pins(lock):
        Requirement(pin)  # parses, marker included


def test_runtime_lock_holds_no_test_or_maintainer_tooling():
    names = {_name(p) for p in _pins(RUNTIME)}
    assert not names & DEV_ONLY, sorted(names & DEV_ONLY)
    binder = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))["dependencies"][2]["pip"]
    assert not {_name(p) for p in binder} & DEV_ONLY


def test_required_stack_is_pinned_where_it_belongs():
    runtime, dev = _versions(RUNTIME), _versions(DEV)
    assert {"jupyterlab", "notebook", "ipykernel", "ipywidgets", "matplotlib", "pandas", "pyyaml", "voila"} <= set(
        runtime
    )
    # nbval compares stored outputs in the tests: test tooling, so dev only
    assert {
        "nbval",
        "pytest",
        "pytest-xdist",
        "frictionless",
        "playwright",
        "jupyter-repo2docker",
        "ruff",
        "pre-commit",
        "nbgrader",
        "alembic",
        "sphinx",
        "myst-nb",
        "sphinx-book-theme",
    } <= set(dev)


@pytest.mark.parametrize(
    "platform",
    [
        {},
        {"sys_platform": "darwin", "platform_system": "Darwin"},
        {"python_full_version": "3.11.2"},
    ],
    ids=["linux", "macos", "python-3.11.2"],
)
def test_dev_lock_installs_every_runtime_pin_unchanged(platform):
    runtime, dev = _versions(RUNTIME, platform), _versions(DEV, platform)
    changed = {n: (v, dev.get(n)) for n, v in runtime.items() if dev.get(n) != v}
    assert not changed, changed


def test_locks_resolve_for_macos_too():
    """A universal lock: macOS-only dependencies (appnope for ipykernel) are pinned with their marker."""
    pins = _pins(RUNTIME)
    appnope = [p for p in pins if _name(p) == "appnope"]
    assert appnope and Marker(appnope[0].split(";", 1)[1]).evaluate({**LINUX_311, "sys_platform": "darwin"})
    assert "appnope" not in _versions(RUNTIME)


@pytest.mark.parametrize("source,lock", [("runtime.in", RUNTIME), ("dev.in", DEV)])
def test_direct_requirements_are_satisfied_by_their_lock(source, lock):
    versions = _versions(lock)
    for req in _direct(REQ / source):
        key = req.name.lower().replace("_", "-").replace(".", "-")
        assert key in versions, f"{source}: {req.name} missing from {lock.name}"
        assert req.specifier.contains(versions[key], prereleases=True), (
            f"{req.name} {versions[key]} not in {req.specifier}"
        )


def test_dev_requirements_build_on_the_runtime_ones():
    text = (REQ / "dev.in").read_text(encoding="utf-8")
    assert re.search(r"^-r runtime\.in$", text, re.M) and re.search(r"^-c runtime\.txt$", text, re.M)


def test_declared_package_dependencies_are_satisfied_by_the_runtime_lock():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = _versions(RUNTIME)
    for dep in map(Requirement, project["dependencies"]):
        assert dep.specifier.contains(runtime[dep.name.lower()]), f"pyproject {dep} vs lock {runtime[dep.name.lower()]}"


def test_python_is_pinned_to_the_same_minor_version_everywhere():
    env_python = re.search(r"^\s+- python=(\S+)$", (ROOT / "environment.yml").read_text(), re.M)[1]
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert env_python == write_environment_yml.PYTHON_VERSION == "3.11" and requires == "==3.11.*"
    makefile = (ROOT / "Makefile").read_text()
    assert "--python-version 3.11" in makefile, "make lock resolves for Python 3.11"
    assert sys.version_info[:2] == (3, 11)


def test_nothing_hides_environment_yml_from_binder():
    """repo2docker reads binder/ first and would then ignore the top-level environment.yml."""
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    assert not (ROOT / "requirements.txt").exists(), "repo2docker would consider a top-level requirements.txt"
    assert not (REQ / "lock.txt").exists() and not (REQ / "requirements.in").exists(), "the old single lock is gone"


def test_lock_reader_refuses_a_hand_edited_line(tmp_path):
    lock = tmp_path / "runtime.txt"
    lock.write_text("pandas==3.1.1 \\\n    --hash=sha256:" + "0" * 64 + "\nmatplotlib>=3.10\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"runtime.txt:3: 'matplotlib>=3.10' is not an exact pin"):
        write_environment_yml.lock_pins(lock)


def test_lock_reader_keeps_markers(tmp_path):
    lock = tmp_path / "runtime.txt"
    lock.write_text(
        "# header\nappnope==1.0.0 ; sys_platform == 'darwin' \\\n    --hash=sha256:" + "a" * 64 + "\n", encoding="utf-8"
    )
    assert write_environment_yml.lock_pins(lock) == ["appnope==1.0.0 ; sys_platform == 'darwin'"]


def test_env_file_command_checks_and_refuses_unknown_arguments(capsys):
    assert write_environment_yml.main(["--check"]) == 0, "environment.yml is stale: run make env-file"
    assert write_environment_yml.main(["--frobnicate"]) == 2
    assert "unknown arguments ['--frobnicate']; allowed: --check" in capsys.readouterr().err
