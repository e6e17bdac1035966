"""Legible charts in every state (issue 14 §3): no two texts of a drawn figure overlap or touch, and none
is cut off by the figure's edge — for every declared chart and every explorer, at the default view and
over a pairwise sweep of its controls.

"Texts" are what a reader sees: tick labels that are drawn (inside the axis limits), bar labels, gap
marks, legend entries, titles, notes, the source line and annotations, measured from the drawn figure
(``Text.get_window_extent`` with the canvas's renderer). Two boxes must be at least ``GAP_PX`` apart.

The sweep visits every pair of control values (a covering array, ``tests/_covering.py``): multi-choice
controls enter as one on/off factor per member plus the empty and the full choice, ranges as their ends,
a single period and neighbours. The count of charts and states is printed with ``-s`` and kept in
``STATES_CHECKED`` for the report.
"""

from __future__ import annotations

import itertools

import pytest
from _covering import as_subsets, covering, members
from matplotlib.text import Text
from test_chart_specs import _given, _needs

from helpers import explorers as E
from helpers import widgets

GAP_PX = 1.0
#: states visited per view at most (the covering array is cut here; the default and the extremes come first)
BUDGET = 30

STATES_CHECKED: dict[str, int] = {}


# ---- what a reader sees ------------------------------------------------------------------------------


def _shown(artist):
    """``artist`` and its descendants that are drawn: an invisible parent hides its children."""
    if not artist.get_visible():
        return
    yield artist
    for child in artist.get_children():
        yield from _shown(child)


def drawn_texts(fig) -> list[Text]:
    """Every visible, non-empty text the figure draws: tick labels only where a tick is inside the limits."""
    tick_labels = set()
    shown: list[Text] = []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            ticks = axis.get_major_ticks() + axis.get_minor_ticks()
            tick_labels.update(id(t) for tk in ticks for t in (tk.label1, tk.label2))
            if not (ax.get_visible() and axis.get_visible()):
                continue
            lo, hi = sorted(axis.get_view_interval())
            eps = (hi - lo) * 1e-9
            shown += [
                t
                for tk in ticks
                if tk.get_visible() and lo - eps <= tk.get_loc() <= hi + eps
                for t in (tk.label1, tk.label2)
                if t.get_visible()
            ]
    others = [t for t in _shown(fig) if isinstance(t, Text) and id(t) not in tick_labels]
    return [t for t in shown + others if t.get_text().strip() and t.get_alpha() != 0]


def legibility_problems(fig) -> list[str]:
    """Texts that touch each other or the figure's edge, in words (empty when the figure is legible)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    boxes = []
    for t in drawn_texts(fig):
        bb = t.get_window_extent(renderer)
        if bb.width > 0 and bb.height > 0:
            boxes.append((t.get_text().replace("\n", " ")[:40], bb))
    out = [
        f"cut off by the figure's edge: {text!r}"
        for text, bb in boxes
        if bb.x0 < 0 or bb.y0 < 0 or bb.x1 > width or bb.y1 > height
    ]
    for (ta, a), (tb, b) in itertools.combinations(boxes, 2):
        if a.x0 - GAP_PX < b.x1 and b.x0 - GAP_PX < a.x1 and a.y0 - GAP_PX < b.y1 and b.y0 - GAP_PX < a.y1:
            out.append(f"touch: {ta!r} and {tb!r}")
    return out


# ---- the states to visit --------------------------------------------------------------------------------


def _range_values(labels: list[str]) -> list[tuple[str, str]]:
    n = len(labels)
    picks = {(0, n - 1), (0, 0), (n - 1, n - 1), (n // 2, n - 1), (0, n // 2), (max(0, n - 2), n - 1)}
    return [(labels[i], labels[j]) for i, j in sorted(picks)]


def states(view) -> list[dict]:
    """The default state first, then a pairwise covering of every control's values (at most BUDGET)."""
    factors: dict[str, list] = {}
    multis: dict[str, list] = {}
    for name, c in view.controls.items():
        if not getattr(c, "visible", True):
            continue
        options = view.options(name)
        if c.kind == "multi":
            multis[name] = list(options)
            factors.update(members(name, options))
        elif c.kind == "range":
            factors[name] = _range_values([str(o) for o in options])
        elif len(options) > 1:
            factors[name] = list(options)
    rows = covering(factors, 2) if factors else []
    out = [dict(view.state)]
    for extreme in (True, False):  # every member of every multi-choice on, then off
        if multis:
            out.append({name: tuple(vals) if extreme else () for name, vals in multis.items()})
    for row in rows:
        state = {k: v for k, v in row.items() if ":" not in k}
        for name, vals in multis.items():
            state[name] = as_subsets(row, name, vals)
        out.append(state)
    return out[:BUDGET]


