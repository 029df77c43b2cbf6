"""A person's name beside a health detail, or beside their contact details, in a text.

A name is a word after a title ("mevrouw Jansen"), a first name from
``content/privacy/first-names.txt`` in any case, or a capitalised run that is
not an organisation or a place ("Jeroen Bosch Ziekenhuis" is not a person).
"""

from __future__ import annotations

import functools
import re

from wijksessie.privacy.hints import NAME_CONTACT, NAME_HEALTH, Hint, split_sentences

# Health words (Dutch, a few English). A word also counts when it ends in one of _HEALTH_ENDINGS
# ("longkanker", "nierdialyse", "hartpatiënt").
_HEALTH = (
    "diabetes diabeet suiker suikerziekte suikerpatiënt insuline kanker tumor chemo chemokuur bestraling oncoloog "
    "dialyse nieren depressie depressief antidepressiva astma copd longziekte dementie dement dementerend "
    "alzheimer parkinson hartaanval hartpatiënt hartproblemen hartfalen hartinfarct beroerte herseninfarct "
    "hersenletsel psychisch psychische psychose psychiater verslaafd verslaving alcoholist burn-out burnout "
    "overspannen ziek zieke ziekte ziekenhuis rolstoel rollator gehandicapt handicap beperking autisme autistisch "
    "adhd angststoornis paniekaanvallen zwanger hiv aids medicijnen medicatie morfine pijn chronisch reuma artrose "
    "operatie geopereerd revalidatie verpleeghuis ggz thuiszorg mantelzorg gehoorapparaat blind slechtziend "
    "doof slechthorend epilepsie obesitas overgewicht ms als eetstoornis anorexia zelfmoord suïcide suïcidaal "
    "hernia stoma bloeddruk covid corona fysio fysiotherapeut incontinent longkanker migraine"
).split()
_HEALTH_SET = frozenset(_HEALTH)
_HEALTH_ENDINGS = ("kanker", "ziekte", "patiënt", "patiente", "stoornis", "infarct", "dialyse", "letsel", "diabetes")

# Capitalised words that are not names: sentence starters, titles, places, groups, institutions.
_NOT_NAMES = frozenset(
    """
    de het een ik wij we zij ze hij jij je u jullie er dat dit die deze daar hier wat waar wie hoe waarom wanneer
    mijn onze ons hun zijn haar uw mensen iedereen niemand veel weinig alle sommige ook maar en of want dus toen
    als in op bij met van voor na naar uit om over onder tussen door tegen zonder sinds tot niet geen meer minder
    soms vaak altijd nooit nu later eerst dan toch wel al nog heel erg zeer graag misschien helaas gelukkig ja nee
    oudere ouderen kinderen kind jongeren jongere bewoners bewoner buren buurman buurvrouw vrouwen mannen moeders
    vaders ouders families gezinnen vrijwilligers mantelzorgers patiënten cliënten
    gemeente wijk buurt buurthuis wijkteam huisarts huisartsen dokter apotheek ziekenhuis school kerk moskee
    noord zuid oost west centrum stad dorp straat plein park nederland
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli
    augustus september oktober november december
    mevrouw meneer mevr dhr mw heer familie fam tante oom oma opa moeder vader zus broer dochter zoon
    ggd ggz umc umcg mc amc vumc lumc olvg isala rijnstate gelre amphia martini catharina máxima maxima
    radboudumc zuyderland meander tergooi erasmus antonius kwf aed wmo nl eu
    wethouder burgemeester dokter directeur voorzitter agent wijkagent pastoor dominee imam juf meester
    nederlands nederlandse nederlander nederlanders turks turkse turken marokkaans marokkaanse marokkanen
    surinaams surinaamse surinamers antilliaans antilliaanse pools poolse polen syrisch syrische eritrees eritrese
    arabisch arabische engels engelse duits duitse frans franse somalisch somalische afghaans afghaanse iraaks
    iraakse koerdisch koerdische bulgaars bulgaarse roemeens roemeense chinees chinese indisch indische
    hindoestaans hindoestaanse moluks molukse kaapverdisch kaapverdische islamitisch islamitische christelijk
    christelijke joods joodse europees europese
    jumbo lidl aldi ah action hema kruidvat etos coop spar vomar hoogvliet poiesz blokker zeeman primark
    mcdonald's mcdonalds kfc humanitas zonnebloem
    """.split()
)
# After one of these a capitalised word names the organisation: "Stichting Present", "Sportclub Hercules".
_ORGANISATION_WORDS = frozenset(
    "stichting vereniging fonds club sportclub sportschool voetbalclub supermarkt winkel bedrijf praktijk "
    "apotheek kerk moskee school basisschool kliniek ziekenhuis gemeente".split()
)
# Words after which a word is almost surely a person (also in lower case or capitals).
_TITLES = frozenset("mevrouw meneer mevr mevr. dhr dhr. mw mw. heer fam fam. familie".split())
# After these a capitalised word is a place or organisation, not a person.
_PLACE_WORDS = frozenset("in uit naar wijk buurt straat gemeente stad".split())
# An article before a capitalised word makes it a thing or place: "het Isala", "de Lindelaan".
_ARTICLES = frozenset("de het een 't des der".split())
# Parts of Dutch surnames ("mevrouw van der Berg"): skipped when looking back for a title.
_INFIXES = frozenset("van de der den ter ten te het 't op in la le".split())
# A first word followed by one of these is the subject of the sentence: "Jan heeft diabetes".
_PERSON_VERBS = frozenset(
    "heeft had is was zit zat ligt lag krijgt kreeg gebruikt slikt moet kan wil woont gaat komt".split()
)
# After a name at the start of a sentence, these also say it is a person: "Sevda haar moeder", "Anton uit de flat".
_AFTER_PERSON = frozenset("haar zijn z'n d'r uit".split())
# A capitalised run holding one of these is an organisation or a place: "Jeroen Bosch Ziekenhuis".
_ORGANISATION_ENDINGS = (
    "ziekenhuis kliniek mc umc vereniging stichting fonds centrum huis school kerk moskee apotheek praktijk team "
    "groep club bank kruis nederland café cafe zorg bestrijding instituut college"
).split()

