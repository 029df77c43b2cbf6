"""The look-back that opens a follow-up meeting: what became of every point of last time.

Shown at the welcome step when the session follows an earlier one
(``session.follows``, see :func:`wijksessie.feedback.look_back`): on the
laptop as a box above the welcome text (points kept off the projector are
marked), and on the projector view (room view) without those points, so the
room starts with the answer to "what happened with what we said?".

The earlier session is read once per opened session: the meeting screen keeps
the result (``MeetingScreen.look_back``) and passes it to the laptop's
box, the projector view and the evaluation at the close, so a redraw, F9 or a
resize reads no file.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from wijksessie import feedback
from wijksessie.errors import UserError
from wijksessie.i18n import _, ngettext
from wijksessie.model import DecisionStatus, Session
from wijksessie.safe_text import terminal_safe
from wijksessie.tui.meeting.texts import long_date

#: (look-back, problem) as :func:`read_look_back` gives it.
LookBackResult = tuple[feedback.LookBack | None, str]

#: Gives the look-back of the opened session, read once and kept (``MeetingScreen.look_back``).
LookBackSource = Callable[[], LookBackResult]


def read_look_back(store, session: Session) -> LookBackResult:
    """(look-back, problem): ``(None, "")`` when the session follows none; a problem line when it cannot be read."""
    if not session.follows or store is None:
        return None, ""
    try:
        return feedback.look_back(store, session), ""
    except UserError as exc:
        return None, str(exc)


def _outcome(point: feedback.LookBackPoint) -> str:
    if point.status is DecisionStatus.UNDER_REVIEW and point.due:
        # One whole message, not the status label with words slotted after it.
        return _("wordt uitgezocht, u hoort het vóór {date}").format(date=long_date(point.due))
    return point.status.label


def look_back_text(lb: feedback.LookBack, *, room: bool = False, gap: str = "\n") -> Text:
    """What became of last time's points and agreements; ``room`` leaves out the points hidden from the room."""
    text = Text()
    text.append(_("Terugblik: wat er gebeurde met wat u vorige keer zei") + "\n", style="bold")
    text.append(_("Vorig gesprek: {title}, {date}.").format(
        title=terminal_safe(lb.earlier.title, oneline=True), date=long_date(lb.earlier.date)) + "\n")
    points = [p for p in lb.points if not (room and p.hidden_in_room)]
    if not points and not lb.agreements:
        text.append(_("Vorige keer is niets opgeschreven.") + "\n", style="italic")
    for p in points:
        text.append("\u2022 " + " ".join(terminal_safe(p.text).split()), style="not bold")
        text.append(" \u2014 ")
        text.append(_outcome(p), style="bold")
        if p.hidden_in_room and not room:
            text.append("  " + _("(niet op het zaalscherm)"), style="dim")
        if p.reason:
            text.append("\n  " + _("Waarom: {reason}").format(reason=terminal_safe(p.reason, oneline=True)),
                        style="not bold")
        text.append(gap)
    if lb.agreements:
        text.append(_("Afspraken van vorige keer:") + "\n", style="bold")
        for a in lb.agreements:
            text.append("\u2022 " + terminal_safe(a.what, oneline=True), style="not bold")
            text.append(" \u2014 ")
            text.append(a.state.label, style="bold")
            if a.reason:
                text.append(" (" + terminal_safe(a.reason, oneline=True) + ")", style="not bold")
            text.append(gap)
    return text


def room_look_back(result: LookBackResult, *, big: bool = False) -> Text:
    """The look-back for the projector (empty when the session follows none), followed by a blank line."""
    lb, _problem = result
    if lb is None:
        return Text()
    text = look_back_text(lb, room=True, gap="\n\n" if big else "\n")
    text.append("\n")
    return text


#: From this many rows the laptop shows the whole look-back; below it, one short line (F9 shows all).
TALL = 34


def summary_text(lb: feedback.LookBack) -> Text:
    """One short line: how many points last time, how many have an answer, and where to read it all."""
    answered = sum(1 for p in lb.points if p.status.answered)
    text = Text()
    text.append(_("Terugblik: {date}.").format(date=long_date(lb.earlier.date)) + " ", style="bold")
    text.append(ngettext("{n} punt, {answered} met een antwoord.", "{n} punten, {answered} met een antwoord.",
                         len(lb.points)).format(n=len(lb.points), answered=answered))
    text.append(" " + _("F9: alles op het zaalscherm."))
    return text


class LookBackPanel(Vertical):
    """The look-back on the laptop above the welcome text: all of it on a tall screen, else one short line."""

    DEFAULT_CSS = """
    LookBackPanel { height: auto; margin: 0 0 1 0; }
    LookBackPanel #look-back-summary { height: auto; color: $success; }
    LookBackPanel.-problem #look-back-summary { color: $error; }
    LookBackPanel #look-back-scroll { height: auto; max-height: 10; border: round $success; padding: 0 1; }
    LookBackPanel #look-back-text { height: auto; }
    """

    def __init__(self, result: LookBackResult) -> None:
        super().__init__(id="look-back")
        self.result = result

    def compose(self) -> ComposeResult:
        lb, problem = self.result
        if problem:
            self.add_class("-problem")
            yield Static(Text(problem), id="look-back-summary")
        elif lb is not None:
            yield Static(summary_text(lb), id="look-back-summary")
            with VerticalScroll(id="look-back-scroll"):
                yield Static(look_back_text(lb), id="look-back-text")

    def on_mount(self) -> None:
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        tall = self.app.size.height >= TALL
        for scroll in self.query("#look-back-scroll"):
            scroll.display = tall
        for summary in self.query("#look-back-summary"):
            summary.display = not tall or self.has_class("-problem")


def panels(view) -> ComposeResult:
    """For a step view's compose: the look-back box when its session follows an earlier one."""
    source: LookBackSource | None = getattr(view, "look_back", None)
    if not view.session.follows or getattr(view.app, "store", None) is None:
        return
    yield LookBackPanel(source() if source is not None else read_look_back(view.app.store, view.session))
