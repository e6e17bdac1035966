"""An Agg canvas that rasterises each piece of text once.

Measured on the course machine, text is three quarters of the cost of drawing a
chart with Agg: matplotlib lays out and rasterises every glyph of every label
again on each draw (about 70 µs a glyph). A chart updated in place redraws the
same tick labels, axis labels, legend and source line many times, so
:class:`CachedTextRendererAgg` keeps the rendered bitmap of each string (per text,
font, size, angle, hinting and resolution) and blits it, which halves a redraw.

Text is placed on whole pixels (stock Agg places it to 1/64 pixel); the
difference is below what the eye can see, and a test compares the two images.
If anything in matplotlib's private text API is not as expected, the renderer
falls back to stock Agg for good (``CACHE_ENABLED`` becomes False), says so once with a
:class:`RuntimeWarning` and logs the cause on the ``"helpers"`` logger. The package declares
the matplotlib versions it was written for (``matplotlib>=3.10,<3.12`` in ``pyproject.toml``).

``NEP_FAST_TEXT=0`` in the environment (set before ``import helpers``) switches it off: every canvas is then
matplotlib's own :class:`FigureCanvasAgg`, touching no private API (to compare, or on a matplotlib this
module was not written for). When to delete this module: ``docs/decisions/0001-fast-text-renderer.md``.
"""

from __future__ import annotations

import logging
import math
import os
import warnings
from collections import OrderedDict

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag

from helpers.caches import register

try:  # matplotlib >= 3.10 renders glyph by glyph with these
    from matplotlib.ft2font import RenderMode
except ImportError:  # pragma: no cover - older matplotlib: keep stock Agg
    RenderMode = None

__all__ = ["CachedTextRendererAgg", "FigureCanvasCachedAgg", "CACHE_ENABLED", "SWITCHED_OFF", "clear_cache"]

#: ``NEP_FAST_TEXT=0``: the canvases are stock Agg (no private matplotlib API is used)
SWITCHED_OFF = os.environ.get("NEP_FAST_TEXT", "1").strip() == "0"
CACHE_ENABLED = RenderMode is not None and not SWITCHED_OFF
MAX_ENTRIES = 4096
_cache: OrderedDict = OrderedDict()
_warned = False
LOG = logging.getLogger("helpers")


def clear_cache() -> None:
    _cache.clear()


register(clear_cache)  # helpers.clear_caches() empties the text bitmaps too


def _warn_fallback(reason: str) -> None:
    """Say once per session that charts are drawn by stock Agg (slower, same pictures), and why."""
    global _warned
    if _warned:
        return
    _warned = True
    warnings.warn(
        f"helpers: the fast text renderer is off ({reason}); charts are drawn by matplotlib's stock Agg, "
        "which is slower but draws the same pictures. Install matplotlib>=3.10,<3.12 to restore it.",
        RuntimeWarning,
        stacklevel=3,
    )


def _disable(reason: str) -> None:
    """Fall back to stock Agg for good, log the exception being handled and warn once."""
    global CACHE_ENABLED
    CACHE_ENABLED = False
    _cache.clear()
    LOG.exception("fast text renderer disabled: %s", reason)
    _warn_fallback(reason)


class CachedTextRendererAgg(RendererAgg):
    """:class:`RendererAgg` whose ``draw_text`` reuses the bitmap of a string it has drawn before."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if RenderMode is None and not _warned and not SWITCHED_OFF:
            _warn_fallback("this matplotlib has no ft2font.RenderMode")
        if ismath or not CACHE_ENABLED or not s:
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)
        try:
            aa = bool(gc.get_antialiased())
            flags = get_hinting_flag()
            features = mtext.get_fontfeatures() if mtext is not None else None
            language = mtext.get_language() if mtext is not None else None
            key = (
                s,
                hash(prop),
                prop.get_size_in_points(),
                round(float(angle), 6),
                aa,
                flags,
                self.dpi,
                tuple(features) if features else None,
                language,
            )
            entry = _cache.get(key)
            if entry is None:
                entry = self._rasterise(s, prop, angle, aa, flags, features, language)
                _cache[key] = entry
                if len(_cache) > MAX_ENTRIES:
                    _cache.popitem(last=False)
            buf, left, top = entry
            if buf is None:
                return None
            ox = round(x)
            oy = round(self.height - y)  # FreeType's y is upwards
            self._renderer.draw_text_image(buf, ox + left, int(self.height) - (oy + top) + buf.shape[0], 0, gc)
            return None
        except Exception:  # an unexpected matplotlib: fall back to stock Agg for good
            _disable(f"drawing the text {s[:30]!r} failed")
            return super().draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    def _get_font_height_metrics(self, prop):
        """(ascent, descent, line gap) of a font in pixels, computed once per font and size.

        matplotlib asks the renderer for this before reading the font's tables on
        every text layout (dozens per draw); ``(None, None, None)`` lets it do so.
        """
        if not CACHE_ENABLED:
            return None, None, None
        key = ("metrics", hash(prop), prop.get_size_in_points(), self.dpi)
        hit = _cache.get(key)
        if hit is not None:
            return hit
        try:
            from matplotlib.font_manager import fontManager, get_font

            font = get_font(fontManager._find_fonts_by_props(prop))
            out = (None, None, None)
            for table_name, gap_key, asc_key, desc_key in (
                ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                ("hhea", "lineGap", "ascent", "descent"),
            ):
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * self.dpi / 72
                out = (table[asc_key] * scale, -table[desc_key] * scale, table[gap_key] * scale)
                break
        except Exception:  # matplotlib measures the font itself: slower, same result
            LOG.exception("font metrics for %s could not be read; matplotlib measures them instead", prop)
            out = (None, None, None)
        _cache[key] = out
        return out

    def _rasterise(self, s, prop, angle, aa, flags, features, language):
        """The string's glyphs composed into one 8-bit bitmap, with its offset from the text origin."""
        font = self._prepare_font(prop)
        items = font._layout(s, flags=flags, features=features, language=language)
        size = prop.get_size_in_points()
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
        mode = RenderMode.NORMAL if aa else RenderMode.MONO
        glyphs = []
        for item in items:
            f = item.ft_object
            f.set_size(size, self.dpi)
            dx, dy = item.x, item.y
            f._set_transform(matrix, [round(0x40 * (dx * cos - dy * sin)), round(0x40 * (dx * sin + dy * cos))])
            bitmap = f._render_glyph(item.glyph_index, flags, mode)
            buf = np.array(bitmap.buffer, dtype=np.uint8, copy=True)
            if buf.size == 0:
                continue
            if not aa:
                buf *= 0xFF
            glyphs.append((bitmap.left, bitmap.top, buf))
        if not glyphs:
            return (None, 0, 0)
        left = min(g[0] for g in glyphs)
        right = max(g[0] + g[2].shape[1] for g in glyphs)
        top = max(g[1] for g in glyphs)
        bottom = min(g[1] - g[2].shape[0] for g in glyphs)
        out = np.zeros((top - bottom, right - left), dtype=np.uint8)
        for gl, gt, b in glyphs:
            r0, c0 = top - gt, gl - left
            region = out[r0 : r0 + b.shape[0], c0 : c0 + b.shape[1]]
            np.maximum(region, b, out=region)
        return (out, left, top)


class FigureCanvasCachedAgg(FigureCanvasAgg):
    """:class:`FigureCanvasAgg` drawing with :class:`CachedTextRendererAgg` (stock Agg with ``NEP_FAST_TEXT=0``)."""

    def get_renderer(self):
        if SWITCHED_OFF:
            return super().get_renderer()
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = CachedTextRendererAgg(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer
