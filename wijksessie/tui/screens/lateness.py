"""Late promises on the home screen: sessions where a promised date passed without a new answer.

The list of sessions shows at once; this reads every session again in a
worker thread (:func:`wijksessie.feedback.lateness`: the letter promised to
residents, points still being looked into past their date, agreements past
their date) and then marks those sessions in the "Brief" column, e.g.
"verstuurd, 2 te laat".
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from wijksessie import feedback
from wijksessie.i18n import _, ngettext


def read_lateness(store, today: dt.date) -> dict[str, feedback.Lateness]:
    """What is late per session id (only sessions with something late); damaged sessions are left out."""
    from wijksessie.errors import UserError

    late: dict[str, feedback.Lateness] = {}
    for sid in store.session_ids():
        try:
            with store.open(sid, readonly=True) as sf:
                found = feedback.lateness(sf.session, sf.contributions(), sf.agreements(), today)
        except UserError:
            continue  # damaged or unreadable: the list shows it as such
        if found:
            late[sf.session.id] = found
    return late


def start(screen) -> None:
    """Read lateness for the home screen in a thread; the table is filled again when it is known."""
    store, day = screen.app.store, screen.app.clock().date()

    def work() -> None:
        try:
            late = read_lateness(store, day)
        except Exception:  # noqa: BLE001 - a flag is extra; the list of sessions must stay usable
            return
        screen.app.call_from_thread(_known, screen, late)

    screen.run_worker(work, thread=True, exclusive=True, group="home-lateness")


def _known(screen, late: dict[str, feedback.Lateness]) -> None:
    before = getattr(screen, "late", None)
    screen.late = late
    if before != late and screen.is_mounted:
        screen.fill()


def letter_cell(screen, session_id: str, cell: Text) -> Text:
    """The "Brief" cell with what is late besides the letter: "verstuurd, 2 te laat"."""
    found = getattr(screen, "late", {}).get(session_id)
    if not found:
        return cell
    n = len(found.reviews) + len(found.agreements)
    if not n:
        return cell  # only the letter is late: the cell says "te laat" already
    if found.letter_overdue:  # the cell says "te laat" already: say what else is
        return Text(_("te laat: brief + {n}").format(n=n), style="bold red")
    late = Text(ngettext("{n} te laat", "{n} te laat", n).format(n=n), style="bold red")
    if cell.plain.strip() in ("", "\u2013"):
        return late
    return cell.copy().append(", ").append_text(late)
