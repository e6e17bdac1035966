"""The passages behind a plotted point: the sources area beside a chart, as HTML and as plain text.

Pure functions of their arguments; every value is escaped. A passage comes first, then its value,
the period as the passage writes it and its source; row ids and technical fields (price basis,
scope, kind) are behind a *Row details* disclosure. Where the passages of the plotted kind
disagree, the area says so and shows them all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from helpers.charts.provenance import disagreement
from helpers.data.numbers import format_number, format_value
from helpers.ui import html as H
from helpers.ui.html import escape

__all__ = ["provenance_html", "provenance_text", "message_html", "text_alternative_html"]


# --------------------------------------------------------------------------------------
# the sources area (pure functions of their arguments; every value escaped)
# --------------------------------------------------------------------------------------


def _value_text(r: dict) -> str:
    v = r.get("value")
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "no number (lost in the source copy)" if r.get("kind") == "lost" else "no number"
    written = r.get("value_as_written") or ""
    unit = r.get("unit", "")
    base = format_value(v, unit, r.get("precision", "exact") or "exact")
    return f"{base} (written “{written}”)" if written and written != format_number(v) else base


def _row_parts(r: dict) -> tuple[str, list[str], list[str]]:
    """(quote, [what a reader needs first], [technical fields]) of one provenance row, as plain text."""
    if "citation" in r and "quote" not in r:
        first = [
            f"independent estimate: {r.get('dataset', '')}",
            f"value {format_value(r.get('value'), r.get('unit', ''))}",
        ]
        if r.get("period"):
            first.append(f"period: {r['period']}")
        tech = []
        for key, word in (
            ("citation", ""),
            ("locator", "at "),
            ("grade", "grade "),
            ("territory", "territory: "),
            ("note", "note: "),
            ("id", "row "),
        ):
            if r.get(key):
                tech.append(f"{word}{r[key]}")
        return "", first, tech
    src = r.get("source", "")
    title = r.get("source_title", "")
    first = [
        f"value {_value_text(r)}",
        f"period as written: “{r.get('period', '')}”",
        f"source: {title}" if title else f"source: {src}",
    ]
    if r.get("note"):
        first.append(f"note: {r['note']}")
    tech = []
    if r.get("price_basis"):
        tech.append(f"price basis: {r['price_basis']}")
    if r.get("scope"):
        tech.append(f"scope: {r['scope']}")
    if r.get("kind"):
        tech.append(f"kind: {r['kind']}")
    if src and title:
        tech.append(f"source id: {src}")
    if r.get("id"):
        tech.append(f"row {r['id']}")
    return r.get("quote", ""), first, tech


def _row_lines(r: dict) -> tuple[str, list[str]]:
    """(quote, [facts]) of one provenance row, as plain text (every field)."""
    quote, first, tech = _row_parts(r)
    return quote, first + tech


def provenance_html(period: str, entries: Sequence[tuple[str, str, list[dict]]]) -> str:
    """The sources area for one period: for each series, the plotted value and every passage.

    ``entries`` are ``(series label, plotted value as text, rows)``; rows come from
    :func:`helpers.charts.provenance.provenance_rows`. Each passage comes first, then its value,
    period as written and source; row ids and technical fields are behind a disclosure. When
    the passages of the plotted kind disagree, the area says so and shows them all.
    """
    if not period:
        return (
            '<div class="nep-sources" style="font-size:max(0.9em,11px);color:#444">'
            "Choose a period in <em>Sources for</em> to read the passage(s) behind it.</div>"
        )
    parts = [
        f'<div class="nep-sources" role="region" aria-label="Sources for {escape(period)}" '
        f'style="font-size:max(0.9em,11px);line-height:1.35">',
        f'<h4 style="margin:0 0 0.4em 0">Sources for {escape(period)}</h4>',
    ]
    if not entries:
        parts.append(f"<p>No plotted value for {escape(period)} in this view.</p>")
    for label, plotted, rows in entries:
        parts.append(
            f'<p style="margin:0.5em 0 0.2em 0"><strong>{escape(label)}</strong>: plotted {escape(plotted)}</p>'
        )
        main = [r for r in rows if r.get("plotted", True) or r.get("same_kind", True)]
        other = [r for r in rows if r not in main]
        dis = disagreement(main)
        if dis:
            vals = " vs ".join(format_value(v, main[0].get("unit", "")) for v in dis)
            parts.append(
                f'<p style="margin:0.2em 0;color:#8a3b00"><strong>The passages disagree:</strong> {escape(vals)}. '
                "Both are shown below.</p>"
            )
        if not rows:
            parts.append("<p>No passage recorded for this value.</p>")
        for r in main:
            parts.append(_row_html(r))
        if other:
            parts.append(
                H.disclosure(
                    f"Other statements about {period}: other kinds or scopes ({len(other)})",
                    "".join(_row_html(r) for r in other),
                )
            )
    parts.append("</div>")
    return "".join(parts)


def _row_html(r: dict) -> str:
    quote, first, tech = _row_parts(r)
    tag = " <em>(plotted)</em>" if r.get("plotted") else ""
    q = (
        (
            f'<blockquote style="margin:0.3em 0 0.2em 0.4em;padding-left:0.6em;{H.CSS["quote_bar"]}">'
            f"{escape(quote)}</blockquote>"
        )
        if quote
        else ""
    )
    more = (
        H.disclosure("Row details", f'<p style="margin:0 0 0.3em 0.4em;{H.CSS["muted"]}">{escape("; ".join(tech))}</p>')
        if tech
        else ""
    )
    return q + f'<p style="margin:0 0 0.2em 0.4em;color:#333">{escape("; ".join(first))}{tag}</p>' + more


def provenance_text(period: str, entries: Sequence[tuple[str, str, list[dict]]]) -> str:
    """The same as :func:`provenance_html`, as plain text (every field shown)."""
    if not period:
        return ""
    lines = [f"Sources for {period}"]
    for label, plotted, rows in entries:
        lines.append(f"{label}: plotted {plotted}")
        main = [r for r in rows if r.get("plotted", True) or r.get("same_kind", True)]
        dis = disagreement(main)
        if dis:
            lines.append(
                "  The passages disagree: " + " vs ".join(format_value(v, main[0].get("unit", "")) for v in dis)
            )
        for r in main + [r for r in rows if r not in main]:
            quote, facts = _row_lines(r)
            tag = "" if r in main else "[other kind or scope] "
            if quote:
                lines.append(f"  {tag}“{quote}”")
            lines.append("  " + "; ".join(facts) + (" (plotted)" if r.get("plotted") else ""))
    return "\n".join(lines)


def message_html(messages: Sequence[str], error: str | None = None) -> str:
    """Messages beside the chart (why something is not shown); an error in a warning box."""
    return H.message_box(messages, error)


def text_alternative_html(text: str) -> str:
    """The chart's text alternative, collapsed under "Text description"."""
    return H.text_alternative(text)
