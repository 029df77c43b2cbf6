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

The package, by subject: :mod:`.hints` (the kinds and :class:`Hint`),
:mod:`.numbers` (numbers, addresses, dates), :mod:`.names` (names beside
health or contact details), :mod:`.detect` (all kinds together,
:func:`anonymise`) and :mod:`.letter_rule` (what a letter may print). Every
public name is importable from ``wijksessie.privacy``.
"""

from __future__ import annotations

from wijksessie.privacy.detect import anonymise, describe, personal_data_hints
from wijksessie.privacy.hints import (
    ADDRESS,
    BIRTHDATE,
    BSN,
    EMAIL,
    IBAN,
    KINDS,
    NAME_CONTACT,
    NAME_HEALTH,
    PHONE,
    POSTCODE,
    Hint,
)
from wijksessie.privacy.letter_rule import (
    HeldPoint,
    clear,
    clearance,
    describe_holds,
    is_cleared,
    letter_holds,
    letter_text,
    text_fingerprint,
)
from wijksessie.privacy.names import first_names

__all__ = [
    "ADDRESS", "BIRTHDATE", "BSN", "EMAIL", "IBAN", "KINDS", "NAME_CONTACT", "NAME_HEALTH", "PHONE", "POSTCODE",
    "HeldPoint", "Hint", "anonymise", "clear", "clearance", "describe", "describe_holds", "first_names",
    "is_cleared", "letter_holds", "letter_text", "personal_data_hints", "text_fingerprint",
]
