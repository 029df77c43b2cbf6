"""What the parts of the meeting screen know of it: the interface its mixins rely on.

:class:`~wijksessie.tui.screens.meeting.MeetingScreen` is put together from
mixins, one subject each (saving what is typed, the step timer, the requests of
the step views, the list's keys, the personal-data line). Each mixin uses what
the screen has: the open session file, the current step and view, ``save``.
:class:`MeetingHost` states that, once, for the type checker: a mixin
subclasses it, and a screen that lacks a part or gives it another type is an
error there. At run time it is ``object``, so the mixins stay plain classes and
the screen's class hierarchy is what it always was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable
    from typing import TypeVar

    from textual.reactive import reactive

    from wijksessie.content import Step
    from wijksessie.model import Contribution, ContributionKind
    from wijksessie.privacy import Hint
    from wijksessie.store import SessionFile
    from wijksessie.tui.base import TranslatedScreen
    from wijksessie.tui.meeting.base import StepView
    from wijksessie.tui.meeting.lookback import LookBackResult
    from wijksessie.tui.widgets.entries import EntryList

    R = TypeVar("R")

    class MeetingHost(TranslatedScreen[None]):
        """The meeting screen as its mixins see it (type checking only)."""

        sf: SessionFile
        readonly: bool
        clock: Callable[[], dt.datetime]
        steps: list[Step]
        index: reactive[int]
        undo_stack: list[tuple[str, Callable[[], object]]]
        step_started: dt.datetime
        kind: reactive[ContributionKind]
        theme: reactive[str]
        save_state: reactive[str]
        _pending: list[tuple[Contribution, EntryList | None]]
        _privacy_offer: str | None
        _privacy_last: str | None
        _released: bool
        _look_back: tuple[str, LookBackResult] | None
        _step_base: float
        _timer_saved_at: dt.datetime

        @property
        def step(self) -> Step: ...

        @property
        def view(self) -> StepView | None: ...

        # Saving (wijksessie.tui.meeting.recording)
        def save(self, action: Callable[[], R]) -> tuple[bool, R | None]: ...

        def push_undo(self, label: str, undo: Callable[[], object]) -> None: ...

        def record(self, text: str, kind: ContributionKind | None = None, theme: str | None = None) -> bool: ...

        def _save_pending(self) -> None: ...

        # The clocks (wijksessie.tui.meeting.timer)
        def _save_timer(self) -> None: ...

        # The personal-data line (wijksessie.tui.meeting.handlers)
        def _check_privacy(self, c: Contribution) -> None: ...

        def _set_privacy_offer(self, c: Contribution | None, hints: list[Hint]) -> None: ...

        def _recheck_privacy(self, c: Contribution | None, contribution_id: str) -> None: ...

        # Changing a contribution, the view, the theme (the screen and its handlers)
        def _change(self, c: Contribution, entries: EntryList | None, *, label: str | None = None,
                    text: str | None = None, kind: str | None = None, theme: str | None = None) -> bool: ...

        def _reload_view(self) -> None: ...

        def _show_step_texts(self) -> None: ...

        def theme_choices(self) -> list[str]: ...

        def prompts(self) -> list[str]: ...

        def action_contact(self) -> None: ...

        # The look-back of a follow-up meeting, read once (the screen)
        def look_back(self) -> LookBackResult: ...

else:
    MeetingHost = object
