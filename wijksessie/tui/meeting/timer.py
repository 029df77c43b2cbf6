"""The meeting's clocks: time per step (red when over), the meeting's time, and both kept on disk.

A mixin of :class:`~wijksessie.tui.screens.meeting.MeetingScreen`. The time
spent per step is saved every :data:`TIMER_SAVE_SECONDS` seconds and at every
step change, so after a crash the step timer and the meeting clock go on where
they were.
"""

from __future__ import annotations

from wijksessie.i18n import _
from wijksessie.tui.base import run_safely
from wijksessie.tui.meeting.host import MeetingHost
from wijksessie.tui.widgets.cells import TextCell

#: Seconds between two saves of the step timer while a step runs.
TIMER_SAVE_SECONDS = 15


def minutes_seconds(seconds: float) -> str:
    """``754`` → ``12:34``."""
    whole = int(max(0, seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class StepTimer(MeetingHost):
    """The step timer and the meeting clock in the top bar, updated once a second."""

    def step_elapsed(self) -> float:
        """Seconds spent on the current step, also before a restart."""
        return self._step_base + max(0.0, (self.clock() - self.step_started).total_seconds())

    def meeting_elapsed(self) -> float:
        """Seconds the meeting has run: the time of every step together."""
        others = sum(v for k, v in self.sf.session.step_seconds.items() if k != self.step.id)
        return others + self.step_elapsed()

    def tick(self) -> None:
        """Once a second: the clock, the step timer (red when over time), and now and then the timer to disk."""
        now = self.clock()
        elapsed = self.step_elapsed()
        planned = self.step.minutes * 60
        timer = self.query_one("#timer", TextCell)
        over = elapsed > planned
        if over:
            timer.update(_("{elapsed}/{planned} te lang").format(
                elapsed=minutes_seconds(elapsed), planned=minutes_seconds(planned)))
        else:
            timer.update(_("{elapsed} van {planned}").format(
                elapsed=minutes_seconds(elapsed), planned=minutes_seconds(planned)))
        timer.set_class(over, "-over")
        self.query_one("#clock", TextCell).update(
            _("{time} \u00b7 bezig {elapsed}").format(
                time=now.strftime("%H:%M"), elapsed=minutes_seconds(self.meeting_elapsed()))
        )
        if (now - self._timer_saved_at).total_seconds() >= TIMER_SAVE_SECONDS:
            self._save_timer()

    def _save_timer(self) -> None:
        """Keep the time spent on this step on disk (quietly: the indicator is about what was typed)."""
        if self.readonly or self._released:
            return
        step_id, seconds = self.step.id, int(self.step_elapsed())
        self._timer_saved_at = self.clock()
        if self.sf.session.step_seconds.get(step_id) == seconds:
            return
        run_safely(self, lambda: self.sf.update(lambda s: s.step_seconds.__setitem__(step_id, seconds)))
