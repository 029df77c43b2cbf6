"""The ``letter`` command: the feedback letter of a session, the personal letters, an update letter,
or the example letter in any language (``-o FILE``/``--force`` like the other documents)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Protocol

from wijksessie import i18n
from wijksessie.commands.common import Parser, add_output_options, store, write_file, write_output
from wijksessie.i18n import _

if TYPE_CHECKING:
    from wijksessie.model import Contribution


class Translated(Protocol):
    """A letter written in one language, with the Dutch texts it had to use (any format)."""

    @property
    def lang(self) -> str: ...

    @property
    def untranslated(self) -> list[str]: ...


def cmd_letter(args: argparse.Namespace) -> int:
    """Write the feedback letter of a session; ``--final`` refuses while anything is still open."""
    import datetime as dt

    from wijksessie import letter

    args.format = args.format or ("pdf" if args.personal else "md")
    if args.example or not args.session:
        return _example_letter(args)
    if args.personal:
        return _personal_letters(args)
    if args.update:
        return _update_letter(args)
    # A final letter records that it was sent, so only then is the session opened for writing.
    with store(args).open(args.session, readonly=not args.final) as sf:
        contributions = sf.contributions()
        lang = i18n.check_language(args.letter_lang or (sf.session.languages[0] if sf.session.languages else None))
        if args.final:
            letter.check_final(contributions)
        if args.format in letter.FORMATS:
            rendered = letter.write_letter(
                sf.session, contributions, sf.agreements(), args.format, lang, final=args.final,
                mark_untranslated=args.allow_untranslated,
            )
            _check_translated(rendered, final=args.final, allowed=args.allow_untranslated)
            write_output(args, rendered.text)
        else:  # pdf, docx: wijksessie.documents makes them from the same letter
            from wijksessie.documents import write_document

            document = write_document(
                sf.session, contributions, sf.agreements(), args.format, lang, final=args.final,
                mark_untranslated=args.allow_untranslated,
            )
            _check_translated(document, final=args.final, allowed=args.allow_untranslated)
            _write_bytes(args, document.data)
            _say_missing(document.missing)
        if args.final:
            from wijksessie import feedback

            feedback.record_letter(sf, language=lang, fmt=args.format, kind="final", today=dt.date.today())
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
    _say_held_points(contributions, sf.session.id)
    return 0


def _update_letter(args: argparse.Namespace) -> int:
    """``letter --update``: only the points whose answer changed since the last letter in that language.

    Nothing changed, nothing written. Each of the session's languages has its
    own last letter, so the same update can be made in every language.
    """
    import datetime as dt

    from wijksessie.errors import UserError
    from wijksessie.update_letter import language_gaps, make_update_letter

    if args.final:
        raise UserError(_("Kies --final of --update, niet allebei. De eerste brief is --final, een latere --update."))
    with store(args).open(args.session) as sf:
        lang = i18n.check_language(args.letter_lang or (sf.session.languages[0] if sf.session.languages else None))
        made = make_update_letter(sf, args.format, lang, today=dt.date.today(),
                                  mark_untranslated=args.allow_untranslated)
        changes = made.changes
        if made.content is None:
            sys.stderr.write(
                _("Er is niets veranderd sinds de vorige brief in deze taal. Taal: {language}. Datum van die brief: {date}. "
                  "Er is geen nieuwe brief gemaakt.").format(
                    language=i18n.language_label(lang), date=i18n.format_date(changes.since.sent)) + "\n"
            )
            return 0
        # An update letter is always sent: like --final, refused in Dutch parts unless --allow-untranslated.
        for gap in language_gaps([made]):
            _check_translated(gap, final=True, allowed=args.allow_untranslated)
        # Written first, recorded as sent after: a letter that could not be written is not noted as sent.
        if isinstance(made.content, bytes):
            _write_bytes(args, made.content)
        else:
            write_output(args, made.content)
        from wijksessie import feedback

        feedback.record_letter(sf, language=lang, fmt=args.format, kind="update", today=dt.date.today())
    sys.stderr.write(
        i18n.ngettext("{n} punt is veranderd.", "{n} punten zijn veranderd.", len(changes.points)).format(
            n=len(changes.points)) + " "
        + i18n.ngettext("{n} afspraak is veranderd.", "{n} afspraken zijn veranderd.", len(changes.agreements)).format(
            n=len(changes.agreements)) + " "
        + _("De brief is vastgelegd als verstuurd.") + "\n"
    )
    return 0


def _say_held_points(contributions: list[Contribution], session_id: str) -> None:
    """Tell the facilitator which points the letter printed only anonymised, and how to clear them."""
    from wijksessie import privacy
    from wijksessie.safe_text import terminal_safe

    for line in privacy.describe_holds(privacy.letter_holds(contributions), session_id):
        sys.stderr.write(terminal_safe(line, oneline=True) + "\n")


def _check_translated(rendered: Translated, *, final: bool, allowed: bool) -> None:
    """Warn about a half-translated letter; refuse it as the final letter unless explicitly allowed."""
    from wijksessie.errors import UserError

    n = len(rendered.untranslated)
    if not n:
        return
    language = i18n.language_label(rendered.lang)
    if final and not allowed:
        raise UserError(
            i18n.ngettext(
                "De brief is nog niet helemaal vertaald. Taal: {language}. Er staat nog {n} tekst in het Nederlands. "
                "Laat de vertaling afmaken; welke tekst: wijksessie i18n status {lang}. "
                "Of verstuur de brief toch, met --allow-untranslated.",
                "De brief is nog niet helemaal vertaald. Taal: {language}. Er staan nog {n} teksten in het Nederlands. "
                "Laat de vertaling afmaken; welke teksten: wijksessie i18n status {lang}. "
                "Of verstuur de brief toch, met --allow-untranslated.",
                n,
            ).format(n=n, language=language, lang=rendered.lang)
        )
    sys.stderr.write(
        i18n.ngettext(
            "Let op: de brief is niet helemaal vertaald. Taal: {language}. Er staat nog {n} tekst in het Nederlands. "
            "Welke: wijksessie i18n status {lang}",
            "Let op: de brief is niet helemaal vertaald. Taal: {language}. Er staan nog {n} teksten in het Nederlands. "
            "Welke: wijksessie i18n status {lang}",
            n,
        ).format(n=n, language=language, lang=rendered.lang)
        + "\n"
    )


def _write_bytes(args: argparse.Namespace, data: bytes) -> None:
    """A PDF or Word letter: to ``-o FILE`` (atomic, never over a file without --force), or to a pipe."""
    from pathlib import Path

    from wijksessie.errors import UserError

    if not args.output:
        if sys.stdout.isatty():
            raise UserError(
                _("Dit soort brief kan niet op het scherm: {fmt}. Geef een bestandsnaam op, bijvoorbeeld: -o brief.{fmt}").format(
                    fmt=args.format
                )
            )
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_file(Path(args.output), data, force=args.force)


def _say_missing(characters: str) -> None:
    """Tell the facilitator which characters the PDF leaves out because its font lacks them."""
    if characters:
        from wijksessie.safe_text import terminal_safe

        sys.stderr.write(terminal_safe(
            _("Let op: deze tekens staan niet in de pdf, want het lettertype heeft ze niet: {chars}. "
              "Schrijf ze zo nodig in woorden.").format(chars=" ".join(characters)), oneline=True) + "\n")


def _personal_letters(args: argparse.Namespace) -> int:
    """``letter --personal -o FOLDER``: one letter per resident who asked for one, in their language."""
    from pathlib import Path

    from wijksessie.documents import personal
    from wijksessie.errors import UserError

    if not args.output:
        raise UserError(_("Waar moeten de brieven komen? Geef een map op met -o, bijvoorbeeld: -o brieven"))
    if args.letter_lang:
        raise UserError(_("Een eigen brief is altijd in de taal van de bewoner. Laat --lang weg."))
    with store(args).open(args.session) as sf:
        contributions = sf.contributions()
        written = personal.write_personal_letters(
            sf, Path(args.output), args.format, final=args.final, force=args.force,
            mark_untranslated=args.allow_untranslated,
            refuse_untranslated=args.final and not args.allow_untranslated,
        )
        session_id = sf.session.id
    warned: set[str] = set()
    _say_missing("".join(dict.fromkeys("".join(item.missing for item in written))))
    for item in written:
        sys.stdout.write(f"{item.path}\n")
        if item.untranslated and item.lang not in warned:
            warned.add(item.lang)
            _check_translated(item, final=False, allowed=True)
    sys.stderr.write(
        i18n.ngettext(
            "{n} eigen brief geschreven. Map: {folder}. Bij de bewoner staat nu dat de brief gemaakt is.",
            "{n} eigen brieven geschreven. Map: {folder}. Bij elke bewoner staat nu welke brief gemaakt is.",
            len(written),
        ).format(n=len(written), folder=args.output)
        + "\n"
    )
    _say_held_points(contributions, session_id)
    return 0


def _example_letter(args: argparse.Namespace) -> int:
    """``letter --example``: the example meeting's letter in any language, without a session."""
    from wijksessie.errors import UserError
    from wijksessie.letter_example import example_letter

    if args.session:
        raise UserError(_("Kies een sessie of --example, niet allebei. Laat de sessie weg voor de voorbeeldbrief."))
    if not args.example:
        raise UserError(_("Welke sessie? Geef de sessie op, of maak een voorbeeldbrief met --example."))
    if args.final:
        raise UserError(_("Een voorbeeldbrief kan niet definitief zijn. Laat --final weg."))
    lang = i18n.check_language(args.letter_lang or i18n.DEFAULT_LANGUAGE)
    text_format = args.format if args.format in ("html", "md", "txt") else "html"  # pdf, docx: from the HTML letter
    rendered = example_letter(text_format, lang, mark_untranslated=args.allow_untranslated)
    _check_translated(rendered, final=False, allowed=True)
    if text_format == args.format:
        write_output(args, rendered.text)
    else:
        from wijksessie import letter
        from wijksessie.documents import from_html

        _write_bytes(args, from_html(rendered.text, args.format, municipality=letter.load_municipality().name))
    return 0


