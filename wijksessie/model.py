"""The domain model: sessions, contributions, priorities, agreements, decisions.

Pure dataclasses and rules. Nothing here touches files, the terminal or a
language: user-facing labels are marked with ``N_()`` and translated where
they are shown. Every ``from_dict`` validates what it reads, so a session
file edited by hand with wrong types gives a clear :class:`ModelError`
instead of a crash somewhere later.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import secrets
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Iterable

from wijksessie.errors import UserError
from wijksessie.i18n import N_, _

#: Version of the session data layout; see ``store.MIGRATIONS``.
SCHEMA_VERSION = 1

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


class ModelError(UserError, ValueError):
    """A value breaks a rule of the model. The message is for the user."""


def now() -> dt.datetime:
    """The current time, local, to the second (stored as ISO text)."""
    return dt.datetime.now().astimezone().replace(microsecond=0)


def new_id(nbytes: int = 4) -> str:
    """A short random id in lower-case hex (8 characters for sessions)."""
    return secrets.token_hex(nbytes)


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
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ModelError(
        _("{what} '{value}' is geen geldige datum. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-01.").format(
            what=what, value=value
        )
    )


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
    raise ModelError(_("{what} '{value}' is geen geldige tijd.").format(what=what, value=value))


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _str(data: dict, key: str, default: str = "", *, required: bool = False) -> str:
    value = data.get(key, default)
    if value is None:
        value = default
    if required and not value:
        raise ModelError(_("Het veld '{key}' ontbreekt of is leeg.").format(key=key))
    if not isinstance(value, str):
        raise ModelError(_("Het veld '{key}' moet tekst zijn, maar is {value!r}.").format(key=key, value=value))
    return value


def _int(data: dict, key: str, default: int = 0) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelError(_("Het veld '{key}' moet een heel getal zijn, maar is {value!r}.").format(key=key, value=value))
    return value


def _enum(cls: type[enum.Enum], value: Any, what: str):
    try:
        return cls(value)
    except ValueError:
        choices = ", ".join(m.value for m in cls)
        raise ModelError(
            _("'{value}' is geen geldige {what}. Kies uit: {choices}.").format(value=value, what=what, choices=choices)
        ) from None


# --------------------------------------------------------------------------- enums


class ParticipationLevel(str, enum.Enum):
    """How much influence residents have: the seven forms of DOMAIN.md §2.2."""

    NONE = "none"
    INFORM = "inform"
    CONSULT_LATE = "consult_late"
    ADVISE_EARLY = "advise_early"
    CO_DECIDE = "co_decide"
    PARTNER = "partner"
    SELF_GOVERN = "self_govern"

    @property
    def label(self) -> str:
        """Short name, translated."""
        return _(_LEVEL_LABELS[self])

    @property
    def explanation(self) -> str:
        """One plain sentence for residents: what they can and cannot decide."""
        return _(_LEVEL_EXPLANATIONS[self])

    @property
    def promise(self) -> str:
        """What the municipality promises in the letter at this level."""
        return _(_LEVEL_PROMISES[self])


_LEVEL_LABELS = {
    ParticipationLevel.NONE: N_("Geen invloed"),
    ParticipationLevel.INFORM: N_("Informeren"),
    ParticipationLevel.CONSULT_LATE: N_("Reageren op een plan"),
    ParticipationLevel.ADVISE_EARLY: N_("Vroeg advies geven"),
    ParticipationLevel.CO_DECIDE: N_("Meebeslissen"),
    ParticipationLevel.PARTNER: N_("Samen doen"),
    ParticipationLevel.SELF_GOVERN: N_("Zelf beslissen"),
}

_LEVEL_EXPLANATIONS = {
    ParticipationLevel.NONE: N_("U kunt vandaag niets beslissen of veranderen."),
    ParticipationLevel.INFORM: N_("Wij vertellen u wat er gaat gebeuren. U kunt vragen stellen, maar niet meebeslissen."),
    ParticipationLevel.CONSULT_LATE: N_(
        "Het plan is bijna klaar. U zegt wat u ervan vindt. De gemeente beslist daarna zelf."
    ),
    ParticipationLevel.ADVISE_EARLY: N_(
        "Er is nog geen plan. U geeft advies. De gemeente beslist, en legt uit als ze uw advies niet volgt."
    ),
    ParticipationLevel.CO_DECIDE: N_(
        "U beslist mee. De gemeente zegt vooraf binnen welke grenzen. Wat u samen kiest, gebeurt."
    ),
    ParticipationLevel.PARTNER: N_("U en de gemeente beslissen samen, als gelijken. U spreekt samen af wie wat doet."),
    ParticipationLevel.SELF_GOVERN: N_("U beslist zelf. De gemeente helpt u daarbij."),
}

_LEVEL_PROMISES = {
    ParticipationLevel.NONE: N_("U hoort wat er besloten is."),
    ParticipationLevel.INFORM: N_("U hoort wat er besloten is en waar u met vragen terechtkunt."),
    ParticipationLevel.CONSULT_LATE: N_("U hoort wat wij met elke reactie hebben gedaan."),
    ParticipationLevel.ADVISE_EARLY: N_("U hoort wat wij met uw advies doen. Als wij het niet volgen, leggen we uit waarom."),
    ParticipationLevel.CO_DECIDE: N_("Wat u samen hebt gekozen, voeren wij uit. U hoort hoe het gaat."),
    ParticipationLevel.PARTNER: N_("U hoort wat wij samen hebben besloten en wie wat doet."),
    ParticipationLevel.SELF_GOVERN: N_("U hoort wat de gemeente doet om u te helpen."),
}

DEFAULT_LEVEL = ParticipationLevel.ADVISE_EARLY


class ContributionKind(str, enum.Enum):
    """What sort of thing a resident said."""

    IDEA = "idea"
    PROBLEM = "problem"
    QUESTION = "question"
    EXPERIENCE = "experience"

    @property
    def label(self) -> str:
        """Short name, translated."""
        return _(_KIND_LABELS[self])


_KIND_LABELS = {
    ContributionKind.IDEA: N_("idee"),
    ContributionKind.PROBLEM: N_("probleem"),
    ContributionKind.QUESTION: N_("vraag"),
    ContributionKind.EXPERIENCE: N_("ervaring"),
}


class DecisionStatus(str, enum.Enum):
    """What was done with a contribution."""

    OPEN = "open"
    UNDER_REVIEW = "under_review"
    ADOPTED = "adopted"
    PARTLY_ADOPTED = "partly_adopted"
    NOT_ADOPTED = "not_adopted"
    REFERRED = "referred"
    DONE = "done"

    @property
    def label(self) -> str:
        """Short plain name, translated (as residents read it in the letter)."""
        return _(_STATUS_LABELS[self])

    @property
    def answered(self) -> bool:
        """True when residents can be told an outcome (not open, not still being looked into)."""
        return self not in (DecisionStatus.OPEN, DecisionStatus.UNDER_REVIEW)


_STATUS_LABELS = {
    DecisionStatus.OPEN: N_("nog geen besluit"),
    DecisionStatus.UNDER_REVIEW: N_("wordt uitgezocht"),
    DecisionStatus.ADOPTED: N_("overgenomen"),
    DecisionStatus.PARTLY_ADOPTED: N_("deels overgenomen"),
    DecisionStatus.NOT_ADOPTED: N_("niet overgenomen"),
    DecisionStatus.REFERRED: N_("doorgegeven"),
    DecisionStatus.DONE: N_("gedaan"),
}


# --------------------------------------------------------------------------- parts


@dataclass
class Decision:
    """What was done with one contribution, and why."""

    status: DecisionStatus = DecisionStatus.OPEN
    reason: str = ""
    organisation: str = ""
    owner: str = ""
    due: dt.date | None = None
    decided_at: dt.datetime | None = None
    quick_win: bool = False

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

    def to_dict(self) -> dict:
        return {
            "status": self.status.value,
            "reason": self.reason,
            "organisation": self.organisation,
            "owner": self.owner,
            "due": _iso(self.due),
            "decided_at": _iso(self.decided_at),
            "quick_win": self.quick_win,
        }

    @classmethod
    def from_dict(cls, data: dict | None) -> "Decision":
        if data is None:
            return cls()
        if not isinstance(data, dict):
            raise ModelError(_("Een besluit moet een lijst van velden zijn, maar is {value!r}.").format(value=data))
        quick_win = data.get("quick_win", False)
        if not isinstance(quick_win, bool):
            raise ModelError(_("Het veld 'quick_win' moet true of false zijn."))
        return cls(
            status=_enum(DecisionStatus, data.get("status", "open"), _("status")),
            reason=_str(data, "reason"),
            organisation=_str(data, "organisation"),
            owner=_str(data, "owner"),
            due=parse_date(data.get("due"), "due"),
            decided_at=parse_datetime(data.get("decided_at"), "decided_at"),
            quick_win=quick_win,
        )


@dataclass
class Contribution:
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

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind.value,
            "theme": self.theme,
            "step": self.step,
            "created_at": _iso(self.created_at),
            "edited_at": _iso(self.edited_at),
            "decision": self.decision.to_dict(),
            "hidden_in_room": self.hidden_in_room,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Contribution":
        if not isinstance(data, dict):
            raise ModelError(_("Een inbreng moet een lijst van velden zijn, maar is {value!r}.").format(value=data))
        return cls(
            id=_str(data, "id", required=True),
            text=_str(data, "text"),
            kind=_enum(ContributionKind, data.get("kind", "idea"), _("soort")),
            theme=_str(data, "theme"),
            step=_str(data, "step"),
            created_at=parse_datetime(data.get("created_at"), "created_at") or now(),
            edited_at=parse_datetime(data.get("edited_at"), "edited_at"),
            decision=Decision.from_dict(data.get("decision")),
            hidden_in_room=data.get("hidden_in_room") is True,
        )


@dataclass
class Agreement:
    """Who does what by when; a quick win is something that can happen soon."""

    id: str
    what: str
    who: str = ""
    by_when: dt.date | None = None
    quick_win: bool = False
    created_at: dt.datetime = field(default_factory=now)

    @classmethod
    def new(cls, what: str, who: str = "", by_when: dt.date | str | None = None, quick_win: bool = False) -> "Agreement":
        """A new agreement; ``what`` must not be empty."""
        if not what.strip():
            raise ModelError(_("De afspraak is leeg. Schrijf op wat er gebeurt."))
        return cls(id=new_id(3), what=what.strip(), who=who.strip(), by_when=parse_date(by_when), quick_win=quick_win)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "what": self.what,
            "who": self.who,
            "by_when": _iso(self.by_when),
            "quick_win": self.quick_win,
            "created_at": _iso(self.created_at),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Agreement":
        if not isinstance(data, dict):
            raise ModelError(_("Een afspraak moet een lijst van velden zijn, maar is {value!r}.").format(value=data))
        return cls(
            id=_str(data, "id", required=True),
            what=_str(data, "what"),
            who=_str(data, "who"),
            by_when=parse_date(data.get("by_when"), "by_when"),
            quick_win=bool(data.get("quick_win", False)),
            created_at=parse_datetime(data.get("created_at"), "created_at") or now(),
        )


@dataclass
class ContactPoint:
    """The one person residents can ask; printed on every letter."""

    name: str = ""
    role: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.name.strip())

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> "ContactPoint":
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise ModelError(_("Het aanspreekpunt moet een lijst van velden zijn."))
        return cls(**{f.name: _str(data, f.name) for f in fields(cls)})


@dataclass
class Preparation:
    """The goal and the five questions of the Leidraad Burgerbetrokkenheid (all optional)."""

    goal: str = ""
    aim: str = ""  # 1 Wat wilt u bereiken?
    starting_point: str = ""  # 2 Waar begint het?
    input_needed: str = ""  # 3 Wat wilt u weten, en van wie?
    roles: str = ""  # 4 Wie doet wat?
    form: str = ""  # 5 Welke vorm past?

    QUESTIONS = (
        ("aim", N_("Wat wilt u met dit gesprek bereiken?")),
        ("starting_point", N_("Waar begint het: bij de gemeente of bij de buurt?")),
        ("input_needed", N_("Wat wilt u weten, en van wie?")),
        ("roles", N_("Wie doet wat: de gemeente, de bewoners, anderen?")),
        ("form", N_("Welke vorm past: één avond, een reeks, in de wijk of in de stad?")),
    )

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Preparation":
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise ModelError(_("De voorbereiding moet een lijst van velden zijn."))
        return cls(**{f.name: _str(data, f.name) for f in fields(cls)})


@dataclass
class Tally:
    """Anonymous counts of who came: a total and optional groups (never per person)."""

    participants: int = 0
    groups: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"participants": self.participants, "groups": dict(self.groups)}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Tally":
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise ModelError(_("De telling moet een lijst van velden zijn."))
        groups = data.get("groups") or {}
        if not isinstance(groups, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in groups.items()
        ):
            raise ModelError(_("De groepen in de telling moeten namen met hele getallen zijn."))
        return cls(participants=_int(data, "participants"), groups=dict(groups))


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
class Priorities:
    """Residents' votes per theme: dots (default) or summed scores."""

    method: str = "dots"
    votes: dict[str, int] = field(default_factory=dict)

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

    def to_dict(self) -> dict:
        return {"method": self.method, "votes": dict(self.votes)}

    @classmethod
    def from_dict(cls, data: dict | None) -> "Priorities":
        if not data:
            return cls()
        if not isinstance(data, dict):
            raise ModelError(_("De stemmen moeten een lijst van velden zijn."))
        votes = data.get("votes") or {}
        if not isinstance(votes, dict) or not all(
            isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) for k, v in votes.items()
        ):
            raise ModelError(_("De stemmen moeten thema's met hele getallen zijn."))
        method = _str(data, "method", "dots")
        if method not in ("dots", "scores"):
            raise ModelError(_("De stemmethode moet 'dots' of 'scores' zijn."))
        return cls(method=method, votes=dict(votes))


