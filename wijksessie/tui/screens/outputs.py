"""Make every file of the end of the evening from the program, and show where it went.

Exports (Markdown, CSV for Excel, JSON), the letter in every format and
language, the final letter and the overview per neighbourhood: everything the
command line can make. Each file goes into the one folder of the session
(:func:`wijksessie.outputs.session_folder`), the overview into the overview
folder; the screen shows the folder and every file made. Files are made in a
worker thread, so the screen never freezes while a long letter is written.
A letter in a language with Dutch texts left is made only after the screen
said how many per language and the facilitator chose 'Toch maken' (the
other files are made meanwhile); then the Dutch texts are marked.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from wijksessie import i18n, outputs
from wijksessie.errors import UserError, os_error_message
from wijksessie.i18n import N_, _, ngettext
from wijksessie.safe_text import terminal_safe
from wijksessie.store import SessionStore
from wijksessie.tui.base import SaysWhyKeys, StopAtEndsOptionList, TranslatedScreen, program_words, today
from wijksessie.update_letter import LanguageGap


class OutputsScreen(SaysWhyKeys, TranslatedScreen[None]):
    """A list of what can be made for one session; Enter makes it."""

    DEFAULT_CSS = """
    OutputsScreen #outputs-title { height: auto; text-style: bold; padding: 0 1; background: $primary-background; }
    OutputsScreen #outputs-folder { height: auto; padding: 0 1; }
    OutputsScreen #outputs-list { height: auto; max-height: 12; border: none; }
    OutputsScreen #outputs-done { height: 1fr; padding: 0 1; }
    OutputsScreen #outputs-log { height: auto; }
    """

    HELP = N_(
        "Kies met de pijltjes wat u wilt maken en druk op Enter. Alles komt in één map voor deze sessie; "
        "die map staat bovenaan. De definitieve brief kan pas als elk punt een besluit heeft."
    )

    BINDINGS = [
        Binding("enter", "make", N_("Maken"), id="outputs-make", priority=True),
        Binding("a", "make_all", N_("Alles maken"), id="outputs-all"),
        Binding("escape", "back", N_("Terug"), id="outputs-back"),
    ]

    def __init__(self, store: SessionStore, session_id: str) -> None:
        super().__init__()
        self.store = store
        # Read now: a missing or damaged session is reported before the screen shows.
        with store.open(session_id, readonly=True) as sf:
            self.session = sf.session
        self.session_id = self.session.id
        self.folder = outputs.session_folder(store.data_dir, self.session_id)
        self.made: list[Path] = []
        self.busy = False
        self.missing = ""  # characters a PDF had to leave out
        self.marked = False  # letters made after 'Toch maken': their Dutch texts are marked

    # -- what can be made

    def choices(self) -> list[tuple[str, str]]:
        """(id, label) of everything this screen can make, translated now."""
        languages = i18n.format_list(i18n.language_name(code, i18n.current_language())
                                     for code in outputs.letter_languages(self.session))
        names = {"html": "HTML", "md": "Markdown", "txt": _("tekst"), "pdf": "PDF", "docx": "Word"}
        formats = i18n.format_list(names.get(fmt, fmt.upper()) for fmt in outputs.letter_formats())
        return [
            ("export-md", _("Verslag om te lezen (Markdown)")),
            ("export-csv", _("Tabel voor Excel (CSV)")),
            ("export-json", _("Alle gegevens (JSON, voor een andere laptop)")),
            ("letters", _("Brief aan bewoners. Vormen: {formats}. Talen: {languages}.").format(
                formats=formats, languages=languages)),
            ("final", _("Definitieve brief (alle formaten en talen) en noteren dat hij verstuurd is")),
            ("report", _("Overzicht per wijk, alle sessies (Markdown, CSV en JSON)")),
        ] + self._personal_choice()

    def _personal_choice(self) -> list[tuple[str, str]]:
        """After the final letter: "n brieven klaar om te printen" (residents who asked for a letter)."""
        try:
            with self.store.open(self.session_id, readonly=True) as sf:
                sent, waiting = sf.session.letter_sent, outputs.personal_letters_waiting(sf)
        except UserError:
            return []
        if not (sent and waiting):
            return []
        return [("personal", ngettext("{n} brief klaar om te printen (PDF met naam en adres)",
                                      "{n} brieven klaar om te printen (PDF met naam en adres)", waiting).format(n=waiting))]

    def compose(self) -> ComposeResult:
        yield Static(Text(_("Bestanden maken: {title}").format(title=terminal_safe(self.session.title))),
                     id="outputs-title")
        yield Static(Text(_("Map van deze sessie: {folder}").format(folder=self.folder)), id="outputs-folder")
        yield StopAtEndsOptionList(*[Option(label, id=key) for key, label in self.choices()], id="outputs-list")
        with VerticalScroll(id="outputs-done"):
            yield Static("", id="outputs-log")
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.after_recompose()

    def after_recompose(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        choices.focus()
        self._show_log()

    # -- making

    def _make(self, key: str, allow_untranslated: bool = False) -> list[Path]:
        data = self.store.data_dir
        if key.startswith("export-"):
            with self.store.open(self.session_id, readonly=True) as sf:
                return [outputs.write_export(sf, key.split("-", 1)[1], data)]
        if key == "letters":
            with self.store.open(self.session_id, readonly=True) as sf:
                return self._note_missing(outputs.write_letters(sf.session, sf.contributions(), sf.agreements(), data,
                                                                today=today(self), allow_untranslated=allow_untranslated))
        if key == "final":
            return self._note_missing(outputs.write_final_letter(self.store, self.session_id, data, today=today(self),
                                                                 allow_untranslated=allow_untranslated))
        if key == "personal":
            return [item.path for item in self._note_missing(
                outputs.write_personal_letters(self.store, self.session_id, data, today=today(self),
                                               allow_untranslated=allow_untranslated))]
        if key == "report":
            day = today(self)
            return [outputs.write_report(self.store, fmt, data, today=day) for fmt in outputs.REPORT_FORMATS]
        raise ValueError(key)

    def _note_missing(self, made):
        """Remember the characters a PDF had to leave out, to show them."""
        items = made.missing.values() if hasattr(made, "missing") else (getattr(m, "missing", "") for m in made)
        self.missing = "".join(dict.fromkeys(self.missing + "".join(items)))
        return made

    @work(thread=True, exclusive=True, group="outputs")
    def make(self, keys: list[str], allow_untranslated: bool = False) -> None:
        """Make the files for ``keys`` in a thread; the screen says what was made or what went wrong.

        A letter in a language with Dutch texts left is not made: the screen
        asks afterwards (:meth:`_ask_untranslated`) and makes it on a yes.
        """
        made: list[Path] = []
        problems: list[str] = []
        waiting: list[str] = []  # letters not made: a language still has Dutch texts
        gaps: list[LanguageGap] = []
        for key in keys:
            try:
                made += self._make(key, allow_untranslated)
            except outputs.UntranslatedLetters as exc:
                waiting.append(key)
                gaps = gaps or exc.gaps
            except UserError as exc:
                problems.append(program_words(str(exc)))
            except OSError as exc:
                problems.append(os_error_message(exc))
        self.app.call_from_thread(self._finished, made, problems, waiting, gaps)

    def _start(self, keys: list[str], allow_untranslated: bool = False) -> None:
        if self.busy:
            self.notify(_("Even wachten: de vorige bestanden worden nog gemaakt."), severity="warning")
            return
        self.busy = True
        self.query_one("#outputs-log", Static).update(_("Bezig met maken…"))
        self.make(keys, allow_untranslated)

    def _finished(self, made: list[Path], problems: list[str], waiting: list[str] | None = None,
                  gaps: list[LanguageGap] | None = None) -> None:
        self.busy = False
        self.made = made + [p for p in self.made if p not in made]
        self._show_log(problems)
        self._refresh_personal_choice()
        if waiting and gaps:
            self._ask_untranslated(waiting, gaps)
        if problems:
            self.notify(" ".join(problems), title=_("Niet alles is gemaakt"), severity="error", timeout=10)
        elif made:
            self.notify(ngettext("{n} bestand gemaakt. Map: {folder}", "{n} bestanden gemaakt. Map: {folder}", len(made))
                        .format(n=len(made), folder=made[0].parent), title=_("Klaar"), timeout=6)

    def _ask_untranslated(self, keys: list[str], gaps: list[LanguageGap]) -> None:
        """Per language, how many texts are still Dutch; make the letters (those texts marked) only after a yes."""
        from wijksessie.tui.dialogs.common import ConfirmDialog

        question = outputs.gaps_question(gaps)

        def answer(yes: bool | None) -> None:
            if yes:
                self.marked = True
                self._start(keys, allow_untranslated=True)
            else:
                self._show_log([_("Er is geen brief gemaakt.")])

        self.app.push_screen(ConfirmDialog(question, yes=_("Toch maken"), no=_("Nog niet"), danger=True), answer)

    def _show_log(self, problems: list[str] | None = None) -> None:
        if not self.query("#outputs-log"):
            return  # being rebuilt (language switch): after_recompose shows it again
        text = Text()
        for problem in problems or []:
            text.append("⚠ " + problem + "\n", style="bold red")
        if self.marked:  # above the list, which can be longer than the screen
            text.append(_("Bij elke Nederlandse tekst staat een teken.") + "\n", style="bold")
        if self.made:
            text.append(_("Gemaakt (nieuwste eerst):") + "\n", style="bold")
            for path in self.made:
                text.append("  " + self._shown(path) + "\n")
        elif not problems:
            text.append(_("Nog niets gemaakt. Kies hierboven wat u nodig hebt en druk op Enter."), style="dim")
        if self.missing:
            text.append("\n⚠ " + _("Deze tekens staan niet in de PDF (het lettertype heeft ze niet): {chars}")
                        .format(chars=terminal_safe(" ".join(self.missing))), style="bold")
        self.query_one("#outputs-log", Static).update(text)

    def _shown(self, path: Path) -> str:
        """A file's name when it is in the session's folder (shown above), else its whole path."""
        return str(path.relative_to(self.folder)) if path.is_relative_to(self.folder) else str(path)

    def _refresh_personal_choice(self) -> None:
        """Add, change or drop "n brieven klaar om te printen" after the final letter or the letters."""
        from textual.widgets.option_list import OptionDoesNotExist

        option_list = self.query_one(OptionList)
        wanted = self._personal_choice()
        try:
            option_list.get_option("personal")
            there = True
        except OptionDoesNotExist:
            there = False
        if there:
            option_list.remove_option("personal")
        if wanted:
            option_list.add_option(Option(wanted[0][1], id="personal"))
            if not there:
                self.notify(wanted[0][1], title=_("Nu ook: eigen brieven"), timeout=8)

    # -- keys

    def action_make(self) -> None:
        option_list = self.query_one(OptionList)
        if option_list.highlighted is None:
            self.notify(_("Kies eerst met de pijltjes wat u wilt maken."), severity="warning")
            return
        key = option_list.get_option_at_index(option_list.highlighted).id or ""
        if key == "final":
            self._confirm_final()
            return
        self._start([key])

    def _confirm_final(self) -> None:
        from wijksessie.tui.dialogs.common import ConfirmDialog

        def answer(yes: bool | None) -> None:
            if yes:
                self._start(["final"])

        self.app.push_screen(
            ConfirmDialog(
                _("De definitieve brief maken? Het programma noteert dan dat de brief op {date} is verstuurd.").format(
                    date=i18n.format_date(today(self))),
                yes=_("Definitief maken"), no=_("Nog niet"),
            ),
            answer,
        )

    def action_make_all(self) -> None:
        """Exports, letters and the overview (not the final letter: that one is asked for on its own)."""
        self._start(["export-md", "export-csv", "export-json", "letters", "report"])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_make()

    def action_back(self) -> None:
        self.dismiss(None)

