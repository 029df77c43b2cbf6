"""The full-screen figures' measurements, on real programs in a pseudo-terminal (used by :mod:`bench.fig_tui`, :mod:`bench.fig_keys`).

Our program is started exactly as a user starts it: ``python -m wijksessie
--data-dir DATA open SID`` (the ``open`` command, with its pause of the
garbage collector until the first frame). The baseline is a bare Textual app
run as a program of its own (:mod:`bench.minimal_app`). Both run in a
pseudo-terminal of 120 × 40 cells (:mod:`bench.pty_term`) and are timed by
what they write to it, so interpreter start, imports and writing the screen
to the terminal count, as they do for a user, and nothing inside either
program is hooked.

:func:`open_once`
    spawn to the first output that holds the marker of the first frame: the
    title of the session's current step (ours; written in one style run on
    the meeting screen's step line) or the static text (baseline); then the
    program's peak memory.

:class:`Typist`
    records entries by typing: the start of each entry is pasted (bracketed
    paste, as a terminal pastes), then its last letters are typed one by one
    and Enter is pressed, each timed from writing its bytes to the terminal to
    the arrival of the repaint that shows its effect: the field's row ending
    in the typed letter, or the new entry's number on another row (the list).
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.harness import REPO, child_env
from bench.pty_term import Terminal, spans

#: What both fields show while empty (ours: "Typ wat er gezegd wordt en druk op Enter",
#: wijksessie/tui/meeting/base.py; the baseline's: :data:`bench.minimal_app.PLACEHOLDER`).
#: Without its first letter, on which the field draws its cursor.
FIELD_MARK = "yp wat er gezegd wordt"
#: How much of the field's end a typed letter is recognised by.
TAIL = 16


class Program:
    """How to start one app and recognise its first frame."""

    def __init__(self, name: str, cmd: list[str], first_frame: str) -> None:
        self.name = name
        self.cmd = cmd
        self.first_frame = first_frame

    def start(self) -> Terminal:
        return Terminal(self.cmd, child_env(), cwd=REPO)


def minimal() -> Program:
    """The baseline: a bare Textual app (:mod:`bench.minimal_app`), its static text marks the first frame."""
    from bench.minimal_app import TEXT

    return Program("minimal", [sys.executable, "-m", "bench.minimal_app"], TEXT)


def ours(data_dir: Path, sid: str) -> Program:
    """``wijksessie open SID`` on ``data_dir``, in Dutch; the current step's title marks the first frame."""
    cmd = [sys.executable, "-m", "wijksessie", "--data-dir", str(data_dir), "--lang", "nl", "open", sid]
    return Program("ours", cmd, step_title(data_dir, sid))


def step_title(data_dir: Path, sid: str) -> str:
    """The title the meeting screen shows for the session's current step (the Dutch text)."""
    from wijksessie.agendacache import agenda_or_default
    from wijksessie.store import SessionStore

    with SessionStore(Path(data_dir)).open(sid, readonly=True) as sf:
        session = sf.session
    steps = list(agenda_or_default(session.agenda)[0].steps)
    current = [step for step in steps if step.id == session.current_step]
    return (current or steps)[0].title


# ----------------------------------------------------------------------------- opening


def open_once(program: Program, timeout: float = 60.0) -> tuple[float, float]:
    """One start in a fresh terminal: (seconds from spawn to the first frame, peak memory in MB)."""
    term = program.start()
    marker = program.first_frame.encode()
    peak_kb = None
    try:
        shown = term.wait_for(lambda out: marker in out, timeout, since=0)
        peak_kb = term.peak_memory_kb()
    finally:
        fallback_kb = term.close()
    if peak_kb is None:
        peak_kb = fallback_kb // 1024 if sys.platform == "darwin" else fallback_kb  # bytes on macOS
    return shown - term.started, peak_kb / 1024


# ----------------------------------------------------------------------------- typing


class Typist:
    """One program open on its entry field, recording entries by typing."""

    def __init__(self, program: Program, timeout: float = 60.0) -> None:
        self.program = program
        self.timeout = timeout
        self.term = program.start()
        marker = program.first_frame.encode()
        try:
            self.term.wait_for(lambda out: marker in out, timeout, since=0)
            self.term.wait_for(lambda out: _row_with(out, FIELD_MARK) is not None, timeout, since=0)
            self.field_row = _row_with(bytes(self.term.output), FIELD_MARK)
            self.term.settle()
        except BaseException:
            self.term.close()
            raise

    def entry(self, number: int, text: str, typed: int = 4) -> tuple[list[float], float]:
        """Record ``text`` (its last ``typed`` letters typed, the rest pasted): (seconds per letter, seconds for Enter).

        ``text`` must hold ``(number)``: the Enter counts as shown when that appears on another row than the field's.
        """
        term, row = self.term, self.field_row
        head, tail = text[:-typed], text[-typed:]
        term.send(b"\x1b[200~" + head.encode() + b"\x1b[201~")
        term.wait_for(lambda out: _on_row(out, row, head[-TAIL:]), self.timeout)
        term.settle()  # the paste and anything it set off are on screen; the timed keys start from quiet
        letters = []
        shown = head
        for ch in tail:
            shown += ch
            end = shown[-TAIL:]
            sent = term.send(ch.encode())
            letters.append(term.wait_for(lambda out: _on_row(out, row, end), self.timeout) - sent)
        token = f"({number})"
        sent = term.send(b"\r")
        enter = term.wait_for(lambda out: _off_row(out, row, token), self.timeout) - sent
        return letters, enter

    def close(self) -> None:
        self.term.close()


def _row_with(out: bytes, text: str) -> int | None:
    """The last row on which ``text`` was written."""
    rows = [span.row for span in spans(out) if text in span.text and span.row]
    return rows[-1] if rows else None


def _on_row(out: bytes, row: int | None, text: str) -> bool:
    return any(span.row == row and text in span.text for span in spans(out))


def _off_row(out: bytes, row: int | None, text: str) -> bool:
    return any(span.row not in (row, 0) and text in span.text for span in spans(out))
