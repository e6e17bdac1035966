"""Every student route lands in the student edition; instructors have their own route.

The student branch is assembled by tools/publish_student.py and committed by CI; here it is assembled
into a temporary folder, committed to a throw-away repository, pulled with nbgitpuller as a hub would,
and handed to repo2docker as Binder would.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from _paths import ROOT

from helpers.data.paths import read_yaml
from helpers.teaching import exercises as keys

sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402
import publish_student  # noqa: E402

HIDDEN = {"solution", "instructor"}
NOTEBOOKS = publish_student.notebooks()
PUB = build_site.read_publication()


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return publish_student.assemble(tmp_path_factory.mktemp("student") / "tree", pub=PUB)


def _hidden_fragments():
    """Lines of at least 40 characters that only solution or instructor cells of the course notebooks hold.

    A line that a student cell or a data file also holds (the same code line, a quoted passage) is no leak.
    """
    hidden, visible = set(), []
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if set(cell.metadata.get("tags", [])) & HIDDEN:
                hidden |= {line.strip() for line in cell.source.splitlines() if len(line.strip()) >= 40}
            else:
                visible.append(cell.source)
    visible += [p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*.csv")]
    visible_text = "\n".join(visible)
    return {line for line in hidden if line not in visible_text}


def _git(repo, *args):
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=env).stdout


def test_tree_holds_only_what_a_student_needs(tree):
    top = {p.name for p in tree.iterdir()}
    assert top == {
        "notebooks",
        "data",
        "src",
        "requirements",
        "pyproject.toml",
        "environment.yml",
        "README.md",
        "LICENSE",
        "LICENSE-CONTENT.md",
        "CITATION.cff",
        ".gitignore",
        "docs",
        publish_student.MARKER,
    }
    assert sorted(p.name for p in (tree / "notebooks").iterdir()) == [p.name for p in NOTEBOOKS]
    assert sorted(p.name for p in (tree / "requirements").iterdir()) == ["runtime.in", "runtime.txt"]
    assert (tree / "environment.yml").read_bytes() == (ROOT / "environment.yml").read_bytes()
    assert not list(tree.rglob("__pycache__")) and not list(tree.rglob("*.egg-info"))


def test_every_note_a_student_notebook_points_to_is_in_the_tree_and_no_other(tree):
    """A notebook that says "see docs/historiography.md" must be followed on the student branch too; the
    instructor's guides stay on main."""
    pointed = set()
    for path in (tree / "notebooks").glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        pointed |= {m for cell in nb.cells for m in publish_student.DOC_MENTION.findall(cell.source)}
    assert "docs/historiography.md" in pointed  # 00 and 04 send students there
    shipped = {p.relative_to(tree).as_posix() for p in (tree / "docs").rglob("*") if p.is_file()}
    assert shipped == pointed
    for rel in shipped:
        assert (tree / rel).read_bytes() == (ROOT / rel).read_bytes(), rel
    assert not (tree / "docs" / "instructor_guide.md").exists()


def test_a_note_pointed_to_that_does_not_exist_is_named(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("Read `docs/nowhere.md` first.")])
    with pytest.raises(publish_student.PublishError, match=r"docs/nowhere\.md \(in 07_x\.ipynb\)"):
        publish_student.mentioned_docs({"07_x.ipynb": nb}, root=tmp_path)


def test_tree_notebooks_are_the_student_edition(tree):
    for path in NOTEBOOKS:
        nb = nbformat.read(tree / "notebooks" / path.name, as_version=4)
        assert nb.metadata["edition"] == "student", path.name
        assert not [c for c in nb.cells if set(c.metadata.get("tags", [])) & HIDDEN], path.name
        for cell in nb.cells:
            if "exercise" in cell.metadata.get("tags", []) and cell.cell_type == "code":
                assert cell.outputs == [], f"{path.name}: exercise output would show the answer"


def test_no_solution_or_instructor_text_reaches_the_tree(tree):
    fragments = _hidden_fragments()
    assert fragments, "the course notebooks have solution and instructor cells to keep out"
    for path in tree.rglob("*"):
        if path.is_file() and path.suffix in {".ipynb", ".md", ".yml", ".yaml", ".csv", ".txt", ".json", ".py"}:
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".ipynb":  # compare cell sources, not the JSON-escaped file
                text = "\n".join(c.source for c in nbformat.reads(text, as_version=4).cells)
            leaked = [f for f in fragments if f in text]
            assert not leaked, f"{path.relative_to(tree)} holds instructor or solution text: {leaked[0][:80]!r}"
            assert "Instructor note" not in text or path.suffix == ".py", path


