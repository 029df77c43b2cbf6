"""Set the municipality's name and signature for the letter, once for this computer.

Saved with :func:`wijksessie.letter.save_municipality` in the user's config
folder; every letter made afterwards uses it. No YAML to edit by hand.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea

from wijksessie import letter
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _
from wijksessie.tui.base import ENTER_MOVES_ON, EnterMovesOn, SaveCancelButtons, TranslatedModalScreen


class MunicipalityDialog(SaveCancelButtons, EnterMovesOn, TranslatedModalScreen[bool]):
    """Name, heading line, signature, phone and e-mail of the municipality. Answers True when saved."""

    DEFAULT_CSS = """
    MunicipalityDialog { align: center middle; }
    MunicipalityDialog > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    MunicipalityDialog Label { color: $text-muted; height: 1; }
    MunicipalityDialog #muni-signature { height: 4; }
    MunicipalityDialog #muni-error { color: $error; height: auto; }
    MunicipalityDialog #muni-buttons { height: auto; align-horizontal: right; }
    MunicipalityDialog #muni-buttons Button { margin-left: 2; }
    """

    BINDINGS = [
        ENTER_MOVES_ON,
        Binding("escape", "cancel", N_("Annuleren"), id="muni-cancel"),
        Binding("ctrl+s", "save", N_("Bewaren"), id="muni-save"),
    ]

    FIELDS = (
        ("name", N_("Naam van de gemeente")),
        ("heading", N_("Regel boven de brief (bijvoorbeeld uw team)")),
        ("phone", N_("Telefoon")),
        ("email", N_("E-mail")),
    )

    def __init__(self) -> None:
        super().__init__()
        try:
            self.current = letter.load_municipality()
        except UserError:  # a broken file is replaced by what is saved here
            self.current = letter.Municipality()

    def compose(self) -> ComposeResult:
        current = self.current
        example = letter.is_example_municipality(current)
        with VerticalScroll():
            yield Static(_("Gegevens van de gemeente voor de brief"), classes="dialog-title")
            if example:
                yield Static(_("De brief noemt nu nog deze gemeente: {name}. Vul hier uw eigen gemeente in.").format(
                    name=letter.EXAMPLE_MUNICIPALITY), classes="hint", markup=False)
            for key, label in self.FIELDS:
                yield Label(_(label))
                value = "" if example and key in ("name", "heading", "phone", "email") else getattr(current, key)
                yield Input(value, id=f"muni-{key}", compact=True)
            # Walkthrough: 'Met vriendelijke groet,' typed here stood twice in the letter.
            yield Label(_("Ondertekening: naam en functie, één of meer regels. De groet zet de brief er zelf boven."))
            yield TextArea("" if example else current.signature, id="muni-signature", compact=True)
            yield Static("", id="muni-error")
            yield Static(_("Wordt bewaard op deze computer en geldt voor elke brief."), classes="hint")
            with Horizontal(id="muni-buttons"):
                yield Button(_("Bewaren"), variant="primary", id="save", compact=True)
                yield Button(_("Annuleren"), id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#muni-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def action_save(self) -> None:
        values = {key: self.query_one(f"#muni-{key}", Input).value.strip() for key, _label in self.FIELDS}
        signature = self.query_one("#muni-signature", TextArea).text.strip()
        if not values["name"]:
            self.query_one("#muni-error", Static).update(
                _("Vul de naam van de gemeente in. Die staat onder de brief."))
            self.query_one("#muni-name", Input).focus()
            return
        municipality = letter.Municipality(
            signature=signature, retention_years=self.current.retention_years,
            privacy_contact=self.current.privacy_contact, **values
        )
        try:
            where = letter.save_municipality(municipality)
        except (UserError, OSError) as exc:
            self.query_one("#muni-error", Static).update(
                _("Bewaren lukte niet: {error}. Kijk of de map te beschrijven is.").format(error=exc))
            return
        self.notify(_("Bewaard. Bestand: {path}. Elke nieuwe brief gebruikt dit.").format(path=where),
                    title=_("Gemeente bewaard"), timeout=8)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(None)
