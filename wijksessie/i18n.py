"""Translation of everything the user sees.

Source strings (msgids) are plain Dutch (B1): Dutch is the default language
and the fallback for any message a catalogue lacks. ``_()`` always asks the
*current* language, so a module may import ``_`` once and the program can
still switch language while it runs. Class-level strings are marked with
``N_()`` and translated where they are shown.

Catalogues live in ``locales/<lang>/LC_MESSAGES/<domain>.po``. A compiled
``.mo`` beside it is used when it is at least as new as the ``.po``;
otherwise the ``.po`` is compiled in memory, so an edited ``.po`` is never
silently ignored. A language is "shipped" as soon as its folder holds a
``.po`` — adding a language never needs a code change.

Rules a translator can rely on (see ``locales/README.md``):

* an empty ``msgstr`` falls back — to the base language (``fy_NL`` → ``fy``),
  then to the Dutch catalogue, then to the Dutch source text; never to "";
* entries flagged ``fuzzy`` are not used (as in GNU gettext); our own
  "please check" marker is the translator comment ``# needs-review``, which
  keeps the translation in use.

Letters in a resident's language use :func:`translations` (a gettext object
for one language, e.g. for Jinja2's ``install_gettext_translations``) or the
:func:`use_language` context manager; dates, numbers and lists go through the
``format_*`` helpers here, which use Babel's CLDR data.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import io
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from wijksessie import paths

if TYPE_CHECKING:  # pragma: no cover
    import datetime as dt

    from babel import Locale

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "nl"
DOMAIN = "messages"

#: Translator comment that marks a translation as "written by a non-native
#: speaker, please check". Unlike the ``fuzzy`` flag it keeps the text in use.
REVIEW_MARK = "needs-review"

_current: _gettext.NullTranslations = _gettext.NullTranslations()
_current_language = DEFAULT_LANGUAGE
_cache: dict[tuple[str, str, str], _gettext.NullTranslations] = {}


# ----------------------------------------------------------------------------- catalogues


def read_catalogue(po: Path, lang: str | None = None):
    """Read a ``.po`` file into a Babel ``Catalog`` (the language from its folder if not given)."""
    from babel.messages.pofile import read_po

    if lang is None:
        lang = po.parent.parent.name
    with po.open("rb") as fh:
        # A code CLDR does not know is kept as the identifier, without locale data.
        return read_po(fh, locale=lang)


def keep_plural_header(catalog) -> None:
    """Make Babel write the catalogue's own ``Plural-Forms`` also for a language CLDR does not know.

    Babel only writes that header when it knows the locale; without it, a new
    language (say ``pap``) would silently get two plural forms. A stand-in
    locale is enough: the rule itself comes from the file's header, and the
    ``Language`` header keeps the real code.
    """
    if catalog.locale is None:
        from babel import Locale

        catalog._locale = Locale.parse("en")


def compile_catalogue(catalog, out) -> None:
    """Write ``catalog`` as a binary ``.mo`` to the file object ``out``.

    Entries without any translation are left out, so they fall back along the
    chain instead of becoming the Dutch text right away; ``fuzzy`` entries are
    left out as GNU ``msgfmt`` does.
    """
    from babel.messages.mofile import write_mo

    for message in list(catalog)[1:]:
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        if not any(strings):
            catalog.delete(message.id, context=message.context)
    keep_plural_header(catalog)
    write_mo(out, catalog, use_fuzzy=False)


def _catalogue_file(locales: Path, lang: str, domain: str) -> _gettext.NullTranslations | None:
    folder = locales / lang / "LC_MESSAGES"
    po = folder / f"{domain}.po"
    mo = folder / f"{domain}.mo"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.is_file():
        cached = _compiled_cache_path(po)
        if cached is not None and cached.is_file():
            with cached.open("rb") as fh:
                return _gettext.GNUTranslations(fh)
        try:
            catalog = read_catalogue(po, lang)
            buf = io.BytesIO()
            compile_catalogue(catalog, buf)
        except Exception as exc:  # noqa: BLE001 - a broken catalogue must not stop the program
            log.warning("cannot read %s (%s); using the fallback language", po, exc)
            return None
        if cached is not None:
            _store_compiled(cached, buf.getvalue())
        buf.seek(0)
        return _gettext.GNUTranslations(buf)
    return None


def _compiled_cache_path(po: Path) -> Path | None:
    """Where the compiled form of this exact ``.po`` (path, size, time) is cached.

    Parsing a ``.po`` with Babel costs ~50 ms at every start; the cache keys on
    the file's size and modification time, so an edited ``.po`` is compiled again.
    """
    import hashlib

    try:
        st = po.stat()
        from platformdirs import user_cache_dir

        root = Path(os.environ.get("WIJKSESSIE_CACHE_DIR") or user_cache_dir("wijksessie", appauthor=False))
    except OSError:
        return None
    key = hashlib.sha1(f"{po.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:20]
    return root / "catalogues" / f"{po.stem}-{key}.mo"


def _store_compiled(path: Path, data: bytes) -> None:
    """Keep a compiled catalogue for the next start; a cache that cannot be written is skipped."""
    try:
        from wijksessie.atomic import write_atomic

        write_atomic(path, data, mode=0o644)
    except OSError as exc:
        log.info("cannot cache compiled catalogue %s (%s)", path, exc)


def translations(lang: str | None, domain: str = DOMAIN) -> _gettext.NullTranslations:
    """The catalogue chain for ``lang``: ``fy_NL`` → ``fy`` → Dutch catalogue → Dutch source text.

    The result has ``gettext``, ``ngettext`` and ``pgettext``; pass it to
    Jinja2's ``Environment.install_gettext_translations`` to render a letter
    in that language while the interface stays in another.
    """
    lang = normalise(lang)
    locales = paths.locales_dir()
    key = (str(locales), lang, domain)
    if key in _cache:
        return _cache[key]
    chain: _gettext.NullTranslations | None = None
    candidates = [lang]
    if "_" in lang:
        candidates.append(lang.split("_", 1)[0])
    if DEFAULT_LANGUAGE not in candidates:
        # The Dutch catalogue may correct a source text without a code change.
        candidates.append(DEFAULT_LANGUAGE)
    for candidate in candidates:
        found = _catalogue_file(locales, candidate, domain)
        if found is None:
            continue
        if chain is None:
            chain = found
        else:
            chain.add_fallback(found)
    if chain is None:
        chain = _gettext.NullTranslations()
    if lang.split("_", 1)[0] != DEFAULT_LANGUAGE and not (locales / lang.split("_", 1)[0]).is_dir():
        log.info("no catalogue for %s in %s; using Dutch", lang, locales)
    _cache[key] = chain
    return chain


def available_languages() -> list[str]:
    """Languages with a catalogue under ``locales/`` (Dutch always included), sorted by code."""
    found = {DEFAULT_LANGUAGE}
    locales = paths.locales_dir()
    if locales.is_dir():
        for folder in locales.iterdir():
            lc = folder / "LC_MESSAGES"
            if (lc / f"{DOMAIN}.po").is_file() or (lc / f"{DOMAIN}.mo").is_file():
                found.add(folder.name)
    return sorted(found)


# ----------------------------------------------------------------------------- choosing a language


def normalise(lang: str | None) -> str:
    """``en-GB.UTF-8`` → ``en_GB``; empty → the default language."""
    if not lang:
        return DEFAULT_LANGUAGE
    lang = lang.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    if lang in ("C", "POSIX", ""):
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
            if not item:
                continue
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


@contextlib.contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Temporarily make ``lang`` the language of ``_()`` (e.g. while writing one letter).

    ``with use_language("tr"): text = render(...)`` — afterwards the previous
    interface language is back, also after an error.
    """
    previous = _current_language
    try:
        yield set_language(lang)
    finally:
        set_language(previous)


