"""Preview of the feedback letter, and writing it as HTML, Markdown and plain text.

The letter is shown as plain text (or Markdown with ``t``), scrollable. ``w``
writes all three formats to the folder ``brieven`` next to the data folder
and says where; ``d`` does the same as the final letter, which is only
possible when every contribution has a decision, and records that the letter
was sent (the overview stops counting it as owed). ``l`` switches between the
session's letter languages.

Languages written right to left are shown here as they come; a terminal
often shows them badly, so the HTML file is the one to read and print.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Static

from wijksessie import letter
from wijksessie.atomic import write_atomic
from wijksessie.i18n import N_, _, ngettext
from wijksessie.store import SessionStore
from wijksessie.tui.base import TranslatedScreen, run_safely

#: Folder (next to the data folder) where letters are written.
LETTERS_FOLDER = "brieven"


def letters_folder(store: SessionStore) -> Path:
    """Where the preview writes letters: ``brieven`` beside the data folder."""
    data = Path(store.data_dir).resolve()
    return data.parent / LETTERS_FOLDER


class LetterPreviewScreen(TranslatedScreen[None]):
    """The feedback letter of one session, as residents will read it."""

    DEFAULT_CSS = """
    LetterPreviewScreen #letter-status { height: auto; padding: 0 1; background: $boost; }
    LetterPreviewScreen #letter-scroll { height: 1fr; padding: 0 1; }
    LetterPreviewScreen #letter-body { width: auto; max-width: 100%; }
    """

    BINDINGS = [
        Binding("w", "write", N_("Bestanden maken"), id="letter-write"),
        Binding("d", "write_final", N_("Definitief"), id="letter-final"),
        Binding("t", "toggle_format", N_("Tekst/Markdown"), id="letter-format"),
        Binding("l", "next_language", N_("Taal"), id="letter-language"),
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
        self.status_text = ""

    def _load(self, sf) -> None:
        self.session = sf.session
        self.contributions = sf.contributions()
        self.agreements = sf.agreements()

    # -- building

    def compose(self) -> ComposeResult:
        yield Static("", id="letter-status", markup=False)
        with VerticalScroll(id="letter-scroll"):
            yield Static("", id="letter-body", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.after_recompose()

    def after_recompose(self) -> None:
        self.render_letter()

    def render_letter(self) -> None:
        """Render the letter in the current language and format and show it."""
        ok, text = run_safely(self, lambda: letter.render_letter(
            self.session, self.contributions, self.agreements, self.fmt, self.lang))
        self.letter_text = text or ""
        self.query_one("#letter-body", Static).update(self.letter_text)
        self._show_status()

    def _show_status(self, extra: str = "") -> None:
        still_open = len(letter.open_contributions(self.contributions))
        parts = [_("Brief in taal: {lang}").format(lang=self.lang)]
        if still_open:
            parts.append(ngettext("{n} punt zonder besluit (staat erin als: dit zoeken wij nog uit).",
                                  "{n} punten zonder besluit (staan erin als: dit zoeken wij nog uit).",
                                  still_open).format(n=still_open))
        else:
            parts.append(_("Alle punten hebben een besluit."))
        if letter.text_direction(self.lang) == "rtl":
            parts.append(_("Deze taal leest van rechts naar links: bekijk de HTML-brief."))
        if self.session.letter_sent:
            parts.append(_("Definitieve brief verstuurd op {date}.").format(date=self.session.letter_sent.isoformat()))
        if extra:
            parts.append(extra)
        self.status_text = " ".join(parts)
        self.query_one("#letter-status", Static).update(self.status_text)

    # -- actions

    def _write_files(self, final: bool) -> list[Path]:
        folder = letters_folder(self.store)
        written = []
        for fmt in letter.FORMATS:
            text = letter.render_letter(self.session, self.contributions, self.agreements, fmt, self.lang, final=final)
            target = folder / letter.default_filename(self.session, fmt, self.lang)
            write_atomic(target, text.encode("utf-8"))
            written.append(target)
        return written

    def action_write(self) -> None:
        ok, written = run_safely(self, lambda: self._write_files(final=False))
        if ok:
            self._tell_written(written)

    def action_write_final(self) -> None:
        def final() -> list[Path]:
            with self.store.open(self.session_id) as sf:  # fresh from disk, and locked while we record it
                self._load(sf)
                letter.check_final(self.contributions)
                written = self._write_files(final=True)
                self.session = sf.update(lambda s: setattr(s, "letter_sent", dt.date.today()))
            return written

        ok, written = run_safely(self, final, title=_("Nog niet definitief"))
        self.render_letter()  # the decisions may have changed on disk meanwhile
        if ok:
            self._tell_written(written)

    def _tell_written(self, written: list[Path]) -> None:
        folder = written[0].parent
        names = ", ".join(p.name for p in written)
        message = _("Geschreven in {folder}: {names}").format(folder=folder, names=names)
        self._show_status(message)
        self.notify(message, title=_("Brief klaar"), timeout=8)

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
            self.notify(_("Deze sessie heeft één taal voor de brief."), timeout=3)

    def action_back(self) -> None:
        self.dismiss(None)
