"""The home screen: the sessions in the data folder, and how far each is with its feedback.

The list is read in a worker thread (every session file is opened once, and
what is late is counted in that same read), so the screen shows at once and never freezes on a slow or large data folder.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Static

from wijksessie.errors import UserError
from wijksessie.i18n import N_, _, format_date
from wijksessie.safe_text import terminal_safe
from wijksessie.store import SessionSummary
from wijksessie.tui.base import SaysWhyKeys, TranslatedScreen, program_words, run_safely, today


class HomeScreen(SaysWhyKeys, TranslatedScreen[None]):
    """List of sessions: new, open, delete; an example session to look around in."""

    HELP = N_(
        "Hier staan alle sessies. Kies er een met de pijltjes en druk op Enter om hem te openen. "
        "Met n maakt u een nieuwe sessie. Voor de gekozen sessie: f voor de opvolging, b voor de brief, "
        "u om bestanden te maken en s om de gegevens aan te passen. Met v opent u een voorbeeld."
    )

    DEFAULT_CSS = """
    HomeScreen #home-title { height: 1; padding: 0 1; background: $primary-background; }
    HomeScreen #home-empty { padding: 1 2; height: auto; text-style: bold; }
    HomeScreen #sessions { height: 1fr; }
    HomeScreen #home-hint { height: auto; padding: 0 1; color: $text-muted; }
    """

    #: Keys typed right after n wait for the new-session form and go to its title (tui/keyhold.py).
    HOLD_KEYS_DURING = frozenset({"new"})

    # The footer shows the keys used most; the line above it the rest (all are in F1).
    BINDINGS = [
        Binding("n", "new", N_("Nieuw"), id="home-new"),
        Binding("enter", "open", N_("Openen"), id="home-open", show=True, priority=True),
        Binding("f", "followup", N_("Opvolging"), id="home-followup"),
        Binding("b", "letter", N_("Brief"), id="home-letter"),
        Binding("u", "outputs", N_("Bestanden"), id="home-outputs"),
        Binding("v", "demo", N_("Voorbeeld"), id="home-demo", show=False),
        Binding("o", "report", N_("Overzicht"), id="home-report", show=False),
        Binding("s", "settings", N_("Gegevens aanpassen"), id="home-settings", show=False),
        Binding("g", "municipality", N_("Gemeente"), id="home-municipality", show=False),
        Binding("d,delete", "delete", N_("Verwijderen"), id="home-delete", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[SessionSummary] = []
        #: True once the list has been read from disk (tests and the palette wait for it).
        self.loaded = False
        self._select: str | None = None
        #: Why the list could not be read (shown where the list would be); empty when it could.
        self.problem = ""
        #: A key that needs the list, pressed before it was read: done as soon as it is.
        self._pending: Callable[[], None] | None = None
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
        self.query_one("#home-hint", Static).update(
            _("v: voorbeeld · o: overzicht · s: gegevens · g: gemeente · d: verwijderen")
        )
        self.reload()

    def after_recompose(self) -> None:
        self.loaded = False  # the new table is empty until the list is read again
        self.on_mount()

    def _column_labels(self) -> list[tuple[str, str]]:
        # The title goes last and gets the width that is left; narrow terminals leave out the count.
        labels = [(_("Datum"), "date"), (_("Wijk"), "neighbourhood"), (_("Inbreng"), "contributions"),
                  (_("Open"), "open"), (_("Brief"), "letter"), (_("Titel"), "title")]
        if self.app.size.width < 100:
            labels = [label for label in labels if label[1] != "contributions"]
        return labels

    def on_screen_suspend(self) -> None:
        self._was_suspended = True

    def on_screen_resume(self) -> None:
        if self.is_mounted and self._was_suspended:
            self._was_suspended = False
            self.reload()

    def reload(self, select: str | None = None) -> None:
        """Read the session list again (after a change) and keep the cursor on ``select``."""
        self._select = select or self.selected_id()
        self.read_summaries()

    @work(thread=True, exclusive=True, group="home-summaries")
    def read_summaries(self) -> None:
        """Read every session file in a thread; the table is filled when that is done."""
        try:
            summaries = self.app.store.summaries(today(self))  # what is late is counted in the same read
            problem = ""
        except (UserError, OSError) as exc:
            summaries, problem = [], str(exc)
        self.app.call_from_thread(self._show, summaries, problem)

    def _show(self, summaries: list[SessionSummary], problem: str = "") -> None:
        if problem:
            self.notify(program_words(problem), title=_("Dat lukte niet"), severity="error", timeout=10)
        #: Why the list could not be read (shown instead of "no sessions yet"); empty when it could.
        self.problem = program_words(problem)
        self.summaries = summaries
        self.loaded = True
        self.fill()
        pending, self._pending = self._pending, None
        if pending is not None and self.app.screen is self and self.query("#sessions"):
            pending()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.fill()

    def fill(self) -> None:
        """Show :attr:`summaries` in the table; the title gets the width that is left."""
        from rich.cells import cell_len

        from wijksessie.tui.screens.lateness import letter_cell  # loop-tui: "verstuurd, 2 te laat"

        if not self.query("#sessions"):
            return  # being rebuilt (language switch): after_recompose fills it again
        table = self.query_one("#sessions", DataTable)
        current = self._select or self.selected_id()
        labels = self._column_labels()
        keys = [key for _label, key in labels]
        rows: list[tuple[str, list[str | Text]]] = []
        for s in self.summaries:
            cells: dict[str, str | Text]
            if s.problem:
                cells = {"title": Text(_("BESCHADIGD: {id}").format(id=s.id), style="bold red")}
            else:
                cells = {
                    "date": format_date(s.date, format="short") if s.date else "",  # 02-12-2026 / 02/12/2026
                    "neighbourhood": Text(terminal_safe(s.neighbourhood)),
                    "contributions": str(s.contributions),
                    "open": Text(str(s.open), style="bold yellow" if s.open else "green"),
                    "letter": letter_cell(s, self._letter_status(s)),
                    "title": Text(terminal_safe(s.title)),
                }
            rows.append((s.id, [cells.get(key, "") for key in keys]))
        widths = [max([cell_len(label)] + [cell_len(str(cells[i])) for _key, cells in rows]) for i, (label, _k)
                  in enumerate(labels[:-1])]
        # Each column has one cell of padding on both sides; 2 more for the scroll bar.
        title_width = max(12, self.app.size.width - sum(w + 2 for w in widths) - 4)
        table.clear(columns=True)
        for (label, key), width in zip(labels[:-1], widths):
            # Explicit widths: after clear(columns=True) an automatic width stays at the header's
            # width ('Datum 2026-', 'Brief verst' in the walkthrough at 120x40).
            table.add_column(label, key=key, width=width)
        title_label, title_key = labels[-1]
        table.add_column(title_label, key=title_key, width=title_width)
        for key, row in rows:
            title = row[-1]
            if isinstance(title, Text):
                title.truncate(title_width, overflow="ellipsis")
            table.add_row(*row, key=key)
        empty = self.query_one("#home-empty", Static)
        if self.summaries:
            empty.update("")
            empty.display = False
        elif self.loaded and self.problem:
            empty.update(Text("⚠ " + self.problem, style="bold red"))
            empty.display = True
        elif self.loaded:
            empty.update(_("Nog geen sessies. Druk op n om een nieuwe sessie te maken, of op v om een voorbeeld te bekijken."))
            empty.display = True
        else:
            empty.display = False
        if current:
            ids = [s.id for s in self.summaries]
            if current in ids:
                table.move_cursor(row=ids.index(current))
        self._select = None
        table.focus()

    @staticmethod
    def _letter_status(s: SessionSummary) -> Text:
        def short(day) -> str:
            return format_date(day, format="d MMM")

        if s.letter_sent:
            return Text(_("verstuurd"), style="green")
        if s.letter_late:  # as of the day the list was read
            return Text(_("te laat"), style="bold red")
        if s.feedback_due:
            return Text(_("vóór {date}").format(date=short(s.feedback_due)))
        return Text("\u2013")

    @property
    def session_id(self) -> str | None:
        """The session under the cursor (the command palette offers its letter, files and settings)."""
        return self.selected_id()

    def selected_id(self) -> str | None:
        """The id of the session under the cursor."""
        if not self.is_mounted:
            return None
        table = self.query_one("#sessions", DataTable)
        if not table.row_count or table.cursor_row is None:
            return None
        try:
            return table.coordinate_to_cell_key(Coordinate(table.cursor_row, 0)).row_key.value
        except Exception:  # noqa: BLE001 - empty table
            return None

    def _need_selection(self, then: Callable[[], None] | None = None) -> str | None:
        """The session under the cursor; before the list is read, ``then`` runs once it is (the key is kept)."""
        sid = self.selected_id()
        if sid is None and not self.loaded:
            if then is not None:
                self._pending = then
            else:
                self.notify(_("Even geduld: de lijst met sessies wordt nog gelezen."), severity="warning", timeout=3)
            return None
        if sid is None:
            self.notify(_("Kies eerst een sessie, of maak er een met n."), severity="warning")
        return sid

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value:
            self.app.open_session(event.row_key.value)

    def action_open(self) -> None:
        sid = self._need_selection(then=self.action_open)
        if sid:
            self.app.open_session(sid)

    def action_new(self) -> None:
        self.app.action_new_session()

    def action_demo(self) -> None:
        self.app.action_demo()

    def action_followup(self) -> None:
        sid = self._need_selection(then=self.action_followup)
        if sid:
            self.app.open_followup(sid)

    def action_letter(self) -> None:
        sid = self._need_selection(then=self.action_letter)
        if sid:
            self.app.open_letter(sid)

    def action_report(self) -> None:
        self.app.open_report()

    def action_outputs(self) -> None:
        sid = self._need_selection(then=self.action_outputs)
        if sid:
            self.app.open_outputs(sid)

    def action_settings(self) -> None:
        sid = self._need_selection(then=self.action_settings)
        if sid:
            self.app.open_settings(sid)

    def action_municipality(self) -> None:
        self.app.action_municipality()

    def action_delete(self) -> None:
        sid = self._need_selection(then=self.action_delete)
        if not sid:
            return
        summary = next((s for s in self.summaries if s.id == sid), None)
        name = terminal_safe(summary.title if summary and summary.title else sid, oneline=True)
        from wijksessie.tui.dialogs.common import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                ok, _result = run_safely(self, lambda: self.app.store.delete(sid))
                if ok:
                    self.notify(_("Sessie verwijderd: {name}.").format(name=name), markup=False)
                    self.reload()

        self.app.push_screen(
            ConfirmDialog(
                _("Deze sessie verwijderen? Sessie: {name}. Alle inbreng gaat verloren. Dit kan niet ongedaan worden.").format(
                    name=name
                ),
                yes=_("Verwijderen"),
                no=_("Niet verwijderen"),
                danger=True,
            ),
            answer,
        )

