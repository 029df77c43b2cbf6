"""The base of every record: reading and writing plain data, ids, dates, and the checks all records use.

A record is a dataclass with typed fields; :class:`Record` reads and writes
it as plain data through msgspec (:mod:`wijksessie.schema`), which checks
every type, so a session file edited by hand with wrong types gives one
clear :class:`ModelError` instead of a crash somewhere later.
"""

from __future__ import annotations

import datetime as dt
import enum
import secrets
from collections.abc import Iterable
from typing import Any, ClassVar, Self, TypeVar

from wijksessie import schema
from wijksessie.enums import (
    AgreementState,
    ConsentHow,
    ContributionKind,
    DecisionStatus,
    Evaluation,
    ParticipationLevel,
    PersonPurpose,
)
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _


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


def _about(what: str) -> str:
    """The sentence that says which field or option a wrong value is in ("" when not known)."""
    return " " + _("Het gaat om: {what}.").format(what=what) if what else ""


def _date_error(what: str, value: Any) -> ModelError:
    return ModelError(
        _("Dit is geen geldige datum: {value}.").format(value=value)
        + _about(what)
        + " "
        + _("Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-12-01.")
    )


def _time_error(what: str, value: Any) -> ModelError:
    return ModelError(_("Dit is geen geldige tijd: {value}.").format(value=value) + _about(what))


def parse_date(value: Any, what: str = "") -> dt.date | None:
    """Read a ``YYYY-MM-DD`` date; ``None``/empty stays ``None``.

    ``what`` names the field or option it came from, for the message when the date is wrong.
    """
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


_E = TypeVar("_E", bound=enum.Enum)

#: For each fixed choice, the whole message when a value is not one of them (no word slotted into a sentence).
_NOT_A_CHOICE: dict[type[enum.Enum], str] = {
    ParticipationLevel: N_("Dit niveau van invloed bestaat niet: {value}. Kies uit: {choices}."),
    ContributionKind: N_("Deze soort inbreng bestaat niet: {value}. Kies uit: {choices}."),
    DecisionStatus: N_("Deze status bestaat niet: {value}. Kies uit: {choices}."),
    PersonPurpose: N_("Dit doel bestaat niet: {value}. Kies uit: {choices}."),
    ConsentHow: N_("Deze manier van toestemming bestaat niet: {value}. Kies uit: {choices}."),
    AgreementState: N_("Deze stand van een afspraak bestaat niet: {value}. Kies uit: {choices}."),
    Evaluation: N_("Deze beoordeling bestaat niet: {value}. Kies uit: {choices}."),
}


def _not_a_choice(message: str, value: Any, choices: Iterable[str]) -> ModelError:
    return ModelError(_(message).format(value=value, choices=", ".join(choices)))


def _enum(cls: type[_E], value: Any, what: str = "") -> _E:
    """``value`` as a member of ``cls``, or a :class:`ModelError` listing the choices.

    The message is the one for ``cls`` (:data:`_NOT_A_CHOICE`); ``what`` is kept
    for callers that still pass a label and is not used.
    """
    try:
        return cls(value)
    except ValueError:
        message = _NOT_A_CHOICE.get(cls, N_("Dit is geen geldige keuze: {value}. Kies uit: {choices}."))
        raise _not_a_choice(message, value, (str(m.value) for m in cls)) from None


def check_text(value: str, what: str) -> str:
    """Refuse text that cannot be saved (broken characters from a bad paste or terminal)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ModelError(
            _("In deze tekst staan tekens die niet goed zijn doorgekomen: {what}. Typ de tekst opnieuw.").format(what=what)
        ) from None
    return value


# --------------------------------------------------------------------------- reading and writing records

#: Fields holding a fixed choice in a stored record: the message when the value is not one of them, and the choices.
_CHOICE_FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "level": (_NOT_A_CHOICE[ParticipationLevel], ParticipationLevel.choices()),
    "kind": (_NOT_A_CHOICE[ContributionKind], ContributionKind.choices()),
    "status": (_NOT_A_CHOICE[DecisionStatus], DecisionStatus.choices()),
    "purpose": (_NOT_A_CHOICE[PersonPurpose], PersonPurpose.choices()),
    "how": (_NOT_A_CHOICE[ConsentHow], ConsentHow.choices()),
    "state": (_NOT_A_CHOICE[AgreementState], AgreementState.choices()),
    "method": (N_("Deze stemmethode bestaat niet: {value}. Kies uit: {choices}."), ("dots", "scores")),
}

#: "This field must be ...", one whole message per type msgspec names.
_MUST_BE = {
    "int": N_("Dit veld moet een heel getal zijn: {key}."),
    "float": N_("Dit veld moet een getal zijn: {key}."),
    "str": N_("Dit veld moet tekst zijn: {key}."),
    "bool": N_("Dit veld moet true of false zijn: {key}."),
    "array": N_("Dit veld moet een lijst zijn: {key}."),
    "object": N_("Dit veld moet een lijst van velden zijn: {key}."),
}
#: "Every value in this field must be ...", for the values of a mapping or list.
_ALL_MUST_BE = {
    "int": N_("In dit veld moeten alle waarden hele getallen zijn: {key}."),
    "float": N_("In dit veld moeten alle waarden getallen zijn: {key}."),
    "str": N_("In dit veld moeten alle waarden tekst zijn: {key}."),
    "array": N_("In dit veld moeten alle waarden lijsten zijn: {key}."),
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
        message, choices = _CHOICE_FIELDS[key]
        return str(_not_a_choice(message, value, choices))
    if problem.kind == "date" or (problem.kind == "type" and problem.expected.startswith("date |")):
        return str(_date_error(key, value))
    if problem.kind == "datetime" or (problem.kind == "type" and problem.expected.startswith("datetime")):
        return str(_time_error(key, value))
    if problem.kind == "range":
        return _("Dit veld klopt niet: {key}. Nu is het: {value!r}. Dit mag het zijn: {bound}.").format(
            key=key, bound=problem.bound, value=value
        )
    expected = problem.expected.split(" ")[0]
    if problem.kind == "type" and "..." in problem.loc and expected in _ALL_MUST_BE:
        return _(_ALL_MUST_BE[expected]).format(key=key)
    if problem.kind == "type" and expected in _MUST_BE:
        message = _(_MUST_BE[expected]).format(key=key)
        return message if value is None else message + " " + _("Nu is het: {value!r}.").format(value=value)
    return _("Dit veld klopt niet: {key}. Melding: {problem}").format(key=key, problem=problem.text)


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
            raise ModelError(_(cls.NOT_A_MAPPING) + " " + _("Nu is het: {value!r}.").format(value=data))
        try:
            record = schema.convert(data, cls)
        except schema.Invalid as exc:
            raise ModelError(_problem_message(exc.problem, data)) from None
        record.check()
        return record

