"""The App: global keys, language, command palette, and opening sessions safely.

Use :func:`make_app` to build it (the command line, the tests and the
benchmark all do) and :func:`run_app` to run it in a terminal.

The App holds the store and the clock; screens hold the UI. Opening a
session goes through :meth:`WijksessieApp.open_session`, which turns every
store problem into something the user can act on: a session open elsewhere
is offered read-only, a damaged file offers its last good copy, anything
else is a notification — never a traceback.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

from rich.console import Console
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from wijksessie import i18n, model
from wijksessie.i18n import N_, _
from wijksessie.safe_text import terminal_safe
from wijksessie.store import DamagedSessionFile, SessionLocked, SessionStore
from wijksessie.tui.base import program_words, run_safely, translate_bindings
from wijksessie.tui.keyhold import HoldsKeys
from wijksessie.tui.startup import pause_collector, resume_collector

log = logging.getLogger(__name__)


class WijksessieCommands(Provider):
    """Our command palette: sessions, export, letter, follow-up, language, room view — in Dutch titles.

    The list is built once when the palette opens (:meth:`startup`); reading the
    session files happens in a thread, so typing in the palette never waits for the disk.
    """

    _summaries: list = []

    async def startup(self) -> None:
        import asyncio

        app = self.app
        assert isinstance(app, WijksessieApp)  # this palette is the program's own
        try:
            self._summaries = await asyncio.to_thread(app.store.summaries)
        except Exception:  # noqa: BLE001 - the palette must open even when the folder is unreadable
            log.exception("could not list sessions for the command palette")
            self._summaries = []
        self._commands = self.commands()

    def commands(self) -> list[tuple[str, Callable[[], object], str]]:
        """(title, action, help) for what makes sense on the current screen; translated now."""
        app = self.app
        assert isinstance(app, WijksessieApp)  # this palette is the program's own
        from wijksessie.tui.screens.meeting import MeetingScreen

        screen = app.screen_stack[-2] if app.screen_stack and isinstance(app.screen, CommandPalette) else app.screen
        found: list[tuple[str, Callable[[], object], str]] = []
        meeting = screen if isinstance(screen, MeetingScreen) else None
        session_id = getattr(screen, "session_id", None)
        if meeting is not None:
            sid = meeting.sf.session.id
            found += [
                (_("Zaalscherm aan of uit"), meeting.action_room, _("Groot scherm voor de beamer")),
                (_("Brief aan bewoners"), partial(app.open_letter, sid, meeting=meeting), _("Voorbeeld van de brief")),
                (_("Opvolging: besluiten per inbreng"), partial(app.open_followup, sid, meeting=meeting), ""),
                (_("Bestanden maken: export, brieven, overzicht"), partial(app.open_outputs, sid, meeting=meeting),
                 _("Alles komt in één map per sessie")),
                (_("Gegevens van de sessie aanpassen"), partial(app.open_settings, sid, meeting=meeting),
                 _("Titel, datum, plek, niveau, doelgroep, talen")),
                (_("Zinnen van deze stap aanpassen"), meeting.action_edit_prompts, _("Alleen voor deze sessie")),
                (_("Aanspreekpunt aanpassen"), meeting.action_contact, ""),
                (_("Terug naar het overzicht van sessies"), meeting.action_home, ""),
            ]
        elif isinstance(session_id, str) and getattr(screen, "sf", None) is None:
            # Screens that hold the session open for writing (follow-up, settings) offer none of these.
            found += [
                (_("Bestanden maken: export, brieven, overzicht"), partial(app.open_outputs, session_id),
                 _("Alles komt in één map per sessie")),
            ]
        if isinstance(screen, _home_screen_class()) and isinstance(session_id, str):
            found += [
                (_("Brief aan bewoners"), partial(app.open_letter, session_id), _("Voorbeeld van de brief")),
                (_("Opvolging: besluiten per inbreng"), partial(app.open_followup, session_id), ""),
                (_("Gegevens van de sessie aanpassen"), partial(app.open_settings, session_id),
                 _("Titel, datum, plek, niveau, doelgroep, talen")),
            ]
        from wijksessie.tui import loop_palette  # loop-tui: history, agreements, update letter

        found += loop_palette.commands(screen)
        found += [
            (_("Nieuwe sessie"), app.action_new_session, _("Titel en wijk zijn genoeg")),
            (_("Voorbeeldsessie openen"), app.action_demo, _("Een ingevulde sessie om rond te kijken")),
            (_("Overzicht van alle wijken"), app.open_report, ""),
            (_("Gegevens van de gemeente (voor de brief)"), app.action_municipality, _("Naam en ondertekening")),
        ]
        for s in self._summaries:
            if not s.problem:
                found.append(
                    (
                        _("Sessie openen: {title}").format(title=terminal_safe(s.title)),
                        partial(app.open_session, s.id),
                        f"{terminal_safe(s.neighbourhood)} \u00b7 {s.date}",
                    )
                )
        for code, name in i18n.language_choices():
            if code != i18n.current_language():
                found.append((_("Taal: {language}").format(language=name), partial(app.switch_language, code), ""))
        found += [
            (_("Hulp: alle toetsen"), app.action_help, ""),
            (_("Stoppen"), app.exit, _("Alles is al bewaard")),
        ]
        return found

    def _all(self) -> list[tuple[str, Callable[[], object], str]]:
        commands = getattr(self, "_commands", None)
        return commands if commands is not None else self.commands()

    async def discover(self) -> Hits:
        for title, action, help_text in self._all():
            yield DiscoveryHit(title, action, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = False
        for title, action, help_text in self._all():
            score = matcher.match(title)
            if score > 0:
                found = True
                yield Hit(score, matcher.highlight(title), action, text=title, help=help_text or None)
        if not found and query.strip():
            # Instead of Textual's English "No matches found": say it in the program's language.
            yield Hit(
                1,
                Text(_("Geen opdracht gevonden voor: {query}.").format(query=terminal_safe(query.strip())), style="italic"),
                self._nothing,
                text=_("Geen opdracht gevonden"),
                help=_("Typ iets anders, of druk op Esc om terug te gaan."),
            )

    def _nothing(self) -> None:
        """Choosing the "nothing found" line just closes the palette."""



def _home_screen_class():
    # Imported when needed: opening straight onto a session never shows the list of sessions.
    from wijksessie.tui.screens.home import HomeScreen

    return HomeScreen


class WijksessieApp(HoldsKeys[int]):
    """The full-screen program. Build it with :func:`make_app`."""

    CSS_PATH = "app.tcss"
    TITLE = "wijksessie"
    COMMANDS = {WijksessieCommands}
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Stoppen"), priority=True, id="quit", show=False, tooltip=N_("Alles is al bewaard.")),
        Binding("f1", "help", N_("Hulp"), id="help"),
        Binding("question_mark", "help", N_("Hulp"), show=False),
        Binding("ctrl+p", "command_palette", N_("Opdrachten"), priority=True, id="palette"),
        Binding("ctrl+c", "help_quit", show=False, system=True),
    ]

    def __init__(self, store: SessionStore, session: str | None = None, *,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__()
        self.store = store
        self.initial_session = session
        self.clock: Callable[[], dt.datetime] = clock or model.now
        # An unexpected error is written by Textual to its error console; we keep that text
        # for the log file and show the user one clear line instead (see run_app).
        self.error_console = Console(file=io.StringIO(), width=100, color_system=None, markup=False,
                                     highlight=False)

    # ------------------------------------------------------------------ start and stop

    def get_default_screen(self) -> Screen:
        if self.initial_session:
            # Opening straight onto a session: the meeting screen is all the facilitator
            # needs now, so it is the first screen (no screen before it to build, lay out
            # and switch away from). The list of sessions reads every session file, so it
            # is only built when they go back to it (see show_home).
            meeting = self._first_meeting(self.initial_session)
            if meeting is not None:
                return meeting
            # It cannot be opened: on_mount says why and offers a way out (open_session).
            return Screen(id="_default")
        return _home_screen_class()()

    def _first_meeting(self, ref: str) -> Screen | None:
        """The meeting screen of ``ref`` when the session opens without a problem; None otherwise."""
        from wijksessie.errors import UserError

        try:
            sf = self.store.open(ref)
        except (UserError, OSError):  # locked, damaged, gone: open_session explains it
            return None
        from wijksessie.tui.screens.meeting import MeetingScreen

        self._opened_first = True
        return MeetingScreen(sf, clock=self.clock)

    _opened_first = False

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        if self.initial_session and not self._opened_first:
            self.open_session(self.initial_session)
        self.call_after_refresh(resume_collector)  # the first frame is on its way (tui/startup.py)

    def on_unmount(self) -> None:
        resume_collector()  # also when the program stops before its first frame

    def show_home(self) -> None:
        """Back to the list of sessions from the screen on top; the list is built the first time it is needed."""
        HomeScreen = _home_screen_class()
        below = self.screen_stack[-2] if len(self.screen_stack) > 1 else None
        if isinstance(below, HomeScreen):
            self.pop_screen()
        else:
            self.switch_screen(HomeScreen())

    def _ensure_home(self) -> None:
        """A dialog about a session that did not open needs the list of sessions behind it, not an empty screen."""
        HomeScreen = _home_screen_class()
        if not any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self.push_screen(HomeScreen())

    @property
    def active_bindings(self):
        return translate_bindings(super().active_bindings)

    def action_help_quit(self) -> None:
        self.notify(_("Stoppen doet u met ctrl+q. Alles is al bewaard."), title=_("Wilt u stoppen?"))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(placeholder=_("Zoek een opdracht\u2026"), id="--command-palette"))

    def action_help(self) -> None:
        from wijksessie.tui.screens.help import HelpScreen

        if type(self.screen).__name__ == "HelpScreen":
            return
        self.push_screen(HelpScreen(self.screen))

    def crash_report(self) -> str:
        """What Textual wrote about an unexpected error (captured, never shown raw); empty when none."""
        return self.error_console.file.getvalue() if isinstance(self.error_console.file, io.StringIO) else ""

    # ------------------------------------------------------------------ language

    async def switch_language(self, lang: str) -> None:
        """Change the interface language now: every open screen and the footer are redrawn."""
        i18n.set_language(lang)
        for screen in list(self.screen_stack):
            refresh = getattr(screen, "refresh_language", None)
            if refresh is not None:
                await refresh()
        self.refresh_bindings()
        self.notify(_("De taal is nu: {language}.").format(language=dict(i18n.language_choices()).get(lang, lang)))

    # ------------------------------------------------------------------ sessions

    def action_new_session(self) -> None:
        from wijksessie.tui.screens.prepare import PrepareScreen

        def created(session_id: str | None) -> None:
            if session_id:
                self.open_session(session_id)

        self.push_screen(PrepareScreen(), created)

    def action_demo(self) -> None:
        """Open the example session (it is written to the data folder the first time)."""
        from wijksessie.demo import create_demo

        ok, session_id = run_safely(self, lambda: create_demo(self.store))
        if ok and session_id:
            self.open_session(session_id)

    def open_session(self, ref: str, *, readonly: bool = False) -> None:
        """Show the meeting screen for a session; explain and offer a way out when that is not possible."""
        from wijksessie.tui.screens.meeting import MeetingScreen

        try:
            sf = self.store.open(ref, readonly=readonly)
        except SessionLocked as exc:
            from wijksessie.tui.dialogs.common import ConfirmDialog  # only needed when opening fails

            self._ensure_home()

            def answer(yes: bool | None) -> None:
                if yes:
                    self.open_session(ref, readonly=True)

            self.push_screen(
                ConfirmDialog(
                    program_words(str(exc)) + "\n\n" + _("Wilt u de sessie nu alleen bekijken (niets veranderen)?"),
                    yes=_("Alleen bekijken"),
                    no=_("Terug"),
                ),
                answer,
            )
            return
        except DamagedSessionFile as exc:
            from wijksessie.tui.dialogs.common import ConfirmDialog, MessageDialog

            self._ensure_home()
            if exc.has_backup:
                # Python drops ``exc`` when the except block ends; the answer comes later.
                damaged_id = exc.path.stem

                def restore(yes: bool | None) -> None:
                    if yes:
                        ok, _aside = run_safely(self, lambda: self.store.restore_backup(damaged_id))
                        if ok:
                            self.notify(_("De vorige goede versie staat terug. Het beschadigde bestand is bewaard."))
                            self._reload_home()
                            self.open_session(damaged_id)

                self.push_screen(
                    ConfirmDialog(program_words(str(exc)) + "\n\n" + _("Nu de vorige goede versie terugzetten?"),
                                  yes=_("Terugzetten"), no=_("Niet nu")),
                    restore,
                )
            else:
                self.push_screen(MessageDialog(program_words(str(exc)), title=_("Bestand beschadigd")))
            return
        except Exception as exc:  # noqa: BLE001 - UserError and OSError: tell, don't crash
            from wijksessie.errors import UserError

            if not isinstance(exc, (UserError, OSError)):
                raise
            self._ensure_home()
            self.notify(program_words(str(exc)), title=_("Openen lukte niet"), severity="error", timeout=10)
            return
        self.push_screen(MeetingScreen(sf, clock=self.clock))

    def _reload_home(self) -> None:
        HomeScreen = _home_screen_class()
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.reload()

    # ------------------------------------------------------------------ screens about one session

    def _push_for_session(self, screen_factory, meeting=None) -> None:
        """Push a screen that opens the session itself; a meeting screen lets go of it meanwhile.

        A session that cannot be opened (locked elsewhere, damaged, gone) is a
        :class:`UserError`: the user is told, and the meeting takes its session back.
        """
        from wijksessie.errors import UserError

        if meeting is not None:
            meeting.release()  # taken back by the meeting screen when it is shown again
        try:
            screen = screen_factory()
        except UserError as exc:
            if meeting is not None:
                meeting.reopen()
            self.notify(program_words(str(exc)), title=_("Openen lukte niet"), severity="error", timeout=10)
            return
        self.push_screen(screen)

    def open_followup(self, session_id: str, *, meeting=None) -> None:
        """The follow-up screen: a decision for each contribution (key f)."""
        from wijksessie.tui.screens.followup import FollowUpScreen

        self._push_for_session(lambda: FollowUpScreen(self.store, session_id), meeting)

    def open_letter(self, session_id: str, *, meeting=None) -> None:
        """The letter preview (key b), in the first letter language of the session."""
        from wijksessie.tui.screens.letter import LetterPreviewScreen

        lang = "nl"
        if meeting is not None and meeting.sf.session.languages:
            lang = meeting.sf.session.languages[0]
        self._push_for_session(lambda: LetterPreviewScreen(self.store, session_id, lang=lang), meeting)

    def open_outputs(self, session_id: str, *, meeting=None) -> None:
        """Make exports, letters and the overview; shows the folder they go to (key u)."""
        from wijksessie.tui.screens.outputs import OutputsScreen

        self._push_for_session(lambda: OutputsScreen(self.store, session_id), meeting)

    def open_settings(self, session_id: str, *, meeting=None) -> None:
        """Change what was set when preparing: title, date, place, level, target group, languages."""
        from wijksessie.tui.screens.prepare import SessionSettingsScreen

        self._push_for_session(lambda: SessionSettingsScreen(self.store, session_id), meeting)

    def open_report(self) -> None:
        """The overview across neighbourhoods (key o on the home screen); counted in a worker."""
        from wijksessie.tui.screens.report import ReportScreen

        self.push_screen(ReportScreen(self.store))

    def action_municipality(self) -> None:
        """Set the municipality's name and signature for the letter, once for this computer."""
        from wijksessie.tui.dialogs.municipality import MunicipalityDialog

        self.push_screen(MunicipalityDialog())


