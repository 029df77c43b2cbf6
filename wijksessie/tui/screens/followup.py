"""Follow-up: give every contribution of a meeting its decision.

A table lists all contributions (filter by theme, kind and status); Enter
on a row opens a small form for its decision: status, an explanation in
plain words (required for "not adopted"), the organisation (required for
"passed on"), owner, due date and the quick-win flag. The rules are the
model's (:func:`wijksessie.model.decide`); when one is broken the form says
so and stays open. A counter above the table shows how many are still open.

The screen opens the session for writing itself and lets go of it when it
closes, so the meeting screen behind it can take it back.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, DataTable, Footer, Input, Label, Select, Static

from wijksessie import dates, model
from wijksessie.errors import UserError, os_error_message
from wijksessie.i18n import N_, _, ngettext
from wijksessie.model import Contribution, ContributionKind, DecisionStatus
from wijksessie.safe_text import terminal_safe
from wijksessie.store import SessionFile, SessionStore
from wijksessie.tui.base import (
    SaveCancelButtons,
    SaysWhyKeys,
    TranslatedModalScreen,
    TranslatedScreen,
    program_words,
    today,
)
from wijksessie.tui.widgets.plain_input import PlainInput

#: Narrowest the text column gets; it takes whatever width the terminal has left.
TEXT_WIDTH = 16


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _jargon_field(value: str) -> PlainInput:
    """The explanation field, with the jargon hint under it."""
    return PlainInput(value, placeholder=_("Leg in gewone woorden uit wat er gebeurt, en waarom"), id="reason")


class DecisionDialog(SaveCancelButtons, TranslatedModalScreen[bool]):
    """The form for one contribution's decision. Answers True when saved, None when cancelled.

    ``save(values)`` is called with the form's values; it raises
    :class:`UserError` when a rule is broken, and the message is shown here.
    """

    DEFAULT_CSS = """
    DecisionDialog { align: center middle; }
    DecisionDialog > #decision-box {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    DecisionDialog #said { height: auto; max-height: 4; margin-bottom: 1; text-style: italic; }
    DecisionDialog .row { height: auto; }
    DecisionDialog .row > Label { width: 14; padding-top: 0; }
    DecisionDialog .row > Select, DecisionDialog .row > Input, DecisionDialog .row > PlainInput { width: 1fr; }
    DecisionDialog #error { color: $error; height: auto; }
    DecisionDialog #due-preview { height: auto; color: $success; padding-left: 14; }
    DecisionDialog #due-preview.-error { color: $error; }
    DecisionDialog #buttons { height: auto; align-horizontal: right; }
    DecisionDialog #buttons Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("escape", "cancel", N_("Annuleren"), id="decision-cancel"),
        Binding("ctrl+s", "save", N_("Opslaan"), id="decision-save"),
    ]

    def __init__(self, contribution: Contribution, save) -> None:
        super().__init__()
        self.contribution = contribution
        self._save = save

    def compose(self) -> ComposeResult:
        c = self.contribution
        d = c.decision
        with VerticalScroll(id="decision-box"):
            yield Static(_("Wat gebeurt er met dit punt?"), classes="dialog-title")
            yield Static(f"„{terminal_safe(c.text)}”", id="said", markup=False)
            with Horizontal(classes="row"):
                yield Label(_("Besluit"))
                yield Select(
                    [(status.label, status.value) for status in DecisionStatus],
                    value=d.status.value,
                    allow_blank=False,
                    compact=True,
                    id="status",
                )
            with Horizontal(classes="row"):
                yield Label(_("Uitleg"))
                # Stored text is shown safe: an escape sequence in a saved answer never reaches the terminal.
                yield _jargon_field(terminal_safe(d.reason, oneline=True))
            with Horizontal(classes="row"):
                yield Label(_("Organisatie"))
                yield Input(terminal_safe(d.organisation, oneline=True), placeholder=_("verplicht bij 'doorgegeven'"), compact=True, id="organisation")
            with Horizontal(classes="row"):
                yield Label(_("Wie doet het"))
                yield Input(terminal_safe(d.owner, oneline=True), compact=True, id="owner")
            with Horizontal(classes="row"):
                yield Label(_("Klaar op"))
                yield Input(d.due.isoformat() if d.due else "", placeholder=_("bijvoorbeeld: 1-3-2027 of 1 maart"),
                            compact=True, id="due")
            yield Static("", id="due-preview", markup=False)
            yield Checkbox(_("Snel resultaat (komt bovenaan in de brief)"), d.quick_win, compact=True, id="quick_win")
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button(_("Opslaan"), variant="primary", id="save", compact=True)
                yield Button(_("Annuleren"), id="cancel", compact=True)
            # The footer is hidden behind this form: say here how to move, save and leave.
            yield Static(_("Tab: volgende veld · Enter of ctrl+s: opslaan · Esc: annuleren"), classes="dialog-help",
                         markup=False)

    def on_mount(self) -> None:
        self.query_one("#status", Select).focus()
        self._preview_due()

    def _today(self):
        return today(self)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "due":
            self._preview_due()

    def _preview_due(self) -> None:
        text = self.query_one("#due", Input).value.strip()
        preview = self.query_one("#due-preview", Static)
        if not text:
            preview.update("")
            return
        day, line = dates.preview(text, self._today())
        preview.update(("  \u2192 " + line) if day else "  " + terminal_safe(line))
        preview.set_class(day is None, "-error")

    def _due(self):
        text = self.query_one("#due", Input).value.strip()
        if not text:
            return None
        try:
            return dates.parse_date(text, self._today())
        except UserError as exc:
            raise UserError(_("Klaar op: {error}").format(error=exc)) from None

    def values(self) -> dict:
        """What the form holds now."""
        reason = self.query_one("#reason", PlainInput)
        return {
            "status": self.query_one("#status", Select).value,
            "reason": reason.value,
            "organisation": self.query_one("#organisation", Input).value,
            "owner": self.query_one("#owner", Input).value,
            "due": self._due(),
            "quick_win": self.query_one("#quick_win", Checkbox).value,
        }

    def show_error(self, message: str) -> None:
        """Show why saving did not work; the form stays open."""
        self.query_one("#error", Static).update(message)

    def action_save(self) -> None:
        try:
            self._save(self.values())
        except UserError as exc:
            # The model's messages name the command-line option; here the field is right in view.
            self.show_error(program_words(str(exc)))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()


