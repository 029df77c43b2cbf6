"""Spotting personal data in what residents said, and keeping it out of letters.

Contributions are meant to carry no names. People still say things like
"bel mij op 06-12345678", "ik woon op Lindelaan 12" or "mevrouw Jansen van
hiernaast heeft diabetes"; the last one is a health detail about a person,
which the AVG counts as special personal data. :func:`personal_data_hints`
finds such passages so the program can warn while the note is still being
typed, :func:`anonymise` replaces them with a neutral word, and
:func:`letter_holds` says which points a letter prints only anonymised.

What is found (measured on the labelled corpus in ``tests/data/privacy``):

* phone numbers, Dutch and foreign, however they are written: the
  ``phonenumbers`` library (Google's libphonenumber data) decides; public
  service numbers (0800, 0900, 088, 14 0xx, 112) are not personal and stay;
* e-mail addresses, postcodes (``1234 AB``, ``1234AB``), a street with a house
  number (``Lindelaan 12``, ``Van Goghstraat 12-2``), bank account numbers
  (IBAN, checked with its check digits), dates of birth, and BSNs (nine
  digits that pass the "elfproef");
* a person's name beside a health detail in the same or the next sentence:
  after a title ("mevrouw Jansen"), a first name from
  ``content/privacy/first-names.txt`` in any case ("kees", "KEES"), or a
  capitalised name that is not an organisation ("Diabetesvereniging",
  "Jeroen Bosch Ziekenhuis");
* a person's name after a title or a known first name in a text that also
  holds their contact details ("mevrouw Jansen zit alleen, bel haar op
  06-…"): with the number gone, the name alone still says who it is.

The checks stay cautious: a warning nobody needs teaches people to ignore
warnings. Heavy parts (the phone library, the name list) load on first use.

The letter rule: a point with personal data is printed in the letter only
in its anonymised form (the placeholders, like ``[telefoonnummer]``, are the
marker), unless the facilitator anonymised the text (then nothing is found)
or cleared it with a reason (:func:`clear`; stored on the contribution and
valid only for the exact text it was given for).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from wijksessie.i18n import N_, _

if TYPE_CHECKING:
    from wijksessie.model import Contribution

PHONE = "phone"
EMAIL = "email"
NAME_HEALTH = "name_health"
NAME_CONTACT = "name_contact"
BSN = "bsn"
POSTCODE = "postcode"
ADDRESS = "address"
IBAN = "iban"
BIRTHDATE = "birthdate"

#: Every kind of passage, in the order a warning names them.
KINDS = (PHONE, EMAIL, ADDRESS, POSTCODE, IBAN, BIRTHDATE, BSN, NAME_HEALTH, NAME_CONTACT)

_MESSAGES = {
    PHONE: N_("Dit lijkt een telefoonnummer."),
    EMAIL: N_("Dit lijkt een e-mailadres."),
    NAME_HEALTH: N_("Dit lijkt een naam bij iets over gezondheid."),
    NAME_CONTACT: N_("Dit lijkt de naam van iemand van wie ook een nummer of adres in de tekst staat."),
    BSN: N_("Dit lijkt een burgerservicenummer."),
    POSTCODE: N_("Dit lijkt een postcode."),
    ADDRESS: N_("Dit lijkt een adres."),
    IBAN: N_("Dit lijkt een rekeningnummer."),
    BIRTHDATE: N_("Dit lijkt een geboortedatum."),
}

_PLACEHOLDERS = {
    PHONE: N_("[telefoonnummer]"),
    EMAIL: N_("[e-mailadres]"),
    NAME_HEALTH: N_("[naam]"),
    NAME_CONTACT: N_("[naam]"),
    BSN: N_("[nummer]"),
    POSTCODE: N_("[postcode]"),
    ADDRESS: N_("[adres]"),
    IBAN: N_("[rekeningnummer]"),
    BIRTHDATE: N_("[datum]"),
}


@dataclass(frozen=True)
class Hint:
    """A passage in a text that looks like personal data; ``text[start:end]`` is the passage."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def message(self) -> str:
        """One plain sentence for the facilitator, translated."""
        return _(_MESSAGES[self.kind])

    @property
    def placeholder(self) -> str:
        """What :func:`anonymise` puts in its place."""
        return _(_PLACEHOLDERS[self.kind])


