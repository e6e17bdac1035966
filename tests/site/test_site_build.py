"""The built website: every lesson, source and data page is there; images have alt text; launch links
point at the student branch; internal links and anchors resolve; nothing is fetched from elsewhere;
no solution or instructor note reaches the student site; the data page covers every table and series."""

from __future__ import annotations

import csv
import json
import re
import urllib.parse
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from build_site import (
    NOTEBOOK_GLOB,
    STATIC_NOTE,
    Publication,
    SiteError,
    document_passages,
    document_table,
    excerpt_anchors,
    launch_links,
    launch_other_notebooks,
    read_publication,
    source_paragraphs,
    source_table,
)

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob(NOTEBOOK_GLOB))
GENERATED = {"genindex.html", "search.html"}


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def main_text(path: Path) -> str:
    s = soup(path)
    main = s.find("main") or s
    return re.sub(r"\s+", " ", main.get_text(" "))


# ------------------------------------------------------------------ pages


def test_every_lesson_source_and_data_page_exists(site_dir):
    assert NOTEBOOKS, "no notebooks found"
    for nb in NOTEBOOKS:
        assert (site_dir / "lessons" / f"{nb.stem}.html").is_file(), f"no lesson page for {nb.name}"
    for row in source_table():
        assert (site_dir / "sources" / f"{row['id']}.html").is_file(), f"no page for source {row['id']}"
    for row in document_table():
        assert (site_dir / "sources" / f"{row['id']}.html").is_file(), f"no page for document {row['id']}"
    for name in ("index.html", "sources/index.html", "data.html"):
        assert (site_dir / name).is_file(), f"{name} missing"
    index = soup(site_dir / "index.html")
    linked = {a["href"].split("#")[0] for a in index.find_all("a", href=True)}
    for nb in NOTEBOOKS:
        assert f"lessons/{nb.stem}.html" in linked, f"the home page does not link lesson {nb.stem}"


def test_every_image_has_alt_text(site_dir):
    n = 0
    for page in pages(site_dir):
        for img in soup(page).find_all("img"):
            n += 1
            alt = (img.get("alt") or "").strip()
            assert alt, f"{page.relative_to(site_dir)}: image without alt text ({str(img)[:120]})"
    charts = sum(len(soup(p).select("img[src^='data:image/png']")) for p in (site_dir / "lessons").glob("*.html"))
    assert charts > 0 and n >= charts


def test_every_chart_shows_its_text_alternative(site_dir):
    for page in sorted((site_dir / "lessons").glob("*.html")):
        s = soup(page)
        for fig in s.select("figure:has(img[src^='data:image/png'])"):
            alt = fig.find(class_="nep-textalt") or fig.find("figcaption")
            assert alt is not None and len(alt.get_text(strip=True)) > 40, (
                f"{page.name}: a chart without its text alternative"
            )


# ------------------------------------------------------------------ launch buttons and static note


def test_launch_links_point_at_the_student_branch(site_dir):
    pub = read_publication()
    for nb in NOTEBOOKS:
        page = site_dir / "lessons" / f"{nb.stem}.html"
        s = soup(page)
        box = s.find("aside", class_="nep-launch")
        assert box is not None, f"{page.name}: no launch box"
        assert STATIC_NOTE in re.sub(r"\s+", " ", box.get_text(" "))
        hrefs = [a["href"] for a in box.find_all("a", class_="nep-launch-button")]
        expected = launch_links(nb.name, pub)
        assert hrefs == [expected["binder"], expected["hub"]]
        binder = urllib.parse.urlsplit(hrefs[0])
        assert binder.scheme == "https" and binder.path == f"/v2/gh/{pub.owner}/{pub.name}/{pub.student_branch}"
        assert urllib.parse.parse_qs(binder.query) == {"urlpath": [f"lab/tree/notebooks/{nb.name}"]}
        hub = urllib.parse.urlsplit(hrefs[1])
        assert f"{hub.scheme}://{hub.netloc}" == pub.hub and hub.path == "/hub/user-redirect/git-pull"
        q = urllib.parse.parse_qs(hub.query)
        assert q == {
            "repo": [pub.repository],
            "branch": [pub.student_branch],
            "urlpath": [f"lab/tree/{pub.name}/notebooks/{nb.name}"],
        }


