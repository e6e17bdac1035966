"""Independent estimates: each dataset row equals the cell of the raw extract it names."""

import csv
import re
from functools import cache

import pytest
from _paths import ROOT

from helpers import independent
from helpers.errors import AmbiguousSelectionError, UnknownNameError

RAW = ROOT / "data" / "independent" / "raw"
EST = independent.load_estimates()
LOC = re.compile(r"^raw/(?P<file>[^;/]+\.csv); (?P<key>[A-Za-z]+)=(?P<val>[^;]+); column (?P<col>.+)$")
DATASET_ROWS = EST[EST["locator"].str.startswith("raw/")]


@cache
def raw_table(name):
    with open(RAW / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_row_has_a_citation_grade_and_locator():
    assert len(EST) >= 200 and EST["id"].is_unique
    for col in independent.COLUMNS:
        empty = EST.loc[EST[col].astype(str).str.strip() == "", "id"].tolist()
        assert not empty, (
            f"data/independent/estimates.csv: row(s) {', '.join(empty)} have an empty '{col}'; every row needs "
            "its full citation, locator (page or table), where it was read and a grade A–D (see data/README.md)"
        )


@pytest.mark.parametrize("row", list(DATASET_ROWS.itertuples()), ids=list(DATASET_ROWS["id"]))
def test_dataset_value_equals_the_raw_cell(row):
    m = LOC.match(row.locator)
    assert m, row.locator
    hits = [t for t in raw_table(m["file"]) if t.get(m["key"]) == m["val"]]
    assert len(hits) == 1
    assert float(hits[0][m["col"]]) == row.value
    year = m["val"] if m["key"].lower() == "year" else m["col"].lstrip("X")
    assert row.period == year


def test_official_and_independent_share_series_names():
    from helpers import data

    for name in ("pig_iron_output", "steel_output", "coal_output", "oil_output"):
        assert name in data.series_names() and name in set(EST["series"])


def test_series_carries_citation_and_grade():
    s = independent.series("pig_iron_output", dataset="Mitchell via CEDS")
    assert s.attrs["grade"] == "B" and "Mitchell" in s.attrs["citation"]
    assert s.index.freqstr == "Y-DEC" and s[s.index.year == 1913].iloc[0] == 4216


def test_choices_are_named():
    with pytest.raises(UnknownNameError, match="Did you mean"):
        independent.series("pig_iron_outptu")
    multi = [n for n in set(EST["series"]) if len(independent.datasets(n)) > 1][0]
    with pytest.raises(AmbiguousSelectionError, match="dataset="):
        independent.series(multi)


# ---- the year basis of the compilations, grades, and the 1927-1932 material ----------------------

COMPILATIONS = ("mitchell_", "cow4_steel_", "el_coal_", "el_oil_", "cow6_pec_")


def test_compilations_1920s_year_basis_is_left_open():
    """The compilations never state whether their USSR years of the 1920s are calendar or economic years;
    no row may settle it as 'Calendar year' (expert review H1), and each says the question is open."""
    rows = EST[EST["id"].str.startswith(COMPILATIONS) & EST["period"].isin([str(y) for y in range(1920, 1928)])]
    assert len(rows) == 5 * 8
    for r in rows.itertuples():
        assert not r.note.startswith("Calendar year"), f"{r.id}: the note settles the year basis as calendar"
        assert "open" in r.note and "README" in r.note, (
            f"{r.id}: the note must call the year basis open and point to the README"
        )


def test_maddison_2020_grade_follows_its_named_sources():
    rows = EST[EST["id"].str.startswith("mpd2020_")]
    years = rows["period"].astype(int)
    assert set(rows[years <= 1928]["grade"]) == {"A"}, "1913-1928 rest on Markevich & Harrison: grade A"
    assert set(rows[years >= 1929]["grade"]) == {"B"}, "1929-1940 have no named source: grade B"


def test_unverified_attributions_are_never_graded_as_independent_scholarship():
    lit = EST[EST["id"].str.startswith("lit_")]
    flagged = lit[
        lit["citation"].str.contains("to verify|attribution unverified|not confirmed", case=False)
        | lit["note"].str.contains("VERIFY the attribution")
    ]
    bad = flagged[~flagged["grade"].isin(["C", "D"])]
    assert bad.empty, f"rows with an unverified attribution graded A or B: {list(bad['id'])}"


def test_an_official_count_relayed_by_another_author_is_never_graded_as_a_reconstruction():
    """README rule: official Soviet figures that a later author quotes are D (C for a tertiary page; B for a
    contemporary independent publisher naming its official source), never A, the grade of an independent
    reconstruction (review of 04-06: a count relayed by a narrative history was graded A)."""
    relayed = r"\brelay\w*\b[^.;]*\bofficial\b|\bofficial\b[^.;]*\brelayed by\b"
    rows = EST[EST["note"].str.contains(relayed, case=False) | EST["citation"].str.contains(relayed, case=False)]
    assert not rows.empty
    bad = rows[rows["grade"] == "A"]
    assert bad.empty, f"official counts relayed by another author graded A: {list(bad['id'])} (README: D)"


CHRONOLOGY = ROOT / "data" / "independent" / "chronology.csv"
CHRONO_COLUMNS = ["id", "date", "event", "territory", "work", "locator", "grade", "note"]


def _chronology() -> list[dict]:
    with open(CHRONOLOGY, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == CHRONO_COLUMNS, f"chronology.csv columns must be {CHRONO_COLUMNS}"
        return list(reader)


def test_chronology_rows_are_cited_graded_and_dated():
    from helpers.data.periods import parse_period

    rows = _chronology()
    assert len(rows) >= 30
    ids = [r["id"] for r in rows]
    assert len(set(ids)) == len(ids) and all(i.startswith("chr_") for i in ids)
    for r in rows:
        for col in CHRONO_COLUMNS[:-1]:
            assert r[col].strip(), f"{r['id']}: empty {col}"
        assert r["grade"] in independent.GRADES, f"{r['id']}: grade {r['grade']!r}"
        citation = independent.load_works()[r["work"]]
        assert "http" in citation, f"{r['id']}: the citation of work {r['work']} must name the copy that was read"
        parse_period(r["date"])


def test_chronology_is_in_date_order():
    from helpers.data.periods import parse_period

    starts = [parse_period(r["date"]).start for r in _chronology()]
    assert starts == sorted(starts), "keep data/independent/chronology.csv sorted by date"


# Copies of in-copyright books on unauthorised sites (shadow libraries, reader sites, file-sharing hosts) are
# never a place the course cites or records as "where read". An entry with a dot is a domain (it matches that
# domain and its subdomains); an entry without one is a name that a label of the host name starts with
# (studfile: studfile.net, studfiles.net). Legitimate sites whose names merely contain such a word
# (1000dokumente.de) are not matched.
SHADOW_HOSTS = (
    "bibliboba",  # usr./user./private.bibliboba.online/.com
    "bitlit",
    "booksonline.com.ua",
    "bookreadfree",
    "cdforex.com.ru",  # a Russian book on Soviet prices, reproduced page by page on a forex site
    "chitka",  # hello.chitka.online
    "climate-policy-watcher.org",  # Dronin & Bellinger (CEU Press, 2005), reproduced on a content site
    "coollib",
    "deepbiglib",
    "docplayer",
    "docslib",
    "dokumen.pub",
    "e-reading",
    "fedy-diary.ru",  # a personal site reproducing a journal article (Davies & Khlevniuk 1999)
    "epdf",
    "fb2.top",
    "fdocuments",
    "flibusta",
    "great-country.ru",
    "hroniki-hlebnogo-fronta.blogspot.com",  # Il'inykh's monograph Khroniki khlebnogo fronta, posted chapter by chapter
    "knigochet",
    "libgen",
    "libking",
    "librs.net",
    "litfond",
    "litlife",
    "litmir",
    "loveread",
    "pdfcoffee",
    "pdfdrive",
    "poisk-ru",
    "readli",
    "royallib",
    "rulit",
    "scribd",
    "simplybooks",
    "statehistory.ru",  # full texts of in-copyright monographs (Ivnitskii 2009, Mironov 1990)
    "studfile",
    "studme",
    "studopedia",
    "studref",
    "studylib",
    "trantor",
    "twirpx",
    "ukrbukva",
    "vdocuments",
    "you1917-91.narod.ru",  # a personal site reproducing an article by Osokina
    "yumpu",
    "z-lib",
    "zlibrary",
    # Mirror and proxy domains that republish other sites' pages (TIME's archive, Wikipedia) under their own
    # names: cite the original site, read there, never the copy.
    "6jhxt.group",  # TIME archive pages on numbered subdomains
    "softbeam.net",  # TIME archive pages
    "brorelol.gay",  # Wikipedia pages
    "mdsite.deno.dev",  # a proxy that serves any address (Wikipedia pages) under its own host
    "pinocchiopedia.com",  # Wikipedia pages
    "wikiclassic.com",  # Wikipedia pages
)
_HOST = re.compile(r"(?<![\w.@-])((?:[a-z0-9-]+\.)+[a-z]{2,})(?=\.?(?:[/:\s;,)'\"`]|$))", re.I)  # "host.ru./" too


def _shadow_host(text):
    """The first host name in ``text`` that is on SHADOW_HOSTS, or None."""
    for host in _HOST.findall(text):
        host = host.lower()
        labels = host.split(".")[:-1]
        for entry in SHADOW_HOSTS:
            if ("." in entry and (host == entry or host.endswith("." + entry))) or (
                "." not in entry and any(label.startswith(entry) for label in labels)
            ):
                return host
    return None


def _data_rows_naming_a_shadow_host():
    """(file, row id, host) for every row of every CSV table in data/ (raw dataset extracts aside)."""
    hits = []
    for path in sorted((ROOT / "data").rglob("*.csv")):
        if "raw" in path.relative_to(ROOT / "data").parts:
            continue
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                host = _shadow_host(" ".join(str(v) for v in row.values()))
                if host:
                    hits.append((path.relative_to(ROOT).as_posix(), next(iter(row.values())), host))
    return hits


def test_the_host_pattern_tells_shadow_copies_from_legitimate_sites():
    for url in (
        "https://rulit.me/books/x",
        "https://usr.bibliboba.online/books/x",
        "https://readli.net/x",
        "https://hello.chitka.online/b/x",
        "https://dokumen.pub/x.html",
        "https://studfiles.net/preview/1",
        "https://ro.scribd.com/document/1",
        "http://great-country.ru/content/x",
        "https://statehistory.ru./books/x",
    ):
        assert _shadow_host(url), url
    for url in (
        "https://www.1000dokumente.de/index.html",
        "https://www.marxists.org/x",
        "https://prlib.ru/x",
        "https://www.jstor.org/stable/1",
        "https://en.wikipedia.org/wiki/Gulag",
    ):
        assert not _shadow_host(url), url


def test_no_data_row_cites_a_copy_on_an_unauthorised_site():
    bad = _data_rows_naming_a_shadow_host()
    assert not bad, "\n".join(
        f"{file}: row {rid} names {host}: copies of in-copyright books on unauthorised sites are never cited or "
        "recorded as where read; re-source the row in a legitimate copy (publisher, library, encyclopedia, "
        "scholarly abstract, public-domain archive) or remove it and everything that uses it"
        for file, rid, host in bad
    )


_BARE_IP = re.compile(r"(?<![\w.])((?:\d{1,3}\.){3}\d{1,3})(?::\d+)?(?=/|\s|$)")


def _bare_ip(text):
    """The first address in ``text`` that is a bare IP (``http://20.210.105.67/...``), or None."""
    m = _BARE_IP.search(text)
    return m.group(1) if m else None


def test_the_bare_ip_pattern_finds_addresses_not_numbers():
    assert _bare_ip("copy http://20.210.105.67/txt/time/Time1928/1928-07-16/787376.html") == "20.210.105.67"
    assert _bare_ip("read at https://10.0.0.1:8080/x") == "10.0.0.1"
    for text in ("https://paperspast.natlib.govt.nz/newspapers/SUNAK19280709.2.93", "version 1.2.3", "pp. 702-705"):
        assert not _bare_ip(text), text


def test_no_data_row_cites_a_copy_at_a_bare_ip_address():
    """A bare IP address is never a citable place: it names no publisher or library and is most often a mirror of
    another site (TIME's archive was read at one). Cite and read the original site, or drop the row."""
    bad = []
    for path in sorted((ROOT / "data").rglob("*")):
        if path.suffix not in (".csv", ".md", ".yml", ".yaml") or "raw" in path.relative_to(ROOT / "data").parts:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            ip = _bare_ip(line)
            if ip:
                bad.append(f"{path.relative_to(ROOT).as_posix()}:{n} cites a copy at {ip}")
    assert not bad, "a bare IP address is never a citable place:\n" + "\n".join(bad)


def test_no_data_note_or_declaration_names_such_a_copy():
    """The READMEs, the row lists and the chart, exercise and timeline declarations in data/ name no such host."""
    bad = []
    for path in sorted((ROOT / "data").rglob("*")):
        if path.suffix in (".md", ".yml", ".yaml") and "raw" not in path.relative_to(ROOT / "data").parts:
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                host = _shadow_host(line)
                if host:
                    bad.append(f"{path.relative_to(ROOT).as_posix()}:{n} names {host}")
    assert not bad, "copies of in-copyright books on unauthorised sites are never cited:\n" + "\n".join(bad)
