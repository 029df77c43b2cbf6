"""Agendas and theme lists: load them from YAML and check them.

Facilitators edit these files by hand, so every mistake must come back as
``path:line: what is wrong. What to do.`` in plain Dutch — never a traceback.

How the YAML is read, and why:

* Only ``yaml.compose`` with ``yaml.SafeLoader`` is used. Composing builds a
  tree of nodes and never constructs Python objects, so a tag such as
  ``!!python/object/apply:os.system`` is just a label we can refuse. Values are
  built from the nodes here, which also gives every value its line number.
* Duplicate keys are an error (PyYAML silently keeps the last one, so a
  facilitator's edit could vanish without notice).
* Files over 1 MB are refused before parsing, and files that are not UTF-8
  are reported with the line of the first bad byte.

This module must stay free of Textual and TinyDB: the command line checker
and the letter code use it without a screen.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from wijksessie import paths
from wijksessie.errors import UserError
from wijksessie.i18n import _

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

#: Larger files are refused unread: a real agenda is a few kilobytes, so a
#: bigger file is the wrong file (or an attempt to make the parser slow).
MAX_FILE_BYTES = 1024 * 1024

AGENDAS_FOLDER = "agendas"
THEMES_FOLDER = "themes"
_SUFFIXES = (".yaml", ".yml")

_ID_RE = re.compile(r"[a-z0-9-]+")

# Options that only one step type takes, with that type.
_STEP_OPTIONS = {"show": "info", "method": "vote", "dots": "vote", "top": "discuss", "themes": "topics"}
_STEP_FIELDS = ("id", "type", "title", "minutes", "prompts", *_STEP_OPTIONS)
_AGENDA_FIELDS = ("id", "title", "description", "steps")
_THEME_LIST_FIELDS = ("id", "title", "description", "themes")
_THEME_FIELDS = ("id", "name", "help")

# Examples shown when a required field is missing, so the fix can be copied.
_EXAMPLES = {
    "id": "id: welkom",
    "type": "type: info",
    "title": 'title: "Welkom"',
    "minutes": "minutes: 10",
    "name": 'name: "Bewegen"',
}
_LIST_EXAMPLES = {
    "prompts": "- Welkom, fijn dat u er bent.",
    "steps": "- id: welkom",
    "themes": "- id: bewegen",
}


def _example(field: str) -> str:
    if field in _LIST_EXAMPLES:
        return _('"{field}:" met daaronder "{item}"').format(field=field, item=_LIST_EXAMPLES[field])
    return _EXAMPLES.get(field, field + ": …")

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MAP, _SEQ, _MERGE = (_TAG + t for t in ("timestamp", "map", "seq", "merge"))
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}

# A stateless helper: its scalar methods turn a node's text into a value with
# YAML 1.1 rules (so "10:30" becomes 630, exactly as any other YAML reader would).
_CONSTRUCTOR = SafeConstructor()
_INVALID = object()  # a value that cannot be used; its error is reported (or the file has one)


# --------------------------------------------------------------------------
# Public data types
# --------------------------------------------------------------------------


class ContentError(UserError):
    """A problem in a content file, with where it is and what to do about it.

    A ``UserError``: the command line prints it on one line (exit code 2)
    and the full-screen program shows it, never as a traceback.
    """

    def __init__(self, path: str | Path, line: int, message: str) -> None:
        self.path = str(path)
        self.line = line  # 1-based; 0 when the problem has no single line
        self.message = message
        # All three as args, so the error survives pickling (e.g. between test workers).
        super().__init__(self.path, line, message)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Step:
    """One step of a meeting: what happens, how long, and what to say."""

    id: str
    type: str
    title: str
    minutes: int
    prompts: tuple[str, ...]
    show: str | None = None
    method: str = "dots"
    dots: int = 3
    top: int = 3
    themes: str | None = None
    line: int = 0

    # Agenda texts are written in Dutch and translated through the catalogues
    # (see wijksessie/i18n_extract.py); these give them in the current language.

    def shown_title(self) -> str:
        """The step's title in the current interface language."""
        return _(self.title)

    def shown_prompts(self) -> list[str]:
        """The prompts to read aloud, in the current interface language."""
        return [_(p) for p in self.prompts]


