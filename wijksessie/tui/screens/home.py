"""The home screen: the sessions in the data folder, and how far each is with its feedback."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from wijksessie.i18n import N_, _
from wijksessie.store import SessionSummary
from wijksessie.tui.base import TranslatedScreen, run_safely


class HomeScreen(TranslatedScreen[None]):
    """List of sessions: new, open, delete; an example session to look around in."""

    HELP = N_(
        "Hier staan alle sessies. Kies er een met de pijltjes en druk op Enter om hem te openen. "
        "Met n maakt u een nieuwe sessie. Met v opent u een voorbeeld van een ingevulde sessie."
    )

    BINDINGS = [
        Binding("n", "new", N_("Nieuw"), id="home-new"),
        Binding("enter", "open", N_("Openen"), id="home-open", show=True),
        Binding("v", "demo", N_("Voorbeeld"), id="home-demo"),
        Binding("f", "followup", N_("Opvolging"), id="home-followup"),
        Binding("b", "letter", N_("Brief"), id="home-letter"),
        Binding("o", "report", N_("Overzicht"), id="home-report"),
        Binding("d,delete", "delete", N_("Verwijderen"), id="home-delete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[SessionSummary] = []
        # Reading the list means reading every session file in full: only on mount, and
        # again when the screen comes back after another one was on top (things may have changed).
        self._was_suspended = False

    def compose(self) -> ComposeResult:
        yield Static(Text("wijksessie", style="bold") + Text(" \u00b7 " + _("Wijkgesprekken over gezondheid")),
                     id="home-title")
        yield Static("", id="home-empty")
        table: DataTable = DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="home-hint")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self._add_columns()
        self.reload()

    def after_recompose(self) -> None:
        self._add_columns()
        self.reload()

    def _add_columns(self) -> None:
        table = self.query_one("#sessions", DataTable)
        table.add_column(_("Datum"), key="date")
        table.add_column(_("Wijk"), key="neighbourhood")
        table.add_column(_("Inbreng"), key="contributions")
        table.add_column(_("Zonder besluit"), key="open")
        table.add_column(_("Brief"), key="letter")
        # The title goes last: at 80 columns it is the one that may be cut off.
        table.add_column(_("Titel"), key="title")

    def on_screen_suspend(self) -> None:
        self._was_suspended = True

    def on_screen_resume(self) -> None:
        if self.is_mounted and self._was_suspended:
            self._was_suspended = False
            self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read the session list again (after a change) and keep the cursor on ``select``."""
        ok, summaries = run_safely(self, self.app.store.summaries)
        self.summaries = summaries if ok else []
        table = self.query_one("#sessions", DataTable)
        current = select or self.selected_id()
        table.clear()
        today = self.app.clock().date()
        for s in self.summaries:
            if s.problem:
                table.add_row("", "", "", "", "", Text(_("BESCHADIGD: {id}").format(id=s.id), style="bold red"),
                              key=s.id)
                continue
            table.add_row(
                s.date.isoformat() if s.date else "",
                s.neighbourhood,
                str(s.contributions),
                Text(str(s.open), style="bold yellow" if s.open else "green"),
                self._letter_status(s, today),
                s.title,
                key=s.id,
            )
        empty = self.query_one("#home-empty", Static)
        if self.summaries:
            empty.update("")
            empty.display = False
        else:
            empty.update(_("Nog geen sessies. Druk op n om een nieuwe sessie te maken, of op v om een voorbeeld te bekijken."))
            empty.display = True
        self.query_one("#home-hint", Static).update(
            _("Enter: openen · F1: hulp · ctrl+p: alle opdrachten · ctrl+q: stoppen")
        )
        if current:
            ids = [s.id for s in self.summaries]
            if current in ids:
                table.move_cursor(row=ids.index(current))
        table.focus()

    @staticmethod
    def _letter_status(s: SessionSummary, today) -> Text:
        if s.letter_sent:
            return Text(_("verstuurd {date}").format(date=s.letter_sent.isoformat()), style="green")
        if s.feedback_due and s.feedback_due < today:
            return Text(_("te laat ({date})").format(date=s.feedback_due.isoformat()), style="bold red")
        if s.feedback_due:
            return Text(_("vóór {date}").format(date=s.feedback_due.isoformat()))
        return Text("\u2013")

    def selected_id(self) -> str | None:
        """The id of the session under the cursor."""
        if not self.is_mounted:
            return None
        table = self.query_one("#sessions", DataTable)
        if not table.row_count or table.cursor_row is None:
            return None
        try:
            return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        except Exception:  # noqa: BLE001 - empty table
            return None

    def _need_selection(self) -> str | None:
        sid = self.selected_id()
        if sid is None:
            self.notify(_("Kies eerst een sessie, of maak er een met n."), severity="warning")
        return sid

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.app.open_session(event.row_key.value)

    def action_open(self) -> None:
        sid = self._need_selection()
        if sid:
            self.app.open_session(sid)

    def action_new(self) -> None:
        self.app.action_new_session()

    def action_demo(self) -> None:
        self.app.action_demo()

    def action_followup(self) -> None:
        sid = self._need_selection()
        if sid:
            self.app.open_followup(sid)

    def action_letter(self) -> None:
        sid = self._need_selection()
        if sid:
            self.app.open_letter(sid)

    def action_report(self) -> None:
        self.app.open_report()

    def action_delete(self) -> None:
        sid = self._need_selection()
        if not sid:
            return
        summary = next((s for s in self.summaries if s.id == sid), None)
        name = summary.title if summary and summary.title else sid
        from wijksessie.tui.dialogs.common import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                ok, _result = run_safely(self, lambda: self.app.store.delete(sid))
                if ok:
                    self.notify(_("Sessie '{name}' is verwijderd.").format(name=name))
                    self.reload()

        self.app.push_screen(
            ConfirmDialog(
                _("Sessie '{name}' verwijderen? Alle inbreng gaat verloren. Dit kan niet ongedaan worden.").format(
                    name=name
                ),
                yes=_("Verwijderen"),
                no=_("Niet verwijderen"),
                danger=True,
            ),
            answer,
        )