def test_publication_settings_are_checked(tmp_path):
    good = (
        '[repository]\nurl = "https://github.com/acme/nep-course"\nstudent_branch = "student"\n'
        '[binder]\nurl = "https://mybinder.org"\n[hub]\nurl = "https://hub.uni.example"\n'
    )
    p = tmp_path / "publish.toml"
    p.write_text(good)
    pub = read_publication(p)
    assert (pub.owner, pub.name, pub.student_branch) == ("acme", "nep-course", "student")
    links = launch_links("01_recovery.ipynb", pub)
    assert (
        links["binder"]
        == "https://mybinder.org/v2/gh/acme/nep-course/student?urlpath=lab/tree/notebooks/01_recovery.ipynb"
    )
    assert links["hub"].startswith(
        "https://hub.uni.example/hub/user-redirect/git-pull?repo=https%3A//github.com/acme/nep-course&branch=student"
    )
    for bad, words in [
        (
            good.replace("https://github.com/acme/nep-course", "https://gitlab.com/acme/nep-course"),
            "github.com/OWNER/REPO",
        ),
        (good.replace('student_branch = "student"', 'student_branch = "a b"'), "student_branch"),
        (good.replace('student_branch = "student"', ""), "student_branch must be a non-empty string"),
        (good.replace("https://hub.uni.example", "http://hub.uni.example"), "[hub] url must start with https://"),
        ("[repository\n", "not valid TOML"),
    ]:
        p.write_text(bad)
        with pytest.raises(SiteError, match=re.escape(words)):
            read_publication(p)
    with pytest.raises(SiteError, match="missing"):
        read_publication(tmp_path / "nothing.toml")
    with pytest.raises(SiteError, match="01_recovery.ipynb"):
        launch_links("../etc/passwd", pub)


def test_no_live_control_on_any_page(site_dir):
    for page in pages(site_dir):
        html = page.read_text(encoding="utf-8")
        assert "application/vnd.jupyter.widget" not in html, f"{page.name}: widget view or state on a static page"
        assert "embed-amd" not in html and "require.min.js" not in html, f"{page.name}: widget manager loaded"
        main = soup(page).find("article")  # the page's own content, without the theme's navigation buttons
        if main is not None:
            controls = main.select("select, input, textarea, button, [class*='widget-']")
            assert not controls, f"{page.relative_to(site_dir)}: a control shown as if live: {str(controls[0])[:120]}"
        assert not re.search(r"<pre>[^<]*\b(?:VBox|HBox|Output)\(", html), f"{page.name}: a widget repr on the page"


# ------------------------------------------------------------------ links


def _targets(site: Path, page: Path):
    s = soup(page)
    for tag, attr in (
        ("a", "href"),
        ("link", "href"),
        ("script", "src"),
        ("img", "src"),
        ("source", "src"),
        ("iframe", "src"),
    ):
        for el in s.find_all(tag):
            v = el.get(attr)
            if v:
                yield tag, v


def test_no_broken_internal_link_or_anchor(site_dir):
    ids: dict[Path, set[str]] = {}

    def ids_of(p: Path) -> set[str]:
        if p not in ids:
            s = soup(p)
            ids[p] = {el["id"] for el in s.find_all(id=True)} | {
                el["name"] for el in s.find_all("a", attrs={"name": True})
            }
        return ids[p]

    checked = 0
    for page in pages(site_dir):
        for tag, url in _targets(site_dir, page):
            parts = urllib.parse.urlsplit(url)
            if parts.scheme in ("http", "https", "mailto", "data", "javascript") or url.startswith("//"):
                continue
            path = urllib.parse.unquote(parts.path)
            target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(site_dir)}: <{tag}> points at missing {url}"
            if parts.fragment and target.suffix == ".html":
                assert urllib.parse.unquote(parts.fragment) in ids_of(target), (
                    f"{page.relative_to(site_dir)}: anchor #{parts.fragment} missing in {target.relative_to(site_dir)}"
                )
            checked += 1
    assert checked > 100


