"""The feedback loop over time (issue 14): answer history, letters sent, update letters,
follow-up meetings, agreement states, evaluations — and old files migrated without loss."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from wijksessie import model
from wijksessie.model import AgreementState, DecisionStatus, ModelError
from wijksessie.store import SessionStore

FIXTURE = Path(__file__).parent / "fixtures" / "session-schema1.json"
OLD_ID = "5cf0f4d8"


@pytest.fixture
def old_store(tmp_path) -> SessionStore:
    """A data folder holding a session file made by the version before the feedback loop (schema 1)."""
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(FIXTURE, data / f"{OLD_ID}.json")
    return SessionStore(data)


def test_a_schema_1_file_is_migrated_without_loss(old_store):
    before = json.loads(FIXTURE.read_text(encoding="utf-8"))
    with old_store.open(OLD_ID) as sf:
        s = sf.session
        assert (s.title, s.neighbourhood, s.place, s.tally.participants) == ("Gezond in Noord", "Noord", "Buurthuis De Brug", 23)
        assert s.priorities.votes == {"Groen": 4, "Bewegen": 2} and s.prompts["ideeen"] == ["Wat zou u helpen?", "Wat mist u?"]
        assert s.contact.phone == "06-12345678" and s.target_profile == {"65+": 0.3, "jongeren": 0.2}
        assert [c.text for c in sf.contributions()] == [d["text"] for d in before["contributions"].values()]
        assert [c.decision.status.value for c in sf.contributions()] == [
            d["decision"]["status"] for d in before["contributions"].values()]
        assert all(c.history == [] for c in sf.contributions())
        assert [a.state for a in sf.agreements()] == [AgreementState.PLANNED, AgreementState.PLANNED]
        assert [p.name for p in sf.people()] == ["Jan de Vries"]
        # The one letter schema 1 knew becomes the first letter sent, with what each point had then.
        assert s.letter_sent == dt.date(2026, 10, 20)
        [letter] = s.letters
        assert letter.sent == dt.date(2026, 10, 20) and letter.kind == "final" and letter.language == "nl"
        assert letter.answers["11fcbf"].status is DecisionStatus.ADOPTED
        assert letter.answers["a85978"].status is DecisionStatus.OPEN
    raw = json.loads(old_store.path_for(OLD_ID).read_text(encoding="utf-8"))
    assert raw["meta"]["1"]["schema_version"] == model.SCHEMA_VERSION
    for key, value in before["session"]["1"].items():
        assert raw["session"]["1"][key] == value, key
    for doc_id, doc in before["contributions"].items():
        for key, value in doc.items():
            if key != "decision":
                assert raw["contributions"][doc_id][key] == value, key
    backup = old_store.path_for(OLD_ID).with_name(f"{OLD_ID}.json.bak")
    assert json.loads(backup.read_text(encoding="utf-8")) == before, "the old file is kept as the backup copy"


def test_a_decision_is_never_overwritten():
    c = model.Contribution.new("Meer bankjes")
    c = model.decide(c, "under_review", due="2027-01-15", recorded_by="wijkteam")
    c = model.decide(c, "under_review", due="2027-01-15", recorded_by="wijkteam")
    assert c.history == [], "the same answer again is no change"
    c = model.decide(c, "adopted", owner="Gemeente", recorded_by="beleidsmedewerker Sanne")
    c = model.decide(c, "done", recorded_by="wijkteam")
    assert [d.status.value for d in c.answers()] == ["under_review", "adopted", "done"]
    assert [d.recorded_by for d in c.answers()] == ["wijkteam", "beleidsmedewerker Sanne", "wijkteam"]
    again = model.Contribution.from_dict(c.to_dict())
    assert again.answers() == c.answers()


def test_a_point_under_review_with_a_date_is_an_answer():
    c = model.Contribution.new("Meer bankjes")
    assert not c.decision.has_answer
    assert not model.decide(c, "under_review").decision.has_answer, "without a date residents do not know when"
    assert model.decide(c, "under_review", due="2027-01-15").decision.has_answer
    assert model.unanswered([c, model.decide(c, "adopted")]) == [c]


def test_agreement_states_keep_their_history_and_stopping_needs_a_reason():
    a = model.Agreement.new("Bankjes plaatsen", who="Wijkteam", by_when="2027-01-10")
    assert a.state is AgreementState.PLANNED and a.overdue(dt.date(2027, 1, 11))
    with pytest.raises(ModelError, match="reden"):
        model.set_agreement_state(a, "stopped")
    busy = model.set_agreement_state(a, "busy", recorded_by="wijkteam")
    done = model.set_agreement_state(busy, AgreementState.DONE)
    assert [h.state for h in done.history] == [AgreementState.PLANNED, AgreementState.BUSY]
    assert not done.overdue(dt.date(2027, 1, 11))
    assert model.overdue_agreements([a, done], dt.date(2027, 1, 11)) == [a]
