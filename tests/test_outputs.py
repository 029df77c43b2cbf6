"""Where the program puts the files it makes (wijksessie.outputs) and the municipality set from the program."""

import datetime as dt
import json
import re

import pytest

from wijksessie import letter, outputs
from wijksessie.demo import create_demo
from wijksessie.errors import UserError


@pytest.fixture(autouse=True)
def _config(tmp_path, monkeypatch):
    monkeypatch.setenv("WIJKSESSIE_CONFIG_DIR", str(tmp_path / "config"))


def test_one_predictable_folder_per_session(st, data_dir):
    sid = create_demo(st)
    assert outputs.session_folder(data_dir, sid) == data_dir / "uitvoer" / sid
    assert outputs.report_folder(data_dir) == data_dir / "uitvoer" / "overzicht"


def test_exports_land_in_the_session_folder(st, data_dir):
    sid = create_demo(st)
    with st.open(sid, readonly=True) as sf:
        paths = [outputs.write_export(sf, fmt, data_dir) for fmt in outputs.EXPORT_FORMATS]
    assert [p.parent for p in paths] == [data_dir / "uitvoer" / sid] * 3
    assert json.loads(paths[2].read_text(encoding="utf-8"))["session"]["id"] == sid
    assert paths[1].read_bytes().startswith(b"\xef\xbb\xbf")  # Excel NL needs the BOM
    # The session list is not confused by the output folder.
    assert [s.id for s in st.summaries()] == [sid]


def test_letters_in_every_format_and_language(st, data_dir):
    sid = create_demo(st)
    with st.open(sid) as sf:
        sf.update(lambda s: setattr(s, "languages", ["nl", "en"]))
        session, contributions, agreements = sf.session, sf.contributions(), sf.agreements()
    written = outputs.write_letters(session, contributions, agreements, data_dir)
    assert len(written) == 2 * len(outputs.letter_formats())
    assert {p.suffix[1:] for p in written} == set(outputs.letter_formats())
    assert all(p.parent == data_dir / "uitvoer" / sid and p.stat().st_size > 0 for p in written)


def test_final_letter_refused_while_open_and_nothing_written(st, data_dir):
    sid = create_demo(st)
    with pytest.raises(UserError) as caught:
        outputs.write_final_letter(st, sid, data_dir, today=dt.date(2026, 4, 1))
    assert "Opvolging" in str(caught.value) and "--final" not in str(caught.value)
    assert not outputs.session_folder(data_dir, sid).exists()
    with st.open(sid, readonly=True) as sf:
        assert sf.session.letter_sent is None


def test_final_letter_records_it_was_sent(st, data_dir):
    sid = create_demo(st)
    with st.open(sid) as sf:
        for c in sf.contributions():
            if not c.decision.status.answered:
                sf.decide(c.id, status="adopted")
    written = outputs.write_final_letter(st, sid, data_dir, today=dt.date(2026, 4, 1))
    assert written and all(p.exists() for p in written)
    with st.open(sid, readonly=True) as sf:
        assert sf.session.letter_sent == dt.date(2026, 4, 1)


def test_report_goes_to_the_overview_folder(st, data_dir):
    create_demo(st)
    path = outputs.write_report(st, "csv", data_dir, today=dt.date(2026, 4, 1))
    assert path == data_dir / "uitvoer" / "overzicht" / "overzicht-2026-04-01.csv"
    assert path.stat().st_size > 0


def test_municipality_set_once_from_the_program(tmp_path):
    shipped = letter.load_municipality()
    assert letter.is_example_municipality(shipped)
    saved = letter.save_municipality(letter.Municipality(name="Gemeente Zuidhorn", signature="Team Wijk\nAnna"))
    assert saved == tmp_path / "config" / "municipality.yaml"
    again = letter.load_municipality()
    assert again.name == "Gemeente Zuidhorn"
    assert again.signature == "Team Wijk\nAnna"
    assert not letter.is_example_municipality(again)


