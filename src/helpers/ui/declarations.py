"""Charts declared once in ``data/charts/<notebook>.yml`` and shown by id.

A notebook cell is one line, ``widgets.show("01-coal")``; the declaration says what the panel
shows. One entry::

    01-coal:
      panel: timeseries            # timeseries | small_multiples | shares | plan | before_after
      title: Coal mined, 1921/22–1925/26
      series:                      # label → selection
        Coal, recovery chapter: [coal_output, {source: su_rec, kind: level, periods: economic}]
        Coal, industrialisation chapter: coal_output
      independent:                 # official label → estimate(s) drawn beside it
        Coal, recovery chapter: {estimate: coal_output, dataset: "SHIFT / Etemad & Luciani (OWID)"}
      allow_mixed_periods: true    # any keyword of the panel's constructor

A **selection** is one of

* a series name of ``data/figures.csv`` (``coal_output``);
* ``[name, {selectors}]`` — the selectors of :func:`helpers.data.series` (``source``, ``scope``,
  ``kind``, ``periods``, ``unit``, ``prefer``);
* ``{estimate: name, dataset: …, periods: [first, last], kind: level, label: …, price_basis: …}`` — an
  independent estimate (:func:`helpers.data.independent.series`), optionally cut to a range, with
  the label the chart gives it and the price basis its values are in (``unstated`` where unknown);
* ``{estimate_ids: [id, …], unit: …, label: …}`` — rows of ``data/independent/estimates.csv`` by id
  (:func:`helpers.data.independent.series_from_ids`), e.g. a plan target and an outcome;
* ``{given: name}`` — a series the notebook computes and passes in: ``widgets.show("02-private",
  rest=rest)``. Use it where the computation is the lesson.

The plan panel takes ``items`` instead of ``series``: ``label → {targets: {variant: selection} or
selection, actual: selection, actual_label: text, note: text}``. A time-series panel may take
``from: crosscheck.panel_choices`` (the series and estimates that function chooses) instead of
``series``.

Every declaration is checked when shown (and by ``tests/test_chart_specs.py`` for all of them): an
unknown panel kind, option, field or selector raises :class:`ChartSpecError` naming the file, the id
and what is allowed.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Mapping

from helpers.data import independent
from helpers.data.paths import declaration
from helpers.data.statements import series_names
from helpers.errors import CourseError, UnknownNameError
from helpers.ui import panels

__all__ = ["ChartSpecError", "declared", "build", "PANELS", "SELECTORS", "ESTIMATE_FIELDS", "PROVIDERS"]

#: what ``panel:`` may name → the panel class in :mod:`helpers.ui.panels`
PANELS = {
    "timeseries": "TimeSeriesPanel",
    "small_multiples": "SmallMultiplesPanel",
    "shares": "SharesPanel",
    "plan": "PlanPanel",
    "before_after": "BeforeAfterPanel",
}
#: the selectors of ``[name, {selectors}]`` (those of :func:`helpers.data.series` the chart kit reads)
SELECTORS = {"source", "scope", "kind", "periods", "unit", "prefer", "price_basis"}
#: the fields of an independent estimate selection
ESTIMATE_FIELDS = {"estimate", "dataset", "periods", "kind", "label", "price_basis"}
ESTIMATE_ID_FIELDS = {"estimate_ids", "unit", "label"}
PLAN_ITEM_FIELDS = {"targets", "actual", "actual_label", "note"}
#: functions that choose a panel's series and estimates (``from:``)
PROVIDERS = {"crosscheck.panel_choices": ("helpers.evidence.crosscheck", "panel_choices")}
#: fields every declaration may carry besides the constructor's keywords
COMMON_FIELDS = {"panel", "series", "items", "independent", "from", "about"}


class ChartSpecError(CourseError):
    """A chart declaration in ``data/charts/`` that cannot be built; the message names the file and id."""


def declared(chart_id: str | None = None) -> dict:
    """The declaration of one chart (or, without an id, all of them) from ``data/charts/``."""
    return declaration("charts", "chart id", chart_id)


def _panel_class(kind: str):
    return getattr(panels, PANELS[kind])


def allowed_options(kind: str) -> list[str]:
    """The keyword options a declaration of this panel kind may set (the constructor's keywords)."""
    sig = inspect.signature(_panel_class(kind).__init__)
    skip = {"self", "choices", "items", "independent", "chart"}
    names = [n for n, p in sig.parameters.items() if n not in skip and p.kind == p.KEYWORD_ONLY]
    if kind == "small_multiples":  # passes its keywords on to the time-series panel
        names += allowed_options("timeseries")
    return sorted(set(names) - {"kw"})


class _Ctx:
    def __init__(self, chart_id: str, spec: Mapping, given: Mapping):
        self.chart_id, self.spec, self.given = chart_id, spec, given
        self.used: set[str] = set()

    def fail(self, msg: str) -> ChartSpecError:
        return ChartSpecError(f"data/charts/{self.spec.get('_file', '?')}, chart {self.chart_id!r}: {msg}")


def _only_fields(ctx: _Ctx, where: str, sel: Mapping, allowed, what: str) -> None:
    """Refuse a field of ``sel`` that ``what`` does not take, naming the fields it does."""
    bad = sorted(set(sel) - set(allowed))
    if bad:
        raise ctx.fail(f"{where}: unknown field {bad[0]!r}; {what} takes: {', '.join(sorted(allowed))}.")


def _selection(ctx: _Ctx, where: str, sel):
    """A declared selection → what :func:`helpers.charts.selections.load_choice` accepts."""
    if isinstance(sel, str):
        return _series_name(ctx, where, sel)
    if isinstance(sel, list):
        return _list_selection(ctx, where, sel)
    if isinstance(sel, Mapping):
        for field, read in (("given", _given), ("estimate_ids", _estimate_ids), ("estimate", _estimate)):
            if field in sel:
                return read(ctx, where, sel)
        raise ctx.fail(f"{where}: a mapping selection needs 'estimate', 'estimate_ids' or 'given'; got {sorted(sel)}.")
    raise ctx.fail(
        f"{where}: a selection is a series name, [name, {{selectors}}], {{estimate: …}}, "
        f"{{estimate_ids: […]}} or {{given: name}}; got {sel!r}."
    )


def _list_selection(ctx: _Ctx, where: str, sel: list):
    """``[series name, {selectors}]``."""
    if len(sel) != 2 or not isinstance(sel[0], str) or not isinstance(sel[1], Mapping):
        raise ctx.fail(f"{where}: a list selection is [series name, {{selectors}}], got {sel!r}.")
    bad = sorted(set(sel[1]) - SELECTORS)
    if bad:
        raise ctx.fail(f"{where}: unknown selector {bad[0]!r}; allowed: {', '.join(sorted(SELECTORS))}.")
    return (_series_name(ctx, where, sel[0]), dict(sel[1]))


def _given(ctx: _Ctx, where: str, sel: Mapping):
    """``{given: name}``: a series the notebook computed and passed to ``widgets.show``."""
    if set(sel) != {"given"}:
        raise ctx.fail(f"{where}: 'given' stands alone ({{given: name}}), got fields {sorted(sel)}.")
    name = sel["given"]
    if name not in ctx.given:
        raise ctx.fail(
            f"{where}: needs the series {name!r} from the notebook: widgets.show({ctx.chart_id!r}, {name}=…)."
        )
    ctx.used.add(name)
    return ctx.given[name]


def _estimate_ids(ctx: _Ctx, where: str, sel: Mapping):
    """``{estimate_ids: [id, …], unit: …, label: …}``: rows of data/independent/estimates.csv by id."""
    _only_fields(ctx, where, sel, ESTIMATE_ID_FIELDS, "an estimate_ids selection")
    ids = sel["estimate_ids"]
    if isinstance(ids, str) or not ids:
        raise ctx.fail(f"{where}: estimate_ids is a list of row ids of data/independent/estimates.csv.")
    try:
        return independent.series_from_ids(*ids, unit=sel.get("unit"), label=sel.get("label"))
    except CourseError as exc:
        raise ctx.fail(f"{where}: {exc}") from None


def _estimate(ctx: _Ctx, where: str, sel: Mapping):
    """``{estimate: name, dataset: …, periods: [first, last], kind: …, label: …, price_basis: …}``."""
    _only_fields(ctx, where, sel, ESTIMATE_FIELDS, "an estimate selection")
    try:
        s = independent.series(sel["estimate"], dataset=sel.get("dataset"), kind=sel.get("kind", "level"))
    except CourseError as exc:
        raise ctx.fail(f"{where}: {exc}") from None
    if "periods" in sel:
        rng = sel["periods"]
        if not isinstance(rng, list) or len(rng) != 2:
            raise ctx.fail(f"{where}: periods is [first, last], e.g. ['1925', '1932'], got {rng!r}.")
        attrs = s.attrs
        s = s.loc[str(rng[0]) : str(rng[1])]
        s.attrs = attrs
    for key in ("label", "price_basis"):
        if sel.get(key):
            s.attrs = {**s.attrs, key: sel[key]}
    return _with_rows(s)


def _series_name(ctx: _Ctx, where: str, name: str) -> str:
    """A series name of data/figures.csv; a name that is not one (a typo) is an error, never a missing line."""
    names = series_names()
    if name not in names:
        raise ctx.fail(f"{where}: {UnknownNameError('series', name, names)}")
    return name


def _with_rows(s):
    """The estimate's own rows (dataset, citation, locator, grade) for each period, so that the sources area
    shows them whether the estimate is drawn as an independent line or as a series of its own."""
    est = independent.load_estimates().set_index("id", drop=False)
    ids = s.attrs.get("ids") or {}
    rows = {
        lab: [{**est.loc[i].to_dict(), "period": lab} for i in row_ids if i in est.index]
        for lab, row_ids in ids.items()
    }
    s.attrs = {**s.attrs, "rows": rows}
    return s


def _option(name: str, value):
    """YAML reads ``1913`` as a number and ``[a, b]`` as a list; panels take period labels and tuples."""
    if name in ("years", "shown_years", "bases", "selected", "variants") and isinstance(value, list):
        return tuple(str(v) for v in value) if name != "selected" else list(value)
    if name in ("base", "period") and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(int(value))
    return value


def _mapping(ctx: _Ctx, field: str) -> Mapping:
    value = ctx.spec.get(field)
    if not isinstance(value, Mapping) or not value:
        raise ctx.fail(f"'{field}' must be a non-empty mapping of labels, got {value!r}.")
    return value


def _plan_items(ctx: _Ctx, fields: set) -> dict:
    """The ``items`` of a plan panel: label → targets (one selection or one per variant), outcome, note."""
    extra = sorted(fields & {"series", "independent", "from"})
    if extra:
        raise ctx.fail(f"a plan panel takes 'items', not {extra[0]!r}.")
    items = {}
    for label, item in _mapping(ctx, "items").items():
        if not isinstance(item, Mapping):
            raise ctx.fail(f"item {label!r} must be a mapping with {', '.join(sorted(PLAN_ITEM_FIELDS))}.")
        bad = sorted(set(item) - PLAN_ITEM_FIELDS)
        if bad or "targets" not in item:
            what = f"unknown field {bad[0]!r}" if bad else "no 'targets'"
            raise ctx.fail(f"item {label!r}: {what}; an item takes: {', '.join(sorted(PLAN_ITEM_FIELDS))}.")
        targets = item["targets"]
        if isinstance(targets, Mapping) and not ({"estimate", "estimate_ids", "given"} & set(targets)):
            targets = {v: _selection(ctx, f"item {label!r}, target {v!r}", s) for v, s in targets.items()}
        else:
            targets = _selection(ctx, f"item {label!r}, targets", targets)
        out = {"targets": targets, "note": item.get("note", "")}
        if item.get("actual") is not None:
            out["actual"] = _selection(ctx, f"item {label!r}, actual", item["actual"])
        if item.get("actual_label"):
            out["actual_label"] = item["actual_label"]
        items[label] = out
    return items


def _series_choices(ctx: _Ctx, kind: str, fields: set, kwargs: dict) -> dict:
    """The ``series`` of any other panel (or what ``from:`` chooses), and ``independent`` into ``kwargs``."""
    if "items" in fields:
        raise ctx.fail(f"'items' belongs to plan panels; a {kind} panel takes 'series'.")
    if "from" in fields:
        if "series" in fields or kind not in ("timeseries", "small_multiples"):
            raise ctx.fail("'from' replaces 'series' (and 'independent') on a time-series panel.")
        provider = ctx.spec["from"]
        if provider not in PROVIDERS:
            raise ctx.fail(f"from {provider!r} is not a known chooser; allowed: {', '.join(PROVIDERS)}.")
        module, attr = PROVIDERS[provider]
        choices, indep = getattr(importlib.import_module(module), attr)()
        kwargs["independent"] = indep
    else:
        choices = {
            str(label): _selection(ctx, f"series {label!r}", sel) for label, sel in _mapping(ctx, "series").items()
        }
    if "independent" in fields:
        if kind != "timeseries":
            raise ctx.fail(f"'independent' is drawn by time-series panels only, not by a {kind} panel.")
        indep = {}
        for official, sels in _mapping(ctx, "independent").items():
            if official not in choices:
                raise ctx.fail(f"independent: {official!r} is not one of the series: {', '.join(choices)}.")
            sels = sels if isinstance(sels, list) and sels and not isinstance(sels[0], str) else [sels]
            indep[official] = [_selection(ctx, f"independent {official!r}", s) for s in sels]
        kwargs["independent"] = indep
    return choices


def build(chart_id: str, **given):
    """The panel declared under ``chart_id``; ``given`` supplies the ``{given: name}`` series."""
    spec = declared(chart_id)
    ctx = _Ctx(chart_id, spec, given)
    kind = spec.get("panel")
    if kind not in PANELS:
        raise ctx.fail(f"panel {kind!r} is not a panel kind; allowed: {', '.join(PANELS)}.")
    options = allowed_options(kind)
    fields = {k for k in spec if k != "_file"}
    unknown = sorted(fields - COMMON_FIELDS - set(options))
    if unknown:
        fixed = {"panel", "items", "about"} if kind == "plan" else COMMON_FIELDS - {"items"}
        raise ctx.fail(
            f"unknown option {unknown[0]!r} for a {kind} panel; allowed: {', '.join(sorted(fixed) + options)}."
        )
    kwargs = {k: _option(k, v) for k, v in spec.items() if k in options}
    cls = _panel_class(kind)
    if kind == "plan":
        args = (_plan_items(ctx, fields),)
    else:
        args = (_series_choices(ctx, kind, fields, kwargs),)
    unused = sorted(set(given) - ctx.used)
    if unused:
        raise ctx.fail(f"{unused[0]!r} was passed but the declaration uses no {{given: {unused[0]}}}.")
    try:
        panel = cls(*args, **kwargs)
    except CourseError as exc:
        raise ctx.fail(str(exc)) from None
    except (ValueError, TypeError) as exc:
        raise ctx.fail(f"{type(exc).__name__}: {exc}") from None
    panel.chart_id = chart_id
    return panel