def test_data_and_helpers_are_copied_unchanged_except_the_test_support_file_and_the_answers(tree):
    assert not (tree / "data" / "stated_numbers.yml").exists()
    for src in (ROOT / "data").rglob("*"):
        rel = src.relative_to(ROOT)
        if src.is_file() and str(rel) not in publish_student.LEFT_OUT and rel.parent.name != "exercises":
            assert (tree / rel).read_bytes() == src.read_bytes(), rel
    for src in sorted((ROOT / "data" / "exercises").glob("*.yml")):
        course, published = read_yaml(src), read_yaml(tree / "data" / "exercises" / src.name)
        assert published.keys() == course.keys(), src.name
        for exercise_id, spec in published.items():
            assert "answer" not in spec and not {"computed", "stated"} & set(spec), (src.name, exercise_id)
            assert keys.answer_of(exercise_id, spec) == course[exercise_id]["answer"], (src.name, exercise_id)
    for src in (ROOT / "src" / "helpers").rglob("*.py"):
        rel = src.relative_to(ROOT)
        assert (tree / rel).read_bytes() == src.read_bytes(), rel


def test_tree_readme_opens_the_student_branch(tree):
    text = (tree / "README.md").read_text(encoding="utf-8")
    links = build_site.launch_links(publish_student.START, PUB)
    assert links["binder"] in text and links["hub"] in text
    assert "--require-hashes -r requirements/runtime.txt" in text and "--allow-root" in text


def test_links_point_at_the_student_branch_and_instructors_at_main():
    student = build_site.launch_links(publish_student.START, PUB)
    assert (
        f"/{PUB.owner}/{PUB.name}/{PUB.student_branch}?urlpath=lab/tree/notebooks/00_start_here.ipynb"
        in student["binder"]
    )
    assert f"branch={PUB.student_branch}&" in student["hub"]
    assert f"urlpath=lab/tree/{PUB.name}/notebooks/00_start_here.ipynb" in student["hub"]
    teacher = publish_student.instructor_links(PUB)
    assert f"/{PUB.name}/main?" in teacher["binder"] and "branch=main&" in teacher["hub"]


def test_assemble_refuses_folders_it_did_not_write(tmp_path):
    foreign = tmp_path / "someone"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    with pytest.raises(publish_student.PublishError, match="not empty and was not written by this tool"):
        publish_student.assemble(foreign, pub=PUB)
    assert (foreign / "notes.txt").read_text() == "mine"
    with pytest.raises(publish_student.PublishError, match="inside the course it goes below build/"):
        publish_student.assemble(ROOT / "notebooks" / "student", pub=PUB)


@pytest.fixture(scope="module")
def origin(tree, tmp_path_factory):
    """A repository whose student branch was published by commit_tree (its main branch untouched)."""
    repo = tmp_path_factory.mktemp("origin")
    _git(repo, "init", "-q", "-b", "main")
    (repo / "course.txt").write_text("the main branch\n")
    _git(repo, "add", "course.txt")
    _git(repo, "commit", "-q", "-m", "main")
    ci = ("ci", "ci@example.org")
    first = publish_student.commit_tree(tree, repo, PUB.student_branch, "student edition 1", author=ci)
    again = publish_student.commit_tree(tree, repo, PUB.student_branch, "student edition 1 again", author=ci)
    return {"repo": repo, "first": first, "again": again}


def test_commit_tree_publishes_to_the_branch_and_only_when_something_changed(origin, tree):
    repo = origin["repo"]
    assert origin["first"] and origin["again"] is None
    assert _git(repo, "rev-parse", PUB.student_branch).strip() == origin["first"]
    assert _git(repo, "branch", "--show-current").strip() == "main" and (repo / "course.txt").exists()
    assert _git(repo, "status", "--porcelain") == "", "the repository's own working tree is untouched"
    files = set(_git(repo, "ls-tree", "-r", "--name-only", PUB.student_branch).split())
    assert {f"notebooks/{p.name}" for p in NOTEBOOKS} <= files and "course.txt" not in files
    with pytest.raises(publish_student.PublishError, match="refusing to publish the student edition to 'main'"):
        publish_student.commit_tree(tree, repo, "main", "no")