def clear_cache() -> None:
    """Forget loaded catalogues (after a translator edits a ``.po``)."""
    _cache.clear()
    set_language(_current_language)


# ----------------------------------------------------------------------------- translating


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


def gettext_in(lang: str | None, message: str) -> str:
    """Translate ``message`` into ``lang`` without changing the interface language."""
    return translations(lang).gettext(message)


def ngettext_in(lang: str | None, singular: str, plural: str, n: int) -> str:
    """:func:`ngettext` for one given language."""
    return translations(lang).ngettext(singular, plural, n)


# ----------------------------------------------------------------------------- argparse

#: argparse's own English texts (Python 3.11–3.13), mapped to our Dutch source
#: texts. Through these the catalogues translate them like any other message.
ARGPARSE_TEXTS: dict[str, str] = {
    "usage: ": N_("gebruik: "),
    "positional arguments": N_("gegevens"),
    "options": N_("opties"),
    "optional arguments": N_("opties"),
    "show this help message and exit": N_("deze hulp tonen en stoppen"),
    "show program's version number and exit": N_("het versienummer tonen en stoppen"),
    "subcommands": N_("opdrachten"),
    "the following arguments are required: %s": N_("dit ontbreekt nog: %s"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_("%(value)r kan niet. Kies uit: %(choices)s"),
    "invalid choice: %(value)r, choose from %(choices)s": N_("%(value)r kan niet. Kies uit: %(choices)s"),
    "argument %(argument_name)s: %(message)s": N_("bij %(argument_name)s: %(message)s"),
    "unrecognized arguments: %s": N_("dit begrijpt het programma niet: %s"),
    "expected one argument": N_("hier hoort één waarde achter"),
    "expected at most one argument": N_("hier hoort hooguit één waarde achter"),
    "expected at least one argument": N_("hier hoort minstens één waarde achter"),
    "invalid %(type)s value: %(value)r": N_("%(value)r is geen goede waarde (%(type)s)"),
    "ambiguous option: %(option)s could match %(matches)s": N_("%(option)s is niet duidelijk. Bedoelt u: %(matches)s"),
    "one of the arguments %s is required": N_("kies een van deze: %s"),
    "not allowed with argument %s": N_("kan niet samen met %s"),
    "ignored explicit argument %r": N_("waarde %r is niet gebruikt"),
    "unknown parser %(parser_name)r (choices: %(choices)s)": N_(
        "de opdracht %(parser_name)r bestaat niet. Kies uit: %(choices)s"
    ),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s: fout: %(message)s\n"),
    "can't open '%(filename)s': %(error)s": N_("kan '%(filename)s' niet openen: %(error)s"),
    "unexpected option string: %s": N_("onverwachte optie: %s"),
}



def _argparse_gettext(message):
    if not message:
        return message
    source = ARGPARSE_TEXTS.get(message)
    return _(source) if source else message


def _argparse_ngettext(singular, plural, n):
    # The one argparse text with a count; written out here so extraction sees a plural entry.
    if singular == "expected %s argument":
        return ngettext("hier hoort %s waarde achter", "hier horen %s waarden achter", n)
    return singular if n == 1 else plural


def translate_argparse() -> None:
    """Let argparse's own texts ("usage:", "show this help message…") follow our language.

    argparse looks its module-level ``_``/``ngettext`` up each time it needs a
    text, so pointing them here is enough; call before building a parser.
    """
    import argparse

    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]