_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*\.?", re.UNICODE)
_NAME_WINDOW = 8  # words between the name and the health word in one sentence, at most


@functools.lru_cache(maxsize=1)
def first_names() -> tuple[frozenset[str], frozenset[str]]:
    """(names, names that are also ordinary words) from ``content/privacy/first-names.txt``, lower case."""
    from wijksessie import paths

    names: set[str] = set()
    ambiguous: set[str] = set()
    try:
        lines = (paths.content_dir() / "privacy" / "first-names.txt").read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for line in lines:
        word = line.strip().casefold()
        if not word or word.startswith("#"):
            continue
        if word.endswith("?"):
            ambiguous.add(word[:-1])
        else:
            names.add(word)
    return frozenset(names), frozenset(ambiguous)


def _is_capitalised(word: str) -> bool:
    core = word.rstrip(".")
    return len(core) >= 2 and core[0].isupper() and core[1:].replace("-", "").replace("'", "").islower()


def _is_health(folded: str) -> bool:
    word = folded.rstrip(".")
    return word in _HEALTH_SET or (len(word) > 6 and word.endswith(_HEALTH_ENDINGS))


def _is_organisation(folded: str) -> bool:
    return folded in _NOT_NAMES or any(folded.endswith(e) for e in _ORGANISATION_ENDINGS)


def name_health_hints(text: str) -> list[Hint]:
    sentences = list(split_sentences(text))
    health_in = [any(_is_health(m.group().casefold()) for m in _WORD_RE.finditer(chunk)) for _s, chunk in sentences]
    if not any(health_in):
        return []
    names, ambiguous = first_names()
    hints = []
    for n, (start, chunk) in enumerate(sentences):
        near = health_in[max(0, n - 1) : n + 2]
        if not any(near):
            continue
        shouting = chunk.upper() == chunk and any(ch.isalpha() for ch in chunk)
        words = [(m.start() + start, m.group()) for m in _WORD_RE.finditer(chunk)]
        # A placeholder left by anonymise ("mevrouw [naam]") is not a name.
        folded = ["[" if s and text[s - 1] == "[" else w.rstrip(".").casefold() for s, w in words]
        caps = [(not shouting) and f != "[" and _is_capitalised(w) for f, (_s, w) in zip(folded, words)]
        health = [i for i, f in enumerate(folded) if _is_health(f)]
        i = 0
        while i < len(words):
            span = _name_at(i, words, folded, caps, names, ambiguous, shouting)
            if span is None:
                i += 1
                continue
            first, last = span
            neighbours = (n > 0 and health_in[n - 1]) or (n + 1 < len(sentences) and health_in[n + 1])
            if neighbours or _near(health, first, last):
                s = words[first][0]
                e = words[last][0] + len(words[last][1].rstrip("."))
                hints.append(Hint(NAME_HEALTH, s, e, text[s:e]))
            i = last + 1
    return hints


