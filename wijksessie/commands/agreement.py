"""The ``agreement`` command: how far an agreement has got."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, out, store
from wijksessie.i18n import _


def cmd_agreement(args: argparse.Namespace) -> int:
    from wijksessie import feedback

    with store(args).open(args.session) as sf:
        a = feedback.set_agreement_state(sf, args.agreement, args.state, reason=args.reason or "",
                                         recorded_by=args.by or "")
    out(_("Afspraak: {id}. Stand: {state}.").format(id=a.id, state=a.state.label))
    return 0


def setup_agreement(p: Parser) -> None:
    from wijksessie.enums import AgreementState

    p.add_argument("session", metavar="SESSIE")
    p.add_argument("agreement", metavar="AFSPRAAK")
    p.add_argument("--state", required=True, choices=AgreementState.choices())
    p.add_argument("--reason", help=_("uitleg in gewone woorden (verplicht bij stopped)"))
    p.add_argument("--by", metavar=_("WIE"), help=_("wie dit vastlegt: uw functie of naam (geen bewoner)"))
    p.set_defaults(func=cmd_agreement)