def test_nothing_is_loaded_from_elsewhere(site_dir):
    for page in pages(site_dir):
        for tag, url in _targets(site_dir, page):
            if tag == "a":
                continue
            assert not re.match(r"^(https?:)?//", url), f"{page.relative_to(site_dir)}: <{tag}> loads {url}"
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"@import\s+url\(\s*['\"]?(https?:)?//", html)
    for css in site_dir.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8", errors="replace")):
            assert not re.match(r"^(https?:)?//", url), f"{css.relative_to(site_dir)} loads {url}"


# ------------------------------------------------------------------ sources and quotations


def test_source_pages_hold_every_paragraph_with_a_stable_anchor(site_dir):
    for row in source_table():
        paras = source_paragraphs((ROOT / "data" / "sources" / row["file"]).read_text(encoding="utf-8"))
        s = soup(site_dir / "sources" / f"{row['id']}.html")
        for i, p in enumerate(paras, start=1):
            el = s.find(id=f"{row['id']}-p{i}")
            assert el is not None, f"{row['id']}: paragraph {i} has no anchor #{row['id']}-p{i}"
            shown = re.sub(r"\s+", " ", el.get_text(" ")).strip()
            assert shown == f"{i} " + re.sub(r"\s+", " ", p).strip(), f"{row['id']}-p{i} differs from the source text"
        assert s.find(id=f"{row['id']}-p{len(paras) + 1}") is None


def test_document_pages_hold_the_card_and_every_passage_with_a_stable_anchor(site_dir):
    passages = document_passages()
    for doc in document_table():
        s = soup(site_dir / "sources" / f"{doc['id']}.html")
        text = main_text(site_dir / "sources" / f"{doc['id']}.html")
        for field in ("author", "written", "first_published", "edition", "reliability"):
            assert re.sub(r"\s+", " ", doc[field]) in text, f"{doc['id']}: the card's {field} is not on its page"
        for url in doc["where_read"].split(" ; "):
            assert s.find("a", href=url) is not None, f"{doc['id']}: no link to the copy read, {url}"
        for p in passages[doc["id"]]:
            el = s.find(id=p["id"])
            assert el is not None, f"{doc['id']}: passage {p['id']} has no anchor"
            shown = re.sub(r"\s+", " ", el.get_text(" ")).strip()
            assert shown.startswith(f"{p['id'].rsplit('-p', 1)[1]} {p['text']}"), (
                f"{p['id']} differs from the stored text"
            )
            assert el.find("a", href=p["url"]) is not None, f"{p['id']}: no link to the copy it was read in"
    index = soup(site_dir / "sources" / "index.html")
    linked = {a["href"].split("#")[0] for a in index.find_all("a", href=True)}
    assert {f"{d['id']}.html" for d in document_table()} <= linked, "the sources index lists every document"


