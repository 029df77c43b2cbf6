"""Personal letters: one per resident who asked for a letter, addressed to them.

Only residents who gave consent for a letter (``person … --purpose letter``)
get one; those who only offered to help do not. Each letter is the same
letter as everyone's (every contribution with its answer, the contact point),
in the resident's own language, with their name and address where the window
of a Dutch envelope shows it. Files are named by the receipt code, never by
name (``brief-2026-03-12-K7QM-4TXP.pdf``), readable by the owner only, in a
folder only the owner can open. Each resident's record keeps which letter was
written for them, so ``wijksessie people`` shows it and ``forget`` removes it
with the rest of their data.

For the program: :func:`letters_to_print` says how many are waiting,
:func:`write_personal_letters` writes them.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wijksessie import atomic, i18n, letter
from wijksessie.errors import UserError
from wijksessie.i18n import _
from wijksessie.model import LetterSent, Person, PersonPurpose, Session

if TYPE_CHECKING:
    from wijksessie.store import SessionFile

#: Formats a personal letter can be written in (paper first).
PERSONAL_FORMATS = ("pdf", "docx", "html", "md", "txt")

FOLDER_MODE = 0o700


@dataclass
class PersonalLetter:
    """One letter written: for which receipt code, in which language, where."""

    receipt: str
    lang: str
    path: Path
    #: Dutch source texts the letter used because the language lacks them.
    untranslated: list[str] = field(default_factory=list)
    #: Characters a PDF leaves out because its font lacks them.
    missing: str = ""


def letter_recipients(people: list[Person]) -> list[Person]:
    """The residents who asked for a personal letter (not those who only want to help)."""
    return [p for p in people if p.purpose is PersonPurpose.LETTER]


def letters_to_print(sf: SessionFile, *, final: bool = True) -> list[Person]:
    """Residents who asked for a letter and have not yet had this one (the final one by default).

    The program shows "n brieven klaar om te printen" with ``len()`` of this.
    """
    waiting = []
    for p in letter_recipients(sf.people()):
        if not any(sent.final == final for sent in p.letters):
            waiting.append(p)
    return waiting


def file_name(session: Session, person: Person, fmt: str) -> str:
    """``brief-2026-03-12-K7QM-4TXP.pdf``: the meeting's date and the receipt code, never a name."""
    return f"brief-{session.date.isoformat()}-{person.receipt}.{fmt}"


def add_address(text: str, fmt: str, person: Person) -> str:
    """Put the name and address at the top of a text letter (html, md or txt)."""
    from markupsafe import Markup, escape

    from wijksessie.documents.blocks import address_lines

    lines = address_lines(person)
    if fmt == "html":
        block = Markup(
            # Left on the page in every language (margin-right:auto also in a right-to-left letter),
            # about 50 mm from the top of the sheet: where the window of a Dutch envelope is.
            '<div class="address" dir="ltr" style="margin:20mm auto 12mm 0;min-height:30mm;'
            'width:85mm;text-align:left;line-height:1.35">{lines}</div>\n'
        ).format(lines=Markup("<br>").join(escape(x) for x in lines))
        marker = 'class="heading"'
        at = text.find(marker)
        end = text.find("</p>", at) + len("</p>\n") if at >= 0 else -1
        if at < 0 or end < len("</p>\n"):
            body = text.find("<body")
            end = text.find(">", body) + 2 if body >= 0 else 0
        return text[:end] + str(block) + text[end:]
    if fmt == "md":
        return "  \n".join(letter.escape_markdown(x) for x in lines) + "\n\n" + text
    return "\n".join(lines) + "\n\n" + text


def _prepare_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise UserError(
            _("Dit is een bestand, geen map: {path}. Kies met -o een map voor de brieven.").format(path=folder)
        )
    if not folder.exists():
        try:
            folder.mkdir(parents=True, mode=FOLDER_MODE)
            os.chmod(folder, FOLDER_MODE)
        except OSError as exc:
            raise UserError(
                _("Deze map kan niet worden gemaakt: {path}. Reden: {error}. Kies een andere map met -o.").format(
                    path=folder, error=exc.strerror or exc
                )
            ) from None


class UntranslatedPersonalLetters(UserError):
    """Refused: some residents' letters would hold Dutch texts. ``untranslated``: per language, those texts."""

    def __init__(self, message: str, untranslated: dict[str, list[str]]) -> None:
        super().__init__(message)
        self.untranslated = untranslated


