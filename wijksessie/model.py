"""The domain model: sessions, contributions, priorities, agreements, decisions.

Pure dataclasses and rules. Nothing here touches files, the terminal or a
language: user-facing labels are marked with ``N_()`` and translated where
they are shown. Each record is declared once, as a dataclass with typed
fields; :class:`Record` reads and writes it as plain data through msgspec
(:mod:`wijksessie.schema`), which checks every type, so a session file
edited by hand with wrong types gives one clear :class:`ModelError` instead
of a crash somewhere later. Rules that are not types (an id's pattern, a
reason with "not adopted") live in each record's :meth:`Record.check`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import secrets
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Iterable, Literal, Self, TypeVar

from wijksessie import schema
from wijksessie.enums import (  # noqa: F401  (re-exported: the model's public names)
    DEFAULT_LEVEL,
    AgreementState,
    ConsentHow,
    ContributionKind,
    DecisionStatus,
    Evaluation,
    Labelled,
    ParticipationLevel,
    PersonPurpose,
)
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _

#: Version of the session data layout; see ``store.MIGRATIONS``.
#: 2: answer history, agreement states, letters sent with what each point had then,
#: follow-up meetings, evaluation tallies.
SCHEMA_VERSION = 2

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class ModelError(UserError, ValueError):
    """A value breaks a rule of the model. The message is for the user."""


def now() -> dt.datetime:
    """The current time, local, to the second (stored as ISO text)."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def new_id(nbytes: int = 4) -> str:
    """A short random id in lower-case hex (8 characters for sessions)."""
    return secrets.token_hex(nbytes)


#: Dates typed by people must fall in these years (a typo like 9999 would overflow date sums).
MIN_YEAR, MAX_YEAR = 1900, 2200


def _date_error(what: str, value: Any) -> ModelError:
    return ModelError(
        _("Dit is geen geldige datum ({what}): {value}. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-01.").format(
            what=what, value=value
        )
    )


def parse_date(value: Any, what: str = "datum") -> dt.date | None:
    """Read a ``YYYY-MM-DD`` date; ``None``/empty stays ``None``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        else:
            if MIN_YEAR <= day.year <= MAX_YEAR:
                return day
    raise _date_error(what, value)


def parse_datetime(value: Any, what: str = "tijd") -> dt.datetime | None:
    """Read an ISO date-time; ``None``/empty stays ``None``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise ModelError(_("Dit is geen geldige tijd ({what}): {value}.").format(what=what, value=value))


_E = TypeVar("_E", bound=enum.Enum)


def _enum(cls: type[_E], value: Any, what: str) -> _E:
    """``value`` as a member of ``cls``, or a :class:`ModelError` listing the choices."""
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(m.value for m in cls)
        raise ModelError(
            _("Dit is geen geldige keuze ({what}): {value}. Kies uit: {choices}.").format(value=value, what=what, choices=choices)
        ) from None


# --------------------------------------------------------------------------- reading and writing records

#: Fields holding a fixed choice: what to call them in a message, and the choices.
_CHOICE_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "level": (N_("niveau van invloed"), ParticipationLevel.choices()),
    "kind": (N_("soort"), ContributionKind.choices()),
    "status": (N_("status"), DecisionStatus.choices()),
    "purpose": (N_("doel"), PersonPurpose.choices()),
    "how": (N_("manier van toestemming"), ConsentHow.choices()),
    "method": (N_("stemmethode"), ("dots", "scores")),
}

#: msgspec's names for types, in words (for "must be ..." messages).
_TYPE_WORDS = {
    "int": N_("een heel getal"),
    "float": N_("een getal"),
    "str": N_("tekst"),
    "bool": N_("true of false"),
    "array": N_("een lijst"),
    "object": N_("een lijst van velden"),
}
_PLURAL_WORDS = {
    "int": N_("hele getallen"),
    "float": N_("getallen"),
    "str": N_("tekst"),
    "array": N_("lijsten"),
}


