"""Build the course website from the executed notebooks, offline, with Sphinx + MyST-NB.

    python tools/build_site.py                       # student site   -> build/site/
    python tools/build_site.py --edition instructor  # instructor site -> build/site-instructor/
    python tools/build_site.py --out DIR             # anywhere else

What it does, in order:

1. takes every ``notebooks/NN_*.ipynb`` (found by glob, never listed by hand) and turns it into the
   **student edition** with ``tools/build_editions.py`` (no solutions, no instructor notes, exercise
   outputs cleared) — or the instructor edition for the separate instructor build;
2. prepares a copy of each edition notebook for the web (the notebooks themselves are never touched):
   code inputs are hidden (tag ``remove-input``) unless the cell is tagged ``show-code`` (the code is the
   lesson), so a heading over nothing but hidden code (such as "Imports") is dropped with it, and so is
   the editions' "Before you start" note, which is about running the notebook;
   live-widget outputs (``application/vnd.jupyter.widget-view+json``) and widget state are dropped so
   that the static fallback the panels store (chart image + text alternative) is what shows; a bare
   widget repr (``VBox(...)``) becomes a note saying where to operate it; a quotation gets a link to its
   place in the source; a box with the launch buttons (Binder, JupyterHub via nbgitpuller, both from
   ``config/publish.toml``) and the note "Charts here are static" goes under the title;
3. writes one page per primary source (every paragraph with a stable anchor, ``#su_rec-p12``), one
   page per contemporary document (its source card and every stored passage with a stable anchor,
   ``#doc_stalin_1929_great_change-p1``), a sources index, and a data page generated from
   ``data/datapackage.json`` and the CSVs;
4. runs Sphinx with MyST-NB, execution off: the pages show the outputs stored in the notebooks.

Nothing on the built pages loads from another site: the pages have no widget state and no maths, so
neither the widget manager, RequireJS nor MathJax is loaded at all (conf.py switches them off), and the
theme's own fonts and scripts are served from the site.
"""

from __future__ import annotations

import argparse
import copy
import csv
import dataclasses
import fnmatch
import html
import json
import re
import shutil
import sys
import time
import tomllib
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SITE_SRC = ROOT / "site"
CONFIG = ROOT / "config" / "publish.toml"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"
DEFAULT_OUT = {"student": ROOT / "build" / "site", "instructor": ROOT / "build" / "site-instructor"}

sys.path.insert(0, str(ROOT / "tools"))
import build_editions  # noqa: E402  (same folder; the one definition of what an edition holds)

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_REPR = re.compile(
    r"^(?:VBox|HBox|Box|GridBox|Output|Tab|Accordion|Stack|AppLayout|GridspecLayout|[A-Z]\w*(?:Widget|Panel|Explorer))\("
)
STATIC_NOTE = "Charts here are static; launch the notebook to operate the controls."
#: the tag of a code cell whose code is the lesson: its input shows on the website (every other input is hidden)
SHOW_CODE = "show-code"
#: the note a static chart carries in a notebook not yet run ("run the notebook to bring the controls"): a web
#: page is never run, and says so once in its launch box instead
RUN_NOTE = re.compile(r'<p class="nep-run-note"[^>]*>.*?</p>', re.S)


class SiteError(ValueError):
    """A setting or an input the site build cannot use; the message says what was wrong and what is allowed."""


# --------------------------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Publication:
    repository: str  # https://github.com/OWNER/REPO
    owner: str
    name: str
    student_branch: str
    binder: str  # https://mybinder.org
    hub: str  # https://hub.example.edu


