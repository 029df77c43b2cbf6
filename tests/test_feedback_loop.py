"""The feedback loop over time (issue 14): answer history, letters sent, update letters,
follow-up meetings, agreement states, evaluations — and old files migrated without loss."""

from __future__ import annotations

import datetime as dt
import json
import re
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


# ----------------------------------------------------------------------------- from the command line


def _session(cli, *extra: str) -> str:
    return cli("new", "--title", "Gezond Noord", "--neighbourhood", "Noord", "--date", "2026-09-10",
               "--feedback-due", "2026-10-22", *extra).stdout.strip()


def test_first_letter_goes_out_while_points_are_looked_into_then_updates_tell_only_what_changed(cli, tmp_path):
    sid = _session(cli)
    bench = cli("add", sid, "Te weinig bankjes bij de flats", "--theme", "Groen").stdout.strip()
    path = cli("add", sid, "Het pad is 's avonds te donker", "--theme", "Veilig").stdout.strip()

    r = cli("letter", sid, "--final")
    assert r.returncode == 2 and "2 punten zonder antwoord" in r.stderr, r.stderr
    assert cli("decide", sid, bench, "--status", "adopted", "--owner", "Wijkteam", "--by", "wijkteam").returncode == 0
    assert cli("decide", sid, path, "--status", "under_review", "--due", "2027-01-15", "--by", "wijkteam").returncode == 0
    first = tmp_path / "brief.md"
    r = cli("letter", sid, "--final", "-o", str(first))
    assert r.returncode == 0, r.stderr
    assert "15 januari 2027" in first.read_text(encoding="utf-8"), "the letter says by when residents hear"

    update = tmp_path / "nieuws.md"
    r = cli("letter", sid, "--update", "-o", str(update))
    assert r.returncode == 0 and "niets veranderd" in r.stderr and not update.exists(), "nothing changed: nothing written"

    assert cli("decide", sid, path, "--status", "done", "--reason", "Er staan nu lantaarns.", "--by",
               "beleidsmedewerker").returncode == 0
    r = cli("letter", sid, "--update", "-o", str(update))
    assert r.returncode == 0, r.stderr
    text = update.read_text(encoding="utf-8")
    assert "donker" in text and "bankjes" not in text, "only the point whose answer changed"
    assert "Eerst schreven wij: Dit zoeken wij nog uit" in text and "Nu: Gedaan" in text
    r = cli("letter", sid, "--update", "-o", str(tmp_path / "weer.md"))
    assert "niets veranderd" in r.stderr and not (tmp_path / "weer.md").exists()

    data = json.loads(cli("export", sid, "--format", "json").stdout)
    [c_path] = [c for c in data["contributions"] if c["id"] == path]
    assert [(h["status"], h["by"]) for h in c_path["history"]] == [("under_review", "wijkteam"), ("done", "beleidsmedewerker")]
    assert c_path["history"][-1]["reason"] == "Er staan nu lantaarns." and c_path["history"][0]["at"]
    assert [(letter["kind"], letter["language"], letter["format"]) for letter in data["letters"]] == [
        ("final", "nl", "md"), ("update", "nl", "md")]
    assert data["letters"][0]["answers"][path]["status"] == "under_review"
    assert data["letters"][1]["answers"][path]["status"] == "done"
    assert data["session"]["letter_sent"] == dt.date.today().isoformat()
    csv = cli("export", sid, "--format", "csv").stdout
    assert len(csv.strip().splitlines()) == 3, "the CSV keeps one row per contribution"


def test_update_letter_before_any_letter_says_what_to_do(cli):
    sid = _session(cli)
    r = cli("letter", sid, "--update")
    assert r.returncode == 2 and "--final" in r.stderr and "Traceback" not in r.stderr


def test_agreements_are_followed_up_and_reported_in_the_update(cli, tmp_path, data_dir):
    sid = _session(cli)
    with SessionStore(data_dir).open(sid) as sf:
        a = sf.add_agreement(model.Agreement.new("Bankjes plaatsen", who="Wijkteam", by_when="2026-11-30"))
    assert cli("letter", sid, "--final", "-o", str(tmp_path / "brief.md")).returncode == 0
    r = cli("agreement", sid, a.id, "--state", "stopped")
    assert r.returncode == 2 and "reden" in r.stderr
    assert cli("agreement", sid, a.id, "--state", "stopped", "--reason", "Er kwam geen vergunning.").returncode == 0
    assert cli("letter", sid, "--update", "-o", str(tmp_path / "nieuws.txt"), "--format", "txt").returncode == 0
    text = " ".join((tmp_path / "nieuws.txt").read_text(encoding="utf-8").split())
    assert "Bankjes plaatsen. Eerst: gepland. Nu: gestopt." in text and "geen vergunning" in text


