"""The step views of the meeting screen, one per step type, and their dialogs.

Each view reads the session through the meeting screen's open session file
and posts :mod:`wijksessie.tui.messages` requests; it never saves itself and
never imports the meeting screen.

- ``texts``: dates, the contact card, the level of influence (also for the room view)
- ``base``: the step view base, the kind bar and the line to type on
- ``views``: one view per step type
- ``dialogs``: pick a theme by its first letters; edit text, kind and theme
- ``handlers``: the meeting screen's side of the requests (mixins)
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
