"""Composing a YAML file into checked nodes: the safe, strict half of :mod:`wijksessie.yamlfile`.

* Only composing with a :class:`yaml.SafeLoader` subclass. Composing builds a
  tree of nodes and never constructs Python objects, so a tag such as
  ``!!python/object/apply:os.system`` is just a label we refuse.
* Duplicate keys are an error (PyYAML silently keeps the last one, so an
  edit could vanish without notice); so are ``<<`` merges and keys that are
  not text.
* Nesting deeper than :data:`MAX_DEPTH` is refused with one line.
* PyYAML's English syntax errors get a plain Dutch explanation and fix.

Also home of :class:`ContentError`, the error every content file reader
raises (import it from :mod:`wijksessie.yamlfile`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from wijksessie.errors import UserError
from wijksessie.i18n import _

#: Lists in lists (or groups in groups) deeper than this are refused.
MAX_DEPTH = 64

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
        _("Dit is geen geldige YAML. Melding: {problem}.").format(problem=problem.rstrip(".")),
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

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                # types-PyYAML leaves peek_event unannotated; it returns an Event with a start mark.
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise _TooDeep(event.start_mark.line + 1)
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


def _compose_fast(text: str) -> tuple[bool, Node | None]:
    """libyaml's composer, when PyYAML has it: about ten times faster, the same nodes and marks.

    ``(False, None)`` when libyaml is missing, the text is not good YAML or
    it nests deeper than :data:`MAX_DEPTH` (counted on libyaml's events,
    which need no recursion, before anything recursive runs): the careful
    pure-Python reader then reads it and explains the problem in Dutch.
    """
    fast_loader = getattr(yaml, "CSafeLoader", None)
    if fast_loader is None:
        return False, None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=fast_loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return False, None
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
        return True, yaml.compose(text, Loader=fast_loader)
    except yaml.YAMLError:
        return False, None


def compose(text: str, path: Path | str) -> Node | None:
    """The checked root node of ``text`` (``None`` for an empty file).

    Raises :class:`ContentError` (the first problem by line; all of them in
    ``.errors``) for a syntax error, a refused tag, a duplicate key, a ``<<``
    merge, a key that is not text, or nesting that is too deep.
    """
    loader = None
    try:
        fast, root = _compose_fast(text)
        if not fast:
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
            _("Hier staat een teken dat niet in een tekstbestand hoort. Code: {code}.").format(code=f"U+{code:04X}"),
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

    def __new__(cls, value: int, raw: str) -> _Base60:
        number = super().__new__(cls, value)
        number.raw = raw
        return number

    def __reduce__(self) -> tuple[type, tuple[float, str]]:  # copy and pickle keep the text
        return (type(self), (float(self), self.raw))

