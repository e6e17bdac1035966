"""Other readings of a claim its printed levels refute or do not cover: kinds of year, chains, averages.

:func:`other_readings` takes a claim that does not hold by its printed levels, or has none, and
tries the readings the data allow (both years read as economic years, every chain of steps,
the means of a chain for an average); an informative reading that fits makes the claim "hold
under a reading", and names it. See docs/methods.md (§3, §4).
"""

from __future__ import annotations

import math

from helpers.data.numbers import interval, overlap
from helpers.data.units import conversion_factor
from helpers.evidence import chains, rates, readings
from helpers.evidence.claim_arithmetic import band_text, claim_text, fmt, metric, ratio
from helpers.evidence.claim_levels import compatible, scopes_agree
from helpers.evidence.scopes import mixes_coverages

__all__ = ["MIXED", "LOOSE", "alternatives", "other_readings", "with_reading"]


def with_reading(
    res: dict, status: str, best: dict, reason: str, tried: int, levels_source="chain or reading", **extra
):
    """A claim's result ``res`` with the verdict ``status`` reached under the reading ``best`` (one of the
    alternatives a reading search tried, ``tried`` of them), explained by ``reason``."""
    return {
        **res,
        "status": status,
        "recomputed": best["value"],
        "low": best["low"],
        "high": best["high"],
        "arithmetic": best["arithmetic"],
        "reading": best["reading"],
        "levels": tuple(best["ids"]),
        "levels_source": levels_source,
        "reason": reason,
        "tried": tried,
        **extra,
    }


def _steps(n: int) -> str:
    return "one stated step" if n == 1 else f"{n} stated steps"


def _chain_reading(c: dict, reading: str, arithmetic: str) -> dict:
    """A reading from a chain of steps (:func:`chains.chains_for`, :func:`rates.averages_for`); it ranks after
    the kinds of year, a chain of one coverage before one of several, a shorter before a longer."""
    rank = (1 + mixes_coverages(c["scopes"]), c["n"])
    return dict(
        spread=c["spread"],
        reading=reading,
        **{k: c[k] for k in ("value", "low", "high", "fits")},
        rank=rank,
        arithmetic=arithmetic,
        ids=c["ids"],
        scopes=c["scopes"],
    )


def alternatives(row, levels_from: str, loose: bool = False) -> list[dict]:
    """Every other reading of the claim, as dicts: reading, value, low, high, fits, arithmetic, rank.

    Only informative readings (spread at most :data:`chains.MAX_SPREAD`) unless ``loose``."""
    out = []
    band = interval(row.value, row.value_as_written, row.precision)
    lower = chains.is_lower(row)
    src = row.source if levels_from == "same" else None
    for alt in readings.year_readings(row.series, row.period, row.base_period or "", src):
        b, p = alt["base_row"], alt["period_row"]
        if not compatible((b, p)) or not scopes_agree((b, p)):
            continue
        r = ratio(p, b, 1.0, conversion_factor(b.unit, p.unit))
        if not math.isfinite(r[0]):
            continue
        v, lo, hi = metric(row.kind, lower, r)
        spread = (r[2] - r[1]) / r[0]
        which = (
            alt["reading"]
            .replace("economic year ending in it", "economic years ending in them")
            .replace("economic year starting in it", "economic years starting in them")
        )
        out.append(
            dict(
                spread=spread,
                reading=f"both years as the {which} ({b.period} and {p.period})",
                value=v,
                low=lo,
                high=hi,
                fits=lo <= band[1] + 1e-9 and band[0] <= hi + 1e-9,
                rank=(0, 1),
                arithmetic=f"{p.id} / {b.id} = {fmt(p.value)} / "
                f"{fmt(b.value * conversion_factor(b.unit, p.unit))} ({p.period} over {b.period})",
                ids=(b.id, p.id),
            )
        )
    for c in rates.averages_for(row.id, levels_from):
        what = f"the {c['mean']} mean of a route through {_steps(c['n'])} ({', '.join(c['ids'])})"
        out.append(_chain_reading(c, what, f"{c['steps']}; {c['arithmetic']}"))
    for c in chains.chains_for(row.id, levels_from):
        out.append(_chain_reading(c, f"a route through {_steps(c['n'])} ({', '.join(c['ids'])})", c["arithmetic"]))
    for a in out:  # the claim's own band: a placebo claim (a moved value) is judged by its own words
        a["fits"] = overlap(band, (a["low"], a["high"]))
    if not loose:
        out = [a for a in out if a["spread"] <= chains.MAX_SPREAD]
    out.sort(key=lambda a: (not a["fits"], a["rank"], a["spread"]))
    return out


MIXED = "consistent only through a chain that mixes coverages"
LOOSE = "too loose to test"


def other_readings(row, res: dict, levels_from: str) -> dict:
    """The verdict on a claim its printed levels refute or do not reach (``res``), after trying every
    other reading: "holds under a reading" (one coverage), :data:`MIXED` (only a route joining
    coverages fits), "does not hold", :data:`LOOSE` (only routes too wide to decide reach it), or
    ``res`` unchanged. ``tried`` counts the informative readings tried."""
    alts = alternatives(row, levels_from)
    if not alts:
        loose = alternatives(row, levels_from, loose=True)
        if loose and res["status"] == "cannot be checked":
            widest = loose[0]
            return {
                **res,
                "status": LOOSE,
                "tried": len(loose),
                "reason": (
                    f"{res['reason']} The only routes that reach it are too loose to decide: the closest, "
                    f"{widest['reading']}, spans {fmt(widest['low'])} to {fmt(widest['high'])}, more than "
                    f"{chains.MAX_SPREAD:.0%} of its value. {len(loose)} route{'s' if len(loose) > 1 else ''} tried."
                ).strip(),
            }
        return res
    best = alts[0]
    band = interval(row.value, row.value_as_written, row.precision)
    got = claim_text(row.kind, best["value"], row.unit)
    scopes = best.get("scopes", ())
    mixed = mixes_coverages(scopes)
    caveat = (
        f" The steps come from different coverages ({'; '.join(scopes)}), so the route joins figures that "
        f"may not measure the same thing."
        if mixed
        else ""
    )
    tried = len(alts)
    direct = res["arithmetic"]
    before = ("Not supported by the printed pair: " + res["reason"] + " ") if res["status"] == "does not hold" else ""
    if best["fits"]:
        reason = (
            f"{before}Under another reading, {best['reading']}, the numbers give {got} ({fmt(best['low'])} to "
            f"{fmt(best['high'])} within "
            f"rounding), which “{row.value_as_written}” covers ({band_text(band)}).{caveat} "
            f"{tried} reading{'s' if tried > 1 else ''} tried."
        )
        status = MIXED if mixed else "holds under a reading"
        source = res["levels_source"] or "chain or reading"
        return with_reading(res, status, best, reason.strip(), tried, levels_source=source, direct=direct)
    reason = (
        f"{before}No reading the data allow fits: the closest, {best['reading']}, gives {got} "
        f"({fmt(best['low'])} to {fmt(best['high'])}), outside what “{row.value_as_written}” covers "
        f"({band_text(band)}). {tried} reading{'s' if tried > 1 else ''} tried."
    )
    if res["status"] == "does not hold":
        return {**res, "reason": reason.strip(), "direct": direct, "tried": tried}
    return with_reading(res, "does not hold", best, reason.strip(), tried)
