"""One view per step type of the meeting (info, tally, topics, vote, discuss, agreements, contact).

A view shows what the step needs and turns the facilitator's input into a
request to the meeting screen (``self.meeting``), which does the saving.
Views read the session from the open session file; they hold no data of
their own, so :meth:`StepView.reload` can always redraw them from the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from wijksessie import i18n, model
from wijksessie.i18n import N_, _, ngettext
from wijksessie.model import ContributionKind
from wijksessie.tui.widgets.cells import LineInput
from wijksessie.tui.widgets.entries import EntryList
from wijksessie.tui.widgets.ranking import RankingView

if TYPE_CHECKING:
    from wijksessie.content import Step
    from wijksessie.tui.screens.meeting import MeetingScreen


def long_date(day) -> str:
    """A date as residents read it, in the interface language (e.g. 23 april 2026)."""
    if day is None:
        return ""
    from babel.dates import format_date  # imported when first needed: it slows every start

    try:
        return format_date(day, format="long", locale=i18n.current_language())
    except Exception:  # noqa: BLE001 - an unknown locale still gets a readable date
        return day.isoformat()


def contact_card(contact: model.ContactPoint) -> Text:
    """The contact point as a card: name large, then role, phone, e-mail, hours."""
    text = Text()
    if not contact.is_set:
        text.append(_("Nog geen aanspreekpunt ingevuld."), style="bold")
        return text
    text.append(contact.name + "\n", style="bold")
    for label, value in (
        (_("Functie"), contact.role),
        (_("Telefoon"), contact.phone),
        (_("E-mail"), contact.email),
        (_("Bereikbaar"), contact.hours),
    ):
        if value:
            text.append(f"{label}: ", style="dim")
            text.append(value + "\n")
    return text


def level_text(level: model.ParticipationLevel) -> Text:
    """The participation level in plain words, with what residents will hear."""
    text = Text()
    text.append(_("Hoeveel u vandaag kunt beslissen: "), style="dim")
    text.append(level.label + "\n", style="bold")
    text.append(level.explanation + "\n")
    text.append(level.promise, style="italic")
    return text


def parse_groups(text: str) -> dict[str, int]:
    """``"65+ = 4, jonger dan 30 = 2"`` → ``{"65+": 4, "jonger dan 30": 2}``; ValueError with a plain message."""
    groups: dict[str, int] = {}
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        for sep in ("=", ":"):
            if sep in part:
                name, _sep, number = part.rpartition(sep)
                break
        else:
            name, _sep, number = part.rpartition(" ")
        name, number = name.strip(), number.strip()
        if not name or not number.isdigit():
            raise ValueError(
                _("'{part}' begrijp ik niet. Schrijf het als: groep = aantal, bijvoorbeeld 65 jaar en ouder = 4.").format(
                    part=part
                )
            )
        groups[name] = int(number)
    return groups


class StepView(Vertical):
    """Base of all step views: knows its step and the meeting screen."""

    def __init__(self, meeting: "MeetingScreen", step: "Step") -> None:
        super().__init__(classes="step-view")
        self.meeting = meeting
        self.step = step

    @property
    def session(self) -> model.Session:
        return self.meeting.sf.session

    def reload(self) -> None:
        """Redraw from the store (after undo, or a change made in a dialog)."""

    def first_focus(self) -> Widget | None:
        """The widget that gets the keyboard when the step opens."""
        return None

    def entry_list(self) -> EntryList | None:
        """The list of contributions, if this view has one."""
        return None


class EntryPanel(Vertical):
    """The input line (Enter records at once), the chosen kind and theme, and the step's contributions."""

    def __init__(self, meeting: "MeetingScreen", step_id: str) -> None:
        super().__init__(classes="entry-panel")
        self.meeting = meeting
        self.step_id = step_id

    def compose(self) -> ComposeResult:
        yield Static(self.meeting.kind_bar_text(), id="kind-bar")
        yield LineInput(
            placeholder=_("Typ wat er gezegd wordt en druk op Enter"),
            id="entry",
            compact=True,
            disabled=self.meeting.readonly,
        )
        yield EntryList(self._contributions(), id="entries")

    def _contributions(self):
        return [c for c in self.meeting.sf.contributions() if c.step == self.step_id]

    def reload(self) -> None:
        self.query_one(EntryList).set_contributions(self._contributions())

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, EntryList):
            # In the list, letters are keys: say which, where the kind bar usually is.
            self.query_one("#kind-bar", Static).update(
                Text(_("e: aanpassen · d: weghalen · k: soort · t: thema · a: typen"), style="bold")
            )

    def on_descendant_blur(self, event) -> None:
        if isinstance(event.widget, EntryList):
            self.query_one("#kind-bar", Static).update(self.meeting.kind_bar_text())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id != "entry":
            return
        if self.meeting.record(event.value):
            event.input.value = ""