@dataclass(frozen=True)
class Agenda:
    """A meeting plan: an ordered list of steps."""

    id: str
    title: str
    description: str
    steps: tuple[Step, ...]
    path: str

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


@dataclass(frozen=True)
class Theme:
    """A theme residents can pick, with a question that helps them think about it."""

    id: str
    name: str
    help: str = ""

    def shown_name(self) -> str:
        """The theme's name in the current interface language."""
        return _(self.name)


@dataclass(frozen=True)
class ThemeList:
    """A list of themes that can be offered (never imposed) in a topics step."""

    id: str
    title: str
    description: str
    themes: tuple[Theme, ...]
    path: str


# --------------------------------------------------------------------------
# Reading a file into YAML nodes
# --------------------------------------------------------------------------


class _Report:
    """Collects the errors of one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[ContentError] = []

    def add(self, line: int, what: str, todo: str) -> None:
        self.errors.append(ContentError(self.path, line, f"{what} {todo}"))

    def sorted(self) -> list[ContentError]:
        return sorted(self.errors, key=lambda error: error.line)


def _read_text(path: Path, report: _Report) -> str | None:
    """The file's text, or ``None`` after reporting why it cannot be read."""
    try:
        if not path.is_file():
            if path.exists():
                report.add(0, _("Dit is geen gewoon bestand."), _("Kies een .yaml-bestand."))
            else:
                report.add(0, _("Het bestand bestaat niet."), _("Controleer de naam en de map."))
            return None
        if path.stat().st_size > MAX_FILE_BYTES:
            _report_too_large(report)
            return None
        with path.open("rb") as fh:
            # Read one byte more than allowed: the file may have grown since stat().
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        report.add(
            0,
            _("Het bestand kan niet gelezen worden ({reason}).").format(reason=exc.strerror or exc),
            _("Controleer of het bestand bestaat en of u het mag openen."),
        )
        return None
    if len(data) > MAX_FILE_BYTES:
        _report_too_large(report)
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        report.add(
            data.count(b"\n", 0, exc.start) + 1,
            _("Het bestand is niet opgeslagen als UTF-8."),
            _("Open het in een teksteditor en sla het op als UTF-8."),
        )
        return None
    # Windows editors like to start UTF-8 files with a byte order mark; harmless.
    return text.removeprefix("\ufeff")


def _report_too_large(report: _Report) -> None:
    report.add(
        0,
        _("Het bestand is groter dan 1 MB."),
        _("Een agenda of thema-lijst is veel kleiner; kies het goede bestand."),
    )


# PyYAML explains syntax errors in English; the common ones get a plain Dutch
# explanation and fix. Matched on the start of PyYAML's "problem" text.
_SYNTAX_HELP: tuple[tuple[str, Callable[[], tuple[str, str]]], ...] = (
    (
        "found character '\\t'",
        lambda: (_("Hier staat een tab."), _("Gebruik spaties om in te springen, geen tabs.")),
    ),
    (
        "mapping values are not allowed here",
        lambda: (
            _("Hier staat een dubbele punt op een plek waar dat niet mag."),
            _("Zet tekst met een dubbele punt tussen aanhalingstekens."),
        ),
    ),
    (
        "could not find expected ':'",
        lambda: (_("Na een veldnaam mist een dubbele punt."), _('Schrijf het als "naam: waarde".')),
    ),
    (
        "found unexpected end of stream",
        lambda: (
            _("Een aanhalingsteken of haakje wordt niet gesloten."),
            _("Sluit het aanhalingsteken of haakje dat hier begint."),
        ),
    ),
    (
        "found undefined alias",
        lambda: (
            _("Hier staat een sterretje (*) dat naar niets verwijst."),
            _("Zet de tekst tussen aanhalingstekens."),
        ),
    ),
    (
        "but found another document",
        lambda: (
            _("Het bestand bevat meer dan één deel, gescheiden door ---."),
            _("Laat één deel staan en haal de regel met --- weg."),
        ),
    ),
    (
        "found character '",
        lambda: (
            _("Een tekst mag niet beginnen met dit teken."),
            _("Zet de tekst tussen aanhalingstekens."),
        ),
    ),
    (
        "expected alphabetic or numeric character",
        lambda: (
            _("Na & of * moet direct een naam staan."),
            _("Zet tekst die met & of * begint tussen aanhalingstekens."),
        ),
    ),
    (
        "expected a comment or a line break",
        lambda: (
            _("Na het laatste aanhalingsteken staat nog tekst."),
            _("Zet de hele tekst tussen de aanhalingstekens."),
        ),
    ),
    (
        "expected chomping or indentation indicators",
        lambda: (
            _("Na | of > mag op dezelfde regel geen tekst staan."),
            _("Zet de tekst op de regels eronder, of tussen aanhalingstekens."),
        ),
    ),
    (
        "expected the node content",
        lambda: (
            _("Een lijst of groep tussen haakjes klopt niet."),
            _("Controleer de haakjes [ ] en { } en de komma's."),
        ),
    ),
    (
        "expected ',' or",
        lambda: (
            _("Een lijst of groep tussen haakjes klopt niet."),
            _("Controleer de haakjes [ ] en { } en de komma's."),
        ),
    ),
)
_INDENT_PROBLEMS = (
    "did not find expected key",
    "expected <block end>",
    "did not find expected '-'",
    "expected <document start>",
    "sequence entries are not allowed here",
    "block sequence entries are not allowed",
)