def _decided(st, languages: list[str]) -> str:
    sid = create_demo(st)
    with st.open(sid) as sf:
        sf.update(lambda s: setattr(s, "languages", languages))
        for c in sf.contributions():
            if not c.decision.status.answered:
                sf.decide(c.id, status="adopted")
    return sid


def _dutch_marks(path) -> int:
    from wijksessie import i18n

    return path.read_text(encoding="utf-8").count("[" + i18n.language_name("nl", "tr") + "]")


def test_letters_in_a_half_translated_language_are_not_written_without_a_yes(st, data_dir, half_turkish):
    sid = _decided(st, ["nl", "tr"])
    with st.open(sid, readonly=True) as sf:
        session, contributions, agreements = sf.session, sf.contributions(), sf.agreements()
    with pytest.raises(outputs.UntranslatedLetters) as caught:
        outputs.write_letters(session, contributions, agreements, data_dir)
    [gap] = caught.value.gaps
    assert gap.lang == "tr" and len(gap.untranslated) > 10
    found = re.search(r"Taal: Turks\. Er staan nog (\d+) teksten in het Nederlands\.", str(caught.value))
    assert found and int(found.group(1)) == len(gap.untranslated)
    assert not outputs.session_folder(data_dir, sid).exists()  # nothing half-written

    written = outputs.write_letters(session, contributions, agreements, data_dir, allow_untranslated=True)
    assert len(written) == 2 * len(outputs.letter_formats())
    assert [g.lang for g in written.gaps] == ["tr"]
    folder = outputs.session_folder(data_dir, sid)
    turkish = folder / letter.default_filename(session, "html", "tr")
    assert 'class="dutch-note"' in turkish.read_text(encoding="utf-8") and _dutch_marks(turkish) > 10
    assert _dutch_marks(folder / letter.default_filename(session, "html", "nl")) == 0


def test_final_letter_in_a_half_translated_language_waits_for_a_yes_and_is_recorded_per_language(
        st, data_dir, half_turkish):
    sid = _decided(st, ["nl", "tr"])
    with pytest.raises(outputs.UntranslatedLetters):
        outputs.write_final_letter(st, sid, data_dir, today=dt.date(2026, 4, 1))
    assert not outputs.session_folder(data_dir, sid).exists()
    with st.open(sid, readonly=True) as sf:
        assert sf.session.letter_sent is None and sf.session.letters == []

    written = outputs.write_final_letter(st, sid, data_dir, today=dt.date(2026, 4, 1), allow_untranslated=True)
    assert [g.lang for g in written.gaps] == ["tr"]
    with st.open(sid, readonly=True) as sf:
        assert sf.session.letter_sent == dt.date(2026, 4, 1)
        assert [(x.kind, x.language) for x in sf.session.letters] == [("final", "nl"), ("final", "tr")]
        session = sf.session
    assert _dutch_marks(outputs.session_folder(data_dir, sid) / letter.default_filename(session, "md", "tr")) > 10


def test_final_letter_in_complete_languages_is_written_without_asking_and_recorded_per_language(st, data_dir):
    sid = _decided(st, ["nl", "en"])
    written = outputs.write_final_letter(st, sid, data_dir, today=dt.date(2026, 4, 1))
    assert len(written) == 2 * len(outputs.letter_formats()) and written.gaps == []
    with st.open(sid, readonly=True) as sf:
        assert [(x.kind, x.language) for x in sf.session.letters] == [("final", "nl"), ("final", "en")]


