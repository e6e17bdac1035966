"""Explorers of the sources' texts: their loaded vocabulary and the evidence for when they were written."""

from __future__ import annotations

from helpers.charts import style
from helpers.data import sources
from helpers.data.numbers import format_number
from helpers.evidence import dating as dating_mod
from helpers.evidence import vocabulary as vocab_mod
from helpers.ui.controls import Invalid, dropdown, toggle_buttons
from helpers.ui.explorer import (
    ALL,
    GREY,
    LOADED,
    RED,
    SOURCE_COLOURS,
    SOURCE_HATCH,
    Explorer,
    mark,
)
from helpers.ui.html import escape

__all__ = ["VocabularyExplorer", "DatingExplorer"]

#: how far right (pixels) a "0" moves when the bar next to its own is zero too: a 6-point "0" and a gap
ZERO_SHIFT_PX = 9


# 3. vocabulary
# --------------------------------------------------------------------------------------


class VocabularyExplorer(Explorer):
    """Loaded vocabulary per source, counted or per 1,000 words, with the passages behind each count."""

    title = "The language of the sources"
    figsize = (7.2, 6.0)
    detail_only = frozenset({"source"})

    def __init__(
        self,
        measure: str = "per_1000_words",
        category: str = LOADED,
        concept: str | None = None,
        source: str = "su_ind",
    ):
        super().__init__()
        self._add(
            "measure",
            toggle_buttons(
                "Measure",
                [("per 1,000 words", "per_1000_words"), ("count", "count")],
                measure,
                ["Rate: the texts differ in length", "Raw number of occurrences"],
            ),
        )
        self._add(
            "category",
            dropdown(
                "Words",
                [("loaded vocabulary (first three categories)", LOADED), ("all categories", ALL)]
                + [(c, c) for c in vocab_mod.CATEGORIES],
                category,
            ),
        )
        concepts = vocab_mod.concepts()
        self._add(
            "concept",
            dropdown(
                "Passages for", concepts, concept or concepts[0], "Choose a term to read the sentences behind its count"
            ),
        )
        self._add("source", dropdown("in", list(sources.order()), source, "Which source's passages to show"))
        self.ax = self.figure.add_axes((0.36, 0.13, 0.60, 0.76))
        style.style_axes(self.ax, grid_axis="x")
        self._bars: dict[str, list] = {s: [] for s in sources.order()}
        self._zeros: dict[str, list] = {s: [] for s in sources.order()}
        self._bar_keys: dict[str, list] = {s: [] for s in sources.order()}
        from matplotlib.patches import Patch

        handles = [
            Patch(
                facecolor=SOURCE_COLOURS[s],
                hatch=SOURCE_HATCH[s],
                edgecolor="white",
                label=f"{s} ({vocab_mod.word_count(s):,} words)",
            )
            for s in sources.order()
        ]
        self.ax.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0.0, 1.0),
            ncol=3,
            fontsize=style.SMALL_SIZE,
            frameon=False,
            borderaxespad=0.2,
        )
        self._finish(side=False)

    def _validate(self, state, name):
        if name == "concept":
            ok = self._concepts(state["category"])
            if state["concept"] not in ok:
                raise Invalid(
                    f"{state['concept']!r} is not a term of {state['category']!r}; choose one of: "
                    + ", ".join(repr(c) for c in ok)
                    + "."
                )
            return
        super()._validate(state, name)

    def _concepts(self, cat: str) -> list[str]:
        if cat == LOADED:
            return [c for k in vocab_mod.CATEGORIES[:3] for c in vocab_mod.concepts(k)]
        return vocab_mod.concepts(None if cat == ALL else cat)

    def _update(self):
        m, cat = self._state["measure"], self._state["category"]
        concepts = self._concepts(cat)
        df = vocab_mod.counts()
        df = df[df["concept"].isin(concepts)]
        keep = self._state["concept"] if self._state["concept"] in concepts else concepts[0]
        self._set_options("concept", concepts, keep)
        n = len(concepts)
        h = 0.26
        shown: dict[tuple[str, str], float] = {}
        values = {(r.concept, r.source): float(getattr(r, m)) for r in df.itertuples(index=False)}
        top = max(values.values(), default=1) or 1
        shifted = self._shifted_zeros(concepts, values)
        # a shifted "0" stands right of its neighbour's: the width of a "0" and a gap, in data units
        shift = (
            top * 1.1 * ZERO_SHIFT_PX / (self.ax.get_position().width * self.figure.get_figwidth() * self.figure.dpi)
        )
        for j, s in enumerate(sources.order()):
            bars, zeros = self._bars[s], self._zeros[s]
            for i in range(max(n, len(bars))):
                if i >= len(bars):
                    self._bar_keys[s].append(None)
                    bars.append(
                        self.ax.barh(
                            0,
                            0,
                            height=h,
                            color=SOURCE_COLOURS[s],
                            hatch=SOURCE_HATCH[s],
                            edgecolor="white",
                            linewidth=0,
                        )[0]
                    )
                    zeros.append(self.ax.text(0, 0, "0", size=style.SMALL_SIZE, color=GREY, va="center", ha="left"))
                b, z = bars[i], zeros[i]
                if i >= n:
                    b.set_visible(False)
                    z.set_visible(False)
                    continue
                v = values[(concepts[i], s)]
                y = i + (j - 1) * h
                b.set_visible(True)
                b.set_y(y - h / 2)
                b.set_width(v)
                z.set_visible(v == 0)
                z.set_position((top * 0.005 + (shift if (concepts[i], s) in shifted else 0), y))
                self._bar_keys[s][i] = (concepts[i], s)
                shown[(concepts[i], s)] = v
        self.ax.set_yticks(range(n))
        self.ax.set_yticklabels([style.mpl_text(c) for c in concepts], size=style.SMALL_SIZE)
        for lab, c in zip(self.ax.get_yticklabels(), concepts):
            lab.set_fontweight("bold" if c == self._state["concept"] else "normal")
        self.ax.set_ylim(n - 0.5, -0.5)
        self.ax.set_xlim(0, top * 1.1)
        self.ax.set_xlabel("occurrences per 1,000 words" if m == "per_1000_words" else "occurrences")
        self._title("Loaded vocabulary in the three sources", style.source_line(list(sources.order())))
        tot = vocab_mod.totals()
        what = {LOADED: "loaded vocabulary", ALL: "all categories"}.get(cat, cat)
        high = sorted(shown.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        self._text = (
            f"Bar chart, {'occurrences per 1,000 words' if m == 'per_1000_words' else 'occurrences'} of "
            f"{n} terms ({what}) in su_rec, su_ind and ua_nep. "
            + " ".join(
                f"{s}: {int(tot.loc[s, 'loaded terms'])} loaded terms in {int(tot.loc[s, 'words']):,} words "
                f"({format_number(tot.loc[s, 'per 1,000 words'])} per 1,000)."
                for s in tot.index
            )
            + (
                " Highest in this view: "
                + "; ".join(f"{c} in {s} ({format_number(v)})" for (c, s), v in high if v > 0)
                + "."
                if high
                else ""
            )
        )
        self._detail()

    @staticmethod
    def _shifted_zeros(concepts: list[str], values: dict) -> set[tuple[str, str]]:
        """The zero bars whose "0" moves right: a bar's slot is lower than a "0", so two zero bars of one term
        next to each other would have their labels touch; every second one of such a run moves right."""
        shifted = set()
        for c in concepts:
            prev = None
            for s in sources.order():
                zero = values[(c, s)] == 0
                if zero and prev is not None and values[(c, prev)] == 0 and (c, prev) not in shifted:
                    shifted.add((c, s))
                prev = s
        return shifted

    def _read_plotted(self) -> dict:
        """``{(term, source): value}`` — the widths of the visible bars."""
        return {
            key: float(b.get_width())
            for s in self._bars
            for key, b in zip(self._bar_keys[s], self._bars[s])
            if b.get_visible()
        }

    def _detail(self):
        c, s = self._state["concept"], self._state["source"]
        p = vocab_mod.passages(c, s)
        term = next(t for t in vocab_mod.terms() if t.concept == c)
        lang = sources.languages()[s]
        pattern = term.en if lang == "en" else term.uk
        head = (
            f'<p style="margin:0.2em 0;font-size:max(0.92em,11px)"><strong>{escape(c)}</strong> in '
            f"<strong>{escape(s)}</strong>: "
            f"{len(p)} occurrence(s); pattern <code>{escape(pattern or '—')}</code>. {escape(term.gloss)}.</p>"
        )
        items = []
        lines = [f"{c} in {s}: {len(p)} occurrence(s)."]
        for r in p.itertuples(index=False):
            q = " (in quotation marks)" if r.quoted else ""
            tr = _translation(s, r.passage)
            items.append(
                f'<li style="margin-bottom:0.3em">{mark(r.passage, r.match)}{escape(q)}'
                + (f'<br><span style="color:#444">Course translation: {escape(tr)}</span>' if tr else "")
                + "</li>"
            )
            lines.append(f"  “{r.passage}”{q}" + (f" — translation: {tr}" if tr else ""))
        if not items:
            items.append("<li>None in this source.</li>")
        self.detail_html.value = (
            head
            + '<div tabindex="0" role="region" aria-label="Passages" style="max-height:260px;overflow:auto">'
            + '<ol style="font-size:max(0.92em,11px);margin:0.2em 0">'
            + "".join(items)
            + "</ol></div>"
        )
        self._detail_text = "\n".join(lines)


def _translation(source: str, passage: str) -> str:
    """The course's translation of a non-English passage, if an excerpt holds exactly that passage."""
    if sources.languages().get(source) == "en":
        return ""
    ex = sources.list_excerpts(source)
    hit = ex[ex["text"] == passage]
    return hit.iloc[0]["translation"] if len(hit) else ""


# --------------------------------------------------------------------------------------


# 4. dating
# --------------------------------------------------------------------------------------


class DatingExplorer(Explorer):
    """What each chapter cites and mentions, year by year, and the earliest possible date of writing."""

    title = "Dating the chapters"

    def __init__(self, chapter: str = "su_rec"):
        super().__init__()
        self._add(
            "chapter",
            toggle_buttons(
                "Chapter",
                [("recovery (su_rec)", "su_rec"), ("industrialization (su_ind)", "su_ind")],
                chapter,
                [
                    "Creating the material basis of socialism — Industry Recovery",
                    "The period of struggle for industrialization",
                ],
            ),
        )
        self.ax = self.figure.add_axes((0.08, 0.22, 0.88, 0.66))
        style.style_axes(self.ax, grid_axis="y")
        self._cites = self.ax.plot([], [], ls="none", marker="v", ms=9, color=style.colour(1))[0]
        self._known = self.ax.plot([], [], ls="none", marker="D", ms=8, color=style.colour(3))[0]
        self._line = self.ax.axvline(1938, color=RED, lw=1.5)
        self._line_label = self.ax.text(1938, 1, "", color=RED, size=style.FONT_SIZE, ha="right", va="top")
        self._bar_artists = []
        self._latest = self.ax.text(0, 0, "", size=style.SMALL_SIZE, ha="center", va="bottom", color=style.colour(0))
        self._note = self.figure.text(0.012, 0.06, "", size=style.SMALL_SIZE, color="#444444", va="bottom")
        self._finish(side=False)

    def _update(self):
        src = self._state["chapter"]
        yrs = dating_mod.years_in_text(src)
        cit = dating_mod.citations(src)
        cit = cit[(cit["kind"] == "citation") & cit["lower_bound"].notna()]
        d = dating_mod.earliest_date(src)
        for a in self._bar_artists:
            a.remove()
        self._bar_artists = list(
            self.ax.bar(
                yrs.index, yrs.values, color=style.colour(0), width=0.8, label="years named in the running text"
            )
        )
        top = max(yrs.max() if len(yrs) else 1, 1) * 1.25
        last = int(yrs.index.max()) if len(yrs) else None
        self._latest.set_text(f"{last}" if last else "")
        self._latest.set_position((last or 0, (int(yrs.loc[last]) if last else 0) + top * 0.01))
        printed = cit[cit["known_year"].isna()]
        known = cit[cit["known_year"].notna()]
        self._cites.set_data(printed["lower_bound"].astype(float), [top * 0.92] * len(printed))
        self._known.set_data(known["lower_bound"].astype(float), [top * 0.92] * len(known))
        self._cites.set_label("cited work: year printed in the citation")
        self._known.set_label("cited work: known edition date")
        self._line.set_xdata([d["year"], d["year"]])
        self._line_label.set_position((d["year"] - 0.3, top * 0.8))
        self._line_label.set_text(f"written in {d['year']}\nor later")
        self.ax.set_xlim(1911.5, 1941.5)
        self.ax.set_ylim(0, top)
        self.ax.set_xlabel("year")
        self.ax.set_ylabel("mentions in the running text")
        self.ax.legend(loc="upper left", fontsize=style.SMALL_SIZE, frameon=False)
        self._title(f"What {src} cites and mentions, by year", style.source_line([src]))
        ev = d["evidence"][0]
        self._note.set_text(style.mpl_text(style.wrap(f"Decisive evidence: {ev[1]} — {ev[2]}", 125)))
        latest_text = int(yrs.index.max())
        self._text = (
            f"Chart of the years {src} names in its running text ({int(yrs.index.min())}–{latest_text}, most often "
            f"{int(yrs.idxmax())}) and of the years of the works it cites (latest {int(cit['lower_bound'].max())}). "
            f"The chapter was written in {d['year']} or later: {ev[1]}."
        )
        rows = "".join(f"<li>{escape(y)}: {escape(w)} — <q>{escape(p)}</q></li>" for y, w, p in d["evidence"][:6])
        self.detail_html.value = (
            '<p style="margin:0.2em 0;font-size:max(0.92em,11px)"><strong>Evidence, latest first:</strong></p>'
            f'<ul style="font-size:max(0.9em,11px)">{rows}</ul>'
        )
        self._detail_text = "\n".join(f"{y}: {w} — {p}" for y, w, p in d["evidence"][:6])

    def _read_plotted(self) -> dict:
        """Mentions per year (the bars), the years of the cited works (the markers), the earliest date (the line)."""
        cited = [*self._cites.get_xdata(), *self._known.get_xdata()]
        return {
            "mentions": {
                int(round(b.get_x() + b.get_width() / 2)): int(round(b.get_height())) for b in self._bar_artists
            },
            "cited": sorted(int(y) for y in cited),
            "earliest": int(self._line.get_xdata()[0]),
        }


# --------------------------------------------------------------------------------------
