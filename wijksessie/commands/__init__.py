"""The commands of ``wijksessie``, one small module per group.

Each module holds, per command, the function that adds its options to the
parser (``setup_<command>``) and the function that runs it (``cmd_<command>``)
side by side. :func:`wijksessie.cli.build_parser` calls the ``setup_``
functions in the order ``--help`` lists them. Handlers import what they need
inside the function, so ``--help`` and the short commands start fast.

* :mod:`.session` — ``open``, ``new``, ``list``, ``add``, ``vote``, ``contact``
* :mod:`.followup` — ``decide``, ``history``, ``agreement``, ``evaluate``
* :mod:`.documents` — ``export``, ``report``
* :mod:`.letter` — ``letter`` (the session's letter, personal, update and example letters)
* :mod:`.data` — ``import``, ``restore``
* :mod:`.people` — ``person``, ``people``, ``forget``, ``purge``, ``anonymise``, ``privacy-ok``
* :mod:`.content` — ``check``
* :mod:`.translations` — ``i18n`` (the translator's workflow)
* :mod:`.common` — what several commands share (store, output, ``-o``/``--force``)
"""
