"""Prepare a new session. Only a title and a neighbourhood are needed; the rest has defaults."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from wijksessie import content, model
from wijksessie.i18n import N_, _
from wijksessie.model import ContactPoint, ParticipationLevel, Preparation, Session
from wijksessie.tui.base import TranslatedScreen, run_safely
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
                _("'{part}' begrijp ik niet. Schrijf het als: groep = percentage, bijvoorbeeld 65 jaar en ouder = 30%.").format(
                    part=part
                )
            )
        profile[name.strip()] = value / 100 if value > 1 else value
    return profile


class PrepareScreen(TranslatedScreen[str | None]):
    """The form for a new session; dismisses with the new session's id (or None)."""

    HELP = N_(
        "Vul een titel en de wijk in; de rest mag leeg blijven. Kies hoeveel bewoners kunnen beslissen: "
        "dat leest u bij het welkom voor. Met ctrl+s bewaart u en begint de sessie."
    )

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Bewaren en beginnen"), id="prepare-save"),
        Binding("escape", "cancel", N_("Annuleren"), id="prepare-cancel"),
    ]

    def compose(self) -> ComposeResult:
        today = self.app.clock().date()
        with VerticalScroll(id="prepare-form"):
            yield Static(_("Nieuwe sessie"), classes="form-title")
            yield Static(_("Alleen titel en wijk zijn nodig. De rest kunt u leeg laten."), classes="hint")
            yield from self._field("title", _("Titel *"), placeholder=_("bijvoorbeeld: Gezond leven in de wijk"))
            yield from self._field("neighbourhood", _("Wijk *"))
            yield from self._field("date", _("Datum"), value=today.isoformat(), placeholder="JJJJ-MM-DD")
            yield from self._field("place", _("Plek"), placeholder=_("bijvoorbeeld: het buurthuis"))
            yield Label(_("Agenda"), classes="form-label")
            yield Select(self._agenda_options(), value=content.DEFAULT_AGENDA, allow_blank=False, id="agenda",
                         prompt=_("Kies een agenda"), compact=True)
            yield Label(_("Hoeveel kunnen bewoners beslissen?"), classes="form-label")
            yield OptionList(*self._level_options(), id="level")
            yield Label(_("Doel van het gesprek"), classes="form-label")
            yield PlainInput(id="goal", placeholder=_("In gewone woorden: wat wilt u horen?"))
            for key, question in Preparation.QUESTIONS:
                yield Label(_(question), classes="form-label")
                yield PlainInput(id=f"prep-{key}")
            yield Static(_("Aanspreekpunt voor bewoners"), classes="form-title")
            for key, label in (("name", N_("Naam")), ("role", N_("Functie")), ("phone", N_("Telefoon")),
                               ("email", N_("E-mail")), ("hours", N_("Wanneer bereikbaar"))):
                yield from self._field(f"contact-{key}", _(label))
            yield Static(_("Na het gesprek"), classes="form-title")
            yield from self._field(
                "feedback-due", _("Bewoners horen van ons vóór"), placeholder=_("JJJJ-MM-DD (leeg: 6 weken na het gesprek)")
            )
            yield from self._field("languages", _("Talen van de brief"), value="nl", placeholder=_("bijvoorbeeld: nl tr ar"))
            yield from self._field(
                "profile",
                _("Wie wilt u bereiken? (mag leeg)"),
                placeholder=_("groep = percentage, bijvoorbeeld 65 jaar en ouder = 30%"),
            )
            with Horizontal(classes="form-buttons"):
                yield Button(_("Bewaren en beginnen"), id="save", variant="primary")
                yield Button(_("Annuleren"), id="cancel")
        yield Footer(show_command_palette=False, compact=True)

    @staticmethod
    def _field(key: str, label: str, *, value: str = "", placeholder: str = ""):
        yield Label(label, classes="form-label")
        yield Input(value, placeholder=placeholder, id=key, compact=True)

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

    @staticmethod
    def _level_options() -> list[Option]:
        options = []
        for level in ParticipationLevel:
            text = Text(level.label, style="bold")
            text.append("\n  " + level.explanation)
            options.append(Option(text, id=level.value))
        return options

    def on_mount(self) -> None:
        self._after()

    def after_recompose(self) -> None:
        self._after()

    def _after(self) -> None:
        levels = self.query_one("#level", OptionList)
        levels.highlighted = list(ParticipationLevel).index(model.DEFAULT_LEVEL)
        self.query_one("#title", Input).focus()

    def _value(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value.strip()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def build_session(self) -> Session:
        """The session as filled in; raises ``UserError``/``ValueError`` with a plain message."""
        levels = self.query_one("#level", OptionList)
        level = list(ParticipationLevel)[levels.highlighted or 0]
        agenda = self.query_one("#agenda", Select).value
        session = Session.new(
            self._value("title"),
            self._value("neighbourhood"),
            date=self._value("date") or None,
            place=self._value("place"),
            agenda=agenda if isinstance(agenda, str) else content.DEFAULT_AGENDA,
            level=level,
            languages=self._value("languages").replace(",", " ").split() or ["nl"],
            feedback_due=self._value("feedback-due") or None,
        )
        session.preparation = Preparation(
            goal=self.query_one("#goal", PlainInput).value.strip(),
            **{key: self.query_one(f"#prep-{key}", PlainInput).value.strip() for key, _q in Preparation.QUESTIONS},
        )
        session.contact = ContactPoint(
            **{key: self._value(f"contact-{key}") for key in ("name", "role", "phone", "email", "hours")}
        )
        session.target_profile = parse_profile(self._value("profile"))
        return session

    def action_save(self) -> None:
        try:
            session = self.build_session()
        except ValueError as exc:  # ModelError is a ValueError too, with a message for the user
            self.notify(str(exc), title=_("Nog niet compleet"), severity="error", timeout=10)
            return
        if session.feedback_due and session.feedback_due < session.date:
            self.notify(_("De datum waarop bewoners van u horen ligt vóór het gesprek. Kies een latere datum."),
                        severity="error")
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

