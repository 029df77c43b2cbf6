"""Residents who asked for a personal letter or want to help, with their consent (personal data).

Kept apart from contributions (table ``people``) so contributions stay
without names, and so one person can be forgotten without touching what was said.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from wijksessie.enums import ConsentHow, PersonPurpose
from wijksessie.i18n import N_, _
from wijksessie.records.base import ModelError, Record, _enum, check_text, new_id, now

#: Letters and digits that cannot be mixed up when read aloud or written down (no 0/O, 1/I/L).
RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_receipt_code() -> str:
    """A random code like ``K7QM-4TXP`` a resident can quote to see or remove their data.

    It says nothing about the person, so it can be given on paper without risk.
    """
    chars = "".join(secrets.choice(RECEIPT_ALPHABET) for _i in range(8))
    return f"{chars[:4]}-{chars[4:]}"


def normalise_receipt(code: str) -> str:
    """A receipt code as typed (any case, with or without dash or spaces) in its stored form."""
    chars = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    return f"{chars[:4]}-{chars[4:]}" if len(chars) == 8 else chars


@dataclass
class Consent(Record):
    """What a resident agreed to, when, and how: the proof the AVG asks for."""

    purpose: PersonPurpose
    how: ConsentHow
    #: Required in a file: consent without a date proves nothing.
    given_at: dt.datetime


@dataclass
class LetterSent(Record):
    """A personal letter written for a resident: when, in which format and language, final or not."""

    date: dt.date
    format: str
    language: str = "nl"
    final: bool = False


@dataclass
class Person(Record):
    """A resident who asked for a personal letter or wants to help, with their consent.

    Kept apart from contributions (table ``people``) so contributions stay
    without names, and so one person can be forgotten without touching what
    was said.
    """

    id: str
    receipt: str
    name: str
    consent: Consent
    email: str = ""
    address: str = ""
    language: str = "nl"
    created_at: dt.datetime = field(default_factory=now)
    #: The personal letters written for this resident (``wijksessie letter --personal``), oldest first.
    letters: list[LetterSent] = field(default_factory=list)

    NOT_A_MAPPING = N_("Een persoon moet een lijst van velden zijn.")

    def check(self) -> None:
        for key in ("id", "receipt", "name"):
            if not getattr(self, key):
                raise ModelError(_("Dit veld ontbreekt of is leeg: {key}.").format(key=key))
        self.language = self.language or "nl"

    @property
    def purpose(self) -> PersonPurpose:
        """What the details may be used for (the purpose consent was given for)."""
        return self.consent.purpose

    @classmethod
    def new(cls, name: str, *, purpose: PersonPurpose | str, consent_how: ConsentHow | str | None,
            email: str = "", address: str = "", language: str = "nl") -> Person:
        """A new person with a fresh receipt code; refuses without consent or a way to reach them."""
        if not consent_how:
            raise ModelError(
                _("Zonder toestemming slaan we geen persoonsgegevens op. Vraag eerst toestemming en leg vast hoe (--consent-how).")
            )
        how = _enum(ConsentHow, consent_how) if isinstance(consent_how, str) else consent_how
        what = _enum(PersonPurpose, purpose) if isinstance(purpose, str) else purpose
        name, email, address = name.strip(), email.strip(), address.strip()
        language = (language or "nl").strip() or "nl"
        for value, label in ((name, _("naam")), (email, _("e-mail")), (address, _("adres")), (language, _("taal"))):
            check_text(value, label)
        if not name:
            raise ModelError(_("De naam ontbreekt. Geef de naam op (--name)."))
        if not email and not address:
            raise ModelError(_("Zonder e-mail of adres kunnen we niemand bereiken. Geef --email of --address op."))
        if email and (" " in email or email.count("@") != 1 or "." not in email.split("@")[1]):
            raise ModelError(_("Dit is geen geldig e-mailadres: {email}. Kijk het adres na.").format(email=email))
        return cls(id=new_id(4), receipt=new_receipt_code(), name=name, email=email, address=address,
                   language=language, consent=Consent(purpose=what, how=how, given_at=now()))
