"""The translator's workflow: collect texts, update catalogues, add a language, check them.

Run as ``wijksessie i18n COMMAND`` (the command line is in ``wijksessie/commands/translations.py``):

* ``update`` — collect every text (Python code, agendas and themes, letter
  templates; configured in ``pyproject.toml`` ``[tool.babel]``) into
  ``locales/messages.pot`` and bring every ``locales/<lang>/LC_MESSAGES/messages.po``
  up to date with it. Existing translations and comments are kept.
* ``init LANG`` — start a new language from the template.
* ``status [LANG]`` — per language: translated, needing review, fuzzy, missing;
  with a language, the texts it still lacks, the letter's first.
* ``check [LANG]`` — fail on broken catalogues (placeholders that differ from the
  source, invalid plural forms, unreadable files); with a language, also
  whether every text residents read is translated.
* ``compile`` — build ``.mo`` files (optional: the program reads a ``.po``
  directly when its ``.mo`` is missing or older).

By subject:

* :mod:`.catalogues` — where the files are; ``update``, ``init``, ``compile``
* :mod:`.validate` — is a ``.po`` file valid (:func:`check_catalogue`, :func:`check`)
* :mod:`.status` — counts per language, what one language lacks, ready to ship

Everything uses Babel's Python API; no gettext tools are needed. Nothing here
imports the command line (``wijksessie.cli`` or ``wijksessie.commands``).
"""

from __future__ import annotations

from wijksessie.i18n_tools.catalogues import (
    PLURAL_FORMS,
    TEMPLATE_NAME,
    UpdateResult,
    catalogue_path,
    compile_all,
    extract,
    init,
    languages,
    locales_dir,
    read_catalogue,
    read_template,
    template_path,
    update,
)
from wijksessie.i18n_tools.status import (
    RESIDENT_SOURCES,
    LanguageStatus,
    Missing,
    Readiness,
    _has_translation,
    _is_resident_text,
    letter_model_texts,
    missing,
    needs_review,
    readiness,
    status,
)
from wijksessie.i18n_tools.validate import Problem, check, check_catalogue, placeholders, raw_header

__all__ = [
    "PLURAL_FORMS", "RESIDENT_SOURCES", "TEMPLATE_NAME",
    "LanguageStatus", "Missing", "Problem", "Readiness", "UpdateResult",
    "_has_translation", "_is_resident_text",
    "catalogue_path", "check", "check_catalogue", "compile_all", "extract", "init", "languages",
    "letter_model_texts", "locales_dir", "missing", "needs_review", "placeholders", "raw_header",
    "read_catalogue", "read_template", "readiness", "status", "template_path", "update",
]
