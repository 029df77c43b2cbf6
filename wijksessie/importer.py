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

Every file is read and checked before anything is written, so a bad file
stops the import before any change: files larger than
:data:`MAX_IMPORT_BYTES` or that are not regular files, numbers too large to
be real, times in the future or before 2000, and ids that are not plain
lower-case letters, digits and dashes (upper case is made lower case, and
said). Each session is then written in one durable write, so importing
10,000 contributions takes as long as writing the file once.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, TypeVar

from wijksessie.errors import UserError
from wijksessie.export import EXPORT_SCHEMA, EXPORT_VERSION
from wijksessie.i18n import _, ngettext
from wijksessie import feedback, model
from wijksessie.model import Agreement, Contribution, ContactPoint, ModelError, Session

if TYPE_CHECKING:
    from wijksessie.store import SessionStore

T = TypeVar("T", Contribution, Agreement)

#: Export versions this version of wijksessie can read.
SUPPORTED_VERSIONS = frozenset(range(1, EXPORT_VERSION + 1))

#: The largest export file read (an export of 10,000 contributions is about 5 MB).
MAX_IMPORT_BYTES = 64 * 1024 * 1024
#: Digits a number in an export may have (a count or a vote, never more).
MAX_DIGITS = 15
#: Times before this are not real (a hand-edited or crafted file).
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
#: Clocks of two laptops differ; a time this far ahead still counts as now.
CLOCK_SLACK = dt.timedelta(days=1)
#: Keys that hold a moment something happened (checked: never in the future).
_TIME_KEYS = frozenset({"created_at", "edited_at", "decided_at", "updated_at", "at", "given_at", "sent_at"})


@dataclass
class ParsedExport:
    """One export file, read and checked, not yet merged."""

    path: Path
    session: Session
    contributions: list[Contribution]
    agreements: list[Agreement]
    people: int = 0
    #: Ids written in upper case in the file, made lower case.
    ids_lowered: int = 0


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

        counts = i18n.format_list(
            [
                ngettext("{n} nieuw punt", "{n} nieuwe punten", self.added).format(n=self.added),
                ngettext("{n} punt bijgewerkt", "{n} punten bijgewerkt", self.updated).format(n=self.updated),
                ngettext("{n} nieuwe afspraak", "{n} nieuwe afspraken", self.agreements_added).format(
                    n=self.agreements_added
                ),
            ]
        )
        if self.created:
            text = _("{file}: nieuwe sessie: {id} „{title}”. Nieuw: {counts}.").format(
                file=self.path, id=self.session_id, title=self.title, counts=counts
            )
        elif not self.changed:
            text = _("{file}: deze sessie was al helemaal aanwezig: {id} „{title}”. Er is niets veranderd.").format(
                file=self.path, id=self.session_id, title=self.title
            )
        else:
            text = _("{file}: sessie aangevuld: {id} „{title}”. Nieuw: {counts}.").format(
                file=self.path, id=self.session_id, title=self.title, counts=counts
            )
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


def _fail(path: Path, problem: str) -> UserError:
    return UserError(
        _("Dit bestand kan niet worden ingelezen: {file}. Reden: {problem}. Gebruik een bestand van 'wijksessie export --format json'.").format(
            file=path, problem=problem
        )
    )


def read_export(path: Path | str) -> ParsedExport:
    """Read and check one export file; a :class:`UserError` names the file and the problem."""
    path = Path(path)
    raw = _read_bounded(path)
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float)
    except UnicodeDecodeError:
        raise _fail(path, _("het is geen UTF-8-tekst")) from None
    except json.JSONDecodeError as exc:
        raise _fail(path, _("het is geen geldige JSON (regel {line})").format(line=exc.lineno)) from None
    except _TooBig:
        raise _fail(path, _("er staat een getal in dat veel te groot is")) from None
    except (ValueError, RecursionError):
        raise _fail(path, _("het is te diep genest of bevat iets wat geen export kan zijn")) from None
    if not isinstance(data, dict) or data.get("schema") != EXPORT_SCHEMA:
        raise _fail(path, _("het is geen export van wijksessie"))
    version = data.get("schema_version")
    if version not in SUPPORTED_VERSIONS or isinstance(version, bool):
        raise UserError(
            _("Dit bestand is gemaakt met een andere versie van wijksessie (exportversie {version}): {file}. Werk wijksessie bij, of maak de export opnieuw.").format(
                file=path, version=version
            )
        )
    session_data = data.get("session")
    contributions = data.get("contributions", [])
    agreements = data.get("agreements", [])
    if not isinstance(session_data, dict):
        raise _fail(path, _("de sessiegegevens ontbreken"))
    if not isinstance(contributions, list) or not isinstance(agreements, list):
        raise _fail(path, _("de punten of afspraken zijn geen lijst"))
    _check_times(path, text)
    session_data = dict(session_data)
    contributions, lowered_c = _check_ids(path, contributions, _("punt"))
    agreements, lowered_a = _check_ids(path, agreements, _("afspraak"))
    sid = session_data.get("id")
    if isinstance(sid, str) and sid != sid.lower() and model.ID_PATTERN.match(sid.lower()):
        session_data["id"] = sid.lower()
        lowered_c += 1
    # The export keeps the contact point beside the session; the model keeps it inside.
    if "contact" not in session_data and isinstance(data.get("contact"), dict):
        session_data["contact"] = data["contact"]
    try:
        session = Session.from_dict(session_data)
        parsed_contributions = [Contribution.from_dict(feedback.contribution_from_export(c)) if isinstance(c, dict)
                                else Contribution.from_dict(c) for c in contributions]
        parsed_agreements = [Agreement.from_dict(a) for a in agreements]
    except ModelError as exc:
        raise _fail(path, str(exc).rstrip(".")) from None
    people = data.get("people")
    return ParsedExport(
        path=path,
        session=session,
        contributions=parsed_contributions,
        agreements=parsed_agreements,
        people=len(people) if isinstance(people, list) else 0,
        ids_lowered=lowered_c + lowered_a,
    )


