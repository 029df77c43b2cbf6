"""A meeting in a real terminal (tmux, 80×24): the keys the footer and help show, a hard kill, and a restart.

The installed ``wijksessie`` command runs in tmux as a facilitator would use it;
the test reads the terminal with ``capture-pane`` and the saved session file
with a fresh store. Halfway the program is killed with SIGKILL (no chance to
save anything more); the restart must continue at the same step, with the
meeting clock going on from where it was and everything typed still there.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path

import pytest
from test_terminal import TMUX, installed_command, wait_for

from wijksessie.model import Session
from wijksessie.store import SessionStore

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed"),
    pytest.mark.skipif(installed_command() is None, reason="the wijksessie command is not installed"),
]


class Terminal:
    """One tmux server with one window of 80×24 running a command."""

    def __init__(self, socket: Path) -> None:
        self.socket = socket
        self.env = dict(os.environ, TERM="xterm-256color", LANGUAGE="nl")

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([TMUX, "-S", str(self.socket), *args], capture_output=True, text=True, env=self.env,
                              check=check, timeout=30)

    def start(self, command: str) -> None:
        self.tmux("new-session", "-d", "-s", "m", "-x", "80", "-y", "24", f"exec {command}")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-t", "m", "-p", check=False).stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "m", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "m", "-l", text)

    def pid(self) -> int:
        return int(self.tmux("list-panes", "-t", "m", "-F", "#{pane_pid}").stdout.split()[0])

    def stop(self) -> None:
        self.tmux("kill-server", check=False)


def _on_disk(data_dir: Path, sid: str) -> Session:
    return _file(data_dir, sid).session


def _file(data_dir: Path, sid: str):
    sf = SessionStore(data_dir).open(sid, readonly=True)
    sf.close()
    return sf


def _meeting_seconds(screen: str) -> int:
    match = re.search(r"bezig (\d+):(\d\d)", screen)
    assert match, screen
    return int(match[1]) * 60 + int(match[2])


def test_meeting_at_80x24_survives_a_hard_kill(tmp_path, data_dir):
    store = SessionStore(data_dir)
    sid = store.create(Session.new("Gezond in Noord", "Noord")).id
    command = f'{installed_command()} --data-dir "{data_dir}" open {sid}'
    term = Terminal(tmp_path / "tmux.sock")
    term.start(command)
    try:
        # The first frames fill in the step and the footer a moment apart: wait for both.
        wait_for(lambda: "Stap 1 van 9" in term.screen() and "f8 Volgende stap" in term.screen(), "the welcome step")
        assert "f1 Hulp" in term.screen()
        term.keys("F4")
        term.type("Wat doet u met onze ideeen?")
        term.keys("Enter")
        wait_for(lambda: "Opgeslagen " in term.screen(), "saved")

        term.keys("F8")
        wait_for(lambda: "Aantal deelnemers" in term.screen(), "the count")
        # Typed in one go, as a fast typist does: Enter still saves the count and moves on.
        term.keys("23", "Enter", "65 jaar en ouder = 9", "Enter")
        wait_for(lambda: _on_disk(data_dir, sid).tally.groups == {"65 jaar en ouder": 9}, "groups saved")
        assert _on_disk(data_dir, sid).tally.participants == 23
        wait_for(lambda: "Bewaard: 23 deelnemers" in term.screen(), "23 shown")

        term.keys("F8")
        wait_for(lambda: "Typ een onderwerp" in term.screen(), "the topics")
        term.keys("Bewegen", "Enter", "Groen", "Enter")
        wait_for(lambda: _on_disk(data_dir, sid).themes == ["Bewegen", "Groen"], "two topics")

        term.keys("F8")
        wait_for(lambda: "stemmen" in term.screen(), "the vote")
        term.type("Bewegen 12")
        term.keys("Enter")
        wait_for(lambda: "12 stemmen in totaal" in term.screen(), "12 votes")

        term.keys("F8")
        wait_for(lambda: "Nu bespreken" in term.screen(), "the discussion")
        term.keys("F3")
        term.type("Het sportveld is dicht")
        term.keys("Enter")
        wait_for(lambda: len(_file(data_dir, sid).contributions()) == 2, "entry saved")
        term.keys("F8")  # to the quick wins: the step change keeps the time so far
        wait_for(lambda: "Stap 6 van 9" in term.screen(), "quick wins")
        before = _meeting_seconds(term.screen())

        os.kill(term.pid(), signal.SIGKILL)  # a hard kill: nothing more is saved
        wait_for(lambda: "Stap 6 van 9" not in term.screen(), "the program gone")
    finally:
        term.stop()

    s = _on_disk(data_dir, sid)
    assert s.current_step == "snel-beter"
    assert s.tally.participants == 23 and s.priorities.votes == {"Bewegen": 12}
    assert set(s.step_seconds) >= {"welkom", "wie-is-er", "onderwerpen", "kiezen", "bespreken"}

    term = Terminal(tmp_path / "tmux2.sock")
    term.start(command)
    try:
        wait_for(lambda: "Stap 6 van 9" in term.screen(), "the same step after the restart")
        # The meeting clock goes on from where it was (not from 0:00).
        assert _meeting_seconds(term.screen()) >= before - 1
        term.keys("F7")
        wait_for(lambda: "Het sportveld is dicht" in term.screen(), "what was said is still there")
        assert "probleem" in term.screen()
    finally:
        term.stop()
