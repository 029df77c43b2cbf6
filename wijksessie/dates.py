"""Dates as a Dutch facilitator types them, and how to show the result.

:func:`parse_date` understands ``2027-02-01``, ``1-2-2027``, ``1/2/27``, ``1.2.2027``,
``1 februari``, ``1 feb 2027``, ``vandaag``, ``morgen``, ``overmorgen``, ``gisteren``
and weekday names (``dinsdag`` is the next Tuesday; ``vorige dinsdag`` the last one).
Month and day names, and the words for today/tomorrow, come from Babel's CLDR data:
Dutch always, and the interface language as well.

Numbers are read day first (``1-2-2027`` is 1 February), as in the Netherlands.
A date without a year is the nearest one: on 2 December, ``1 februari`` is next
February and ``1 december`` is yesterday. :func:`describe_date` gives the result
in words (``dinsdag 2 februari 2027``) so the program can show it before saving.

Anything else raises :class:`~wijksessie.errors.UserError` with one line in Dutch
(translated) that says what is wrong and what to type instead.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from wijksessie.errors import UserError
from wijksessie.i18n import _, babel_locale, current_language, format_date

#: Years outside this range are refused: a typo, not a meeting.
MIN_YEAR = 2000
MAX_YEAR = 2100

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2}|\d{4}))?$")
_WORDS = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?(?:\s+(\d{2}|\d{4}))?$")
_PAST = ("vorige", "afgelopen", "last")
_NEXT = ("volgende", "komende", "aanstaande", "next")


def _fold(word: str) -> str:
    return word.strip().strip(".").casefold()


@lru_cache(maxsize=8)
def _names(lang: str) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Month names → month, weekday names → weekday (Monday 0), relative words → days."""
    months: dict[str, int] = {}
    days: dict[str, int] = {}
    relative: dict[str, int] = {}
    for code in dict.fromkeys(("nl", lang)):
        locale = babel_locale(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    months.setdefault(_fold(name), number)
                for number, name in locale.days[context][width].items():
                    days.setdefault(_fold(name), number)
        try:
            words = locale._data["date_fields"]["day"]["relative"]
        except (KeyError, TypeError):  # pragma: no cover - CLDR has these for nl and en
            words = {}
        for offset, word in words.items():
            relative.setdefault(_fold(word), int(offset))
    # What people also write: "mrt"/"maa", "sept", "okt." — any 3+ letter start of a full name.
    for code in dict.fromkeys(("nl", lang)):
        for number, name in babel_locale(code).months["format"]["wide"].items():
            full = _fold(name)
            for end in range(3, len(full)):
                months.setdefault(full[:end], number)
    return months, days, relative


def _year(text: str | None, today: dt.date) -> int | None:
    if text is None:
        return None
    year = int(text)
    if len(text) == 2:
        year += 2000
    return year


def _make(year: int | None, month: int, day: int, today: dt.date, typed: str) -> dt.date:
    if not 1 <= month <= 12:
        raise UserError(
            _("Deze maand bestaat niet: {month} (in: {typed}). Typ bijvoorbeeld 1-2-2027 of 1 februari.").format(
                month=month, typed=typed
            )
        )
    if year is not None:
        _check_year(year, typed)
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise UserError(
                _("Deze datum bestaat niet: {typed}. Kijk de dag en de maand na.").format(typed=typed)
            ) from None
    # No year: the nearest such date (half a year back or forward).
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise UserError(_("Deze datum bestaat niet: {typed}. Kijk de dag en de maand na.").format(typed=typed))
    return min(candidates, key=lambda d: (abs((d - today).days), d < today))


def _check_year(year: int, typed: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UserError(
            _("Dit jaar klopt niet: {year}. Typ een jaar tussen {low} en {high}.").format(
                year=year, low=MIN_YEAR, high=MAX_YEAR
            )
        )


def parse_date(text: str, today: dt.date) -> dt.date:
    """The date meant by ``text``, counted from ``today``; :class:`UserError` when unclear."""
    typed = " ".join(str(text).split())
    lowered = typed.casefold()
    if not lowered:
        raise UserError(_("Er is geen datum ingevuld. Typ bijvoorbeeld 1-2-2027, 1 februari of dinsdag."))
    months, days, relative = _names(current_language())

    if match := _ISO.match(lowered):
        return _make(int(match[1]), int(match[2]), int(match[3]), today, typed)
    if match := _NUMERIC.match(lowered):
        return _make(_year(match[3], today), int(match[2]), int(match[1]), today, typed)
    if match := _WORDS.match(lowered):
        month = months.get(_fold(match[2]))
        if month is None:
            raise UserError(
                _("Dit is geen maand: {word}. Typ bijvoorbeeld 1 februari of 1 feb 2027.").format(word=match[2])
            )
        return _make(_year(match[3], today), month, int(match[1]), today, typed)

    words = [_fold(word) for word in lowered.split()]
    if len(words) == 1 and words[0] in relative:
        return today + dt.timedelta(days=relative[words[0]])
    direction = 1
    if len(words) == 2 and words[0] in _PAST + _NEXT:
        direction = -1 if words[0] in _PAST else 1
        words = words[1:]
    if len(words) == 1 and words[0] in days:
        weekday = days[words[0]]
        if direction > 0:
            ahead = (weekday - today.weekday()) % 7 or 7
            return today + dt.timedelta(days=ahead)
        back = (today.weekday() - weekday) % 7 or 7
        return today - dt.timedelta(days=back)
    raise UserError(
        _("Dit is geen datum die het programma kent: {typed}. Typ bijvoorbeeld 1-2-2027, 1 februari of dinsdag.").format(
            typed=typed
        )
    )


def describe_date(day: dt.date, today: dt.date | None = None, lang: str | None = None) -> str:
    """``dinsdag 2 februari 2027``, with ``(over 2 maanden)`` or ``(vandaag)`` when ``today`` is given."""
    words = format_date(day, lang, format="full")
    if today is None:
        return words
    offset = (day - today).days
    try:
        near_word = babel_locale(lang)._data["date_fields"]["day"]["relative"].get(offset)
    except (KeyError, TypeError, AttributeError):  # pragma: no cover - CLDR has these for nl and en
        near_word = None
    if near_word:
        return f"{words} ({near_word})"
    from babel.dates import format_timedelta

    delta = format_timedelta(
        dt.timedelta(days=offset), add_direction=True, threshold=1.5, locale=babel_locale(lang)
    )
    return f"{words} ({delta})"


def preview(text: str, today: dt.date) -> tuple[dt.date | None, str]:
    """For a field under typing: ``(date, description)`` or ``(None, the error line)``."""
    try:
        day = parse_date(text, today)
    except UserError as error:
        return None, str(error)
    return day, describe_date(day, today)