class FollowUpScreen(SaysWhyKeys, TranslatedScreen[None]):
    """All contributions of one session with their decisions; Enter records a decision."""

    DEFAULT_CSS = """
    FollowUpScreen #followup-title { height: 1; text-style: bold; padding: 0 1; }
    FollowUpScreen #open-count { height: 1; padding: 0 1; }
    FollowUpScreen #open-count.-done { color: $success; }
    FollowUpScreen #filters { height: 1; padding: 0 1; }
    FollowUpScreen #filters > Select { width: 1fr; margin-right: 1; }
    FollowUpScreen DataTable { height: 1fr; }
    """

    BINDINGS = [
        Binding("enter", "decide", N_("Besluit"), id="followup-decide", priority=False),
        Binding("e", "decide", N_("Besluit"), show=False),
        Binding("t", "focus_filter('theme')", N_("Thema"), id="followup-filter-theme"),
        Binding("s", "focus_filter('kind')", N_("Soort"), show=False),
        # Shown in F1 only, so the footer fits 80 columns with the keys used most.
        Binding("v", "focus_filter('status')", N_("Status"), id="followup-filter-status", show=False),
        Binding("a", "clear_filters", N_("Alles tonen"), id="followup-all", show=False),
        Binding("escape", "back", N_("Terug"), id="followup-back"),
        # Feedback loop (loop-tui, wijksessie/tui/screens/history.py and agreements.py):
        Binding("g", "history", N_("Geschiedenis"), id="followup-history", show=False),
        Binding("k", "agreements", N_("Afspraken"), id="followup-agreements", show=False),
    ]

    def __init__(self, store: SessionStore, session_id: str) -> None:
        super().__init__()
        self.store = store
        # Opened here, not on mount: a locked or damaged session is reported before the screen shows.
        self.sf: SessionFile = store.open(session_id)
        self.session_id = self.sf.session.id
        self._row_ids: list[str] = []

    # -- building

    def compose(self) -> ComposeResult:
        yield Static("", id="followup-title", markup=False)
        yield Static("", id="open-count")
        with Horizontal(id="filters"):
            yield Select([], prompt=_("Alle thema's"), compact=True, id="theme")
            yield Select([(k.label, k.value) for k in ContributionKind], prompt=_("Alle soorten"), compact=True, id="kind")
            yield Select([(s.label, s.value) for s in DecisionStatus], prompt=_("Alle besluiten"), compact=True, id="status")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="contributions")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.after_recompose()

    def after_recompose(self) -> None:
        self._fill_theme_filter()
        self.refresh_table()
        self.query_one(DataTable).focus()

    def on_resize(self) -> None:
        if self.is_mounted:
            current = self.current()
            self.refresh_table(keep=current.id if current else None)

    def _columns(self, rows: list[list]) -> None:
        """(Re)build the columns, each as wide as its widest cell; what was said gets the width that is left.

        Every width is given explicitly: after ``clear(columns=True)`` the table
        would otherwise size the columns by their headers only.
        """
        from rich.cells import cell_len

        table = self.query_one(DataTable)
        labels = [(_("Nr"), "id"), (_("Thema"), "theme"), (_("Soort"), "kind"), (_("Wat er gezegd is"), "text"),
                  (_("Besluit"), "status"), (_("Snel"), "quick")]
        widths = [max([cell_len(label)] + [cell_len(str(row[i])) for row in rows]) for i, (label, _k) in enumerate(labels)]
        fixed = sum(w + 2 for i, w in enumerate(widths) if labels[i][1] != "text")
        self._text_width = max(TEXT_WIDTH, self.app.size.width - fixed - 4)
        table.clear(columns=True)
        for (label, key), width in zip(labels, widths):
            table.add_column(label, key=key, width=self._text_width if key == "text" else width)

    def _fill_theme_filter(self) -> None:
        themes = sorted({c.theme for c in self.contributions() if c.theme} | set(self.sf.session.themes), key=str.casefold)
        select = self.query_one("#theme", Select)
        current = select.value
        select.set_options([(t, t) for t in themes] + [(_("zonder thema"), "")])
        if current in themes:
            select.value = current

    # -- data

    def contributions(self) -> list[Contribution]:
        """Every contribution of the session, as recorded."""
        return self.sf.contributions()

    def visible_contributions(self) -> list[Contribution]:
        """The contributions that pass the filters."""
        theme = self.query_one("#theme", Select).value
        kind = self.query_one("#kind", Select).value
        status = self.query_one("#status", Select).value
        rows = []
        for c in self.contributions():
            if theme is not Select.NULL and c.theme.casefold() != str(theme).casefold():
                continue
            if kind is not Select.NULL and c.kind.value != kind:
                continue
            if status is not Select.NULL and c.decision.status.value != status:
                continue
            rows.append(c)
        return rows

    @property
    def open_count(self) -> int:
        """How many contributions residents have had no answer about yet (as the final letter counts them)."""
        return len(model.unanswered(self.contributions()))

    def refresh_table(self, keep: str | None = None) -> None:
        """Redraw the rows and the counter; keep the cursor on contribution ``keep``."""
        table = self.query_one(DataTable)
        self._row_ids = []
        rows = []
        for c in self.visible_contributions():
            d = c.decision
            status: str | Text
            # "–" for a point without any decision: short, so what was said keeps the width.
            if d.status is DecisionStatus.OPEN:
                status = "–"
            else:
                status = d.status.label if d.has_answer else "· " + d.status.label
            if d.status is DecisionStatus.UNDER_REVIEW and d.due and d.due < today(self):  # loop-tui: promise late
                status = Text("⚠ " + _("te laat"), style="bold red")
            # Text(), not str: DataTable reads a str as markup, and "[/b]" typed by a resident would break it.
            theme_width = 12 if self.app.size.width < 100 else 20
            rows.append([c.id, Text(_short(terminal_safe(c.theme) or "–", theme_width)), c.kind.label,
                         " ".join(terminal_safe(c.text).split()), status, "✓" if d.quick_win else ""])
            self._row_ids.append(c.id)
        self._columns([[*row[:3], "", *row[4:]] for row in rows])
        for row, cid in zip(rows, self._row_ids):
            row[3] = Text(_short(str(row[3]), self._text_width))
            table.add_row(*row, key=cid)
        if keep in self._row_ids:
            table.move_cursor(row=self._row_ids.index(keep))
        s = self.sf.session
        total = len(self.contributions())
        self.query_one("#followup-title", Static).update(_("Opvolging: {title} ({neighbourhood})").format(
            title=terminal_safe(s.title), neighbourhood=terminal_safe(s.neighbourhood)))
        counter = self.query_one("#open-count", Static)
        n = self.open_count
        if total == 0:
            message = Text(_("Er is nog niets opgeschreven in deze sessie."))
        else:
            if n:
                message = Text(ngettext("Nog {n} van de {total} zonder antwoord.", "Nog {n} van de {total} zonder antwoord.",
                                        n).format(n=n, total=total))
            else:
                # Translators: the singular is for one point; keep {total} there if your language uses
                # that form for other numbers too (as 21 in Russian).
                message = Text(ngettext("Het enige punt heeft een antwoord. De brief kan definitief.",
                                        "Alle {total} punten hebben een antwoord. De brief kan definitief.",
                                        total).format(total=total))
            message.append("  " + _("Enter: besluit vastleggen."), style="dim")
        counter.update(message)
        counter.set_class(total > 0 and n == 0, "-done")

    def current(self) -> Contribution | None:
        """The contribution under the cursor."""
        table = self.query_one(DataTable)
        if not self._row_ids or table.cursor_row is None or not 0 <= table.cursor_row < len(self._row_ids):
            return None
        return self.sf.contribution(self._row_ids[table.cursor_row])

    # -- actions

    def record(self, contribution_id: str, values: dict) -> Contribution:
        """Save a decision; raises :class:`UserError` (e.g. a reason is missing) without saving."""
        if values.get("status") in (None, Select.NULL):
            raise UserError(_("Kies eerst een besluit."))
        try:
            return self.sf.decide(contribution_id, **values)
        except OSError as exc:
            raise UserError(os_error_message(exc)) from None

    def action_decide(self) -> None:
        c = self.current()
        if c is None:
            self.notify(_("Kies eerst een regel in de lijst."), severity="warning")
            return

        def saved(result: bool | None) -> None:
            if result:
                self.refresh_table(keep=c.id)
                self.query_one(DataTable).focus()
                self.notify(_("Besluit opgeslagen."), timeout=3)

        from wijksessie.tui.screens.history import RecordedDecisionDialog  # with "Vastgelegd door"

        self.app.push_screen(RecordedDecisionDialog(c, lambda values: self.record(c.id, values)), saved)

    def action_history(self) -> None:
        """Every answer the point under the cursor got, oldest first (loop-tui)."""
        from wijksessie.tui.screens.history import HistoryDialog

        c = self.current()
        if c is None:
            self.notify(_("Kies eerst een regel in de lijst."), severity="warning")
            return
        self.app.push_screen(HistoryDialog(c))

    def action_agreements(self) -> None:
        """The agreements of this session and how far each has got (loop-tui)."""
        from wijksessie.tui.screens.agreements import AgreementsScreen

        self.app.push_screen(AgreementsScreen(self.sf))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_decide()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if self.is_mounted:
            self.refresh_table()

    def action_focus_filter(self, which: str) -> None:
        self.query_one(f"#{which}", Select).focus()

    def action_clear_filters(self) -> None:
        for which in ("theme", "kind", "status"):
            self.query_one(f"#{which}", Select).clear()
        self.refresh_table()
        self.query_one(DataTable).focus()

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, Select) and focused.expanded:
            return
        self.dismiss(None)

    def on_unmount(self) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the session so other screens can write it (closing twice does no harm)."""
        self.sf.close()
