"""Assemble the student edition as a self-contained tree, and commit it to the student branch.

Every student route (the Binder link, the nbgitpuller link, the website's launch buttons) opens the
branch named in config/publish.toml (``[repository] student_branch``, "student"). That branch holds
only what a student needs, generated from main, never edited by hand:

  notebooks/      the student edition of every notebook (tools/build_editions.py: no solution or
                  instructor cells, exercise outputs cleared)
  data/ src/      the course data and the helpers package (data/stated_numbers.yml, which quotes
                  solutions and instructor notes for the tests, is left out; the exercises' answers
                  are sealed and their computations left out: helpers.teaching.exercises.seal_file)
  pyproject.toml environment.yml requirements/runtime.*   what Binder and `pip` install
  docs/           the notes of docs/ that the student notebooks point to (``docs/<name>.md`` in their
                  text, e.g. docs/historiography.md), and no other (the instructor's guides stay on main)
  README.md       a short generated guide with the launch links; LICENSE, LICENSE-CONTENT.md, CITATION.cff

    python tools/publish_student.py                 assemble into build/student-branch/
    python tools/publish_student.py --commit        ... and commit it to the student branch of this
                                                    repository (a new commit only when the tree changed);
                                                    CI then pushes the branch (.github/workflows/publish-student.yml)
    python tools/publish_student.py --links         print the student and instructor launch links

The links come from tools/build_site.py (``read_publication``, ``launch_links``), the one place that
renders them for the website, the README and docs/running_a_seminar.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(ROOT / "src"))  # the helpers of this checkout (CI installs only the runtime lock)
import build_editions  # noqa: E402  (the one definition of what the student edition holds)
from build_site import Publication, launch_links, read_publication  # noqa: E402  (the one link renderer)

from helpers.teaching.exercises import seal_file  # noqa: E402

DEFAULT_OUT = ROOT / "build" / "student-branch"
MARKER = ".student-edition"
START = "00_start_here.ipynb"
COPIED_FILES = [
    "pyproject.toml",
    "environment.yml",
    "requirements/runtime.in",
    "requirements/runtime.txt",
    "LICENSE",
    "LICENSE-CONTENT.md",
    "CITATION.cff",
]
COPIED_DIRS = ["data", "src/helpers"]
# Kept out of the student tree: test support that quotes solutions and instructor notes verbatim.
LEFT_OUT = {"data/stated_numbers.yml"}
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints")
GITIGNORE = ".venv/\n__pycache__/\n*.egg-info/\n.ipynb_checkpoints/\n"


#: how a notebook points a student to a note of the course: ``docs/<name>.md``
DOC_MENTION = re.compile(r"\bdocs/[\w-]+\.md\b")


class PublishError(RuntimeError):
    """The student tree cannot be written or committed; the message says why and what to do."""


def notebooks(root: Path = ROOT) -> list[Path]:
    """The episodes and the assignment templates (``assignment_*.ipynb``) students work in."""
    return sorted([*(root / "notebooks").glob("[0-9][0-9]_*.ipynb"), *(root / "notebooks").glob("assignment_*.ipynb")])


def mentioned_docs(student_notebooks: dict[str, nbformat.NotebookNode], root: Path = ROOT) -> list[str]:
    """The notes of docs/ the student notebooks (``{name: student edition}``) point to, as paths below
    ``root``; a note pointed to that does not exist is an error naming the notebook."""
    found: dict[str, str] = {}
    for name, nb in student_notebooks.items():
        for cell in nb.cells:
            for rel in DOC_MENTION.findall(cell.source):
                found.setdefault(rel, name)
    missing = [f"{rel} (in {name})" for rel, name in found.items() if not (root / rel).is_file()]
    if missing:
        raise PublishError(f"Student notebooks point to notes that do not exist: {', '.join(missing)}.")
    return sorted(found)


def instructor_links(pub: Publication, notebook: str = START) -> dict[str, str]:
    """The instructor route: the same links on the main branch, whose notebooks keep solutions and notes."""
    return launch_links(notebook, dataclasses.replace(pub, student_branch="main"))


def readme(pub: Publication) -> str:
    links = launch_links(START, pub)
    return f"""# From NEP to the Plan: Soviet industry 1921–1932 — student edition

This branch holds the **student edition** of the course: the notebooks without worked solutions or
instructor notes. It is generated from the `main` branch of {pub.repository} by
`tools/publish_student.py` on every change; do not edit it here, because the next publication
replaces it (your own copy on Binder, a JupyterHub or your machine is never overwritten).

## Open the course

* **In the browser, nothing to install** (Binder; a session is deleted after about ten minutes idle,
  so download a notebook you want to keep): {links["binder"]}
* **On a seminar JupyterHub** (your work is kept; clicking again fetches updates without overwriting it):
  {links["hub"]}
* **On your own machine** (Python 3.11, Linux, macOS or WSL):

  ```bash
  python3.11 -m venv .venv
  .venv/bin/python -m pip install --require-hashes -r requirements/runtime.txt
  .venv/bin/python -m pip install --no-deps -e .
  .venv/bin/jupyter lab notebooks/{START}      # as root (a container, WSL): add --allow-root
  ```

