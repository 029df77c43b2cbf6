"""Residents' text never drives the terminal from the full-screen program.

A session's title, a contribution, a theme and the contact person's name are
filled with the escape sequences of ``tests/data/hostile_text.py`` (window
title, clear screen, cursor moves, bidi overrides, NUL, C1 controls). Every
screen that shows them is drawn and exported as the terminal would get it;
no raw control character or bidi override may be in it. A damaged session
file beside it must not stop the home screen either.
"""

from __future__ import annotations

import re

import pytest

from tests.data.hostile_text import HOSTILE, raw_left
from tests.tui.waiting import wait_until
from wijksessie.model import Contribution, Session
from wijksessie.tui.app import make_app

NASTY = "".join(HOSTILE[k] for k in (
    "window title (OSC 0)", "clear screen", "erase line and cursor up", "right-to-left override",
    "NUL and DEL", "one-byte CSI, OSC, ST (C1)", "hyperlink (OSC 8)", "isolate never closed",
))


def _hostile_session(st) -> str:
    s = Session.new("Titel " + NASTY, "Noord" + HOSTILE["colours"], date="2026-11-24", languages=["nl"])
    s.contact.name = "Naam " + NASTY
    st.create(s)
    with st.open(s.id) as sf:
        sf.add_contribution(Contribution.new("Inbreng " + NASTY, theme="Thema " + NASTY))
        sf.add_contribution(Contribution.new(HOSTILE["every C0 control"] + HOSTILE["every C1 control"], theme="Groen"))
        sf.vote("Thema " + NASTY, 3)
    return s.id


def _shown(app) -> str:
    """What the program sends to the terminal for the current screen (text of the screenshot)."""
    svg = app.export_screenshot()
    return re.sub(r"<[^>]+>", "", svg)  # keep the text; SVG markup carries no residents' text


def _assert_clean(app, where: str) -> None:
    shown = _shown(app)
    assert not raw_left(shown), f"{where}: raw {sorted(map(hex, map(ord, raw_left(shown))))} reached the screen"


async def _press_until(pilot, key: str, done, tries: int = 200) -> None:
    """Press ``key``, then let the program work until ``done()`` (a new screen is up), on a busy machine too."""
    await pilot.press(key)
    for _ in range(tries):
        if done():
            await pilot.pause()
            return
        await pilot.pause(0.05)
    raise AssertionError(f"after {key!r} the screen did not change; it shows {type(pilot.app.screen).__name__}")


@pytest.mark.parametrize("size", [(100, 30)])
async def test_hostile_text_never_reaches_the_screen_raw(st, data_dir, clock, size):
    sid = _hostile_session(st)
    (data_dir / "deadbeef.json").write_bytes(b"[" * 10_000 + b"]" * 10_000)  # and one damaged session beside it

    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=size) as pilot:
        # the damaged session is listed (the list is read in a worker), the home screen still starts
        await wait_until(pilot, lambda: "deadbeef" in _shown(app), "the list with the damaged session")
        _assert_clean(app, "home")
        home = app.screen
        for key, name in (("f", "follow-up"), ("b", "letter"), ("u", "files"), ("o", "overview"), ("s", "settings")):
            await _press_until(pilot, key, lambda: app.screen is not home)
            _assert_clean(app, name)
            if key == "f":  # the decision form of the hostile contribution
                followup = app.screen
                await _press_until(pilot, "enter", lambda f=followup: app.screen is not f)
                _assert_clean(app, "decision form")
                await _press_until(pilot, "escape", lambda f=followup: app.screen is f)
            await _press_until(pilot, "escape", lambda: app.screen is home)

    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        _assert_clean(app, "meeting")
        for _step in range(8):  # walk the agenda: every step view shows the same session
            await pilot.press("ctrl+right")
            await pilot.pause()
            _assert_clean(app, "meeting step")


def _tmux(*args: str, socket: str) -> str:
    import subprocess

    return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=30).stdout


@pytest.mark.skipif(__import__("shutil").which("tmux") is None, reason="needs tmux for a real terminal")
def test_a_real_terminal_keeps_its_window_title(st, data_dir, tmp_path):
    """In tmux (a real terminal emulator), the hostile title must not retitle the window or clear the screen."""
    import os
    import sys
    import time

    from tests.conftest import REPO

    sid = _hostile_session(st)
    socket = f"wijksessie-test-{os.getpid()}"
    command = f"cd {REPO} && WIJKSESSIE_DATA_DIR={data_dir} {sys.executable} -m wijksessie open {sid}"
    _tmux("-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "-s", "t", "sh", "-c", command, socket=socket)
    try:
        _tmux("select-pane", "-t", "t", "-T", "vaste titel", socket=socket)
        deadline = time.monotonic() + 60
        screen = ""
        while time.monotonic() < deadline:  # wait until the meeting screen shows the session
            screen = _tmux("capture-pane", "-p", "-t", "t", socket=socket)
            if "Titel" in screen:
                break
        assert "Titel" in screen, screen
        assert "␛]0;pwned␇" in screen, "the odd characters are shown, harmless"
        title = _tmux("display-message", "-p", "-t", "t", "#{pane_title}", socket=socket).strip()
        assert title == "vaste titel", f"the window title was changed to {title!r}"
        _tmux("send-keys", "-t", "t", "C-q", socket=socket)
    finally:
        _tmux("kill-server", socket=socket)