def name_contact_hints(text: str) -> list[Hint]:
    """Names after a title or a known first name ("mevrouw Jansen", "Kees"), for a text holding contact details.

    Only the two surest signs of a person count here; a capitalised word
    alone ("Buurtteam", "Dorpsstraat") does not.
    """
    names, ambiguous = first_names()
    hints = []
    for start, chunk in split_sentences(text):
        shouting = chunk.upper() == chunk and any(ch.isalpha() for ch in chunk)
        words = [(m.start() + start, m.group()) for m in _WORD_RE.finditer(chunk)]
        folded = ["[" if s and text[s - 1] == "[" else w.rstrip(".").casefold() for s, w in words]
        caps = [(not shouting) and f != "[" and _is_capitalised(w) for f, (_s, w) in zip(folded, words)]
        i = 0
        while i < len(words):
            f = folded[i]
            sure = f in _TITLES or f in names or (f in ambiguous and caps[i])
            span = _name_at(i, words, folded, caps, names, ambiguous, shouting) if sure else None
            if span is None:
                i += 1
                continue
            first, last = span
            s = words[first][0]
            e = words[last][0] + len(words[last][1].rstrip("."))
            hints.append(Hint(NAME_CONTACT, s, e, text[s:e]))
            i = last + 1
    return hints


def _near(health: list[int], first: int, last: int) -> bool:
    """A health word within :data:`_NAME_WINDOW` words of the name (``health`` is sorted): no quadratic scan."""
    import bisect

    k = bisect.bisect_left(health, first - _NAME_WINDOW)
    return k < len(health) and health[k] <= last + _NAME_WINDOW


def _name_at(i: int, words: list[tuple[int, str]], folded: list[str], caps: list[bool], names: frozenset[str],
             ambiguous: frozenset[str], shouting: bool) -> tuple[int, int] | None:
    """The (first, last) word index of a person's name starting at word ``i``, or ``None``."""
    f = folded[i]
    # 1. After a title: "mevrouw Jansen", "meneer jansen", "MEVROUW DE VRIES", "mevrouw van der Berg".
    if f in _TITLES:
        j = i + 1
        while j < len(words) and folded[j] in _INFIXES:
            j += 1
        if j < len(words) and folded[j] != "[" and folded[j] not in _NOT_NAMES and not _is_health(folded[j]) and folded[j] not in _TITLES:
            first = i + 1
            last = j
            while last + 1 < len(words) and caps[last + 1] and not _is_organisation(folded[last + 1]):
                last += 1
            # "Mevrouw De Vries": keep a capitalised infix with the name; "mevrouw van der Berg" too.
            return first, last
        return None
    if f in _NOT_NAMES or _is_health(f) or (i > 0 and folded[i - 1] in _TITLES):
        return None
    after_article = i > 0 and (folded[i - 1] in _ARTICLES or folded[i - 1] in _ORGANISATION_WORDS) and not (
        i > 1 and folded[i - 2] in _TITLES
    )
    # 2. A known first name, in any case ("kees", "KEES"); an ambiguous one only with a capital.
    known = f in names or (f in ambiguous and caps[i])
    if known and not after_article:
        last = _extend_surname(i, words, folded, caps)
        # "van", "de" in "Kees van de Berg" are part of the surname, not a sign of an organisation.
        if not any(_is_organisation(folded[k]) for k in range(i, last + 1) if k == i or folded[k] not in _INFIXES) \
                and not _org_follows(last, folded, caps):
            return i, last
        return None
    # 3. A capitalised run that is not an organisation or place: "Jan Bakker", "Öztürk".
    if not caps[i] or after_article:
        return None
    j = i
    while j < len(words) and caps[j] and folded[j] not in _TITLES:
        j += 1
    run = range(i, j)
    if any(_is_organisation(folded[k]) or _is_health(folded[k]) for k in run) or _org_follows(j - 1, folded, caps):
        return None
    if i == 0 and (j >= len(words) or folded[j] not in _PERSON_VERBS | _AFTER_PERSON) and f not in names:
        return None  # the first word of a sentence is capitalised anyway
    if i > 0 and folded[i - 1] in _PLACE_WORDS:
        return None  # "in Zuid": a place
    return i, j - 1


def _extend_surname(i: int, words: list[tuple[int, str]], folded: list[str], caps: list[bool]) -> int:
    """After a first name, take a surname along: "Jan Bakker", "Kees van de Berg"."""
    last = i
    j = i + 1
    while j < len(words):
        k = j
        while k < len(words) and folded[k] in _INFIXES:
            k += 1
        if k < len(words) and caps[k] and not _is_organisation(folded[k]) and not _is_health(folded[k]):
            last = j = k
            j += 1
            continue
        break
    return last


def _org_follows(last: int, folded: list[str], caps: list[bool]) -> bool:
    """A name followed by an organisation word belongs to it: "Jeroen Bosch Ziekenhuis"."""
    k = last + 1
    return k < len(folded) and caps[k] and _is_organisation(folded[k])