def _sweep(key: str, view, figure) -> list[str]:
    found, n = [], 0
    default = dict(view.state)
    for state in states(view):
        if not view.set(**state):  # a refused combination shows a message and changes nothing: nothing new to draw
            continue
        n += 1
        found += [f"{key} {state}: {p}" for p in legibility_problems(figure)]
    view.set(**default)
    STATES_CHECKED[key] = n
    return found


# ---- the tests -------------------------------------------------------------------------------------------

DECLARED = widgets.declared()


@pytest.fixture(scope="module")
def given():
    return _given()


@pytest.mark.slow
@pytest.mark.parametrize("chart_id", sorted(DECLARED))
def test_every_declared_chart_is_legible_in_every_state(chart_id, given):
    panel = widgets.show(chart_id, **{n: given[n] for n in _needs(DECLARED[chart_id])})
    problems = _sweep(chart_id, panel, panel.chart.figure)
    assert STATES_CHECKED[chart_id] >= 1
    assert not problems, "\n".join(problems[:12])


@pytest.mark.slow
@pytest.mark.parametrize("make", [E.disagreement_explorer, E.claim_explorer, E.vocabulary_explorer, E.dating_explorer])
def test_every_explorer_is_legible_in_every_state(make):
    view = make()
    problems = _sweep(make.__name__, view, view.figure)
    assert STATES_CHECKED[make.__name__] >= 1
    assert not problems, "\n".join(problems[:12])


# ---- the checker itself -----------------------------------------------------------------------------------


def test_the_checker_sees_touching_cut_off_and_hidden_texts():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 2), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.2, 0.2, 0.6, 0.6))
    ax.set_xlim(0, 10)
    ax.set_xticks([1, 2], ["19131914", "1915"])  # crammed together, as the first chart of 01 once was
    fig.text(0.99, 0.5, "past the edge")
    ax.set_yticks([0, 0.5, 2], ["0", "0.5", "beyond the limits"])  # a tick outside the limits is not drawn
    ax.set_ylim(0, 1)
    found = legibility_problems(fig)
    assert any("touch: '19131914' and '1915'" in p for p in found)
    assert any("cut off" in p and "past the edge" in p for p in found)
    assert not any("beyond the limits" in p for p in found)
    ax.set_xticks([1, 6], ["1913", "1915"])
    fig.texts[0].set_visible(False)
    assert legibility_problems(fig) == []


def test_thinned_year_ticks_and_turned_categories():
    """The two fixes the test found: many years are labelled every n-th; long category names turn."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from helpers.charts import axes_text as draw

    fig = Figure(figsize=(7.2, 4.2), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.12, 0.28, 0.53, 0.62))
    ax.set_xlim(1913, 1925)
    years = [(y + 0.5, str(y)) for y in range(1913, 1925)]
    shown, rotation = draw.fit_xticks(ax, years)
    assert rotation == 0 and len(shown) < len(years) and shown[0] == years[0]
    step = int(shown[1][1]) - int(shown[0][1])
    assert step in (2, 5, 10) and shown == years[::step]
    few = [(1913.5, "1913"), (1920.5, "1920")]
    assert draw.fit_xticks(ax, few) == (few, 0.0)
    ax.set_xlim(-0.5, 7.5)
    crops = [
        (i, name) for i, name in enumerate(["Cotton", "Flax", "Hemp", "Oilseeds", "Tobacco", "Shag", "Oil", "Iron ore"])
    ]
    shown, rotation = draw.fit_xticks(ax, crops)
    assert shown == crops and rotation in (45.0, 90.0)
    draw.set_xticks(ax, crops)
    assert legibility_problems(fig) == []
