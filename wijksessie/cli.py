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
from pathlib import Path

from wijksessie import __version__, i18n

# Each command lives in its own small module under wijksessie/commands/, with its
# parser setup beside its handler. The names below stay importable from here.
from wijksessie.commands import content as _content_cmds
from wijksessie.commands import data as _data_cmds
from wijksessie.commands import documents as _document_cmds
from wijksessie.commands import followup as _followup_cmds
from wijksessie.commands import people as _people_cmds
from wijksessie.commands import session as _session_cmds
from wijksessie.commands.common import KINDS, LEVELS, STATUSES  # noqa: F401
from wijksessie.commands.common import Parser as _Parser
from wijksessie.commands.common import add_output_options as _add_output_options  # noqa: F401
from wijksessie.commands.common import out as _out  # noqa: F401
from wijksessie.commands.common import store as _store  # noqa: F401
from wijksessie.commands.common import warn_personal_data as _warn_personal_data  # noqa: F401
from wijksessie.commands.common import write_output as _write_output  # noqa: F401
from wijksessie.commands.content import cmd_check  # noqa: F401
from wijksessie.commands.data import cmd_import, cmd_restore  # noqa: F401
from wijksessie.commands.documents import cmd_export, cmd_letter, cmd_report  # noqa: F401
from wijksessie.commands.followup import cmd_decide  # noqa: F401
from wijksessie.commands.people import cmd_anonymise, cmd_forget, cmd_people, cmd_person, cmd_purge  # noqa: F401
from wijksessie.commands.session import cmd_add, cmd_contact, cmd_list, cmd_new, cmd_program, cmd_vote  # noqa: F401
from wijksessie.errors import UserError
from wijksessie.i18n import _

LOG_NAME = "wijksessie.log"

#: The commands in the order ``--help`` lists them; each adds its own sub-parser.
SETUPS = (
    _session_cmds.setup_open,
    _session_cmds.setup_new,
    _session_cmds.setup_list,
    _session_cmds.setup_add,
    _session_cmds.setup_vote,
    _session_cmds.setup_contact,
    _followup_cmds.setup_decide,
    _followup_cmds.setup_history,
    _followup_cmds.setup_agreement,
    _followup_cmds.setup_evaluate,
    _document_cmds.setup_export,
    _document_cmds.setup_letter,
    _document_cmds.setup_report,
    _data_cmds.setup_import,
    _people_cmds.setup_person,
    _people_cmds.setup_people,
    _people_cmds.setup_forget,
    _people_cmds.setup_purge,
    _people_cmds.setup_anonymise,
    _people_cmds.setup_privacy_ok,
    _data_cmds.setup_restore,
    _content_cmds.setup_check,
    _content_cmds.setup_i18n,
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
    parser.set_defaults(func=cmd_program)
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


def _log_crash(args_data_dir: str | None) -> Path | None:
    """Write the current exception to the one error log (:mod:`wijksessie.log`); returns where, or ``None``.

    Never in the data folder or the current folder, and without any message
    text (it may hold what residents said); ``args_data_dir`` is not used.
    """
    from wijksessie.log import log_crash

    return log_crash("command line")


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
    data_dir = None
    try:
        _start(argv)
        args = build_parser().parse_args(argv)
        data_dir = args.data_dir
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
        where = _log_crash(data_dir)
        sys.stderr.write(
            _("wijksessie: er ging iets mis dat niet had mogen gebeuren. Er is niets verloren; details staan in {path}.").format(
                path=where or _("(geen logbestand)")
            )
            + "\n"
        )
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
