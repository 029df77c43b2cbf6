"""Phone numbers, e-mail addresses, postcodes, addresses, bank accounts, dates of birth and BSNs in a text.

Phone numbers are decided by the ``phonenumbers`` library (loaded on first
use); public service numbers stay. The others are patterns with a check where
the number has one (IBAN check digits, the BSN "elfproef").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from wijksessie.privacy.hints import ADDRESS, BIRTHDATE, BSN, EMAIL, IBAN, PHONE, POSTCODE, Hint, split_sentences

# Number types that belong to an organisation, not a person: they may stay in a letter.
_PUBLIC_NUMBER_TYPES = frozenset({"TOLL_FREE", "PREMIUM_RATE", "SHARED_COST", "UAN"})


def phone_hints(text: str) -> list[Hint]:
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


def simple_hints(text: str) -> list[Hint]:
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
                sentences = list(split_sentences(text))
                starts = [start for start, _chunk in sentences]
            sentence = text[max(0, m.start() - 30) : m.start()] + _sentence_around(sentences, starts, m.start())
            about_someone = _PERSON_WORDS.search(sentence)  # "mijn moeder is van 5 mei 1945", not "op 5 mei 1945 werd…"
            if (day.year <= this_year - _BIRTH_YEARS_BACK and about_someone) or (
                _BIRTH_WORDS.search(sentence) and day.year <= this_year
            ):
                hints.append(Hint(BIRTHDATE, m.start(), m.end(), m.group()))
    return hints


def _sentence_around(sentences: list[tuple[int, str]], starts: list[int], pos: int) -> str:
    """The sentence holding position ``pos`` (``sentences`` from :func:`~wijksessie.privacy.hints.split_sentences`, ``starts`` their offsets)."""
    import bisect

    k = bisect.bisect_right(starts, pos) - 1
    return sentences[k][1] if k >= 0 else ""


def _elfproef(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1))) - int(digits[8])
    return total % 11 == 0 and digits != "000000000"
