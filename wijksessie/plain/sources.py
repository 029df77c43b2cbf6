"""Sources: the texts residents read inside content files, with the lines where they stand.

* YAML (agendas, theme lists): the texts under ``title``, ``description``,
  ``prompts``, ``help`` and ``name`` (also nested ``text``/``question`` and
  per-language values such as ``title: {nl: ..., en: ...}``).
* Letter templates (.j2 .jinja .html .md .txt): the text without tags and
  placeholders; translatable strings inside ``{{ _("...") }}`` count.
* .po catalogues, read with Babel: the translations (msgstr).

Each text becomes a :class:`Segment` padded so offsets match the file, and
``b1-ok: reason`` markers in comments say which lines are accepted.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from wijksessie.i18n import _, normalise
from wijksessie.plain.results import Finding
from wijksessie.plain.text import BREAK, blank, mask, mask_markup
from wijksessie.plain.yamlread import compose_root, kind, node_line, scalar_text

if TYPE_CHECKING:
    from yaml.nodes import Node

#: Keys in agenda and theme YAML files whose text residents hear or read.
CHECKED_KEYS = frozenset({"title", "description", "prompts", "help", "name"})
#: Inside a checked value: keys of nested texts (``prompts: [{text: ...}]``).
NESTED_TEXT_KEYS = frozenset({"text", "question"})
#: Letter templates: text with tags and placeholders removed.
TEMPLATE_SUFFIXES = frozenset({".j2", ".jinja", ".jinja2", ".html", ".htm", ".md", ".txt"})
YAML_SUFFIXES = frozenset({".yaml", ".yml"})

#: Language codes we recognise in folder and file names (``letters/en/``,
#: ``brief.tr.j2``) and as keys of per-language texts (``title: {nl: .., en: ..}``).
#: These are the resident languages of DOMAIN.md §2.6 plus a few neighbours.
KNOWN_LANGS = frozenset(
    "nl en fy tr ar pl uk pap ti fa prs so zh de fr es pt ro bg ru it rif zgh".split()
)

_MARKER_RE = re.compile(r"(?:#\.?|\{#-?|<!--)\s*b1-ok\b(?P<rest>.*)")


@dataclass
class Segment:
    """A piece of a file to check: text padded so offsets match the file."""

    text: str
    masked: str
    first_line: int
    lang: str
    covered: bool = False  # accepted as a whole (a marker in a .po entry's comments)
    # A YAML text is accepted as a whole by a marker on the line where it starts.
    marker_on_first_line_covers: bool = False


@dataclass
class Markers:
    lines: set[int] = field(default_factory=set)
    problems: list[Finding] = field(default_factory=list)


def markers(src: str, path: str) -> Markers:
    """Lines accepted by ``b1-ok: reason`` comments, and markers without a reason."""
    result = Markers()
    for number, line in enumerate(src.split("\n"), start=1):
        if "b1-ok" not in line:
            continue
        match = _MARKER_RE.search(line)
        if not match:
            continue
        rest = match.group("rest")
        rest = re.sub(r"\s*(?:-?#\}|-->)\s*$", "", rest).strip()
        reason = rest[1:].strip() if rest.startswith(":") else ""
        if not re.search(r"\w", reason):
            result.problems.append(
                Finding(
                    number,
                    match.start() + 1,
                    "marker",
                    match.group(0).strip(),
                    _('"b1-ok" zonder reden telt niet. Schrijf erachter waarom het mag, bijvoorbeeld: b1-ok: naam van een wet'),
                    path=path,
                )
            )
            continue
        result.lines.add(number)
        if not line[: match.start()].strip():
            result.lines.add(number + 1)  # a marker on its own line covers the next line too
    return result


def lang_from_path(path: Path) -> str | None:
    """``locales/<lang>/LC_MESSAGES/x.po``, ``letters/en/brief.j2`` or ``brief.en.j2``."""
    parts = path.parts
    if "LC_MESSAGES" in parts:
        index = parts.index("LC_MESSAGES")
        if index >= 1:
            return normalise(parts[index - 1])
    for suffix in path.suffixes[:-1]:
        code = suffix[1:]
        if normalise(code).split("_", 1)[0] in KNOWN_LANGS:
            return normalise(code)
    parent = path.parent.name
    if parent and normalise(parent).split("_", 1)[0] in KNOWN_LANGS:
        return normalise(parent)
    return None


def _yaml_raw(src: str, node: Node) -> str:
    """A scalar's text exactly where it stands in the file (offsets preserved)."""
    start, end = node.start_mark, node.end_mark
    raw = src[start.index : end.index]
    if getattr(node, "style", None) in ("|", ">"):
        # The first line holds only the indicator (and maybe a comment).
        newline = raw.find("\n")
        raw = blank(raw[: newline if newline >= 0 else len(raw)]) + (raw[newline:] if newline >= 0 else "")
    elif getattr(node, "style", None) == '"':
        raw = re.sub(r"\\.", "  ", raw)
    return " " * int(start.column) + raw


