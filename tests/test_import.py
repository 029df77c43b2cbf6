"""Import of JSON exports from other laptops: merged by id, never duplicated, bad files refused by name."""

from __future__ import annotations

import json

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
        ("not json", "geen geldige JSON"),
        ('{"schema": "iets-anders"}', "geen export van wijksessie"),
        ('{"schema": "wijksessie-export", "schema_version": 99, "session": {}}', "exportversie 99"),
        ('{"schema": "wijksessie-export", "schema_version": 1}', "sessiegegevens ontbreken"),
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
    assert "nieuwe sessie" in r.stdout and "1 nieuw punt" in r.stdout
    r = cli("import", str(file))
    assert r.returncode == 0 and "niets veranderd" in r.stdout
    assert json.loads(cli("list", "--json").stdout)[0]["contributions"] == 1
    r = cli("import", str(tmp_path / "bestaat-niet.json"))
    assert r.returncode == 2 and "bestaat-niet.json" in r.stderr
