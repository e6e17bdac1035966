"""Explorers for weighing the evidence: disagreements, claims, vocabulary and dating.

Each explorer is a view (:class:`helpers.ui.view.View`, like the chart panels) over one of
the analysis modules (:mod:`helpers.evidence.disagreements`, :mod:`helpers.evidence.claims`,
:mod:`helpers.evidence.vocabulary`, :mod:`helpers.evidence.dating`): controls, **one figure updated in place**
(matplotlib, Agg, house style from :mod:`helpers.charts.style`), shown as a data-URI PNG, the passages
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

Every text that goes into an HTML widget is escaped with :func:`helpers.ui.html.escape`. This module
holds the disagreement explorer and the functions notebooks call (``explorers.claim_explorer()`` …); the
base is :mod:`helpers.ui.explorer`, the claim explorer :mod:`helpers.ui.claim_explorer`, the vocabulary
and dating explorers :mod:`helpers.ui.source_explorers`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from helpers.charts import style
from helpers.data import sources
from helpers.data.numbers import format_number
from helpers.errors import CourseError
from helpers.evidence import disagreements as dis_mod
from helpers.ui.claim_explorer import ClaimExplorer
from helpers.ui.controls import Invalid, dropdown
from helpers.ui.explorer import (
    ALL,
    GREY,
    SOURCE_COLOURS,
    SOURCE_HATCH,
    Explorer,
    mark,
    value_text,
)
from helpers.ui.html import escape
from helpers.ui.source_explorers import DatingExplorer, VocabularyExplorer

__all__ = [
    "DisagreementExplorer",
    "disagreement_explorer",
    "claim_explorer",
    "vocabulary_explorer",
    "dating_explorer",
    "VERDICTS",
    "verdict_feedback",
]

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
#: characters of a title line in the 7.2-inch figure at the title's size (a longer title wraps)
TITLE_WIDTH = 66


# 1. disagreements
# --------------------------------------------------------------------------------------


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
        self._add("show", dropdown("Show", show_opts, show, "Which candidate disagreements to list"))
        self._add("pair", dropdown("Pair", [("—", 0)], 0, "Choose a pair of passages that disagree", width="640px"))
        self._add(
            "verdict",
            dropdown(
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
            self._labels[i].set_text(style.mpl_text(f"{value_text(vals[i], unit)}\nwritten “{r[f'written_{s}']}”"))
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
        # a long series name is wrapped, never run past the right edge; the alt text keeps it on one line
        self._title(style.wrap(title, TITLE_WIDTH), style.source_line([r["source_a"], r["source_b"]]))
        self._chart_title = title
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
            "" if pd.isna(r["difference_pct"]) else f", {format_number(round(r['difference_pct'], 1))}% of the smaller"
        )
        self._text = (
            f"Bar chart of two statements of {r['series'].replace('_', ' ')} for {r['period']}: "
            f"{r['id_a']} ({r['source_a']}) states {value_text(r['common_a'], unit)}, {r['id_b']} ({r['source_b']}) "
            f"states {value_text(r['common_b'], unit)}; the difference is {value_text(r['difference'], unit)}{pct}. "
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
                f'<p style="margin:0 0 0.2em 0"><strong>{escape(r[f"source_{s}"])}</strong> — {escape(title)}</p>'
                f'<blockquote style="margin:0.2em 0;padding-left:0.6em;border-left:3px solid '
                f'{SOURCE_COLOURS.get(r[f"source_{s}"], GREY)}">{mark(r[f"quote_{s}"], r[f"written_{s}"])}</blockquote>'
                f'<p style="margin:0;color:#333;font-size:max(0.9em,11px)">{escape("; ".join(facts))}</p></div>'
            )
        items = "".join(f"<li>{escape(d)}</li>" for d in r["details"])
        verdict = self._state["verdict"]
        fb = verdict_feedback(verdict, r["explanations"])
        self.detail_html.value = (
            f'<div style="display:flex;flex-flow:row wrap;font-size:max(0.92em,11px)">{"".join(cols)}</div>'
            f'<p style="margin:0.4em 0 0.1em 0"><strong>Candidate explanations</strong> (derived from the two rows; '
            f'weigh them yourself):</p><ul style="margin:0.1em 0">{items}</ul>'
            + (f'<p style="margin:0.3em 0"><strong>Your verdict:</strong> {escape(fb)}</p>' if fb else "")
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
