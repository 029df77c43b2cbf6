"""Babel extractor for our YAML content (agendas, theme lists).

The texts residents hear and read — agenda titles, step titles, the prompts
the facilitator reads aloud, theme names and their help questions — are
written once in Dutch in ``content/**/*.yaml`` and translated string by string
in the same ``messages`` catalogue as the program. Registered in
``pyproject.toml`` (``[tool.babel.extractors] yamlcontent``), so
``pybabel extract -F pyproject.toml`` and ``wijksessie i18n update`` find them.

Each message gets the line it stands on and a comment naming its key
(``#. key: prompts``), so a translator sees where a text is used.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

#: What a Babel extractor yields: line, function name (none here), text, comments.
Extracted = tuple[int, None, str, list[str]]

#: Keys whose text values are shown to people; everything else (ids, types, minutes) is not translated.
DEFAULT_KEYS = "title description prompts name help"


def extract_yaml(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Yield ``(line, None, text, [comment])`` for every text under one of the translatable keys.

    ``options["keys"]`` (space or comma separated) overrides :data:`DEFAULT_KEYS`.
    A value may be a text or a list of texts (``prompts:``). The file is read
    with :func:`wijksessie.yamlfile.compose`, the program's one YAML reader;
    broken YAML is skipped with nothing extracted: ``wijksessie check`` reports it properly.
    """
    from wijksessie.yamlfile import ContentError, compose

    keys = set(str(options.get("keys", DEFAULT_KEYS)).replace(",", " ").split())
    data = fileobj.read()
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        # The one YAML reader of the program (duplicate keys, tags, merges refused), with lines.
        node = compose(text, getattr(fileobj, "name", "<yaml>"))
    except (ContentError, UnicodeDecodeError):
        return
    if node is not None:
        yield from _walk(node, keys)


def _walk(node: yaml.Node, keys: set[str]) -> Iterator[Extracted]:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            key = getattr(key_node, "value", None)
            if key in keys and isinstance(value, yaml.ScalarNode):
                if _is_text(value):
                    yield (value.start_mark.line + 1, None, value.value, [f"key: {key}"])
            elif key in keys and isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    if isinstance(item, yaml.ScalarNode):
                        if _is_text(item):
                            yield (item.start_mark.line + 1, None, item.value, [f"key: {key}"])
                    else:
                        yield from _walk(item, keys)
            else:
                yield from _walk(value, keys)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, keys)


def _is_text(node: yaml.ScalarNode) -> bool:
    """Only real texts: not empty, not a number or yes/no that YAML would read as such."""
    if not node.value.strip():
        return False
    return node.tag == "tag:yaml.org,2002:str" or node.style in ("'", '"', "|", ">")
