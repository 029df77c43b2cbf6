"""Catalogues: reading, compiling and caching ``locales/<lang>/LC_MESSAGES/messages.po``.

A compiled ``.mo`` beside a ``.po`` is used when it is at least as new as the
``.po``; otherwise the ``.po`` is compiled in memory (and cached per user), so
an edited ``.po`` is never silently ignored. A language is "shipped" as soon as
its folder holds a ``.po`` — adding a language never needs a code change.

Rules a translator can rely on (see ``locales/README.md``):

* an empty ``msgstr`` falls back — to the base language (``fy_NL`` → ``fy``),
  then to the Dutch catalogue, then to the Dutch source text; never to "";
* entries flagged ``fuzzy`` are not used (as in GNU gettext); our own
  "please check" marker is the translator comment ``# needs-review``, which
  keeps the translation in use.
"""

from __future__ import annotations

import contextlib
import functools
import gettext as _gettext
import io
import logging
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING

from wijksessie import paths

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

log = logging.getLogger("wijksessie.i18n")

DEFAULT_LANGUAGE = "nl"
DOMAIN = "messages"

#: Translator comment that marks a translation as "written by a non-native
#: speaker, please check". Unlike the ``fuzzy`` flag it keeps the text in use.
REVIEW_MARK = "needs-review"

_cache: dict[tuple[str, str, str], _gettext.NullTranslations] = {}


@functools.lru_cache(maxsize=256)
def normalise(lang: str | None) -> str:
    """``en-GB.UTF-8`` → ``en_GB``; empty → the default language."""
    if not lang:
        return DEFAULT_LANGUAGE
    lang = lang.strip().split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    if lang in ("C", "POSIX", ""):
        return DEFAULT_LANGUAGE
    return lang


def read_catalogue(po: Path, lang: str | None = None) -> Catalog:
    """Read a ``.po`` file into a Babel ``Catalog`` (the language from its folder if not given)."""
    from babel.messages.pofile import read_po

    if lang is None:
        lang = po.parent.parent.name
    with po.open("rb") as fh, contextlib.redirect_stdout(io.StringIO()):
        # A code CLDR does not know is kept as the identifier, without locale data.
        # Babel prints an English "WARNING:" line for every entry it cannot read;
        # ``wijksessie i18n check`` says what is wrong in Dutch instead.
        return read_po(fh, locale=lang)


def keep_plural_header(catalog: Catalog) -> None:
    """Make Babel write the catalogue's own ``Plural-Forms`` also for a language CLDR does not know.

    Babel only writes that header when it knows the locale; without it, a new
    language (say ``pap``) would silently get two plural forms. A stand-in
    locale is enough: the rule itself comes from the file's header, and the
    ``Language`` header keeps the real code.
    """
    if catalog.locale is None:
        from babel import Locale

        catalog._locale = Locale.parse("en")


def compile_catalogue(catalog: Catalog, out: IO[bytes]) -> None:
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


def catalogue_file(locales: Path, lang: str, domain: str = DOMAIN) -> _gettext.NullTranslations | None:
    """The one catalogue of ``lang`` (no fallbacks), or ``None`` when there is none (or it is broken)."""
    folder = locales / lang / "LC_MESSAGES"
    po = folder / f"{domain}.po"
    mo = folder / f"{domain}.mo"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if po.is_file():
        cached = _compiled_cache_path(po)
        if cached is not None and cached.is_file():
            try:
                with cached.open("rb") as fh:
                    return _gettext.GNUTranslations(fh)
            except Exception as exc:  # noqa: BLE001 - an unreadable or damaged cache is rebuilt from the .po
                log.info("ignoring cached catalogue %s (%s)", cached, exc)
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


def candidates(lang: str | None) -> list[str]:
    """The catalogues asked in turn for ``lang``: ``fy_NL`` → ``fy`` → ``nl``."""
    lang = normalise(lang)
    found = [lang]
    if "_" in lang:
        found.append(lang.split("_", 1)[0])
    if DEFAULT_LANGUAGE not in found:
        # The Dutch catalogue may correct a source text without a code change.
        found.append(DEFAULT_LANGUAGE)
    return found


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
    for candidate in candidates(lang):
        found = catalogue_file(locales, candidate, domain)
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


def own_catalogues(lang: str | None, domain: str = DOMAIN) -> list[_gettext.NullTranslations]:
    """The catalogues of ``lang`` itself (``fy_NL`` and ``fy``), without the Dutch fallback."""
    locales = paths.locales_dir()
    found = []
    for candidate in candidates(lang):
        if candidate == DEFAULT_LANGUAGE:
            continue
        one = catalogue_file(locales, candidate, domain)
        if one is not None:
            found.append(one)
    return found


def catalogue_languages(*, po_only: bool = False) -> list[str]:
    """Codes of the folders under ``locales/`` that hold a catalogue (a ``.po``; or a ``.mo`` too)."""
    locales = paths.locales_dir()
    found = set()
    if locales.is_dir():
        for folder in locales.iterdir():
            lc = folder / "LC_MESSAGES"
            if (lc / f"{DOMAIN}.po").is_file() or (not po_only and (lc / f"{DOMAIN}.mo").is_file()):
                found.add(folder.name)
    return sorted(found)


def available_languages() -> list[str]:
    """Languages the program can speak and write letters in: Dutch and every catalogue, sorted by code."""
    return sorted({DEFAULT_LANGUAGE, *catalogue_languages()})


def clear_cache() -> None:
    """Forget loaded catalogues (after a translator edits a ``.po``)."""
    _cache.clear()
