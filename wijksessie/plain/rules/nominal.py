"""Rule: Dutch sentences in the nominal style (naamwoordstijl).

Policy texts turn actions into nouns: "het verkleinen van de verschillen",
"de versterking van de samenwerking", "bewustwording", "effectiviteit". A
reader then has to work out who does what. Plain-language guides advise
verbs instead: "wij maken de verschillen kleiner".

A sentence of :data:`MIN_WORDS` words or more counts as nominal when it has
:data:`MIN_NOUNS` or more of these:

* a noun made from a verb or an adjective: ending in -ing, -heid, -atie,
  -itie, -teit or -isme (and their plurals), of 7 letters or more
  ("samenwerking", "mogelijkheden", "generatie");
* an infinitive used as a noun: "het bereiken van", "het vergroten van".

Everyday nouns with those endings do not count (:data:`EVERYDAY`:
"vereniging", "woning", "gezondheid", "informatie", "activiteiten" ...),
nor do they inside a compound ("buurtvereniging"). Measured on the labelled
sets in ``tests/data/b1`` (477 plain sentences): no false alarms; on its own
it finds 9–23 % of the policy sentences, and it is reported only for a
sentence the word list did not already flag.
"""

from __future__ import annotations

import re

from wijksessie.i18n import _
from wijksessie.plain.results import Finding
from wijksessie.plain.text import Positions, sentence_at

#: Sentences with fewer words are not checked.
MIN_WORDS = 6
#: This many nouns made from verbs make a sentence nominal.
MIN_NOUNS = 2

_ENDINGS = ("ing", "ingen", "heid", "heden", "atie", "aties", "itie", "ities", "teit", "teiten", "isme", "ismen")

#: Nouns with those endings that everyone uses; also as the end of a compound.
EVERYDAY = frozenset(
    """
    vereniging wandeling woning vergadering rekening verzekering opleiding uitnodiging ervaring richting tekening
    verkiezing verdieping verbouwing verwarming verlichting oefening opening regering behandeling bezorging
    verhuizing kleding leerling afdeling voorstelling tentoonstelling uitzending bestelling betaling mening
    waarschuwing beslissing herinnering oplossing verandering aanmelding inschrijving opmerking omgeving beperking
    verpleging verwijzing vergoeding uitkering woonomgeving
    gezondheid vrijheid eenzaamheid waarheid snelheid hoeveelheid veiligheid zekerheid gelegenheid duidelijkheid
    informatie vakantie operatie situatie organisatie medicatie politie traditie positie conditie installatie spatie
    activiteit universiteit identiteit elektriciteit
    """.split()
)

# The plural forms of everyday words: "activiteiten", "mogelijkheden" -> not everyday.
_EVERYDAY_FORMS = tuple(
    sorted(
        {word for word in EVERYDAY}
        | {word + "en" for word in EVERYDAY if word.endswith(("ing", "teit"))}
        | {word + "s" for word in EVERYDAY if word.endswith(("atie", "itie"))}
        | {word[:-4] + "heden" for word in EVERYDAY if word.endswith("heid")}
    )
)

# "het bereiken van", "het tegengaan van": an infinitive used as a noun.
_INFINITIVE_NOUN = re.compile(r"(?<!\w)het\s+([^\W\d_]{4,}en|[^\W\d_]{3,}aan)\s+van(?!\w)", re.IGNORECASE)
# Nouns that look like an infinitive: "het leven van mijn moeder".
_NOT_INFINITIVES = frozenset("leven eten teken verleden examen wapen laken kussen zegen wezen".split())


def is_nominal(word: str) -> bool:
    """Whether ``word`` is a noun made from a verb or an adjective that is not an everyday word."""
    word = word.lower()
    if len(word) < 7 or not word.endswith(_ENDINGS):
        return False
    if word.endswith(("ing", "ingen")):
        stem = word[: word.rindex("ing")]
        if len(stem) < 4:  # "springen", "koning": a verb or a short root, not a noun from a verb
            return False
    return not word.endswith(_EVERYDAY_FORMS)


def nominal_parts(masked: str, start: int, end: int, words: list[re.Match[str]]) -> list[str]:
    """The nouns from verbs and the infinitives used as nouns in one sentence, in order."""
    found = [(m.start(), m.group(0)) for m in words if is_nominal(m.group(0))]
    found += [
        (m.start(), m.group(0))
        for m in _INFINITIVE_NOUN.finditer(masked, start, end)
        if m.group(1).lower() not in _NOT_INFINITIVES
    ]
    return [" ".join(text.split()) for _start, text in sorted(found)]


def find(
    text: str, masked: str, start: int, end: int, words: list[re.Match[str]], positions: Positions, path: str
) -> Finding | None:
    """A finding for a Dutch sentence in the nominal style."""
    if len(words) < MIN_WORDS:
        return None
    parts = nominal_parts(masked, start, end, words)
    if len(parts) < MIN_NOUNS:
        return None
    line, column, sentence = sentence_at(text, masked, words, end, positions)
    return Finding(
        line,
        column,
        "readability",
        sentence,
        _('schrijf met werkwoorden wie wat doet ("wij maken de verschillen kleiner" in plaats van "het verkleinen van de verschillen"). Zware woorden: {words}').format(
            words=", ".join(f'"{part}"' for part in parts)
        ),
        _("Veel woorden die van een werkwoord een ding maken, maken een zin zwaar en vaag."),
        path,
        # The allow-list can accept a sentence by its first heavy word.
        word=parts[0],
    )