#: Days after the meeting by which residents hear back, when no date is given.
DEFAULT_FEEDBACK_DAYS = 42


@dataclass
class Session:
    """One meeting with residents, and everything about it except the contributions."""

    id: str
    title: str
    neighbourhood: str
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

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "neighbourhood": self.neighbourhood,
            "date": _iso(self.date),
            "place": self.place,
            "agenda": self.agenda,
            "languages": list(self.languages),
            "level": self.level.value,
            "preparation": self.preparation.to_dict(),
            "contact": self.contact.to_dict(),
            "feedback_due": _iso(self.feedback_due),
            "tally": self.tally.to_dict(),
            "target_profile": dict(self.target_profile),
            "themes": list(self.themes),
            "priorities": self.priorities.to_dict(),
            "current_step": self.current_step,
            "steps_done": list(self.steps_done),
            "letter_sent": _iso(self.letter_sent),
            "created_at": _iso(self.created_at),
            "prompts": {k: list(v) for k, v in self.prompts.items()},
            "step_seconds": dict(self.step_seconds),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Session":
        if not isinstance(data, dict):
            raise ModelError(_("De sessie moet een lijst van velden zijn."))
        session_id = _str(data, "id", required=True)
        if not ID_PATTERN.match(session_id):
            raise ModelError(_("Het sessienummer '{id}' is ongeldig.").format(id=session_id))
        languages = data.get("languages") or ["nl"]
        themes = data.get("themes") or []
        steps_done = data.get("steps_done") or []
        target = data.get("target_profile") or {}
        for key, value in (("languages", languages), ("themes", themes), ("steps_done", steps_done)):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ModelError(_("Het veld '{key}' moet een lijst met tekst zijn.").format(key=key))
        prompts = data.get("prompts") or {}
        if not isinstance(prompts, dict) or not all(
            isinstance(k, str) and isinstance(v, list) and all(isinstance(line, str) for line in v)
            for k, v in prompts.items()
        ):
            raise ModelError(_("Het veld 'prompts' moet per stap een lijst met zinnen zijn."))
        if not isinstance(target, dict) or not all(
            isinstance(k, str) and isinstance(v, (int, float)) and not isinstance(v, bool) for k, v in target.items()
        ):
            raise ModelError(_("Het doelgroepprofiel moet groepen met aandelen tussen 0 en 1 zijn."))
        return cls(
            id=session_id,
            title=_str(data, "title"),
            neighbourhood=_str(data, "neighbourhood"),
            date=parse_date(data.get("date"), "date") or dt.date.today(),
            place=_str(data, "place"),
            agenda=_str(data, "agenda", "standaard-90"),
            languages=list(languages),
            level=_enum(ParticipationLevel, data.get("level", DEFAULT_LEVEL.value), _("niveau van invloed")),
            preparation=Preparation.from_dict(data.get("preparation")),
            contact=ContactPoint.from_dict(data.get("contact")),
            feedback_due=parse_date(data.get("feedback_due"), "feedback_due"),
            tally=Tally.from_dict(data.get("tally")),
            target_profile={k: float(v) for k, v in target.items()},
            themes=list(themes),
            priorities=Priorities.from_dict(data.get("priorities")),
            current_step=_str(data, "current_step"),
            steps_done=list(steps_done),
            letter_sent=parse_date(data.get("letter_sent"), "letter_sent"),
            created_at=parse_datetime(data.get("created_at"), "created_at") or now(),
            prompts={k: list(v) for k, v in prompts.items()},
            step_seconds={
                k: int(v) for k, v in (data.get("step_seconds") or {}).items()
                if isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0
            } if isinstance(data.get("step_seconds"), dict) else {},
        )


