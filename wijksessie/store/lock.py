"""One writer per session: an OS lock on ``<id>.lock`` that the kernel releases when the process dies.

A lock left behind by a killed program never blocks anyone. A short write
from the command line waits a few seconds for the lock; the full-screen
program does not wait, it offers to open the session read-only.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import time
from pathlib import Path

from wijksessie.atomic import FILE_MODE
from wijksessie.errors import FileProblem
from wijksessie.i18n import _
from wijksessie.store.errors import SessionLocked, StoreError


class SessionLock:
    """An exclusive OS lock on ``<id>.lock``; released by the kernel if the process dies."""

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock; if another process has it, try again for up to ``wait`` seconds."""
        try:
            # O_NOFOLLOW: a lock file swapped for a symlink must not make us truncate a file elsewhere.
            # O_NONBLOCK: a named pipe under the lock's name must not make us wait for a reader.
            flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            fd = os.open(self.path, flags, FILE_MODE)
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.ENOENT):
                raise FileProblem(exc) from None  # a read-only stick or a full disk: say that, not "remove the lock"
            raise StoreError(
                _("Het slotbestand kan niet worden geopend: {path}. Reden: {error}. Verwijder het als het geen gewoon bestand is.").format(
                    path=self.path, error=exc.strerror
                )
            ) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StoreError(
                _("Het slotbestand is geen gewoon bestand: {path}. Verwijder het en probeer het opnieuw.").format(path=self.path)
            )
        deadline = time.monotonic() + max(0.0, wait)
        delay = 0.01
        while True:
            try:
                _lock_fd(fd)
                break
            except OSError:
                if time.monotonic() < deadline:
                    time.sleep(min(delay, max(0.0, deadline - time.monotonic())))
                    delay = min(delay * 2, 0.1)
                    continue
                owner = _read_owner(fd)
                os.close(fd)
                raise SessionLocked(self.path, owner) from None
        self._fd = fd
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"pid {os.getpid()}".encode())
        except OSError:
            # Who holds the lock is only a note for the message others see. On a full disk it cannot be
            # written; the lock is held all the same (a raise here would leave it held by a lost fd).
            pass

    def release(self) -> None:
        if self._fd is not None:
            try:
                _unlock_fd(self._fd)
            finally:
                os.close(self._fd)
                self._fd = None


def _read_owner(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 100).decode("utf-8", "replace").strip()
    except OSError:
        return ""


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only (mypy reads sys.platform, not os.name)
    import msvcrt

    def _lock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock_fd(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
