"""The count step: who is here (anonymous), by group, against the group the meeting wants to reach.

A step view (:mod:`wijksessie.tui.meeting.base`): it checks what is typed with
:mod:`wijksessie.inputs` and posts :class:`~wijksessie.tui.messages.SaveTally`;
the meeting screen saves.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static

from wijksessie import inputs, model
from wijksessie.errors import UserError
from wijksessie.i18n import _, ngettext
from wijksessie.safe_text import terminal_safe
from wijksessie.tui import messages
from wijksessie.tui.meeting.base import StepView, error_line
from wijksessie.tui.widgets.cells import OrderedInput


class TallyView(StepView):
    """Count who is here (anonymous) and compare with the group the meeting wants to reach.

    Enter saves the field it is typed in and moves on to the next; the field
    then shows exactly what was saved. Letters in the number field are
    refused with a line saying so, never dropped without a word.
    """

    DEFAULT_CSS = """
    TallyView .form-row { height: 1; margin: 0 0 1 0; }
    TallyView .tally-label { width: 20; height: 1; color: $text-muted; }
    TallyView .form-row Input { width: 1fr; }
    TallyView #tally-check { height: auto; }
    """

    def compose(self) -> ComposeResult:
        tally = self.session.tally
        with Horizontal(classes="form-row"):
            yield Label(_("Aantal deelnemers"), classes="tally-label")
            yield OrderedInput(str(tally.participants or ""), id="participants", compact=True,
                               disabled=self.readonly, placeholder=_("een getal, bijvoorbeeld 23"),
                               on_enter=self._enter)
        with Horizontal(classes="form-row"):
            yield Label(_("Groepen"), classes="tally-label")
            yield OrderedInput(
                inputs.format_groups(tally.groups),
                placeholder=_("groep = aantal, bijvoorbeeld 65 jaar en ouder = 4"),
                id="groups",
                compact=True,
                disabled=self.readonly,
                on_enter=self._enter,
            )
        yield Static("", id="tally-error", classes="input-error")
        yield Static(_("Enter bewaart het veld en gaat naar het volgende."), classes="hint")
        yield Static(self._check_text(), id="tally-check")

    def on_mount(self) -> None:
        error_line(self.query_one("#tally-error", Static), "")

    def _check_text(self) -> Text:
        s = self.session
        text = Text()
        text.append(ngettext("Bewaard: {n} deelnemer", "Bewaard: {n} deelnemers", s.tally.participants).format(
            n=s.tally.participants), style="bold")
        if s.tally.groups:
            text.append(" \u00b7 " + terminal_safe(inputs.format_groups(s.tally.groups), oneline=True))
        text.append("\n")
        if not s.target_profile:
            text.append(_("Geen doelgroep ingesteld; er is niets om mee te vergelijken."), style="dim")
            return text
        total = s.tally.participants
        for group, share in s.target_profile.items():
            count = s.tally.groups.get(group, 0)
            actual = f"{count / total:.0%}" if total else "\u2013"
            text.append(
                _("{group}: {count} van {total} ({actual}); doel {target}").format(
                    group=group, count=count, total=total, actual=actual, target=f"{share:.0%}"
                )
                + "\n"
            )
        for gap in model.representation_gaps(s.tally, s.target_profile):
            text.append("\u26a0 ", style="bold yellow")
            text.append(
                _("Weinig mensen uit deze groep: {group}. Vraag na het gesprek wie zij kunnen bereiken.").format(
                    group=gap.group
                )
                + "\n",
                style="bold yellow",
            )
        return text

    def _read(self, field: str, value: str) -> tuple[int | None, dict[str, int] | None]:
        """The value of one field, checked; InputError says what is wrong."""
        if field == "participants":
            return inputs.parse_participants(value), None
        participants = self.session.tally.participants
        typed = self.query_one("#participants", Input).value
        try:
            participants = inputs.parse_participants(typed)
        except UserError:
            pass
        return None, inputs.parse_groups(value, participants=participants)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        try:
            self._read(event.input.id or "", event.value)
        except UserError as exc:
            error_line(self.query_one("#tally-error", Static), str(exc))
        else:
            error_line(self.query_one("#tally-error", Static), "")

    def _enter(self, field: Input) -> None:
        """Enter, in typing order: check the field; the count moves on to the groups at once."""
        try:
            participants, groups = self._read(field.id or "", field.value)
        except UserError as exc:
            error_line(self.query_one("#tally-error", Static), str(exc))
            self.notify(str(exc), title=_("Niet bewaard"), severity="error", markup=False)
            return
        self.post_message(messages.SaveTally(participants, groups))
        if field.id == "participants":
            self.screen.set_focus(self.query_one("#groups", Input))

    def saved(self, request: messages.MeetingRequest) -> None:
        tally = self.session.tally
        # Show exactly what is on disk now (a field typed in meanwhile is left alone).
        if isinstance(request, messages.SaveTally):
            if request.participants is not None:
                field = self.query_one("#participants", Input)
                if field.value.strip() == str(request.participants) or not field.has_focus:
                    field.value = str(tally.participants or "")
            if request.groups is not None:
                field = self.query_one("#groups", Input)
                try:
                    same = inputs.parse_groups(field.value) == request.groups
                except UserError:
                    same = False
                if same:
                    field.value = inputs.format_groups(tally.groups)
        error_line(self.query_one("#tally-error", Static), "")
        self.reload()

    def reload(self) -> None:
        self.query_one("#tally-check", Static).update(self._check_text())

    def first_focus(self):
        return self.query_one("#participants", Input)
