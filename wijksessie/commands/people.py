"""The ``people`` command: the residents recorded in a session, as JSON (what we know of someone)."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, out, store
from wijksessie.i18n import _


def cmd_people(args: argparse.Namespace) -> int:
    import json

    from wijksessie.safe_text import json_safe

    with store(args).open(args.session, readonly=True) as sf:
        people = [sf.person(args.person)] if args.person else sf.people()
    out(json_safe(json.dumps([p.to_dict() for p in people], ensure_ascii=False, indent=2)))
    return 0


def setup_people(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("person", metavar=_("CODE"), nargs="?", help=_("alleen deze bewoner (code of naam)"))
    p.set_defaults(func=cmd_people)
