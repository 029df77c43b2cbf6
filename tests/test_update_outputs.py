"""Writing the update letter into the session's folder (what the program's 'Bijwerkbrief' calls)."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from wijksessie import feedback, i18n, outputs, update_outputs
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
    result = update_outputs.write_update_letters(st, sid, data_dir, today=dt.date(2026, 3, 12))
    assert result.written is None and result.languages == [] and result.since == dt.date(2026, 2, 20)
    assert not list(outputs.session_folder(data_dir, sid).glob("bijwerkbrief-*"))
    with st.open(sid, readonly=True) as sf:
        assert [x.kind for x in sf.session.letters] == ["final"]


def test_a_changed_answer_is_written_in_every_language_and_recorded(st, data_dir):
    sid, cid = _session(st)
    with st.open(sid) as sf:
        feedback.record_letter(sf, language="nl", fmt="html", today=dt.date(2026, 2, 20))
        sf.decide(cid, "adopted", reason="Er komen vier bomen.")
    result = update_outputs.write_update_letters(st, sid, data_dir, today=dt.date(2026, 3, 12))
    written = result.written
    assert result.points == 1 and result.agreements == 0 and not result.gaps
    assert sorted(p.name for p in written) == sorted(
        f"bijwerkbrief-2026-03-12-{sid}-{lang}.{fmt}" for lang in ("nl", "en") for fmt in ("html", "md", "txt"))
    assert all(p.parent == outputs.session_folder(data_dir, sid) for p in written)
    with st.open(sid, readonly=True) as sf:
        # Recorded once per language, so each language's next update counts from this one.
        assert [(x.kind, x.language, x.sent) for x in sf.session.letters] == [
            ("final", "nl", dt.date(2026, 2, 20)), ("update", "nl", dt.date(2026, 3, 12)),
            ("update", "en", dt.date(2026, 3, 12))]
    # Asked again the same day: nothing changed since that update letter.
    again = update_outputs.write_update_letters(st, sid, data_dir, today=dt.date(2026, 3, 12))
    assert again.written is None and again.unchanged == ["nl", "en"]
    # The command line agrees: 'letter --update --lang en' has nothing new for English readers either.
    from wijksessie.update_letter import make_update_letter

    with st.open(sid, readonly=True) as sf:
        assert make_update_letter(sf, "md", "en").content is None


def test_a_language_that_had_its_update_from_the_command_line_is_not_told_twice(st, data_dir):
    sid, cid = _session(st)
    with st.open(sid) as sf:
        feedback.record_letter(sf, language="nl", fmt="html", today=dt.date(2026, 2, 20))
        sf.decide(cid, "adopted", reason="Er komen vier bomen.")
        # As 'wijksessie letter SID --update --lang en' records it.
        feedback.record_letter(sf, language="en", fmt="md", kind="update", today=dt.date(2026, 3, 1))
    result = update_outputs.write_update_letters(st, sid, data_dir, today=dt.date(2026, 3, 12))
    assert result.languages == ["nl"] and result.unchanged == ["en"] and result.points == 1
    assert sorted(p.name for p in result.written) == [f"bijwerkbrief-2026-03-12-{sid}-nl.{fmt}" for fmt in ("html", "md", "txt")]
    with st.open(sid, readonly=True) as sf:
        assert [(x.kind, x.language) for x in sf.session.letters] == [("final", "nl"), ("update", "en"), ("update", "nl")]


@pytest.fixture
def half_turkish(tmp_path, monkeypatch):
    """A Turkish catalogue with only the greeting, as a translator who just started would leave it."""
    po = tmp_path / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(textwrap.dedent('''\
        msgid ""
        msgstr ""
        "Language: tr\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"
        "Plural-Forms: nplurals=2; plural=(n != 1);\\n"

        msgid "Beste bewoner,"
        msgstr "Sayın mahalle sakini,"
        '''), encoding="utf-8")
    monkeypatch.setenv("WIJKSESSIE_LOCALES_DIR", str(po.parent.parent.parent))
    i18n.clear_cache()
    yield
    i18n.clear_cache()


def test_a_half_translated_language_waits_for_a_yes_and_then_marks_the_dutch_parts(st, data_dir, half_turkish):
    s = Session.new("Gezond Noord", "Noord", date="2026-02-10", languages=["nl", "tr"])
    st.create(s)
    with st.open(s.id) as sf:
        cid = sf.add_contribution(Contribution.new("Te weinig groen bij de flats", theme="Groen")).id
        sf.decide(cid, "under_review", reason="We vragen het na.", due="2026-04-01")
        feedback.record_letter(sf, language="nl", fmt="html", today=dt.date(2026, 2, 20))
        sf.decide(cid, "adopted", reason="Er komen vier bomen.")
    asked = update_outputs.write_update_letters(st, s.id, data_dir, today=dt.date(2026, 3, 12))
    assert asked.written is None and [gap.lang for gap in asked.gaps] == ["tr"] and len(asked.gaps[0].untranslated) > 10
    assert not list(outputs.session_folder(data_dir, s.id).glob("bijwerkbrief-*")), "nothing written before the yes"
    with st.open(s.id, readonly=True) as sf:
        assert [x.kind for x in sf.session.letters] == ["final"], "nothing recorded before the yes"

    done = update_outputs.write_update_letters(st, s.id, data_dir, today=dt.date(2026, 3, 12), allow_untranslated=True)
    assert done.written is not None and len(done.written) == 6
    folder = outputs.session_folder(data_dir, s.id)
    mark = "[" + i18n.language_name("nl", "tr") + "]"
    turkish = (folder / f"bijwerkbrief-2026-03-12-{s.id}-tr.html").read_text(encoding="utf-8")
    assert 'class="dutch-note"' in turkish and mark in turkish and turkish.count('class="in-dutch"') > 10
    assert "Sayın mahalle sakini," in turkish
    text = " ".join((folder / f"bijwerkbrief-2026-03-12-{s.id}-tr.txt").read_text(encoding="utf-8").split())
    assert text.count(mark) > 10
    dutch = (folder / f"bijwerkbrief-2026-03-12-{s.id}-nl.html").read_text(encoding="utf-8")
    assert 'class="dutch-note"' not in dutch and 'class="in-dutch"' not in dutch, "the Dutch letter has nothing to mark"
    with st.open(s.id, readonly=True) as sf:
        assert [(x.kind, x.language) for x in sf.session.letters] == [("final", "nl"), ("update", "nl"), ("update", "tr")]
