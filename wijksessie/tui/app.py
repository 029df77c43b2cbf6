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
import logging
from functools import partial
from pathlib import Path
from typing import Callable

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from wijksessie import i18n, model, paths
from wijksessie.i18n import N_, _
from wijksessie.store import DamagedSessionFile, SessionLocked, SessionStore
from wijksessie.tui.base import run_safely, translate_bindings

log = logging.getLogger(__name__)

LOG_NAME = "wijksessie.log"


class WijksessieCommands(Provider):
    """Our command palette: sessions, export, letter, follow-up, language, room view — in Dutch titles."""

    def commands(self) -> list[tuple[str, Callable[[], object], str]]:
        """(title, action, help) for what makes sense on the current screen; translated now."""
        app: WijksessieApp = self.app  # type: ignore[assignment]
        from wijksessie.tui.screens.meeting import MeetingScreen

        screen = app.screen_stack[-2] if app.screen_stack and isinstance(app.screen, CommandPalette) else app.screen
        found: list[tuple[str, Callable[[], object], str]] = []
        meeting = screen if isinstance(screen, MeetingScreen) else None
        if meeting is not None:
            sid = meeting.sf.session.id
            found += [
                (_("Zaalscherm aan of uit"), meeting.action_room, _("Groot scherm voor de beamer")),
                (_("Exporteren als JSON"), partial(app.export_json, sid), _("Alle gegevens van deze sessie in één bestand")),
                (_("Brief aan bewoners"), partial(app.open_letter, sid, meeting=meeting), _("Voorbeeld van de brief")),
                (_("Opvolging: besluiten per inbreng"), partial(app.open_followup, sid, meeting=meeting), ""),
                (_("Zinnen van deze stap aanpassen"), meeting.action_edit_prompts, _("Alleen voor deze sessie")),
                (_("Aanspreekpunt aanpassen"), meeting.action_contact, ""),
                (_("Terug naar het overzicht van sessies"), meeting.action_home, ""),
            ]
        found += [
            (_("Nieuwe sessie"), app.action_new_session, _("Titel en wijk zijn genoeg")),
            (_("Voorbeeldsessie openen"), app.action_demo, _("Een ingevulde sessie om rond te kijken")),
            (_("Overzicht van alle wijken"), app.open_report, ""),
        ]
        try:
            summaries = app.store.summaries()
        except Exception:  # noqa: BLE001 - the palette must open even when the folder is unreadable
            summaries = []
        for s in summaries:
            if not s.problem:
                found.append(
                    (
                        _("Sessie openen: {title}").format(title=s.title),
                        partial(app.open_session, s.id),
                        f"{s.neighbourhood} \u00b7 {s.date}",
                    )
                )
        for code, name in available_languages():
            if code != i18n.current_language():
                found.append((_("Taal: {language}").format(language=name), partial(app.switch_language, code), ""))
        found += [
            (_("Hulp: alle toetsen"), app.action_help, ""),
            (_("Stoppen"), app.exit, _("Alles is al bewaard")),
        ]
        return found

    async def discover(self) -> Hits:
        for title, action, help_text in self.commands():
            yield DiscoveryHit(title, action, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, action, help_text in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), action, text=title, help=help_text or None)


def available_languages() -> list[tuple[str, str]]:
    """(code, name in that language) for Dutch and every language with an interface catalogue."""
    codes = {i18n.DEFAULT_LANGUAGE}
    folder = paths.locales_dir()
    if folder.is_dir():
        for entry in folder.iterdir():
            if (entry / "LC_MESSAGES" / f"{i18n.DOMAIN}.po").is_file() or (
                entry / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
            ).is_file():
                codes.add(entry.name)
    result = []
    for code in sorted(codes):
        try:
            from babel import Locale

            name = Locale.parse(code).get_display_name(code) or code
        except Exception:  # noqa: BLE001 - an odd folder name still gets listed by its code
            name = code
        result.append((code, name[:1].upper() + name[1:]))
    return result