def _syntax_message(problem: str, context: str = "") -> tuple[str, str]:
    for start, explain in _SYNTAX_HELP:
        if problem.startswith(start):
            return explain()
    if problem.startswith(_INDENT_PROBLEMS) or context.startswith(_INDENT_PROBLEMS):
        return (
            _("De inspringing klopt hier niet."),
            _("Zet velden die bij elkaar horen precies onder elkaar, met spaties."),
        )
    return (
        _("Dit is geen geldige YAML ({problem}).").format(problem=problem),
        _("Kijk op deze regel naar inspringing, dubbele punten en aanhalingstekens."),
    )


def _compose(text: str, report: _Report) -> Node | None:
    """The root node of ``text``, or ``None`` (empty file or reported error)."""
    try:
        # compose() stops before construction: no Python object is ever built.
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or exc.context or ""
        mark = exc.problem_mark or exc.context_mark
        # An unclosed quote is reported at the end of the file; where it opens is more useful.
        if problem.startswith("found unexpected end of stream") and exc.context_mark is not None:
            mark = exc.context_mark
        what, todo = _syntax_message(problem, exc.context or "")
        report.add(mark.line + 1 if mark else 0, what, todo)
        return None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else 0
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        report.add(
            line,
            _("Hier staat een teken dat niet in een tekstbestand hoort (code {code}).").format(code=f"U+{code:04X}"),
            _("Haal dit teken weg; het is vaak onzichtbaar."),
        )
        return None
    except yaml.YAMLError as exc:
        what, todo = _syntax_message(str(exc))
        report.add(0, what, todo)
        return None
    except RecursionError:
        report.add(0, _("Het bestand is te diep genest."), _("Gebruik minder lagen van lijsten in lijsten."))
        return None
    # A file with only "---" holds one empty value: as good as empty.
    if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL and not root.value):
        report.add(0, _("Het bestand is leeg."), _("Vul het aan, of haal het bestand weg."))
        return None
    return root


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _check_tags(root: Node, report: _Report) -> None:
    """Report every tag that is not plain text, a number, yes/no, a date, a list or a group.

    Walks each node once (aliases share nodes), so a "billion laughs" file
    cannot make this slow, and a self-referencing alias cannot loop.
    """
    seen: set[int] = set()
    todo: list[Node] = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            allowed = node.tag in _SCALAR_TAGS or node.tag == _MERGE
        elif isinstance(node, SequenceNode):
            allowed = node.tag == _SEQ
            todo.extend(node.value)
        else:
            allowed = node.tag == _MAP
            for key, value in node.value:
                todo.extend((key, value))
        if not allowed:
            report.add(
                _line(node),
                _('De YAML-tag "{tag}" is niet toegestaan.').format(tag=_show_tag(node.tag)),
                _("Haal de tag weg; gebruik alleen tekst, getallen en lijsten."),
            )


# --------------------------------------------------------------------------
# Turning nodes into checked values
# --------------------------------------------------------------------------


