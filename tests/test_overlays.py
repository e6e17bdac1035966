"""A copy of the course keeps its own additions in overlay files that the course reads beside its own:
charts, exercises and timelines in ``local_*.yml``, quotations in ``data/excerpts/local.csv``,
estimates and events in ``estimates_local.csv`` and ``chronology_local.csv``. The course's files stay as
they ship, so its updates merge without conflicts (docs/adapting.md)."""

from __future__ import annotations

import pytest

from helpers import independent, quote, sources, widgets
from helpers.errors import DataFileError
from helpers.teaching import exercises


def test_a_local_chart_and_exercise_are_shown_by_id(data_copy):
    (data_copy / "charts" / "local_mine.yml").write_text(
        "03-my-coal:\n  panel: timeseries\n  title: Coal, my version\n  series:\n    Coal: coal_output\n",
        encoding="utf-8",
    )
    (data_copy / "exercises" / "local_mine.yml").write_text(
        "03-ex-my-reflection:\n  kind: reflection\n  prompt: Why?\n  hints: [Think.]\n  answer: {points: [A point.]}\n",
        encoding="utf-8",
    )
    assert "Coal, my version" in str(widgets.show("03-my-coal").title)
    assert exercises.declared("03-ex-my-reflection")["_file"] == "local_mine.yml"


def test_a_local_excerpt_is_quoted_like_the_course_ones(data_copy):
    text = "The XIV Congress of the All-Union Communist Party of Bolsheviks (December 1925)"
    (data_copy / "excerpts" / "local.csv").write_text(
        f'id,source,title,text,translation,period,note\nmy-xiv,su_rec,Mine,"{text}",,,\n', encoding="utf-8"
    )
    assert sources.excerpt("my-xiv")["file"] == "local.csv"
    assert text in quote("my-xiv")._repr_html_()


def test_local_estimates_and_events_join_the_course_tables(data_copy):
    """A local row gives its full reference in a 'citation' column (docs/adapting.md)."""
    head = ",".join(independent.COLUMNS)
    row = (
        'my_coal_1928,coal_output,1928,35.5,million tonnes,USSR,My dataset,"Me (2026), My book, p. 1",p. 1,B,level,'
        "Calendar year.\n"
    )
    (data_copy / "independent" / "estimates_local.csv").write_text(head + "\n" + row, encoding="utf-8")
    est = independent.load_estimates()
    assert est["id"].iloc[-1] == "my_coal_1928" and est["value"].iloc[-1] == 35.5
    assert est["citation"].iloc[-1] == "Me (2026), My book, p. 1"
    head = ",".join(independent.CHRONOLOGY_COLUMNS)
    event = 'my_event,"May 1, 1928",A date of my own,USSR,"Me (2026), My book",p. 2,B,\n'
    (data_copy / "independent" / "chronology_local.csv").write_text(head + "\n" + event, encoding="utf-8")
    assert "my_event" in set(independent.chronology(1928, 1928)["id"])


def test_a_local_row_may_name_a_work_of_the_course_or_of_works_local(data_copy):
    """The header of the course's table: 'work' holds an id of works.csv or works_local.csv."""
    course_work = next(iter(independent.load_works()))
    (data_copy / "independent" / "works_local.csv").write_text(
        'id,citation\nme_2026,"Me (2026), My book (read at https://example.org/my-book)"\n', encoding="utf-8"
    )
    head = (data_copy / "independent" / "estimates.csv").read_text(encoding="utf-8").splitlines()[0]
    rows = (
        "my_coal_1928,coal_output,1928,35.5,million tonnes,USSR,My dataset,me_2026,p. 1,B,level,Calendar year.\n"
        f"my_coal_1929,coal_output,1929,40.1,million tonnes,USSR,My dataset,{course_work},p. 2,B,level,Calendar year.\n"
    )
    (data_copy / "independent" / "estimates_local.csv").write_text(head + "\n" + rows, encoding="utf-8")
    independent.clear_cache()  # load_works() above read the works before works_local.csv existed
    est = independent.load_estimates().set_index("id")
    assert est.loc["my_coal_1928", "citation"] == "Me (2026), My book (read at https://example.org/my-book)"
    assert est.loc["my_coal_1929", "citation"] == independent.load_works()[course_work]


def test_a_local_row_may_not_reuse_a_course_id(data_copy):
    est = (data_copy / "independent" / "estimates.csv").read_text(encoding="utf-8").splitlines()
    (data_copy / "independent" / "estimates_local.csv").write_text(est[0] + "\n" + est[1] + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="appear more than once"):
        independent.load_estimates()
