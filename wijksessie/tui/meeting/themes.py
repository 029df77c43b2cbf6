"""The steps about themes: residents name topics, then vote on them.

Step views (:mod:`wijksessie.tui.meeting.base`): they check what is typed and
post :class:`~wijksessie.tui.messages.AddTheme` or
:class:`~wijksessie.tui.messages.Vote`; the meeting screen saves.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, Static

from wijksessie import inputs
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _, ngettext
from wijksessie.safe_text import terminal_safe
from wijksessie.tui import messages
from wijksessie.tui.meeting.base import StepView, error_line
from wijksessie.tui.widgets.cells import OrderedInput
from wijksessie.tui.widgets.ranking import RankingView


class TopicsView(StepView):
    """Residents name topics; each becomes a theme of the meeting. A theme list is offered, not imposed."""

    DEFAULT_CSS = """
    TopicsView #topic { margin: 0 0 1 0; background: $boost; }
    TopicsView #themes, TopicsView #suggestions { height: auto; }
    """

    def compose(self) -> ComposeResult:
        yield OrderedInput(
            placeholder=_("Typ een onderwerp, of het nummer van een voorbeeld"),
            id="topic",
            compact=True,
            disabled=self.readonly,
            on_enter=self._enter,
        )
        yield Static(self._themes_text(), id="themes")
        yield Static(self._suggestions_text(), id="suggestions")

    def suggestions(self) -> list[str]:
        if not self.step.themes:
            return []
        try:
            from wijksessie import agendacache  # cached: no YAML read when the session opens at this step

            return [t.shown_name() for t in agendacache.get_theme_list(self.step.themes).themes]
        except Exception:  # noqa: BLE001 - suggestions are optional; a broken list only loses them
            return []

    def _themes_text(self) -> Text:
        themes = self.session.themes
        text = Text(ngettext("{n} thema genoemd", "{n} thema's genoemd", len(themes)).format(n=len(themes)) + ": ",
                    style="bold")
        text.append(", ".join(terminal_safe(t, oneline=True) for t in themes) if themes else _("nog geen"))
        return text

    def _suggestions_text(self) -> Text:
        names = self.suggestions()
        if not names:
            return Text()
        text = Text(_("Voorbeelden (typ het nummer):") + " ", style="dim")
        # No break inside one example: "5 Natuur en groen" stays on one line.
        text.append("  ".join(f"{n}\u00a0" + name.replace(" ", "\u00a0") for n, name in enumerate(names, start=1)),
                    style="dim")
        return text

    def _enter(self, field: Input) -> None:
        """Enter, in typing order: the line is emptied at once for the next topic."""
        value = field.value.strip()
        if not value:
            self.notify(_("Er staat nog niets. Typ een onderwerp en druk dan op Enter."), severity="warning",
                        markup=False)
            return
        names = self.suggestions()
        if value.isdigit():
            if not 1 <= int(value) <= len(names):
                self.notify(_("Er is geen voorbeeld met nummer {n}. Typ een nummer uit de lijst of een woord.").format(
                    n=value), severity="warning", markup=False)
                return
            value = names[int(value) - 1]
        field.value = ""
        self.post_message(messages.AddTheme(value))

    def not_saved(self, request: messages.MeetingRequest) -> None:
        field = self.query_one("#topic", Input)
        if isinstance(request, messages.AddTheme) and not field.value:
            field.value = request.name

    def reload(self) -> None:
        self.query_one("#themes", Static).update(self._themes_text())

    def first_focus(self):
        return self.query_one("#topic", Input)


class VoteLine(OrderedInput):
    """The line for "theme number"; on an empty line ↑ ↓ choose a theme and + - count, as in the list."""

    BINDINGS = [
        Binding("up", "move(-1)", N_("Vorig thema"), show=False),
        Binding("down", "move(1)", N_("Volgend thema"), show=False),
        # Priority: otherwise the line takes them as characters before any binding is asked.
        Binding("plus", "count(1)", N_("Stem erbij"), show=False, priority=True),
        Binding("minus", "count(-1)", N_("Stem eraf"), show=False, priority=True),
    ]

    class Nudge(Message):
        """Move the ranking's cursor (``move``) or count on its theme (``count``)."""

        def __init__(self, what: str, n: int) -> None:
            super().__init__()
            self.what = what
            self.n = n

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "count":
            return not self.value  # on a typed line, + and - are just characters
        return True

    def action_move(self, n: int) -> None:
        self.post_message(self.Nudge("move", n))

    def action_count(self, n: int) -> None:
        self.post_message(self.Nudge("count", n))


