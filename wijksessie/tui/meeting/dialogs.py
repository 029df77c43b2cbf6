"""Dialogs of the meeting: pick a theme by typing its first letters, and edit a contribution.

Both answer with ``dismiss(value)``; ``None`` means cancelled (Esc).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from wijksessie import inputs
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _
from wijksessie.model import Contribution, ContributionKind
from wijksessie.safe_text import terminal_safe
from wijksessie.tui.base import TranslatedModalScreen
from wijksessie.tui.meeting.texts import KIND_KEYS
from wijksessie.tui.widgets.cells import OrderedInput

if TYPE_CHECKING:
    from wijksessie.tui.meeting.handlers import ContributionChanges

#: The option that stands for "no theme".
NO_THEME = "--none"

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > .meeting-dialog {{
    width: 64; max-width: 95%; height: auto; max-height: 90%;
    padding: 1 2; border: thick $primary; background: $surface;
}}
{name} .dialog-title {{ text-style: bold; height: auto; margin-bottom: 1; }}
{name} .dialog-help {{ color: $text-muted; height: auto; margin-top: 1; }}
{name} .input-error {{ color: $error; text-style: bold; height: auto; }}
{name} Input {{ background: $boost; }}
"""


class ThemePicker(TranslatedModalScreen["str | None"]):
    """Choose a theme: type a few letters, the list narrows, Enter takes the first (or the one chosen with ↑ ↓)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ThemePicker") + """
    ThemePicker #pick-list { height: auto; max-height: 12; border: none; padding: 0; }
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Terug"), id="pick-cancel"),
        Binding("up", "move(-1)", N_("Vorige"), show=False),
        Binding("down", "move(1)", N_("Volgende"), show=False),
    ]

    def __init__(self, themes: list[str], current: str = "", *, title: str | None = None) -> None:
        super().__init__()
        self.themes = list(themes)
        self.current = current
        self.title_text = title or _("Welk thema?")
        self._shown_for = ""  # the letters the list was narrowed for

    def compose(self) -> ComposeResult:
        with Vertical(classes="meeting-dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield OrderedInput(placeholder=_("Typ de eerste letters"), id="pick", compact=True, on_enter=self._enter)
            yield Static("", id="pick-error", classes="input-error", markup=False)
            yield OptionList(*self._options(""), id="pick-list")
            yield Static(_("Enter: kiezen · \u2191 \u2193: ander thema · Esc: terug"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#pick-error").display = False
        options = self.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        if self.current in self.themes:
            options.highlighted = self.themes.index(self.current)
        elif NO_THEME in ids and not self.current:
            options.highlighted = ids.index(NO_THEME)
        self.query_one(Input).focus()

    def _options(self, typed: str) -> list[Option]:
        shown = inputs.filter_themes(typed, self.themes)
        options = [Option(Text(terminal_safe(t, oneline=True)), id=f"theme-{self.themes.index(t)}") for t in shown]
        if not typed.strip() or _("geen").startswith(typed.strip().casefold()):
            options.append(Option(Text(_("(geen thema)"), style="italic"), id=NO_THEME))
        return options

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.query("#pick-list"):  # not while the dialog is closing
            self._narrow(event.value)

    def _narrow(self, typed: str) -> None:
        if typed == self._shown_for:
            return
        self._shown_for = typed
        options = self.query_one(OptionList)
        options.set_options(self._options(typed))
        error = self.query_one("#pick-error", Static)
        if options.option_count:
            options.highlighted = 0
            error.display = False
        else:
            error.update(_("Geen thema gevonden voor: {typed}. Typ andere letters, of druk op Esc.").format(
                typed=terminal_safe(typed.strip(), oneline=True)))
            error.display = True

    def action_move(self, n: int) -> None:
        options = self.query_one(OptionList)
        if not options.option_count:
            return
        current = options.highlighted if options.highlighted is not None else -n
        options.highlighted = max(0, min(options.option_count - 1, current + n))  # no wrapping round

    def _pick(self, option_id: str | None) -> None:
        if option_id == NO_THEME:
            self.dismiss("")
        elif option_id and option_id.startswith("theme-"):
            self.dismiss(self.themes[int(option_id.removeprefix("theme-"))])

    def _enter(self, field: Input) -> None:
        """Enter, in typing order: the list is narrowed for exactly what was typed, then its chosen line is taken."""
        self._narrow(field.value)
        options = self.query_one(OptionList)
        if not options.option_count or options.highlighted is None:
            error = self.query_one("#pick-error", Static)
            error.update(_("Geen thema gevonden voor: {typed}. Typ andere letters, of druk op Esc.").format(
                typed=terminal_safe(field.value.strip(), oneline=True)))
            error.display = True
            return
        self._pick(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ContributionDialog(TranslatedModalScreen["ContributionChanges | None"]):
    """Change what was written down: the text, its kind (F2–F5) and its theme (type-ahead)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ContributionDialog") + """
    ContributionDialog .field-label { color: $text-muted; height: auto; margin-top: 1; }
    ContributionDialog #edit-kind { height: 1; }
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Annuleren"), id="edit-cancel"),
        Binding("ctrl+s", "save", N_("Bewaren"), id="edit-save"),
        *[Binding(key, f"kind('{kind.value}')", kind.label, show=False) for key, kind in KIND_KEYS],
    ]

    def __init__(self, contribution: Contribution, themes: list[str]) -> None:
        super().__init__()
        self.contribution = contribution
        self.themes = list(themes)
        self.kind = contribution.kind

    def compose(self) -> ComposeResult:
        c = self.contribution
        with Vertical(classes="meeting-dialog"):
            yield Static(_("Inbreng aanpassen"), classes="dialog-title")
            yield OrderedInput(c.text, id="edit-text", compact=True, on_enter=self._enter)
            yield Static(_("Soort (F2\u2013F5)"), classes="field-label")
            yield Static(self._kinds(), id="edit-kind")
            yield Static(_("Thema: typ de eerste letters (\u2192 vult aan). Leeg: geen thema."), classes="field-label")
            yield OrderedInput(c.theme, id="edit-theme", compact=True, on_enter=self._enter,
                               suggester=SuggestFromList(self.themes, case_sensitive=False))
            yield Static("", id="edit-error", classes="input-error")
            yield Static(_("Enter: volgende veld, in het laatste bewaren · ctrl+s: bewaren · Esc: annuleren"),
                         classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#edit-error").display = False
        self.query_one("#edit-text", Input).focus()

    def _kinds(self) -> Text:
        text = Text()
        for number, (key, kind) in enumerate(KIND_KEYS):
            if number:
                text.append("  ")
            text.append(key.upper() + " ", style="dim")
            text.append(kind.label, style="bold reverse" if kind is self.kind else "")
        return text

    def action_kind(self, kind: str) -> None:
        self.kind = ContributionKind(kind)
        self.query_one("#edit-kind", Static).update(self._kinds())

    def _error(self, message: str) -> None:
        error = self.query_one("#edit-error", Static)
        error.update(message)
        error.display = bool(message)

    def _enter(self, field: Input) -> None:
        """Enter, in typing order: from the text on to the theme; in the theme field, save."""
        if field.id == "edit-text":
            self.set_focus(self.query_one("#edit-theme", Input))
        else:
            self.action_save()

    def action_save(self) -> None:
        c = self.contribution
        text = self.query_one("#edit-text", Input).value
        if not text.strip():
            self._error(_("De tekst is leeg. Typ wat er gezegd is, of Esc om niets te veranderen."))
            self.query_one("#edit-text", Input).focus()
            return
        typed_theme = self.query_one("#edit-theme", Input).value
        theme = ""
        if typed_theme.strip():
            try:
                theme = inputs.match_theme(typed_theme, self.themes)
            except UserError as exc:
                self._error(str(exc))
                self.query_one("#edit-theme", Input).focus()
                return
        changes: ContributionChanges = {}
        if text != c.text:
            changes["text"] = text
        if self.kind is not c.kind:
            changes["kind"] = self.kind.value
        if theme != c.theme:
            changes["theme"] = theme
        self.dismiss(changes)

    def action_cancel(self) -> None:
        self.dismiss(None)