# --------------------------------------------------------------------------- rules across parts


def decide(contribution: Contribution, status: DecisionStatus | str, *, reason: str = "", organisation: str = "",
           owner: str = "", due: dt.date | str | None = None, quick_win: bool = False) -> Contribution:
    """Return the contribution with a new decision, after checking the rules.

    Raises :class:`ModelError` for a missing reason (not adopted) or a missing
    organisation (referred). The contribution passed in is not changed.
    """
    status = _enum(DecisionStatus, status, _("status")) if isinstance(status, str) else status
    decision = Decision(
        status=status,
        reason=reason.strip(),
        organisation=organisation.strip(),
        owner=owner.strip(),
        due=parse_date(due, "due"),
        decided_at=now(),
        quick_win=quick_win,
    )
    decision.validate()
    return replace(contribution, decision=decision)


def open_count(contributions: Iterable[Contribution]) -> int:
    """How many contributions residents cannot yet be told an outcome for."""
    return sum(1 for c in contributions if not c.decision.status.answered)


def feedback_overdue(session: Session, today: dt.date | None = None) -> bool:
    """True when the promised date has passed and no final letter was sent ("feedback debt")."""
    today = today or dt.date.today()
    return session.letter_sent is None and session.feedback_due is not None and session.feedback_due < today


