"""The ``new`` command: make a session (optionally the follow-up of an earlier one); prints its number."""

from __future__ import annotations

import argparse

from wijksessie import i18n
from wijksessie.commands.common import Parser, check_date, out, store
from wijksessie.enums import ParticipationLevel
from wijksessie.i18n import _


def cmd_new(args: argparse.Namespace) -> int:
    from wijksessie import content
    from wijksessie.model import Session

    check_date(args.date, "--date")
    check_date(args.feedback_due, "--feedback-due")
    agenda = content.get_agenda(args.agenda)
    session = Session.new(
        args.title,
        args.neighbourhood,
        date=args.date,
        place=args.place or "",
        agenda=agenda.id,
        level=args.level,
        languages=i18n.check_languages(args.lang) or ["nl"],
        feedback_due=args.feedback_due,
    )
    if args.follows:
        from wijksessie import feedback

        with store(args).open(args.follows, readonly=True) as earlier:
            feedback.link_follow_up(session, earlier.session)
    store(args).create(session)
    out(session.id)
    return 0


def setup_new(p: Parser) -> None:
    p.add_argument("--title", required=True, help=_("korte titel"))
    p.add_argument("--neighbourhood", required=True, help=_("naam van de wijk"))
    p.add_argument("--date", help=_("datum van het gesprek, JJJJ-MM-DD (standaard vandaag)"))
    p.add_argument("--place", help=_("plek, bijvoorbeeld het buurthuis"))
    p.add_argument("--agenda", default="standaard-90", help=_("agenda uit content/agendas (standaard: standaard-90)"))
    p.add_argument("--level", default="advise_early", choices=ParticipationLevel.choices(), help=_("hoeveel invloed bewoners hebben"))
    p.add_argument("--lang", action="extend", nargs="+", metavar=_("TAAL"), help=_("talen voor de brief, bijvoorbeeld nl tr"))
    p.add_argument("--feedback-due", help=_("datum waarop bewoners horen wat er gebeurt, JJJJ-MM-DD"))
    p.add_argument("--follows", metavar=_("SESSIE"), help=_("vervolg op een eerder gesprek in dezelfde wijk"))
    p.set_defaults(func=cmd_new)