def test_follow_up_meeting_looks_back_in_the_same_neighbourhood(cli, data_dir):
    first = _session(cli)
    c = cli("add", first, "Te weinig bankjes", "--theme", "Groen").stdout.strip()
    cli("decide", first, c, "--status", "done")
    other = cli("new", "--title", "Zuid", "--neighbourhood", "Zuid").stdout.strip()
    r = cli("new", "--title", "Vervolg", "--neighbourhood", "Noord", "--follows", other)
    assert r.returncode == 2 and "dezelfde wijk" in r.stderr
    second = cli("new", "--title", "Vervolg", "--neighbourhood", " noord", "--follows", first[:5]).stdout.strip()
    data = json.loads(cli("export", second, "--format", "json").stdout)
    assert data["session"]["follows"] == first
    notes = cli("export", second, "--format", "md").stdout
    assert "Terugblik" in notes and "Te weinig bankjes" in notes and "gedaan" in notes


def test_residents_evaluation_is_counted_and_exported(cli):
    sid = _session(cli)
    assert cli("evaluate", sid, "--satisfied", "12", "--neutral", "3", "--not-satisfied", "1").returncode == 0
    assert cli("evaluate", sid, "--follow-up", "--satisfied", "5").returncode == 0
    assert cli("evaluate", sid, "--satisfied", "-1").returncode == 2
    session = json.loads(cli("export", sid, "--format", "json").stdout)["session"]
    assert session["evaluation"] == {"satisfied": 12, "neutral": 3, "not_satisfied": 1}
    assert session["follow_up_evaluation"]["satisfied"] == 5
    assert "tevreden 12, neutraal 3, niet tevreden 1" in cli("export", sid, "--format", "md").stdout


def test_update_letter_as_pdf(cli, tmp_path):
    sid = _session(cli)
    c = cli("add", sid, "Het pad is 's avonds te donker").stdout.strip()
    cli("decide", sid, c, "--status", "under_review", "--due", "2027-01-15")
    assert cli("letter", sid, "--final", "-o", str(tmp_path / "brief.md")).returncode == 0
    cli("decide", sid, c, "--status", "done")
    r = cli("letter", sid, "--update", "--format", "pdf", "-o", str(tmp_path / "nieuws.pdf"))
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "nieuws.pdf").read_bytes().startswith(b"%PDF-")


def test_history_command_shows_every_answer_oldest_first(cli):
    sid = _session(cli)
    c = cli("add", sid, "Meer bankjes").stdout.strip()
    assert "Nog geen antwoord" in cli("history", sid, c).stdout
    cli("decide", sid, c, "--status", "under_review", "--due", "2027-01-15", "--by", "wijkteam")
    cli("decide", sid, c, "--status", "adopted", "--reason", "Er komen er drie.", "--by", "wethouder")
    lines = cli("history", sid, c).stdout.splitlines()
    assert lines[0] == "Meer bankjes"
    assert "wordt uitgezocht" in lines[1] and "2027-01-15" in lines[1] and "wijkteam" in lines[1]
    assert "overgenomen" in lines[2] and "Er komen er drie." in lines[2] and "wethouder" in lines[2]


def test_reading_an_old_file_read_only_changes_nothing_on_disk(old_store):
    before = old_store.path_for(OLD_ID).read_bytes()
    with old_store.open(OLD_ID, readonly=True) as sf:
        assert sf.session.letters[0].sent == dt.date(2026, 10, 20)
    assert old_store.path_for(OLD_ID).read_bytes() == before


@pytest.mark.parametrize("damage", [
    lambda d: d.__setitem__("contributions", ["tekst"]),
    lambda d: d["session"]["1"].__setitem__("letter_sent", 20261020),
    lambda d: d["contributions"]["1"].__setitem__("decision", "ja"),
    lambda d: d["agreements"].__setitem__("1", None),
])
def test_a_damaged_old_file_is_reported_not_crashed_on(old_store, damage):
    from wijksessie.store import DamagedSessionFile

    path = old_store.path_for(OLD_ID)
    data = json.loads(path.read_text(encoding="utf-8"))
    damage(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DamagedSessionFile):
        old_store.open(OLD_ID)


