"""Commands that make and fill a session: ``open``, ``new``, ``list``, ``add``, ``vote``, ``contact``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from wijksessie import i18n, paths
from wijksessie.commands.common import (
    KINDS,
    LEVELS,
    SubParsers,
    bounded_int,
    check_date,
    out,
    store,
    warn_personal_data,
)
from wijksessie.errors import UserError
from wijksessie.i18n import _

if TYPE_CHECKING:
    from wijksessie.model import Session
    from wijksessie.store import SessionFile


def cmd_program(args: argparse.Namespace) -> int:
    """Open the full-screen program (home screen, or a session)."""
    from wijksessie.tui.app import run_app  # Textual is imported only here

    return run_app(data_dir=paths.data_dir(args.data_dir), session=getattr(args, "session", None))


def setup_open(sub: SubParsers) -> None:
    p = sub.add_parser("open", help=_("een sessie openen op het hele scherm"))
    p.add_argument("session", metavar="SESSIE")
    p.set_defaults(func=cmd_program)


# ----------------------------------------------------------------------------- new


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


def setup_new(sub: SubParsers) -> None:
    p = sub.add_parser("new", help=_("een nieuwe sessie maken; toont het nummer"))
    p.add_argument("--title", required=True, help=_("korte titel"))
    p.add_argument("--neighbourhood", required=True, help=_("naam van de wijk"))
    p.add_argument("--date", help=_("datum van het gesprek, JJJJ-MM-DD (standaard vandaag)"))
    p.add_argument("--place", help=_("plek, bijvoorbeeld het buurthuis"))
    p.add_argument("--agenda", default="standaard-90", help=_("agenda uit content/agendas (standaard: standaard-90)"))
    p.add_argument("--level", default="advise_early", choices=LEVELS, help=_("hoeveel invloed bewoners hebben"))
    p.add_argument("--lang", action="extend", nargs="+", metavar=_("TAAL"), help=_("talen voor de brief, bijvoorbeeld nl tr"))
    p.add_argument("--feedback-due", help=_("datum waarop bewoners horen wat er gebeurt, JJJJ-MM-DD"))
    p.add_argument("--follows", metavar=_("SESSIE"), help=_("vervolg op een eerder gesprek in dezelfde wijk"))
    p.set_defaults(func=cmd_new)


# ----------------------------------------------------------------------------- list


def cmd_list(args: argparse.Namespace) -> int:
    import json

    summaries = store(args).summaries()
    if args.json:
        rows = [
            {
                "id": s.id,
                "title": s.title,
                "neighbourhood": s.neighbourhood,
                "date": s.date.isoformat() if s.date else None,
                "contributions": s.contributions,
                "open": s.open,
                "feedback_due": s.feedback_due.isoformat() if s.feedback_due else None,
                "letter_sent": s.letter_sent.isoformat() if s.letter_sent else None,
                "problem": s.problem or None,
            }
            for s in summaries
        ]
        from wijksessie.safe_text import json_safe

        out(json_safe(json.dumps(rows, ensure_ascii=False, indent=2)))
        return 0
    if not summaries:
        out(_("Nog geen sessies. Maak er een met: wijksessie new --title T --neighbourhood N"))
        return 0
    for s in summaries:
        if s.problem:
            out(f"{s.id}  {_('BESCHADIGD')}: {s.problem}")
        else:
            out(
                f"{s.id}  {s.date}  {s.neighbourhood}  {s.title}  "
                + _("Inbreng: {n}. Zonder besluit: {open}.").format(n=s.contributions, open=s.open)
            )
    return 0


def setup_list(sub: SubParsers) -> None:
    p = sub.add_parser("list", help=_("de sessies in de map tonen"))
    p.add_argument("--json", action="store_true", help=_("als JSON"))
    p.set_defaults(func=cmd_list)


# ----------------------------------------------------------------------------- add


def _check_step(sf: SessionFile, step: str) -> None:
    from wijksessie import content

    if not step:
        return
    try:
        agenda = content.get_agenda(sf.session.agenda)
    except content.ContentError:
        return  # the agenda file is gone; the step name is still worth keeping
    ids = [s.id for s in agenda.steps]
    if step not in ids:
        raise UserError(
            _("Deze stap staat niet in de agenda: {step}. Kies uit: {steps}.").format(step=step, steps=", ".join(ids))
        )


def cmd_add(args: argparse.Namespace) -> int:
    from wijksessie import privacy
    from wijksessie.model import Contribution

    # "-": a long text from a file or paste, read as bytes so it is stored exactly (no newline translation).
    text = _read_stdin() if args.text == "-" else args.text
    with store(args).open(args.session) as sf:
        _check_step(sf, args.step or "")
        c = sf.add_contribution(Contribution.new(text, kind=args.kind, theme=args.theme or "", step=args.step or ""))
    out(c.id)
    warn_personal_data(privacy.personal_data_hints(c.text), sf.session.id, c.id)
    return 0


def _read_stdin() -> str:
    """The text piped in, up to :data:`~wijksessie.limits.MAX_TEXT_BYTES` (``add S - < /dev/zero`` must stop)."""
    from wijksessie.limits import MAX_TEXT_BYTES

    data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise UserError(
            _("De tekst is langer dan {mb} MB; dat is geen inbreng. Kijk of u het goede bestand gebruikt.").format(
                mb=MAX_TEXT_BYTES // (1024 * 1024)
            )
        )
    return data.decode("utf-8", "surrogateescape")


def setup_add(sub: SubParsers) -> None:
    p = sub.add_parser("add", help=_("inbreng vastleggen; toont het nummer"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("text", metavar="TEKST")
    p.add_argument("--theme", help=_("thema"))
    p.add_argument("--kind", default="idea", choices=KINDS, help=_("soort inbreng"))
    p.add_argument("--step", help=_("agendastap"))
    p.set_defaults(func=cmd_add)


# ----------------------------------------------------------------------------- vote


def cmd_vote(args: argparse.Namespace) -> int:
    with store(args).open(args.session) as sf:
        count = sf.vote(args.theme, args.n)
    out(f"{args.theme}: {count}")
    return 0


def setup_vote(sub: SubParsers) -> None:
    p = sub.add_parser("vote", help=_("stemmen bij een thema optellen (negatief haalt weg)"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("theme", metavar="THEMA")
    from wijksessie.limits import MAX_VOTES

    p.add_argument("n", metavar="N", nargs="?", type=bounded_int(-MAX_VOTES, MAX_VOTES), default=1)
    p.set_defaults(func=cmd_vote)


# ----------------------------------------------------------------------------- contact


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


def setup_contact(sub: SubParsers) -> None:
    p = sub.add_parser("contact", help=_("het aanspreekpunt voor bewoners vastleggen"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("--name", required=True)
    p.add_argument("--role")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--hours", help=_("wanneer bereikbaar"))
    p.set_defaults(func=cmd_contact)
