"""The ``export`` command: a session's notes as JSON, Markdown or CSV (``-o FILE``/``--force``)."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, add_output_options, store, write_output
from wijksessie.i18n import _


def cmd_export(args: argparse.Namespace) -> int:
    from wijksessie import export

    with store(args).open(args.session, readonly=True) as sf:
        if args.format == "json":
            text = export.export_json(sf, with_personal_data=args.with_personal_data)
        elif args.format == "md":
            text = export.export_markdown(sf)
        else:
            text = export.export_csv(sf)
            args.bom = True  # Dutch Excel needs the BOM to read UTF-8
    write_output(args, text)
    return 0


def setup_export(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("--format", required=True, choices=("json", "md", "csv"))
    add_output_options(p)
    p.add_argument("--with-personal-data", action="store_true",
                   help=_("ook namen en adressen van bewoners meenemen (alleen als het echt nodig is)"))
    p.set_defaults(func=cmd_export)
