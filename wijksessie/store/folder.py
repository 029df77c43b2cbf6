"""The data folder: one file per session, listed, opened, created, deleted, purged and restored.

One bad file never takes down the rest: listing (:meth:`SessionStore.summaries`),
reports (:meth:`SessionStore.iter_open`) and :meth:`SessionStore.purge` name a
damaged or locked session and carry on with the others.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wijksessie import model
from wijksessie.atomic import make_folders, write_atomic
from wijksessie.errors import UserError, os_error_message
from wijksessie.i18n import _
from wijksessie.model import Session
from wijksessie.store.errors import DamagedSessionFile, SessionNotFound, StoreError, UnreadableSessionFile
from wijksessie.store.lock import SessionLock
from wijksessie.store.people import PurgeResult
from wijksessie.store.session_file import SessionFile, _resolve
from wijksessie.store.storage import BACKUP_SUFFIX, LOCK_SUFFIX, SUFFIX, AtomicJSONStorage


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
    #: The promised letter is late: its date passed and no final letter went out (:func:`model.feedback_overdue`).
    letter_late: bool = False
    #: Points still being looked into past the date residents were promised (:func:`model.overdue_reviews`).
    late_reviews: int = 0
    #: Agreements past their date, neither done nor stopped (:func:`model.overdue_agreements`).
    late_agreements: int = 0

    @property
    def late(self) -> int:
        """Promises besides the letter whose date passed: late points plus late agreements."""
        return self.late_reviews + self.late_agreements


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
                make_folders(self.data_dir)
            except OSError as exc:
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
        return _resolve(ref, ids, "session")

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

    def summaries(self, today: dt.date | None = None) -> list[SessionSummary]:
        """Every session, newest first; a damaged file is listed with its problem instead of failing the list.

        Each file is opened once. What is late is counted as of ``today``
        (the computer's date when not given) by the rules
        :func:`wijksessie.feedback.lateness` uses.

        A damaged or unreadable session comes back as a summary with only
        ``id``, ``path`` and ``problem`` set: ``problem`` is one line naming
        the file, what is wrong and what to do.
        """
        today = today or dt.date.today()
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
                            letter_late=model.feedback_overdue(s, today),
                            late_reviews=len(model.overdue_reviews(contributions, today)),
                            late_agreements=len(model.overdue_agreements(sf.agreements(), today)),
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
                if exc.filename is None:
                    exc.filename = str(path)
                results.append(PurgeResult(sid, problem=os_error_message(exc)))
        return results

    def restore_backup(self, ref: str, *, force: bool = False) -> Path:
        """Set a damaged session file aside and put the last good copy back; returns where the damaged file went.

        Refuses when the session file reads fine (restoring would undo the
        latest change), unless ``force``.
        """
        sid = _resolve(ref, self.session_ids(), "session")
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
            # The same checks as opening (JSON, shape, the model's rules): a backup that would not open is no way back.
            SessionFile(backup, readonly=True).close()
        except DamagedSessionFile as exc:
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
