"""The Makefile's promises, checked by running make (dry runs, or real runs with stand-in programs)."""

import os
import re
import shutil
import subprocess
import sys

import pytest
from _paths import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _make(*args, path_prefix=None, check=True):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE")}
    if path_prefix:
        env["PATH"] = f"{path_prefix}{os.pathsep}{env['PATH']}"
    out = subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, env=env)
    if check:
        assert out.returncode == 0, out.stderr
    return out


def _script(path, text):
    path.write_text("#!/bin/sh\n" + text)
    path.chmod(0o755)
    return path


@pytest.fixture
def fake_bin(tmp_path):
    """A stand-in for .venv/bin whose jupyter only reports how it was called."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _script(bin_dir / "jupyter", 'echo "jupyter $*"\n')
    return bin_dir


@pytest.mark.parametrize("uid,root", [("0", True), ("1000", False)])
def test_make_lab_passes_allow_root_only_to_root_and_says_so(tmp_path, fake_bin, uid, root):
    ids = tmp_path / "ids"
    ids.mkdir()
    _script(ids / "id", f'[ "$1" = "-u" ] && echo {uid} || /usr/bin/id "$@"\n')
    stamp = tmp_path / "runtime-stamp"
    _script(fake_bin / "python", 'mkdir -p build/editions/student && echo "student edition: built by a stand-in"\n')
    out = _make("-s", f"-o{stamp}", f"RUNTIME_STAMP={stamp}", f"BIN={fake_bin}", "lab", path_prefix=ids)
    lines = [ln for ln in out.stdout.strip().splitlines() if not ln.startswith("student edition:")]
    if root:
        assert lines == [
            "Note: you are root (as in a container or WSL's default user), so JupyterLab starts with --allow-root.",
            "jupyter lab --allow-root 00_start_here.ipynb",
        ]
    else:
        assert lines == ["jupyter lab 00_start_here.ipynb"]


def _dry(target, tmp_path, **overrides):
    venv = tmp_path / "venv"
    args = ["-n", f"VENV={venv}", *(f"{k}={v}" for k, v in overrides.items()), target]
    return _make(*args).stdout


def test_make_lab_installs_the_runtime_lock_only(tmp_path):
    text = _dry("lab", tmp_path)
    assert "pip install --quiet --require-hashes -r requirements/runtime.txt" in text
    assert "dev.txt" not in text
    assert text.strip().splitlines()[-1].endswith("jupyter lab 00_start_here.ipynb") != (os.geteuid() == 0)


@pytest.mark.parametrize("edition", ["student", "instructor"])
def test_make_lab_opens_the_student_edition_unless_told_otherwise(tmp_path, edition):
    """A fresh clone's `make lab` builds and opens the student edition (no solutions, no instructor notes);
    `make lab EDITION=instructor` the instructor edition. The builder keeps every notebook a student changed."""
    text = _dry("lab", tmp_path, **({"EDITION": edition} if edition == "instructor" else {}))
    lines = text.strip().splitlines()
    assert f"tools/build_editions.py --edition {edition} --quiet" in lines[-2]
    assert lines[-1].startswith(f"cd build/editions/{edition} && ") and "notebooks/" not in lines[-1]


def test_make_lab_refuses_an_unknown_edition(tmp_path, fake_bin):
    stamp = tmp_path / "runtime-stamp"
    out = _make("-s", f"-o{stamp}", f"RUNTIME_STAMP={stamp}", f"BIN={fake_bin}", "lab", "EDITION=full", check=False)
    assert out.returncode != 0 and "EDITION must be student or instructor, not 'full'" in out.stdout


def test_make_test_installs_dev_and_runs_lint_first_then_the_stages_in_order(tmp_path):
    text = _dry("test", tmp_path)
    steps = [
        "-r requirements/runtime.txt",
        "-r requirements/dev.txt",
        "ruff check src tests tools benchmarks",
        "pytest -p no:cacheprovider -q tests/docs",
        "--nbval --nbval-sanitize-with tests/nbval_sanitize.cfg",
        "tools/build_editions.py --out build/editions/test",
        "tools/find_browser.py --check",
        "pytest -p no:cacheprovider -n 2 --dist loadgroup --durations=25 tests/browser",
    ]
    positions = [text.find(s) for s in steps]
    assert -1 not in positions, [s for s, p in zip(steps, positions, strict=True) if p == -1]
    assert positions == sorted(positions), "stages out of order"
    assert "--nbval-lax" not in text
    unit_stage = next(line for line in text.splitlines() if "--nbval" in line and "notebooks" in line)
    assert "--ignore=tests/docs" in unit_stage, "the docs checks run once, in their own stage"


def test_make_test_fast_is_parallel_unit_tests_without_slow_ones(tmp_path):
    text = _dry("test-fast", tmp_path)
    assert re.search(r'pytest -n 2 -m "not slow" .*--ignore=tests/browser --ignore=tests/site tests$', text, re.M), text
    assert "--nbval" not in text.split("dev.txt", 1)[-1]
    assert "--ignore=tests/docs" in text, "an edit to a page does not fail the everyday tests"


def test_make_clean_removes_test_artifacts_and_build(tmp_path):
    text = _dry("clean", tmp_path)
    command = text.strip().splitlines()[-1].split()
    assert command[:2] == ["rm", "-rf"] and {"build", "test-artifacts", str(tmp_path / "venv")} <= set(command)


def test_make_lock_starts_from_a_clean_environment_and_resolves_for_311(tmp_path):
    text = _dry("lock", tmp_path, LOCK_ENV=tmp_path / "lock-env")
    assert f"-m venv --clear {tmp_path / 'lock-env'}" in text
    assert text.count("pip compile") == 2 and "--generate-hashes" in text and "--python-version 3.11" in text
    assert text.index("runtime.in -o requirements/runtime.txt") < text.index("dev.in -o requirements/dev.txt")
    assert "tools/write_environment_yml.py" in text.split("dev.txt", 1)[1]
    assert "sys.version_info[:2] == (3, 11)" in text.splitlines()[0]


def test_make_lock_refuses_another_python_with_a_clear_message(tmp_path):
    fake = _script(
        tmp_path / "python3.12",
        f"exec {sys.executable} -c \"import sys; sys.version_info = (3, 12, 1); sys.version = '3.12.1 (fake)'\n$2\"\n",
    )
    out = _make(f"PYTHON={fake}", f"LOCK_ENV={tmp_path / 'lock-env'}", "lock", check=False)
    assert out.returncode != 0
    assert f"The course needs Python 3.11, but {fake} is 3.12.1" in out.stderr
    assert "PYTHON=/path/to/python3.11" in out.stderr
    assert not (tmp_path / "lock-env").exists(), "nothing was run after the refusal"


def test_make_help_lists_every_target_with_what_it_does():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][a-zA-Z_-]*):(?!=)", text, re.M))
    shown = dict(re.findall(r"^make (\S+)\s+(.+)$", _make("-s", "help").stdout, re.M))
    assert targets and targets == set(shown), sorted(targets ^ set(shown))
    assert all(len(what) > 10 for what in shown.values())


def test_notebooks_diff_and_merge_with_nbdime(tmp_path):
    out = subprocess.run(
        ["git", "check-attr", "diff", "merge", "text", "--", "notebooks/00_start_here.ipynb", "data/figures.csv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "notebooks/00_start_here.ipynb: diff: jupyternotebook" in out
    assert "notebooks/00_start_here.ipynb: merge: jupyternotebook" in out
    assert "data/figures.csv: text: unset" in out, "source texts and tables keep their bytes (no EOL conversion)"
    text = _dry("git-tools", tmp_path)
    assert "nbdime config-git --enable" in text and "pre-commit install" in text


def test_make_student_tree_assembles_below_build(tmp_path):
    text = _dry("student-tree", tmp_path)
    assert text.strip().splitlines()[-1].endswith("tools/publish_student.py --out build/student-branch")
