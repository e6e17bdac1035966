"""data/independent/works.csv: each cited work once, referenced by id from estimates.csv and chronology.csv."""

import csv

import pytest
from _paths import ROOT

from helpers import independent
from helpers.errors import DataFileError

INDEPENDENT = ROOT / "data" / "independent"
FILE_COLUMNS = {
    "estimates.csv": [c if c != "citation" else "work" for c in independent.COLUMNS],
    "chronology.csv": [c if c != "citation" else "work" for c in independent.CHRONOLOGY_COLUMNS],
}


def _rows(name: str) -> tuple[list[str], list[dict]]:
    with open(INDEPENDENT / name, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_the_course_tables_name_a_work_not_a_citation():
    for name, columns in FILE_COLUMNS.items():
        header, _ = _rows(name)
        assert header == columns, f"data/independent/{name}: columns must be {columns} (the citation is in works.csv)"
    header, _ = _rows("works.csv")
    assert header[:2] == independent.WORK_COLUMNS


def test_every_work_id_used_exists():
    works = {r["id"] for r in _rows("works.csv")[1]}
    missing = [(name, r["id"], r["work"]) for name in FILE_COLUMNS for r in _rows(name)[1] if r["work"] not in works]
    assert not missing, "\n".join(
        f"data/independent/{f}: row {i} names work {w!r}, not in works.csv" for f, i, w in missing
    )


def test_every_work_is_used():
    used = {r["work"] for name in FILE_COLUMNS for r in _rows(name)[1]}
    unused = [r["id"] for r in _rows("works.csv")[1] if r["id"] not in used]
    assert not unused, f"data/independent/works.csv: work(s) {', '.join(unused)} are cited by no row; remove them"


def test_works_have_unique_readable_ids_and_distinct_citations():
    rows = _rows("works.csv")[1]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)) and all(i.isascii() and i == i.lower() and " " not in i for i in ids)
    citations = [r["citation"] for r in rows]
    dup = sorted({c for c in citations if citations.count(c) > 1})
    assert not dup, "two works share one citation; keep one and point the rows at it:\n" + "\n".join(dup)
    assert all(c.strip() for c in citations)
    assert independent.load_works() == {r["id"]: r["citation"] for r in rows}


def test_the_loaders_join_each_rows_citation_back_in():
    works = independent.load_works()
    est = independent.load_estimates().set_index("id")
    for r in _rows("estimates.csv")[1]:
        assert est.loc[r["id"], "citation"] == works[r["work"]]
    events = independent.chronology().set_index("id")
    for r in _rows("chronology.csv")[1]:
        assert events.loc[r["id"], "citation"] == works[r["work"]]
    assert "work" not in est.columns and "work" not in events.columns


def test_an_unknown_work_names_the_file_row_id_and_how_to_add_it(data_copy):
    path = data_copy / "independent" / "estimates.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header, first = lines[0], next(iter(csv.DictReader(lines)))
    first["work"] = "no_such_work_1928"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, header.strip().split(","), lineterminator="\n")
        w.writeheader()
        w.writerow(first)
    with pytest.raises(DataFileError) as exc:
        independent.load_estimates()
    msg = str(exc.value)
    assert msg.startswith(f"data/independent/estimates.csv, line 2 ({first['id']}): work 'no_such_work_1928' is not")
    assert "works.csv" in msg and "works_local.csv" in msg and "'citation'" in msg


def test_a_row_may_not_give_both_a_work_and_a_citation(data_copy):
    work = next(iter(independent.load_works()))
    (data_copy / "independent" / "chronology_local.csv").write_text(
        "id,date,event,territory,work,citation,locator,grade,note\n"
        f'my_event,"May 1, 1928",A date of my own,USSR,{work},"Me (2026), My book",p. 2,B,\n',
        encoding="utf-8",
    )
    independent.clear_cache()
    with pytest.raises(DataFileError, match=r"chronology_local\.csv, line 2 \(my_event\): give the work or"):
        independent.chronology()
