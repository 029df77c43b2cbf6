"""Where the files made for a session go, and making them.

One rule, so a facilitator always finds them: everything made for one session
goes into ``<data folder>/uitvoer/<session id>/`` — exports, letters in every
format and language, the final letter. The overview across neighbourhoods is
not about one session; it goes into ``<data folder>/uitvoer/overzicht/``.

The full-screen program makes its files through these functions; the command
line writes where ``-o`` says. Every file is written whole or not at all
(:func:`wijksessie.atomic.write_atomic`); making the same file again replaces it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wijksessie import export, i18n, letter
from wijksessie.atomic import make_folders, write_atomic
from wijksessie.model import Agreement, Contribution, Session

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


def write_letters(session: Session, contributions: list[Contribution], agreements: list[Agreement], data_dir: Path,
                  *, languages: Sequence[str] | None = None, formats: Sequence[str] | None = None,
                  final: bool = False, today: dt.date | None = None) -> WrittenFiles:
    """The letter in every format and language (or those asked); returns the files written.

    PDF and Word come from :func:`wijksessie.documents.write_document`; the
    characters a PDF had to leave out are in the result's ``missing``.
    Everything is made first and only then written, so a broken template
    writes nothing.
    """
    from wijksessie.documents import DOCUMENT_FORMATS, write_document

    folder = session_folder(data_dir, session.id)
    made: list[tuple[Path, str | bytes, str]] = []
    municipality = None
    for lang in languages or letter_languages(session):
        for fmt in formats or letter_formats():
            path = folder / letter.default_filename(session, fmt, lang)
            if fmt in DOCUMENT_FORMATS:
                municipality = municipality or letter.load_municipality()
                doc = write_document(session, contributions, agreements, fmt, lang, municipality=municipality,
                                     today=today, final=final)
                made.append((path, doc.data, doc.missing))
            else:
                made.append((path, letter.render_letter(session, contributions, agreements, fmt, lang,
                                                        final=final, today=today), ""))
    written = WrittenFiles()
    for path, content, missing in made:
        written.append(_write(path, content))
        if missing:
            written.missing[path.name] = missing
    return written


def write_final_letter(store: SessionStore, session_id: str, data_dir: Path, *, today: dt.date | None = None) -> WrittenFiles:
    """The final letter in every format and language, and record the day it was sent.

    Raises :class:`~wijksessie.errors.UserError` while a contribution has no decision;
    then nothing is written.
    """
    today = today or dt.date.today()
    with store.open(session_id) as sf:  # locked while the letter is made and recorded
        contributions = sf.contributions()
        from wijksessie import feedback

        feedback.check_first_letter(contributions, in_program=True)  # being looked into, with a date, is an answer
        written = write_letters(sf.session, contributions, sf.agreements(), data_dir, final=True, today=today)
        language = sf.session.languages[0] if sf.session.languages else i18n.DEFAULT_LANGUAGE
        feedback.record_letter(sf, language=language, fmt="", kind="final", today=today)
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
                           today: dt.date | None = None) -> list[PersonalLetter]:
    """The final letter as PDF for each resident still waiting for it, with name and address; records it.

    Files are named by receipt code (never a name), readable by the owner
    only, in :func:`personal_folder`. Returns
    :class:`wijksessie.documents.personal.PersonalLetter` items (``.path``,
    ``.missing``). Raises :class:`~wijksessie.errors.UserError` with what to do.
    """
    from wijksessie.documents import personal

    make_folders(session_folder(data_dir, session_id))
    with store.open(session_id) as sf:  # writable: each resident's record notes the letter
        return personal.write_personal_letters(sf, personal_folder(data_dir, session_id), "pdf", final=True,
                                               today=today, waiting_only=True, force=True)


def write_report(store: SessionStore, fmt: str, data_dir: Path, *, today: dt.date | None = None) -> Path:
    """The overview per neighbourhood over all sessions, in ``md``, ``csv`` or ``json``."""
    from wijksessie import report

    today = today or dt.date.today()
    text = report.render_report(report.build_report(store, today=today), fmt)
    return _write(report_folder(data_dir) / f"overzicht-{today.isoformat()}.{fmt}", text)
