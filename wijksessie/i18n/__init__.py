"""Translation of everything the user sees: the one language and formatting surface.

Source strings (msgids) are plain Dutch (B1): Dutch is the default language
and the fallback for any message a catalogue lacks. ``_()`` always asks the
*current* language, so a module may import ``_`` once and the program can
still switch language while it runs. Class-level strings are marked with
``N_()`` and translated where they are shown.

What lives where (import everything from ``wijksessie.i18n``):

* :mod:`~wijksessie.i18n.catalogues` — reading, compiling and caching the
  ``.po`` files; :func:`translations` for one language; :func:`available_languages`;
* :mod:`~wijksessie.i18n.state` — the language ``_()`` speaks: the interface
  language (:func:`set_language`) and a ``ContextVar`` for one block
  (:func:`use_language`, e.g. one letter in Turkish); :func:`record_untranslated`;
* :mod:`~wijksessie.i18n.languages` — the list to offer (:func:`language_choices`)
  and checking a typed code (:func:`check_language`);
* :mod:`~wijksessie.i18n.formatting` — dates, numbers, lists, plural forms,
  quotation marks, capitals (Turkish dotted i) and text direction, from CLDR;
* :mod:`~wijksessie.i18n.argparse_texts` — argparse's own words in our language.

Importing this package loads neither Babel nor Textual; Babel is loaded the
first time a ``.po`` is compiled or a date is formatted.
"""

from __future__ import annotations

from wijksessie.i18n.argparse_texts import ARGPARSE_TEXTS, translate_argparse
from wijksessie.i18n.catalogues import (
    DEFAULT_LANGUAGE,
    DOMAIN,
    REVIEW_MARK,
    available_languages,
    catalogue_file,
    catalogue_languages,
    compile_catalogue,
    keep_plural_header,
    normalise,
    own_catalogues,
    read_catalogue,
    translations,
)
from wijksessie.i18n.catalogues import clear_cache as _clear_catalogues
from wijksessie.i18n.formatting import (
    DOTTED_I_LANGUAGES,
    FSI,
    PDI,
    QUOTATION_MARKS,
    RTL_LANGUAGES,
    babel_locale,
    date_locale,
    first_upper,
    format_date,
    format_list,
    format_number,
    format_time,
    html_lang,
    isolate,
    isolate_lines,
    language_label,
    language_name,
    lower,
    plural_form,
    quote,
    quote_marks,
    text_direction,
    upper,
)
from wijksessie.i18n.languages import (
    check_language,
    check_languages,
    is_cldr_language,
    language_choices,
    language_from_environment,
)
from wijksessie.i18n.state import (
    DUTCH_END,
    DUTCH_START,
    N_,
    Recorder,
    _,
    current_language,
    gettext_in,
    interface_language,
    ngettext,
    ngettext_in,
    pgettext,
    record_untranslated,
    set_language,
    translate_if_known,
    use_language,
)
from wijksessie.i18n.state import refresh as _refresh


def clear_cache() -> None:
    """Forget loaded catalogues (after a translator edits a ``.po``) and reload the interface language."""
    _clear_catalogues()
    _refresh()


__all__ = [
    "ARGPARSE_TEXTS", "DEFAULT_LANGUAGE", "DOMAIN", "DOTTED_I_LANGUAGES", "DUTCH_END", "DUTCH_START", "FSI", "N_", "PDI", "QUOTATION_MARKS",
    "REVIEW_MARK", "RTL_LANGUAGES", "Recorder", "_", "available_languages", "babel_locale", "catalogue_file",
    "catalogue_languages", "check_language", "check_languages", "clear_cache", "compile_catalogue",
    "current_language", "date_locale", "first_upper", "format_date", "format_list", "format_number", "format_time",
    "gettext_in", "html_lang", "interface_language", "is_cldr_language", "isolate", "isolate_lines", "keep_plural_header",
    "language_choices", "language_from_environment", "language_label", "language_name", "lower", "ngettext", "ngettext_in",
    "normalise", "own_catalogues", "pgettext", "plural_form", "quote", "quote_marks", "read_catalogue",
    "record_untranslated", "set_language", "text_direction", "translate_argparse", "translate_if_known",
    "translations", "upper", "use_language",
]
