"""The rules for what a facilitator types in the meeting (no screen needed)."""

from __future__ import annotations

import datetime as dt

import pytest

from wijksessie import inputs
from wijksessie.inputs import InputError

THEMES = ["Bewegen", "Bereikbaarheid", "Eenzaamheid", "Groen"]


def test_participants_digits_only_and_bounded():
    assert inputs.parse_participants("23") == 23
    assert inputs.parse_participants("  ") == 0
    with pytest.raises(InputError) as err:
        inputs.parse_participants("23 65 jaar")
    assert str(err.value) == (
        "Dit is geen heel getal: 23 65 jaar. Het gaat om: Aantal deelnemers. Typ alleen cijfers, bijvoorbeeld 23."
    )
    with pytest.raises(InputError) as err:
        inputs.parse_participants("2365914")
    assert str(err.value) == (
        "Dit is te veel: 2365914. Het gaat om: Aantal deelnemers. Typ een getal van 0 tot en met 10000."
    )
    with pytest.raises(InputError):
        inputs.parse_participants("-3")


def test_groups_are_read_checked_and_written_back_the_same():
    groups = inputs.parse_groups("65 jaar en ouder = 9; jonger dan 30: 2, kinderen 1")
    assert groups == {"65 jaar en ouder": 9, "jonger dan 30": 2, "kinderen": 1}
    assert inputs.parse_groups(inputs.format_groups(groups)) == groups
    with pytest.raises(InputError) as err:
        inputs.parse_groups("65 jaar en ouder")
    assert str(err.value) == (
        "Dit begrijp ik niet: 65 jaar en ouder. Schrijf het als: groep = aantal, bijvoorbeeld 65 jaar en ouder = 4."
    )
    with pytest.raises(InputError) as err:
        inputs.parse_groups("65+ = 9", participants=5)
    assert str(err.value) == (
        "Deze groep is groter dan het aantal deelnemers: 65+ = 9. Er zijn 5 deelnemers. Pas het aantal aan."
    )
    assert inputs.parse_groups("65+ = 9", participants=0) == {"65+": 9}  # total not counted yet


def test_vote_line_names_a_known_theme_and_a_bounded_number():
    assert inputs.parse_vote_line("Bewegen 12", THEMES) == ("Bewegen", 12)
    assert inputs.parse_vote_line("groen   -1", THEMES) == ("Groen", -1)
    assert inputs.parse_vote_line("eenz", THEMES) == ("Eenzaamheid", 1)
    with pytest.raises(InputError) as err:
        inputs.parse_vote_line("Be 2", THEMES)
    assert str(err.value) == (
        "Dit past bij meer dan één thema: Be. Deze thema's passen: Bewegen, Bereikbaarheid. Typ meer letters."
    )
    with pytest.raises(InputError) as err:
        inputs.parse_vote_line("Verkeer 2", THEMES)
    assert str(err.value) == "Dit thema is er niet: Verkeer. Kies uit: Bewegen, Bereikbaarheid, Eenzaamheid, Groen."
    with pytest.raises(InputError, match="te veel"):
        inputs.parse_vote_line("Groen 5000", THEMES)
    with pytest.raises(InputError, match="verandert niets"):
        inputs.parse_vote_line("Groen 0", THEMES)
    with pytest.raises(InputError, match="Alleen een getal"):
        inputs.parse_vote_line("12", THEMES)


def test_type_ahead_puts_themes_that_start_with_the_letters_first():
    assert inputs.filter_themes("", THEMES) == THEMES
    assert inputs.filter_themes("be", THEMES) == ["Bewegen", "Bereikbaarheid"]
    assert inputs.filter_themes("g", THEMES) == ["Groen", "Bewegen"]  # starts with g, then contains g
    assert inputs.match_theme("GROEN", THEMES) == "Groen"


def test_due_date_in_dutch_forms():
    today = dt.date(2026, 12, 2)
    assert inputs.parse_due_date("", today) is None
    assert inputs.parse_due_date("1-2-2027", today) == dt.date(2027, 2, 1)
    assert inputs.parse_due_date("1 februari", today) == dt.date(2027, 2, 1)
    with pytest.raises(Exception, match="geen datum"):
        inputs.parse_due_date("straks", today)
