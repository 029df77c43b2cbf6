"""The ``anonymise`` command: take phone numbers, e-mail addresses and names out of a contribution."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, out, store


def cmd_anonymise(args: argparse.Namespace) -> int:
    from wijksessie import privacy

    with store(args).open(args.session) as sf:
        c = sf.contribution(args.contribution)
        clean = privacy.anonymise(c.text)
        if clean != c.text:
            sf.edit_contribution(c.id, text=clean)
    out(clean)
    return 0


def setup_anonymise(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("contribution", metavar="INBRENG")
    p.set_defaults(func=cmd_anonymise)
