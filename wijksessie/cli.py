"""The ``wijksessie`` command line.

Everything the full-screen program records can also be done from here, for
tests, for notes taken on paper and for users' own scripts. The contract
(commands, options, exit codes) is stable:

* exit 0 on success; 2 on bad input with one clear line on stderr; 1 when a
  check finds problems; an unexpected error is logged in the data folder and
  reported in one line — never a traceback.
* Only opening the full-screen program imports Textual; every other command
  imports just what it needs, so it starts fast.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from wijksessie import __version__, i18n, paths
from wijksessie.errors import UserError
from wijksessie.i18n import _

LOG_NAME = "wijksessie.log"

KINDS = ("idea", "problem", "question", "experience")
STATUSES = ("open", "under_review", "adopted", "partly_adopted", "not_adopted", "referred", "done")
LEVELS = ("none", "inform", "consult_late", "advise_early", "co_decide", "partner", "self_govern")


class _Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line and exits 2 (no usage dump)."""

    def error(self, message: str):  # noqa: D401 - argparse API
        raise UserError(
            _("{message}. Typ '{prog} --help' voor hulp.").format(message=message.rstrip("."), prog=self.prog)
        )


def _store(args):
    from wijksessie.store import SessionStore

    return SessionStore(paths.data_dir(args.data_dir))


def _out(text: str) -> None:
    from wijksessie.safe_text import terminal_safe

    # Residents' text may hold escape sequences; never send them raw to the terminal.
    text = terminal_safe(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


# ----------------------------------------------------------------------------- commands


def cmd_program(args) -> int:
    """Open the full-screen program (home screen, or a session)."""
    from wijksessie.tui.app import run_app  # Textual is imported only here

    return run_app(data_dir=paths.data_dir(args.data_dir), session=getattr(args, "session", None))


def cmd_new(args) -> int:
    from wijksessie import content
    from wijksessie.model import Session

    agenda = content.get_agenda(args.agenda)
    session = Session.new(
        args.title,
        args.neighbourhood,
        date=args.date,
        place=args.place or "",
        agenda=agenda.id,
        level=args.level,
        languages=args.lang or ["nl"],
        feedback_due=args.feedback_due,
    )
    _store(args).create(session)
    _out(session.id)
    return 0


def cmd_list(args) -> int:
    import json

    summaries = _store(args).summaries()
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

        _out(json_safe(json.dumps(rows, ensure_ascii=False, indent=2)))
        return 0
    if not summaries:
        _out(_("Nog geen sessies. Maak er een met: wijksessie new --title T --neighbourhood N"))
        return 0
    for s in summaries:
        if s.problem:
            _out(f"{s.id}  {_('BESCHADIGD')}: {s.problem}")
        else:
            _out(
                f"{s.id}  {s.date}  {s.neighbourhood}  {s.title}  "
                + _("{n} inbreng, {open} zonder besluit").format(n=s.contributions, open=s.open)
            )
    return 0


def _check_step(sf, step: str) -> None:
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
            _("De stap '{step}' staat niet in de agenda. Kies uit: {steps}.").format(step=step, steps=", ".join(ids))
        )


def cmd_add(args) -> int:
    from wijksessie.model import Contribution

    from wijksessie import privacy

    # "-": a long text from a file or paste, read as bytes so it is stored exactly (no newline translation).
    text = sys.stdin.buffer.read().decode("utf-8", "surrogateescape") if args.text == "-" else args.text
    with _store(args).open(args.session) as sf:
        _check_step(sf, args.step or "")
        c = sf.add_contribution(Contribution.new(text, kind=args.kind, theme=args.theme or "", step=args.step or ""))
    _out(c.id)
    _warn_personal_data(privacy.personal_data_hints(c.text), sf.session.id, c.id)
    return 0