# ----------------------------------------------------------------------------- numbers and addresses

# Number types that belong to an organisation, not a person: they may stay in a letter.
_PUBLIC_NUMBER_TYPES = frozenset({"TOLL_FREE", "PREMIUM_RATE", "SHARED_COST", "UAN"})


def _phone_hints(text: str) -> list[Hint]:
    if not any(ch.isdigit() for ch in text):
        return []
    import phonenumbers  # lazy: only when a text has digits
    from phonenumbers import PhoneNumberType

    public = {getattr(PhoneNumberType, name) for name in _PUBLIC_NUMBER_TYPES}
    hints = []
    # "0031 (0)6 …": the library reads the "(0)" only after a "+"; blank it out (same length, same offsets).
    searched = re.sub(r"(\b00\d{1,3}\s*)\(0\)", lambda m: m.group(1) + "   ", text) if "(0)" in text else text
    for match in phonenumbers.PhoneNumberMatcher(searched, "NL", leniency=phonenumbers.Leniency.POSSIBLE):
        number = match.number
        if not match.raw_string.lstrip("( ").startswith(("0", "+")):
            continue  # written without 0 or +: a count or a BSN, not a phone number
        if not phonenumbers.is_valid_number(number) and not _dutch_shape(number, match.raw_string):
            continue  # "2019-2020", "24-11-2026", "12345678": digits, not a number anyone can call
        if phonenumbers.number_type(number) in public:
            continue
        hints.append(Hint(PHONE, match.start, match.end, text[match.start : match.end]))
    return hints


def _dutch_shape(number: Any, raw: str) -> bool:
    """A Dutch number the library does not know (an unallocated or mistyped 06-…): 0 or +31 and nine digits."""
    national = str(number.national_number)
    digits = re.sub(r"\D", "", raw)
    return (
        number.country_code == 31
        and len(national) == 9
        and national[0] != "0"
        and (digits.startswith("0" + national[:1]) or digits.startswith(("31", "0031")))
    )


_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?!\w)")
_NINE_DIGITS_RE = re.compile(r"(?<![\w.,-])\d{9}(?![\w.,-]?\d)")

# A postcode: four digits (not starting with 0), then two letters (not SA, SD or SS).
_POSTCODE_RE = re.compile(r"(?<![\w.,-])([1-9]\d{3})( ?)([A-Za-z]{2})(?![\w-])")
# Two lower-case letters after a number are usually a word: "1500 en", "2015 is".
_POSTCODE_WORDS = frozenset(
    "af al as bv ca de dl en er ga ha hm ik in is je ja km kg ml mm na nu of om op pm te to uw we wo ze zo".split()
)

# Street names end in one of these; a house number (with a letter or addition) follows.
_STREET_ENDINGS = (
    "straat laan weg plein singel gracht kade dijk hof pad steeg dreef plantsoen markt ring erf wal boulevard "
    "allee baan dam veld akker kamp hout burg gang haven park poort stede werf brink diep vaart zijde oord "
    "wijk berg"
).split()
_STREET_RE = re.compile(
    r"(?<![\w-])"
    r"((?:[A-Z][\w.'’-]*\s+|(?:van|de|der|den|het|ter|ten|te|op|aan)\s+){0,4}"  # "Burgemeester de", "Prins", "Nieuwe"
    r"[\w'’-]*?(?i:" + "|".join(_STREET_ENDINGS) + r"))"  # "Grootstraat", "Lindelaan", "Gracht"
    r"\s+(\d{1,5}(?:\s?[a-zA-Z](?![\w])|-\d{1,4}|\s?-\s?[a-zA-Z0-9]{1,4}(?![\w]))?(?:\s+(?:bis|hoog|[IV]{1,3})(?![\w]))?)"
    r"(?![\w,.]?\d)",
    re.UNICODE,
)
# A street word on its own may be an ordinary word ("park", "veld"); it needs more before the ending.
_MIN_STREET_PREFIX = 3

_IBAN_RE = re.compile(r"(?<![\w])([A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]{4}){2,7}(?:\s?[A-Za-z0-9]{1,3})?)(?![\w])")
_DUTCH_IBAN = re.compile(r"^NL\d{2}[A-Z]{4}\d{10}$")

