"""The one way to read a YAML file that people edit: safe, strict, with line numbers.

Agendas, theme lists, word lists and the municipality's details are edited
by hand, so every mistake must come back as ``path:line: what is wrong. What
to do.`` in plain Dutch — never a traceback. Use:

* :func:`load_record` — read a file into a typed record (a msgspec ``Struct``
  or a dataclass) and check every field; the usual entry point.
* :func:`load` — the file as plain data plus its nodes (:class:`Document`),
  for callers that check more than types (see ``content.py``).
* :func:`compose` — only the checked YAML nodes (for tools that need the line
  of every text, such as the translation extractor and the plain-language check).

How the YAML is read, and why:

* Only composing with a :class:`yaml.SafeLoader` subclass. Composing builds a
  tree of nodes and never constructs Python objects, so a tag such as
  ``!!python/object/apply:os.system`` is just a label we refuse. Values are
  built from the nodes here, which also gives every value its line.
* Duplicate keys are an error (PyYAML silently keeps the last one, so an
  edit could vanish without notice); so are ``<<`` merges and keys that are
  not text.
* Files over 1 MB are refused before parsing; files that are not UTF-8 are
  reported with the line of the first bad byte.
* Nesting deeper than :data:`MAX_DEPTH` and aliases that would expand to more
  than :data:`MAX_VALUES` values ("billion laughs") or into themselves are
  refused with one line, without building them.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import typing
from pathlib import Path
from typing import Any, Callable, TypeVar

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from wijksessie import schema
from wijksessie.errors import UserError
from wijksessie.i18n import _

T = TypeVar("T")

__all__ = [
    "ContentError", "Document", "MAX_FILE_BYTES", "MAX_DEPTH", "MAX_VALUES",
    "read_text", "compose", "load", "load_text", "load_record", "convert", "problem_error",
]

#: Larger files are refused unread: a real content file is a few kilobytes.
MAX_FILE_BYTES = 1024 * 1024
#: Lists in lists (or groups in groups) deeper than this are refused.
MAX_DEPTH = 64
#: More values than this (counting every use of an alias) are refused.
MAX_VALUES = 200_000

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MAP, _SEQ, _MERGE = (_TAG + t for t in ("timestamp", "map", "seq", "merge"))
_SCALAR_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP}

# A stateless helper: its scalar methods turn a node's text into a value with
# YAML 1.1 rules (so "10:30" becomes 630, exactly as any other YAML reader would).
_CONSTRUCTOR = SafeConstructor()


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


class _Problems(Exception):
    """Internal: the errors found while reading one file."""

    def __init__(self, errors: list[ContentError]):
        super().__init__(errors)
        self.errors = errors


def _error(path: Path | str, line: int, what: str, todo: str) -> ContentError:
    return ContentError(path, line, f"{what} {todo}")


# --------------------------------------------------------------------------- text


def read_text(path: Path, *, what: str = "") -> str:
    """The file's text (UTF-8, a byte order mark dropped); :class:`ContentError` if it cannot be read."""
    path = Path(path)
    try:
        if not path.is_file():
            if path.exists():
                raise _error(path, 0, _("Dit is geen gewoon bestand."), _("Kies een .yaml-bestand."))
            raise _error(path, 0, _("Het bestand bestaat niet."), _("Controleer de naam en de map."))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _too_large(path)
        with path.open("rb") as fh:
            # Read one byte more than allowed: the file may have grown since stat().
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _error(
            path,
            0,
            _("Het bestand kan niet gelezen worden ({reason}).").format(reason=exc.strerror or exc),
            _("Controleer of het bestand bestaat en of u het mag openen."),
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _error(
            path,
            data.count(b"\n", 0, exc.start) + 1,
            _("Het bestand is niet opgeslagen als UTF-8."),
            _("Open het in een teksteditor en sla het op als UTF-8."),
        ) from None
    # Windows editors like to start UTF-8 files with a byte order mark; harmless.
    return text.removeprefix("\ufeff")


def _too_large(path: Path) -> ContentError:
    return _error(
        path, 0, _("Het bestand is groter dan 1 MB."), _("Een agenda of lijst is veel kleiner; kies het goede bestand.")
    )


# --------------------------------------------------------------------------- nodes

# PyYAML explains syntax errors in English; the common ones get a plain Dutch
# explanation and fix. Matched on the start of PyYAML's "problem" text.
_SYNTAX_HELP: tuple[tuple[str, Callable[[], tuple[str, str]]], ...] = (
    ("found character '\\t'", lambda: (_("Hier staat een tab."), _("Gebruik spaties om in te springen, geen tabs."))),
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
        lambda: (_("Hier staat een sterretje (*) dat naar niets verwijst."), _("Zet de tekst tussen aanhalingstekens.")),
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
        lambda: (_("Een tekst mag niet beginnen met dit teken."), _("Zet de tekst tussen aanhalingstekens.")),
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
        lambda: (_("Een lijst of groep tussen haakjes klopt niet."), _("Controleer de haakjes [ ] en { } en de komma's.")),
    ),
    (
        "expected ',' or",
        lambda: (_("Een lijst of groep tussen haakjes klopt niet."), _("Controleer de haakjes [ ] en { } en de komma's.")),
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


class _TooDeep(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, used only to compose, with a limit on nesting.

    Composing is recursive in PyYAML; a file of 50,000 ``[`` would otherwise
    exhaust Python's stack.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _show_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _short(raw: str) -> str:
    """Raw text for a message: one line, at most 40 characters."""
    raw = " ".join(str(raw).split())
    return raw if len(raw) <= 40 else raw[:39] + "…"


def compose(text: str, path: Path | str) -> Node | None:
    """The checked root node of ``text`` (``None`` for an empty file).

    Raises :class:`ContentError` (the first problem by line; all of them in
    ``.errors``) for a syntax error, a refused tag, a duplicate key, a ``<<``
    merge, a key that is not text, or nesting that is too deep.
    """
    loader = None
    try:
        loader = _Loader(text)
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        problem = exc.problem or exc.context or ""
        mark = exc.problem_mark or exc.context_mark
        # An unclosed quote is reported at the end of the file; where it opens is more useful.
        if problem.startswith("found unexpected end of stream") and exc.context_mark is not None:
            mark = exc.context_mark
        what, todo = _syntax_message(problem, exc.context or "")
        raise _error(path, mark.line + 1 if mark else 0, what, todo) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 if isinstance(exc.position, int) else 0
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise _error(
            path,
            line,
            _("Hier staat een teken dat niet in een tekstbestand hoort (code {code}).").format(code=f"U+{code:04X}"),
            _("Haal dit teken weg; het is vaak onzichtbaar."),
        ) from None
    except yaml.YAMLError as exc:
        what, todo = _syntax_message(str(exc))
        raise _error(path, 0, what, todo) from None
    except (_TooDeep, RecursionError) as exc:
        raise _error(
            path, getattr(exc, "line", 0), _("Het bestand is te diep genest."), _("Gebruik minder lagen van lijsten in lijsten.")
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    # A file with only "---" holds one empty value: as good as empty.
    if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL and not root.value):
        return None
    errors = _check_nodes(root, path)
    if errors:
        first = min(errors, key=lambda e: e.line)
        first.errors = sorted(errors, key=lambda e: e.line)  # type: ignore[attr-defined]
        raise first
    return root


def _check_nodes(root: Node, path: Path | str) -> list[ContentError]:
    """Every refused tag, duplicate key, merge and non-text key, each node visited once.

    Aliases share nodes, so a "billion laughs" file cannot make this slow,
    and a self-referencing alias cannot loop.
    """
    errors: list[ContentError] = []
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
            _check_keys(node, path, errors)
            todo.extend(value for _key, value in node.value)
        if not allowed:
            errors.append(_error(
                path,
                _line(node),
                _('De YAML-tag "{tag}" is niet toegestaan.').format(tag=_show_tag(node.tag)),
                _("Haal de tag weg; gebruik alleen tekst, getallen en lijsten."),
            ))
    return errors


def _check_keys(node: MappingNode, path: Path | str, errors: list[ContentError]) -> None:
    first_line: dict[str, int] = {}
    for key_node, _value in node.value:
        if key_node.tag == _MERGE:
            errors.append(_error(path, _line(key_node), _("Samenvoegen met << kan hier niet."), _("Schrijf de velden zelf uit.")))
            continue
        if not isinstance(key_node, ScalarNode) or key_node.tag not in _SCALAR_TAGS:
            if isinstance(key_node, ScalarNode):
                continue  # its tag is reported as not allowed
            key = None
        else:
            key = _scalar(key_node)
        if not isinstance(key, str):
            shown = _short(key_node.value) if isinstance(key_node, ScalarNode) else "…"
            errors.append(_error(
                path,
                _line(key_node),
                _('De veldnaam "{key}" is geen tekst.').format(key=shown),
                _('Gebruik een veldnaam uit letters, zoals "title".'),
            ))
            continue
        if key in first_line:
            errors.append(_error(
                path,
                _line(key_node),
                _('Het veld "{field}" staat twee keer in dezelfde groep (ook op regel {first}).').format(
                    field=key, first=first_line[key]
                ),
                _("Haal een van de twee weg."),
            ))
            continue
        first_line[key] = _line(key_node)


def _scalar(node: ScalarNode) -> Any:
    """The value of a scalar node with YAML 1.1 rules; its text if the tag does not fit the text."""
    constructor = SafeConstructor.yaml_constructors.get(node.tag)
    if constructor is None or node.tag == _MERGE:
        return node.value
    try:
        value = constructor(_CONSTRUCTOR, node)
    except (ValueError, TypeError, OverflowError, yaml.YAMLError):
        return node.value  # an explicit tag on text that does not fit, e.g. "!!int tien"
    if node.tag == _INT and ":" in node.value:
        return _Base60(value, node.value)
    return value


class _Base60(float):
    """YAML 1.1 reads ``1:30`` as 90 (base 60); nobody writing minutes means that.

    Kept as a number no record field accepts (not an ``int``), with its text for the message.
    """

    raw: str

    def __new__(cls, value: int, raw: str) -> "_Base60":
        number = super().__new__(cls, value)
        number.raw = raw
        return number


# --------------------------------------------------------------------------- plain data


@dataclasses.dataclass
class Document:
    """A YAML file as plain data, with its nodes for line numbers."""

    path: Path
    data: Any
    root: Node | None

    def node_at(self, loc: tuple[str | int, ...], *, key: bool = False) -> Node | None:
        """The node at ``loc`` (or, with ``key``, the key node of its last part); ``None`` if absent."""
        node = self.root
        for number, part in enumerate(loc):
            last = number == len(loc) - 1
            if isinstance(node, MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, ScalarNode) and key_node.value == part:
                        node = key_node if (key and last) else value_node
                        break
                else:
                    return None
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return None
        return node

    def line_at(self, loc: tuple[str | int, ...], *, key: bool = False) -> int:
        """The line (1-based) of the value at ``loc``, else of the nearest enclosing value; 0 if none."""
        loc = tuple(part for part in loc if part != "...")
        while True:
            node = self.node_at(loc, key=key)
            if node is not None:
                return _line(node)
            if not loc:
                return 0
            loc, key = loc[:-1], False

    def raw_at(self, loc: tuple[str | int, ...]) -> str:
        """The text as written at ``loc`` (for messages), or ``""``."""
        node = self.node_at(tuple(part for part in loc if part != "..."))
        return _short(node.value) if isinstance(node, ScalarNode) else ""


def _to_python(root: Node, path: Path | str) -> Any:
    """Plain data from checked nodes; an alias gives the same object again (never a copy)."""
    built: dict[int, Any] = {}
    sizes: dict[int, int] = {}
    building: set[int] = set()

    def size(node: Node) -> int:
        # How many values the data holds once every alias is followed; stops early past the limit.
        if id(node) in sizes:
            return sizes[id(node)]
        if id(node) in building:
            raise _error(
                path, _line(node), _("Een verwijzing (*) verwijst naar zichzelf."), _("Schrijf de waarde zelf uit.")
            )
        building.add(id(node))
        total = 1
        children = (
            node.value if isinstance(node, SequenceNode)
            else [v for _k, v in node.value] if isinstance(node, MappingNode) else []
        )
        for child in children:
            total += size(child)
            if total > MAX_VALUES:
                raise _error(
                    path,
                    _line(node),
                    _("Het bestand verwijst te vaak naar hetzelfde stuk (met & en *)."),
                    _("Schrijf de waarden zelf uit."),
                )
        building.discard(id(node))
        sizes[id(node)] = total
        return total

    def build(node: Node) -> Any:
        if id(node) in built:
            return built[id(node)]
        if isinstance(node, ScalarNode):
            value: Any = _scalar(node)
        elif isinstance(node, SequenceNode):
            value = [build(item) for item in node.value]
        else:
            value = {_scalar(k): build(v) for k, v in node.value}
        built[id(node)] = value
        return value

    size(root)
    return build(root)


def load_text(text: str, path: Path | str) -> Document:
    """:func:`load` for text already read."""
    root = compose(text, path)
    return Document(Path(path), None if root is None else _to_python(root, path), root)


def load(path: Path) -> Document:
    """Read, check and build a YAML file; :class:`ContentError` (with ``.errors`` when several) if it is broken."""
    return load_text(read_text(path), path)


def errors_of(exc: ContentError) -> list[ContentError]:
    """All the problems a :class:`ContentError` from this module stands for."""
    return list(getattr(exc, "errors", None) or [exc])


# --------------------------------------------------------------------------- typed records


def _describe(value: Any, raw: str) -> str:
    """What a value looks like, in words a facilitator knows."""
    if isinstance(value, list):
        return _("een lijst")
    if isinstance(value, dict):
        return _("een groep velden")
    if value is None:
        return _("leeg")
    if isinstance(value, bool):
        return _("ja of nee ({value})").format(value=raw or value)
    if isinstance(value, _Base60):
        return _("de tijd {value}").format(value=value.raw)
    if isinstance(value, int):
        return _("het getal {value}").format(value=raw or value)
    if isinstance(value, float):
        return _("het kommagetal {value}").format(value=raw or value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return _("de datum {value}").format(value=raw or value)
    return _('de tekst "{value}"').format(value=raw or _short(value))


def _known_fields(cls: Any, loc: tuple[str | int, ...]) -> tuple[str, ...]:
    """The field names a record at ``loc`` inside ``cls`` may have (for suggestions)."""
    for part in loc:
        hints = typing.get_type_hints(cls, include_extras=True) if isinstance(cls, type) else {}
        target = hints.get(part) if isinstance(part, str) else cls
        if target is None:
            return ()
        cls = _inner_record(target)
    return _field_names(cls)


def _inner_record(tp: Any) -> Any:
    """The record type inside ``Annotated[...]``, ``tuple[X, ...]``, ``list[X]`` or ``X | None``."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (tuple, list, typing.Union) or str(origin) == "<class 'types.UnionType'>":
            args = [a for a in typing.get_args(tp) if a is not type(None) and a is not Ellipsis]
            if not args:
                return tp
            tp = args[0]
        else:
            return tp


def _field_names(cls: Any) -> tuple[str, ...]:
    fields = getattr(cls, "__struct_encode_fields__", None)
    if fields is not None:
        return tuple(f for f in fields if not f.startswith("("))
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return ()


_EXAMPLES = {
    "id": "id: welkom",
    "type": "type: info",
    "title": 'title: "Welkom"',
    "minutes": "minutes: 10",
    "name": 'name: "Bewegen"',
}


def problem_error(doc: Document, cls: Any, problem: schema.Problem, *, where: str = "",
                  item: Callable[[str, int], str] | None = None, base: tuple = ()) -> ContentError:
    """The Dutch ``path:line: what. todo.`` for what msgspec refused in ``doc``.

    ``where`` names the record the problem is in ("dit bestand", 'stap
    "kiezen"'); ``item(list_field, number)`` names one item of a list
    ("Stap 2", 'Zin 1 onder "prompts"'). ``base`` is where the record of type
    ``cls`` stands in the file (``("steps", 2)`` for one step checked alone).
    """
    rel, field = problem.loc, problem.name
    loc = tuple(base) + rel
    value = schema.value_at(doc.data, loc)
    raw = doc.raw_at(loc)
    where = where or _("dit bestand")
    in_list = bool(loc) and isinstance(loc[-1], int) and len(loc) >= 2 and isinstance(loc[-2], str)
    subject = item(str(loc[-2]), int(loc[-1]) + 1) if (in_list and item) else None
    line = doc.line_at(loc)

    def err(what: str, todo: str, at: int = line) -> ContentError:
        return _error(doc.path, at, what, todo)

    if problem.kind == "missing":
        example = _EXAMPLES.get(problem.field, problem.field + ": …")
        return err(
            _('Het veld "{field}" ontbreekt in {where}.').format(field=problem.field, where=where),
            _("Voeg een regel toe, zoals: {example}.").format(example=example),
        )
    if problem.kind == "unknown":
        known = _known_fields(cls, rel)
        close = difflib.get_close_matches(problem.field, known, n=1, cutoff=0.6)
        if close:
            todo = _('Bedoelt u "{suggestion}"? Pas dan de naam aan.').format(suggestion=close[0])
        else:
            todo = _("Haal het weg, of kies uit: {known}.").format(known=", ".join(known))
        return err(_('Het veld "{field}" is onbekend.').format(field=problem.field), todo,
                   doc.line_at(loc + (problem.field,), key=True))
    if problem.kind == "type" and problem.expected == "object":
        if not loc:
            names = [*_field_names(cls)[:2], "id", "title"][:2]
            return err(_('Het bestand begint niet met velden zoals "{a}:" en "{b}:".').format(a=names[0], b=names[1]),
                       _('Zet bovenaan een regel zoals "{a}: …".').format(a=names[0]))
        return err(
            _("{item} is geen groep velden.").format(item=subject or field),
            _('Begin met "- id: ..." en zet de andere velden eronder.'),
        )
    empty = value is None or (isinstance(value, str) and not value.strip())
    if empty and problem.kind in ("type", "length", "pattern") and problem.expected.startswith("str"):
        if subject:
            return err(_("{item} is leeg.").format(item=subject), _("Vul een zin in, of haal de regel weg."))
        return err(_('Het veld "{field}" is leeg.').format(field=field), _("Vul een tekst in."))
    if problem.kind == "length" and isinstance(value, list) and not value:
        return err(_('De lijst "{field}" is leeg.').format(field=field), _("Zet er minstens één onderdeel in."))
    if problem.kind == "type" and problem.expected.startswith("str"):
        todo = (
            _('Zet de tekst tussen aanhalingstekens: "{raw}".').format(raw=raw)
            if raw else _("Schrijf hier één tekst, geen lijst of groep velden.")
        )
        what = (
            _("{item} moet tekst zijn, maar is {found}.").format(item=subject, found=_describe(value, raw)) if subject
            else _('Het veld "{field}" moet tekst zijn, maar is {found}.').format(field=field, found=_describe(value, raw))
        )
        return err(what, todo)
    if problem.kind == "type" and problem.expected.startswith("int") or isinstance(value, _Base60):
        todo = _("Schrijf een heel getal, zonder aanhalingstekens, zoals {example}.").format(example=10)
        if isinstance(value, _Base60):
            todo = _("Schrijf het aantal als één getal, zoals {example}.").format(example=90)
        return err(
            _('Het veld "{field}" moet een heel getal zijn, maar is {found}.').format(
                field=field, found=_describe(value, raw)
            ),
            todo,
        )
    if problem.kind == "type" and problem.expected.startswith("array"):
        return err(
            _('Het veld "{field}" moet een lijst zijn, maar is {found}.').format(field=field, found=_describe(value, raw)),
            _('Zet elk onderdeel op een eigen regel die begint met "- ".'),
        )
    if problem.kind == "type" and problem.expected.startswith("bool"):
        return err(
            _('Het veld "{field}" moet ja of nee zijn, maar is {found}.').format(field=field, found=_describe(value, raw)),
            _("Schrijf true of false."),
        )
    if problem.kind == "range":
        low, high = _bounds(cls, rel)
        if low is not None and high is not None:
            return err(
                _('Het veld "{field}" is {value}, maar moet tussen {low} en {high} liggen.').format(
                    field=field, value=value, low=low, high=high
                ),
                _("Kies een getal van {low} tot en met {high}.").format(low=low, high=high),
            )
        return err(_('Het veld "{field}" is {value}, maar moet {bound} zijn.').format(
            field=field, value=value, bound=problem.bound), _("Kies een ander getal."))
    if problem.kind == "enum":
        choices = _choices(cls, rel)
        return err(
            _('De waarde "{value}" past niet bij "{field}".').format(value=value, field=field),
            _("Kies uit: {choices}.").format(choices=", ".join(choices)),
        )
    return err(
        _('Het veld "{field}" klopt niet: {found}.').format(field=field or "?", found=_describe(value, raw)),
        _("Kijk na wat hier hoort."),
    )


def _field_type(cls: Any, loc: tuple[str | int, ...]) -> Any:
    tp: Any = cls
    for part in loc:
        if isinstance(part, str):
            record = _inner_record(tp)
            hints = typing.get_type_hints(record, include_extras=True) if isinstance(record, type) else {}
            tp = hints.get(part)
            if tp is None:
                return None
        else:
            args = [a for a in typing.get_args(_strip_annotated(tp)) if a is not Ellipsis]
            tp = args[0] if args else None
    return tp


def _strip_annotated(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _bounds(cls: Any, loc: tuple[str | int, ...]) -> tuple[Any, Any]:
    tp = _field_type(cls, loc)
    low = high = None
    if typing.get_origin(tp) is typing.Annotated:
        for meta in typing.get_args(tp)[1:]:
            low = getattr(meta, "ge", None) if getattr(meta, "ge", None) is not None else low
            high = getattr(meta, "le", None) if getattr(meta, "le", None) is not None else high
    return low, high


def _choices(cls: Any, loc: tuple[str | int, ...]) -> tuple[str, ...]:
    tp = _strip_annotated(_field_type(cls, loc))
    for arg in (tp, *typing.get_args(tp)):
        if typing.get_origin(arg) is typing.Literal:
            return tuple(str(a) for a in typing.get_args(arg))
        if isinstance(arg, type) and hasattr(arg, "__members__"):
            return tuple(str(m.value) for m in arg)
    return ()


def convert(doc: Document, cls: type[T], *, where: str = "", item: Callable[[str, int], str] | None = None,
            data: Any = None) -> T:
    """``doc.data`` (or ``data``) as a ``cls``; :class:`ContentError` with path:line for the first problem."""
    try:
        return schema.convert(doc.data if data is None else data, cls)
    except schema.Invalid as exc:
        raise problem_error(doc, cls, exc.problem, where=where, item=item) from None


def load_record(path: Path, cls: type[T], *, empty_ok: bool = False) -> T:
    """Read the YAML file at ``path`` as a ``cls``, every field checked; :class:`ContentError` if not.

    With ``empty_ok``, an empty file gives ``cls()`` (all defaults).
    """
    doc = load(path)
    if doc.root is None:
        if empty_ok:
            return cls()
        raise _error(path, 0, _("Het bestand is leeg."), _("Vul het aan, of haal het bestand weg."))
    return convert(doc, cls)
