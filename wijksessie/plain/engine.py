"""Running the rules over one text: :func:`check_text` (everything) and :func:`find_jargon` (live, while typing)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from pathlib import Path

from wijksessie.i18n import _, normalise
from wijksessie.plain.results import DEFAULT_MAX_WORDS, KINDS, RULES, Finding
from wijksessie.plain.rules import abbreviations, jargon, long_sentences, nominal, passive_en, passive_nl, readability
from wijksessie.plain.text import CLAUSE_SPLIT, Positions, mask, sentence_spans, words
from wijksessie.plain.wordlist import load_wordlist

_PassiveRule = Callable[[list[tuple[int, int, str]]], list[tuple[int, int]]]
_PASSIVE: dict[str, _PassiveRule] = {"nl": passive_nl.find_spans, "en": passive_en.find_spans}


def _passive_findings(
    text: str, masked: str, start: int, end: int, rule: _PassiveRule, positions: Positions, path: str
) -> list[Finding]:
    findings: list[Finding] = []
    clause_start = start
    bounds = [m.start() for m in CLAUSE_SPLIT.finditer(masked, start, end)] + [end]
    for bound in bounds:
        clause = [(m.start(), m.end(), m.group(0).lower()) for m in words(masked, clause_start, bound)]
        clause_start = bound
        for hit in rule(clause) if len(clause) >= 2 else ():
            line, column = positions.at(hit[0])
            findings.append(
                Finding(
                    line,
                    column,
                    "passive",
                    text[hit[0] : hit[1]],
                    _('schrijf actief: zeg wie het doet ("wij bespreken het" in plaats van "het wordt besproken")'),
                    _("In een actieve zin ziet de lezer meteen wie iets doet."),
                    path,
                )
            )
    return findings


def check_masked(
    text: str,
    masked: str,
    lang: str,
    *,
    path: str,
    first_line: int,
    max_words: int,
    rules: Set[str],
    explained: set[str] | None,
    content_dir: Path | None,
) -> list[Finding]:
    """All findings in ``text``, whose placeholders and markup are blanked in ``masked``."""
    wordlist = load_wordlist(lang, content_dir)
    base = normalise(lang).split("_", 1)[0]
    if explained is None and "abbreviation" in rules:
        explained = abbreviations.explained_in(masked)
    findings, spans = jargon.find(
        text, masked, wordlist, path=path, first_line=first_line, explained=explained, rules=rules
    )
    if "abbreviation" in rules:
        findings += abbreviations.find(
            text, masked, wordlist, spans, explained or set(), path=path, first_line=first_line
        )
    want_long = "long_sentence" in rules
    want_hard = "readability" in rules and base == "nl"
    passive = _PASSIVE.get(base) if "passive" in rules else None
    if want_long or want_hard or passive:
        positions = Positions(text, first_line)
        for start, end in sentence_spans(masked):
            found = words(masked, start, end)
            if not found:
                continue
            long = long_sentences.find(text, masked, start, end, found, max_words, positions, path) if want_long else None
            if long is not None:
                findings.append(long)
            elif want_hard and not any(start <= hit < end for hit, _end in spans):
                # Reported once: a long sentence as long, one with listed words by its words.
                hard = readability.find(text, masked, start, end, found, positions, path)
                if hard is None:
                    hard = nominal.find(text, masked, start, end, found, positions, path)
                if hard is not None:
                    findings.append(hard)
            if passive:
                findings += _passive_findings(text, masked, start, end, passive, positions, path)
    findings.sort(key=lambda f: (f.line, f.column, KINDS.index(f.kind)))
    return findings


def _rules(rules: Iterable[str] | None) -> frozenset[str]:
    if rules is None:
        return RULES
    chosen = frozenset(rules)
    unknown = chosen - RULES
    if unknown:
        raise ValueError(f"unknown rules: {sorted(unknown)}")
    return chosen


def check_text(
    text: str,
    lang: str = "nl",
    *,
    path: str = "",
    first_line: int = 1,
    max_words: int = DEFAULT_MAX_WORDS,
    rules: Iterable[str] | None = None,
    content_dir: Path | None = None,
) -> list[Finding]:
    """All findings in one text (a prompt, a description, a letter).

    ``rules`` picks from :data:`~wijksessie.plain.results.RULES` (default:
    all). Lines count from ``first_line``; columns from 1 within each line.
    An abbreviation counts as explained when the text itself explains it in
    brackets. Passive voice is checked for Dutch and English, readability
    for Dutch.
    """
    return check_masked(
        text,
        mask(text),
        lang,
        path=path,
        first_line=first_line,
        max_words=max_words,
        rules=_rules(rules),
        explained=None,
        content_dir=content_dir,
    )


def find_jargon(text: str, lang: str = "nl", *, content_dir: Path | None = None) -> list[Finding]:
    """Words from the word list in ``text``, for highlighting while the user types.

    Gives ``jargon`` findings and, for abbreviations on the word list that the
    text does not explain, ``abbreviation`` findings. Positions are relative
    to ``text`` (line 1, column 1 = first character). A few regular-expression
    passes per list: fast enough to run on every key press.
    """
    masked = mask(text)
    findings, _spans = jargon.find(
        text,
        masked,
        load_wordlist(lang, content_dir),
        path="",
        first_line=1,
        explained=None,
        rules={"jargon", "abbreviation"},
    )
    return findings
