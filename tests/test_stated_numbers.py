"""Numbers stated in prose agree with the computation they report (data/stated_numbers.yml).

An instructor note, a summary, a solution or a guide often states a number that the course computes
("workers +77.8%", "the budget grew 2.05 times"). Each such number has an entry in
``data/stated_numbers.yml`` that names the place, the text as written there, and a short expression that
computes it from the data with the ``helpers`` package. For every entry this test checks

* that the text occurs at that place (a cell of a notebook, found by its id, or a file of docs/ or data/);
* that the number occurs in the text;
* that the expression, evaluated, rounds to the number as written (half up, to as many decimals as the
  number is written with, unless the entry gives ``decimals``), or, for a claim verdict, that the claim
  checker gives the stated status.

So a correction of the data that changes a result makes this test fail at every place that states the old
result. Entries for a notebook that is not in notebooks/ yet are skipped, with the reason.
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import pytest
from _paths import ROOT

from helpers import claims
from helpers.data.paths import read_yaml
from helpers.evidence.expressions import evaluate

REGISTER = ROOT / "data" / "stated_numbers.yml"
KEYS = {"where", "text", "number", "compute", "decimals", "claim", "status", "note"}
NUMBER = re.compile(r"(?<![\w.])[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|(?<![\w.,])[-−]?\d+(?:\.\d+)?(?![\d])")


# ---- rounding as written ---------------------------------------------------------------------


def as_number(written: str) -> Decimal:
    """A number as written in prose: thousands commas dropped, a typographic minus read as minus."""
    return Decimal(written.replace(",", "").replace("−", "-"))


def rounds_to(value: float, written: str, decimals: int | None = None) -> bool:
    target = as_number(written)
    places = decimals if decimals is not None else max(0, -target.as_tuple().exponent)
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
    return rounded == target.quantize(quantum, rounding=ROUND_HALF_UP) and (decimals is not None or rounded == target)


# ---- reading the register and the places -------------------------------------------------------


def _register() -> list[dict]:
    entries = read_yaml(REGISTER)
    assert isinstance(entries, list) and entries, f"{REGISTER.name} must be a YAML list of entries"
    return entries


ENTRIES = _register()


def _key(entry: dict) -> tuple:
    return entry.get("where"), entry.get("text"), str(entry.get("number", "")), entry.get("claim")


def _entry_id(entry: dict) -> str:
    where = str(entry.get("where", "?")).split("/")[-1]
    return f"{where}|{str(entry.get('text', '?'))[:40]}|{entry.get('number', '')}"


@cache
def _notebook_cells(path: Path) -> dict[str, str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return {c.get("id", ""): "".join(c["source"]) for c in cells}


def _place_text(where: str) -> str:
    """The text at ``where``: a notebook cell (``notebooks/x.ipynb#cellid``) or a whole file."""
    path_part, _, cell_id = where.partition("#")
    path = ROOT / path_part
    if path.suffix == ".ipynb":
        if not path.exists():
            pytest.skip(f"{path_part} does not exist yet; this entry is checked once the notebook lands")
        assert cell_id, f"{where!r}: name the cell, as notebooks/<file>.ipynb#<cell id>"
        cells = _notebook_cells(path)
        assert cell_id in cells, f"{path_part} has no cell with id {cell_id!r} (was the cell removed or split?)"
        return cells[cell_id]
    assert not cell_id, f"{where!r}: only notebooks have cells; name a file of docs/ or data/ without '#'"
    assert path.exists(), f"{path_part} does not exist"
    return path.read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return " ".join(text.split())


# ---- the tests ---------------------------------------------------------------------------------


def test_register_entries_are_well_formed():
    for i, entry in enumerate(ENTRIES, start=1):
        assert isinstance(entry, dict), f"entry {i} is not a mapping"
        unknown = set(entry) - KEYS
        assert not unknown, f"entry {i}: unknown keys {sorted(unknown)}; allowed: {sorted(KEYS)}"
        for key in ("where", "text"):
            assert isinstance(entry.get(key), str) and entry[key].strip(), f"entry {i}: '{key}' is required"
        assert re.match(r"^(notebooks/[\w.-]+\.ipynb#[\w-]+|(docs|data)/[\w./-]+\.(md|csv|yml))$", entry["where"]), (
            f"entry {i}: where={entry['where']!r}; write notebooks/<file>.ipynb#<cell id> or docs/… or data/…"
        )
        has_compute, has_claim = "compute" in entry, "claim" in entry
        assert has_compute != has_claim, (
            f"entry {i}: give either 'compute' (a number) or 'claim' + 'status' (a verdict)"
        )
        if has_claim:
            assert entry.get("status") in claims.STATUSES, f"entry {i}: status must be one of {claims.STATUSES}"
        if "decimals" in entry:
            assert isinstance(entry["decimals"], int), f"entry {i}: decimals must be an integer"
    keys = [_key(e) for e in ENTRIES]
    doubles = sorted({str(k) for k in keys if keys.count(k) > 1})
    assert not doubles, f"entries listed twice (same place, text and number): {doubles}"


@pytest.mark.parametrize("entry", ENTRIES, ids=[_entry_id(e) for e in ENTRIES])
def test_stated_number_is_where_it_is_said_to_be(entry):
    text = _place_text(entry["where"])
    assert _flat(entry["text"]) in _flat(text), (
        f"{entry['where']} no longer says {entry['text']!r}. If the prose changed, update its entry in "
        f"data/stated_numbers.yml (text, and number or compute if the result changed)."
    )


@pytest.mark.parametrize("entry", ENTRIES, ids=[_entry_id(e) for e in ENTRIES])
def test_stated_number_agrees_with_its_computation(entry):
    written = entry.get("number")
    if written is None:
        found = NUMBER.findall(entry["text"])
        if "compute" in entry:
            assert len(found) == 1, (
                f"{entry['text']!r} holds {len(found)} numbers ({found}); say which one with 'number:'"
            )
            written = found[0]
    else:
        written = str(written)
        assert written in entry["text"], f"number {written!r} is not in the text {entry['text']!r}"
    if "claim" in entry:
        checked = claims.check()
        row = checked[checked["id"] == entry["claim"]]
        assert not row.empty, f"{entry['claim']!r} is not a claim the claim checker knows"
        assert row["status"].iloc[0] == entry["status"], (
            f"{entry['where']} says claim {entry['claim']} {entry['status']!r}; the claim checker now says "
            f"{row['status'].iloc[0]!r} ({row['reason'].iloc[0]})"
        )
        return
    value = evaluate(entry["compute"])
    assert isinstance(value, (int, float)) and not isinstance(value, bool), (
        f"{entry['compute']!r} gives {value!r}, not a number"
    )
    assert rounds_to(value, written, entry.get("decimals")), (
        f"{entry['where']} states {written} ({entry['text']!r}), but {entry['compute']} = {value!r}. "
        f"Correct the prose (and this entry's text), or the computation if it is the entry that is wrong."
    )


# ---- guards: the checks catch what they should ----------------------------------------------------


def test_rounding_is_half_up_to_the_digits_written():
    assert rounds_to(77.8059, "77.8") and rounds_to(77.8059, "78") and not rounds_to(77.8059, "77.9")
    assert not rounds_to(77.8059, "77.80")  # more digits written, more checked
    assert rounds_to(1532.5, "1,533") and not rounds_to(1532.5, "1,532")  # half up, not to even
    assert rounds_to(16353.0, "16,353") and rounds_to(2.048, "2.05") and not rounds_to(2.044, "2.05")
    assert rounds_to(7866.7, "7,870", decimals=-1) and not rounds_to(7866.7, "7,860", decimals=-1)


def test_a_wrong_statement_is_caught():
    """A made-up entry stating the workers' growth as 64% (the chapter's figure) must fail."""
    value = evaluate("100 * (figure('su_rec-060') / figure('su_rec-059') - 1)")
    assert rounds_to(value, "77.8") and not rounds_to(value, "64")


def test_number_finder_reads_prose_numbers():
    assert NUMBER.findall("the budget grew 2.05 times") == ["2.05"]
    assert NUMBER.findall("16,353 million rubles") == ["16,353"]
    assert NUMBER.findall("×14.83 in four (96.2%)") == ["14.83", "96.2"]


def test_the_scanner_lists_candidates_and_marks_registered_ones(tmp_path):
    """tools/stated_numbers.py shows an author which numbers of a document already have an entry."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("stated_numbers_tool", ROOT / "tools" / "stated_numbers.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    doc = tmp_path / "guide.md"
    doc.write_text("Workers grew by +77.8%, the budget 2.05 times; Mitchell gives 1,309 kt.\n", encoding="utf-8")
    register = [{"where": doc.as_posix(), "text": "Workers grew by +77.8%", "compute": "1"}]
    rows = tool.scan(doc, register)
    found = {r["number"]: r["covered"] for r in rows}
    assert found == {"77.8": True, "2.05": False}, found  # 1,309 is a level quoted from a source, not a result
    assert tool.main([str(tmp_path / "missing.md")]) == 2
