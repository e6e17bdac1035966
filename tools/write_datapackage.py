"""Write data/datapackage.json, the Frictionless descriptor of every course table.

Run after adding a table or changing a schema; tests/test_datapackage.py checks
that the committed file equals what this script writes, and validates the data
against it with the `frictionless` library.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
sys.path.insert(0, str(ROOT / "src"))

from helpers.data import KINDS, PRECISIONS, TOPICS  # noqa: E402
from helpers.data.units import PRICE_BASES  # noqa: E402

CC_BY = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


def course_version() -> str:
    """The course's version, written once in pyproject.toml."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def s(name, description, type_="string", **constraints):
    field = {"name": name, "type": type_, "description": description}
    if constraints:
        field["constraints"] = constraints
    return field


def sha256(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def figures_resource() -> dict:
    return {
        "name": "figures",
        "path": "figures.csv",
        "title": "Every quantitative statement of the three primary sources",
        "description": "One row per number stated in a source, with the verbatim passage that states it. "
        "Values are as stated (no rescaling); cells lost in the source copy are rows of kind 'lost' "
        "with a blank value.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "licenses": [CC_BY],
        "sources": [{"title": "The three primary sources in data/sources/ (see sources.csv)"}],
        "schema": {
            "fields": [
                s(
                    "id",
                    "Stable identifier: source id and a running number in text order",
                    required=True,
                    unique=True,
                    pattern=r"(ua_nep|su_ind|su_rec)-\d{3}",
                ),
                s(
                    "series",
                    "snake_case name of the quantity; the same quantity has the same name everywhere",
                    required=True,
                    pattern=r"[a-z][a-z0-9_]*",
                ),
                s(
                    "period",
                    "The period the value refers to, in one of the forms helpers.periods accepts",
                    required=True,
                ),
                s("start", "First day the period covers (ISO 8601); blank for undated figures", "date"),
                s("end", "Last day the period covers (ISO 8601); blank for undated figures", "date"),
                s("value", "The number as stated; blank where the source copy lost it", "number"),
                s("value_high", "Upper end of a stated range", "number"),
                s("value_as_written", "The characters of the quote that state the number"),
                s("unit", "Unit as stated (million rubles, thousand tons, %, times …)"),
                s("price_basis", "Price basis of money values; blank for physical quantities", enum=["", *PRICE_BASES]),
                s("scope", "Coverage as stated or implied (large-scale industry, census industry, Ukraine …)"),
                s("kind", "What sort of number it is", required=True, enum=list(KINDS)),
                s("base_period", "For shares of a base, growth rates and multiples: the base period"),
                s(
                    "precision",
                    "exact, or the qualifier the source uses (approx, almost, over, under); blank for lost cells",
                    enum=["", *PRECISIONS],
                ),
                s("topic", "Course topic", required=True, enum=list(TOPICS)),
                s("table", "Heading of the table the number is in (or was lost from)"),
                s("source", "Source id (data/sources/sources.csv)", required=True),
                s("quote", "Verbatim passage of the source that states the number", required=True),
                s("note", "What a reader must know about this number"),
            ],
            "missingValues": [""],
            "primaryKey": ["id"],
            "foreignKeys": [{"fields": ["source"], "reference": {"resource": "sources", "fields": ["id"]}}],
        },
    }


def sources_resource() -> dict:
    return {
        "name": "sources",
        "path": "sources/sources.csv",
        "title": "The primary sources: metadata, dating evidence and notes on reliability",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "licenses": [CC_BY],
        "schema": {
            "fields": [
                s("id", "Source id", required=True, unique=True),
                s("file", "File name under data/sources/", required=True),
                s("title", "Title as far as it can be identified", required=True),
                s("short_title", "The short title shown under each quotation from it", required=True),
                s("language", "ISO 639-1 language code", required=True, enum=["en", "uk", "ru"]),
                s("what_it_is", "What kind of document it is", required=True),
                s("date", "Date or earliest possible date of writing", required=True),
                s("dating_evidence", "Why we date it so", required=True),
                s("reliability", "What to be careful about", required=True),
                s("licence", "Copyright situation of the text", required=True),
            ],
            "missingValues": [""],
            "primaryKey": ["id"],
        },
    }


def document_resources() -> list[dict]:
    """The contemporary documents' cards and their stored passages (short quotations)."""
    from helpers.data.sources import DOCUMENT_DATE

    return [
        {
            "name": "documents",
            "path": "sources/documents.csv",
            "title": "Contemporary documents of 1921-1933: source cards",
            "description": "One card per document (speeches, articles, a law, letters, reports) of which short "
            "passages are stored: author, when written and first published, the English edition quoted, where "
            "it was read, dating evidence and notes on reliability.",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "licenses": [CC_BY],
            "schema": {
                "fields": [
                    s(
                        "id",
                        "Document id: doc_<author>_<year>_<short title>",
                        required=True,
                        unique=True,
                        pattern=r"doc_[a-z0-9_]+",
                    ),
                    s("author", "Author, or the issuing body", required=True),
                    s("title", "Title (English, as in the edition quoted)", required=True),
                    s("kind", "What kind of document it is (speech, article, law, letter …)", required=True),
                    s("language", "Language of the stored passages (ISO 639-1)", required=True, enum=["en"]),
                    s(
                        "original_language",
                        "Language the document was written in",
                        required=True,
                        enum=["en", "uk", "ru"],
                    ),
                    s("written", "When it was written, delivered or recorded, as far as known", required=True),
                    s("first_published", "Where and when it was first published (or that it was not)", required=True),
                    s(
                        "date",
                        "The date it is dated by, ISO 8601 (year, year-month or day); orders the documents",
                        required=True,
                        pattern=DOCUMENT_DATE,
                    ),
                    s("dating_evidence", "Why we date it so", required=True),
                    s("edition", "The English edition the passages are quoted from", required=True),
                    s("edition_note", "About the copy read: transcription, second translations, state of the scan"),
                    s("where_read", "URL(s) of the stored copies read, separated by ' ; '", required=True),
                    s("what_it_is", "What the document is and does", required=True),
                    s("reliability", "What it is and is not reliable for", required=True),
                    s("licence", "Copyright situation of the edition quoted", required=True),
                ],
                "missingValues": [""],
                "primaryKey": ["id"],
            },
        },
        {
            "name": "document-passages",
            "path": "sources/document_passages.csv",
            "title": "Short verbatim passages of the contemporary documents",
            "description": "Each passage a sentence or two, character for character from the edition named (the "
            "document's, or the passage's own edition column), with its place in that edition and the URL it "
            "was read at. Excerpts that quote a document must lie inside one of these passages. The texts "
            "belong to their authors, translators and publishers: short quotations for study, not covered by "
            "the course's CC BY licence.",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [
                    s(
                        "id",
                        "Passage id: the document id, '-p' and a number",
                        required=True,
                        unique=True,
                        pattern=r"doc_[a-z0-9_]+-p\d+",
                    ),
                    s("document", "Document id (documents.csv)", required=True),
                    s("text", "The passage, verbatim from the edition", required=True),
                    s("locator", "Where in the edition: page, section or paragraph", required=True),
                    s(
                        "edition",
                        "The edition of this passage where it is not the document's own (a second "
                        "translation); blank otherwise",
                    ),
                    s("url", "URL of the stored copy the passage was read in", required=True),
                ],
                "missingValues": [""],
                "primaryKey": ["id"],
                "foreignKeys": [{"fields": ["document"], "reference": {"resource": "documents", "fields": ["id"]}}],
            },
        },
    ]


