"""Rule: sentences of more than ``max_words`` (15) words."""

from __future__ import annotations

import re

from wijksessie.i18n import _, ngettext
from wijksessie.plain.results import Finding
from wijksessie.plain.text import Positions, sentence_at


def find(
    text: str, masked: str, start: int, end: int, words: list[re.Match[str]], max_words: int, positions: Positions, path: str
) -> Finding | None:
    """A finding for the sentence ``masked[start:end]`` when it has more than ``max_words`` words."""
    if len(words) <= max_words:
        return None
    line, column, sentence = sentence_at(text, masked, words, end, positions)
    return Finding(
        line,
        column,
        "long_sentence",
        sentence,
        ngettext(
            "deze zin heeft {count} woord; maak er kortere zinnen van (hoogstens {max})",
            "deze zin heeft {count} woorden; maak er kortere zinnen van (hoogstens {max})",
            len(words),
        ).format(count=len(words), max=max_words),
        _("Korte zinnen zijn makkelijker te lezen, en ook makkelijker te volgen als iemand ze voorleest."),
        path,
    )
