"""Where the files made for a session go, and making them.

One rule, so a facilitator always finds them: everything made for one session
goes into ``<data folder>/uitvoer/<session id>/`` — exports, letters in every
format and language, the final letter. The overview across neighbourhoods is
not about one session; it goes into ``<data folder>/uitvoer/overzicht/``.

The full-screen program makes its files through these functions; the command
line writes where ``-o`` says. Every file is written whole or not at all
(:func:`wijksessie.atomic.write_atomic`); making the same file again replaces it.

A letter in a language that still lacks some of its texts would mix that
language with Dutch. So :func:`write_letters` and :func:`write_final_letter`
write nothing (and record nothing) while a letter language has Dutch texts
left, and raise :class:`UntranslatedLetters` with the count per language; the
program asks, and on a yes calls again with ``allow_untranslated`` — then
every Dutch text is marked, as ``wijksessie letter --allow-untranslated`` does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wijksessie import export, i18n, letter
from wijksessie.atomic import make_folders, write_atomic
from wijksessie.errors import UserError
from wijksessie.i18n import _, ngettext
from wijksessie.model import Agreement, Contribution, Session
from wijksessie.update_letter import LanguageGap, language_gaps

if TYPE_CHECKING:
    from wijksessie.documents.personal import PersonalLetter
    from wijksessie.store import SessionFile, SessionStore

#: The folder inside the data folder that holds everything the program makes.
OUTPUT_FOLDER = "uitvoer"
#: The folder (inside :data:`OUTPUT_FOLDER`) for the overview across neighbourhoods.
REPORT_FOLDER = "overzicht"
#: Export formats, in the order the program offers them.
EXPORT_FORMATS = ("md", "csv", "json")
#: Formats of the overview across neighbourhoods.
REPORT_FORMATS = ("md", "csv", "json")


def output_root(data_dir: Path) -> Path:
    """``<data folder>/uitvoer``."""
    return Path(data_dir) / OUTPUT_FOLDER


def session_folder(data_dir: Path, session_id: str) -> Path:
    """``<data folder>/uitvoer/<session id>``: the one folder for everything made for a session."""
    return output_root(data_dir) / session_id


def report_folder(data_dir: Path) -> Path:
    """``<data folder>/uitvoer/overzicht``: the overview across neighbourhoods."""
    return output_root(data_dir) / REPORT_FOLDER


def letter_formats() -> tuple[str, ...]:
    """Every format the letter can be made in, PDF and Word included (read from the letter module)."""
    return tuple(letter.LETTER_FORMATS)


class WrittenFiles(list[Path]):
    """The files written (a list of paths), and per file the characters a PDF had to leave out."""

    def __init__(self, paths: Iterable[Path] = ()) -> None:
        super().__init__(paths)
        #: file name -> characters the PDF's font cannot show (left out of that file).
        self.missing: dict[str, str] = {}
        #: Languages whose letter holds (marked) Dutch texts, when written with ``allow_untranslated``.
        self.gaps: list[LanguageGap] = []


def _write(path: Path, content: str | bytes) -> Path:
    make_folders(path.parent)  # owner-only, like the files: letters and exports may name residents
    write_atomic(path, content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def write_export(sf: SessionFile, fmt: str, data_dir: Path) -> Path:
    """The export of an open session in ``md``, ``csv`` or ``json`` (without residents' personal data)."""
    makers = {"md": export.export_markdown, "csv": export.export_csv, "json": export.export_json}
    if fmt not in makers:
        raise ValueError(fmt)
    text = makers[fmt](sf)
    if fmt == "csv" and isinstance(text, str) and not text.startswith("\ufeff"):
        text = "\ufeff" + text  # Excel in the Netherlands reads UTF-8 only with a BOM
    return _write(session_folder(data_dir, sf.session.id) / f"export-{sf.session.id}.{fmt}", text)


def letter_languages(session: Session) -> list[str]:
    """The session's letter languages (Dutch when none are set)."""
    return list(session.languages or [i18n.DEFAULT_LANGUAGE])


def gaps_lines(gaps: Sequence[LanguageGap]) -> list[str]:
    """One line per language: ``Taal: Turks. Er staan nog 12 teksten in het Nederlands.`` (interface language)."""
    lines = []
    for gap in gaps:
        n = len(gap.untranslated)
        lines.append(ngettext("Taal: {language}. Er staat nog {n} tekst in het Nederlands.",
                              "Taal: {language}. Er staan nog {n} teksten in het Nederlands.", n)
                     .format(language=i18n.language_name(gap.lang, i18n.current_language()), n=n))
    return lines


class UntranslatedLetters(UserError):
    """A letter language still has Dutch texts; nothing was written. ``gaps`` says how many, per language."""

    def __init__(self, gaps: Sequence[LanguageGap]) -> None:
        self.gaps = list(gaps)
        super().__init__(gaps_question(self.gaps))


def gaps_question(gaps: Sequence[LanguageGap]) -> str:
    """What is wrong (per language, how many texts are Dutch) and what to do; the program asks it before writing."""
    return "\n".join([_("De brief is nog niet helemaal vertaald."), *gaps_lines(gaps),
                      _("Laat eerst de vertaling afmaken. Of maak de brief toch; "
                        "dan staat bij elke Nederlandse tekst een teken.")])


@dataclass
class _Made:
    """One letter file made in memory, not yet written."""

    path: Path
    content: str | bytes
    lang: str
    untranslated: list[str] = field(default_factory=list)
    missing: str = ""
    #: The file's format; a PDF or Word item holds the HTML letter's text until :func:`_make_documents`.
    fmt: str = ""


def write_letters(session: Session, contributions: list[Contribution], agreements: list[Agreement], data_dir: Path,
                  *, languages: Sequence[str] | None = None, formats: Sequence[str] | None = None,
                  final: bool = False, today: dt.date | None = None,
                  allow_untranslated: bool = False) -> WrittenFiles:
    """The letter in every format and language (or those asked); returns the files written.

    Per language each text letter is rendered once; PDF and Word are made
    from that one HTML letter (:func:`wijksessie.documents.document_from_html`),
    as :func:`wijksessie.documents.write_document` makes them; the
    characters a PDF had to leave out are in the result's ``missing``.
    Everything is made first and only then written, so a broken template
    writes nothing. While a language still has Dutch texts nothing is
    written either (and no PDF or Word is made):
    :class:`UntranslatedLetters` says how many per language. With
    ``allow_untranslated`` the letter is written and those texts are marked
    (the result's ``gaps`` then lists them).
    """
    municipality = letter.load_municipality()
    made = _make_letters(session, contributions, agreements, session_folder(data_dir, session.id), municipality,
                         languages=languages, formats=formats, final=final, today=today,
                         mark_untranslated=allow_untranslated)
    gaps = language_gaps(made)
    if gaps and not allow_untranslated:
        raise UntranslatedLetters(gaps)
    _make_documents(made, municipality)
    written = WrittenFiles()
    for item in made:
        written.append(_write(item.path, item.content))
        if item.missing:
            written.missing[item.path.name] = item.missing
    written.gaps = gaps
    return written


def _make_letters(session: Session, contributions: list[Contribution], agreements: list[Agreement], folder: Path,
                  municipality: letter.Municipality, *, languages: Sequence[str] | None = None,
                  formats: Sequence[str] | None = None, final: bool = False, today: dt.date | None = None,
                  mark_untranslated: bool = False) -> list[_Made]:
    """Every letter file in memory (nothing written), each with the Dutch texts its language lacks.

    Each language's letter is rendered once per text format; PDF and Word
    items get the HTML letter's text (and its Dutch texts), made into the
    document by :func:`_make_documents` once the letters may be written.
    """
    from wijksessie.documents import DOCUMENT_FORMATS

    made: list[_Made] = []
    for lang in languages or letter_languages(session):
        rendered: dict[str, letter.RenderedLetter] = {}  # per format rendered: html also feeds pdf and docx
        for fmt in formats or letter_formats():
            source = "html" if fmt in DOCUMENT_FORMATS else fmt
            if source not in rendered:
                rendered[source] = letter.write_letter(session, contributions, agreements, source, lang,
                                                       municipality=municipality, final=final, today=today,
                                                       mark_untranslated=mark_untranslated)
            text = rendered[source]
            made.append(_Made(folder / letter.default_filename(session, fmt, lang), text.text, text.lang,
                              list(text.untranslated), fmt=fmt))
    return made


def _make_documents(made: list[_Made], municipality: letter.Municipality) -> None:
    """Turn the PDF and Word items (still the HTML letter's text) into their documents, noting what a PDF left out."""
    from wijksessie.documents import DOCUMENT_FORMATS, document_from_html

    for item in made:
        if item.fmt in DOCUMENT_FORMATS and isinstance(item.content, str):
            item.content, item.missing = document_from_html(item.content, item.fmt, municipality=municipality.name)


def write_final_letter(store: SessionStore, session_id: str, data_dir: Path, *, today: dt.date | None = None,
                       allow_untranslated: bool = False) -> WrittenFiles:
    """The final letter in every format and language, and record it as sent: one letter per language.

    Raises :class:`~wijksessie.errors.UserError` while a contribution has no
    decision, and :class:`UntranslatedLetters` while a letter language has
    Dutch texts left (unless ``allow_untranslated``: then they are marked);
    then nothing is written and nothing recorded.
    """
    today = today or dt.date.today()
    with store.open(session_id) as sf:  # locked while the letter is made and recorded
        contributions = sf.contributions()
        from wijksessie import feedback

        feedback.check_first_letter(contributions, in_program=True)  # being looked into, with a date, is an answer
        written = write_letters(sf.session, contributions, sf.agreements(), data_dir, final=True, today=today,
                                allow_untranslated=allow_untranslated)
        feedback.record_letters(sf, languages=letter_languages(sf.session), fmt=",".join(letter_formats()),
                                kind="final", today=today)
    return written


#: The folder (inside the session's folder) for the personal letters; owner-only, like each letter.
PERSONAL_FOLDER = "brieven"


def personal_folder(data_dir: Path, session_id: str) -> Path:
    """``<data folder>/uitvoer/<session id>/brieven``: one letter per resident who asked for one."""
    return session_folder(data_dir, session_id) / PERSONAL_FOLDER


def personal_letters_waiting(sf: SessionFile) -> int:
    """How many residents asked for a letter and have not had the final one yet ("n brieven klaar om te printen")."""
    from wijksessie.documents import personal

    return len(personal.letters_to_print(sf))


def write_personal_letters(store: SessionStore, session_id: str, data_dir: Path, *,
                           today: dt.date | None = None, allow_untranslated: bool = False) -> list[PersonalLetter]:
    """The final letter as PDF for each resident still waiting for it, with name and address; records it.

    Files are named by receipt code (never a name), readable by the owner
    only, in :func:`personal_folder`. Returns
    :class:`wijksessie.documents.personal.PersonalLetter` items (``.path``,
    ``.missing``). Raises :class:`~wijksessie.errors.UserError` with what to do,
    and :class:`UntranslatedLetters` (nothing written or recorded) while a
    resident's language has Dutch texts left, unless ``allow_untranslated``:
    then those texts are marked.
    """
    from wijksessie.documents import personal

    make_folders(session_folder(data_dir, session_id))
    with store.open(session_id) as sf:  # writable: each resident's record notes the letter
        try:
            return personal.write_personal_letters(sf, personal_folder(data_dir, session_id), "pdf", final=True,
                                                   today=today, waiting_only=True, force=True,
                                                   mark_untranslated=allow_untranslated,
                                                   refuse_untranslated=not allow_untranslated)
        except personal.UntranslatedPersonalLetters as exc:
            raise UntranslatedLetters([LanguageGap(lang, texts) for lang, texts in exc.untranslated.items()]) from None


def write_report(store: SessionStore, fmt: str, data_dir: Path, *, today: dt.date | None = None) -> Path:
    """The overview per neighbourhood over all sessions, in ``md``, ``csv`` or ``json``."""
    from wijksessie import report

    today = today or dt.date.today()
    text = report.render_report(report.build_report(store, today=today), fmt)
    return _write(report_folder(data_dir) / f"overzicht-{today.isoformat()}.{fmt}", text)
