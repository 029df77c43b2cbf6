"""Writing the update letter into the session's folder (what the program's 'Bijwerkbrief' calls)."""

from __future__ import annotations

import datetime as dt

import pytest

from wijksessie import feedback, outputs, update_outputs
from wijksessie.errors import UserError
from wijksessie.model import Contribution, Session


def _session(st) -> tuple[str, str]:
    s = Session.new("Gezond Noord", "Noord", date="2026-02-10", languages=["nl", "en"])
    st.create(s)
    with st.open(s.id) as sf:
        cid = sf.add_contribution(Contribution.new("Te weinig groen bij de flats", theme="Groen")).id
        sf.decide(cid, "under_review", reason="We vragen het na.", due="2026-04-01")
    return s.id, cid


def test_no_letter_yet_is_refused_and_nothing_is_written(st, data_dir):
    sid, _cid = _session(st)
    with pytest.raises(UserError):
        update_outputs.write_update_letters(st, sid, data_dir, today=dt.date(2026, 3, 12))
    assert not outputs.session_folder(data_dir, sid).exists() or not list(outputs.session_folder(data_dir, sid).iterdir())


def test_nothing_changed_writes_and_records_nothing(st, data_dir):
    sid, _cid = _session(st)
    with st.open(sid) as sf:
        feedback.record_letter(sf, language="nl", fmt="html", today=dt.date(2026, 2, 20))
    written, changes = update_outputs.write_update_letters(st, sid, data_dir, today=dt.date(2026, 3, 12))
    assert written is None and not changes
    assert not list(outputs.session_folder(data_dir, sid).glob("bijwerkbrief-*"))
    with st.open(sid, readonly=True) as sf:
        assert [x.kind for x in sf.session.letters] == ["final"]


def test_a_changed_answer_is_written_in_every_language_and_recorded(st, data_dir):
    sid, cid = _session(st)
    with st.open(sid) as sf:
        feedback.record_letter(sf, language="nl", fmt="html", today=dt.date(2026, 2, 20))
        sf.decide(cid, "adopted", reason="Er komen vier bomen.")
    written, changes = update_outputs.write_update_letters(st, sid, data_dir, today=dt.date(2026, 3, 12))
    assert len(changes.points) == 1
    assert sorted(p.name for p in written) == sorted(
        f"bijwerkbrief-2026-03-12-{sid}-{lang}.{fmt}" for lang in ("nl", "en") for fmt in ("html", "md", "txt"))
    assert all(p.parent == outputs.session_folder(data_dir, sid) for p in written)
    with st.open(sid, readonly=True) as sf:
        assert [(x.kind, x.sent) for x in sf.session.letters] == [
            ("final", dt.date(2026, 2, 20)), ("update", dt.date(2026, 3, 12))]
    # Asked again the same day: nothing changed since that update letter.
    again, _changes = update_outputs.write_update_letters(st, sid, data_dir, today=dt.date(2026, 3, 12))
    assert again is None
