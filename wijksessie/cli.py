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

from wijksessie import __version__, i18n

# Each command lives in its own small module under wijksessie/commands/, with its
# parser setup beside its handler; nothing there imports this module.
from wijksessie.commands import (
    add,
    agreement,
    anonymise,
    check,
    contact,
    decide,
    evaluate,
    export,
    forget,
    history,
    import_,
    letter,
    list_,
    new,
    open_,
    people,
    person,
    privacy_ok,
    purge,
    report,
    restore,
    translations,
    vote,
)
from wijksessie.commands.common import Parser as _Parser
from wijksessie.commands.common import SubParsers
from wijksessie.errors import UserError
from wijksessie.i18n import _

#: The commands in the order ``--help`` lists them; each adds its own sub-parser.
SETUPS: tuple[Callable[[SubParsers], None], ...] = (
    open_.setup_open,
    new.setup_new,
    list_.setup_list,
    add.setup_add,
    vote.setup_vote,
    contact.setup_contact,
    decide.setup_decide,
    history.setup_history,
    agreement.setup_agreement,
    evaluate.setup_evaluate,
    export.setup_export,
    letter.setup_letter,
    report.setup_report,
    import_.setup_import,
    person.setup_person,
    people.setup_people,
    forget.setup_forget,
    purge.setup_purge,
    anonymise.setup_anonymise,
    privacy_ok.setup_privacy_ok,
    restore.setup_restore,
    check.setup_check,
    translations.setup_i18n,
)


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
    parser.set_defaults(func=open_.cmd_program)
    sub = parser.add_subparsers(dest="command", metavar=_("OPDRACHT"), parser_class=_Parser)
    for setup in SETUPS:
        setup(sub)
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
        args = build_parser().parse_args(argv)
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
