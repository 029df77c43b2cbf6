"""Rule: words from the word list (and listed abbreviations the text does not explain)."""

from __future__ import annotations

from collections.abc import Set

from wijksessie.plain.results import Finding
from wijksessie.plain.rules.abbreviations import advice, explained_in
from wijksessie.plain.text import line_col
from wijksessie.plain.wordlist import WordList


def find(
    text: str,
    masked: str,
    wordlist: WordList,
    *,
    path: str,
    first_line: int,
    explained: set[str] | None,
    rules: Set[str],
) -> tuple[list[Finding], list[tuple[int, int]]]:
    """Findings for listed words, and the spans of every listed word (reported or not)."""
    findings: list[Finding] = []
    spans: list[tuple[int, int]] = []
    for start, end, entry in wordlist.hits(masked):
        spans.append((start, end))
        kind = "abbreviation" if entry.abbreviation else "jargon"
        if kind not in rules:
            continue
        written = text[start:end]
        if entry.abbreviation:
            if explained is None:
                explained = explained_in(masked)
            if written in explained or any(form in explained for form in entry.forms):
                continue
            suggestion = advice(written, entry.use[0])
        else:
            suggestion = ", ".join(entry.use)
        line, column = line_col(text, start, first_line)
        findings.append(
            Finding(
                line,
                column,
                kind,
                written,
                suggestion,
                entry.why,
                path,
                word=entry.word,
                alternatives=entry.use,
                together=not entry.alone,
            )
        )
    return findings, spans
