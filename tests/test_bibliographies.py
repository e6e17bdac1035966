"""Each episode ends with a student bibliography, not an audit log: what the episode's statements rest on is
told from what is merely recommended by structure (the headings "Cited in this episode" and "Further reading"),
and the entries are citations with a short pointer to the part and copy, not notes on how the course was made.
The same holds for the reference list of docs/historiography.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from _paths import ROOT

EPISODES = sorted((ROOT / "notebooks").glob("0[0-7]_*.ipynb"))
HEADING = "## Sources and further reading"

# phrases that speak about what the course's authors read, not about the works
AUDIT = re.compile(
    r"read for (?:this episode|the course)|not consulted|was not read|were not read|read only in|"
    r"known here only|Read in part|\bRead:|\(the part read|the opening read|what was read",
    re.I,
)


def _sources_cell(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown" and HEADING in "".join(c["source"])]
    assert len(found) == 1, f"{path.name}: expected one '{HEADING}' cell, found {len(found)}"
    return found[0][found[0].index(HEADING) :]


@pytest.mark.parametrize("path", EPISODES, ids=lambda p: p.name)
def test_the_list_of_sources_separates_what_is_cited_from_further_reading(path):
    text = _sources_cell(path)
    cited, further = text.find("**Cited in this episode**"), text.find("**Further reading**")
    assert cited != -1, f"{path.name}: the list of sources needs the heading **Cited in this episode**"
    assert further == -1 or cited < further, f"{path.name}: **Further reading** comes after what is cited"


@pytest.mark.parametrize("path", EPISODES, ids=lambda p: p.name)
def test_the_list_of_sources_has_no_notes_on_how_the_course_was_made(path):
    found = AUDIT.findall(_sources_cell(path))
    assert not found, f"{path.name}: audit phrases in the list of sources: {found}"


def test_the_historiography_references_are_grouped_without_audit_notes():
    text = (ROOT / "docs" / "historiography.md").read_text(encoding="utf-8")
    refs = text[text.index("## References") :]
    assert re.search(r"(?m)^### Cited in the course$", refs)
    assert re.search(r"(?m)^### Further reading$", refs)
    assert refs.index("### Cited in the course") < refs.index("### Further reading")
    found = AUDIT.findall(refs)
    assert not found, f"docs/historiography.md: audit phrases in the references: {found}"


def test_the_audit_pattern_catches_what_it_should():
    """A guard for the checks above, on made-up text."""
    assert AUDIT.search("Everything above was read for this episode, in the place named.")
    assert AUDIT.search("(not consulted here; a library)")
    assert AUDIT.search("Read: the opening of ch. 7")
    assert not AUDIT.search("Standard accounts, for a library: read them before relying on them.")
