"""Every pandas table a course notebook shows is a plain table a student can read (helpers.ui.tables)."""

from __future__ import annotations

import math

import pandas as pd

from helpers.ui import tables


def test_missing_values_lists_and_numbers_read_as_the_course_writes_them():
    assert tables.cell_text(math.nan) == tables.cell_text(None) == tables.cell_text(()) == "–"
    assert tables.cell_text(1803392) == "1,803,392" and tables.cell_text(246.70) == "246.7"
    assert tables.cell_text(2.0) == "2" and tables.cell_text(0.123456) == "0.123"
    assert tables.cell_text(("su_rec", "su_ind")) == "su_rec, su_ind" and tables.cell_text(True) == "yes"


def test_a_table_has_no_row_numbers_no_nan_and_keeps_long_text_whole():
    passage = "The XIV Congress of the All-Union Communist Party of Bolsheviks " * 5
    df = pd.DataFrame({"passage": [passage, "short"], "value": [66.5, float("nan")]})
    html = tables.readable_html(df)
    assert "NaN" not in html and ">–<" in html and ">66.5<" in html
    assert passage.strip() in html.replace("&#x27;", "'")  # in full, never cut with "…"
    assert "<th" in html and html.count("<tr>") == 3  # header and two rows, no index column
    assert ">0<" not in html and ">1<" not in html
    assert "font-size:max(0.95em,11px)" in html and "overflow-wrap:anywhere" in html


def test_row_labels_that_mean_something_are_kept():
    s = pd.Series([11324.0, 25770.0], index=pd.Index(["1921/22", "1925/26"], name="period"), name="coal")
    html = tables.readable_html(s)
    assert ">period<" in html and ">1921/22<" in html and ">11,324<" in html


def test_outside_a_kernel_nothing_is_installed():
    assert tables.install() is False