def test_every_excerpt_has_its_place_in_a_source():
    anchors = excerpt_anchors()
    documents = {d["id"] for d in document_table()}
    for path in sorted((ROOT / "data" / "excerpts").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                assert row["id"] in anchors, f"{path.name}: excerpt {row['id']} not found in source {row['source']}"
                assert anchors[row["id"]].startswith(f"sources/{row['source']}.html#{row['source']}-p")
                if row["source"] in documents:  # the anchor is the stored passage the text lies in
                    pid = anchors[row["id"]].split("#")[1]
                    assert any(p["id"] == pid and row["text"] in p["text"] for p in document_passages()[row["source"]])


def test_a_document_excerpt_is_anchored_at_its_passage(tmp_path, monkeypatch):
    import build_site

    ex = tmp_path / "excerpts"
    ex.mkdir()
    for p in (ROOT / "data" / "excerpts").glob("*.csv"):
        (ex / p.name).write_bytes(p.read_bytes())
    (ex / "zz.csv").write_text(
        "id,source,title,text,translation,period,note\n"
        'zz-jones,doc_jones_1933_famine_report,Famine,"Mr. Jones, who speaks Russian fluently",,,\n',
        encoding="utf-8",
    )
    real = build_site.ROOT
    fake = tmp_path / "root"
    (fake / "data").mkdir(parents=True)
    (fake / "data" / "sources").symlink_to(real / "data" / "sources")
    (fake / "data" / "excerpts").symlink_to(ex)
    monkeypatch.setattr(build_site, "ROOT", fake)
    href = build_site.excerpt_anchors()["zz-jones"]
    assert href == "sources/doc_jones_1933_famine_report.html#doc_jones_1933_famine_report-p3"
    assert "passage 3" in build_site._source_link_html("../" + href, "zz-jones")


def test_quotations_on_lesson_pages_link_to_their_source(site_dir):
    linked = 0
    documents = "|".join(re.escape(d["id"]) for d in document_table())
    for page in sorted((site_dir / "lessons").glob("*.html")):
        for a in soup(page).select(".nep-source-link a"):
            assert re.fullmatch(rf"\.\./sources/(su_rec|su_ind|ua_nep|{documents})\.html#\1-p\d+", a["href"]), a["href"]
            linked += 1
    assert linked >= len(NOTEBOOKS) - 1  # every lesson quotes its sources (the chart gallery need not)


# ------------------------------------------------------------------ editions


def _tagged_texts(nb_path: Path, wanted: set[str]) -> list[str]:
    nb = nbformat.read(nb_path, as_version=4)
    out = []
    for c in nb.cells:
        if set(c.metadata.get("tags", [])) & wanted and c.cell_type == "markdown":
            text = re.sub(r"[*_`>#]", "", c.source)
            sentence = re.sub(r"\s+", " ", text).strip()[:70]
            if len(sentence) > 30:
                out.append(sentence)
    return out


def _plain(text: str) -> str:
    """Words only: Markdown marks, curly quotes and dashes do not survive the trip to HTML unchanged."""
    return " ".join(re.findall(r"\w+", text))


def _opening(sentence: str) -> str:
    return " ".join(_plain(sentence).split(" ")[:8])


def test_student_site_has_no_solution_and_no_instructor_note(site_dir):
    for nb in NOTEBOOKS:
        shown = _plain(main_text(site_dir / "lessons" / f"{nb.stem}.html"))
        for sentence in _tagged_texts(nb, {"solution", "instructor"}):
            assert _opening(sentence) not in shown, f"{nb.stem}: hidden text on the student site: {sentence!r}"


def test_instructor_site_is_separate(site_dir, instructor_site):
    for page in pages(site_dir):
        assert "site-instructor" not in page.read_text(encoding="utf-8")
    some = [nb for nb in NOTEBOOKS if _tagged_texts(nb, {"instructor"})]
    assert some
    for nb in some:
        shown = _plain(main_text(instructor_site / "lessons" / f"{nb.stem}.html"))
        sentence = _tagged_texts(nb, {"instructor"})[0]
        assert _opening(sentence) in shown, f"{nb.stem}: instructor note missing from the instructor site"


# ------------------------------------------------------------------ data page


def test_data_page_describes_every_table_and_series(site_dir):
    pkg = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    text = main_text(site_dir / "data.html")
    assert "How to cite" in text and pkg["name"] in text
    for res in pkg["resources"]:
        assert res["path"] in text, f"data page misses {res['path']}"
        for field in res.get("schema", {}).get("fields", []):
            assert field["name"] in text
    for lic in pkg.get("licenses", []):
        assert lic["title"] in text
    with (ROOT / "data" / "figures.csv").open(encoding="utf-8", newline="") as f:
        series = {r["series"] for r in csv.DictReader(f)}
    s = soup(site_dir / "data.html")
    listed = {code.get_text() for code in s.select("table code")}
    assert series <= listed, f"series missing from the data page: {sorted(series - listed)[:5]}"


# ------------------------------------------------------------------ preparing a notebook for the web


def test_web_notebook_shows_static_fallbacks_and_links_quotations():
    from build_site import web_notebook

    pub = Publication("https://github.com/acme/nep", "acme", "nep", "student", "https://mybinder.org", "https://hub.x")
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    nb = nbformat.v4.new_notebook()
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A lesson"),
        nbformat.v4.new_code_cell(
            "# NBVAL_IGNORE_OUTPUT\npanel",
            outputs=[
                nbformat.v4.new_output(
                    "execute_result",
                    execution_count=1,
                    data={
                        "application/vnd.jupyter.widget-view+json": view,
                        "text/html": '<figure><img src="data:image/png;base64,AAAA" alt="chart"></figure>',
                        "text/plain": "VBox(children=(...))",
                    },
                )
            ],
        ),
        nbformat.v4.new_code_cell(
            "bare",
            outputs=[
                nbformat.v4.new_output(
                    "display_data", data={"application/vnd.jupyter.widget-view+json": view, "text/plain": "HBox()"}
                )
            ],
        ),
        nbformat.v4.new_code_cell(
            "q",
            outputs=[
                nbformat.v4.new_output(
                    "execute_result",
                    execution_count=3,
                    data={
                        "text/html": '<figure class="nep-quote" data-excerpt="01-food-fund"><blockquote>…</blockquote>'
                        "<figcaption>— source</figcaption></figure>",
                        "text/plain": "…",
                    },
                )
            ],
        ),
        nbformat.v4.new_code_cell("ex", metadata={"tags": ["exercise"]}),
    ]
    anchors = {"01-food-fund": "sources/su_rec.html#su_rec-p3"}
    web, stats = web_notebook(nb, "01_recovery.ipynb", pub, anchors, {})
    assert "widgets" not in web.metadata
    assert web.cells[1].metadata["tags"] == ["nep-launch"] and STATIC_NOTE in web.cells[1].source
    panel, bare, quote, exercise = (c.outputs for c in web.cells[2:6])
    assert set(panel[0]["data"]) == {"text/html", "text/plain"} and "<img" in panel[0]["data"]["text/html"]
    assert "NBVAL" not in web.cells[2].source
    assert "Launch the notebook" in bare[0]["data"]["text/html"]
    html = quote[0]["data"]["text/html"]
    assert '<a href="../sources/su_rec.html#su_rec-p3">' in html and html.index("<a href") < html.index("</figcaption>")
    assert "Self-check exercise" in exercise[0]["data"]["text/html"]
    assert stats == {"quotations_linked": 1, "widget_views_dropped": 2, "widget_reprs_replaced": 0, "code_hidden": 4}
    assert "widgets" in nb.metadata  # the notebook given is left as it was


