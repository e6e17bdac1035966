"""The panels the benchmark drives: those of notebooks/99_chart_gallery.ipynb, with a cycle of control changes.

Every change is a single control change (what a student does with one click or key
press). ``gallery()`` returns ``{name: (panel, [change, ...])}``.
"""

from __future__ import annotations

from helpers import independent, widgets

CC = "comparable circle"


def gallery():
    gross = widgets.timeseries_panel(
        {
            "Comparable circle (su_rec)": ("gross_output_large_scale_industry", {"scope": CC, "source": "su_rec"}),
            "Comparable circle (su_ind)": ("gross_output_large_scale_industry", {"scope": CC, "source": "su_ind"}),
            "Full range of industries": ("gross_output_large_scale_industry", {"scope": "full range"}),
        },
        title="Gross output of large-scale industry, 1913–1929",
        base="1913",
    )
    all3 = tuple(gross.options("series"))
    gross_changes = [
        {"base": "absolute"},
        {"scale": "log"},
        {"base": "1921"},
        {"scale": "linear"},
        {"series": all3[:2]},
        {"years": ("1913", "1925")},
        {"period": "1913"},
        {"period": "1925"},
        {"years": ("1913", "1929")},
        {"series": all3},
        {"period": ""},
        {"base": "1913"},
    ]

    coal = widgets.timeseries_panel(
        {
            "Coal mined, economic years (su_rec)": ("coal_output", {"source": "su_rec"}),
            "Coal mined, calendar years (su_ind)": ("coal_output", {"source": "su_ind", "kind": "level"}),
        },
        title="Coal mined: economic and calendar years",
        allow_mixed_periods=True,
    )
    yrs = coal.options("years")
    coal_changes = [
        {"scale": "log"},
        {"years": (yrs[1], yrs[-1])},
        {"base": "1925"},
        {"period": "1925"},
        {"scale": "linear"},
        {"years": (yrs[0], yrs[-1])},
        {"base": "absolute"},
        {"period": ""},
    ]

    pig = widgets.timeseries_panel(
        {"Pig iron (sources)": ("pig_iron_output", {"prefer": ["su_ind", "su_rec"], "periods": "calendar"})},
        title="Pig iron smelted, 1913–1932: the sources and Mitchell's series",
        independent={"Pig iron (sources)": independent.series("pig_iron_output", dataset="Mitchell via CEDS")},
        compare="both",
        years=("1913", "1932"),
    )
    pig_changes = [
        {"compare": "official"},
        {"compare": "independent"},
        {"base": "1913"},
        {"scale": "log"},
        {"compare": "both"},
        {"period": "1925"},
        {"scale": "linear"},
        {"base": "absolute"},
        {"period": ""},
    ]

    recovery = widgets.small_multiples_panel(
        {
            "Fixed assets of large-scale industry": ("fixed_assets_large_scale_industry", {"source": "su_rec"}),
            "Gross output, comparable circle": ("gross_output_large_scale_industry", {"scope": CC, "source": "su_rec"}),
            "Coal mined": ("coal_output", {"source": "su_rec"}),
            "Workers in factory industry": ("workers_large_scale_industry", {"kind": "level"}),
        },
        title="Recovery, 1920–1925/26: four measures, each on its own scale",
        years=("1920", "1925/26"),
    )
    four = tuple(recovery.options("series"))
    recovery_changes = [
        {"base": "1921"},
        {"scale": "log"},
        {"series": four[:2]},
        {"period": "1921"},
        {"series": four},
        {"scale": "linear"},
        {"base": "absolute"},
        {"period": ""},
    ]

    group_a = widgets.shares_panel(
        {"Group A: means of production": ("share_group_a", {"scope": "large-scale industry"})},
        title="Share of group A in the output of large-scale industry",
        remainder_label="rest: group B, consumer goods (100% minus group A; computed)",
    )
    group_changes = [
        {"layout": "grouped"},
        {"period": "1913"},
        {"years": ("1921", "1925")},
        {"layout": "stacked"},
        {"remainder": False},
        {"years": ("1913", "1929")},
        {"remainder": True},
        {"period": ""},
    ]

    plan = widgets.plan_panel(
        {
            "Growth of industrial output, 1928/29": {
                "targets": {"five-year plan": "plan_growth_rate_gross_output"},
                "actual": ("growth_rate_gross_output", {"source": "su_ind", "periods": "economic"}),
                "actual_label": "outcome (su_ind)",
            },
            "Capital investment in industry, 1928/29–1932/33": {
                "targets": {"five-year plan": "plan_capital_investment_industry"},
                "note": "The sources give no outcome for these years.",
            },
        },
    )
    items = plan.options("item")
    plan_changes = [
        {"show": "% of plan"},
        {"show": "values"},
        {"period": "1928/29"},
        {"item": items[1]},
        {"years": ("1929/30", "1932/33")},
        {"item": items[0]},
    ]

    metal = widgets.before_after_panel(
        {
            "Pig iron": ("pig_iron_output", {"prefer": ["su_ind", "su_rec"], "periods": "calendar"}),
            "Steel": ("steel_output", {"prefer": ["su_ind", "su_rec"]}),
            "Coal": ("coal_output", {"prefer": ["su_ind", "su_rec"], "periods": "calendar", "kind": "level"}),
        },
        title="Pig iron, steel and coal: 1913, 1925, 1929",
        years=("1913", "1921", "1925", "1929"),
        shown_years=("1913", "1925", "1929"),
    )
    metal_changes = [
        {"base": "1913"},
        {"years": ("1913", "1921", "1925", "1929")},
        {"period": "1925"},
        {"series": ("Pig iron", "Steel")},
        {"base": "absolute"},
        {"series": ("Pig iron", "Steel", "Coal")},
        {"years": ("1913", "1925", "1929")},
        {"period": ""},
    ]

    return {
        "time series (gross output)": (gross, gross_changes),
        "time series, mixed years (coal)": (coal, coal_changes),
        "official vs independent (pig iron)": (pig, pig_changes),
        "small multiples (recovery)": (recovery, recovery_changes),
        "shares (group A)": (group_a, group_changes),
        "plan vs outcome": (plan, plan_changes),
        "before/after (1913/1925/1929)": (metal, metal_changes),
    }