def _refused(node: Node) -> bool:
    """True if ``node`` carries a tag that ``_check_tags`` already reported."""
    if isinstance(node, ScalarNode):
        return node.tag not in _SCALAR_TAGS and node.tag != _MERGE
    if isinstance(node, SequenceNode):
        return node.tag != _SEQ
    return node.tag != _MAP


def _scalar(node: Node) -> Any:
    """The value of a scalar node, or ``_INVALID`` if it has a refused tag or bad text."""
    if node.tag == _MERGE:
        return node.value  # "<<" as a value is just text; as a key it is refused elsewhere
    constructor = SafeConstructor.yaml_constructors.get(node.tag) if node.tag in _SCALAR_TAGS else None
    if constructor is None:
        return _INVALID
    try:
        return constructor(_CONSTRUCTOR, node)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        # An explicit tag on text that does not fit, e.g. "!!int tien".
        return _INVALID


def _short(raw: str) -> str:
    """Raw text for a message: one line, at most 40 characters."""
    raw = " ".join(raw.split())
    return raw if len(raw) <= 40 else raw[:39] + "…"


def _describe(node: Node, value: Any) -> str:
    """What a value looks like, in words a facilitator knows."""
    if isinstance(node, SequenceNode):
        return _("een lijst")
    if isinstance(node, MappingNode):
        return _("een groep velden")
    if value is None:
        return _("leeg")
    if isinstance(value, bool):
        return _("ja of nee ({value})").format(value=_short(node.value))
    if isinstance(value, int):
        return _("het getal {value}").format(value=_short(node.value))
    if isinstance(value, float):
        return _("het kommagetal {value}").format(value=_short(node.value))
    if isinstance(value, (_dt.date, _dt.datetime)):
        return _("de datum {value}").format(value=_short(node.value))
    return _('de tekst "{value}"').format(value=_short(node.value))