def test_instructor_site_launches_the_main_branch(instructor_site):
    pub = read_publication()
    nb = NOTEBOOKS[0]
    box = soup(instructor_site / "lessons" / f"{nb.stem}.html").find("aside", class_="nep-launch")
    binder = box.find("a", class_="nep-launch-button")["href"]
    assert binder.startswith(f"{pub.binder}/v2/gh/{pub.owner}/{pub.name}/main?")


def test_code_is_hidden_unless_it_is_the_lesson_and_no_heading_stands_over_nothing():
    """Code inputs are hidden (``remove-input``) unless tagged ``show-code``; a heading whose section holds only
    hidden code without output ("Imports") goes with it; the editions' "Before you start" note is not a page's."""
    import build_editions
    from build_site import web_notebook

    pub = Publication("https://github.com/acme/nep", "acme", "nep", "student", "https://mybinder.org", "https://hub.x")
    shown = nbformat.v4.new_output("stream", text="1925/26\n")
    nb = build_editions.student_edition(nbformat.v4.new_notebook())
    nb.cells += [
        nbformat.v4.new_markdown_cell("# A lesson\n\nIntro."),
        nbformat.v4.new_markdown_cell("## Imports\nEverything lives in `helpers`."),
        nbformat.v4.new_code_cell("from helpers import data"),
        nbformat.v4.new_markdown_cell("## 1. Years"),
        nbformat.v4.new_code_cell("from helpers import periods"),
        nbformat.v4.new_code_cell("periods.label(1926)", outputs=[shown]),
        nbformat.v4.new_code_cell("growth = later / earlier - 1", metadata={"tags": ["show-code"]}),
    ]
    web, stats = web_notebook(nb, "01_recovery.ipynb", pub, {}, {})
    sources = [c.source for c in web.cells]
    assert not any("## Imports" in s or "from helpers import data" in s for s in sources)
    assert not any(build_editions.NOTE_TAG in c.metadata.get("tags", []) for c in web.cells)
    assert "## 1. Years" in sources and "from helpers import periods" in sources
    code = {c.source: c.metadata.get("tags", []) for c in web.cells if c.cell_type == "code"}
    assert "remove-input" in code["periods.label(1926)"] and "remove-input" in code["from helpers import periods"]
    assert "remove-input" not in code["growth = later / earlier - 1"]
    assert stats["code_hidden"] == 3


