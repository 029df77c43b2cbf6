"""The baseline of the full-screen figures: a bare Textual app, run as a program (``python -m bench.minimal_app``).

A header, a static text, a list and a field: Enter adds what was typed to the
list, which stays scrolled to its end (so the new line shows, as in our
program); nothing is saved. It imports nothing but Textual (when run; the
benchmark imports this module only for its texts).
"""

from __future__ import annotations

#: The static text: its first appearance in the output is the baseline's first frame.
TEXT = "Gezond leven in de wijk"
#: The field's placeholder (the same words as ours): the row it is written on is the field's row.
PLACEHOLDER = "Typ wat er gezegd wordt"


def main() -> None:
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Footer, Header, Input, Static

    class Minimal(App[None]):
        AUTO_FOCUS = "#entry"

        def compose(self) -> ComposeResult:
            yield Header()
            yield Static(TEXT, id="text")
            yield VerticalScroll(id="entries")
            yield Input(placeholder=PLACEHOLDER, id="entry")
            yield Footer()

        def on_mount(self) -> None:
            self.query_one("#entries").anchor()

        def on_input_submitted(self, event: Input.Submitted) -> None:
            self.query_one("#entries").mount(Static(event.value))
            event.input.value = ""

    Minimal().run()


if __name__ == "__main__":
    main()
