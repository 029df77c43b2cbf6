"""The letter as a Word file (DOCX) a communication officer can edit, with python-docx.

Real Word structure, not look-alike formatting: the title and section names
use the styles "Title"/"Heading 1"/"Heading 2", list items the style
"List Bullet", so Word's navigation pane, a screen reader and LibreOffice
see the structure. For Arabic (and every right-to-left language) each
paragraph gets ``<w:bidi/>`` and each run ``<w:rtl/>``, and the document's
language is set, so Word lays it out right to left and checks the right
spelling. The municipality's heading is in the page header, the page number
in the footer. A personal letter has the name and address in a frame at the
position of the envelope window (22 mm from the left, 50 mm from the top).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from wijksessie.documents.blocks import Block, LetterDocument

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

#: Word wants a language with a region; the ones we ship, and a fallback by language code.
WORD_LANGUAGES = {"nl": "nl-NL", "en": "en-GB", "fy": "fy-NL", "tr": "tr-TR", "ar": "ar-SA", "pl": "pl-PL"}

# The order of the children of <w:pPr> in the OOXML schema (Word refuses files that break it).
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)

MM_TWIPS = 56.6929  # twentieths of a point per millimetre


def word_language(lang: str) -> str:
    """``nl`` → ``nl-NL``; a code we do not know stays as it is (``de`` → ``de``)."""
    code = lang.replace("_", "-")
    return WORD_LANGUAGES.get(code.split("-", 1)[0], code) if "-" not in code else code


def _add_ppr(paragraph: Paragraph, tag: str, **attrs: object) -> Any:  # an lxml element (lxml has no types here)
    """Add ``<w:tag attrs/>`` to a paragraph's properties at its place in the schema."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key), str(value))
    successors = _PPR_ORDER[_PPR_ORDER.index(tag) + 1:]
    ppr.insert_element_before(element, *successors)
    return element


def _border(paragraph: Paragraph, *sides: str) -> None:
    """A thin black line on the given sides of a paragraph (``top``, ``bottom``, ...)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = _add_ppr(paragraph, "w:pBdr")
    for side in sides:
        line = OxmlElement(f"w:{side}")
        for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "000000")):
            line.set(qn(key), value)
        borders.append(line)


class _Writer:
    def __init__(self, doc: LetterDocument) -> None:
        from docx import Document
        from docx.shared import Mm, Pt

        self.doc = doc
        self.Pt = Pt
        self.word = Document()
        self._styles: dict[str, str] = {}
        section = self.word.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(22), Mm(20)
        section.top_margin, section.bottom_margin = Mm(20), Mm(18)
        section.header_distance, section.footer_distance = Mm(8), Mm(8)
        styles = self.word.styles
        normal = styles["Normal"]
        normal.font.size = Pt(11.5)
        self._set_style_language(normal)
        props = self.word.core_properties
        props.title = doc.title
        props.author = doc.municipality
        props.last_modified_by = doc.municipality
        props.language = word_language(doc.lang)
        props.comments = ""
        props.keywords = ""

    def _set_style_language(self, style: Any) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        rpr = style.element.get_or_add_rPr()
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        code = word_language(self.doc.lang)
        lang.set(qn("w:val"), code)
        if self.doc.rtl:
            lang.set(qn("w:bidi"), code)

    # -- pieces

    def paragraph(self, text: str = "", style: str | None = None, *, bold: bool = False) -> Paragraph:
        p = self.word.add_paragraph()
        if style:
            # The style's id is looked up once: python-docx searches every style on each use.
            if style not in self._styles:
                self._styles[style] = self.word.styles[style].style_id
            p._p.get_or_add_pPr().style = self._styles[style]
        if text:
            self.run(p, text, bold=bold)
        if self.doc.rtl:
            _add_ppr(p, "w:bidi")
        return p

    def run(self, paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False) -> Run:
        r = paragraph.add_run(text)
        if bold:
            r.bold = True
        if italic:
            r.italic = True
        if self.doc.rtl:
            r.font.rtl = True
            r.font.cs_bold = bold or None
        return r

    def header_footer(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        section = self.word.sections[0]
        head = section.header.paragraphs[0]
        self.run(head, self.doc.heading, bold=True)
        if self.doc.rtl:
            _add_ppr(head, "w:bidi")
        _border(head, "bottom")

        foot = section.footer.paragraphs[0]
        foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, instr in enumerate(("PAGE", "NUMPAGES")):
            if i:
                foot.add_run("/")
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), instr)
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            foot._p.append(field)

    def address(self) -> None:
        """Name and address in a frame where the envelope window is; always left to right."""
        x, y = round(22 * MM_TWIPS), round(50 * MM_TWIPS)
        w, h = round(85 * MM_TWIPS), round(30 * MM_TWIPS)
        for line in self.doc.address[:6]:
            p = self.word.add_paragraph()
            p.add_run(line)
            _add_ppr(p, "w:framePr", **{
                "w:w": w, "w:h": h, "w:hRule": "exact", "w:wrap": "around",
                "w:hAnchor": "page", "w:vAnchor": "page", "w:x": x, "w:y": y,
            })
            p.paragraph_format.space_after = self.Pt(0)
        # An empty paragraph beside the window, so the letter starts below it (the page's top
        # margin is 20 mm; the window ends 80 mm from the top).
        from docx.shared import Mm

        spacer = self.word.add_paragraph()
        spacer.paragraph_format.space_before = Mm(58)

    def block(self, block: Block) -> None:
        if block.kind == "heading":
            style = {1: "Title", 2: "Heading 1", 3: "Heading 2"}.get(block.level, "Heading 3")
            p = self.paragraph(block.text, style)
            if block.rule:
                _border(p, "top")
        elif block.kind == "note":
            _border(self.paragraph(block.text), "top", "left", "bottom", "right")
        elif block.kind == "item":
            p = self.paragraph(style="List Bullet")
            if block.quote:
                self.run(p, block.quote, italic=True)
                if block.text:
                    p.add_run().add_break()
            if block.text:
                self.run(p, block.text)
        elif block.kind == "signature":
            p = self.paragraph(block.text)
            p.paragraph_format.space_after = self.Pt(0)
        else:
            self.paragraph(block.text)

    def _complex_script_sizes(self) -> None:
        """Word sizes and bolds Arabic with the "complex script" properties (szCs, bCs), not sz and b:
        give every style the same for both, or Arabic headings come out as small plain text."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        for style in self.word.styles.element.findall(qn("w:style")):
            rpr = style.find(qn("w:rPr"))
            if rpr is None:
                continue
            size = rpr.find(qn("w:sz"))
            if size is not None and rpr.find(qn("w:szCs")) is None:
                size_cs = OxmlElement("w:szCs")
                size_cs.set(qn("w:val"), size.get(qn("w:val")))
                size.addnext(size_cs)
            bold = rpr.find(qn("w:b"))
            if bold is not None and rpr.find(qn("w:bCs")) is None:
                rpr.get_or_add_bCs().set(qn("w:val"), bold.get(qn("w:val"), "1"))

    def render(self) -> bytes:
        if self.doc.rtl:
            self._complex_script_sizes()
        self.header_footer()
        if self.doc.address:
            self.address()
        for block in self.doc.blocks:
            self.block(block)
        out = io.BytesIO()
        self.word.save(out)
        return out.getvalue()


def render_docx(doc: LetterDocument) -> bytes:
    """The letter as DOCX bytes."""
    return _Writer(doc).render()
