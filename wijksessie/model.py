"""The domain model: sessions, contributions, priorities, agreements, decisions.

Pure dataclasses and rules. Nothing here touches files, the terminal or a
language: user-facing labels are marked with ``N_()`` and translated where
they are shown. Each record is declared once, as a dataclass with typed
fields; :class:`Record` reads and writes it as plain data through msgspec
(:mod:`wijksessie.schema`), which checks every type, so a session file
edited by hand with wrong types gives one clear :class:`ModelError` instead
of a crash somewhere later. Rules that are not types (an id's pattern, a
reason with "not adopted") live in each record's :meth:`Record.check`.

The records live in :mod:`wijksessie.records`, one module per subject
(base, points, session, people); this module is the one place to import
them from.
"""

from __future__ import annotations

from wijksessie.enums import (
    DEFAULT_LEVEL,
    AgreementState,
    ConsentHow,
    ContributionKind,
    DecisionStatus,
    Evaluation,
    Labelled,
    ParticipationLevel,
    PersonPurpose,
)
from wijksessie.records.base import (
    MAX_YEAR,
    MIN_YEAR,
    ModelError,
    Record,
    _enum,
    check_text,
    new_id,
    now,
    parse_date,
)
from wijksessie.records.people import (
    RECEIPT_ALPHABET,
    Consent,
    LetterSent,
    Person,
    new_receipt_code,
    normalise_receipt,
)
from wijksessie.records.points import (
    Agreement,
    Contribution,
    Decision,
    StateChange,
    decide,
    open_count,
    overdue_agreements,
    overdue_reviews,
    set_agreement_state,
    unanswered,
)
from wijksessie.records.session import (
    DEFAULT_FEEDBACK_DAYS,
    ID_PATTERN,
    SCHEMA_VERSION,
    UNDER_REPRESENTED_RATIO,
    ContactPoint,
    EvaluationCount,
    Preparation,
    Priorities,
    RankedTheme,
    RepresentationGap,
    SentLetter,
    Session,
    Tally,
    feedback_overdue,
    representation_gaps,
)

__all__ = [
    "DEFAULT_LEVEL", "AgreementState", "ConsentHow", "ContributionKind", "DecisionStatus", "Evaluation",
    "Labelled", "ParticipationLevel", "PersonPurpose",
    "MAX_YEAR", "MIN_YEAR", "ModelError", "Record", "_enum", "check_text", "new_id", "now", "parse_date",
    "RECEIPT_ALPHABET", "Consent", "LetterSent", "Person", "new_receipt_code", "normalise_receipt",
    "Agreement", "Contribution", "Decision", "StateChange", "decide", "open_count", "overdue_agreements",
    "overdue_reviews", "set_agreement_state", "unanswered",
    "DEFAULT_FEEDBACK_DAYS", "ID_PATTERN", "SCHEMA_VERSION", "UNDER_REPRESENTED_RATIO", "ContactPoint",
    "EvaluationCount", "Preparation", "Priorities", "RankedTheme", "RepresentationGap", "SentLetter", "Session",
    "Tally", "feedback_overdue", "representation_gaps",
]