class _Fields:
    """The fields of one mapping node, checked for duplicates and odd keys."""

    def __init__(self, node: MappingNode, report: _Report) -> None:
        self.line = _line(node)
        self.values: dict[str, Node] = {}
        self.key_lines: dict[str, int] = {}
        self.misspelled: set[str] = set()  # known names that an unknown field probably meant
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                report.add(
                    _line(key_node),
                    _("Samenvoegen met << kan hier niet."),
                    _("Schrijf de velden zelf uit."),
                )
                continue
            if _refused(key_node):
                continue
            key = _scalar(key_node) if isinstance(key_node, ScalarNode) else _INVALID
            if not isinstance(key, str):
                shown = _short(key_node.value) if isinstance(key_node, ScalarNode) else "…"
                report.add(
                    _line(key_node),
                    _('De veldnaam "{key}" is geen tekst.').format(key=shown),
                    _('Gebruik een veldnaam uit letters, zoals "title".'),
                )
                continue
            if key in self.values:
                report.add(
                    _line(key_node),
                    _('Het veld "{field}" staat twee keer in dezelfde groep (ook op regel {first}).').format(
                        field=key, first=self.key_lines[key]
                    ),
                    _("Haal een van de twee weg."),
                )
                continue
            self.values[key] = value_node
            self.key_lines[key] = _line(key_node)

    def unknown(self, known: tuple[str, ...], report: _Report) -> None:
        """Report fields that are not in ``known``, suggesting the closest known name."""
        for key, line in self.key_lines.items():
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            if close:
                self.misspelled.add(close[0])
                todo = _('Bedoelt u "{suggestion}"? Pas dan de naam aan.').format(suggestion=close[0])
            else:
                todo = _("Haal het weg, of kies uit: {known}.").format(known=", ".join(known))
            report.add(line, _('Het veld "{field}" is onbekend.').format(field=key), todo)

    def missing(self, field: str, where: str, report: _Report) -> None:
        if field in self.misspelled:
            return  # "minuten: 10" is reported once, as a misspelling of "minutes"
        report.add(
            self.line,
            _('Het veld "{field}" ontbreekt in {where}.').format(field=field, where=where),
            _("Voeg een regel toe, zoals: {example}.").format(example=_example(field)),
        )

    def text(self, field: str, where: str, report: _Report, required: bool = True) -> Any:
        """A non-empty string field (surrounding spaces removed), ``None`` if absent, or ``_INVALID``."""
        node = self.values.get(field)
        if node is None:
            if required:
                self.missing(field, where, report)
                return _INVALID
            return None
        return _text_value(node, field, report)

    def integer(self, field: str, low: int, high: int, report: _Report, where: str, default: int | None) -> Any:
        """A whole number from ``low`` to ``high``; ``default`` if absent (missing error if that is ``None``)."""
        node = self.values.get(field)
        if node is None:
            if default is None:
                self.missing(field, where, report)
                return _INVALID
            return default
        if _refused(node):
            return _INVALID
        value = _scalar(node) if isinstance(node, ScalarNode) else None
        # YAML 1.1 reads 1:30 as 90 (base 60); nobody writing minutes means that.
        base_60 = isinstance(node, ScalarNode) and node.tag == _INT and ":" in node.value
        # bool is a subclass of int in Python, but "minutes: yes" is not a number.
        if base_60 or not isinstance(value, int) or isinstance(value, bool):
            example = default if default is not None else min(max(10, low), high)
            todo = _("Schrijf een heel getal, zonder aanhalingstekens, zoals {example}.").format(example=example)
            if base_60:
                todo = _("Schrijf het aantal als één getal, zoals {example}.").format(example=example)
            report.add(
                _line(node),
                _('Het veld "{field}" moet een heel getal zijn, maar is {found}.').format(
                    field=field, found=_describe(node, value)
                ),
                todo,
            )
            return _INVALID
        if not low <= value <= high:
            report.add(
                _line(node),
                _('Het veld "{field}" is {value}, maar moet tussen {low} en {high} liggen.').format(
                    field=field, value=value, low=low, high=high
                ),
                _("Kies een getal van {low} tot en met {high}.").format(low=low, high=high),
            )
            return _INVALID
        return value

    def choice(self, field: str, choices: tuple[str, ...], report: _Report) -> Any:
        """A text field whose value must be one of ``choices``; ``None`` if absent."""
        node = self.values.get(field)
        if node is None:
            return None
        value = _text_value(node, field, report)
        if value is _INVALID:
            return _INVALID
        if value not in choices:
            report.add(
                _line(node),
                _('De waarde "{value}" past niet bij "{field}".').format(value=value, field=field),
                _("Kies uit: {choices}.").format(choices=", ".join(choices)),
            )
            return _INVALID
        return value

    def identifier(self, field: str, where: str, report: _Report) -> Any:
        """A required id: lower-case letters, digits and hyphens."""
        value = self.text(field, where, report)
        if isinstance(value, str) and not _ID_RE.fullmatch(value):
            report.add(
                _line(self.values[field]),
                _('De id "{value}" mag alleen kleine letters, cijfers en streepjes bevatten.').format(value=value),
                _('Gebruik bijvoorbeeld "{suggestion}".').format(suggestion=_slug(value)),
            )
            return _INVALID
        return value

    def items(self, field: str, where: str, item: str, report: _Report) -> list[Node] | None:
        """The nodes of a required, non-empty list field, or ``None`` after an error."""
        node = self.values.get(field)
        if node is None:
            self.missing(field, where, report)
            return None
        if _refused(node):
            return None
        if not isinstance(node, SequenceNode):
            value = _scalar(node) if isinstance(node, ScalarNode) else None
            report.add(
                _line(node),
                _('Het veld "{field}" moet een lijst zijn, maar is {found}.').format(
                    field=field, found=_describe(node, value)
                ),
                _('Zet elk onderdeel op een eigen regel die begint met "- ".'),
            )
            return None
        if not node.value:
            report.add(
                _line(node),
                _('De lijst "{field}" is leeg.').format(field=field),
                _("Zet er minstens één {item} in.").format(item=item),
            )
            return None
        return list(node.value)


