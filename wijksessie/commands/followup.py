"""Follow-up after the meeting: ``decide`` (what happens with each contribution), ``agreement``
(how far an agreement has got) and ``evaluate`` (residents' hand-raised evaluation)."""

from __future__ import annotations

import argparse

from wijksessie import i18n
from wijksessie.commands.common import STATUSES, SubParsers, bounded_int, check_date, out, store
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


def setup_decide(sub: SubParsers) -> None:
    p = sub.add_parser("decide", help=_("vastleggen wat er met inbreng gebeurt"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("contribution", metavar="INBRENG")
    p.add_argument("--status", required=True, choices=STATUSES)
    p.add_argument("--reason", help=_("uitleg in gewone woorden (verplicht bij not_adopted)"))
    p.add_argument("--org", help=_("organisatie (verplicht bij referred)"))
    p.add_argument("--owner", help=_("wie het oppakt"))
    p.add_argument("--due", help=_("wanneer klaar, JJJJ-MM-DD"))
    p.add_argument("--quick-win", action="store_true", help=_("kan snel gebeuren"))
    p.add_argument("--by", metavar=_("WIE"), help=_("wie dit vastlegt: uw functie of naam (geen bewoner)"))
    p.set_defaults(func=cmd_decide)


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


def setup_history(sub: SubParsers) -> None:
    p = sub.add_parser("history", help=_("alle antwoorden op één punt, het oudste eerst"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("contribution", metavar="INBRENG")
    p.set_defaults(func=cmd_history)


def cmd_agreement(args: argparse.Namespace) -> int:
    from wijksessie import feedback

    with store(args).open(args.session) as sf:
        a = feedback.set_agreement_state(sf, args.agreement, args.state, reason=args.reason or "",
                                         recorded_by=args.by or "")
    out(_("Afspraak: {id}. Stand: {state}.").format(id=a.id, state=a.state.label))
    return 0


def setup_agreement(sub: SubParsers) -> None:
    from wijksessie.enums import AgreementState

    p = sub.add_parser("agreement", help=_("vastleggen hoe ver een afspraak is"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("agreement", metavar="AFSPRAAK")
    p.add_argument("--state", required=True, choices=AgreementState.choices())
    p.add_argument("--reason", help=_("uitleg in gewone woorden (verplicht bij stopped)"))
    p.add_argument("--by", metavar=_("WIE"), help=_("wie dit vastlegt: uw functie of naam (geen bewoner)"))
    p.set_defaults(func=cmd_agreement)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from wijksessie import feedback

    with store(args).open(args.session) as sf:
        counts = feedback.record_evaluation(sf, satisfied=args.satisfied, neutral=args.neutral,
                                            not_satisfied=args.not_satisfied, follow_up=args.follow_up)
    out(_("Tevreden: {a}, neutraal: {b}, niet tevreden: {c}.").format(
        a=counts.satisfied, b=counts.neutral, c=counts.not_satisfied))
    return 0


def setup_evaluate(sub: SubParsers) -> None:
    p = sub.add_parser("evaluate", help=_("de handen tellen: hoe tevreden bewoners zijn"))
    p.add_argument("session", metavar="SESSIE")
    for flag in ("--satisfied", "--neutral", "--not-satisfied"):
        p.add_argument(flag, type=bounded_int(0, 100_000), default=0, metavar="N")
    p.add_argument("--follow-up", action="store_true",
                   help=_("over wat er daarna met de punten gebeurde (anders: over het gesprek zelf)"))
    p.set_defaults(func=cmd_evaluate)