def setup_letter(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE", nargs="?")
    # The same list as letter.LETTER_FORMATS (a test checks it); written out so --help stays fast.
    p.add_argument("--format", choices=("html", "md", "txt", "pdf", "docx"),
                   help=_("pdf of html om te printen, docx om te bewerken in Word, md of txt voor e-mail (standaard md; met --personal pdf)"))
    p.add_argument("--lang", dest="letter_lang", metavar=_("TAAL"),
                   help=_("taal van de brief (standaard de eerste taal van de sessie)"))
    add_output_options(p)
    p.add_argument("--personal", action="store_true",
                   help=_("een eigen brief voor elke bewoner die erom vroeg, met naam en adres, in de map van -o"))
    p.add_argument("--final", action="store_true",
                   help=_("de definitieve brief: kan pas als alles een besluit heeft; legt vast dat hij verstuurd is"))
    p.add_argument("--update", action="store_true",
                   help=_("alleen wat er veranderde sinds de vorige brief; legt vast dat hij verstuurd is"))
    p.add_argument("--example", action="store_true",
                   help=_("de brief van de voorbeeldsessie, in elke taal (voor vertalers)"))
    p.add_argument("--allow-untranslated", action="store_true",
                   help=_("ook als niet alles vertaald is; de brief zegt welke delen Nederlands zijn"))
    p.set_defaults(func=cmd_letter)
