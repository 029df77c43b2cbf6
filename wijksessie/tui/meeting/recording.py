"""Saving what is typed in the meeting, fast and in order, with the save indicator and undo.

A mixin of :class:`~wijksessie.tui.screens.meeting.MeetingScreen`. A new
contribution is shown first and saved right after that frame (the indicator
says "Opslaan…" meanwhile): the facilitator sees the row at once, and the
disk's fsyncs stay out of the key's latency. Any other store call, leaving the
screen and closing the session first finish such pending saves, so the order on
disk is the order of typing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TypeVar

from textual.widgets import Input

from wijksessie.i18n import _
from wijksessie.model import Contribution, ContributionKind
from wijksessie.tui.base import run_safely
from wijksessie.tui.meeting.host import MeetingHost
from wijksessie.tui.widgets.cells import TextCell
from wijksessie.tui.widgets.entries import EntryList

R = TypeVar("R")


class Recording(MeetingHost):
    """Store calls with the save indicator ("Opgeslagen" only once on disk), undo, and recording what was said."""

    def watch_save_state(self, text: str) -> None:
        self.query_one("#save-state", TextCell).update(text)

    def _set_saved(self, ok: bool) -> None:
        if ok:
            self.save_state = _("Opgeslagen {time}").format(time=self.clock().strftime("%H:%M:%S"))
        else:
            self.save_state = _("Niet opgeslagen")
        self.query_one("#save-state", TextCell).set_class(not ok, "-error")

    def save(self, action: Callable[[], R]) -> tuple[bool, R | None]:
        """Run a store call; the indicator says saved only after it returned without error."""
        self._save_pending()  # first what was typed before: the store sees changes in the order they were made
        if self.readonly:
            self.notify(
                _("Deze sessie is alleen open om te lezen. Er wordt niets veranderd."),
                severity="warning", markup=False)
            return False, None
        ok, result = run_safely(self, action)
        self._set_saved(ok)
        return ok, result

    def push_undo(self, label: str, undo: Callable[[], object]) -> None:
        self.undo_stack.append((label, undo))
        del self.undo_stack[:-50]

    def record(self, text: str, kind: ContributionKind | None = None, theme: str | None = None) -> bool:
        """Record what was said, with the remembered kind and theme; True when accepted.

        The row is shown at once and the contribution saved right after that
        frame; the indicator says "Opslaan…" until the store returned, and
        only then "Opgeslagen". If the save fails, the row goes away again and
        the text goes back to the input line.
        """
        if not text.strip():
            return False
        if self.readonly:
            self.notify(_("Deze sessie is alleen open om te lezen. Er wordt niets veranderd."), severity="warning", markup=False)
            return False
        step_id = self.step.id
        kind = self.kind if kind is None else kind
        theme = self.theme if theme is None else theme
        ok, c = run_safely(self, lambda: Contribution.new(text, kind=kind, theme=theme, step=step_id))
        if not ok or c is None:
            self._unshow_text(text)
            return False
        view = self.view
        entries = view.entry_list() if view else None
        if entries is not None:
            entries.add_entry(c)
        self._pending.append((c, entries))
        self.save_state = _("Opslaan\u2026")
        # After the frame that shows the row: a refresh may already be due (the line was just
        # emptied), so wait for the one after it, which has the row in it.
        self.call_after_refresh(self.call_after_refresh, self._save_pending)
        return True

    def _save_pending(self) -> None:
        """Write the contributions that are shown but not saved yet, oldest first."""
        if not self._pending:
            return
        all_ok = True
        while self._pending:
            c, entries = self._pending.pop(0)
            ok, saved = run_safely(self, partial(self.sf.add_contribution, c))
            if not ok or saved is None:
                all_ok = False
                self._unshow(c, entries)
                continue
            self._after_save(saved)
        self._set_saved(all_ok)

    def _after_save(self, saved: Contribution) -> None:
        # Undo reads ``self.sf`` when it runs: the session file is a new one after the follow-up screen had it.
        self.push_undo(_("inbreng vastgelegd"), lambda: self.sf.delete_contribution(saved.id))
        self._check_privacy(saved)

    def _unshow(self, c: Contribution, entries: EntryList | None) -> None:
        """A contribution that could not be saved: take its row away and give its text back to type again."""
        if entries is not None and entries.is_attached:
            entries.remove_entry(c.id)
        self._unshow_text(c.text)

    def _unshow_text(self, text: str) -> None:
        for field in self.query("#entry").results(Input):
            if not field.value:
                field.value = text
                field.cursor_position = len(text)