def _home_screen_class():
    # Imported when needed: opening straight onto a session never shows the list of sessions.
    from wijksessie.tui.screens.home import HomeScreen

    return HomeScreen


class WijksessieApp(App[int]):
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

    # ------------------------------------------------------------------ start and stop

    def get_default_screen(self) -> Screen:
        if self.initial_session:
            # Opening straight onto a session: the meeting screen is all the facilitator
            # needs now. The list of sessions reads every session file, so it is only
            # built when they go back to it (see show_home).
            return Screen(id="_default")
        return _home_screen_class()()

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        if self.initial_session:
            self.open_session(self.initial_session)

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
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=_("Zoek een opdracht\u2026"), id="--command-palette"))

    def action_help(self) -> None:
        from wijksessie.tui.screens.help import HelpScreen

        if type(self.screen).__name__ == "HelpScreen":
            return
        self.push_screen(HelpScreen(self.screen))

    def _fatal_error(self) -> None:
        """An unexpected error: the traceback goes to the log file, the user gets one clear line."""
        where = self._log_crash()
        self.bell()
        self._exit_renderables.append(
            Text(
                _("wijksessie: er ging iets mis dat niet had mogen gebeuren. Wat bewaard was, is niet verloren; details staan in {path}.").format(
                    path=where or _("(geen logbestand)")
                )
            )
        )
        self._close_messages_no_wait()

    def _log_crash(self) -> Path | None:
        import traceback

        for folder in (self.store.data_dir, Path.home() / ".wijksessie"):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / LOG_NAME
                with path.open("a", encoding="utf-8") as fh:
                    fh.write(f"--- {dt.datetime.now().isoformat()} unexpected error in the full-screen program\n")
                    fh.write(traceback.format_exc())
                return path
            except OSError:
                continue
        return None

    # ------------------------------------------------------------------ language

    async def switch_language(self, lang: str) -> None:
        """Change the interface language now: every open screen and the footer are redrawn."""
        i18n.set_language(lang)
        for screen in list(self.screen_stack):
            refresh = getattr(screen, "refresh_language", None)
            if refresh is not None:
                await refresh()
        self.refresh_bindings()
        self.notify(_("De taal is nu: {language}.").format(language=dict(available_languages()).get(lang, lang)))

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
        if ok:
            self.open_session(session_id)

    def open_session(self, ref: str, *, readonly: bool = False) -> None:
        """Show the meeting screen for a session; explain and offer a way out when that is not possible."""
        from wijksessie.tui.dialogs.common import ConfirmDialog, MessageDialog
        from wijksessie.tui.screens.meeting import MeetingScreen

        try:
            sf = self.store.open(ref, readonly=readonly)
        except SessionLocked as exc:
            self._ensure_home()

            def answer(yes: bool | None) -> None:
                if yes:
                    self.open_session(ref, readonly=True)

            self.push_screen(
                ConfirmDialog(
                    str(exc) + "\n\n" + _("Wilt u de sessie nu alleen bekijken (niets veranderen)?"),
                    yes=_("Alleen bekijken"),
                    no=_("Terug"),
                ),
                answer,
            )
            return
        except DamagedSessionFile as exc:
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
                    ConfirmDialog(str(exc) + "\n\n" + _("Nu de vorige goede versie terugzetten?"),
                                  yes=_("Terugzetten"), no=_("Niet nu")),
                    restore,
                )
            else:
                self.push_screen(MessageDialog(str(exc), title=_("Bestand beschadigd")))
            return
        except Exception as exc:  # noqa: BLE001 - UserError and OSError: tell, don't crash
            from wijksessie.errors import UserError

            if not isinstance(exc, (UserError, OSError)):
                raise
            self._ensure_home()
            self.notify(str(exc), title=_("Openen lukte niet"), severity="error", timeout=10)
            return
        self.push_screen(MeetingScreen(sf, clock=self.clock))

    def _reload_home(self) -> None:
        HomeScreen = _home_screen_class()
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.reload()

    def export_json(self, session_id: str) -> Path | None:
        """Write the complete JSON export of a session to ``<data>/export/<id>.json``; returns the path."""
        from wijksessie import export
        from wijksessie.atomic import write_atomic
        from wijksessie.tui.screens.meeting import MeetingScreen

        def write() -> Path:
            screen = self.screen
            if isinstance(screen, MeetingScreen) and screen.sf.session.id == session_id:
                text = export.export_json(screen.sf)
            else:
                with self.store.open(session_id, readonly=True) as sf:
                    text = export.export_json(sf)
            target = self.store.data_dir / "export" / f"{session_id}.json"
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, text.encode("utf-8"))
            return target

        ok, target = run_safely(self, write)
        if ok:
            self.notify(_("Geschreven: {path}").format(path=target), title=_("Export klaar"))
        return target

    # ------------------------------------------------------------------ screens written by others

    def _lazy_screen(self, module: str, name: str, what: str):
        import importlib

        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            log.info("screen %s.%s not available", module, name)
            self.notify(
                _("Het scherm '{what}' is in deze versie nog niet beschikbaar.").format(what=what),
                severity="warning",
            )
            return None

    def _push_for_session(self, screen_factory, meeting=None) -> None:
        """Push a screen that opens the session itself; a meeting screen lets go of it meanwhile."""
        if meeting is not None:
            meeting.release()  # taken back by the meeting screen when it is shown again
        try:
            screen = screen_factory()
        except Exception as exc:  # noqa: BLE001 - a store error from the other screen's set-up
            if meeting is not None:
                meeting.reopen()
            self.notify(str(exc), title=_("Openen lukte niet"), severity="error", timeout=10)
            return
        self.push_screen(screen)

    def open_followup(self, session_id: str, *, meeting=None) -> None:
        """The follow-up screen: a decision for each contribution (key f)."""
        cls = self._lazy_screen("wijksessie.tui.screens.followup", "FollowUpScreen", _("Opvolging"))
        if cls is not None:
            self._push_for_session(lambda: cls(self.store, session_id), meeting)

    def open_letter(self, session_id: str, *, meeting=None) -> None:
        """The letter preview (key b), in the first letter language of the session."""
        cls = self._lazy_screen("wijksessie.tui.screens.letter", "LetterPreviewScreen", _("Brief"))
        if cls is not None:
            lang = "nl"
            if meeting is not None and meeting.sf.session.languages:
                lang = meeting.sf.session.languages[0]
            self._push_for_session(lambda: cls(self.store, session_id, lang=lang), meeting)

    def open_report(self) -> None:
        """The overview across neighbourhoods (key o on the home screen)."""
        cls = self._lazy_screen("wijksessie.tui.screens.report", "ReportScreen", _("Overzicht"))
        if cls is not None:
            try:
                self.push_screen(cls(self.store))
            except Exception as exc:  # noqa: BLE001
                self.notify(str(exc), title=_("Openen lukte niet"), severity="error", timeout=10)


def make_app(data_dir: Path, session: str | None = None, *, lang: str | None = None,
             clock: Callable[[], dt.datetime] | None = None) -> WijksessieApp:
    """Build the program for a data folder; opens ``session`` at its current step if given.

    ``lang`` sets the interface language (default: the one already chosen);
    ``clock`` returns the current time — tests pass a fixed one so screenshots
    do not change from run to run.
    """
    if lang:
        i18n.set_language(lang)
    return WijksessieApp(SessionStore(Path(data_dir)), session, clock=clock)


def run_app(data_dir: Path, session: str | None = None) -> int:
    """Run the program in this terminal until the user quits; returns the exit code."""
    app = make_app(data_dir, session)
    app.run()
    return app.return_code or 0