def make_app(data_dir: Path, session: str | None = None, *, lang: str | None = None,
             clock: Callable[[], dt.datetime] | None = None) -> WijksessieApp:
    """Build the program for a data folder; opens ``session`` at its current step if given.

    ``lang`` sets the interface language (default: the one already chosen);
    ``clock`` returns the current time — tests pass a fixed one so screenshots
    do not change from run to run.
    """
    if lang:
        i18n.set_language(lang)
    pause_collector()
    return WijksessieApp(SessionStore(Path(data_dir)), session, clock=clock)


def _without_locals(report: str) -> str:
    """Textual's crash report with only the frames and the error's type.

    The panels of local variables and the error's message go: both may hold
    what residents said, and a crash log is no place for that.
    """
    kept: list[str] = []
    skipping = False
    for line in report.splitlines():
        if re.search(r"─+ locals ─+", line):
            skipping = True
            continue
        if skipping:
            if re.match(r"^[│\s]*╰", line):  # the locals panel closes (inside the frame's own box)
                skipping = False
            continue
        kept.append(line)
    # After the last frame comes "ErrorType: message" (possibly over several lines): keep the type only.
    last_frame = max((i for i, line in enumerate(kept) if line.lstrip().startswith("╰")), default=-1)
    tail = [line for line in kept[last_frame + 1:] if line.strip()]
    kept = kept[: last_frame + 1]
    if tail:
        kept.append(tail[0].split(":", 1)[0].strip())
    return "\n".join(kept) + "\n"


class ProgramCrashed(Exception):
    """The full-screen program stopped on an unexpected error.

    :attr:`safe_report` is Textual's report of the real error with frames and the
    error's type only; the command line's last line of defence logs it
    (:func:`wijksessie.log.log_crash`) and shows the user one clear line.
    """

    def __init__(self, safe_report: str) -> None:
        super().__init__(safe_report)
        self.safe_report = safe_report


def run_app(data_dir: Path, session: str | None = None) -> int:
    """Run the program in this terminal until the user quits; returns the exit code.

    Raises :class:`ProgramCrashed` after an unexpected error, with the details
    (without local variables) for the log file.
    """
    pause_collector(freeze_after=True)  # the open command paused it already, before importing Textual
    app = make_app(data_dir, session)
    try:
        app.run()
    finally:
        resume_collector()
    report = app.crash_report()
    if report.strip():
        # Frames and the error's type only (never its message nor local variables).
        raise ProgramCrashed(_without_locals(report))
    return app.return_code or 0