# --------------------------------------------------------------------------- people (personal data)


class PersonPurpose(str, enum.Enum):
    """Why a resident left contact details: the only purposes we keep them for."""

    LETTER = "letter"
    HELP = "help"

    @property
    def label(self) -> str:
        """Short name, translated."""
        return _(_PURPOSE_LABELS[self])


_PURPOSE_LABELS = {
    PersonPurpose.LETTER: N_("een eigen brief over wat er met de inbreng gebeurt"),
    PersonPurpose.HELP: N_("meehelpen"),
}


class ConsentHow(str, enum.Enum):
    """How the resident said yes; oral consent counts but must be written down."""

    ORAL = "oral"
    WRITTEN = "written"
    FORM = "form"

    @property
    def label(self) -> str:
        """Short name, translated."""
        return _(_CONSENT_LABELS[self])


_CONSENT_LABELS = {
    ConsentHow.ORAL: N_("mondeling"),
    ConsentHow.WRITTEN: N_("schriftelijk"),
    ConsentHow.FORM: N_("via het formulier"),
}

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
            _("De {what} bevat tekens die niet goed zijn doorgekomen. Typ de tekst opnieuw.").format(what=what)
        ) from None
    return value


@dataclass
class Consent:
    """What a resident agreed to, when, and how: the proof the AVG asks for."""

    purpose: PersonPurpose
    how: ConsentHow
    given_at: dt.datetime = field(default_factory=now)

    def to_dict(self) -> dict:
        return {"purpose": self.purpose.value, "how": self.how.value, "given_at": _iso(self.given_at)}

    @classmethod
    def from_dict(cls, data: Any) -> "Consent":
        if not isinstance(data, dict):
            raise ModelError(_("Bij elke persoon hoort een vastgelegde toestemming, maar die ontbreekt."))
        given_at = parse_datetime(data.get("given_at"), "given_at")
        if given_at is None:
            raise ModelError(_("Bij de toestemming ontbreekt wanneer die gegeven is."))
        return cls(
            purpose=_enum(PersonPurpose, data.get("purpose"), _("doel")),
            how=_enum(ConsentHow, data.get("how"), _("manier van toestemming")),
            given_at=given_at,
        )


@dataclass
class Person:
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
            raise ModelError(_("'{email}' is geen geldig e-mailadres. Kijk het adres na.").format(email=email))
        return cls(id=new_id(4), receipt=new_receipt_code(), name=name, email=email, address=address,
                   language=language, consent=Consent(purpose=what, how=how))

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "receipt": self.receipt,
            "name": self.name,
            "email": self.email,
            "address": self.address,
            "language": self.language,
            "consent": self.consent.to_dict(),
            "created_at": _iso(self.created_at),
        }

    @classmethod
    def from_dict(cls, data: Any) -> "Person":
        if not isinstance(data, dict):
            raise ModelError(_("Een persoon moet een lijst van velden zijn, maar is {value!r}.").format(value=data))
        return cls(
            id=_str(data, "id", required=True),
            receipt=_str(data, "receipt", required=True),
            name=_str(data, "name", required=True),
            email=_str(data, "email"),
            address=_str(data, "address"),
            language=_str(data, "language", "nl") or "nl",
            consent=Consent.from_dict(data.get("consent")),
            created_at=parse_datetime(data.get("created_at"), "created_at") or now(),
        )
