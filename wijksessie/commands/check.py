"""The ``check`` command: agendas, themes, letters and translations, for errors and plain language."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wijksessie.commands.common import Parser, out
from wijksessie.errors import UserError
from wijksessie.i18n import _


def cmd_check(args: argparse.Namespace) -> int:
    try:
        return _check(args)
    except RecursionError:
        if not args.paths:
            raise UserError(_("De inhoud is te diep genest om te lezen. Kijk welk bestand onlangs is veranderd, "
                              "en maak het eenvoudiger.")) from None
        raise UserError(
            _("Dit is te diep genest om te lezen: {files}. Maak het bestand eenvoudiger, "
              "of kijk of het wel het goede bestand is.").format(files=", ".join(args.paths))
        ) from None


def _check(args: argparse.Namespace) -> int:
    from wijksessie import content

    files = [Path(p) for p in args.paths] if args.paths else None
    for p in files or []:
        if not p.exists():
            raise UserError(_("Dit bestand bestaat niet: {path}. Kijk de naam na.").format(path=p))
        if not (p.is_file() or p.is_dir()):  # a named pipe or device would make `check` wait forever
            raise UserError(_("Dit is geen gewoon bestand: {path}. Kies een YAML- of .po-bestand.").format(path=p))
    # Translation catalogues are checked too: all of them, or the .po files named.
    from wijksessie import i18n_tools

    po_files = [p for p in files or [] if p.suffix == ".po"]
    other = [p for p in files or [] if p.suffix != ".po"]
    problems = [str(e) for e in content.check_content(other if files is not None else None)] if other or files is None else []
    catalogue_problems = (
        [i18n_tools.check_catalogue(p) for p in po_files] if files is not None else [i18n_tools.check()]
    )
    for found in catalogue_problems:
        problems += [str(problem) for problem in found if not problem.warning]
        for problem in found:
            if problem.warning:
                from wijksessie.safe_text import terminal_safe

                sys.stderr.write(terminal_safe(str(problem), oneline=True) + "\n")  # may quote a translation
    # Plain language: jargon, long sentences, unexplained abbreviations, passive voice.
    from wijksessie import plain

    problems += [f.format() for f in plain.check_all(files)]
    for line in problems:
        out(line)
    if problems:
        from wijksessie.i18n import ngettext

        sys.stderr.write(ngettext("{n} probleem gevonden.", "{n} problemen gevonden.", len(problems)).format(
            n=len(problems)) + "\n")
        return 1
    out(_("Alles in orde."))
    return 0


def setup_check(p: Parser) -> None:
    p.add_argument("paths", nargs="*", metavar=_("BESTAND"))
    p.set_defaults(func=cmd_check)
