"""Damaged session files: found on open, named with the reason, never overwritten, restorable.

A laptop that loses power while copying to a USB stick, a half-finished
download, a colleague editing the file by hand: each case below damages a
real session file in its own way. The program must say which file and what
is wrong, leave the file exactly as it is, keep listing the other sessions,
and put back the last good copy on request while keeping the damaged one.
"""

from __future__ import annotations

import json
import os

import pytest

from wijksessie import model
from wijksessie.model import Contribution, Person, Session
from wijksessie.store import DamagedSessionFile, NewerSchema


@pytest.fixture
def sid(st) -> str:
    """A session with two saves, so a last good copy (.bak) exists."""
    sid = st.create(Session.new("Gezond Noord", "Noord", date="2026-11-24")).id
    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new("Meer bankjes in het park"))
        sf.add_contribution(Contribution.new("Een wandelgroep op zaterdag"))
    return sid


@pytest.fixture
def other(st) -> str:
    return st.create(Session.new("Gezond Zuid", "Zuid", date="2026-10-01")).id


def _edit(data: dict, change) -> bytes:
    change(data)
    return json.dumps(data).encode()


def _set(path: list, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _first_doc(table: str, key: str, value):
    def change(data):
        doc = next(iter(data[table].values()))
        doc[key] = value

    return change


# (name, how to damage the good bytes, words the message must contain)
CASES = [
    ("truncated", lambda good: good[: len(good) // 2], "geen geldige JSON"),
    ("empty", lambda good: b"", "leeg"),
    ("only spaces", lambda good: b"   \n", "leeg"),
    ("not JSON", lambda good: b"Dit is een boodschappenlijstje\n", "geen geldige JSON"),
    ("not UTF-8", lambda good: b"\xff\xfe\x00garbage", "UTF-8"),
    ("JSON but a list", lambda good: b"[1, 2, 3]", "geen sessie"),
    ("session missing", lambda good: _edit(json.loads(good), lambda d: d.pop("session")), "ontbreken"),
    ("schema number text", lambda good: _edit(json.loads(good), _set(["meta", "1", "schema_version"], "een")), "schemanummer"),
    ("title is a number", lambda good: _edit(json.loads(good), _set(["session", "1", "title"], 42)), "moet tekst zijn: title."),
    ("date not a date", lambda good: _edit(json.loads(good), _set(["session", "1", "date"], "gisteren")), "geen geldige datum"),
    ("votes not numbers", lambda good: _edit(json.loads(good), _set(["session", "1", "priorities"], {"votes": {"Groen": "drie"}})), "hele getallen"),
    ("tally wrong type", lambda good: _edit(json.loads(good), _set(["session", "1", "tally"], {"participants": "twaalf"})), "heel getal zijn: participants."),
    ("themes not a list", lambda good: _edit(json.loads(good), _set(["session", "1", "themes"], "Groen")), "lijst zijn: themes."),
    ("contribution text a list", lambda good: _edit(json.loads(good), _first_doc("contributions", "text", ["a"])), "moet tekst zijn: text."),
    ("unknown status", lambda good: _edit(json.loads(good), _first_doc("contributions", "decision", {"status": "misschien"})), "misschien"),
    ("contribution not an object", lambda good: _edit(json.loads(good), _set(["contributions", "1"], "tekst")), "inbreng"),
    ("contributions not a table", lambda good: _edit(json.loads(good), _set(["contributions"], ["tekst"])),
     "Reden: dit deel van het bestand heeft de verkeerde vorm: contributions."),
    ("document number not a number", lambda good: _edit(json.loads(good), lambda d: d["contributions"].__setitem__("abc", d["contributions"].pop("1"))),
     "Reden: dit volgnummer in het bestand is geen getal: abc."),
    ("meta not a table", lambda good: _edit(json.loads(good), _set(["meta"], [1])), "schemanummer"),
    ("person without consent", lambda good: _edit(json.loads(good), _set(["people"], {"1": {"id": "p1", "receipt": "AAAA-BBBB", "name": "Jan"}})), "toestemming"),
    ("a 35-digit vote", lambda good: _edit(json.loads(good), _set(["session", "1", "priorities"], {"votes": {"Groen": 10**35}})), "te groot"),
    ("10**30 people", lambda good: _edit(json.loads(good), _set(["session", "1", "tally"], {"participants": 10**30})), "te groot"),
    ("NaN votes", lambda good: json.dumps(json.loads(good) | {"session": {"1": {**json.loads(good)["session"]["1"], "priorities": {"votes": {"Groen": float("nan")}}}}}).encode(), "te groot"),
    ("nested 10,000 deep", lambda good: b"[" * 10_000 + b"]" * 10_000, "te diep genest"),
    ("a title nested 10,000 deep", lambda good: good.replace(b'"title":"Gezond Noord"', b'"title":' + b"[" * 10_000 + b"]" * 10_000), "te diep genest"),
    ("NUL bytes", lambda good: b"\x00" * 64, "geen geldige JSON"),
    ("not adopted without a reason", lambda good: _edit(json.loads(good), _first_doc("contributions", "decision", {"status": "not_adopted", "reason": ""})), "reden"),
    ("referred without an organisation", lambda good: _edit(json.loads(good), _first_doc("contributions", "decision", {"status": "referred"})), "organisatie"),
]


@pytest.mark.parametrize("damage,words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_damage_is_named_kept_and_restorable(st, sid, other, damage, words, cli):
    path = st.path_for(sid)
    good = path.read_bytes()
    bad = damage(good)
    path.write_bytes(bad)

    with pytest.raises(DamagedSessionFile) as err:
        st.open(sid)
    message = str(err.value)
    assert str(path) in message, "the message names the file"
    assert words in message, message
    assert err.value.has_backup and "wijksessie restore" in message, "it says how to get the last good copy back"
    with pytest.raises(DamagedSessionFile):
        st.open(sid, readonly=True)
    assert path.read_bytes() == bad, "opening never rewrites a damaged file"

    # The list still shows every session: the damaged one with its problem.
    by_id = {s.id: s for s in st.summaries()}
    assert by_id[other].title == "Gezond Zuid" and not by_id[other].problem
    assert str(path) in by_id[sid].problem
    r = cli("list")
    assert r.returncode == 0 and "Gezond Zuid" in r.stdout and "BESCHADIGD" in r.stdout

    # A command on the damaged session: one clear line, exit 2, nothing written.
    r = cli("add", sid, "nog iets")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and str(path) in r.stderr
    assert path.read_bytes() == bad

    # Restore: the damaged file is kept aside, byte for byte; the last good copy is back.
    r = cli("restore", sid)
    assert r.returncode == 0, r.stderr
    [aside] = [p for p in st.data_dir.iterdir() if ".damaged-" in p.name]
    assert aside.read_bytes() == bad and aside.name in r.stdout
    with st.open(sid) as sf:
        assert [c.text for c in sf.contributions()] == ["Meer bankjes in het park"]
        sf.add_contribution(Contribution.new("na het terugzetten"))


def test_newer_schema_is_named_and_not_touched(st, sid, cli):
    path = st.path_for(sid)
    data = json.loads(path.read_bytes())
    data["meta"]["1"]["schema_version"] = model.SCHEMA_VERSION + 5
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(NewerSchema) as err:
        st.open(sid)
    assert str(path) in str(err.value) and "nieuwere versie" in str(err.value)
    r = cli("add", sid, "iets")
    assert r.returncode == 2 and "nieuwere versie" in r.stderr and "Traceback" not in r.stderr
    r = cli("list")
    assert r.returncode == 0 and sid in r.stdout
    assert path.read_bytes() == before


def test_no_backup_says_so_and_moves_nothing(st, cli):
    sid = st.create(Session.new("Nieuw", "Noord")).id  # created, never saved again: no backup yet
    path = st.path_for(sid)
    path.write_bytes(b"{kapot")
    with pytest.raises(DamagedSessionFile) as err:
        st.open(sid)
    assert not err.value.has_backup and "geen reservekopie" in str(err.value)
    r = cli("restore", sid)
    assert r.returncode == 2 and "geen reservekopie" in r.stderr
    assert path.read_bytes() == b"{kapot" and not list(st.data_dir.glob("*.damaged-*"))


def test_damaged_backup_is_not_put_back(st, sid, cli):
    path = st.path_for(sid)
    path.write_bytes(b"")
    (st.data_dir / f"{sid}.json.bak").write_bytes(b"{half")
    r = cli("restore", sid)
    assert r.returncode == 2 and "Ook de reservekopie" in r.stderr
    assert path.read_bytes() == b"", "the damaged file stays where it is when there is nothing better"


def test_two_restores_in_one_second_keep_both_damaged_files(st, sid):
    path = st.path_for(sid)
    path.write_bytes(b"eerste schade")
    first = st.restore_backup(sid)
    path.write_bytes(b"tweede schade")
    second = st.restore_backup(sid)
    assert first != second
    kept = sorted(p.read_bytes() for p in st.data_dir.glob("*.damaged-*"))
    assert kept == [b"eerste schade", b"tweede schade"]


# ---------------------------------------------------------------- crashes inside one write


def _power_cut_on(monkeypatch, suffix: str, times: int = 1):
    """Make the next ``times`` renames onto a file ending in ``suffix`` fail, as if the power went."""
    real = os.replace
    left = {"n": times}

    def replace(src, dst):
        if str(dst).endswith(suffix) and left["n"] > 0:
            left["n"] -= 1
            raise OSError("stroom uitgevallen")
        return real(src, dst)

    monkeypatch.setattr("wijksessie.atomic.os.replace", replace)


def test_crash_before_replace_keeps_old_file_and_next_save_works(st, sid, monkeypatch):
    path = st.path_for(sid)
    with st.open(sid) as sf:
        before = path.read_bytes()
        _power_cut_on(monkeypatch, ".json")
        with pytest.raises(OSError):
            sf.add_contribution(Contribution.new("niet bevestigd"))
        assert path.read_bytes() == before, "the old file is untouched"
        assert not [p for p in st.data_dir.iterdir() if p.name.endswith(".tmp")]
        sf.add_contribution(Contribution.new("wel bevestigd"))
    with st.open(sid, readonly=True) as sf:
        assert [c.text for c in sf.contributions()][-1] == "wel bevestigd"
        assert "niet bevestigd" not in [c.text for c in sf.contributions()]


def test_crash_while_forgetting_never_leaves_the_person_only_in_the_backup(st, sid, monkeypatch):
    with st.open(sid) as sf:
        p = sf.add_person(Person.new("Jan Bakker", purpose="letter", consent_how="oral", email="jan@example.nl"))
        sf.add_contribution(Contribution.new("nog een save, zodat Jan ook in de reservekopie staat"))
    backup = st.data_dir / f"{sid}.json.bak"
    assert b"Jan Bakker" in backup.read_bytes()
    with st.open(sid) as sf:
        _power_cut_on(monkeypatch, f"{sid}.json")  # the backup is written, then the power goes
        with pytest.raises(OSError):
            sf.forget_person(p.receipt)
    monkeypatch.undo()
    assert b"Jan Bakker" not in backup.read_bytes(), "the backup is cleaned first"
    with st.open(sid) as sf:  # Jan is still in the file, so asking again finds him and finishes the job
        sf.forget_person(p.receipt)
    assert b"Jan Bakker" not in st.path_for(sid).read_bytes() + backup.read_bytes()


def test_temporary_files_of_a_killed_writer_are_cleaned_up(st, sid):
    stale = st.data_dir / f".{sid}.json.abc123.tmp"
    stale.write_text('{"people": "Jan Bakker, 06-12345678"}', encoding="utf-8")
    with st.open(sid, readonly=True):
        assert stale.exists(), "reading never deletes anything"
    with st.open(sid):
        pass
    assert not stale.exists(), "a writer removes unfinished writes, which may hold personal data"


def test_iter_open_skips_damaged_sessions(st, sid, other):
    st.path_for(sid).write_bytes(b"")
    assert [sf.session.id for sf in st.iter_open()] == [other]


# ---------------------------------------------------------------- one bad file never takes down the rest


def _not_a_file(kind: str, path) -> None:
    """Put something that is not a readable session file under a session's name (works as root too)."""
    path.unlink()
    if kind == "folder":
        path.mkdir()
        (path / "inhoud.txt").write_text("x", encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "garbage":
        path.write_bytes(os.urandom(4096))
    elif kind == "huge":  # a sparse file: 300 MB to read, no disk space used
        with open(path, "wb") as fh:
            fh.truncate(300 * 1024 * 1024)


@pytest.mark.parametrize("kind", ["folder", "fifo", "garbage", "huge"])
def test_every_command_keeps_working_beside_one_bad_session(st, sid, other, cli, kind, tmp_path):
    with st.open(other) as sf:
        sf.add_contribution(Contribution.new("Meer licht op straat"))
    path = st.path_for(sid)
    _not_a_file(kind, path)

    r = cli("list")
    assert r.returncode == 0 and "Gezond Zuid" in r.stdout, r.stderr
    [line] = [x for x in r.stdout.splitlines() if x.startswith(sid)]
    assert "BESCHADIGD" in line and str(path) in line and ("restore" in line or "hulp" in line), line
    rows = {row["id"]: row for row in json.loads(cli("list", "--json").stdout)}
    assert rows[sid]["problem"] and rows[other]["contributions"] == 1

    r = cli("report")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert sid in r.stderr, "the report says which session it left out"
    r = cli("add", other, "nog een punt")
    assert r.returncode == 0, r.stderr
    r = cli("export", other, "--format", "md")
    assert r.returncode == 0 and "Meer licht op straat" in r.stdout
    r = cli("purge", "--before", "2030-01-01")
    assert r.returncode == 2 and other in r.stdout and sid in r.stderr, (r.stdout, r.stderr)

    r = cli("add", sid, "iets")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and str(path) in r.stderr
    summaries = {s.id: s for s in st.summaries()}
    assert summaries[sid].problem and summaries[other].contributions == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file; see the folder/fifo cases for root")
def test_an_unreadable_session_file_is_named_with_what_to_do(st, sid, other, cli):
    path = st.path_for(sid)
    path.chmod(0)
    try:
        r = cli("list")
        assert r.returncode == 0 and "Gezond Zuid" in r.stdout
        assert "chmod" in r.stdout and str(path) in r.stdout
        r = cli("export", sid, "--format", "md")
        assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1
    finally:
        path.chmod(0o600)


def test_restore_refuses_a_healthy_file_unless_forced(st, sid, cli):
    path = st.path_for(sid)
    before = path.read_bytes()
    r = cli("restore", sid)
    assert r.returncode == 2 and "--force" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before and not list(st.data_dir.glob("*.damaged-*")), "nothing moved"
    r = cli("restore", sid, "--force")
    assert r.returncode == 0, r.stderr
    with st.open(sid, readonly=True) as sf:
        assert len(sf.contributions()) == 1, "forced: the previous version is back"
    [aside] = st.data_dir.glob("*.damaged-*")
    assert aside.read_bytes() == before, "and the newer one is kept aside"


def test_a_backup_that_breaks_the_rules_is_not_put_back(st, sid, cli):
    # Valid JSON, but a decision "not adopted" without a reason: it would not open, so it is no way back.
    path = st.path_for(sid)
    backup = st.data_dir / f"{sid}.json.bak"
    path.write_bytes(b"")
    data = json.loads(backup.read_bytes())
    next(iter(data["contributions"].values()))["decision"] = {"status": "not_adopted", "reason": ""}
    backup.write_text(json.dumps(data), encoding="utf-8")
    r = cli("restore", sid)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert r.stderr.startswith(f"wijksessie: Ook de reservekopie van deze sessie is beschadigd: {sid}. Reden: "), r.stderr
    assert r.stderr.rstrip().endswith("Bewaar beide bestanden en vraag om hulp."), r.stderr
    assert path.read_bytes() == b"" and not list(st.data_dir.glob("*.damaged-*")), "nothing moved"