def test_import_keeps_both_laptops_answers_letters_and_agreement_states(cli, tmp_path, data_dir):
    from wijksessie import importer

    sid = _session(cli)
    c = cli("add", sid, "Meer bankjes").stdout.strip()
    with SessionStore(data_dir).open(sid) as sf:
        a = sf.add_agreement(model.Agreement.new("Bankjes plaatsen", by_when="2027-02-01"))
    cli("decide", sid, c, "--status", "under_review", "--due", "2027-01-15", "--by", "wijkteam")
    export = tmp_path / "a.json"
    cli("export", sid, "--format", "json", "-o", str(export))
    # The other laptop imports it, then records more and sends the first letter.
    other = tmp_path / "ander"
    other_store = SessionStore(other)
    importer.merge_export(other_store, importer.read_export(export))
    with other_store.open(sid) as sf:
        sf.decide(c, "adopted", recorded_by="beleidsmedewerker")
        from wijksessie import feedback
        feedback.set_agreement_state(sf, a.id, "busy", recorded_by="wijkteam")
        feedback.record_evaluation(sf, satisfied=7)
        feedback.record_letter(sf, language="nl", fmt="md")
        back = tmp_path / "b.json"
        from wijksessie import export as export_module
        back.write_text(export_module.export_json(sf), encoding="utf-8")
    # Back on the first laptop: nothing the other recorded is lost, nothing doubled.
    importer.merge_export(SessionStore(data_dir), importer.read_export(back))
    with SessionStore(data_dir).open(sid, readonly=True) as sf:
        point = sf.contribution(c)
        assert [(d.status.value, d.recorded_by) for d in point.answers()] == [
            ("under_review", "wijkteam"), ("adopted", "beleidsmedewerker")]
        [agreement] = sf.agreements()
        assert agreement.state is AgreementState.BUSY and [h.state for h in agreement.history] == [AgreementState.PLANNED]
        assert len(sf.session.letters) == 1 and sf.session.evaluation.satisfied == 7
    importer.merge_export(SessionStore(data_dir), importer.read_export(back))
    with SessionStore(data_dir).open(sid, readonly=True) as sf:
        assert len(sf.contribution(c).answers()) == 2 and len(sf.session.letters) == 1, "importing twice changes nothing"


def test_update_letter_carries_no_control_characters_from_what_was_said(cli, tmp_path):
    sid = _session(cli)
    c = cli("add", sid, "Bankjes \x1b[31mrood\x1b[0m en \u202eomgekeerd").stdout.strip()
    cli("decide", sid, c, "--status", "under_review", "--due", "2027-01-15")
    assert cli("letter", sid, "--final", "-o", str(tmp_path / "brief.md")).returncode == 0
    for fmt, status in (("md", "done"), ("txt", "adopted"), ("html", "done")):
        cli("decide", sid, c, "--status", status)  # a new answer, so each update letter has something to tell
        out = tmp_path / f"nieuws.{fmt}"
        assert cli("letter", sid, "--update", "--format", fmt, "-o", str(out)).returncode == 0
        text = out.read_text(encoding="utf-8")
        assert "\x1b" not in text and "\u202e" not in text and "rood" in text


def test_write_update_letter_for_the_program_records_once(old_store):
    from wijksessie.update_letter import write_update_letter

    with old_store.open(OLD_ID) as sf:
        text, changes = write_update_letter(sf, "md", today=dt.date(2026, 12, 1))
        assert text is None and not changes, "nothing changed since the migrated letter of 20 October"
        sf.decide("cdd72c", "adopted", owner="Buurthuis De Brug", recorded_by="wijkteam")
        text, changes = write_update_letter(sf, "md", today=dt.date(2026, 12, 1))
        assert "beweegles" in text and [p.contribution.id for p in changes.points] == ["cdd72c"]
        assert [letter.kind for letter in sf.session.letters] == ["final", "update"]
        again, _changes = write_update_letter(sf, "md", today=dt.date(2026, 12, 2))
        assert again is None and len(sf.session.letters) == 2