#: Fields whose absence needs more than "is missing".
_MISSING = {
    "consent": N_("Bij elke persoon hoort een vastgelegde toestemming, maar die ontbreekt."),
    "given_at": N_("Bij de toestemming ontbreekt wanneer die gegeven is."),
}


def _require_id(value: str) -> None:
    if not value:
        raise ModelError(_("Dit veld ontbreekt of is leeg: {key}.").format(key="id"))


def _problem_message(problem: schema.Problem, data: Any) -> str:
    """One plain sentence for what msgspec refused in a stored record."""
    key = problem.name or "?"
    value = schema.value_at(data, problem.loc)
    if key in _MISSING and (problem.kind == "missing" or value is None):
        return _(_MISSING[key])
    if problem.kind == "missing":
        return _("Dit veld ontbreekt of is leeg: {key}.").format(key=problem.field)
    if problem.kind == "enum" and key in _CHOICE_FIELDS:
        what, choices = _CHOICE_FIELDS[key]
        return _("Dit is geen geldige keuze ({what}): {value}. Kies uit: {choices}.").format(
            value=value, what=_(what), choices=", ".join(choices)
        )
    if problem.kind == "date" or (problem.kind == "type" and problem.expected.startswith("date |")):
        return str(_date_error(key, value))
    if problem.kind == "datetime" or (problem.kind == "type" and problem.expected.startswith("datetime")):
        return _("Dit is geen geldige tijd ({what}): {value}.").format(what=key, value=value)
    if problem.kind == "range":
        return _("Dit veld klopt niet: {key}. Het moet {bound} zijn; nu is het: {value!r}.").format(
            key=key, bound=problem.bound, value=value
        )
    expected = problem.expected.split(" ")[0]
    if problem.kind == "type" and "..." in problem.loc and expected in _PLURAL_WORDS:
        return _("In dit veld moeten alle waarden {type} zijn: {key}.").format(key=key, type=_(_PLURAL_WORDS[expected]))
    words = _TYPE_WORDS.get(expected)
    if problem.kind == "type" and words:
        if value is None:
            return _("Dit veld moet {type} zijn: {key}.").format(key=key, type=_(words))
        return _("Dit veld moet {type} zijn: {key}. Nu is het: {value!r}.").format(key=key, type=_(words), value=value)
    return _("Dit veld klopt niet: {key} ({problem}).").format(key=key, problem=problem.text)


class Record:
    """A dataclass read from and written to plain data (a session file, an export).

    Subclasses are plain ``@dataclass`` classes with typed fields; that
    declaration is the whole file format. ``check`` holds the rules that are
    not types.
    """

    __dataclass_fields__: ClassVar[dict[str, Any]]
    #: Said when the data is not a mapping at all.
    NOT_A_MAPPING: ClassVar[str] = N_("Een onderdeel van de sessie moet een lijst van velden zijn.")

    def __post_init__(self) -> None:
        # msgspec leaves unset fields to the class default; put them on the
        # instance, so writing it back includes every field.
        values, names = self.__dict__, self.__dataclass_fields__
        if len(values) < len(names):  # only then: a file written by this program has every field
            for name in names:
                if name not in values:
                    values[name] = getattr(self, name)

    def check(self) -> None:
        """Raise :class:`ModelError` when a rule beyond the types is broken."""

    def to_dict(self) -> dict[str, Any]:
        """The record as plain data: texts, numbers, lists; dates as ISO text."""
        data: dict[str, Any] = schema.to_builtins(self)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Self:
        """Read a record from plain data, checking every type and rule; :class:`ModelError` if wrong."""
        if data is None:
            data = {}
        if not isinstance(data, dict):
            raise ModelError(_(cls.NOT_A_MAPPING) + " " + _("Nu is het {value!r}.").format(value=data))
        try:
            record = schema.convert(data, cls)
        except schema.Invalid as exc:
            raise ModelError(_problem_message(exc.problem, data)) from None
        record.check()
        return record


