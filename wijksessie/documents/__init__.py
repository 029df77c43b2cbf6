"""Letters as documents to print or edit: PDF, Word (DOCX), and personal letters.

- :func:`render_document` gives the letter of a session in any format of
  :data:`wijksessie.letter.LETTER_FORMATS` as bytes: ``html``, ``md`` and
  ``txt`` from the templates (:func:`wijksessie.letter.render_letter`),
  ``pdf`` (:mod:`.pdf`, fpdf2) and ``docx`` (:mod:`.docx`, python-docx) from
  the same sentences (:mod:`.blocks`).
- :mod:`.personal` writes one letter per resident who asked for one, with
  their name and address in the envelope window, and records it.

Every format holds the same rules: every contribution with its answer, the
contact point, the privacy paragraph, the letter's language and direction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wijksessie import letter
from wijksessie.errors import UserError
from wijksessie.i18n import _
from wijksessie.model import Agreement, Contribution, Person, Session

#: Formats made here, not from a text template.
DOCUMENT_FORMATS = ("pdf", "docx")

#: Formats that are bytes, not text.
BINARY_FORMATS = frozenset(DOCUMENT_FORMATS)


def all_formats() -> tuple[str, ...]:
    """Every format a letter can be written in (text formats first)."""
    return tuple(letter.FORMATS) + tuple(f for f in DOCUMENT_FORMATS if f not in letter.FORMATS)


def render_document(
    session: Session,
    contributions: list[Contribution],
    agreements: list[Agreement],
    fmt: str = "pdf",
    lang: str | None = None,
    *,
    person: Person | None = None,
    municipality: letter.Municipality | None = None,
    today: dt.date | None = None,
    final: bool = False,
    templates: Path | None = None,
) -> bytes:
    """The letter as bytes in ``fmt`` and ``lang``; with ``person``, addressed to them.

    Raises :class:`UserError` for an unknown format or a broken template.
    """
    if fmt in DOCUMENT_FORMATS:
        from wijksessie.documents.blocks import build_document

        doc = build_document(
            session, contributions, agreements, lang,
            person=person, municipality=municipality, today=today, final=final, templates=templates,
        )
        if fmt == "pdf":
            from wijksessie.documents.pdf import render_pdf

            return render_pdf(doc)
        from wijksessie.documents.docx import render_docx

        return render_docx(doc)
    if fmt not in letter.FORMATS:
        raise UserError(
            _("Een brief kan als {formats}, niet als '{fmt}'. Kies een van die.").format(
                formats=", ".join(all_formats()), fmt=fmt
            )
        )
    text = letter.render_letter(
        session, contributions, agreements, fmt, lang,
        municipality=municipality, today=today, final=final, templates=templates,
    )
    if person is not None:
        from wijksessie.documents.personal import add_address

        text = add_address(text, fmt, person)
    return text.encode("utf-8")


def render_session_document(sf, fmt: str = "pdf", lang: str | None = None, **kwargs) -> bytes:
    """:func:`render_document` for an open :class:`~wijksessie.store.SessionFile`."""
    return render_document(sf.session, sf.contributions(), sf.agreements(), fmt, lang, **kwargs)
