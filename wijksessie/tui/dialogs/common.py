"""Modal dialogs: confirm, message, one line of text, contact point, prompts.

Every dialog takes its texts as parameters (already translated by the
caller) and answers with ``dismiss(value)``: ``None`` means cancelled.
Escape always cancels; Enter confirms.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from wijksessie.i18n import N_, _
from wijksessie.model import ContactPoint
from wijksessie.tui.base import ENTER_MOVES_ON, EnterMovesOn, TranslatedModalScreen
from wijksessie.tui.widgets.plain_input import PlainTextArea


class ConfirmDialog(TranslatedModalScreen[bool]):
    """Ask a yes/no question; answers True for yes.

    ``j`` (ja) or ``y`` says yes, ``n`` or Esc says no; the arrow keys move
    between the two buttons (no wrapping round) and Enter presses the one chosen.
    """

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog .dialog-keys { color: $text-muted; height: auto; margin-top: 1; }
    """

    BINDINGS = [
        Binding("escape,n", "answer(False)", N_("Nee"), id="confirm-no"),
        Binding("y,j", "answer(True)", N_("Ja"), id="confirm-yes"),
        Binding("left,up", "choose('yes')", show=False),
        Binding("right,down", "choose('no')", show=False),
    ]

    def __init__(self, question: str, *, yes: str | None = None, no: str | None = None, danger: bool = False) -> None:
        super().__init__()
        self.question = question
        self.yes = yes or _("Ja")
        self.no = no or _("Nee")
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="dialog-text", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="error" if self.danger else "primary")
                yield Button(self.no, id="no")
            yield Static(
                _("j: {yes} · n of Esc: {no} · pijltjes en Enter: kiezen").format(yes=self.yes, no=self.no),
                classes="dialog-keys", markup=False,
            )

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_choose(self, which: str) -> None:
        self.query_one(f"#{which}", Button).focus()

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class MessageDialog(TranslatedModalScreen[None]):
    """Show a message that needs reading (e.g. a damaged file) until the user closes it."""

    BINDINGS = [Binding("escape,enter", "close", N_("Sluiten"), id="message-close")]

    def __init__(self, message: str, *, title: str = "") -> None:
        super().__init__()
        self.message = message
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            if self.title_text:
                yield Static(self.title_text, classes="dialog-title")
            yield Static(self.message, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Sluiten"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


class TextDialog(TranslatedModalScreen[str | None]):
    """Ask for one line of text (edit a contribution, name a theme)."""

    BINDINGS = [Binding("escape", "cancel", N_("Annuleren"), id="text-cancel")]

    def __init__(self, title: str, value: str = "", *, placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Input(self.value, placeholder=self.placeholder, id="text")
            yield Static(_("Enter: bewaren · Esc: annuleren"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ContactDialog(EnterMovesOn, TranslatedModalScreen[ContactPoint | None]):
    """Fill in or change the contact point: name, role, phone, e-mail, when reachable."""

    LAST_FIELD = "contact-hours"

    def enter_in_last_field(self) -> None:
        self.action_save()

    BINDINGS = [
        ENTER_MOVES_ON,
        Binding("escape", "cancel", N_("Annuleren"), id="contact-cancel"),
        Binding("ctrl+s", "save", N_("Bewaren"), id="contact-save"),
    ]

    FIELDS = (
        ("name", N_("Naam")),
        ("role", N_("Functie")),
        ("phone", N_("Telefoon")),
        ("email", N_("E-mail")),
        ("hours", N_("Wanneer bereikbaar")),
    )

    def __init__(self, contact: ContactPoint) -> None:
        super().__init__()
        self.contact = contact

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(_("Aanspreekpunt voor bewoners"), classes="dialog-title")
            for key, label in self.FIELDS:
                yield Label(_(label))
                yield Input(getattr(self.contact, key), id=f"contact-{key}", compact=True)
            yield Static(_("Enter: volgende veld · ctrl+s: bewaren · Esc: annuleren"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#contact-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "contact-hours":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        values = {key: self.query_one(f"#contact-{key}", Input).value.strip() for key, _label in self.FIELDS}
        if not values["name"]:
            self.notify(_("Vul een naam in. Bewoners moeten weten wie ze kunnen bellen."), severity="warning")
            self.query_one("#contact-name", Input).focus()
            return
        self.dismiss(ContactPoint(**values))

    def action_cancel(self) -> None:
        self.dismiss(None)


class PromptsDialog(TranslatedModalScreen[list[str] | None]):
    """Rewrite the prompts of one step for this session; jargon is pointed out while typing."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Annuleren"), id="prompts-cancel"),
        Binding("ctrl+s", "save", N_("Bewaren"), id="prompts-save"),
    ]

    def __init__(self, step_title: str, prompts: list[str], *, lang: str | None = None) -> None:
        super().__init__()
        self.step_title = step_title
        self.prompts = prompts
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog-wide"):
            yield Static(_("Zinnen voor: {step}").format(step=self.step_title), classes="dialog-title")
            yield Static(_("Eén zin per regel. Alleen voor deze sessie."), classes="dialog-help")
            yield PlainTextArea("\n".join(self.prompts), lang=self.lang, id="prompts-text")
            yield Static(_("ctrl+s: bewaren · Esc: annuleren"), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(PlainTextArea).focus()

    def action_save(self) -> None:
        lines = [line.strip() for line in self.query_one(PlainTextArea).text.splitlines() if line.strip()]
        self.dismiss(lines)

    def action_cancel(self) -> None:
        self.dismiss(None)
