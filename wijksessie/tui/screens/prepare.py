"""Prepare a new session, and change a session's settings later.

The new-session form asks the essentials first — title, neighbourhood, date,
place — and folds the rest away ("Meer invullen"): none of it is needed to
start, and all of it can be changed later with :class:`SessionSettingsScreen`
(title, neighbourhood, date, place, level, target group, letter languages,
feedback date). Dates accept what a Dutch person types (``1-2-2027``,
``1 februari``, ``morgen``, ``dinsdag``; see :mod:`wijksessie.dates`) and the
date they mean is shown under the field before anything is saved.
"""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Collapsible, Footer, Input, Label, OptionList, Select, SelectionList, Static
from textual.widgets.option_list import Option

from wijksessie import content, dates, i18n, model
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _
from wijksessie.model import ContactPoint, ParticipationLevel, Preparation, Session
from wijksessie.safe_text import terminal_safe
from wijksessie.store import SessionFile, SessionStore
from wijksessie.tui.base import (
    ENTER_MOVES_ON,
    EnterMovesOn,
    SaveCancelButtons,
    StopAtEndsOptionList,
    StopAtEndsSelectionList,
    TranslatedScreen,
    program_words,
    run_safely,
)
from wijksessie.tui.widgets.plain_input import PlainInput


def parse_profile(text: str) -> dict[str, float]:
    """``"65 jaar en ouder = 30%, jonger dan 30 = 25"`` → shares between 0 and 1; ValueError with a plain message."""
    profile: dict[str, float] = {}
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, number = part.rpartition("=")
        if not sep:
            name, sep, number = part.rpartition(":")
        number = number.strip().rstrip("%").strip().replace(",", ".")
        try:
            value = float(number)
        except ValueError:
            value = -1.0
        if not name.strip() or not 0 <= value <= 100:
            raise ValueError(
                _("Dit begrijp ik niet: {part}. Schrijf het als: groep = percentage, bijvoorbeeld 65 jaar en ouder = 30%.").format(
                    part=part
                )
            )
        profile[name.strip()] = value / 100 if value > 1 else value
    return profile


def format_profile(profile: dict[str, float]) -> str:
    """The target group as typed in the form: ``65 jaar en ouder = 30%, jongeren = 25%``."""
    return ", ".join(f"{name} = {round(share * 100)}%" for name, share in profile.items())


