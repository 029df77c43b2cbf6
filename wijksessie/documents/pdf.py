"""The letter as a print-ready PDF (A4), with fpdf2.

Why fpdf2: it installs with pip alone on Windows, macOS and Linux (pure
Python; HarfBuzz comes as the ``uharfbuzz`` wheel), it embeds the font, and
the text stays real text. The font is DejaVu Sans, shipped in
``content/fonts/`` (free licence beside it): it has the Latin letters of
Dutch, Frisian, Turkish and Polish and the Arabic script.

HarfBuzz shaping joins Arabic letters and lays them out right to left. It is
switched on only where it is needed: every paragraph of a right-to-left
letter (the bidi algorithm also places Dutch words and punctuation there),
and a paragraph with Arabic (or another joining script) in a Dutch letter.
Lines are broken here, each word measured once (:meth:`_Writer._wrap`):
fpdf2's own line breaking shapes the growing line again for every
character. ``python -m bench --only pdf`` measures a letter of 1,000
contributions.

Layout, from the top of page 1: the municipality's heading line; for a
personal letter the name and address where the window of a Dutch envelope
(C5/DL with a window on the left) shows it, 22 mm from the left and 50 mm
from the top; then the letter. Page numbers ("1/3") at the foot of every
page.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from wijksessie import i18n, paths
from wijksessie.documents.blocks import Block, LetterDocument

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_FAMILY = "DejaVuSans"
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

#: Page margins in millimetres. The left one lines up with the address window.
MARGIN_LEFT = 22.0
MARGIN_RIGHT = 20.0
MARGIN_TOP = 15.0
MARGIN_BOTTOM = 18.0

#: The address window of a Dutch window envelope: from the page's top left corner, in mm.
ADDRESS_X = 22.0
ADDRESS_Y = 50.0
ADDRESS_WIDTH = 85.0
ADDRESS_HEIGHT = 30.0

BODY_SIZE = 11.5
LINE = 5.6  # line height for the body text, mm
SIZES = {1: 17.0, 2: 13.5, 3: 12.0}

# Scripts that need HarfBuzz: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, the Indic
# scripts, Thai, Lao, Tibetan, Myanmar, Khmer, and the Arabic presentation forms.
_NEEDS_SHAPING = re.compile("[\u0590-\u0fff\u1000-\u109f\u1780-\u17ff\ufb1d-\ufdff\ufe70-\ufeff]")


_ISOLATES = re.compile("[\u2066-\u2069]")


def needs_shaping(text: str) -> bool:
    """True when ``text`` has letters that must be joined or laid out right to left."""
    return bool(_NEEDS_SHAPING.search(text))


def font_dir() -> Path:
    """The folder with the shipped fonts."""
    return paths.content_dir() / "fonts"


@functools.lru_cache(maxsize=1)
def _fpdf_class() -> type[FPDF]:
    from fpdf import FPDF

    class LetterPDF(FPDF):
        """FPDF with page numbers at the foot of every page."""

        def footer(self) -> None:
            # Called in the middle of a paragraph at a page break: leave its shaping as it was.
            shaping = self.text_shaping
            self.set_text_shaping(False)
            self.set_y(-12)
            self.set_font(FONT_FAMILY, "", 9)
            self.cell(0, 5, f"{self.page_no()}/{{nb}}", align="C")
            self.text_shaping = shaping

    return LetterPDF


class _Writer:
    """Lays out the blocks; keeps track of shaping so it is switched only when needed."""

    def __init__(self, doc: LetterDocument) -> None:
        from fpdf.enums import Align

        self.doc = doc
        self.Align = Align
        pdf = _fpdf_class()(orientation="portrait", unit="mm", format="A4")
        for style, name in FONT_FILES.items():
            pdf.add_font(FONT_FAMILY, style, str(font_dir() / name))
        pdf.set_margins(MARGIN_LEFT, MARGIN_TOP, MARGIN_RIGHT)
        pdf.set_auto_page_break(True, margin=MARGIN_BOTTOM)
        pdf.alias_nb_pages()
        pdf.set_title(doc.title)
        pdf.set_author(doc.municipality)
        pdf.set_creator("wijksessie")
        pdf.set_lang(doc.lang.replace("_", "-"))
        pdf.set_display_mode(zoom="fullwidth")
        self.pdf = pdf
        self.shaping: str | None = "off"
        self._widths: dict[tuple[str, float, str | None, str], float] = {}

    # -- text

    def _shape_for(self, text: str, *, ltr: bool = False) -> str:
        """Switch shaping on or off for ``text``; returns the text to print.

        ``ltr``: the text is not part of the letter's flow (a Dutch address stays left to right).
        """
        want = None
        if self.doc.rtl and not ltr:
            want = "rtl"  # also Dutch words: the bidi algorithm puts marks and full stops right
        elif needs_shaping(text):
            want = "auto"
        if want is None:
            text = _ISOLATES.sub("", text)  # only the bidi algorithm needs them; the font has no glyph
        if want != self.shaping:
            if want is None:
                self.pdf.set_text_shaping(False)
            else:
                self.pdf.set_text_shaping(True, direction="rtl" if want == "rtl" else None)
            self.shaping = want
        return text

    @property
    def width(self) -> float:
        return self.pdf.w - MARGIN_LEFT - MARGIN_RIGHT

    def text(self, text: str, *, size: float = BODY_SIZE, bold: bool = False, indent: float = 0.0,
             line: float = LINE, after: float = 1.5) -> None:
        """One paragraph, wrapped, starting ``indent`` mm in from the reading side."""
        pdf = self.pdf
        text = self._shape_for(text)
        pdf.set_font(FONT_FAMILY, "B" if bold else "", size)
        align = self.Align.R if self.doc.rtl else self.Align.L
        x = MARGIN_LEFT if self.doc.rtl else MARGIN_LEFT + indent
        avail = self.width - indent
        lines = self._wrap(text, avail, "B" if bold else "", size)
        if lines is not None:
            lines = i18n.isolate_lines(lines)  # bidi runs per line: an insert cut in two stays isolated
        if lines is None:  # a word wider than the line: let fpdf2 break it
            pdf.set_x(x)
            pdf.multi_cell(avail, line, text, align=align, new_x="LMARGIN", new_y="NEXT")
        else:
            for part in lines:
                pdf.set_x(x)
                pdf.cell(avail, line, part, align=align, new_x="LMARGIN", new_y="NEXT")
        if after:
            pdf.ln(after)

    def _wrap(self, text: str, avail: float, style: str, size: float) -> list[str] | None:
        """Break ``text`` into lines at spaces, measuring each word once.

        fpdf2's own line breaking measures the growing line again for every
        character; with HarfBuzz shaping on that is very slow (seconds for
        an Arabic letter of 1,000 points). Words do not join across a
        space, so a line is as wide as its words and spaces together. The
        bidi algorithm then runs per line, as it must (Unicode's rule L1-L4).
        """
        words = text.split(" ")
        widths = []
        for word in words:
            key = (style, size, self.shaping, word)
            w = self._widths.get(key)
            if w is None:
                w = self._widths[key] = self.pdf.get_string_width(word) if word else 0.0
            if w > avail:
                return None
            widths.append(w)
        space_key = (style, size, self.shaping, " ")
        space = self._widths.get(space_key)
        if space is None:
            space = self._widths[space_key] = self.pdf.get_string_width(" ")
        limit = avail - 0.5  # a little room for rounding and kerning
        lines: list[str] = []
        current: list[str] = []
        used = 0.0
        for word, w in zip(words, widths):
            if current and used + space + w > limit:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                used = used + space + w if current else w
                current.append(word)
        if current:
            lines.append(" ".join(current))
        return lines

    def keep(self, height: float) -> None:
        """Start a new page when less than ``height`` mm is left (no heading alone at a page's foot)."""
        if self.pdf.get_y() + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    # -- pieces

    def heading_line(self) -> None:
        self.text(self.doc.heading, size=BODY_SIZE, bold=True, after=0.5)
        self.rule()
        self.pdf.ln(4)

    def address(self) -> None:
        """Name and address in the envelope window; always left, as the post expects."""
        pdf = self.pdf
        top = ADDRESS_Y
        pdf.set_y(max(pdf.get_y(), top))
        for line in self.doc.address[:6]:
            line = self._shape_for(line, ltr=True)
            pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
            pdf.set_x(ADDRESS_X)
            pdf.cell(ADDRESS_WIDTH, LINE, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(max(pdf.get_y(), top + ADDRESS_HEIGHT) + 6)

    def item(self, block: Block) -> None:
        """A list item: a bullet on the reading side, what was said, then the answer."""
        pdf = self.pdf
        self.keep(2 * LINE)
        indent = 6.0
        y = pdf.get_y()
        self._shape_for("")
        pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
        bullet_x = pdf.w - MARGIN_RIGHT - 4 if self.doc.rtl else MARGIN_LEFT + 1
        pdf.set_xy(bullet_x, y)
        pdf.cell(4, LINE, "•")
        pdf.set_y(y)
        if block.quote:
            self.text(block.quote, indent=indent, after=0)
        if block.text:
            self.text(block.text, indent=indent, after=0)
        pdf.ln(2)

    def rule(self) -> None:
        pdf = self.pdf
        pdf.set_line_width(0.3)
        pdf.line(MARGIN_LEFT, pdf.get_y(), pdf.w - MARGIN_RIGHT, pdf.get_y())

    def note(self, text: str) -> None:
        """A paragraph in a box (the note that some texts are still in Dutch)."""
        pdf = self.pdf
        self.keep(3 * LINE)
        top, page = pdf.get_y(), pdf.page
        pdf.ln(1.5)
        self.text(text, indent=0, after=0)
        if pdf.page == page:
            pdf.rect(MARGIN_LEFT - 2, top, self.width + 4, pdf.get_y() - top + 1.5)
        pdf.ln(4)

    def block(self, block: Block) -> None:
        if block.kind == "heading":
            size = SIZES.get(block.level, BODY_SIZE)
            space = {1: 2.0, 2: 5.0, 3: 3.0}.get(block.level, 2.0)
            self.keep(space + 3 * LINE)
            self.pdf.ln(space)
            if block.rule:
                self.rule()
                self.pdf.ln(2)
            if block.level in (2, 3):
                self.pdf.start_section(block.text, level=block.level - 2)
            self.text(block.text, size=size, bold=True, line=size * 0.45, after=1.0)
        elif block.kind == "item":
            self.item(block)
        elif block.kind == "date":
            self.text(block.text, after=4)
        elif block.kind == "signature":
            self.text(block.text, after=0)
        elif block.kind == "note":
            self.note(block.text)
        else:
            self.text(block.text, after=2.5)

    def render(self) -> bytes:
        self.pdf.add_page()
        if self.doc.heading:
            self.heading_line()
        if self.doc.address:
            self.address()
        for block in self.doc.blocks:
            self.block(block)
        return bytes(self.pdf.output())


def render_pdf(doc: LetterDocument) -> bytes:
    """The letter as PDF bytes."""
    import logging

    # fpdf2 logs characters the font lacks in English; missing_characters() tells the user instead.
    logging.getLogger("fpdf").setLevel(logging.ERROR)
    return _Writer(doc).render()


@functools.lru_cache(maxsize=1)
def _font_characters() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(font_dir() / FONT_FILES[""]), lazy=True) as font:
        return frozenset(font.getBestCmap())


def missing_characters(doc: LetterDocument) -> str:
    """The characters of the letter the font cannot show (an emoji, Chinese), each once, in order."""
    have = _font_characters()
    seen: dict[str, None] = {}
    for ch in doc.text():
        if ord(ch) not in have and not ch.isspace() and not _ISOLATES.match(ch) and ch not in seen:
            seen[ch] = None
    return "".join(seen)


def without(doc: LetterDocument, characters: str) -> LetterDocument:
    """The letter with these characters left out (the font cannot show them; they would leave gaps)."""
    import dataclasses

    table = {ord(ch): None for ch in characters}
    return dataclasses.replace(
        doc,
        heading=doc.heading.translate(table),
        address=[line.translate(table) for line in doc.address],
        blocks=[dataclasses.replace(b, text=b.text.translate(table), quote=b.quote.translate(table)) for b in doc.blocks],
    )
