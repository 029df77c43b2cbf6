"""One open session: read it once, change it through methods, every change on disk when they return.

:class:`SessionFile` holds the lock (unless read-only), loads and checks the
file (a damaged one raises :class:`~wijksessie.store.errors.DamagedSessionFile`)
and offers the session, its contributions and agreements; residents'
personal data and erasure are in :mod:`wijksessie.store.people`.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from tinydb import TinyDB
from tinydb.table import Document

from wijksessie import model
from wijksessie.i18n import _, ngettext
from wijksessie.limits import MAX_VOTES
from wijksessie.model import Agreement, Contribution, ModelError, Person, Session
from wijksessie.store.errors import (
    AmbiguousSession,
    DamagedSessionFile,
    ReadOnlySession,
    SessionNotFound,
    UnreadableSessionFile,
)
from wijksessie.store.lock import SessionLock
from wijksessie.store.people import PersonalData
from wijksessie.store.storage import (
    BACKUP_SUFFIX,
    LOCK_SUFFIX,
    AtomicJSONStorage,
    Tables,
    _check_numbers,
    _Damaged,
    _doc_id,
    _remove_stale_temp_files,
    _replace_all,
    _table,
    migrate,
)


class SessionFile(PersonalData):
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
        try:
            if not readonly:
                _remove_stale_temp_files(path)
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
            session_doc = _table(tables, "session").get("1")
            if session_doc is None:
                raise _Damaged(_("de sessiegegevens ontbreken"))
            _check_numbers(session_doc)
            self.session = Session.from_dict(session_doc)
            self._contributions: dict[str, tuple[int, Contribution]] = {}
            for doc_id, doc in _table(tables, "contributions").items():
                c = Contribution.from_dict(doc)
                try:
                    c.decision.validate()  # the same rules as `decide`: a hand-edited file may break them
                except ModelError as exc:
                    raise _Damaged(
                        _("het besluit klopt niet bij deze inbreng: {id} ({problem})").format(id=c.id, problem=str(exc).rstrip("."))
                    ) from None
                self._contributions[c.id] = (_doc_id(doc_id), c)
            self._agreements: dict[str, tuple[int, Agreement]] = {}
            for doc_id, doc in _table(tables, "agreements").items():
                a = Agreement.from_dict(doc)
                self._agreements[a.id] = (_doc_id(doc_id), a)
            self._people: dict[str, tuple[int, Person]] = {}
            for doc_id, doc in _table(tables, "people").items():
                p = Person.from_dict(doc)
                self._people[p.id] = (_doc_id(doc_id), p)
        except _Damaged as exc:
            raise DamagedSessionFile(self.path, exc.reason, backup.exists()) from None
        except RecursionError:
            raise DamagedSessionFile(self.path, _("het is te diep genest om te lezen"), backup.exists()) from None
        except KeyError as exc:
            missing = exc.args[0] if exc.args else "?"
            raise DamagedSessionFile(self.path, _("dit gegeven ontbreekt: {key}").format(key=missing), backup.exists()) from None
        except ModelError as exc:  # the model's own message says which field and what is wrong
            raise DamagedSessionFile(self.path, str(exc).rstrip("."), backup.exists()) from None
        except (AttributeError, TypeError, ValueError, IndexError, OverflowError):
            # Python's own text ("'list' object has no attribute ...") means nothing to the user.
            raise DamagedSessionFile(self.path, _("de gegevens hebben niet de vorm die wijksessie verwacht"),
                                     backup.exists()) from None
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

    def __exit__(self, *exc: object) -> None:
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
                ngettext("Dit zijn te veel stemmen: {n}. Tel ten hoogste {max} stem tegelijk.",
                         "Dit zijn te veel stemmen: {n}. Tel ten hoogste {max} stemmen tegelijk.", MAX_VOTES
                         ).format(n=n, max=MAX_VOTES)
            )
        if self.session.priorities.votes.get(theme.strip(), 0) + n > MAX_VOTES:
            raise ModelError(
                ngettext("Een thema kan ten hoogste {max} stem hebben. Kijk het getal na.",
                         "Een thema kan ten hoogste {max} stemmen hebben. Kijk het getal na.", MAX_VOTES
                         ).format(max=MAX_VOTES)
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
        key = _resolve(ref, self._contributions.keys(), "contribution")
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
        if contribution.id not in self._contributions:  # deleted meanwhile (another screen, an undo)
            raise SessionNotFound(_not_found("contribution", contribution.id))
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
            new.kind = model._enum(model.ContributionKind, kind)
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

    def decide(self, ref: str, status: model.DecisionStatus | str, *, reason: str = "", organisation: str = "",
               owner: str = "", due: dt.date | str | None = None, quick_win: bool = False,
               recorded_by: str = "") -> Contribution:
        """Record a decision for a contribution (see :func:`model.decide` for the rules)."""
        decided = model.decide(self.contribution(ref), status, reason=reason, organisation=organisation, owner=owner,
                               due=due, quick_win=quick_win, recorded_by=recorded_by)
        return self.update_contribution(decided)

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
        return self._agreements[_resolve(ref, self._agreements.keys(), "agreement")][1]

    def update_agreement(self, agreement: Agreement) -> Agreement:
        """Replace a stored agreement (same id) with this version (a new state, see ``model.set_agreement_state``)."""
        if agreement.id not in self._agreements:  # deleted meanwhile
            raise SessionNotFound(_not_found("agreement", agreement.id))
        doc_id, _old = self._agreements[agreement.id]
        self._db.table("agreements").update(_replace_all(agreement.to_dict()), doc_ids=[doc_id])
        self._agreements[agreement.id] = (doc_id, agreement)
        return agreement

    def delete_agreement(self, ref: str) -> Agreement:
        """Remove an agreement; returns it for undo."""
        key = _resolve(ref, self._agreements.keys(), "agreement")
        doc_id, a = self._agreements.pop(key)
        try:
            self._db.table("agreements").remove(doc_ids=[doc_id])
        except BaseException:
            self._agreements[key] = (doc_id, a)
            raise
        return a

    # -- raw tables (erasure, import)

    def _rewrite(self, change: Callable[[Tables], object], *, scrub: bool = True, reload: bool = True) -> None:
        """Apply ``change`` to a copy of the raw tables and write them in one durable write.

        ``scrub``: the backup becomes the new version too (removed data must not
        stay there); otherwise the previous version is kept as the backup, as on
        every write (import). ``reload=False`` skips reading the new tables
        back into this object: only for a caller that closes it right after.
        """
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

    @contextlib.contextmanager
    def _scrubbing(self) -> Iterator[None]:
        """While inside, each write replaces the backup with the new version too (see ``AtomicJSONStorage.scrubbing``)."""
        self._storage.scrubbing = True
        try:
            yield
        finally:
            self._storage.scrubbing = False

    # -- whole session

    def to_dict(self) -> dict[str, Any]:
        """Everything about the session as plain data (for export)."""
        return {
            "session": self.session.to_dict(),
            "contributions": [c.to_dict() for c in self.contributions()],
            "agreements": [a.to_dict() for a in self.agreements()],
        }


def _doc(data: dict[str, Any], doc_id: int) -> Document:
    return Document(data, doc_id=doc_id)


#: What a number names, for :func:`_resolve`: each has its own whole messages, so every language can say them naturally.
Numbered = Literal["session", "contribution", "agreement"]


def _resolve(ref: str, keys: Iterable[str], what: Numbered) -> str:
    """The one key ``ref`` names: the whole key or a unique prefix (any case)."""
    ref = (ref or "").strip().lower()
    known = list(keys)
    if ref in known:
        return ref
    matches = [k for k in known if k.startswith(ref)] if ref else []
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise SessionNotFound(_not_found(what, ref))
    raise AmbiguousSession(_ambiguous(what).format(ref=ref, matches=", ".join(sorted(matches)[:5])))


def _not_found(what: Numbered, ref: str) -> str:
    if what == "session":
        if not ref:
            return _("Het sessienummer ontbreekt. Kies een sessie uit: wijksessie list")
        return _("Deze sessie bestaat niet: {ref}. Kijk het nummer na, of kies een sessie uit: wijksessie list").format(ref=ref)
    if what == "contribution":
        if not ref:
            return _("Het nummer van de inbreng ontbreekt. Typ het nummer.")
        return _("Deze inbreng bestaat niet: {ref}. Kijk het nummer na.").format(ref=ref)
    if not ref:
        return _("Het nummer van de afspraak ontbreekt. Typ het nummer.")
    return _("Deze afspraak bestaat niet: {ref}. Kijk het nummer na.").format(ref=ref)


def _ambiguous(what: Numbered) -> str:
    """The message for a prefix that fits more than one, with ``{ref}`` and ``{matches}`` to fill in."""
    if what == "session":
        return _("Dit nummer past bij meer dan één sessie: {ref}. Het kan zijn: {matches}. Typ meer tekens van het nummer.")
    if what == "contribution":
        return _("Dit nummer past bij meer dan één inbreng: {ref}. Het kan zijn: {matches}. Typ meer tekens van het nummer.")
    return _("Dit nummer past bij meer dan één afspraak: {ref}. Het kan zijn: {matches}. Typ meer tekens van het nummer.")
