"""Agreements after the meeting: how far each has got (planned, busy, done, stopped with a reason).

Opened from the follow-up screen (key k) on the session it holds open for
writing. Each row shows what was agreed, who does it, by when and its state;
an agreement past its date that is neither done nor stopped is flagged
"te laat". Enter changes the state: "gestopt" needs a reason residents can
read (the rule is the model's, :func:`wijksessie.model.set_agreement_state`);
who records it is remembered for this run of the program, as for decisions.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Input, Label, Select, Static

from wijksessie import feedback, i18n
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _, ngettext
from wijksessie.model import Agreement, AgreementState
from wijksessie.safe_text import terminal_safe
from wijksessie.tui.base import SaveCancelButtons, TranslatedModalScreen, TranslatedScreen, program_words, today
from wijksessie.tui.screens.history import recorder, remember_recorder, when


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def _day(day: dt.date | None) -> str:
    return i18n.format_date(day, format="short") if day else "–"


def state_history_text(agreement: Agreement) -> Text:
    """Every earlier state of an agreement and the current one, oldest first."""
    text = Text()
    for change in [*agreement.history, agreement.snapshot()]:
        at = change.at or agreement.created_at  # the first state dates from the meeting
        text.append(when(at.isoformat() if at else None) + "  ", style="dim")
        text.append(change.state.label, style="bold")
        if change.reason:
            text.append("  " + terminal_safe(change.reason, oneline=True))
        if change.recorded_by:
            text.append("  (" + _("Vastgelegd door: {name}").format(
                name=terminal_safe(change.recorded_by, oneline=True)) + ")")
        text.append("\n")
    return text


class AgreementStateDialog(SaveCancelButtons, TranslatedModalScreen[bool]):
    """Change the state of one agreement; answers True when saved, None when cancelled."""

    SAVE_BUTTON = "state-save-button"

    DEFAULT_CSS = """
    AgreementStateDialog { align: center middle; }
    AgreementStateDialog > #state-box {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    AgreementStateDialog #state-what { height: auto; max-height: 3; text-style: italic; }
    AgreementStateDialog #state-history { height: auto; max-height: 5; color: $text-muted; margin-bottom: 1; }
    AgreementStateDialog .row { height: auto; }
    AgreementStateDialog .row > Label { width: 16; }
    AgreementStateDialog .row > Select, AgreementStateDialog .row > Input { width: 1fr; }
    AgreementStateDialog #state-error { color: $error; height: auto; }
    AgreementStateDialog #state-buttons { height: auto; align-horizontal: right; }
    AgreementStateDialog #state-buttons Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Annuleren"), id="state-cancel"),
        Binding("ctrl+s", "save", N_("Opslaan"), id="state-save"),
    ]

    def __init__(self, agreement: Agreement, save) -> None:
        super().__init__()
        self.agreement = agreement
        self._save = save

    def compose(self) -> ComposeResult:
        a = self.agreement
        with VerticalScroll(id="state-box"):
            yield Static(_("Hoe ver is deze afspraak?"), classes="dialog-title")
            yield Static(f"„{' '.join(terminal_safe(a.what).split())}”", id="state-what", markup=False)
            yield Static(state_history_text(a), id="state-history")
            with Horizontal(classes="row"):
                yield Label(_("Stand"))
                yield Select([(s.label, s.value) for s in AgreementState], value=a.state.value, allow_blank=False,
                             compact=True, id="state")
            with Horizontal(classes="row"):
                yield Label(_("Reden"))
                yield Input(terminal_safe(a.reason, oneline=True), placeholder=_("verplicht bij 'gestopt': waarom gaat het niet door?"),
                            compact=True, id="state-reason")
            with Horizontal(classes="row"):
                yield Label(_("Vastgelegd door"))
                yield Input(recorder(self.app), placeholder=_("uw naam of functie"), compact=True,
                            id="state-recorded-by")
            yield Static("", id="state-error", markup=False)
            with Horizontal(id="state-buttons"):
                yield Button(_("Opslaan"), variant="primary", id="state-save-button", compact=True)
                yield Button(_("Annuleren"), id="state-cancel-button", compact=True)

    def on_mount(self) -> None:
        self.query_one("#state", Select).focus()

    def values(self) -> dict:
        """What the form holds now."""
        return {
            "state": str(self.query_one("#state", Select).value),
            "reason": self.query_one("#state-reason", Input).value,
            "recorded_by": self.query_one("#state-recorded-by", Input).value.strip(),
        }

    def action_save(self) -> None:
        values = self.values()
        try:
            self._save(values)
        except UserError as exc:
            self.query_one("#state-error", Static).update(program_words(str(exc)))
            return
        remember_recorder(self.app, values["recorded_by"])
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()


