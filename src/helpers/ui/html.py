"""HTML pieces shared by every view: one escaper, one message box, one text alternative, one figure.

Every function is a pure function of its arguments and escapes every piece of text it is given
(``<script>`` shows as text). The style constants in :data:`CSS` are the course's one set of
styles for what a student operates; views use them instead of writing their own.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable

__all__ = [
    "CSS",
    "escape",
    "message_box",
    "text_alternative",
    "figure",
    "live_image",
    "png_size",
    "disclosure",
    "data_uri",
    "DATA_URI",
]

#: the style of each part of a view (inline styles: they survive nbviewer, the website and Voilà)
CSS = {
    "message": (
        "border-left:4px solid #E69F00;background:#fff8e6;padding:0.3em 0.7em;margin:0.3em 0;font-size:max(0.9em,11px)"
    ),
    "message_list": "margin:0.2em 0;padding-left:1.2em",
    "textalt": "font-size:max(0.9em,11px);color:#222;max-width:1060px;margin:0.3em 0",
    "summary": "cursor:pointer;color:#333;font-size:max(0.9em,11px)",
    "quote_bar": "border-left:3px solid #0072B2",
    "muted": "color:#555555",
    "caption": "font-size:max(0.9em,11px);color:#333333",
    "correct": "color:#007A5A",
    "not_yet": "color:#B34700",
    "invalid": "color:#555555",
}

DATA_URI = "data:image/png;base64,"

#: the stylesheet every view carries (scoped to the course's views): what ipywidgets' own styles would cut
#: off at a laptop's width is let to wrap or grow. A drop-down is never narrower than its value; radio and
#: check-box labels (an exercise's options, a passage in full) wrap beside their button; text in a view is
#: never under 11 px; links in text are underlined, not told apart by colour alone.
VIEW_CSS = (
    "<style>"
    ".nep-view .widget-dropdown>select,.nep-view .jupyter-widget-dropdown>select"
    "{min-width:max-content;flex-shrink:0}"
    ".nep-view .widget-radio,.nep-view .jupyter-widget-radio,.nep-view .widget-radio-box,"
    ".nep-view .jupyter-widget-radio-box{width:auto;max-width:100%;height:auto}"
    ".nep-view .widget-radio-box label,.nep-view .jupyter-widget-radio-box label"
    "{display:flex;align-items:flex-start;gap:0.45em;white-space:normal;overflow-wrap:anywhere;height:auto;"
    "line-height:1.4;padding:0.2em 0;margin-right:0}"
    ".nep-view .widget-radio-box input,.nep-view .jupyter-widget-radio-box input{flex:none;margin-top:0.25em}"
    ".nep-view .widget-checkbox .widget-label-basic,.nep-view .jupyter-widget-checkbox .jupyter-widget-label-basic"
    "{white-space:normal;overflow:visible;overflow-wrap:anywhere;line-height:1.35;padding:0.2em 0}"
    ".nep-view .widget-checkbox,.nep-view .jupyter-widget-checkbox{height:auto}"
    ".nep-view .widget-html-content,.nep-view .jupyter-widget-html-content{line-height:1.45}"
    ".nep-view .widget-label,.nep-view .jupyter-widget-label{font-size:max(1em,11px)}"
    ".nep-view a{text-decoration:underline}"
    # links in the notebook's own text, wherever a course view is shown (Voilà's stylesheet leaves them plain)
    ".jp-RenderedHTMLCommon a:not(.jp-InternalAnchorLink),.jp-RenderedMarkdown a:not(.jp-InternalAnchorLink)"
    "{text-decoration:underline !important}"
    "</style>"
)


def escape(text: object) -> str:
    """Text made safe for HTML: ``<script>``, quotes and ``&`` show as text; ``None`` is empty."""
    return html.escape("" if text is None else str(text), quote=True)


def data_uri(png: bytes) -> str:
    """PNG bytes as a ``data:`` URI (what an ``<img>`` shows)."""
    return DATA_URI + base64.b64encode(png).decode("ascii")


def message_box(messages: Iterable[str] = (), error: str | None = None) -> str:
    """Messages beside a view (why something is not shown), an error first; empty when there is none.

    The box is a polite live region, so a screen reader announces a new message.
    """
    items = list(dict.fromkeys(m for m in messages if m))
    if not items and not error:
        return '<div class="nep-message-box" role="status" aria-live="polite"></div>'
    err = f'<p style="margin:0.2em 0"><strong>Cannot show this choice:</strong> {escape(error)}</p>' if error else ""
    if len(items) == 1 and not error:
        body = f'<p style="margin:0.2em 0">{escape(items[0])}</p>'
    else:
        body = (
            f'<ul style="{CSS["message_list"]}">' + "".join(f"<li>{escape(m)}</li>" for m in items) + "</ul>"
            if items
            else ""
        )
    return f'<div class="nep-message-box" role="status" aria-live="polite" style="{CSS["message"]}">{err}{body}</div>'


def disclosure(summary: str, body_html: str, *, open: bool = False, cls: str = "") -> str:
    """A ``<details>`` element: ``summary`` (text, escaped) and a body (HTML, already escaped)."""
    attrs = f' class="{escape(cls)}"' if cls else ""
    attrs += " open" if open else ""
    return f'<details{attrs}><summary style="{CSS["summary"]}">{escape(summary)}</summary>{body_html}</details>'


def text_alternative(text: str, *, collapsed: bool = True, what: str = "chart") -> str:
    """The text alternative of a chart: in the page (screen readers, static views), collapsed by default."""
    body = (
        f'<div role="note" aria-label="Text description of the {escape(what)}" style="{CSS["textalt"]}">'
        f"{escape(text)}</div>"
    )
    if not collapsed:
        return f'<div class="nep-textalt">{body}</div>'
    return disclosure("Text description", body, cls="nep-textalt")


def _text_px_attr(min_text_px: float | None) -> str:
    """``data-min-text-px``: the picture's smallest text in image pixels (the browser test scales it as shown)."""
    return f' data-min-text-px="{float(min_text_px):.2f}"' if min_text_px else ""


