"""Import of JSON exports from other laptops: merged by id, never duplicated, bad files refused by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wijksessie import export, importer
from wijksessie.errors import UserError
from wijksessie.model import Agreement, Contribution, Session
from wijksessie.store import SessionStore


def _export(store, sid, path):
    with store.open(sid, readonly=True) as sf:
        path.write_text(export.export_json(sf), encoding="utf-8")
    return path


@pytest.fixture
def laptop_a(tmp_path):
    store = SessionStore(tmp_path / "a")
    s = Session.new("Gezond Noord", "Noord", date="2026-11-24")
    s.tally.participants = 17
    s.priorities.add("Groen", 4)
    store.create(s)
    with store.open(s.id) as sf:
        sf.add_contribution(Contribution.new("Meer groen", theme="Groen", kind="problem"))
        sf.add_contribution(Contribution.new("Wandelgroep", theme="Bewegen"))
        sf.add_agreement(Agreement.new("Wandeling plannen", who="Buurthuis"))
    return store, s.id


def _state(store, sid):
    with store.open(sid, readonly=True) as sf:
        return sf.to_dict()


def test_round_trip_and_no_duplicates_when_imported_twice(laptop_a, tmp_path):
    a, sid = laptop_a
    file = _export(a, sid, tmp_path / "noord.json")
    b = SessionStore(tmp_path / "b")
    [first] = importer.import_files(b, [file])
    assert first.created and first.added == 2 and first.agreements_added == 1
    assert _state(b, sid) == _state(a, sid)  # everything came across exactly
    [second] = importer.import_files(b, [file, ])
    assert not second.changed and "niets veranderd" in second.describe()
    assert _state(b, sid) == _state(a, sid)
    assert b.session_ids() == [sid]


def test_merge_keeps_the_newest_text_and_decision_and_local_votes(laptop_a, tmp_path):
    a, sid = laptop_a
    b = SessionStore(tmp_path / "b")
    importer.import_files(b, [_export(a, sid, tmp_path / "1.json")])
    with a.open(sid) as sf:
        first, second = sf.contributions()
        sf.decide(first.id, "adopted", owner="Team Groen")  # decided on laptop A
        sf.add_contribution(Contribution.new("Nieuw op A"))
        sf.add_agreement(Agreement.new("Bankje plaatsen"))
        sf.vote("Groen", 10)
    with b.open(sid) as sf:
        sf.edit_contribution(second.id, text="Wandelgroep op zaterdag")  # a typo fixed on laptop B
        sf.vote("Bewegen", 2)
    [result] = importer.import_files(b, [_export(a, sid, tmp_path / "2.json")])
    assert (result.added, result.updated, result.agreements_added) == (1, 1, 1)
    assert not result.votes_taken
    with b.open(sid, readonly=True) as sf:
        by_id = {c.id: c for c in sf.contributions()}
        assert by_id[first.id].decision.status.value == "adopted" and by_id[first.id].decision.owner == "Team Groen"
        assert by_id[second.id].text == "Wandelgroep op zaterdag"  # B's newer edit is kept
        assert len(by_id) == 3 and len(sf.agreements()) == 2
        assert sf.session.priorities.votes == {"Groen": 4, "Bewegen": 2}  # local votes kept, not added twice


def test_votes_taken_when_local_has_none(laptop_a, tmp_path):
    a, sid = laptop_a
    file = _export(a, sid, tmp_path / "x.json")
    data = json.loads(file.read_text(encoding="utf-8"))
    b = SessionStore(tmp_path / "b")
    empty = Session.from_dict({**data["session"], "priorities": {}, "tally": {}})
    b.create(empty)
    [result] = importer.import_files(b, [file])
    assert result.votes_taken and "tally" in result.session_fields
    assert "de telling" in result.describe() and "stemmen" in result.describe(), "what was taken is said"
    with b.open(sid, readonly=True) as sf:
        assert sf.session.priorities.votes == {"Groen": 4} and sf.session.tally.participants == 17


def test_people_are_never_imported(laptop_a, tmp_path):
    a, sid = laptop_a
    file = _export(a, sid, tmp_path / "p.json")
    data = json.loads(file.read_text(encoding="utf-8"))
    data["people"] = [{"id": "x", "name": "Jan"}]
    file.write_text(json.dumps(data), encoding="utf-8")
    b = SessionStore(tmp_path / "b")
    [result] = importer.import_files(b, [file])
    assert result.people_skipped == 1 and "niet overgenomen" in result.describe()
    assert "Jan" not in (b.path_for(sid)).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "content, message",
    [
        ("not json", "Het is geen geldige JSON. De fout staat op regel 1."),
        ('{"schema": "iets-anders"}', "Het is geen export van wijksessie."),
        ('{"schema": "wijksessie-export", "schema_version": 99, "session": {}}', "Exportversie: 99."),
        ('{"schema": "wijksessie-export", "schema_version": 1}', "De sessiegegevens ontbreken."),
        ('{"schema": "wijksessie-export", "schema_version": 1, "session": {"id": "../x"}}', "ongeldig"),
    ],
)
def test_bad_files_are_refused_by_name_before_anything_is_written(laptop_a, tmp_path, content, message):
    a, sid = laptop_a
    good = _export(a, sid, tmp_path / "good.json")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    b = SessionStore(tmp_path / "b")
    with pytest.raises(UserError) as info:
        importer.import_files(b, [good, bad])
    assert "bad.json" in str(info.value) and message in str(info.value)
    assert b.session_ids() == []  # the good file was not half-imported either


def test_cli_import(cli, tmp_path, data_dir):
    from tests.conftest import run_cli

    other = tmp_path / "other"
    sid = run_cli("new", "--title", "Zuid", "--neighbourhood", "Zuid", data_dir=other).stdout.strip()
    run_cli("add", sid, "Meer licht", data_dir=other)
    file = tmp_path / "zuid.json"
    assert run_cli("export", sid, "--format", "json", "-o", str(file), data_dir=other).returncode == 0
    r = cli("import", str(file))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == (f"Bestand: {file}. Nieuwe sessie: {sid} „Zuid”. "
                                "1 punt is nieuw. 0 punten zijn bijgewerkt. 0 afspraken zijn nieuw.")
    r = cli("import", str(file))
    assert r.returncode == 0
    assert r.stdout.strip() == f"Bestand: {file}. Deze sessie was er al helemaal: {sid} „Zuid”. Er is niets veranderd."
    assert json.loads(cli("list", "--json").stdout)[0]["contributions"] == 1
    r = cli("import", str(tmp_path / "bestaat-niet.json"))
    assert r.returncode == 2 and "bestaat-niet.json" in r.stderr


# ---------------------------------------------------------------- what was forgotten stays forgotten


def _cli_session_with_personal_data(cli, tmp_path, date="2025-03-01"):
    sid = cli("new", "--title", "Noord", "--neighbourhood", "Noord", "--date", date).stdout.strip()
    r = cli("person", sid, "--name", "Jan Bakker", "--email", "jan.bakker@example.nl", "--purpose", "help",
            "--consent-how", "oral")
    assert r.returncode == 0, r.stderr
    code = r.stdout.strip()
    cli("contact", sid, "--name", "Fatima El Amrani", "--phone", "06-87654321")
    cli("add", sid, "Jan Bakker wil de moestuin trekken")
    old = tmp_path / "oud.json"
    assert cli("export", sid, "--format", "json", "--with-personal-data", "-o", str(old)).returncode == 0
    return sid, code, old


def _all_text(data_dir) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in data_dir.rglob("*") if p.is_file())


def test_import_after_purge_does_not_bring_the_contact_or_names_back(cli, data_dir, tmp_path):
    sid, _code, old = _cli_session_with_personal_data(cli, tmp_path)
    assert cli("purge", "--before", "2026-01-01").returncode == 0
    r = cli("import", str(old), "--accept-contact")
    assert r.returncode == 0, r.stderr
    assert "eerder gewist" in r.stdout
    for trace in ("Fatima", "06-87654321", "Jan Bakker", "jan.bakker@example.nl"):
        assert trace not in _all_text(data_dir), trace


def test_import_after_forget_cleans_new_texts_that_name_the_person(cli, data_dir, tmp_path):
    sid, code, old = _cli_session_with_personal_data(cli, tmp_path, date="2026-11-24")
    data = json.loads(old.read_text(encoding="utf-8"))
    extra = dict(data["contributions"][0], id="abc999", text="Mail Jan Bakker op jan.bakker@example.nl")
    data["contributions"].append(extra)  # added on the other laptop after the export
    old.write_text(json.dumps(data), encoding="utf-8")
    assert cli("forget", sid, code).returncode == 0
    r = cli("import", str(old))
    assert r.returncode == 0, r.stderr
    text = _all_text(data_dir)
    assert "Bakker" not in text and "jan.bakker@example.nl" not in text
    assert "eerder zijn gewist" in r.stdout
    exported = json.loads(cli("export", sid, "--format", "json").stdout)
    assert "Mail [naam] op [e-mailadres]" in [c["text"] for c in exported["contributions"]]
    # only hashes are kept of what was forgotten
    raw = json.loads((data_dir / f"{sid}.json").read_text(encoding="utf-8"))
    assert "forgotten" in raw and "Jan" not in json.dumps(raw["forgotten"])


def test_a_different_contact_point_is_offered_never_taken_silently(laptop_a, tmp_path):
    a, sid = laptop_a
    with a.open(sid) as sf:
        sf.update(lambda s: setattr(s.contact, "name", "Wijkteam Noord"))
    file = _export(a, sid, tmp_path / "x.json")
    data = json.loads(file.read_text(encoding="utf-8"))
    data["contact"] = {"name": "Oplichter", "phone": "06-11111111"}
    file.write_text(json.dumps(data), encoding="utf-8")
    [result] = importer.import_files(a, [file])
    assert result.contact_offered.name == "Oplichter" and "--accept-contact" in result.describe()
    with a.open(sid, readonly=True) as sf:
        assert sf.session.contact.name == "Wijkteam Noord"
    b = SessionStore(tmp_path / "b")  # a new session: its contact point is offered too
    [result] = importer.import_files(b, [file])
    assert result.created and result.contact_offered.name == "Oplichter"
    with b.open(sid, readonly=True) as sf:
        assert not sf.session.contact.is_set
    importer.accept_contact(b, sid, result.contact_offered)  # what the program does after asking
    with b.open(sid, readonly=True) as sf:
        assert sf.session.contact.name == "Oplichter"


def test_cli_takes_a_contact_point_only_when_told(cli, data_dir, tmp_path):
    from tests.conftest import run_cli

    other = tmp_path / "other"
    sid = run_cli("new", "--title", "Zuid", "--neighbourhood", "Zuid", data_dir=other).stdout.strip()
    run_cli("contact", sid, "--name", "Buurthuis Zuid", data_dir=other)
    file = tmp_path / "zuid.json"
    run_cli("export", sid, "--format", "json", "-o", str(file), data_dir=other)
    r = cli("import", str(file))
    assert r.returncode == 0 and "Buurthuis Zuid" in r.stdout and "--accept-contact" in r.stdout
    assert json.loads(cli("export", sid, "--format", "json").stdout)["contact"]["name"] == ""
    r = cli("import", str(file), "--accept-contact")
    assert r.returncode == 0 and json.loads(cli("export", sid, "--format", "json").stdout)["contact"]["name"] == "Buurthuis Zuid"


# ---------------------------------------------------------------- hostile files: exit 2, one line, nothing written


def _crafted(tmp_path, laptop_a, change) -> Path:
    a, sid = laptop_a
    file = _export(a, sid, tmp_path / "crafted.json")
    data = json.loads(file.read_text(encoding="utf-8"))
    text = change(data)
    file.write_text(text if isinstance(text, str) else json.dumps(data), encoding="utf-8")
    return file


def _set_first(key, value):
    def change(data):
        data["contributions"][0][key] = value
    return change


HOSTILE = {
    "edited_at in 9999": _set_first("edited_at", "9999-12-31T23:59:59+00:00"),
    "edited_at tomorrow+": _set_first("edited_at", "2999-01-01T00:00:00"),
    "edited_at 0001": _set_first("edited_at", "0001-01-01T00:00:00"),
    "decided_at future": lambda d: d["contributions"][0]["decision"].__setitem__("decided_at", "3000-01-01T00:00:00+00:00"),
    "5000 digits": lambda d: json.dumps(d).replace('"participants": 17', '"participants": ' + "9" * 5000),
    "id ../../x": _set_first("id", "../../x"),
    "id with newline": _set_first("id", "a\nb"),
    "id formula": _set_first("id", '=HYPERLINK("http://x","klik")'),
    "id with escape": _set_first("id", "a\x1b]0;pwned\x07"),
    "duplicate ids": lambda d: d["contributions"].append(dict(d["contributions"][0])),
    "deep nesting": lambda d: '{"schema": "wijksessie-export", "x": ' + "[" * 100000 + "]" * 100000 + "}",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_import_exit_2_one_line_nothing_written(cli, data_dir, tmp_path, laptop_a, name):
    file = _crafted(tmp_path, laptop_a, HOSTILE[name])
    r = cli("import", str(file))
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert len(r.stderr.strip().splitlines()) == 1 and len(r.stderr) < 400 and "Traceback" not in r.stderr
    assert "crafted.json" in r.stderr and "\x1b" not in r.stderr
    assert not data_dir.exists() or not any(data_dir.iterdir())


@pytest.mark.parametrize("change, problem", [
    (_set_first("id", "a b"),
     'Dit nummer van een punt is ongeldig: "a b". Alleen kleine letters, cijfers en streepjes mogen.'),
    (_set_first("edited_at", "9999-12-31T23:59:59+00:00"),
     "Deze tijd ligt in de toekomst: 9999-12-31T23:59:59+00:00. Het gaat om: edited_at. "
     "Zo'n bestand zou nieuwere wijzigingen wegdrukken."),
    (_set_first("created_at", "gisteren"), "Dit is geen geldige tijd: gisteren. Het gaat om: created_at."),
])
def test_a_refused_file_says_which_file_what_is_wrong_and_what_to_do(tmp_path, laptop_a, change, problem):
    file = _crafted(tmp_path, laptop_a, change)
    with pytest.raises(UserError) as info:
        importer.read_export(file)
    assert str(info.value) == (f"Dit bestand kan niet worden ingelezen: {file}. {problem} "
                               "Gebruik een bestand van 'wijksessie export --format json'.")


def test_upper_case_ids_are_made_lower_case_and_said(cli, tmp_path, laptop_a):
    file = _crafted(tmp_path, laptop_a, _set_first("id", "ABC123"))
    r = cli("import", str(file))
    assert r.returncode == 0 and "kleine letters" in r.stdout
    sid = laptop_a[1]
    assert cli("decide", sid, "abc123", "--status", "adopted").returncode == 0


def test_dev_zero_and_oversized_files_are_refused(cli, tmp_path, monkeypatch):
    r = cli("import", "/dev/zero")  # refused before reading a byte: not a regular file
    assert r.returncode == 2 and "gewoon bestand" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    big = tmp_path / "groot.json"
    big.write_bytes(b" " * 2000)
    from wijksessie import importer_read

    monkeypatch.setattr(importer_read, "MAX_IMPORT_BYTES", 1000)
    with pytest.raises(UserError) as info:
        importer.read_export(big)
    assert str(info.value) == (f"Dit bestand is groter dan 0 MB: {big}. "
                               "Zo groot is een export van wijksessie nooit; kies het goede bestand.")


# ---------------------------------------------------------------- linear: one durable write per session


def test_ten_thousand_contributions_import_in_one_write(tmp_path):
    """Linear by construction: the file is written once, whatever the number of contributions (timing: bench)."""
    from wijksessie import atomic

    sid = "b16b16b1"
    session = Session.new("Groot", "Noord", date="2026-11-24").to_dict()
    session["id"] = sid
    stamp = "2026-11-24T20:00:00+01:00"
    contributions = [
        {"id": f"c{i:05d}", "text": f"Punt nummer {i} over meer groen in de wijk", "kind": "idea",
         "created_at": stamp}
        for i in range(10_000)
    ]
    file = tmp_path / "groot.json"
    file.write_text(json.dumps({"schema": export.EXPORT_SCHEMA, "schema_version": export.EXPORT_VERSION,
                                "session": session, "contributions": contributions, "agreements": []}),
                    encoding="utf-8")
    store = SessionStore(tmp_path / "b")
    writes = []
    original = atomic.write_atomic

    def counting(path, data, **kwargs):
        writes.append(path)
        return original(path, data, **kwargs)

    import wijksessie.store.storage as storage_module  # the session file's writer

    storage_module.write_atomic, saved = counting, storage_module.write_atomic
    try:
        [result] = importer.import_files(store, [file])
    finally:
        storage_module.write_atomic = saved
    assert result.added == 10_000
    assert writes, "the count sees the session file's writes"
    assert len([w for w in writes if w.name == f"{sid}.json"]) <= 2, "create + one write, not one per contribution"
    with store.open(sid, readonly=True) as sf:
        assert len(sf.contributions()) == 10_000
