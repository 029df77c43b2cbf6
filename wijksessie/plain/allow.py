"""The allow-list ``content/plain/allow.yaml``: words ``wijksessie check`` accepts anyway, each with a reason."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path, PurePath

from wijksessie import paths
from wijksessie.i18n import _
from wijksessie.plain.results import Finding, Problem
from wijksessie.plain.wordlist import mtime
from wijksessie.plain.yamlread import compose_root, kind, node_line, read, scalar_text

_allowlists: dict[str, tuple[float | None, AllowList]] = {}



@dataclass(frozen=True)
class AllowEntry:
    """An accepted word, optionally only in files matching ``file``, with the reason."""

    word: str
    reason: str
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class AllowList:
    """Accepted words from ``content/plain/allow.yaml``; ``errors`` as for word lists."""

    entries: tuple[AllowEntry, ...] = ()
    errors: tuple[Problem, ...] = ()
    path: Path | None = None
    base_dir: Path | None = None

    def __len__(self) -> int:
        return len(self.entries)


def _parse_allowlist(path: Path, base_dir: Path) -> AllowList:
    src, problem = read(path)
    if src is None:
        return AllowList((), (problem,) if problem else (), path, base_dir)
    spath = str(path)
    root, errors = compose_root(src, spath)
    if errors or root is None:
        return AllowList((), tuple(errors), path, base_dir)
    if kind(root) != "sequence":
        message = _("De lijst moet een lijst zijn. Begin elke regel met '- word:'.")
        return AllowList((), (Problem(spath, node_line(root), message),), path, base_dir)
    entries: list[AllowEntry] = []
    for item in root.value:
        line = node_line(item)
        if kind(item) != "mapping":
            errors.append(Problem(spath, line, _("Elke regel begint met '- word:'. Zet word en reason eronder.")))
            continue
        values: dict[str, str] = {}
        ok = True
        for key_node, value_node in item.value:
            key = scalar_text(key_node) or ""
            if key not in ("word", "file", "reason"):
                errors.append(
                    Problem(
                        spath,
                        node_line(key_node),
                        _("Dit veld bestaat niet: {key}. Gebruik alleen: word, file, reason.").format(key=key),
                    )
                )
                ok = False
                continue
            text = scalar_text(value_node)
            values[key] = " ".join(text.split()) if text else ""
        if not values.get("word"):
            errors.append(Problem(spath, line, _("Hier mist 'word'. Schrijf welk woord mag blijven.")))
            ok = False
        if not values.get("reason"):
            errors.append(
                Problem(spath, line, _("Hier mist 'reason'. Schrijf waarom dit woord mag blijven."))
            )
            ok = False
        if ok:
            entries.append(AllowEntry(values["word"], values["reason"], values.get("file", ""), line))
    return AllowList(tuple(entries), tuple(errors), path, base_dir)


def load_allowlist(content_dir: Path | None = None) -> AllowList:
    """The allow-list ``content/plain/allow.yaml`` (empty when there is none)."""
    folder = Path(content_dir) if content_dir is not None else paths.content_dir()
    path = folder / "plain" / "allow.yaml"
    changed = mtime(path)
    key = str(folder)
    cached = _allowlists.get(key)
    if cached is not None and cached[0] == changed:
        return cached[1]
    allow = _parse_allowlist(path, folder) if changed is not None else AllowList((), (), None, folder)
    _allowlists[key] = (changed, allow)
    return allow


def _norm_word(text: str) -> str:
    return " ".join(text.split()).casefold()


def _path_matches(path: str, pattern: str, base_dir: Path | None) -> bool:
    if not path:
        return False
    candidates = [PurePath(path).as_posix()]
    if base_dir is not None:
        try:
            candidates.append(Path(path).resolve().relative_to(Path(base_dir).resolve()).as_posix())
        except (ValueError, OSError):
            pass
    if any(fnmatch.fnmatch(c, pattern) for c in candidates):
        return True
    # A relative pattern matches the end of the path: "letters/*.j2".
    try:
        return PurePath(path).match(pattern)
    except ValueError:
        return False


def is_allowed(finding: Finding, allow: AllowList) -> bool:
    """Whether the allow-list accepts ``finding`` (same word, and the file matches if given)."""
    texts = {_norm_word(finding.text), _norm_word(finding.word)} - {""}
    for entry in allow.entries:
        if _norm_word(entry.word) not in texts:
            continue
        if entry.file and not _path_matches(finding.path, entry.file, allow.base_dir):
            continue
        return True
    return False




def clear_cache() -> None:
    """Forget loaded allow-lists."""
    _allowlists.clear()
