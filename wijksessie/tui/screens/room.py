"""The room view: a high-contrast screen for the projector.

It shows what the room needs at this step: the live ranking while voting,
the contact card at the contact step, the level of influence at the welcome,
and otherwise the current question. The same key (r or F9) returns; so does Esc.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.widgets import Static

from wijksessie.i18n import N_, _
from wijksessie.tui.base import TranslatedScreen
from wijksessie.tui.screens.steps import contact_card, level_text, long_date
from wijksessie.tui.widgets.ranking import ranking_text

if TYPE_CHECKING:
    from wijksessie.tui.screens.meeting import MeetingScreen


class RoomScreen(TranslatedScreen[None]):
    """Large, high-contrast text for the room; nothing to operate except the key that returns."""

    BINDINGS = [
        Binding("r,f9,escape", "back", N_("Terug"), id="room-back"),
    ]

    def __init__(self, meeting: "MeetingScreen") -> None:
        super().__init__(classes="room")
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="room-scroll"):
            yield Static(self._title(), id="room-title")
            with Center():
                yield Static(self.body(), id="room-body")
            yield Static(_("r: terug"), id="room-hint")

    def _title(self) -> Text:
        return Text(self.meeting.step.shown_title(), style="bold")

    def body(self) -> Text:
        """What the room sees for the current step."""
        meeting = self.meeting
        step = meeting.step
        session = meeting.sf.session
        width = max(40, (self.size.width or self.app.size.width) - 10)
        if step.type == "vote" or (step.type == "discuss" and not meeting.prompts()):
            return ranking_text(session.priorities, list(session.themes), width=width, big=True)
        if step.type == "contact":
            return contact_card(session.contact)
        if step.type == "topics":
            text = Text()
            for theme in session.themes:
                text.append("\u2022 " + theme + "\n", style="bold")
            return text or Text(meeting.prompts()[0] if meeting.prompts() else step.shown_title())
        if step.type == "info" and step.show == "level":
            return level_text(session.level)
        if step.type == "info" and step.show == "close":
            text = Text()
            if session.feedback_due:
                text.append(_("U hoort van ons vóór {date}.").format(date=long_date(session.feedback_due)) + "\n\n")
            text.append(contact_card(session.contact))
            return text
        if step.type in ("quick_wins", "agreements"):
            text = Text()
            quick = step.type == "quick_wins"
            for a in meeting.sf.agreements():
                if a.quick_win == quick:
                    text.append("\u2022 " + a.what, style="bold")
                    if a.who:
                        text.append(" \u2014 " + a.who)
                    text.append("\n")
            if text:
                return text
        if step.type == "discuss" and meeting.theme:
            text = Text(meeting.theme + "\n\n", style="bold reverse")
            for line in meeting.prompts():
                text.append(line + "\n")
            return text
        text = Text()
        for line in meeting.prompts():
            text.append(line + "\n\n")
        return text

    def on_resize(self) -> None:
        self.query_one("#room-body", Static).update(self.body())

    def action_back(self) -> None:
        self.app.pop_screen()
