"""The ``privacy-ok`` command: let a point with personal data into the letter as it is, with a reason."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, out, store
from wijksessie.i18n import _


def cmd_privacy_ok(args: argparse.Namespace) -> int:
    """Let a flagged point into the letter as it is, with the facilitator's reason (kept with the point)."""
    from wijksessie import privacy

    with store(args).open(args.session) as sf:
        c = sf.contribution(args.contribution)
        hints = privacy.personal_data_hints(c.text)
        if not hints:
            out(_("In dit punt staan geen persoonsgegevens: {id}. Het staat al zo in de brief.").format(id=c.id))
            return 0
        cleared = privacy.clear(c, args.reason)
        sf.update_contribution(cleared)
    out(_("Dit punt komt zoals het is in de brief: {id}. Reden: {reason}").format(
        id=c.id, reason=cleared.privacy_ok["reason"]))
    return 0


def setup_privacy_ok(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("contribution", metavar="INBRENG")
    p.add_argument("--reason", required=True, help=_("waarom dit in de brief mag, bijvoorbeeld: nummer van het buurthuis"))
    p.set_defaults(func=cmd_privacy_ok)
