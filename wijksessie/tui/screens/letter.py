"""Preview of the feedback letter, and making it in every format and language.

The letter is shown as plain text (or Markdown with ``t``), scrollable. ``w``
writes it in every format and letter language into the session's own folder
(:func:`wijksessie.outputs.session_folder`) and says where; ``d`` makes the
final letter — only when every contribution has a decision — and records the
day it was sent. ``l`` switches between the session's letter languages, ``g``
sets the municipality's name and signature (the letter warns while it still
says "Gemeente Voorbeeld"). Points the letter prints without personal data
are listed above the letter; ``p`` lets the facilitator allow one, with a reason.

When a letter language still has Dutch texts, ``w``, ``d`` and ``b`` say how many
per language and write nothing (the final letter: record nothing) until the
facilitator chooses 'Toch maken'; then every Dutch text is marked, as
``wijksessie letter --allow-untranslated`` does (:class:`wijksessie.outputs.UntranslatedLetters`).

Rendering and writing run in a worker thread; the screen stays responsive.
Languages written right to left are shown here as they come; a terminal
often shows them badly, so the HTML file is the one to read and print.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from wijksessie import i18n, letter, outputs, privacy
from wijksessie.errors import UserError, os_error_message
from wijksessie.i18n import N_, _, ngettext
from wijksessie.safe_text import terminal_safe
from wijksessie.store import SessionStore
from wijksessie.tui.base import SaysWhyKeys, TranslatedScreen, program_words, today
from wijksessie.update_letter import LanguageGap


class LetterPreviewScreen(SaysWhyKeys, TranslatedScreen[None]):
    """The feedback letter of one session, as residents will read it."""

    DEFAULT_CSS = """
    LetterPreviewScreen #letter-status { height: auto; max-height: 12; padding: 0 1; background: $boost; }
    LetterPreviewScreen #letter-status.-warning { background: $warning-darken-3; }
    LetterPreviewScreen #letter-scroll { height: 1fr; padding: 0 1; }
    LetterPreviewScreen #letter-body { width: auto; max-width: 100%; }
    """

    HELP = N_(
        "Zo leest de bewoner de brief. Met w maakt u de brief in elk formaat en elke taal; de map staat bovenaan. "
        "Met d maakt u de definitieve brief, als elk punt een besluit heeft. Met g vult u de naam en "
        "ondertekening van de gemeente in. Met p staat u een punt met persoonsgegevens toch toe in de brief."
    )

    BINDINGS = [
        Binding("w", "write", N_("Bestanden maken"), id="letter-write"),
        Binding("d", "write_final", N_("Definitief"), id="letter-final"),
        Binding("l", "next_language", N_("Taal"), id="letter-language"),
        # Not in the footer (80 columns): while the letter still says "Gemeente Voorbeeld" the status line
        # says "Druk op g …"; F1 lists it.
        Binding("g", "municipality", N_("Gemeente"), id="letter-municipality", show=False),
        Binding("t", "toggle_format", N_("Tekst/Markdown"), id="letter-format", show=False),
        Binding("p", "allow_point", N_("Punt toestaan"), id="letter-allow", show=False),
        # Only after the final letter, while residents who asked for a letter have not had it (check_action).
        # Not in the footer (it is full at 80 columns): the status line offers it, "… Druk op b.", and F1 lists it.
        Binding("b", "personal_letters", N_("Brieven printen"), id="letter-personal", show=False),
        # Only once a letter went out (check_action); loop-tui, tui/screens/update_letter.py.
        Binding("u", "update_letter", N_("Bijwerkbrief"), id="letter-update"),
        Binding("escape", "back", N_("Terug"), id="letter-back"),
    ]

    def __init__(self, store: SessionStore, session_id: str, lang: str = "nl") -> None:
        super().__init__()
        self.store = store
        # Read now, so a missing or damaged session is reported before the screen shows.
        with store.open(session_id, readonly=True) as sf:
            self.session_id = sf.session.id
            self._load(sf)
        self.lang = lang or (self.session.languages[0] if self.session.languages else "nl")
        self.fmt = "txt"
        self.letter_text = ""
        self.untranslated = 0  # texts of the letter shown that are still Dutch (its language lacks them)
        self.status_text = ""
        self.written: list[Path] = []
        self.problem = ""
        self.personal_written: list[Path] = []
        self.write_note = ""  # e.g. that the Dutch texts are marked, after 'Toch maken'
        self.update_note = ""  # what the last update letter did (tui/screens/update_letter.py), kept in the status line

    def _load(self, sf) -> None:
        self.session = sf.session
        self.contributions = sf.contributions()
        self.agreements = sf.agreements()
        self.held = privacy.letter_holds(self.contributions)
        self.waiting = outputs.personal_letters_waiting(sf)  # "n brieven klaar om te printen"

    @property
    def folder(self) -> Path:
        """Where the letters of this session go."""
        return outputs.session_folder(self.store.data_dir, self.session_id)

    # -- building

    def compose(self) -> ComposeResult:
        yield Static("", id="letter-status")
        with VerticalScroll(id="letter-scroll"):
            yield Static("", id="letter-body", markup=False)
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.after_recompose()

    def after_recompose(self) -> None:
        self.render_letter()

    def render_letter(self) -> None:
        """Render the letter in the current language and format (in a worker) and show it."""
        self.show_status(_("De brief wordt gemaakt…"))
        self._render_in_thread(self.lang, self.fmt, today(self))

    @work(thread=True, exclusive=True, group="letter-render")
    def _render_in_thread(self, lang: str, fmt: str, day) -> None:
        untranslated = 0
        try:
            rendered = letter.write_letter(self.session, self.contributions, self.agreements, fmt, lang, today=day)
            text, problem, untranslated = rendered.text, "", len(rendered.untranslated)
        except UserError as exc:
            text, problem = "", program_words(str(exc))
        self.app.call_from_thread(self._rendered, text, problem, untranslated)

    def _rendered(self, text: str, problem: str, untranslated: int = 0) -> None:
        if not self.query("#letter-body"):
            return  # being rebuilt (language switch): after_recompose renders again
        self.letter_text = text
        self.problem = problem
        self.untranslated = untranslated
        self.query_one("#letter-body", Static).update(terminal_safe(text, oneline=False) if text else "")
        self.show_status()

    def _municipality_is_example(self) -> bool:
        try:
            return letter.is_example_municipality(letter.load_municipality())
        except UserError:
            return True

    def show_status(self, extra: str = "") -> None:
        """The status line under the letter: what is made, what is missing; ``extra`` first (e.g. a problem)."""
        if not self.query("#letter-status"):
            return  # being rebuilt (language switch)
        still_open = len(letter.open_contributions(self.contributions))
        text = Text()
        warn = False
        text.append(_("Taal van de brief: {language}.").format(language=i18n.language_name(self.lang, i18n.current_language()))
                    + " ")
        if still_open:
            text.append(ngettext("{n} punt zonder besluit (staat erin als: dit zoeken wij nog uit).",
                                 "{n} punten zonder besluit (staan erin als: dit zoeken wij nog uit).",
                                 still_open).format(n=still_open))
        else:
            text.append(_("Alle punten hebben een besluit."))
        if letter.text_direction(self.lang) == "rtl":
            text.append(" " + _("Deze taal leest van rechts naar links: bekijk de HTML-brief."))
        if self.session.letter_sent:
            text.append(" " + _("Definitieve brief verstuurd op {date}.").format(
                date=i18n.format_date(self.session.letter_sent)))
        if self.untranslated:  # said before w or d ask about it
            warn = True
            text.append("\n⚠ " + ngettext("Nog niet vertaald: {n} tekst staat in het Nederlands.",
                                          "Nog niet vertaald: {n} teksten staan in het Nederlands.",
                                          self.untranslated).format(n=self.untranslated), style="bold")
        if self._municipality_is_example():
            warn = True
            text.append("\n⚠ " + _("De brief noemt nog deze gemeente: {name}. Druk op g om uw gemeente en ondertekening in te vullen.")
                        .format(name=letter.EXAMPLE_MUNICIPALITY), style="bold")
        if self.held:
            warn = True
            text.append("\n⚠ " + ngettext(
                "{n} punt staat in de brief zonder persoonsgegevens:",
                "{n} punten staan in de brief zonder persoonsgegevens:", len(self.held)).format(n=len(self.held)),
                style="bold")
            for point in self.held:
                text.append("\n  " + terminal_safe(f"{point.contribution_id}: {point.describe()}"))
            text.append("\n  " + _("Pas de tekst aan in de sessie (Esc, dan e), of druk op p als het toch in de brief mag."))
        if self.problem:
            warn = True
            text.append("\n⚠ " + self.problem, style="bold")
        if self.session.letter_sent and self.waiting:
            text.append("\n" + ngettext("{n} brief klaar om te printen (voor de bewoner die erom vroeg). Druk op b.",
                                         "{n} brieven klaar om te printen (voor bewoners die erom vroegen). Druk op b.",
                                         self.waiting).format(n=self.waiting), style="bold")
        text.append("\n" + _("Map: {folder}").format(folder=self.folder), style="dim")
        if self.written:
            if len(self.written) <= 3:
                text.append("\n" + _("Gemaakt: {names}").format(names=", ".join(p.name for p in self.written)))
            else:  # 15 file names would push the letter off the screen: say what was made
                kinds = ", ".join(dict.fromkeys(p.suffix[1:].upper() for p in self.written))
                text.append("\n" + ngettext("Gemaakt: {n} bestand, in elke taal van de brief. Soorten: {kinds}.",
                                             "Gemaakt: {n} bestanden, in elke taal van de brief. Soorten: {kinds}.",
                                             len(self.written)).format(n=len(self.written), kinds=kinds))
            missing = getattr(self.written, "missing", {})
            if missing:
                text.append("\n⚠ " + _("Deze tekens staan niet in de PDF (het lettertype heeft ze niet): {chars}")
                            .format(chars=terminal_safe(" ".join(dict.fromkeys("".join(missing.values()))))))
        if self.write_note:
            text.append("\n" + self.write_note)
        if self.update_note:
            text.append("\n" + self.update_note)
        if self.personal_written:
            text.append("\n" + ngettext("{n} brief om te printen. Map: {folder}", "{n} brieven om te printen. Map: {folder}",
                                         len(self.personal_written)).format(
                n=len(self.personal_written), folder=self.personal_written[0].parent), style="bold")
        if extra:
            text.append("\n" + extra)
        self.status_text = text.plain
        status = self.query_one("#letter-status", Static)
        status.update(text)
        status.set_class(warn, "-warning")

    # -- making files

    @work(thread=True, exclusive=True, group="letter-write")
    def _write_in_thread(self, final: bool, allow_untranslated: bool = False) -> None:
        written: list[Path]
        try:
            if final:
                written = outputs.write_final_letter(self.store, self.session_id, self.store.data_dir,
                                                     today=today(self), allow_untranslated=allow_untranslated)
            else:
                written = outputs.write_letters(self.session, self.contributions, self.agreements, self.store.data_dir,
                                                today=today(self), allow_untranslated=allow_untranslated)
            problem = ""
        except outputs.UntranslatedLetters as exc:  # nothing written, nothing recorded: ask first
            self.app.call_from_thread(self._ask_untranslated, exc.gaps, lambda allow: self._write_in_thread(final, allow))
            return
        except UserError as exc:
            written, problem = [], program_words(str(exc))
        except OSError as exc:
            written, problem = [], os_error_message(exc)
        self.app.call_from_thread(self._written, written, problem, final)

    def _ask_untranslated(self, gaps: list[LanguageGap], again: Callable[[bool], object]) -> None:
        """Say per language how many texts are still Dutch; write (those texts marked) only after an explicit yes."""
        from wijksessie.tui.dialogs.common import ConfirmDialog

        question = outputs.gaps_question(gaps)
        self.show_status("⚠ " + question)

        def answer(yes: bool | None) -> None:
            if yes:
                self.show_status(_("Bezig met maken…"))
                again(True)  # the same letters, the Dutch texts marked
            else:
                self.show_status(_("Er is geen brief gemaakt."))

        self.app.push_screen(ConfirmDialog(question, yes=_("Toch maken"), no=_("Nog niet"), danger=True), answer)

    def _written(self, written: list[Path], problem: str, final: bool) -> None:
        if final:
            self.reload_session()
        if problem:
            self.notify(problem, title=_("Nog niet definitief") if final else _("Dat lukte niet"),
                        severity="error", timeout=10)
            self.show_status("⚠ " + problem)
            return
        self.written = written
        message = ngettext("{n} bestand gemaakt. Map: {folder}", "{n} bestanden gemaakt. Map: {folder}",
                           len(written)).format(n=len(written), folder=self.folder)
        if getattr(written, "gaps", None):  # written after a yes to 'Toch maken'
            message += " " + _("Bij elke Nederlandse tekst staat een teken.")
        self.write_note = _("Bij elke Nederlandse tekst staat een teken.") if getattr(written, "gaps", None) else ""
        self.show_status()
        self.notify(message, title=_("Definitieve brief klaar") if final else _("Brief klaar"), timeout=8)

    def reload_session(self) -> None:
        """Read the session again (after the final or update letter recorded what was sent)."""
        try:
            with self.store.open(self.session_id, readonly=True) as sf:
                self._load(sf)
        except UserError as exc:
            self.notify(program_words(str(exc)), severity="error", timeout=10)
        self.refresh_bindings()  # "b Brieven printen" appears after the final letter
        self.render_letter()

    def action_write(self) -> None:
        self.show_status(_("Bezig met maken…"))
        self._write_in_thread(False)

    def action_write_final(self) -> None:
        """Ask first; the core then refuses (and says why) while a point has no answer yet."""
        from wijksessie.tui.dialogs.common import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self.show_status(_("Bezig met maken…"))
                self._write_in_thread(True)

        self.app.push_screen(
            ConfirmDialog(
                _("De definitieve brief maken? Het programma noteert dan dat de brief vandaag is verstuurd."),
                yes=_("Definitief maken"), no=_("Nog niet"),
            ),
            answer,
        )

    # -- other keys

    @property
    def active_bindings(self):
        """The footer's keys; once the final letter is sent, 'd Definitief' makes room for 'u Bijwerkbrief'.

        d still works (and F1 lists it); the status line says when the final letter went out.
        """
        bindings = super().active_bindings
        if self.session.letter_sent:
            return {key: active for key, active in bindings.items() if active.binding.action != "write_final"}
        return bindings

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "personal_letters":
            return bool(self.session.letter_sent and self.waiting)
        if action == "update_letter":
            from wijksessie.tui.screens import update_letter

            return update_letter.available(self)
        return True

    def action_update_letter(self) -> None:
        """Only what changed since the last letter, in the session's folder; nothing changed, nothing written."""
        from wijksessie.tui.screens import update_letter

        update_letter.make(self)

    def action_personal_letters(self) -> None:
        """Write the final letter for each resident who asked for one (PDF, name and address on it)."""
        self.show_status(_("Bezig met maken…"))
        self._personal_in_thread()

    @work(thread=True, exclusive=True, group="letter-write")
    def _personal_in_thread(self, allow_untranslated: bool = False) -> None:
        try:
            made = outputs.write_personal_letters(self.store, self.session_id, self.store.data_dir, today=today(self),
                                                  allow_untranslated=allow_untranslated)
            problem = ""
        except outputs.UntranslatedLetters as exc:  # nothing written, nothing recorded: ask first
            self.app.call_from_thread(self._ask_untranslated, exc.gaps, self._personal_in_thread)
            return
        except UserError as exc:
            made, problem = [], program_words(str(exc))
        except OSError as exc:
            made, problem = [], os_error_message(exc)
        self.app.call_from_thread(self._personal_written, made, problem)

    def _personal_written(self, made: list, problem: str) -> None:
        self.reload_session()
        if problem:
            self.notify(problem, title=_("Dat lukte niet"), severity="error", timeout=10)
            self.show_status("⚠ " + problem)
            return
        self.personal_written = [item.path for item in made]
        self.write_note = _("Bij elke Nederlandse tekst staat een teken.") if any(i.untranslated for i in made) else ""
        missing = "".join(dict.fromkeys("".join(item.missing for item in made)))
        if missing:
            self.notify(_("Deze tekens staan niet in de PDF (het lettertype heeft ze niet): {chars}")
                        .format(chars=terminal_safe(" ".join(missing))), severity="warning", timeout=10)
        self.notify(ngettext("{n} brief gemaakt. Map: {folder}", "{n} brieven gemaakt. Map: {folder}", len(made))
                    .format(n=len(made), folder=made[0].path.parent if made else ""), title=_("Brieven klaar"), timeout=8)

    def action_toggle_format(self) -> None:
        self.fmt = "md" if self.fmt == "txt" else "txt"
        self.render_letter()

    def action_next_language(self) -> None:
        languages = self.session.languages or ["nl"]
        if self.lang in languages:
            self.lang = languages[(languages.index(self.lang) + 1) % len(languages)]
        else:
            self.lang = languages[0]
        self.render_letter()
        if len(languages) == 1:
            self.notify(_("Deze sessie heeft één taal voor de brief. Meer talen kiest u bij de gegevens van de sessie."),
                        timeout=5)

    def action_municipality(self) -> None:
        from wijksessie.tui.dialogs.municipality import MunicipalityDialog

        def saved(result: bool | None) -> None:
            if result:
                self.render_letter()

        self.app.push_screen(MunicipalityDialog(), saved)

    def action_allow_point(self) -> None:
        """Allow the first held-back point in the letter as it is, with a reason."""
        if not self.held:
            self.notify(_("Er staan geen punten met persoonsgegevens in de brief."), timeout=4)
            return
        point = self.held[0]
        from wijksessie.tui.dialogs.common import TextDialog

        def answer(reason: str | None) -> None:
            if reason is None:
                return
            if not reason.strip():
                self.notify(_("Schrijf erbij waarom dit in de brief mag. Bijvoorbeeld: het is het nummer van het buurthuis."),
                            severity="warning", timeout=8)
                return
            try:
                with self.store.open(self.session_id) as sf:
                    sf.update_contribution(privacy.clear(sf.contribution(point.contribution_id), reason))
            except (UserError, OSError) as exc:
                self.notify(program_words(str(exc)), title=_("Dat lukte niet"), severity="error", timeout=10)
                return
            self.notify(_("Dit punt gaat nu in de brief zoals het er staat: {id}.").format(id=point.contribution_id), timeout=5)
            self.reload_session()

        self.app.push_screen(TextDialog(
            _("{id}: {what} Waarom mag dit toch in de brief?").format(id=point.contribution_id, what=point.describe()),
            placeholder=_("bijvoorbeeld: het is het nummer van het buurthuis"),
        ), answer)

    def action_back(self) -> None:
        self.dismiss(None)
