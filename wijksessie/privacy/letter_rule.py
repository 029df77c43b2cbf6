"""The letter rule: a point with personal data is printed in a letter only anonymised, unless cleared.

The facilitator clears a point with a reason (:func:`clear`); the clearance
is stored on the contribution and holds only for the exact text it was
given for (:func:`text_fingerprint`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wijksessie.i18n import _
from wijksessie.privacy.detect import anonymise, describe, personal_data_hints
from wijksessie.privacy.hints import Hint

if TYPE_CHECKING:
    from wijksessie.model import Contribution


def text_fingerprint(text: str) -> str:
    """A short hash of a text: a clearance holds for exactly this text (no copy of the text is kept)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def clearance(contribution: Contribution) -> dict[str, str]:
    """The facilitator's clearance stored on a contribution (``{}`` when there is none)."""
    return contribution.privacy_ok


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
