"""Check one notebook after a change, the way `make test` will, and say what to do next.

Usage: ``make check NB=04_end_of_nep.ipynb`` (or ``python tools/check_notebook.py 04_end_of_nep.ipynb``).

In order, stopping at the first step that fails:

1. re-execute the notebook top to bottom in a fresh kernel and store its outputs;
2. run the data and unit tests (everything but the slow, browser and site stages): the quotations,
   exercise keys, stated numbers, chart declarations, times and guides of every notebook;
3. strict nbval on the notebook;
4. build its student and instructor editions (into a scratch folder below ``build/editions/``) and run
   strict nbval on both.

The last line says in one sentence what passed or failed and what to do next.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import execute_notebooks  # noqa: E402  (a sibling tool, not a package)

NBVAL = ["--nbval", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "-p", "no:cacheprovider", "-q"]
SCRATCH = ROOT / "build" / "editions" / "check"


def _pytest(*args: str) -> bool:
    print(f"$ pytest {' '.join(args)}", flush=True)
    return subprocess.run([sys.executable, "-m", "pytest", *args], cwd=ROOT).returncode == 0


def check(name: str) -> tuple[bool, str]:
    path = execute_notebooks.resolve(name)
    nb = path.name
    again = f"then run `make check NB={nb}` again."
    print(f"1/4 executing notebooks/{nb} …", flush=True)
    try:
        print(f"    done in {execute_notebooks.execute(path):.1f} s", flush=True)
    except Exception as exc:  # the kernel's error, shown as the cell's message
        return (
            False,
            f"notebooks/{nb} stops with an error while running ({type(exc).__name__}): mend the cell it names above, "
            + again,
        )
    print("2/4 data and unit tests …", flush=True)
    fast = [
        "-n",
        "2",
        "-m",
        "not slow",
        "-p",
        "no:cacheprovider",
        "-q",
        "--ignore=tests/browser",
        "--ignore=tests/site",
        "tests",
    ]
    if not _pytest(*fast):
        return (
            False,
            "a data or unit test failed (its message above names the file, id or row and the fix): mend it, " + again,
        )
    print(f"3/4 strict nbval on notebooks/{nb} …", flush=True)
    if not _pytest(*NBVAL, f"notebooks/{nb}"):
        return (
            False,
            f"notebooks/{nb} gives different outputs when run again (see above): make its output reproducible, "
            + again,
        )
    print("4/4 student and instructor editions …", flush=True)
    shutil.rmtree(SCRATCH, ignore_errors=True)
    built = subprocess.run([sys.executable, "tools/build_editions.py", "--out", str(SCRATCH), str(path)], cwd=ROOT)
    try:
        editions = [SCRATCH / e / nb for e in ("student", "instructor")]
        if built.returncode != 0 or not all(p.is_file() for p in editions):
            return (
                False,
                f"the editions of {nb} could not be built (see above): mend the cell tags it names, " + again,
            )
        if not _pytest(*NBVAL, *map(str, editions)):
            return (
                False,
                f"an edition of {nb} fails when run (see above): usually a student cell depends on a "
                "`solution` or `instructor` cell; make it stand alone, " + again,
            )
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
    return (
        True,
        (
            f"{nb} passes: commit notebooks/{nb} with the data files you changed (`git status` lists them); "
            "`make site` shows its page, and `make test` runs everything, the browser included."
        ),
    )


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("Name one notebook: make check NB=04_end_of_nep.ipynb", file=sys.stderr)
        return 2
    ok, line = check(argv[0])
    print(("PASSED: " if ok else "FAILED: ") + line)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