class AgreementsScreen(TranslatedScreen[None]):
    """The agreements of one session with their state; Enter changes the state.

    ``sf`` is a session file open for writing (the follow-up screen's); this screen does not close it.
    """

    DEFAULT_CSS = """
    AgreementsScreen #agreements-title { height: 1; text-style: bold; padding: 0 1; }
    AgreementsScreen #agreements-count { height: auto; padding: 0 1; }
    AgreementsScreen #agreements-count.-late { color: $warning; }
    AgreementsScreen DataTable { height: 1fr; }
    """

    HELP = N_(
        "Hier staan de afspraken van het gesprek: wie doet wat, en wanneer. Kies er een met de pijltjes en druk "
        "op Enter om te zeggen hoe ver het is: gepland, bezig, klaar of gestopt. Bij gestopt hoort een reden. "
        "Een afspraak die over de datum is, staat op 'te laat'."
    )

    BINDINGS = [
        Binding("enter", "change", N_("Stand wijzigen"), id="agreements-change", priority=False),
        Binding("escape", "back", N_("Terug"), id="agreements-back"),
    ]

    def __init__(self, sf) -> None:
        super().__init__()
        self.sf = sf
        self.session_id = sf.session.id
        self._row_ids: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="agreements-title", markup=False)
        yield Static("", id="agreements-count")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="agreements")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.after_recompose()

    def after_recompose(self) -> None:
        self.refresh_table()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.refresh_table(keep=self.current_id())

    def agreements(self) -> list[Agreement]:
        return self.sf.agreements()

    def refresh_table(self, keep: str | None = None) -> None:
        """Redraw the rows and the line above them; keep the cursor on agreement ``keep``."""
        table = self.query_one(DataTable)
        day = today(self)
        agreements = self.agreements()
        late = feedback.lateness(self.sf.session, [], agreements, day).agreements
        late_ids = {a.id for a in late}
        width = self.app.size.width
        # "Wie" as wide as its longest name (10 to 24); fixed columns (one cell of padding each side)
        # and the scroll bar; "what" gets the rest, so no width is left unused.
        who_width = min(24, max([10] + [len(terminal_safe(a.who)) for a in agreements]))
        what_width = max(16, width - (who_width + 2) - (10 + 2) - (9 + 2) - 2 - 2)
        table.clear(columns=True)
        table.add_column(_("Afspraak"), key="what", width=what_width)
        table.add_column(_("Wie"), key="who", width=who_width)
        table.add_column(_("Wanneer"), key="when", width=10)
        table.add_column(_("Stand"), key="state", width=9)
        self._row_ids = []
        for a in agreements:
            state = Text(a.state.label)
            if a.id in late_ids:
                state = Text(_("te laat"), style="bold red")
            elif a.reason:
                state.append(" *", style="dim")
            table.add_row(Text(_short(terminal_safe(a.what), what_width)),
                          Text(_short(terminal_safe(a.who) or "–", who_width)), _day(a.by_when), state, key=a.id)
            self._row_ids.append(a.id)
        if keep in self._row_ids:
            table.move_cursor(row=self._row_ids.index(keep))
        s = self.sf.session
        self.query_one("#agreements-title", Static).update(_("Afspraken: {title} ({neighbourhood})").format(
            title=terminal_safe(s.title, oneline=True), neighbourhood=terminal_safe(s.neighbourhood, oneline=True)))
        count = self.query_one("#agreements-count", Static)
        if not agreements:
            message = Text(_("In dit gesprek zijn geen afspraken gemaakt."))
        elif late:
            message = Text(ngettext("{n} afspraak is over de datum en nog niet klaar.",
                                    "{n} afspraken zijn over de datum en nog niet klaar.", len(late)).format(n=len(late)))
        else:
            still = sum(1 for a in agreements if a.open)
            message = Text(ngettext("Nog {n} afspraak loopt.", "Nog {n} afspraken lopen.", still).format(n=still))
        if agreements:
            message.append("  " + _("Enter: stand wijzigen."), style="dim")
        count.update(message)
        count.set_class(bool(late), "-late")

    def current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if not self._row_ids or table.cursor_row is None or not 0 <= table.cursor_row < len(self._row_ids):
            return None
        return self._row_ids[table.cursor_row]

    def record(self, ref: str, values: dict) -> Agreement:
        """Save a new state; raises :class:`UserError` (e.g. no reason for 'stopped') without saving."""
        try:
            return feedback.set_agreement_state(self.sf, ref, values["state"], reason=values["reason"],
                                                recorded_by=values["recorded_by"])
        except OSError as exc:
            from wijksessie.errors import os_error_message

            raise UserError(os_error_message(exc)) from None

    def action_change(self) -> None:
        ref = self.current_id()
        if ref is None:
            self.notify(_("Er is geen afspraak om te kiezen."), severity="warning")
            return
        agreement = self.sf.agreement(ref)

        def saved(result: bool | None) -> None:
            if result:
                self.refresh_table(keep=ref)
                self.query_one(DataTable).focus()
                self.notify(_("Stand van de afspraak opgeslagen."), timeout=3)

        self.app.push_screen(AgreementStateDialog(agreement, lambda values: self.record(ref, values)), saved)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_change()

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, Select) and focused.expanded:
            return
        self.dismiss(None)
