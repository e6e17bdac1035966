"""Every page of the built website in Chromium: no request leaves the site, and axe-core finds no
WCAG 2.0/2.1/2.2 A or AA violation. The axe results per page are written to test-artifacts/site/axe.json."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "site"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

#: Violations that belong to the theme, not to the course, excluded by rule and selector only:
#: none are known for sphinx-book-theme 1.4 / pydata-sphinx-theme 0.20 on these pages.
UPSTREAM: list[tuple[str, str, str]] = []


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def served(site_dir):
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def site_pages(site_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(site_dir)) for p in site_dir.rglob("*.html") if "_static" not in p.parts)


def open_offline(chromium, url: str):
    """A page in which every request to anything but the local server is blocked and recorded."""
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = ctx.new_page()
    outside: list[str] = []
    local = urllib.parse.urlsplit(url).netloc

    def route(r):
        u = urllib.parse.urlsplit(r.request.url)
        if u.scheme in ("data", "blob") or (u.scheme in ("http", "https") and u.netloc == local):
            return r.continue_()
        outside.append(r.request.url)
        return r.abort()

    ctx.route("**/*", route)
    failed: list[str] = []
    page.on(
        "requestfailed", lambda req: failed.append(req.url) if urllib.parse.urlsplit(req.url).netloc == local else None
    )
    page.on("response", lambda resp: failed.append(f"{resp.status} {resp.url}") if resp.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    return ctx, page, outside, failed


def run_axe(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: n.failureSummary}))}));
        }""",
        AXE_TAGS,
    )
    return result


def course_violations(violations: list[dict]) -> list[dict]:
    out = []
    for v in violations:
        nodes = [n for n in v["nodes"] if not any(v["id"] == rule and sel in n["target"] for rule, sel, _ in UPSTREAM)]
        if nodes:
            out.append({**v, "nodes": nodes})
    return out


def test_every_page_offline_and_accessible(site_dir, served, chromium, axe_source):
    pages = site_pages(site_dir)
    assert len(pages) >= 10
    report, problems = {}, []
    for rel in pages:
        ctx, page, outside, failed = open_offline(chromium, f"{served}/{rel}")
        try:
            violations = run_axe(page, axe_source)
        finally:
            ctx.close()
        report[rel] = {"outside_requests": outside, "failed_local": failed, "violations": violations}
        if outside:
            problems.append(f"{rel}: requests outside the site: {outside[:3]}")
        if failed:
            problems.append(f"{rel}: local requests failed: {failed[:3]}")
        for v in course_violations(violations):
            problems.append(
                f"{rel}: axe {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
            )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    summary = {
        "pages": len(pages),
        "violations": sum(len(r["violations"]) for r in report.values()),
        "violating_nodes": sum(len(v["nodes"]) for r in report.values() for v in r["violations"]),
    }
    (ARTIFACTS / "axe.json").write_text(json.dumps({"summary": summary, "pages": report}, indent=1), encoding="utf-8")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("theme", ["dark"])
def test_pages_in_the_dark_theme_are_accessible(site_dir, served, chromium, axe_source, theme):
    """The theme's dark mode (a reader's choice, kept in localStorage): one page of each kind."""
    lesson = sorted((site_dir / "lessons").glob("*.html"))[1].relative_to(site_dir)
    problems = []
    for rel in ["index.html", str(lesson), "sources/su_rec.html", "data.html"]:
        ctx, page, outside, _ = open_offline(chromium, f"{served}/{rel}")
        try:
            page.evaluate("(t) => { localStorage.setItem('theme', t); localStorage.setItem('mode', t); }", theme)
            page.reload(wait_until="networkidle")
            assert page.evaluate("() => document.documentElement.dataset.theme") == theme
            for v in course_violations(run_axe(page, axe_source)):
                targets = [n["target"] for n in v["nodes"][:3]]
                problems.append(f"{rel} ({theme}): axe {v['id']}: {v['help']} — {targets}")
        finally:
            ctx.close()
        assert not outside
    assert not problems, "\n".join(problems)


def test_launch_buttons_are_reachable_by_keyboard(site_dir, served, chromium):
    lesson = sorted((site_dir / "lessons").glob("*.html"))[1]
    ctx, page, outside, _ = open_offline(chromium, f"{served}/lessons/{lesson.name}")
    try:
        reached = []
        for _ in range(80):
            page.keyboard.press("Tab")
            cls = page.evaluate("() => document.activeElement && document.activeElement.className")
            if cls and "nep-launch-button" in cls:
                reached.append(page.evaluate("() => document.activeElement.textContent.trim()"))
            if len(reached) == 2:
                break
        assert reached == ["Launch on Binder", "Open on the seminar JupyterHub"]
        outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused launch button shows no focus outline"
    finally:
        ctx.close()
    assert not outside
