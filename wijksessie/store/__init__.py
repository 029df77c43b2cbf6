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

One bad file never takes down the rest: a session file that is not valid
JSON, nested too deep, not a regular file, unreadable, or holding a record
that breaks the rules (a decision "not adopted" without a reason) raises
:class:`DamagedSessionFile` or :class:`UnreadableSessionFile` naming the
file and what to do; listing (:meth:`SessionStore.summaries`), reports and
purge carry on with the other sessions.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import Storage

from wijksessie import model
from wijksessie.atomic import FILE_MODE, write_atomic
from wijksessie.errors import UserError
from wijksessie.i18n import _
from wijksessie.limits import CLI_LOCK_WAIT, MAX_VOTES  # noqa: F401 - CLI_LOCK_WAIT is re-exported
from wijksessie.migrations import STEPS
from wijksessie.model import Agreement, Contribution, ModelError, Person, Session

SUFFIX = ".json"
BACKUP_SUFFIX = ".json.bak"
LOCK_SUFFIX = ".lock"

# ----------------------------------------------------------------------------- errors


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
        self.owner = owner
        super().__init__(
            _("Deze sessie is al open in een ander programma: {id} ({owner}). Sluit hem daar, of open hem alleen om te lezen.").format(
                id=path.stem, owner=owner or _("onbekend proces")
            )
        )


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
            text = _("Dit bestand kan niet worden gelezen: {path} ({error}). Controleer de schijf, of zet de vorige goede versie terug met: wijksessie restore {id}")
        super().__init__(text.format(path=path, error=exc.strerror or exc, id=path.stem))


class NewerSchema(StoreError):
    """The file was written by a newer wijksessie."""


class ReadOnlySession(StoreError):
    """A write was tried on a session opened for reading only."""


# ----------------------------------------------------------------------------- storage


class AtomicJSONStorage(Storage):
    """A TinyDB storage whose every write is durable and atomic before it returns.

    Reads are served from memory after the first one: this storage is the
    only writer of its file (the session lock sees to that), so the file on
    disk always equals what was last written. A write that fails drops the
    memory copy so the next read comes from disk again.
    """

    def __init__(self, path: str | os.PathLike[str], *, backup: bool = True, readonly: bool = False):
        self.path = Path(path)
        self.backup_path = self.path.with_name(self.path.stem + BACKUP_SUFFIX) if backup else None
        self.readonly = readonly
        #: While true, each write first replaces the backup with the new data (a new file, not the
        #: old hard link), then the file: removed personal data is never left in the backup, even
        #: if the program is killed between the two writes.
        self.scrubbing = False
        self._data: dict | None = None

    def read(self) -> dict | None:
        if self._data is None:
            self._data = load_json(self.path)
        return self._data

    def write(self, data: dict) -> None:
        if self.readonly:
            raise ReadOnlySession(
                _("Deze sessie is alleen open om te lezen. Sluit het andere programma en open de sessie opnieuw.")
            )
        try:
            payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            if self.scrubbing and self.backup_path is not None:
                write_atomic(self.backup_path, payload)
                write_atomic(self.path, payload)
            else:
                write_atomic(self.path, payload, backup=self.backup_path)
        except BaseException:
            self._data = None
            raise
        self._data = data

    def close(self) -> None:
        self._data = None


