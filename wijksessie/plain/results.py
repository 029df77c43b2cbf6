"""What the check reports: :class:`Finding` (one thing to improve) and :class:`Problem` (a broken list)."""

from __future__ import annotations

from dataclasses import dataclass

from wijksessie.i18n import _

#: The rules :func:`wijksessie.plain.check_text` knows; pass a subset as ``rules=``.
RULES = frozenset({"jargon", "abbreviation", "long_sentence", "passive", "readability"})

#: Every ``Finding.kind``: the rules, plus ``marker`` (a ``b1-ok`` marker
#: without a reason) and ``error`` (a file that cannot be read or checked).
KINDS = ("jargon", "abbreviation", "long_sentence", "passive", "readability", "marker", "error")

DEFAULT_MAX_WORDS = 15



@dataclass(frozen=True)
class Finding:
    """One thing to improve in a text.

    ``line`` and ``column`` are 1-based; ``text`` is the matched text as
    written (its length gives the span to highlight; a separable verb or a
    long sentence may run over a line break). For jargon, ``suggestion`` is
    the alternatives joined with ", "; for the other kinds it is plain
    advice. ``alternatives`` holds the word list's ``use`` one by one (for a
    listed abbreviation: its explanation) and ``word`` the entry that
    matched; both are empty for findings that do not come from a list.
    """

    line: int
    column: int
    kind: str
    text: str
    suggestion: str
    why: str = ""
    path: str = ""
    word: str = ""
    alternatives: tuple[str, ...] = ()
    #: A word that counts only next to other listed words in its sentence
    #: (``alone: false`` in the word list): "toegankelijk" beside "voorzieningen".
    together: bool = False

    def format(self) -> str:
        """One line for the terminal: ``path:line: "input" → gebruik "inbreng"``."""
        where = f"{self.path}:{self.line}" if self.path else _("regel {line}").format(line=self.line)
        if self.kind in ("error", "marker"):
            return f"{where}: {self.suggestion}"
        if self.kind == "jargon":
            alternatives = self.alternatives or tuple(
                part.strip() for part in self.suggestion.split(",") if part.strip()
            )
            # The hard word and the alternatives each follow a label and a colon,
            # so every language can translate the message naturally.
            label = (
                _('Beleidswoord naast andere beleidswoorden: "{text}". Gebruik liever: {alternatives}.')
                if self.together
                else _('Moeilijk woord: "{text}". Gebruik liever: {alternatives}.')
            )
            return f"{where}: " + label.format(
                text=_one_line(self.text),
                alternatives=", ".join(f'"{alt}"' for alt in alternatives),
            )
        return f'{where}: "{_snippet(self.text)}" → {self.suggestion}'


@dataclass(frozen=True)
class Problem:
    """Something wrong in a word list or the allow-list, at ``path:line``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def as_finding(self) -> Finding:
        """The same problem as a ``Finding`` of kind ``error``."""
        return Finding(self.line, 1, "error", "", self.message, path=self.path)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _snippet(text: str, words: int = 8) -> str:
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]) + " …"


