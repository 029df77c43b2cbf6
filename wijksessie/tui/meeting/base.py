"""What every step view shares: the step, the open session, the kind bar and the line to type on.

Views read the session through ``files()`` (the meeting screen's open
session file, which can be swapped when the session is taken back after the
follow-up screen) and post :mod:`wijksessie.tui.messages` requests; the
meeting screen saves and then calls :meth:`StepView.saved`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from wijksessie import model
from wijksessie.i18n import _
from wijksessie.model import ContributionKind
from wijksessie.safe_text import terminal_safe
from wijksessie.tui import messages
from wijksessie.tui.meeting.texts import KIND_KEYS
from wijksessie.tui.widgets.cells import LineInput
from wijksessie.tui.widgets.entries import EntryList

if TYPE_CHECKING:
    from wijksessie.content import Step
    from wijksessie.store import SessionFile


class StepView(Vertical):
    """Base of all step views: knows its step and how to read the open session."""

    DEFAULT_CSS = """
    StepView { height: 1fr; }
    StepView .hint { color: $text-muted; height: auto; }
    StepView .input-error { color: $error; text-style: bold; height: auto; }
    StepView .info-card { height: auto; padding: 0 1; margin: 0 0 1 0; border: round $accent; }
    """

    #: The kind and theme the next contribution gets (set by the meeting screen).
    kind: reactive[ContributionKind] = reactive(ContributionKind.IDEA, init=False)
    theme: reactive[str] = reactive("", init=False)

    def __init__(self, step: Step, files: Callable[[], SessionFile], *, readonly: bool = False,
                 kind: ContributionKind = ContributionKind.IDEA, theme: str = "",
                 today: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__(classes="step-view")
        self.step = step
        self.files = files
        self.readonly = readonly
        self.today = today
        self.set_reactive(StepView.kind, kind)
        self.set_reactive(StepView.theme, theme)

    @property
    def session(self) -> model.Session:
        return self.files().session

    def reload(self) -> None:
        """Redraw from the store (after undo, or a change made in a dialog)."""

    def saved(self, request: messages.MeetingRequest) -> None:
        """The meeting screen saved ``request``: redraw."""
        self.reload()

    def not_saved(self, request: messages.MeetingRequest) -> None:
        """The meeting screen could not save ``request`` (it said why): give back what was typed."""

    def first_focus(self) -> Widget | None:
        """The widget that gets the keyboard when the step opens."""
        return None

    def entry_list(self) -> EntryList | None:
        """The list of contributions, if this view has one."""
        return None

    def key_help(self) -> str:
        """What the keys do where the keyboard is, for a key that does nothing there."""
        return _("Druk op a om te typen.")

    def watch_kind(self, kind: ContributionKind) -> None:
        for bar in self.query(KindBar):
            bar.kind = kind

    def watch_theme(self, theme: str) -> None:
        for bar in self.query(KindBar):
            bar.theme = theme


class KindBar(Widget):
    """Which kind and theme the next entry gets, and the keys that change them.

    The chosen theme always shows: when the line is narrow, the kinds not
    chosen are left out first, then the words around them.
    """

    DEFAULT_CSS = """
    KindBar { height: 1; }
    """

    kind: reactive[ContributionKind] = reactive(ContributionKind.IDEA)
    theme: reactive[str] = reactive("")
    #: The keyboard is in the list: say which letters work there instead.
    list_mode: reactive[bool] = reactive(False)

    def __init__(self, kind: ContributionKind, theme: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(KindBar.kind, kind)
        self.set_reactive(KindBar.theme, theme)

    def render(self) -> Text:
        if self.list_mode:
            return Text(_("e: aanpassen · d: weghalen · v: zaalscherm · a: typen"), style="bold")
        return kind_bar_text(self.kind, self.theme, self.size.width or 80)


def kind_bar_text(kind: ContributionKind, theme: str, width: int) -> Text:
    """The kind bar for ``width`` columns: all kinds if they fit, else only the chosen one."""
    theme_name = terminal_safe(theme, oneline=True) or _("geen")
    full = Text("F2\u2013F5 ", style="dim")
    for number, (_key, k) in enumerate(KIND_KEYS):
        if number:
            full.append(" ")
        full.append(k.label, style="bold reverse" if k is kind else "dim")
    full.append(" \u00b7 F6 " + _("thema") + ": ", style="dim")
    full.append(theme_name, style="bold reverse")
    if full.cell_len <= width:
        return full
    # Narrower: the chosen kind only; then fewer words; the theme is cut only as the last resort.
    for kind_label, keys_kind, theme_label, keys_theme in (
        (_("Soort") + ": ", " F2\u2013F5", " \u00b7 " + _("Thema") + ": ", " F6"),
        ("", " F2\u2013F5", " \u00b7 ", " F6"),
        ("", "", " \u00b7 ", ""),
    ):
        text = Text(kind_label, style="dim")
        text.append(kind.label, style="bold reverse")
        text.append(keys_kind + theme_label, style="dim")
        text.append(theme_name, style="bold reverse")
        text.append(keys_theme, style="dim")
        if text.cell_len <= width:
            return text
    text = Text(kind.label, style="bold reverse")
    text.append(" \u00b7 ", style="dim")
    room = max(8, width - text.cell_len)
    text.append(theme_name if len(theme_name) <= room else theme_name[: room - 1] + "\u2026", style="bold reverse")
    return text


class EntryPanel(Vertical):
    """The input line (Enter records at once), the chosen kind and theme, and the step's contributions."""

    DEFAULT_CSS = """
    EntryPanel { height: 1fr; }
    EntryPanel #entry { margin: 0 0 1 0; background: $boost; }
    EntryPanel #entries { height: 1fr; border: none; padding: 0; }
    """

    def __init__(self, view: StepView) -> None:
        super().__init__(classes="entry-panel")
        self.view = view

    def compose(self) -> ComposeResult:
        yield KindBar(self.view.kind, self.view.theme, id="kind-bar")
        yield LineInput(
            placeholder=_("Typ wat er gezegd wordt en druk op Enter"),
            id="entry",
            compact=True,
            disabled=self.view.readonly,
            on_enter=self._enter,
        )
        yield EntryList(self._contributions(), id="entries")

    def _contributions(self):
        step_id = self.view.step.id
        return [c for c in self.view.files().contributions() if c.step == step_id]

    def reload(self) -> None:
        self.query_one(EntryList).set_contributions(self._contributions())

    def on_descendant_focus(self, event) -> None:
        self.query_one(KindBar).list_mode = isinstance(event.widget, EntryList)

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, EntryList):
            self.query_one(KindBar).list_mode = False

    def _enter(self, field: Input) -> None:
        """Enter, in typing order: the line is emptied at once for the next entry (given back if not saved)."""
        text = field.value
        if not text.strip():
            self.notify(_("Er staat nog niets. Typ wat iemand zegt en druk dan op Enter."), severity="warning",
                        markup=False)
            return
        field.value = ""
        # The kind and theme on screen at this Enter (a key pressed after it is for the next line).
        # Straight to the screen (the one that saves): the row then shows in the same frame as the empty line.
        self.screen.post_message(messages.Record(text, self.view.kind, self.view.theme))


class EntryStepView(StepView):
    """A step whose main work is writing down what is said (welcome, purpose, discussion, close)."""

    def first_focus(self):
        return self.query_one("#entry", Input)

    def entry_list(self):
        return self.query_one(EntryList)

    def reload(self) -> None:
        self.query_one(EntryPanel).reload()

    def key_help(self) -> str:
        return _("In de lijst: e aanpassen, d weghalen, v wel of niet op het zaalscherm. Druk op a om te typen.")


def error_line(widget: Static, message: str) -> None:
    """Show ``message`` (or nothing) in a one-line error field."""
    widget.update(message)
    widget.display = bool(message)