def text_resources() -> list[dict]:
    out = []
    for p in sorted((DATA / "sources").glob("*.txt")):
        out.append(
            {
                "name": "text-" + p.stem.replace(".", "-").replace("_", "-"),
                "path": f"sources/{p.name}",
                "title": f"Primary source text {p.name} (unchanged copy)",
                "format": "txt",
                "mediatype": "text/plain",
                "encoding": "utf-8",
                "hash": sha256(p),
                "bytes": p.stat().st_size,
                "description": "Kept character for character as received; every quote in figures.csv and the "
                "excerpt tables is checked against it. Not covered by the course's CC BY licence (see sources.csv).",
            }
        )
    return out


def excerpt_resources() -> list[dict]:
    out = []
    for p in sorted((DATA / "excerpts").glob("*.csv")):
        out.append(
            {
                "name": "excerpts-" + p.stem.replace("_", "-"),
                "path": f"excerpts/{p.name}",
                "title": f"Excerpts quoted in notebook {p.stem}",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "licenses": [CC_BY],
                "schema": {
                    "fields": [
                        s("id", "Excerpt id", required=True, unique=True),
                        s(
                            "source",
                            "Source id (sources/sources.csv) or document id (sources/documents.csv); the tests "
                            "check that it names one of them",
                            required=True,
                        ),
                        s("title", "Short title", required=True),
                        s(
                            "text",
                            "Verbatim passage of the source text, or verbatim part of one stored passage of the "
                            "document",
                            required=True,
                        ),
                        s("translation", "The course's own English translation (for non-English sources)"),
                        s(
                            "period",
                            "The period the passage speaks of, as the passage writes it (blank where it names none)",
                        ),
                        s("note", "Context for the reader"),
                    ],
                    "missingValues": [""],
                    "primaryKey": ["id"],
                },
            }
        )
    return out


