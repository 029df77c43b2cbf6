"""The letter as a list of blocks (headings, paragraphs, list items), for PDF and Word.

The PDF and the Word file are made from the HTML letter itself
(``content/letters/letter.html``, rendered by
:func:`wijksessie.letter.render_letter` from
:func:`wijksessie.letter.build_letter_data`): it is read back into blocks
with the standard library's HTML parser. So every rule of the letter holds
in PDF and Word as well — every contribution with its answer, the contact
point, the privacy paragraph, personal data in what was said only as the
letter may print it, the same translations and text direction — and a
sentence or section added to the templates appears in every format without
a change here. This module only notes the kind of each piece; :mod:`.pdf`
and :mod:`.docx` decide how a kind looks.

What is read: ``<html lang dir>``, ``<title>``, ``<p class="heading">`` (the
municipality's line), ``h1``–``h3``, ``p`` (classes ``date``, ``signature``
and ``dutch-note`` are noted), ``li`` (a ``<span class="quote">`` in it is
what a resident said), ``<br>``, and ``<bdi>`` (kept as the Unicode isolates
FSI … PDI, so a Dutch name inside Arabic keeps its own direction).
Everything else counts as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from wijksessie import i18n
from wijksessie.model import Person
from wijksessie.safe_text import document_safe


@dataclass
class Block:
    """One piece of the letter.

    ``kind`` is ``heading`` (with ``level`` 1–3), ``para``, ``item`` (a list
    item; ``quote`` holds what a resident said, shown before ``text``),
    ``date``, ``signature`` (one line) or ``note`` (a paragraph in a box).
    ``rule`` asks for a line above (the privacy section).
    """

    kind: str
    text: str
    level: int = 0
    quote: str = ""
    rule: bool = False


@dataclass
class LetterDocument:
    """A letter ready to lay out: language, direction, the heading line and the blocks."""

    lang: str
    dir: str
    title: str
    heading: str
    municipality: str
    blocks: list[Block] = field(default_factory=list)
    #: Name and address lines for the window envelope; empty for the general letter.
    address: list[str] = field(default_factory=list)

    @property
    def rtl(self) -> bool:
        return self.dir == "rtl"

    def text(self) -> str:
        """All text of the letter, one block a line (for tests and a quick look)."""
        lines = [self.heading, *self.address]
        for b in self.blocks:
            lines.append(f"{b.quote} {b.text}".strip())
        return "\n".join(lines)


def address_lines(person: Person) -> list[str]:
    """The name, then the address split at line breaks and commas (``Dorpsstraat 1, 1234 AB Stad``)."""
    lines = [" ".join(person.name.split())]
    for part in person.address.replace("\r", "\n").replace(",", "\n").split("\n"):
        part = " ".join(part.split())
        if part:
            lines.append(part)
    if len(lines) == 1 and person.email:
        lines.append(person.email)
    return lines


#: Control characters (a bad paste): no glyph in a PDF, and not allowed in Word's XML. Also
#: the bidi embeddings and overrides, which could show a line in another order than stored.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e]")

_BLOCK_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 3, "p": 0, "li": 0}


class _LetterParser(HTMLParser):
    """Reads the HTML letter into blocks (see the module's docstring for what is read)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.dir = "ltr"
        self.title = ""
        self.heading = ""
        self.blocks: list[Block] = []
        self._skip = 0
        self._in_title = False
        self._current: dict[str, Any] | None = None
        self._spans: list[bool] = []  # for each open <span>: is it the quote?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag == "html":
            self.lang = a.get("lang") or ""
            self.dir = a.get("dir") or "ltr"
        elif tag in ("style", "script"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in _BLOCK_TAGS:
            self._finish()
            self._current = {"tag": tag, "classes": classes, "parts": [], "quote": [], "quote_depth": 0}
        elif tag == "span" and self._current is not None:
            is_quote = "quote" in classes
            self._spans.append(is_quote)
            if is_quote:
                self._current["quote_depth"] += 1
        elif tag == "br" and self._current is not None:
            self._current["parts"].append("\n")
        elif tag == "bdi":
            self.handle_data(i18n.FSI)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in _BLOCK_TAGS:
            self._finish()
        elif tag == "span" and self._current is not None and self._spans:
            if self._spans.pop():
                self._current["quote_depth"] -= 1
        elif tag == "bdi":
            self.handle_data(i18n.PDI)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        data = _CONTROL.sub("", data)
        if self._in_title:
            self.title += data
        elif self._current is not None:
            target = "quote" if self._current["quote_depth"] > 0 else "parts"
            self._current[target].append(data)

    def _finish(self) -> None:
        cur, self._current = self._current, None
        self._spans = []
        if cur is None:
            return
        tag, classes = cur["tag"], cur["classes"]
        raw = "".join(cur["parts"])
        # Every isolate that opens also closes within its own block (a stray one typed by a
        # resident would otherwise turn the rest of the paragraph around).
        text = document_safe(" ".join(raw.split()))
        quote = document_safe(" ".join("".join(cur["quote"]).split()))
        if tag == "p" and "heading" in classes:
            self.heading = text
        elif tag == "p" and "signature" in classes:
            for line in raw.splitlines():
                line = " ".join(line.split())
                if line:
                    self.blocks.append(Block("signature", line))
        elif not text and not quote:
            return
        elif tag == "li":
            self.blocks.append(Block("item", text, quote=quote))
        elif tag == "p":
            kind = "date" if "date" in classes else "note" if "dutch-note" in classes else "para"
            self.blocks.append(Block(kind, " ".join(f"{quote} {text}".split())))
        else:
            self.blocks.append(Block("heading", text, _BLOCK_TAGS[tag], rule="privacy" in classes))

    def close(self) -> None:
        super().close()
        self._finish()


def parse_letter_html(html: str, *, municipality: str = "") -> LetterDocument:
    """The blocks of a rendered HTML letter."""
    parser = _LetterParser()
    parser.feed(html)
    parser.close()
    return LetterDocument(
        lang=i18n.normalise(parser.lang.replace("-", "_") or None),
        dir="rtl" if parser.dir.lower() == "rtl" else "ltr",
        title=" ".join(parser.title.split()),
        heading=parser.heading,
        municipality=municipality,
        blocks=parser.blocks,
    )

