"""Agendas and theme lists: what they hold, and loading and checking them.

Facilitators edit these files by hand, so every mistake must come back as
``path:line: what is wrong. What to do.`` in plain Dutch — never a traceback.

Each file format is declared once, below, as typed records (msgspec
``Struct``\\ s): :class:`Agenda` with its :class:`Step`\\ s, :class:`ThemeList`
with its :class:`Theme`\\ s. The declaration is the whole check of types,
required fields, unknown fields, choices and ranges; reading the YAML
safely, with duplicate keys refused and the line of every value, is
:mod:`wijksessie.yamlfile`'s job. What is left here are the rules that are not
types: an id equal to the file name, step ids that differ, an option that
belongs to another step type, a theme list that exists.

This module must stay free of Textual and TinyDB: the command line checker
and the letter code use it without a screen.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta

from wijksessie import paths, schema, yamlfile
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

STEP_TYPES = ("info", "tally", "topics", "vote", "discuss", "quick_wins", "agreements", "contact")
SHOW_CHOICES = ("level", "privacy", "close")
VOTE_METHODS = ("dots", "scores")
DEFAULT_AGENDA = "standaard-90"

AGENDAS_FOLDER = "agendas"
#: The municipality's details for the letter (read by :func:`wijksessie.letter.load_municipality`).
MUNICIPALITY_FILE = "municipality.yaml"
THEMES_FOLDER = "themes"
_SUFFIXES = (".yaml", ".yml")

_ID_PATTERN = r"^[a-z0-9-]+$"

# The shapes of a value, declared once and used by the records below.
Id = Annotated[str, Meta(pattern=_ID_PATTERN)]
Text = Annotated[str, Meta(pattern=r"\S")]  # not empty, not only spaces
Minutes = Annotated[int, Meta(ge=1, le=240)]
Small = Annotated[int, Meta(ge=1, le=10)]

# Options that only one step type takes, with that type.
_STEP_OPTIONS = {"show": "info", "method": "vote", "dots": "vote", "top": "discuss", "themes": "topics"}


class _Record(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A record of a content file: unknown fields are an error (mostly a typo)."""


# --------------------------------------------------------------------------- the records


class Step(_Record, frozen=True):
    """One step of a meeting: what happens, how long, and what to say."""

    id: Id
    type: Literal[STEP_TYPES]  # type: ignore[valid-type]
    title: Text
    minutes: Minutes
    prompts: Annotated[tuple[Text, ...], Meta(min_length=1)]
    show: Literal[SHOW_CHOICES] | None = None  # type: ignore[valid-type]
    method: Literal[VOTE_METHODS] = "dots"  # type: ignore[valid-type]
    dots: Small = 3
    top: Small = 3
    themes: Id | None = None
    #: The line the step starts on (not read from the file).
    line: int = msgspec.field(default=0, name="(line)")

    # Agenda texts are written in Dutch and translated through the catalogues
    # (see wijksessie/i18n_extract.py); these give them in the current language.

    def shown_title(self) -> str:
        """The step's title in the current interface language."""
        return _(self.title)

    def shown_prompts(self) -> list[str]:
        """The prompts to read aloud, in the current interface language."""
        return [_(p) for p in self.prompts]


class Agenda(_Record, frozen=True):
    """A meeting plan: an ordered list of steps."""

    id: Id
    title: Text
    steps: Annotated[tuple[Step, ...], Meta(min_length=1)]
    description: Text = ""
    #: The file it was read from (not read from the file).
    path: str = msgspec.field(default="", name="(path)")

    def shown_title(self) -> str:
        """The agenda's title in the current interface language."""
        return _(self.title)

    @property
    def minutes(self) -> int:
        """The planned length of the whole meeting."""
        return sum(step.minutes for step in self.steps)

    def step(self, step_id: str) -> Step:
        """The step with this id; ``KeyError`` if there is none."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def index(self, step_id: str) -> int:
        """The position (0-based) of the step with this id; ``KeyError`` if there is none."""
        for number, step in enumerate(self.steps):
            if step.id == step_id:
                return number
        raise KeyError(step_id)


class Theme(_Record, frozen=True):
    """A theme residents can pick, with a question that helps them think about it."""

    id: Id
    name: Text
    help: Text = ""

    def shown_name(self) -> str:
        """The theme's name in the current interface language."""
        return _(self.name)


class ThemeList(_Record, frozen=True):
    """A list of themes that can be offered (never imposed) in a topics step."""

    id: Id
    title: Text
    themes: Annotated[tuple[Theme, ...], Meta(min_length=1)]
    description: Text = ""
    path: str = msgspec.field(default="", name="(path)")


