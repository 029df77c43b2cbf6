"""Crash safety, proven: writers are killed with SIGKILL at hundreds of random moments.

After every kill the session must open, and every contribution whose save had
returned (the writer printed its id only then) must be in it. A kill is the
worst a power cut or a pulled cable can do to a process; the fsyncs in
``atomic.write_atomic`` cover what the disk does after that, which a test in a
container cannot cut.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REPO
from wijksessie.model import Session
from wijksessie.store import SessionStore, StoreError

WRITER = REPO / "tests" / "helpers" / "writer.py"
TUI_WRITER = REPO / "tests" / "helpers" / "tui_writer.py"

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or os.name != "posix", reason="needs POSIX fork and signals")


class Lines:
    """Read lines from a child's stdout with a time limit, so a hung child fails the test instead of hanging it."""

    def __init__(self, stream, limit: float = 60.0):
        self.fd = stream.fileno()
        self.buffer = b""
        self.limit = limit

    def read(self) -> str | None:
        """The next line, or None at end of output."""
        deadline = time.monotonic() + self.limit
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"the writer printed nothing for {self.limit:.0f} s")
            ready, _w, _x = select.select([self.fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.fd, 65536)
            if not chunk:
                if self.buffer:
                    line, self.buffer = self.buffer, b""
                    return line.decode()
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\n", 1)
        return line.decode()


def _jitter(rng: random.Random) -> None:
    """Move the kill a random fraction of a write later (a few ms), so kills land in every phase of a write."""
    if rng.random() < 0.6:
        end = time.perf_counter() + rng.uniform(0, 0.004)
        while time.perf_counter() < end:
            pass


def _check(store: SessionStore, data: Path, sid: str, acked: set[str], figures: Counter) -> None:
    """After a kill: the session opens and holds every acknowledged contribution."""
    figures["kills"] += 1
    if any(p.name.endswith(".tmp") for p in data.glob(f".{sid}.json.*")):
        figures["kills during a write (temporary file left)"] += 1
    try:
        with store.open(sid, readonly=True) as sf:
            present = {c.id for c in sf.contributions()}
    except StoreError as exc:
        figures["unreadable files"] += 1
        pytest.fail(f"after kill {figures['kills']} the session does not open: {exc}")
    lost = acked - present
    figures["lost acknowledged contributions"] += len(lost)
    assert not lost, f"after kill {figures['kills']}: saved contributions missing: {sorted(lost)}"
    backup = data / f"{sid}.json.bak"
    if backup.exists():
        try:
            json.loads(backup.read_bytes())
        except ValueError:
            figures["unreadable files"] += 1
            pytest.fail(f"after kill {figures['kills']} the backup copy is damaged")


def _take(lines: Lines, acked: set[str], *, exact: str = "", prefix: str = "", size: int | None = None) -> str:
    """Read lines, recording acknowledged ids, until a line is ``exact`` or starts with ``prefix``, or
    ``acked`` holds ``size`` ids; returns that line."""
    while True:
        line = lines.read()
        if line is None:
            raise AssertionError("the writer stopped unexpectedly")
        if line.startswith("error"):
            raise AssertionError(f"the writer failed: {line}")
        if line.startswith("id "):
            acked.add(line[3:])
        if (exact and line == exact) or (prefix and line.startswith(prefix)) or (size is not None and len(acked) >= size):
            return line


def test_sigkill_at_random_moments_loses_nothing_that_was_saved(tmp_path):
    rng = random.Random(20261124)
    data = tmp_path / "data"
    store = SessionStore(data)
    sessions = [store.create(Session.new(f"Gesprek {n}", "Noord")).id for n in range(4)]
    acked = {sid: set() for sid in sessions}
    figures: Counter = Counter()
    total = 400
    server = subprocess.Popen([sys.executable, str(WRITER), "server"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, cwd=REPO)
    out = Lines(server.stdout)

    def send(command: str) -> None:
        server.stdin.write((command + "\n").encode())
        server.stdin.flush()

    try:
        for k in range(total):
            sid = sessions[k * len(sessions) // total]
            seed = rng.randrange(10**9)
            wanted = rng.choice([0, 0, 1, 1, 2, 3, 5, 8])  # acknowledged saves before the kill
            if k % 10 == 0:
                # Every tenth writer is a fresh Python process, not a fork.
                figures["fresh processes"] += 1
                proc = subprocess.Popen([sys.executable, str(WRITER), "direct", str(data), sid, str(seed)],
                                        stdout=subprocess.PIPE, cwd=REPO)
                lines = Lines(proc.stdout)
                before = len(acked[sid])
                _take(lines, acked[sid], exact="open" if wanted == 0 else "", size=before + max(wanted, 1))
                _jitter(rng)
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                while (line := lines.read()) is not None:
                    if line.startswith("id "):
                        acked[sid].add(line[3:])
                proc.stdout.close()
                assert proc.returncode == -signal.SIGKILL
            else:
                figures["forked processes"] += 1
                send(f"run {data} {sid} {seed}")
                pid = int(_take(out, acked[sid], prefix="pid ").split()[1])
                before = len(acked[sid])
                if wanted:
                    _take(out, acked[sid], size=before + wanted)
                _jitter(rng)
                os.kill(pid, signal.SIGKILL)
                send(f"wait {pid}")
                dead = _take(out, acked[sid], prefix=f"dead {pid} ")
                assert dead.split()[2] == str(int(signal.SIGKILL)), f"writer {pid} ended on its own: {dead}"
            _check(store, data, sid, acked[sid], figures)
    finally:
        if server.poll() is None:
            send("quit")
            server.wait(timeout=30)
        server.stdout.close()

    figures["acknowledged contributions"] = sum(len(a) for a in acked.values())
    print("\ncrash test figures:", dict(figures))
    assert figures["kills"] >= 200
    assert figures["lost acknowledged contributions"] == 0 and figures["unreadable files"] == 0
    # The kills really did land inside writes, not only between them.
    assert figures["kills during a write (temporary file left)"] > 0
    # Every session still opens for writing: the locks of killed writers were taken over.
    for sid in sessions:
        with store.open(sid) as sf:
            assert {c.id for c in sf.contributions()} >= acked[sid]
        assert not [p for p in data.glob(f".{sid}.json.*") if p.name.endswith(".tmp")], "leftover temporary files"


def test_sigkill_while_the_full_screen_program_records(tmp_path):
    rng = random.Random(20261125)
    data = tmp_path / "data"
    store = SessionStore(data)
    sid = store.create(Session.new("Gesprek in het buurthuis", "Noord")).id
    acked: set[str] = set()
    figures: Counter = Counter()
    for k in range(12):
        errors = tmp_path / f"stderr-{k}.txt"
        with errors.open("wb") as err:
            proc = subprocess.Popen([sys.executable, str(TUI_WRITER), str(data), sid, str(k)],  # k: texts stay unique
                                    stdout=subprocess.PIPE, stderr=err, cwd=REPO)
        lines = Lines(proc.stdout)
        wanted = rng.choice([0, 1, 2, 3])
        typed = 0
        try:
            while True:
                line = lines.read()
                assert line is not None and not line.startswith("error"), (
                    f"the program stopped: {line}\n{errors.read_text(errors='replace')[-3000:]}")
                if line.startswith("text "):
                    acked.add(line[5:])
                    typed += 1
                if (line == "open" and wanted == 0) or (typed and typed >= wanted):
                    break
            _jitter(rng)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            while (line := lines.read()) is not None:
                if line.startswith("text "):
                    acked.add(line[5:])
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL
        figures["kills"] += 1
        with store.open(sid, readonly=True) as sf:
            present = {c.text for c in sf.contributions()}
        lost = acked - present
        figures["lost acknowledged entries"] += len(lost)
        assert not lost, f"after kill {k + 1}: entries shown as saved are missing: {sorted(lost)}"
    figures["acknowledged entries"] = len(acked)
    print("\nfull-screen crash test figures:", dict(figures))
    assert figures["kills"] >= 10 and figures["acknowledged entries"] >= 10


# ---------------------------------------------------------------- when the disk or the system says no
#
# A full disk, a file-size limit, a read-only stick, an unreadable cache, a log
# that cannot be written: each gets one sentence saying what to do, exit 2,
# and the session file stays exactly as it was.


def _cli(*args: str, env: dict | None = None, preexec=None):
    return subprocess.run([sys.executable, "-m", "wijksessie", *args], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, **(env or {})}, preexec_fn=preexec, timeout=120)


def _one_clear_line(r, *words: str) -> None:
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "Logging error" not in r.stderr, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wijksessie: "), r.stderr
    for w in words:
        assert w in lines[0], lines[0]


def _folder_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.suffix != ".lock"}


def _fill(path: Path) -> None:
    """Write zeros to ``path`` until the file system is full to the last block."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)


@pytest.fixture
def small_disk(tmp_path):
    """A real 256 KiB file system (tmpfs), so "disk full" is the kernel's own ENOSPC."""
    mount = tmp_path / "stick"
    mount.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(mount)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip("cannot mount a small file system here: " + r.stderr.strip())
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_disk_full_is_one_sentence_and_loses_nothing(small_disk):
    data = small_disk / "sessies"
    sid = _cli("--data-dir", str(data), "new", "--title", "Vol", "--neighbourhood", "Noord").stdout.strip()
    assert _cli("--data-dir", str(data), "add", sid, "eerste punt").returncode == 0
    before = _folder_bytes(data)
    filler = small_disk / "vulsel"
    _fill(filler)
    r = _cli("--data-dir", str(data), "add", sid, "dit past niet meer " * 200)
    _one_clear_line(r, "schijf is vol", "ruimte")
    assert _folder_bytes(data) == before, "the session file and its backup are untouched"
    assert not [p for p in data.iterdir() if p.name.endswith(".tmp")], "no half-written temporary file left"
    r = _cli("--data-dir", str(data), "export", sid, "--format", "md", "-o", str(small_disk / "notes.md"))
    _one_clear_line(r, "schijf is vol")
    assert not (small_disk / "notes.md").exists()
    filler.unlink()
    assert _cli("--data-dir", str(data), "add", sid, "weer ruimte").returncode == 0


def test_read_only_data_folder(small_disk):
    data = small_disk / "sessies"
    sid = _cli("--data-dir", str(data), "new", "--title", "Alleen lezen", "--neighbourhood", "Noord").stdout.strip()
    before = _folder_bytes(data)
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], capture_output=True).returncode == 0
    r = _cli("--data-dir", str(data), "add", sid, "kan niet")
    _one_clear_line(r, "niet geschreven", "andere map")
    r = _cli("--data-dir", str(data), "export", sid, "--format", "md")
    assert r.returncode == 0 and "Alleen lezen" in r.stdout, "reading still works"
    r = _cli("--data-dir", str(data), "list")
    assert r.returncode == 0 and sid in r.stdout
    assert _folder_bytes(data) == before


