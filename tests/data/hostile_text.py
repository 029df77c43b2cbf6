"""Text that tries to drive a terminal or hide what it says: the hostile-text corpus.

Each entry is something a resident could type or paste, or another laptop's
export could carry. Tests store it exactly and assert that it never reaches a
terminal or a document raw. Add every new case found here.
"""

ESC = "\x1b"
BEL = "\x07"

HOSTILE = {
    "window title (OSC 0)": "\x1b]0;pwned\x07 en verder",
    "window title (OSC 2, ST)": "\x1b]2;pwned\x1b\\ titel",
    "clipboard write (OSC 52)": "\x1b]52;c;cm0gLXJmIH4=\x07 klembord",
    "hyperlink (OSC 8)": "\x1b]8;;https://kwaad.example\x1b\\klik\x1b]8;;\x1b\\",
    "clear screen": "\x1b[2J\x1b[H alles weg?",
    "erase line and cursor up": "regel\x1b[1A\x1b[2K\x1b[1Aweg",
    "cursor to top left": "\x1b[1;1Hbovenaan\x1b[999;999H",
    "alternate screen": "\x1b[?1049h verstopt \x1b[?1049l",
    "colours": "\x1b[31mrood\x1b[0m normaal",
    "device control string": "\x1bP+q544e\x1b\\ dcs",
    "application program command": "\x1b_kitty\x1b\\ apc",
    "query (may answer into input)": "\x1b[6n\x1b[c\x1b]11;?\x07",
    "one-byte CSI, OSC, ST (C1)": "\x9b2J en \x9d0;titel\x9c",
    "every C1 control": "".join(chr(c) for c in range(0x80, 0xA0)),
    "bell and backspace": "piep\x07\x08\x08\x08weg",
    "carriage return": "goed\rFOUT",
    "NUL and DEL": "a\x00b\x7fc",
    "every C0 control": "".join(chr(c) for c in range(0x00, 0x20) if chr(c) not in "\t\n"),
    "right-to-left override": "factuur\u202egpj.exe",
    "left-to-right override and embeddings": "\u202d\u202a\u202babc\u202c",
    "isolate never closed": "\u2067open isolate",
    "close without open": "\u2069\u2069 sluit",
    "Arabic with marks": "\u200fشكرا للجميع\u200e (Noord)",
    "Hebrew and Devanagari": "שלום नमस्ते",
    "emoji": "👍🏽 ❤️‍🔥 👨‍👩‍👧 🇳🇱",
    "combining characters": "Z̷̢a̸l̵g̶o̷ e\u0301",
    "line separators": "een\u2028twee\u2029drie",
    "tabs and newlines": "een\ttwee\n\ndrie\nvier",
}

#: Characters that must never reach a terminal or a document raw.
RAW_CONTROLS = {chr(c) for c in range(0x00, 0x20) if chr(c) not in "\t\n"} | {chr(c) for c in range(0x7F, 0xA0)}
BIDI_OVERRIDES = set("\u202a\u202b\u202c\u202d\u202e")


def raw_left(text: str, *, allow_crlf: bool = False) -> set[str]:
    """The raw control characters and bidi overrides in ``text`` (empty when it is safe)."""
    if allow_crlf:
        text = text.replace("\r\n", "\n")
    return {ch for ch in text if ch in RAW_CONTROLS or ch in BIDI_OVERRIDES}
