"""Agendas and theme lists: what they hold, and loading and checking them.

Facilitators edit these files by hand, so every mistake must come back as
``path:line: what is wrong. What to do.`` in plain Dutch — never a traceback.

The work is shared by subject; import every name from here:

* :mod:`wijksessie.contentrecords` — each file format declared once, as typed
  records (msgspec ``Struct``\\ s): :class:`Agenda` with its :class:`Step`\\ s,
  :class:`ThemeList` with its :class:`Theme`\\ s.
* :mod:`wijksessie.contentcheck` — one file checked, every problem with its
  line, and the rules that are not types (an id equal to the file name, step
  ids that differ, an option of another step type, a theme list that exists).
* :mod:`wijksessie.yamlfile` — reading the YAML safely, with duplicate keys
  refused and the line of every value.
* here — finding, loading and checking the files of a content folder.

This module must stay free of Textual and TinyDB: the command line checker
and the letter code use it without a screen.
"""

from __future__ import annotations

from pathlib import Path

from wijksessie import paths, yamlfile
from wijksessie.contentcheck import agenda as _agenda
from wijksessie.contentcheck import theme_list as _theme_list
from wijksessie.contentrecords import (
    DEFAULT_AGENDA,
    SHOW_CHOICES,
    STEP_TYPES,
    VOTE_METHODS,
    Agenda,
    Step,
    Theme,
    ThemeList,
)
from wijksessie.i18n import _
from wijksessie.yamlfile import MAX_FILE_BYTES, ContentError

__all__ = [
    "STEP_TYPES",
    "SHOW_CHOICES",
    "VOTE_METHODS",
    "DEFAULT_AGENDA",
    "MAX_FILE_BYTES",
    "ContentError",
    "Step",
    "Agenda",
    "Theme",
    "ThemeList",
    "load_agenda",
    "load_theme_list",
    "agenda_files",
    "theme_list_files",
    "get_agenda",
    "get_theme_list",
    "check_content",
]
AGENDAS_FOLDER = "agendas"
#: The municipality's details for the letter (read by :func:`wijksessie.letter.load_municipality`).
MUNICIPALITY_FILE = "municipality.yaml"
THEMES_FOLDER = "themes"
_SUFFIXES = (".yaml", ".yml")


# --------------------------------------------------------------------------- public functions


def load_agenda(path: Path) -> Agenda:
    """Load and check one agenda file.

    Raises ``ContentError`` (the first problem, by line) if the file has
    problems; use ``check_content`` to get all of them.
    """
    agenda, errors = _agenda(Path(path))
    if errors or agenda is None:
        raise errors[0]
    return agenda


def load_theme_list(path: Path) -> ThemeList:
    """Load and check one theme list file; raises ``ContentError`` like ``load_agenda``."""
    theme_list, errors = _theme_list(Path(path))
    if errors or theme_list is None:
        raise errors[0]
    return theme_list


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in _SUFFIXES and not p.name.startswith("."))


def agenda_files(content_dir: Path | None = None) -> list[Path]:
    """The agenda files (``agendas/*.yaml``) in ``content_dir`` (default: the shipped content), sorted."""
    return _files(Path(content_dir or paths.content_dir()) / AGENDAS_FOLDER)


def theme_list_files(content_dir: Path | None = None) -> list[Path]:
    """The theme list files (``themes/*.yaml``) in ``content_dir`` (default: the shipped content), sorted."""
    return _files(Path(content_dir or paths.content_dir()) / THEMES_FOLDER)


def _by_stem(files: list[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in files:
        # With both x.yaml and x.yml, .yaml wins: it sorts first and is what we document.
        found.setdefault(path.stem, path)
    return found


def _find(name: str, files: list[Path], folder: Path, unknown: str, none_yet: str) -> Path:
    available = _by_stem(files)
    if name in available:
        return available[name]
    todo = _("Kies uit: {choices}.").format(choices=", ".join(available)) if available else none_yet
    raise ContentError(folder, 0, unknown.format(name=name) + " " + todo)


def get_agenda(name: str, content_dir: Path | None = None) -> Agenda:
    """The agenda with id ``name`` (its file stem); ``ContentError`` if unknown or broken."""
    root = Path(content_dir or paths.content_dir())
    path = _find(name, agenda_files(root), root / AGENDAS_FOLDER, _('Deze agenda bestaat niet: "{name}".'),
                 _("Er is nog geen agenda in deze map. Zet er een agenda in, of kies een andere map."))
    return load_agenda(path)


def get_theme_list(name: str, content_dir: Path | None = None) -> ThemeList:
    """The theme list with id ``name`` (its file stem); ``ContentError`` if unknown or broken."""
    root = Path(content_dir or paths.content_dir())
    path = _find(name, theme_list_files(root), root / THEMES_FOLDER, _('Deze thema-lijst bestaat niet: "{name}".'),
                 _("Er is nog geen thema-lijst in deze map. Zet er een thema-lijst in, of kies een andere map."))
    return load_theme_list(path)


def _kind(path: Path) -> tuple[str | None, Path | None]:
    """``("agenda" | "themes" | None, content root)`` from the nearest known parent folder."""
    for parent in path.parents:
        if parent.name == AGENDAS_FOLDER:
            return "agenda", parent.parent
        if parent.name == THEMES_FOLDER:
            return "themes", parent.parent
    return None, None


def _municipality_errors(path: Path) -> list[ContentError]:
    """The problems of the municipality's details (``letters/municipality.yaml``)."""
    from wijksessie import letter

    try:
        letter.load_municipality(path)
    except ContentError as exc:
        return yamlfile.errors_of(exc)
    return []


def check_content(files: list[Path] | None = None, content_dir: Path | None = None) -> list[ContentError]:
    """Check agendas, theme lists and the municipality's details; return every problem found (never raises).

    With ``files``, checks those: a file under an ``agendas`` folder is an
    agenda, one under ``themes`` a theme list, ``letters/municipality.yaml``
    the municipality's details; anything else (word lists, letter templates)
    belongs to other modules and is skipped. Without ``files``, checks all of
    them in ``content_dir`` (default: the shipped content). Also checks that
    each ``themes:`` in an agenda names a theme list that exists next to it,
    and that no two files share an id.
    """
    if files is None:
        root = Path(content_dir or paths.content_dir())
        files = agenda_files(root) + theme_list_files(root)
        municipality = root / "letters" / MUNICIPALITY_FILE
        if municipality.is_file():
            files.append(municipality)
    errors: list[ContentError] = []
    seen: dict[tuple[Path, str], Path] = {}
    for path in map(Path, files):
        if path.suffix not in _SUFFIXES:
            continue
        if path.name == MUNICIPALITY_FILE and path.parent.name == "letters":
            errors.extend(_municipality_errors(path))
            continue
        kind, folder = _kind(path)
        if kind is None or folder is None:
            continue
        key = (path.parent, path.stem)
        if key in seen and seen[key] != path:
            errors.append(
                ContentError(
                    path,
                    0,
                    _('Er is al een bestand met deze id: "{id}". Het andere bestand: {other}.').format(
                        id=path.stem, other=seen[key].name)
                    + " "
                    + _("Geef een van de twee bestanden een andere naam."),
                )
            )
            continue
        seen[key] = path
        if kind == "themes":
            errors.extend(_theme_list(path)[1])
            continue
        errors.extend(_agenda(path, sorted(_by_stem(theme_list_files(folder))))[1])
    return errors
