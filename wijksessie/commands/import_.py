"""The ``import`` command: merge JSON exports from other laptops into the data folder."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, out, store
from wijksessie.i18n import _


def cmd_import(args: argparse.Namespace) -> int:
    """Merge JSON exports from other laptops into the data folder, without duplicates."""
    from wijksessie import importer

    for result in importer.import_files(store(args), args.files, accept_contact=args.accept_contact):
        out(result.describe())
    return 0


def setup_import(p: Parser) -> None:
    p.add_argument("files", nargs="+", metavar=_("BESTAND"))
    p.add_argument("--accept-contact", action="store_true",
                   help=_("het aanspreekpunt uit het bestand overnemen als het anders is dan hier"))
    p.set_defaults(func=cmd_import)
