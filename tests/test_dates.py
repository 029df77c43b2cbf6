"""Dates as a Dutch facilitator types them (wijksessie.dates)."""

import datetime as dt

import pytest

from wijksessie.dates import describe_date, parse_date, preview
from wijksessie.errors import UserError
from wijksessie.i18n import set_language

# A Wednesday.
TODAY = dt.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def dutch():
    set_language("nl")
    yield
    set_language("nl")


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("2027-02-01", dt.date(2027, 2, 1)),
        ("1-2-2027", dt.date(2027, 2, 1)),
        ("01-02-2027", dt.date(2027, 2, 1)),
        ("1/2/27", dt.date(2027, 2, 1)),
        ("1.2.2027", dt.date(2027, 2, 1)),
        ("1 februari", dt.date(2027, 2, 1)),
        ("1 Februari 2027", dt.date(2027, 2, 1)),
        ("1 feb 2027", dt.date(2027, 2, 1)),
        ("1 feb. 2027", dt.date(2027, 2, 1)),
        ("3 mrt", dt.date(2027, 3, 3)),
        ("12 sept 2027", dt.date(2027, 9, 12)),
        ("  vandaag ", TODAY),
        ("morgen", dt.date(2026, 12, 3)),
        ("overmorgen", dt.date(2026, 12, 4)),
        ("gisteren", dt.date(2026, 12, 1)),
        ("dinsdag", dt.date(2026, 12, 8)),
        ("Dinsdag", dt.date(2026, 12, 8)),
        ("woensdag", dt.date(2026, 12, 9)),  # today is Wednesday: the next one
        ("volgende vrijdag", dt.date(2026, 12, 4)),
        ("vorige maandag", dt.date(2026, 11, 30)),
        ("1 december", dt.date(2026, 12, 1)),  # nearest: yesterday, not next year
        ("1-2", dt.date(2027, 2, 1)),
    ],
)
def test_the_forms_a_dutch_person_types(typed, expected):
    assert parse_date(typed, TODAY) == expected


@pytest.mark.parametrize(
    "typed, words",
    [
        ("", "geen datum"),
        ("31-2-2027", "bestaat niet"),
        ("13-13-2027", "Deze maand bestaat niet: 13 (in: 13-13-2027)."),
        ("1-1-1999", "tussen 2000 en 2100"),
        ("2150-01-01", "tussen 2000 en 2100"),
        ("1 flop", "Dit is geen maand: flop."),
        ("binnenkort", "Dit is geen datum die het programma kent: binnenkort."),
        ("12345", "Dit is geen datum die het programma kent: 12345."),
    ],
)
def test_unclear_input_gets_one_dutch_line(typed, words):
    with pytest.raises(UserError) as caught:
        parse_date(typed, TODAY)
    message = str(caught.value)
    assert words in message
    assert "\n" not in message
    assert "Typ" in message or "Kijk" in message


def test_the_result_in_words_before_saving():
    assert describe_date(dt.date(2027, 2, 2)) == "dinsdag 2 februari 2027"
    assert describe_date(dt.date(2026, 12, 3), TODAY) == "donderdag 3 december 2026 (morgen)"
    assert describe_date(dt.date(2027, 2, 1), TODAY) == "maandag 1 februari 2027 (over 2 maanden)"
    assert describe_date(dt.date(2026, 11, 25), TODAY).endswith("(7 dagen geleden)")


def test_preview_gives_date_or_the_error_line():
    assert preview("morgen", TODAY) == (dt.date(2026, 12, 3), "donderdag 3 december 2026 (morgen)")
    day, line = preview("32-1-2027", TODAY)
    assert day is None and "bestaat niet" in line


def test_english_interface_also_understands_english_names():
    set_language("en")
    assert parse_date("tomorrow", TODAY) == dt.date(2026, 12, 3)
    assert parse_date("1 February 2027", TODAY) == dt.date(2027, 2, 1)
    # Dutch keeps working whatever the interface language.
    assert parse_date("dinsdag", TODAY) == dt.date(2026, 12, 8)
    assert describe_date(dt.date(2027, 2, 2), lang="en") == "Tuesday, 2 February 2027"  # British, like the texts
