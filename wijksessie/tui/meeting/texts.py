"""Texts shared by the step views and the room view: dates, the contact card, the level of influence."""

from __future__ import annotations

from rich.text import Text

from wijksessie import i18n, model
from wijksessie.i18n import _
from wijksessie.model import ContributionKind
from wijksessie.safe_text import terminal_safe

KIND_KEYS = (
    ("f2", ContributionKind.IDEA),
    ("f3", ContributionKind.PROBLEM),
    ("f4", ContributionKind.QUESTION),
    ("f5", ContributionKind.EXPERIENCE),
)
"""The function keys that choose the kind of the next contribution."""


def long_date(day) -> str:
    """A date as residents read it, in the interface language (e.g. 23 april 2026)."""
    if day is None:
        return ""
    return i18n.format_date(day)  # British dates for English; an unknown code is written as Dutch


def contact_card(contact: model.ContactPoint) -> Text:
    """The contact point as a card: name large, then role, phone, e-mail, hours."""
    text = Text()
    if not contact.is_set:
        text.append(_("Nog geen aanspreekpunt ingevuld."), style="bold")
        return text
    text.append(terminal_safe(contact.name) + "\n", style="bold")
    for label, value in (
        (_("Functie"), contact.role),
        (_("Telefoon"), contact.phone),
        (_("E-mail"), contact.email),
        (_("Bereikbaar"), contact.hours),
    ):
        if value:
            text.append(f"{label}: ", style="dim")
            text.append(terminal_safe(value) + "\n")
    return text


def level_text(level: model.ParticipationLevel, *, spaced: bool = False) -> Text:
    """The participation level in plain words, with what residents will hear (``spaced``: a blank line between)."""
    gap = "\n\n" if spaced else "\n"
    text = Text()
    text.append(_("Hoeveel u vandaag kunt beslissen: "), style="dim")
    text.append(level.label + gap, style="bold")
    text.append(level.explanation + gap)
    text.append(level.promise, style="italic")
    return text
