"""The instructor documentation: docs/instructor_guide.md, docs/instructor_guide/*.md and docs/historiography.md.
These are checks of prose, run in their own stage, ``make check-docs`` (also a stage of ``make test``).

* The general guide (docs/instructor_guide.md) explains editions, presenting and self-checks, and links one
  file per notebook: docs/instructor_guide/NN_name.md for notebooks/NN_name.ipynb.
* Every notebook in notebooks/ has its guide file, and every guide file is named after a notebook of the
  course (COURSE). A guide file whose notebook is not in notebooks/ yet is skipped, with the reason.
* In each guide file, the timing table adds up to 90 minutes; every chart title it names (written in
  ***bold italics***) is the title of a chart in that notebook, and every exercise id (``01-ex-…``) or
  passage id (``01-…``) it names exists there.
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
from _paths import ROOT

DOCS = ROOT / "docs"
GUIDE = DOCS / "instructor_guide.md"
GUIDE_DIR = DOCS / "instructor_guide"
HISTORIOGRAPHY = DOCS / "historiography.md"
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))

# The notebooks of the course, in order. A guide file may exist before its notebook (it is written with
# it); its checks are skipped until the notebook is in notebooks/.
COURSE = [
    "00_start_here",
    "01_recovery",
    "02_leasing_and_trusts",
    "03_accumulation",
    "04_end_of_nep",
    "05_first_five_year_plan",
    "06_weighing_the_evidence",
    "07_numbers_lab",
    "99_chart_gallery",
]
GUIDE_FILES = sorted(GUIDE_DIR.glob("*.md"))
GUIDE_NAMES = [p.stem for p in GUIDE_FILES]

CHART_TITLE = re.compile(r"\*\*\*(.+?)\*\*\*")
EXERCISE_ID = re.compile(r"(?<![\w-])(\d\d-ex-[a-z0-9]+(?:-[a-z0-9]+)*)")
PASSAGE_ID = re.compile(r"^\d\d-(?!ex-)[a-z0-9]+(?:-[a-z0-9]+)*$")
FIGURE_ID = re.compile(r"^(?:su_rec|su_ind|ua_nep)-\d{3}$")
WIDGET_CALL = re.compile(r"\b(?:widgets|explorers|bilingual)\.\w+\(")


# ---- reading the documents and the notebooks ----------------------------------------------------


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _guide_file(name: str) -> str:
    """Text of the guide file for notebook ``name`` (without .ipynb)."""
    path = GUIDE_DIR / f"{name}.md"
    assert path.exists(), f"the instructor guide needs a file docs/instructor_guide/{name}.md"
    return path.read_text(encoding="utf-8")


def _notebook_for(name: str) -> Path:
    """The notebook a guide file documents; skips (with the reason) when it is not in notebooks/ yet."""
    path = NOTEBOOK_DIR / f"{name}.ipynb"
    if not path.exists():
        pytest.skip(
            f"notebooks/{name}.ipynb does not exist yet; docs/instructor_guide/{name}.md is checked "
            f"against it once it lands"
        )
    return path


def _subsection(section: str, title: str) -> str:
    """Text of the level-2 subsection whose heading starts with ``title`` (up to the next ## or ---)."""
    m = re.search(rf"(?m)^## {re.escape(title)}.*$", section)
    assert m, f"missing subsection '## {title}'"
    rest = section[m.end() :]
    end = re.search(r"(?m)^(?:## |---\s*$)", rest)
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


def _declared_charts() -> dict[str, dict]:
    """Chart panels declared in data/charts/*.yml (shown in a notebook with ``widgets.show("<id>")``)."""
    import yaml

    out = {}
    for spec in sorted((ROOT / "data" / "charts").glob("*.yml")):
        out.update(yaml.safe_load(spec.read_text(encoding="utf-8")) or {})
    return out


def _explorer_titles() -> dict[str, str]:
    """Title of each explorer, by the function that builds it (``disagreement_explorer`` -> its class title)."""
    from helpers import explorers

    out = {}
    for name, obj in vars(explorers).items():
        title = getattr(obj, "title", None)
        if isinstance(obj, type) and name.endswith("Explorer") and isinstance(title, str):
            out[re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()] = title
    return out


def _chart_titles(path: Path) -> set[str]:
    """Titles of the charts in a notebook: every ``title=`` string passed to a call, the title declared in
    data/charts/ for every chart id the notebook shows (``widgets.show("01-coal")``), the title of every
    explorer it builds (``explorers.claim_explorer(...)``), and the first line of
    the stored output of every cell that draws a chart (panels without an explicit title print their first
    item's name there, and the explorers print their own title)."""
    titles = set()
    declared = _declared_charts()
    built_by = _explorer_titles()
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
                func = node.func
                if isinstance(func, ast.Attribute) and func.attr in built_by:
                    titles.add(built_by[func.attr])
                if (
                    isinstance(func, ast.Attribute)
                    and func.attr == "show"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and node.args[0].value in declared
                ):
                    title = declared[node.args[0].value].get("title")
                    if title:
                        titles.add(title)
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


# ---- the general guide and its files ------------------------------------------------------------


def test_the_course_has_notebooks_to_document():
    assert NOTEBOOKS and NOTEBOOKS[0].name == "00_start_here.ipynb"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_notebook_has_a_guide_file(path):
    assert path.stem in COURSE, f"{path.name} is not in the course list COURSE of tests/docs/test_instructor_guide.py"
    _guide_file(path.stem)


def test_every_guide_file_is_named_after_a_notebook_of_the_course():
    strays = sorted(set(GUIDE_NAMES) - set(COURSE))
    assert not strays, (
        f"docs/instructor_guide/ has files for no notebook of the course: {strays}; "
        f"name each after its notebook, one of {COURSE}"
    )
    assert set(COURSE) <= set(GUIDE_NAMES), f"missing guide files: {sorted(set(COURSE) - set(GUIDE_NAMES))}"


@pytest.mark.parametrize("name", GUIDE_NAMES)
def test_guide_file_is_headed_by_its_notebook(name):
    first = _guide_file(name).splitlines()[0]
    assert first.startswith(f"# {name}.ipynb — "), (
        f"{name}.md must start '# {name}.ipynb — <episode title>', not {first!r}"
    )


def test_general_guide_links_every_guide_file():
    text = _guide()
    for name in GUIDE_NAMES:
        assert f"(instructor_guide/{name}.md)" in text, (
            f"docs/instructor_guide.md does not link instructor_guide/{name}.md"
        )
    assert not re.search(r"(?m)^## \d\d_", text), (
        "per-notebook sections belong in docs/instructor_guide/, not in the general guide"
    )


@pytest.mark.parametrize("name", GUIDE_NAMES)
def test_timing_table_adds_up_to_90_minutes(name):
    _notebook_for(name)
    rows = _table(_subsection(_guide_file(name), "Timing"))
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
    assert sum(blocks) == 90, (
        f"docs/instructor_guide/{name}.md, section 'Timing': the blocks add up to {sum(blocks)} minutes, "
        "not 90; change the minutes of a block so that the seminar plan fills 90"
    )
    assert total == 90, f"{name}: the total row says {total}, not 90"


@pytest.mark.parametrize("name", GUIDE_NAMES)
def test_every_chart_title_named_exists_in_that_notebook(name):
    path = _notebook_for(name)
    named = set(CHART_TITLE.findall(_guide_file(name)))
    titles = _chart_titles(path)
    missing = sorted(named - titles)
    assert not missing, f"{name}: the guide names charts that the notebook does not have: {missing}"
    if titles:
        assert named, f"{name} has charts ({sorted(titles)[:3]} …) but the guide names none to project"


def test_chart_titles_are_found_in_the_notebooks():
    """A guard for the test above: the title finder sees both kinds of title."""
    gross_output = "Gross output of large-scale industry, 1913–1925 (1926/27 prices)"
    assert gross_output in _chart_titles(NOTEBOOK_DIR / "01_recovery.ipynb")
    lab = [p for p in NOTEBOOKS if p.stem.endswith("_numbers_lab")]
    assert lab, "the numbers lab (…_numbers_lab.ipynb) is missing"
    assert "Where the sources disagree with themselves" in _chart_titles(lab[0])


@pytest.mark.parametrize("name", GUIDE_NAMES)
def test_every_exercise_id_named_exists_in_that_notebook(name):
    path = _notebook_for(name)
    named = set(EXERCISE_ID.findall(_guide_file(name)))
    ids = _exercise_ids(path)
    missing = sorted(named - ids)
    assert not missing, (
        f"docs/instructor_guide/{name}.md names exercises that notebooks/{name}.ipynb does not show: {missing}; "
        "remove them from the guide or show them in the notebook with ex.show('…')"
    )


@pytest.mark.parametrize("name", GUIDE_NAMES)
def test_every_exercise_of_the_notebook_is_set_before_or_after(name):
    ids = _exercise_ids(_notebook_for(name))
    section = _subsection(_guide_file(name), "Exercises")
    unassigned = sorted(i for i in ids if f"`{i}`" not in section)
    assert not unassigned, (
        f"docs/instructor_guide/{name}.md, section 'Exercises': no line sets "
        f"{', '.join(f'`{i}`' for i in unassigned)}; add one saying whether students do it before the "
        "seminar, in it, or after (see docs/adapting.md)"
    )


@pytest.mark.parametrize("name", GUIDE_NAMES)
def test_every_passage_or_figure_id_named_exists(name):
    code = _all_code(_notebook_for(name))
    figures = _figure_ids()
    for token in re.findall(r"`([^`\n]+)`", _guide_file(name)):
        if PASSAGE_ID.match(token):
            assert f'"{token}"' in code, f"{name}: passage id {token!r} is not used in the notebook"
        elif FIGURE_ID.match(token):
            assert token in figures, f"{name}: figure id {token!r} is not a row of data/figures.csv"


@pytest.mark.parametrize("name", GUIDE_NAMES)
def test_section_has_background_for_non_specialists(name):
    _notebook_for(name)
    text = _subsection(_guide_file(name), "If you are not a specialist")
    n = len(_sentences(text))
    assert 5 <= n <= 8, f"{name}: the background for non-specialists has {n} sentences, not 5–8"


@pytest.mark.parametrize("name", GUIDE_NAMES)
def test_section_has_four_to_six_discussion_questions(name):
    _notebook_for(name)
    text = _subsection(_guide_file(name), "Discussion questions")
    n = len(re.findall(r"(?m)^\d+\. ", text))
    assert 4 <= n <= 6, f"{name}: {n} discussion questions, not 4–6"


@pytest.mark.parametrize("name", GUIDE_NAMES)
def test_section_says_what_to_do_when_students_finish_early(name):
    _notebook_for(name)
    assert _subsection(_guide_file(name), "If students finish early").strip()


@pytest.mark.parametrize("name", GUIDE_NAMES)
def test_guide_file_has_no_placeholder_once_its_notebook_exists(name):
    _notebook_for(name)
    assert "To be written with the notebook" not in _guide_file(name), (
        f"notebooks/{name}.ipynb exists, but docs/instructor_guide/{name}.md still says "
        "'To be written with the notebook'"
    )


def test_guide_explains_editions_presentation_and_self_checks():
    text = _guide()
    for needle in [
        "make editions",
        "build/editions/student",
        "build/editions/instructor",
        "voila",
        "docs/running_a_seminar.md",
        "helpers.ui.exercises",
        "`numeric`",
        "`choice`",
        "`passage`",
        "`reflection`",
    ]:
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
    return text[: m.start()], text[m.end() :]


def _references() -> list[str]:
    _, refs = _historiography()
    return [line[2:].strip() for line in refs.splitlines() if line.startswith("* ")]


def test_historiography_has_a_reference_list_with_full_citations():
    refs = _references()
    assert len(refs) >= 10
    for ref in refs:
        assert re.search(r"\((?:19|20)\d\d\)", ref), f"no year: {ref}"
        assert re.search(r"\*[^*]+\*", ref), f"no title of a book or journal in italics: {ref}"
        # a publisher, or a journal's volume(issue): pages; where the course's sources do not give them, the
        # reference says so in so many words rather than leaving the gap silent
        assert re.search(
            r"(?:Press|Macmillan|Palgrave|Nauka|Mysl'|\d+\(\d+\): \d+–\d+|"
            r"(?:volume|issue|publisher) and pages not given in the course's sources|"
            r"publisher not given in the course's sources)",
            ref,
        ), f"no publisher or journal issue and pages: {ref}"


def test_historiography_length_is_that_of_a_short_note():
    """Eight short sections (statistics, reassessments, the debate, the end of NEP, agriculture, the plan's
    costs, the archives, the course's gaps): about 15 minutes of reading for an instructor."""
    body, _ = _historiography()
    words = len(body.split())
    assert 1200 <= words <= 3200, f"{words} words before the references"


def test_historiography_covers_the_debates_of_the_later_episodes():
    body, _ = _historiography()
    for needle in [
        "special quarter",
        "Preobrazhensky",
        "Bukharin",
        "Barsov",
        "Ellman",
        "Millar",
        "procurement",
        "Shakhty",
        "real wages",
        "deport",
        "Malafeev",
        "Holzman",
        "probably economic years",
    ]:
        assert needle in body, f"docs/historiography.md does not discuss {needle!r}"
    assert not re.search(r"grain (?:procurement )?crisis[^.]*led to the (?:first )?five-year plan", body, re.I), (
        "the grain crisis did not 'lead to' the plan, which was in preparation from 1926-27 (review H11)"
    )


def test_every_work_cited_in_the_historiography_is_in_its_references():
    body, _ = _historiography()
    refs = _references()
    cited = set()
    for m in re.finditer(r"\b([A-Z][a-z]+)(?:\*\*)? \(((?:19|20)\d\d)\)", body):  # Harrison (2000)
        cited.add((m[1], m[2]))
    for m in re.finditer(
        r"\(((?:[A-Z][a-z]+(?:, | and ))*[A-Z][a-z]+) ((?:19|20)\d\d)\)", body
    ):  # (Carr and Davies 1969)
        cited.add((re.findall(r"[A-Z][a-z]+", m[1])[-1], m[2]))
    assert len(cited) >= 10
    for name, year in sorted(cited):
        assert any(name in ref and f"({year})" in ref for ref in refs), (
            f"cited but not in the references: {name} {year}"
        )
    for ref in refs:
        surname, year = ref.split(",")[0], re.search(r"\(((?:19|20)\d\d)\)", ref)[1]
        assert re.search(rf"{surname}\b[^.]*?\(?{year}\)?", body) or (surname, year) in cited, (
            f"listed but never cited: {ref}"
        )


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
    """Paths the instructor documents name exist, except what `make` generates (build/, .venv/)."""
    for path in (GUIDE, HISTORIOGRAPHY, *GUIDE_FILES):
        text = _strip_code_blocks(path.read_text(encoding="utf-8"))
        for token in re.findall(r"`([^`\s]+)`", text):
            if "/" not in token or token.startswith(("build/", ".venv/")) or "://" in token:
                continue
            if re.fullmatch(r"[\d/.-]+", token):  # periods such as 1925/26 or 1928/29-1932/33
                continue
            candidate = token.split("#")[0].rstrip("/")
            assert (ROOT / candidate).exists(), f"{path.name} names {token!r}, which is not in the repository"


def test_the_hub_image_installs_the_pinned_hub_packages():
    """The seminar guide's image recipe pins jupyterhub and nbgitpuller exactly as requirements/dev.txt does."""
    import re

    guide = (ROOT / "docs" / "running_a_seminar.md").read_text(encoding="utf-8")
    lock = (ROOT / "requirements" / "dev.txt").read_text(encoding="utf-8")
    for name in ("jupyterhub", "nbgitpuller"):
        pinned = re.search(rf"^{name}==(\S+)", lock, re.M).group(1)
        assert f"{name}=={pinned}" in guide, f"docs/running_a_seminar.md should install {name}=={pinned}"
