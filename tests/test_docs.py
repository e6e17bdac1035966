"""The instructor documentation: docs/instructor_guide.md and docs/historiography.md.

* The guide has one section per course notebook (``notebooks/NN_*.ipynb``, found by file name), and each
  section's timing table adds up to 90 minutes.
* Every chart title the guide names (written in ***bold italics***) is the title of a chart in that
  section's notebook, and every exercise id (``01-ex-…``) or passage id (``01-…``) it names exists there.
* The historiography note has a reference list, and every work it cites is in that list.
* No file in docs/ points to a path outside the repository.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT

DOCS = ROOT / "docs"
GUIDE = DOCS / "instructor_guide.md"
HISTORIOGRAPHY = DOCS / "historiography.md"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NB_IDS = [p.name for p in NOTEBOOKS]

CHART_TITLE = re.compile(r"\*\*\*(.+?)\*\*\*")
EXERCISE_ID = re.compile(r"(?<![\w-])(\d\d-ex-[a-z0-9]+(?:-[a-z0-9]+)*)")
PASSAGE_ID = re.compile(r"^\d\d-(?!ex-)[a-z0-9]+(?:-[a-z0-9]+)*$")
FIGURE_ID = re.compile(r"^(?:su_rec|su_ind|ua_nep)-\d{3}$")
WIDGET_CALL = re.compile(r"\b(?:widgets|explorers|bilingual)\.\w+\(")


# ---- reading the documents and the notebooks ----------------------------------------------------

def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _sections(text: str) -> dict[str, str]:
    """Level-2 sections of the guide, keyed by their heading line."""
    parts = re.split(r"(?m)^## ", text)
    return {p.splitlines()[0].strip(): p for p in parts[1:]}


def _notebook_section(name: str) -> str:
    found = [body for head, body in _sections(_guide()).items() if name in head]
    assert len(found) == 1, f"the instructor guide needs exactly one '## {name} — …' section, found {len(found)}"
    return found[0]


def _subsection(section: str, title: str) -> str:
    """Text of the level-3 subsection whose heading starts with ``title`` (up to the next ### or ---)."""
    m = re.search(rf"(?m)^### {re.escape(title)}.*$", section)
    assert m, f"missing subsection '### {title}'"
    rest = section[m.end():]
    end = re.search(r"(?m)^(?:### |---\s*$)", rest)
    return rest[: end.start()] if end else rest


def _table(text: str) -> list[list[str]]:
    """The first markdown table in ``text``, as rows of stripped cells (separator row dropped)."""
    rows, started = [], False
    for line in text.splitlines():
        if line.strip().startswith("|"):
            started = True
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            rows.append(cells)
        elif started:
            break
    return rows


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _source(cell: dict) -> str:
    return "".join(cell["source"])


def _chart_titles(path: Path) -> set[str]:
    """Titles of the charts in a notebook: every ``title=`` string passed to a call, and the first line of
    the stored output of every cell that draws a chart (panels without an explicit title print their first
    item's name there, and the explorers print their own title)."""
    titles = set()
    for cell in _cells(path):
        if cell["cell_type"] != "code":
            continue
        src = _source(cell)
        try:
            tree = ast.parse(src)
        except SyntaxError:
            tree = None
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "title" and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                        titles.add(kw.value.value)
        if WIDGET_CALL.search(src):
            for out in cell.get("outputs", []):
                plain = out.get("data", {}).get("text/plain")
                if plain:
                    text = "".join(plain) if isinstance(plain, list) else plain
                    titles.add(text.splitlines()[0].strip())
                    break
    return titles


def _exercise_ids(path: Path) -> set[str]:
    ids = set()
    for cell in _cells(path):
        if "exercise" in cell.get("metadata", {}).get("tags", []):
            call = next(n for n in ast.walk(ast.parse(_source(cell))) if isinstance(n, ast.Call))
            ids.add(call.args[0].value)
    return ids


def _all_code(path: Path) -> str:
    return "\n".join(_source(c) for c in _cells(path))


def _figure_ids() -> set[str]:
    with open(ROOT / "data" / "figures.csv", encoding="utf-8", newline="") as f:
        return {row["id"] for row in csv.DictReader(f)}


def _strip_code_blocks(text: str) -> str:
    return re.sub(r"(?ms)^```.*?^```", "", text)


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph; initials such as 'R. W.' do not end a sentence."""
    text = re.sub(r"\b([A-Z])\.(?=\s)", r"\1", " ".join(text.split()))
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(*«])", text.strip()) if s]


# ---- the instructor guide ------------------------------------------------------------------------

def test_the_course_has_notebooks_to_document():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("name", NB_IDS)
def test_guide_has_a_section_for_every_notebook(name):
    _notebook_section(name)


def test_guide_has_no_section_for_a_notebook_that_does_not_exist():
    named = {m for head in _sections(_guide()) for m in re.findall(r"\b\d\d_[\w]+\.ipynb\b", head)}
    assert named <= set(NB_IDS), f"sections for notebooks that are not in notebooks/: {sorted(named - set(NB_IDS))}"


@pytest.mark.parametrize("name", NB_IDS)
def test_timing_table_adds_up_to_90_minutes(name):
    rows = _table(_subsection(_notebook_section(name), "Timing"))
    assert rows, f"{name}: no timing table"
    header = [h.lower() for h in rows[0]]
    assert "minutes" in header, f"{name}: the timing table needs a 'minutes' column, has {rows[0]}"
    col = header.index("minutes")
    blocks, total = [], None
    for row in rows[1:]:
        value = int(re.sub(r"\D", "", row[col]))
        if "total" in row[0].lower():
            total = value
        else:
            assert value > 0, f"{name}: block {row[0]!r} has no time"
            blocks.append(value)
    assert len(blocks) >= 4, f"{name}: a seminar plan needs at least four blocks"
    assert sum(blocks) == 90, f"{name}: the blocks add up to {sum(blocks)} minutes, not 90"
    assert total == 90, f"{name}: the total row says {total}, not 90"


@pytest.mark.parametrize("name", NB_IDS)
def test_every_chart_title_named_exists_in_that_notebook(name):
    path = ROOT / "notebooks" / name
    named = set(CHART_TITLE.findall(_notebook_section(name)))
    titles = _chart_titles(path)
    missing = sorted(named - titles)
    assert not missing, f"{name}: the guide names charts that the notebook does not have: {missing}"
    if titles:
        assert named, f"{name} has charts ({sorted(titles)[:3]} …) but the guide names none to project"


def test_chart_titles_are_found_in_the_notebooks():
    """A guard for the test above: the title finder sees both kinds of title."""
    assert "Coal mined, 1921/22–1925/26" in _chart_titles(ROOT / "notebooks" / "01_recovery.ipynb")
    if (ROOT / "notebooks" / "05_weighing_the_evidence.ipynb").exists():
        assert "Where the sources disagree with themselves" in _chart_titles(ROOT / "notebooks" / "05_weighing_the_evidence.ipynb")


@pytest.mark.parametrize("name", NB_IDS)
def test_every_exercise_id_named_exists_in_that_notebook(name):
    path = ROOT / "notebooks" / name
    named = set(EXERCISE_ID.findall(_notebook_section(name)))
    ids = _exercise_ids(path)
    missing = sorted(named - ids)
    assert not missing, f"{name}: the guide names exercises that the notebook does not have: {missing}"


@pytest.mark.parametrize("name", NB_IDS)
def test_every_exercise_of_the_notebook_is_set_before_or_after(name):
    ids = _exercise_ids(ROOT / "notebooks" / name)
    section = _subsection(_notebook_section(name), "Exercises")
    unassigned = sorted(i for i in ids if f"`{i}`" not in section)
    assert not unassigned, f"{name}: exercises the guide does not set: {unassigned}"


@pytest.mark.parametrize("name", NB_IDS)
def test_every_passage_or_figure_id_named_exists(name):
    code = _all_code(ROOT / "notebooks" / name)
    figures = _figure_ids()
    for token in re.findall(r"`([^`\n]+)`", _notebook_section(name)):
        if PASSAGE_ID.match(token):
            assert f'"{token}"' in code, f"{name}: passage id {token!r} is not used in the notebook"
        elif FIGURE_ID.match(token):
            assert token in figures, f"{name}: figure id {token!r} is not a row of data/figures.csv"


@pytest.mark.parametrize("name", NB_IDS)
def test_section_has_background_for_non_specialists(name):
    text = _subsection(_notebook_section(name), "If you are not a specialist")
    n = len(_sentences(text))
    assert 5 <= n <= 8, f"{name}: the background for non-specialists has {n} sentences, not 5–8"


@pytest.mark.parametrize("name", NB_IDS)
def test_section_has_four_to_six_discussion_questions(name):
    text = _subsection(_notebook_section(name), "Discussion questions")
    n = len(re.findall(r"(?m)^\d+\. ", text))
    assert 4 <= n <= 6, f"{name}: {n} discussion questions, not 4–6"


@pytest.mark.parametrize("name", NB_IDS)
def test_section_says_what_to_do_when_students_finish_early(name):
    assert _subsection(_notebook_section(name), "If students finish early").strip()


def test_guide_explains_editions_presentation_and_self_checks():
    text = _guide()
    for needle in ["make editions", "build/editions/student", "build/editions/instructor", "voila",
                   "docs/running_a_seminar.md", "helpers.exercises", "`numeric`", "`choice`", "`passage`", "`reflection`"]:
        assert needle in text, needle


def test_editions_the_guide_describes_are_the_ones_the_tool_builds():
    tool = (ROOT / "tools" / "build_editions.py").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^editions:.*\n\t.*build_editions\.py", makefile, re.M)
    assert '"build" / "editions"' in tool and '"student"' in tool and '"instructor"' in tool
    assert 'HIDDEN_IN_STUDENT = {"solution", "instructor"}' in tool


# ---- the historiography note ---------------------------------------------------------------------

def _historiography() -> tuple[str, str]:
    text = HISTORIOGRAPHY.read_text(encoding="utf-8")
    m = re.search(r"(?m)^## References\s*$", text)
    assert m, "docs/historiography.md needs a '## References' section"
    return text[: m.start()], text[m.end():]


def _references() -> list[str]:
    _, refs = _historiography()
    return [line[2:].strip() for line in refs.splitlines() if line.startswith("* ")]


def test_historiography_has_a_reference_list_with_full_citations():
    refs = _references()
    assert len(refs) >= 10
    for ref in refs:
        assert re.search(r"\((?:19|20)\d\d\)", ref), f"no year: {ref}"
        assert re.search(r"\*[^*]+\*", ref), f"no title of a book or journal in italics: {ref}"
        assert re.search(r"(?:Press|Macmillan|Palgrave|\d+\(\d+\): \d+–\d+)", ref), f"no publisher or journal issue and pages: {ref}"


def test_historiography_length_is_that_of_a_short_note():
    body, _ = _historiography()
    words = len(body.split())
    assert 1200 <= words <= 1800, f"{words} words before the references"


def test_every_work_cited_in_the_historiography_is_in_its_references():
    body, _ = _historiography()
    refs = _references()
    cited = set()
    for m in re.finditer(r"\b([A-Z][a-z]+)(?:\*\*)? \(((?:19|20)\d\d)\)", body):          # Harrison (2000)
        cited.add((m[1], m[2]))
    for m in re.finditer(r"\(((?:[A-Z][a-z]+(?:, | and ))*[A-Z][a-z]+) ((?:19|20)\d\d)\)", body):  # (Carr and Davies 1969)
        cited.add((re.findall(r"[A-Z][a-z]+", m[1])[-1], m[2]))
    assert len(cited) >= 10
    for name, year in sorted(cited):
        assert any(name in ref and f"({year})" in ref for ref in refs), f"cited but not in the references: {name} {year}"
    for ref in refs:
        surname, year = ref.split(",")[0], re.search(r"\(((?:19|20)\d\d)\)", ref)[1]
        assert re.search(rf"{surname}\b[^.]*?\(?{year}\)?", body) or (surname, year) in cited, f"listed but never cited: {ref}"


# ---- docs stay inside the repository -------------------------------------------------------------

URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+")
ABSOLUTE_PATH = re.compile(r"(?<![\w.~/<>-])(/[\w.-]+(?:/[\w.<>-]+)+/?)")
RELATIVE_UP = re.compile(r"(?<![\w.])((?:\.\./)+[\w./<>-]*)")
FORBIDDEN = ["/" + "work/", "../" + "shared", "shared" + "/research", "~/", "C:\\", "independent_estimates" + ".md"]
DOC_FILES = sorted(p for p in DOCS.rglob("*") if p.is_file())


def test_docs_folder_has_the_instructor_documents():
    assert GUIDE in DOC_FILES and HISTORIOGRAPHY in DOC_FILES


@pytest.mark.parametrize("path", DOC_FILES, ids=[str(p.relative_to(DOCS)) for p in DOC_FILES])
def test_no_file_in_docs_refers_to_a_path_outside_the_repository(path):
    text = path.read_text(encoding="utf-8")
    for needle in FORBIDDEN:
        assert needle not in text, f"{path.name} mentions {needle!r}"
    without_urls = URL.sub(" ", text)
    absolute = ABSOLUTE_PATH.findall(without_urls)
    assert not absolute, f"{path.name} names absolute paths: {absolute}"
    for rel in RELATIVE_UP.findall(without_urls):
        target = (path.parent / rel).resolve()
        assert target == ROOT or ROOT in target.parents, f"{path.name}: {rel!r} points outside the repository"


def test_the_path_check_catches_what_it_should():
    """A guard for the test above, on made-up text."""
    sample = "see /home/someone/notes.md and ../../elsewhere/x.md, not https://example.org/a/b or 1925/26"
    clean = URL.sub(" ", sample)
    assert ABSOLUTE_PATH.findall(clean) == ["/home/someone/notes.md"]
    assert RELATIVE_UP.findall(clean) == ["../../elsewhere/x.md"]
    target = (DOCS / "../../elsewhere/x.md").resolve()
    assert target != ROOT and ROOT not in target.parents


def test_repository_paths_named_in_the_instructor_documents_exist():
    """Paths the two instructor documents name exist, except what `make` generates (build/, .venv/)."""
    for path in (GUIDE, HISTORIOGRAPHY):
        text = _strip_code_blocks(path.read_text(encoding="utf-8"))
        for token in re.findall(r"`([^`\s]+)`", text):
            if "/" not in token or token.startswith(("build/", ".venv/")) or "://" in token:
                continue
            if re.fullmatch(r"[\d/.-]+", token):          # periods such as 1925/26 or 1928/29-1932/33
                continue
            candidate = token.split("#")[0].rstrip("/")
            assert (ROOT / candidate).exists(), f"{path.name} names {token!r}, which is not in the repository"