def test_nbgitpuller_target_holds_only_the_student_edition_and_keeps_student_work(origin, tree, tmp_path):
    from nbgitpuller.pull import GitPuller

    url = f"file://{origin['repo']}"
    target = tmp_path / "home" / PUB.name  # nbgitpuller's folder: the repository's name, as in the link
    for _ in GitPuller(url, str(target), branch=PUB.student_branch).pull():
        pass
    assert sorted(p.name for p in (target / "notebooks").iterdir()) == [p.name for p in NOTEBOOKS]
    for path in (target / "notebooks").iterdir():
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb["metadata"]["edition"] == "student"
        assert not [c for c in nb["cells"] if set(c["metadata"].get("tags", [])) & HIDDEN]
    assert not (target / "course.txt").exists() and not (target / "docs" / "instructor_guide.md").exists()
    assert (target / "docs" / "historiography.md").is_file()  # the note the notebooks point to

    # the student writes in a notebook; the course publishes an update; the student clicks the link again
    mine = target / "notebooks" / NOTEBOOKS[0].name
    nb = json.loads(mine.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "My own answer."})
    mine.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    work = tmp_path / "next"
    _git(origin["repo"], "worktree", "add", "-q", str(work), PUB.student_branch)
    (work / "README.md").write_text((work / "README.md").read_text() + "\nAn update.\n")
    _git(work, "commit", "-q", "-am", "update")
    for _ in GitPuller(url, str(target), branch=PUB.student_branch).pull():
        pass
    assert "An update." in (target / "README.md").read_text()
    assert "My own answer." in mine.read_text(encoding="utf-8"), "nbgitpuller kept the student's work"


@pytest.mark.slow
def test_binder_builds_the_student_tree_from_environment_yml(tree):
    r2d = Path(sys.executable).parent / "jupyter-repo2docker"
    out = subprocess.run([str(r2d), "--no-build", "--debug", str(tree)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    text = out.stdout + out.stderr
    assert "Building conda environment for python=3.11" in text
    assert 'env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in text
    assert "-e ." in (tree / "environment.yml").read_text(), "Binder installs the helpers from the tree's src/"


@pytest.mark.slow
def test_the_student_tree_runs_on_its_own(tree, tmp_path):
    """The first notebook runs in the tree with the tree's own helpers and data (nothing from main)."""

    env = {k: v for k, v in os.environ.items() if k != "NEP_COURSE_DATA"}
    env["PYTHONPATH"] = str(tree / "src")
    probe = subprocess.run(
        [sys.executable, "-c", "import helpers, helpers.data.paths as p; print(helpers.__file__); print(p.data_dir())"],
        cwd=tree / "notebooks",
        env=env,
        capture_output=True,
        text=True,
    )
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.splitlines() == [str(tree / "src" / "helpers" / "__init__.py"), str(tree / "data")]
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--output-dir",
            str(tmp_path),
            str(tree / "notebooks" / publish_student.START),
        ],
        cwd=tree / "notebooks",
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    nb = nbformat.read(tmp_path / publish_student.START, as_version=4)
    errors = [
        o
        for c in nb.cells
        if "raises-exception" not in c.metadata.get("tags", [])  # an error shown on purpose
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors


@pytest.mark.slow
def test_publication_workflow_runs_end_to_end_against_a_local_origin(tmp_path):
    """Run the workflow's own shell steps in a clone whose origin is a local bare repository: the first
    run creates the student branch on the origin, a second run with nothing new adds no commit."""
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(ROOT), str(origin)], check=True)
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", str(origin), str(work)], check=True)
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "publish-student.yml").read_text(encoding="utf-8"))
    steps = [s for s in wf["jobs"]["publish"]["steps"] if "run" in s and not s.get("name", "").startswith("Install")]
    github_env = tmp_path / "github_env"

    def run_workflow():
        github_env.write_text("")
        for step in steps:
            env = {
                **os.environ,
                "GITHUB_ENV": str(github_env),
                "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
            }
            env.update(line.split("=", 1) for line in github_env.read_text().splitlines() if "=" in line)
            out = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=work, env=env, capture_output=True, text=True)
            assert out.returncode == 0, f"{step.get('name')}: {out.stderr[-1500:]}"

    run_workflow()
    branch = PUB.student_branch
    first = _git(origin, "rev-parse", f"refs/heads/{branch}").strip()
    files = set(_git(origin, "ls-tree", "-r", "--name-only", branch).split())
    assert "notebooks/00_start_here.ipynb" in files and "tools/publish_student.py" not in files
    assert "docs/instructor_guide.md" not in files and "README.md" in files
    run_workflow()
    assert _git(origin, "rev-parse", f"refs/heads/{branch}").strip() == first, "nothing new, no new commit"
    source_head = _git(origin, "log", "--format=%s", "-1", "HEAD")
    assert "Student edition" not in source_head, "the source branch is never written by the publication"
