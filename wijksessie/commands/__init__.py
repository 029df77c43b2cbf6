"""The commands of ``wijksessie``, one small module per group.

Each module holds, per command, the function that adds its options to the
parser (``setup_<command>``) and the function that runs it (``cmd_<command>``)
side by side. :func:`wijksessie.cli.build_parser` calls the ``setup_``
functions in the order ``--help`` lists them. Handlers import what they need
inside the function, so ``--help`` and the short commands start fast.

* :mod:`.session` — ``open``, ``new``, ``list``, ``add``, ``vote``, ``contact``
* :mod:`.followup` — ``decide``
* :mod:`.documents` — ``export``, ``letter``, ``report``
* :mod:`.data` — ``import``, ``restore``
* :mod:`.people` — ``person``, ``people``, ``forget``, ``purge``, ``anonymise``
* :mod:`.content` — ``check``, ``i18n``
* :mod:`.common` — what several commands share (store, output, ``-o``/``--force``)
"""
