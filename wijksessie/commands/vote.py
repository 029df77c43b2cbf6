"""The ``vote`` command: add votes to a theme (a negative number takes them away)."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, bounded_int, out, store


def cmd_vote(args: argparse.Namespace) -> int:
    with store(args).open(args.session) as sf:
        count = sf.vote(args.theme, args.n)
    out(f"{args.theme}: {count}")
    return 0


def setup_vote(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("theme", metavar="THEMA")
    from wijksessie.limits import MAX_VOTES

    p.add_argument("n", metavar="N", nargs="?", type=bounded_int(-MAX_VOTES, MAX_VOTES), default=1)
    p.set_defaults(func=cmd_vote)