class InfoView(StepView):
    """Welcome, purpose, close: what residents can decide, when they will hear back."""

    def compose(self) -> ComposeResult:
        s = self.session
        if self.step.show == "level":
            yield Static(level_text(s.level), classes="info-card")
        elif self.step.show == "close":
            text = Text()
            if s.feedback_due:
                text.append(_("U hoort van ons vóór {date}.").format(date=long_date(s.feedback_due)) + "\n", style="bold")
            text.append(s.level.promise + "\n")
            if s.contact.is_set:
                text.append(_("Vragen? {name}, {phone}").format(name=s.contact.name, phone=s.contact.phone or s.contact.email))
            yield Static(text, classes="info-card")
        elif self.step.show == "privacy":
            yield Static(_("We schrijven geen namen op. Wat u zegt, komt zonder naam in de brief."), classes="info-card")
        yield EntryPanel(self.meeting, self.step.id)

    def first_focus(self):
        return self.query_one("#entry", Input)

    def entry_list(self):
        return self.query_one(EntryList)

    def reload(self) -> None:
        self.query_one(EntryPanel).reload()


class DiscussView(StepView):
    """Talk about the top themes: one theme at a time; contributions are tagged with it."""

    def compose(self) -> ComposeResult:
        yield Static(self._themes_text(), id="discuss-themes")
        yield EntryPanel(self.meeting, self.step.id)

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
        text.append(self.meeting.theme or _("(geen thema)"), style="bold reverse")
        others = [t for t in top if t != self.meeting.theme]
        if others:
            text.append("   " + _("daarna: ") + ", ".join(others), style="dim")
        return text

    def theme_changed(self) -> None:
        self.query_one("#discuss-themes", Static).update(self._themes_text())

    def first_focus(self):
        return self.query_one("#entry", Input)

    def entry_list(self):
        return self.query_one(EntryList)

    def reload(self) -> None:
        self.theme_changed()
        self.query_one(EntryPanel).reload()


class TallyView(StepView):
    """Count who is here (anonymous) and compare with the group the meeting wants to reach."""

    def compose(self) -> ComposeResult:
        tally = self.session.tally
        with Horizontal(classes="form-row"):
            yield Label(_("Aantal deelnemers"), classes="form-label")
            yield Input(str(tally.participants or ""), id="participants", type="integer", compact=True,
                        disabled=self.meeting.readonly)
        with Horizontal(classes="form-row"):
            yield Label(_("Groepen"), classes="form-label")
            yield Input(
                ", ".join(f"{k} = {v}" for k, v in tally.groups.items()),
                placeholder=_("groep = aantal, bijvoorbeeld 65 jaar en ouder = 4"),
                id="groups",
                compact=True,
                disabled=self.meeting.readonly,
            )
        yield Static(_("Enter: bewaren"), classes="hint")
        yield Static(self._check_text(), id="tally-check")

    def _check_text(self) -> Text:
        s = self.session
        text = Text()
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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        participants = self.query_one("#participants", Input).value.strip() or "0"
        if not participants.isdigit():
            self.notify(_("Het aantal deelnemers moet een heel getal zijn."), severity="error")
            return
        try:
            groups = parse_groups(self.query_one("#groups", Input).value)
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return
        if self.meeting.save_tally(int(participants), groups):
            self.query_one("#tally-check", Static).update(self._check_text())

    def reload(self) -> None:
        self.query_one("#tally-check", Static).update(self._check_text())

    def first_focus(self):
        return self.query_one("#participants", Input)


