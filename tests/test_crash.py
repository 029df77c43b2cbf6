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
                raise AssertionError("the writer printed nothing for %.0f s" % self.limit)
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


def _take(lines: Lines, acked: set[str], until) -> str:
    """Read lines, recording acknowledged ids, until ``until(line)``; returns that line."""
    while True:
        line = lines.read()
        if line is None:
            raise AssertionError("the writer stopped unexpectedly")
        if line.startswith("error"):
            raise AssertionError(f"the writer failed: {line}")
        if line.startswith("id "):
            acked.add(line[3:])
        if until(line):
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
                _take(lines, acked[sid], lambda line: line == "open" and wanted == 0
                      or len(acked[sid]) - before >= max(wanted, 1))
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
                pid = int(_take(out, acked[sid], lambda line: line.startswith("pid ")).split()[1])
                before = len(acked[sid])
                if wanted:
                    _take(out, acked[sid], lambda line: len(acked[sid]) - before >= wanted)
                _jitter(rng)
                os.kill(pid, signal.SIGKILL)
                send(f"wait {pid}")
                dead = _take(out, acked[sid], lambda line: line.startswith(f"dead {pid} "))
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