def write_personal_letters(
    sf: SessionFile,
    folder: Path | str,
    fmt: str = "pdf",
    *,
    final: bool = False,
    force: bool = False,
    record: bool = True,
    today: dt.date | None = None,
    municipality: letter.Municipality | None = None,
    mark_untranslated: bool = False,
    refuse_untranslated: bool = False,
    waiting_only: bool = False,
) -> list[PersonalLetter]:
    """Write one letter per resident who asked for one into ``folder``; returns what was written.

    ``sf`` is an open :class:`~wijksessie.store.SessionFile` (writable when
    ``record``: each resident's record gets the letter). All letters are made
    first and only then written, so a broken template writes nothing; an
    existing file stops everything unless ``force``; so does a letter in a
    language that is not fully translated when ``refuse_untranslated``
    (the final letter). With ``waiting_only``, only residents who have not
    had this letter yet (:func:`letters_to_print`; the program's button).
    Raises :class:`UserError` with what to do.
    """
    from wijksessie.documents import write_document

    if fmt not in PERSONAL_FORMATS:
        raise UserError(
            _("Dit bestandstype kan niet voor een eigen brief: {fmt}. Kies uit: {formats}.").format(
                formats=", ".join(PERSONAL_FORMATS), fmt=fmt
            )
        )
    recipients = letters_to_print(sf, final=final) if waiting_only else letter_recipients(sf.people())
    if waiting_only and not recipients and letter_recipients(sf.people()):
        raise UserError(_("Elke bewoner die om een brief vroeg, heeft deze brief al. Er is niets meer te printen."))
    if not recipients:
        raise UserError(
            _("Niemand in deze sessie heeft om een eigen brief gevraagd. Leg dat vast met: wijksessie person … --purpose letter.")
        )
    contributions = sf.contributions()
    agreements = sf.agreements()
    if final:
        letter.check_final(contributions)
    folder = Path(folder)
    targets = [(p, folder / file_name(sf.session, p, fmt)) for p in recipients]
    if not force:
        for _p, path in targets:
            if path.exists():
                raise UserError(
                    _("Dit bestaat al: {path}. Kies een andere map met -o, of zet --force erbij om te overschrijven.").format(
                        path=path
                    )
                )
    municipality = municipality or letter.load_municipality()
    today = today or dt.date.today()
    made = [
        (p, path, write_document(sf.session, contributions, agreements, fmt, p.language, person=p,
                                 municipality=municipality, today=today, final=final,
                                 mark_untranslated=mark_untranslated))
        for p, path in targets
    ]
    if refuse_untranslated:
        half = sorted({r.lang for _p, _path, r in made if r.untranslated})
        if half:
            raise UntranslatedPersonalLetters(
                _("Niet alle brieven zijn helemaal vertaald. Het gaat om: {languages}. Laat de vertaling afmaken (wijksessie i18n status), of verstuur ze toch met --allow-untranslated.").format(
                    languages=", ".join(half)
                ),
                {lang: list(dict.fromkeys(t for _p, _path, r in made if r.lang == lang for t in r.untranslated))
                 for lang in half},
            )
    _prepare_folder(folder)
    written: list[PersonalLetter] = []
    for p, path, rendered in made:
        try:
            atomic.write_atomic(path, rendered.data, mode=atomic.FILE_MODE)
        except OSError as exc:
            raise UserError(
                _("Deze brief kan niet worden geschreven: {path}. Reden: {error}. Kijk of de map bestaat en of u erin mag schrijven.").format(
                    path=path, error=exc.strerror or exc
                )
            ) from None
        written.append(PersonalLetter(p.receipt, rendered.lang, path, rendered.untranslated, rendered.missing))
    if record and not sf.readonly:
        record_letters(sf, [p for p, _path, _r in made], fmt, today=today, final=final)
    return written


def record_letters(sf: SessionFile, people: list[Person], fmt: str, *, today: dt.date, final: bool) -> None:
    """Note in each resident's record which letter was written for them (``people`` shows it)."""
    for p in people:
        p.letters.append(LetterSent(date=today, format=fmt, language=i18n.normalise(p.language), final=final))
        sf.update_person(p)
