"""Several counts of one thing, side by side: what each counts, who counted it, who relayed it.

The costs of the first five-year plan reach us as counts made by the state that imposed them (the
OGPU's deportation registers, the statistical yearbooks, the plan itself), relayed by encyclopedias,
museums, chronologies and historians. A *topic* (:data:`TOPICS`) groups the rows of
``data/independent/estimates.csv`` (and dated events of ``chronology.csv``) that count one thing or
its parts; each entry says in plain words what its number counts, who counted it and who relayed
it, and each declared *check* is computed from the rows: one count as a share of another, a count
per unit (persons per family, rubles per ton), parts added up against a whole, a change between two
periods, two dates of one event. Which rows belong together is a modelling decision, written here;
every number comes from the data. See ``docs/methods.md`` (§8).

* :func:`compare` – the counts of a topic as a table a reader can read (``details=True`` adds ids,
  series, citations);
* :func:`weigh` – every check of a topic, computed and written out in words;
* :func:`checks` – the same as findings (:mod:`helpers.evidence.findings`), one row per check.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from helpers.data import numbers
from helpers.data.independent import GRADES, chronology, load_estimates
from helpers.data.periods import parse_period
from helpers.errors import CourseError, UnknownNameError
from helpers.evidence.findings import finding, fmt, frame

__all__ = ["Entry", "Check", "TOPICS", "TWO_PUBLICATIONS", "topics", "compare", "checks", "weigh", "Text"]


@dataclass(frozen=True)
class Entry:
    """One count of a topic: the row (``id``), what its number counts, who counted it, who relayed it."""

    id: str
    what: str
    counted_by: str
    relayed_by: str


@dataclass(frozen=True)
class Check:
    """A computation on a topic's rows.

    ``kind``: ``"share"`` (the first count as a percentage of the second), ``"per"`` (the first
    divided by the second, in ``label``: "persons per family"), ``"sum"`` (all but the last added up,
    against the last), ``"change"`` (from the first to the second, in per cent), ``"same"`` (are two
    counts equal?), ``"gap"`` (the first minus the second, in their unit: a count beside a plan figure whose
    variant and coverage are not stated, where a "% of plan" would claim more than the figures allow),
    ``"dates"`` (days between two dated events). ``say``: the question in plain words.
    """

    kind: str
    ids: tuple[str, ...]
    label: str = ""
    say: str = ""  # what the check asks, in plain words (else built from the entries)


CHECK_KINDS = ("share", "per", "sum", "change", "same", "gap", "dates")

#: the caution on a check between two publications; :func:`weigh` says it once, under the list
TWO_PUBLICATIONS = "two different counts or publications, which may count different things"

#: the grades as a reader's table names them (data/independent/README.md defines them)
GRADE_WORDS = {grade: f"{grade}: {words}" for grade, words in GRADES.items()}

_ARCHIVES = "not named ('data from Soviet archives … published in 1990')"
_POLICE = "the political police ('the same police sources', Werth 2011); published from the archives in 1990"
_WIKI_PT = "Wikipedia, 'Population transfer in the Soviet Union'"
_DMITRIEV = "a chronology based on archival publications (dmitrievaffair.com)"
_AMMENDE = "E. Ammende, Human Life in Russia (1936), p. 47"

#: the topics of the costs of the plan. Each entry is a modelling decision: which counts are set
#: beside each other, and what the rows' citations and notes say each counts.
TOPICS: dict[str, dict] = {
    "deportations": dict(
        title="The deportation of 'kulaks', 1930–1931",
        entries=(
            Entry(
                "lit_wikipedia_deportees_sent_1930_31",
                "persons deported in 1930 and 1931: 'sent to labor colonies and camps', in the article's words; "
                "the deported families went to 'special settlements', not camps (Viola 2001)",
                _POLICE,
                _WIKI_PT,
            ),
            Entry(
                "lit_gulagmemories_kulaks_deported_1930_31",
                "'kulaks' 'exported' in 1930 and 1931: 'more than' this number",
                "not named",
                "an online museum (Gulag memories)",
            ),
            Entry(
                "lit_wikipedia_deportees_arrived_1930_31",
                "persons who, in the article's words, 'reached the destination'; the article gives no date",
                _POLICE,
                "the same article ('Books say that …')",
            ),
            Entry(
                "lit_werth_deportee_census_1932_01_01",
                "deportees present at a census of all deportees on 1 January 1932: a stock, not a flow",
                "the political police (OGPU): a census of all deportees",
                "N. Werth (2011), who cites Zemskov (2003) among others; quoted on a blog",
            ),
            Entry(
                "lit_wikipedia_special_settler_deaths_1932_40",
                "'kulaks and their relatives' who died in the settlements, 1932–1940",
                _ARCHIVES,
                "the same article",
            ),
            Entry(
                "lit_dmitrievaffair_kulak_quota_first_category_1930",
                "'first-category' kulaks to be arrested (the quota)",
                "Politburo resolution of 30 January 1930: a quota, not a count",
                _DMITRIEV,
            ),
            Entry(
                "lit_dmitrievaffair_first_category_arrests_1930",
                "persons 'arrested as \"1st category kulaks\"' in February–September 1930, in the chronology's "
                "words; whether the count covers only that category is not confirmed",
                "not named",
                _DMITRIEV,
            ),
            Entry(
                "lit_dmitrievaffair_kulak_quota_second_category_1930_low",
                "families to be deported under the 'second category' (lower figure of the quota)",
                "Politburo resolution of 30 January 1930: a quota, not a count",
                _DMITRIEV,
            ),
            Entry(
                "lit_dmitrievaffair_kulak_quota_second_category_1930_high",
                "families to be deported under the 'second category' (upper figure of the quota)",
                "Politburo resolution of 30 January 1930: a quota, not a count",
                _DMITRIEV,
            ),
        ),
        checks=(
            Check(
                "share",
                ("lit_wikipedia_deportees_arrived_1930_31", "lit_wikipedia_deportees_sent_1930_31"),
                say="The 1,317,022 on the register on 1 January 1932 as a share of the 1,803,392 sent",
            ),
            Check(
                "share",
                ("lit_gulagmemories_kulaks_deported_1930_31", "lit_wikipedia_deportees_sent_1930_31"),
                say="The museum's 'more than 1,800,000' against the 1,803,392 of the archival data",
            ),
        ),
    ),
    "grain exports": dict(
        title="Grain exports, 1930 and 1931: tonnes and rubles",
        entries=(
            Entry(
                "lit_ammende_grain_exports_1930",
                "grain exported (calendar year, as the passage implies)",
                "not named",
                _AMMENDE,
            ),
            Entry(
                "lit_ammende_grain_exports_1931",
                "grain exported (calendar year, as the passage implies)",
                "not named",
                _AMMENDE,
            ),
            Entry("lit_ammende_grain_exports_value_1930", "value of the grain exported", "not named", _AMMENDE),
            Entry("lit_ammende_grain_exports_value_1931", "value of the grain exported", "not named", _AMMENDE),
        ),
        checks=(
            Check(
                "change",
                ("lit_ammende_grain_exports_1930", "lit_ammende_grain_exports_1931"),
                say="Ammende's tonnage, 1930 to 1931",
            ),
            Check(
                "change",
                ("lit_ammende_grain_exports_value_1930", "lit_ammende_grain_exports_value_1931"),
                say="Ammende's value, 1930 to 1931",
            ),
            Check(
                "per",
                ("lit_ammende_grain_exports_value_1930", "lit_ammende_grain_exports_1930"),
                "rubles per ton",
                say="Rubles per ton, 1930",
            ),
            Check(
                "per",
                ("lit_ammende_grain_exports_value_1931", "lit_ammende_grain_exports_1931"),
                "rubles per ton",
                say="Rubles per ton, 1931",
            ),
        ),
    ),
    "shakhty": dict(
        title="The Shakhty trial, 1928: three accounts of the verdict",
        entries=(
            Entry(
                "lit_sun1928_shakhty_death_sentences",
                "sentenced to death",
                "the court, as cabled from Moscow",
                "Sun (Auckland), 9 July 1928",
            ),
            Entry(
                "lit_sun1928_shakhty_prison",
                "prison sentences",
                "the court, as cabled from Moscow",
                "Sun (Auckland), 9 July 1928",
            ),
            Entry(
                "lit_wikipedia_shakhty_death_sentences",
                "sentenced to death",
                "not named (cites Kotkin 2014)",
                "Wikipedia, 'Shakhty Trial'",
            ),
            Entry(
                "lit_wikipedia_shakhty_executed",
                "'executed'",
                "not named (cites Kotkin 2014)",
                "Wikipedia, 'Shakhty Trial'",
            ),
            Entry(
                "lit_wikipedia_shakhty_prison",
                "prison sentences",
                "not named (cites Kotkin 2014)",
                "Wikipedia, 'Shakhty Trial'",
            ),
            Entry(
                "lit_ruenc_shakhty_death_sentences",
                "sentenced to be shot",
                "not named",
                "a Russian encyclopaedic dictionary",
            ),
        ),
        checks=(
            Check(
                "same",
                ("lit_wikipedia_shakhty_death_sentences", "lit_sun1928_shakhty_death_sentences"),
                say="Death sentences, Wikipedia against the report of July 1928",
            ),
            Check(
                "same",
                ("lit_wikipedia_shakhty_prison", "lit_sun1928_shakhty_prison"),
                say="Prison sentences, Wikipedia against the report of July 1928",
            ),
            Check(
                "same",
                ("lit_wikipedia_shakhty_executed", "lit_ruenc_shakhty_death_sentences"),
                say="Wikipedia's 'executed' against the Russian dictionary's 'sentenced to be shot'",
            ),
            Check(
                "gap",
                ("lit_sun1928_shakhty_death_sentences", "lit_wikipedia_shakhty_executed"),
                say="Death sentences of July 1928 less Wikipedia's 'executed'",
            ),
        ),
    ),
    "lenin's article": dict(
        title="When was Lenin's 'How to Organise Competition?' first published?",
        entries=(
            Entry(
                "chr_lenin_competition_article_gse",
                "first publication of the article",
                "Great Soviet Encyclopedia, 3rd edition",
                "its English translation",
            ),
            Entry(
                "chr_lenin_competition_article_siegelbaum",
                "first publication of the article, in Pravda",
                "L. Siegelbaum, a historian",
                "Seventeen Moments in Soviet History (website)",
            ),
        ),
        checks=(
            Check(
                "dates",
                ("chr_lenin_competition_article_gse", "chr_lenin_competition_article_siegelbaum"),
                say="The encyclopedia's date against the historian's",
            ),
        ),
    ),
}


class Text(str):
    """Text that a notebook shows as formatted text (Markdown), not as a quoted string."""

    def _repr_markdown_(self) -> str:
        return str(self)


def topics() -> list[str]:
    """The names of the topics, for :func:`compare` and :func:`weigh`."""
    return list(TOPICS)


def _topic(name: str) -> dict:
    if name not in TOPICS:
        raise UnknownNameError("topic", name, list(TOPICS))
    return TOPICS[name]


def _rows() -> dict[str, dict]:
    est = load_estimates()
    out = {r["id"]: {**r, "table": "estimates"} for r in est.to_dict("records")}
    for r in chronology().to_dict("records"):
        out[r["id"]] = {**r, "table": "chronology", "period": r["date"], "value": math.nan, "unit": "", "kind": "event"}
    return out


def _row(rows: dict, i: str) -> dict:
    if i not in rows:
        raise CourseError(
            f"tallies: row {i!r} is in no table of data/independent/ (estimates.csv, chronology.csv); "
            "a topic in helpers.evidence.tallies.TOPICS names it."
        )
    return rows[i]


def _number(r: dict) -> str:
    if r["table"] == "chronology":
        return r["date"]
    return numbers.format_value(r["value"], r["unit"])


def compare(topic: str, details: bool = False) -> pd.DataFrame:
    """The counts of ``topic`` side by side, in words: what is counted, the number, the period as
    written, who counted it, who relayed it, and the grade of the row (with what the grade means).
    ``details=True`` adds the row id, series, kind, citation and locator."""
    t = _topic(topic)
    rows = _rows()
    out = []
    for e in t["entries"]:
        r = _row(rows, e.id)
        line = {
            "what is counted": e.what,
            "number": _number(r),
            "period as written": r["period"] if r["table"] == "estimates" else "",
            "counted by": e.counted_by,
            "relayed by": e.relayed_by,
            "grade": GRADE_WORDS[r["grade"]],
        }
        if details:
            line |= {k: r.get(k, "") for k in ("id", "series", "kind", "citation", "locator")}
        out.append(line)
    return pd.DataFrame(out)


def _period(r: dict) -> str:
    return r["period"] if r["table"] == "estimates" else r["date"]


def _sources(rs: list[dict]) -> list[str]:
    return list(dict.fromkeys(r.get("dataset", r.get("citation", "")) for r in rs))


def _rec(r: dict) -> tuple[str, str, str]:
    return (r["id"], r.get("dataset", "chronology"), r.get("locator", ""))


def _periods_differ(periods: list[str]) -> bool:
    """True if the periods do not overlap, or one spans well over a year and another much less (two years of
    deportations against a one-year quota); a month inside its year ("July 1928", "1928") does not differ."""
    spans = []
    for text in periods:
        try:
            p = parse_period(text)
        except CourseError:
            return True
        if p.start is None:
            return True
        spans.append((p.start, p.end))
    if any(a[1] < b[0] or b[1] < a[0] for a in spans for b in spans):
        return True
    years = [((e - b).days + 1) / 365.25 for b, e in spans]
    return max(years) >= 1.5 and min(years) <= max(years) / 1.5


def _date(text: str) -> dt.date:
    for f in ("%B %d, %Y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), f).date()
        except ValueError:
            continue
    raise CourseError(f"tallies: {text!r} is not a date of one day (write it like 'January 20, 1929').")


def _check(c: Check, rows: dict) -> dict:
    if c.kind not in CHECK_KINDS:
        raise UnknownNameError("check kind", c.kind, list(CHECK_KINDS))
    rs = [_row(rows, i) for i in c.ids]
    shown = [f"{_number(r)} ({_period(r)}, {r['id']})" for r in rs]
    srcs = _sources(rs)
    periods = list(dict.fromkeys(_period(r) for r in rs))
    caveats = []
    if len(srcs) > 1 and c.kind != "dates":
        caveats.append(TWO_PUBLICATIONS)
    if c.kind not in ("change", "sum", "dates") and _periods_differ(periods):
        caveats.append(f"the periods differ ({' against '.join(periods)})")
    flag = False
    if c.kind == "dates":
        a, b = (_date(r["date"]) for r in rs)
        days = abs((b - a).days)
        result = f"{days} days apart" if days else "the same day"
        computation = f"{rs[0]['date']} ({rs[0]['id']}) against {rs[1]['date']} ({rs[1]['id']})"
        verdict = "The two texts date one event differently: at most one of them can be right." if days else "Agree."
        flag = days > 0
    else:
        v = [float(r["value"]) for r in rs]
        if c.kind == "share":
            x = 100 * v[0] / v[1]
            result = f"{fmt(x, 1)}%"
            computation = f"100 × {shown[0]} / {shown[1]} = {fmt(x, 1)}%"
            verdict = f"A difference of {fmt(abs(v[1] - v[0]))} {rs[0]['unit']}."
            flag = not math.isclose(v[0], v[1], rel_tol=1e-9)
        elif c.kind == "per":
            x = v[0] / v[1]
            result = f"{fmt(x, 2)} {c.label}"
            computation = f"{shown[0]} / {shown[1]} = {fmt(x, 2)} {c.label}"
            verdict = ""
        elif c.kind == "change":
            x = 100 * (v[1] / v[0] - 1)
            result = f"{'+' if x >= 0 else '−'}{fmt(abs(x), 1)}%"
            computation = f"{shown[1]} against {shown[0]}: ×{fmt(v[1] / v[0], 3)}, i.e. {result}"
            verdict = ""
        elif c.kind == "sum":
            total = sum(v[:-1])
            result = f"{fmt(total)} against {fmt(v[-1])}"
            computation = " + ".join(shown[:-1]) + f" = {fmt(total)}, against {shown[-1]}"
            same = math.isclose(total, v[-1], rel_tol=1e-9)
            verdict = (
                "The parts add up exactly to the whole: most probably the whole was computed from these parts, "
                "so it does not confirm them."
                if same
                else f"The parts add up to {fmt(total)}, not {fmt(v[-1])}: they do not make up this whole."
            )
            flag = not same
        elif c.kind == "gap":
            x = v[0] - v[1]
            result = f"{'+' if x >= 0 else '−'}{fmt(abs(x))} {rs[0]['unit']}"
            computation = f"{shown[0]} − {shown[1]} = {result}"
            verdict = f"The first is {fmt(abs(x))} {rs[0]['unit']} {'above' if x >= 0 else 'below'} the second."
            flag = not math.isclose(v[0], v[1], rel_tol=1e-9)
        else:  # same
            same = math.isclose(v[0], v[1], rel_tol=1e-9)
            result = "equal" if same else f"{fmt(v[0])} against {fmt(v[1])}"
            computation = f"{shown[0]} against {shown[1]}"
            verdict = "The two numbers are the same." if same else "The two numbers differ."
            flag = not same
    if caveats:
        verdict = (verdict + " Caution: " + "; ".join(caveats) + ".").strip()
    f = finding(
        "several counts",
        rs[0].get("series", "event"),
        " / ".join(periods),
        [_rec(r) for r in rs],
        computation,
        result,
        flag,
        verdict,
    )
    f["check"] = c.kind
    return f


def checks(topic: str) -> pd.DataFrame:
    """Every declared check of ``topic`` as a finding (see :mod:`helpers.evidence.findings`)."""
    t = _topic(topic)
    rows = _rows()
    return frame([_check(c, rows) for c in t["checks"]], extra=["check"])


def weigh(topic: str) -> Text:
    """The checks of ``topic`` written out: what was computed, and what it shows."""
    t = _topic(topic)
    rows = _rows()
    what = {e.id: e.what for e in t["entries"]}
    lines = [f"**{t['title']}**", ""]
    marked = False
    for c in t["checks"]:
        f = _check(c, rows)
        verdict, mark = _once(f["verdict"])
        marked |= bool(mark)
        if c.say:
            lines.append(f"* {mark}{c.say}: **{f['result']}**. {verdict}".rstrip())
            continue
        names = [
            f"{what.get(i, i)} ({_number(rows[i])}"
            + (f", {_period(rows[i])})" if rows[i]["table"] == "estimates" else ")")
            for i in c.ids
        ]
        if c.kind == "sum":
            head = " + ".join(names[:-1]) + f" against {names[-1]}"
        elif c.kind == "per":
            head = f"{names[0]} per {names[1]}"
        else:
            head = " against ".join(names)
        lines.append(f"* {mark}{head}: **{f['result']}**. {verdict}".rstrip())
    if marked:
        lines += ["", "† Sets two publications side by side: they may count different things."]
    return Text("\n".join(lines))


def _once(verdict: str) -> tuple[str, str]:
    """The verdict without the two-publications caution, and the mark (†) that stands for it in a list."""
    if TWO_PUBLICATIONS not in verdict:
        return verdict, ""
    for old, new in (
        (f"Caution: {TWO_PUBLICATIONS}.", ""),
        (f"{TWO_PUBLICATIONS}; ", ""),
    ):
        verdict = verdict.replace(old, new)
    return " ".join(verdict.split()), "† "
