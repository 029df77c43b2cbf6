"""Bringing session files made by older versions up to today's layout, without loss.

``STEPS[n]`` turns the raw TinyDB tables of schema ``n`` into schema ``n + 1``;
:func:`wijksessie.store.migrate` runs them in turn when a file is opened and
writes the result back (the old file stays as the backup copy). A step only
adds and moves data; it never drops a field it does not know, so a file made
by a newer patch release keeps what it had. Damaged data is left for the
model to report: a step skips what is not the shape it expects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: Raw TinyDB tables or one document, as read from JSON (shapes are checked by the model, not here).
JSON = dict[str, Any]


def _v1_to_v2(tables: JSON) -> JSON:
    """Schema 2: answer history, agreement states, letters sent, follow-ups, evaluations.

    The one letter schema 1 knew (``letter_sent``, a date) becomes the first
    entry of ``letters``, with the answers the points most likely had then:
    each decision recorded on or before that day; later ones are taken as
    "no decision yet" at the time, so an update letter reports them.
    """
    session = (tables.get("session") or {}).get("1")
    contributions = tables.get("contributions")
    contribution_docs = [d for d in contributions.values() if isinstance(d, dict)] if isinstance(contributions, dict) else []
    agreements = tables.get("agreements")
    agreement_docs = [d for d in agreements.values() if isinstance(d, dict)] if isinstance(agreements, dict) else []

    for doc in contribution_docs:
        doc.setdefault("history", [])
        if isinstance(doc.get("decision"), dict):
            doc["decision"].setdefault("recorded_by", "")
    for doc in agreement_docs:
        doc.setdefault("state", "planned")
        doc.setdefault("reason", "")
        doc.setdefault("updated_at", None)
        doc.setdefault("recorded_by", "")
        doc.setdefault("history", [])
    if isinstance(session, dict):
        session.setdefault("follows", "")
        session.setdefault("evaluation", {"satisfied": 0, "neutral": 0, "not_satisfied": 0})
        session.setdefault("follow_up_evaluation", {"satisfied": 0, "neutral": 0, "not_satisfied": 0})
        sent = session.get("letter_sent")
        if "letters" not in session:
            session["letters"] = [_first_letter(session, sent, contribution_docs, agreement_docs)] if isinstance(sent, str) and sent else []
    return tables


def _first_letter(session: JSON, sent: str, contributions: list[JSON], agreements: list[JSON]) -> JSON:
    languages = session.get("languages")
    language = languages[0] if isinstance(languages, list) and languages and isinstance(languages[0], str) else "nl"
    answers = {}
    for doc in contributions:
        decision = doc.get("decision")
        if not isinstance(doc.get("id"), str) or not isinstance(decision, dict):
            continue
        decided = decision.get("decided_at")
        if isinstance(decided, str) and decided[:10] <= sent:
            answers[doc["id"]] = {**decision, "recorded_by": decision.get("recorded_by", "")}
        else:
            answers[doc["id"]] = {"status": "open"}
    return {
        "sent": sent,
        "language": language,
        "format": "",
        "kind": "final",
        "answers": answers,
        # Schema 1 had no states: every agreement was "planned" when the letter went out.
        "agreements": {d["id"]: {"state": "planned"} for d in agreements if isinstance(d.get("id"), str)},
    }


STEPS: dict[int, Callable[[JSON], JSON]] = {
    1: _v1_to_v2,
}
