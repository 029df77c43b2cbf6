"""The feedback loop over time: what residents were told, what changed since, what is late.

Residents drop out when they never hear what became of what they said. This
module keeps the loop going until every point is done, on top of the model's
records (nothing here touches a screen):

* :func:`record_letter` notes every letter that went out, with the answer
  each point and agreement had then; :func:`changes_since_last_letter` is what
  an update letter tells (only what changed, then and now).
* :func:`check_first_letter` allows the first letter while points are still
  being looked into, and refuses only points with no answer at all.
* :func:`lateness` flags promised dates that passed without a new answer.
* :func:`link_follow_up` and :func:`look_back` join a meeting to the earlier
  one in the same neighbourhood and tell what became of last time's points;
  :func:`trajectories` shows a chain of meetings as one line per neighbourhood.
* :func:`record_evaluation` keeps the residents' hand-raised evaluation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from wijksessie import i18n, model
from wijksessie.errors import UserError
from wijksessie.i18n import _, ngettext
from wijksessie.model import (
    Agreement,
    AgreementState,
    Contribution,
    Decision,
    DecisionStatus,
    EvaluationCount,
    ModelError,
    SentLetter,
    Session,
    StateChange,
)

if TYPE_CHECKING:
    from wijksessie.store import SessionFile, SessionStore

#: An entry of the answer history or of a letter sent, as the JSON export writes it.
ExportEntry = dict[str, Any]

# ----------------------------------------------------------------------------- history


def history_entries(contribution: Contribution) -> list[ExportEntry]:
    """Every answer a point got, oldest first, the current one last: for the JSON export and the screens.

    Each entry has ``status``, ``reason``, ``organisation``, ``owner``,
    ``due`` (ISO date or ``None``), ``at`` (when it was recorded) and ``by``
    (who recorded it: a role or officer, never a resident).
    """
    return [
        {
            "status": d.status.value,
            "reason": d.reason,
            "organisation": d.organisation,
            "owner": d.owner,
            "due": d.due.isoformat() if d.due else None,
            "quick_win": d.quick_win,
            "at": d.decided_at.isoformat() if d.decided_at else None,
            "by": d.recorded_by,
        }
        for d in contribution.answers()
    ]


def contribution_from_export(data: dict[str, Any]) -> dict[str, Any]:
    """A contribution of a JSON export as the model stores it: its ``history`` back to the earlier answers only.

    The export lists every answer with the current one last (:func:`history_entries`);
    the model keeps the current one in ``decision``. An export without a history is left as it is.
    """
    entries = data.get("history")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return data
    earlier = []
    for entry in entries[:-1] if entries else []:
        decision = {k: v for k, v in entry.items() if k not in ("at", "by")}
        decision["decided_at"] = entry.get("at")
        decision["recorded_by"] = entry.get("by") or ""
        earlier.append(decision)
    return {**data, "history": earlier}


def merge_answers(mine: Contribution, theirs: Contribution) -> tuple[list[Decision], Decision]:
    """Both laptops' answers to one point, each once, in time order: (earlier answers, current answer)."""
    seen: dict[tuple[object, ...], Decision] = {}
    for d in [*mine.answers(), *theirs.answers()]:
        key = (d.decided_at, d.status, d.reason, d.organisation, d.owner, d.due, d.quick_win, d.recorded_by)
        seen.setdefault(key, d)
    answers = sorted(seen.values(), key=lambda d: d.decided_at.timestamp() if d.decided_at else float("-inf"))
    if not answers:
        return [], mine.decision
    return answers[:-1], answers[-1]


def merge_letters(mine: list[SentLetter], theirs: list[SentLetter]) -> list[SentLetter]:
    """Both laptops' letters sent, each once, in the order they went out."""
    seen: dict[tuple[object, ...], SentLetter] = {}
    for letter in [*mine, *theirs]:
        seen.setdefault((letter.sent, letter.kind, letter.language, letter.format), letter)
    return sorted(seen.values(), key=lambda letter: letter.sent)  # stable: same day keeps its order


def merge_agreement(mine: Agreement, theirs: Agreement) -> Agreement:
    """One agreement from two laptops: the newest state is current, every earlier state kept once."""
    def stamp(a: Agreement | StateChange) -> float:
        at = a.updated_at if isinstance(a, Agreement) else a.at
        return at.timestamp() if at else float("-inf")

    newest, other = (theirs, mine) if stamp(theirs) > stamp(mine) else (mine, theirs)
    seen: dict[tuple[object, ...], StateChange] = {}
    for change in [*mine.history, *theirs.history, other.snapshot()]:
        key = (change.state, change.reason, change.at, change.recorded_by)
        if key != (newest.state, newest.reason, newest.updated_at, newest.recorded_by):
            seen.setdefault(key, change)
    history = sorted(seen.values(), key=stamp)
    return replace(newest, history=history)


