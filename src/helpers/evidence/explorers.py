"""Explorers for weighing the evidence: disagreements, claims, vocabulary and dating.

Each explorer is a view (:class:`helpers._ui.view.View`, like the chart panels) over one of
the analysis modules (:mod:`helpers.disagreements`, :mod:`helpers.claims`,
:mod:`helpers.vocabulary`, :mod:`helpers.dating`): controls, **one figure updated in place**
(matplotlib, Agg, house style from :mod:`helpers.style`), shown as a data-URI PNG, the passages
behind what is shown, and a text alternative. Its box carries ``nep-view nep-explorer``. Every
explorer has a plain-Python interface, usable and tested without a browser:

* ``view.state`` — the value of every control;
* ``view.set(name=value, …)`` — change controls and redraw once; a bad value leaves
  the view as it was, sets ``view.message`` and returns ``False`` (nothing is raised);
* ``view.text`` — the text alternative of the chart; ``view.detail_text`` — the
  passages and arithmetic beside it, as plain text; ``view.plotted`` — the numbers
  the chart's artists show, read back from them;
* ``view.options(name)`` — the values a control accepts (for sweeping them in tests);
* ``view.widget`` — the ipywidgets box. Without a kernel the view shows a static
  picture and its text alternative.

Every text that goes into an HTML widget is escaped with :func:`helpers._ui.html.escape`.
"""

from __future__ import annotations

import math
import textwrap

import ipywidgets as W
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from traitlets import TraitError

from helpers._ui import html as H
from helpers._ui.controls import Control, Invalid, dropdown, toggle_buttons
from helpers._ui.view import ImageView, flex_row
from helpers.charts import style
from helpers.charts.draw import encode_png
from helpers.charts.render import FigureCanvasCachedAgg
from helpers.data import sources
from helpers.errors import CourseError
from helpers.evidence import claims as claims_mod
from helpers.evidence import dating as dating_mod
from helpers.evidence import disagreements as dis_mod
from helpers.evidence import vocabulary as vocab_mod

__all__ = [
    "Explorer",
    "DisagreementExplorer",
    "ClaimExplorer",
    "VocabularyExplorer",
    "DatingExplorer",
    "disagreement_explorer",
    "claim_explorer",
    "vocabulary_explorer",
    "dating_explorer",
    "VERDICTS",
    "esc",
    "mark",
]

GREEN, RED, GREY = style.OKABE_ITO["bluish_green"], style.OKABE_ITO["vermillion"], style.GREY
SOURCE_COLOURS = {"su_rec": style.colour(0), "su_ind": style.colour(1), "ua_nep": style.colour(2)}
SOURCE_HATCH = {"su_rec": "", "su_ind": "//", "ua_nep": ".."}

#: the student's classification of a disagreement (not graded: compared with the candidates)
VERDICTS = (
    "— choose —",
    "different coverage (scope)",
    "economic vs calendar year",
    "rounding",
    "consistent after all (a qualifier such as 'less than')",
    "misprint or error",
    "another statistical source or a revision",
    "cannot tell from the rows",
)
_VERDICT_MATCH = {
    "different coverage (scope)": ("different scope", "scope stated in one passage only"),
    "economic vs calendar year": ("economic vs calendar year",),
    "rounding": ("rounding",),
    "consistent after all (a qualifier such as 'less than')": ("qualifier",),
    "misprint or error": ("unexplained",),
    "another statistical source or a revision": ("different source chapter", "unexplained"),
    "cannot tell from the rows": (),
}


esc = H.escape


def mark(passage: str, words: str) -> str:
    """The passage, escaped, with the first occurrence of ``words`` wrapped in ``<mark>``."""
    p = esc(passage)
    w = esc(words)
    if w and w in p:
        return p.replace(w, f"<mark>{w}</mark>", 1)
    return p


# --------------------------------------------------------------------------------------
# the base: one figure, controls, detail pane, text alternative
# --------------------------------------------------------------------------------------


