"""The project's promises: two commands in the README, CI runs the test command, notebooks stored executed."""

import json
import re

from _paths import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def test_readme_quick_start_has_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Quick start.*?```bash\n(.*?)```", readme, re.S)[1]
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make lab", "make test"]
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    for route in ["As root", "--allow-root", "macOS", "/Applications", "NEP_BROWSER", "WSL"]:
        assert route in quick_start, f"the quick start says nothing about {route}"


def test_readme_credits_licences_and_citation():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for needle in ["CC BY 4.0", "MIT", "How to cite", "Maddison", "Mitchell", "Correlates of War", "Etemad"]:
        assert needle in readme, needle
    assert (
        (ROOT / "LICENSE").is_file() and (ROOT / "LICENSE-CONTENT.md").is_file() and (ROOT / "CITATION.cff").is_file()
    )


def test_required_layout():
    for p in [
        "notebooks",
        "data",
        "src/helpers",
        "environment.yml",
        "tests",
        "README.md",
        "Makefile",
        ".ci/run",
        "pyproject.toml",
    ]:
        assert (ROOT / p).exists(), p


def test_notebooks_are_stored_executed_in_order_without_errors_or_widget_state():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb"
    for path in NOTEBOOKS:
        nb = json.loads(path.read_text(encoding="utf-8"))
        counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1)), path.name
        for c in nb["cells"]:
            if "raises-exception" in c.get("metadata", {}).get("tags", []):  # an error shown on purpose
                continue
            assert all(o["output_type"] != "error" for o in c.get("outputs", [])), path.name
        assert "widgets" not in nb["metadata"], f"{path.name}: widget state is dropped by tools/execute_notebooks.py"
        assert path.stat().st_size < 1_500_000, f"{path.name} is larger than the 1.5 MB budget"


def test_version_is_written_once_and_repeated_identically():
    """pyproject.toml holds the version; every other place that states it must agree (bump them together)."""
    import importlib.metadata
    import tomllib

    import helpers

    def read(rel):
        return (ROOT / rel).read_text(encoding="utf-8")

    version = tomllib.loads(read("pyproject.toml"))["project"]["version"]
    latest_release = r"^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d\d-\d\d$"
    stated = {
        "CITATION.cff": re.search(r"^version: (\S+)$", read("CITATION.cff"), re.M)[1],
        "README.md (How to cite)": re.search(r"version (\d+\.\d+\.\d+)\.", read("README.md"))[1],
        "data/datapackage.json": json.loads(read("data/datapackage.json"))["version"],
        "tools/write_datapackage.py": re.search(r'"version": "([^"]+)"', read("tools/write_datapackage.py"))[1],
        "CHANGELOG.md (latest release)": re.search(latest_release, read("CHANGELOG.md"), re.M)[1],
        "helpers.__version__": helpers.__version__,
    }
    wrong = {where: v for where, v in stated.items() if v != version}
    assert not wrong, f"pyproject.toml says {version}; these differ: {wrong}"
    assert importlib.metadata.version("nep-to-plan-helpers") == version, "reinstall: make setup"


def test_contributing_and_changelog_cover_the_essentials():
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for needle in [
        "make lab",
        "make test",
        "make test-fast",
        "make lint",
        "make format",
        "make execute",
        "make lock",
        "make git-tools",
        "data/figures.csv",
        "data/excerpts/",
        "data/exercises/",
        "Review checklist",
    ]:
        assert needle in contributing, needle
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith("# Changelog") and "## [Unreleased]" in changelog
