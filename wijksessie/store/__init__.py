"""The session store: one TinyDB file per session, never losing a saved entry.

Layout of the data folder::

    <data>/<id>.json        the session (TinyDB tables meta, session, contributions, agreements)
    <data>/<id>.json.bak    the previous good version, kept on every write
    <data>/<id>.lock        held while a process writes the session
    <data>/<id>.json.damaged-<time>   a damaged file set aside by a restore

Personal data (table ``people``) is kept apart from what residents said; see
:meth:`SessionFile.forget_person` and :meth:`SessionStore.purge`, which also
clean the backup copy so a forgotten person is not kept there.

Every write goes through :class:`AtomicJSONStorage`: the whole database is
serialised, written to a temporary file, fsynced and swapped in with
``os.replace`` before the call returns. The storage keeps the data it last
read or wrote in memory, so a write does not re-read the file first (TinyDB
reads the whole database before each operation). Only one process may write
a session at a time: an OS lock (``flock``) that the kernel releases when the
process dies, so a lock left behind by a killed program never blocks anyone.
A short write from the command line waits a few seconds for the lock
(``SessionStore(lock_wait=…)``); the full-screen program does not wait, it
offers to open the session read-only.

The package, by subject (their public names are all importable from ``wijksessie.store``)::

    errors.py        what can go wrong, as messages the user can act on
    storage.py       reading and writing one file: atomic writes, damage checks, schema upgrades
    lock.py          one writer per session (an OS lock)
    session_file.py  :class:`SessionFile`, an open session: contributions, agreements, votes
    people.py        residents' personal data, forget and purge (part of :class:`SessionFile`)
    folder.py        :class:`SessionStore`, the data folder: list, open, create, delete, restore

One bad file never takes down the rest: a session file that is not valid
JSON, nested too deep, not a regular file, unreadable, or holding a record
that breaks the rules (a decision "not adopted" without a reason) raises
:class:`DamagedSessionFile` or :class:`UnreadableSessionFile` naming the
file and what to do; listing (:meth:`SessionStore.summaries`), reports and
purge carry on with the other sessions.
"""

from __future__ import annotations

from wijksessie.store.errors import (
    AmbiguousSession,
    DamagedSessionFile,
    NewerSchema,
    ReadOnlySession,
    SessionLocked,
    SessionNotFound,
    StoreError,
    UnreadableSessionFile,
)
from wijksessie.store.folder import SessionStore, SessionSummary
from wijksessie.store.lock import SessionLock
from wijksessie.store.people import PersonalData, PurgeResult
from wijksessie.store.session_file import SessionFile
from wijksessie.store.storage import (
    BACKUP_SUFFIX,
    LOCK_SUFFIX,
    MAX_COUNT,
    MIGRATIONS,
    SUFFIX,
    AtomicJSONStorage,
    damaged_copies,
    load_json,
    migrate,
    read_regular,
)

__all__ = [
    "BACKUP_SUFFIX",
    "LOCK_SUFFIX",
    "MAX_COUNT",
    "MIGRATIONS",
    "SUFFIX",
    "AmbiguousSession",
    "AtomicJSONStorage",
    "DamagedSessionFile",
    "NewerSchema",
    "PersonalData",
    "PurgeResult",
    "ReadOnlySession",
    "SessionFile",
    "SessionLock",
    "SessionLocked",
    "SessionNotFound",
    "SessionStore",
    "SessionSummary",
    "StoreError",
    "UnreadableSessionFile",
    "damaged_copies",
    "load_json",
    "migrate",
    "read_regular",
]