def _warn_personal_data(hints, session_id: str, contribution_id: str) -> None:
    """Tell the user (on stderr) that a saved text seems to hold personal data, and how to fix it."""
    if not hints:
        return
    from wijksessie import privacy
    from wijksessie.safe_text import terminal_safe

    sys.stderr.write(
        terminal_safe(
            _("Let op: {found} Schrijf inbreng zonder namen of nummers. Weghalen kan met: wijksessie anonymise {session} {id}").format(
                found=privacy.describe(hints), session=session_id, id=contribution_id
            ),
            oneline=True,
        )
        + "\n"
    )


def cmd_vote(args) -> int:
    with _store(args).open(args.session) as sf:
        count = sf.vote(args.theme, args.n)
    _out(f"{args.theme}: {count}")
    return 0


def cmd_contact(args) -> int:
    def change(session):
        c = session.contact
        c.name = args.name.strip()
        for key in ("role", "phone", "email", "hours"):
            value = getattr(args, key)
            if value is not None:
                setattr(c, key, value.strip())

    if not args.name.strip():
        raise UserError(_("Het aanspreekpunt heeft een naam nodig. Geef die op met --name."))
    with _store(args).open(args.session) as sf:
        sf.update(change)
    _out(_("Aanspreekpunt opgeslagen: {name}").format(name=args.name.strip()))
    return 0


def cmd_decide(args) -> int:
    with _store(args).open(args.session) as sf:
        c = sf.decide(
            args.contribution,
            args.status,
            reason=args.reason or "",
            organisation=args.org or "",
            owner=args.owner or "",
            due=args.due,
            quick_win=args.quick_win,
        )
        remaining = sum(1 for x in sf.contributions() if not x.decision.status.answered)
    _out(_("{id}: {status}. Nog {n} zonder besluit.").format(id=c.id, status=c.decision.status.label, n=remaining))
    return 0


def _write_output(args, text: str) -> None:
    """Print ``text``, or write it atomically to ``-o FILE`` (refusing to overwrite without --force)."""
    if not args.output:
        if sys.stdout.isatty():
            from wijksessie.safe_text import terminal_safe

            text = terminal_safe(text)  # on screen: no raw escape sequences; piped output stays exact
        if getattr(args, "bom", False):
            text = "\ufeff" + text  # `wijksessie export --format csv > notes.csv` must open right in Excel too
        sys.stdout.write(text)
        return
    from wijksessie.atomic import write_new

    target = Path(args.output)
    try:
        write_new(target, text.encode("utf-8-sig" if getattr(args, "bom", False) else "utf-8"), force=args.force)
    except FileExistsError:
        raise UserError(
            _("Het bestand {path} bestaat al. Kies een andere naam, of gebruik --force om het te vervangen.").format(path=target)
        ) from None
    except OSError as exc:
        raise UserError(
            _("Kan {path} niet schrijven ({error}). Kies een andere map.").format(path=target, error=exc.strerror)
        ) from None
    sys.stderr.write(_("Geschreven: {path}").format(path=target) + "\n")


def cmd_export(args) -> int:
    from wijksessie import export

    with _store(args).open(args.session, readonly=True) as sf:
        if args.format == "json":
            text = export.export_json(sf, with_personal_data=args.with_personal_data)
        elif args.format == "md":
            text = export.export_markdown(sf)
        else:
            text = export.export_csv(sf)
            args.bom = True  # Dutch Excel needs the BOM to read UTF-8
    _write_output(args, text)
    return 0


def cmd_letter(args) -> int:
    """Write the feedback letter of a session; ``--final`` refuses while anything is still open."""
    import datetime as dt

    from wijksessie import letter

    # A final letter records that it was sent, so only then is the session opened for writing.
    with _store(args).open(args.session, readonly=not args.final) as sf:
        contributions = sf.contributions()
        lang = args.letter_lang or (sf.session.languages[0] if sf.session.languages else None)
        if args.final:
            letter.check_final(contributions)
        text = letter.render_letter(sf.session, contributions, sf.agreements(), args.format, lang, final=args.final)
        _write_output(args, text)
        if args.final:
            sf.update(lambda s: setattr(s, "letter_sent", dt.date.today()))
    still_open = len(letter.open_contributions(contributions))
    if still_open:
        sys.stderr.write(
            i18n.ngettext(
                "Nog {n} punt zonder besluit. In de brief staat: dit zoeken wij nog uit.",
                "Nog {n} punten zonder besluit. In de brief staat: dit zoeken wij nog uit.",
                still_open,
            ).format(n=still_open)
            + "\n"
        )
    else:
        sys.stderr.write(_("Alle punten hebben een besluit.") + "\n")
    if args.final:
        sys.stderr.write(_("De brief is vastgelegd als verstuurd.") + "\n")
    return 0


