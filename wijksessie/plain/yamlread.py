"""Reading YAML for the plain-language check, through :mod:`wijksessie.yamlfile`.

The word lists, the allow-list and the YAML content files are read with the
project's one YAML reader (:func:`wijksessie.yamlfile.compose`): safe,
strict (duplicate keys, ``<<`` merges, tags and deep nesting are refused)
and with plain Dutch messages. This module only turns its
:class:`~wijksessie.yamlfile.ContentError` into the check's
:class:`~wijksessie.plain.results.Problem` (the check reports and goes on,
it never raises for a bad file) and offers a few helpers for the nodes.
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from wijksessie.plain.results import Problem
from wijksessie.yamlfile import ContentError, compose, errors_of, read_text


def _problems(exc: ContentError) -> list[Problem]:
    # Line 0 means "the whole file"; the check counts lines from 1.
    return [Problem(e.path, e.line or 1, e.message) for e in errors_of(exc)]


def read(path: Path) -> tuple[str | None, Problem | None]:
    """The text of ``path``; ``(None, None)`` when it does not exist, ``(None, problem)`` when it cannot be read."""
    try:
        return read_text(path), None
    except ContentError as exc:
        if not path.exists():
            return None, None  # a missing file is no problem for the check
        return None, _problems(exc)[0]


def compose_root(src: str, path: str) -> tuple[Node | None, list[Problem]]:
    """The root node of a YAML text (``None`` when it is empty), or the problems that stop it being read."""
    try:
        return compose(src, path), []
    except ContentError as exc:
        return None, _problems(exc)


def node_line(node: Node) -> int:
    """The 1-based line where ``node`` starts."""
    return int(node.start_mark.line) + 1


def kind(node: Node) -> str:
    """``"scalar"``, ``"sequence"`` or ``"mapping"``."""
    if isinstance(node, MappingNode):
        return "mapping"
    if isinstance(node, SequenceNode):
        return "sequence"
    return "scalar"


def is_scalar(node: Node) -> bool:
    """Whether ``node`` is a single value (not a list or a mapping)."""
    return isinstance(node, ScalarNode)


def scalar_text(node: Node) -> str | None:
    """A scalar's text; ``None`` for lists, mappings and an empty value."""
    if not isinstance(node, ScalarNode) or node.tag.endswith(":null"):
        return None
    return str(node.value)
