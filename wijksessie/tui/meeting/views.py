"""One view per step type of the meeting, and :func:`make_view` that picks it.

A view shows what the step needs, checks what is typed with
:mod:`wijksessie.inputs` (one line saying what is wrong, nothing saved), and
posts a request (:mod:`wijksessie.tui.messages`) that the meeting screen saves.
Views hold no data of their own: :meth:`StepView.reload` redraws them from the store.

Here: welcome, purpose and close (info), the discussion, the contact point.
By subject in their own modules: ``tally`` (who is here), ``themes`` (topics
and the vote), ``agreements`` (quick wins and agreements); their names are
importable from here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, TypedDict

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from wijksessie.i18n import N_, _
from wijksessie.model import ContributionKind
from wijksessie.safe_text import terminal_safe
from wijksessie.tui import messages
from wijksessie.tui.meeting.agreements import AgreementList, AgreementsView
from wijksessie.tui.meeting.base import EntryPanel, EntryStepView, KindBar, StepView
from wijksessie.tui.meeting.tally import TallyView
from wijksessie.tui.meeting.texts import contact_card, level_text, long_date
from wijksessie.tui.meeting.themes import TopicsView, VoteLine, VoteView

if TYPE_CHECKING:
    from wijksessie.content import Step
    from wijksessie.store import SessionFile
    from wijksessie.tui.meeting.lookback import LookBackSource

__all__ = [
    "AgreementList", "AgreementsView", "ContactView", "DiscussView", "EntryPanel", "InfoView", "KindBar",
    "StepView", "TallyView", "TopicsView", "VoteLine", "VoteView", "make_view",
]


class InfoView(EntryStepView):
    """Welcome, purpose, close: what residents can decide, when they will hear back.

    ``look_back`` gives the look-back of a follow-up meeting as the meeting screen keeps it (read once);
    without it, the earlier session is read here.
    """

    def __init__(self, step: Step, files: Callable[[], SessionFile], *, readonly: bool = False,
                 kind: ContributionKind = ContributionKind.IDEA, theme: str = "",
                 today: Callable[[], dt.datetime] | None = None, look_back: LookBackSource | None = None) -> None:
        super().__init__(step, files, readonly=readonly, kind=kind, theme=theme, today=today)
        self.look_back = look_back

    def compose(self) -> ComposeResult:
        s = self.session
        if self.step.show == "level":
            from wijksessie.tui.meeting import lookback  # loop-tui: a follow-up meeting opens with a look-back

            yield from lookback.panels(self)
            yield Static(level_text(s.level), classes="info-card")
        elif self.step.show == "close":
            text = Text()
            if s.feedback_due:
                text.append(_("U hoort van ons vóór {date}.").format(date=long_date(s.feedback_due)) + "\n", style="bold")
            text.append(s.level.promise + "\n")
            if s.contact.is_set:
                text.append(_("Vragen? Aanspreekpunt: {name}, {phone}").format(
                    name=terminal_safe(s.contact.name), phone=terminal_safe(s.contact.phone or s.contact.email)))
            yield Static(text, classes="info-card")
            from wijksessie.tui.meeting.evaluation import EvaluationPanel  # loop-tui: hands raised at the close

            yield EvaluationPanel(self.files, readonly=self.readonly, look_back=self.look_back)
        elif self.step.show == "privacy":
            yield Static(_("We schrijven geen namen op. Wat u zegt, komt zonder naam in de brief."), classes="info-card")
        yield EntryPanel(self)

    def saved(self, request: messages.MeetingRequest) -> None:
        if isinstance(request, messages.SaveEvaluation):
            from wijksessie.tui.meeting.evaluation import EvaluationPanel

            for panel in self.query(EvaluationPanel):
                panel.saved(request)
            return
        super().saved(request)


class DiscussView(EntryStepView):
    """Talk about the top themes: one theme at a time; contributions are tagged with it."""

    DEFAULT_CSS = """
    DiscussView #discuss-themes { height: auto; margin: 0 0 1 0; }
    """

    def compose(self) -> ComposeResult:
        yield Static(self._themes_text(), id="discuss-themes")
        yield EntryPanel(self)

    def top_themes(self) -> list[str]:
        top = self.session.priorities.top(self.step.top)
        return top or list(self.session.themes[: self.step.top])

    def _themes_text(self) -> Text:
        text = Text()
        top = self.top_themes()
        if not top:
            text.append(_("Er zijn nog geen thema's gekozen. U kunt toch inbreng vastleggen."), style="italic")
            return text
        text.append(_("Nu bespreken: "), style="dim")
        text.append(terminal_safe(self.theme, oneline=True) or _("(geen thema)"), style="bold reverse")
        others = [t for t in top if t != self.theme]
        if others:
            text.append("   " + _("daarna: ") + ", ".join(terminal_safe(t, oneline=True) for t in others), style="dim")
        return text

    def watch_theme(self, theme: str) -> None:
        super().watch_theme(theme)
        self.query_one("#discuss-themes", Static).update(self._themes_text())

    def reload(self) -> None:
        self.query_one("#discuss-themes", Static).update(self._themes_text())
        super().reload()


class ContactView(StepView, can_focus=True):
    """The contact point as a card; Enter or c to fill it in or change it."""

    DEFAULT_CSS = """
    ContactView:focus { background: $boost; }
    """

    BINDINGS = [Binding("enter,c,e", "edit_contact", N_("Aanspreekpunt aanpassen"), show=False, id="contact-edit")]

    def compose(self) -> ComposeResult:
        yield Static(contact_card(self.session.contact), id="contact-card", classes="info-card")
        yield Static(_("Druk op Enter om het aanspreekpunt in te vullen of aan te passen."), classes="hint")

    def action_edit_contact(self) -> None:
        self.post_message(messages.EditContact())

    def reload(self) -> None:
        self.query_one("#contact-card", Static).update(contact_card(self.session.contact))

    def first_focus(self):
        return self

    def key_help(self) -> str:
        return _("Druk op Enter om het aanspreekpunt in te vullen.")


class ViewOptions(TypedDict):
    """What every step view is made with besides its step and session (see :class:`StepView`)."""

    readonly: bool
    kind: ContributionKind
    theme: str
    today: Callable[[], dt.datetime] | None


def make_view(step: Step, files: Callable[[], SessionFile], *, readonly: bool = False,
              kind: ContributionKind = ContributionKind.IDEA, theme: str = "",
              today: Callable[[], dt.datetime] | None = None,
              look_back: LookBackSource | None = None) -> StepView:
    """The view for a step, by its type; ``look_back`` is the meeting screen's kept look-back (info steps)."""
    kwargs: ViewOptions = {"readonly": readonly, "kind": kind, "theme": theme, "today": today}
    if step.type == "tally":
        return TallyView(step, files, **kwargs)
    if step.type == "topics":
        return TopicsView(step, files, **kwargs)
    if step.type == "vote":
        return VoteView(step, files, **kwargs)
    if step.type == "discuss":
        return DiscussView(step, files, **kwargs)
    if step.type in ("quick_wins", "agreements"):
        return AgreementsView(step, files, quick_win=step.type == "quick_wins", **kwargs)
    if step.type == "contact":
        return ContactView(step, files, **kwargs)
    return InfoView(step, files, look_back=look_back, **kwargs)