#: what the tables that cite works (estimates, chronology) share: a UTF-8 CSV whose sources are the cited works
CITING_WORKS = {
    "format": "csv",
    "mediatype": "text/csv",
    "encoding": "utf-8",
    "sources": [{"title": "See independent/works.csv and data/independent/README.md"}],
}
#: their ``work`` column names a row of works.csv
WORK_KEY = [{"fields": ["work"], "reference": {"resource": "independent-works", "fields": ["id"]}}]


def independent_resources() -> list[dict]:
    path = DATA / "independent" / "estimates.csv"
    if not path.exists():
        return []
    return (
        [
            {
                "name": "independent-estimates",
                "path": "independent/estimates.csv",
                "dialect": {"delimiter": ","},  # stated: the sniffer takes the semicolons of the locators for one
                "title": "Independent estimates from scholarship and international compilations",
                "description": "One row per figure, with the dataset, the cited work (an id of independent/works.csv), "
                "locator and grade of independence. "
                "See data/independent/README.md for provenance and licences of each dataset. "
                "The numbers belong to their authors and publishers and are not covered by the course's CC BY licence; "
                "cite the original works.",
                **CITING_WORKS,
                "schema": {
                    "fields": [
                        s("id", "Identifier", required=True, unique=True),
                        s("series", "Series name, matching figures.csv where the quantity matches", required=True),
                        s(
                            "period",
                            "The period as the source labels it (datasets: the year label, whose calendar or "
                            "economic basis the README discusses)",
                            required=True,
                        ),
                        s("value", "Value exactly as in the source file", "number", required=True),
                        s("unit", "Unit as the dataset gives it", required=True),
                        s("territory", "Territory the figure covers", required=True),
                        s("dataset", "Short name of the dataset or work", required=True),
                        s("work", "The cited work: an id of independent/works.csv (its full citation)", required=True),
                        s("locator", "File and cell, or table and page", required=True),
                        s("grade", "Independence grade A–D (see README)", required=True, enum=["A", "B", "C", "D"]),
                        s("kind", "level, target, index, share, rate …", required=True),
                        s("note", "What a reader must know"),
                    ],
                    "missingValues": [""],
                    "primaryKey": ["id"],
                    "foreignKeys": WORK_KEY,
                },
            }
        ]
        + chronology_resources()
        + works_resources()
    )


def works_resources() -> list[dict]:
    if not (DATA / "independent" / "works.csv").exists():
        return []
    return [
        {
            "name": "independent-works",
            "path": "independent/works.csv",
            "title": "The works cited by the independent estimates and the dated events",
            "description": "One row per cited work: a short id, which estimates.csv and chronology.csv name in "
            "their work column, and the full citation, with where the work was read (an edition or a web copy).",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [
                    s("id", "Short id of the work (author_year or a readable slug)", required=True, unique=True),
                    s("citation", "Full citation, with where the work was read", required=True, unique=True),
                ],
                "missingValues": [""],
                "primaryKey": ["id"],
            },
        }
    ]