def cmd_report(args) -> int:
    """The overview across meetings, per neighbourhood, with the figures for a grant application."""
    from wijksessie import report
    from wijksessie.model import parse_date

    since = parse_date(args.since, "--since")
    result = report.build_report(_store(args), neighbourhood=args.neighbourhood, since=since)
    if args.format == "csv":
        args.bom = True  # Dutch Excel needs the BOM to read UTF-8
    _write_output(args, report.render_report(result, args.format))
    return 0


def cmd_import(args) -> int:
    """Merge JSON exports from other laptops into the data folder, without duplicates."""
    from wijksessie import importer

    for result in importer.import_files(_store(args), args.files):
        _out(result.describe())
    return 0


def cmd_person(args) -> int:
    from wijksessie.model import Person

    person = Person.new(args.name, purpose=args.purpose, consent_how=args.consent_how, email=args.email or "",
                        address=args.address or "", language=args.person_lang or "nl")
    with _store(args).open(args.session) as sf:
        person = sf.add_person(person)
    _out(person.receipt)
    sys.stderr.write(
        _("Geef deze code aan de bewoner. Met de code kan hij of zij later vragen welke gegevens we hebben, of ze laten weghalen.")
        + "\n"
    )
    return 0


def cmd_people(args) -> int:
    import json

    from wijksessie.safe_text import json_safe

    with _store(args).open(args.session, readonly=True) as sf:
        people = [sf.person(args.person)] if args.person else sf.people()
    _out(json_safe(json.dumps([p.to_dict() for p in people], ensure_ascii=False, indent=2)))
    return 0


def cmd_forget(args) -> int:
    from wijksessie.store import damaged_copies

    with _store(args).open(args.session) as sf:
        person = sf.forget_person(args.person)
        leftovers = damaged_copies(sf.path)
    _out(_("De gegevens van {code} zijn weggehaald uit de sessie en uit de reservekopie.").format(code=person.receipt))
    for path in leftovers:
        sys.stderr.write(
            _("Let op: in het apart gezette bestand {path} kunnen nog gegevens staan. Verwijder het als u het niet meer nodig hebt.").format(path=path)
            + "\n"
        )
    return 0


def cmd_purge(args) -> int:
    from wijksessie.model import parse_date

    before = parse_date(args.before, "--before")
    results = _store(args).purge(before)
    problems = 0
    for r in results:
        if r.problem:
            problems += 1
            sys.stderr.write(f"{r.session_id}: {r.problem}\n")
            continue
        _out(
            _("{id}: personen weggehaald: {people}. Inbreng aangepast: {texts}. Aanspreekpunt: {contact}.").format(
                id=r.session_id, people=r.people, texts=r.texts, contact=_("gewist") if r.contact else _("was leeg")
            )
        )
        for path in r.kept_aside:
            sys.stderr.write(
                _("Let op: in het apart gezette bestand {path} kunnen nog gegevens staan. Verwijder het als u het niet meer nodig hebt.").format(path=path)
                + "\n"
            )
    if not results:
        _out(_("Geen sessies van voor {date}.").format(date=before.isoformat()))
    if problems:
        raise UserError(
            _("{n} sessies konden niet worden opgeschoond (zie hierboven). Los dat op en probeer het opnieuw.").format(n=problems)
        )
    return 0


