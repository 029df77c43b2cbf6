"""The meeting screen: agenda, the current step, a timer, and recording as fast as people talk.

Every change goes through the open :class:`~wijksessie.store.SessionFile`,
which has written it to disk when it returns; only then does the save
indicator say "Opgeslagen". Moving between steps saves ``current_step``
and ``steps_done``, so reopening the session continues where it stopped.
The time spent per step is kept on disk too (every 15 seconds, and at every
step change), so after a crash the step timer and the meeting clock go on
where they were.

The step views (:mod:`wijksessie.tui.meeting`) never save: they post requests
(:mod:`wijksessie.tui.messages`) that this screen handles, then tells the view
it was saved. The kind and theme of the next contribution are reactive
attributes of this screen, passed down to the view.

This module holds the layout, moving between steps and the keys; the rest of
the screen is in mixins by subject, in :mod:`wijksessie.tui.meeting`:
``recording`` (saving in typing order, the indicator, undo), ``timer`` (the
clocks), ``handlers`` (the step views' requests, the prompts and contact dialogs, the list's keys, the
personal-data line), ``lending`` (letting go of the session while the
follow-up or letter screen has it); ``host`` says what each of them may use.

A new contribution is shown first and saved right after that frame (the
indicator says "Opslaan…" meanwhile): the facilitator sees the row at once,
and the disk's fsyncs stay out of the key's latency. Any other store call,
leaving the screen and closing the session first finish such pending saves,
so the order on disk is the order of typing. After the save, the text is
checked for personal data (a phone number, an e-mail address, a name with a
health detail); a line above the step says so and offers ctrl+o, until that
contribution is fixed, removed, or another one is typed.

Keys are chosen so that typing never triggers them: while the input line
has the keyboard, only function keys and ctrl-keys act (F2–F5 kind, F6 theme,
F7/F8 step, F9 room view, ctrl+z undo). Esc leaves the input line; then
single letters work too (r room view, p prompts, u undo, e/d on a row).
A letter that does nothing where the keyboard is gets a short notice saying
which keys work there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive, var
from textual.widget import Widget
from textual.widgets import Footer, Input, Static

from wijksessie import agendacache, model
from wijksessie.contentrecords import Agenda
from wijksessie.i18n import N_, _
from wijksessie.model import Contribution, ContributionKind
from wijksessie.safe_text import terminal_safe
from wijksessie.store import SessionFile
from wijksessie.tui.base import TranslatedScreen
from wijksessie.tui.meeting import DiscussView, StepView, VoteView, make_view
from wijksessie.tui.meeting.base import kind_bar_text
from wijksessie.tui.meeting.handlers import ListActions, PersonalDataLine, StepRequests
from wijksessie.tui.meeting.lending import LendsSession
from wijksessie.tui.meeting.recording import Recording
from wijksessie.tui.meeting.timer import TIMER_SAVE_SECONDS, StepTimer, minutes_seconds
from wijksessie.tui.widgets.cells import TextCell
from wijksessie.tui.widgets.entries import AgendaList, EntryList

if TYPE_CHECKING:
    from wijksessie.tui.meeting.lookback import LookBackResult

__all__ = ["MeetingScreen", "TIMER_SAVE_SECONDS", "minutes_seconds"]


class MeetingScreen(Recording, StepTimer, PersonalDataLine, StepRequests, ListActions, LendsSession,
                    TranslatedScreen[None]):
    """Run a meeting: one step at a time, everything saved the moment it is entered."""

    DEFAULT_CSS = """
    MeetingScreen #topbar { height: 1; background: $primary-background; }
    MeetingScreen #session-title { width: 1fr; padding: 0 1; text-wrap: nowrap; text-overflow: ellipsis; }
    /* Fixed widths: these texts change every second or on every save, and a
       fixed width means no new layout of the screen for it. */
    MeetingScreen #clock { width: 22; padding: 0 1; }
    MeetingScreen #save-state { width: 21; padding: 0 1; background: $success-darken-2; }
    MeetingScreen #save-state.-error, MeetingScreen #save-state.-readonly { background: $error; text-style: bold; }
    MeetingScreen #privacy-bar { height: auto; padding: 0 1; background: $warning 30%; color: $text; display: none; }
    MeetingScreen #privacy-bar.-shown { display: block; }
    MeetingScreen #body { height: 1fr; }
    MeetingScreen #agenda {
        width: 24; height: 1fr; border: none; border-right: vkey $primary-background; padding: 0;
    }
    MeetingScreen #main { width: 1fr; padding: 0 1; }
    MeetingScreen #step-head { height: 1; }
    MeetingScreen #step-title { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    MeetingScreen #timer { width: 21; text-align: right; padding: 0 1; }
    MeetingScreen #timer.-over { background: $error; color: $text; text-style: bold; }
    MeetingScreen #prompts {
        height: auto; max-height: 7; color: $text; padding: 0 0 0 1; border-left: thick $accent; margin: 0 0 1 0;
    }
    MeetingScreen #step-area { height: 1fr; }
    """

    HELP = N_(
        "Typ wat iemand zegt en druk op Enter: het staat meteen op schijf. "
        "Kies de soort met F2 tot F5. Met F6 kiest u het thema: typ de eerste letters en druk op Enter. "
        "Met F8 gaat u naar de volgende stap. Met F9 ziet de zaal het grote scherm. "
        "Esc gaat van de invoerregel naar de lijst. Daar past u met e een regel aan: tekst, soort en thema. "
        "Met d haalt u een regel weg. Met v komt een regel niet op het zaalscherm."
    )

    #: Keys typed right after a step change (or F9) wait for the new step (the projector view) (tui/keyhold.py).
    HOLD_KEYS_DURING = frozenset({"next_step", "previous_step", "room"})

    BINDINGS = [
        Binding("f8,ctrl+n", "next_step", N_("Volgende stap"), id="next-step"),
        Binding("f7,ctrl+b", "previous_step", N_("Vorige stap"), show=False, id="previous-step"),
        # Not in the footer: the kind bar above the input line shows F6 with the chosen theme.
        Binding("f6,ctrl+t", "pick_theme", N_("Thema kiezen"), show=False, id="next-theme"),
        Binding("f9", "room", N_("Zaalscherm"), id="room"),
        Binding("r", "room", N_("Zaalscherm"), show=False),
        Binding("ctrl+z", "undo", N_("Herstel"), id="undo"),
        Binding("u", "undo", N_("Herstel"), show=False),
        Binding("f2", "kind('idea')", N_("Soort: idee"), show=False, id="kind-idea"),
        Binding("f3", "kind('problem')", N_("Soort: probleem"), show=False, id="kind-problem"),
        Binding("f4", "kind('question')", N_("Soort: vraag"), show=False, id="kind-question"),
        Binding("f5", "kind('experience')", N_("Soort: ervaring"), show=False, id="kind-experience"),
        Binding("p", "edit_prompts", N_("Zinnen aanpassen"), show=False, id="edit-prompts"),
        Binding("c", "contact", N_("Aanspreekpunt"), show=False, id="contact"),
        Binding("f", "followup", N_("Opvolging"), show=False, id="meeting-followup"),
        Binding("b", "letter", N_("Brief"), show=False, id="meeting-letter"),
        Binding("a,i,slash", "type", N_("Typen"), show=False, id="type"),
        Binding("escape", "leave", N_("Van de invoerregel naar de lijst"), show=False, id="leave"),
        Binding("h", "home", N_("Naar het overzicht van sessies"), show=False, id="home"),
        Binding("ctrl+o", "anonymise", N_("Weghalen"), id="anonymise"),
    ]

    #: Which step of the agenda is shown; the step's title, prompts and the agenda follow it.
    index: var[int] = var(0, init=False)
    #: The kind and theme the next contribution gets; both stay until changed.
    kind: reactive[ContributionKind] = reactive(ContributionKind.IDEA, init=False)
    theme: reactive[str] = reactive("", init=False)
    #: What the save indicator says.
    save_state: reactive[str] = reactive("", init=False)

    def __init__(self, sf: SessionFile, *, clock: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__()
        self.sf = sf
        self.readonly = sf.readonly
        self.clock = clock or model.now
        self.agenda = self._load_agenda()
        self.steps = list(self.agenda.steps)
        ids = [s.id for s in self.steps]
        current = sf.session.current_step
        self.set_reactive(MeetingScreen.index, ids.index(current) if current in ids else 0)
        self.undo_stack: list[tuple[str, Callable[[], object]]] = []
        # Contributions shown but not yet on disk (saved right after the frame that shows them).
        self._pending: list[tuple[Contribution, EntryList | None]] = []
        # The id of the last contribution with a personal-data warning, for ctrl+o.
        self._privacy_offer: str | None = None
        # The contribution last warned about, also after it was fixed (undo may bring the warning back).
        self._privacy_last: str | None = None
        self._released = False
        # (what the session follows, its look-back): see look_back.
        self._look_back: tuple[str, LookBackResult] | None = None
        self.step_started = self.clock()
        self._step_base = sf.session.step_seconds.get(self.step.id, 0)
        self._timer_saved_at = self.step_started
        self.set_reactive(MeetingScreen.save_state, _("Alleen lezen") if self.readonly else _("Opgeslagen"))
        self._pick_theme_for_step()

    # ------------------------------------------------------------------ set-up

    def _load_agenda(self) -> Agenda:
        # From the cache of checked agendas: no YAML is read or imported before the first frame.
        agenda, problem = agendacache.agenda_or_default(self.sf.session.agenda)
        self._agenda_warning = ""
        if problem is not None:
            # The session names an agenda that is gone or broken: carry on with the standard one.
            self._agenda_warning = _(
                "De agenda van deze sessie is niet te lezen: {error}. De standaardagenda wordt gebruikt."
            ).format(error=problem)
        return agenda

    @property
    def step(self):
        """The current agenda step."""
        return self.steps[self.index]

    def _make_view(self) -> StepView:
        return make_view(self.step, lambda: self.sf, readonly=self.readonly, kind=self.kind, theme=self.theme,
                         today=self.clock, look_back=self.look_back)

    def look_back(self) -> LookBackResult:
        """(look-back, problem) of a follow-up meeting: the earlier session is read on first need and kept.

        The laptop's box, the projector view and the evaluation at the close all use this, so a redraw, F9
        or a resize reads no file; it is read again only when what the session follows changes.
        """
        from wijksessie.tui.meeting.lookback import read_look_back  # loop-tui: only a follow-up meeting needs it

        follows = self.sf.session.follows
        if self._look_back is None or self._look_back[0] != follows:
            self._look_back = (follows, read_look_back(getattr(self.app, "store", None), self.sf.session))
        return self._look_back[1]

    def compose(self) -> ComposeResult:
        with Horizontal(id="topbar"):
            yield Static(self._title_text(), id="session-title")
            yield TextCell("", id="clock")
            yield TextCell(self.save_state, id="save-state", classes="-readonly" if self.readonly else "")
        yield Static("", id="privacy-bar")
        with Horizontal(id="body"):
            yield AgendaList(id="agenda")
            with Vertical(id="main"):
                with Horizontal(id="step-head"):
                    yield Static("", id="step-title")
                    yield TextCell("", id="timer")
                yield Static("", id="prompts")
                yield Vertical(self._make_view(), id="step-area")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        if self._agenda_warning:
            self.notify(self._agenda_warning, severity="warning", timeout=10, markup=False)
        # Sizes and focus are right before the first frame: no second layout, no focus moving after it.
        self._fit(self.app.size)
        self._show_step_texts()
        self.tick()
        self.set_interval(1, self.tick)
        self._focus_step()

    def after_recompose(self) -> None:
        self._show_step_texts()
        self.tick()
        self.call_after_refresh(self._focus_step)

    def on_unmount(self) -> None:
        self._save_pending()
        self._save_timer()
        self.sf.close()

    def on_resize(self, event) -> None:
        self._fit(event.size)

    def _fit(self, size) -> None:
        # A big terminal (a projector, a wide laptop) gets a readable agenda and room for every prompt.
        wide = size.width >= 110
        self.query_one(AgendaList).styles.width = 34 if wide else 24
        self.query_one("#prompts").styles.max_height = 12 if size.height >= 36 else 7

    def _title_text(self) -> Text:
        s = self.sf.session
        text = Text(terminal_safe(s.title, oneline=True), style="bold")
        text.append(f" \u00b7 {terminal_safe(s.neighbourhood, oneline=True)}")
        if self.readonly:
            text.append("  " + _("(alleen lezen)"), style="bold red")
        return text

    # ------------------------------------------------------------------ what is shown

    @property
    def view(self) -> StepView | None:
        # A view being removed (step change) is no longer the step's: its parts may be gone already,
        # and a callback after the next frame (focus, scroll to the latest row) must not look in it.
        views = [view for view in self.query("#step-area > .step-view").results(StepView) if view.display]
        return views[0] if views else None

    def entry_count(self) -> int:
        """How many contributions the current step's list shows (used by the benchmark)."""
        view = self.view
        entries = view.entry_list() if view else None
        return entries.shown_count if entries else 0

    def prompts(self) -> list[str]:
        """The prompts of the current step: this session's own, else the agenda's."""
        return self.sf.session.prompts_for(self.step.id, self.step.shown_prompts())

    def _show_step_texts(self) -> None:
        step = self.step
        self.query_one("#step-title", Static).update(
            Text(_("Stap {n} van {total}").format(n=self.index + 1, total=len(self.steps)) + " \u00b7 ", style="dim")
            + Text(step.shown_title(), style="bold")
        )
        prompts = Text()
        for number, line in enumerate(self.prompts()):
            if number:
                prompts.append("\n")
            prompts.append("\u2022 " + terminal_safe(line))
        self.query_one("#prompts", Static).update(prompts)
        self.query_one(AgendaList).show_steps(self.steps, self.index, self.sf.session.steps_done)

    # ------------------------------------------------------------------ keys that do nothing here

    def on_key(self, event: events.Key) -> None:
        """A letter where it cannot do anything (e.g. in a list): say which keys work there, instead of nothing."""
        from textual.widgets import TextArea

        if not event.is_printable or isinstance(self.focused, (Input, TextArea)):
            return
        active = self.active_bindings.get(event.key)
        if active is not None and active.enabled:
            return
        view = self.view
        if self.readonly:
            hint = _("Deze sessie is alleen open om te lezen.")
        else:
            hint = view.key_help() if view is not None else _("Druk op a om te typen.")
        self.notify(_("Deze toets doet hier niets: {key}.").format(key=event.character or event.key) + " " + hint,
                    severity="warning", timeout=4, markup=False)

    # ------------------------------------------------------------------ steps

    async def go_to(self, index: int, *, finish_current: bool) -> None:
        """Show step ``index``; the current one counts as done when moving forward."""
        index = max(0, min(index, len(self.steps) - 1))
        current = self.step.id
        target = self.steps[index].id
        seconds = int(self.step_elapsed())

        def change(s: model.Session) -> None:
            if finish_current and current not in s.steps_done:
                s.steps_done.append(current)
            s.current_step = target
            s.step_seconds[current] = seconds

        if not self.readonly:
            ok, _result = self.save(lambda: self.sf.update(change))
            if not ok:
                return
        self.index = index
        self.step_started = self._timer_saved_at = self.clock()
        self._step_base = self.sf.session.step_seconds.get(target, 0)
        self._pick_theme_for_step()
        self._privacy_last = None
        if self._privacy_offer is not None:
            self._set_privacy_offer(None, [])
        area = self.query_one("#step-area", Vertical)
        await area.remove_children()
        await area.mount(self._make_view())
        self.tick()
        self._focus_step()

    def _focus_step(self) -> None:
        view = self.view
        target = view.first_focus() if view else None
        if target is not None and not target.disabled:
            target.focus()
        else:
            entries = view.entry_list() if view else None
            self.set_focus(entries)

    def _pick_theme_for_step(self) -> None:
        if self.step.type == "discuss":
            top = self.sf.session.priorities.top(self.step.top) or self.sf.session.themes[: self.step.top]
            if top and self.theme not in top:
                self.theme = top[0]

    async def action_next_step(self) -> None:
        if self.index < len(self.steps) - 1:
            await self.go_to(self.index + 1, finish_current=True)
            return

        from wijksessie.tui.dialogs.common import ConfirmDialog

        async def answer(yes: bool | None) -> None:
            if yes:
                await self.finish()

        self.app.push_screen(
            ConfirmDialog(_("Dit was de laatste stap. De sessie afronden en teruggaan naar het overzicht?")), answer
        )

    async def finish(self) -> None:
        """Mark the last step done and go back to the list of sessions."""
        last = self.step.id
        seconds = int(self.step_elapsed())

        def change(s: model.Session) -> None:
            if last not in s.steps_done:
                s.steps_done.append(last)
            s.step_seconds[last] = seconds

        if not self.readonly:
            ok, _result = self.save(lambda: self.sf.update(change))
            if not ok:
                return
        self.notify(_("De sessie is afgerond. Alles is opgeslagen."), title=_("Klaar"), markup=False)
        self.app.show_home()

    async def action_previous_step(self) -> None:
        if self.index > 0:
            await self.go_to(self.index - 1, finish_current=False)

    async def on_agenda_list_jump(self, event: AgendaList.Jump) -> None:
        event.stop()
        if event.index != self.index:
            await self.go_to(event.index, finish_current=event.index > self.index)

    # ------------------------------------------------------------------ kind and theme

    def watch_index(self) -> None:
        self._show_step_texts()

    def watch_kind(self, kind: ContributionKind) -> None:
        view = self.view
        if view is not None:
            view.kind = kind

    def watch_theme(self, theme: str) -> None:
        view = self.view
        if view is not None:
            view.theme = theme

    def kind_bar_text(self, width: int = 80) -> Text:
        """Which kind and theme the next entry gets, with the keys to change them."""
        return kind_bar_text(self.kind, self.theme, width)

    def action_kind(self, kind: str) -> None:
        self.kind = ContributionKind(kind)

    def theme_choices(self) -> list[str]:
        """Themes to choose from: in a discussion the top themes first."""
        themes = list(self.sf.session.themes)
        view = self.view
        if isinstance(view, DiscussView):
            top = view.top_themes()
            themes = top + [t for t in themes if t not in top]
        return themes

    def action_pick_theme(self) -> None:
        """F6: choose the theme of the next entries by typing its first letters."""
        from wijksessie.tui.meeting.dialogs import ThemePicker

        def answer(theme: str | None) -> None:
            if theme is not None:
                self.theme = theme

        self.app.push_screen(ThemePicker(self.theme_choices(), self.theme,
                                         title=_("Thema voor de volgende inbreng")), answer)

    # ------------------------------------------------------------------ other actions

    def action_type(self) -> None:
        view = self.view
        target = view.first_focus() if view else None
        if target is not None:
            target.focus()

    def action_leave(self) -> None:
        """Esc: from a text field to the list, so single-letter keys work. Never leaves the meeting by accident."""
        from textual.widgets import TextArea  # only here: importing it costs time at every start

        if isinstance(self.focused, (Input, TextArea)):
            view = self.view
            target: Widget | None = view.entry_list() if view else None
            if target is None and isinstance(view, VoteView):
                target = view.query_one("#ranking")
            self.set_focus(target)

    def action_home(self) -> None:
        """Back to the list of sessions (everything is saved already)."""
        self.app.show_home()

    def action_room(self) -> None:
        from wijksessie.tui.screens.room import RoomScreen

        if isinstance(self.app.screen, RoomScreen):
            # F9 F9 typed in one burst: the second one reached the entry line before the projector view
            # was up. It means "back", not a second projector view on top of the first.
            self.app.pop_screen()
            return
        self.app.push_screen(RoomScreen(self.step, self.sf, self.prompts(), self.theme, look_back=self.look_back))

    def action_followup(self) -> None:
        self.app.open_followup(self.sf.session.id, meeting=self)

    def action_letter(self) -> None:
        self.app.open_letter(self.sf.session.id, meeting=self)
