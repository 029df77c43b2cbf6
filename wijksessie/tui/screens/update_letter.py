"""The update letter from the letter screen (key u, once a letter went out).

Only the points and agreements whose answer changed since the last letter
are in it, each with what residents were told then and what is true now
(:mod:`wijksessie.update_outputs`); each letter language counts from its own
last letter, as ``wijksessie letter --update --lang …`` does. With nothing
changed the screen says so and writes nothing. When a language's letter would
still hold Dutch texts the screen says how many and asks first (the command
line's ``--allow-untranslated``); with a yes those texts are marked. The files
go into the session's own folder; the screen says where.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wijksessie import i18n, update_outputs
from wijksessie.errors import UserError, os_error_message
from wijksessie.i18n import _, format_date, ngettext
from wijksessie.tui.base import program_words, today

if TYPE_CHECKING:
    from wijksessie.tui.screens.letter import LetterPreviewScreen
    from wijksessie.update_outputs import UpdateLetters


def available(screen: LetterPreviewScreen) -> bool:
    """True when the session had a letter before (an update letter then makes sense)."""
    return update_outputs.letter_was_sent(screen.session)


def make(screen: LetterPreviewScreen, *, allow_untranslated: bool = False) -> None:
    """Make the update letter in a worker thread; ``screen`` is the letter screen."""
    if not available(screen):
        screen.notify(_("Er is nog geen brief verstuurd. Maak eerst de definitieve brief met d."), severity="warning")
        return
    screen.update_note = ""
    screen.show_status(_("Bezig met maken…"))
    store, sid, day = screen.store, screen.session_id, today(screen)

    def work() -> None:
        result: UpdateLetters | None
        try:
            result = update_outputs.write_update_letters(store, sid, store.data_dir, today=day,
                                                         allow_untranslated=allow_untranslated)
            problem = ""
        except UserError as exc:
            result, problem = None, program_words(str(exc))
        except OSError as exc:
            result, problem = None, os_error_message(exc)
        screen.app.call_from_thread(_done, screen, result, problem)

    screen.run_worker(work, thread=True, exclusive=True, group="letter-write")


def _language(lang: str) -> str:
    return i18n.language_name(lang, i18n.current_language())


def gaps_question(result: UpdateLetters) -> str:
    """What the screen asks when a letter language is not fully translated: what is wrong, per language, what to do."""
    from wijksessie.outputs import gaps_lines

    lines = [_("De bijwerkbrief is nog niet helemaal vertaald."), *gaps_lines(result.gaps)]
    lines.append(_("Laat eerst de vertaling afmaken. Of maak de brief toch; dan staat bij elke Nederlandse tekst een teken."))
    return "\n".join(lines)


def _done(screen: LetterPreviewScreen, result: UpdateLetters | None, problem: str) -> None:
    if problem or result is None:
        screen.notify(problem, title=_("Dat lukte niet"), severity="error", timeout=10)
        screen.show_status("⚠ " + problem)
        return
    if result.gaps and result.written is None:
        _ask(screen, result)
        return
    if result.written is None:
        message = _("Er is niets veranderd sinds de vorige brief. Datum van die brief: {date}. "
                    "Er is geen bijwerkbrief gemaakt.").format(date=format_date(result.since) if result.since else "")
        screen.notify(message, title=_("Geen bijwerkbrief nodig"), timeout=8)
        screen.show_status(message)
        return
    written = result.written
    screen.written = written
    message = (
        ngettext("{n} punt is veranderd.", "{n} punten zijn veranderd.", result.points).format(n=result.points)
        + " "
        + ngettext("{n} afspraak is veranderd.", "{n} afspraken zijn veranderd.", result.agreements).format(
            n=result.agreements)
        + " "
        + _("Bijwerkbrief gemaakt. Map: {folder}").format(folder=written[0].parent if written else "")
    )
    if result.unchanged:
        message += " " + _("Geen nieuws voor deze talen: {languages}.").format(
            languages=", ".join(_language(lang) for lang in result.unchanged))
    if result.gaps:
        message += " " + _("Bij elke Nederlandse tekst staat een teken.")
    screen.update_note = message
    screen.reload_session()  # shows the status line again, with this note
    screen.notify(message, title=_("Bijwerkbrief klaar"), timeout=10)


def _ask(screen: LetterPreviewScreen, result: UpdateLetters) -> None:
    """Say how many texts are still Dutch, per language; make the letter (marked) only after an explicit yes."""
    from wijksessie.tui.dialogs.common import ConfirmDialog

    question = gaps_question(result)
    screen.show_status("⚠ " + question)

    def answer(yes: bool | None) -> None:
        if yes:
            make(screen, allow_untranslated=True)
        else:
            screen.show_status(_("Er is geen bijwerkbrief gemaakt."))

    screen.app.push_screen(
        ConfirmDialog(question, yes=_("Toch maken"), no=_("Nog niet"), danger=True),
        answer,
    )
