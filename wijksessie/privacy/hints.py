"""The kinds of personal data :mod:`wijksessie.privacy` finds, and one passage found (:class:`Hint`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from wijksessie.i18n import N_, _

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

#: The same, with what was found after a label and a colon (one whole message each, for every language).
_FOUND = {
    PHONE: N_("Dit lijkt een telefoonnummer: {text}."),
    EMAIL: N_("Dit lijkt een e-mailadres: {text}."),
    NAME_HEALTH: N_("Dit lijkt een naam bij iets over gezondheid: {text}."),
    NAME_CONTACT: N_("Dit lijkt de naam van iemand van wie ook een nummer of adres in de tekst staat: {text}."),
    BSN: N_("Dit lijkt een burgerservicenummer: {text}."),
    POSTCODE: N_("Dit lijkt een postcode: {text}."),
    ADDRESS: N_("Dit lijkt een adres: {text}."),
    IBAN: N_("Dit lijkt een rekeningnummer: {text}."),
    BIRTHDATE: N_("Dit lijkt een geboortedatum: {text}."),
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
    def found(self) -> str:
        """:attr:`message` with the passage itself: "Dit lijkt een telefoonnummer: 06-12345678.", translated."""
        return _(_FOUND[self.kind]).format(text=self.text)

    @property
    def placeholder(self) -> str:
        """What :func:`anonymise` puts in its place."""
        return _(_PLACEHOLDERS[self.kind])

#: Kinds that say how to reach someone or who they are on paper; a name in the same text belongs to them.
CONTACT_KINDS = frozenset({PHONE, EMAIL, ADDRESS, POSTCODE, IBAN, BIRTHDATE, BSN})

_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def split_sentences(text: str) -> Iterator[tuple[int, str]]:
    """The sentences of ``text`` (a line break ends one too), each with its offset."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        yield start, text[start : m.end()]
        start = m.end()
    if start < len(text):
        yield start, text[start:]
