"""The ``evaluate`` command: residents' evaluation, counted by raised hands."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, bounded_int, out, store
from wijksessie.i18n import _


def cmd_evaluate(args: argparse.Namespace) -> int:
    from wijksessie import feedback

    with store(args).open(args.session) as sf:
        counts = feedback.record_evaluation(sf, satisfied=args.satisfied, neutral=args.neutral,
                                            not_satisfied=args.not_satisfied, follow_up=args.follow_up)
    out(_("Tevreden: {a}, neutraal: {b}, niet tevreden: {c}.").format(
        a=counts.satisfied, b=counts.neutral, c=counts.not_satisfied))
    return 0


def setup_evaluate(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    for flag in ("--satisfied", "--neutral", "--not-satisfied"):
        p.add_argument(flag, type=bounded_int(0, 100_000), default=0, metavar="N")
    p.add_argument("--follow-up", action="store_true",
                   help=_("over wat er daarna met de punten gebeurde (anders: over het gesprek zelf)"))
    p.set_defaults(func=cmd_evaluate)
