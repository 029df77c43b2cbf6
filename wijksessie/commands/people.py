"""Commands about residents' personal data: ``person``, ``people``, ``forget``, ``purge``, ``anonymise``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable

from wijksessie import i18n
from wijksessie.commands.common import SubParsers, out, store
from wijksessie.enums import ConsentHow, PersonPurpose
from wijksessie.errors import UserError
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


def setup_person(sub: SubParsers) -> None:
    p = sub.add_parser("person", help=_("een bewoner vastleggen die een brief wil of wil helpen (alleen met toestemming)"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("--name", required=True, help=_("naam"))
    p.add_argument("--email", help=_("e-mailadres"))
    p.add_argument("--address", help=_("postadres"))
    p.add_argument("--lang", dest="person_lang", metavar=_("TAAL"), help=_("taal voor de brief, bijvoorbeeld nl of tr"))
    p.add_argument("--purpose", required=True, choices=PersonPurpose.choices(), help=_("waarvoor: een brief, of meehelpen"))
    p.add_argument("--consent-how", required=True, choices=ConsentHow.choices(),
                   help=_("hoe de bewoner ja heeft gezegd"))
    p.set_defaults(func=cmd_person)


# ----------------------------------------------------------------------------- people


def cmd_people(args: argparse.Namespace) -> int:
    import json

    from wijksessie.safe_text import json_safe

    with store(args).open(args.session, readonly=True) as sf:
        people = [sf.person(args.person)] if args.person else sf.people()
    out(json_safe(json.dumps([p.to_dict() for p in people], ensure_ascii=False, indent=2)))
    return 0


def setup_people(sub: SubParsers) -> None:
    p = sub.add_parser("people", help=_("de vastgelegde bewoners tonen (bijvoorbeeld als iemand vraagt wat we van hem weten)"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("person", metavar=_("CODE"), nargs="?", help=_("alleen deze bewoner (code of naam)"))
    p.set_defaults(func=cmd_people)


# ----------------------------------------------------------------------------- forget


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
    _say_failed(report.failed)
    return 0


def _say_failed(lines: Iterable[str]) -> None:
    from wijksessie.safe_text import terminal_safe

    for line in lines:
        sys.stderr.write(terminal_safe(_("Niet gelukt: {what}").format(what=line), oneline=True) + "\n")


def setup_forget(sub: SubParsers) -> None:
    p = sub.add_parser("forget", help=_("de gegevens van een bewoner weghalen, ook uit de reservekopie"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("person", metavar=_("CODE"), help=_("de code van de bewoner, of de naam"))
    p.set_defaults(func=cmd_forget)


# ----------------------------------------------------------------------------- purge


def cmd_purge(args: argparse.Namespace) -> int:
    from wijksessie.model import parse_date

    before = parse_date(args.before, "--before")
    if before is None:
        raise UserError(_("Er staat geen datum bij --before. Geef een datum op, bijvoorbeeld: --before 2025-01-01"))
    results = store(args).purge(before)
    problems = 0
    for r in results:
        if r.problem:
            problems += 1
            from wijksessie.safe_text import terminal_safe

            sys.stderr.write(terminal_safe(f"{r.session_id}: {r.problem}", oneline=True) + "\n")  # may quote the file
            continue
        if r.contact:
            line = _("Sessie: {id}. Personen weggehaald: {people}. Inbreng aangepast: {texts}. "
                     "Het aanspreekpunt is gewist.")
        else:
            line = _("Sessie: {id}. Personen weggehaald: {people}. Inbreng aangepast: {texts}. "
                     "Er was geen aanspreekpunt.")
        out(line.format(id=r.session_id, people=r.people, texts=r.texts))
        for line in r.changed:
            out("  " + line)
        _say_failed(r.failed)
    if not results:
        out(_("Geen sessies van voor {date}.").format(date=before.isoformat()))
    if problems:
        raise UserError(
            i18n.ngettext(
                "{n} sessie kon niet worden opgeschoond; zie hierboven. Los dat op en probeer het opnieuw.",
                "{n} sessies konden niet worden opgeschoond; zie hierboven. Los dat op en probeer het opnieuw.",
                problems,
            ).format(n=problems)
        )
    return 0


def setup_purge(sub: SubParsers) -> None:
    p = sub.add_parser("purge", help=_("alle persoonsgegevens weghalen uit oudere sessies; de inbreng en tellingen blijven"))
    p.add_argument("--before", required=True, help=_("sessies van voor deze datum, JJJJ-MM-DD"))
    p.set_defaults(func=cmd_purge)


# ----------------------------------------------------------------------------- anonymise


def cmd_anonymise(args: argparse.Namespace) -> int:
    from wijksessie import privacy

    with store(args).open(args.session) as sf:
        c = sf.contribution(args.contribution)
        clean = privacy.anonymise(c.text)
        if clean != c.text:
            sf.edit_contribution(c.id, text=clean)
    out(clean)
    return 0


def setup_anonymise(sub: SubParsers) -> None:
    p = sub.add_parser("anonymise", help=_("telefoonnummers, e-mailadressen en namen uit een inbreng halen"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("contribution", metavar="INBRENG")
    p.set_defaults(func=cmd_anonymise)


# ----------------------------------------------------------------------------- privacy-ok


def cmd_privacy_ok(args: argparse.Namespace) -> int:
    """Let a flagged point into the letter as it is, with the facilitator's reason (kept with the point)."""
    from wijksessie import privacy

    with store(args).open(args.session) as sf:
        c = sf.contribution(args.contribution)
        hints = privacy.personal_data_hints(c.text)
        if not hints:
            out(_("In dit punt staan geen persoonsgegevens: {id}. Het staat al zo in de brief.").format(id=c.id))
            return 0
        sf.update_contribution(privacy.clear(c, args.reason))
    with store(args).open(args.session, readonly=True) as sf:  # read back: is the clearance on disk?
        saved = sf.contribution(c.id)
    if not privacy.is_cleared(saved):
        raise UserError(_("Deze versie van wijksessie kan de toestemming nog niet bewaren. Haal de gegevens weg met: wijksessie anonymise {session} {id}").format(
            session=args.session, id=c.id))
    out(_("Dit punt komt zoals het is in de brief: {id}. Reden: {reason}").format(id=c.id, reason=saved.privacy_ok["reason"]))
    return 0


def setup_privacy_ok(sub: SubParsers) -> None:
    p = sub.add_parser("privacy-ok", help=_("een punt met persoonsgegevens toch zo in de brief zetten (met een reden)"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("contribution", metavar="INBRENG")
    p.add_argument("--reason", required=True, help=_("waarom dit in de brief mag, bijvoorbeeld: nummer van het buurthuis"))
    p.set_defaults(func=cmd_privacy_ok)
