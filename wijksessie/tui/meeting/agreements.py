"""The steps for quick wins and agreements: what, who, by when.

A step view (:mod:`wijksessie.tui.meeting.base`): a date is typed as people
say it and shown in words before saving; the view posts
:class:`~wijksessie.tui.messages.AddAgreement` or
:class:`~wijksessie.tui.messages.DeleteAgreement` and the meeting screen saves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from wijksessie import inputs
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _
from wijksessie.model import ContributionKind
from wijksessie.safe_text import terminal_safe
from wijksessie.tui import messages
from wijksessie.tui.meeting.base import StepView, error_line
from wijksessie.tui.meeting.texts import long_date
from wijksessie.tui.widgets.cells import OrderedInput

if TYPE_CHECKING:
    from wijksessie.content import Step
    from wijksessie.store import SessionFile


class AgreementList(OptionList):
    """Agreements made in this step; d removes one (with a question first)."""

    BINDINGS = [Binding("d,delete", "delete", N_("Afspraak weghalen"), show=False, id="agreement-delete")]

    def action_delete(self) -> None:
        if self.highlighted is None or not self.option_count:
            self.notify(_("Er is nog geen afspraak om weg te halen."), severity="warning", markup=False)
            return
        self.post_message(messages.DeleteAgreement(self.get_option_at_index(self.highlighted).id or ""))


class AgreementsView(StepView):
    """Quick wins and agreements: what, who, by when (a date as people say it, shown in words before saving)."""

    DEFAULT_CSS = """
    AgreementsView .agreement-form { height: 1; }
    AgreementsView .agreement-form Input { margin: 0 1 0 0; }
    AgreementsView #what { width: 2fr; }
    AgreementsView #who { width: 1fr; min-width: 15; }
    AgreementsView #when { width: 18; }
    AgreementsView #when-preview { height: 1; color: $text-muted; }
    AgreementsView #agreements { height: 1fr; border: none; padding: 0; }
    """

    def __init__(self, step: Step, files: Callable[[], SessionFile], *, quick_win: bool, readonly: bool = False,
                 kind: ContributionKind = ContributionKind.IDEA, theme: str = "",
                 today: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__(step, files, readonly=readonly, kind=kind, theme=theme, today=today)
        self.quick_win = quick_win

    def compose(self) -> ComposeResult:
        ro = self.readonly
        with Horizontal(classes="agreement-form"):
            yield OrderedInput(placeholder=_("Wat gebeurt er?"), id="what", compact=True, disabled=ro,
                               on_enter=self._enter)
            yield OrderedInput(placeholder=_("Wie doet het?"), id="who", compact=True, disabled=ro,
                               on_enter=self._enter)
            yield OrderedInput(placeholder=_("Wanneer? 1 maart"), id="when", compact=True, disabled=ro,
                               on_enter=self._enter)
        yield Static("", id="when-preview")
        yield Static("", id="agreement-error", classes="input-error")
        yield Static(_("Enter: volgende veld; in het laatste veld wordt de afspraak bewaard."), classes="hint")
        yield AgreementList(*self._options(), id="agreements")

    def on_mount(self) -> None:
        error_line(self.query_one("#agreement-error", Static), "")

    def _today(self) -> dt.date:
        return self.today().date() if self.today else dt.date.today()

    def _options(self) -> list[Option]:
        options = []
        for a in self.files().agreements():
            if a.quick_win != self.quick_win:
                continue
            text = Text()
            text.append(terminal_safe(a.what), style="bold")
            if a.who:
                text.append(" \u2014 " + terminal_safe(a.who))
            if a.by_when:
                text.append(" \u2014 " + _("vóór {date}").format(date=long_date(a.by_when)), style="dim")
            options.append(Option(text, id=a.id))
        return options

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id != "when":
            return
        preview = self.query_one("#when-preview", Static)
        if not event.value.strip():
            preview.update("")
            error_line(self.query_one("#agreement-error", Static), "")
            return
        from wijksessie.dates import preview as date_preview

        day, line = date_preview(event.value, self._today())
        preview.update("\u2192 " + line if day else "")
        error_line(self.query_one("#agreement-error", Static), "" if day else line)

    def _enter(self, field: Input) -> None:
        """Enter, in typing order: on to the next field; in the last one the agreement is checked and sent."""
        what, who, when = (self.query_one(f"#{name}", Input) for name in ("what", "who", "when"))
        if field is what:
            self.screen.set_focus(who)
            return
        if field is who:
            self.screen.set_focus(when)
            return
        if not what.value.strip():
            error_line(self.query_one("#agreement-error", Static), _("Er staat nog niet wat er gebeurt. Typ dat eerst."))
            self.screen.set_focus(what)
            return
        try:
            day = inputs.parse_due_date(when.value, self._today())
        except UserError as exc:
            error_line(self.query_one("#agreement-error", Static), str(exc))
            return
        request = messages.AddAgreement(what.value, who.value, day, self.quick_win,
                                        typed=(what.value, who.value, when.value))
        for each in (what, who, when):
            each.value = ""
        self.query_one("#when-preview", Static).update("")
        self.screen.set_focus(what)
        self.post_message(request)

    def saved(self, request: messages.MeetingRequest) -> None:
        error_line(self.query_one("#agreement-error", Static), "")
        self.reload()

    def not_saved(self, request: messages.MeetingRequest) -> None:
        fields = [self.query_one(f"#{name}", Input) for name in ("what", "who", "when")]
        if isinstance(request, messages.AddAgreement) and not any(f.value for f in fields):
            for f, value in zip(fields, request.typed):
                f.value = value

    def reload(self) -> None:
        self.query_one(AgreementList).set_options(self._options())

    def first_focus(self):
        return self.query_one("#what", Input)

    def key_help(self) -> str:
        return _("In de lijst haalt d een afspraak weg. Druk op a om een afspraak te typen.")
