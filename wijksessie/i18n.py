"""Translation of everything the user sees.

Source strings (msgids) are plain Dutch (B1): Dutch is the default language
and the fallback for any message a catalogue lacks. ``_()`` always asks the
*current* language, so a module may import ``_`` once and the program can
still switch language while it runs. Class-level strings are marked with
``N_()`` and translated where they are shown.

Catalogues live in ``locales/<lang>/LC_MESSAGES/<domain>.po``. A compiled
``.mo`` beside it is used when it is at least as new as the ``.po``;
otherwise the ``.po`` is compiled in memory, so an edited ``.po`` is never
silently ignored.
"""

from __future__ import annotations

import gettext as _gettext
import io
import logging
import os
from pathlib import Path

from wijksessie import paths

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "nl"
DOMAIN = "messages"

_current: _gettext.NullTranslations = _gettext.NullTranslations()
_current_language = DEFAULT_LANGUAGE
_cache: dict[tuple[str, str, str], _gettext.NullTranslations] = {}


def _catalogue_file(locales: Path, lang: str, domain: str) -> _gettext.NullTranslations | None:
    folder = locales / lang / "LC_MESSAGES"
    po = folder / f"{domain}.po"
    mo = folder / f"{domain}.mo"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.is_file():
        # Imported here: Babel is only needed when a .po has no fresh .mo.
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        buf = io.BytesIO()
        write_mo(buf, catalog, use_fuzzy=True)
        buf.seek(0)
        return _gettext.GNUTranslations(buf)
    return None


def translations(lang: str | None, domain: str = DOMAIN) -> _gettext.NullTranslations:
    """The catalogue chain for ``lang`` (e.g. ``fy_NL`` → ``fy``), falling back to Dutch."""
    lang = normalise(lang)
    locales = paths.locales_dir()
    key = (str(locales), lang, domain)
    if key in _cache:
        return _cache[key]
    chain: _gettext.NullTranslations | None = None
    candidates = [lang]
    if "_" in lang:
        candidates.append(lang.split("_", 1)[0])
    for candidate in candidates:
        found = _catalogue_file(locales, candidate, domain)
        if found is None:
            continue
        if chain is None:
            chain = found
        else:
            chain.add_fallback(found)
    if chain is None:
        if lang != DEFAULT_LANGUAGE:
            log.info("no catalogue for %s; using Dutch", lang)
        chain = _gettext.NullTranslations()
    _cache[key] = chain
    return chain


def normalise(lang: str | None) -> str:
    """``en-GB.UTF-8`` → ``en_GB``; empty → the default language."""
    if not lang:
        return DEFAULT_LANGUAGE
    lang = lang.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    if lang in ("C", "POSIX"):
        return DEFAULT_LANGUAGE
    return lang


def language_from_environment(environ: dict[str, str] | None = None) -> str:
    """The interface language from ``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG``, if we ship it."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if not value:
            continue
        for item in value.split(":"):
            lang = normalise(item)
            base = lang.split("_", 1)[0]
            if base == DEFAULT_LANGUAGE or (paths.locales_dir() / base).is_dir():
                return base
    return DEFAULT_LANGUAGE


def set_language(lang: str | None) -> str:
    """Make ``lang`` the interface language; returns the language now in use."""
    global _current, _current_language
    _current_language = normalise(lang)
    _current = translations(_current_language)
    return _current_language


def current_language() -> str:
    """The interface language in use."""
    return _current_language


def clear_cache() -> None:
    """Forget loaded catalogues (after a translator edits a ``.po``)."""
    _cache.clear()
    set_language(_current_language)


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count, using the language's plural rules."""
    return _current.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in a context (for words with several meanings)."""
    return _current.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message