def letter_entries(session: Session) -> list[ExportEntry]:
    """Every letter that went out, oldest first, for the JSON export (``letters``)."""
    return [
        {
            "sent": letter.sent.isoformat(),
            "kind": letter.kind,
            "language": letter.language,
            "format": letter.format,
            "answers": {cid: {"status": d.status.value, "reason": d.reason, "due": d.due.isoformat() if d.due else None}
                        for cid, d in letter.answers.items()},
            "agreements": {aid: {"state": s.state.value, "reason": s.reason} for aid, s in letter.agreements.items()},
        }
        for letter in session.letters
    ]


# ----------------------------------------------------------------------------- letters sent


def check_first_letter(contributions: Iterable[Contribution], *, in_program: bool = False) -> None:
    """Refuse the letter to send only while a point has no answer at all.

    "We look into it; you hear by <date>" is an answer, so a first letter can
    go out soon after the meeting. Raises :class:`ModelError` naming how many;
    ``in_program`` says what to do in the full-screen program instead of on the command line.
    """
    missing = model.unanswered(contributions)
    if missing and in_program:
        raise ModelError(
            ngettext(
                "Er is nog {n} punt zonder antwoord. Leg bij Opvolging vast wat ermee gebeurt, of tot wanneer u het uitzoekt.",
                "Er zijn nog {n} punten zonder antwoord. Leg bij Opvolging vast wat ermee gebeurt, of tot wanneer u het uitzoekt.",
                len(missing),
            ).format(n=len(missing))
        )
    if missing:
        raise ModelError(
            ngettext(
                "Er is nog {n} punt zonder antwoord, dus de brief kan nog niet weg. Leg vast wat ermee gebeurt, "
                "of tot wanneer u het uitzoekt (wijksessie decide … --status under_review --due JJJJ-MM-DD).",
                "Er zijn nog {n} punten zonder antwoord, dus de brief kan nog niet weg. Leg vast wat ermee gebeurt, "
                "of tot wanneer u het uitzoekt (wijksessie decide … --status under_review --due JJJJ-MM-DD).",
                len(missing),
            ).format(n=len(missing))
        )


def new_letter(contributions: Iterable[Contribution], agreements: Iterable[Agreement], *, language: str,
               fmt: str, kind: Literal["final", "update"] = "final", today: dt.date | None = None) -> SentLetter:
    """A record of a letter going out today, with the answer every point and agreement has now."""
    return SentLetter(
        sent=today or dt.date.today(),
        language=language,
        format=fmt,
        kind=kind,
        answers={c.id: c.decision for c in contributions},
        agreements={a.id: a.snapshot() for a in agreements},
    )


def record_letter(sf: SessionFile, *, language: str, fmt: str, kind: Literal["final", "update"] = "final",
                  today: dt.date | None = None) -> SentLetter:
    """Note in the session that a letter went out (saved when this returns).

    The first final letter also sets ``session.letter_sent`` (the promise kept).
    """
    return record_letters(sf, languages=[language], fmt=fmt, kind=kind, today=today)[0]


def record_letters(sf: SessionFile, *, languages: Sequence[str], fmt: str, kind: Literal["final", "update"] = "final",
                   today: dt.date | None = None) -> list[SentLetter]:
    """Note one letter per language that went out (saved once, when this returns).

    Every language is recorded on its own, so an update letter in one
    language later tells its readers what changed since *their* last letter
    (:func:`letter_before_update`).
    """
    contributions, agreements = sf.contributions(), sf.agreements()
    sent = [new_letter(contributions, agreements, language=i18n.normalise(lang), fmt=fmt, kind=kind, today=today)
            for lang in dict.fromkeys(languages)]

    def change(session: Session) -> None:
        session.letters.extend(sent)
        if kind == "final" and session.letter_sent is None and sent:
            session.letter_sent = sent[0].sent

    sf.update(change)
    return sent


def last_letter(session: Session) -> SentLetter | None:
    """The letter that went out last, or ``None``."""
    return session.letters[-1] if session.letters else None  # kept in the order they went out


def letter_before_update(session: Session, language: str | None = None) -> SentLetter | None:
    """The letter an update letter in ``language`` tells the changes since; ``None`` when no letter went out yet.

    That is the last letter recorded in that language, so each language's
    readers hear of every change once, whichever language had an update
    first. A language that never had a letter of its own counts from the
    first letter: that one went to every resident (the program writes it in
    every letter language), so nothing told only in another language is
    lost. Without ``language``: the last letter of any language.
    """
    if not session.letters:
        return None
    if language is None:
        return last_letter(session)
    lang = i18n.normalise(language)
    own = [sent for sent in session.letters if i18n.normalise(sent.language) == lang]
    return own[-1] if own else session.letters[0]


