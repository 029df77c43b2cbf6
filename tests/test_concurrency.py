"""Two programs, one session: short writes wait their turn, a long holder gets a clear "open elsewhere"
message, reading still works, a dead holder's lock is taken over."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

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


#: A command line that gives up quickly on a session the holder keeps open (the default waits 5 s).
SHORT_WAIT = {"WIJKSESSIE_LOCK_WAIT": "0.2"}


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
    assert str(err.value) == (
        f"Deze sessie is al open in een ander programma: {sid}. Sluit hem daar, of open hem alleen om te lezen. "
        f"Nummer van dat programma: {holder.pid}.")
    with st.open(sid, readonly=True) as sf:
        assert [c.text for c in sf.contributions()] == ["al opgeslagen"]

    for args in (("add", sid, "ook iets"), ("vote", sid, "Groen"), ("decide", sid, "x", "--status", "done"),
                 ("forget", sid, "ABCD-EFGH")):
        r = cli(*args, env=SHORT_WAIT)
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
    assert cli("add", sid, "geblokkeerd", env=SHORT_WAIT).returncode == 2
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
    r = cli("restore", sid, "--force", env=SHORT_WAIT)
    assert r.returncode == 2 and "al open" in r.stderr
    with pytest.raises(SessionLocked):
        st.delete(sid)
    assert st.path_for(sid).exists()


ADDER = (
    "import sys\n"
    "from wijksessie.cli import main\n"
    "sys.stdin.readline()\n"  # start together
    "codes = [main(['--data-dir', sys.argv[1], 'add', sys.argv[2], f'{sys.argv[3]} {i}']) for i in range(int(sys.argv[4]))]\n"
    "print('refused', sum(1 for c in codes if c != 0), flush=True)\n"
)


def test_two_scripts_adding_at_once_are_never_refused(st, sid, data_dir):
    n = 40
    procs = [subprocess.Popen([sys.executable, "-c", ADDER, str(data_dir), sid, name, str(n)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
             for name in ("links", "rechts")]
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = [p.communicate(timeout=120) for p in procs]
    assert [out.splitlines()[-1] for out, _err in results] == ["refused 0", "refused 0"], [err for _o, err in results]
    with st.open(sid, readonly=True) as sf:
        texts = [c.text for c in sf.contributions()]
    assert len(texts) == 1 + 2 * n
    for name in ("links", "rechts"):
        assert [t for t in texts if t.startswith(name)] == [f"{name} {i}" for i in range(n)], "each in its own order"


def _open_files(pid: int) -> set[str]:
    found = set()
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                found.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
            except OSError:
                pass
    except OSError:
        pass
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to see the waiting process")
def test_a_short_write_waits_for_a_holder_that_lets_go(cli, st, sid, holder):
    waiting = subprocess.Popen([sys.executable, "-m", "wijksessie", "add", sid, "wachtte even"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                               env={**os.environ, "WIJKSESSIE_LOCK_WAIT": "60"})
    lock = str(st.path_for(sid).with_name(f"{sid}.lock"))
    deadline = time.monotonic() + 60
    while waiting.poll() is None and time.monotonic() < deadline:
        # Let go once the other command has the lock file open, i.e. is waiting for its turn.
        if lock in _open_files(waiting.pid):
            break
    assert waiting.poll() is None, waiting.communicate()
    holder.stdin.close()
    holder.wait()
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, err
    with st.open(sid, readonly=True) as sf:
        assert [c.text for c in sf.contributions()] == ["al opgeslagen", "wachtte even"]


def test_a_full_disk_while_taking_the_lock_never_leaves_the_session_locked(st, sid, monkeypatch):
    # The lock file says which program holds it; on a full USB stick that note cannot be written.
    # The session must still open, and once closed, open again: no lock may stay behind in this program.
    import errno

    real_write = os.write

    def full_disk(fd, data):
        if bytes(data).startswith(b"pid "):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full_disk)
    with st.open(sid) as sf:
        assert [c.text for c in sf.contributions()] == ["al opgeslagen"]
    monkeypatch.undo()
    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new("daarna"))
    with st.open(sid, readonly=True) as sf:
        assert [c.text for c in sf.contributions()] == ["al opgeslagen", "daarna"]


def test_a_lock_without_a_readable_note_still_gives_the_whole_message(st, sid, data_dir):
    with st.open(sid):
        (data_dir / f"{sid}.lock").write_text("iets anders", encoding="utf-8")  # not "pid <number>"
        with pytest.raises(SessionLocked) as err:
            st.open(sid)
    assert str(err.value) == (f"Deze sessie is al open in een ander programma: {sid}. "
                              "Sluit hem daar, of open hem alleen om te lezen.")