def _yaml_segments(src: str, root: Node, lang: str) -> list[tuple[Node, str]]:
    """The scalar nodes whose text residents see, with their language."""
    found: list[tuple[Node, str]] = []
    # An alias is the same node object as its anchor: visiting each collection
    # once keeps a file full of nested aliases (a "YAML bomb") from taking forever.
    seen: set[int] = set()

    def walk(node: Node, node_lang: str, checked: bool) -> None:
        if kind(node) in ("mapping", "sequence"):
            if id(node) in seen:
                return
            seen.add(id(node))
        if kind(node) == "mapping":
            for key_node, value in node.value:
                key = scalar_text(key_node) or ""
                if key in CHECKED_KEYS:
                    walk(value, node_lang, True)
                elif checked and key in NESTED_TEXT_KEYS:
                    walk(value, node_lang, True)
                elif checked and normalise(key).split("_", 1)[0] in KNOWN_LANGS:
                    walk(value, normalise(key), True)
                else:
                    walk(value, node_lang, False)
        elif kind(node) == "sequence":
            for item in node.value:
                walk(item, node_lang, checked)
        elif checked and node.tag.endswith(":str") and node.value.strip():
            found.append((node, node_lang))

    walk(root, lang, False)
    return found


def file_segments(path: Path, src: str, lang: str, spath: str) -> tuple[list[Segment], list[Finding]]:
    suffix = path.suffix.lower()
    segments: list[Segment] = []
    if suffix in YAML_SUFFIXES:
        root, problems = compose_root(src, spath)
        if problems:
            return [], [p.as_finding() for p in problems]
        if root is not None:
            for node, node_lang in _yaml_segments(src, root, lang):
                raw = _yaml_raw(src, node)
                segments.append(
                    Segment(raw, mask(raw), node_line(node), node_lang, marker_on_first_line_covers=True)
                )
        return segments, []
    if suffix == ".po":
        return po_segments(src, lang, spath, only_content=path.stem == "messages")
    masked = mask_markup(src)
    return [Segment(src, masked, 1, lang)], []




_MSGSTR_START = re.compile(r'^msgstr(?:\[\d+\])?\s+"')
_CONTINUATION = re.compile(r'^\s*"')
_QUOTED = re.compile(r'"((?:\\.|[^"\\])*)"')
_ACCEPTED = re.compile(r"\bb1-ok\s*:\s*\w")


def _msgstr_segment(lines: list[str], msgid_line: int, lang: str) -> Segment | None:
    """The msgstr lines after the msgid on ``msgid_line``, padded to their place in the file."""
    index = msgid_line - 1
    while index < len(lines) and not _MSGSTR_START.match(lines[index]):
        index += 1
    first = index
    pieces: list[str] = []
    while index < len(lines):
        line = lines[index]
        starts = _MSGSTR_START.match(line)
        if index > first and not starts and not _CONTINUATION.match(line):
            break
        quoted = _QUOTED.search(line)
        text = ""
        if quoted:
            # Escapes (\n, \") become two spaces: offsets stay those of the file.
            text = " " * quoted.start(1) + re.sub(r"\\.", "  ", quoted.group(1))
            if starts and index > first:
                text = BREAK + text[1:]  # msgstr[1] is a separate text
        pieces.append(text)
        index += 1
    if not pieces or not any(piece.strip() for piece in pieces):
        return None
    joined = "\n".join(pieces)
    return Segment(joined, mask(joined), first + 1, lang)


def po_segments(src: str, lang: str, spath: str, only_content: bool = False) -> tuple[list[Segment], list[Finding]]:
    """One segment per translated entry of a .po catalogue (read with Babel), where it stands in the file.

    With ``only_content``, only entries whose ``#:`` references point into
    ``content/`` count: the program's own catalogue also holds the
    translations of agendas and letters, next to interface text. A
    ``b1-ok: reason`` in an entry's comments accepts the whole entry.
    """
    from babel.messages.catalog import Message
    from babel.messages.pofile import PoFileError, read_po

    try:
        catalog = read_po(io.StringIO(src), abort_invalid=True)
    except (PoFileError, ValueError) as exc:
        problem = _("Dit is geen goed .po-bestand: {problem}. Kijk het bestand na met 'msgfmt --check'.").format(
            problem=exc
        )
        return [], [Finding(1, 1, "error", "", problem, path=spath)]
    lines = src.split("\n")
    segments: list[Segment] = []
    message: Message
    for message in catalog:
        if not message.id or not message.lineno:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not any(strings):
            continue
        if only_content and not any(str(ref).lstrip("./").startswith("content/") for ref, _line in message.locations):
            continue
        segment = _msgstr_segment(lines, message.lineno, lang)
        if segment is None:
            continue
        comments = [*message.user_comments, *message.auto_comments]
        segment.covered = any(_ACCEPTED.search(comment) for comment in comments)
        segments.append(segment)
    return segments, []
