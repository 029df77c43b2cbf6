"""The one error log, for the command line and the full-screen program.

An unexpected error is written to ``wijksessie.log`` in the platform's log
folder for programs (``platformdirs.user_log_dir``; on Linux
``~/.local/state/wijksessie/log``), never in the data folder or the current
folder. The file is the user's alone (0600, folder 0700) and kept small:
:class:`logging.handlers.RotatingFileHandler` starts a new file past
:data:`MAX_BYTES` and keeps :data:`BACKUPS` old ones.

What residents said must never end up in a log: an exception's message can
hold a contribution ("invalid value 'Bel mij op 06-…'"), so only the type of
each exception and the traceback frames (file, line, function, the line of
code) are written — never messages, never local variables.

A log that cannot be written (full disk, read-only folder) is skipped
quietly: logging never prints "--- Logging error ---", and the caller is
told there is no log file.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path

LOG_NAME = "wijksessie.log"
#: Size at which the log starts a new file.
MAX_BYTES = 256 * 1024
#: Old log files kept beside the current one.
BACKUPS = 3
FILE_MODE = 0o600

_logger = logging.getLogger("wijksessie.errors")
_logger.propagate = False  # never to the terminal through the root logger


def log_dir() -> Path:
    """The folder for the log file (the platform's log folder for wijksessie)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("wijksessie", appauthor=False))


def log_path() -> Path:
    """Where :func:`log_crash` writes."""
    return log_dir() / LOG_NAME


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created owner-only and whose failures stay silent."""

    failed = False

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)
        except (AttributeError, OSError):
            pass
        return os.fdopen(fd, "a", encoding=self.encoding or "utf-8", errors="replace")

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging API
        self.failed = True  # never "--- Logging error ---" on the user's screen


def describe_exception(exc: BaseException | None = None) -> str:
    """The traceback of ``exc`` (default: the one being handled) without any message text.

    Each exception in the chain is named by its type only, with its frames.
    """
    if exc is None:
        exc = sys.exc_info()[1]
    if exc is None:
        return "(no exception)\n"
    te: traceback.TracebackException | None = traceback.TracebackException.from_exception(exc, capture_locals=False)
    blocks = []
    seen = set()
    while te is not None and id(te) not in seen:
        seen.add(id(te))
        name = te.exc_type.__qualname__ if te.exc_type is not None else "?"
        module = getattr(te.exc_type, "__module__", "")
        if module and module != "builtins":
            name = f"{module}.{name}"
        blocks.append("Traceback (most recent call last):\n" + "".join(te.stack.format()) + name + "\n")
        te = te.__cause__ or (None if te.__suppress_context__ else te.__context__)
    return "\nThe error above came from:\n".join(reversed(blocks))


def log_crash(context: str = "", exc: BaseException | None = None) -> Path | None:
    """Write the current (or given) exception to the log; returns the log file, or ``None`` if it could not be written.

    ``context`` says where it happened ("command line: add"); it must not
    hold residents' text.
    """
    from wijksessie import __version__

    text = "{when} unexpected error in wijksessie {version}{where}\n{trace}".format(
        when=dt.datetime.now().isoformat(timespec="seconds"),
        version=__version__,
        where=f" ({context})" if context else "",
        trace=describe_exception(exc),
    )
    # The full-screen program's crash (tui.app.ProgramCrashed) carries Textual's report of the
    # real error, already reduced to frames and the error's type (no message, no local variables).
    safe_report = getattr(exc if exc is not None else sys.exc_info()[1], "safe_report", "")
    if isinstance(safe_report, str) and safe_report.strip():
        text += "\nIn the full-screen program (frames and error type only):\n" + safe_report
    path = log_path()
    handler = None
    try:
        from wijksessie.atomic import make_folders

        make_folders(path.parent)  # owner-only
        handler = _PrivateRotatingHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
        handler.setFormatter(logging.Formatter("%(message)s"))
        _logger.addHandler(handler)
        _logger.setLevel(logging.ERROR)
        _logger.error("%s", text.rstrip("\n"))
        return None if handler.failed or not path.is_file() else path
    except Exception:  # noqa: BLE001 - the crash report itself must never crash
        return None
    finally:
        if handler is not None:
            _logger.removeHandler(handler)
            try:
                handler.close()
            except Exception:  # noqa: BLE001
                pass
