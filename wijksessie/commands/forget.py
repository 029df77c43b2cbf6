"""The ``forget`` command: remove a resident everywhere, the backup included."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, out, say_failed, store
from wijksessie.i18n import _


def cmd_forget(args: argparse.Namespace) -> int:
    """Remove a resident everywhere; say each change, and each copy that could not be cleaned."""
    from wijksessie.model import Person

    with store(args).open(args.session) as sf:
        report = sf.forget(args.person)
    assert isinstance(report.person, Person), "forget always says whom it removed"
    code = report.person.receipt
    out(_("De gegevens zijn weggehaald uit de sessie en uit de reservekopie. Code van de bewoner: {code}.").format(code=code))
    for line in report.changed:
        out("  " + line)
    say_failed(report.failed)
    return 0


def setup_forget(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("person", metavar=_("CODE"), help=_("de code van de bewoner, of de naam"))
    p.set_defaults(func=cmd_forget)