class TopicsView(StepView):
    """Residents name topics; each becomes a theme of the meeting. A theme list is offered, not imposed."""

    def compose(self) -> ComposeResult:
        yield Input(
            placeholder=_("Typ een onderwerp, of het nummer van een voorbeeld"),
            id="topic",
            compact=True,
            disabled=self.meeting.readonly,
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
        text.append(", ".join(themes) if themes else _("nog geen"))
        return text

    def _suggestions_text(self) -> Text:
        names = self.suggestions()
        if not names:
            return Text()
        text = Text(_("Voorbeelden (typ het nummer):") + " ", style="dim")
        text.append("  ".join(f"{n}\u00a0{name}" for n, name in enumerate(names, start=1)), style="dim")
        return text

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        names = self.suggestions()
        if value.isdigit() and 1 <= int(value) <= len(names):
            value = names[int(value) - 1]
        if self.meeting.add_theme(value):
            event.input.value = ""
            self.reload()

    def reload(self) -> None:
        self.query_one("#themes", Static).update(self._themes_text())

    def first_focus(self):
        return self.query_one("#topic", Input)


class VoteView(StepView):
    """Dot voting: + and - per theme, a live ranking; ties are shown as ties."""

    def compose(self) -> ComposeResult:
        method = _("stippen") if self.step.method == "dots" else _("punten")
        yield Static(
            _("Iedereen heeft {n} {method}. Kies een thema met ↑ ↓ en tel met + en -.").format(
                n=self.step.dots, method=method
            ),
            classes="hint",
        )
        yield RankingView(self.session.priorities, list(self.session.themes), id="ranking")
        yield Input(
            placeholder=_("Of typ: thema aantal, bijvoorbeeld Bewegen 4"),
            id="vote-line",
            compact=True,
            disabled=self.meeting.readonly,
        )

    def on_ranking_view_vote(self, event: RankingView.Vote) -> None:
        event.stop()
        self.meeting.vote(event.theme, event.n)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name, _sep, number = event.value.strip().rpartition(" ")
        if not name or not number.lstrip("-").isdigit():
            self.notify(_("Typ een thema en een aantal, bijvoorbeeld: Bewegen 4"), severity="warning")
            return
        theme = self.meeting.match_theme(name)
        if self.meeting.vote(theme, int(number)):
            event.input.value = ""

    def reload(self, keep: str | None = None) -> None:
        ranking = self.query_one(RankingView)
        ranking.show(self.session.priorities, list(self.session.themes), keep=keep or ranking.selected_theme)

    def first_focus(self):
        return self.query_one(RankingView)


class AgreementList(OptionList):
    """Agreements made in this step; d removes one (with a question first)."""

    BINDINGS = [Binding("d,delete", "delete", N_("Afspraak weghalen"), show=False, id="agreement-delete")]

    def action_delete(self) -> None:
        if self.highlighted is None or not self.option_count:
            return
        self.screen.delete_agreement(self.get_option_at_index(self.highlighted).id)


class AgreementsView(StepView):
    """Quick wins and agreements: what, who, by when."""

    def __init__(self, meeting, step, *, quick_win: bool) -> None:
        super().__init__(meeting, step)
        self.quick_win = quick_win

    def compose(self) -> ComposeResult:
        ro = self.meeting.readonly
        with Horizontal(classes="agreement-form"):
            yield Input(placeholder=_("Wat gebeurt er?"), id="what", compact=True, disabled=ro)
            yield Input(placeholder=_("Wie doet het?"), id="who", compact=True, disabled=ro)
            yield Input(placeholder=_("Wanneer (JJJJ-MM-DD)"), id="when", compact=True, disabled=ro)
        yield Static(_("Enter: volgende veld; in het laatste veld wordt de afspraak bewaard."), classes="hint")
        yield AgreementList(*self._options(), id="agreements")

    def _options(self) -> list[Option]:
        options = []
        for a in self.meeting.sf.agreements():
            if a.quick_win != self.quick_win:
                continue
            text = Text()
            text.append(a.what, style="bold")
            if a.who:
                text.append(" \u2014 " + a.who)
            if a.by_when:
                text.append(" \u2014 " + _("vóór {date}").format(date=long_date(a.by_when)), style="dim")
            options.append(Option(text, id=a.id))
        return options

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        what = self.query_one("#what", Input)
        if event.input.id != "when":
            self.screen.focus_next()
            return
        saved = self.meeting.add_agreement(
            what.value, self.query_one("#who", Input).value, self.query_one("#when", Input).value, self.quick_win
        )
        if saved:
            for field in ("#what", "#who", "#when"):
                self.query_one(field, Input).value = ""
            what.focus()
            self.reload()

    def reload(self) -> None:
        agreements = self.query_one(AgreementList)
        agreements.set_options(self._options())

    def first_focus(self):
        return self.query_one("#what", Input)


class ContactView(StepView, can_focus=True):
    """The contact point as a card; Enter or c to fill it in or change it."""

    BINDINGS = [Binding("enter,c,e", "edit_contact", N_("Aanspreekpunt aanpassen"), show=False, id="contact-edit")]

    def compose(self) -> ComposeResult:
        yield Static(contact_card(self.session.contact), id="contact-card", classes="info-card")
        yield Static(_("Druk op Enter om het aanspreekpunt in te vullen of aan te passen."), classes="hint")

    def action_edit_contact(self) -> None:
        self.meeting.action_contact()

    def reload(self) -> None:
        self.query_one("#contact-card", Static).update(contact_card(self.session.contact))

    def first_focus(self):
        return self


def make_view(meeting: "MeetingScreen", step: "Step") -> StepView:
    """The view for a step, by its type."""
    if step.type == "tally":
        return TallyView(meeting, step)
    if step.type == "topics":
        return TopicsView(meeting, step)
    if step.type == "vote":
        return VoteView(meeting, step)
    if step.type == "discuss":
        return DiscussView(meeting, step)
    if step.type in ("quick_wins", "agreements"):
        return AgreementsView(meeting, step, quick_win=step.type == "quick_wins")
    if step.type == "contact":
        return ContactView(meeting, step)
    return InfoView(meeting, step)


KIND_KEYS = (
    ("f2", ContributionKind.IDEA),
    ("f3", ContributionKind.PROBLEM),
    ("f4", ContributionKind.QUESTION),
    ("f5", ContributionKind.EXPERIENCE),
)