_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sept": 9,
    "sep": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_DATE_RES = (
    # 12-03-1948, 3/7/1956, 01.02.1960: day, month, year
    (re.compile(r"(?<![\w./-])(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?![\w/-]|\.\d)"), (1, 3, 4)),
    # 1948-03-12: year, month, day
    (re.compile(r"(?<![\w./-])(\d{4})-(\d{2})-(\d{2})(?![\w/-]|\.\d)"), (3, 2, 1)),
    # 12 maart 1948, 7 sept. 1950
    (re.compile(r"(?<![\w.])(\d{1,2})\s+(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})(?!\w)",
                re.IGNORECASE), (1, 2, 3)),
)
_BIRTH_WORDS = re.compile(r"geb\b|geboren|geboorte|jarig|verjaardag|born|birth|doğum|dogum", re.IGNORECASE)
#: Words that make a sentence about a person: then an old full date in it is taken as a date of birth.
_PERSON_WORDS = re.compile(
    r"\b(ik|mijn|m'n|me|mij|hij|zij|ze|zijn|haar|hem|wij|onze|ons|vader|moeder|pa|ma|opa|oma|man|vrouw|zoon|dochter|"
    r"broer|zus|buurman|buurvrouw|meneer|mevrouw|kind|kinderen|kleinkind|oom|tante|i|my|he|she|ben|is van)\b",
    re.IGNORECASE,
)
#: A full date this many years back or more is taken as a date of birth even without "geboren",
#: when the sentence is about a person.
_BIRTH_YEARS_BACK = 15


def _simple_hints(text: str) -> list[Hint]:
    found = [Hint(EMAIL, m.start(), m.end(), m.group()) for m in _EMAIL_RE.finditer(text)]
    found += [Hint(BSN, m.start(), m.end(), m.group()) for m in _NINE_DIGITS_RE.finditer(text) if _elfproef(m.group())]
    if not any(ch.isdigit() for ch in text):
        return found
    for m in _POSTCODE_RE.finditer(text):
        letters = m.group(3)
        if letters.upper() in ("SA", "SD", "SS"):
            continue
        if not letters.isupper() and (m.group(2) or not letters.islower()) and letters.lower() in _POSTCODE_WORDS:
            continue
        if not letters.isupper() and not letters.islower():
            continue  # "1234 Ab": mixed case is a word, not a postcode
        if letters.islower() and m.group(2) and letters in _POSTCODE_WORDS:
            continue
        found.append(Hint(POSTCODE, m.start(), m.end(), m.group()))
    for m in _STREET_RE.finditer(text):
        street = m.group(1)
        skip = _strip_leading_words(street)
        words = street[skip:].split()
        last = words[-1]
        ending = next(e for e in _STREET_ENDINGS if last.lower().endswith(e))
        if len(last) - len(ending) < _MIN_STREET_PREFIX and not any(w[:1].isupper() for w in words[:-1]):
            continue  # "park 3", "de straat 5 jaar": an ordinary word and a count
        start = m.start(1) + skip
        found.append(Hint(ADDRESS, start, m.end(), text[start:m.end()]))
    for m in _IBAN_RE.finditer(text):
        compact = re.sub(r"\s", "", m.group(1)).upper()
        if _DUTCH_IBAN.match(compact) or _iban_ok(compact):
            found.append(Hint(IBAN, m.start(), m.end(), m.group()))
    found += _birthdate_hints(text)
    return found


def _strip_leading_words(street: str) -> int:
    """Offset past small words a street regex took from the sentence ("op", "De" at a sentence start…)."""
    offset = 0
    words = street.split(" ")
    while len(words) > 1 and words[0].casefold() in _NOT_STREET_START and words[0] != "Van":
        offset += len(words[0]) + 1
        words = words[1:]
    return offset


_NOT_STREET_START = frozenset("op aan in de het van bij naar ik wij we mijn ons onze kom".split())


