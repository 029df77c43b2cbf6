"""Writing the update letter into the session's own folder (for the full-screen program).

The rules are the feedback loop's (:mod:`wijksessie.feedback`): only points
and agreements whose answer changed since the last letter sent; with nothing
changed nothing is written and nothing is recorded. The letter is made in
letter language with something new (since that language's last letter) and
every format first, then written, then noted as sent once per language
(:func:`wijksessie.feedback.record_letters` with ``kind='update'``), so a
letter that could not be written is never recorded as sent. A letter that
would hold Dutch texts is written only when asked explicitly
(``allow_untranslated``), and then those texts are marked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wijksessie import feedback, i18n
from wijksessie.feedback import Changes
from wijksessie.model import Session
from wijksessie.outputs import WrittenFiles, _write, letter_languages, session_folder
from wijksessie.update_letter import LanguageGap, UpdateLetter, language_gaps, make_update_letter

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


@dataclass
class UpdateLetters:
    """What :func:`write_update_letters` did: the files written, or why nothing was written."""

    #: The files written; ``None`` when nothing was written (nothing changed, or ``gaps`` wait for a yes).
    written: WrittenFiles | None
    #: What changed for each letter language, since that language's last letter.
    changes: dict[str, Changes] = field(default_factory=dict)
    #: Languages whose letter would hold Dutch texts; asked about before anything is written.
    gaps: list[LanguageGap] = field(default_factory=list)

    @property
    def languages(self) -> list[str]:
        """The languages an update letter is (or would be) written in: those with something new."""
        return [lang for lang, changed in self.changes.items() if changed]

    @property
    def unchanged(self) -> list[str]:
        """The languages whose readers already heard of every change."""
        return [lang for lang, changed in self.changes.items() if not changed]

    @property
    def points(self) -> int:
        """How many points changed (each once, over all languages)."""
        return len({p.contribution.id for changed in self.changes.values() for p in changed.points})

    @property
    def agreements(self) -> int:
        """How many agreements changed (each once, over all languages)."""
        return len({a.agreement.id for changed in self.changes.values() for a in changed.agreements})

    @property
    def since(self) -> dt.date | None:
        """The day of the latest letter the changes are counted from."""
        return max((changed.since.sent for changed in self.changes.values()), default=None)


def write_update_letters(store: SessionStore, session_id: str, data_dir: Path, *, today: dt.date | None = None,
                         formats: tuple[str, ...] = UPDATE_FORMATS, allow_untranslated: bool = False) -> UpdateLetters:
    """The update letter in every letter language with something new, in ``formats``; recorded per language.

    Each language tells what changed since its own last letter (so a
    language that had an update from the command line is not told twice).
    Nothing is written when nothing changed, and nothing either while a
    language's letter would hold Dutch texts (``gaps``) and
    ``allow_untranslated`` is off: the program asks first, then calls again
    with it on and those texts are marked. Raises
    :class:`~wijksessie.errors.UserError` when no letter went out yet (then
    the first letter is what residents need) or a template is broken.
    """
    today = today or dt.date.today()
    with store.open(session_id) as sf:  # locked while the letter is made and recorded
        result = UpdateLetters(None)
        made: list[UpdateLetter] = []
        for lang in letter_languages(sf.session):
            for fmt in formats:
                letter = make_update_letter(sf, fmt, lang, today=today, mark_untranslated=allow_untranslated)
                result.changes[letter.lang] = letter.changes
                if letter.content is None:
                    break  # nothing new for this language's readers
                made.append(letter)
        if not made:
            return result
        result.gaps = language_gaps(made)
        if result.gaps and not allow_untranslated:
            return result
        folder = session_folder(data_dir, sf.session.id)
        result.written = WrittenFiles(
            _write(folder / update_filename(sf.session, today, letter.fmt, letter.lang), letter.content)
            for letter in made if letter.content is not None
        )
        feedback.record_letters(sf, languages=result.languages, fmt=",".join(formats), kind="update", today=today)
    return result