@dataclass
class PointChange:
    """A point whose answer changed since the last letter: what we said then, and what we say now."""

    contribution: Contribution
    then: Decision | None  # None: the point was not in that letter
    now: Decision


@dataclass
class AgreementChange:
    """An agreement whose state changed since the last letter."""

    agreement: Agreement
    then: StateChange | None
    now: StateChange


@dataclass
class Changes:
    """What an update letter tells."""

    since: SentLetter
    points: list[PointChange] = field(default_factory=list)
    agreements: list[AgreementChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.points or self.agreements)


def changes_since_last_letter(session: Session, contributions: Iterable[Contribution],
                              agreements: Iterable[Agreement], language: str | None = None) -> Changes:
    """The points and agreements whose answer changed since the last letter sent (in ``language``).

    With ``language`` the comparison is with that language's last letter
    (:func:`letter_before_update`), so an update letter can be made in each
    of the session's languages. Raises :class:`UserError` when no letter
    went out yet (then the first letter, not an update, is what residents need).
    """
    since = letter_before_update(session, language)
    if since is None:
        raise UserError(
            _("Er is nog geen brief verstuurd, dus er is niets bij te werken. Maak eerst de brief met --final.")
        )
    changes = Changes(since)
    for c in contributions:
        then = since.answers.get(c.id)
        if then is None and not c.decision.recorded:
            continue  # a point added later that still has no answer: nothing to tell yet
        if not c.decision.same_answer(then):
            changes.points.append(PointChange(c, then, c.decision))
    for a in agreements:
        then_state = since.agreements.get(a.id)
        now_state = a.snapshot()
        if then_state is None or (then_state.state, then_state.reason) != (now_state.state, now_state.reason):
            changes.agreements.append(AgreementChange(a, then_state, now_state))
    return changes


# ----------------------------------------------------------------------------- late promises


@dataclass
class Lateness:
    """Promises to residents whose date passed without a new answer."""

    letter_overdue: bool = False
    reviews: list[Contribution] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)

    def __bool__(self) -> bool:
        return self.letter_overdue or bool(self.reviews) or bool(self.agreements)


def lateness(session: Session, contributions: Iterable[Contribution], agreements: Iterable[Agreement],
             today: dt.date | None = None) -> Lateness:
    """What is late in one session: the promised letter, points under review, agreements."""
    today = today or dt.date.today()
    return Lateness(
        letter_overdue=model.feedback_overdue(session, today),
        reviews=model.overdue_reviews(contributions, today),
        agreements=model.overdue_agreements(agreements, today),
    )


# ----------------------------------------------------------------------------- follow-up meetings


def link_follow_up(session: Session, earlier: Session) -> Session:
    """Mark ``session`` as the follow-up of ``earlier``; both must be about the same neighbourhood."""
    if earlier.id == session.id:
        raise ModelError(_("Een gesprek kan geen vervolg op zichzelf zijn. Kies het eerdere gesprek."))
    if " ".join(earlier.neighbourhood.split()).casefold() != " ".join(session.neighbourhood.split()).casefold():
        raise ModelError(
            _("Het eerdere gesprek was in een andere wijk. Wijk van het eerdere gesprek: {earlier}. "
              "Wijk van dit gesprek: {this}. Kies een gesprek in dezelfde wijk.").format(
                earlier=earlier.neighbourhood, this=session.neighbourhood
            )
        )
    session.follows = earlier.id
    return session


@dataclass
class LookBackPoint:
    """One point of last time, with its answer now."""

    id: str
    text: str
    theme: str
    status: DecisionStatus
    reason: str
    due: dt.date | None
    hidden_in_room: bool = False


@dataclass
class LookBack:
    """What became of every point of the earlier meeting: how the follow-up opens."""

    earlier: Session
    points: list[LookBackPoint]
    agreements: list[Agreement]

    def counts(self) -> dict[str, int]:
        """How many points per status (for a one-line summary)."""
        counts: dict[str, int] = {}
        for p in self.points:
            counts[p.status.value] = counts.get(p.status.value, 0) + 1
        return counts


def look_back(store: SessionStore, session: Session) -> LookBack | None:
    """The look-back for a follow-up meeting, read from the earlier session; ``None`` if it follows none.

    A missing or damaged earlier session gives :class:`UserError` with what to do.
    """
    if not session.follows:
        return None
    from wijksessie.store import StoreError

    try:
        with store.open(session.follows, readonly=True) as sf:
            earlier, contributions, agreements = sf.session, sf.contributions(), sf.agreements()
    except StoreError as exc:
        raise UserError(
            _("Het eerdere gesprek kan niet worden gelezen: {id}. Reden: {problem}").format(id=session.follows, problem=exc)
        ) from None
    from wijksessie import privacy

    # Shown in the room: personal data in what was said appears only anonymised, as in the letter.
    points = [
        LookBackPoint(c.id, privacy.letter_text(c), c.theme, c.decision.status, c.decision.reason, c.decision.due,
                      c.hidden_in_room)
        for c in contributions
    ]
    return LookBack(earlier, points, agreements)


