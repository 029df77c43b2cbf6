"""The ``person`` command: record a resident who wants a letter or wants to help (with consent)."""

from __future__ import annotations

import argparse
import sys

from wijksessie import i18n
from wijksessie.commands.common import Parser, out, store
from wijksessie.enums import ConsentHow, PersonPurpose
from wijksessie.i18n import _


def cmd_person(args: argparse.Namespace) -> int:
    from wijksessie.model import Person

    person = Person.new(args.name, purpose=args.purpose, consent_how=args.consent_how, email=args.email or "",
                        address=args.address or "", language=i18n.check_language(args.person_lang or "nl"))
    with store(args).open(args.session) as sf:
        person = sf.add_person(person)
    out(person.receipt)
    sys.stderr.write(
        _("Geef deze code aan de bewoner. Met de code kan hij of zij later vragen welke gegevens we hebben, of ze laten weghalen.")
        + "\n"
    )
    return 0


def setup_person(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("--name", required=True, help=_("naam"))
    p.add_argument("--email", help=_("e-mailadres"))
    p.add_argument("--address", help=_("postadres"))
    p.add_argument("--lang", dest="person_lang", metavar=_("TAAL"), help=_("taal voor de brief, bijvoorbeeld nl of tr"))
    p.add_argument("--purpose", required=True, choices=PersonPurpose.choices(), help=_("waarvoor: een brief, of meehelpen"))
    p.add_argument("--consent-how", required=True, choices=ConsentHow.choices(),
                   help=_("hoe de bewoner ja heeft gezegd"))
    p.set_defaults(func=cmd_person)
