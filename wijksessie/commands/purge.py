"""The ``purge`` command: remove all personal data from sessions older than a date."""

from __future__ import annotations

import argparse
import sys

from wijksessie import i18n
from wijksessie.commands.common import Parser, out, say_failed, store
from wijksessie.errors import UserError
from wijksessie.i18n import _


def cmd_purge(args: argparse.Namespace) -> int:
    from wijksessie.model import parse_date

    before = parse_date(args.before, "--before")
    if before is None:
        raise UserError(_("Er staat geen datum bij --before. Geef een datum op, bijvoorbeeld: --before 2025-01-01"))
    results = store(args).purge(before)
    problems = 0
    for r in results:
        if r.problem:
            problems += 1
            from wijksessie.safe_text import terminal_safe

            sys.stderr.write(terminal_safe(f"{r.session_id}: {r.problem}", oneline=True) + "\n")  # may quote the file
            continue
        if r.contact:
            line = _("Sessie: {id}. Personen weggehaald: {people}. Inbreng aangepast: {texts}. "
                     "Het aanspreekpunt is gewist.")
        else:
            line = _("Sessie: {id}. Personen weggehaald: {people}. Inbreng aangepast: {texts}. "
                     "Er was geen aanspreekpunt.")
        out(line.format(id=r.session_id, people=r.people, texts=r.texts))
        for line in r.changed:
            out("  " + line)
        say_failed(r.failed)
    if not results:
        out(_("Geen sessies van voor {date}.").format(date=before.isoformat()))
    if problems:
        raise UserError(
            i18n.ngettext(
                "{n} sessie kon niet worden opgeschoond; zie hierboven. Los dat op en probeer het opnieuw.",
                "{n} sessies konden niet worden opgeschoond; zie hierboven. Los dat op en probeer het opnieuw.",
                problems,
            ).format(n=problems)
        )
    return 0


def setup_purge(p: Parser) -> None:
    p.add_argument("--before", required=True, help=_("sessies van voor deze datum, JJJJ-MM-DD"))
    p.set_defaults(func=cmd_purge)