class VoteView(StepView):
    """Voting: type "theme number", or choose a theme with ↑ ↓ and count with + and -; ties are shown as ties."""

    DEFAULT_CSS = """
    VoteView #vote-line { margin: 0; background: $boost; }
    VoteView #ranking { height: auto; max-height: 100%; margin: 1 0 0 0; }
    """

    def compose(self) -> ComposeResult:
        yield Static(
            ngettext("Iedereen heeft {n} stem. Typ: thema aantal, bijvoorbeeld Bewegen 4: dat telt er 4 bij "
                     "(Bewegen -1 haalt er 1 af). Of kies met \u2191 \u2193 en tel met + en -.",
                     "Iedereen heeft {n} stemmen. Typ: thema aantal, bijvoorbeeld Bewegen 4: dat telt er 4 bij "
                     "(Bewegen -1 haalt er 1 af). Of kies met \u2191 \u2193 en tel met + en -.",
                     self.step.dots).format(n=self.step.dots),
            classes="hint",
        )
        yield VoteLine(
            placeholder=_("thema aantal, bijvoorbeeld Bewegen 4"),
            id="vote-line",
            compact=True,
            disabled=self.readonly,
            on_enter=self._enter,
        )
        yield Static("", id="vote-error", classes="input-error")
        yield RankingView(self.session.priorities, list(self.session.themes), id="ranking")

    def on_mount(self) -> None:
        error_line(self.query_one("#vote-error", Static), "")

    def on_ranking_view_vote(self, event: RankingView.Vote) -> None:
        event.stop()
        self.post_message(messages.Vote(event.theme, event.n))

    def on_vote_line_nudge(self, event: VoteLine.Nudge) -> None:
        event.stop()
        ranking = self.query_one(RankingView)
        if event.what == "move":
            ranking.action_move(event.n)
        else:
            ranking.action_vote(event.n)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not event.value.strip():
            error_line(self.query_one("#vote-error", Static), "")

    def _enter(self, field: Input) -> None:
        """Enter, in typing order: a line that can be counted is emptied at once; otherwise it stays, with why."""
        try:
            theme, n = inputs.parse_vote_line(field.value, list(self.session.themes))
        except UserError as exc:
            error_line(self.query_one("#vote-error", Static), str(exc))
            return
        error_line(self.query_one("#vote-error", Static), "")
        field.value = ""
        self.post_message(messages.Vote(theme, n, typed=True))

    def saved(self, request: messages.MeetingRequest) -> None:
        self.reload(keep=request.theme if isinstance(request, messages.Vote) else None)
        if isinstance(request, messages.Vote):
            self._check_total()

    def _check_total(self) -> None:
        """Say so when there are more votes than the people counted can have given (a typo like 100 for 10)."""
        session = self.session
        total = sum(session.priorities.votes.values())
        most = session.tally.participants * self.step.dots
        if session.priorities.method == "dots" and session.tally.participants and total > most:
            # Each count after a label and a colon: right for 1 and for every number, in every language.
            error_line(self.query_one("#vote-error", Static), _(
                "Er zijn meer stemmen dan kan: {total}. Deelnemers: {people}. Stemmen per persoon: {dots}. "
                "Samen ten hoogste: {most}. Klopt een aantal niet? Typ het thema met een min, bijvoorbeeld Bewegen -10."
            ).format(total=total, people=session.tally.participants, dots=self.step.dots, most=most))

    def not_saved(self, request: messages.MeetingRequest) -> None:
        field = self.query_one("#vote-line", Input)
        if isinstance(request, messages.Vote) and request.typed and not field.value:
            field.value = f"{request.theme} {request.n}"

    def reload(self, keep: str | None = None) -> None:
        ranking = self.query_one(RankingView)
        ranking.show(self.session.priorities, list(self.session.themes), keep=keep or ranking.selected_theme)

    def first_focus(self):
        return self.query_one("#vote-line", Input)

    def key_help(self) -> str:
        return _("Kies een thema met \u2191 \u2193 en tel met + en -. Druk op a om thema en aantal te typen.")
