"""Rules of the domain model: decisions, ranking with ties, representation, feedback debt."""

from __future__ import annotations

import datetime as dt

import pytest

from wijksessie import model
from wijksessie.model import (
    Contribution,
    DecisionStatus,
    ModelError,
    ParticipationLevel,
    Priorities,
    Session,
    Tally,
)


def test_not_adopted_needs_a_reason():
    c = Contribution.new("Meer bankjes in het park", theme="groen")
    with pytest.raises(ModelError, match="reden"):
        model.decide(c, "not_adopted")
    decided = model.decide(c, "not_adopted", reason="Het park wordt volgend jaar heringericht.")
    assert decided.decision.status is DecisionStatus.NOT_ADOPTED
    assert decided.decision.reason.startswith("Het park")
    assert c.decision.status is DecisionStatus.OPEN, "the original is not changed"


def test_referred_needs_an_organisation():
    c = Contribution.new("Hulp bij formulieren")
    with pytest.raises(ModelError, match="organisatie"):
        model.decide(c, "referred", reason="past beter bij het buurtteam")
    assert model.decide(c, "referred", organisation="Buurtteam Noord").decision.organisation == "Buurtteam Noord"


def test_unknown_status_lists_the_choices():
    c = Contribution.new("x")
    with pytest.raises(ModelError) as err:
        model.decide(c, "misschien")
    assert str(err.value) == (
        "Deze status bestaat niet: misschien. "
        "Kies uit: open, under_review, adopted, partly_adopted, not_adopted, referred, done."
    )
    with pytest.raises(ModelError) as err:
        model.decide(c, "adopted", due="volgende week")
    assert str(err.value) == (
        "Dit is geen geldige datum: volgende week. Het gaat om: due. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-01."
    )


def test_empty_contribution_is_refused():
    with pytest.raises(ModelError):
        Contribution.new("   ")


def test_ranking_keeps_ties_as_ties():
    p = Priorities()
    p.add("Groen", 5)
    p.add("Verkeer", 5)
    p.add("Eenzaamheid", 3)
    p.add("Geldzorgen", 7)
    ranking = p.ranking()
    assert [(r.rank, r.theme, r.votes, r.tied) for r in ranking] == [
        (1, "Geldzorgen", 7, False),
        (2, "Groen", 5, True),
        (2, "Verkeer", 5, True),
        (4, "Eenzaamheid", 3, False),
    ]


def test_top_takes_tied_themes_along_and_votes_never_go_below_zero():
    p = Priorities()
    p.add("a", 4)
    p.add("b", 2)
    p.add("c", 2)
    assert p.top(2) == ["a", "b", "c"]
    assert p.add("a", -10) == 0
    assert p.top(1) == ["b", "c"]


def test_representation_gap_warns_for_clearly_missing_group():
    tally = Tally(participants=20, groups={"migratieachtergrond": 2, "65+": 8})
    gaps = model.representation_gaps(tally, {"migratieachtergrond": 0.4, "65+": 0.3})
    assert [g.group for g in gaps] == ["migratieachtergrond"]
    assert gaps[0].actual_share == pytest.approx(0.1)
    assert model.representation_gaps(Tally(), {"x": 0.5}) == []


def test_feedback_debt():
    s = Session.new("Gesprek", "Noord", date="2026-01-10", feedback_due="2026-02-01")
    assert model.feedback_overdue(s, today=dt.date(2026, 2, 2))
    assert not model.feedback_overdue(s, today=dt.date(2026, 1, 31))
    s.letter_sent = dt.date(2026, 1, 30)
    assert not model.feedback_overdue(s, today=dt.date(2026, 3, 1))


def test_session_defaults_need_only_title_and_neighbourhood():
    s = Session.new("Gezond in de wijk", "Bloemenwijk", date="2026-11-24")
    assert s.level is ParticipationLevel.ADVISE_EARLY
    assert s.feedback_due == dt.date(2026, 11, 24) + dt.timedelta(days=model.DEFAULT_FEEDBACK_DAYS)
    assert s.languages == ["nl"]
    with pytest.raises(ModelError, match="wijk"):
        Session.new("x", " ")


def test_session_round_trips_through_dict():
    s = Session.new("Titel", "Wijk", date="2026-11-24", level="co_decide", languages=["nl", "tr"])
    s.add_theme("Groen")
    assert not s.add_theme("groen"), "the same theme twice is not added"
    s.priorities.add("Groen", 3)
    s.tally = Tally(12, {"jongeren": 3})
    assert Session.from_dict(s.to_dict()) == s


def test_every_level_explains_itself_in_plain_words():
    for level in ParticipationLevel:
        assert level.explanation and level.promise and level.label
        assert all(len(sentence.split()) <= 15 for sentence in level.explanation.split(". "))


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "abc", "title": 5},
        {"id": "../etc", "title": "x"},
        {"id": "abc", "date": "24-11-2026"},
        {"id": "abc", "level": "dictator"},
        {"id": "abc", "priorities": {"votes": {"groen": "veel"}}},
        {"id": "abc", "tally": {"participants": "twaalf"}},
    ],
)
def test_hand_edited_session_with_wrong_types_gives_a_clear_error(bad):
    with pytest.raises(ModelError):
        Session.from_dict(bad)


def test_labelled_enums_give_value_label_and_choices():
    from wijksessie.enums import ContributionKind, PersonPurpose

    assert DecisionStatus("not_adopted") is DecisionStatus.NOT_ADOPTED
    assert DecisionStatus.NOT_ADOPTED.label == "niet overgenomen"
    assert ContributionKind.choices() == ("idea", "problem", "question", "experience")
    assert PersonPurpose.HELP.label == "meehelpen"
    assert DecisionStatus.ADOPTED == "adopted", "a member still compares equal to its stored text"


@pytest.mark.parametrize(
    "bad,words",
    [
        ({"id": "abc", "title": 5}, "Dit veld moet tekst zijn: title. Nu is het: 5."),
        ({"id": "abc", "level": "dictator"}, "Dit niveau van invloed bestaat niet: dictator. Kies uit: none, inform, consult_late, advise_early, co_decide, partner, self_govern."),
        ({"id": "abc", "date": "24-11-2026"}, "Dit is geen geldige datum: 24-11-2026. Het gaat om: date. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-01."),
        ({"id": "abc", "priorities": {"votes": {"groen": "veel"}}}, "In dit veld moeten alle waarden hele getallen zijn: votes."),
        ({"id": "abc", "tally": {"participants": "twaalf"}}, "Dit veld moet een heel getal zijn: participants. Nu is het: 'twaalf'."),
        ({"title": "x"}, "Dit veld ontbreekt of is leeg: id."),
        ({"id": "abc", "preparation": "veel"}, "Dit veld moet een lijst van velden zijn: preparation. Nu is het: 'veel'."),
    ],
)
def test_wrong_types_are_named_in_one_dutch_sentence(bad, words):
    with pytest.raises(ModelError) as err:
        Session.from_dict(bad)
    assert str(err.value) == words


def test_every_field_is_written_also_when_it_was_left_at_its_default():
    c = Contribution.from_dict({"id": "abc123", "text": "Meer bankjes"})
    data = c.to_dict()
    assert data["kind"] == "idea" and data["decision"]["status"] == "open" and data["theme"] == ""
    assert Contribution.from_dict(data) == c
