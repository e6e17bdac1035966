"""Sphinx configuration of the course website. Built by tools/build_site.py (make site), never by hand:
the build copies this folder next to the prepared notebooks and the generated source and data pages."""

import json
from pathlib import Path

_edition = (
    json.loads((Path(__file__).parent / "_edition.json").read_text())["edition"]
    if (Path(__file__).parent / "_edition.json").exists()
    else "student"
)

project = "From NEP to the Plan: Soviet industry 1921–1932"
author = "The From NEP to the Plan course team"
copyright = "2026, the From NEP to the Plan course team (text and course data CC BY 4.0; code MIT)"
language = "en"

extensions = ["myst_nb"]
myst_enable_extensions = []  # no dollar maths: the lessons use $ for nothing mathematical
nb_execution_mode = "off"  # the pages show the outputs stored in the executed notebooks
nb_merge_streams = True
# Live-widget views render nothing without a kernel: never pick them, show the static fallback.
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
nb_ipywidgets_js = {}  # no widget manager or RequireJS: the pages have no widget state
# No MathJax from a CDN. The pages contain no maths, so Sphinx puts no MathJax on any page; should one ever
# do, it would ask for this local file, which the site tests would report as a broken link.
mathjax_path = "mathjax/tex-chtml.js"
suppress_warnings = ["mystnb.unknown_mime_type"]

exclude_patterns = ["_build", "_doctrees", "**.ipynb_checkpoints", "_edition.json"]
html_theme = "sphinx_book_theme"
html_title = "From NEP to the Plan" + (" — instructor edition" if _edition == "instructor" else "")
html_static_path = ["_static"]
templates_path = ["_templates"]
html_css_files = ["nep-site.css"]
html_favicon = "_static/favicon.svg"
html_show_sourcelink = False
html_copy_source = False
html_last_updated_fmt = None
html_theme_options = {
    "show_navbar_depth": 1,
    "use_download_button": False,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "use_source_button": False,
    "use_issues_button": False,
    "use_edit_page_button": False,
    "navigation_with_keys": False,
    "show_toc_level": 2,
}
