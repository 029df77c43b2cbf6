"""The ``decide`` command: what happens with a contribution (status, reason, who, when)."""

from __future__ import annotations

import argparse

from wijksessie import i18n
from wijksessie.commands.common import Parser, check_date, out, store
from wijksessie.enums import DecisionStatus
from wijksessie.i18n import _


def cmd_decide(args: argparse.Namespace) -> int:
    check_date(args.due, "--due")
    with store(args).open(args.session) as sf:
        c = sf.decide(
            args.contribution,
            args.status,
            reason=args.reason or "",
            organisation=args.org or "",
            owner=args.owner or "",
            due=args.due,
            quick_win=args.quick_win,
            recorded_by=args.by or "",
        )
        remaining = sum(1 for x in sf.contributions() if not x.decision.status.answered)
    out(_("Punt: {id}. Besluit: {status}.").format(id=c.id, status=c.decision.status.label) + " " + i18n.ngettext(
        "Nog {n} punt zonder besluit.", "Nog {n} punten zonder besluit.", remaining).format(n=remaining))
    return 0


def setup_decide(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("contribution", metavar="INBRENG")
    p.add_argument("--status", required=True, choices=DecisionStatus.choices())
    p.add_argument("--reason", help=_("uitleg in gewone woorden (verplicht bij not_adopted)"))
    p.add_argument("--org", help=_("organisatie (verplicht bij referred)"))
    p.add_argument("--owner", help=_("wie het oppakt"))
    p.add_argument("--due", help=_("wanneer klaar, JJJJ-MM-DD"))
    p.add_argument("--quick-win", action="store_true", help=_("kan snel gebeuren"))
    p.add_argument("--by", metavar=_("WIE"), help=_("wie dit vastlegt: uw functie of naam (geen bewoner)"))
    p.set_defaults(func=cmd_decide)