# --------------------------------------------------------------------------- checking a file


def _item(field: str, number: int) -> str:
    """How one item of a list is named in a message."""
    if field == "steps":
        return _("Stap {number}").format(number=number)
    if field == "themes":
        return _("Thema {number}").format(number=number)
    if field == "prompts":
        return _('Zin {number} onder "prompts"').format(number=number)
    return _("Onderdeel {number} van {field}").format(number=number, field=field)


def _slug(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug or "stap-1"


def _error(doc: yamlfile.Document, loc: tuple, what: str, todo: str, *, key: bool = False) -> ContentError:
    return ContentError(doc.path, doc.line_at(loc, key=key), f"{what} {todo}")


def _problem(doc: yamlfile.Document, cls: type, data: Any, problem: schema.Problem, base: tuple,
             where: str) -> ContentError:
    """One refused value as a located error, in the words of this file format."""
    value = schema.value_at(data, problem.loc)
    if problem.kind == "pattern" and problem.name in ("id", "themes") and isinstance(value, str) and value.strip():
        return _error(
            doc, base + problem.loc,
            _('Deze id mag alleen kleine letters, cijfers en streepjes bevatten: "{value}".').format(value=value),
            _('Gebruik bijvoorbeeld "{suggestion}".').format(suggestion=_slug(value)),
        )
    if problem.kind == "enum" and problem.loc[-1:] == ("type",) and cls is Step:
        return _error(
            doc, base + problem.loc,
            _('Dit stap-type bestaat niet: "{value}".').format(value=value),
            _("Kies uit: {choices}.").format(choices=", ".join(STEP_TYPES)),
        )
    return yamlfile.problem_error(doc, cls, problem, where=where, item=_item, base=base)


#: How many problems of one record are reported before giving up on it.
_MAX_PROBLEMS = 20


def _convert(doc: yamlfile.Document, cls: type, data: Any, base: tuple, where: str) -> tuple[Any, list[ContentError]]:
    """``data`` (found at ``base`` in the file) as a ``cls``, or every problem as a located error.

    msgspec stops at the first problem; to report them all, each refused value
    is replaced by a good stand-in (an unknown field is dropped) and the
    record is read again. A field probably misspelled ("minuten") is reported
    once, not also as missing.
    """
    import copy
    import difflib

    try:
        return schema.convert(data, cls), []  # the usual case: a good record, nothing copied
    except schema.Invalid:
        pass
    errors: list[ContentError] = []
    suggested: set[str] = set()
    work = copy.deepcopy(data)
    seen: set[tuple] = set()
    for _round in range(_MAX_PROBLEMS):
        try:
            record: Any = schema.convert(work, cls)
        except schema.Invalid as exc:
            problem = exc.problem
            where_what = (problem.loc, problem.field)
            if where_what in seen:
                # The stand-in did not do (a default that only stands when left out): leave the field out.
                parent = schema.value_at(work, problem.loc[:-1])
                if isinstance(parent, dict) and problem.loc and isinstance(problem.loc[-1], str):
                    parent.pop(problem.loc[-1], None)
                    continue
                break
            seen.add(where_what)
            if problem.kind == "unknown":
                close = difflib.get_close_matches(problem.field, _known(cls, problem.loc), n=1, cutoff=0.6)
                suggested.update(close)
            if not (problem.kind == "missing" and problem.field in suggested):
                errors.append(_problem(doc, cls, data, problem, base, where))
            if not _stand_in(work, problem, _STAND_INS.get(cls)):
                break
        else:
            return (None if errors else record), errors
    return None, errors


def _known(cls: type, loc: tuple) -> tuple[str, ...]:
    names = getattr(cls, "__struct_encode_fields__", ())
    if loc and loc[0] == "steps":
        names = Step.__struct_encode_fields__
    elif loc and loc[0] == "themes":
        names = Theme.__struct_encode_fields__
    return tuple(n for n in names if not n.startswith("("))


def _stand_in(work: Any, problem: schema.Problem, model: Any) -> bool:
    """Put a good value where ``problem`` is (drop an unknown field); False when that cannot be done."""
    if model is None:
        return False
    good = {k: v for k, v in schema.to_builtins(model).items() if not k.startswith("(")}
    loc = problem.loc
    if problem.kind in ("unknown", "missing"):
        target = schema.value_at(work, loc)
        if not isinstance(target, dict):
            return False
        if problem.kind == "unknown":
            target.pop(problem.field, None)
        else:
            replacement = schema.value_at(good, loc + (problem.field,)) if not loc else None
            if replacement is None:
                replacement = schema.value_at(good, tuple(p if isinstance(p, str) else 0 for p in loc) + (problem.field,))
            if replacement is None:
                return False
            target[problem.field] = replacement
        return True
    if not loc or "..." in loc:
        return False
    parent = schema.value_at(work, loc[:-1])
    key = loc[-1]
    replacement = schema.value_at(good, tuple(p if isinstance(p, str) else 0 for p in loc))
    if isinstance(parent, dict) and isinstance(key, str):
        if replacement is None:
            parent.pop(key, None)  # an optional field: without it the record is good
        else:
            parent[key] = replacement
        return True
    if isinstance(parent, list) and isinstance(key, int) and replacement is not None:
        parent[key] = replacement
        return True
    return False


def _where_step(data: Any, number: int) -> str:
    step_id = data.get("id") if isinstance(data, dict) else None
    if isinstance(step_id, str) and step_id.strip():
        return _('stap "{id}"').format(id=step_id)
    return _("stap {number}").format(number=number)


def _check_stem(doc: yamlfile.Document, file_id: Any, errors: list[ContentError]) -> None:
    if isinstance(file_id, str) and file_id != doc.path.stem:
        errors.append(_error(
            doc, ("id",),
            _('De id is niet gelijk aan de bestandsnaam: id "{value}", bestandsnaam "{stem}".').format(value=file_id, stem=doc.path.stem),
            _("Maak ze gelijk: pas de id aan of geef het bestand een andere naam."),
        ))


def _read(path: Path) -> tuple[yamlfile.Document | None, list[ContentError]]:
    try:
        doc = yamlfile.load(path)
    except ContentError as exc:
        return None, yamlfile.errors_of(exc)
    if doc.root is None:
        return None, [ContentError(path, 0, _("Het bestand is leeg.") + " " + _("Vul het aan, of haal het bestand weg."))]
    if not isinstance(doc.data, dict):
        return None, [_error(doc, (), _('Het bestand begint niet met velden zoals "id:" en "title:".'),
                             _('Zet bovenaan een regel zoals "id: {stem}".').format(stem=path.stem))]
    return doc, []


def _items(doc: yamlfile.Document, cls: type, field: str, where_item) -> tuple[list, list[ContentError], list]:
    """Each item of the list ``field`` converted on its own, so every item's problem is reported."""
    raw = doc.data.get(field)
    if not isinstance(raw, list):
        return [], [], []
    items: list[Any] = []
    errors: list[ContentError] = []
    placeholders: list[Any] = []
    for number, data in enumerate(raw, start=1):
        if not isinstance(data, dict):
            errors.append(_error(
                doc, (field, number - 1),
                _("Dit is geen groep velden: {item}.").format(item=_item(field, number)),
                _('Begin met "- id: ..." en zet de andere velden eronder.'),
            ))
            items.append(None)
            continue
        record, problems = _convert(doc, cls, data, (field, number - 1), where_item(data, number))
        errors.extend(problems)
        items.append(record)
        if record is not None:
            placeholders.append(record)
    return items, errors, placeholders


def _agenda(path: Path, theme_lists: list[str] | None = None) -> tuple[Agenda | None, list[ContentError]]:
    """Check one agenda; with ``theme_lists``, also that each ``themes:`` names one of them."""
    doc, errors = _read(path)
    if doc is None:
        return None, errors
    steps, errors, good = _items(doc, Step, "steps", _where_step)
    raw_steps = doc.data.get("steps")
    # The file without its steps (each was checked above); a good step stands in for a broken one.
    stand_in = good[:1] * len(raw_steps) if isinstance(raw_steps, list) and raw_steps else raw_steps
    if isinstance(raw_steps, list) and raw_steps and not good:
        stand_in = [_STAND_IN_STEP]
    agenda, problems = _convert(doc, Agenda, {**doc.data, "steps": stand_in}, (), _("dit bestand"))
    errors.extend(problems)
    _check_stem(doc, doc.data.get("id"), errors)
    if isinstance(raw_steps, list):
        _check_steps(doc, raw_steps, steps, theme_lists, errors)
    if errors:
        return None, sorted(errors, key=lambda e: e.line)
    lines = [doc.line_at(("steps", n)) for n in range(len(steps))]
    real = tuple(msgspec.structs.replace(step, line=line) for step, line in zip(steps, lines))
    return msgspec.structs.replace(agenda, steps=real, path=str(path)), []


_STAND_IN_STEP = Step(id="x", type="info", title="x", minutes=1, prompts=("x",))
_STAND_IN_THEME = Theme(id="x", name="x")
#: A good record of each kind: where a value is refused, its value stands in, so the rest can be checked.
_STAND_INS: dict[type, Any] = {
    Step: _STAND_IN_STEP,
    Theme: _STAND_IN_THEME,
    Agenda: Agenda(id="x", title="x", steps=(_STAND_IN_STEP,)),
    ThemeList: ThemeList(id="x", title="x", themes=(_STAND_IN_THEME,)),
}


def _check_steps(doc: yamlfile.Document, raw_steps: list, steps: list, theme_lists: list[str] | None,
                 errors: list[ContentError]) -> None:
    """The rules about steps that are not types: own ids, options of their type, theme lists that exist."""
    first_line: dict[str, int] = {}
    for number, data in enumerate(raw_steps):
        if not isinstance(data, dict):
            continue
        step_id = data.get("id")
        if isinstance(step_id, str):
            line = doc.line_at(("steps", number, "id"))
            if step_id in first_line:
                errors.append(ContentError(doc.path, line, " ".join((
                    _('Deze stap-id komt twee keer voor: "{value}" (ook op regel {first}).').format(
                        value=step_id, first=first_line[step_id]),
                    _("Geef elke stap een eigen id."),
                ))))
            else:
                first_line[step_id] = line
        step_type = data.get("type")
        if step_type in STEP_TYPES:
            # An option on the wrong step type is almost always a copy-paste slip;
            # silently ignoring it would hide that the step does not do what was meant.
            for option, owner in _STEP_OPTIONS.items():
                if option in data and owner != step_type:
                    errors.append(_error(
                        doc, ("steps", number, option),
                        _('Dit veld hoort niet bij dit type stap: "{field}" (type: "{type}").').format(
                            field=option, type=step_type),
                        _('Haal het weg; het hoort alleen bij type "{owner}".').format(owner=owner),
                        key=True,
                    ))
        step = steps[number] if number < len(steps) else None
        if step is not None and step.themes and theme_lists is not None and step.themes not in theme_lists:
            errors.append(_error(
                doc, ("steps", number, "themes"),
                _('Deze thema-lijst bestaat niet: "{value}".').format(value=step.themes),
                _("Kies uit: {choices}.").format(choices=", ".join(theme_lists) or _("(geen)")),
            ))


def _theme_list(path: Path) -> tuple[ThemeList | None, list[ContentError]]:
    doc, errors = _read(path)
    if doc is None:
        return None, errors
    themes, errors, good = _items(doc, Theme, "themes", lambda data, n: _("thema {number}").format(number=n))
    raw = doc.data.get("themes")
    stand_in = (good[:1] or [_STAND_IN_THEME]) * len(raw) if isinstance(raw, list) and raw else raw
    theme_list, problems = _convert(doc, ThemeList, {**doc.data, "themes": stand_in}, (), _("dit bestand"))
    errors.extend(problems)
    _check_stem(doc, doc.data.get("id"), errors)
    first_line: dict[str, int] = {}
    for number, theme in enumerate(themes):
        if theme is None:
            continue
        line = doc.line_at(("themes", number))
        if theme.id in first_line:
            errors.append(ContentError(path, line, " ".join((
                _('Deze thema-id komt twee keer voor: "{value}" (ook op regel {first}).').format(
                    value=theme.id, first=first_line[theme.id]),
                _("Geef elk thema een eigen id."),
            ))))
        else:
            first_line[theme.id] = line
    if errors:
        return None, sorted(errors, key=lambda e: e.line)
    return msgspec.structs.replace(theme_list, themes=tuple(themes), path=str(path)), []


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


def _find(name: str, files: list[Path], folder: Path, unknown: str) -> Path:
    available = _by_stem(files)
    if name in available:
        return available[name]
    choices = ", ".join(available) or _("(geen)")
    raise ContentError(
        folder,
        0,
        unknown.format(name=name) + " " + _("Kies uit: {choices}.").format(choices=choices),
    )


def get_agenda(name: str, content_dir: Path | None = None) -> Agenda:
    """The agenda with id ``name`` (its file stem); ``ContentError`` if unknown or broken."""
    root = Path(content_dir or paths.content_dir())
    path = _find(name, agenda_files(root), root / AGENDAS_FOLDER, _('Deze agenda bestaat niet: "{name}".'))
    return load_agenda(path)


def get_theme_list(name: str, content_dir: Path | None = None) -> ThemeList:
    """The theme list with id ``name`` (its file stem); ``ContentError`` if unknown or broken."""
    root = Path(content_dir or paths.content_dir())
    path = _find(name, theme_list_files(root), root / THEMES_FOLDER, _('Deze thema-lijst bestaat niet: "{name}".'))
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
                    _('Er is al een bestand met deze id: "{id}" ({other}).').format(id=path.stem, other=seen[key].name)
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