class _TooBig(ValueError):
    pass


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _TooBig(text[:20])
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > 40:
        raise _TooBig(text[:20])
    return float(text)


def _read_bounded(path: Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_IMPORT_BYTES`; never blocks on a pipe or device."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UserError(_("Dit bestand bestaat niet: {file}. Kijk de naam na.").format(file=path)) from None
    except OSError as exc:
        raise UserError(
            _("Dit bestand kan niet worden gelezen: {file} ({error}).").format(file=path, error=exc.strerror)
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UserError(
                _("Dit is geen gewoon bestand: {file}. Kies een bestand van 'wijksessie export --format json'.").format(file=path)
            )
        limit_mb = MAX_IMPORT_BYTES // (1024 * 1024)
        too_big = UserError(
            _("Dit bestand is groter dan {mb} MB: {file}. Zo groot is een export van wijksessie nooit; kies het goede bestand.").format(
                file=path, mb=limit_mb
            )
        )
        if info.st_size > MAX_IMPORT_BYTES:
            raise too_big
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_IMPORT_BYTES:
                raise too_big
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise UserError(
            _("Dit bestand kan niet worden gelezen: {file} ({error}).").format(file=path, error=exc.strerror)
        ) from None
    finally:
        os.close(fd)


def _check_ids(path: Path, items: Any, what: str) -> tuple[Any, int]:
    """Ids as the store and `decide` can use them: upper case lowered (counted), anything else refused."""
    from wijksessie.safe_text import terminal_safe

    if not isinstance(items, list):
        return items, 0
    lowered = 0
    seen: set[str] = set()
    result = []
    for item in items:
        if not isinstance(item, dict):
            result.append(item)
            continue
        raw_id = item.get("id")
        if isinstance(raw_id, str) and not model.ID_PATTERN.match(raw_id) and model.ID_PATTERN.match(raw_id.lower()):
            item = {**item, "id": raw_id.lower()}
            lowered += 1
        new_id = item.get("id")
        if not isinstance(new_id, str) or not model.ID_PATTERN.match(new_id):
            shown = terminal_safe(json.dumps(new_id, ensure_ascii=False)[:40], oneline=True)
            raise _fail(path, _("dit nummer is ongeldig ({what}): {id}; alleen kleine letters, cijfers en streepjes mogen").format(
                what=what, id=shown))
        if new_id in seen:
            raise _fail(path, _("dit nummer staat er twee keer in: {id}").format(id=new_id))
        seen.add(new_id)
        result.append(item)
    return result, lowered


_TIME_RE = re.compile(r'"(' + "|".join(sorted(_TIME_KEYS)) + r')"\s*:\s*"([^"\\]{0,100})"')


def _check_times(path: Path, text: str, now: dt.datetime | None = None) -> None:
    """Refuse a moment in the future or before 2000 anywhere in the file (it would win every later edit).

    Scans the JSON text for the time keys (a quote inside residents' text is
    always escaped, so it cannot look like a key): fast for any size.
    """
    latest = (now or dt.datetime.now(dt.timezone.utc)) + CLOCK_SLACK
    for m in _TIME_RE.finditer(text):
        if m.group(2) and (m.start() == 0 or text[m.start() - 1] != "\\"):
            _check_time(path, m.group(1), m.group(2), latest)


def _check_time(path: Path, key: str, value: str, latest: dt.datetime) -> None:
    def shown() -> str:
        from wijksessie.safe_text import terminal_safe

        return terminal_safe(value[:40], oneline=True)

    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _fail(path, _("dit is geen geldige tijd ({key}): {value}").format(value=shown(), key=key)) from None
    if moment.tzinfo is None:
        try:
            moment = moment.astimezone()
        except (OverflowError, ValueError, OSError):
            moment = moment.replace(tzinfo=dt.timezone.utc)
    if moment > latest:
        raise _fail(path, _("deze tijd ligt in de toekomst ({key}): {value}; zo'n bestand zou nieuwere wijzigingen wegdrukken").format(
            value=shown(), key=key))
    if moment < EARLIEST:
        raise _fail(path, _("deze tijd ligt voor het jaar 2000 en kan niet kloppen ({key}): {value}").format(value=shown(), key=key))


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
    norm = lambda c: tuple(" ".join(str(v).split()).casefold() for v in c.to_dict().values())  # noqa: E731
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

    doc = item.to_dict()  # type: ignore[attr-defined]
    if not erasure.scrub_known_in(doc, record):
        return None
    clean: T = type(item).from_dict(doc)  # type: ignore[attr-defined]
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
