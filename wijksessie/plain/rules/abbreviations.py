"""Rule: abbreviations (2–6 capitals) that the text does not explain.

"GGD (de gezondheidsdienst)" and "de gezondheidsdienst (GGD)" explain it;
for a file, an explanation anywhere in the file counts. Always fine: OK, TV,
WC, Roman numerals and words in a heading written in capitals ("LET OP").
"""

from __future__ import annotations

import bisect
import re

from wijksessie.i18n import _
from wijksessie.plain.results import Finding
from wijksessie.plain.text import line_col
from wijksessie.plain.wordlist import WordList

#: Abbreviations that are always fine. Kept tiny on purpose: B1 advice is "no
#: abbreviations", and these few are said and read as ordinary words that
#: every reader knows. Everything else must be explained in the same text.
ALWAYS_OK_ABBREVIATIONS = frozenset({"OK", "TV", "WC"})

_ABBREVIATION_TOKEN = re.compile(r"(?<![\w&])[A-Z][A-Z0-9&]{1,5}(?![\w&])")
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")
_BRACKETS = re.compile(r"\(([^()\n]{1,200})\)")
_WORD_BEFORE = re.compile(r"([\w&'’-]+)\s*$")


def explained_in(masked: str) -> set[str]:
    """Abbreviations explained in brackets: "GGD (de gezondheidsdienst)" or "de gezondheidsdienst (GGD)"."""
    explained: set[str] = set()
    for match in _BRACKETS.finditer(masked):
        inside = match.group(1).strip()
        before = _WORD_BEFORE.search(masked, max(0, match.start() - 40), match.start())
        if not before:
            continue
        if " " not in inside and any(c.isupper() for c in inside):
            # "de gezondheidsdienst (GGD)": the words before explain it.
            explained.add(inside.strip(".,;:"))
        elif any(c.islower() for c in inside):
            # "GGD (de gezondheidsdienst)": the brackets explain the word before.
            token = before.group(1)
            explained.add(token)
            explained.update(part for part in token.split("-") if part)
    return explained


_CAPS_WORD = r"[^\W\d_a-zß-ÿ]{2,}"
_CAPS_BEFORE = re.compile(_CAPS_WORD + r"[ \t:!,.-]+$")
_CAPS_AFTER = re.compile(r"[ \t:!,.-]+" + _CAPS_WORD + r"(?![\w])")


def _shouting(text: str, start: int, end: int) -> bool:
    """Words in capitals next to each other ("LET OP", "WELKOM ALLEMAAL") are shouting, not abbreviations."""
    if _CAPS_AFTER.match(text, end):
        return True
    before = _CAPS_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and (before.start() == 0 or not text[before.start() - 1].isalnum())


def advice(token: str, explanation: str = "") -> str:
    if explanation:
        return _('leg het uit of laat de afkorting weg. Voorbeeld: "{explanation} ({abbreviation})"').format(
            explanation=explanation, abbreviation=token
        )
    return _('schrijf het voluit, of zet de uitleg erachter. Voorbeeld: "{abbreviation} (uitleg)"').format(abbreviation=token)




def find(
    text: str,
    masked: str,
    wordlist: WordList,
    listed_spans: list[tuple[int, int]],
    explained: set[str],
    *,
    path: str,
    first_line: int,
) -> list[Finding]:
    """Unexplained abbreviations that are not on the word list (those come from :mod:`.jargon`)."""
    findings: list[Finding] = []
    span_starts = [s for s, _e in listed_spans]
    for match in _ABBREVIATION_TOKEN.finditer(masked):
        token = match.group(0)
        if sum(c.isupper() for c in token) < 2 or token in ALWAYS_OK_ABBREVIATIONS:
            continue
        if _ROMAN.fullmatch(token) or token in explained:
            continue
        if wordlist.abbreviation_entry(token) is not None:
            continue  # reported (or explained) through the word list
        index = bisect.bisect_right(span_starts, match.start()) - 1
        if index >= 0 and listed_spans[index][0] <= match.start() < listed_spans[index][1]:
            continue  # part of a listed phrase ("college van B&W")
        if _shouting(masked, match.start(), match.end()):
            continue
        line, column = line_col(text, match.start(), first_line)
        findings.append(
            Finding(
                line,
                column,
                "abbreviation",
                token,
                advice(token),
                _("Veel mensen kennen afkortingen niet."),
                path,
            )
        )
    return findings
