"""A point's history on the follow-up screen, and who records a decision.

:class:`HistoryDialog` lists every answer a point got, oldest first, the
current one last (:func:`wijksessie.feedback.history_entries`), each with its
date and who recorded it. :class:`RecordedDecisionDialog` is the follow-up's
decision form with one more field, "Vastgelegd door": the name or role of
the officer. The program remembers it until it stops (:func:`recorder`), so
it is typed once per evening, not once per point.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label, Static

from wijksessie import feedback, i18n
from wijksessie.i18n import N_, _
from wijksessie.model import Contribution, DecisionStatus
from wijksessie.safe_text import terminal_safe
from wijksessie.tui.base import TranslatedModalScreen
from wijksessie.tui.screens.followup import DecisionDialog

#: The attribute on the App that holds who records decisions while the program runs.
RECORDER_ATTRIBUTE = "recorded_by"


def recorder(app) -> str:
    """Who records decisions and states in this run of the program ("" until someone typed it)."""
    return str(getattr(app, RECORDER_ATTRIBUTE, "") or "")


def remember_recorder(app, name: str) -> None:
    """Keep the officer's name or role for the rest of this run of the program."""
    setattr(app, RECORDER_ATTRIBUTE, " ".join(name.split()))


def when(text: str | None) -> str:
    """An ISO time from the file as a short date and time in the interface language: 12-03-2026 19:45."""
    if not text:
        return _("onbekende datum")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return terminal_safe(text, oneline=True)
    return f"{i18n.format_date(moment, format='short')} {i18n.format_time(moment)}"


def history_text(contribution: Contribution) -> Text:
    """Every answer of a point, oldest first, as lines to read on screen."""
    entries = feedback.history_entries(contribution)
    text = Text()
    if not entries:
        text.append(_("Dit punt heeft nog geen besluit."), style="italic")
        return text
    last = len(entries) - 1
    for i, entry in enumerate(entries):
        try:
            status = DecisionStatus(entry["status"]).label
        except ValueError:
            status = terminal_safe(str(entry["status"]), oneline=True)
        text.append(when(entry["at"]) + "  ", style="dim")
        text.append(status, style="bold")
        if i == last:
            text.append("  " + _("(nu)"), style="bold green")
        text.append("\n")
        details = []
        if entry["by"]:
            details.append(_("Vastgelegd door: {name}").format(name=terminal_safe(entry["by"], oneline=True)))
        else:
            details.append(_("Niet bekend wie dit vastlegde."))
        if entry["reason"]:
            details.append(_("Uitleg: {reason}").format(reason=terminal_safe(entry["reason"], oneline=True)))
        if entry["organisation"]:
            details.append(_("Organisatie: {name}").format(name=terminal_safe(entry["organisation"], oneline=True)))
        if entry["owner"]:
            details.append(_("Wie doet het: {name}").format(name=terminal_safe(entry["owner"], oneline=True)))
        if entry["due"]:
            day = dt.date.fromisoformat(entry["due"])
            details.append(_("Klaar op: {date}").format(date=f"{day.day}-{day.month}-{day.year}"))
        for line in details:
            text.append("  " + line + "\n")
        if i != last:
            text.append("\n")
    return text


class HistoryDialog(TranslatedModalScreen[None]):
    """Every answer one point got, oldest first; Esc or Enter closes."""

    DEFAULT_CSS = """
    HistoryDialog { align: center middle; }
    HistoryDialog > #history-box {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    HistoryDialog #history-said { height: auto; max-height: 3; margin-bottom: 1; text-style: italic; }
    HistoryDialog #history-list { height: auto; }
    HistoryDialog #history-keys { height: 1; color: $text-muted; }
    """

    BINDINGS = [Binding("escape,enter,g", "close", N_("Sluiten"), id="history-close")]

    def __init__(self, contribution: Contribution) -> None:
        super().__init__()
        self.contribution = contribution

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="history-box"):
            yield Static(_("Geschiedenis van dit punt"), classes="dialog-title")
            said = " ".join(terminal_safe(self.contribution.text).split())
            yield Static(f"„{said}”", id="history-said", markup=False)
            yield Static(history_text(self.contribution), id="history-list")
            yield Static(_("Esc of Enter: sluiten"), id="history-keys")

    def on_mount(self) -> None:
        self.query_one("#history-box").focus()

    def action_close(self) -> None:
        self.dismiss(None)


class RecordedDecisionDialog(DecisionDialog):
    """The decision form with "Vastgelegd door" (filled in with the name typed earlier in this run)."""

    def __init__(self, contribution: Contribution, save) -> None:
        def save_and_remember(values: dict):
            result = save(values)
            remember_recorder(self.app, values.get("recorded_by", ""))
            return result

        super().__init__(contribution, save_and_remember)

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if widget.id == "error":  # just above the error line and the buttons
                yield Horizontal(
                    Label(_("Wie legt vast")),
                    Input(recorder(self.app), placeholder=_("uw naam of functie"), compact=True, id="recorded_by"),
                    classes="row",
                )
            yield widget

    def values(self) -> dict:
        values = super().values()
        values["recorded_by"] = self.query_one("#recorded_by", Input).value.strip()
        return values
