"""What a student can read at a given window size, measured in the page: clipped text, drop-downs narrower
than their value, text smaller than the course's minimum (HTML text and the text drawn in chart images).

One JavaScript pass over the course's outputs (``.jp-OutputArea-output``) returns every problem found, so
that a test can report them all at once. Chart images carry the size of their smallest text in image
pixels (``data-min-text-px``, written by the chart renderer from the figure's font sizes and dpi); the
size as shown is that times the image's displayed scale (``clientWidth / naturalWidth``).
"""

from __future__ import annotations

#: the smallest text size, in CSS pixels as displayed, the course allows (charts and HTML alike)
MIN_TEXT_PX = 11.0

MEASURE_JS = r"""
(minPx) => {
  const problems = [];
  const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook')
          || document.querySelector('.jp-Notebook') || document.body;
  const edge = nb.getBoundingClientRect().right;
  const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
  const canvas = document.createElement('canvas').getContext('2d');
  const where = (el) => {
    const view = el.closest('.nep-view');
    const cls = view ? [...view.classList].filter(c => c.startsWith('nep-') && c !== 'nep-view').join('.') : '';
    const t = (view || el).textContent.trim().replace(/\s+/g, ' ').slice(0, 60);
    return (cls ? cls + ' ' : '') + JSON.stringify(t);
  };
  const seen = new Set();
  const add = (kind, el, detail) => {
    const key = kind + '|' + detail;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({kind, where: where(el), detail});
  };
  const clips = (style) => ['hidden', 'clip', 'auto', 'scroll'].includes(style.overflowX);
  let checked = {texts: 0, selects: 0, charts: 0, smallest_chart_px: null, smallest_text_px: null};
  for (const out of outputs) {
    // 1. text: every non-blank text node that is rendered
    const walker = document.createTreeWalker(out, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim()) continue;
      const el = n.parentElement;
      if (!el || el.closest('details:not([open]) > :not(summary)') || el.closest('style,script,option')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
      if (!rects.length) continue;
      checked.texts++;
      const cs = getComputedStyle(el);
      const px = parseFloat(cs.fontSize);
      checked.smallest_text_px = checked.smallest_text_px === null ? px : Math.min(checked.smallest_text_px, px);
      const snippet = n.textContent.trim().replace(/\s+/g, ' ').slice(0, 50);
      if (px < minPx - 0.05) add('small text', el, `${px.toFixed(1)} px: "${snippet}"`);
      const right = Math.max(...rects.map(r => r.right));
      if (right > edge + 1) add('past the right edge', el, `${Math.round(right - edge)} px past: "${snippet}"`);
      for (let a = el; a && a !== out.parentElement; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.textOverflow === 'ellipsis' && a.scrollWidth > a.clientWidth + 1) {
          add('ellipsised', a, `"${snippet}"`);
          break;
        }
        if (clips(s) && a.scrollWidth > a.clientWidth + 1) {
          const box = a.getBoundingClientRect();
          if (right > box.right + 1) {
            add('cut off', a, `${Math.round(right - box.right)} px hidden: "${snippet}"`);
            break;
          }
        }
      }
    }
    // 2. drop-downs: the chosen value's text fits the box (minus the arrow and padding)
    for (const sel of out.querySelectorAll('select')) {
      if (sel.multiple || sel.size > 1 || !sel.offsetParent) continue;
      checked.selects++;
      const opt = sel.options[sel.selectedIndex];
      if (!opt) continue;
      const cs = getComputedStyle(sel);
      canvas.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const need = canvas.measureText(opt.text).width;
      // a native arrow takes about 16 px; a styled select (appearance: none) keeps room for its arrow in padding
      const arrow = cs.appearance === 'none' || cs.webkitAppearance === 'none' ? 0 : 16;
      const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - arrow;
      if (need > room + 0.5) {
        add('drop-down too narrow', sel, `"${opt.text}" needs ${Math.ceil(need)} px, has ${Math.floor(room)}`);
      }
    }
    // 2b. text boxes: the placeholder (what to type) fits the box
    for (const box of out.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      if (!box.offsetParent || !box.placeholder) continue;
      const cs = getComputedStyle(box);
      canvas.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const need = canvas.measureText(box.placeholder).width;
      const room = box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      if (box.tagName === 'INPUT' && need > room + 0.5) {
        add('placeholder cut off', box, `"${box.placeholder}" needs ${Math.ceil(need)} px, has ${Math.floor(room)}`);
      }
    }
    // 3. chart images: smallest text as displayed
    for (const img of out.querySelectorAll('img')) {
      if (!img.naturalWidth || !img.offsetParent) continue;
      const inChart = img.matches('.nep-chart-img, .nep-static img, img[data-min-text-px]');
      if (!inChart) continue;
      checked.charts++;
      const scale = img.clientWidth / img.naturalWidth;
      const own = parseFloat(img.dataset.minTextPx);
      if (!Number.isFinite(own)) { add('chart without text size', img, img.alt.slice(0, 60)); continue; }
      const shown = own * scale;
      const least = checked.smallest_chart_px;
      checked.smallest_chart_px = least === null ? shown : Math.min(least, shown);
      if (shown < minPx - 0.05) {
        const how = `${shown.toFixed(1)} px as shown (${own.toFixed(1)} px at scale ${scale.toFixed(2)})`;
        add('small chart text', img, `${how}: ${img.alt.slice(0, 60)}`);
      }
      const r = img.getBoundingClientRect();
      if (r.right > edge + 1) add('past the right edge', img, `chart ${Math.round(r.right - edge)} px past`);
    }
  }
  return {problems, checked};
}
"""


def measure(page, min_px: float = MIN_TEXT_PX) -> dict:
    """``{"problems": [{kind, where, detail}], "checked": {texts, selects, charts, smallest_*}}`` for the page."""
    return page.evaluate(MEASURE_JS, min_px)


def scroll_screenshots(page, path_stem: str, max_shots: int = 40) -> list[str]:
    """Screenshots of the whole notebook, one window-height at a time (JupyterLab scrolls inside its panel)."""
    paths = []
    scroller = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer"
    page.evaluate(f"() => {{ const s = document.querySelector('{scroller}'); if (s) s.scrollTop = 0; }}")
    for i in range(max_shots):
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        path = f"{path_stem}-{i:02d}.png"
        page.screenshot(path=path)
        paths.append(path)
        moved = page.evaluate(
            f"""() => {{
                const s = document.querySelector('{scroller}');
                if (!s) return false;
                const before = s.scrollTop;
                s.scrollTop = before + s.clientHeight - 40;
                return s.scrollTop > before;
            }}"""
        )
        if not moved:
            break
    return paths
