"""Residents' text made safe to print on a terminal, without changing what is stored.

Text typed or pasted in a session may hold control characters and escape
sequences (``ESC ] 0 ; … BEL`` sets the window title, ``ESC [ 2 J`` clears the
screen). Stored and exported files keep the text exactly; only what is
written to a terminal goes through :func:`terminal_safe`, which shows each
control character as a visible symbol, so the sequence is harmless and the
reader can still see that something odd was there.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 controls (U+0080–U+009F,
# which include the one-byte CSI/OSC that some terminals obey).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ONELINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ␛ for ESC, ␇ for BEL, ␤ …
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def terminal_safe(text: str, *, oneline: bool = False) -> str:
    """``text`` with every control character shown as a harmless symbol.

    Tab and newline stay unless ``oneline`` is true (for one-line messages:
    a newline would let text pose as a second message).
    """
    pattern = _CONTROL_ONELINE if oneline else _CONTROL
    return pattern.sub(_visible, text)


def has_control_characters(text: str) -> bool:
    """True when :func:`terminal_safe` would change ``text`` (tab and newline allowed)."""
    return _CONTROL.search(text) is not None


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


def json_safe(json_text: str) -> str:
    """JSON text with the control characters ``json.dumps`` leaves raw written as ``\\uXXXX``.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls but not DEL,
    the C1 controls or the line separators; this escapes them too. The data
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