class _Damaged(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file; ``None`` if it does not exist.

    Never follows a symbolic link and never blocks on a named pipe: anything
    but a regular file is :class:`_Damaged`. Other OS errors propagate.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _Damaged(_("het is een verwijzing naar een ander bestand")) from None
        if exc.errno == errno.EISDIR:
            raise _Damaged(_("het is geen bestand maar een map")) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise _Damaged(_("het is geen bestand maar een map"))
        if not stat.S_ISREG(mode):
            raise _Damaged(_("het is geen gewoon bestand"))
        from wijksessie.limits import MAX_SESSION_BYTES

        if os.fstat(fd).st_size > MAX_SESSION_BYTES:
            raise _Damaged(_("het is veel te groot voor een sessie (meer dan {mb} MB)").format(mb=MAX_SESSION_BYTES >> 20))
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def load_json(path: Path) -> dict | None:
    """Read a session file; ``None`` if it does not exist; :class:`_Damaged` if it is not a JSON object."""
    raw = read_regular(path)
    if raw is None:
        return None
    if not raw.strip():
        raise _Damaged(_("het bestand is leeg"))
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Damaged(_("het bestand is geen UTF-8-tekst")) from None
    except json.JSONDecodeError as exc:
        raise _Damaged(
            _("het is geen geldige JSON (regel {line}, kolom {col}); misschien is het niet helemaal opgeslagen").format(
                line=exc.lineno, col=exc.colno
            )
        ) from None
    except RecursionError:
        raise _Damaged(_("het is te diep genest om te lezen")) from None
    if not isinstance(data, dict):
        raise _Damaged(_("het bevat geen sessie"))
    return data


# ----------------------------------------------------------------------------- migrations

#: ``MIGRATIONS[n]`` turns the raw tables of schema ``n`` into schema ``n + 1`` (see :mod:`wijksessie.migrations`).
MIGRATIONS: dict[int, Callable[[dict], dict]] = dict(STEPS)


def migrate(tables: dict, path: Path) -> tuple[dict, bool]:
    """Bring raw tables up to :data:`model.SCHEMA_VERSION`; returns (tables, changed)."""
    meta = tables.get("meta", {}).get("1", {})
    version = meta.get("schema_version", 1) if isinstance(meta, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Damaged(_("het schemanummer ontbreekt of is ongeldig"))
    if version > model.SCHEMA_VERSION:
        raise NewerSchema(
            _("Dit bestand is gemaakt met een nieuwere versie van wijksessie (schema {version}): {path}. Werk wijksessie bij om het te openen.").format(
                path=path, version=version
            )
        )
    changed = False
    while version < model.SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        changed = True
    if changed:
        tables.setdefault("meta", {})["1"] = {"schema_version": version, "app": "wijksessie"}
    return tables, changed


# ----------------------------------------------------------------------------- lock


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
                from wijksessie.errors import FileProblem

                raise FileProblem(exc) from None  # a read-only stick or a full disk: say that, not "remove the lock"
            raise StoreError(
                _("Het slotbestand kan niet worden geopend: {path} ({error}). Verwijder het als het geen gewoon bestand is.").format(
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
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}".encode())
        self._fd = fd

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


if os.name == "nt":  # pragma: no cover - exercised on Windows only
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


# ----------------------------------------------------------------------------- one session


class SessionFile:
    """An open session: the only way screens and commands read and change it.

    Every method that changes something has written it to disk when it
    returns. Use as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: Path, *, readonly: bool = False, lock_wait: float = 0.0):
        self.path = path
        self.readonly = readonly
        self._lock: SessionLock | None = None
        if not readonly:
            self._lock = SessionLock(path.with_name(path.stem + LOCK_SUFFIX))
            self._lock.acquire(lock_wait)
            _remove_stale_temp_files(path)
        try:
            self._storage = AtomicJSONStorage(path, readonly=readonly)
            self._db = TinyDB(storage=lambda: self._storage)
            self._load()
        except BaseException:
            self.close()
            raise

    # -- loading

    def _load(self) -> None:
        backup = self.path.with_name(self.path.stem + BACKUP_SUFFIX)
        try:
            tables = self._storage.read()
            if tables is None:
                raise SessionNotFound(
                    _("Deze sessie bestaat niet (meer): {id}. Kies een sessie uit: wijksessie list").format(id=self.path.stem)
                )
            tables, changed = migrate(tables, self.path)
            session_doc = tables.get("session", {}).get("1")
            if session_doc is None:
                raise _Damaged(_("de sessiegegevens ontbreken"))
            _check_numbers(session_doc)
            self.session = Session.from_dict(session_doc)
            self._contributions: dict[str, tuple[int, Contribution]] = {}
            for doc_id, doc in tables.get("contributions", {}).items():
                c = Contribution.from_dict(doc)
                try:
                    c.decision.validate()  # the same rules as `decide`: a hand-edited file may break them
                except ModelError as exc:
                    raise _Damaged(
                        _("het besluit klopt niet bij deze inbreng: {id} ({problem})").format(id=c.id, problem=str(exc).rstrip("."))
                    ) from None
                self._contributions[c.id] = (int(doc_id), c)
            self._agreements: dict[str, tuple[int, Agreement]] = {}
            for doc_id, doc in tables.get("agreements", {}).items():
                a = Agreement.from_dict(doc)
                self._agreements[a.id] = (int(doc_id), a)
            self._people: dict[str, tuple[int, Person]] = {}
            for doc_id, doc in tables.get("people", {}).items():
                p = Person.from_dict(doc)
                self._people[p.id] = (int(doc_id), p)
        except _Damaged as exc:
            raise DamagedSessionFile(self.path, exc.reason, backup.exists()) from None
        except RecursionError:
            raise DamagedSessionFile(self.path, _("het is te diep genest om te lezen"), backup.exists()) from None
        except KeyError as exc:
            missing = exc.args[0] if exc.args else "?"
            raise DamagedSessionFile(self.path, _("dit gegeven ontbreekt: {key}").format(key=missing), backup.exists()) from None
        except (ModelError, AttributeError, TypeError, ValueError, IndexError, OverflowError) as exc:
            raise DamagedSessionFile(self.path, str(exc).rstrip("."), backup.exists()) from None
        except OSError as exc:
            raise UnreadableSessionFile(self.path, exc) from None
        if changed and not self.readonly:
            self._storage.write(tables)

    def close(self) -> None:
        """Release the lock; nothing is left unsaved."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> SessionFile:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- session

    def save_session(self, session: Session | None = None) -> Session:
        """Write the session's own fields (title, votes, contact, tallies, …)."""
        if session is not None:
            self.session = session
        self._db.table("session").upsert(_doc(self.session.to_dict(), 1), cond=None)
        return self.session

    def update(self, change: Callable[[Session], object]) -> Session:
        """Apply ``change`` to a copy of the session and save it; on error nothing changes."""
        copy = Session.from_dict(self.session.to_dict())
        change(copy)
        return self.save_session(copy)

    def vote(self, theme: str, n: int = 1) -> int:
        """Add ``n`` votes to ``theme`` (negative takes away); returns its new count.

        At most :data:`MAX_VOTES` at once and in total: a typing slip of a
        35-digit number must not reach the letter.
        """
        if not isinstance(n, int) or abs(n) > MAX_VOTES:
            raise ModelError(
                _("{n} stemmen is te veel. Tel ten hoogste {max} stemmen tegelijk.").format(n=n, max=MAX_VOTES)
            )
        if self.session.priorities.votes.get(theme.strip(), 0) + n > MAX_VOTES:
            raise ModelError(
                _("Een thema kan ten hoogste {max} stemmen hebben. Kijk het getal na.").format(max=MAX_VOTES)
            )
        result: list[int] = []
        self.update(lambda s: result.append(s.priorities.add(theme, n)))
        return result[0]

    # -- contributions

    def contributions(self) -> list[Contribution]:
        """All contributions in the order they were recorded."""
        return [c for _doc_id, c in sorted(self._contributions.values(), key=lambda item: item[0])]

    def contribution(self, ref: str) -> Contribution:
        """The contribution with id ``ref`` or a unique prefix of one."""
        key = _resolve(ref, self._contributions.keys(), _("inbreng"))
        return self._contributions[key][1]

    def add_contribution(self, contribution: Contribution) -> Contribution:
        """Store a new contribution; it is on disk when this returns."""
        while contribution.id in self._contributions:
            contribution.id = model.new_id(3)
        doc_id = self._db.table("contributions").insert(contribution.to_dict())
        self._contributions[contribution.id] = (doc_id, contribution)
        return contribution

    def update_contribution(self, contribution: Contribution) -> Contribution:
        """Replace a stored contribution (same id) with this version."""
        doc_id, _old = self._contributions[contribution.id]
        self._db.table("contributions").update(_replace_all(contribution.to_dict()), doc_ids=[doc_id])
        self._contributions[contribution.id] = (doc_id, contribution)
        return contribution

    def edit_contribution(self, ref: str, *, text: str | None = None, kind: str | None = None,
                          theme: str | None = None) -> Contribution:
        """Change the text, kind or theme of a contribution; marks it edited."""
        old = self.contribution(ref)
        new = Contribution.from_dict(old.to_dict())
        if text is not None:
            if not text.strip():
                raise ModelError(_("De inbreng is leeg. Typ eerst wat er gezegd is."))
            new.text = text
        if kind is not None:
            new.kind = model._enum(model.ContributionKind, kind, _("soort"))
        if theme is not None:
            new.theme = theme.strip()
        new.edited_at = model.now()
        return self.update_contribution(new)

    def delete_contribution(self, ref: str) -> Contribution:
        """Remove a contribution; returns it so it can be put back (undo)."""
        c = self.contribution(ref)
        doc_id, _c = self._contributions.pop(c.id)
        try:
            self._db.table("contributions").remove(doc_ids=[doc_id])
        except BaseException:
            self._contributions[c.id] = (doc_id, c)
            raise
        return c

    def restore_contribution(self, contribution: Contribution) -> Contribution:
        """Put back a deleted contribution (undo of delete) with its own id and times."""
        if contribution.id in self._contributions:
            return self.update_contribution(contribution)
        doc_id = self._db.table("contributions").insert(contribution.to_dict())
        self._contributions[contribution.id] = (doc_id, contribution)
        return contribution

    def decide(self, ref: str, status: str, **kwargs) -> Contribution:
        """Record a decision for a contribution (see :func:`model.decide` for the rules)."""
        return self.update_contribution(model.decide(self.contribution(ref), status, **kwargs))

    # -- agreements

    def agreements(self) -> list[Agreement]:
        """All agreements in the order they were made."""
        return [a for _doc_id, a in sorted(self._agreements.values(), key=lambda item: item[0])]

    def add_agreement(self, agreement: Agreement) -> Agreement:
        """Store a new agreement (who does what by when)."""
        doc_id = self._db.table("agreements").insert(agreement.to_dict())
        self._agreements[agreement.id] = (doc_id, agreement)
        return agreement

    def agreement(self, ref: str) -> Agreement:
        """The agreement with id ``ref`` or a unique prefix of one."""
        return self._agreements[_resolve(ref, self._agreements.keys(), _("afspraak"))][1]

    def update_agreement(self, agreement: Agreement) -> Agreement:
        """Replace a stored agreement (same id) with this version (a new state, see ``model.set_agreement_state``)."""
        doc_id, _old = self._agreements[agreement.id]
        self._db.table("agreements").update(_replace_all(agreement.to_dict()), doc_ids=[doc_id])
        self._agreements[agreement.id] = (doc_id, agreement)
        return agreement

    def delete_agreement(self, ref: str) -> Agreement:
        """Remove an agreement; returns it for undo."""
        key = _resolve(ref, self._agreements.keys(), _("afspraak"))
        doc_id, a = self._agreements.pop(key)
        try:
            self._db.table("agreements").remove(doc_ids=[doc_id])
        except BaseException:
            self._agreements[key] = (doc_id, a)
            raise
        return a

    # -- people (personal data, only with consent)

    def people(self) -> list[Person]:
        """Residents who left contact details, in the order they were added."""
        return [p for _doc_id, p in sorted(self._people.values(), key=lambda item: item[0])]

    def person(self, ref: str) -> Person:
        """The person with this receipt code, or else this exact name (any case)."""
        code = model.normalise_receipt(ref)
        people = self.people()
        for p in people:
            if p.receipt == code:
                return p
        wanted = (ref or "").strip().casefold()
        matches = [p for p in people if wanted and p.name.casefold() == wanted]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise SessionNotFound(
                _("Niemand heeft deze code of naam: {ref} (sessie: {id}). Kijk de code na.").format(
                    id=self.session.id, ref=ref
                )
            )
        raise AmbiguousSession(
            _("{n} mensen hebben deze naam: {ref} (sessie: {id}). Gebruik hun code: {codes}.").format(
                n=len(matches), ref=ref, id=self.session.id, codes=", ".join(p.receipt for p in matches)
            )
        )

    def add_person(self, person: Person) -> Person:
        """Store a resident's details; the model has already checked that consent is recorded."""
        if not isinstance(person, Person) or person.consent is None:
            raise ModelError(_("Zonder toestemming slaan we geen persoonsgegevens op."))
        while person.id in self._people or any(p.receipt == person.receipt for p in self.people()):
            person.id, person.receipt = model.new_id(4), model.new_receipt_code()
        doc_id = self._db.table("people").insert(person.to_dict())
        self._people[person.id] = (doc_id, person)
        return person

    def update_person(self, person: Person) -> Person:
        """Replace a stored person (same id) with this version, e.g. with a letter added to ``letters``."""
        doc_id, _old = self._people[person.id]
        self._db.table("people").update(_replace_all(person.to_dict()), doc_ids=[doc_id])
        self._people[person.id] = (doc_id, person)
        return person

    def forget_person(self, ref: str) -> Person:
        """Remove a person everywhere in this session; returns who was removed (:meth:`forget` says what changed)."""
        return self.forget(ref).person

    def forget(self, ref: str):
        """Remove a person (code or name) everywhere the program keeps them; returns an :class:`~wijksessie.erasure.ErasureReport`.

        In one durable write: the ``people`` entry, and the name, e-mail and
        address wherever they appear in what was said, decision owners,
        agreements ("who") and the contact point. The backup copy is replaced
        by the new version; damaged copies and the session's output folder are
        cleaned or, when that is not possible, named in ``report.failed``.
        A salted hash of each detail is kept so an import cannot bring it back.
        """
        from wijksessie import erasure

        p = self.person(ref)
        report = erasure.ErasureReport(self.session.id, person=p)
        terms = erasure.person_terms(p.name, p.email, p.address)

        def change(tables: dict) -> None:
            people = tables.get("people") or {}
            for key in [k for k, doc in people.items() if isinstance(doc, dict) and doc.get("id") == p.id]:
                del people[key]
            report.changed.append(_("bewoner {code}: naam, e-mail en adres weggehaald").format(code=p.receipt))
            report.changed.extend(erasure.scrub_tables(tables, terms))
            erasure.remember(tables, terms, "forget")

        self._rewrite(change)
        report.changed.append(_("reservekopie: vervangen door de nieuwe versie"))
        self._clean_copies(terms, report, code=p.receipt)
        return report

    def _rewrite(self, change: Callable[[dict], object], *, scrub: bool = True, reload: bool = True) -> None:
        """Apply ``change`` to a copy of the raw tables and write them in one durable write.

        ``scrub``: the backup becomes the new version too (removed data must not
        stay there); otherwise the previous version is kept as the backup, as on
        every write (import). ``reload=False`` skips reading the new tables
        back into this object: only for a caller that closes it right after.
        """
        import copy

        if self.readonly:
            raise ReadOnlySession(_("Deze sessie is alleen open om te lezen. Open de sessie opnieuw om te schrijven."))
        tables = copy.deepcopy(self._storage.read() or {})
        change(tables)
        if scrub:
            with self._scrubbing():
                self._storage.write(tables)
        else:
            self._storage.write(tables)
        self._db = TinyDB(storage=lambda: self._storage)  # TinyDB caches the next document id per table
        if reload:
            self._load()

    def _clean_copies(self, terms, report, code: str = "") -> None:
        """Clean damaged copies and the output folder; a personal letter named by ``code`` is removed."""
        from wijksessie import erasure

        rest = []
        for path in erasure.files_beside(self.path):
            if code and code.casefold() in path.name.casefold():
                try:
                    path.unlink()
                    report.changed.append(_("{path}: verwijderd").format(path=path))
                except OSError as exc:
                    report.failed.append(_("Dit bestand kan niet worden verwijderd: {path} ({error}). Verwijder het zelf.").format(
                        path=path, error=exc.strerror or exc))
            else:
                rest.append(path)
        if code:
            terms = [*terms, erasure.Term(code, "[code]")]
        erasure.scrub_files(rest, terms, report)

    def forgotten_record(self) -> dict:
        """What was forgotten or purged in this session, as salted hashes only (for import)."""
        from wijksessie import erasure

        return erasure.record_of(self._storage.read() or {})

    def purge_personal_data(self) -> PurgeResult:
        """Remove every personal field; keep what was said (anonymised), votes, counts and decisions.

        Removed in one durable write: all people, the contact point, their
        names, e-mail and addresses wherever they appear, and phone numbers,
        e-mail addresses, addresses and names beside health details in
        contributions (see :func:`wijksessie.privacy.anonymise`). The backup
        copy is replaced too; damaged copies and the output folder are cleaned
        or named in ``failed``.
        """
        from wijksessie import erasure, privacy

        raw = self._storage.read() or {}
        people_docs = [d for d in (raw.get("people") or {}).values() if isinstance(d, dict)]
        contact_doc = self.session.contact.to_dict()
        contact = any(str(v).strip() for v in contact_doc.values())
        terms: list = []
        for d in people_docs:
            terms += erasure.person_terms(d.get("name", ""), d.get("email", ""), d.get("address", ""), parts=False)
        terms += erasure.contact_terms(contact_doc)
        report = erasure.ErasureReport(self.session.id)
        texts: set[str] = set()

        def change(tables: dict) -> None:
            tables.pop("people", None)
            before = {d.get("id"): d.get("text") for d in (tables.get("contributions") or {}).values()}
            report.changed.extend(erasure.scrub_tables(tables, terms, contact_too=True))
            stamp = model.now().isoformat()
            for doc in (tables.get("contributions") or {}).values():
                clean = privacy.anonymise(doc.get("text", ""))
                if clean != doc.get("text", ""):
                    doc["text"], doc["edited_at"] = clean, stamp
                    report.changed.append(_("inbreng {id}: persoonsgegevens in de tekst vervangen").format(id=doc.get("id", "?")))
                if doc.get("text") != before.get(doc.get("id")):
                    texts.add(doc.get("id"))
            erasure.remember(tables, terms, "purge")

        self._rewrite(change)
        self._clean_copies(terms, report)
        return PurgeResult(self.session.id, people=len(people_docs), contact=contact, texts=len(texts),
                           kept_aside=tuple(damaged_copies(self.path)), changed=tuple(report.changed),
                           failed=tuple(report.failed))

    def scrub_backup(self) -> None:
        """Make the backup copy equal to the current file, so removed data is not kept there.

        The backup is a hard link to the previous version; writing a new file
        in its place (never editing it) leaves no old copy behind under that name.
        """
        if self.readonly:
            raise ReadOnlySession(_("Deze sessie is alleen open om te lezen. Open de sessie opnieuw om te schrijven."))
        backup = self.path.with_name(self.path.stem + BACKUP_SUFFIX)
        if backup.exists() or backup.is_symlink():
            write_atomic(backup, self.path.read_bytes())

    def _scrubbing(self):
        import contextlib

        @contextlib.contextmanager
        def scrubbing():
            self._storage.scrubbing = True
            try:
                yield
            finally:
                self._storage.scrubbing = False

        return scrubbing()

    # -- whole session

    def to_dict(self) -> dict:
        """Everything about the session as plain data (for export)."""
        return {
            "session": self.session.to_dict(),
            "contributions": [c.to_dict() for c in self.contributions()],
            "agreements": [a.to_dict() for a in self.agreements()],
        }


@dataclass(frozen=True)
class PurgeResult:
    """What :meth:`SessionFile.purge_personal_data` removed from one session."""

    session_id: str
    people: int = 0
    contact: bool = False
    texts: int = 0
    kept_aside: tuple[Path, ...] = ()
    problem: str = ""
    #: Every change, one line each (texts, owners, agreements, copies beside the session).
    changed: tuple[str, ...] = ()
    #: What could not be cleaned (a copy that cannot be read or written), one line each with what to do.
    failed: tuple[str, ...] = ()


#: No count in a session (dots, people, seconds) comes near this; a bigger one was typed or edited by mistake.
MAX_COUNT = 10**9


def _check_numbers(doc: object) -> None:
    """:class:`_Damaged` when the session's own data holds an impossibly large number (a hand edit, a bad import).

    Such a number would pass loading and break the letter or the report later.
    Walks without recursion, so a deeply nested value cannot overflow the stack.
    """
    stack = [doc]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and not abs(value) <= MAX_COUNT:
            raise _Damaged(_("er staat een getal in dat veel te groot is"))


def damaged_copies(path: Path) -> list[Path]:
    """Damaged versions of a session set aside by a restore; they may still hold personal data."""
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


def _remove_stale_temp_files(path: Path) -> None:
    """Delete temporary files a killed writer left behind; call only while holding the session lock.

    They are unfinished writes (never the real file) but may hold personal data.
    """
    for tmp in path.parent.glob(f".{path.name}.*"):
        if tmp.name.endswith(".tmp") and not tmp.is_dir():
            try:
                tmp.unlink()
            except OSError:
                pass


def _doc(data: dict, doc_id: int):
    from tinydb.table import Document

    return Document(data, doc_id=doc_id)


def _replace_all(new: dict) -> Callable[[dict], None]:
    """A TinyDB update that replaces every field (``update(dict)`` would keep removed keys)."""

    def transform(doc: dict) -> None:
        doc.clear()
        doc.update(new)

    return transform


def _resolve(ref: str, keys, what: str) -> str:
    ref = (ref or "").strip().lower()
    keys = list(keys)
    if ref in keys:
        return ref
    matches = [k for k in keys if k.startswith(ref)] if ref else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise SessionNotFound(_("Dit nummer bestaat niet ({what}): {ref}. Kijk het nummer na.").format(what=what, ref=ref))
    raise AmbiguousSession(
        _("Dit nummer past bij meer dan één ({what}): {ref}. Het kan zijn: {matches}. Typ meer tekens van het nummer.").format(
            ref=ref, what=what, matches=", ".join(sorted(matches)[:5])
        )
    )


# ----------------------------------------------------------------------------- the folder


@dataclass(frozen=True)
class SessionSummary:
    """One line of the session list; ``problem`` is set for a file that could not be read."""

    id: str
    path: Path
    title: str = ""
    neighbourhood: str = ""
    date: dt.date | None = None
    contributions: int = 0
    open: int = 0
    feedback_due: dt.date | None = None
    letter_sent: dt.date | None = None
    problem: str = ""


class SessionStore:
    """The data folder with its session files."""

    def __init__(self, data_dir: str | os.PathLike[str], *, lock_wait: float = 0.0):
        self.data_dir = Path(data_dir)
        #: Seconds to wait for a session another process is writing (0: say so at once).
        self.lock_wait = lock_wait
        #: Sessions :meth:`iter_open` could not read, as damaged summaries (for a warning beside a report).
        self.skipped: list[SessionSummary] = []

    def ensure(self) -> None:
        """Create the data folder (owner-only) if it is not there."""
        if not self.data_dir.is_dir():
            self._refuse_non_folder()
            try:
                from wijksessie.atomic import make_folders

                make_folders(self.data_dir)
            except OSError as exc:
                from wijksessie.errors import os_error_message

                raise StoreError(
                    _("Deze map kan niet worden gemaakt: {path}.").format(path=self.data_dir) + " " + os_error_message(exc)
                ) from None

    def _refuse_non_folder(self) -> None:
        """A data folder that is a file, a device or a pipe: say so (never treat it as empty)."""
        if os.path.lexists(self.data_dir) and not self.data_dir.is_dir():
            raise StoreError(
                _("Dit is geen map: {path}. Kies een map voor de sessies met --data-dir.").format(path=self.data_dir)
            )

    def path_for(self, session_id: str) -> Path:
        """The file of a session; refuses ids that could point outside the data folder."""
        if not model.ID_PATTERN.match(session_id or ""):
            raise SessionNotFound(
                _("Dit is geen geldig sessienummer: {id}. Kies een sessie uit: wijksessie list").format(id=session_id)
            )
        return self.data_dir / f"{session_id}{SUFFIX}"

    def session_ids(self) -> list[str]:
        """Ids of every session file in the folder, sorted (none while the folder does not exist)."""
        if not self.data_dir.is_dir():
            self._refuse_non_folder()
            return []
        ids = []
        for entry in self.data_dir.iterdir():
            name = entry.name
            # Not only regular files: a folder or pipe under a session's name is listed (as damaged), never followed.
            if name.endswith(SUFFIX) and not name.startswith(".") and not entry.is_symlink():
                sid = name[: -len(SUFFIX)]
                if model.ID_PATTERN.match(sid):
                    ids.append(sid)
        return sorted(ids)

    def resolve(self, ref: str) -> str:
        """The id of the session ``ref`` names: a whole id or a unique prefix."""
        ids = self.session_ids()
        if not ids:
            raise SessionNotFound(
                _("Er zijn nog geen sessies in deze map: {path}. Maak er een met: wijksessie new").format(path=self.data_dir)
            )
        return _resolve(ref, ids, _("sessie"))

    def create(self, session: Session) -> Session:
        """Write a new session file (with its schema version); returns the session."""
        self.ensure()
        path = self.path_for(session.id)
        if path.exists():
            raise StoreError(_("Er is al een sessie met dit nummer: {id}.").format(id=session.id))
        tables = {
            "meta": {"1": {"schema_version": model.SCHEMA_VERSION, "app": "wijksessie"}},
            "session": {"1": session.to_dict()},
            "contributions": {},
            "agreements": {},
        }
        storage = AtomicJSONStorage(path, backup=False)
        storage.write(tables)
        return session

    def open(self, ref: str, *, readonly: bool = False) -> SessionFile:
        """Open a session by id or prefix; for writing it takes the session lock."""
        return SessionFile(self.path_for(self.resolve(ref)), readonly=readonly, lock_wait=self.lock_wait)

    def summaries(self) -> list[SessionSummary]:
        """Every session, newest first; a damaged file is listed with its problem instead of failing the list.

        A damaged or unreadable session comes back as a summary with only
        ``id``, ``path`` and ``problem`` set: ``problem`` is one line naming
        the file, what is wrong and what to do.
        """
        result = []
        for sid in self.session_ids():
            path = self.path_for(sid)
            try:
                with SessionFile(path, readonly=True) as sf:
                    s = sf.session
                    contributions = sf.contributions()
                    result.append(
                        SessionSummary(
                            id=sid,
                            path=path,
                            title=s.title,
                            neighbourhood=s.neighbourhood,
                            date=s.date,
                            contributions=len(contributions),
                            open=model.open_count(contributions),
                            feedback_due=s.feedback_due,
                            letter_sent=s.letter_sent,
                        )
                    )
            except UserError as exc:  # damaged, unreadable, locked, not a file: this one only
                result.append(SessionSummary(id=sid, path=path, problem=str(exc)))
        result.sort(key=lambda s: (s.date or dt.date.min, s.id), reverse=True)
        return result

    def iter_open(self, *, readonly: bool = True) -> Iterator[SessionFile]:
        """Open each readable session in turn (read-only by default); damaged ones are skipped.

        The skipped ones are in :attr:`skipped` afterwards, so a report can say which were left out.
        """
        self.skipped = []
        for sid in self.session_ids():
            path = self.path_for(sid)
            try:
                sf = SessionFile(path, readonly=readonly, lock_wait=0.0 if readonly else self.lock_wait)
            except UserError as exc:  # damaged, unreadable, locked, not a file: this one only
                self.skipped.append(SessionSummary(id=sid, path=path, problem=str(exc)))
                continue
            try:
                yield sf
            finally:
                sf.close()

    def delete(self, ref: str) -> str:
        """Delete a session file and its backup (needs the lock); returns the id."""
        sid = self.resolve(ref)
        path = self.path_for(sid)
        lock = SessionLock(path.with_name(sid + LOCK_SUFFIX))
        lock.acquire(self.lock_wait)
        try:
            for p in (path, path.with_name(sid + BACKUP_SUFFIX)):
                if p.exists():
                    p.unlink()
        finally:
            lock.release()
            path.with_name(sid + LOCK_SUFFIX).unlink(missing_ok=True)
        return sid

    def purge(self, before: dt.date) -> list[PurgeResult]:
        """Remove personal data from every session held before ``before``; anonymous content stays.

        A session that is open elsewhere or damaged is reported in ``problem``
        and left as it is, so the caller can say which ones still need doing.
        """
        results = []
        for sid in self.session_ids():
            path = self.path_for(sid)
            try:
                with SessionFile(path, readonly=True) as sf:
                    if sf.session.date >= before:
                        continue
                with SessionFile(path, lock_wait=self.lock_wait) as sf:
                    results.append(sf.purge_personal_data())
            except UserError as exc:  # damaged, unreadable, locked, not a file: this one only
                results.append(PurgeResult(sid, problem=str(exc)))
            except OSError as exc:  # unreadable file: name it and go on with the others
                results.append(PurgeResult(sid, problem=_("Dit bestand kan niet worden gelezen of geschreven: {path} ({error}).").format(
                    path=path, error=exc.strerror or exc)))
        return results

    def restore_backup(self, ref: str, *, force: bool = False) -> Path:
        """Set a damaged session file aside and put the last good copy back; returns where the damaged file went.

        Refuses when the session file reads fine (restoring would undo the
        latest change), unless ``force``.
        """
        sid = _resolve(ref, self.session_ids(), _("sessie"))
        path = self.path_for(sid)
        backup = path.with_name(sid + BACKUP_SUFFIX)
        if not force:
            try:
                SessionFile(path, readonly=True).close()
            except (DamagedSessionFile, UnreadableSessionFile, SessionNotFound):
                pass  # damaged or gone: that is what restore is for
            else:
                raise StoreError(
                    _("Deze sessie is niet beschadigd: {id}. Terugzetten zou de laatste wijziging weghalen; wilt u dat toch, gebruik dan --force.").format(id=sid)
                )
        if not backup.exists():
            raise StoreError(
                _("Er is geen reservekopie van deze sessie: {id}. Bewaar het bestand en vraag om hulp.").format(id=sid)
            )
        if backup.is_symlink():
            raise StoreError(
                _("De reservekopie is een verwijzing naar een ander bestand (sessie: {id}). Dat zetten we niet terug; vraag om hulp.").format(id=sid)
            )
        try:
            load_json(backup)
        except _Damaged as exc:
            raise StoreError(
                _("Ook de reservekopie van deze sessie is beschadigd: {id}. Reden: {reason}. Bewaar beide bestanden en vraag om hulp.").format(
                    id=sid, reason=exc.reason
                )
            ) from None
        lock = SessionLock(path.with_name(sid + LOCK_SUFFIX))
        lock.acquire(self.lock_wait)
        try:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = path.with_name(f"{path.name}.damaged-{stamp}")
            n = 1
            while aside.exists():  # two restores in one second must not overwrite the first damaged copy
                n += 1
                aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
            if path.exists():
                os.replace(path, aside)
            write_atomic(path, backup.read_bytes())
        finally:
            lock.release()
        return aside


