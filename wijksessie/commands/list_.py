"""The ``list`` command: the sessions in the data folder, one line each or as JSON."""

from __future__ import annotations

import argparse

from wijksessie.commands.common import Parser, out, store
from wijksessie.i18n import _


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


def setup_list(p: Parser) -> None:
    p.add_argument("--json", action="store_true", help=_("als JSON"))
    p.set_defaults(func=cmd_list)
