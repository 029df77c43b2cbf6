"""The meeting screen lends its session to the follow-up, letter and other screens, and takes it back.

A mixin of :class:`~wijksessie.tui.screens.meeting.MeetingScreen`. A session
file is open for writing in one place at a time; the screens about one session
(follow-up, letter, files, settings) open it themselves, so the meeting screen
saves what is pending, lets go, and opens it again when it is shown again.
"""

from __future__ import annotations

from wijksessie.errors import UserError, os_error_message
from wijksessie.i18n import _
from wijksessie.store import SessionLocked
from wijksessie.tui.base import program_words
from wijksessie.tui.meeting.host import MeetingHost


class LendsSession(MeetingHost):
    """Let go of the open session while another screen needs it; take it back on return."""

    @property
    def holds_session(self) -> bool:
        """True while this screen has the session open (not lent to the follow-up or letter screen)."""
        return not self._released

    def release(self) -> None:
        """Let go of the session (another screen needs to open it); it is taken back when this screen returns."""
        self._save_pending()
        self._save_timer()
        self.sf.close()
        self._released = True

    def on_screen_resume(self) -> None:
        if self._released:
            self.reopen()

    def reopen(self, attempts: int = 40) -> None:
        """Open the session again after another screen used it, and redraw.

        The other screen lets go of the session while it is being removed,
        which can be a moment after this screen is shown again: so a lock
        still held is tried again shortly, and only then is the session
        opened read-only (with a message saying so).
        """
        store = self.app.store
        session_id = self.sf.session.id
        try:
            try:
                self.sf = store.open(session_id, readonly=self.readonly)
            except SessionLocked:
                if attempts > 0:
                    self.set_timer(0.05, lambda: self.reopen(attempts - 1))
                    return
                self.sf = store.open(session_id, readonly=True)
                self.readonly = True
                self.notify(_("De sessie is elders geopend; u kunt hier nu alleen lezen."), severity="warning",
                            markup=False)
        except (UserError, OSError) as exc:  # e.g. the file was deleted or damaged meanwhile
            message = program_words(str(exc)) if isinstance(exc, UserError) else os_error_message(exc)
            self.notify(message, title=_("Openen lukte niet"), severity="error", timeout=10, markup=False)
            return
        self._released = False
        self._look_back = None  # the screens it was lent to may have changed the earlier session: read it anew
        self._reload_view()
        self._show_step_texts()
