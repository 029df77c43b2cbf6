"""The step views of the meeting screen, one per step type, and their dialogs.

Each view reads the session through the meeting screen's open session file
and posts :mod:`wijksessie.tui.messages` requests; it never saves itself and
never imports the meeting screen.
"""

from wijksessie.tui.meeting.texts import KIND_KEYS, contact_card, level_text, long_date
from wijksessie.tui.meeting.views import (
    AgreementList,
    AgreementsView,
    ContactView,
    DiscussView,
    EntryPanel,
    InfoView,
    KindBar,
    StepView,
    TallyView,
    TopicsView,
    VoteView,
    make_view,
)

__all__ = [
    "KIND_KEYS", "contact_card", "level_text", "long_date", "AgreementList", "AgreementsView", "ContactView",
    "DiscussView", "EntryPanel", "InfoView", "KindBar", "StepView", "TallyView", "TopicsView", "VoteView", "make_view",
]
