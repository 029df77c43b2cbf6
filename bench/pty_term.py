"""A program in a pseudo-terminal, watched the way a user sees it: by what it writes.

The full-screen figures run each app as a real program in a pseudo-terminal of
120 × 40 cells (``TERM=xterm-256color``), as on a user's screen: the parent
writes key bytes to the terminal and reads what the program writes back. A
frame counts when its bytes arrive, so the program's own writing to the
terminal (and the terminal driver's reading of keys) is part of every figure,
for our program and for the baseline alike. Nothing inside the program is
touched or asked.

What the program writes is decoded loosely, enough to find text on a row:
Textual moves the cursor (``ESC [ row ; col H``) before every line (or part
of a line) it repaints, then writes the cells with colour codes between runs
of differently styled text. :func:`spans` cuts the output at those moves and
drops the other escape sequences, so a marker that Textual writes in one
style run (a title, the text of a field) is found on its row.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Sequence

COLUMNS, ROWS = 120, 40

#: Cursor position (``ESC [ row ; col H``): Textual writes one before each repainted line.
_MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")
#: Every other escape sequence: CSI (colours, modes), OSC (titles), and two-byte ones.
_OTHER_ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^\[\]]")


class Span:
    """Text written from one cursor position on (``row`` counts from 1; 0: before any move)."""

    __slots__ = ("row", "text")

    def __init__(self, row: int, text: str) -> None:
        self.row = row
        self.text = text

    def __repr__(self) -> str:
        return f"Span({self.row}, {self.text!r})"


def spans(output: bytes | bytearray) -> list[Span]:
    """The text in ``output``, cut at every cursor move and without escape sequences."""
    parts = _MOVE.split(bytes(output))
    found = [Span(0, _text(parts[0]))]
    for i in range(1, len(parts), 3):
        found.append(Span(int(parts[i]), _text(parts[i + 2])))
    return found


def _text(raw: bytes) -> str:
    return _OTHER_ESCAPES.sub(b"", raw).decode("utf-8", "replace")


Condition = Callable[[bytes], bool]


class Terminal:
    """A program started in its own pseudo-terminal; ``output`` holds all it wrote so far."""

    def __init__(self, cmd: Sequence[str], env: dict[str, str], cwd: str | os.PathLike[str] | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = dict(env)
        for name in ("COLUMNS", "LINES", "NO_COLOR", "TEXTUAL"):  # the terminal's size and kind, nothing else
            env.pop(name, None)
        env["TERM"] = "xterm-256color"
        self.master = master
        self.output = bytearray()
        #: Where in ``output`` the last :meth:`send` happened.
        self.mark = 0
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(list(cmd), stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd,
                                     start_new_session=True, close_fds=True)
        os.close(slave)

    # ------------------------------------------------------------------ reading

    def _read(self, timeout: float) -> float | None:
        """Read what has arrived (waiting up to ``timeout`` s); the moment it arrived, or None."""
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return None
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # the program ended and closed the terminal
            data = b""
        arrived = time.perf_counter()
        if not data:
            raise ProgramEnded(self)
        self.output += data
        return arrived

    def wait_for(self, condition: Condition, timeout: float = 30.0, since: int | None = None) -> float:
        """The moment the output written since ``since`` (default: the last :meth:`send`) first meets ``condition``."""
        start = self.mark if since is None else since
        if condition(bytes(self.output[start:])):
            return time.perf_counter()
        deadline = time.perf_counter() + timeout
        while True:
            arrived = self._read(deadline - time.perf_counter())
            if arrived is None:
                if time.perf_counter() >= deadline:
                    raise TimeoutError(f"not shown within {timeout:g} s; the screen ends with: {self.tail()!r}")
                continue
            if condition(bytes(self.output[start:])):
                return arrived

    def settle(self, quiet: float = 0.05, limit: float = 2.0) -> None:
        """Read until the program wrote nothing for ``quiet`` seconds (at most ``limit`` seconds)."""
        end = time.perf_counter() + limit
        while time.perf_counter() < end and self._read(quiet) is not None:
            pass

    def tail(self, chars: int = 600) -> str:
        return " | ".join(s.text.strip() for s in spans(self.output[-4 * chars:]) if s.text.strip())[-chars:]

    # ------------------------------------------------------------------ writing

    def send(self, keys: bytes) -> float:
        """Write ``keys`` as the terminal would for key presses; the moment they were written."""
        self.mark = len(self.output)
        os.write(self.master, keys)
        return time.perf_counter()

    # ------------------------------------------------------------------ the process

    def peak_memory_kb(self) -> int | None:
        """The program's peak resident memory so far (``VmHWM``, Linux), or None where unknown."""
        try:
            with open(f"/proc/{self.proc.pid}/status", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def close(self, quit_keys: bytes = b"\x11", timeout: float = 5.0) -> int:
        """Ask the program to stop (ctrl+q by default), reading until it does; end it if it does not.

        Returns its peak memory in kB as ``wait4`` reports it (``ru_maxrss``), for
        systems without ``/proc``; on Linux that may be the parent's size instead,
        as it survives ``exec``, so :meth:`peak_memory_kb` comes first.
        """
        pid = self.proc.pid
        try:
            try:
                os.write(self.master, quit_keys)
            except OSError:
                pass
            end = time.perf_counter() + timeout
            while True:
                done, status, usage = os.wait4(pid, os.WNOHANG)
                if done:
                    break
                if time.perf_counter() >= end:
                    os.killpg(pid, signal.SIGKILL)
                    done, status, usage = os.wait4(pid, 0)
                    break
                try:
                    self._read(0.05)
                except ProgramEnded:
                    pass
        finally:
            os.close(self.master)
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        return int(usage.ru_maxrss)


class ProgramEnded(RuntimeError):
    """The program closed its terminal (it stopped or crashed)."""

    def __init__(self, term: Terminal) -> None:
        super().__init__(f"the program stopped; its screen ended with: {term.tail()!r}")
