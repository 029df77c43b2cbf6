"""Small YAML helpers for the word lists and content files: line numbers come from the composed nodes."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from wijksessie.i18n import _
from wijksessie.plain.results import Problem

if TYPE_CHECKING:
    from yaml.nodes import Node


def yaml_module() -> ModuleType:
    # Imported lazily: the live editor may never need a YAML file reloaded.
    import yaml

    return yaml


def compose_all(src: str, path: str) -> tuple[list[Node], list[Problem]]:
    """The (non-empty) YAML documents of ``src`` as nodes (safe loader only), or a problem."""
    yaml = yaml_module()
    try:
        # libyaml's parser (when PyYAML has it) is ten times faster and keeps the same marks.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return [doc for doc in yaml.compose_all(src, Loader=loader) if doc is not None], []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        message = _("Dit is geen goede YAML: {problem}. Kijk naar deze regel en de regel erboven.").format(
            problem=problem
        )
        return [], [Problem(path, line, message)]
    except yaml.YAMLError as exc:
        message = _("Dit is geen goede YAML: {problem}. Kijk het bestand na.").format(problem=exc)
        return [], [Problem(path, 1, message)]


def read(path: Path) -> tuple[str | None, Problem | None]:
    """The text of ``path``; ``(None, None)`` when it does not exist, ``(None, problem)`` when it cannot be read."""
    try:
        return path.read_text(encoding="utf-8"), None
    except FileNotFoundError:
        return None, None
    except UnicodeDecodeError:
        message = _("Het bestand is geen UTF-8-tekst. Sla het op als UTF-8.")
        return None, Problem(str(path), 1, message)
    except OSError as exc:
        message = _("Het bestand kan niet gelezen worden: {error}. Kijk of het bestaat en leesbaar is.").format(
            error=exc.strerror or exc
        )
        return None, Problem(str(path), 1, message)


def node_line(node: Node) -> int:
    """The 1-based line where ``node`` starts."""
    return int(node.start_mark.line) + 1


def kind(node: Node) -> str:
    """``"scalar"``, ``"sequence"`` or ``"mapping"``."""
    return str(getattr(node, "id", ""))


def is_scalar(node: Node) -> bool:
    """Whether ``node`` is a single value (not a list or a mapping)."""
    return kind(node) == "scalar"


def scalar_text(node: Node) -> str | None:
    """A scalar's text; ``None`` for non-scalars and for an empty value."""
    if not is_scalar(node) or node.tag.endswith(":null"):
        return None
    return str(node.value)