Start with `notebooks/{START}`. Once installed, the course runs offline: all data are in `data/`.

## Licences and citation

Course text and the course's own data tables: CC BY 4.0 (`LICENSE-CONTENT.md`); code: MIT (`LICENSE`).
How to cite the course: `CITATION.cff`. When you use a figure, cite the original source named in its row.
"""


def _safe_out(out: Path) -> Path:
    out = out.resolve()
    inside_repo = ROOT.resolve() in (out, *out.parents)
    below_build = (ROOT / "build").resolve() in out.parents
    if inside_repo and not below_build:
        raise PublishError(f"refusing to write the student tree to {out}: inside the course it goes below build/.")
    if out.exists() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise PublishError(
            f"refusing to replace {out}: it is not empty and was not written by this tool (no {MARKER} file). "
            "Choose an empty or new folder."
        )
    return out


def assemble(out: Path = DEFAULT_OUT, root: Path = ROOT, pub: Publication | None = None) -> Path:
    """Write the student tree to ``out`` (replacing a tree this tool wrote before) and return its path."""
    out = _safe_out(out)
    pub = pub or read_publication()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for rel in COPIED_DIRS:
        shutil.copytree(root / rel, out / rel, ignore=IGNORED)
    for rel in LEFT_OUT:
        (out / rel).unlink(missing_ok=True)
    for path in sorted((out / "data" / "exercises").glob("*.yml")):  # answers sealed, computations left out
        path.write_text(seal_file(path), encoding="utf-8")
    for rel in COPIED_FILES:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, out / rel)
    (out / "notebooks").mkdir()
    editions = {src.name: build_editions.student_edition(nbformat.read(src, as_version=4)) for src in notebooks(root)}
    for name, nb in editions.items():
        (out / "notebooks" / name).write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    for rel in mentioned_docs(editions, root):  # "see docs/historiography.md" must open for a student too
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / rel, out / rel)
    (out / "README.md").write_text(readme(pub), encoding="utf-8")
    (out / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (out / MARKER).write_text(
        "Generated by tools/publish_student.py from the main branch. Do not edit: the next publication replaces it.\n",
        encoding="utf-8",
    )
    return out


def _git(repo: Path, *args: str, env: dict | None = None) -> str:
    out = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise PublishError(f"git {' '.join(args)} failed in {repo}: {out.stderr.strip()}")
    return out.stdout.strip()


def commit_tree(tree: Path, repo: Path, branch: str, message: str, author: tuple[str, str] | None = None) -> str | None:
    """Commit the files of ``tree`` as the next commit of ``branch`` in ``repo``; return its id.

    Uses a private index, so the repository's working tree, index and current branch are untouched.
    Returns None when the tree is identical to the branch's last commit (nothing to publish).
    ``author`` (name, email) overrides git's configured identity for the commit.
    """
    if branch in {"main", "master"}:
        raise PublishError(f"refusing to publish the student edition to {branch!r}: it is the course's source branch.")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "GIT_INDEX_FILE": str(Path(tmp) / "index")}
        _git(repo, "--work-tree", str(tree), "add", "--all", "--force", ".", env=env)
        tree_id = _git(repo, "write-tree", env=env)
    ref = f"refs/heads/{branch}"
    parent = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--verify", "-q", ref], capture_output=True, text=True
    ).stdout.strip()
    if parent and _git(repo, "rev-parse", f"{parent}^{{tree}}") == tree_id:
        return None
    who = {}
    if author:
        who = {
            f"GIT_{role}_{field}": value
            for role in ("AUTHOR", "COMMITTER")
            for field, value in zip(("NAME", "EMAIL"), author, strict=True)
        }
    commit = _git(
        repo, "commit-tree", tree_id, *(["-p", parent] if parent else []), "-m", message, env={**os.environ, **who}
    )
    _git(repo, "update-ref", ref, commit, *([parent] if parent else []))
    return commit


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="where to assemble the tree (default build/student-branch)"
    )
    p.add_argument("--commit", action="store_true", help="commit the tree to the student branch of this repository")
    p.add_argument("--branch", help="branch to commit to (default: [repository] student_branch of config/publish.toml)")
    p.add_argument("--links", action="store_true", help="print the launch links and exit")
    a = p.parse_args(argv)
    try:
        pub = read_publication()
        if a.links:
            for route, links in (("student", launch_links(START, pub)), ("instructor", instructor_links(pub))):
                for kind, url in links.items():
                    print(f"{route:<10} {kind:<6} {url}")
            return 0
        tree = assemble(a.out, pub=pub)
        print("assembled the student edition in", tree)
        if a.commit:
            source = _git(ROOT, "rev-parse", "--short", "HEAD")
            branch = a.branch or pub.student_branch
            commit = commit_tree(tree, ROOT, branch, f"Student edition of main at {source} (tools/publish_student.py)")
            print(f"{branch}: {'unchanged' if commit is None else 'new commit ' + commit[:12]}")
    except PublishError as e:
        print(f"publish_student.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
