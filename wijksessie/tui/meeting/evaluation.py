"""The residents' evaluation at the close of the meeting, counted by raising hands.

Three numbers (satisfied, neutral, not satisfied), anonymous tallies only.
Each is checked like the other tallies (:func:`wijksessie.inputs.parse_count`:
a whole number, 0 or more; a wrong one gives one line saying what to do and
nothing is saved). Enter moves on to the next field and asks the meeting
screen to save all three (:class:`~wijksessie.tui.messages.SaveEvaluation`;
it saves with :func:`wijksessie.feedback.record_evaluation`).
In a follow-up meeting a second row counts how satisfied residents are with
what became of last time's points; that is kept with the earlier session
(its ``follow_up_evaluation``, as the report expects).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from wijksessie import inputs
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _
from wijksessie.model import EvaluationCount
from wijksessie.tui import messages
from wijksessie.tui.widgets.cells import OrderedInput

if TYPE_CHECKING:
    from wijksessie.tui.meeting.lookback import LookBackSource

#: (field id, label) in the order they are asked.
FIELDS = (
    ("satisfied", N_("Tevreden")),
    ("neutral", N_("Neutraal")),
    ("not_satisfied", N_("Niet tevreden")),
)


def parse_evaluation(values: dict[str, str]) -> EvaluationCount:
    """The three counts as typed; :class:`inputs.InputError` names the field that is wrong (the first, in order)."""
    counts = {key: inputs.parse_count(values.get(key, ""), what=_(label)) for key, label in FIELDS}
    return EvaluationCount(satisfied=counts["satisfied"], neutral=counts["neutral"],
                           not_satisfied=counts["not_satisfied"])


class EvaluationPanel(Vertical):
    """Hand-raising at the close: how satisfied residents are with the meeting."""

    DEFAULT_CSS = """
    EvaluationPanel { height: auto; margin: 0 0 1 0; }
    EvaluationPanel #evaluation-question, EvaluationPanel #evaluation-fu-question { height: auto; text-style: bold; }
    EvaluationPanel .evaluation-row { height: 1; }
    EvaluationPanel .evaluation-row Label { width: auto; padding: 0 1 0 0; color: $text-muted; }
    EvaluationPanel .evaluation-row Input { width: 7; margin-right: 2; }
    EvaluationPanel #evaluation-error { color: $error; text-style: bold; height: auto; display: none; }
    EvaluationPanel #evaluation-error.-shown { display: block; }
    EvaluationPanel #evaluation-saved { height: auto; color: $text-muted; }
    """

    def __init__(self, files: Callable, *, readonly: bool = False, look_back: LookBackSource | None = None) -> None:
        super().__init__(id="evaluation")
        self.files = files
        self.readonly = readonly
        #: The meeting screen's kept look-back (the earlier session, read once); without it the file is read here.
        self.look_back = look_back
        #: In a follow-up meeting: the earlier session's id; its residents' view of the follow-up is counted too.
        self.earlier = files().session.follows
        self.follow_up_counts = EvaluationCount()

    def _rows(self) -> list[str]:
        """Field id prefixes: the meeting, and in a follow-up meeting also what became of last time's points."""
        return ["evaluation-", "evaluation-fu-"] if self.earlier else ["evaluation-"]

    def _ids(self) -> list[str]:
        return [prefix + key for prefix in self._rows() for key, _label in FIELDS]

    def compose(self) -> ComposeResult:
        counts = self.files().session.evaluation
        yield Static(_("Hoe tevreden bent u over dit gesprek? Tel de handen."), id="evaluation-question")
        yield from self._row("evaluation-", counts)
        if self.earlier:
            self.follow_up_counts = self._read_follow_up()
            yield Static(_("En over wat er met de punten van vorige keer gebeurde?"), id="evaluation-fu-question")
            yield from self._row("evaluation-fu-", self.follow_up_counts)
        yield Static("", id="evaluation-error", markup=False)
        yield Static(self._saved_text(), id="evaluation-saved")

    def _row(self, prefix: str, counts: EvaluationCount) -> ComposeResult:
        with Horizontal(classes="evaluation-row"):
            for key, label in FIELDS:
                yield Label(_(label))
                value = getattr(counts, key)
                yield OrderedInput(str(value) if counts.total else "", id=f"{prefix}{key}", compact=True,
                                   placeholder="0", disabled=self.readonly, on_enter=self._enter)

    def _store(self):
        return getattr(self.app, "store", None)

    def _read_follow_up(self) -> EvaluationCount:
        store = self._store()
        if store is None:
            return EvaluationCount()
        if self.look_back is not None:
            lb, _problem = self.look_back()
            return lb.earlier.follow_up_evaluation if lb is not None else EvaluationCount()
        try:
            with store.open(self.earlier, readonly=True) as sf:
                return sf.session.follow_up_evaluation
        except UserError:
            return EvaluationCount()

    def _saved_text(self) -> Text:
        counts = self.files().session.evaluation
        fu = self.follow_up_counts
        if not counts.total and not fu.total:
            return Text(_("Shift+Tab gaat naar de getallen. Enter bewaart."))
        text = Text()
        if counts.total:
            text.append(_("Bewaard: {satisfied} tevreden, {neutral} neutraal, {not_satisfied} niet tevreden.").format(
                satisfied=counts.satisfied, neutral=counts.neutral, not_satisfied=counts.not_satisfied))
        if fu.total:
            text.append((" " if counts.total else "") + _(
                "Vorige keer: {satisfied} tevreden, {neutral} neutraal, {not_satisfied} niet tevreden.").format(
                satisfied=fu.satisfied, neutral=fu.neutral, not_satisfied=fu.not_satisfied))
        return text

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
        if focused is None or focused not in list(self.query(Input)):
            self._inside = False

    def values(self, prefix: str = "evaluation-") -> dict[str, str]:
        return {key: self.query_one(f"#{prefix}{key}", Input).value for key, _label in FIELDS}

    def on_input_changed(self, event: Input.Changed) -> None:
        if not (event.input.id or "").startswith("evaluation-"):
            return
        event.stop()
        try:
            for prefix in self._rows():
                parse_evaluation(self.values(prefix))
        except UserError as exc:
            self._error(str(exc))
        else:
            self._error("")

    def _error(self, message: str) -> None:
        """Show one line saying what is wrong (the line takes no room while there is nothing to say)."""
        line = self.query_one("#evaluation-error", Static)
        line.update(message)
        line.set_class(bool(message), "-shown")

    def _enter(self, field: Input) -> None:
        """Enter in one of the fields: check its row, ask the meeting screen to save it, go on to the next field."""
        follow_up = (field.id or "").startswith("evaluation-fu-")
        try:
            counts = parse_evaluation(self.values("evaluation-fu-" if follow_up else "evaluation-"))
        except UserError as exc:
            self._error(str(exc))
            self.notify(str(exc), title=_("Niet bewaard"), severity="error", markup=False)
            return
        self._error("")
        self.post_message(messages.SaveEvaluation(counts, follow_up=follow_up, earlier=self.earlier))
        ids = self._ids()
        index = ids.index(field.id or "")
        if index + 1 < len(ids):
            self.screen.set_focus(self.query_one(f"#{ids[index + 1]}", Input))

    def saved(self, request: messages.SaveEvaluation) -> None:
        """The meeting screen saved the counts: say what is on disk now."""
        if request.follow_up:
            self.follow_up_counts = request.counts
        self.query_one("#evaluation-saved", Static).update(self._saved_text())
