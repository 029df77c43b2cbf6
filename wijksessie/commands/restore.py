"""The ``restore`` command: put back the last good version of a damaged session."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, out, store
from wijksessie.i18n import _


def cmd_restore(args: argparse.Namespace) -> int:
    aside = store(args).restore_backup(args.session, force=args.force)
    out(_("De vorige goede versie staat terug. Het beschadigde bestand is bewaard. Het staat hier: {path}").format(path=aside))
    return 0


def setup_restore(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("--force", action="store_true",
                   help=_("ook terugzetten als het bestand goed te lezen is (de laatste wijziging gaat dan verloren)"))
    p.set_defaults(func=cmd_restore)