def test_an_update_letter_can_be_made_in_each_language_and_tells_each_change_once(cli, tmp_path):
    sid = _session(cli, "--lang", "nl", "ar", "tr")
    bench = cli("add", sid, "Te weinig bankjes bij de flats").stdout.strip()
    path = cli("add", sid, "Het pad is 's avonds te donker").stdout.strip()
    for point in (bench, path):
        assert cli("decide", sid, point, "--status", "under_review", "--due", "2027-01-15").returncode == 0
    assert cli("letter", sid, "--final", "-o", str(tmp_path / "brief.md")).returncode == 0  # in Dutch, the first language

    def update(lang: str, name: str):
        out = tmp_path / name
        r = cli("letter", sid, "--update", "--lang", lang, "--format", "txt", "-o", str(out))
        assert r.returncode == 0, r.stderr
        return r, " ".join(out.read_text(encoding="utf-8").split()) if out.exists() else None

    assert cli("decide", sid, bench, "--status", "done", "--reason", "Er staan nu drie bankjes.").returncode == 0
    _r, arabic = update("ar", "ar-1.txt")
    assert arabic and "bankjes" in arabic and "donker" not in arabic
    # Turkish readers had no update yet: the same change, not "nothing changed".
    _r, turkish = update("tr", "tr-1.txt")
    assert turkish and "bankjes" in turkish and "donker" not in turkish
    r, again = update("tr", "tr-2.txt")
    assert again is None and "niets veranderd" in r.stderr and "Taal: Turks (tr)." in r.stderr

    assert cli("decide", sid, path, "--status", "done", "--reason", "Er staan nu lantaarns.").returncode == 0
    _r, turkish = update("tr", "tr-3.txt")
    assert turkish and "donker" in turkish and "bankjes" not in turkish, "only what is new for Turkish readers"
    # Dutch readers had only the first letter: both changes, each once.
    _r, dutch = update("nl", "nl-1.txt")
    assert dutch and "donker" in dutch and "bankjes" in dutch

    data = json.loads(cli("export", sid, "--format", "json").stdout)
    assert [(x["kind"], x["language"]) for x in data["letters"]] == [
        ("final", "nl"), ("update", "ar"), ("update", "tr"), ("update", "tr"), ("update", "nl")]


def test_letter_before_update_is_that_languages_last_letter_or_the_first_letter():
    from wijksessie.feedback import letter_before_update
    from wijksessie.model import SentLetter, Session

    session = Session.new("T", "N", languages=["nl", "ar", "tr"])
    assert letter_before_update(session, "tr") is None
    session.letters = [
        SentLetter(sent=dt.date(2026, 1, 10), language="nl", kind="final"),
        SentLetter(sent=dt.date(2026, 2, 10), language="ar", kind="update"),
        SentLetter(sent=dt.date(2026, 3, 10), language="nl", kind="update"),
    ]
    assert letter_before_update(session, "ar").sent == dt.date(2026, 2, 10)
    assert letter_before_update(session, "nl").sent == dt.date(2026, 3, 10)
    assert letter_before_update(session, "tr").sent == dt.date(2026, 1, 10), "never had one: from the first letter"
    assert letter_before_update(session).sent == dt.date(2026, 3, 10)


@pytest.mark.parametrize("fmt", ["txt", "html", "md"])
def test_an_update_letter_with_allow_untranslated_marks_its_dutch_parts(cli, tmp_path, half_turkish, fmt):
    from wijksessie import i18n

    sid = _session(cli, "--lang", "tr")
    point = cli("add", sid, "De stoep is te smal.").stdout.strip()
    assert cli("decide", sid, point, "--status", "under_review", "--due", "2027-01-15").returncode == 0
    assert cli("letter", sid, "--final", "--allow-untranslated", "-o", str(tmp_path / "brief.md")).returncode == 0
    assert cli("decide", sid, point, "--status", "adopted", "--reason", "De stoep wordt breder.").returncode == 0
    out = tmp_path / f"nieuws.{fmt}"
    refused = cli("letter", sid, "--update", "--format", fmt, "-o", str(out))
    found = re.search(r"Taal: Turks \(tr\)\. Er staan nog (\d+) teksten in het Nederlands\.", refused.stderr)
    assert refused.returncode == 2 and found and "--allow-untranslated" in refused.stderr and not out.exists()
    r = cli("letter", sid, "--update", "--allow-untranslated", "--format", fmt, "-o", str(out))
    assert r.returncode == 0 and "niet helemaal vertaald" in r.stderr, r.stderr
    text = out.read_text(encoding="utf-8")
    mark = "[" + i18n.language_name("nl", "tr") + "]"  # "[Felemenkçe]": Dutch, named in Turkish
    # The note at the top says what the mark means, as in the first letter, and the mark stands before each Dutch text.
    note = " ".join(text.split()).replace("\\", "")
    assert "Dit teken staat voor tekst in het Nederlands: " + mark in note
    assert int(found.group(1)) > 10 and text.count(mark) > 10 and "Sayın mahalle sakini," in text
    plain = " ".join(text.replace("<bdi lang=\"nl\" class=\"in-dutch\"><span class=\"mark\">", "").replace("</span>", "").split())
    assert f"{mark} Wat is er veranderd?" in plain and f"{mark} Heeft u vragen?" in plain
    assert mark + " Sayın" not in text, "the translated greeting has no mark"
    if fmt == "html":
        assert 'class="dutch-note"' in text and 'lang="nl" class="in-dutch"' in text
