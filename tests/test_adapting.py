"""An instructor adapting the course (docs/adapting.md): the scaffolds write what the course accepts, every
mistake they are likely to make fails with a message naming the file, the id or row, and the fix. (That the
page's chart reference names every option of every panel kind is checked in tests/docs/test_pages.py.)

Each mistake is made in a throw-away copy of data/ (the ``data_copy`` fixture) or a temporary notebook;
nothing in the repository changes.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import clear_caches, independent, quote, widgets
from helpers.errors import DataFileError
from helpers.teaching import exercises
from helpers.ui import declarations

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


new_exercise = _tool("new_exercise")
new_excerpt = _tool("new_excerpt")
execute_notebooks = _tool("execute_notebooks")
chart_periods = _tool("chart_periods")

CHART = "03-my-coal:\n  panel: timeseries\n  title: Coal, my version\n  series:\n    Coal: {series}\n"
SUM = 'figure("su_ind-055") - figure("su_ind-051")'


# ---- the mistakes, and what they say -------------------------------------------------------------


def test_a_misspelt_series_in_a_chart_names_file_chart_and_the_right_name(data_copy):
    (data_copy / "charts" / "local_mine.yml").write_text(CHART.format(series="coal_outptu"), encoding="utf-8")
    with pytest.raises(declarations.ChartSpecError) as exc:
        widgets.show("03-my-coal")
    msg = str(exc.value)
    print(msg)
    assert msg.startswith("data/charts/local_mine.yml, chart '03-my-coal': series 'Coal':")
    assert "Did you mean 'coal_output'" in msg


def test_a_key_written_twice_in_a_declaration_names_file_id_and_key(data_copy):
    text = CHART.format(series="coal_output").replace("  title: Coal, my version\n", "  title: A\n  title: B\n")
    (data_copy / "charts" / "local_mine.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        widgets.show("03-my-coal")
    msg = str(exc.value)
    print(msg)
    assert "data/charts/local_mine.yml: the key 'title' is written twice in one entry (lines 3 and 4)" in msg
    assert msg.endswith("Keep one.")


def test_a_wrong_answer_key_names_file_exercise_and_how_to_remake_it(data_copy, monkeypatch):
    import test_exercise_keys as keys_test

    path = data_copy / "exercises" / "local_exercises.yml"
    wrong = {"value": 2089.0, "tolerance": 0.5}  # the rise is 2079
    entry = {"kind": "numeric", "prompt": "By how much?", "hints": ["Add."]}
    entry |= {"answer": wrong, "computed": SUM}
    path.write_text(new_exercise.block("04-ex-my-sum", entry), encoding="utf-8")
    clear_caches()
    monkeypatch.setitem(keys_test.DECL, "04-ex-my-sum", exercises.validated("04-ex-my-sum"))
    with pytest.raises(AssertionError) as exc:
        keys_test.test_numeric_key_agrees_with_the_data("04-ex-my-sum")
    msg = str(exc.value).splitlines()[0]
    print(msg)
    assert msg.startswith("data/exercises/local_exercises.yml: the answer of '04-ex-my-sum' says 2089.0 ± 0.5")
    assert "gives 2079.0" in msg and "answer: {value: 2079, tolerance: 0.5}" in msg


def test_a_quotation_with_one_word_changed_names_file_excerpt_word_and_tool(data_copy):
    text = new_excerpt.cut("su_rec", "The XIV Congress", "means of production")
    changed = text.replace("Congress", "Conference", 1)
    (data_copy / "excerpts" / "local.csv").write_text(
        f'id,source,title,text,translation,period,note\n02-my-xiv,su_rec,Mine,"{changed}",,,\n', encoding="utf-8"
    )
    with pytest.raises(DataFileError) as exc:
        quote("02-my-xiv")
    msg = str(exc.value)
    print(msg)
    assert msg.startswith("data/excerpts/local.csv, excerpt '02-my-xiv': not verbatim in the source 'su_rec'")
    assert "the excerpt has 'Conference', the stored text has 'Congress'" in msg
    assert "tools/new_excerpt.py su_rec" in msg


def test_a_document_quotation_with_one_word_changed_names_the_passage(data_copy):
    doc = "doc_stalin_1930_dizzy_with_success"
    stored = new_excerpt.cut(doc, "It is a fact that by February 20 of", "collectivised.")
    changed = stored.replace("fact", "truth", 1)
    (data_copy / "excerpts" / "local.csv").write_text(
        f'id,source,title,text,translation,period,note\n05-my-dizzy,{doc},Mine,"{changed}",,,\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as exc:
        quote("05-my-dizzy")
    msg = str(exc.value)
    print(msg)
    assert msg.startswith(
        f"data/excerpts/local.csv, excerpt '05-my-dizzy': not verbatim in a stored passage of '{doc}'"
    )
    assert "'truth'" in msg and "'fact'" in msg


def test_an_estimate_without_citation_names_file_line_id_and_what_to_write(data_copy):
    head = ",".join(independent.COLUMNS)  # a local file may give the full reference instead of a work id
    row = "my_coal_1928,coal_output,1928,35.5,million tonnes,USSR,My book,,p. 1,B,level,Calendar year.\n"
    (data_copy / "independent" / "estimates_local.csv").write_text(head + "\n" + row, encoding="utf-8")
    with pytest.raises(DataFileError) as exc:
        independent.load_estimates()
    msg = str(exc.value)
    print(msg)
    assert msg.startswith("data/independent/estimates_local.csv, line 2 (my_coal_1928): column 'citation' is empty")
    assert "the full reference" in msg


def test_an_event_without_locator_names_file_line_and_id(data_copy):
    head = ",".join(independent.CHRONOLOGY_COLUMNS)
    event = 'my_event,"May 1, 1928",A date of my own,USSR,"Me (2026), My book",,B,\n'
    (data_copy / "independent" / "chronology_local.csv").write_text(head + "\n" + event, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"chronology_local\.csv, line 2 \(my_event\): column 'locator' is empty"):
        independent.chronology(1928, 1928)


def _executed_notebook(path: Path) -> nbformat.NotebookNode:
    v4 = nbformat.v4
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("# Mine"), v4.new_code_cell('quote("04-doc-bukharin-notes")')])
    execute_notebooks.normalise(nb)  # what the tool records after a run
    nbformat.write(nb, path)
    return nb


def test_a_notebook_edited_but_not_re_executed_names_the_cell_and_the_command(tmp_path):
    path = tmp_path / "04_mine.ipynb"
    nb = _executed_notebook(path)
    assert execute_notebooks.stale_message(path) == ""
    nb.cells[1].source = 'quote("04-ind-rights")'
    nbformat.write(nb, path)
    msg = execute_notebooks.stale_message(path)
    print(msg)
    assert msg.startswith(
        "notebooks/04_mine.ipynb: edited after it was last executed: cell 1 ('quote(\"04-ind-rights\")')"
    )
    assert "make check NB=04_mine.ipynb" in msg
    nb.cells.append(nbformat.v4.new_code_cell('ex.show("04-ex-dizzy")'))
    nbformat.write(nb, path)
    assert "code cells were added or removed" in execute_notebooks.stale_message(path)


def test_an_untagged_model_answer_names_the_cell_and_the_tag(tmp_path):
    import test_cell_tags

    v4 = nbformat.v4
    exercise = v4.new_code_cell('ex.show("04-ex-dizzy")', metadata={"tags": ["exercise"]})
    answer = v4.new_markdown_cell("**Model answer.** Stalin claims a success and redraws its limits at once.")
    path = tmp_path / "04_mine.ipynb"
    nbformat.write(v4.new_notebook(cells=[exercise, answer]), path)
    msg = test_cell_tags.message(path)
    print(msg)
    assert msg.startswith("notebooks/04_mine.ipynb: cell 1 ('**Model answer.** Stalin claims a succes'…)")
    assert "add the tag `solution`" in msg and "Cell Tags" in msg


# ---- the scaffolds ---------------------------------------------------------------------------------


def _new(argv: list[str]) -> None:
    new_exercise.main(argv)
    clear_caches()


@pytest.mark.parametrize(
    "kind, args",
    [
        ("numeric", ["--prompt", "How much?", "--answer", "2079", "--tolerance", "0.5", "--computed", SUM]),
        ("choice", ["--prompt", "Which?", "--option", "One", "--option", "Two", "--correct", "2"]),
        (
            "passage",
            ["--claim", "A claim.", "--passage", "04-ind-rights", "--passage", "04-ind-osvok-break", "--correct", "1"],
        ),
        ("reflection", ["--prompt", "Why?", "--point", "Because.", "--point", "And so."]),
    ],
)
def test_the_scaffold_appends_a_valid_exercise_and_changes_nothing_else(data_copy, kind, args, capsys):
    course = data_copy / "exercises" / "04_end_of_nep.yml"
    before = course.read_text(encoding="utf-8")
    eid = f"04-ex-test-{kind}"
    _new([eid, "--kind", kind, "--table", "04_end_of_nep", "--hint", "A hint.", *args])
    after = course.read_text(encoding="utf-8")
    assert after.startswith(before) and len(after) > len(before)
    spec = exercises.validated(eid)
    answer = exercises.answer_of(eid, spec)
    view = widgets_exercise(eid)
    if kind == "numeric":
        assert answer == {"value": 2079.0, "tolerance": 0.5}
        assert view.set(answer="2079") and view.submit().ok
    elif kind in ("choice", "passage"):
        assert answer == {"correct": [1 if kind == "choice" else 0]}
    else:
        assert answer == {"points": ["Because.", "And so."]}
    out = capsys.readouterr().out
    assert f'ex.show("{eid}")' in out and "tag: exercise" in out and "tag: solution" in out
    assert ("tag: instructor" in out and "Rubric (reflection, 3 points)" in out) == (kind == "reflection")


def widgets_exercise(eid: str):
    from helpers import exercises as ex

    return ex.show(eid)


def test_the_scaffold_writes_a_local_file_and_refuses_a_used_id(data_copy):
    _new(
        [
            "04-ex-test-local",
            "--kind",
            "reflection",
            "--table",
            "local",
            "--prompt",
            "Why?",
            "--hint",
            "H.",
            "--point",
            "P.",
        ]
    )
    assert exercises.declared("04-ex-test-local")["_file"] == "local_exercises.yml"
    with pytest.raises(SystemExit, match="already declared in 04_end_of_nep.yml"):
        _new(["04-ex-dizzy", "--kind", "reflection", "--table", "local", "--prompt", "Why?", "--point", "P."])


def test_the_scaffold_refuses_a_numeric_exercise_the_tests_could_not_check(data_copy):
    local = data_copy / "exercises" / "local_exercises.yml"
    before = local.read_text(encoding="utf-8") if local.exists() else None  # a copy of the course may have one
    with pytest.raises(SystemExit, match="needs --computed"):
        _new(
            [
                "04-ex-test-sum",
                "--kind",
                "numeric",
                "--table",
                "local",
                "--prompt",
                "?",
                "--answer",
                "1",
                "--tolerance",
                "0",
            ]
        )
    with pytest.raises(SystemExit, match="from 1 to 2"):
        _new(
            [
                "04-ex-test-pick",
                "--kind",
                "choice",
                "--table",
                "local",
                "--prompt",
                "?",
                "--option",
                "a",
                "--option",
                "b",
                "--correct",
                "3",
            ]
        )
    assert (local.read_text(encoding="utf-8") if local.exists() else None) == before


def test_the_scaffold_refuses_an_answer_its_computation_contradicts(data_copy):
    args = [
        "--kind",
        "numeric",
        "--table",
        "local",
        "--prompt",
        "?",
        "--hint",
        "H.",
        "--tolerance",
        "0.5",
        "--computed",
        SUM,
    ]
    with pytest.raises(SystemExit, match=r"--answer 2089 ± 0.5 disagrees with --computed, which gives 2079"):
        _new(["04-ex-test-sum", *args, "--answer", "2089"])
    _new(["04-ex-test-sum", *args])  # without --answer the computed value is taken
    assert exercises.answer_of("04-ex-test-sum", exercises.declared("04-ex-test-sum")) == {
        "value": 2079.0,
        "tolerance": 0.5,
    }


def test_the_scaffold_puts_the_file_back_when_the_entry_is_refused(data_copy):
    course = data_copy / "exercises" / "04_end_of_nep.yml"
    before = course.read_text(encoding="utf-8")
    with pytest.raises(SystemExit, match="Not added"):
        new_exercise.append(course, "04-ex-my-bad", {"kind": "numeric", "prompt": "?", "hints": []})
    assert course.read_text(encoding="utf-8") == before


def test_the_scaffold_inserts_the_cells_after_the_named_cell_only(tmp_path, monkeypatch):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    v4 = nbformat.v4
    solution = v4.new_markdown_cell("**Solution.** 2", metadata={"tags": ["solution"]})
    cells = [v4.new_markdown_cell("# Title"), v4.new_markdown_cell("Section two."), solution, v4.new_code_cell("1 + 1")]
    nbformat.write(v4.new_notebook(cells=cells), notebooks / "04_mine.ipynb")
    before = nbformat.read(notebooks / "04_mine.ipynb", as_version=4)
    monkeypatch.setattr(new_exercise, "ROOT", tmp_path)
    new_exercise.insert("04_mine.ipynb", "Section two", new_exercise.cells("04-ex-my-why", "reflection"))
    after = nbformat.read(notebooks / "04_mine.ipynb", as_version=4)
    assert after.cells[:3] == before.cells[:3]  # the named cell keeps its solution next to it
    assert after.cells[6] == before.cells[3] and len(after.cells) == 7
    assert [c.metadata["tags"] for c in after.cells[3:6]] == [["exercise"], ["solution"], ["instructor"]]
    with pytest.raises(SystemExit, match="is in 0 cells"):
        new_exercise.insert("04_mine.ipynb", "no such words", new_exercise.cells("04-ex-x", "numeric"))


def test_a_document_is_quoted_from_its_stored_passages_only():
    from helpers import sources

    doc = "doc_stalin_1930_dizzy_with_success"
    cut = new_excerpt.cut(doc, "It is a fact that by February 20 of", "collectivised.")
    assert sources.passage_of(doc, cut) is not None and cut.startswith("It is a fact")
    with pytest.raises(SystemExit, match="in none of its stored passages"):
        new_excerpt.cut(doc, "Words Stalin never wrote", "here.")


def test_the_period_labels_of_a_series_and_of_a_chart_are_listed():
    labels = chart_periods.series_periods("coal_output", source="su_rec")
    assert "1925/26" in labels and labels == sorted(labels, key=lambda s: s[:4])
    assert chart_periods.chart_periods("01-coal")[0] == "1921/22"


# ---- the reference stays current ----------------------------------------------------------------
