"""Write environment.yml (what Binder builds) from the runtime lock, requirements/runtime.txt.

Binder's repo2docker reads environment.yml. conda-forge provides Python and pip only; every
runtime package is installed by pip with exactly the pins (and platform markers) of
requirements/runtime.txt, so Binder, a seminar hub image and a local `make lab` run the same
versions. Test tooling (requirements/dev.txt) never reaches Binder. environment.yml carries no
hashes (conda's pip section cannot pass them); tests/test_environment.py keeps the pins identical.

    python tools/write_environment_yml.py           rewrite environment.yml
    python tools/write_environment_yml.py --check   exit 1 if environment.yml is stale
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNTIME_LOCK = ROOT / "requirements" / "runtime.txt"
PYTHON_VERSION = "3.11"  # the same minor version pyproject.toml requires

HEADER = """\
# Binder (repo2docker) builds this environment. Do not edit by hand: `make lock` (or, after
# editing requirements/runtime.txt, `make env-file`) rewrites it from the runtime lock.
# Python and pip come from conda-forge; every course package is pinned under `- pip:` with
# exactly the versions of requirements/runtime.txt. Test tooling is not installed here.
name: nep-to-plan
channels:
  - conda-forge
dependencies:
  - python={python}
  - pip
  - pip:
"""

# "name==version" optionally followed by " ; marker", as uv/pip-compile write them (then " \" and hashes)
PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9][A-Za-z0-9_.\-]*(?:\[[^\]]+\])?)==(?P<version>[^\s;\\]+)(?:\s*;\s*(?P<marker>[^\\]+?))?\s*\\?$"
)


def lock_pins(path: Path = RUNTIME_LOCK) -> list[str]:
    """Every requirement line of a hashed lock, as 'name==version' or 'name==version ; marker'.

    Hash and comment lines are skipped. A line that is neither an exact pin, a hash, a comment
    nor blank raises ValueError naming the file and the line, so a hand edit cannot slip through.
    """
    pins = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#") or line.startswith("--hash="):
            continue
        match = PIN.match(line)
        if not match:
            raise ValueError(
                f"{path.name}:{number}: {raw!r} is not an exact pin; the lock holds only "
                "'name==version [; marker] \\' lines with their hashes (regenerate it with `make lock`)"
            )
        pin = f"{match['name']}=={match['version']}"
        pins.append(f"{pin} ; {match['marker'].strip()}" if match["marker"] else pin)
    return pins


def render(path: Path = RUNTIME_LOCK) -> str:
    pins = [*lock_pins(path), "-e ."]
    return HEADER.format(python=PYTHON_VERSION) + "".join(f"      - {p}\n" for p in pins)


def main(argv: list[str]) -> int:
    target = ROOT / "environment.yml"
    if argv == ["--check"]:
        if target.read_text(encoding="utf-8") != render():
            print("environment.yml differs from requirements/runtime.txt: run `make env-file`", file=sys.stderr)
            return 1
        return 0
    if argv:
        print(f"write_environment_yml.py: unknown arguments {argv}; allowed: --check", file=sys.stderr)
        return 2
    target.write_text(render(), encoding="utf-8")
    print("wrote environment.yml with", len(lock_pins()), "pins from requirements/runtime.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