# ----------------------------------------------------------------------------- dates, numbers, lists


def babel_locale(lang: str | None = None) -> "Locale":
    """The Babel ``Locale`` for ``lang`` (default: the interface language); unknown codes → Dutch."""
    from babel import Locale, UnknownLocaleError

    code = normalise(lang or _current_language)
    for candidate in (code, code.split("_", 1)[0], DEFAULT_LANGUAGE):
        try:
            return Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse(DEFAULT_LANGUAGE)  # pragma: no cover - nl is always in CLDR


def format_date(d: "dt.date | dt.datetime | str", lang: str | None = None, format: str = "long") -> str:
    """A date as people write it in ``lang``: ``24 november 2026`` (nl), ``24 Novimber 2026`` (fy).

    ``format`` is ``short``, ``medium``, ``long`` or ``full`` (with the weekday),
    or a CLDR pattern. An ISO text (``2026-11-24``) is accepted too.
    """
    import datetime as dt

    from babel.dates import format_date as _format_date

    if isinstance(d, str):
        d = dt.date.fromisoformat(d)
    return _format_date(d, format=format, locale=babel_locale(lang))


def format_time(t: "dt.time | dt.datetime", lang: str | None = None, format: str = "short") -> str:
    """A time of day in ``lang`` (``19:30`` in Dutch, ``7:30 PM`` in English)."""
    from babel.dates import format_time as _format_time

    return _format_time(t, format=format, locale=babel_locale(lang))


def format_list(items: Iterable[str], lang: str | None = None, style: str = "standard") -> str:
    """``Anna, Bram en Cor`` in Dutch, ``Anna, Bram, and Cor`` in English; ``style="or"`` for "of"."""
    from babel.lists import format_list as _format_list

    return _format_list(list(items), style=style, locale=babel_locale(lang))


def format_number(n: float | int, lang: str | None = None) -> str:
    """A number with the separators of ``lang``: ``1.234,5`` in Dutch, ``1,234.5`` in English."""
    from babel.numbers import format_decimal

    return format_decimal(n, locale=babel_locale(lang))


def language_name(code: str, in_lang: str | None = None) -> str:
    """The name of language ``code``, by default in that language itself (``fy`` → ``Frysk``).

    Shown in language pickers, so residents recognise their own language.
    """
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(normalise(code))
    except (UnknownLocaleError, ValueError):
        return code
    name = locale.get_display_name(babel_locale(in_lang) if in_lang else locale) or code
    return name[:1].upper() + name[1:]


def text_direction(lang: str | None = None) -> str:
    """``"rtl"`` for languages written right to left (Arabic, Persian, Hebrew…), else ``"ltr"``."""
    from babel import Locale, UnknownLocaleError

    try:
        order = Locale.parse(normalise(lang or _current_language)).character_order
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"