def test_file_too_large_for_ulimit(tmp_path):
    import resource

    data = tmp_path / "data"
    sid = _cli("--data-dir", str(data), "new", "--title", "Groot", "--neighbourhood", "Noord").stdout.strip()
    before = _folder_bytes(data)

    def limit():  # like `ulimit -f 8` in the shell: files may not grow past 8 KiB
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    r = _cli("--data-dir", str(data), "add", sid, "lang verhaal " * 2000, preexec=limit)
    assert r.returncode != -signal.SIGXFSZ, "the program is not killed by the file-size signal"
    _one_clear_line(r, "ulimit")
    assert _folder_bytes(data) == before
    assert not [p for p in data.iterdir() if p.name.endswith(".tmp")]


def test_damaged_translation_cache_never_stops_a_command(tmp_path):
    cache = tmp_path / "cache"
    env = {"WIJKSESSIE_CACHE_DIR": str(cache), "WIJKSESSIE_DATA_DIR": str(tmp_path / "data")}
    assert _cli("--lang", "en", "list", env=env).returncode == 0
    cached = list((cache / "catalogues").glob("*.mo"))
    assert cached, "the first start keeps a compiled catalogue"
    for mo in cached:
        mo.write_bytes(b"dit is geen catalogus")
    r = _cli("--lang", "en", "list", env=env)
    assert r.returncode == 0 and "Traceback" not in r.stderr and "No sessions" in r.stdout, r.stderr
    # The cache folder is a file, or a folder nobody may enter: the program still starts.
    for mo in cached:
        mo.unlink()
    (cache / "catalogues").rmdir()
    (cache / "catalogues").write_text("geen map", encoding="utf-8")
    r = _cli("--lang", "en", "list", env=env)
    assert r.returncode == 0 and "Traceback" not in r.stderr and "No sessions" in r.stdout, r.stderr


