"""Which languages exist: the list to offer, checking a code someone typed, the language of the environment."""

from __future__ import annotations

import os
from collections.abc import Iterable

from wijksessie import paths
from wijksessie.i18n.catalogues import DEFAULT_LANGUAGE, available_languages, normalise
from wijksessie.i18n.state import _


def is_cldr_language(code: str) -> bool:
    """CLDR (through Babel) knows ``code`` as a language, e.g. ``tr`` or ``pt_BR`` (not ``xx``, not ``Deutsch``)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(normalise(code)) is not None
    except (UnknownLocaleError, ValueError, TypeError):
        return False


def language_choices(in_lang: str | None = None) -> list[tuple[str, str]]:
    """``(code, name)`` for every language the program can write in, Dutch first; the name in that language.

    This is the list to offer wherever someone picks a language (the letter
    languages of a session, the interface language); ``in_lang`` names them
    all in one language instead.
    """
    from wijksessie.i18n.formatting import language_name

    codes = available_languages()
    codes = [DEFAULT_LANGUAGE] + [c for c in codes if c != DEFAULT_LANGUAGE]
    return [(code, language_name(code, in_lang)) for code in codes]


def _choices_text() -> str:
    return ", ".join(f"{code} ({name})" for code, name in language_choices())


def check_language(code: str | None) -> str:
    """The normalised code if the program can write in it; else a :class:`UserError` listing the choices.

    A code is accepted when it has a catalogue under ``locales/`` (itself or
    its base language, ``pt_BR`` → ``pt``) and CLDR knows it — or when the
    folder is exactly that code (a translator's new language CLDR lacks).
    """
    from wijksessie.errors import UserError

    raw = (code or "").strip()
    norm = _canonical_case(normalise(raw)) if raw else ""
    available = available_languages()
    base = norm.split("_", 1)[0]
    if norm in available or (base in available and is_cldr_language(norm)):
        return norm
    raise UserError(
        _("Deze taal kent het programma niet: {lang}. Kies uit: {choices}.").format(
            lang=repr(raw), choices=_choices_text()
        )
    )


def _canonical_case(code: str) -> str:
    """``TR`` → ``tr``, ``pt_br`` → ``pt_BR``, ``sr_latn`` → ``sr_Latn``."""
    parts = code.split("_")
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.upper() if len(part) == 2 else part.title())
    return "_".join(out)


def check_languages(codes: Iterable[str] | None) -> list[str]:
    """:func:`check_language` for each code; duplicates left out, order kept."""
    result: list[str] = []
    for code in codes or ():
        norm = check_language(code)
        if norm not in result:
            result.append(norm)
    return result


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """The interface language from ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG``, if we ship it."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if not value:
            continue
        for item in value.split(":"):
            if not item:
                continue
            lang = normalise(item)
            base = lang.split("_", 1)[0]
            if base == DEFAULT_LANGUAGE or (paths.locales_dir() / base).is_dir():
                return base
    return DEFAULT_LANGUAGE
