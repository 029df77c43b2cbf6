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
import os
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple

from wijksessie import __version__, i18n
from wijksessie.commands.common import Parser as _Parser
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _


class Command(NamedTuple):
    """One command as ``--help`` lists it.

    Its options and handler live in its own module under wijksessie/commands/
    (nothing there imports this module), imported only when the command runs.
    """

    name: str
    setup: str  #: ``module:function`` under :mod:`wijksessie.commands` that adds its options and handler
    help: str  #: one line for ``--help`` (a msgid, translated when the parser is built)


#: The commands in the order ``--help`` lists them.
COMMANDS: tuple[Command, ...] = (
    Command("open", "open_:setup_open", N_("een sessie openen op het hele scherm")),
    Command("new", "new:setup_new", N_("een nieuwe sessie maken; toont het nummer")),
    Command("list", "list_:setup_list", N_("de sessies in de map tonen")),
    Command("add", "add:setup_add", N_("inbreng vastleggen; toont het nummer")),
    Command("vote", "vote:setup_vote", N_("stemmen bij een thema optellen (negatief haalt weg)")),
    Command("contact", "contact:setup_contact", N_("het aanspreekpunt voor bewoners vastleggen")),
    Command("decide", "decide:setup_decide", N_("vastleggen wat er met inbreng gebeurt")),
    Command("history", "history:setup_history", N_("alle antwoorden op één punt, het oudste eerst")),
    Command("agreement", "agreement:setup_agreement", N_("vastleggen hoe ver een afspraak is")),
    Command("evaluate", "evaluate:setup_evaluate", N_("de handen tellen: hoe tevreden bewoners zijn")),
    Command("export", "export:setup_export", N_("de aantekeningen van een sessie exporteren")),
    Command("letter", "letter:setup_letter", N_("de brief aan bewoners maken: wat er met elk punt gebeurt")),
    Command("report", "report:setup_report", N_("overzicht van alle gesprekken per wijk, ook voor een subsidieaanvraag")),
    Command("import", "import_:setup_import", N_("exports van andere laptops inlezen (JSON); dubbele worden samengevoegd")),
    Command("person", "person:setup_person", N_("een bewoner vastleggen die een brief wil of wil helpen (alleen met toestemming)")),
    Command("people", "people:setup_people", N_("de vastgelegde bewoners tonen (bijvoorbeeld als iemand vraagt wat we van hem weten)")),
    Command("forget", "forget:setup_forget", N_("de gegevens van een bewoner weghalen, ook uit de reservekopie")),
    Command("purge", "purge:setup_purge", N_("alle persoonsgegevens weghalen uit oudere sessies; de inbreng en tellingen blijven")),
    Command("anonymise", "anonymise:setup_anonymise", N_("telefoonnummers, e-mailadressen en namen uit een inbreng halen")),
    Command("privacy-ok", "privacy_ok:setup_privacy_ok", N_("een punt met persoonsgegevens toch zo in de brief zetten (met een reden)")),
    Command("restore", "restore:setup_restore", N_("de vorige goede versie van een beschadigde sessie terugzetten")),
    Command("check", "check:setup_check", N_("agenda's, vertalingen en andere inhoud controleren")),
    Command("i18n", "translations:setup_i18n", N_("vertalingen: status, update, init TAAL, compile, check")),
)


def _options(command: Command) -> Callable[[_Parser], None]:
    """What adds ``command``'s options to its parser: its module's ``setup_`` function, imported when called."""

    def add(parser: _Parser) -> None:
        from importlib import import_module

        module, function = command.setup.split(":")
        setup: Callable[[_Parser], None] = getattr(import_module(f"wijksessie.commands.{module}"), function)
        setup(parser)

    return add


def _program(args: argparse.Namespace) -> int:
    """No command: the full-screen program, as ``open`` without a session."""
    from wijksessie.commands.open_ import cmd_program

    return cmd_program(args)


def build_parser(*, lazy: bool = False) -> argparse.ArgumentParser:
    """The argument parser; help texts in the current interface language.

    ``lazy``: each command's options are added only when that command is
    parsed, so its module is imported only when it runs (what :func:`main`
    does). Otherwise every command is complete at once (to look at the parser).
    """
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
    parser.set_defaults(func=_program)
    sub = parser.add_subparsers(dest="command", metavar=_("OPDRACHT"), parser_class=_Parser)
    for command in COMMANDS:
        p = sub.add_parser(command.name, help=_(command.help), options=_options(command))
        if not lazy:
            p.add_options()
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


def _start(argv: Sequence[str]) -> None:
    """What runs before the command: language, signals. Never fails; falls back to Dutch."""
    import logging
    import signal

    # A failing log handler (full disk, folder gone) must not print "--- Logging error ---" on screen.
    logging.raiseExceptions = False
    # Past `ulimit -f`, a write must fail with EFBIG (reported in one line), not kill the program.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    try:
        i18n.set_language(_early_language(argv) or i18n.language_from_environment())
    except Exception:  # noqa: BLE001 - e.g. an unreadable translation cache: speak Dutch, keep going
        try:
            i18n.set_language(None)
        except Exception:  # noqa: BLE001
            pass
    try:
        i18n.translate_argparse()  # argparse's own "usage:", "options"... in the same language
    except Exception:  # noqa: BLE001
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command: str | None = None
    try:
        _start(argv)
        args = build_parser(lazy=True).parse_args(argv)
        command = args.command or "open"  # a name from the parser's own list, never typed text
        if getattr(args, "ui_lang", None):
            i18n.check_language(args.ui_lang)  # `--lang xx`: exit 2 with the languages there are
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except UserError as exc:
        return _fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write(_("Gestopt.") + "\n")
        return 130
    except BrokenPipeError:
        # Output piped into e.g. `head` that closed early: not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        # A full disk, a read-only folder, a file grown past `ulimit -f`: one sentence, what to do.
        from wijksessie.errors import os_error_message

        return _fail(os_error_message(exc), 2)
    except RecursionError:
        return _fail(
            _("De invoer is te diep genest om te lezen. Maak het bestand eenvoudiger, of kijk of het wel het goede bestand is."), 2
        )
    except Exception:  # noqa: BLE001 - the last line of defence: no traceback on screen
        return _crashed(command)


def _crashed(command: str | None) -> int:
    """Log the current exception in the one error log (:mod:`wijksessie.log`), say where in one line; exit code 1.

    The log is never in the data folder or the current folder, and holds no
    message text (it may hold what residents said); it names the command that failed.
    """
    from wijksessie.log import log_crash

    where = log_crash(f"command line: {command}" if command else "command line")
    if where is None:
        message = _("wijksessie: er ging iets mis dat niet had mogen gebeuren. Er is niets verloren. "
                    "Er is geen logbestand gemaakt.")
    else:
        message = _("wijksessie: er ging iets mis dat niet had mogen gebeuren. Er is niets verloren. "
                    "De details staan in dit bestand: {path}").format(path=where)
    sys.stderr.write(message + "\n")
    return 1


def _fail(message: str, code: int) -> int:
    """Print one line on stderr (escape sequences made harmless); returns ``code``."""
    from wijksessie.safe_text import terminal_safe

    try:
        sys.stderr.write(f"wijksessie: {terminal_safe(message, oneline=True)}\n")
        sys.stderr.flush()
    except OSError:
        pass
    return code
