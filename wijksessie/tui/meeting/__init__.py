"""The step views of the meeting screen, one per step type, and their dialogs.

Each view reads the session through the meeting screen's open session file
and posts :mod:`wijksessie.tui.messages` requests; it never saves itself and
never imports the meeting screen.

- ``texts``: dates, the contact card, the level of influence (also for the room view)
- ``base``: the step view base, the kind bar and the line to type on
- ``views``: welcome, purpose and close, the discussion, the contact point; ``make_view``
- ``tally``, ``themes``, ``agreements``: the count; topics and the vote; quick wins and agreements
- ``evaluation``, ``lookback``: hands counted at the close; what became of last time's points
- ``dialogs``: pick a theme by its first letters; edit text, kind and theme

The meeting screen's own parts, as mixins of
:class:`~wijksessie.tui.screens.meeting.MeetingScreen` (``host``: what they may use):

- ``recording``: saving in typing order, the save indicator, undo
- ``timer``: the step timer and the meeting clock
- ``handlers``: the requests of the step views, the list's keys, the personal-data line
- ``lending``: letting go of the session while another screen has it
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
