import pytest

from helpers.numbers import parse_stated_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("8,090", 8090), ("61,035,300", 61035300), ("2 1 / 2", 2.5), ("5 1/2", 5.5), ("3, 62", 3.62),
        ("164 .7", 164.7), ("16.2", 16.2), ("0.4%", 0.4), ("twice", 2), ("almost seven times", 7),
        ("more than doubled", 2), ("about half", 0.5), ("(15 times)", 15), ("almost sixfold", 6),
        ("приблизно половину", 0.5), ("3-х", 3), ("94 тис.", 94), ("over a billion", 1), ("not manufactured", 0),
    ],
)
def test_stated_numbers(text, value):
    assert parse_stated_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "the recovery period", "Comrade Stalin"])
def test_phrases_without_numbers(text):
    assert parse_stated_number(text) is None
