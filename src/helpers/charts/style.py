"""The course's house style for charts, in one place.

* colours: the Okabe–Ito palette, safe for the common forms of colour blindness,
  always paired with a marker shape so that no series is told apart by colour alone;
* one fixed figure size and resolution (no ``bbox_inches='tight'``: it doubles the
  cost of every redraw), fixed margins, small fonts;
* axis labels that carry the unit and the price basis, or say which year is 100;
* period labels as the sources write them (``1925/26`` for an economic year);
* the source line under every chart;
* number formatting for labels and text alternatives (from :mod:`helpers.data.numbers`);
* :func:`mpl_text`, which keeps ``$`` in a label from switching matplotlib to maths mode.

Nothing here reads a data file except :func:`source_line`, which looks up source
titles through :mod:`helpers.sources`.
"""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Iterable

from helpers.errors import UnknownNameError

__all__ = [
    "OKABE_ITO",
    "SERIES_COLOURS",
    "MARKERS",
    "FIGSIZE",
    "SMALL_MULTIPLES_FIGSIZE",
    "DPI",
    "FONT_SIZE",
    "colour",
    "marker",
    "axis_label",
    "index_label",
    "source_line",
    "mpl_text",
    "wrap",
    "style_axes",
    "MIN_TEXT_PX",
]

#: Okabe & Ito (2008), "Color Universal Design": the eight colours, by name.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
#: order in which series take colours (yellow last: it is faint on white)
SERIES_COLOURS = tuple(
    OKABE_ITO[k]
    for k in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue", "black", "yellow")
)
#: one marker per colour slot, so that print-outs in grey still tell series apart
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
#: neutral greys for grids, gap labels, computed remainders
GREY, LIGHT_GREY = "#6E6E6E", "#D9D9D9"
#: the computed remainder of a shares chart (100 minus the stated shares): light fill, grey edge
REMAINDER_FACE, REMAINDER_EDGE = "#EBEBEB", "#9A9A9A"

FIGSIZE = (7.2, 4.2)  # inches; with DPI this is a 792 x 462 px image, shown at its own size
SMALL_MULTIPLES_FIGSIZE = (7.2, 4.6)
#: 110 pixels per inch: the smallest text (SMALL_SIZE, 7.5 pt) is 11.5 px in the picture, shown one image
#: pixel per CSS pixel, so at least MIN_TEXT_PX as a student reads it (tests/browser/test_readability.py)
DPI = 110
#: the smallest text a chart may draw, in CSS pixels as displayed
MIN_TEXT_PX = 11.0
FONT_SIZE = 8.5
TITLE_SIZE = 10.5
SMALL_SIZE = 7.5  # points: the smallest size any chart text takes

#: fixed margins (figure fractions): [left, bottom, width, height] of the main axes,
#: leaving room on the right for the legend and at the bottom for notes and the source line
AXES_RECT = (0.12, 0.28, 0.53, 0.62)


def colour(slot: int) -> str:
    """The colour of the series in ``slot`` (cycles through :data:`SERIES_COLOURS`)."""
    return SERIES_COLOURS[slot % len(SERIES_COLOURS)]


def marker(slot: int) -> str:
    return MARKERS[slot % len(MARKERS)]


def mpl_text(text: object) -> str:
    """Text safe for a matplotlib label: a ``$`` is shown as a dollar sign, not as maths."""
    return str(text).replace("$", r"\$")


def wrap(text: str, width: int = 30) -> str:
    """Wrap a legend label onto several lines (labels never run off the figure)."""
    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=True)) or str(text)


def axis_label(unit: str, price_basis: str = "") -> str:
    """``'million rubles, 1926/27 prices'``; for physical units just the unit.

    An ``unstated`` price basis is said out loud, because the reader must know.
    """
    unit = unit or "value"
    if not price_basis:
        return unit
    if price_basis == "unstated":
        return f"{unit} (price basis not stated)"
    return f"{unit}, {price_basis}"


def index_label(base: str, units: Iterable[str] = ()) -> str:
    """``'index, 1913 = 100'``, followed by the units the index was computed from."""
    units = [u for u in dict.fromkeys(units) if u]
    tail = f" (from {'; '.join(units)})" if units else ""
    return f"index, {base} = 100{tail}"


def source_line(source_ids: Iterable[str] = (), citations: Iterable[str] = (), lookup=None) -> str:
    """``'Source: The development of the Soviet economy (su_rec, su_ind)'`` for the line under a chart.

    Each source is named by its title up to the first " — " (the book; the chapter follows in the full
    title, which the passages beside the chart give), sources of one book together, and nothing is ever
    cut short with "…": the chart wraps the line onto as many lines as it takes. ``lookup(id) -> dict``
    defaults to :func:`helpers.sources.source_info`; an id it does not know is printed as it is.
    ``citations`` are the citations of independent estimates, in full.
    """
    if lookup is None:
        from helpers.data.sources import source_info as lookup
    books: dict[str, list[str]] = {}
    for sid in dict.fromkeys(source_ids):
        try:
            title = lookup(sid).get("title", "")
        except UnknownNameError:  # not a source id (a dataset's name): shown as it is, as documented
            title = ""
        except Exception:  # an unknown id is shown as it is rather than hiding the line
            logging.getLogger("helpers").exception("source line: no title for source id %r", sid)
            title = ""
        books.setdefault(_clean(title).split(" — ")[0], []).append(sid)
    parts = [f"{book} ({', '.join(ids)})" if book else ", ".join(ids) for book, ids in books.items()]
    parts += [_clean(c) for c in dict.fromkeys(citations) if c]
    if not parts:
        return ""
    return ("Source: " if len(parts) == 1 and sum(map(len, books.values())) <= 1 else "Sources: ") + "; ".join(parts)


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def style_axes(ax, *, grid_axis: str = "y") -> None:
    """Apply the house style to one axes (explicit properties, no global rcParams).

    Ticks that matplotlib creates later inherit these settings, so the style
    holds however often the chart is redrawn.
    """
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(GREY)
    ax.tick_params(labelsize=FONT_SIZE, colors="#333333", length=3)
    ax.set_axisbelow(True)
    if grid_axis:
        ax.grid(True, axis=grid_axis, color=LIGHT_GREY, linewidth=0.6)
    ax.yaxis.label.set_size(FONT_SIZE)
    ax.xaxis.label.set_size(FONT_SIZE)
