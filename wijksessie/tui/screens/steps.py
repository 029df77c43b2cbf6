"""Moved: the step views live in :mod:`wijksessie.tui.meeting` now; this name stays importable."""

from wijksessie.tui.meeting import *  # noqa: F401,F403
from wijksessie.tui.meeting import KIND_KEYS, contact_card, level_text, long_date, make_view  # noqa: F401
from wijksessie.tui.meeting.views import (  # noqa: F401  # noqa: F401
    AgreementList,
    AgreementsView,
    ContactView,
    DiscussView,
    EntryPanel,
    InfoView,
    StepView,
    TallyView,
    TopicsView,
    VoteView,
)