def test_a_log_that_cannot_be_written_never_shows_a_logging_error(tmp_path, small_disk):
    # An unexpected error is logged in the data folder; here that folder is on a full disk.
    data = small_disk / "sessies"
    data.mkdir()
    _fill(small_disk / "vulsel")
    probe = (
        "import sys\n"
        "from wijksessie import cli\n"
        "from wijksessie.commands import list_\n"
        "def boom(args):\n    raise RuntimeError('kapot')\n"
        "list_.cmd_list.__code__ = boom.__code__\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    r = subprocess.run([sys.executable, "-c", probe, "--data-dir", str(data), "list"], capture_output=True, text=True,
                       cwd=REPO, env={**os.environ, "XDG_STATE_HOME": str(small_disk / "state"),
                                      "HOME": str(small_disk / "home")}, timeout=60)
    assert r.returncode == 1 and "Logging error" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "niets verloren" in r.stderr


@pytest.mark.parametrize("code, words", [(28, "schijf is vol"), (27, "ulimit"), (30, "niet geschreven mag"), (5, "leesfout")])
def test_each_write_error_of_the_system_is_one_sentence(tmp_path, capsys, monkeypatch, code, words):
    """Where no small disk can be mounted: the same errors made at the operating-system boundary (fsync)."""
    from wijksessie import atomic, cli

    data = tmp_path / "data"
    store = SessionStore(data)
    sid = store.create(Session.new("Vol", "Noord", date="2026-11-24")).id
    before = _folder_bytes(data)

    def failing_fsync(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    status = cli.main(["--data-dir", str(data), "add", sid, "past niet"])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1 and words in err, err
    assert str(store.path_for(sid)) in err, "the message names the file"
    assert _folder_bytes(data) == before
    assert not [p for p in data.iterdir() if p.name.endswith(".tmp")], "the temporary file is removed"
