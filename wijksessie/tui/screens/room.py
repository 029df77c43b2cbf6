"""The room view: a high-contrast screen for the projector.

It shows what the room needs at this step: the live ranking while voting,
the contact card at the contact step, the level of influence at the welcome,
and otherwise the current question with the latest things said at this step
("Wat we hoorden"), except those the facilitator kept off the projector
(``v`` in the list: hidden from the room, still in the record). The same key
(r or F9) returns; so does Esc.

Text wraps at word boundaries within the window and uses the width it has
(up to a comfortable reading width); on a tall window there is more space
between lines, so it reads from the back of the room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from wijksessie import privacy
from wijksessie.i18n import N_, _
from wijksessie.safe_text import terminal_safe
from wijksessie.tui.base import TranslatedScreen
from wijksessie.tui.meeting.texts import contact_card, level_text, long_date
from wijksessie.tui.widgets.ranking import ranking_text

if TYPE_CHECKING:
    from wijksessie.content import Step
    from wijksessie.store import SessionFile
    from wijksessie.tui.meeting.lookback import LookBackSource

#: The widest the text gets, in columns (longer lines are hard to follow from a distance).
READING_WIDTH = 100


class RoomScreen(TranslatedScreen[None]):
    """Large, high-contrast text for the room; nothing to operate except the key that returns."""

    DEFAULT_CSS = """
    RoomScreen { background: black; color: white; align-horizontal: center; }
    RoomScreen #room-scroll { padding: 1 2; width: 100%; max-width: 104; }  /* READING_WIDTH + 4 */
    RoomScreen #room-title { text-style: bold; color: yellow; height: auto; margin-bottom: 1; }
    RoomScreen #room-body { height: auto; width: 1fr; color: white; text-style: bold; }
    RoomScreen #room-hint { color: $text-muted; height: 1; margin-top: 1; }
    RoomScreen.-big #room-scroll { padding: 2 4; }
    """

    #: Keys typed right after F9 wait until the meeting screen is back (tui/keyhold.py).
    HOLD_KEYS_DURING = frozenset({"back"})

    BINDINGS = [
        Binding("r,f9,escape", "back", N_("Terug"), id="room-back"),
    ]

    def __init__(self, step: Step, sf: SessionFile, prompts: list[str], theme: str = "",
                 look_back: LookBackSource | None = None) -> None:
        super().__init__(classes="room")
        self.step = step
        self.sf = sf
        self.step_prompts = list(prompts)
        self.theme = theme
        #: The meeting screen's kept look-back (the earlier session, read once); without it the file is read here.
        self.look_back = look_back

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="room-scroll"):
            yield Static(Text(self.step.shown_title(), style="bold"), id="room-title")
            yield Static(self.body(), id="room-body")
            yield Static(_("r: terug"), id="room-hint")

    def _width(self) -> int:
        """Columns for the text: the window less the margins, at most :data:`READING_WIDTH`."""
        width = min(self.size.width or self.app.size.width, READING_WIDTH + 4)
        margins = (8 if self.has_class("-big") else 4) + 3  # padding, the scrollbar, one column spare
        return max(20, width - margins)

    def body(self) -> Text:
        """What the room sees for the current step."""
        step = self.step
        session = self.sf.session
        big = self.has_class("-big")
        gap = "\n\n" if big else "\n"
        if step.type == "vote" or (step.type == "discuss" and not self.step_prompts):
            return ranking_text(session.priorities, list(session.themes), width=self._width(), big=big)
        if step.type == "contact" and session.contact.is_set:
            return contact_card(session.contact)
        if step.type == "topics":
            text = Text()
            for theme in session.themes:
                text.append("\u2022 " + terminal_safe(theme, oneline=True) + "\n", style="bold")
            return text or Text(self.step_prompts[0] if self.step_prompts else step.shown_title())
        if step.type == "info" and step.show == "level":
            from wijksessie.tui.meeting.lookback import (  # loop-tui: follow-up opens with it
                read_look_back,
                room_look_back,
            )

            result = (self.look_back() if self.look_back is not None
                      else read_look_back(getattr(self.app, "store", None), session))
            return room_look_back(result, big=big) + level_text(session.level, spaced=big)
        if step.type == "info" and step.show == "close":
            text = Text()
            if session.feedback_due:
                text.append(_("U hoort van ons vóór {date}.").format(date=long_date(session.feedback_due)) + "\n\n")
            if session.contact.is_set:  # the room does not need to read that it is still empty
                text.append(contact_card(session.contact))
            return text
        if step.type in ("quick_wins", "agreements"):
            text = Text()
            quick = step.type == "quick_wins"
            for a in self.sf.agreements():
                if a.quick_win == quick:
                    text.append("\u2022 " + terminal_safe(a.what, oneline=True), style="bold")
                    if a.who:
                        text.append(" \u2014 " + terminal_safe(a.who, oneline=True))
                    text.append(gap)
            if text:
                return text
        text = Text()
        if step.type == "discuss" and self.theme:
            text.append(terminal_safe(self.theme, oneline=True), style="bold reverse")
            text.append("\n\n")
        for line in self.step_prompts:
            text.append(terminal_safe(line) + gap)
        heard = self.heard()
        if heard:
            text.append("\n" + _("Wat we hoorden:") + "\n", style="bold yellow")
            for said in heard:
                text.append("\u2022 " + terminal_safe(said) + gap, style="not bold")
        return text

    def heard(self) -> list[str]:
        """The latest contributions of this step (of the theme under discussion), without the hidden ones."""
        step_id = self.step.id
        shown = [
            # What the letter may print: a phone number or a name beside it never goes up on the wall.
            privacy.letter_text(c) for c in self.sf.contributions()
            if c.step == step_id and not c.hidden_in_room
            and (self.step.type != "discuss" or not self.theme or c.theme == self.theme)
        ]
        room = 8 if self.has_class("-big") else 4
        return shown[-room:]

    def on_resize(self, event) -> None:
        self.set_class(event.size.width >= 110 and event.size.height >= 32, "-big")
        for body in self.query("#room-body").results(Static):  # none yet when closed at once (F9 F9)
            body.update(self.body())

    def action_back(self) -> None:
        self.app.pop_screen()