def read_publication(path: Path = CONFIG) -> Publication:
    """Read config/publish.toml, the one place where the repository, branch, Binder and hub are set."""
    try:
        cfg = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SiteError(
            f"{path} is missing: it must set [repository] url and student_branch, [binder] url and [hub] url."
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise SiteError(f"{path} is not valid TOML ({e}).") from None

    def get(section: str, key: str) -> str:
        value = cfg.get(section, {}).get(key)
        if not isinstance(value, str) or not value.strip():
            raise SiteError(f"{path}: [{section}] {key} must be a non-empty string, found {value!r}.")
        return value.strip().rstrip("/")

    repo = get("repository", "url")
    m = re.fullmatch(r"https://github\.com/([A-Za-z0-9][A-Za-z0-9-]*)/([A-Za-z0-9._-]+?)(?:\.git)?", repo)
    if not m:
        raise SiteError(
            f"{path}: [repository] url must look like https://github.com/OWNER/REPO "
            f"(Binder's gh/ route needs it), found {repo!r}."
        )
    branch = get("repository", "student_branch")
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", branch) or ".." in branch:
        raise SiteError(
            f"{path}: [repository] student_branch must be a git branch name "
            f"(letters, digits, . _ / -), found {branch!r}."
        )
    for section in ("binder", "hub"):
        if not get(section, "url").startswith("https://"):
            raise SiteError(f"{path}: [{section}] url must start with https://, found {get(section, 'url')!r}.")
    return Publication(repo, m.group(1), m.group(2), branch, get("binder", "url"), get("hub", "url"))


def launch_links(notebook: str, pub: Publication) -> dict[str, str]:
    """Binder and nbgitpuller links that open ``notebooks/<notebook>`` of the student branch in JupyterLab."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_]*\.ipynb", notebook):
        raise SiteError(f"notebook must be a file name like 01_recovery.ipynb, found {notebook!r}.")
    quote = lambda s: urllib.parse.quote(s, safe="")  # noqa: E731
    binder = (
        f"{pub.binder}/v2/gh/{pub.owner}/{pub.name}/{quote(pub.student_branch)}?urlpath=lab/tree/notebooks/{notebook}"
    )
    query = urllib.parse.urlencode(
        {
            "repo": pub.repository,
            "branch": pub.student_branch,
            "urlpath": f"lab/tree/{pub.name}/notebooks/{notebook}",
        },
        safe="/",
        quote_via=urllib.parse.quote,
    )
    return {"binder": binder, "hub": f"{pub.hub}/hub/user-redirect/git-pull?{query}"}


# --------------------------------------------------------------------------------------------- sources


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def source_paragraphs(text: str) -> list[str]:
    """The paragraphs of a source text: blocks separated by blank lines, whitespace as in the file."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def source_table() -> list[dict[str, str]]:
    rows = read_csv(ROOT / "data" / "sources" / "sources.csv")
    order = {"su_rec": 0, "su_ind": 1, "ua_nep": 2}
    return sorted(rows, key=lambda r: (order.get(r["id"], 9), r["id"]))


def paragraph_anchor(source_id: str, number: int) -> str:
    return f"{source_id}-p{number}"


def document_table() -> list[dict[str, str]]:
    """The contemporary documents' cards (data/sources/documents.csv), in the order of their dates."""
    rows = read_csv(ROOT / "data" / "sources" / "documents.csv")
    return sorted(rows, key=lambda r: (r["date"], r["id"]))


def document_passages() -> dict[str, list[dict[str, str]]]:
    """document id -> its stored passages (data/sources/document_passages.csv), in file order."""
    out: dict[str, list[dict[str, str]]] = {}
    for p in read_csv(ROOT / "data" / "sources" / "document_passages.csv"):
        out.setdefault(p["document"], []).append(p)
    return out


def excerpt_anchors() -> dict[str, str]:
    """Map every excerpt id of data/excerpts/*.csv to ``sources/<source>.html#<source>-p<N>``, the paragraph
    of the source where its text begins (the excerpt texts are verbatim in the sources); for an excerpt of
    a contemporary document, to ``sources/<document>.html#<passage id>``, the stored passage it lies in."""
    paragraphs = {}
    for row in source_table():
        paras = source_paragraphs((ROOT / "data" / "sources" / row["file"]).read_text(encoding="utf-8"))
        paragraphs[row["id"]] = [_norm(p) for p in paras]
    out = {}
    passages = document_passages()
    for path in sorted((ROOT / "data" / "excerpts").glob("*.csv")):
        for ex in read_csv(path):
            if ex["source"] in passages:  # a document: the stored passage the excerpt lies in
                for p in passages[ex["source"]]:
                    if ex["text"] and ex["text"] in p["text"]:
                        out[ex["id"]] = f"sources/{ex['source']}.html#{p['id']}"
                        break
                continue
            paras = paragraphs.get(ex["source"])
            if paras is None:
                continue
            head = _norm(ex["text"])[:80]
            for i, p in enumerate(paras, start=1):
                if head and head in p:
                    out[ex["id"]] = f"sources/{ex['source']}.html#{paragraph_anchor(ex['source'], i)}"
                    break
    return out


def excerpt_texts() -> dict[str, tuple[str, str]]:
    """excerpt id -> (normalised text, source id), to recognise a quotation printed as plain text."""
    out = {}
    for path in sorted((ROOT / "data" / "excerpts").glob("*.csv")):
        for ex in read_csv(path):
            out[ex["id"]] = (_norm(ex["text"]), ex["source"])
    return out


def write_source_pages(dst: Path) -> list[str]:
    """One page per source text (every paragraph anchored) and an index page with what each source is."""
    (dst / "sources").mkdir(parents=True, exist_ok=True)
    rows = source_table()
    index = [
        "# The sources",
        "",
        "The course reads three texts in full. The two English chapters are Stalin-era textbook chapters and "
        "the Ukrainian passage is a modern account; all three are **sources to analyse**, kept here "
        "exactly as the course received them (the web copies' navigation lines included). Every "
        "paragraph has its own link, so that a quotation on a lesson page leads to its place in the text. "
        "Below them are the contemporary documents of 1921–1933, of which short passages are quoted.",
        "",
    ]
    for r in rows:
        index += [
            f"## {html.escape(r['title'])} (`{r['id']}`)",
            "",
            f"* **What it is:** {r['what_it_is']}",
            f"* **Written:** {r['date']}. {r['dating_evidence']}",
            f"* **Reliability:** {r['reliability']}",
            f"* **Licence:** {r['licence']}",
            f"* **Read it:** [the full text]({r['id']}.md) (`data/sources/{r['file']}`)",
            "",
        ]
        text = (ROOT / "data" / "sources" / r["file"]).read_text(encoding="utf-8")
        paras = source_paragraphs(text)
        lang = r.get("language") or "en"
        page = [
            f"# {html.escape(r['title'])}",
            "",
            f"Source `{r['id']}`, written {html.escape(r['date'])}. The text below is the file "
            f"`data/sources/{r['file']}` unchanged, cut into paragraphs at its blank lines; the number "
            "before each paragraph links to it. See [the sources](index.md) for its date, reliability and licence.",
            "",
            f'<div class="nep-source" lang="{html.escape(lang)}">',
        ]
        for i, p in enumerate(paras, start=1):
            a = paragraph_anchor(r["id"], i)
            body = "<br/>".join(html.escape(line.strip()) for line in p.splitlines())
            page.append(
                f'<p id="{a}" class="nep-source-para"><a class="nep-para-number" href="#{a}" '
                f'aria-label="Paragraph {i}" lang="en">{i}</a> {body}</p>'
            )
        page += ["</div>", ""]
        (dst / "sources" / f"{r['id']}.md").write_text("\n".join(page), encoding="utf-8")
    docs = document_table()
    index += [
        "## Contemporary documents, 1921–1933",
        "",
        "Speeches, articles, a law, a letter and reports of the years the course covers: the Bolsheviks who "
        "argued about NEP, the men who ended it, and voices from outside the Party. Only short passages are "
        "kept, verbatim from the English edition named on each card; each has its own link.",
        "",
        "| date | document | author |",
        "|---|---|---|",
    ]
    index += [f"| {d['date']} | [{_md_text(d['title'])}]({d['id']}.md) | {_md_text(d['author'])} |" for d in docs]
    index.append("")
    passages = document_passages()
    for d in docs:
        write_document_page(dst, d, passages.get(d["id"], []))
    (dst / "sources" / "index.md").write_text("\n".join(index), encoding="utf-8")
    return [r["id"] for r in rows] + [d["id"] for d in docs]


DOCUMENT_CARD = (
    ("author", "Author"),
    ("kind", "What kind of document"),
    ("what_it_is", "What it is"),
    ("written", "Written"),
    ("first_published", "First published"),
    ("dating_evidence", "How we date it"),
    ("edition", "Quoted from"),
    ("edition_note", "About this copy"),
    ("reliability", "Reliability"),
    ("licence", "Licence"),
)


def _md_text(text: str) -> str:
    """Plain text safe inside Markdown (a table cell or a heading): HTML-escaped, pipes and stars neutralised."""
    return html.escape(text).replace("|", "&#124;").replace("*", "&#42;").replace("_", "&#95;")


def write_document_page(dst: Path, d: dict[str, str], passages: list[dict[str, str]]) -> None:
    """A document's page: its card, then every stored passage with a stable anchor (``#<passage id>``),
    its place in the edition and the address of the copy it was read in."""
    e = html.escape
    rows = "".join(f"<dt>{e(label)}</dt><dd>{e(d[key])}</dd>" for key, label in DOCUMENT_CARD if d.get(key, "").strip())
    read = "".join(
        f'<li><a href="{e(u.strip())}">{e(u.strip())}</a></li>' for u in d["where_read"].split(" ; ") if u.strip()
    )
    page = [
        f"# {_md_text(d['title'])}",
        "",
        f"A contemporary document (`{d['id']}`): {_md_text(d['author'])}, {_md_text(d['written'])}. "
        "A source to analyse, not the course's voice. Below are its card and the short passages kept for "
        "quotation, verbatim from the edition named; the number before each passage links to it. "
        "See [the sources](index.md) for the other documents and texts.",
        "",
        f'<dl class="nep-document-card">{rows}<dt>Where it was read</dt><dd><ul>{read}</ul></dd></dl>',
        "",
        "## Passages",
        "",
        f'<div class="nep-source nep-document" lang="{e(d.get("language") or "en")}">',
    ]
    for p in passages:
        n = p["id"].rsplit("-p", 1)[-1]
        where = p["locator"] + (f"; {p['edition']}" if p.get("edition") else "")
        page.append(
            f'<p id="{e(p["id"])}" class="nep-source-para"><a class="nep-para-number" href="#{e(p["id"])}" '
            f'aria-label="Passage {e(n)}" lang="en">{e(n)}</a> {e(p["text"])}<br/>'
            f'<span class="nep-passage-locator" lang="en">{e(where)}. '
            f'<a href="{e(p["url"])}">Copy read</a></span></p>'
        )
    page += ["</div>", ""]
    (dst / "sources" / f"{d['id']}.md").write_text("\n".join(page), encoding="utf-8")


# --------------------------------------------------------------------------------------------- data page


def _md_cell(text: str) -> str:
    return _norm(str(text)).replace("|", "\\|")


def write_data_page(dst: Path) -> None:
    """The data page, generated from data/datapackage.json and the CSVs it describes."""
    pkg = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    lic = "; ".join(f"{lc.get('title', lc.get('name'))} ({lc.get('path', '')})" for lc in pkg.get("licenses", []))
    authors = ", ".join(c.get("title", "") for c in pkg.get("contributors", []))
    lines = [
        "# The data",
        "",
        f"{pkg.get('description', '')}",
        "",
        f"This page is generated from `data/datapackage.json` (data package `{pkg['name']}`, "
        f"version {pkg.get('version', '?')}) and the tables it describes; the files themselves are in the "
        "course repository under `data/`.",
        "",
        "## How to cite",
        "",
        f"Cite the course data as: {authors} ({pkg.get('version', '')}), *{pkg.get('title', '')}*, "
        f"data package `{pkg['name']}`. Licence: {lic}. When you use a figure, cite also the original "
        "source named in its row: the primary source and its verbatim passage (column `quote` of "
        "`figures.csv`), or the dataset and citation of an independent estimate "
        "(columns `dataset`, `work`, `locator` of `independent/estimates.csv`; the work's full citation is in "
        "`independent/works.csv`).",
        "",
        "## The tables",
        "",
    ]
    figures = independent = None
    for res in pkg["resources"]:
        path = ROOT / "data" / res["path"]
        lines += [f"### `{res['path']}`", "", f"**{res.get('title', res['name'])}.** {res.get('description', '')}", ""]
        rlic = "; ".join(lc.get("title", lc.get("name", "")) for lc in res.get("licenses", []))
        if rlic:
            lines += [f"Licence: {rlic}.", ""]
        if res.get("sources"):
            lines += [
                "Sources: "
                + "; ".join(
                    _md_cell(s.get("title", "")) + (f" ({s['path']})" if s.get("path") else "") for s in res["sources"]
                )
                + ".",
                "",
            ]
        fields = res.get("schema", {}).get("fields", [])
        if fields:
            nrows = len(read_csv(path)) if path.suffix == ".csv" else None
            lines += [
                f"{nrows} rows. Fields:" if nrows is not None else "Fields:",
                "",
                "| field | type | meaning |",
                "|---|---|---|",
            ]
            for f in fields:
                lines.append(
                    f"| `{f['name']}` | {f.get('type', '')} | {_md_cell(f.get('description', f.get('title', '')))} |"
                )
            lines.append("")
        elif res.get("bytes"):
            lines += [f"Plain text, {res['bytes']:,} bytes, {res.get('hash', '')}.", ""]
        if res["name"] == "figures":
            figures = read_csv(path)
        if res["name"] == "independent-estimates":
            independent = read_csv(path)
    if figures is not None:
        lines += _series_section(figures, independent or [])
    (dst / "data.md").write_text("\n".join(lines), encoding="utf-8")


def _series_section(figures: list[dict], independent: list[dict]) -> list[str]:
    names = {r["id"]: r["title"] for r in source_table()}
    series: dict[str, dict] = {}
    for r in figures:
        s = series.setdefault(r["series"], {"units": set(), "sources": {}, "independent": set(), "n": 0})
        s["n"] += 1
        if r.get("unit"):
            s["units"].add(r["unit"])
        s["sources"][r["source"]] = s["sources"].get(r["source"], 0) + 1
    for r in independent:
        s = series.setdefault(r["series"], {"units": set(), "sources": {}, "independent": set(), "n": 0})
        s["n"] += 1
        if r.get("unit"):
            s["units"].add(r["unit"])
        s["independent"].add(r.get("dataset") or r.get("citation", ""))
    out = [
        "## Where each series comes from",
        "",
        "Every series of `figures.csv` and `independent/estimates.csv`, with its units, the primary sources that "
        "state it (number of rows in brackets) and the independent datasets or studies that estimate it.",
        "",
        "| series | rows | units | primary sources | independent estimates |",
        "|---|---|---|---|---|",
    ]
    for key in sorted(series):
        s = series[key]
        prim = (
            "; ".join(f"[`{sid}`](sources/{sid}.md) ({n})" for sid, n in sorted(s["sources"].items()) if sid in names)
            or "—"
        )
        ind = "; ".join(sorted(_md_cell(d) for d in s["independent"] if d)) or "—"
        out.append(f"| `{key}` | {s['n']} | {_md_cell(', '.join(sorted(s['units'])))} | {prim} | {ind} |")
    out.append("")
    return out


# --------------------------------------------------------------------------------------------- notebooks


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def launch_box(notebook: str, pub: Publication) -> str:
    links = launch_links(notebook, pub)
    return (
        '<aside class="nep-launch" aria-label="Work with this notebook live">\n'
        f'<p class="nep-static-note"><strong>{STATIC_NOTE}</strong> On this page you read the lesson as it was last '
        "run: every chart is shown as an image with its text alternative underneath, and the exercises are shown "
        "without their answer boxes.</p>\n"
        '<p class="nep-launch-buttons">'
        f'<a class="nep-launch-button" href="{html.escape(links["binder"])}">Launch on Binder</a> '
        f'<a class="nep-launch-button" href="{html.escape(links["hub"])}">Open on the seminar JupyterHub</a></p>\n'
        "</aside>\n"
    )


def _source_link_html(href: str, excerpt_id: str) -> str:
    para = href.rsplit("-p", 1)[-1]
    if "#doc_" in href:  # a contemporary document: its card and stored passages
        return (
            f'<span class="nep-source-link"><a href="{html.escape(href)}">Read this passage with the '
            f"document's card (passage {html.escape(para)})</a></span>"
        )
    return (
        f'<span class="nep-source-link"><a href="{html.escape(href)}">Read this passage in its source '
        f"(paragraph {html.escape(para)})</a></span>"
    )


def _quotation_link(href: str, excerpt_id: str) -> dict:
    """A separate output under a quotation printed as plain text."""
    return nbformat.v4.new_output(
        "display_data",
        data={
            "text/html": f"<p>{_source_link_html(href, excerpt_id)} "
            f'<span class="nep-excerpt-id">({html.escape(excerpt_id)})</span></p>',
            "text/plain": f"Source of {excerpt_id}: {href}",
        },
    )


def _link_inside_quotation(html_out: str, href: str, excerpt_id: str) -> str:
    """The styled quotation with the link at the end of its caption (or of the figure)."""
    link = " " + _source_link_html(href, excerpt_id)
    for closing in ("</figcaption>", "</figure>"):
        at = html_out.rfind(closing)
        if at >= 0:
            return html_out[:at] + link + html_out[at:]
    return html_out + link


def _find_excerpt(text: str, texts: dict[str, tuple[str, str]]) -> str | None:
    t = _norm(text)
    if len(t) < 30:
        return None
    best = None
    for eid, (etext, _src) in texts.items():
        if etext and etext[:80] in t and (best is None or len(etext) > len(texts[best][0])):
            best = eid
    return best


def _shows_something(cell) -> bool:
    """A cell that puts something on a web page: markdown, shown code, or any output."""
    return cell.cell_type == "markdown" or SHOW_CODE in build_editions.tags(cell) or bool(cell.get("outputs"))


def _without_empty_sections(cells: list) -> list:
    """Drop a heading cell (such as "Imports") whose section, up to the next markdown cell, is hidden code with
    no output: on a page without code it would stand over nothing. The hidden code cells go with it."""
    keep, i = [], 0
    while i < len(cells):
        c = cells[i]
        if c.cell_type == "markdown" and c.source.lstrip().startswith("#") and not c.source.lstrip().startswith("# "):
            j = i + 1
            while j < len(cells) and cells[j].cell_type == "code":
                j += 1
            section = cells[i + 1 : j]
            if section and not any(_shows_something(x) for x in section):
                i = j
                continue
        keep.append(c)
        i += 1
    return keep


_NOTEBOOK_LINK = re.compile(r"\]\(([A-Za-z0-9][A-Za-z0-9_]*\.ipynb)\)")


def launch_other_notebooks(markdown: str, pub: Publication) -> str:
    """A link to a course notebook that has no page of its own (the assignment template) opens it on
    Binder; links between lessons are left to the site's own pages."""

    def launch(m: re.Match) -> str:
        target = m.group(1)
        if fnmatch.fnmatch(target, NOTEBOOK_GLOB):
            return m.group(0)
        return f"]({launch_links(target, pub)['binder']})"

    return _NOTEBOOK_LINK.sub(launch, markdown)


def web_notebook(  # noqa: C901 - to be split into named steps
    nb: nbformat.NotebookNode,
    name: str,
    pub: Publication,
    anchors: dict[str, str],
    texts: dict[str, tuple[str, str]],
    prefix: str = "../",
) -> tuple[nbformat.NotebookNode, dict]:
    """A copy of an edition notebook prepared for a static page (see the module docstring)."""
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    stats = {"quotations_linked": 0, "widget_views_dropped": 0, "widget_reprs_replaced": 0, "code_hidden": 0}
    # the editions' "Before you start" note is about running the notebook: a web page is not run
    nb.cells = [c for c in nb.cells if build_editions.NOTE_TAG not in build_editions.tags(c)]
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.source = "\n".join(line for line in cell.source.splitlines() if not line.strip().startswith("# NBVAL_"))
        if SHOW_CODE not in build_editions.tags(cell):  # code is shown only where it is the lesson
            cell.metadata["tags"] = [*cell.metadata.get("tags", []), "remove-input"]
            stats["code_hidden"] += 1
        new_outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data:
                data.pop(WIDGET_VIEW)
                stats["widget_views_dropped"] += 1
                if not (set(data) - {"text/plain"}):
                    data.clear()
                    data["text/html"] = (
                        '<p class="nep-live-note">An interactive control stands here in the notebook. '
                        "Launch the notebook to use it.</p>"
                    )
                    data["text/plain"] = "An interactive control stands here in the notebook."
            data.pop(WIDGET_STATE, None)
            if "text/html" in data and "nep-run-note" in _text(data["text/html"]):  # "run the notebook": not here
                data["text/html"] = RUN_NOTE.sub("", _text(data["text/html"]))
            if list(data) == ["text/plain"] and WIDGET_REPR.match(_text(data["text/plain"])):
                data["text/html"] = (
                    '<p class="nep-live-note">An interactive control stands here in the notebook. '
                    "Launch the notebook to use it.</p>"
                )
                data["text/plain"] = "An interactive control stands here in the notebook."
                stats["widget_reprs_replaced"] += 1
            new_outputs.append(out)
            # a quotation: styled HTML carrying data-excerpt, or a passage printed as plain text
            eid = None
            html_out = _text(data.get("text/html", ""))
            m = re.search(r'data-excerpt="([^"]+)"', html_out)
            if m:
                eid = m.group(1)
            elif out.get("output_type") == "stream" and out.get("name") == "stdout":
                eid = _find_excerpt(_text(out.get("text", "")), texts)
            if eid and eid in anchors:
                if m:
                    data["text/html"] = _link_inside_quotation(html_out, prefix + anchors[eid], eid)
                else:
                    new_outputs.append(_quotation_link(prefix + anchors[eid], eid))
                stats["quotations_linked"] += 1
        cell.outputs = new_outputs
        if "exercise" in cell.metadata.get("tags", []) and not cell.outputs:
            cell.outputs = [
                nbformat.v4.new_output(
                    "display_data",
                    data={
                        "text/html": '<p class="nep-live-note">Self-check exercise: in the notebook, '
                        "an answer box and a "
                        "<em>Check</em> button appear here. Launch the notebook to answer it.</p>",
                        "text/plain": "Self-check exercise: launch the notebook to answer it.",
                    },
                )
            ]
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = launch_other_notebooks(cell.source, pub)
    nb.cells = _without_empty_sections(nb.cells)
    box = nbformat.v4.new_markdown_cell(launch_box(name, pub))
    box.metadata["tags"] = ["nep-launch"]
    first_heading = next(
        (i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and c.source.lstrip().startswith("# ")), -1
    )
    if first_heading >= 0:  # the box goes right under the title, before the rest of the title cell
        head, _, rest = nb.cells[first_heading].source.lstrip().partition("\n")
        if rest.strip():
            nb.cells[first_heading].source = head
            nb.cells.insert(first_heading + 1, nbformat.v4.new_markdown_cell(rest))
    nb.cells.insert(first_heading + 1, box)
    for i, c in enumerate(nb.cells):  # nbformat 4.5 ids must be unique
        c["id"] = c.get("id") or f"site-{i}"
    return nb, stats


# --------------------------------------------------------------------------------------------- build


def stage(edition: str, staging: Path, notebooks_dir: Path = ROOT / "notebooks") -> dict:
    if edition not in ("student", "instructor"):
        raise SiteError(f"edition must be 'student' or 'instructor', found {edition!r}.")
    notebooks = sorted(notebooks_dir.glob(NOTEBOOK_GLOB))
    if not notebooks:
        raise SiteError(f"no notebooks matching {NOTEBOOK_GLOB} in {notebooks_dir}.")
    pub = read_publication()
    if edition == "instructor":  # instructors launch the course notebooks (main branch: solutions and notes)
        pub = dataclasses.replace(pub, student_branch="main")
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(SITE_SRC, staging, ignore=shutil.ignore_patterns("node_modules", "package*.json", "__pycache__"))
    (staging / "lessons").mkdir()
    anchors, texts = excerpt_anchors(), excerpt_texts()
    make = build_editions.student_edition if edition == "student" else build_editions.instructor_edition
    report = {
        "notebooks": [],
        "quotations_linked": 0,
        "widget_views_dropped": 0,
        "widget_reprs_replaced": 0,
        "code_hidden": 0,
    }
    for path in notebooks:
        nb = make(nbformat.read(path, as_version=4))
        web, stats = web_notebook(nb, path.name, pub, anchors, texts)
        nbformat.write(web, staging / "lessons" / path.name)
        report["notebooks"].append(path.stem)
        for k, v in stats.items():
            report[k] += v
    write_source_pages(staging)
    write_data_page(staging)
    (staging / "_edition.json").write_text(json.dumps({"edition": edition}), encoding="utf-8")
    return report


def build(edition: str = "student", out: Path | None = None, quiet: bool = True) -> dict:
    from sphinx.cmd.build import build_main

    out = Path(out or DEFAULT_OUT[edition]).resolve()
    staging = out.parent / f".{out.name}-src"
    t0 = time.perf_counter()
    report = stage(edition, staging)
    if out.exists():
        shutil.rmtree(out)
    args = ["-b", "html", "-E", "-j", "1", str(staging), str(out), "-d", str(staging / "_doctrees")]
    if quiet:
        args.insert(0, "-q")
    code = build_main(args)
    if code:
        raise SystemExit(f"sphinx-build failed with exit code {code} (staging folder kept: {staging})")
    (out / ".nojekyll").write_text("", encoding="utf-8")  # GitHub Pages: serve _static/ as it is
    report["seconds"] = round(time.perf_counter() - t0, 1)
    # content pages: home, lessons, sources, data (not the theme's index and search pages, not _static/)
    report["pages"] = len(
        [
            p
            for p in out.rglob("*.html")
            if "_static" not in p.relative_to(out).parts and p.name not in ("genindex.html", "search.html")
        ]
    )
    report["out"] = str(out)
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--edition", choices=("student", "instructor"), default="student")
    ap.add_argument("--out", type=Path, help="output folder (default build/site or build/site-instructor)")
    ap.add_argument("--verbose", action="store_true", help="show Sphinx's progress")
    a = ap.parse_args(argv)
    try:
        report = build(a.edition, a.out, quiet=not a.verbose)
    except SiteError as e:
        print(f"build_site: {e}", file=sys.stderr)
        return 2
    print(
        f"{a.edition} site: {report['pages']} pages in {report['seconds']} s -> {report['out']} "
        f"({len(report['notebooks'])} lessons, {report['quotations_linked']} quotations linked to their sources)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
