"""The one way to read a YAML file that people edit: safe, strict, with line numbers.

Agendas, theme lists, word lists and the municipality's details are edited
by hand, so every mistake must come back as ``path:line: what is wrong. What
to do.`` in plain Dutch — never a traceback. Use:

* :func:`load_record` — read a file into a typed record (a msgspec ``Struct``
  or a dataclass) and check every field; the usual entry point.
* :func:`load` — the file as plain data plus its nodes (:class:`Document`),
  for callers that check more than types (see ``contentcheck.py``).
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

Composing and checking the nodes (tags, keys, depth, syntax messages) is
:mod:`wijksessie.yamlnodes`; building plain data from them, with line numbers,
and the entry points are here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from wijksessie import schema
from wijksessie.i18n import _
from wijksessie.yamlnodes import (  # noqa: F401  (ContentError, compose, _Base60, _short: public here too)
    MAX_DEPTH,
    ContentError,
    _Base60,
    _error,
    _line,
    _scalar,
    _short,
    compose,
)

T = TypeVar("T")

__all__ = [
    "ContentError", "Document", "MAX_FILE_BYTES", "MAX_DEPTH", "MAX_VALUES",
    "read_text", "compose", "load", "load_text", "load_record", "convert", "problem_error",
]

#: Larger files are refused unread: a real content file is a few kilobytes.
MAX_FILE_BYTES = 1024 * 1024
#: More values than this (counting every use of an alias) are refused.
MAX_VALUES = 200_000


# --------------------------------------------------------------------------- text


def read_text(path: Path) -> str:
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
            _("Het bestand kan niet gelezen worden. Reden: {reason}.").format(reason=exc.strerror or exc),
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
                  item: Callable[[str, int], str] | None = None, base: tuple[str | int, ...] = ()) -> ContentError:
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
