"""helpers.clear_caches(): one reset for every cache, found where it lives."""

import helpers
from helpers import caches, data, independent, paths, sources


def test_clear_caches_empties_every_loader_and_the_text_bitmaps():
    from helpers.charts import render
    from helpers.evidence import disagreements

    data.load_figures()
    independent.chronology()
    sources.source_text("su_rec")
    disagreements.find()
    render._cache["probe"] = (None, 0, 0)
    fns = caches.cached_functions()
    for fn in (
        data.load_figures,
        independent.load_estimates,
        paths.data_dir,
        sources.source_text,
        paths.read_declarations,
    ):
        assert fn in fns, fn.__name__
    assert helpers.clear_caches() >= len(fns)
    assert all(fn.cache_info().currsize == 0 for fn in fns)
    assert "probe" not in render._cache


def test_clear_caches_rereads_a_changed_data_folder(data_copy):
    """After a data file is edited in a running kernel, one call shows the edit."""
    before = len(independent.chronology())
    path = data_copy / "independent" / "chronology.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    assert len(independent.chronology()) == before  # still the cached table
    helpers.clear_caches()
    assert len(independent.chronology()) == before - 1


def test_source_order_and_languages_come_from_sources_csv():
    """One source of truth for the evidence modules' SOURCE_ORDER and LANGUAGES (review §1.3)."""
    import csv

    from _paths import ROOT

    with open(ROOT / "data" / "sources" / "sources.csv", newline="", encoding="utf-8") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    assert set(sources.order()) == set(rows) and sorted(sources.order().values()) == list(range(len(rows)))
    assert list(sources.order()) == ["su_rec", "su_ind", "ua_nep"]  # 1938 or later, 1939 or later, after 1990
    assert sources.languages() == {sid: rows[sid]["language"] for sid in sources.order()}
