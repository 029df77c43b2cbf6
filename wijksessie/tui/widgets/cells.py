"""A one-line text cell that repaints without asking for a new layout.

``Static.update`` re-lays out the whole screen, which costs tens of
milliseconds on a busy meeting screen. The save indicator, the clock and the
step timer change on every save or every second, inside a box of fixed size
(set in ``app.tcss``), so they only need a repaint.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class TextCell(Widget):
    """Shows ``text`` (a string or Rich ``Text``); give it a fixed width and height in CSS."""

    DEFAULT_CSS = """
    TextCell { height: 1; }
    """

    text: reactive[str | Text] = reactive("", layout=False)

    def __init__(self, text: str | Text = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(TextCell.text, text)

    def render(self) -> Text:
        return self.text if isinstance(self.text, Text) else Text(self.text)

    def update(self, text: str | Text) -> None:
        """Show new text (a repaint, no new layout)."""
        self.text = text
