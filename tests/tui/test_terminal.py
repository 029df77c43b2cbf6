"""The installed ``wijksessie`` command in a real terminal (tmux): it starts, shows home, and quits on ctrl+q."""

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
