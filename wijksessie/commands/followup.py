"""Follow-up after the meeting: ``decide`` (what happens with each contribution)."""

from __future__ import annotations

from wijksessie.commands.common import STATUSES, check_date, out, store
from wijksessie.i18n import _


def cmd_decide(args) -> int:
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
        )
        remaining = sum(1 for x in sf.contributions() if not x.decision.status.answered)
    out(_("{id}: {status}. Nog {n} zonder besluit.").format(id=c.id, status=c.decision.status.label, n=remaining))
    return 0


def setup_decide(sub) -> None:
    p = sub.add_parser("decide", help=_("vastleggen wat er met inbreng gebeurt"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("contribution", metavar="INBRENG")
    p.add_argument("--status", required=True, choices=STATUSES)
    p.add_argument("--reason", help=_("uitleg in gewone woorden (verplicht bij not_adopted)"))
    p.add_argument("--org", help=_("organisatie (verplicht bij referred)"))
    p.add_argument("--owner", help=_("wie het oppakt"))
    p.add_argument("--due", help=_("wanneer klaar, JJJJ-MM-DD"))
    p.add_argument("--quick-win", action="store_true", help=_("kan snel gebeuren"))
    p.set_defaults(func=cmd_decide)