def look_back_markdown(lb: LookBack) -> list[str]:
    """The look-back as Markdown lines (for the notes of the follow-up meeting)."""
    from wijksessie.safe_text import escape_markdown as md

    lines = ["## " + md(_("Terugblik: wat er gebeurde met wat u vorige keer zei")), ""]
    from wijksessie.i18n import format_date

    lines.append(md(_("Vorig gesprek: {title}, {date}.").format(title=lb.earlier.title, date=format_date(lb.earlier.date))))
    lines.append("")
    if not lb.points:
        lines.append(md(_("Vorige keer is niets opgeschreven.")))
    for p in lb.points:
        outcome = p.status.label
        if p.status is DecisionStatus.UNDER_REVIEW and p.due:
            outcome = _("wordt uitgezocht, u hoort het voor {date}").format(date=format_date(p.due))
        line = f"- {md(' '.join(p.text.split()))} — **{md(outcome)}**"
        if p.reason:
            line += f" {md(_('Waarom: {reason}').format(reason=p.reason))}"
        lines.append(line)
    if lb.agreements:
        lines += ["", "### " + md(_("Afspraken van vorige keer")), ""]
        for a in lb.agreements:
            extra = f" ({md(a.reason)})" if a.reason else ""
            lines.append(f"- {md(a.what)} — **{md(a.state.label)}**{extra}")
    return lines


@dataclass
class Trajectory:
    """A chain of meetings in one neighbourhood, each following up the one before."""

    neighbourhood: str
    meetings: list[str]  # session ids, oldest first
    points: int = 0
    answered: int = 0
    done: int = 0
    overdue: int = 0


def trajectories(sessions: Iterable[tuple[Session, list[Contribution], list[Agreement]]],
                 today: dt.date | None = None) -> list[Trajectory]:
    """Chains of follow-up meetings (two or more), one line each: meetings, points, answered, done, overdue.

    ``sessions`` is every session with its contributions and agreements; a
    chain is followed through ``follows``. Overdue counts points under review
    and agreements past their date, and a promised letter that is late.
    """
    today = today or dt.date.today()
    by_id = {s.id: (s, cs, ags) for s, cs, ags in sessions}
    followed = {s.follows for s, _c, _a in by_id.values() if s.follows in by_id}
    result = []
    for sid, (_session, _c, _a) in sorted(by_id.items(), key=lambda kv: (kv[1][0].date, kv[0])):
        if sid in followed:
            continue  # not the last of a chain
        chain, seen = [], set()
        current: str | None = sid
        while current in by_id and current not in seen:
            seen.add(current)
            chain.append(current)
            current = by_id[current][0].follows or None
        if len(chain) < 2:
            continue
        chain.reverse()
        t = Trajectory(by_id[chain[0]][0].neighbourhood, chain)
        for cid in chain:
            s, cs, ags = by_id[cid]
            t.points += len(cs)
            t.answered += sum(1 for c in cs if c.decision.status.answered)
            t.done += sum(1 for c in cs if c.decision.status is DecisionStatus.DONE)
            late = lateness(s, cs, ags, today)
            t.overdue += len(late.reviews) + len(late.agreements) + (1 if late.letter_overdue else 0)
        result.append(t)
    return sorted(result, key=lambda t: (t.neighbourhood.casefold(), t.meetings))


# ----------------------------------------------------------------------------- evaluation


def record_evaluation(sf: SessionFile, *, satisfied: int = 0, neutral: int = 0, not_satisfied: int = 0,
                      follow_up: bool = False) -> EvaluationCount:
    """Save the hand-raised counts (of the meeting, or with ``follow_up`` of the follow-up); returns them."""
    counts = EvaluationCount(satisfied=satisfied, neutral=neutral, not_satisfied=not_satisfied)
    counts.check()
    if max(satisfied, neutral, not_satisfied) > 100_000:
        raise ModelError(_("Dat zijn meer mensen dan er in een zaal passen. Tel opnieuw."))
    sf.update(lambda s: setattr(s, "follow_up_evaluation" if follow_up else "evaluation", counts))
    return counts


def set_agreement_state(sf: SessionFile, ref: str, state: AgreementState | str, *, reason: str = "",
                        recorded_by: str = "") -> Agreement:
    """Record how far an agreement has got (saved when this returns); see :func:`model.set_agreement_state`."""
    agreement = sf.agreement(ref)
    return sf.update_agreement(model.set_agreement_state(agreement, state, reason=reason, recorded_by=recorded_by))