def _text_value(node: Node, field: str, report: _Report) -> Any:
    if _refused(node):
        return _INVALID
    value = _scalar(node) if isinstance(node, ScalarNode) else None
    if isinstance(value, str) and isinstance(node, ScalarNode):
        value = value.strip()
        if not value:
            report.add(_line(node), _('Het veld "{field}" is leeg.').format(field=field), _("Vul een tekst in."))
            return _INVALID
        return value
    if value is None and isinstance(node, ScalarNode):
        report.add(_line(node), _('Het veld "{field}" is leeg.').format(field=field), _("Vul een tekst in."))
        return _INVALID
    if isinstance(node, ScalarNode):
        # YAML 1.1 turns unquoted 10:30, 2024-05-01, yes and 12 into numbers, dates or yes/no.
        todo = _('Zet de tekst tussen aanhalingstekens: "{raw}".').format(raw=_short(node.value))
    else:
        todo = _("Schrijf hier één tekst, geen lijst of groep velden.")
    report.add(
        _line(node),
        _('Het veld "{field}" moet tekst zijn, maar is {found}.').format(field=field, found=_describe(node, value)),
        todo,
    )
    return _INVALID


def _slug(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug or "stap-1"


def _root_fields(root: Node, path: Path, report: _Report) -> _Fields | None:
    if not isinstance(root, MappingNode):
        report.add(
            _line(root),
            _('Het bestand begint niet met velden zoals "id:" en "title:".'),
            _('Zet bovenaan een regel zoals "id: {stem}".').format(stem=path.stem),
        )
        return None
    return _Fields(root, report)


def _check_stem(fields: _Fields, file_id: Any, path: Path, report: _Report) -> None:
    if isinstance(file_id, str) and file_id != path.stem:
        report.add(
            _line(fields.values["id"]),
            _('De id "{value}" is niet gelijk aan de bestandsnaam "{stem}".').format(value=file_id, stem=path.stem),
            _("Maak ze gelijk: pas de id aan of geef het bestand een andere naam."),
        )


# --------------------------------------------------------------------------
# Agendas
# --------------------------------------------------------------------------


def _parse(path: Path, report: _Report) -> _Fields | None:
    text = _read_text(path, report)
    if text is None:
        return None
    root = _compose(text, report)
    if root is None:
        return None
    _check_tags(root, report)
    return _root_fields(root, path, report)


def _agenda(path: Path, theme_lists: list[str] | None = None) -> tuple[Agenda | None, list[ContentError]]:
    """Check one agenda; with ``theme_lists``, also that each ``themes:`` names one of them."""
    report = _Report(path)
    fields = _parse(path, report)
    if fields is None:
        return None, report.sorted()
    where = _("dit bestand")
    fields.unknown(_AGENDA_FIELDS, report)
    agenda_id = fields.identifier("id", where, report)
    _check_stem(fields, agenda_id, path, report)
    title = fields.text("title", where, report)
    description = fields.text("description", where, report, required=False)
    steps: list[Step] = []
    first_line: dict[str, int] = {}
    for number, node in enumerate(fields.items("steps", where, _("stap"), report) or (), start=1):
        step = _step(node, number, first_line, theme_lists, report)
        if step is not None:
            steps.append(step)
    if report.errors:
        return None, report.sorted()
    agenda = Agenda(
        id=agenda_id,
        title=title,
        description=description or "",
        steps=tuple(steps),
        path=str(path),
    )
    return agenda, []


def _step(
    node: Node, number: int, first_line: dict[str, int], theme_lists: list[str] | None, report: _Report
) -> Step | None:
    """One step, or ``None`` if it has errors (they are reported).

    ``first_line`` maps the step ids seen so far to their line, to catch a
    repeated id even when one of the two steps has other mistakes.
    """
    if not isinstance(node, MappingNode):
        report.add(
            _line(node),
            _("Stap {number} is geen groep velden.").format(number=number),
            _('Begin de stap met "- id: ..." en zet de andere velden eronder.'),
        )
        return None
    before = len(report.errors)
    fields = _Fields(node, report)
    step_id_node = fields.values.get("id")
    step_id = _scalar(step_id_node) if isinstance(step_id_node, ScalarNode) else None
    where = (
        _('stap "{id}"').format(id=step_id) if isinstance(step_id, str) and step_id.strip()
        else _("stap {number}").format(number=number)
    )
    fields.unknown(_STEP_FIELDS, report)
    step_id = fields.identifier("id", where, report)
    if isinstance(step_id, str):
        id_line = _line(fields.values["id"])
        if step_id in first_line:
            report.add(
                id_line,
                _('De stap-id "{value}" komt twee keer voor (ook op regel {first}).').format(
                    value=step_id, first=first_line[step_id]
                ),
                _("Geef elke stap een eigen id."),
            )
        else:
            first_line[step_id] = id_line
    step_type = fields.text("type", where, report)
    if isinstance(step_type, str) and step_type not in STEP_TYPES:
        report.add(
            _line(fields.values["type"]),
            _('Het stap-type "{value}" bestaat niet.').format(value=step_type),
            _("Kies uit: {choices}.").format(choices=", ".join(STEP_TYPES)),
        )
        step_type = _INVALID
    title = fields.text("title", where, report)
    minutes = fields.integer("minutes", 1, 240, report, where, default=None)
    prompts = _prompts(fields, where, report)

    # An option on the wrong step type is almost always a copy-paste slip;
    # silently ignoring it would hide that the step does not do what was meant.
    if isinstance(step_type, str):
        for option, owner in _STEP_OPTIONS.items():
            if option in fields.values and owner != step_type:
                report.add(
                    fields.key_lines[option],
                    _('Het veld "{field}" hoort niet bij een stap van type "{type}".').format(
                        field=option, type=step_type
                    ),
                    _('Haal het weg; het hoort alleen bij type "{owner}".').format(owner=owner),
                )
    show = fields.choice("show", SHOW_CHOICES, report)
    method = fields.choice("method", VOTE_METHODS, report)
    dots = fields.integer("dots", 1, 10, report, where, default=3)
    top = fields.integer("top", 1, 10, report, where, default=3)
    themes = None
    if "themes" in fields.values:
        themes = fields.identifier("themes", where, report)
        if isinstance(themes, str) and theme_lists is not None and themes not in theme_lists:
            report.add(
                _line(fields.values["themes"]),
                _('De thema-lijst "{value}" bestaat niet.').format(value=themes),
                _("Kies uit: {choices}.").format(choices=", ".join(theme_lists) or _("(geen)")),
            )

    if len(report.errors) > before:
        return None
    return Step(
        id=step_id,
        type=step_type,
        title=title,
        minutes=minutes,
        prompts=prompts,
        show=show,
        method=method or "dots",
        dots=dots,
        top=top,
        themes=themes,
        line=_line(node),
    )


def _prompts(fields: _Fields, where: str, report: _Report) -> Any:
    nodes = fields.items("prompts", where, _("zin"), report)
    if nodes is None:
        return _INVALID
    prompts: list[str] = []
    for number, node in enumerate(nodes, start=1):
        if _refused(node):
            continue  # the tag was already reported, and it keeps the agenda from loading
        value = _scalar(node) if isinstance(node, ScalarNode) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            report.add(
                _line(node),
                _('Zin {number} onder "prompts" is leeg.').format(number=number),
                _("Vul een zin in, of haal de regel weg."),
            )
        elif not isinstance(value, str) or not isinstance(node, ScalarNode):
            todo = (
                _('Zet de zin tussen aanhalingstekens: "{raw}".').format(raw=_short(node.value))
                if isinstance(node, ScalarNode)
                else _("Schrijf hier één zin, geen lijst of groep velden.")
            )
            report.add(
                _line(node),
                _('Zin {number} onder "prompts" moet tekst zijn, maar is {found}.').format(
                    number=number, found=_describe(node, value)
                ),
                todo,
            )
        else:
            prompts.append(value.strip())
    return tuple(prompts)


# --------------------------------------------------------------------------
# Theme lists
# --------------------------------------------------------------------------


def _theme_list(path: Path) -> tuple[ThemeList | None, list[ContentError]]:
    report = _Report(path)
    fields = _parse(path, report)
    if fields is None:
        return None, report.sorted()
    where = _("dit bestand")
    fields.unknown(_THEME_LIST_FIELDS, report)
    list_id = fields.identifier("id", where, report)
    _check_stem(fields, list_id, path, report)
    title = fields.text("title", where, report)
    description = fields.text("description", where, report, required=False)
    themes: list[Theme] = []
    first_line: dict[str, int] = {}
    for number, node in enumerate(fields.items("themes", where, _("thema"), report) or (), start=1):
        if not isinstance(node, MappingNode):
            report.add(
                _line(node),
                _("Thema {number} is geen groep velden.").format(number=number),
                _('Begin het thema met "- id: ..." en zet "name:" eronder.'),
            )
            continue
        before = len(report.errors)
        theme_fields = _Fields(node, report)
        theme_where = _("thema {number}").format(number=number)
        theme_fields.unknown(_THEME_FIELDS, report)
        theme_id = theme_fields.identifier("id", theme_where, report)
        name = theme_fields.text("name", theme_where, report)
        help_text = theme_fields.text("help", theme_where, report, required=False)
        if len(report.errors) > before:
            continue
        if theme_id in first_line:
            report.add(
                _line(node),
                _('De thema-id "{value}" komt twee keer voor (ook op regel {first}).').format(
                    value=theme_id, first=first_line[theme_id]
                ),
                _("Geef elk thema een eigen id."),
            )
            continue
        first_line[theme_id] = _line(node)
        themes.append(Theme(id=theme_id, name=name, help=help_text or ""))
    if report.errors:
        return None, report.sorted()
    return (
        ThemeList(id=list_id, title=title, description=description or "", themes=tuple(themes), path=str(path)),
        [],
    )


# --------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------


def load_agenda(path: Path) -> Agenda:
    """Load and check one agenda file.

    Raises ``ContentError`` (the first problem, by line) if the file has
    problems; use ``check_content`` to get all of them.
    """
    agenda, errors = _agenda(Path(path))
    if errors:
        raise errors[0]
    return agenda


def load_theme_list(path: Path) -> ThemeList:
    """Load and check one theme list file; raises ``ContentError`` like ``load_agenda``."""
    theme_list, errors = _theme_list(Path(path))
    if errors:
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
    path = _find(name, agenda_files(root), root / AGENDAS_FOLDER, _('Er is geen agenda "{name}".'))
    return load_agenda(path)


def get_theme_list(name: str, content_dir: Path | None = None) -> ThemeList:
    """The theme list with id ``name`` (its file stem); ``ContentError`` if unknown or broken."""
    root = Path(content_dir or paths.content_dir())
    path = _find(name, theme_list_files(root), root / THEMES_FOLDER, _('Er is geen thema-lijst "{name}".'))
    return load_theme_list(path)


def _kind(path: Path) -> tuple[str | None, Path | None]:
    """``("agenda" | "themes" | None, content root)`` from the nearest known parent folder."""
    for parent in path.parents:
        if parent.name == AGENDAS_FOLDER:
            return "agenda", parent.parent
        if parent.name == THEMES_FOLDER:
            return "themes", parent.parent
    return None, None


def check_content(files: list[Path] | None = None, content_dir: Path | None = None) -> list[ContentError]:
    """Check agendas and theme lists and return every problem found (never raises).

    With ``files``, checks those: a file under an ``agendas`` folder is an
    agenda, one under ``themes`` a theme list; anything else (word lists,
    letter templates) belongs to other modules and is skipped. Without
    ``files``, checks all agendas and theme lists in ``content_dir`` (default:
    the shipped content). Also checks that each ``themes:`` in an agenda names
    a theme list that exists next to it, and that no two files share an id.
    """
    if files is None:
        root = Path(content_dir or paths.content_dir())
        files = agenda_files(root) + theme_list_files(root)
    errors: list[ContentError] = []
    seen: dict[tuple[Path, str], Path] = {}
    for path in map(Path, files):
        if path.suffix not in _SUFFIXES:
            continue
        kind, root = _kind(path)
        if kind is None:
            continue
        key = (path.parent, path.stem)
        if key in seen and seen[key] != path:
            errors.append(
                ContentError(
                    path,
                    0,
                    _('Er is al een bestand met de id "{id}": {other}.').format(id=path.stem, other=seen[key].name)
                    + " "
                    + _("Geef een van de twee bestanden een andere naam."),
                )
            )
            continue
        seen[key] = path
        if kind == "themes":
            errors.extend(_theme_list(path)[1])
            continue
        errors.extend(_agenda(path, sorted(_by_stem(theme_list_files(root))))[1])
    return errors

