"""A bare Textual program that shows one screen, as the real program does after a key press."""

from __future__ import annotations

from textual.app import App


class Host(App):
    """Pushes ``make_screen()`` on start; ``closed`` turns true when that screen is dismissed.

    ``clock`` (a test clock) is set as the program's clock when given, as :class:`WijksessieApp` has one.
    """

    def __init__(self, make_screen, clock=None) -> None:
        super().__init__()
        self.make_screen = make_screen
        self.closed = False
        if clock is not None:
            self.clock = clock

    def on_mount(self) -> None:
        self.push_screen(self.make_screen(), lambda _result=None: setattr(self, "closed", True))
