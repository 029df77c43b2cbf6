"""The commands of ``wijksessie``, one small module per command.

Each module holds the function that adds the command's options to its parser
(``setup_<command>``) and the function that runs it (``cmd_<command>``) side
by side. :data:`wijksessie.cli.COMMANDS` lists the commands in the order
``--help`` shows them, each with its one-line help and its ``setup_``
function; a command's module is imported only when that command runs (not
for ``--help``), and its handler imports what it needs inside the function,
so ``--help`` and the short commands start fast.

A module is named after its command, with ``-`` written ``_``; a name that is a
Python keyword or built-in gets a trailing ``_`` (:mod:`.open_`, :mod:`.list_`,
:mod:`.import_`), and ``i18n`` is :mod:`.translations` (beside
:mod:`wijksessie.i18n`, the language layer).

* Make and fill a session: :mod:`.open_` (also no command: the full-screen
  program), :mod:`.new`, :mod:`.list_`, :mod:`.add`, :mod:`.vote`, :mod:`.contact`
* Follow-up: :mod:`.decide`, :mod:`.history`, :mod:`.agreement`, :mod:`.evaluate`
* Documents (``-o FILE``/``--force``): :mod:`.export`, :mod:`.letter`, :mod:`.report`
* Session files in and back: :mod:`.import_`, :mod:`.restore`
* Residents' personal data: :mod:`.person`, :mod:`.people`, :mod:`.forget`,
  :mod:`.purge`, :mod:`.anonymise`, :mod:`.privacy_ok`
* Content and translations: :mod:`.check`, :mod:`.translations` (``i18n``)
* :mod:`.common` — what several commands share (parser class, store, output,
  ``-o``/``--force``, the warnings about personal data and skipped sessions)
"""