def _iban_ok(compact: str) -> bool:
    if not 15 <= len(compact) <= 34 or not compact[:2].isalpha():
        return False
    digits = "".join(str(int(ch, 36)) for ch in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def _birthdate_hints(text: str) -> list[Hint]:
    hints = []
    this_year = dt.date.today().year
    sentences = None
    for regex, (d, mth, y) in _DATE_RES:
        for m in regex.finditer(text):
            month_text = m.group(mth)
            month = _MONTHS.get(month_text.lower().rstrip(".")) if not month_text.isdigit() else int(month_text)
            try:
                day = dt.date(int(m.group(y)), month or 0, int(m.group(d)))
            except ValueError:
                continue
            # The sentence, and a little before it: "geb. 3/7/1956" ends a "sentence" at "geb.".
            if sentences is None:
                sentences = list(_sentences(text))
                starts = [start for start, _chunk in sentences]
            sentence = text[max(0, m.start() - 30) : m.start()] + _sentence_around(sentences, starts, m.start())
            about_someone = _PERSON_WORDS.search(sentence)  # "mijn moeder is van 5 mei 1945", not "op 5 mei 1945 werd…"
            if (day.year <= this_year - _BIRTH_YEARS_BACK and about_someone) or (
                _BIRTH_WORDS.search(sentence) and day.year <= this_year
            ):
                hints.append(Hint(BIRTHDATE, m.start(), m.end(), m.group()))
    return hints


def _sentence_around(sentences: list[tuple[int, str]], starts: list[int], pos: int) -> str:
    """The sentence holding position ``pos`` (``sentences`` from :func:`_sentences`, ``starts`` their offsets)."""
    import bisect

    k = bisect.bisect_right(starts, pos) - 1
    return sentences[k][1] if k >= 0 else ""


def _elfproef(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0 and digits != "000000000"


# ----------------------------------------------------------------------------- names beside health details

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
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
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


def _name_health_hints(text: str) -> list[Hint]:
    sentences = list(_sentences(text))
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


#: Kinds that say how to reach someone or who they are on paper; a name in the same text belongs to them.
_CONTACT_KINDS = frozenset({PHONE, EMAIL, ADDRESS, POSTCODE, IBAN, BIRTHDATE, BSN})


def _name_contact_hints(text: str) -> list[Hint]:
    """Names after a title or a known first name ("mevrouw Jansen", "Kees"), for a text holding contact details.

    Only the two surest signs of a person count here; a capitalised word
    alone ("Buurtteam", "Dorpsstraat") does not.
    """
    names, ambiguous = first_names()
    hints = []
    for start, chunk in _sentences(text):
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


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield start, text[start : m.end()]
        start = m.end()
    if start < len(text):
        yield start, text[start:]


# ----------------------------------------------------------------------------- the public functions


def personal_data_hints(text: str) -> list[Hint]:
    """Passages in ``text`` that look like personal data (see the module docs for what is found).

    Sorted by position, without overlaps. An empty list means nothing was found.
    """
    if not text:
        return []
    return list(_hints(text))


@functools.lru_cache(maxsize=4096)
def _hints(text: str) -> tuple[Hint, ...]:
    """The work of :func:`personal_data_hints`, kept per text: a letter asks for every point in every format."""
    found = _phone_hints(text)
    found += _simple_hints(text)
    found += _name_health_hints(text)
    if any(h.kind in _CONTACT_KINDS for h in found):
        taken = [(h.start, h.end) for h in found]
        found += [h for h in _name_contact_hints(text)
                  if not any(s < h.end and h.start < e for s, e in taken)]  # a name beside health is already there
    found.sort(key=lambda h: (h.start, -h.end))
    result: list[Hint] = []
    for hint in found:
        if result and hint.start < result[-1].end:
            if hint.end > result[-1].end and hint.kind == result[-1].kind:
                last = result[-1]
                result[-1] = Hint(last.kind, last.start, hint.end, text[last.start : hint.end])
            continue  # inside an earlier passage (e.g. digits of an e-mail address)
        result.append(hint)
    return tuple(result)


def anonymise(text: str, hints: list[Hint] | None = None) -> str:
    """``text`` with each passage found by :func:`personal_data_hints` replaced by a neutral word."""
    hints = personal_data_hints(text) if hints is None else sorted(hints, key=lambda h: h.start)
    out = []
    pos = 0
    for hint in hints:
        if hint.start < pos:
            continue
        out.append(text[pos : hint.start])
        out.append(hint.placeholder)
        pos = hint.end
    out.append(text[pos:])
    return "".join(out)


def describe(hints: list[Hint]) -> str:
    """One line for a warning: what was found, e.g. "Dit lijkt een telefoonnummer: 06-12345678"."""
    return " ".join(f"{h.message[:-1]}: {h.text}." for h in hints)


# ----------------------------------------------------------------------------- the letter rule


def text_fingerprint(text: str) -> str:
    """A short hash of a text: a clearance holds for exactly this text (no copy of the text is kept)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def clearance(contribution: Contribution) -> dict[str, str]:
    """The facilitator's clearance stored on a contribution (``{}`` when there is none)."""
    value = getattr(contribution, "privacy_ok", None)
    return value if isinstance(value, dict) else {}


def is_cleared(contribution: Contribution) -> bool:
    """True when the facilitator cleared this exact text for the letter, with a reason."""
    ok = clearance(contribution)
    return bool(str(ok.get("reason", "")).strip()) and ok.get("text") == text_fingerprint(contribution.text)


def clear(contribution: Contribution, reason: str, when: dt.datetime | None = None) -> Contribution:
    """A copy of ``contribution`` cleared for the letter as it is; the reason is required.

    The clearance holds only while the text stays the same: after an edit the
    point is checked again.
    """
    from wijksessie.errors import UserError
    from wijksessie.model import Contribution, now  # noqa: F811 - at run time, not only for mypy

    reason = " ".join((reason or "").split())
    if not reason:
        raise UserError(
            _("Schrijf erbij waarom dit in de brief mag, bijvoorbeeld: --reason \"nummer van het buurthuis\".")
        )
    copy: Contribution = Contribution.from_dict(contribution.to_dict())
    copy.privacy_ok = {"reason": reason, "text": text_fingerprint(contribution.text),
                       "at": (when or now()).isoformat()}
    return copy


@dataclass(frozen=True)
class HeldPoint:
    """A point the letter prints only anonymised, and why."""

    contribution_id: str
    hints: tuple[Hint, ...]
    letter_text: str

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.kind for h in self.hints))

    def describe(self) -> str:
        """What was held back, e.g. "Dit lijkt een telefoonnummer: 06-12345678." (for the facilitator only)."""
        return describe(list(self.hints))


