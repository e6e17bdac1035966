"""What the README, CONTRIBUTING, CHANGELOG and the guides state, checked against the course.

These tests check prose and the places that restate it (the version, the credits, the guides' references
to ids and tools), not behaviour: they run in their own stage, ``make check-docs`` (also a stage of
``make test``), so that an edit to a page fails there, by name, and not among the unit and data tests.
"""

import importlib.util
import json
import re
import sys

import pytest
from _paths import ROOT

from helpers import sources
from helpers.ui import declarations

sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402
import publish_student  # noqa: E402

ADAPTING = ROOT / "docs" / "adapting.md"
PUB = build_site.read_publication()


# ---- README, CONTRIBUTING, CHANGELOG, version ---------------------------------------------------


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


def test_readme_credits_every_contemporary_document():
    """The README's count of documents is the table's, and every named author is credited by surname."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### Contemporary documents") : readme.index("## Data and their origins")]
    rows = sources.list_documents().to_dict("records")
    assert f"of {len(rows)} documents" in section, f"the README should say 'of {len(rows)} documents'"
    for row in rows:
        named = re.match(r"(?:[A-Z]\. )+([A-Z][a-z]+)", row["author"])  # "J. V. Stalin", "I. Litvinov, a worker"
        if named:
            assert named.group(1) in section, f"{row['id']}: {named.group(1)} is not credited in the README"


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


def test_readme_and_seminar_guide_use_the_rendered_links():
    """The documented routes are the rendered ones: change config/publish.toml, then paste
    `python tools/publish_student.py --links` into README.md and docs/running_a_seminar.md."""
    student = build_site.launch_links(publish_student.START, PUB)
    teacher = publish_student.instructor_links(PUB)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "running_a_seminar.md").read_text(encoding="utf-8")
    assert student["binder"] in readme and teacher["binder"] in readme
    assert student["hub"] in guide and teacher["hub"] in guide
    assert f"git clone --branch {PUB.student_branch} {PUB.repository}" in guide, "own machines: the student branch"
    for text in (readme, guide):
        for url in re.findall(r"https://mybinder\.org/v2/gh/\S+?(?=[\s)`\]]|$)", text):
            assert url in (student["binder"], teacher["binder"]), f"a Binder link not rendered from config: {url}"
        for url in re.findall(r"https://\S+/hub/user-redirect/git-pull\?\S+?(?=[\s)`\]]|$)", text):
            assert url in (student["hub"], teacher["hub"]), f"an nbgitpuller link not rendered from config: {url}"


# ---- docs/adapting.md and docs/contemporary_documents.md ----------------------------------------


def _section(kind: str) -> str:
    text = ADAPTING.read_text(encoding="utf-8")
    m = re.search(rf"(?m)^### `{kind}`\s*$", text)
    assert m, f"docs/adapting.md needs a section '### `{kind}`' in 'Chart options'"
    rest = text[m.end() :]
    end = re.search(r"(?m)^#{2,3} ", rest)
    return rest[: end.start()] if end else rest


@pytest.mark.parametrize("kind", sorted(declarations.PANELS))
def test_every_option_of_every_panel_kind_is_in_the_reference(kind):
    section = _section(kind)
    missing = [o for o in declarations.allowed_options(kind) if f"`{o}`" not in section]
    assert not missing, (
        f"docs/adapting.md, section '### `{kind}`': options {missing} of the {kind} panel are not documented; "
        "add each with its valid values"
    )


def test_the_pages_an_instructor_reads_first_link_the_adapting_guide():
    for page in ("README.md", "CONTRIBUTING.md", "docs/authoring.md"):
        assert "adapting.md" in (ROOT / page).read_text(encoding="utf-8"), f"{page} does not link docs/adapting.md"


def test_the_tools_the_page_names_exist():
    text = ADAPTING.read_text(encoding="utf-8")
    for tool in set(re.findall(r"tools/[a-z_]+\.py", text)):
        assert (ROOT / tool).is_file(), f"docs/adapting.md names {tool}, which does not exist"


def test_the_instructors_guide_to_the_documents_names_each_one():
    guide = (ROOT / "docs" / "contemporary_documents.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(doc_[a-z0-9_]+)`", guide))
    assert named == set(sources.document_ids()), named ^ set(sources.document_ids())


# ---- data/independent/README.md -----------------------------------------------------------------


def test_the_row_counts_in_the_data_readme_are_current():
    """The counts in data/independent/README.md are generated (tools/count_rows.py), never typed."""
    spec = importlib.util.spec_from_file_location("count_rows", ROOT / "tools" / "count_rows.py")
    count_rows = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(count_rows)
    text = count_rows.README.read_text(encoding="utf-8")
    assert count_rows.render(text) == text, (
        "data/independent/README.md: row counts out of date: run python tools/count_rows.py"
    )
