"""The ``history`` command: every answer one point got, oldest first."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, out, store
from wijksessie.i18n import _


def cmd_history(args: argparse.Namespace) -> int:
    """Every answer a point got, oldest first: when, who recorded it, what residents were told."""
    from wijksessie import feedback
    from wijksessie.enums import DecisionStatus
    from wijksessie.safe_text import terminal_safe

    with store(args).open(args.session, readonly=True) as sf:
        c = sf.contribution(args.contribution)
    out(terminal_safe(" ".join(c.text.split()), oneline=True))
    entries = feedback.history_entries(c)
    if not entries:
        out(_("Nog geen antwoord vastgelegd."))
    for entry in entries:
        line = f"{(entry['at'] or '')[:10]:10}  {DecisionStatus(entry['status']).label}"
        if entry["due"]:
            line += "  " + _("klaar op {date}").format(date=entry["due"])
        if entry["reason"]:
            line += "  " + _("uitleg: {reason}").format(reason=entry["reason"])
        if entry["by"]:
            line += "  " + _("vastgelegd door: {who}").format(who=entry["by"])
        out(terminal_safe(line, oneline=True))
    return 0


def setup_history(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("contribution", metavar="INBRENG")
    p.set_defaults(func=cmd_history)
