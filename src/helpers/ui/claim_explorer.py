"""The claim explorer: stated growth rates, multiples and shares against what the source's own levels give."""

from __future__ import annotations

import math
import textwrap

import pandas as pd

from helpers.charts import style
from helpers.data.numbers import format_number
from helpers.evidence import claims as claims_mod
from helpers.ui.controls import Invalid, dropdown, toggle_buttons
from helpers.ui.explorer import (
    ALL,
    GREEN,
    GREY,
    RED,
    Explorer,
    mark,
)
from helpers.ui.html import escape

__all__ = ["ClaimExplorer", "deviation"]

#: marker and colour of each status a checkable claim can have (shape and colour both carry it)
_MARKS = {
    "holds": ("o", GREEN),
    "holds under a reading": ("D", GREEN),
    "consistent only through a chain that mixes coverages": ("s", GREY),
    "does not hold": ("X", RED),
}


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
            toggle_buttons(
                "Source",
                [("both chapters", ALL), ("su_rec", "su_rec"), ("su_ind", "su_ind")],
                source,
                ["All claims", "The recovery chapter", "The industrialization chapter"],
            ),
        )
        self._add(
            "kind", dropdown("Kind of claim", [("all kinds", ALL)] + [(k, k) for k in claims_mod.CLAIM_KINDS], kind)
        )
        self._add(
            "levels_from",
            toggle_buttons(
                "Levels from",
                [("the same chapter", "same"), ("either chapter", "any")],
                levels_from,
                ["Only the levels the claim's own chapter states", "Also the other chapter's levels"],
            ),
        )
        self._add(
            "claim",
            dropdown("Claim", [("—", "")], "", "Choose a claim to read its passage and arithmetic", width="520px"),
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
        return df[~df["status"].isin(("cannot be checked", "too loose to test"))].reset_index(drop=True)

    def _slot(self, lst, i, maker):
        while len(lst) <= i:
            lst.append(maker())
        return lst[i]

    def _update(self):
        df = self._checkable()
        options = [("—", "")] + [
            (
                f"{r.id}: {r.series.replace('_', ' ')}, {r.period} — “{r.written}” "
                f"({claims_mod.STATUS_WORDS[r.status]})",
                r.id,
            )
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
            marker, colour = _MARKS[r["status"]]
            pt.set_data([max(min(stated, L), -L)], [y])
            pt.set_marker(marker)
            pt.set_color(colour)
            pt.set_markeredgecolor("black" if r["id"] == self._state["claim"] else colour)
            pt.set_markeredgewidth(1.6 if r["id"] == self._state["claim"] else 0.5)
        self.ax.set_xlim(-L, L)
        self.ax.set_ylim(max(n, 1) - 0.4, -0.6)
        named = self._named_rows(n, self._point_ids.index(self._state["claim"]) if self._state["claim"] else None)
        self.ax.set_yticks(named)
        self.ax.set_yticklabels(
            [
                style.mpl_text(
                    textwrap.shorten(
                        f"{records[i]['id']} {records[i]['series'].replace('_', ' ')}", 30, placeholder="…"
                    )
                    + f", {records[i]['period']}"
                )
                for i in named
            ],
            size=style.SMALL_SIZE,
        )
        for lab, i in zip(self.ax.get_yticklabels(), named):
            lab.set_fontweight("bold" if records[i]["id"] == self._state["claim"] else "normal")
        self.ax.set_xlabel("claim against what its own levels give: % above (+) or below (−)")
        src = [s for s in ("su_rec", "su_ind") if self._state["source"] in (ALL, s)]
        self._title("Do the claims follow from the chapter's own numbers?", style.source_line(src))
        self._note.set_text(
            style.mpl_text(
                style.wrap(
                    "Green dot: follows from its own figures; green diamond: only if read differently; grey square: "
                    "only by joining two measures; vermillion cross: contradicts its own figures. Grey band: what the "
                    "claim's words cover ('about', 'over', rounding); black bar: what the figures give within their "
                    f"rounding. A claim follows where they overlap; points beyond ±{L:g}% sit at the edge.",
                    128,
                )
            )
        )
        once = df.drop_duplicates("counted_as")
        counts = once["status"].value_counts()
        held, under = int(counts.get("holds", 0)), int(counts.get("holds under a reading", 0))
        mixed = int(counts.get(claims_mod.STATUSES[2], 0))
        failed = int(counts.get("does not hold", 0))
        tried = df.loc[df["tried"] > 0, "tried"]
        worst = sorted((r for r in records if r["status"] == "does not hold"), key=lambda r: -abs(deviation(r)[0]))[:3]
        far = "; ".join(f"“{r['written']}”, {r['period']} ({format_number(round(deviation(r)[0], 1))}%)" for r in worst)
        self._text = (
            f"Dot chart of {n} checkable claims ({self._describe_filter()}); counted once each ({len(once)} "
            f"statements: a number stated twice, or rates that confirm one another, count once): {held} follow from "
            "their own figures; "
            f"{under} follow only if their years or figures are read differently"
            + (f" (median {int(tried.median())} readings tried)" if len(tried) else "")
            + f"; {mixed} follow only by joining two different measures; {failed} contradict their own figures. "
            + (f"Furthest off: {far}. " if far else "")
            + "Each claim is placed by how far it is, in per cent, from the ratio the chapter's own levels give."
            + (
                f" {len(named)} of the {n} claims are named on the left axis, the chosen claim always among them."
                if len(named) < n
                else ""
            )
        )
        self._detail()

    def _named_rows(self, n: int, chosen: int | None) -> list[int]:
        """The rows whose claim is named on the y axis: all while they fit, else every k-th, the chosen one kept.

        A row is ``k`` rows from the next named one, ``k`` the fewest rows a label's line (with a gap) needs.
        """
        fig_h_px = self.figure.get_figheight() * self.figure.dpi
        row_px = self.ax.get_position().height * fig_h_px / (max(n, 1) + 0.2)
        line_px = style.SMALL_SIZE * self.figure.dpi / 72 * 1.5
        k = max(1, math.ceil(line_px / row_px))
        rows = list(range(0, n, k))
        if chosen is not None and chosen not in rows:
            rows = sorted([i for i in rows if abs(i - chosen) >= k] + [chosen])
        return rows

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
                '<p style="font-size:max(0.9em,11px);color:#444">Choose a claim in <em>Claim</em> to read its '
                "passage, the arithmetic and the verdict.</p>"
            )
            self._detail_text = ""
            return
        r = claims_mod.claim(cid, levels_from=self._state["levels_from"])
        colour = _MARKS[r["status"]][1]
        self.detail_html.value = (
            '<div style="font-size:max(0.92em,11px);max-width:1000px">'
            f'<p style="margin:0.2em 0"><strong>{escape(r["id"])}</strong> '
            f"({escape(r['source'])}), {escape(r['series'])}, {escape(r['period'])}"
            + (f" against {escape(r['base_period'])}" if r["base_period"] else "")
            + "</p>"
            f'<blockquote style="margin:0.2em 0;padding-left:0.6em;border-left:3px solid {colour}">'
            f"{mark(r['quote'], r['written'])}</blockquote>"
            f'<p style="margin:0.2em 0"><strong>Rule:</strong> {escape(r["rule"])}.<br><strong>Recomputed:</strong> '
            f"{escape(r['arithmetic'])}<br><strong>Verdict:</strong> "
            f'<span style="color:{colour}">{escape(claims_mod.STATUS_WORDS[r["status"]])}</span>. '
            f"{escape(r['reason'])}"
            + (f"<br><strong>Readings tried:</strong> {int(r['tried'])}." if r["tried"] else "")
            + "</p></div>"
        )
        self._detail_text = claims_mod.describe(r)


# --------------------------------------------------------------------------------------