def cmd_anonymise(args) -> int:
    from wijksessie import privacy

    with _store(args).open(args.session) as sf:
        c = sf.contribution(args.contribution)
        clean = privacy.anonymise(c.text)
        if clean != c.text:
            sf.edit_contribution(c.id, text=clean)
    _out(clean)
    return 0


def cmd_restore(args) -> int:
    aside = _store(args).restore_backup(args.session)
    _out(_("De vorige goede versie staat terug. Het beschadigde bestand is bewaard als {path}.").format(path=aside))
    return 0


def cmd_check(args) -> int:
    from wijksessie import content

    files = [Path(p) for p in args.paths] if args.paths else None
    for p in files or []:
        if not p.exists():
            raise UserError(_("Het bestand {path} bestaat niet. Kijk de naam na.").format(path=p))
    # Translation catalogues are checked too: all of them, or the .po files named.
    from wijksessie import i18n_tools

    po_files = [p for p in files or [] if p.suffix == ".po"]
    other = [p for p in files or [] if p.suffix != ".po"]
    problems = [str(e) for e in content.check_content(other if files is not None else None)] if other or files is None else []
    catalogue_problems = (
        [i18n_tools.check_catalogue(p) for p in po_files] if files is not None else [i18n_tools.check()]
    )
    for found in catalogue_problems:
        problems += [str(p) for p in found if not p.warning]
        for p in found:
            if p.warning:
                sys.stderr.write(str(p) + "\n")
    # Plain language: jargon, long sentences, unexplained abbreviations, passive voice.
    from wijksessie import plain

    problems += [f.format() for f in plain.check_all(files)]
    for line in problems:
        _out(line)
    if problems:
        sys.stderr.write(_("{n} problemen gevonden.").format(n=len(problems)) + "\n")
        return 1
    _out(_("Alles in orde."))
    return 0


# ----------------------------------------------------------------------------- parser