def chronology_resources() -> list[dict]:
    if not (DATA / "independent" / "chronology.csv").exists():
        return []
    return [
        {
            "name": "independent-chronology",
            "path": "independent/chronology.csv",
            "title": "Dated events 1921–1935 from scholarship and documents, for the end of NEP and the first plan",
            "description": "One row per dated event (decrees, plenums, trials, rationing, institutions), "
            "with the cited work (an id of independent/works.csv), locator and grade. "
            "See data/independent/README.md. The dates belong to the works cited; cite them.",
            **CITING_WORKS,
            "schema": {
                "fields": [
                    s("id", "Identifier (chr_…)", required=True, unique=True),
                    s(
                        "date",
                        "Date or period in a form helpers.periods accepts (a day, month, year, part of a year or span)",
                        required=True,
                    ),
                    s("event", "What happened, in the course's words", required=True),
                    s("territory", "Where", required=True),
                    s("work", "The cited work: an id of independent/works.csv", required=True),
                    s("locator", "Page, entry or passage", required=True),
                    s("grade", "Independence grade A–D (see README)", required=True, enum=["A", "B", "C", "D"]),
                    s("note", "Disagreements, verification flags, context"),
                ],
                "missingValues": [""],
                "primaryKey": ["id"],
                "foreignKeys": WORK_KEY,
            },
        }
    ]


def vocabulary_resource() -> dict:
    return {
        "name": "vocabulary",
        "path": "vocabulary.csv",
        "title": "The loaded vocabulary the course counts in the sources (helpers.vocabulary)",
        "description": "One row per concept: its category, a case-insensitive regular expression for the English "
        "chapters and one for the Ukrainian text, and the course's note on the term. The list is the course's "
        "choice; change it and the counts follow.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "licenses": [CC_BY],
        "schema": {
            "fields": [
                s("concept", "What is counted, in the course's words", required=True, unique=True),
                s(
                    "category",
                    "Category of the concept",
                    required=True,
                    enum=[
                        "enemies and crimes",
                        "factions named as enemies",
                        "the leader",
                        "naming the Party",
                        "distance",
                    ],
                ),
                s("en", "Regular expression for the English chapters (blank: not counted there)"),
                s("uk", "Regular expression for the Ukrainian text (blank: not counted there)"),
                s("gloss", "What the term means and why it is counted", required=True),
            ],
            "missingValues": [""],
            "primaryKey": ["concept"],
        },
    }


def with_local_overlays(resources: list[dict]) -> list[dict]:
    """Each table followed by its overlay of an instructor's own rows (``…_local.csv``), where one exists,
    described by the same schema."""
    out = []
    for res in resources:
        out.append(res)
        local = DATA / res["path"].replace(".csv", "_local.csv")
        if local.is_file():
            out.append(
                {
                    **res,
                    "name": res["name"] + "-local",
                    "path": local.relative_to(DATA).as_posix(),
                    "title": res["title"] + " (local additions of this copy of the course)",
                    **({"schema": _local_schema(res["schema"], local)} if "schema" in res else {}),
                }
            )
    return out


def _local_schema(schema: dict, local: Path) -> dict:
    """The schema of an overlay: its own header's columns (a local row may give a plain ``citation`` instead
    of a ``work`` id, so neither is required), and no link to works.csv (its works may be in works_local.csv)."""
    import csv

    with open(local, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh), [])
    fields = {f["name"]: f for f in schema["fields"]}
    if "work" not in fields:
        return schema
    fields["citation"] = s("citation", "Full citation, where a row gives no work id")
    fields["work"] = s("work", "The cited work: an id of independent/works.csv or works_local.csv")
    out = {k: v for k, v in schema.items() if k != "foreignKeys"}
    out["fields"] = [fields.get(c, s(c, c)) for c in header]
    return out


def descriptor() -> dict:
    return {
        "name": "nep-to-plan-course-data",
        "title": "From NEP to the Plan: Soviet industry 1921–1932 — course data",
        "description": "The figures stated in three primary sources on Soviet industry 1921–1932, "
        "each with its verbatim passage, "
        "the excerpts the notebooks quote, and independent estimates with full citations.",
        "version": course_version(),
        "licenses": [CC_BY],
        "contributors": [{"title": "From NEP to the Plan course team", "role": "author"}],
        "resources": [
            sources_resource(),
            *document_resources(),
            *text_resources(),
            figures_resource(),
            *excerpt_resources(),
            *with_local_overlays(independent_resources()),
            vocabulary_resource(),
        ],
    }


def render() -> str:
    return json.dumps(descriptor(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    (DATA / "datapackage.json").write_text(render(), encoding="utf-8")
    print("wrote data/datapackage.json")
