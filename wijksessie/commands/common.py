"""What several commands share: the parser class, the store, printing and ``-o FILE``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from wijksessie import paths
from wijksessie.errors import UserError
from wijksessie.i18n import _

if TYPE_CHECKING:
    from wijksessie.privacy import Hint
    from wijksessie.store import SessionStore, SessionSummary


class Parser(argparse.ArgumentParser):
    """argparse that reports a mistake in one line and exits 2 (no usage dump).

    ``options``, if given, adds the parser's arguments the first time it is
    used (:meth:`add_options`): a command's module is then imported only when
    that command runs, not for ``--help`` or the other commands.
    """

    def __init__(self, *args: Any, options: Callable[[Parser], None] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._options = options

    def add_options(self) -> None:
        """Add the arguments ``options`` describes, once."""
        options, self._options = self._options, None
        if options is not None:
            options(self)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:  # argparse's three overloads, unchanged
        self.add_options()  # argparse hands a command's arguments to its sub-parser through this method
        return super().parse_known_args(*args, **kwargs)

    def error(self, message: str) -> NoReturn:  # noqa: D401 - argparse API
        raise UserError(
            _("{message}. Typ '{prog} --help' voor hulp.").format(message=message.rstrip("."), prog=self.prog)
        )


def store(args: argparse.Namespace) -> SessionStore:
    """The session store of the data folder the command line names.

    A short write waits a few seconds for a session another process is
    writing, so two scripts adding at once both succeed.
    """
    import os

    from wijksessie.limits import CLI_LOCK_WAIT
    from wijksessie.store import SessionStore

    try:  # $WIJKSESSIE_LOCK_WAIT: seconds to wait (scripts and tests may want less or more)
        wait = min(max(float(os.environ.get("WIJKSESSIE_LOCK_WAIT", CLI_LOCK_WAIT)), 0.0), 600.0)
    except ValueError:
        wait = CLI_LOCK_WAIT
    return SessionStore(paths.data_dir(args.data_dir), lock_wait=wait)


def check_date(value: str | None, option: str) -> None:
    """Refuse a wrong date option (a slip, a year far outside any meeting's life) before a session is opened."""
    if value:
        from wijksessie.model import parse_date

        parse_date(value, option)


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse ``type``: a whole number from ``low`` to ``high`` (one clear line otherwise)."""

    def parse(text: str) -> int:
        shown = text if len(text) <= 20 else text[:20] + "…"
        digits = text.strip().lstrip("+-")
        too_long = digits.isdigit() and len(digits) > 18  # int() would refuse 5,000 digits with its own error
        try:
            value = 0 if too_long else int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(_("dit is geen heel getal: {value}").format(value=shown)) from None
        if too_long or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _("dit getal is te groot of te klein: {value}; kies een getal van {low} tot {high}").format(
                    value=shown, low=low, high=high
                )
            )
        return value

    parse.__name__ = "int"
    return parse


def out(text: str) -> None:
    """Print a line on stdout, with residents' escape sequences made harmless."""
    from wijksessie.safe_text import terminal_safe

    # Residents' text may hold escape sequences; never send them raw to the terminal.
    text = terminal_safe(text)
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def add_output_options(p: argparse.ArgumentParser) -> None:
    """``-o FILE`` and ``--force``, the same for every command that writes a document."""
    p.add_argument("-o", "--output", metavar=_("BESTAND"), help=_("naar een bestand in plaats van het scherm"))
    p.add_argument("--force", action="store_true", help=_("een bestaand bestand vervangen"))


def write_output(args: argparse.Namespace, text: str) -> None:
    """Print ``text``, or write it atomically to ``-o FILE`` (refusing to overwrite without --force).

    Every document except JSON (which escapes them itself) goes through
    :func:`~wijksessie.safe_text.document_safe`: no raw control characters in a file.
    """
    if getattr(args, "format", None) != "json":
        from wijksessie.safe_text import document_safe

        text = document_safe(text)
    if not args.output:
        if sys.stdout.isatty():
            from wijksessie.safe_text import terminal_safe

            text = terminal_safe(text)  # on screen: no raw escape sequences; piped output stays exact
        if getattr(args, "bom", False):
            text = "\ufeff" + text  # `wijksessie export --format csv > notes.csv` must open right in Excel too
        sys.stdout.write(text)
        return
    write_file(Path(args.output), text.encode("utf-8-sig" if getattr(args, "bom", False) else "utf-8"), force=args.force)


def write_file(target: Path, data: bytes, *, force: bool) -> None:
    """Write ``-o FILE`` atomically, never over an existing file without --force; say so on stderr.

    Any other file error becomes the one line of :func:`~wijksessie.errors.os_error_message`.
    """
    from wijksessie.atomic import write_new

    try:
        write_new(target, data, force=force)
    except FileExistsError:
        raise UserError(
            _("Dit bestand bestaat al: {path}. Kies een andere naam, of gebruik --force om het te vervangen.").format(path=target)
        ) from None
    except OSError as exc:
        from wijksessie.errors import FileProblem

        # Name the file the user gave, not the temporary file beside it that write_new writes first.
        exc.filename = str(target)
        raise FileProblem(exc) from None
    sys.stderr.write(_("Geschreven: {path}").format(path=target) + "\n")


def say_failed(lines: Iterable[str]) -> None:
    """Each copy or change that could not be made (``forget``, ``purge``), one line each on stderr."""
    from wijksessie.safe_text import terminal_safe

    for line in lines:
        sys.stderr.write(terminal_safe(_("Niet gelukt: {what}").format(what=line), oneline=True) + "\n")


def warn_personal_data(hints: Sequence[Hint], session_id: str, contribution_id: str) -> None:
    """Tell the user (on stderr) that a saved text seems to hold personal data, and how to fix it.

    Two lines: what was found (each hint its own sentence, "Dit lijkt een
    telefoonnummer: 06-…"), then what to do.
    """
    if not hints:
        return
    from wijksessie import privacy
    from wijksessie.safe_text import terminal_safe

    sys.stderr.write(terminal_safe(privacy.describe(list(hints)), oneline=True) + "\n")
    sys.stderr.write(
        _("Let op: schrijf inbreng zonder namen of nummers. Weghalen kan met: wijksessie anonymise {session} {id}").format(
            session=terminal_safe(session_id, oneline=True), id=terminal_safe(contribution_id, oneline=True)
        )
        + "\n"
    )


def warn_skipped(sessions: SessionStore) -> None:
    """Name on stderr each session a command over all sessions had to leave out, and what to do."""
    from wijksessie.safe_text import terminal_safe

    skipped: list[SessionSummary] = sessions.skipped
    for summary in skipped:
        sys.stderr.write(
            terminal_safe(_("Deze sessie telt niet mee: {id}. {problem}").format(id=summary.id, problem=summary.problem),
                          oneline=True)
            + "\n"
        )