def test_lesson_pages_show_no_code_and_no_empty_heading(site_dir):
    for page in sorted((site_dir / "lessons").glob("*.html")):
        s = soup(page)
        main = s.find("main") or s
        inputs = [d for d in main.select("div.cell_input") if "tag_show-code" not in d.parent.get("class", [])]
        assert not inputs, f"{page.name}: {len(inputs)} code inputs shown"
        headings = [h.get_text(" ", strip=True).rstrip("#").strip() for h in main.select("h2, h3")]
        assert "Imports" not in headings, f"{page.name}: an 'Imports' heading over hidden code"
        assert not main.select(".nep-run-note"), f"{page.name}: a notebook's 'run it' note on a page that is not run"
    home = main_text(site_dir / "index.html")
    assert not re.search(r"\bThe lessons\b", home), "the home page names the lessons twice (heading and list caption)"


def test_web_notebook_links_a_document_quotation_to_its_passage():
    from build_site import web_notebook

    pub = Publication("https://github.com/acme/nep", "acme", "nep", "student", "https://mybinder.org", "https://hub.x")
    nb = nbformat.v4.new_notebook()
    figure = (
        '<figure class="nep-quote" data-excerpt="05-jones" data-source="doc_jones_1933_famine_report" '
        'data-passage="doc_jones_1933_famine_report-p1"><blockquote>…</blockquote><figcaption>— Gareth Jones'
        "</figcaption></figure>"
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A lesson"),
        nbformat.v4.new_code_cell(
            'quote("05-jones")',
            outputs=[
                nbformat.v4.new_output(
                    "execute_result", execution_count=1, data={"text/html": figure, "text/plain": "…"}
                )
            ],
        ),
    ]
    href = "sources/doc_jones_1933_famine_report.html#doc_jones_1933_famine_report-p1"
    web, stats = web_notebook(nb, "05_first_five_year_plan.ipynb", pub, {"05-jones": href}, {})
    html = web.cells[-1].outputs[0]["data"]["text/html"]
    assert f'<a href="../{href}">' in html and "passage 1" in html
    assert html.index("<a href") < html.index("</figcaption>") and stats["quotations_linked"] == 1


def test_a_link_to_a_notebook_without_a_page_opens_it_on_binder():
    pub = read_publication()
    md = "Write it in [the template](assignment_06.ipynb); see [episode 05](05_first_five_year_plan.ipynb)."
    out = launch_other_notebooks(md, pub)
    assert f"]({launch_links('assignment_06.ipynb', pub)['binder']})" in out
    assert "](05_first_five_year_plan.ipynb)" in out  # lessons link to their own pages
