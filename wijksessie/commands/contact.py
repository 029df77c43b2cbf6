"""The ``contact`` command: the session's contact person for residents."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from wijksessie.commands.common import Parser, out, store
from wijksessie.errors import UserError
from wijksessie.i18n import _

if TYPE_CHECKING:
    from wijksessie.model import Session


def cmd_contact(args: argparse.Namespace) -> int:
    def change(session: Session) -> None:
        c = session.contact
        c.name = args.name.strip()
        for key in ("role", "phone", "email", "hours"):
            value = getattr(args, key)
            if value is not None:
                setattr(c, key, value.strip())

    if not args.name.strip():
        raise UserError(_("Het aanspreekpunt heeft een naam nodig. Geef die op met --name."))
    with store(args).open(args.session) as sf:
        sf.update(change)
    out(_("Aanspreekpunt opgeslagen: {name}").format(name=args.name.strip()))
    return 0


def setup_contact(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("--name", required=True)
    p.add_argument("--role")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--hours", help=_("wanneer bereikbaar"))
    p.set_defaults(func=cmd_contact)
