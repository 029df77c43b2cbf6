"""The program in a real terminal (tmux, 80×24): it starts and quits, and a whole evening runs with a hard kill."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")


def installed_command() -> str | None:
    """The console script next to this Python (a venv), else the one on PATH."""
    beside = Path(sys.executable).with_name("wijksessie")
    if beside.exists():
        return str(beside)
    return shutil.which("wijksessie")


def wait_for(condition, what: str, timeout: float = 30.0) -> None:
    """Poll ``condition`` until it holds; fail after ``timeout`` seconds with what was awaited."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)  # polling interval, not a wait for something to happen
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
@pytest.mark.skipif(installed_command() is None, reason="the wijksessie command is not installed")
def test_installed_command_shows_home_and_quits_with_ctrl_q(tmp_path, data_dir):
    socket = tmp_path / "tmux.sock"
    exit_file = tmp_path / "exit-code"
    command = f'{installed_command()} --data-dir "{data_dir}"; echo $? > "{exit_file}"'
    env = dict(os.environ, TERM="xterm-256color", LANGUAGE="nl")

    def tmux(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([TMUX, "-S", str(socket), *args], capture_output=True, text=True, env=env,
                              check=check, timeout=30)

    def screen() -> str:
        return tmux("capture-pane", "-t", "e2e", "-p", check=False).stdout

    tmux("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", command)
    try:
        # The home screen with its footer of main keys (drawn a moment after the list).
        wait_for(lambda: "Nog geen sessies" in screen() and "Nieuw" in screen(), "the home screen")
        assert "Wijkgesprekken over gezondheid" in screen()
        tmux("send-keys", "-t", "e2e", "C-q")
        wait_for(exit_file.exists, "the program to exit")
        wait_for(lambda: exit_file.read_text().strip() != "", "the exit code")
        assert exit_file.read_text().strip() == "0"
    finally:
        tmux("kill-server", check=False)


class Terminal:
    """One tmux pane of 80×24 running the program as a facilitator starts it; keys in, text out."""

    def __init__(self, tmp_path: Path, data_dir: Path, config: Path) -> None:
        self.socket = tmp_path / "tmux.sock"
        self.command = f'exec "{sys.executable}" -m wijksessie --data-dir "{data_dir}"'
        self.env = dict(os.environ, TERM="xterm-256color", LANGUAGE="nl", WIJKSESSIE_CONFIG_DIR=str(config))

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([TMUX, "-S", str(self.socket), *args], capture_output=True, text=True, env=self.env,
                              check=check, timeout=30)

    def start(self) -> None:
        self.tmux("new-session", "-d", "-s", "evening", "-x", "80", "-y", "24", self.command)
        self.tmux("set-option", "-t", "evening", "remain-on-exit", "on")

    def restart(self) -> None:
        self.tmux("respawn-pane", "-k", "-t", "evening", self.command)

    def pid(self) -> int:
        return int(self.tmux("display-message", "-p", "-t", "evening", "#{pane_pid}").stdout.strip())

    def screen(self) -> str:
        return self.tmux("capture-pane", "-t", "evening", "-p", check=False).stdout

    def dead(self) -> bool:
        """True once the program has stopped (the pane stays, so its last words can be read)."""
        return self.tmux("display-message", "-p", "-t", "evening", "#{pane_dead}", check=False).stdout.strip() == "1"

    def exit_status(self) -> str:
        """``0`` after a normal stop; ``signal N`` when the process was killed."""
        out = self.tmux("display-message", "-p", "-t", "evening", "#{pane_dead_status}|#{pane_dead_signal}",
                        check=False).stdout.strip()
        status, _bar, sig = out.partition("|")
        return status or (f"signal {sig}" if sig else "")

    def styled(self) -> str:
        """The screen with its colours and styles as escape codes (to see what is highlighted)."""
        return self.tmux("capture-pane", "-t", "evening", "-p", "-e", check=False).stdout

    def wait_chosen(self, word: str) -> None:
        """Wait until ``word`` is shown highlighted (bold, reversed), as a chosen kind is in the kind bar."""
        wait_for(lambda: f"\x1b[1;7m{word}" in self.styled(), f"{word!r} chosen")

    def footer(self) -> str:
        lines = self.screen().rstrip("\n").splitlines()
        return lines[-1] if lines else ""

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.tmux("send-keys", "-t", "evening", key)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "evening", "-l", text)

    def wait(self, words: str, what: str | None = None, timeout: float = 30.0) -> None:
        try:
            # Words may wrap onto the next line at 80 columns.
            wait_for(lambda: words in " ".join(self.screen().split()), what or repr(words), timeout)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the screen shows:\n{self.screen()}") from None


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
def test_a_whole_evening_at_80x24_with_a_hard_kill(tmp_path, data_dir):
    """Prepare, every step, SIGKILL and restart, follow-up, letter — only keys the footer and F1 show."""
    import signal

    from wijksessie.store import SessionStore

    term = Terminal(tmp_path, data_dir, tmp_path / "config")
    term.start()
    try:
        term.wait("Nog geen sessies", "the home screen")
        wait_for(lambda: "n Nieuw" in term.footer(), "the keys in the footer")
        term.keys("n")
        term.wait("Nieuwe sessie")
        # The essentials first: four fields, Enter after each, Enter on "Bewaren en beginnen".
        term.type("Gezond in Noord")
        term.keys("Enter")
        term.type("Noord")
        term.keys("Enter")
        term.wait("(vandaag)", "today's date spelled out")
        term.keys("Enter")
        term.type("Buurthuis De Linde")
        term.keys("Enter", "Enter")
        term.wait("Stap 1 van 9", "the meeting")
        wait_for(lambda: "Volgende stap" in term.footer() and "Hulp" in term.footer(), "the meeting's footer")

        # Welcome: a question from the room. F1 lists every key; the kind bar shows F2–F5.
        term.keys("F1")
        term.wait("Hulp: alle toetsen")
        term.keys("Escape")
        wait_for(lambda: "Hulp: alle toetsen" not in term.screen(), "the help closed")
        term.wait("F2–F5 idee probleem vraag ervaring", "the kind keys on screen")
        term.keys("F4")
        term.wait_chosen("vraag")
        term.type("Wat doet u met onze ideeen?")
        term.keys("Enter")
        term.wait("Wat doet u met onze ideeen?", "the question in the list")
        term.wait("Opgeslagen")

        # Who is here: the count.
        term.keys("F8")
        term.wait("Stap 2 van 9")
        term.type("15")
        term.keys("Enter")

        # Topics become themes.
        term.keys("F8")
        term.wait("Stap 3 van 9")
        for topic in ("Bewegen", "Eenzaamheid"):
            term.type(topic)
            term.keys("Enter")
            term.wait(topic)

        # Voting: + gives a vote to the theme under the cursor.
        term.keys("F8")
        term.wait("Stap 4 van 9")
        term.keys("+", "+", "+")

        # Discussing the top theme: a problem.
        term.keys("F8")
        term.wait("Stap 5 van 9")
        term.keys("F3")
        term.wait_chosen("probleem")
        term.type("Het sportveld is dicht")
        term.keys("Enter")
        term.wait("Het sportveld is dicht")
        # "Opgeslagen" is said only once it is on disk; the file shows it too.
        wait_for(lambda: any("Het sportveld is dicht" in p.read_text(encoding="utf-8", errors="replace")
                             for p in data_dir.glob("*.json")), "the problem on disk")
        term.wait("Opgeslagen")

        # A hard kill in the middle of the evening, and the program started again.
        os.kill(term.pid(), signal.SIGKILL)
        wait_for(term.dead, "the program killed")
        term.restart()
        term.wait("Gezond in Noord", "the session in the list after the restart")
        term.keys("Enter")
        term.wait("Stap 5 van 9", "the meeting where it stopped")
        term.wait("Het sportveld is dicht", "what was said before the kill")

        # Quick wins and agreements are skipped tonight; the contact point is filled in.
        for step in (6, 7, 8):
            term.keys("F8")
            term.wait(f"Stap {step} van 9")
        term.keys("Enter")
        term.wait("Aanspreekpunt voor bewoners", "the contact form")
        term.type("Samira")
        term.keys("Enter")
        term.type("wijkwerker")
        term.keys("C-s")
        term.wait("Samira", "the contact card")
        term.keys("F8")
        term.wait("Stap 9 van 9")
        term.keys("F8")
        term.wait("j:", "the question whether the meeting is finished")
        term.keys("j")
        term.wait("n Nieuw", "home again")

        # Follow-up: a decision for both points (Enter, choose with the arrows, ctrl+s).
        term.keys("f")
        term.wait("Nog 2 van de 2 zonder antwoord", "the follow-up")
        for _row in range(2):
            term.keys("Enter")
            term.wait("Wat gebeurt er met dit punt?")
            term.keys("Enter")  # open the list of decisions
            term.wait("niet overgenomen", "the list of decisions")
            term.keys("Down", "Down", "Enter")  # "overgenomen"
            wait_for(lambda: any("Besluit" in line and "overgenomen" in line for line in term.screen().splitlines()),
                     "overgenomen chosen")
            term.keys("C-s")
            term.wait("Besluit opgeslagen")
            wait_for(lambda: "Wat gebeurt er met dit punt?" not in term.screen(), "the form closed")
            term.keys("Down")
        term.wait("Alle 2 punten hebben een antwoord", "every point answered")
        term.keys("Escape")
        term.wait("n Nieuw", "home again")

        # The letter: the municipality first (the letter warns), then the final letter.
        term.keys("b")
        term.wait("Gemeente Voorbeeld", "the warning about the example municipality")
        term.keys("g")
        term.wait("Naam van de gemeente")
        term.type("Gemeente Noorderland")
        term.keys("C-s")
        wait_for(lambda: "Gemeente Voorbeeld" not in term.screen(), "the warning gone")
        term.keys("d")
        term.wait("j:", "asked whether the letter is final")
        term.keys("j")
        term.wait("Definitieve brief verstuurd", "the letter recorded as sent")
        term.keys("C-q")
        wait_for(term.dead, "the program to stop")
        # tmux 3.3 now and then cannot tell the exit status of a respawned pane (both empty);
        # when it can, it must be 0, and the program never says something went wrong.
        assert term.exit_status() in ("0", ""), term.exit_status()
        assert "iets mis" not in term.screen()
    finally:
        term.tmux("kill-server", check=False)

    # What is on disk is what was typed.
    store = SessionStore(data_dir)
    (summary,) = store.summaries()
    with store.open(summary.id, readonly=True) as sf:
        s = sf.session
        assert (s.title, s.neighbourhood, s.place) == ("Gezond in Noord", "Noord", "Buurthuis De Linde")
        assert s.tally.participants == 15
        assert s.themes[:2] == ["Bewegen", "Eenzaamheid"]
        assert s.priorities.votes.get("Bewegen") == 3
        assert (s.contact.name, s.contact.role) == ("Samira", "wijkwerker")
        assert s.letter_sent is not None
        said = [(c.kind.value, c.text, c.decision.status.value) for c in sf.contributions()]
    assert said == [("question", "Wat doet u met onze ideeen?", "adopted"),
                    ("problem", "Het sportveld is dicht", "adopted")]
    folder = data_dir / "uitvoer" / summary.id
    letters = sorted(p.name for p in folder.iterdir() if p.name.startswith("brief-"))
    assert letters and all("-nl." in name for name in letters)
    html = next(p for p in folder.iterdir() if p.suffix == ".html").read_text(encoding="utf-8")
    assert "Gemeente Noorderland" in html and "Het sportveld is dicht" in html
    assert "Gemeente Noorderland" in (tmp_path / "config" / "municipality.yaml").read_text(encoding="utf-8")
