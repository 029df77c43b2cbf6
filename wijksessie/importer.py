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
* **Residents' names and addresses** (``people``, only in exports made with
  ``--with-personal-data``) are never imported: a resident may have asked
  to be forgotten on this laptop, and an import must not bring them back.

Every file is read and checked before anything is written, so a bad file
stops the import before any change; each change is written atomically by
the store.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from wijksessie.errors import UserError
from wijksessie.export import EXPORT_SCHEMA, EXPORT_VERSION
from wijksessie.i18n import _, ngettext
from wijksessie.model import Agreement, Contribution, ModelError, Session

#: Export versions this version of wijksessie can read.
SUPPORTED_VERSIONS = frozenset(range(1, EXPORT_VERSION + 1))


@dataclass
class ParsedExport:
    """One export file, read and checked, not yet merged."""

    path: Path
    session: Session
    contributions: list[Contribution]
    agreements: list[Agreement]
    people: int = 0


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
            text = _("{file}: nieuwe sessie {id} „{title}”: {counts}.").format(
                file=self.path, id=self.session_id, title=self.title, counts=counts
            )
        elif not self.changed:
            text = _("{file}: sessie {id} „{title}” was al helemaal aanwezig. Er is niets veranderd.").format(
                file=self.path, id=self.session_id, title=self.title
            )
        else:
            text = _("{file}: sessie {id} „{title}” aangevuld: {counts}.").format(
                file=self.path, id=self.session_id, title=self.title, counts=counts
            )
            if self.votes_taken:
                text += " " + _("De stemmen zijn overgenomen.")
        if self.people_skipped:
            text += " " + ngettext(
                "De gegevens van {n} bewoner zijn niet overgenomen; die blijven op de andere laptop.",
                "De gegevens van {n} bewoners zijn niet overgenomen; die blijven op de andere laptop.",
                self.people_skipped,
            ).format(n=self.people_skipped)
        return text


def _fail(path: Path, problem: str) -> UserError:
    return UserError(
        _("{file} kan niet worden ingelezen: {problem}. Gebruik een bestand van 'wijksessie export --format json'.").format(
            file=path, problem=problem
        )
    )


def read_export(path: Path | str) -> ParsedExport:
    """Read and check one export file; a :class:`UserError` names the file and the problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(_("Het bestand {file} bestaat niet. Kijk de naam na.").format(file=path)) from None
    except OSError as exc:
        raise UserError(
            _("Het bestand {file} kan niet worden gelezen ({error}).").format(file=path, error=exc.strerror)
        ) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _fail(path, _("het is geen UTF-8-tekst")) from None
    except json.JSONDecodeError as exc:
        raise _fail(path, _("het is geen geldige JSON (regel {line})").format(line=exc.lineno)) from None
    if not isinstance(data, dict) or data.get("schema") != EXPORT_SCHEMA:
        raise _fail(path, _("het is geen export van wijksessie"))
    version = data.get("schema_version")
    if version not in SUPPORTED_VERSIONS or isinstance(version, bool):
        raise UserError(
            _("{file} is gemaakt met een andere versie van wijksessie (exportversie {version}). Werk wijksessie bij, of maak de export opnieuw.").format(
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
    session_data = dict(session_data)
    # The export keeps the contact point beside the session; the model keeps it inside.
    if "contact" not in session_data and isinstance(data.get("contact"), dict):
        session_data["contact"] = data["contact"]
    try:
        session = Session.from_dict(session_data)
        parsed_contributions = [Contribution.from_dict(c) for c in contributions]
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
    )


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
    merged = Contribution.from_dict(mine.to_dict())
    if _newer(theirs.edited_at, mine.edited_at):
        merged.text, merged.kind, merged.theme, merged.step = theirs.text, theirs.kind, theirs.theme, theirs.step
        merged.edited_at = theirs.edited_at
    if _newer(theirs.decision.decided_at, mine.decision.decided_at):
        merged.decision = theirs.decision
    return merged


def _merge_session(mine: Session, theirs: Session) -> tuple[Session, list[str], bool]:
    """Fill what is empty here from the file; returns (session, fields taken, votes taken)."""
    merged = Session.from_dict(mine.to_dict())
    taken: list[str] = []
    votes_taken = False
    if not any(v > 0 for v in mine.priorities.votes.values()) and any(v > 0 for v in theirs.priorities.votes.values()):
        merged.priorities = theirs.priorities
        votes_taken = True
    if mine.tally.participants == 0 and not mine.tally.groups and (theirs.tally.participants or theirs.tally.groups):
        merged.tally = theirs.tally
        taken.append("tally")
    if not mine.contact.is_set and theirs.contact.is_set:
        merged.contact = theirs.contact
        taken.append("contact")
    if mine.letter_sent is None and theirs.letter_sent is not None:
        merged.letter_sent = theirs.letter_sent
        taken.append("letter_sent")
    for theme in theirs.themes:
        if merged.add_theme(theme) and "themes" not in taken:
            taken.append("themes")
    return merged, taken, votes_taken


def merge_export(store, parsed: ParsedExport) -> ImportResult:
    """Merge one checked export into ``store``; see the module docs for the rules."""
    session = parsed.session
    result = ImportResult(parsed.path, session.id, session.title, people_skipped=parsed.people)
    if session.id not in store.session_ids():
        store.create(session)
        result.created = True
    with store.open(session.id) as sf:
        if not result.created:
            merged, taken, votes = _merge_session(sf.session, session)
            if taken or votes:
                sf.save_session(merged)
            result.session_fields, result.votes_taken = taken, votes
        local = {c.id: c for c in sf.contributions()}
        for theirs in parsed.contributions:
            mine = local.get(theirs.id)
            if mine is None:
                sf.add_contribution(theirs)
                local[theirs.id] = theirs
                result.added += 1
                continue
            merged = merge_contribution(mine, theirs)
            if merged.to_dict() != mine.to_dict():
                sf.update_contribution(merged)
                local[theirs.id] = merged
                result.updated += 1
        known = {a.id for a in sf.agreements()}
        for agreement in parsed.agreements:
            if agreement.id not in known:
                sf.add_agreement(agreement)
                known.add(agreement.id)
                result.agreements_added += 1
    return result


def import_files(store, files: Iterable[Path | str]) -> list[ImportResult]:
    """Read and check every file first, then merge them in order; returns what each changed."""
    parsed = [read_export(f) for f in files]
    store.ensure()
    return [merge_export(store, p) for p in parsed]
