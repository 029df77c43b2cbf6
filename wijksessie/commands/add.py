"""The ``add`` command: record one contribution (text as an argument, or ``-`` for stdin); prints its number."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from wijksessie.commands.common import Parser, out, store, warn_personal_data
from wijksessie.enums import ContributionKind
from wijksessie.errors import UserError
from wijksessie.i18n import _

if TYPE_CHECKING:
    from wijksessie.store import SessionFile


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


def setup_add(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.add_argument("text", metavar="TEKST")
    p.add_argument("--theme", help=_("thema"))
    p.add_argument("--kind", default="idea", choices=ContributionKind.choices(), help=_("soort inbreng"))
    p.add_argument("--step", help=_("agendastap"))
    p.set_defaults(func=cmd_add)