class Explorer(ImageView):
    """Controls, one figure updated in place, a detail pane and a text alternative.

    A :class:`helpers._ui.view.View`; subclasses add controls with ``self._add(name, widget)``
    (:func:`_dropdown`, :func:`_toggle`), implement ``_update()`` (options, artists, ``self._text``,
    ``self._detail_text``), may implement ``_detail()`` (for the controls in :attr:`detail_only`),
    ``_validate(state, name)`` (checks that depend on other controls) and ``_read_plotted()``
    (the numbers their artists show).
    """

    kind = "explorer"
    figsize = style.FIGSIZE
    title = ""
    #: controls that change only the detail pane, not the chart (no redraw needed)
    detail_only: frozenset = frozenset()

    def __init__(self):
        self.image_width = int(self.figsize[0] * style.DPI)
        super().__init__()
        self.figure = Figure(figsize=self.figsize, dpi=style.DPI, facecolor="white")
        self.canvas = FigureCanvasCachedAgg(self.figure)
        self._detail_text = ""
        self._plotted: dict = {}
        self.detail_html = W.HTML(layout=W.Layout(max_width="1060px"))
        self.detail_html.add_class("nep-detail")

    # ---- assembly ----------------------------------------------------------------------
    def _add(self, name: str, widget) -> Control:
        """Add a control: an ipywidgets drop-down or toggle buttons (or a :class:`Control`) under ``name``."""
        control = widget if isinstance(widget, Control) else Control.from_widget(name, widget)
        return super()._add(control)

    def _finish(self, side: bool = False) -> None:
        for c in self.controls.values():
            c.widget.layout.margin = "0.15em 1.2em 0.15em 0"
        box = flex_row([c.widget for c in self.controls.values()], align="center")
        body = flex_row([self.image, self.detail_html]) if side else W.VBox([self.image, self.detail_html])
        self._assemble([box, body, self.message_html, self.text_html])
        self._refresh_guarded()

    # ---- interface -----------------------------------------------------------------------
    @property
    def detail_text(self) -> str:
        """The passages and arithmetic beside the chart, as plain text."""
        return self._detail_text

    @property
    def plotted(self) -> dict:
        """The numbers the chart's artists show, read back from them."""
        return self._read_plotted()

    def _read_plotted(self) -> dict:
        return dict(self._plotted)

    def static_png(self) -> bytes:
        """A compact PNG: colours mapped to the house palette of :mod:`helpers.charts` (no dithering)."""
        from helpers.charts.draw import palette_png

        self.canvas.draw()
        return palette_png(self.canvas)

    # ---- internals ------------------------------------------------------------------------
    def _check_changes(self, changes: dict) -> dict:
        for name in changes:
            self._control(name)
        new = {**self._state, **changes}
        for name in changes:
            self._validate(new, name)
        return dict(changes)

    def _validate(self, state: dict, name: str) -> None:
        """Check ``state[name]`` (subclasses: against the other controls too); raise :class:`Invalid`."""
        c = self.controls[name]
        allowed = c.values
        if state[name] not in allowed:
            shown = ", ".join(repr(a) for a in allowed[:15]) + (" …" if len(allowed) > 15 else "")
            raise Invalid(f"{state[name]!r} is not a choice for '{c.description}'; choose one of: {shown}.")

    def _sync_widgets(self, values: dict) -> None:
        self._syncing = True
        try:
            for name, value in values.items():
                try:
                    self.controls[name].put(value)
                except TraitError:  # options that depend on other controls: _update sets them and the value
                    pass
        finally:
            self._syncing = False

    def _render(self) -> bytes:
        self.canvas.draw()
        return encode_png(np.asarray(self.canvas.buffer_rgba()))

    def _refresh(self, changed: set[str] | None = None) -> None:
        if changed and changed <= self.detail_only and self.renders:
            self._detail()
            return
        self._update()  # subclasses: update state-dependent options, artists, texts
        self._show_png(self._render())
        self._show_text(self._text)
        self._show_messages(self._messages)

    def _update(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _detail(self) -> None:  # pragma: no cover - subclasses with detail-only controls
        raise NotImplementedError

    def _set_options(self, name: str, options: list, value) -> None:
        """New options for a drop-down (keeping ``value``), without triggering a redraw."""
        self._syncing = True
        try:
            self.controls[name].set_options(options, value)
        finally:
            self._syncing = False
        self._state[name] = value

    def _base_axes(self, rect=(0.30, 0.16, 0.66, 0.74)):
        ax = self.figure.add_axes(rect)
        style.style_axes(ax, grid_axis="x")
        return ax

    def _title(self, title: str, source_line: str = "") -> None:
        if not hasattr(self, "_title_text"):
            self._title_text = self.figure.text(0.012, 0.985, "", size=style.TITLE_SIZE, weight="bold", va="top")
            self._source_text = self.figure.text(0.012, 0.012, "", size=style.SMALL_SIZE, color="#444444", va="bottom")
        self._title_text.set_text(style.mpl_text(title))
        self._source_text.set_text(style.mpl_text(style.wrap(source_line, 125)))


def _dropdown(description: str, options, value, tooltip: str = "", width: str = "auto") -> W.Dropdown:
    return dropdown(description, options, value, tooltip, width)


def _toggle(description: str, options, value, tooltips=()) -> W.ToggleButtons:
    return toggle_buttons(description, options, value, tooltips)


def _fmt(v: float, unit: str = "") -> str:
    return style.format_value(round(float(v), 6), unit)


# --------------------------------------------------------------------------------------
# 1. disagreements
# --------------------------------------------------------------------------------------

ALL = "all"
LOADED = "loaded"


class DisagreementExplorer(Explorer):
    """Every candidate disagreement: both values on one scale, both passages side by side."""

    title = "Where the sources disagree with themselves"
    detail_only = frozenset({"verdict"})

    def __init__(self, show: str = ALL, pair: int = 0, verdict: str = VERDICTS[0], series: str | None = None):
        super().__init__()
        self.table = dis_mod.find()
        if series is not None:  # open on the first pair of this series
            rows = self._rows(show)
            hits = rows.index[rows["series"] == series]
            if not len(hits):
                raise CourseError(
                    f"No pair of series {series!r} under {show!r}; series: {', '.join(dict.fromkeys(rows['series']))}."
                )
            pair = int(hits[0])
        counts = {e: int(self.table["explanations"].map(lambda x, e=e: e in x).sum()) for e in dis_mod.EXPLANATIONS}
        show_opts = [(f"all pairs ({len(self.table)})", ALL)] + [
            (f"{e} ({counts[e]})", e) for e in dis_mod.EXPLANATIONS if counts[e]
        ]
        self._add("show", _dropdown("Show", show_opts, show, "Which candidate disagreements to list"))
        self._add("pair", _dropdown("Pair", [("—", 0)], 0, "Choose a pair of passages that disagree", width="640px"))
        self._add(
            "verdict",
            _dropdown(
                "Your verdict", list(VERDICTS), verdict, "What do you think explains the difference? (not graded)"
            ),
        )
        n = len(self._rows(show))
        if not 0 <= int(pair) < max(n, 1):
            raise CourseError(f"pair {pair} does not exist; {show!r} lists {n} pairs (0 to {n - 1}).")
        self._state["pair"] = int(pair)
        self.ax = self._base_axes((0.25, 0.30, 0.70, 0.55))
        self._bars = self.ax.barh(
            [0, 1], [0, 0], height=0.55, color=[SOURCE_COLOURS["su_rec"], SOURCE_COLOURS["su_ind"]]
        )
        self._err = [self.ax.plot([], [], color="black", lw=1.4, solid_capstyle="butt")[0] for _ in range(2)]
        self._caps = [self.ax.plot([], [], "|", color="black", ms=9)[0] for _ in range(2)]
        self._labels = [self.ax.text(0, i, "", va="center", ha="left", size=style.FONT_SIZE) for i in range(2)]
        self._note = self.figure.text(0.012, 0.085, "", size=style.SMALL_SIZE, color="#444444", va="bottom")
        self._finish()

    def _validate(self, state, name):
        if name == "pair":
            n = len(self._rows(state["show"]))
            if (
                isinstance(state["pair"], bool)
                or not isinstance(state["pair"], (int, np.integer))
                or not 0 <= state["pair"] < max(n, 1)
            ):
                raise Invalid(
                    f"'Pair' is a number from 0 to {n - 1} (the pairs listed for {state['show']!r}); "
                    f"got {state['pair']!r}."
                )
            return
        super()._validate(state, name)

    def set(self, **changes) -> bool:
        if "show" in changes and "pair" not in changes:
            changes["pair"] = 0
        return super().set(**changes)

    def _on_widget(self, name):
        if name == "show" and not self._syncing:
            self._state["pair"] = 0
        super()._on_widget(name)

    def _rows(self, show) -> pd.DataFrame:
        t = self.table
        if show != ALL:
            t = t[t["explanations"].map(lambda x: show in x)]
        return t.reset_index(drop=True)

    @property
    def current(self) -> dict | None:
        rows = self._rows(self._state["show"])
        if rows.empty:
            return None
        return rows.iloc[min(int(self._state["pair"]), len(rows) - 1)].to_dict()

    def _update(self):
        rows = self._rows(self._state["show"])
        labels = dis_mod.labels(rows)
        self._set_options(
            "pair",
            [(lab, i) for i, lab in enumerate(labels)] or [("—", 0)],
            min(int(self._state["pair"]), max(len(rows) - 1, 0)),
        )
        r = self.current
        self.message = ""
        if r is None:
            self._bar_keys = []
            for bar, label in zip(self._bars, self._labels):
                bar.set_width(0)
                label.set_text("")
            self._text = "No pair with this explanation."
            self._detail_text = ""
            self.detail_html.value = ""
            return
        self._draw(r)
        self._detail(r)

    def _draw(self, r: dict) -> None:
        unit = r["common_unit"]
        vals = [r["common_a"], r["common_b"]]
        sides = ["a", "b"]
        factors = [
            r["common_a"] / r["value_a"] if r["value_a"] else 1.0,
            r["common_b"] / r["value_b"] if r["value_b"] else 1.0,
        ]
        lo_all, hi_all = [], []
        self._bar_keys = [f"{r[f'id_{s}']} ({r[f'source_{s}']})" for s in sides]
        for i, s in enumerate(sides):
            bar = self._bars[i]
            src = r[f"source_{s}"]
            bar.set_width(vals[i])
            bar.set_facecolor(SOURCE_COLOURS.get(src, GREY))
            bar.set_hatch(SOURCE_HATCH.get(src, ""))
            bar.set_edgecolor("white")
            lo, hi = dis_mod.interval(r[f"value_{s}"], r[f"written_{s}"], r[f"precision_{s}"])
            lo, hi = lo * factors[i], hi * factors[i]
            hi_shown = hi if math.isfinite(hi) else vals[i] * 1.15
            lo_shown = lo if math.isfinite(lo) else 0
            self._err[i].set_data([lo_shown, hi_shown], [i, i])
            self._caps[i].set_data([lo_shown, hi_shown], [i, i])
            lo_all.append(lo_shown)
            hi_all.append(hi_shown)
            self._labels[i].set_text(style.mpl_text(f"{_fmt(vals[i], unit)}\nwritten “{r[f'written_{s}']}”"))
        top = max(hi_all + vals) * 1.6 or 1.0
        for i in range(2):
            self._labels[i].set_x(max(hi_all[i], vals[i]) + top * 0.015)
        self.ax.set_xlim(0, top)
        self.ax.set_ylim(1.6, -0.6)
        self.ax.set_yticks([0, 1])
        self.ax.set_yticklabels(
            [
                style.mpl_text(style.wrap(f"{r['id_a']} ({r['source_a']})", 22)),
                style.mpl_text(style.wrap(f"{r['id_b']} ({r['source_b']})", 22)),
            ]
        )
        self.ax.set_xlabel(style.mpl_text(style.axis_label(unit, r["price_basis_a"] or r["price_basis_b"])))
        title = f"{r['series'].replace('_', ' ')}, {r['period']}: two passages, two numbers"
        self._title(title, style.source_line([r["source_a"], r["source_b"]]))
        self._note.set_text(
            style.mpl_text(
                style.wrap(
                    "Black line: the values each number stands for (± half a unit of its last digit, or the band of "
                    "'about', 'almost', 'less than').  Candidate explanations: " + ", ".join(r["explanations"]) + ".",
                    125,
                )
            )
        )
        pct = (
            ""
            if pd.isna(r["difference_pct"])
            else f", {style.format_number(round(r['difference_pct'], 1))}% of the smaller"
        )
        self._text = (
            f"Bar chart of two statements of {r['series'].replace('_', ' ')} for {r['period']}: "
            f"{r['id_a']} ({r['source_a']}) states {_fmt(r['common_a'], unit)}, {r['id_b']} ({r['source_b']}) "
            f"states {_fmt(r['common_b'], unit)}; the difference is {_fmt(r['difference'], unit)}{pct}. "
            f"Candidate explanations: {', '.join(r['explanations'])}."
        )

    def _read_plotted(self) -> dict:
        """``{row id (source): value}`` — the widths of the two bars."""
        return {k: float(b.get_width()) for k, b in zip(getattr(self, "_bar_keys", []), self._bars)}

    def _detail(self, r: dict | None = None) -> None:
        r = r or self.current
        if r is None:
            return
        cols = []
        for s in ("a", "b"):
            title = sources.source_info(r[f"source_{s}"])["title"]
            facts = [
                f"row {r[f'id_{s}']}",
                f"as written: “{r[f'written_{s}']}” {r[f'unit_{s}']}",
                f"scope: {r[f'scope_{s}'] or 'not stated'}",
            ]
            if r[f"price_basis_{s}"]:
                facts.append(f"price basis: {r[f'price_basis_{s}']}")
            if r[f"repeats_{s}"]:
                facts.append("repeated in " + ", ".join(r[f"repeats_{s}"]))
            cols.append(
                f'<div style="flex:1 1 320px;min-width:280px;margin-right:1em">'
                f'<p style="margin:0 0 0.2em 0"><strong>{esc(r[f"source_{s}"])}</strong> — {esc(title)}</p>'
                f'<blockquote style="margin:0.2em 0;padding-left:0.6em;border-left:3px solid '
                f'{SOURCE_COLOURS.get(r[f"source_{s}"], GREY)}">{mark(r[f"quote_{s}"], r[f"written_{s}"])}</blockquote>'
                f'<p style="margin:0;color:#333;font-size:0.9em">{esc("; ".join(facts))}</p></div>'
            )
        items = "".join(f"<li>{esc(d)}</li>" for d in r["details"])
        verdict = self._state["verdict"]
        fb = verdict_feedback(verdict, r["explanations"])
        self.detail_html.value = (
            f'<div style="display:flex;flex-flow:row wrap;font-size:0.92em">{"".join(cols)}</div>'
            f'<p style="margin:0.4em 0 0.1em 0"><strong>Candidate explanations</strong> (derived from the two rows; '
            f'weigh them yourself):</p><ul style="margin:0.1em 0">{items}</ul>'
            + (f'<p style="margin:0.3em 0"><strong>Your verdict:</strong> {esc(fb)}</p>' if fb else "")
        )
        self._detail_text = dis_mod.describe(r) + (f"\nYour verdict: {fb}" if fb else "")


def verdict_feedback(verdict: str, explanations) -> str:
    """What the explorer says to a student's verdict: agreement with the candidates, or what else to weigh."""
    if verdict == VERDICTS[0]:
        return ""
    if verdict not in _VERDICT_MATCH:
        raise ValueError(f"Unknown verdict {verdict!r}; choose one of {VERDICTS}.")
    want = _VERDICT_MATCH[verdict]
    found = [e for e in explanations if e in want]
    if verdict == "cannot tell from the rows":
        return (
            "Often the honest answer. The rows do offer: "
            + ", ".join(explanations)
            + ". Which of them could you test with another source?"
        )
    if found:
        return (
            f"The rows support it: candidate explanation(s) {', '.join(found)}. "
            f"Other candidates to weigh: {', '.join(e for e in explanations if e not in found) or 'none'}."
        )
    return (
        f"Nothing in the two rows points to that ({verdict}); the candidates are: {', '.join(explanations)}. "
        "You may still be right — say what evidence outside the rows would show it."
    )


# --------------------------------------------------------------------------------------
# 2. claims
# --------------------------------------------------------------------------------------


def _ratio_equivalent(kind: str, v: float) -> float:
    """A claim or a recomputed value as the ratio of the two levels it speaks about."""
    if kind == "change_pct":
        return 1 + v / 100
    if kind in ("percent_of_base", "share"):
        return v / 100
    return v


def deviation(row: dict) -> tuple[float, float, float, float, float]:
    """How far a claim is from its own numbers, in % of the recomputed ratio.

    Returns ``(stated, band_low, band_high, recomputed_low, recomputed_high)``, each as
    ``100 × (ratio / recomputed ratio − 1)``; 0 is exactly what the levels give. An open
    band ("over", "under") has an infinite end.
    """
    k = row["kind"]
    rec = _ratio_equivalent(k, row["recomputed"])

    def d(v):
        if not math.isfinite(v):
            return v
        return 100 * (_ratio_equivalent(k, v) / rec - 1)

    return d(row["claim"]), d(row["band_low"]), d(row["band_high"]), d(row["low"]), d(row["high"])


class ClaimExplorer(Explorer):
    """Stated growth rates, multiples and shares against what the source's own levels give."""

    title = "Claims against their own numbers"
    figsize = (7.2, 6.4)
    LIMIT = 35.0  # % shown either side of 0

    def __init__(self, source: str = ALL, kind: str = ALL, levels_from: str = "same", claim: str | None = None):
        super().__init__()
        self._add(
            "source",
            _toggle(
                "Source",
                [("both chapters", ALL), ("su_rec", "su_rec"), ("su_ind", "su_ind")],
                source,
                ["All claims", "The recovery chapter", "The industrialization chapter"],
            ),
        )
        self._add(
            "kind", _dropdown("Kind of claim", [("all kinds", ALL)] + [(k, k) for k in claims_mod.CLAIM_KINDS], kind)
        )
        self._add(
            "levels_from",
            _toggle(
                "Levels from",
                [("the same chapter", "same"), ("either chapter", "any")],
                levels_from,
                ["Only the levels the claim's own chapter states", "Also the other chapter's levels"],
            ),
        )
        self._add(
            "claim",
            _dropdown("Claim", [("—", "")], "", "Choose a claim to read its passage and arithmetic", width="520px"),
        )
        self._want_claim = claim
        self.ax = self.figure.add_axes((0.37, 0.20, 0.59, 0.72))
        style.style_axes(self.ax, grid_axis="x")
        self.ax.axvline(0, color=GREY, lw=0.8, ls=":")
        self._band_lines, self._rec_lines, self._points = [], [], []
        self._note = self.figure.text(0.012, 0.058, "", size=style.SMALL_SIZE, color="#444444", va="bottom")
        self._finish(side=False)

    def _validate(self, state, name):
        if name == "claim":
            ok = [""] + list(self._checkable(state)["id"])
            if state["claim"] not in ok:
                raise Invalid(
                    f"{state['claim']!r} is not a checkable claim in this view; choose one of: "
                    + ", ".join(ok[1:16])
                    + (" …" if len(ok) > 16 else "")
                    + "."
                )
            return
        super()._validate(state, name)

    def _checkable(self, state=None) -> pd.DataFrame:
        state = state or self._state
        df = claims_mod.check(levels_from=state["levels_from"])
        if state["source"] != ALL:
            df = df[df["source"] == state["source"]]
        if state["kind"] != ALL:
            df = df[df["kind"] == state["kind"]]
        return df[df["status"] != "cannot be checked"].reset_index(drop=True)

    def _slot(self, lst, i, maker):
        while len(lst) <= i:
            lst.append(maker())
        return lst[i]

    def _update(self):
        df = self._checkable()
        options = [("—", "")] + [
            (f"{r.id}: {r.series.replace('_', ' ')}, {r.period} — “{r.written}” ({r.status})", r.id)
            for r in df.itertuples(index=False)
        ]
        want = self._want_claim if self._want_claim is not None else self._state["claim"]
        self._want_claim = None
        if want not in [v for _, v in options]:
            want = ""
        self._set_options("claim", options, want)
        self.message = (
            "" if len(df) else "No checkable claim for this choice: every claim of this kind lacks its levels."
        )
        n = len(df)
        records = df.to_dict("records")
        L = self.LIMIT
        self._point_ids = [r["id"] for r in records]
        for i in range(max(n, len(self._points))):
            band = self._slot(
                self._band_lines,
                i,
                lambda: self.ax.plot([], [], color=style.LIGHT_GREY, lw=6, solid_capstyle="butt")[0],
            )
            rec = self._slot(
                self._rec_lines, i, lambda: self.ax.plot([], [], color="black", lw=2.2, solid_capstyle="butt")[0]
            )
            pt = self._slot(self._points, i, lambda: self.ax.plot([], [], ls="none", ms=7)[0])
            if i >= n:
                for a in (band, rec, pt):
                    a.set_data([], [])
                continue
            r = records[i]
            stated, blo, bhi, rlo, rhi = deviation(r)
            y = i
            band.set_data([max(blo, -L * 1.2), min(bhi, L * 1.2)], [y, y])
            rec.set_data([max(rlo, -L), min(rhi, L)], [y, y])
            holds = r["status"].startswith("holds")  # "holds" or "holds under a reading"
            pt.set_data([max(min(stated, L), -L)], [y])
            pt.set_marker("o" if holds else "X")
            pt.set_color(GREEN if holds else RED)
            pt.set_markeredgecolor("black" if r["id"] == self._state["claim"] else (GREEN if holds else RED))
            pt.set_markeredgewidth(1.6 if r["id"] == self._state["claim"] else 0.5)
        self.ax.set_xlim(-L, L)
        self.ax.set_ylim(max(n, 1) - 0.4, -0.6)
        self.ax.set_yticks(range(n))
        self.ax.set_yticklabels(
            [
                style.mpl_text(
                    textwrap.shorten(f"{r.id} {r.series.replace('_', ' ')}", 30, placeholder="…") + f", {r.period}"
                )
                for r in df.itertuples(index=False)
            ],
            size=style.SMALL_SIZE,
        )
        for lab, r in zip(self.ax.get_yticklabels(), df.itertuples(index=False)):
            lab.set_fontweight("bold" if r.id == self._state["claim"] else "normal")
        self.ax.set_xlabel("claim against what its own levels give: % above (+) or below (−)")
        src = [s for s in ("su_rec", "su_ind") if self._state["source"] in (ALL, s)]
        self._title("Do the claims follow from the chapter's own numbers?", style.source_line(src))
        self._note.set_text(
            style.mpl_text(
                style.wrap(
                    "Green dot: the claim holds; vermillion cross: it does not. Grey band: what the claim's words "
                    "cover (its rounding, or 'about', 'almost', 'over'); black bar: what the levels give within "
                    "their own rounding (around 0). "
                    f"A claim holds where the two overlap. Points beyond ±{L:g}% are drawn at the edge.",
                    128,
                )
            )
        )
        held = int(df["status"].str.startswith("holds").sum())
        under = int((df["status"] == "holds under a reading").sum())
        worst = sorted(
            (r for r in records if not r["status"].startswith("holds")), key=lambda r: -abs(deviation(r)[0])
        )[:3]
        far = "; ".join(
            f"{r['id']} “{r['written']}” ({style.format_number(round(deviation(r)[0], 1))}%)" for r in worst
        )
        self._text = (
            f"Dot chart of {n} checkable claims ({self._describe_filter()}): {held} hold "
            f"({under} of them under a named reading) and {n - held} do not. "
            + (f"Furthest off: {far}. " if far else "")
            + "Each claim is placed by how far it is, in per cent, from the ratio the chapter's own levels give."
        )
        self._detail()

    def _read_plotted(self) -> dict:
        """``{claim id: % off its own levels}`` — where each point is drawn (clipped at the chart's edge)."""
        return {cid: float(pt.get_xdata()[0]) for cid, pt in zip(self._point_ids, self._points)}

    def _describe_filter(self) -> str:
        s = self._state
        parts = [
            "both chapters" if s["source"] == ALL else s["source"],
            "all kinds" if s["kind"] == ALL else s["kind"],
            "levels from the same chapter" if s["levels_from"] == "same" else "levels from either chapter",
        ]
        return ", ".join(parts)

    def _detail(self):
        cid = self._state["claim"]
        if not cid:
            self.detail_html.value = (
                '<p style="font-size:0.9em;color:#444">Choose a claim in <em>Claim</em> to read its '
                "passage, the arithmetic and the verdict.</p>"
            )
            self._detail_text = ""
            return
        r = claims_mod.claim(cid, levels_from=self._state["levels_from"])
        colour = GREEN if r["status"].startswith("holds") else RED
        self.detail_html.value = (
            f'<div style="font-size:0.92em;max-width:1000px"><p style="margin:0.2em 0"><strong>{esc(r["id"])}</strong> '
            f"({esc(r['source'])}), {esc(r['series'])}, {esc(r['period'])}"
            + (f" against {esc(r['base_period'])}" if r["base_period"] else "")
            + "</p>"
            f'<blockquote style="margin:0.2em 0;padding-left:0.6em;border-left:3px solid {colour}">'
            f"{mark(r['quote'], r['written'])}</blockquote>"
            f'<p style="margin:0.2em 0"><strong>Rule:</strong> {esc(r["rule"])}.<br><strong>Recomputed:</strong> '
            f"{esc(r['arithmetic'])}<br><strong>Verdict:</strong> "
            f'<span style="color:{colour}">{esc(r["status"])}</span>. '
            f"{esc(r['reason'])}</p></div>"
        )
        self._detail_text = claims_mod.describe(r)


# --------------------------------------------------------------------------------------
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
            _toggle(
                "Measure",
                [("per 1,000 words", "per_1000_words"), ("count", "count")],
                measure,
                ["Rate: the texts differ in length", "Raw number of occurrences"],
            ),
        )
        self._add(
            "category",
            _dropdown(
                "Words",
                [("loaded vocabulary (first three categories)", LOADED), ("all categories", ALL)]
                + [(c, c) for c in vocab_mod.CATEGORIES],
                category,
            ),
        )
        concepts = vocab_mod.concepts()
        self._add(
            "concept",
            _dropdown(
                "Passages for", concepts, concept or concepts[0], "Choose a term to read the sentences behind its count"
            ),
        )
        self._add("source", _dropdown("in", list(vocab_mod.LANGUAGES), source, "Which source's passages to show"))
        self.ax = self.figure.add_axes((0.36, 0.13, 0.60, 0.76))
        style.style_axes(self.ax, grid_axis="x")
        self._bars: dict[str, list] = {s: [] for s in vocab_mod.LANGUAGES}
        self._zeros: dict[str, list] = {s: [] for s in vocab_mod.LANGUAGES}
        self._bar_keys: dict[str, list] = {s: [] for s in vocab_mod.LANGUAGES}
        from matplotlib.patches import Patch

        handles = [
            Patch(
                facecolor=SOURCE_COLOURS[s],
                hatch=SOURCE_HATCH[s],
                edgecolor="white",
                label=f"{s} ({vocab_mod.word_count(s):,} words)",
            )
            for s in vocab_mod.LANGUAGES
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
        for j, s in enumerate(vocab_mod.LANGUAGES):
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
                    zeros.append(self.ax.text(0, 0, "0", size=6, color=GREY, va="center", ha="left"))
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
                z.set_position((top * 0.005, y))
                self._bar_keys[s][i] = (concepts[i], s)
                shown[(concepts[i], s)] = v
        self.ax.set_yticks(range(n))
        self.ax.set_yticklabels([style.mpl_text(c) for c in concepts], size=style.SMALL_SIZE)
        for lab, c in zip(self.ax.get_yticklabels(), concepts):
            lab.set_fontweight("bold" if c == self._state["concept"] else "normal")
        self.ax.set_ylim(n - 0.5, -0.5)
        self.ax.set_xlim(0, top * 1.1)
        self.ax.set_xlabel("occurrences per 1,000 words" if m == "per_1000_words" else "occurrences")
        self._title("Loaded vocabulary in the three sources", style.source_line(list(vocab_mod.LANGUAGES)))
        tot = vocab_mod.totals()
        what = {LOADED: "loaded vocabulary", ALL: "all categories"}.get(cat, cat)
        high = sorted(shown.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        self._text = (
            f"Bar chart, {'occurrences per 1,000 words' if m == 'per_1000_words' else 'occurrences'} of "
            f"{n} terms ({what}) in su_rec, su_ind and ua_nep. "
            + " ".join(
                f"{s}: {int(tot.loc[s, 'loaded terms'])} loaded terms in {int(tot.loc[s, 'words']):,} words "
                f"({style.format_number(tot.loc[s, 'per 1,000 words'])} per 1,000)."
                for s in tot.index
            )
            + (
                " Highest in this view: "
                + "; ".join(f"{c} in {s} ({style.format_number(v)})" for (c, s), v in high if v > 0)
                + "."
                if high
                else ""
            )
        )
        self._detail()

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
        term = next(t for t in vocab_mod.TERMS if t.concept == c)
        lang = vocab_mod.LANGUAGES[s]
        pattern = term.en if lang == "en" else term.uk
        head = (
            f'<p style="margin:0.2em 0;font-size:0.92em"><strong>{esc(c)}</strong> in <strong>{esc(s)}</strong>: '
            f"{len(p)} occurrence(s); pattern <code>{esc(pattern or '—')}</code>. {esc(term.gloss)}.</p>"
        )
        items = []
        lines = [f"{c} in {s}: {len(p)} occurrence(s)."]
        for r in p.itertuples(index=False):
            q = " (in quotation marks)" if r.quoted else ""
            tr = _translation(s, r.passage)
            items.append(
                f'<li style="margin-bottom:0.3em">{mark(r.passage, r.match)}{esc(q)}'
                + (f'<br><span style="color:#444">Course translation: {esc(tr)}</span>' if tr else "")
                + "</li>"
            )
            lines.append(f"  “{r.passage}”{q}" + (f" — translation: {tr}" if tr else ""))
        if not items:
            items.append("<li>None in this source.</li>")
        self.detail_html.value = (
            head
            + '<ol style="font-size:0.92em;max-height:260px;overflow:auto;margin:0.2em 0">'
            + "".join(items)
            + "</ol>"
        )
        self._detail_text = "\n".join(lines)


def _translation(source: str, passage: str) -> str:
    """The course's translation of a non-English passage, if an excerpt holds exactly that passage."""
    if vocab_mod.LANGUAGES.get(source) == "en":
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
            _toggle(
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
        rows = "".join(f"<li>{esc(y)}: {esc(w)} — <q>{esc(p)}</q></li>" for y, w, p in d["evidence"][:6])
        self.detail_html.value = (
            '<p style="margin:0.2em 0;font-size:0.92em"><strong>Evidence, latest first:</strong></p>'
            f'<ul style="font-size:0.9em">{rows}</ul>'
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
# constructors used in the notebook
# --------------------------------------------------------------------------------------


def disagreement_explorer(**kw) -> DisagreementExplorer:
    """Every candidate disagreement (:func:`helpers.disagreements.find`): ``show``, ``pair``, ``verdict``,
    or ``series`` (open on the first pair of that series)."""
    return DisagreementExplorer(**kw)


def claim_explorer(**kw) -> ClaimExplorer:
    """Every checkable claim (:func:`helpers.claims.check`): ``source``, ``kind``, ``levels_from``, ``claim``."""
    return ClaimExplorer(**kw)


def vocabulary_explorer(**kw) -> VocabularyExplorer:
    """Loaded vocabulary (:mod:`helpers.vocabulary`): ``measure``, ``category``, ``concept``, ``source``."""
    return VocabularyExplorer(**kw)


def dating_explorer(**kw) -> DatingExplorer:
    """Years cited and mentioned (:mod:`helpers.dating`): ``chapter``."""
    return DatingExplorer(**kw)
