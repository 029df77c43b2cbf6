"""Residents' personal data in a session: kept only with consent, and removed everywhere on request.

:class:`PersonalData` is the part of :class:`~wijksessie.store.SessionFile`
that handles the ``people`` table (kept apart from what residents said),
forgetting one person (:meth:`~PersonalData.forget`) and removing all
personal data of an old session (:meth:`~PersonalData.purge_personal_data`).
Both clean the backup copy too, so a forgotten person is not kept there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wijksessie import model
from wijksessie.i18n import _, ngettext
from wijksessie.model import ModelError, Person, Session
from wijksessie.store.errors import AmbiguousSession, SessionNotFound
from wijksessie.store.storage import AtomicJSONStorage, Tables, _replace_all

if TYPE_CHECKING:
    from tinydb import TinyDB

    from wijksessie.erasure import ErasureReport, Term


@dataclass(frozen=True)
class PurgeResult:
    """What :meth:`SessionFile.purge_personal_data` removed from one session."""

    session_id: str
    people: int = 0
    contact: bool = False
    texts: int = 0
    problem: str = ""
    #: Every change, one line each (texts, owners, agreements, copies beside the session).
    changed: tuple[str, ...] = ()
    #: What could not be cleaned (a copy that cannot be read or written), one line each with what to do.
    failed: tuple[str, ...] = ()


class PersonalData:
    """The people of a session and erasure; mixed into :class:`~wijksessie.store.SessionFile`, which sets these."""

    path: Path
    readonly: bool
    session: Session
    _storage: AtomicJSONStorage
    _db: TinyDB
    _people: dict[str, tuple[int, Person]]

    def _rewrite(self, change: Callable[[Tables], object], *, scrub: bool = True, reload: bool = True) -> None:
        raise NotImplementedError  # SessionFile._rewrite

    # -- people (personal data, only with consent)

    def people(self) -> list[Person]:
        """Residents who left contact details, in the order they were added."""
        return [p for _doc_id, p in sorted(self._people.values(), key=lambda item: item[0])]

    def person(self, ref: str) -> Person:
        """The person with this receipt code, or else this exact name (any case)."""
        if not (ref or "").strip():
            raise SessionNotFound(_("De code of naam van de bewoner ontbreekt. Typ de code of de naam."))
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
            ngettext(
                "{n} persoon heeft deze naam: {ref} (sessie: {id}). Gebruik de code: {codes}.",
                "{n} mensen hebben deze naam: {ref} (sessie: {id}). Gebruik hun code: {codes}.",
                len(matches),
            ).format(
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
        person = self.person(ref)
        self._forget(person)
        return person

    def forget(self, ref: str) -> ErasureReport:
        """Remove a person (code or name) everywhere the program keeps them; returns an :class:`~wijksessie.erasure.ErasureReport`.

        In one durable write: the ``people`` entry, and the name, e-mail and
        address wherever they appear in what was said, decision owners,
        agreements ("who") and the contact point. The backup copy is replaced
        by the new version; damaged copies and the session's output folder are
        cleaned or, when that is not possible, named in ``report.failed``.
        A salted hash of each detail is kept so an import cannot bring it back.
        """
        return self._forget(self.person(ref))

    def _forget(self, p: Person) -> ErasureReport:
        from wijksessie import erasure

        report = erasure.ErasureReport(self.session.id, person=p)
        terms = erasure.person_terms(p.name, p.email, p.address)

        def change(tables: Tables) -> None:
            people = tables.get("people") or {}
            for key in [k for k, doc in people.items() if isinstance(doc, dict) and doc.get("id") == p.id]:
                del people[key]
            report.changed.append(_("Bewoner: {code}. Naam, e-mail en adres weggehaald.").format(code=p.receipt))
            report.changed.extend(erasure.scrub_tables(tables, terms))
            erasure.remember(tables, terms, "forget")

        self._rewrite(change)
        report.changed.append(_("Reservekopie vervangen door de nieuwe versie."))
        self._clean_copies(terms, report, code=p.receipt)
        return report

    def _clean_copies(self, terms: list[Term], report: ErasureReport, code: str = "") -> None:
        """Clean damaged copies and the output folder; a personal letter named by ``code`` is removed."""
        from wijksessie import erasure

        rest = []
        for path in erasure.files_beside(self.path):
            if code and code.casefold() in path.name.casefold():
                try:
                    path.unlink()
                    report.changed.append(_("Verwijderd: {path}.").format(path=path))
                except OSError as exc:
                    report.failed.append(_("Dit bestand kan niet worden verwijderd: {path}. Reden: {error}. Verwijder het zelf.").format(
                        path=path, error=exc.strerror or exc))
            else:
                rest.append(path)
        if code:
            terms = [*terms, erasure.Term(code, "[code]")]
        erasure.scrub_files(rest, terms, report)

    def forgotten_record(self) -> dict[str, Any]:
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
        terms: list[Term] = []
        for d in people_docs:
            terms += erasure.person_terms(d.get("name", ""), d.get("email", ""), d.get("address", ""), parts=False)
        terms += erasure.contact_terms(contact_doc)
        report = erasure.ErasureReport(self.session.id)
        texts: set[str] = set()

        def change(tables: Tables) -> None:
            tables.pop("people", None)
            before = {d.get("id"): d.get("text") for d in (tables.get("contributions") or {}).values()}
            report.changed.extend(erasure.scrub_tables(tables, terms, contact_too=True))
            stamp = model.now().isoformat()
            for doc in (tables.get("contributions") or {}).values():
                clean = privacy.anonymise(doc.get("text", ""))
                if clean != doc.get("text", ""):
                    doc["text"], doc["edited_at"] = clean, stamp
                    report.changed.append(_("Inbreng: {id}. Persoonsgegevens in de tekst vervangen.").format(id=doc.get("id", "?")))
                if doc.get("text") != before.get(doc.get("id")):
                    texts.add(doc.get("id"))
            erasure.remember(tables, terms, "purge")

        self._rewrite(change)
        self._clean_copies(terms, report)
        return PurgeResult(self.session.id, people=len(people_docs), contact=contact, texts=len(texts),
                           changed=tuple(report.changed), failed=tuple(report.failed))
