"""Residents' text made safe to show on a terminal or to write into a document.

Text typed, pasted or imported into a session may hold control characters and
escape sequences (``ESC ] 0 ; … BEL`` sets the window title, ``ESC [ 2 J``
clears the screen, U+202E turns the rest of a line around). Session files
keep the text exactly as it was typed. Two functions make it harmless where
it is shown:

* :func:`terminal_safe` — for everything written to a terminal, by the command
  line and by the full-screen program;
* :func:`document_safe` — for every exported or printed document (Markdown,
  text, CSV, HTML letters and reports), applied once on write.

Both show each control character as a visible symbol (``␛`` for ESC, ``␀`` for
NUL), so the sequence cannot act and the reader can still see that something
odd was there; they drop the invisible bidirectional overrides and keep
bidirectional isolates only in balanced pairs (the letter uses those itself).
Emoji and every script are kept as they are.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 controls (U+0080–U+009F,
# which include the one-byte CSI/OSC that some terminals obey).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ONELINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# In documents a carriage return is kept only as part of a CRLF line end (CSV uses those).
_CONTROL_DOCUMENT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")

#: Bidirectional embeddings and overrides (LRE, RLE, PDF, LRO, RLO): never needed in
#: typed text, and able to show a line in an order other than the one stored.
_BIDI_OVERRIDES = re.compile("[\u202a-\u202e]")
#: Bidirectional isolates (LRI, RLI, FSI) and their end (PDI).
_ISOLATE_OPEN = "\u2066\u2067\u2068"
_ISOLATE_CLOSE = "\u2069"
_HAS_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ␛ for ESC, ␇ for BEL, ␤ …
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def _balance_isolates(text: str) -> str:
    """Drop bidi overrides; keep isolates only in pairs, closed before each line end."""
    if not _HAS_BIDI.search(text):
        return text
    text = _BIDI_OVERRIDES.sub("", text)
    out: list[str] = []
    depth = 0
    for ch in text:
        if ch in _ISOLATE_OPEN:
            depth += 1
        elif ch == _ISOLATE_CLOSE:
            if depth == 0:
                continue  # a close without an open: it could end one of ours early
            depth -= 1
        elif ch in "\n\u2028\u2029" and depth:
            out.append(_ISOLATE_CLOSE * depth)  # an isolate never reaches over a line end
            depth = 0
        out.append(ch)
    if depth:
        out.append(_ISOLATE_CLOSE * depth)
    return "".join(out)


def terminal_safe(text: str, *, oneline: bool = False) -> str:
    """``text`` with every control character shown as a harmless symbol.

    Escape sequences (OSC, CSI, …), C0 and C1 controls and NUL become visible
    symbols; bidi overrides are dropped and isolates balanced. Tab and newline
    stay unless ``oneline`` is true (for one-line messages: a newline would
    let text pose as a second message).
    """
    pattern = _CONTROL_ONELINE if oneline else _CONTROL
    return _balance_isolates(pattern.sub(_visible, text))


def document_safe(text: str) -> str:
    """``text`` for an exported or printed document: no raw control characters.

    Like :func:`terminal_safe`, but a CRLF line end (CSV) is kept. Applied
    once to the whole document on write; applying it twice changes nothing.
    """
    return _balance_isolates(_CONTROL_DOCUMENT.sub(_visible, text))


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def json_safe(json_text: str) -> str:
    """JSON text with the control characters ``json.dumps`` leaves raw written as ``\\uXXXX``.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls but not DEL,
    the C1 controls, the line separators or the bidi controls; this escapes them too. The data
    read back is exactly the same.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~!])")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_LINE_START = re.compile(r"^(\s*)([-+]|\d+[.)])(?=\s|$)")


def escape_markdown(value: object) -> str:
    """Make text safe to put in Markdown: it shows exactly as typed, never as markup or HTML.

    Line breaks become spaces (a list item stays one item); characters that
    start emphasis, links, headings, tables or raw HTML get a backslash; an
    ``&`` is escaped only where it would start an HTML entity, so ordinary
    text ("Jan & Piet") stays readable as it is. Used by the letter, the
    export and the report alike.
    """
    text = " ".join(str(value).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)
