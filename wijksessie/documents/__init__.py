"""Letters as documents to print or edit: PDF, Word (DOCX), and personal letters.

- :func:`write_document` (or :func:`render_document` for the bytes alone)
  gives the letter of a session in any format of
  :data:`wijksessie.letter.LETTER_FORMATS`: ``html``, ``md`` and ``txt``
  from the templates (:func:`wijksessie.letter.write_letter`), ``pdf``
  (:mod:`.pdf`, fpdf2) and ``docx`` (:mod:`.docx`, python-docx) read from
  the HTML letter (:mod:`.blocks`).
- :mod:`.personal` writes one letter per resident who asked for one, with
  their name and address in the envelope window, and records it.

Every format holds the same rules: every contribution with its answer, the
contact point, the privacy paragraph, the letter's language and direction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wijksessie import letter
from wijksessie.errors import UserError
from wijksessie.i18n import _
from wijksessie.model import Agreement, Contribution, Person, Session
from wijksessie.safe_text import document_safe

#: Formats made here, not from a text template (bytes, not text).
DOCUMENT_FORMATS = tuple(f for f in letter.LETTER_FORMATS if f not in letter.FORMATS)


@dataclass
class RenderedDocument:
    """A letter as bytes, with its language and the texts that had to stay Dutch."""

    data: bytes
    lang: str
    #: Dutch source texts the letter used because the language lacks them.
    untranslated: list[str] = field(default_factory=list)
    #: Characters the PDF cannot show because the font lacks them (an emoji, Chinese); empty for other formats.
    missing: str = ""


def write_document(
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
    mark_untranslated: bool = False,
) -> RenderedDocument:
    """The letter in ``fmt`` and ``lang``; with ``person``, addressed to them.

    PDF and Word are made from the HTML letter (:mod:`.blocks`), so they say
    exactly what it says. Raises :class:`UserError` for an unknown format
    or a broken template.
    """
    if fmt not in letter.LETTER_FORMATS:
        raise UserError(
            _("Dit bestandstype kan niet voor een brief: {fmt}. Kies uit: {formats}.").format(
                formats=", ".join(letter.LETTER_FORMATS), fmt=fmt
            )
        )
    municipality = municipality or letter.load_municipality()
    rendered = letter.write_letter(
        session, contributions, agreements, "html" if fmt in DOCUMENT_FORMATS else fmt, lang,
        municipality=municipality, today=today, final=final, templates=templates,
        mark_untranslated=mark_untranslated,
    )
    missing = ""
    if fmt in DOCUMENT_FORMATS:
        data, missing = document_from_html(rendered.text, fmt, municipality=municipality.name, person=person)
    else:
        text = rendered.text
        if person is not None:
            from wijksessie.documents.personal import add_address

            text = add_address(text, fmt, person)
        data = document_safe(text).encode("utf-8")  # no raw control characters in a file
    return RenderedDocument(data, rendered.lang, list(rendered.untranslated), missing)


def from_html(html: str, fmt: str, *, municipality: str = "", person: Person | None = None) -> bytes:
    """A rendered HTML letter as PDF or Word (``fmt`` ``pdf`` or ``docx``); with ``person``, addressed to them."""
    return document_from_html(html, fmt, municipality=municipality, person=person)[0]


def document_from_html(html: str, fmt: str, *, municipality: str = "",
                       person: Person | None = None) -> tuple[bytes, str]:
    """:func:`from_html`, and the characters the PDF's font cannot show (left out; ``""`` for Word).

    For a caller that already rendered the HTML letter once and makes PDF and
    Word from that one text (:func:`wijksessie.outputs.write_letters`).
    """
    from wijksessie.documents.blocks import address_lines, parse_letter_html

    doc = parse_letter_html(html, municipality=municipality)
    if person is not None:
        doc.address = address_lines(person)
    if fmt == "pdf":
        from wijksessie.documents.pdf import missing_characters, render_pdf, without

        missing = missing_characters(doc)
        return render_pdf(without(doc, missing) if missing else doc), missing
    from wijksessie.documents.docx import render_docx

    return render_docx(doc), ""


def render_document(session: Session, contributions: list[Contribution], agreements: list[Agreement],
                    fmt: str = "pdf", lang: str | None = None, **kwargs: Any) -> bytes:
    """:func:`write_document`, only the bytes."""
    return write_document(session, contributions, agreements, fmt, lang, **kwargs).data

