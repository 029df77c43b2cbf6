"""The fixed choices of the model, each with its label for people, declared once.

A member is written as ``NAME = "value", N_("label")``: the value is what is
stored and typed on the command line, the label what a resident or officer
reads (translated when shown). The command line takes its choices from here
(:meth:`Labelled.choices`), so a new member shows up everywhere at once.

This module imports only the standard library and :mod:`wijksessie.i18n`, so
``wijksessie --help`` can list the choices without loading the model.
"""

from __future__ import annotations

import enum

from wijksessie.i18n import N_, _


class Labelled(enum.StrEnum):
    """A string enum whose members carry a translatable label."""

    _label: str

    def __new__(cls, value: str, label: str = "") -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        """Short name, translated."""
        return _(self._label) if self._label else self.value

    @classmethod
    def choices(cls) -> tuple[str, ...]:
        """The stored values, in order: what the command line accepts."""
        return tuple(member.value for member in cls)


class ParticipationLevel(Labelled):
    """How much influence residents have: the seven forms of DOMAIN.md §2.2."""

    NONE = "none", N_("Geen invloed")
    INFORM = "inform", N_("Informeren")
    CONSULT_LATE = "consult_late", N_("Reageren op een plan")
    ADVISE_EARLY = "advise_early", N_("Vroeg advies geven")
    CO_DECIDE = "co_decide", N_("Meebeslissen")
    PARTNER = "partner", N_("Samen doen")
    SELF_GOVERN = "self_govern", N_("Zelf beslissen")

    @property
    def explanation(self) -> str:
        """One plain sentence for residents: what they can and cannot decide."""
        return _(_LEVEL_EXPLANATIONS[self])

    @property
    def promise(self) -> str:
        """What the municipality promises in the letter at this level."""
        return _(_LEVEL_PROMISES[self])


_LEVEL_EXPLANATIONS = {
    ParticipationLevel.NONE: N_("U kunt vandaag niets beslissen of veranderen."),
    ParticipationLevel.INFORM: N_("Wij vertellen u wat er gaat gebeuren. U kunt vragen stellen, maar niet meebeslissen."),
    ParticipationLevel.CONSULT_LATE: N_(
        "Het plan is bijna klaar. U zegt wat u ervan vindt. De gemeente beslist daarna zelf."
    ),
    ParticipationLevel.ADVISE_EARLY: N_(
        "Er is nog geen plan. U geeft advies. De gemeente beslist, en legt uit als ze uw advies niet volgt."
    ),
    ParticipationLevel.CO_DECIDE: N_(
        "U beslist mee. De gemeente zegt vooraf binnen welke grenzen. Wat u samen kiest, gebeurt."
    ),
    ParticipationLevel.PARTNER: N_("U en de gemeente beslissen samen, als gelijken. U spreekt samen af wie wat doet."),
    ParticipationLevel.SELF_GOVERN: N_("U beslist zelf. De gemeente helpt u daarbij."),
}

_LEVEL_PROMISES = {
    ParticipationLevel.NONE: N_("U hoort wat er besloten is."),
    ParticipationLevel.INFORM: N_("U hoort wat er besloten is en waar u met vragen terechtkunt."),
    ParticipationLevel.CONSULT_LATE: N_("U hoort wat wij met elke reactie hebben gedaan."),
    ParticipationLevel.ADVISE_EARLY: N_("U hoort wat wij met uw advies doen. Als wij het niet volgen, leggen we uit waarom."),
    ParticipationLevel.CO_DECIDE: N_("Wat u samen hebt gekozen, voeren wij uit. U hoort hoe het gaat."),
    ParticipationLevel.PARTNER: N_("U hoort wat wij samen hebben besloten en wie wat doet."),
    ParticipationLevel.SELF_GOVERN: N_("U hoort wat de gemeente doet om u te helpen."),
}

DEFAULT_LEVEL = ParticipationLevel.ADVISE_EARLY


class ContributionKind(Labelled):
    """What sort of thing a resident said."""

    IDEA = "idea", N_("idee")
    PROBLEM = "problem", N_("probleem")
    QUESTION = "question", N_("vraag")
    EXPERIENCE = "experience", N_("ervaring")


class DecisionStatus(Labelled):
    """What was done with a contribution (labels as residents read them in the letter)."""

    OPEN = "open", N_("nog geen besluit")
    UNDER_REVIEW = "under_review", N_("wordt uitgezocht")
    ADOPTED = "adopted", N_("overgenomen")
    PARTLY_ADOPTED = "partly_adopted", N_("deels overgenomen")
    NOT_ADOPTED = "not_adopted", N_("niet overgenomen")
    REFERRED = "referred", N_("doorgegeven")
    DONE = "done", N_("gedaan")

    @property
    def answered(self) -> bool:
        """True when residents can be told an outcome (not open, not still being looked into)."""
        return self not in (DecisionStatus.OPEN, DecisionStatus.UNDER_REVIEW)


class PersonPurpose(Labelled):
    """Why a resident left contact details: the only purposes we keep them for."""

    LETTER = "letter", N_("een eigen brief over wat er met de inbreng gebeurt")
    HELP = "help", N_("meehelpen")


class ConsentHow(Labelled):
    """How the resident said yes; oral consent counts but must be written down."""

    ORAL = "oral", N_("mondeling")
    WRITTEN = "written", N_("schriftelijk")
    FORM = "form", N_("via het formulier")


class AgreementState(Labelled):
    """How far an agreement (who does what by when) has got."""

    PLANNED = "planned", N_("gepland")
    BUSY = "busy", N_("bezig")
    DONE = "done", N_("klaar")
    STOPPED = "stopped", N_("gestopt")


class Evaluation(Labelled):
    """How residents rate the meeting or the follow-up, counted by raising hands."""

    SATISFIED = "satisfied", N_("tevreden")
    NEUTRAL = "neutral", N_("neutraal")
    NOT_SATISFIED = "not_satisfied", N_("niet tevreden")
