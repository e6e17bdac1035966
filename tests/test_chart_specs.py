"""Charts declared in data/charts/*.yml: every one builds, draws and describes itself; bad declarations
are refused with a message naming the file, the id and what is allowed."""

from __future__ import annotations

import pytest
import yaml
from _paths import ROOT

from helpers import data, widgets
from helpers.data import paths
from helpers.ui import declarations


def _given() -> dict[str, dict]:
    """The series notebooks compute themselves and pass in (``{given: name}``), computed as they do."""
    private = data.series("private_gross_output_factory_industry")
    share = data.series("share_private_gross_output_factory_industry", source="su_rec")
    rest = (private / share * 100 - private).round(1)
    rest.attrs = {"unit": "million rubles", "price_basis": "unstated"}
    plan = data.series("plan_capital_investment_industry")
    cumulative = plan.cumsum().rename("plan_capital_investment_industry_cumulative")
    cumulative.attrs = plan.attrs | {"name": "plan_capital_investment_industry_cumulative"}
    return {"rest": rest, "cumulative": cumulative}


def _needs(spec) -> set[str]:
    """The names of the ``{given: name}`` selections anywhere in a declaration."""
    found = set()
    if isinstance(spec, dict):
        if set(spec) == {"given"}:
            return {spec["given"]}
        for v in spec.values():
            found |= _needs(v)
    elif isinstance(spec, list):
        for v in spec:
            found |= _needs(v)
    return found


GIVEN = _given()
IDS = sorted(declarations.declared())


