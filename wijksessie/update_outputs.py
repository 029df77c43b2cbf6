"""Writing the update letter into the session's own folder (for the full-screen program).

The rules are the feedback loop's (:mod:`wijksessie.feedback`): only points
and agreements whose answer changed since the last letter sent; with nothing
changed nothing is written and nothing is recorded. The letter is made in
every letter language and format first, then written, then noted as sent
(:func:`wijksessie.feedback.record_letter` with ``kind='update'``), so a
letter that could not be written is never recorded as sent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from wijksessie import feedback, i18n
from wijksessie.feedback import Changes
from wijksessie.model import Session
from wijksessie.outputs import WrittenFiles, _write, letter_languages, session_folder
from wijksessie.update_letter import write_update_letter

if TYPE_CHECKING:
    from wijksessie.store import SessionStore

#: The formats an update letter is written in from the program (PDF and Word: wijksessie letter --update --format pdf|docx).
UPDATE_FORMATS = ("html", "md", "txt")


def update_filename(session: Session, day: dt.date, fmt: str, lang: str) -> str:
    """``bijwerkbrief-2027-01-15-<id>-nl.html``: sorts by the day it went out, never overwrites the first letter."""
    return f"bijwerkbrief-{day.isoformat()}-{session.id}-{i18n.normalise(lang)}.{fmt}"


def letter_was_sent(session: Session) -> bool:
    """True when a letter went out before, so an update letter makes sense."""
    return bool(session.letters) or session.letter_sent is not None


def write_update_letters(store: SessionStore, session_id: str, data_dir: Path, *, today: dt.date | None = None,
                         formats: tuple[str, ...] = UPDATE_FORMATS) -> tuple[WrittenFiles | None, Changes]:
    """The update letter in every letter language and ``formats``; ``(None, changes)`` when nothing changed.

    Raises :class:`~wijksessie.errors.UserError` when no letter went out yet
    (then the first letter is what residents need) or a template is broken.
    """
    today = today or dt.date.today()
    with store.open(session_id) as sf:  # locked while the letter is made and recorded
        languages = letter_languages(sf.session)
        made: list[tuple[Path, str | bytes]] = []
        changes: Changes | None = None
        folder = session_folder(data_dir, sf.session.id)
        for lang in languages:
            for fmt in formats:
                result, changes = write_update_letter(sf, fmt, lang, today=today, record=False)
                if result is None:
                    return None, changes
                made.append((folder / update_filename(sf.session, today, fmt, lang), result))
        written = WrittenFiles(_write(path, content) for path, content in made)
        feedback.record_letter(sf, language=languages[0], fmt=",".join(formats), kind="update", today=today)
    assert changes is not None
    return written, changes
