"""What residents said and what became of it: contributions, decisions, agreements, and the rules across them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from wijksessie.enums import AgreementState, ContributionKind, DecisionStatus
from wijksessie.i18n import N_, _
from wijksessie.records.base import ModelError, Record, _enum, _require_id, check_text, new_id, now, parse_date


@dataclass
class Decision(Record):
    """What was done with one contribution, and why."""

    status: DecisionStatus = DecisionStatus.OPEN
    reason: str = ""
    organisation: str = ""
    owner: str = ""
    due: dt.date | None = None
    decided_at: dt.datetime | None = None
    quick_win: bool = False
    #: Who recorded this answer: a role or an officer's name, never a resident.
    recorded_by: str = ""

    NOT_A_MAPPING = N_("Een besluit moet een lijst van velden zijn.")

    @property
    def has_answer(self) -> bool:
        """True when residents can be told something: an outcome, or "we look into it, you hear by <date>"."""
        if self.status is DecisionStatus.OPEN:
            return False
        return self.status is not DecisionStatus.UNDER_REVIEW or self.due is not None

    @property
    def recorded(self) -> bool:
        """True for an answer someone recorded (not the empty "no decision yet" every point starts with)."""
        return self.decided_at is not None or self.status is not DecisionStatus.OPEN

    def same_answer(self, other: Decision | None) -> bool:
        """True when ``other`` tells residents the same (when and by whom it was recorded aside)."""
        return other is not None and (
            self.status, self.reason, self.organisation, self.owner, self.due, self.quick_win
        ) == (other.status, other.reason, other.organisation, other.owner, other.due, other.quick_win)

    def validate(self) -> None:
        """Raise :class:`ModelError` when a rule is broken (reason, organisation)."""
        if self.status is DecisionStatus.NOT_ADOPTED and not self.reason.strip():
            raise ModelError(
                _("Bij 'niet overgenomen' hoort een reden. Schrijf in gewone woorden waarom niet (--reason).")
            )
        if self.status is DecisionStatus.REFERRED and not self.organisation.strip():
            raise ModelError(
                _("Bij 'doorgegeven' hoort de organisatie die het oppakt. Vul die in (--org).")
            )


@dataclass
class Contribution(Record):
    """One thing residents said, written down as they said it. Carries no names."""

    id: str
    text: str
    kind: ContributionKind = ContributionKind.IDEA
    theme: str = ""
    step: str = ""
    created_at: dt.datetime = field(default_factory=now)
    edited_at: dt.datetime | None = None
    decision: Decision = field(default_factory=Decision)
    #: Kept out of the projector view (the room screen) without being deleted.
    hidden_in_room: bool = False
    #: Earlier answers, oldest first; ``decision`` is the current one. Never rewritten.
    history: list[Decision] = field(default_factory=list)
    #: The facilitator's clearance of a point flagged for personal data (keys reason/text/at; empty = not cleared).
    privacy_ok: dict[str, str] = field(default_factory=dict)

    def answers(self) -> list[Decision]:
        """Every answer recorded for this point, oldest first, the current one last (empty if none yet)."""
        return [*self.history, self.decision] if self.decision.recorded else list(self.history)

    NOT_A_MAPPING = N_("Een inbreng moet een lijst van velden zijn.")

    def check(self) -> None:
        _require_id(self.id)

    @classmethod
    def new(cls, text: str, *, kind: ContributionKind | str = ContributionKind.IDEA, theme: str = "", step: str = "") -> Contribution:
        """A new contribution with a fresh id; the text must not be empty."""
        text = text.strip("\n")
        if not text.strip():
            raise ModelError(_("De inbreng is leeg. Typ eerst wat er gezegd is."))
        check_text(text, _("inbreng"))
        check_text(theme, _("thema"))
        return cls(
            id=new_id(3),
            text=text,
            kind=_enum(ContributionKind, kind) if isinstance(kind, str) else kind,
            theme=theme.strip(),
            step=step,
        )


@dataclass
class StateChange(Record):
    """One state of an agreement as it was recorded (history line, or what a letter said)."""

    state: AgreementState = AgreementState.PLANNED
    reason: str = ""
    at: dt.datetime | None = None
    recorded_by: str = ""


@dataclass
class Agreement(Record):
    """Who does what by when; a quick win is something that can happen soon."""

    id: str
    what: str
    who: str = ""
    by_when: dt.date | None = None
    quick_win: bool = False
    created_at: dt.datetime = field(default_factory=now)
    #: How far it has got; officers update it afterwards (:func:`set_agreement_state`).
    state: AgreementState = AgreementState.PLANNED
    #: Why it stopped (required for "stopped"), or a short note.
    reason: str = ""
    updated_at: dt.datetime | None = None
    #: Who recorded the current state: a role or an officer's name.
    recorded_by: str = ""
    #: Earlier states, oldest first. Never rewritten.
    history: list[StateChange] = field(default_factory=list)

    NOT_A_MAPPING = N_("Een afspraak moet een lijst van velden zijn.")

    def check(self) -> None:
        _require_id(self.id)

    @property
    def open(self) -> bool:
        """True while it still has to happen (planned or busy)."""
        return self.state in (AgreementState.PLANNED, AgreementState.BUSY)

    def overdue(self, today: dt.date | None = None) -> bool:
        """True when its date has passed and it is neither done nor stopped."""
        today = today or dt.date.today()
        return self.open and self.by_when is not None and self.by_when < today

    def snapshot(self) -> StateChange:
        """The current state as one history line."""
        return StateChange(state=self.state, reason=self.reason, at=self.updated_at, recorded_by=self.recorded_by)

    @classmethod
    def new(cls, what: str, who: str = "", by_when: dt.date | str | None = None, quick_win: bool = False) -> Agreement:
        """A new agreement; ``what`` must not be empty."""
        if not what.strip():
            raise ModelError(_("De afspraak is leeg. Schrijf op wat er gebeurt."))
        return cls(id=new_id(3), what=what.strip(), who=who.strip(), by_when=parse_date(by_when, "by_when"), quick_win=quick_win)


# --------------------------------------------------------------------------- rules across parts


def decide(contribution: Contribution, status: DecisionStatus | str, *, reason: str = "", organisation: str = "",
           owner: str = "", due: dt.date | str | None = None, quick_win: bool = False,
           recorded_by: str = "") -> Contribution:
    """Return the contribution with a new decision, after checking the rules.

    Raises :class:`ModelError` for a missing reason (not adopted) or a missing
    organisation (referred). The contribution passed in is not changed. The
    answer it had is kept in ``history`` (never overwritten); recording the
    same answer again changes nothing.
    """
    status = _enum(DecisionStatus, status)
    check_text(recorded_by, _("naam van wie het vastlegt"))
    decision = Decision(
        status=status,
        reason=reason.strip(),
        organisation=organisation.strip(),
        owner=owner.strip(),
        due=parse_date(due, "due"),
        decided_at=now(),
        quick_win=quick_win,
        recorded_by=recorded_by.strip(),
    )
    decision.validate()
    old = contribution.decision
    if old.recorded and decision.same_answer(old):
        return contribution
    history = [*contribution.history, old] if old.recorded else list(contribution.history)
    return replace(contribution, decision=decision, history=history)


def set_agreement_state(agreement: Agreement, state: AgreementState | str, *, reason: str = "",
                        recorded_by: str = "") -> Agreement:
    """Return the agreement in a new state; the state it had is kept in ``history``.

    "Stopped" needs a reason residents can read. The agreement passed in is not changed.
    """
    state = _enum(AgreementState, state)
    reason = reason.strip()
    check_text(reason, _("reden"))
    if state is AgreementState.STOPPED and not reason:
        raise ModelError(
            _("Bij 'gestopt' hoort een reden. Schrijf in gewone woorden waarom de afspraak niet doorgaat (--reason).")
        )
    if state is agreement.state and reason == agreement.reason:
        return agreement
    return replace(agreement, state=state, reason=reason, updated_at=now(), recorded_by=recorded_by.strip(),
                   history=[*agreement.history, agreement.snapshot()])


def unanswered(contributions: Iterable[Contribution]) -> list[Contribution]:
    """The points residents have had no answer about at all (see :attr:`Decision.has_answer`)."""
    return [c for c in contributions if not c.decision.has_answer]


def overdue_reviews(contributions: Iterable[Contribution], today: dt.date | None = None) -> list[Contribution]:
    """Points still being looked into whose promised date has passed."""
    today = today or dt.date.today()
    return [
        c for c in contributions
        if c.decision.status is DecisionStatus.UNDER_REVIEW and c.decision.due is not None and c.decision.due < today
    ]


def overdue_agreements(agreements: Iterable[Agreement], today: dt.date | None = None) -> list[Agreement]:
    """Agreements past their date that are neither done nor stopped."""
    return [a for a in agreements if a.overdue(today)]


def open_count(contributions: Iterable[Contribution]) -> int:
    """How many contributions residents cannot yet be told an outcome for."""
    return sum(1 for c in contributions if not c.decision.status.answered)


