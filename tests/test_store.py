"""The session store: round trip, atomic writes, backup, lock, permissions, schema."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest

from wijksessie import model, store
from wijksessie.model import Agreement, Contribution, Session
from wijksessie.store import DamagedSessionFile, NewerSchema, SessionLocked


@pytest.fixture
def sid(st) -> str:
    return st.create(Session.new("Gezond Noord", "Noord", date="2026-11-24")).id


def test_round_trip_through_a_real_file(st, sid):
    with st.open(sid) as sf:
        c = sf.add_contribution(Contribution.new("Te weinig bankjes", kind="problem", theme="Groen", step="praten"))
        sf.add_agreement(Agreement.new("Bankje plaatsen", who="gemeente", by_when="2027-01-15", quick_win=True))
        sf.vote("Groen", 3)
        sf.decide(c.id, "adopted", owner="Wijkteam", due="2027-02-01", quick_win=True)
    with st.open(sid[:4], readonly=True) as sf:
        [again] = sf.contributions()
        assert again.text == "Te weinig bankjes" and again.kind.value == "problem"
        assert again.decision.status.value == "adopted" and again.decision.quick_win
        assert sf.agreements()[0].who == "gemeente"
        assert sf.session.priorities.votes == {"Groen": 3}


def test_edit_delete_and_undo(st, sid):
    with st.open(sid) as sf:
        a = sf.add_contribution(Contribution.new("eerste"))
        b = sf.add_contribution(Contribution.new("tweede"))
        sf.edit_contribution(a.id, text="eerste, verbeterd", theme="Wonen")
        gone = sf.delete_contribution(b.id)
        assert [c.text for c in sf.contributions()] == ["eerste, verbeterd"]
        sf.restore_contribution(gone)
    with st.open(sid, readonly=True) as sf:
        texts = {c.id: c for c in sf.contributions()}
        assert texts[a.id].text == "eerste, verbeterd" and texts[a.id].edited_at is not None
        assert texts[b.id].text == "tweede"


def test_each_write_is_on_disk_when_it_returns(st, sid):
    with st.open(sid) as sf:
        c = sf.add_contribution(Contribution.new("meteen opgeslagen"))
        # Read the file directly, as another program would, while the session is still open.
        raw = json.loads(st.path_for(sid).read_text(encoding="utf-8"))
        texts = [doc["text"] for doc in raw["contributions"].values()]
        assert texts == ["meteen opgeslagen"]
        assert c.id in {doc["id"] for doc in raw["contributions"].values()}


def test_crash_between_temp_file_and_replace_keeps_the_old_file(st, sid, monkeypatch):
    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new("bewaard"))
        real_replace = os.replace

        def power_cut(src, dst):
            if str(dst).endswith(".json"):
                raise OSError("power cut")
            return real_replace(src, dst)

        monkeypatch.setattr("wijksessie.atomic.os.replace", power_cut)
        with pytest.raises(OSError):
            sf.add_contribution(Contribution.new("nooit bevestigd"))
        monkeypatch.undo()
    leftovers = [p.name for p in st.data_dir.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == [], "no temporary file is left behind"
    with st.open(sid, readonly=True) as sf:
        assert [c.text for c in sf.contributions()] == ["bewaard"]


def test_previous_good_copy_is_kept_beside_it(st, sid):
    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new("een"))
        sf.add_contribution(Contribution.new("twee"))
    backup = json.loads((st.data_dir / f"{sid}.json.bak").read_text(encoding="utf-8"))
    assert [d["text"] for d in backup["contributions"].values()] == ["een"]


def test_files_are_readable_by_the_owner_only(st, sid):
    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new("privé"))
    for name in (f"{sid}.json", f"{sid}.json.bak", f"{sid}.lock"):
        mode = stat.S_IMODE((st.data_dir / name).stat().st_mode)
        assert mode & 0o077 == 0, f"{name} is {oct(mode)}"


def test_second_process_gets_a_clear_message(st, sid):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from wijksessie.store import SessionStore;"
         f"sf = SessionStore({str(st.data_dir)!r}).open({sid!r}); print('open', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(SessionLocked, match="ander programma"):
            st.open(sid)
        with st.open(sid, readonly=True) as sf:  # reading is still possible
            assert sf.session.title == "Gezond Noord"
    finally:
        holder.kill()
        holder.wait()
    # The kernel released the lock of the killed process: the session opens again.
    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new("na de crash"))


def test_damaged_file_is_reported_with_its_name(st, sid):
    path = st.path_for(sid)
    path.write_text('{"meta": {"1": {"schema_version": 1}}, "session": {"1": {"id": "', encoding="utf-8")
    with pytest.raises(DamagedSessionFile) as err:
        st.open(sid)
    assert str(path) in str(err.value) and "JSON" in str(err.value)
    [summary] = st.summaries()
    assert summary.problem, "the list still shows the damaged session"


def test_newer_schema_is_refused_not_overwritten(st, sid):
    path = st.path_for(sid)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["1"]["schema_version"] = model.SCHEMA_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(NewerSchema, match="nieuwere versie"):
        st.open(sid)
    assert path.read_bytes() == before


def test_old_schema_is_migrated_on_open(st, sid, monkeypatch):
    def to_v2(tables):
        for doc in tables["contributions"].values():
            doc["text"] = doc["text"].upper()
        return tables

    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new("oud"))
    current = model.SCHEMA_VERSION
    monkeypatch.setattr(model, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(store.MIGRATIONS, current, to_v2)
    with st.open(sid) as sf:
        assert [c.text for c in sf.contributions()] == ["OUD"]
    raw = json.loads(st.path_for(sid).read_text(encoding="utf-8"))
    assert raw["meta"]["1"]["schema_version"] == current + 1


def test_session_is_named_by_id_or_unique_prefix(st):
    for sid in ("aa11bb22", "aa33cc44"):
        s = Session.new("t", "w")
        s.id = sid
        st.create(s)
    assert st.resolve("aa1") == "aa11bb22"
    with pytest.raises(store.AmbiguousSession) as ambiguous:
        st.resolve("aa")
    assert str(ambiguous.value) == (
        "Dit nummer past bij meer dan één sessie: aa. Het kan zijn: aa11bb22, aa33cc44. Typ meer tekens van het nummer.")
    with pytest.raises(store.SessionNotFound) as unknown:
        st.resolve("zz")
    assert str(unknown.value) == "Deze sessie bestaat niet: zz. Kijk het nummer na, of kies een sessie uit: wijksessie list"
    with pytest.raises(store.SessionNotFound) as empty:
        st.resolve("  ")
    assert str(empty.value) == "Het sessienummer ontbreekt. Kies een sessie uit: wijksessie list"
    with pytest.raises(store.SessionNotFound):
        st.path_for("../../etc/passwd")


# ---------------------------------------------------------------- reading only regular files; bounded numbers


def test_a_fifo_under_a_session_name_never_blocks_and_is_listed_damaged(st, sid, data_dir):
    fifo = data_dir / "f1f0f1f0.json"
    os.mkfifo(fifo)
    by_id = {s.id: s for s in st.summaries()}  # would hang forever if the pipe were opened for reading
    assert by_id[sid].problem == "" and "geen gewoon bestand" in by_id["f1f0f1f0"].problem
    assert str(fifo) in by_id["f1f0f1f0"].problem


def test_a_file_we_may_not_read_is_listed_with_what_to_do(st, sid, data_dir, monkeypatch):
    # Root reads every file, so "permission denied" is made at the operating-system boundary (os.open).
    import errno

    from wijksessie import store as store_module

    other = st.create(Session.new("Gezond Zuid", "Zuid")).id
    target = str(st.path_for(other))
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if str(path) == target and not flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    by_id = {s.id: s for s in st.summaries()}
    assert by_id[sid].problem == ""
    assert "chmod u+rw" in by_id[other].problem and target in by_id[other].problem
    with pytest.raises(store_module.UnreadableSessionFile):
        st.open(other, readonly=True)


def test_votes_are_bounded(st, sid):
    from wijksessie.limits import MAX_VOTES
    from wijksessie.model import ModelError

    with st.open(sid) as sf:
        with pytest.raises(ModelError) as err:
            sf.vote("Groen", 10**35)
        assert str(err.value) == f"Dit zijn te veel stemmen: {10**35}. Tel ten hoogste {MAX_VOTES} stemmen tegelijk."
        with pytest.raises(ModelError):
            sf.vote("Groen", -(10**35))
        assert sf.vote("Groen", MAX_VOTES) == MAX_VOTES
        with pytest.raises(ModelError) as err:
            sf.vote("Groen", 1)
        assert str(err.value) == f"Een thema kan ten hoogste {MAX_VOTES} stemmen hebben. Kijk het getal na."
    with st.open(sid, readonly=True) as sf:
        assert sf.session.priorities.votes["Groen"] == MAX_VOTES


# ---------------------------------------------------------------- messages name the thing after a label and a colon


def test_an_unknown_or_unclear_number_is_named_after_a_colon(st, sid):
    with st.open(sid) as sf:
        for cid in ("aa1111", "aa2222"):
            c = Contribution.new("inbreng")
            c.id = cid
            sf.add_contribution(c)
        sf.add_agreement(Agreement.new("Bankje plaatsen"))
        with pytest.raises(store.SessionNotFound) as err:
            sf.contribution("zzz")
        assert str(err.value) == "Deze inbreng bestaat niet: zzz. Kijk het nummer na."
        with pytest.raises(store.SessionNotFound) as err:
            sf.contribution("")
        assert str(err.value) == "Het nummer van de inbreng ontbreekt. Typ het nummer."
        with pytest.raises(store.SessionNotFound) as err:
            sf.agreement("zzz")
        assert str(err.value) == "Deze afspraak bestaat niet: zzz. Kijk het nummer na."
        with pytest.raises(store.AmbiguousSession) as err:
            sf.contribution("AA")
        assert str(err.value) == (
            "Dit nummer past bij meer dan één inbreng: aa. Het kan zijn: aa1111, aa2222. Typ meer tekens van het nummer.")


@pytest.mark.parametrize("kind, words", [
    ("folder", "Dit is een map, geen gewoon bestand: {path}."),
    ("fifo", "Dit is een pijp (FIFO), geen gewoon bestand: {path}."),
])
def test_a_write_over_something_that_is_not_a_file_says_what_it_is(tmp_path, kind, words):
    from wijksessie.atomic import NotAFile, write_atomic

    target = tmp_path / "uit.md"
    if kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)
    with pytest.raises(NotAFile) as err:
        write_atomic(target, b"tekst")
    assert str(err.value) == words.format(path=target) + " Dat vervangen we niet; kies een andere bestandsnaam."


def test_changing_a_point_that_was_deleted_meanwhile_says_so(st, sid):
    with st.open(sid) as sf:
        c = sf.add_contribution(Contribution.new("weg"))
        a = sf.add_agreement(Agreement.new("Bankje plaatsen"))
        sf.delete_contribution(c.id)
        sf.delete_agreement(a.id)
        c.text = "toch nog aangepast"
        with pytest.raises(store.SessionNotFound) as err:
            sf.update_contribution(c)
        assert str(err.value) == f"Deze inbreng bestaat niet: {c.id}. Kijk het nummer na."
        with pytest.raises(store.SessionNotFound) as err:
            sf.update_agreement(a)
        assert str(err.value) == f"Deze afspraak bestaat niet: {a.id}. Kijk het nummer na."
    with st.open(sid, readonly=True) as sf:
        assert sf.contributions() == [] and sf.agreements() == []


def test_a_person_is_found_by_code_or_name_and_a_miss_is_named(st, sid):
    from wijksessie.model import Person

    with st.open(sid) as sf:
        jan = sf.add_person(Person.new("Jan Bakker", purpose="letter", consent_how="oral", email="jan@example.nl"))
        other = sf.add_person(Person.new("jan bakker", purpose="help", consent_how="form", email="j.b@example.nl"))
        assert sf.person(jan.receipt) == jan and sf.person(other.receipt.lower()) == other
        with pytest.raises(store.SessionNotFound) as err:
            sf.person("  ")
        assert str(err.value) == "De code of naam van de bewoner ontbreekt. Typ de code of de naam."
        with pytest.raises(store.SessionNotFound) as err:
            sf.person("Piet")
        assert str(err.value) == f"Niemand heeft deze code of naam: Piet (sessie: {sid}). Kijk de code na."
        with pytest.raises(store.AmbiguousSession) as err:
            sf.person("JAN BAKKER")
        assert str(err.value) == (f"2 mensen hebben deze naam: JAN BAKKER (sessie: {sid}). "
                                  f"Gebruik hun code: {jan.receipt}, {other.receipt}.")


def test_summaries_count_what_is_late_as_feedback_lateness_does(st):
    import datetime as dt

    from wijksessie import feedback

    s = st.create(Session.new("Gezond Noord", "Noord", date="2026-01-10", feedback_due="2026-02-01"))
    with st.open(s.id) as sf:
        late = sf.add_contribution(Contribution.new("Te weinig bankjes"))
        later = sf.add_contribution(Contribution.new("Meer groen"))
        sf.decide(late.id, "under_review", reason="We vragen het na.", due="2026-02-15")
        sf.decide(later.id, "under_review", reason="We vragen het na.", due="2026-04-01")
        sf.add_agreement(Agreement.new("Bankje plaatsen", who="gemeente", by_when="2026-03-01"))
        sf.add_agreement(Agreement.new("Boom planten", who="gemeente", by_when="2026-05-01"))
    today = dt.date(2026, 3, 12)
    [summary] = st.summaries(today)
    with st.open(s.id, readonly=True) as sf:
        found = feedback.lateness(sf.session, sf.contributions(), sf.agreements(), today)
    assert (summary.letter_late, summary.late_reviews, summary.late_agreements) == (True, 1, 1)
    assert (found.letter_overdue, len(found.reviews), len(found.agreements)) == (True, 1, 1)
    assert summary.late == 2
    # Before any promised date passed nothing is late.
    [early] = st.summaries(dt.date(2026, 1, 20))
    assert (early.letter_late, early.late_reviews, early.late_agreements, early.late) == (False, 0, 0, 0)
