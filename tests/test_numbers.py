import pytest

from helpers.data.numbers import parse_stated_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("8,090", 8090),
        ("61,035,300", 61035300),
        ("2 1 / 2", 2.5),
        ("5 1/2", 5.5),
        ("3, 62", 3.62),
        ("164 .7", 164.7),
        ("16.2", 16.2),
        ("0.4%", 0.4),
        ("twice", 2),
        ("almost seven times", 7),
        ("more than doubled", 2),
        ("about half", 0.5),
        ("(15 times)", 15),
        ("almost sixfold", 6),
        ("приблизно половину", 0.5),
        ("3-х", 3),
        ("94 тис.", 94),
        ("over a billion", 1),
        ("not manufactured", 0),
    ],
)
def test_stated_numbers(text, value):
    assert parse_stated_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "the recovery period", "Comrade Stalin"])
def test_phrases_without_numbers(text):
    assert parse_stated_number(text) is None


@pytest.mark.parametrize(
    "text, value",
    [
        ("one and a half times", 1.5),
        ("two and a half times", 2.5),
        ("about one and a half", 1.5),
        ("more than halved", 2),
    ],
)
def test_a_whole_number_and_a_half(text, value):
    """Review §2.1: the word parser took the first number word ('one and a half' gave 1)."""
    assert parse_stated_number(text) == value


def test_word_numbers_hold_single_words_only():
    """Multi-word phrases ('a million') live in PHRASES; in WORD_NUMBERS they could never match."""
    from helpers.data.numbers import PHRASES, WORD_NUMBERS

    assert all(" " not in w for w in WORD_NUMBERS)
    assert parse_stated_number("a million") == PHRASES["a million"]


# ---- a number a student types ---------------------------------------------------------------------

from helpers.data.numbers import format_number, interval, parse_number, quantum  # noqa: E402


@pytest.mark.parametrize(
    "text, value",
    [
        ("1 535,5", 1535.5),
        ("1 535 000", 1535000),
        ("1\u00a0535,5", 1535.5),
        ("1.535.000,5", 1535000.5),
        ("1.535.000", 1535000),
        ("1,535,000.5", 1535000.5),
        ("1,535", 1535),
        ("127,6", 127.6),
        ("127.6", 127.6),
        ("45 %", 45),
        ("-3", -3),
        ("+0,5", 0.5),
        (",5", 0.5),
        ("1 535.5", 1535.5),
    ],
)
def test_typed_numbers_in_english_and_european_writing(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1 53,5", "12,345,6", "1.2.3", "1,5,5", "inf", "nan", "1e5"])
def test_unreadable_typed_numbers(text):
    assert parse_number(text) is None


# ---- printing a number -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (0.00001, "0.00001"),
        (-4e-05, "-0.00004"),
        (1e-7, "0.0000001"),
        (1234567.8, "1,234,567.8"),
        (123456789.123, "123,456,789.1"),
        (2.5e20, "250,000,000,000,000,000,000"),
        (8090, "8,090"),
        (3.62, "3.62"),
        (2 / 3, "0.6667"),
        (1000 / 3, "333.333"),
        (-1.5, "-1.5"),
        (float("nan"), "–"),
        (float("inf"), "∞"),
    ],
)
def test_format_number_as_stated(value, expected):
    """Review §2.1: small values collapsed to '0.00' and large ones took two forced decimals."""
    assert format_number(value) == expected


def test_format_number_rounded_never_shows_minus_zero():
    assert format_number(-0.0001, 2) == "0.00" and format_number(-0.006, 2) == "-0.01"
    assert format_number(1234.5678, 1) == "1,234.6"


def test_quantum_and_interval_of_written_numbers():
    assert quantum("1.3 million") == pytest.approx(0.1) and quantum("8,090") == 1 and quantum("2 1 / 2") == 0.5
    assert interval(1.3, "1.3") == pytest.approx((1.25, 1.35))
    assert interval(100, "100", "approx") == pytest.approx((90, 110))
    assert interval(100, "100", "almost") == pytest.approx((90, 100))
    assert interval(5, "5", "over")[1] == float("inf")


@pytest.mark.parametrize(
    "value, written, precision, band",
    [
        (2, "doubled", "exact", (1.8, 2.2)),  # not 1.5-2.5: a verbal multiple is read like "about"
        (2, "two times less", "exact", (1.8, 2.2)),
        (2, "twice as high", "exact", (1.8, 2.2)),
        (5, "5 times", "exact", (4.5, 5.5)),  # half a unit is 10% here: the same band
        (9, "9 times", "exact", (8.5, 9.5)),  # half a unit is narrower than 10%: kept
        (5.5, "5 1/2 times", "exact", (5.25, 5.75)),
        (5, "about five times lower", "approx", (4.5, 5.5)),
        (2, "about 2%", "approx", (1.5, 2.5)),  # "about" never stricter than "2%" (1.5-2.5)
        (100, "about 100", "approx", (90, 110)),
        (2, "two percent", "exact", (1.5, 2.5)),  # not a multiple
    ],
)
def test_verbal_multiples_are_never_looser_than_about_and_about_never_stricter(value, written, precision, band):
    assert interval(value, written, precision) == pytest.approx(band)