# --------------------------------------------------------------------------- parts


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

    def same_answer(self, other: "Decision | None") -> bool:
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
    def new(cls, text: str, *, kind: ContributionKind | str = ContributionKind.IDEA, theme: str = "", step: str = "") -> "Contribution":
        """A new contribution with a fresh id; the text must not be empty."""
        text = text.strip("\n")
        if not text.strip():
            raise ModelError(_("De inbreng is leeg. Typ eerst wat er gezegd is."))
        check_text(text, _("inbreng"))
        check_text(theme, _("thema"))
        return cls(
            id=new_id(3),
            text=text,
            kind=_enum(ContributionKind, kind, _("soort")) if isinstance(kind, str) else kind,
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
    history: list["StateChange"] = field(default_factory=list)

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

    def snapshot(self) -> "StateChange":
        """The current state as one history line."""
        return StateChange(state=self.state, reason=self.reason, at=self.updated_at, recorded_by=self.recorded_by)

    @classmethod
    def new(cls, what: str, who: str = "", by_when: dt.date | str | None = None, quick_win: bool = False) -> "Agreement":
        """A new agreement; ``what`` must not be empty."""
        if not what.strip():
            raise ModelError(_("De afspraak is leeg. Schrijf op wat er gebeurt."))
        return cls(id=new_id(3), what=what.strip(), who=who.strip(), by_when=parse_date(by_when), quick_win=quick_win)


@dataclass
class ContactPoint(Record):
    """The one person residents can ask; printed on every letter."""

    name: str = ""
    role: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""

    NOT_A_MAPPING = N_("Het aanspreekpunt moet een lijst van velden zijn.")

    @property
    def is_set(self) -> bool:
        return bool(self.name.strip())


@dataclass
class Preparation(Record):
    """The goal and the five questions of the Leidraad Burgerbetrokkenheid (all optional)."""

    goal: str = ""
    aim: str = ""  # 1 Wat wilt u bereiken?
    starting_point: str = ""  # 2 Waar begint het?
    input_needed: str = ""  # 3 Wat wilt u weten, en van wie?
    roles: str = ""  # 4 Wie doet wat?
    form: str = ""  # 5 Welke vorm past?

    NOT_A_MAPPING = N_("De voorbereiding moet een lijst van velden zijn.")

    QUESTIONS = (
        ("aim", N_("Wat wilt u met dit gesprek bereiken?")),
        ("starting_point", N_("Waar begint het: bij de gemeente of bij de buurt?")),
        ("input_needed", N_("Wat wilt u weten, en van wie?")),
        ("roles", N_("Wie doet wat: de gemeente, de bewoners, anderen?")),
        ("form", N_("Welke vorm past: één avond, een reeks, in de wijk of in de stad?")),
    )


@dataclass
class Tally(Record):
    """Anonymous counts of who came: a total and optional groups (never per person)."""

    participants: int = 0
    groups: dict[str, int] = field(default_factory=dict)

    NOT_A_MAPPING = N_("De telling moet een lijst van velden zijn.")


@dataclass(frozen=True)
class RepresentationGap:
    """A group that came clearly less than the target profile asked for."""

    group: str
    target_share: float
    actual_share: float
    count: int


#: A group is "clearly under-represented" below this fraction of its target share.
UNDER_REPRESENTED_RATIO = 0.5


def representation_gaps(tally: Tally, target: dict[str, float], ratio: float = UNDER_REPRESENTED_RATIO) -> list[RepresentationGap]:
    """Groups whose share among participants is below ``ratio`` × their target share.

    With no participants counted yet there is nothing to compare, so no gaps.
    """
    if tally.participants <= 0:
        return []
    gaps = []
    for group, share in target.items():
        count = tally.groups.get(group, 0)
        actual = count / tally.participants
        if share > 0 and actual < share * ratio:
            gaps.append(RepresentationGap(group, share, actual, count))
    return gaps


@dataclass(frozen=True)
class RankedTheme:
    """One line of the ranking. Themes with equal votes share a rank."""

    rank: int
    theme: str
    votes: int
    tied: bool


@dataclass
class Priorities(Record):
    """Residents' votes per theme: dots (default) or summed scores."""

    method: Literal["dots", "scores"] = "dots"
    votes: dict[str, int] = field(default_factory=dict)

    NOT_A_MAPPING = N_("De stemmen moeten een lijst van velden zijn.")

    def add(self, theme: str, n: int = 1) -> int:
        """Add ``n`` votes (negative takes away, never below zero); returns the new count."""
        theme = theme.strip()
        if not theme:
            raise ModelError(_("Geef het thema op waarop gestemd wordt."))
        value = max(0, self.votes.get(theme, 0) + n)
        self.votes[theme] = value
        return value

    def ranking(self) -> list[RankedTheme]:
        """Themes by votes, most first; equal votes share a rank (1, 1, 3) and are marked tied.

        Equal themes are listed in alphabetical order so the list is stable,
        but neither is placed above the other: they have the same rank.
        """
        items = sorted(self.votes.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
        counts: dict[int, int] = {}
        for _theme, votes in items:
            counts[votes] = counts.get(votes, 0) + 1
        ranked = []
        rank = 0
        previous = None
        for position, (theme, votes) in enumerate(items, start=1):
            if votes != previous:
                rank = position
                previous = votes
            ranked.append(RankedTheme(rank, theme, votes, counts[votes] > 1))
        return ranked

    def top(self, n: int) -> list[str]:
        """Themes ranked ``n`` or better; a tie at the edge takes all tied themes along."""
        return [r.theme for r in self.ranking() if r.rank <= n and r.votes > 0]

#: Days after the meeting by which residents hear back, when no date is given.
DEFAULT_FEEDBACK_DAYS = 42


@dataclass
class SentLetter(Record):
    """A letter to residents that went out, with the answer every point had then.

    ``answers`` maps contribution ids to the decision the letter told;
    ``agreements`` maps agreement ids to the state it reported. An update
    letter compares today's answers with those of the last letter sent.
    """

    sent: dt.date
    language: str = "nl"
    format: str = ""
    #: "final" for the (first) letter to everyone, "update" for a letter with only what changed.
    kind: Literal["final", "update"] = "final"
    answers: dict[str, Decision] = field(default_factory=dict)
    agreements: dict[str, StateChange] = field(default_factory=dict)


@dataclass
class EvaluationCount(Record):
    """How many raised their hand for satisfied, neutral and not satisfied (anonymous, never per person)."""

    satisfied: int = 0
    neutral: int = 0
    not_satisfied: int = 0

    def check(self) -> None:
        if min(self.satisfied, self.neutral, self.not_satisfied) < 0:
            raise ModelError(_("Een telling kan niet onder nul zijn. Tel opnieuw."))

    @property
    def total(self) -> int:
        return self.satisfied + self.neutral + self.not_satisfied

    def count(self, choice: Evaluation | str) -> int:
        """The count for one choice."""
        return int(getattr(self, _enum(Evaluation, choice, _("beoordeling")).value))


@dataclass
class Session(Record):
    """One meeting with residents, and everything about it except the contributions."""

    id: str
    title: str = ""
    neighbourhood: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    place: str = ""
    agenda: str = "standaard-90"
    languages: list[str] = field(default_factory=lambda: ["nl"])
    level: ParticipationLevel = DEFAULT_LEVEL
    preparation: Preparation = field(default_factory=Preparation)
    contact: ContactPoint = field(default_factory=ContactPoint)
    feedback_due: dt.date | None = None
    tally: Tally = field(default_factory=Tally)
    target_profile: dict[str, float] = field(default_factory=dict)
    themes: list[str] = field(default_factory=list)
    priorities: Priorities = field(default_factory=Priorities)
    current_step: str = ""
    steps_done: list[str] = field(default_factory=list)
    letter_sent: dt.date | None = None
    created_at: dt.datetime = field(default_factory=now)
    #: Prompts the facilitator rewrote for this session only, per step id
    #: (the agenda file stays as it is). Empty: the agenda's own prompts.
    prompts: dict[str, list[str]] = field(default_factory=dict)
    #: Seconds spent so far per step id (the step timer and meeting clock continue after a restart).
    step_seconds: dict[str, int] = field(default_factory=dict)
    #: The id of the earlier meeting in the same neighbourhood this one follows up ("" if none).
    follows: str = ""
    #: Every letter to residents that went out, oldest first (``letter_sent`` is the first final one).
    letters: list[SentLetter] = field(default_factory=list)
    #: Residents' evaluation of the meeting, counted by hand-raising at the close.
    evaluation: EvaluationCount = field(default_factory=EvaluationCount)
    #: Residents' evaluation of the follow-up (what became of their points), counted later.
    follow_up_evaluation: EvaluationCount = field(default_factory=EvaluationCount)

    NOT_A_MAPPING = N_("De sessie moet een lijst van velden zijn.")

    def check(self) -> None:
        _require_id(self.id)
        if not ID_PATTERN.match(self.id):
            raise ModelError(_("Dit sessienummer is ongeldig: {id}.").format(id=self.id))
        if not self.languages:
            self.languages = ["nl"]

    def prompts_for(self, step_id: str, default: Iterable[str] = ()) -> list[str]:
        """The prompts to read aloud at ``step_id``: this session's own, else ``default`` (the agenda's)."""
        own = self.prompts.get(step_id)
        return list(own) if own else list(default)

    @classmethod
    def new(
        cls,
        title: str,
        neighbourhood: str,
        *,
        date: dt.date | str | None = None,
        place: str = "",
        agenda: str = "standaard-90",
        level: ParticipationLevel | str = DEFAULT_LEVEL,
        languages: Iterable[str] = ("nl",),
        feedback_due: dt.date | str | None = None,
    ) -> "Session":
        """A new session with sensible defaults; only title and neighbourhood are needed."""
        if not title.strip():
            raise ModelError(_("De sessie heeft een titel nodig. Geef een korte titel op (--title)."))
        if not neighbourhood.strip():
            raise ModelError(_("De sessie heeft een wijk nodig. Geef de naam van de wijk op (--neighbourhood)."))
        for value, label in ((title, _("titel")), (neighbourhood, _("wijk")), (place, _("plek"))):
            check_text(value, label)
        day = parse_date(date, "date") or dt.date.today()
        due = parse_date(feedback_due, "feedback_due") or day + dt.timedelta(days=DEFAULT_FEEDBACK_DAYS)
        langs = [lang.strip() for lang in languages if lang.strip()] or ["nl"]
        return cls(
            id=new_id(4),
            title=title.strip(),
            neighbourhood=neighbourhood.strip(),
            date=day,
            place=place.strip(),
            agenda=agenda,
            languages=langs,
            level=_enum(ParticipationLevel, level, _("niveau van invloed")) if isinstance(level, str) else level,
            feedback_due=due,
        )

    def add_theme(self, theme: str) -> bool:
        """Add a theme named by residents; False if it was already there (case-insensitive)."""
        theme = theme.strip()
        if not theme:
            raise ModelError(_("Het thema is leeg. Typ de naam van het thema."))
        if any(t.casefold() == theme.casefold() for t in self.themes):
            return False
        self.themes.append(theme)
        return True

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
    status = _enum(DecisionStatus, status, _("status"))
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
    state = _enum(AgreementState, state, _("stand van de afspraak"))
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


def feedback_overdue(session: Session, today: dt.date | None = None) -> bool:
    """True when the promised date has passed and no final letter was sent ("feedback debt")."""
    today = today or dt.date.today()
    return session.letter_sent is None and session.feedback_due is not None and session.feedback_due < today


# --------------------------------------------------------------------------- people (personal data)


#: Letters and digits that cannot be mixed up when read aloud or written down (no 0/O, 1/I/L).
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_receipt_code() -> str:
    """A random code like ``K7QM-4TXP`` a resident can quote to see or remove their data.

    It says nothing about the person, so it can be given on paper without risk.
    """
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_receipt(code: str) -> str:
    """A receipt code as typed (any case, with or without dash or spaces) in its stored form."""
    chars = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return f"{chars[:4]}-{chars[4:]}" if len(chars) == 8 else chars


def check_text(value: str, what: str) -> str:
    """Refuse text that cannot be saved (broken characters from a bad paste or terminal)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ModelError(
            _("In deze tekst staan tekens die niet goed zijn doorgekomen: {what}. Typ de tekst opnieuw.").format(what=what)
        ) from None
    return value


@dataclass
class Consent(Record):
    """What a resident agreed to, when, and how: the proof the AVG asks for."""

    purpose: PersonPurpose
    how: ConsentHow
    #: Required in a file: consent without a date proves nothing.
    given_at: dt.datetime


@dataclass
class LetterSent(Record):
    """A personal letter written for a resident: when, in which format and language, final or not."""

    date: dt.date
    format: str
    language: str = "nl"
    final: bool = False


@dataclass
class Person(Record):
    """A resident who asked for a personal letter or wants to help, with their consent.

    Kept apart from contributions (table ``people``) so contributions stay
    without names, and so one person can be forgotten without touching what
    was said.
    """

    id: str
    receipt: str
    name: str
    consent: Consent
    email: str = ""
    address: str = ""
    language: str = "nl"
    created_at: dt.datetime = field(default_factory=now)
    #: The personal letters written for this resident (``wijksessie letter --personal``), oldest first.
    letters: list[LetterSent] = field(default_factory=list)

    NOT_A_MAPPING = N_("Een persoon moet een lijst van velden zijn.")

    def check(self) -> None:
        for key in ("id", "receipt", "name"):
            if not getattr(self, key):
                raise ModelError(_("Dit veld ontbreekt of is leeg: {key}.").format(key=key))
        self.language = self.language or "nl"

    @property
    def purpose(self) -> PersonPurpose:
        """What the details may be used for (the purpose consent was given for)."""
        return self.consent.purpose

    @classmethod
    def new(cls, name: str, *, purpose: PersonPurpose | str, consent_how: ConsentHow | str | None,
            email: str = "", address: str = "", language: str = "nl") -> "Person":
        """A new person with a fresh receipt code; refuses without consent or a way to reach them."""
        if not consent_how:
            raise ModelError(
                _("Zonder toestemming slaan we geen persoonsgegevens op. Vraag eerst toestemming en leg vast hoe (--consent-how).")
            )
        how = _enum(ConsentHow, consent_how, _("manier van toestemming")) if isinstance(consent_how, str) else consent_how
        what = _enum(PersonPurpose, purpose, _("doel")) if isinstance(purpose, str) else purpose
        name, email, address = name.strip(), email.strip(), address.strip()
        language = (language or "nl").strip() or "nl"
        for value, label in ((name, _("naam")), (email, _("e-mail")), (address, _("adres")), (language, _("taal"))):
            check_text(value, label)
        if not name:
            raise ModelError(_("De naam ontbreekt. Geef de naam op (--name)."))
        if not email and not address:
            raise ModelError(_("Zonder e-mail of adres kunnen we niemand bereiken. Geef --email of --address op."))
        if email and (" " in email or email.count("@") != 1 or "." not in email.split("@")[1]):
            raise ModelError(_("Dit is geen geldig e-mailadres: {email}. Kijk het adres na.").format(email=email))
        return cls(id=new_id(4), receipt=new_receipt_code(), name=name, email=email, address=address,
                   language=language, consent=Consent(purpose=what, how=how, given_at=now()))
