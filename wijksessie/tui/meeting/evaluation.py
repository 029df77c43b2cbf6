"""The residents' evaluation at the close of the meeting, counted by raising hands.

Three numbers (satisfied, neutral, not satisfied), anonymous tallies only.
Each is checked like the other tallies (:func:`wijksessie.inputs.parse_count`:
a whole number, 0 or more; a wrong one gives one line saying what to do and
nothing is saved). Enter saves all three
(:func:`wijksessie.feedback.record_evaluation`) and moves on to the next field.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from wijksessie import feedback, inputs
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _
from wijksessie.tui.widgets.cells import OrderedInput

#: (field id, label) in the order they are asked.
FIELDS = (
    ("satisfied", N_("Tevreden")),
    ("neutral", N_("Neutraal")),
    ("not_satisfied", N_("Niet tevreden")),
)


def parse_evaluation(values: dict[str, str]) -> dict[str, int]:
    """The three counts as typed; :class:`inputs.InputError` names the field that is wrong."""
    return {key: inputs.parse_count(values.get(key, ""), what=_(label)) for key, label in FIELDS}


class EvaluationPanel(Vertical):
    """Hand-raising at the close: how satisfied residents are with the meeting."""

    DEFAULT_CSS = """
    EvaluationPanel { height: auto; margin: 0 0 1 0; }
    EvaluationPanel #evaluation-question { height: auto; text-style: bold; }
    EvaluationPanel .evaluation-row { height: 1; }
    EvaluationPanel .evaluation-row Label { width: auto; padding: 0 1 0 0; color: $text-muted; }
    EvaluationPanel .evaluation-row Input { width: 7; margin-right: 2; }
    EvaluationPanel #evaluation-error { color: $error; text-style: bold; height: auto; }
    EvaluationPanel #evaluation-saved { height: auto; color: $text-muted; }
    """

    def __init__(self, files: Callable, *, readonly: bool = False) -> None:
        super().__init__(id="evaluation")
        self.files = files
        self.readonly = readonly

    def compose(self) -> ComposeResult:
        counts = self.files().session.evaluation
        yield Static(_("Hoe tevreden bent u over dit gesprek? Tel de handen."), id="evaluation-question")
        with Horizontal(classes="evaluation-row"):
            for key, label in FIELDS:
                yield Label(_(label))
                value = getattr(counts, key)
                yield OrderedInput(str(value) if counts.total else "", id=f"evaluation-{key}", compact=True,
                                   placeholder="0", disabled=self.readonly, on_enter=self._enter)
        yield Static("", id="evaluation-error", markup=False)
        yield Static(self._saved_text(), id="evaluation-saved")

    def _saved_text(self) -> Text:
        counts = self.files().session.evaluation
        if not counts.total:
            return Text(_("Shift+Tab gaat naar de getallen. Enter bewaart."))
        return Text(_("Bewaard: {satisfied} tevreden, {neutral} neutraal, {not_satisfied} niet tevreden.").format(
            satisfied=counts.satisfied, neutral=counts.neutral, not_satisfied=counts.not_satisfied))

    def on_descendant_focus(self, event) -> None:
        # Coming in from outside (Shift+Tab from the line lands on the last field): start at the first.
        first = self.query_one(f"#evaluation-{FIELDS[0][0]}", Input)
        if not getattr(self, "_inside", False):
            self._inside = True
            if event.widget is not first and not first.disabled:
                self.screen.set_focus(first)

    def on_descendant_blur(self, event) -> None:
        self.call_after_refresh(self._check_left)

    def _check_left(self) -> None:
        focused = self.screen.focused if self.is_attached else None
        if focused is None or focused not in self.query(Input):
            self._inside = False

    def values(self) -> dict[str, str]:
        return {key: self.query_one(f"#evaluation-{key}", Input).value for key, _label in FIELDS}

    def on_input_changed(self, event: Input.Changed) -> None:
        if not (event.input.id or "").startswith("evaluation-"):
            return
        event.stop()
        try:
            parse_evaluation(self.values())
        except UserError as exc:
            self.query_one("#evaluation-error", Static).update(str(exc))
        else:
            self.query_one("#evaluation-error", Static).update("")

    def _enter(self, field: Input) -> None:
        """Enter in one of the three: check all, save, go on to the next one."""
        error = self.query_one("#evaluation-error", Static)
        try:
            counts = parse_evaluation(self.values())
            feedback.record_evaluation(self.files(), **counts)
        except UserError as exc:
            error.update(str(exc))
            self.notify(str(exc), title=_("Niet bewaard"), severity="error", markup=False)
            return
        except OSError as exc:
            from wijksessie.errors import os_error_message

            error.update(os_error_message(exc))
            return
        error.update("")
        self.query_one("#evaluation-saved", Static).update(self._saved_text())
        keys = [key for key, _label in FIELDS]
        index = keys.index((field.id or "").removeprefix("evaluation-"))
        if index + 1 < len(keys):
            self.screen.set_focus(self.query_one(f"#evaluation-{keys[index + 1]}", Input))