#: said beside a static chart in a notebook that has not been run (the website removes it: a page is never run)
RUN_NOTE = (
    '<p class="nep-run-note" style="margin:0.2em 0;font-size:max(0.9em,11px);color:#333333">'
    "<strong>This chart is a picture until the notebook runs.</strong> Choose <em>Run → Run All Cells</em> "
    "(once the kernel says <em>Idle</em>) to bring its controls.</p>"
)


def figure(png: bytes, alt: str, width: int, caption_html: str = "", *, min_text_px: float | None = None) -> str:
    """A PNG as an ``<img>`` with a data URI and ``alt`` text, with an optional caption (HTML), and the note that
    running the notebook brings the controls."""
    cap = f"<figcaption>{caption_html}</figcaption>" if caption_html else ""
    return (
        f'<figure class="nep-static" style="margin:0">{RUN_NOTE}<img src="{data_uri(png)}" alt="{escape(alt)}" '
        f'style="max-width:100%" width="{int(width)}"{_text_px_attr(min_text_px)}/>{cap}</figure>'
    )


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels of a PNG, read from its header; a ``ValueError`` for anything else."""
    if len(png) < 24 or not png.startswith(b"\x89PNG\r\n\x1a\n") or png[12:16] != b"IHDR":
        raise ValueError("not a PNG image: expected the 8-byte PNG signature followed by an IHDR chunk")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def live_image(png: bytes, alt: str, width: int, *, min_text_px: float | None = None) -> str:
    """The ``<img>`` a live view shows inside an ipywidgets ``HTML`` widget: a data URI with ``alt`` text.

    ``width`` is the width in CSS pixels; the height follows the PNG's proportions, and both are given as
    attributes so that the page keeps its layout while a new picture replaces the old one (a data URI is
    decoded at once: no blank frame). The picture shrinks with a narrow notebook (``max-width:100%``).
    """
    w, h = png_size(png)
    height = max(1, round(int(width) * h / w)) if w else 1
    return (
        f'<img class="nep-chart-img" src="{data_uri(png)}" alt="{escape(alt)}" width="{int(width)}" '
        f'height="{height}" decoding="sync" style="display:block;max-width:100%;height:auto"'
        f"{_text_px_attr(min_text_px)}/>"
    )
