"""Two programs, one session: a clear "open elsewhere" message, reading still works, a dead holder's lock is taken over."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest

from tests.conftest import REPO
from wijksessie.model import Contribution, Session
from wijksessie.store import SessionLocked

HOLDER = (
    "import sys\n"
    "from wijksessie.store import SessionStore\n"
    "sf = SessionStore(sys.argv[1]).open(sys.argv[2])\n"
    "print('open', flush=True)\n"
    "sys.stdin.read()\n"  # hold the session until the test closes stdin or kills us
    "sf.close()\n"
)


@pytest.fixture
def sid(st) -> str:
    sid = st.create(Session.new("Gezond Noord", "Noord")).id
    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new("al opgeslagen"))
    return sid


@pytest.fixture
def holder(data_dir, sid):
    """Another process that has the session open for writing (as the full-screen program would)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir), sid], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert proc.stdout.readline().strip() == "open"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()
    proc.stdout.close()
    proc.stdin.close()


def test_open_elsewhere_gives_a_clear_message_and_reading_works(cli, st, sid, holder):
    with pytest.raises(SessionLocked) as err:
        st.open(sid)
    assert f"pid {holder.pid}" in str(err.value) and "alleen om te lezen" in str(err.value)
    with st.open(sid, readonly=True) as sf:
        assert [c.text for c in sf.contributions()] == ["al opgeslagen"]

    for args in (("add", sid, "ook iets"), ("vote", sid, "Groen"), ("decide", sid, "x", "--status", "done"),
                 ("forget", sid, "ABCD-EFGH")):
        r = cli(*args)
        assert r.returncode == 2, (args, r.stdout, r.stderr)
        assert "al open in een ander programma" in r.stderr and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1

    # Reading commands do not need the lock.
    r = cli("export", sid, "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)["contributions"][0]["text"] == "al opgeslagen"
    r = cli("list")
    assert r.returncode == 0 and sid in r.stdout and "BESCHADIGD" not in r.stdout
    assert cli("people", sid).returncode == 0


def test_a_killed_holder_leaves_no_lock_behind(cli, st, sid, holder, data_dir):
    assert cli("add", sid, "geblokkeerd").returncode == 2
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (data_dir / f"{sid}.lock").exists(), "the lock file is still there, as after a real crash"
    r = cli("add", sid, "na de crash")
    assert r.returncode == 0, r.stderr
    with st.open(sid) as sf:  # and in this process too
        assert [c.text for c in sf.contributions()] == ["al opgeslagen", "na de crash"]


def test_a_closed_holder_releases_the_lock(st, sid, holder):
    holder.stdin.close()  # the other program closes the session normally
    holder.wait()
    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new("daarna"))


def test_one_process_cannot_open_a_session_twice_for_writing(st, sid):
    with st.open(sid):
        with pytest.raises(SessionLocked):
            st.open(sid)
    with st.open(sid) as sf:
        assert sf.session.id == sid


def test_a_stale_lock_file_with_someone_elses_pid_is_taken_over(st, sid, data_dir):
    # A lock file left by a program that died long ago, perhaps on another boot: only the OS lock counts.
    (data_dir / f"{sid}.lock").write_text("pid 999999", encoding="utf-8")
    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new("gewoon verder"))
    assert (data_dir / f"{sid}.lock").read_text(encoding="utf-8") == f"pid {os.getpid()}"


def test_delete_and_restore_respect_the_lock(cli, st, sid, holder, data_dir):
    (data_dir / f"{sid}.json.bak").write_bytes((data_dir / f"{sid}.json").read_bytes())
    assert cli("restore", sid).returncode == 2
    with pytest.raises(SessionLocked):
        st.delete(sid)
    assert st.path_for(sid).exists()