def _add_output_options(p: argparse.ArgumentParser) -> None:
    """``-o FILE`` and ``--force``, the same for every command that writes a document."""
    p.add_argument("-o", "--output", metavar=_("BESTAND"), help=_("naar een bestand in plaats van het scherm"))
    p.add_argument("--force", action="store_true", help=_("een bestaand bestand vervangen"))


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; help texts in the current interface language."""
    parser = _Parser(
        prog="wijksessie",
        description=_("Een wijkgesprek over gezondheid leiden, vastleggen wat bewoners zeggen, en hun laten weten wat ermee gebeurt."),
        epilog=_("Zonder opdracht opent het programma op het hele scherm."),
    )
    parser.add_argument(
        "--version", action="version", version=f"wijksessie {__version__}", help=_("het versienummer tonen en stoppen")
    )
    parser.add_argument(
        "--data-dir",
        metavar=_("MAP"),
        help=_("map met de sessies (anders $WIJKSESSIE_DATA_DIR, anders ./sessions)"),
    )
    parser.add_argument("--lang", dest="ui_lang", metavar=_("TAAL"), help=_("taal van het programma, bijvoorbeeld nl of en"))
    parser.set_defaults(func=cmd_program)
    sub = parser.add_subparsers(dest="command", metavar=_("OPDRACHT"), parser_class=_Parser)

    p = sub.add_parser("open", help=_("een sessie openen op het hele scherm"))
    p.add_argument("session", metavar="SESSIE")
    p.set_defaults(func=cmd_program)

    p = sub.add_parser("new", help=_("een nieuwe sessie maken; toont het nummer"))
    p.add_argument("--title", required=True, help=_("korte titel"))
    p.add_argument("--neighbourhood", required=True, help=_("naam van de wijk"))
    p.add_argument("--date", help=_("datum van het gesprek, JJJJ-MM-DD (standaard vandaag)"))
    p.add_argument("--place", help=_("plek, bijvoorbeeld het buurthuis"))
    p.add_argument("--agenda", default="standaard-90", help=_("agenda uit content/agendas (standaard: standaard-90)"))
    p.add_argument("--level", default="advise_early", choices=LEVELS, help=_("hoeveel invloed bewoners hebben"))
    p.add_argument("--lang", action="extend", nargs="+", metavar=_("TAAL"), help=_("talen voor de brief, bijvoorbeeld nl tr"))
    p.add_argument("--feedback-due", help=_("datum waarop bewoners horen wat er gebeurt, JJJJ-MM-DD"))
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("list", help=_("de sessies in de map tonen"))
    p.add_argument("--json", action="store_true", help=_("als JSON"))
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("add", help=_("inbreng vastleggen; toont het nummer"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("text", metavar="TEKST")
    p.add_argument("--theme", help=_("thema"))
    p.add_argument("--kind", default="idea", choices=KINDS, help=_("soort inbreng"))
    p.add_argument("--step", help=_("agendastap"))
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("vote", help=_("stippen bij een thema optellen (negatief haalt weg)"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("theme", metavar="THEMA")
    p.add_argument("n", metavar="N", nargs="?", type=int, default=1)
    p.set_defaults(func=cmd_vote)

    p = sub.add_parser("contact", help=_("het aanspreekpunt voor bewoners vastleggen"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("--name", required=True)
    p.add_argument("--role")
    p.add_argument("--phone")
    p.add_argument("--email")
    p.add_argument("--hours", help=_("wanneer bereikbaar"))
    p.set_defaults(func=cmd_contact)

    p = sub.add_parser("decide", help=_("vastleggen wat er met inbreng gebeurt"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("contribution", metavar="INBRENG")
    p.add_argument("--status", required=True, choices=STATUSES)
    p.add_argument("--reason", help=_("uitleg in gewone woorden (verplicht bij not_adopted)"))
    p.add_argument("--org", help=_("organisatie (verplicht bij referred)"))
    p.add_argument("--owner", help=_("wie het oppakt"))
    p.add_argument("--due", help=_("wanneer klaar, JJJJ-MM-DD"))
    p.add_argument("--quick-win", action="store_true", help=_("kan snel gebeuren"))
    p.set_defaults(func=cmd_decide)

    p = sub.add_parser("export", help=_("de aantekeningen van een sessie exporteren"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("--format", required=True, choices=("json", "md", "csv"))
    _add_output_options(p)
    p.add_argument("--with-personal-data", action="store_true",
                   help=_("ook namen en adressen van bewoners meenemen (alleen als het echt nodig is)"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("letter", help=_("de brief aan bewoners maken: wat er met elk punt gebeurt"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("--format", default="md", choices=("html", "md", "txt"),
                   help=_("html om te printen, md of txt voor e-mail (standaard md)"))
    p.add_argument("--lang", dest="letter_lang", metavar=_("TAAL"),
                   help=_("taal van de brief (standaard de eerste taal van de sessie)"))
    _add_output_options(p)
    p.add_argument("--final", action="store_true",
                   help=_("de definitieve brief: kan pas als alles een besluit heeft; legt vast dat hij verstuurd is"))
    p.set_defaults(func=cmd_letter)

    p = sub.add_parser("report", help=_("overzicht van alle gesprekken per wijk, ook voor een subsidieaanvraag"))
    p.add_argument("--neighbourhood", metavar=_("WIJK"), help=_("alleen deze wijk"))
    p.add_argument("--since", metavar=_("DATUM"), help=_("alleen gesprekken vanaf deze datum, JJJJ-MM-DD"))
    p.add_argument("--format", default="md", choices=("md", "csv", "json"), help=_("standaard md"))
    _add_output_options(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("import", help=_("exports van andere laptops inlezen (JSON); dubbele worden samengevoegd"))
    p.add_argument("files", nargs="+", metavar=_("BESTAND"))
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("person", help=_("een bewoner vastleggen die een brief wil of wil helpen (alleen met toestemming)"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("--name", required=True, help=_("naam"))
    p.add_argument("--email", help=_("e-mailadres"))
    p.add_argument("--address", help=_("postadres"))
    p.add_argument("--lang", dest="person_lang", metavar=_("TAAL"), help=_("taal voor de brief, bijvoorbeeld nl of tr"))
    p.add_argument("--purpose", required=True, choices=("letter", "help"), help=_("waarvoor: een brief, of meehelpen"))
    p.add_argument("--consent-how", required=True, choices=("oral", "written", "form"),
                   help=_("hoe de bewoner ja heeft gezegd"))
    p.set_defaults(func=cmd_person)

    p = sub.add_parser("people", help=_("de vastgelegde bewoners tonen (bijvoorbeeld als iemand vraagt wat we van hem weten)"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("person", metavar=_("CODE"), nargs="?", help=_("alleen deze bewoner (code of naam)"))
    p.set_defaults(func=cmd_people)

    p = sub.add_parser("forget", help=_("de gegevens van een bewoner weghalen, ook uit de reservekopie"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("person", metavar=_("CODE"), help=_("de code van de bewoner, of de naam"))
    p.set_defaults(func=cmd_forget)

    p = sub.add_parser("purge", help=_("alle persoonsgegevens weghalen uit oudere sessies; de inbreng en tellingen blijven"))
    p.add_argument("--before", required=True, help=_("sessies van voor deze datum, JJJJ-MM-DD"))
    p.set_defaults(func=cmd_purge)

    p = sub.add_parser("anonymise", help=_("telefoonnummers, e-mailadressen en namen uit een inbreng halen"))
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("contribution", metavar="INBRENG")
    p.set_defaults(func=cmd_anonymise)

    p = sub.add_parser("restore", help=_("de vorige goede versie van een beschadigde sessie terugzetten"))
    p.add_argument("session", metavar="SESSIE")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("check", help=_("agenda's, vertalingen en andere inhoud controleren"))
    p.add_argument("paths", nargs="*", metavar=_("BESTAND"))
    p.set_defaults(func=cmd_check)

    from wijksessie import i18n_tools

    p = sub.add_parser("i18n", help=_("vertalingen: status, update, init TAAL, compile, check"))
    i18n_tools.add_subcommands(p, parser_class=_Parser)

    return parser


def _early_language(argv: Sequence[str]) -> str | None:
    """The global ``--lang`` must be known before the parser is built, so its help is translated.

    Only options before the command count: ``new --lang`` names letter languages.
    """
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--lang":
            return argv[i + 1] if i + 1 < len(argv) else None
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--data-dir":
            i += 2
            continue
        if not arg.startswith("-"):
            return None
        i += 1
    return None


def _log_crash(args_data_dir: str | None) -> Path | None:
    """Write the current exception's traceback to the log file; returns where."""
    from platformdirs import user_log_dir

    for folder in (paths.data_dir(args_data_dir), Path(user_log_dir("wijksessie", appauthor=False))):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            log_path = folder / LOG_NAME
            handler = logging.FileHandler(log_path, encoding="utf-8")
            logger = logging.getLogger("wijksessie.crash")
            logger.addHandler(handler)
            try:
                logger.exception("unexpected error in wijksessie %s", __version__)
            finally:
                logger.removeHandler(handler)
                handler.close()
            return log_path
        except OSError:
            continue
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_early_language(argv) or i18n.language_from_environment())
    i18n.translate_argparse()  # argparse's own "usage:", "options"... in the same language
    data_dir = None
    try:
        args = build_parser().parse_args(argv)
        data_dir = args.data_dir
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except UserError as exc:
        from wijksessie.safe_text import terminal_safe

        sys.stderr.write(f"wijksessie: {terminal_safe(str(exc), oneline=True)}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write(_("Gestopt.") + "\n")
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head` that closed early: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception:  # noqa: BLE001 - the last line of defence: no traceback on screen
        where = _log_crash(data_dir)
        sys.stderr.write(
            _("wijksessie: er ging iets mis dat niet had mogen gebeuren. Er is niets verloren; details staan in {path}.").format(
                path=where or _("(geen logbestand)")
            )
            + "\n"
        )
        return 1