class SessionForm(SaveCancelButtons, EnterMovesOn, TranslatedScreen[str | None]):
    """What the new-session form and the settings screen share: fields, date previews, checks."""

    BINDINGS = [ENTER_MOVES_ON]

    DEFAULT_CSS = """
    SessionForm #prepare-form { padding: 0 1; }
    SessionForm .form-title { text-style: bold; margin-top: 1; height: auto; }
    SessionForm .form-label { color: $text-muted; margin-top: 1; height: 1; }
    SessionForm .date-preview { height: auto; color: $success; padding-left: 1; }
    SessionForm .date-preview.-error { color: $error; text-style: bold; }
    SessionForm #prepare-form Input, SessionForm #prepare-form Select, SessionForm #prepare-form PlainInput {
        width: 1fr; max-width: 100;
    }
    SessionForm #level { height: auto; max-height: 16; max-width: 100; }
    SessionForm #languages { height: auto; max-height: 8; max-width: 100; }
    SessionForm Collapsible { max-width: 102; padding-left: 0; }
    SessionForm .form-buttons { height: auto; margin: 1 0; }
    SessionForm .form-buttons Button { margin-right: 2; }
    """

    def today(self) -> dt.date:
        return self.app.clock().date()

    @staticmethod
    def _field(key: str, label: str, *, value: str = "", placeholder: str = ""):
        yield Label(label, classes="form-label")
        yield Input(value, placeholder=placeholder, id=key, compact=True)

    def _date_field(self, key: str, label: str, *, value: str = "", placeholder: str = ""):
        yield from self._field(key, label, value=value, placeholder=placeholder)
        yield Static("", id=f"{key}-preview", classes="date-preview", markup=False)

    @staticmethod
    def _level_options() -> list[Option]:
        options = []
        for level in ParticipationLevel:
            text = Text(level.label, style="bold")
            text.append("\n  " + level.explanation)
            options.append(Option(text, id=level.value))
        return options

    @staticmethod
    def _language_list(chosen: list[str]) -> SelectionList:
        """The letter languages as a list to tick (Space), from the languages the program has."""
        choices = list(i18n.language_choices())
        known = {code for code, _name in choices}
        choices += [(code, i18n.language_name(code)) for code in chosen if code not in known]
        return StopAtEndsSelectionList(
            *[(f"{name} ({code})", code, code in chosen) for code, name in choices],
            id="languages",
        )

    def _value(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value.strip()

    # -- dates: what they mean, shown while typing

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("date", "feedback-due"):
            self._preview(event.input.id)

    def _preview(self, key: str) -> None:
        try:
            preview = self.query_one(f"#{key}-preview", Static)
        except Exception:  # noqa: BLE001 - not composed yet
            return
        text = self._value(key)
        if not text:
            preview.update(self._empty_date_text(key))
            preview.remove_class("-error")
            return
        day, line = dates.preview(text, self.today())
        preview.update(("\u2192 " + line) if day else terminal_safe(line))
        preview.set_class(day is None, "-error")

    def _empty_date_text(self, key: str) -> str:
        if key == "feedback-due":
            return _("Leeg: 6 weken na het gesprek.")
        return _("Leeg: vandaag.")

    def _date(self, key: str, what: str) -> dt.date | None:
        """The date in field ``key``; :class:`UserError` naming the field when it is unclear."""
        text = self._value(key)
        if not text:
            return None
        try:
            return dates.parse_date(text, self.today())
        except UserError as exc:
            self.query_one(f"#{key}", Input).focus()
            raise UserError(f"{what}: {exc}") from None

    def _level(self) -> ParticipationLevel:
        levels = self.query_one("#level", OptionList)
        return list(ParticipationLevel)[levels.highlighted or 0]

    def _languages(self) -> list[str]:
        chosen = list(self.query_one("#languages", SelectionList).selected)
        return chosen or [i18n.DEFAULT_LANGUAGE]

    def _check_essentials(self) -> None:
        if not self._value("title"):
            self.query_one("#title", Input).focus()
            raise UserError(_("De sessie heeft een titel nodig. Typ een korte titel."))
        if not self._value("neighbourhood"):
            self.query_one("#neighbourhood", Input).focus()
            raise UserError(_("De sessie heeft een wijk nodig. Typ de naam van de wijk."))

    def _profile(self) -> dict[str, float]:
        try:
            return parse_profile(self._value("profile"))
        except ValueError as exc:
            self.query_one("#profile", Input).focus()
            raise UserError(str(exc)) from None

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def _tell(self, exc: Exception) -> None:
        self.notify(program_words(str(exc)), title=_("Nog niet compleet"), severity="error", timeout=10)

    def action_save(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def action_cancel(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class PrepareScreen(SessionForm):
    """The form for a new session; dismisses with the new session's id (or None)."""

    HELP = N_(
        "Vul een titel en de wijk in; de rest mag leeg blijven. Een datum mag ook als 1-2-2027, 1 februari, "
        "morgen of dinsdag. Onder 'Meer invullen' staan het niveau van invloed, het aanspreekpunt en de talen "
        "van de brief. Dat kan ook later. Met ctrl+s bewaart u en begint de sessie."
    )

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Bewaren en beginnen"), id="prepare-save"),
        Binding("escape", "cancel", N_("Annuleren"), id="prepare-cancel"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="prepare-form"):
            yield Static(_("Nieuwe sessie"), classes="form-title")
            yield Static(_("Alleen titel en wijk zijn nodig. De rest kunt u leeg laten of later aanpassen."),
                         classes="hint")
            yield from self._field("title", _("Titel *"), placeholder=_("bijvoorbeeld: Gezond leven in de wijk"))
            yield from self._field("neighbourhood", _("Wijk *"))
            yield from self._date_field("date", _("Datum"), value=_("vandaag"),
                                        placeholder=_("bijvoorbeeld: 1-2-2027, 1 februari, dinsdag"))
            yield from self._field("place", _("Plek"), placeholder=_("bijvoorbeeld: het buurthuis"))
            with Horizontal(classes="form-buttons"):
                yield Button(_("Bewaren en beginnen"), id="save", variant="primary")
                yield Button(_("Annuleren"), id="cancel")
            with Collapsible(title=_("Meer invullen (mag ook later)"), collapsed=True, id="more"):
                # Not among the four essentials: Enter after "Plek" goes straight to "Bewaren en beginnen".
                from wijksessie.tui.screens.follows import FollowsField  # loop-tui: "vervolg op…"

                yield FollowsField(self.app.store)
                yield Label(_("Hoeveel kunnen bewoners beslissen?"), classes="form-label")
                yield StopAtEndsOptionList(*self._level_options(), id="level")
                yield Label(_("Talen van de brief (Spatie: aan of uit)"), classes="form-label")
                yield self._language_list([i18n.DEFAULT_LANGUAGE])
                yield from self._date_field(
                    "feedback-due", _("Bewoners horen van ons vóór"), placeholder=_("leeg: 6 weken na het gesprek")
                )
                yield from self._field(
                    "profile",
                    _("Wie wilt u bereiken? (mag leeg)"),
                    placeholder=_("groep = percentage, bijvoorbeeld 65 jaar en ouder = 30%"),
                )
                yield Label(_("Agenda"), classes="form-label")
                yield Select(self._agenda_options(), value=content.DEFAULT_AGENDA, allow_blank=False, id="agenda",
                             prompt=_("Kies een agenda"), compact=True)
                yield Label(_("Doel van het gesprek"), classes="form-label")
                yield PlainInput(id="goal", placeholder=_("In gewone woorden: wat wilt u horen?"))
                for key, question in Preparation.QUESTIONS:
                    yield Label(_(question), classes="form-label")
                    yield PlainInput(id=f"prep-{key}")
                yield Static(_("Aanspreekpunt voor bewoners"), classes="form-title")
                for key, label in (("name", N_("Naam")), ("role", N_("Functie")), ("phone", N_("Telefoon")),
                                   ("email", N_("E-mail")), ("hours", N_("Wanneer bereikbaar"))):
                    yield from self._field(f"contact-{key}", _(label))
        yield Footer(show_command_palette=False, compact=True)

    @staticmethod
    def _agenda_options() -> list[tuple[str, str]]:
        options = []
        for path in content.agenda_files():
            try:
                agenda = content.load_agenda(path)
            except content.ContentError:
                continue  # a broken agenda is reported by `wijksessie check`; it cannot be chosen
            options.append((_("{title} ({minutes} min)").format(title=agenda.shown_title(), minutes=agenda.minutes), agenda.id))
        if not options:
            options.append((content.DEFAULT_AGENDA, content.DEFAULT_AGENDA))
        return options

    def on_mount(self) -> None:
        self._after()

    def after_recompose(self) -> None:
        self._after()

    def _after(self) -> None:
        levels = self.query_one("#level", OptionList)
        levels.highlighted = list(ParticipationLevel).index(model.DEFAULT_LEVEL)
        self._preview("date")
        self._preview("feedback-due")
        self.query_one("#title", Input).focus()

    def build_session(self) -> Session:
        """The session as filled in; raises ``UserError``/``ValueError`` with a plain message."""
        self._check_essentials()
        day = self._date("date", _("Datum")) or self.today()
        due = self._date("feedback-due", _("Bewoners horen van ons vóór"))
        if due is not None and due < day:
            self.query_one("#feedback-due", Input).focus()
            raise UserError(_("De datum waarop bewoners van u horen ligt vóór het gesprek. Kies een latere datum."))
        agenda = self.query_one("#agenda", Select).value
        session = Session.new(
            self._value("title"),
            self._value("neighbourhood"),
            date=day,
            place=self._value("place"),
            agenda=agenda if isinstance(agenda, str) else content.DEFAULT_AGENDA,
            level=self._level(),
            languages=self._languages(),
            feedback_due=due,
        )
        session.preparation = Preparation(
            goal=self.query_one("#goal", PlainInput).value.strip(),
            **{key: self.query_one(f"#prep-{key}", PlainInput).value.strip() for key, _q in Preparation.QUESTIONS},
        )
        session.contact = ContactPoint(
            **{key: self._value(f"contact-{key}") for key in ("name", "role", "phone", "email", "hours")}
        )
        session.target_profile = self._profile()
        from wijksessie.tui.screens.follows import follows_value  # loop-tui: same neighbourhood, checked

        session.follows = follows_value(self, session)
        return session

    def action_save(self) -> None:
        try:
            session = self.build_session()
        except (UserError, ValueError) as exc:  # UserError and ModelError: a message for the user
            self._tell(exc)
            return
        ok, _result = run_safely(self, lambda: self.app.store.create(session))
        if ok:
            self.dismiss(session.id)

    def action_cancel(self) -> None:
        if not (self._value("title") or self._value("neighbourhood")):
            self.dismiss(None)
            return
        from wijksessie.tui.dialogs.common import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog(_("Stoppen zonder te bewaren? Wat u hier invulde, gaat verloren."),
                          yes=_("Stoppen"), no=_("Verder invullen"), danger=True),
            answer,
        )


class SessionSettingsScreen(SessionForm):
    """Change a prepared session: title, neighbourhood, date, place, level, target group, languages, feedback date.

    Opens the session for writing itself (like the follow-up screen) and lets go
    when it closes. Dismisses with the session id when saved, None when not.
    """

    HELP = N_(
        "Pas aan wat bij de voorbereiding is ingevuld. Een datum mag ook als 1-2-2027, 1 februari, morgen "
        "of dinsdag; de datum die het programma begrijpt, staat eronder. Met ctrl+s bewaart u, Esc gaat terug."
    )

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Bewaren"), id="settings-save"),
        Binding("escape", "cancel", N_("Terug"), id="settings-cancel"),
    ]

    def __init__(self, store: SessionStore, session_id: str) -> None:
        super().__init__()
        self.store = store
        # Opened here, not on mount: a locked or damaged session is reported before the screen shows.
        self.sf: SessionFile = store.open(session_id)
        self.session_id = self.sf.session.id

    def compose(self) -> ComposeResult:
        s = self.sf.session
        with VerticalScroll(id="prepare-form"):
            yield Static(_("Gegevens van de sessie"), classes="form-title")
            # Shown through terminal_safe: an escape sequence in a stored title must not reach the terminal.
            yield from self._field("title", _("Titel *"), value=terminal_safe(s.title, oneline=True))
            yield from self._field("neighbourhood", _("Wijk *"), value=terminal_safe(s.neighbourhood, oneline=True))
            yield from self._date_field("date", _("Datum"), value=s.date.isoformat())
            yield from self._field("place", _("Plek"), value=terminal_safe(s.place, oneline=True))
            from wijksessie.tui.screens.follows import FollowsField  # loop-tui: "vervolg op…"

            yield FollowsField(self.store, current=s.follows, exclude=s.id)
            yield from self._date_field("feedback-due", _("Bewoners horen van ons vóór"),
                                        value=s.feedback_due.isoformat() if s.feedback_due else "")
            yield Label(_("Talen van de brief (Spatie: aan of uit)"), classes="form-label")
            yield self._language_list(list(s.languages))
            yield from self._field("profile", _("Wie wilt u bereiken? (mag leeg)"), value=format_profile(s.target_profile),
                                   placeholder=_("groep = percentage, bijvoorbeeld 65 jaar en ouder = 30%"))
            yield Label(_("Hoeveel kunnen bewoners beslissen?"), classes="form-label")
            yield StopAtEndsOptionList(*self._level_options(), id="level")
            with Horizontal(classes="form-buttons"):
                yield Button(_("Bewaren"), id="save", variant="primary")
                yield Button(_("Terug zonder bewaren"), id="cancel")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.after_recompose()

    def after_recompose(self) -> None:
        self.query_one("#level", OptionList).highlighted = list(ParticipationLevel).index(self.sf.session.level)
        self._preview("date")
        self._preview("feedback-due")
        self.query_one("#title", Input).focus()

    def _empty_date_text(self, key: str) -> str:
        if key == "feedback-due":
            return _("Leeg: 6 weken na het gesprek.")
        return _("Leeg: de datum blijft {date}.").format(date=dates.describe_date(self.sf.session.date))

    def changes(self) -> dict:
        """The new values as the form holds them; :class:`UserError` when one is wrong."""
        self._check_essentials()
        day = self._date("date", _("Datum")) or self.sf.session.date
        due = self._date("feedback-due", _("Bewoners horen van ons vóór")) or day + dt.timedelta(
            days=model.DEFAULT_FEEDBACK_DAYS)
        if due < day:
            self.query_one("#feedback-due", Input).focus()
            raise UserError(_("De datum waarop bewoners van u horen ligt vóór het gesprek. Kies een latere datum."))
        for key, label in (("title", _("titel")), ("neighbourhood", _("wijk")), ("place", _("plek"))):
            model.check_text(self._value(key), label)
        from dataclasses import replace

        from wijksessie.tui.screens.follows import follows_value  # loop-tui: same neighbourhood, checked

        follows = follows_value(self, replace(self.sf.session, neighbourhood=self._value("neighbourhood")))
        return {
            "follows": follows,
            "title": self._value("title"),
            "neighbourhood": self._value("neighbourhood"),
            "date": day,
            "place": self._value("place"),
            "feedback_due": due,
            "languages": self._languages(),
            "target_profile": self._profile(),
            "level": self._level(),
        }

    def action_save(self) -> None:
        try:
            values = self.changes()
        except (UserError, ValueError) as exc:
            self._tell(exc)
            return

        def change(session: Session) -> None:
            for key, value in values.items():
                setattr(session, key, value)

        ok, _result = run_safely(self, lambda: self.sf.update(change))
        if ok:
            self.notify(_("De gegevens van de sessie zijn bewaard."), timeout=4)
            self.dismiss(self.session_id)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_unmount(self) -> None:
        self.sf.close()
