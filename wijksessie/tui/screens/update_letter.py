"""The update letter from the letter screen (key u, once a letter went out).

Only the points and agreements whose answer changed since the last letter
are in it, each with what residents were told then and what is true now
(:mod:`wijksessie.update_outputs`). With nothing changed the screen says so
and writes nothing. The files go into the session's own folder; the screen
says where.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from wijksessie import update_outputs
from wijksessie.errors import UserError, os_error_message
from wijksessie.i18n import _, format_date, ngettext
from wijksessie.tui.base import program_words, today

if TYPE_CHECKING:
    from wijksessie.feedback import Changes
    from wijksessie.tui.screens.letter import LetterPreviewScreen


def available(screen: LetterPreviewScreen) -> bool:
    """True when the session had a letter before (an update letter then makes sense)."""
    return update_outputs.letter_was_sent(screen.session)


def make(screen: LetterPreviewScreen) -> None:
    """Make the update letter in a worker thread; ``screen`` is the letter screen."""
    if not available(screen):
        screen.notify(_("Er is nog geen brief verstuurd. Maak eerst de definitieve brief met d."), severity="warning")
        return
    screen.show_status(_("Bezig met maken…"))
    store, sid, day = screen.store, screen.session_id, today(screen)

    def work() -> None:
        written: list[Path] | None
        changes: Changes | None
        try:
            written, changes = update_outputs.write_update_letters(store, sid, store.data_dir, today=day)
            problem = ""
        except UserError as exc:
            written, changes, problem = None, None, program_words(str(exc))
        except OSError as exc:
            written, changes, problem = None, None, os_error_message(exc)
        screen.app.call_from_thread(_done, screen, written, changes, problem)

    screen.run_worker(work, thread=True, exclusive=True, group="letter-write")


def _done(screen: LetterPreviewScreen, written: list[Path] | None, changes: Changes | None, problem: str) -> None:
    if problem or changes is None:
        screen.notify(problem, title=_("Dat lukte niet"), severity="error", timeout=10)
        screen.show_status("⚠ " + problem)
        return
    if written is None:
        message = _("Er is niets veranderd sinds de brief van {date}. Er is geen bijwerkbrief gemaakt.").format(
            date=format_date(changes.since.sent))
        screen.notify(message, title=_("Geen bijwerkbrief nodig"), timeout=8)
        screen.show_status(message)
        return
    screen.written = written
    screen.reload_session()
    message = (
        ngettext("{n} punt is veranderd.", "{n} punten zijn veranderd.", len(changes.points)).format(n=len(changes.points))
        + " "
        + ngettext("{n} afspraak is veranderd.", "{n} afspraken zijn veranderd.", len(changes.agreements)).format(
            n=len(changes.agreements))
        + " "
        + _("Bijwerkbrief gemaakt. Map: {folder}").format(folder=written[0].parent if written else "")
    )
    screen.notify(message, title=_("Bijwerkbrief klaar"), timeout=10)
