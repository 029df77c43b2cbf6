"""Messages the step views of the meeting send up to the meeting screen.

Textual's habit is "attributes down, messages up": a step view never saves
anything itself. It reads what was typed, checks it with :mod:`wijksessie.inputs`,
and posts one of these messages; :class:`~wijksessie.tui.screens.meeting.MeetingScreen`
handles it, saves through the open session file and then tells the view
(``view.saved(message)``) so it can clear or redraw its fields.
"""

from __future__ import annotations

import datetime as dt

from textual.message import Message

from wijksessie.model import ContributionKind, EvaluationCount


class MeetingRequest(Message):
    """Base of every request a step view makes to the meeting screen."""


class Record(MeetingRequest):
    """Record what was said, with the kind and theme shown when Enter was pressed (None: the screen's current)."""

    def __init__(self, text: str, kind: ContributionKind | None = None, theme: str | None = None) -> None:
        super().__init__()
        self.text = text
        self.kind = kind
        self.theme = theme


class SaveTally(MeetingRequest):
    """Save the count of who is here; ``None`` leaves that part as it is."""

    def __init__(self, participants: int | None = None, groups: dict[str, int] | None = None) -> None:
        super().__init__()
        self.participants = participants
        self.groups = groups


class AddTheme(MeetingRequest):
    """A topic named by residents becomes a theme of the meeting."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name


class Vote(MeetingRequest):
    """Add ``n`` votes to ``theme`` (negative takes away); ``typed``: from the line "theme number"."""

    def __init__(self, theme: str, n: int, *, typed: bool = False) -> None:
        super().__init__()
        self.theme = theme
        self.n = n
        self.typed = typed


class AddAgreement(MeetingRequest):
    """A quick win or agreement: what, who, by when; ``typed``: the three fields as typed (given back if not saved)."""

    def __init__(self, what: str, who: str, when: dt.date | None, quick_win: bool,
                 typed: tuple[str, str, str] = ("", "", "")) -> None:
        super().__init__()
        self.what = what
        self.who = who
        self.when = when
        self.quick_win = quick_win
        self.typed = typed


class DeleteAgreement(MeetingRequest):
    """Remove an agreement (the screen asks first)."""

    def __init__(self, agreement_id: str) -> None:
        super().__init__()
        self.agreement_id = agreement_id


class EditContact(MeetingRequest):
    """Fill in or change the contact point."""


class SaveEvaluation(MeetingRequest):
    """Save the hands counted at the close; ``follow_up``: about last time's points, kept with ``earlier``."""

    def __init__(self, counts: EvaluationCount, *, follow_up: bool = False, earlier: str = "") -> None:
        super().__init__()
        self.counts = counts
        self.follow_up = follow_up
        self.earlier = earlier