@pytest.mark.parametrize("chart_id", IDS)
def test_every_declared_chart_builds_draws_and_describes_itself(chart_id):
    spec = declarations.declared(chart_id)
    number = chart_id.split("-")[0]
    if spec["_file"].startswith("local"):  # a copy's own charts (docs/adapting.md): any notebook's number
        notebooks = sorted(p.name[:2] for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
        assert number in notebooks, f"data/charts/{spec['_file']}: chart {chart_id!r} starts with no notebook's number"
    else:
        assert spec["_file"].split("_")[0] == number, "a chart's id starts with its notebook's number"
    given = {k: GIVEN[k] for k in _needs(spec)}
    panel = widgets.show(chart_id, **given)
    assert panel.error is None, panel.last_traceback
    assert panel.chart_id == chart_id and panel.chart_kind == spec["panel"]
    assert panel.png.startswith(b"\x89PNG") and panel.text.strip()
    if spec.get("title"):
        assert panel.title == spec["title"]
    bundle = panel._repr_mimebundle_()
    assert bundle["text/plain"].startswith(panel.title) and panel.text in bundle["text/plain"]
    assert "data:image/png;base64," in bundle["text/html"] and "nep-textalt" in bundle["text/html"]
    labels = list(spec.get("series") or spec.get("items") or [])
    if spec["panel"] == "plan":
        assert panel.options("item") == labels
    elif "series" in spec:
        assert panel.options("series") == labels


def test_chart_ids_are_unique_and_named_after_their_notebook():
    files = sorted((paths.data_dir() / "charts").glob("*.yml"))
    seen = {}
    for f in files:
        for key in yaml.safe_load(f.read_text(encoding="utf-8")):
            assert key not in seen, f"{key} in {f.name} and {seen.get(key)}"
            if not f.name.startswith("local_"):  # an instructor's own file may add charts to any notebook
                assert key.split("-")[0] == f.name.split("_")[0], (
                    f"data/charts/{f.name}: chart id {key!r} must begin with its notebook's number, "
                    f"{f.name.split('_')[0]}- (or put it in a data/charts/local_*.yml file of your own)"
                )
            seen[key] = f.name
    assert set(seen) == set(IDS)


@pytest.fixture
def declare(monkeypatch):
    """Declare charts for one test (replacing the course's declarations)."""

    def _declare(entries: dict) -> None:
        decl = {k: {**v, "_file": "98_test.yml"} for k, v in entries.items()}
        monkeypatch.setattr(paths, "read_declarations", lambda folder: decl)

    return _declare


@pytest.mark.parametrize(
    "entry, needle",
    [
        (
            {"panel": "pie", "title": "t", "series": {"a": "coal_output"}},
            "panel 'pie' is not a panel kind; allowed: timeseries",
        ),
        (
            {"panel": "timeseries", "title": "t", "series": {"a": "coal_output"}, "colour": "red"},
            "unknown option 'colour' for a timeseries panel; allowed:",
        ),
        (
            {"panel": "timeseries", "title": "t", "series": {"a": ["coal_output", {"sauce": "su_rec"}]}},
            "series 'a': unknown selector 'sauce'; allowed: kind, periods",
        ),
        (
            {"panel": "timeseries", "title": "t", "series": {"a": {"estimate": "coal_output", "datset": "x"}}},
            "unknown field 'datset'; an estimate selection takes:",
        ),
        (
            {"panel": "timeseries", "title": "t", "series": {"a": {"given": "rest"}}},
            "needs the series 'rest' from the notebook: widgets.show('98-x', rest=…)",
        ),
        (
            {"panel": "shares", "title": "t", "items": {"a": {"targets": "coal_output"}}},
            "'items' belongs to plan panels; a shares panel takes 'series'",
        ),
        ({"panel": "plan", "items": {"a": {"targets": "x", "outcome": "y"}}}, "item 'a': unknown field 'outcome'"),
        (
            {
                "panel": "before_after",
                "title": "t",
                "series": {"a": "coal_output"},
                "independent": {"a": {"estimate": "x"}},
            },
            "'independent' is drawn by time-series panels only",
        ),
        (
            {
                "panel": "timeseries",
                "title": "t",
                "series": {"a": "coal_output"},
                "independent": {"b": {"estimate": "coal_output"}},
            },
            "independent: 'b' is not one of the series: a",
        ),
        (
            {"panel": "timeseries", "title": "t", "series": {"a": "coal_output"}, "scale": "cubic"},
            "'cubic' is not a choice for 'Scale'; choose one of: 'linear', 'log'",
        ),
        (
            {"panel": "timeseries", "title": "t", "series": {"a": {"estimate_ids": ["no_such_row"]}}},
            "Unknown estimate id 'no_such_row'",
        ),
        (  # a misspelt series is an error, never a chart drawn without it
            {"panel": "timeseries", "title": "t", "series": {"a": "coal_outptu", "b": "coal_output"}},
            "series 'a': Unknown series 'coal_outptu'. Did you mean 'coal_output'",
        ),
        (
            {"panel": "timeseries", "title": "t", "series": {"a": ["pig_irn", {"source": "su_rec"}]}},
            "Unknown series 'pig_irn'. Did you mean 'pig_iron",
        ),
    ],
)
def test_bad_declarations_name_the_file_the_id_and_what_is_allowed(declare, entry, needle):
    declare({"98-x": entry})
    with pytest.raises(declarations.ChartSpecError) as err:
        widgets.show("98-x")
    assert str(err.value).startswith("data/charts/98_test.yml, chart '98-x': ")
    assert needle in str(err.value)


def test_an_unknown_chart_id_suggests_the_close_ones():
    with pytest.raises(KeyError, match="Did you mean '01-coal'"):
        widgets.show("01-cole")


def test_a_series_passed_but_never_used_is_refused(declare):
    declare({"98-x": {"panel": "timeseries", "title": "t", "series": {"a": "coal_output"}}})
    with pytest.raises(declarations.ChartSpecError, match="'rest' was passed but the declaration uses no"):
        widgets.show("98-x", rest=GIVEN["rest"])


def test_estimate_selections_cut_and_label_their_series(declare):
    declare(
        {
            "98-x": {
                "panel": "timeseries",
                "title": "t",
                "series": {"pig iron": ["pig_iron_output", {"source": "su_ind"}]},
                "independent": {
                    "pig iron": {
                        "estimate": "pig_iron_output",
                        "dataset": "Mitchell via CEDS",
                        "periods": [1925, 1932],
                        "label": "Mitchell",
                    }
                },
                "compare": "both",
                "base": 1925,
            }
        }
    )
    p = widgets.show("98-x")
    assert p.error is None and p.state["base"] == "1925"
    indep = p.independent[0]
    assert indep.label == "pig iron — Mitchell (compilation)"  # Mitchell is graded B: a compilation
    assert set(p.plotted[indep.label]) <= {str(y) for y in range(1925, 1933)}


NOTEBOOK_CALLS = {
    # call in a notebook → (declarations it reads, the kind of id)
    r"widgets\.show\(\s*[\"']([^\"']+)[\"']": ("charts", "chart"),
    r"ex\.show\(\s*[\"']([^\"']+)[\"']": ("exercises", "exercise"),
    r"timeline\(\s*[\"']([^\"']+)[\"']": ("timelines", "timeline"),
}


def test_every_id_a_notebook_shows_is_declared():
    import json
    import re

    root = paths.data_dir().parent
    for nb in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        code = "\n".join(
            "".join(c["source"])
            for c in json.loads(nb.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "code"
        )
        for pattern, (folder, what) in NOTEBOOK_CALLS.items():
            decl = paths.read_declarations(folder) if re.search(pattern, code) else {}
            for shown in re.findall(pattern, code):
                assert shown in decl, f"{nb.name} shows {what} {shown!r}, which data/{folder}/ does not declare"


def test_an_estimate_drawn_as_a_series_of_its_own_shows_its_citation(declare):
    declare(
        {
            "98-x": {
                "panel": "timeseries",
                "title": "t",
                "series": {"GDP": {"estimate": "gdp", "dataset": "Maddison Project 2020", "periods": [1925, 1928]}},
            }
        }
    )
    p = widgets.show("98-x")
    assert p.set(period="1928") and "independent estimate: Maddison Project 2020" in p.sources_text
    assert "Bolt" in p.sources_text and "No passage recorded" not in p.sources_html.value
