"""Late promises on the home screen: sessions where a promised date passed without a new answer.

What is late is counted when the list is read (:meth:`wijksessie.store.SessionStore.summaries`,
by the rules of :func:`wijksessie.feedback.lateness`: the letter promised to residents, points
still being looked into past their date, agreements past their date); this marks those
sessions in the "Brief" column, e.g. "verstuurd, 2 te laat".
"""

from __future__ import annotations

from rich.text import Text

from wijksessie.i18n import _, ngettext
from wijksessie.store import SessionSummary


def letter_cell(summary: SessionSummary, cell: Text) -> Text:
    """The "Brief" cell with what is late besides the letter: "verstuurd, 2 te laat"."""
    n = summary.late
    if not n:
        return cell  # nothing late, or only the letter: the cell says "te laat" already
    if summary.letter_late:  # the cell says "te laat" already: say what else is
        return Text(_("te laat: brief + {n}").format(n=n), style="bold red")
    late = Text(ngettext("{n} te laat", "{n} te laat", n).format(n=n), style="bold red")
    if cell.plain.strip() in ("", "\u2013"):
        return late
    return cell.copy().append(", ").append_text(late)
