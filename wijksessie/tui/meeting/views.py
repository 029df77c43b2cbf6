"""One view per step type of the meeting (info, tally, topics, vote, discuss, agreements, contact).

A view shows what the step needs, checks what is typed with
:mod:`wijksessie.inputs` (one line saying what is wrong, nothing saved), and
posts a request (:mod:`wijksessie.tui.messages`) that the meeting screen saves.
Views hold no data of their own: :meth:`StepView.reload` redraws them from the store.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wijksessie import inputs, model
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _, ngettext
from wijksessie.safe_text import terminal_safe
from wijksessie.tui import messages
from wijksessie.tui.meeting.base import EntryPanel, EntryStepView, KindBar, StepView, error_line
from wijksessie.tui.meeting.texts import contact_card, level_text, long_date
from wijksessie.tui.widgets.cells import OrderedInput
from wijksessie.tui.widgets.ranking import RankingView

__all__ = [
    "AgreementList", "AgreementsView", "ContactView", "DiscussView", "EntryPanel", "InfoView", "KindBar",
    "StepView", "TallyView", "TopicsView", "VoteView", "make_view",
]


class InfoView(EntryStepView):
    """Welcome, purpose, close: what residents can decide, when they will hear back."""

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
                text.append(_("Vragen? {name}, {phone}").format(
                    name=terminal_safe(s.contact.name), phone=terminal_safe(s.contact.phone or s.contact.email)))
            yield Static(text, classes="info-card")
            from wijksessie.tui.meeting.evaluation import EvaluationPanel  # loop-tui: hands raised at the close

            yield EvaluationPanel(self.files, readonly=self.readonly)
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
        text.append(_("Bewaard: {n} deelnemers").format(n=s.tally.participants), style="bold")
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
                _("Er zijn weinig mensen uit de groep '{group}'. Vraag na het gesprek wie zij kunnen bereiken.").format(
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
            from wijksessie import content

            return [t.shown_name() for t in content.get_theme_list(self.step.themes).themes]
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
            _("Iedereen heeft {n} stemmen. Typ: thema aantal, bijvoorbeeld Bewegen 4: dat telt er 4 bij "
              "(Bewegen -1 haalt er 1 af). Of kies met \u2191 \u2193 en tel met + en -.").format(n=self.step.dots),
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
            error_line(self.query_one("#vote-error", Static), _(
                "{total} stemmen: meer dan {people} mensen met elk {dots} stemmen kunnen geven ({most}). "
                "Klopt een aantal niet? Typ het thema met een min, bijvoorbeeld Bewegen -10."
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

    def __init__(self, *args, quick_win: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
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
        now = self.today() if self.today else dt.date.today()
        return now.date() if isinstance(now, dt.datetime) else now  # type: ignore[return-value]

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


def make_view(step, files, **kwargs) -> StepView:
    """The view for a step, by its type (``kwargs``: readonly, kind, theme, today)."""
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
    return InfoView(step, files, **kwargs)
