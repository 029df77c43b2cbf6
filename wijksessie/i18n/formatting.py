"""Writing facts the way a language writes them: dates, numbers, lists, plurals, quotes, capitals, direction.

Everything comes from CLDR through Babel (imported only when first needed, so
``import wijksessie.i18n`` stays cheap). ``lang`` defaults to the language
``_()`` speaks right now; a code CLDR does not know is written as Dutch.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from wijksessie.i18n.catalogues import DEFAULT_LANGUAGE, normalise
from wijksessie.i18n.state import current_language

if TYPE_CHECKING:  # pragma: no cover
    import datetime as dt

    from babel import Locale

#: Languages written right to left even where an old CLDR lacks the character order.
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "ckb", "prs", "sd", "ug", "dv"})

#: Where a catalogue's language is written with the habits of one region: the English
#: texts are British English, so dates read "26 March 2026", not "March 26, 2026".
#: Only for writing dates; the catalogue (and ``<html lang>``) stays ``en``.
DATE_REGIONS: dict[str, str] = {"en": "en_GB"}

#: Languages whose capital of ``i`` is ``İ`` and small of ``I`` is ``ı``.
DOTTED_I_LANGUAGES = frozenset({"tr", "az", "crh", "kk", "tt", "ba"})

#: Unicode directional isolates: text between them keeps its own direction
#: without turning the surrounding sentence around (FSI = first strong isolate).
FSI, PDI = "\u2068", "\u2069"


def _code(lang: str | None) -> str:
    return normalise(lang or current_language())


@functools.lru_cache(maxsize=64)
def _locale_for(code: str) -> Locale:
    from babel import Locale, UnknownLocaleError

    for candidate in (code, code.split("_", 1)[0], DEFAULT_LANGUAGE):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return Locale.parse(DEFAULT_LANGUAGE)  # pragma: no cover - nl is always in CLDR


def babel_locale(lang: str | None = None) -> Locale:
    """The Babel ``Locale`` for ``lang`` (default: the current language); unknown codes → Dutch."""
    return _locale_for(_code(lang))


def date_locale(lang: str | None = None) -> Locale:
    """The Babel ``Locale`` that writes dates for ``lang``: British for English (``26 March 2026``)."""
    code = _code(lang)
    return _locale_for(DATE_REGIONS.get(code, code))


def format_date(d: dt.date | dt.datetime | str | None, lang: str | None = None, format: str = "long") -> str:
    """A date as people write it in ``lang``: ``24 november 2026`` (nl), ``24 November 2026`` (en), ``24 Novimber 2026`` (fy).

    ``format`` is ``short``, ``medium``, ``long`` or ``full`` (with the weekday),
    or a CLDR pattern. An ISO text (``2026-11-24``) is accepted too; ``None`` gives "".
    """
    import datetime as dt

    if d is None or d == "":
        return ""
    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    if isinstance(d, dt.datetime):
        d = d.date()
    return _format_date(d, _code(lang), format)


@functools.lru_cache(maxsize=4096)
def _format_date(day: dt.date, code: str, format: str) -> str:
    # Cached: a letter repeats the same few dates for hundreds of contributions.
    from babel.dates import format_date as babel_format_date

    return babel_format_date(day, format=format, locale=_locale_for(DATE_REGIONS.get(code, code)))


def format_time(t: dt.time | dt.datetime, lang: str | None = None, format: str = "short") -> str:
    """A time of day in ``lang`` (``19:30`` in Dutch, and in British English too)."""
    from babel.dates import format_time as _format_time

    return _format_time(t, format=format, locale=date_locale(lang))


#: The list styles CLDR has (Babel's ``format_list``).
ListStyle = Literal["standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"]


def format_list(items: Iterable[str], lang: str | None = None, style: ListStyle = "standard") -> str:
    """``Anna, Bram en Cor`` in Dutch, ``Anna, Bram, and Cor`` in English; ``style="or"`` for "of"."""
    from babel.lists import format_list as _format_list

    items = list(items)
    return _format_list(items, style=style, locale=babel_locale(lang)) if items else ""


def format_number(n: float | int, lang: str | None = None) -> str:
    """A number with the separators of ``lang``: ``1.234,5`` in Dutch, ``1,234.5`` in English."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=babel_locale(lang))


def plural_form(n: int, lang: str | None = None) -> str:
    """CLDR's plural category of ``n`` in ``lang``: ``one``, ``few``, ``other``…"""
    return babel_locale(lang).plural_form(n)


def language_name(code: str, in_lang: str | None = None) -> str:
    """The name of language ``code``, by default in that language itself (``fy`` → ``Frysk``).

    Shown in language pickers, so residents recognise their own language.
    """
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(normalise(code))
    except (UnknownLocaleError, ValueError, TypeError):
        return code
    name = locale.get_display_name(babel_locale(in_lang) if in_lang else locale) or code
    return name[:1].upper() + name[1:]


