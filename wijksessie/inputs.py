"""What a facilitator types in the meeting, read and checked: counts, groups, votes, themes, dates.

The full-screen program calls these functions and shows their message; the
rules live here so they can be tested without a screen. Every function either
returns the value that will be saved, or raises :class:`InputError` with one
line that says what is wrong and what to type instead. Nothing is guessed:
a number field with letters in it is refused, never quietly cut down to its
digits.
"""

from __future__ import annotations

import datetime as dt
import re

from wijksessie.errors import UserError
from wijksessie.i18n import _, ngettext

#: More people than this in one meeting is a typing error.
MAX_PARTICIPANTS = 10_000

#: More votes than this added or taken away at once is a typing error.
MAX_VOTES_AT_ONCE = 1_000

_NUMBER = re.compile(r"^[+-]?\d+$")


class InputError(UserError):
    """Typed input that cannot be saved; ``str(error)`` says what is wrong and what to do."""


def parse_count(text: str, *, what: str, maximum: int = MAX_PARTICIPANTS) -> int:
    """A whole number from 0 to ``maximum``; empty is 0. ``what`` names the field in the message."""
    value = text.strip()
    if not value:
        return 0
    if not value.isdigit():
        raise InputError(
            _("Dit is geen heel getal: {value}. Het gaat om: {what}. Typ alleen cijfers, bijvoorbeeld 23.").format(
                what=what, value=value)
        )
    number = int(value)
    if number > maximum:
        raise InputError(
            _("Dit is te veel: {number}. Het gaat om: {what}. Typ een getal van 0 tot en met {maximum}.").format(
                what=what, number=number, maximum=maximum)
        )
    return number


def parse_participants(text: str) -> int:
    """The number of people in the room (0 to :data:`MAX_PARTICIPANTS`)."""
    return parse_count(text, what=_("Aantal deelnemers"))


def parse_groups(text: str, *, participants: int | None = None) -> dict[str, int]:
    """``"65+ = 4, jonger dan 30 = 2"`` → ``{"65+": 4, "jonger dan 30": 2}``.

    Parts are separated by commas or semicolons; a part is ``name = number``
    (also ``name: number`` or ``name number``). A group larger than
    ``participants`` (when that is known, i.e. above 0) is refused.
    """
    groups: dict[str, int] = {}
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        for sep in ("=", ":"):
            if sep in part:
                name, _sep, number = part.rpartition(sep)
                break
        else:
            name, _sep, number = part.rpartition(" ")
        name, number = name.strip(), number.strip()
        if not name or not number.isdigit():
            raise InputError(
                _("Dit begrijp ik niet: {part}. Schrijf het als: groep = aantal, bijvoorbeeld 65 jaar en ouder = 4.").format(
                    part=part)
            )
        count = parse_count(number, what=name)
        if participants and count > participants:
            raise InputError(
                _("Deze groep is groter dan het aantal deelnemers: {group} = {count}.").format(group=name, count=count)
                + " "
                + ngettext("Er is {total} deelnemer. Pas het aantal aan.", "Er zijn {total} deelnemers. Pas het aantal aan.",
                           participants).format(total=participants)
            )
        groups[name] = count
    return groups


def format_groups(groups: dict[str, int]) -> str:
    """The groups as they are typed: ``65+ = 4, jonger dan 30 = 2``."""
    return ", ".join(f"{name} = {count}" for name, count in groups.items())


def match_theme(name: str, themes: list[str]) -> str:
    """The theme that ``name`` names: the same word (any case), or the only one that starts with it.

    Raises :class:`InputError` when no theme fits, or when several start with it.
    """
    name = " ".join(name.split())
    if not name:
        raise InputError(_("Er staat geen thema. Typ het begin van een thema, bijvoorbeeld Bewegen."))
    folded = name.casefold()
    for theme in themes:
        if theme.casefold() == folded:
            return theme
    starts = [t for t in themes if t.casefold().startswith(folded)]
    if len(starts) == 1:
        return starts[0]
    if starts:
        raise InputError(
            _("Dit past bij meer dan één thema: {name}. Deze thema's passen: {themes}. Typ meer letters.").format(
                name=name, themes=", ".join(starts))
        )
    if not themes:
        raise InputError(_("Er zijn nog geen thema's. Noem eerst de onderwerpen bij de stap ervoor."))
    raise InputError(
        _("Dit thema is er niet: {name}. Kies uit: {themes}.").format(name=name, themes=", ".join(themes))
    )


def filter_themes(typed: str, themes: list[str]) -> list[str]:
    """Themes for a type-ahead list: those starting with ``typed`` first, then those containing it."""
    folded = " ".join(typed.split()).casefold()
    if not folded:
        return list(themes)
    starts = [t for t in themes if t.casefold().startswith(folded)]
    inside = [t for t in themes if folded in t.casefold() and t not in starts]
    return starts + inside


def parse_vote_line(text: str, themes: list[str]) -> tuple[str, int]:
    """``"Bewegen 4"`` → ``("Bewegen", 4)``; ``"bew -1"`` takes one away; a theme alone counts 1."""
    value = " ".join(text.split())
    if not value:
        raise InputError(_("Er staat niets. Typ een thema en een aantal, bijvoorbeeld: Bewegen 4."))
    name, _sep, number = value.rpartition(" ")
    if not name or not _NUMBER.match(number):
        if _NUMBER.match(value):
            raise InputError(_("Alleen een getal. Typ er het thema voor, bijvoorbeeld: Bewegen 4."))
        name, number = value, "1"
    count = int(number)
    if count == 0:
        raise InputError(_("0 stemmen verandert niets. Typ een aantal, bijvoorbeeld: Bewegen 4."))
    if abs(count) > MAX_VOTES_AT_ONCE:
        raise InputError(
            ngettext("{count} stem in één keer is te veel. Typ een aantal tot en met {maximum}.",
                     "{count} stemmen in één keer is te veel. Typ een aantal tot en met {maximum}.",
                     abs(count)).format(count=count, maximum=MAX_VOTES_AT_ONCE)
        )
    return match_theme(name, themes), count


def parse_due_date(text: str, today: dt.date) -> dt.date | None:
    """An agreement's date as a Dutch person types it (``1-2-2027``, ``1 februari``, ``dinsdag``); empty is None."""
    if not text.strip():
        return None
    from wijksessie.dates import parse_date  # Babel's month names load only when a date is typed

    return parse_date(text, today)
