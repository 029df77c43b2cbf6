"""F1 / ?: every key of the screen you came from, with what it does, in the current language."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from wijksessie.i18n import N_, _
from wijksessie.tui.base import TranslatedModalScreen

# Keys that belong to typing in any text field; listed once so nobody has to guess.
TYPING_KEYS = (
    ("Enter", N_("bewaren / volgende veld")),
    ("Tab", N_("naar het volgende veld of de volgende lijst")),
    ("shift+Tab", N_("terug naar het vorige veld")),
)


def collect_keys(app, screen: Screen) -> list[tuple[str, str]]:
    """(keys, description) of every binding our code defines on ``screen``, its widgets and the app.

    Textual's own widget bindings (cursor movement in a field, …) are left
    out: they have English texts and are the same in every program.
    """
    keys_for: dict[str, list[str]] = {}  # description -> keys, in the order first seen
    nodes = [screen, *screen.query("*"), app]
    for node in nodes:
        for cls in type(node).__mro__:
            if not cls.__module__.startswith("wijksessie") or "BINDINGS" not in cls.__dict__:
                continue
            for binding in cls.__dict__["BINDINGS"]:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                keys = keys_for.setdefault(binding.description, [])
                for key in binding.key.split(","):
                    shown = app.get_key_display(Binding(key, binding.action))
                    if shown not in keys:
                        keys.append(shown)
    return [(", ".join(keys), description) for description, keys in keys_for.items()]


class HelpScreen(TranslatedModalScreen[None]):
    """All keys of the screen below, and a few sentences on how it works."""

    BINDINGS = [Binding("escape,f1,question_mark,q", "close", N_("Sluiten"), id="help-close")]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for keys, description in collect_keys(self.app, self.below):
            table.add_row(keys, _(description))
        for keys, description in TYPING_KEYS:
            table.add_row(keys, _(description))
        intro = getattr(self.below, "HELP", None)
        with VerticalScroll(classes="dialog dialog-wide", id="help"):
            yield Static(_("Hulp: alle toetsen"), classes="dialog-title")
            # Said first too: on a small screen the last line is only seen after scrolling.
            yield Static(_("Esc of F1: sluiten"), classes="dialog-help")
            if intro:
                yield Static(Text(_(intro)), classes="dialog-text")
            yield Static(table)
            yield Static(_("Esc of F1: sluiten · ctrl+p: alle opdrachten · ctrl+q: stoppen (alles is al bewaard)"),
                         classes="dialog-help")

    def action_close(self) -> None:
        self.dismiss(None)
