"""The ``report`` command: the overview across meetings per neighbourhood (``-o FILE``/``--force``)."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, add_output_options, store, warn_skipped, write_output
from wijksessie.i18n import _


def cmd_report(args: argparse.Namespace) -> int:
    """The overview across meetings, per neighbourhood, with the figures for a grant application."""
    from wijksessie import report
    from wijksessie.model import parse_date

    since = parse_date(args.since, "--since")
    sessions = store(args)
    result = report.build_report(sessions, neighbourhood=args.neighbourhood, since=since)
    warn_skipped(sessions)
    if args.format == "csv":
        args.bom = True  # Dutch Excel needs the BOM to read UTF-8
    write_output(args, report.render_report(result, args.format))
    return 0


def setup_report(p: Parser) -> None:
    p.add_argument("--neighbourhood", metavar=_("WIJK"), help=_("alleen deze wijk"))
    p.add_argument("--since", metavar=_("DATUM"), help=_("alleen gesprekken vanaf deze datum, JJJJ-MM-DD"))
    p.add_argument("--format", default="md", choices=("md", "csv", "json"), help=_("standaard md"))
    add_output_options(p)
    p.set_defaults(func=cmd_report)
