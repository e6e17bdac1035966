"""Configuration that other files restate: the pre-commit hooks, the browser finder's use, the publication
workflow. Checked in the ``make check-docs`` stage (also a stage of ``make test``), apart from behaviour:
what these files *do* is tested elsewhere (the workflow's own steps run end to end in
``tests/test_routes.py``; the finder in ``tests/test_find_browser.py``)."""

import re

import yaml
from _paths import ROOT


def test_pre_commit_hooks_run_pinned_tools_from_the_venv_offline():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert [repo["repo"] for repo in config["repos"]] == ["local"], "no hook is cloned from the network"
    assert {"ruff", "ruff-format", "check-json", "check-added-large-files"} <= {h["id"] for h in hooks}
    dev = (ROOT / "requirements" / "dev.txt").read_text(encoding="utf-8")
    for hook in hooks:
        assert hook["language"] == "system" and hook["entry"].startswith(".venv/bin/"), hook["id"]
    for package in ("ruff==", "pre-commit==", "pre-commit-hooks==", "nbdime=="):
        assert re.search(rf"^{re.escape(package)}", dev, re.M), package


def test_browser_tests_use_the_finder():
    conftest = (ROOT / "tests" / "browser" / "conftest.py").read_text(encoding="utf-8")
    assert "find_browser()" in conftest and '"/usr/bin/chromium")' not in conftest
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "tools/find_browser.py --check" in makefile
    assert "find_browser.py" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_publication_workflow_commits_and_pushes_the_configured_branch():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "publish-student.yml").read_text(encoding="utf-8"))
    trigger = wf.get("on", wf.get(True))  # YAML 1.1 reads a bare `on` as True
    assert trigger["push"]["branches"] == ["main"]
    assert wf["permissions"] == {"contents": "write"}
    runs = "\n".join(step.get("run", "") for step in wf["jobs"]["publish"]["steps"])
    assert "--require-hashes -r requirements/runtime.txt" in runs
    assert "python tools/publish_student.py --commit" in runs
    assert 'git push origin "refs/heads/$BRANCH:refs/heads/$BRANCH"' in runs
    assert '["repository"]["student_branch"]' in runs, "the branch comes from config/publish.toml"
