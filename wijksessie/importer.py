"""Import JSON exports made on other laptops: one officer sees the meetings of several facilitators.

``wijksessie import FILE...`` reads files written by ``wijksessie export
--format json`` (see :mod:`wijksessie.export`) and merges them into the data
folder by session id, so importing the same file twice changes nothing.

How two versions of one session are merged:

* **Contributions** are matched by id. One that is only in the file is
  added. For one that is in both, the text (with kind, theme and step) of
  the version edited last (``edited_at``) is kept, and the decision taken
  last (``decided_at``) is kept; so a decision recorded on one laptop and a
  typo fixed on the other both survive.
* **Agreements** are matched by id; missing ones are added.
* **Votes** are taken from the file only when this session has none yet.
  Votes are counts, not separate items: adding both would count the same
  dots twice, and there is no way to tell which count is "newer". The
  laptop where the voting happened usually has them all.
* The head count, the contact point and the "letter sent" date are taken
  from the file only when they are empty here; themes missing here are added.
* **The contact point** (the person residents will call) is never changed
  without saying so: one in the file that differs from this session's (or
  fills an empty one) is only offered (:attr:`ImportResult.contact_offered`);
  the command line takes it with ``--accept-contact``, the program asks
  first and then calls :func:`accept_contact`.
* **Residents' names and addresses** (``people``, only in exports made with
  ``--with-personal-data``) are never imported, and what was forgotten or
  purged here stays gone: the session keeps salted hashes of it (see
  :mod:`wijksessie.erasure`) and every imported text is cleaned with them; a
  purged contact point is never taken back.

Every file is read and checked before anything is written
(:mod:`wijksessie.importer_read`), so a bad file stops the import before any
change: files larger than :data:`~wijksessie.importer_read.MAX_IMPORT_BYTES`
or that are not regular files, numbers too large to be real, times in the
future or before 2000, and ids that are not plain lower-case letters, digits
and dashes (upper case is made lower case, and said). Each session is then written in one durable write, so importing
10,000 contributions takes as long as writing the file once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from wijksessie import feedback, model
from wijksessie.i18n import _, ngettext
from wijksessie.importer_read import (  # noqa: F401 - re-exported: reading is part of importing
    CLOCK_SLACK,
    EARLIEST,
    MAX_DIGITS,
    MAX_IMPORT_BYTES,
    SUPPORTED_VERSIONS,
    ParsedExport,
    read_export,
)
from wijksessie.model import Agreement, ContactPoint, Contribution, Session

if TYPE_CHECKING:
    from wijksessie.store import SessionStore

T = TypeVar("T", Contribution, Agreement)

@dataclass
class ImportResult:
    """What merging one file changed."""

    path: Path
    session_id: str
    title: str
    created: bool = False
    added: int = 0
    updated: int = 0
    agreements_added: int = 0
    votes_taken: bool = False
    session_fields: list[str] = field(default_factory=list)
    people_skipped: int = 0
    ids_lowered: int = 0
    #: A contact point in the file that was not taken (differs from this session's): ask, then :func:`accept_contact`.
    contact_offered: ContactPoint | None = None
    #: The file's contact point was forgotten or purged here, so it was not taken.
    contact_refused: bool = False
    #: Imported texts from which forgotten or purged details were taken out.
    forgotten_scrubbed: int = 0

    @property
    def changed(self) -> bool:
        """True when anything was written."""
        return bool(
            self.created or self.added or self.updated or self.agreements_added or self.votes_taken or self.session_fields
        )

    def describe(self) -> str:
        """One line for the user: what was added from this file."""
        from wijksessie import i18n

        if self.created:
            text = _("Bestand: {file}. Nieuwe sessie: {id} „{title}”.").format(
                file=self.path, id=self.session_id, title=self.title
            )
        elif not self.changed:
            text = _("Bestand: {file}. Deze sessie was er al helemaal: {id} „{title}”. Er is niets veranderd.").format(
                file=self.path, id=self.session_id, title=self.title
            )
        else:
            text = _("Bestand: {file}. Sessie aangevuld: {id} „{title}”.").format(
                file=self.path, id=self.session_id, title=self.title
            )
        if self.changed:
            text += " " + " ".join([
                ngettext("{n} punt is nieuw.", "{n} punten zijn nieuw.", self.added).format(n=self.added),
                ngettext("{n} punt is bijgewerkt.", "{n} punten zijn bijgewerkt.", self.updated).format(n=self.updated),
                ngettext("{n} afspraak is nieuw.", "{n} afspraken zijn nieuw.", self.agreements_added).format(
                    n=self.agreements_added
                ),
            ])
            if self.votes_taken:
                text += " " + _("De stemmen zijn overgenomen.")
        if self.session_fields:
            text += " " + _("Uit het bestand overgenomen, omdat het hier leeg was: {fields}.").format(
                fields=i18n.format_list([_field_label(f) for f in self.session_fields])
            )
        if self.ids_lowered:
            text += " " + ngettext(
                "{n} nummer stond in hoofdletters; dat is nu in kleine letters.",
                "{n} nummers stonden in hoofdletters; die zijn nu in kleine letters.",
                self.ids_lowered,
            ).format(n=self.ids_lowered)
        if self.forgotten_scrubbed:
            text += " " + ngettext(
                "Uit {n} tekst zijn gegevens gehaald die hier eerder zijn gewist.",
                "Uit {n} teksten zijn gegevens gehaald die hier eerder zijn gewist.",
                self.forgotten_scrubbed,
            ).format(n=self.forgotten_scrubbed)
        if self.contact_refused:
            text += " " + _("Het aanspreekpunt uit het bestand is hier eerder gewist; het is niet overgenomen.")
        if self.contact_offered is not None:
            text += " " + _("Het bestand heeft een ander aanspreekpunt: {name}. Dat is niet overgenomen; wilt u het toch, importeer dan opnieuw met --accept-contact.").format(
                name=self.contact_offered.name or "-"
            )
        if self.people_skipped:
            text += " " + ngettext(
                "De gegevens van {n} bewoner zijn niet overgenomen; die blijven op de andere laptop.",
                "De gegevens van {n} bewoners zijn niet overgenomen; die blijven op de andere laptop.",
                self.people_skipped,
            ).format(n=self.people_skipped)
        return text


def _field_label(name: str) -> str:
    return {
        "tally": _("de telling"),
        "contact": _("het aanspreekpunt"),
        "letter_sent": _("de datum van de brief"),
        "themes": _("thema's"),
        "letters": _("de verstuurde brieven"),
        "follows": _("het eerdere gesprek"),
        "evaluation": _("het oordeel van bewoners"),
    }.get(name, name)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """Make times comparable: a time without zone (hand-edited file) is taken as local time."""
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _newer(theirs: dt.datetime | None, mine: dt.datetime | None) -> bool:
    theirs, mine = _aware(theirs), _aware(mine)
    return theirs is not None and (mine is None or theirs > mine)


def merge_contribution(mine: Contribution, theirs: Contribution) -> Contribution:
    """The two versions of one contribution merged: newest text, newest decision."""
    merged: Contribution = Contribution.from_dict(mine.to_dict())
    if _newer(theirs.edited_at, mine.edited_at):
        merged.text, merged.kind, merged.theme, merged.step = theirs.text, theirs.kind, theirs.theme, theirs.step
        merged.edited_at = theirs.edited_at
    # Answers are never lost: both laptops' answers are kept in time order, the newest is current.
    merged.history, merged.decision = feedback.merge_answers(mine, theirs)
    return merged


def _same_contact(a: model.ContactPoint, b: model.ContactPoint) -> bool:
    def norm(c: model.ContactPoint) -> tuple[str, ...]:
        return tuple(" ".join(str(v).split()).casefold() for v in c.to_dict().values())

    return norm(a) == norm(b)


def _merge_session(mine: Session, theirs: Session, *, accept_contact: bool = False,
                   record: dict[str, Any] | None = None) -> tuple[Session, list[str], bool, ContactPoint | None, bool]:
    """Fill what is empty here from the file.

    Returns (session, fields taken, votes taken, contact offered but not taken, contact refused as forgotten).
    """
    from wijksessie import erasure

    merged = Session.from_dict(mine.to_dict())
    taken: list[str] = []
    votes_taken = False
    offered = None
    refused = False
    if not any(v > 0 for v in mine.priorities.votes.values()) and any(v > 0 for v in theirs.priorities.votes.values()):
        merged.priorities = theirs.priorities
        votes_taken = True
    if mine.tally.participants == 0 and not mine.tally.groups and (theirs.tally.participants or theirs.tally.groups):
        merged.tally = theirs.tally
        taken.append("tally")
    if theirs.contact.is_set and not _same_contact(theirs.contact, mine.contact):
        c = theirs.contact
        if record and erasure.known_match([c.name, c.phone, c.email], record):
            refused = True
        elif accept_contact:
            merged.contact = theirs.contact
            taken.append("contact")
        else:
            offered = theirs.contact
    if mine.letter_sent is None and theirs.letter_sent is not None:
        merged.letter_sent = theirs.letter_sent
        taken.append("letter_sent")
    for theme in theirs.themes:
        if merged.add_theme(theme) and "themes" not in taken:
            taken.append("themes")
    letters = feedback.merge_letters(mine.letters, theirs.letters)
    if len(letters) != len(mine.letters):
        merged.letters = letters
        taken.append("letters")
    if not mine.follows and theirs.follows:
        merged.follows = theirs.follows
        taken.append("follows")
    for name in ("evaluation", "follow_up_evaluation"):
        if not getattr(mine, name).total and getattr(theirs, name).total:
            setattr(merged, name, getattr(theirs, name))
            if "evaluation" not in taken:
                taken.append("evaluation")
    return merged, taken, votes_taken, offered, refused


def _scrub_forgotten(item: T, record: dict[str, Any]) -> T | None:
    """An imported contribution or agreement without details forgotten or purged here (every text in it,
    history included); ``None`` when it held none."""
    from wijksessie import erasure

    doc = item.to_dict()
    if not erasure.scrub_known_in(doc, record):
        return None
    clean: T = type(item).from_dict(doc)
    return clean


def merge_export(store: SessionStore, parsed: ParsedExport, *, accept_contact: bool = False) -> ImportResult:
    """Merge one checked export into ``store`` in one durable write; see the module docs for the rules."""
    session = parsed.session
    result = ImportResult(parsed.path, session.id, session.title, people_skipped=parsed.people,
                          ids_lowered=parsed.ids_lowered)
    if session.id not in store.session_ids():
        contact = session.contact
        if contact.is_set and not accept_contact:
            # A new session from a file: its contact point is offered like any other, not taken silently.
            result.contact_offered = contact
            session = Session.from_dict({**session.to_dict(), "contact": model.ContactPoint().to_dict()})
        store.create(session)
        result.created = True
    with store.open(session.id) as sf:
        record = sf.forgotten_record()
        merged_session = None
        if not result.created:
            merged, taken, votes, offered, refused = _merge_session(
                sf.session, session, accept_contact=accept_contact, record=record
            )
            if taken or votes:
                merged_session = merged
            result.session_fields, result.votes_taken = taken, votes
            result.contact_offered, result.contact_refused = offered, refused
        local = {c.id: c for c in sf.contributions()}
        added: list[Contribution] = []
        updated: list[Contribution] = []
        scrubbed: set[str] = set()
        for theirs in parsed.contributions:
            clean = _scrub_forgotten(theirs, record) if record else None
            if clean is not None:
                theirs = clean
                scrubbed.add(theirs.id)
            mine = local.get(theirs.id)
            if mine is None:
                added.append(theirs)
                local[theirs.id] = theirs
                continue
            merged_c = merge_contribution(mine, theirs)
            if merged_c.to_dict() != mine.to_dict():
                updated.append(merged_c)
                local[theirs.id] = merged_c
        known = {a.id: a for a in sf.agreements()}
        new_agreements = []
        changed_agreements = []
        for agreement in parsed.agreements:
            if agreement.id in known:
                # How far it has got may have been recorded on the other laptop: keep every state.
                merged_a = feedback.merge_agreement(known[agreement.id], agreement)
                if merged_a.to_dict() != known[agreement.id].to_dict():
                    changed_agreements.append(merged_a)
                    known[agreement.id] = merged_a
                continue
            if agreement.id not in known:
                clean_a = _scrub_forgotten(agreement, record) if record else None
                if clean_a is not None:
                    agreement = clean_a
                    result.forgotten_scrubbed += 1  # a new agreement: it is added, cleaned
                new_agreements.append(agreement)
                known[agreement.id] = agreement
        result.added, result.updated, result.agreements_added = len(added), len(updated), len(new_agreements)
        # Say it only where the cleaned version is what was written (a newer local text wins anyway).
        result.forgotten_scrubbed += sum(1 for c in (*added, *updated) if c.id in scrubbed)
        if merged_session is not None or added or updated or new_agreements or changed_agreements:
            # One durable write; the session is closed right after, so it is not read back.
            agreements = new_agreements + changed_agreements
            sf._rewrite(lambda tables: _apply(tables, merged_session, added, updated, agreements), scrub=False,
                        reload=False)
    return result


def _apply(tables: dict[str, Any], session: Session | None, added: list[Contribution], updated: list[Contribution],
           agreements: list[Agreement]) -> None:
    """The merge as one change to the raw tables (the store writes it once)."""
    if session is not None:
        tables.setdefault("session", {})["1"] = session.to_dict()
    contributions = tables.setdefault("contributions", {})
    by_id = {doc.get("id"): key for key, doc in contributions.items() if isinstance(doc, dict)}
    for c in updated:
        contributions[by_id[c.id]] = c.to_dict()
    next_id = max((int(k) for k in contributions if str(k).isdigit()), default=0) + 1
    for c in added:
        contributions[str(next_id)] = c.to_dict()
        next_id += 1
    table = tables.setdefault("agreements", {})
    by_agreement = {doc.get("id"): key for key, doc in table.items() if isinstance(doc, dict)}
    next_id = max((int(k) for k in table if str(k).isdigit()), default=0) + 1
    for a in agreements:
        if a.id in by_agreement:  # a known agreement whose state changed on the other laptop
            table[by_agreement[a.id]] = a.to_dict()
            continue
        table[str(next_id)] = a.to_dict()
        next_id += 1


def accept_contact(store: SessionStore, session_id: str, contact: ContactPoint) -> None:
    """Take a contact point an import offered (after the user said yes)."""
    with store.open(session_id) as sf:
        sf.update(lambda s: setattr(s, "contact", contact))


def import_files(store: SessionStore, files: Iterable[Path | str], *, accept_contact: bool = False) -> list[ImportResult]:
    """Read and check every file first, then merge them in order; returns what each changed.

    ``accept_contact``: take a contact point from a file that differs from
    the session's (otherwise it is offered in :attr:`ImportResult.contact_offered`).
    """
    parsed = [read_export(f) for f in files]
    store.ensure()
    return [merge_export(store, p, accept_contact=accept_contact) for p in parsed]
