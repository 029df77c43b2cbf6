"""Other forms of a listed word, so the list needs only the word itself.

A word list names "faciliteren"; a policy text writes "Faciliteer als
gemeente ...", "wordt gefaciliteerd" or "faciliteert". :func:`dutch_forms`
makes those forms from the infinitive by the spelling rules of Dutch verbs
(stem, stem + t, past tense and participle by 't kofschip, separable
verbs such as "ophalen" → "opgehaald", the noun: "stimulering",
"realisatie") and the inflected forms of nouns and
adjectives ("integraal" → "integrale", "doelgroep" → "doelgroepen").

Forms that are not Dutch words ("realiser" next to "realiseer") do no harm:
they never occur in a text. An entry whose generated forms would hit an
ordinary word ("borgen" → "borg") says ``generate: false`` in the list and
names its forms itself.

:func:`compound_parts` tells whether a long word is a compound that contains
a listed word ("inwonerparticipatie", "participatieladder").
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

_VOWELS = frozenset("aeiouyáéíóúàèëïöü")
# Past tense and participle take -t after these sounds ('t kofschip), else -d.
_KOFSCHIP = frozenset("tkfsp")
# Unstressed prefixes: their participle has no ge- ("verstrekt", "betrokken").
_NO_GE = ("be", "ge", "her", "ont", "ver", "er")
# Separable particles: "ophalen" → "opgehaald", "ophaalt".
_PARTICLES = (
    "samen", "terug", "voorbij", "door", "mee", "over", "voor", "weg", "aan", "uit", "bij",
    "neer", "vast", "toe", "op", "af", "in", "na",
)
_TREMA = {"e": "ë", "i": "ï", "u": "ü"}


def verb_stems(infinitive: str) -> list[str]:
    """The stems of a verb: "halen" → haal, "zetten" → zet, "realiseren" → realiseer (and realiser)."""
    if infinitive.endswith("ëren"):
        return [infinitive[:-4] + "ëer"]
    base = infinitive[:-2]
    stems: list[str] = []
    if len(base) >= 2 and base[-1] == base[-2] and base[-1] not in _VOWELS:
        stems.append(base[:-1])  # zetten → zet
    else:
        stems.append(base)
        if (
            len(base) >= 3
            and base[-1] not in _VOWELS
            and base[-2] in "aeou"
            and base[-3] not in _VOWELS | {base[-2]}
        ):
            stems.append(base[:-2] + base[-2] * 2 + base[-1])  # halen → haal, realiseren → realiseer
        if infinitive.endswith("eren") and len(infinitive) >= 8:
            stems.append(infinitive[:-4] + "eer")  # evalueren → evalueer
    result = []
    for stem in stems:
        # A stem does not end in v or z: geloven → geloof, reizen → reis.
        result.append(stem[:-1] + {"v": "f", "z": "s"}.get(stem[-1], stem[-1]))
    return result


def _verb_forms(infinitive: str) -> Iterator[str]:
    particle = ""
    rest = infinitive
    for candidate in _PARTICLES:
        if infinitive.startswith(candidate) and len(infinitive) - len(candidate) >= 5:
            particle, rest = candidate, infinitive[len(candidate) :]
            break
    base = rest[:-2]
    # 't kofschip looks at the sound before -en: "geloven" (v) → geloofde.
    soft = base[-1] not in _KOFSCHIP and not base.endswith("ch")
    for stem in verb_stems(rest):
        t_or_d = "d" if soft else "t"
        ending = "" if stem.endswith(("t", "d")) else t_or_d
        present = stem if stem.endswith("t") else stem + "t"
        if stem.startswith(_NO_GE):
            participles = [stem + ending]
        else:
            participles = ["ge" + stem + ending]
            if stem[0] in _TREMA:
                participles.append("ge" + _TREMA[stem[0]] + stem[1:] + ending)
        forms = [stem, present, stem + t_or_d + "e", stem + t_or_d + "en", *participles]
        # The present participle: "participerende inwoners", "ondersteunend".
        forms += [rest + "d", rest + "de"]
        # An adjective from the participle: "geïmplementeerde", "verstrekte".
        forms += [p + "e" for p in participles if not p.endswith("en")]
        # A separable verb keeps its particle in one word only in a subclause
        # ("die het ophaalt") and in the participle: "haalt" alone is plain.
        yield from (particle + form for form in forms)
    # The noun made from the verb: "stimuleren" → stimulering, "realiseren" → realisatie.
    nouns = [rest[:-2] + "ing", rest[:-2] + "ingen"]
    if rest.endswith("eren") and len(rest) >= 8:
        nouns += [rest[:-4] + "atie", rest[:-4] + "aties"]
    yield from (particle + noun for noun in nouns)


def _noun_adjective_forms(word: str) -> Iterator[str]:
    """Plural and inflected forms: doelgroep → doelgroepen, integraal → integrale, preventief → preventieve."""
    if word.endswith("ief"):
        yield from (word[:-1] + "ve", word[:-1] + "ven")
        return
    if len(word) >= 4 and word[-1] not in _VOWELS and word[-2] == word[-3] and word[-2] in "aeou":
        single = word[:-2] + word[-1]  # integraal → integral-e, structureel → structurel-e
        yield from (single + "e", single + "en")
    elif word[-1] not in _VOWELS and word[-2] in "aeiou" and word[-3] not in _VOWELS and len(word) >= 5:
        # A short vowel before one consonant: the consonant doubles ("pilot" stays, "intern" → interne).
        yield from (word + "e", word + "en", word + word[-1] + "e", word + word[-1] + "en")
    else:
        yield from (word + "e", word + "en")
    yield from (word + "s", word + "'s", word + "n")


def dutch_forms(word: str) -> list[str]:
    """Other forms of one listed Dutch word (single words only; lower case).

    An infinitive (ending in -en, at least 6 letters) gives its verb forms;
    every word also gives plural and inflected forms. The word itself is not
    in the result.
    """
    word = word.lower()
    if " " in word or not word.isalpha() and "-" not in word:
        return []
    found: list[str] = []
    if word.endswith("heden"):
        found.append(word[:-5] + "heid")  # gezondheidsvaardigheden → gezondheidsvaardigheid
    if word.endswith("en") and len(word) >= 6:
        found.extend(_verb_forms(word))
        # A plural noun ("handvatten", "determinanten"): its singular.
        found.extend(verb_stems(word))
    else:
        found.extend(_noun_adjective_forms(word))
    return [form for form in dict.fromkeys(found) if form != word and len(form) >= 3]


#: A compound's other part has at least this many letters ("inwoner" + "participatie").
MIN_PART = 4
#: Linking sounds between the parts of a compound: "beleid-s-vorming", "ouder-en-zorg".
LINKS = ("", "s", "e", "en", "-")


def compound_parts(word: str, heads: Mapping[str, object], modifiers: Mapping[str, object]) -> object | None:
    """The entry a compound ``word`` contains, or ``None``.

    ``heads`` maps listed forms that may end a compound (with their
    inflections), ``modifiers`` listed words that may begin one. The other
    part must have at least :data:`MIN_PART` letters, so "verborgen" is not
    "ver" + "borgen", and may not end in a verb prefix ("afstandsbe" +
    "sturing").
    """
    lowered = word.lower()
    size = len(lowered)
    if size < 2 * MIN_PART + 1:
        return None
    for index in range(MIN_PART, size - MIN_PART + 1):
        head = heads.get(lowered[index:])
        # "afstandsbesturing" is not "afstandsbe" + "sturing": a verb prefix binds to what follows.
        if head is not None and not lowered[:index].endswith(_NO_GE):
            return head
    for index in range(size - MIN_PART, MIN_PART - 1, -1):
        modifier = lowered[:index]
        for link in LINKS:
            if link and modifier.endswith(link):
                entry = modifiers.get(modifier[: -len(link)])
            elif not link:
                entry = modifiers.get(modifier)
            else:
                continue
            if entry is not None and size - index >= MIN_PART:
                return entry
    return None
