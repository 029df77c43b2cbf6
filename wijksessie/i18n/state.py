"""Which language ``_()`` speaks right now.

Two layers, both read by every ``_()`` call:

* the **interface language** (:func:`set_language`): the one language the
  program talks to the facilitator in. It is process-wide on purpose: the
  full-screen program runs every screen in its own asyncio task, and a
  language switch must reach all of them at once.
* a **scoped language** (:func:`use_language`): a ``contextvars.ContextVar``
  set for one block — say, while one letter is written in Turkish. It is
  visible only in that thread/task and undone on leaving the block, so a
  letter built in a background worker never changes what the screens show.

:func:`record_untranslated` lets a caller see which texts fell back to Dutch
while it ran (the letter uses it to warn about half-translated languages).
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext as _gettext
from collections.abc import Iterator

from wijksessie.i18n.catalogues import DEFAULT_LANGUAGE, normalise, own_catalogues, translations

#: Marks around a text that stayed Dutch while :func:`record_untranslated` ran with
#: ``mark=True`` (private-use characters: never typed, never escaped). The letter
#: turns them into ``lang="nl"`` and direction isolation, or a visible mark.
DUTCH_START = "\ue000"
DUTCH_END = "\ue001"


class _Interface:
    """The one process-wide interface language and its catalogue chain."""

    def __init__(self) -> None:
        self.lang = DEFAULT_LANGUAGE
        self.chain: _gettext.NullTranslations = _gettext.NullTranslations()


_interface = _Interface()
_scoped: contextvars.ContextVar[tuple[str, _gettext.NullTranslations] | None] = contextvars.ContextVar(
    "wijksessie_language", default=None
)


def _active() -> _gettext.NullTranslations:
    scoped = _scoped.get()
    return scoped[1] if scoped is not None else _interface.chain


def set_language(lang: str | None) -> str:
    """Make ``lang`` the interface language; returns the language now in use."""
    _interface.lang = normalise(lang)
    _interface.chain = translations(_interface.lang)
    return _interface.lang


def current_language() -> str:
    """The language ``_()`` speaks here: the scoped one inside :func:`use_language`, else the interface's."""
    scoped = _scoped.get()
    return scoped[0] if scoped is not None else _interface.lang


def interface_language() -> str:
    """The interface language, whatever block we are in."""
    return _interface.lang


@contextlib.contextmanager
def use_language(lang: str | None, *, chain: _gettext.NullTranslations | None = None) -> Iterator[str]:
    """Let ``_()`` speak ``lang`` inside this block only (this thread or task), then switch back.

    ``with use_language("tr"): text = render(...)`` — the interface language
    is never touched, also not by an error inside the block.
    """
    code = normalise(lang)
    token = _scoped.set((code, chain or translations(code)))
    try:
        yield code
    finally:
        _scoped.reset(token)


def refresh() -> None:
    """Reload the interface language's catalogues (after :func:`clear_cache`)."""
    set_language(_interface.lang)


# ----------------------------------------------------------------------------- translating


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a count, using the language's plural rules."""
    return _active().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """Translate ``message`` in a context (for words with several meanings)."""
    return _active().pgettext(context, message)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet."""
    return message


def gettext_in(lang: str | None, message: str) -> str:
    """Translate ``message`` into ``lang`` without changing the interface language."""
    return translations(lang).gettext(message)


def ngettext_in(lang: str | None, singular: str, plural: str, n: int) -> str:
    """:func:`ngettext` for one given language."""
    return translations(lang).ngettext(singular, plural, n)


def translate_if_known(message: str, lang: str | None = None) -> str:
    """``message`` in ``lang`` when a catalogue has it, else unchanged — for names that may be our own
    (a theme from the shipped list) or typed by a facilitator (a theme of their own); never counted as missing."""
    if not message:
        return message
    code = normalise(lang) if lang else current_language()
    if code == current_language():
        active = _active()  # no catalogue look-up per name; a Recorder's own chain, so nothing is counted
        return getattr(active, "chain", active).gettext(message)
    return translations(code).gettext(message)


# ----------------------------------------------------------------------------- texts that stayed Dutch


class Recorder(_gettext.NullTranslations):
    """A catalogue chain for one language that notes every text it had to leave in Dutch.

    With ``mark=True`` such a text comes back between :data:`DUTCH_START` and
    :data:`DUTCH_END`, so a letter can keep the Dutch sentence's own direction
    inside an Arabic letter, or show the reader which parts are Dutch.
    """

    def __init__(self, lang: str, *, mark: bool = False) -> None:
        super().__init__()
        self.lang = normalise(lang)
        self.chain = translations(self.lang)
        self.own = own_catalogues(self.lang)
        self.mark = mark
        self.missing: dict[str, None] = {}  # ordered set of Dutch source texts
        if self.lang.split("_", 1)[0] == DEFAULT_LANGUAGE:
            # Dutch lacks nothing: answer straight from the catalogue (the letter's hot path).
            self.gettext = self.chain.gettext  # type: ignore[method-assign]
            self.ngettext = self.chain.ngettext  # type: ignore[method-assign]
            self.pgettext = self.chain.pgettext  # type: ignore[method-assign]
            self.npgettext = self.chain.npgettext  # type: ignore[method-assign]

    def _has(self, key: str | tuple[str, int]) -> bool:
        return any(key in getattr(c, "_catalog", {}) for c in self.own)

    def _note(self, source: str, text: str) -> str:
        if self.lang.split("_", 1)[0] == DEFAULT_LANGUAGE:
            return text
        self.missing.setdefault(source, None)
        return f"{DUTCH_START}{text}{DUTCH_END}" if self.mark else text

    def gettext(self, message: str) -> str:
        text = self.chain.gettext(message)
        return text if self._has(message) else self._note(message, text)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        text = self.chain.ngettext(msgid1, msgid2, n)
        return text if self._has((msgid1, 0)) else self._note(msgid1, text)

    def pgettext(self, context: str, message: str) -> str:
        text = self.chain.pgettext(context, message)
        return text if self._has(f"{context}\x04{message}") else self._note(message, text)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        text = self.chain.npgettext(context, msgid1, msgid2, n)
        return text if self._has((f"{context}\x04{msgid1}", 0)) else self._note(msgid1, text)


@contextlib.contextmanager
def record_untranslated(lang: str | None, *, mark: bool = False) -> Iterator[Recorder]:
    """Speak ``lang`` in this block, noting every text that is not yet translated into it.

    ``with record_untranslated("tr") as rec: ...; rec.missing`` — the Dutch
    source texts that had to be used, in the order they came up.
    """
    recorder = Recorder(normalise(lang), mark=mark)
    with use_language(recorder.lang, chain=recorder):
        yield recorder
