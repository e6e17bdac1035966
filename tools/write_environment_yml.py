"""Write environment.yml (what Binder builds) from requirements/lock.txt.

Binder's repo2docker reads environment.yml. conda-forge provides Python and
pip only; every course package is installed by pip with exactly the pins of
requirements/lock.txt, so Binder, CI and a local `make lab` run the same
versions. tests/test_environment.py fails if the two files drift apart.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON_VERSION = "3.11"  # the same minor version pyproject.toml requires

HEADER = """\
# Binder (repo2docker) builds this environment. Do not edit by hand:
# run `make env-file` after changing requirements/lock.txt.
# Python and pip come from conda-forge; every course package is pinned under
# `- pip:` with exactly the versions of requirements/lock.txt.
name: nep-to-plan
channels:
  - conda-forge
dependencies:
  - python={python}
  - pip
  - pip:
"""


def lock_pins(path: Path = ROOT / "requirements" / "lock.txt") -> list[str]:
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]


def render() -> str:
    pins = lock_pins() + ["-e ."]
    return HEADER.format(python=PYTHON_VERSION) + "".join(f"      - {p}\n" for p in pins)


if __name__ == "__main__":
    (ROOT / "environment.yml").write_text(render(), encoding="utf-8")
    print("wrote environment.yml with", len(lock_pins()), "pins")
