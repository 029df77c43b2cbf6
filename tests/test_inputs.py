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
    with pytest.raises(InputError, match="geen heel getal.*Typ alleen cijfers"):
        inputs.parse_participants("23 65 jaar")
    with pytest.raises(InputError, match="te veel.*0 tot en met 10000"):
        inputs.parse_participants("2365914")
    with pytest.raises(InputError):
        inputs.parse_participants("-3")


def test_groups_are_read_checked_and_written_back_the_same():
    groups = inputs.parse_groups("65 jaar en ouder = 9; jonger dan 30: 2, kinderen 1")
    assert groups == {"65 jaar en ouder": 9, "jonger dan 30": 2, "kinderen": 1}
    assert inputs.parse_groups(inputs.format_groups(groups)) == groups
    with pytest.raises(InputError, match="begrijp ik niet"):
        inputs.parse_groups("65 jaar en ouder")
    with pytest.raises(InputError, match="meer dan de 5 deelnemers"):
        inputs.parse_groups("65+ = 9", participants=5)
    assert inputs.parse_groups("65+ = 9", participants=0) == {"65+": 9}  # total not counted yet


def test_vote_line_names_a_known_theme_and_a_bounded_number():
    assert inputs.parse_vote_line("Bewegen 12", THEMES) == ("Bewegen", 12)
    assert inputs.parse_vote_line("groen   -1", THEMES) == ("Groen", -1)
    assert inputs.parse_vote_line("eenz", THEMES) == ("Eenzaamheid", 1)
    with pytest.raises(InputError, match="past bij Bewegen, Bereikbaarheid. Typ meer letters"):
        inputs.parse_vote_line("Be 2", THEMES)
    with pytest.raises(InputError, match="is er niet. Kies uit"):
        inputs.parse_vote_line("Verkeer 2", THEMES)
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
