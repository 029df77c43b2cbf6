"""Spotting personal data in what residents said, and taking it out.

Contributions are meant to carry no names. People still say things like
"bel mij op 06-12345678" or "mevrouw Jansen van hiernaast heeft diabetes";
the last one is a health detail about a person, which the AVG counts as
special personal data. :func:`personal_data_hints` finds such passages so
the program can warn while the note is still being typed, and
:func:`anonymise` replaces them with a neutral word.

The checks are deliberately cautious: a warning nobody needs teaches people
to ignore warnings. A phone number must look like a Dutch number (06, +31,
0031 or an area code, with exactly nine digits after the 0); a name is only
flagged when it stands beside a health word in the same sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wijksessie.i18n import N_, _

PHONE = "phone"
EMAIL = "email"
NAME_HEALTH = "name_health"
BSN = "bsn"

_MESSAGES = {
    PHONE: N_("Dit lijkt een telefoonnummer."),
    EMAIL: N_("Dit lijkt een e-mailadres."),
    NAME_HEALTH: N_("Dit lijkt een naam bij iets over gezondheid."),
    BSN: N_("Dit lijkt een burgerservicenummer."),
}

_PLACEHOLDERS = {
    PHONE: N_("[telefoonnummer]"),
    EMAIL: N_("[e-mailadres]"),
    NAME_HEALTH: N_("[naam]"),
    BSN: N_("[nummer]"),
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


# A separator between digits: at most a space, dash, dot or bracket or two ("(020) 123").
_SEP = r"[ \-.()]{0,2}"
_PHONE_RE = re.compile(
    r"(?<![\w+@])"
    r"(?:(?:\+|00)31" + _SEP + r"(?:\(0\)" + _SEP + r")?|\(?0)"  # +31 / 0031 / 0 / (0
    r"[1-9](?:" + _SEP + r"\d){8}"  # then exactly nine digits
    r"(?![\d\w])"
)
_EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?!\w)")
_NINE_DIGITS_RE = re.compile(r"(?<![\w.,-])\d{9}(?![\w.,-]?\d)")

# Health words (Dutch, a few English): a capitalised name near one of these is flagged.
_HEALTH = (
    "diabetes suiker suikerziekte kanker tumor chemo chemokuur depressie depressief astma copd longziekte "
    "dementie dement alzheimer parkinson hartaanval hartpatiënt hartproblemen hartfalen beroerte herseninfarct "
    "psychisch psychische psychose psychiater verslaafd verslaving alcoholist burn-out burnout overspannen "
    "ziek zieke ziekte ziekenhuis rolstoel rollator gehandicapt handicap beperking autisme autistisch "
    "adhd angststoornis paniekaanvallen zwanger hiv aids medicijnen medicatie pijn chronisch reuma artrose "
    "operatie geopereerd revalidatie verpleeghuis ggz thuiszorg mantelzorg gehoorapparaat blind doof epilepsie "
    "obesitas overgewicht ms als eetstoornis anorexia zelfmoord suïcide"
).split()
_HEALTH_SET = frozenset(_HEALTH)

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
    """.split()
)
# Words after which a capitalised word is almost surely a person.
_TITLES = frozenset("mevrouw meneer mevr mevr. dhr dhr. mw mw. heer fam fam. familie".split())
# After these a capitalised word is a place or organisation, not a person.
_PLACE_WORDS = frozenset("in uit naar wijk buurt straat gemeente stad".split())
# Parts of Dutch surnames ("mevrouw van der Berg"): skipped when looking back for a title.
_INFIXES = frozenset("van de der den ter ten te het 't op in la le".split())
# A first word followed by one of these is the subject of the sentence: "Jan heeft diabetes".
_PERSON_VERBS = frozenset("heeft had is was zit zat ligt lag krijgt kreeg gebruikt slikt moet kan wil woont".split())

_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*\.?", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_NAME_WINDOW = 6  # words between the name and the health word, at most


def _is_capitalised(word: str) -> bool:
    core = word.rstrip(".")
    return len(core) >= 2 and core[0].isupper() and core[1:].replace("-", "").replace("'", "").islower()


def _phone_hints(text: str) -> list[Hint]:
    hints = []
    for m in _PHONE_RE.finditer(text):
        raw = m.group()
        if re.search(r"[ \-.()]{3}", raw):
            continue
        hints.append(Hint(PHONE, m.start(), m.end(), raw))
    return hints


def _elfproef(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0 and digits != "000000000"


def _name_health_hints(text: str) -> list[Hint]:
    hints = []
    for start, chunk in _sentences(text):
        words = [(m.start() + start, m.group()) for m in _WORD_RE.finditer(chunk)]
        folded = [w.rstrip(".").casefold() for _s, w in words]
        health = [i for i, f in enumerate(folded) if f in _HEALTH_SET]
        if not health:
            continue
        i = 0
        while i < len(words):
            # A run of capitalised words is one proper name: "Jan Bakker", "De Linde", "Het Groene Kruis".
            j = i
            while j < len(words) and _is_capitalised(words[j][1]) and folded[j] not in _TITLES:
                j += 1
            if j == i:
                i += 1
                continue
            run = range(i, j)
            k = i - 1
            while k >= 0 and folded[k] in _INFIXES:  # "mevrouw van der Berg"
                k -= 1
            after_title = k >= 0 and folded[k] in _TITLES
            if after_title:
                first = k + 1
            else:
                first = i
                meaningful = [n for n in run if folded[n] not in _NOT_NAMES and folded[n] not in _HEALTH_SET]
                if not meaningful or folded[i] in _NOT_NAMES or folded[i] in _HEALTH_SET:
                    first = -1  # "De Linde", "Diabetes", "Veel": not a person's name
                elif i == 0 and (j >= len(words) or folded[j] not in _PERSON_VERBS):
                    first = -1  # the first word of a sentence is capitalised anyway
                elif i > 0 and folded[i - 1] in _PLACE_WORDS:
                    first = -1  # "in Zuid": a place
            if first >= 0 and any(abs(n - h) <= _NAME_WINDOW for n in run for h in health):
                s = words[first][0]
                e = words[j - 1][0] + len(words[j - 1][1].rstrip("."))
                hints.append(Hint(NAME_HEALTH, s, e, text[s:e]))
            i = j
    return hints


def _sentences(text: str):
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield start, text[start : m.end()]
        start = m.end()
    if start < len(text):
        yield start, text[start:]


def personal_data_hints(text: str) -> list[Hint]:
    """Passages in ``text`` that look like a phone number, e-mail address, BSN, or a name beside a health detail.

    Sorted by position, without overlaps. An empty list means nothing was found.
    """
    found = _phone_hints(text)
    found += [Hint(EMAIL, m.start(), m.end(), m.group()) for m in _EMAIL_RE.finditer(text)]
    found += [Hint(BSN, m.start(), m.end(), m.group()) for m in _NINE_DIGITS_RE.finditer(text) if _elfproef(m.group())]
    found += _name_health_hints(text)
    found.sort(key=lambda h: (h.start, -h.end))
    result: list[Hint] = []
    for hint in found:
        if result and hint.start < result[-1].end:
            continue  # inside an earlier passage (e.g. digits of an e-mail address)
        result.append(hint)
    return result


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
