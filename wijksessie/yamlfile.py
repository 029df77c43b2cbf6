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
        elif isinstance(node, MappingNode):
            allowed = node.tag == _MAP
            _check_keys(node, path, errors)
            todo.extend(value for _key, value in node.value)
        if not allowed:
            errors.append(_error(
                path,
                _line(node),
                _('Deze YAML-tag is niet toegestaan: "{tag}".').format(tag=_show_tag(node.tag)),
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
                _('Deze veldnaam is geen tekst: "{key}".').format(key=shown),
                _('Gebruik een veldnaam uit letters, zoals "title".'),
            ))
            continue
        if key in first_line:
            errors.append(_error(
                path,
                _line(key_node),
                _('Dit veld staat twee keer in dezelfde groep: "{field}" (ook op regel {first}).').format(
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

    def __reduce__(self) -> tuple[type, tuple[float, str]]:  # copy and pickle keep the text
        return (type(self), (float(self), self.raw))


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
# The messages for what a record refuses live in wijksessie/yamlrecords.py; these are the entry points.


def convert(doc: Document, cls: type[T], *, where: str = "", item: Callable[[str, int], str] | None = None,
            data: Any = None) -> T:
    """``doc.data`` (or ``data``) as a ``cls``; :class:`ContentError` with path:line for the first problem."""
    from wijksessie import yamlrecords

    return yamlrecords.convert(doc, cls, where=where, item=item, data=data)


def problem_error(doc: Document, cls: Any, problem: schema.Problem, *, where: str = "",
                  item: Callable[[str, int], str] | None = None, base: tuple = ()) -> ContentError:
    """The Dutch ``path:line: what. todo.`` for what msgspec refused in ``doc`` (see :mod:`wijksessie.yamlrecords`)."""
    from wijksessie import yamlrecords

    return yamlrecords.problem_error(doc, cls, problem, where=where, item=item, base=base)


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