def language_label(code: str) -> str:
    """``Turks (tr)``: the language's name in the interface language, with its code (for messages)."""
    from wijksessie.i18n.state import interface_language

    return f"{language_name(code, interface_language())} ({code})"


def text_direction(lang: str | None = None) -> str:
    """``"rtl"`` for languages written right to left (Arabic, Persian, Hebrew…), else ``"ltr"``."""
    code = _code(lang)
    if code.split("_", 1)[0] in RTL_LANGUAGES:
        return "rtl"
    from babel import Locale, UnknownLocaleError

    try:
        order = Locale.parse(code).character_order
    except (UnknownLocaleError, ValueError, TypeError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


def html_lang(lang: str | None = None) -> str:
    """The value for ``<html lang>``: BCP 47 uses a dash (``fy-NL``)."""
    return _code(lang).replace("_", "-")


#: CLDR's quotation marks (``delimiters``: quotationStart, quotationEnd) per language.
#: Babel does not carry this part of CLDR, so the values are copied from CLDR 44;
#: a language not listed gets “…”.
QUOTATION_MARKS: dict[str, tuple[str, str]] = {
    "nl": ("‘", "’"), "en": ("“", "”"), "fy": ("“", "”"), "tr": ("“", "”"), "pl": ("„", "”"),
    "ar": ("”", "“"), "de": ("„", "“"), "fr": ("«\u202f", "\u202f»"), "es": ("«", "»"), "it": ("«", "»"),
    "pt": ("“", "”"), "uk": ("«", "»"), "ru": ("«", "»"), "fa": ("«", "»"), "so": ("“", "”"),
    "ti": ("«", "»"), "am": ("«", "»"), "ur": ("”", "“"), "he": ("”", "”"), "zh": ("“", "”"),
    "bg": ("„", "“"), "ro": ("„", "”"), "hu": ("„", "”"), "cs": ("„", "“"), "sk": ("„", "“"),
    "hr": ("„", "”"), "sr": ("„", "“"), "bs": ("„", "“"), "ku": ("“", "”"), "az": ("“", "”"),
}


def quote_marks(lang: str | None = None) -> tuple[str, str]:
    """The opening and closing quotation marks of ``lang`` (CLDR); “ ” when CLDR's are not listed."""
    code = _code(lang)
    return QUOTATION_MARKS.get(code) or QUOTATION_MARKS.get(code.split("_", 1)[0]) or ("“", "”")


def quote(text: str, lang: str | None = None) -> str:
    """``text`` between the quotation marks of ``lang``: “…” in English, „…” in Polish, ”…“ in Arabic."""
    start, end = quote_marks(lang)
    return f"{start}{text}{end}"


def isolate(text: str) -> str:
    """``text`` between Unicode isolates, so a Dutch name inside Arabic keeps its own direction (txt, md)."""
    return f"{FSI}{text}{PDI}" if text else text


def isolate_lines(lines: list[str]) -> list[str]:
    """Wrapped lines with each isolate closed at its line end and opened again on the next line.

    Text readers and the PDF lay out every line on its own (Unicode bidi works per
    paragraph): without this, the wrapped end of a Dutch reason in an Arabic letter
    shows "park." as ".park". Leading spaces (an indent) stay outside the isolate.
    """
    result: list[str] = []
    still_open = 0
    for line in lines:
        if still_open:
            body = line.lstrip(" ")
            line = line[: len(line) - len(body)] + FSI * still_open + body
        still_open = 0
        for ch in line:
            if ch == FSI:
                still_open += 1
            elif ch == PDI and still_open:
                still_open -= 1
        result.append(line + PDI * still_open)
    return result


def upper(text: str, lang: str | None = None) -> str:
    """Capitals as ``lang`` writes them: Turkish ``söyledikleriniz`` → ``SÖYLEDİKLERİNİZ``."""
    if _code(lang).split("_", 1)[0] in DOTTED_I_LANGUAGES:
        text = text.replace("i", "İ")
    return text.upper()


def lower(text: str, lang: str | None = None) -> str:
    """Small letters as ``lang`` writes them: Turkish ``IŞIK`` → ``ışık``, ``İ`` → ``i``."""
    if _code(lang).split("_", 1)[0] in DOTTED_I_LANGUAGES:
        text = text.replace("I", "ı").replace("İ", "i")
    return text.lower()


def first_upper(text: str, lang: str | None = None) -> str:
    """The first letter a capital, as ``lang`` writes it (``izmir`` → ``İzmir`` in Turkish, ``ijs`` → ``IJs`` in Dutch)."""
    if _code(lang).split("_", 1)[0] == "nl" and text[:2] == "ij":
        return "IJ" + text[2:]  # the Dutch ij is one letter: both parts become capitals
    return upper(text[:1], lang) + text[1:] if text else text
