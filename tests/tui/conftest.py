"""Set-up for the full-screen tests: no blinking cursor, a fixed clock, a way to read the screen.

The parent ``tests/conftest.py`` already gives every test its own data folder
and Dutch as the language.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tests.tui.waiting import wait_until
from wijksessie.demo import create_demo
from wijksessie.store import SessionStore

#: Every clock in these tests says a quarter to eight on the evening of the example meeting.
FIXED_NOW = dt.datetime(2026, 3, 12, 19, 45, tzinfo=dt.timezone(dt.timedelta(hours=1)))


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch):
    """A blinking cursor would make screenshots differ from run to run."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)


@pytest.fixture
def clock():
    """A clock that always says :data:`FIXED_NOW`."""
    return lambda: FIXED_NOW


@pytest.fixture
def store(st) -> SessionStore:
    """The store of this test's data folder (the shared ``st`` fixture)."""
    return st


@pytest.fixture
def demo(store) -> str:
    """The example session in this test's data folder; returns its id."""
    return create_demo(store)


_SVG_TEXT = re.compile(
    r'<text [^>]*?x="([\d.]+)" [^>]*?textLength="([\d.]+)" clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>'
)


def screen_text(app) -> str:
    """What the terminal shows right now, as plain text (what a user reads).

    Read from Textual's public screenshot (:meth:`App.export_screenshot`): each
    piece of text there carries its line and its x position in character cells.
    """
    svg = app.export_screenshot()
    lines: dict[int, dict[int, str]] = {}
    for x, length, line, content in _SVG_TEXT.findall(svg):
        text = html.unescape(content).replace("\xa0", " ")
        cell = float(length) / max(1, len(text))
        lines.setdefault(int(line), {})[round(float(x) / cell)] = text
    out = []
    for number in range(max(lines, default=-1) + 1):
        row: list[str] = []
        for column, text in sorted(lines.get(number, {}).items()):
            if len(row) < column:
                row.extend(" " * (column - len(row)))
            row[column:column + len(text)] = list(text)
        out.append("".join(row).rstrip())
    return "\n".join(out) + "\n"


@pytest.fixture
def read_screen():
    """``read_screen(app)`` → the screen as plain text."""
    return screen_text


@pytest.fixture
def reopen(store):
    """``reopen(sid)`` → the session as it is on disk now (read through a fresh store)."""

    def read(session_id: str):
        sf = SessionStore(Path(store.data_dir)).open(session_id, readonly=True)
        sf.close()
        return sf

    return read




@dataclass
class Shown:
    """One notification the program showed: its text, title and severity."""

    message: str
    title: str
    severity: str


def watch_notifications(app) -> list[Shown]:
    """A list that every notification ``app`` shows from now on is added to.

    Recorded where Textual's public :meth:`App.notify` is called (a screen's
    ``notify`` goes through it too), and then shown as always; no peeking into
    Textual's private store of notifications.
    """
    shown: list[Shown] = []
    show = app.notify

    def notify(message, *, title="", severity="information", **kwargs):
        shown.append(Shown(str(message), str(title), severity))
        show(message, title=title, severity=severity, **kwargs)

    app.notify = notify
    return shown


@pytest.fixture
def notifications():
    """``shown = notifications(app)`` before running the app: every notification it shows, in order."""
    return watch_notifications


@pytest.fixture
def until():
    """``await until(pilot, condition, what)``: wait for a condition a user would notice."""
    return wait_until


@pytest.fixture(autouse=True)
def _own_config(tmp_path, monkeypatch):
    """The municipality set from the program goes to this test's own config folder."""
    monkeypatch.setenv("WIJKSESSIE_CONFIG_DIR", str(tmp_path / "config"))