def test_personal_letters_in_a_half_translated_language_wait_for_a_yes(st, data_dir, half_turkish):
    from wijksessie.model import Person

    sid = _decided(st, ["nl"])
    with st.open(sid) as sf:
        sf.add_person(Person.new("Ayşe Yılmaz", purpose="letter", consent_how="oral",
                                 address="Merelplein 3, 1234 CD Voorbeeld", language="tr"))
    outputs.write_final_letter(st, sid, data_dir, today=dt.date(2026, 4, 1))  # Dutch: complete
    with pytest.raises(outputs.UntranslatedLetters) as caught:
        outputs.write_personal_letters(st, sid, data_dir, today=dt.date(2026, 4, 1))
    assert [g.lang for g in caught.value.gaps] == ["tr"] and len(caught.value.gaps[0].untranslated) > 10
    assert not list(outputs.personal_folder(data_dir, sid).glob("*"))
    with st.open(sid, readonly=True) as sf:
        assert outputs.personal_letters_waiting(sf) == 1  # nothing recorded

    made = outputs.write_personal_letters(st, sid, data_dir, today=dt.date(2026, 4, 1), allow_untranslated=True)
    assert [(m.lang, m.path.suffix) for m in made] == [("tr", ".pdf")] and made[0].untranslated
    with st.open(sid, readonly=True) as sf:
        assert outputs.personal_letters_waiting(sf) == 0


def _count_renders(monkeypatch) -> dict[str, int]:
    """Count, with the real functions still doing the work: letters asked for in HTML, HTML templates rendered,
    and PDF/Word documents made from HTML."""
    from wijksessie import documents

    counts = {"write_letter html": 0, "template html": 0, "documents": 0}
    write_letter, render, from_html = letter.write_letter, letter._render, documents.document_from_html

    def counting_write_letter(*args, **kwargs):
        counts["write_letter html"] += args[3] == "html"
        return write_letter(*args, **kwargs)

    def counting_render(*args, **kwargs):
        counts["template html"] += args[3] == "html"
        return render(*args, **kwargs)

    def counting_from_html(*args, **kwargs):
        counts["documents"] += 1
        return from_html(*args, **kwargs)

    monkeypatch.setattr(letter, "write_letter", counting_write_letter)
    monkeypatch.setattr(letter, "_render", counting_render)
    monkeypatch.setattr(documents, "document_from_html", counting_from_html)
    return counts


def test_final_letter_renders_each_languages_html_letter_once(st, data_dir, monkeypatch):
    sid = _decided(st, ["nl", "en"])
    counts = _count_renders(monkeypatch)
    written = outputs.write_final_letter(st, sid, data_dir, today=dt.date(2026, 4, 1))
    assert len(outputs.letter_formats()) == 5 and len(written) == 10
    # One HTML letter per language; PDF and Word are made from it, not rendered again.
    assert counts == {"write_letter html": 2, "template html": 2, "documents": 4}
    with st.open(sid, readonly=True) as sf:
        session, contributions, agreements = sf.session, sf.contributions(), sf.agreements()
        assert [(x.kind, x.language) for x in session.letters] == [("final", "nl"), ("final", "en")]
    folder = outputs.session_folder(data_dir, sid)
    for lang in ("nl", "en"):
        html = letter.write_letter(session, contributions, agreements, "html", lang, final=True,
                                   today=dt.date(2026, 4, 1)).text
        assert (folder / letter.default_filename(session, "html", lang)).read_text(encoding="utf-8") == html
        pdf = (folder / letter.default_filename(session, "pdf", lang)).read_bytes()
        docx = (folder / letter.default_filename(session, "docx", lang)).read_bytes()
        assert pdf.startswith(b"%PDF-") and docx.startswith(b"PK")


def test_half_translated_final_letter_is_checked_without_making_pdfs_and_marked_with_one_html_letter_each(
        st, data_dir, half_turkish, monkeypatch):
    sid = _decided(st, ["nl", "tr"])
    counts = _count_renders(monkeypatch)
    with pytest.raises(outputs.UntranslatedLetters):
        outputs.write_final_letter(st, sid, data_dir, today=dt.date(2026, 4, 1))
    # The check reads the rendered letters; no PDF or Word is made for a letter that is not written.
    assert counts == {"write_letter html": 2, "template html": 2, "documents": 0}

    counts.update(dict.fromkeys(counts, 0))
    written = outputs.write_final_letter(st, sid, data_dir, today=dt.date(2026, 4, 1), allow_untranslated=True)
    assert len(written) == 10 and [g.lang for g in written.gaps] == ["tr"]
    # Dutch once; Turkish once to find its Dutch texts and once more with them marked.
    assert counts == {"write_letter html": 2, "template html": 3, "documents": 4}
