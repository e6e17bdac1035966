"""The course's one expression language (exercises' computed:, stated numbers' compute:)."""

from __future__ import annotations

import pytest

from helpers.data.paths import read_yaml
from helpers.errors import DataFileError
from helpers.evidence.expressions import ExpressionError, evaluate


def test_the_vocabulary_computes_from_the_data():
    assert evaluate('figure("su_rec-060")') == 2107.0
    assert evaluate('sum(figure(f"su_ind-{n:03d}") for n in range(51, 56))') == pytest.approx(16353.0)
    assert evaluate('convert(1000, "thousand poods", "thousand tons")') == pytest.approx(16.38, abs=0.01)


@pytest.mark.parametrize(
    "bad, said",
    [
        ("__import__('os').system('true')", "unknown name '__import__'"),
        ("open('README.md').read()", "unknown name 'open'"),
        ("data.__dict__", "private name '__dict__'"),
        ("data._private", "private name '_private'"),
        ("(lambda: 1)()", "Lambda is not allowed"),
        ("figure('su_rec-060') if True else 0", "IfExp is not allowed"),
        ("fig('su_rec-060')", r"fig\(\) is now called figure\(\)"),
        ("est('mitchell_pig_iron_1925')", r"est\(\) is now called estimate\(\)"),
        ("1 +", "not a Python expression"),
        ("", "non-empty text"),
    ],
)
def test_anything_else_is_refused_with_the_reason(bad, said):
    with pytest.raises(ExpressionError, match=said):
        evaluate(bad)


def test_a_figure_without_a_number_is_an_error_not_zero():
    with pytest.raises(ExpressionError, match="su_rec-093.*no value"):
        evaluate('figure("su_rec-093")')


def test_an_unknown_estimate_names_similar_ids():
    with pytest.raises(ExpressionError, match="no independent estimate with id 'mitchell_pig_iron_1800'; similar"):
        evaluate('estimate("mitchell_pig_iron_1800")')


def test_a_key_written_twice_in_a_yaml_entry_is_an_error(tmp_path):
    f = tmp_path / "twice.yml"
    f.write_text("01-ex-a:\n  kind: numeric\n  computed: 1 + 1\n  hints: [h]\n  computed: 2 + 2\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"twice.yml: the key 'computed' is written twice .*lines 3 and 5"):
        read_yaml(f)
