"""Text: placeholders and markup masked (positions kept), sentences, clauses and words.

Masking turns placeholders (``{name}``, ``{{ x }}``, ``%(n)s``), Jinja tags,
web and e-mail addresses (and for templates HTML tags) into spaces, so every
offset in the masked text is the same offset in the original. A tag that
breaks a sentence (``{% if %}``, ``<p>``) becomes :data:`BREAK`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

# A sentence break that takes the place of a tag ({% if %}, <p>); the
# splitter cuts here. \x1f is not a line break for str.splitlines().
BREAK = "\x1f"

_MASK_RE = re.compile(
    r"""
      (?P<expr>\{\{.*?\}\})
    | (?P<stmt>\{%.*?%\})
    | (?P<comment>\{\#.*?\#\})
    | (?P<field>\{[A-Za-z_][\w.]*(?:\[[^\]\n]*\])*(?:![rsa])?(?::[^{}\n]*)?\})
    | (?P<percent>%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[sd])
    | (?P<url>(?:https?://|www\.)[^\s<>"'()]*[^\s<>"'().,;:!?])
    | (?P<mail>[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})
    """,
    re.S | re.X,
)
# Translatable text inside a Jinja expression stays: {{ _("Welkom") }}.
_GETTEXT_CALL = re.compile(r"\b(?P<func>_|gettext|ngettext|pgettext|npgettext)\(\s*")
_STRING_ARG = re.compile(r"""(?P<q>["'])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*(?P<comma>,\s*)?""", re.S)
_HTML_RE = re.compile(
    r"<(?P<raw>style|script)\b.*?</(?P=raw)\s*>|<!--.*?-->|<(?P<close>/?)(?P<tag>[A-Za-z][\w-]*)[^<>]*>|&#?\w+;",
    re.S | re.I,
)
_BLOCK_TAGS = frozenset(
    "p br li ul ol div h1 h2 h3 h4 h5 h6 tr td th table section header footer article blockquote hr".split()
)


def blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _mask_match(match: re.Match[str]) -> str:
    raw = match.group(0)
    kind = match.lastgroup
    blanked = blank(raw)
    if kind == "expr":
        chars = list(blanked)
        for start, end in _gettext_strings(raw):
            chars[start:end] = mask(raw[start:end])
            if end < len(chars):
                chars[end] = BREAK  # singular and plural are separate texts
        return "".join(chars)
    if kind in ("stmt", "comment"):
        return BREAK + blanked[1:]
    return blanked


def _gettext_strings(expression: str) -> Iterator[tuple[int, int]]:
    """Spans of the message texts in a Jinja expression: ``_("..")``, ``ngettext("..", "..", n)``."""
    for call in _GETTEXT_CALL.finditer(expression):
        position = call.end()
        skip_first = call.group("func") in ("pgettext", "npgettext")  # the first string is a context
        while True:
            arg = _STRING_ARG.match(expression, position)
            if not arg:
                break
            if not skip_first:
                yield arg.span("text")
            skip_first = False
            position = arg.end()
            if not arg.group("comma"):
                break


def mask(text: str) -> str:
    """``text`` with placeholders, Jinja tags, web and mail addresses blanked."""
    # Most prompts have none of these: skip the substitution then.
    if "{" not in text and "%" not in text and "@" not in text and "www." not in text and "://" not in text:
        return text
    return _MASK_RE.sub(_mask_match, text)


def mask_markup(text: str) -> str:
    """Also blank HTML tags, comments and entities (letter templates)."""

    def repl(match: re.Match[str]) -> str:
        blanked = blank(match.group(0))
        tag = (match.group("tag") or "").lower()
        return BREAK + blanked[1:] if tag in _BLOCK_TAGS else blanked

    return _HTML_RE.sub(repl, mask(text))


# ---------------------------------------------------------------------------
# Positions
# ---------------------------------------------------------------------------


class Positions:
    """Offset in a text → (line, column), 1-based, with a first-line offset."""

    def __init__(self, text: str, first_line: int = 1):
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.first_line = first_line

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + index, offset - self.starts[index] + 1


def sentence_at(
    text: str, masked: str, words: list[re.Match[str]], end: int, positions: Positions
) -> tuple[int, int, str]:
    """Line, column and text of a sentence from its first word to ``end``, without trailing blanks."""
    first = words[0].start()
    last = end
    while last > first and masked[last - 1].isspace():
        last -= 1
    line, column = positions.at(first)
    return line, column, text[first:last]


def line_col(text: str, offset: int, first_line: int = 1) -> tuple[int, int]:
    # Cheaper than Positions for the few hits of a live check.
    line_start = text.rfind("\n", 0, offset) + 1
    return first_line + text.count("\n", 0, offset), offset - line_start + 1



WORD_RE = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_ITEM_RE = re.compile(r"(?m)^[ \t]*(?:[-*•–+]|\d{1,2}[.)]|#{1,6})[ \t]+")
_HEADING_RE = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+[^\n]*")
_COLON_END_RE = re.compile(r":[ \t]*(?=\n)")
CLAUSE_SPLIT = re.compile(r"[,;:()\[\]–—\"“”]|\s-\s")

# Words that end with a full stop without ending the sentence.
_DOT_ABBREVIATIONS = frozenset(
    "bijv bv ca enz etc evt dhr mevr mw nr oa dwz ipv mbt tav zsm incl excl vs vgl zgn resp tel blz "
    "eg ie mr mrs ms dr st no".split()
)


def _dot_does_not_end(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].replace(".", "").lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. de Vries"
    return word in _DOT_ABBREVIATIONS


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences: cut at . ! ? and at blank lines, list items, headings, "...:" line ends and tags."""
    cuts = {0, len(text)}
    for match in _END_RE.finditer(text):
        if match.group(0).rstrip("\"'”’)]") == "." and _dot_does_not_end(text, match.start()):
            continue
        cuts.add(match.end())
    for match in _BLANK_LINE_RE.finditer(text):
        cuts.add(match.start() + 1)
    for match in _ITEM_RE.finditer(text):
        cuts.add(match.start())
    for match in _HEADING_RE.finditer(text):
        cuts.add(match.start())
        cuts.add(match.end())
    for match in _COLON_END_RE.finditer(text):
        cuts.add(match.end())
    start = text.find(BREAK)
    while start >= 0:
        cuts.add(start)
        start = text.find(BREAK, start + 1)
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if WORD_RE.search(text, a, b)]


def words(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    return list(WORD_RE.finditer(text, start, len(text) if end is None else end))


