"""Widgets of fixed size that repaint without asking for a new layout.

``Static.update`` re-lays out the whole screen, which costs tens of
milliseconds on a busy meeting screen. The save indicator, the clock and the
step timer change on every save or every second, inside a box of fixed size
(set in ``app.tcss``), so they only need a repaint.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.widget import Widget
from textual.widgets import Input


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


class LineInput(Input):
    """An input line of fixed size whose typing repaints only itself.

    Textual's ``Input`` sets its ``virtual_size`` on every change of its value,
    and that reactive asks for a new layout of the whole screen: tens of
    milliseconds per key on the meeting screen. The line's size is fixed by
    the stylesheet, so a repaint is all it needs.
    """

    virtual_size = Reactive(Size(0, 0), layout=False)
