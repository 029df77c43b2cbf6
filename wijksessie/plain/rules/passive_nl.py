"""Rule: passive voice in Dutch, a heuristic that prefers missing a passive over a false alarm.

A clause (the words between commas and similar marks) is passive when it has
a form of "worden" and a participle: "het plan wordt besproken", also at the
end of a subclause ("... dat het plan besproken wordt"). A form of "zijn"
with a participle counts only when the clause names who does it with "door"
("de plek is vastgelegd door de gemeente"): without it, "de winkel is
gesloten" describes a state and "het is gebeurd" is the active perfect;
a few states stay states even with a cause ("de school is door de storm
gesloten"). Words such as "als" and "omdat" start a new clause.

A participle looks like ge…d/t/en (also after a separable part:
"opgehaald", "ingezet") or be/ver/ont/her/onder…d/t, minus a list of
look-alikes ("gezond", "beleid"). A present tense looks the same after
be/ver/ont/her ("u herkent", "dit betekent"): a participle on -t has one of
the sounds of 't kofschip (t, k, f, s, ch, p) or a vowel before it, so
"herkent", "verbetert" and "bepaalt" are not participles.
"""

from __future__ import annotations

_WORDEN = frozenset({"word", "wordt", "worden", "werd", "werden"})
_ZIJN = frozenset({"is", "zijn", "was", "waren", "ben", "bent"})
_SEPARABLE = (
    "samen", "terug", "voorbij", "door", "mee", "over", "voor", "weg", "aan", "uit", "bij",
    "neer", "vast", "toe", "op", "af", "in", "na",
)
# Look like participles but are nouns, adjectives or present tense. Only
# words likely in texts for residents.
_NOT_PARTICIPLE = frozenset(
    """
    gezond gezondheid gebied gebieden gezin gezinnen gebouwen gevolgen geleden gelden gezicht gedicht
    gemeenten gesprekken getallen gedachten gewoonten gebruiken gebeuren geloven genieten gewicht
    geschikt gewend gerust gebeurt gemiddeld geheimen genoeg gelegenheden geluiden gebreken getuigen
    geboorten gerechten gewassen gebrekkig geweten geneesmiddelen geluid gerecht geduld gevecht
    geheugen gegevens genoegen gevaren gebed gebit gezet gelijk gezamenlijk
    bekend benieuwd bezorgd bereid verplicht verkeerd verschillend bestemd beperkt betekent bestaat
    verwacht verantwoord verstandig bewust ervaren beleid bestand verband verstand bezit bericht
    besluit verzet verleden bedoeling verhaal onderwerp onderzoek onderdeel ontbijt
    bezoekt bespreekt verliest verkoopt vertrekt begrijpt verstaat vergeet ontstaat bedenkt vergelijkt
    beschrijft bewijst bekijkt verlaat onderzoekt verschijnt bedraagt behoort beloopt verloopt
    """.split()
)
# The lines above end with present tenses of strong verbs: their participle
# looks different ("bezoekt" → bezocht), so after be/ver/ont they are finite.
# Perfect tense with "zijn" is active: "wij zijn door de regen gelopen".
_ZIJN_VERBS = frozenset(
    """
    gegaan gekomen geweest gebleven geworden gebeurd gelukt gestopt gestart begonnen geboren gestorven
    overleden verhuisd vertrokken verdwenen verschenen ontstaan gestegen gedaald gegroeid veranderd
    gevallen geslaagd gezakt geland gelopen gereisd gevlucht getrouwd gescheiden verslechterd verbeterd
    geëindigd geeindigd afgelopen opgegroeid toegenomen afgenomen opgestaan meegedaan
    """.split()
)
# States, also with a cause after "door": "de school is door de storm gesloten";
# feelings too: "iedereen is verrast door het mooie weer".
_STATES = frozenset(
    """
    gesloten afgesloten geopend afgelast vertraagd beschadigd verstopt bezet gebroken geblokkeerd
    verlicht verwarmd gevuld uitverkocht overstroomd bevroren besmet verkouden
    verrast verbaasd geraakt teleurgesteld geïnspireerd geinspireerd gemotiveerd geschokt ontroerd
    opgelucht verheugd gestrest overweldigd geïnteresseerd geinteresseerd
    """.split()
)
# Strong participles without ge-: clearly not infinitives or nouns.
_STRONG = frozenset(
    """
    besproken beschreven besloten verkozen verboden verzonden ontslagen bevonden vergeten ontvangen
    betrokken verkregen ondernomen onderschreven ontworpen verworven benoemd begrepen bevolen bewezen
    vergeleken verloren verzonnen vergeven verweten ontnomen ontbonden herschreven herkozen heroverwogen
    overwogen ondervonden
    """.split()
)
_KOFSCHIP_END = ("tt", "kt", "ft", "st", "pt", "cht")
_VOWELS = "aeiouyéëïöü"


def _core(word: str) -> str:
    """The participle without a separable part: "opgehaald" → "gehaald"."""
    for prefix in _SEPARABLE:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and rest.startswith("ge") and len(rest) >= 5:
            return rest
    return word


def is_participle(word: str) -> bool:
    """Whether a lower-case ``word`` looks like a Dutch past participle."""
    if word in _STRONG:
        return True
    core = _core(word)
    if word in _NOT_PARTICIPLE or core in _NOT_PARTICIPLE:
        return False
    if core.startswith("ge") and len(core) >= 5 and core.endswith(("d", "t", "en")):
        return not core.endswith("dt")
    if not core.startswith(("be", "ver", "ont", "her", "onder")) or len(core) < 5:
        return False
    if core.endswith("d"):
        return True
    # -t: only after a sound of 't kofschip or a vowel ("ontmoet"); "herkent" is present tense.
    return core.endswith("t") and (core.endswith(_KOFSCHIP_END) or core[-2] in _VOWELS) and not core.endswith(
        ("kst", "gst")  # superlatives: "belangrijkst"
    )


# Words that start a new clause: an auxiliary before one and a verb after it
# belong to different clauses ("Wordt u blij | als iemand u bezoekt?").
# Not "dat" and "die": they are also "that"/"those" inside a clause.
_CLAUSE_START = frozenset("als omdat wanneer terwijl zodat zodra nadat voordat hoewel want maar".split())


def find_spans(words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Spans of an auxiliary and its participle in one clause; ``words`` are ``(start, end, lower-case word)``."""
    spans: list[tuple[int, int]] = []
    clause: list[tuple[int, int, str]] = []
    for word in words:
        if word[2] in _CLAUSE_START and clause:
            spans += _clause_spans(clause)
            clause = []
        clause.append(word)
    return spans + _clause_spans(clause)


def _clause_spans(words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    lowered = [w for _s, _e, w in words]
    agent = "door" in lowered
    used: set[int] = set()
    spans: list[tuple[int, int]] = []
    for i, (start, end, word) in enumerate(words):
        if i in used or not (word in _WORDEN or (agent and word in _ZIJN)):
            continue
        # The nearest participle after the auxiliary, else the nearest before.
        for j in [*range(i + 1, len(words)), *range(i - 1, -1, -1)]:
            if j in used or not is_participle(lowered[j]):
                continue
            if word not in _WORDEN and (_core(lowered[j]) in _ZIJN_VERBS or lowered[j] in _STATES):
                continue
            used.update((i, j))
            spans.append((min(start, words[j][0]), max(end, words[j][1])))
            break
    return spans
