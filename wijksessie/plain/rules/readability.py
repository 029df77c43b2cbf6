"""Rule: sentences full of long words, by the Flesch–Douma reading ease.

Flesch–Douma is Flesch's reading ease fitted to Dutch: ``206.84 - 0.77 ×
syllables per 100 words - 0.93 × words per sentence``; higher is easier.
For one sentence it is a blunt signal: "Wij organiseren activiteiten voor
kinderen." (plain, every word known) scores -29, while "Direct contact
tussen overheid en inwoners kan het wederzijds vertrouwen vergroten."
(policy prose) scores 29. On the labelled set in ``tests/data/b1`` any
threshold that finds more policy sentences also flags plain ones, so this
rule only speaks up for the extreme case: a score below :data:`MIN_SCORE`
with at least two words of :data:`LONG` syllables or more, or one of
:data:`VERY_LONG` or more ("En koppelde deze ervaringen aan wetenschappelijk
literatuuronderzoek."). A sentence with a listed word is left to the word
list, and sentences of fewer than :data:`MIN_WORDS` words are not scored.
Dutch only: the English formula needs other weights and English texts for
residents are translations of checked Dutch.

Syllables are counted as vowel sounds ("ij", "ei", "oe", "aai", "eau" …
count once, a diaeresis starts a new one: "ideeën" = 3). Measured against
the maintained alternatives on the labelled set in ``tests/data/b1`` (845
words): pyphen's Dutch hyphenation gives the same flagged sentences, but it
marks where a word may break, not its syllables ("eten" = 1, "overleden" =
3: no break next to one letter at a word's edge); textstat builds on
pyphen and adds 0.15 s of import. Counting vowel sounds needs no new
dependency and nothing to load. Word frequency (wordfreq) would tell rare
words from common long ones, but it is 58 MB, takes 0.8 s to load and ranks
everyday compounds as rare as policy words ("taallessen" 2.4, "afwegingen"
2.5 on its Zipf scale).
"""

from __future__ import annotations

import re

from wijksessie.i18n import _
from wijksessie.plain.results import Finding
from wijksessie.plain.text import Positions, sentence_at

#: Below this Flesch–Douma score a sentence counts as hard to read.
MIN_SCORE = -40.0
#: Sentences with fewer words are not scored.
MIN_WORDS = 5
#: A long word has this many syllables; a very long one :data:`VERY_LONG`.
LONG = 5
VERY_LONG = 9

# Dutch vowel sounds, longest first: one match is one syllable.
_NL_VOWELS = re.compile(r"eau|aai|ooi|oei|eeu|ieu|ij|ei|ou|au|ui|oe|eu|ie|aa|ee|oo|uu|[aeiouyáàâäéèêëíìîïóòôöúùûü]")


def count_syllables(word: str) -> int:
    """Syllables in one Dutch word (at least 1), by counting vowel sounds."""
    return max(1, len(_NL_VOWELS.findall(word.lower())))


def flesch_douma(words: list[str]) -> float:
    """The Flesch–Douma score of one sentence of ``words``."""
    syllables = sum(count_syllables(w) for w in words)
    return 206.84 - 0.77 * (100 * syllables / len(words)) - 0.93 * len(words)


def find(
    text: str, masked: str, start: int, end: int, words: list[re.Match[str]], positions: Positions, path: str
) -> Finding | None:
    """A finding for a Dutch sentence that is hard to read because of its long words."""
    if len(words) < MIN_WORDS:
        return None
    found = [m.group(0) for m in words]
    if flesch_douma(found) >= MIN_SCORE:
        return None
    syllables = {word: count_syllables(word) for word in found}
    long_words = sorted((w for w, n in syllables.items() if n >= LONG), key=lambda w: -syllables[w])
    if len(long_words) < 2 and not any(n >= VERY_LONG for n in syllables.values()):
        return None
    line, column, sentence = sentence_at(text, masked, words, end, positions)
    if long_words:
        advice = _('deze zin is moeilijk te lezen door lange woorden; kies kortere, gewone woorden. Lang woord: "{word}"').format(
            word=long_words[0]
        )
    else:
        advice = _("deze zin is moeilijk te lezen; kies kortere, gewone woorden")
    return Finding(
        line,
        column,
        "readability",
        sentence,
        advice,
        _("Lange woorden maken een zin zwaar. Veel lezers haken dan af."),
        path,
        # The allow-list can accept a sentence by its longest word (a name: "Leefplekmeter").
        word=long_words[0] if long_words else "",
    )
