"""What can go wrong with the data folder or a session file, as errors the user can act on.

Each is a :class:`~wijksessie.errors.UserError`: its text names the file or
session and says what to do.
"""

from __future__ import annotations

import errno
import re
from pathlib import Path

from wijksessie.errors import UserError
from wijksessie.i18n import _


class StoreError(UserError):
    """A problem with the data folder or a session file."""


class SessionNotFound(StoreError):
    """No session matches the given id or prefix."""


class AmbiguousSession(StoreError):
    """A prefix matches more than one session."""


class SessionLocked(StoreError):
    """Another process is writing this session."""

    def __init__(self, path: Path, owner: str):
        self.path = path
        #: What the lock file says about its holder: ``pid <number>``, or "" when it says nothing readable.
        self.owner = owner
        pid = re.fullmatch(r"pid (\d{1,10})", owner.strip())
        if pid:
            text = _("Deze sessie is al open in een ander programma: {id}. Sluit hem daar, of open hem alleen om te lezen. "
                     "Nummer van dat programma: {pid}.").format(id=path.stem, pid=pid.group(1))
        else:
            text = _("Deze sessie is al open in een ander programma: {id}. Sluit hem daar, of open hem alleen om te lezen.").format(
                id=path.stem)
        super().__init__(text)


class DamagedSessionFile(StoreError):
    """A session file cannot be read; ``has_backup`` tells whether a good copy exists."""

    def __init__(self, path: Path, reason: str, has_backup: bool):
        self.path = path
        self.reason = reason
        self.has_backup = has_backup
        todo = (
            _("Zet de vorige goede versie terug met: wijksessie restore {id}").format(id=path.stem)
            if has_backup
            else _("Er is geen reservekopie; bewaar het bestand en vraag om hulp.")
        )
        super().__init__(
            _("Dit bestand is beschadigd: {path}. Reden: {reason}.").format(path=path, reason=reason) + " " + todo
        )


class UnreadableSessionFile(StoreError):
    """A session file the operating system will not let us read (permissions, I/O error)."""

    def __init__(self, path: Path, exc: OSError):
        self.path = path
        self.os_error = exc
        if exc.errno in (errno.EACCES, errno.EPERM):
            text = _("U hebt geen toegang tot dit bestand: {path}. Geef uzelf lees- en schrijfrechten (chmod u+rw {path}) of vraag om hulp.")
        else:
            text = _("Dit bestand kan niet worden gelezen: {path}. Reden: {error}. Controleer de schijf, of zet de vorige goede versie terug met: wijksessie restore {id}")
        super().__init__(text.format(path=path, error=exc.strerror or exc, id=path.stem))


class NewerSchema(StoreError):
    """The file was written by a newer wijksessie."""


class ReadOnlySession(StoreError):
    """A write was tried on a session opened for reading only."""
