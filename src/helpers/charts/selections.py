"""Selections → loaded series: :func:`load_choice` turns a series name, ``(name, {selectors})`` or a
ready :class:`pandas.Series` into a :class:`~helpers.charts.model.Choice` (an error from
:mod:`helpers.data` is kept as a message, never raised); :func:`prefer_sources` builds one series
from several sources in a stated order and records where they disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from helpers.charts.model import INDEPENDENT_ATTRS, Choice, Role, Spec, period_breaks, period_x
from helpers.charts.provenance import conflicting_rows
from helpers.data import statements as data
from helpers.data.periods import period_label
from helpers.data.units import conversion_factor, require_same_period_kind, require_same_price_basis
from helpers.errors import AmbiguousSelectionError, CourseError


def resolve(spec: Spec) -> pd.Series:
    """The :class:`pandas.Series` a selection stands for (errors from :mod:`helpers.data` propagate).

    A selection is a series name, ``(name, {selectors})`` (what a declaration's
    ``[name, {selectors}]`` becomes) or a ready :class:`pandas.Series`.
    """
    if isinstance(spec, pd.Series):
        return spec
    if isinstance(spec, str):
        name, kw = spec, {}
    elif isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[0], str) and isinstance(spec[1], Mapping):
        name, kw = spec[0], dict(spec[1])
    else:
        raise TypeError(
            f"Cannot read {spec!r} as a series selection; use a series name, (name, {{'source': …}}) "
            "or a pandas Series."
        )
    prefer = kw.pop("prefer", None)
    if prefer is not None:
        return prefer_sources(name, prefer, **kw)
    return data.series(name, **kw)


def prefer_sources(name: str, sources: Sequence[str], **selectors) -> pd.Series:
    """One series from several sources: each period from the first source (in ``sources``
    order) that states it.

    Nothing is hidden: ``attrs['chosen']`` says which source each value comes from, and
    :func:`load_choice` flags the periods where another source states a different value,
    so the chart marks them and the provenance panel shows both passages. Price bases
    and period kinds must agree (the usual errors are raised otherwise).
    """
    if isinstance(sources, str):
        sources = [sources]
    parts, errors = [], []
    for src in sources:
        try:
            parts.append(data.series(name, source=src, **selectors))
        except CourseError as exc:
            errors.append(f"{src}: {exc}")
    if not parts:
        raise AmbiguousSelectionError(
            f"None of the sources {', '.join(sources)} gives values of {name!r} for that selection "
            f"({'; '.join(errors)})."
        )
    require_same_price_basis(*parts)
    require_same_period_kind(*parts)
    unit = parts[0].attrs["unit"]
    values, ids, precision, chosen = {}, {}, {}, {}
    for part in parts:
        f = conversion_factor(part.attrs["unit"], unit)
        for p, v in part.items():
            if p in values:
                continue
            label = period_label(p)
            values[p] = v * f
            ids[label] = part.attrs["ids"][label]
            precision[label] = part.attrs["precision"][label]
            chosen[label] = part.attrs["sources"][0]
    index = sorted(values)
    out = pd.Series([values[p] for p in index], index=pd.PeriodIndex(index), name=name, dtype="float64")
    out.attrs = {
        **parts[0].attrs,
        "unit": unit,
        "sources": sorted({chosen[k] for k in chosen}),
        "scope": "; ".join(sorted({s for p in parts for s in p.attrs["scope"].split("; ") if s})),
        "ids": ids,
        "precision": precision,
        "chosen": chosen,
        "excluded": sorted({e for p in parts for e in p.attrs.get("excluded", [])}),
    }
    return out


def _check_independent(s: pd.Series) -> None:
    missing = [a for a in INDEPENDENT_ATTRS if a not in s.attrs]
    if missing:
        raise TypeError(
            f"An independent estimate needs attrs {', '.join(INDEPENDENT_ATTRS)}; missing: {', '.join(missing)}."
        )
    if not isinstance(s.index, pd.PeriodIndex):
        raise TypeError("An independent estimate needs a PeriodIndex of calendar years.")


def load_choice(label: str, spec: Spec, *, role: Role = "official", pair: str | None = None) -> Choice:
    """Load one selection into a :class:`Choice`; an error becomes ``choice.error`` (a message)."""
    c = Choice(label=str(label), role=role, pair=pair)
    try:
        s = resolve(spec)
        if role == "independent":
            _check_independent(s)
        if not isinstance(s.index, pd.PeriodIndex):
            raise TypeError(f"{label}: a chart series needs a PeriodIndex (economic or calendar years).")
        s = s.sort_index()
    except (CourseError, TypeError, ValueError, KeyError) as exc:
        c.error = f"{label}: {exc}"
        return c
    s_clean = s.dropna()
    c.series = s
    c.periods = list(s_clean.index)
    c.labels = [period_label(p) for p in c.periods]
    c.x = np.array([period_x(p) for p in c.periods], dtype=float)
    c.values = s_clean.to_numpy(dtype=float)
    c.breaks = period_breaks(c.periods)
    freqs = {p.freqstr for p in c.periods}
    c.freq = freqs.pop() if len(freqs) == 1 else ""
    c.ordinals = np.array([p.ordinal for p in c.periods], dtype=np.int64)
    prec = s.attrs.get("precision", {}) or {}
    c.precision = [prec.get(lab, "exact") if isinstance(prec, Mapping) else "exact" for lab in c.labels]
    if role == "official":
        c.conflicts = conflicting_rows(c)
    return c