def letter_text(contribution: Contribution) -> str:
    """The text of a contribution as a letter may print it: anonymised unless cleared."""
    if is_cleared(contribution):
        return str(contribution.text)
    return anonymise(contribution.text)


def letter_holds(contributions: Iterable[Contribution]) -> list[HeldPoint]:
    """The points a letter prints only anonymised: personal data found, not cleared by the facilitator.

    Empty when every point may be printed as it is. Clear a point with
    ``wijksessie privacy-ok SESSIE ID --reason …`` (or :func:`clear`), or take
    the data out with ``wijksessie anonymise SESSIE ID``.
    """
    held = []
    for c in contributions:
        if is_cleared(c):
            continue
        hints = personal_data_hints(c.text)
        if hints:
            held.append(HeldPoint(c.id, tuple(hints), anonymise(c.text, hints)))
    return held


def describe_holds(held: list[HeldPoint], session_id: str) -> list[str]:
    """Lines for the facilitator: which points the letter printed anonymised, and how to clear them."""
    if not held:
        return []
    from wijksessie.i18n import ngettext

    lines = [
        ngettext(
            "In de brief staat {n} punt zonder persoonsgegevens: daar staat bijvoorbeeld [telefoonnummer] in plaats van het nummer.",
            "In de brief staan {n} punten zonder persoonsgegevens: daar staat bijvoorbeeld [telefoonnummer] in plaats van het nummer.",
            len(held),
        ).format(n=len(held))
    ]
    for point in held:
        lines.append(f"  {point.contribution_id}: {point.describe()}")
    lines.append(
        _("Haal de gegevens weg met: wijksessie anonymise {session} ID. Mag het toch in de brief? Dan: wijksessie privacy-ok {session} ID --reason \"waarom\".").format(
            session=session_id
        )
    )
    return lines
