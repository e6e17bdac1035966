"""What Binder builds from main (the instructor route): repo2docker --no-build prints the Dockerfile
without a Docker engine. The student branch's tree is checked the same way in tests/test_routes.py."""

import subprocess
import sys
from pathlib import Path

import pytest
from _paths import ROOT


@pytest.mark.slow
def test_repo2docker_builds_the_pinned_conda_environment():
    r2d = Path(sys.executable).parent / "jupyter-repo2docker"
    out = subprocess.run([str(r2d), "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    text = out.stdout + out.stderr
    assert "Building conda environment for python=3.11" in text
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in text
    assert "requirements.txt" not in text.split("FROM ", 1)[1].split("environment.yml", 1)[0]
