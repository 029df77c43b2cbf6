"""The meeting itself: the session record and its parts (preparation, contact point, counts, votes, letters sent)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from wijksessie.enums import DEFAULT_LEVEL, Evaluation, ParticipationLevel
from wijksessie.i18n import N_, _
from wijksessie.records.base import ModelError, Record, _enum, _require_id, check_text, new_id, now, parse_date
from wijksessie.records.points import Decision, StateChange

#: Version of the session data layout; see ``store.MIGRATIONS``.
#: 2: answer history, agreement states, letters sent with what each point had then,
#: follow-up meetings, evaluation tallies.
SCHEMA_VERSION = 2

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


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
        return int(getattr(self, _enum(Evaluation, choice).value))


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
    ) -> Session:
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
            level=_enum(ParticipationLevel, level) if isinstance(level, str) else level,
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


def feedback_overdue(session: Session, today: dt.date | None = None) -> bool:
    """True when the promised date has passed and no final letter was sent ("feedback debt")."""
    today = today or dt.date.today()
    return session.letter_sent is None and session.feedback_due is not None and session.feedback_due < today

