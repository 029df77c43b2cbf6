"""The agenda of a session (and a step's theme list), read fast: checked ones are kept in a cache.

Opening a session needs its agenda before the first frame. Reading the YAML
and checking every step takes ~15 ms, and importing the YAML reader and the
checks another ~10–30 ms — at every start, for a file that hardly ever
changes. So an agenda that passed :func:`wijksessie.content.get_agenda` (and
a theme list that passed :func:`wijksessie.content.get_theme_list`, for a
topics step) is kept as msgpack in the user's cache folder
(``$WIJKSESSIE_CACHE_DIR`` or the platform's cache folder, like the compiled
catalogues), under a key made of the file's path and its bytes and of the
files of the code that reads and checks them. A changed file or a changed program is read and checked again.
A file with a problem is never cached: the problem is reported by
:mod:`wijksessie.content`, exactly as without the cache.

This module imports neither the YAML reader nor the checks; it imports
:mod:`wijksessie.content` only when the cache cannot answer.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import msgspec

from wijksessie import paths
from wijksessie.contentrecords import DEFAULT_AGENDA, Agenda, ThemeList

log = logging.getLogger(__name__)

#: The folders of agendas and theme lists in a content folder (as :mod:`wijksessie.content` names them).
_AGENDAS = "agendas"
_THEMES = "themes"

#: A file bigger than this is left to the checks (which refuse a file that is too big).
_MAX_CACHED_BYTES = 256 * 1024

#: The code that decides what a checked agenda is; a change in any of them empties the cache.
_CODE = ("content.py", "contentrecords.py", "contentcheck.py", "yamlfile.py", "yamlnodes.py", "schema.py")

_code_key: str | None = None


def get_agenda(name: str, content_dir: Path | None = None) -> Agenda:
    """The agenda with id ``name``, as :func:`wijksessie.content.get_agenda` gives it; from the cache when it can.

    Raises ``ContentError`` like :func:`wijksessie.content.get_agenda` when the
    agenda does not exist or has a problem.
    """

    def check() -> Agenda:
        from wijksessie import content

        return content.get_agenda(name, content_dir)

    return _cached(_AGENDAS, name, content_dir, Agenda, check)


def get_theme_list(name: str, content_dir: Path | None = None) -> ThemeList:
    """The theme list with id ``name``, as :func:`wijksessie.content.get_theme_list` gives it; cached the same way."""

    def check() -> ThemeList:
        from wijksessie import content

        return content.get_theme_list(name, content_dir)

    return _cached(_THEMES, name, content_dir, ThemeList, check)


_Record = TypeVar("_Record", Agenda, ThemeList)


def _cached(folder: str, name: str, content_dir: Path | None, kind: type[_Record],
            check: Callable[[], _Record]) -> _Record:
    """The checked record ``name`` of ``folder``: from the cache, else from ``check()`` (then kept)."""
    root = Path(content_dir or paths.content_dir())
    path = _file_path(root / folder, name)
    data = _read_small(path) if path is not None else None
    cache = _cache_file(folder, path, data) if path is not None and data is not None else None
    if cache is not None:
        try:
            record = msgspec.msgpack.decode(cache.read_bytes(), type=kind)
        except (OSError, msgspec.DecodeError, msgspec.ValidationError):
            pass  # not cached yet, or unreadable: read and check the file below
        else:
            if record.path == str(path):
                return record
    record = check()
    if cache is not None and record.path == str(path):
        _store(cache, msgspec.msgpack.encode(record))
    return record


def agenda_or_default(name: str) -> tuple[Agenda, Exception | None]:
    """The agenda ``name``; the standard agenda and the problem when ``name`` cannot be read.

    Only a ``ContentError`` (the agenda is gone or broken) falls back; any other error is raised.
    """
    try:
        return get_agenda(name), None
    except Exception as exc:  # noqa: BLE001 - only ContentError is caught, see below
        from wijksessie.content import ContentError

        if not isinstance(exc, ContentError):
            raise
        return get_agenda(DEFAULT_AGENDA), exc


def _file_path(folder: Path, name: str) -> Path | None:
    """The file :mod:`wijksessie.content` would read for ``name`` (``.yaml`` before ``.yml``); None if unsure."""
    if not name or name.startswith(".") or "/" in name or "\\" in name or os.sep in name or "\0" in name:
        return None
    for suffix in (".yaml", ".yml"):
        path = folder / f"{name}{suffix}"
        if path.is_file():
            return path
    return None


def _read_small(path: Path) -> bytes | None:
    try:
        if path.stat().st_size > _MAX_CACHED_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _cache_file(folder: str, path: Path, data: bytes) -> Path | None:
    """Where the checked record read from these bytes at ``path`` is kept; None when there is no cache folder."""
    try:
        from platformdirs import user_cache_dir

        root = Path(os.environ.get("WIJKSESSIE_CACHE_DIR") or user_cache_dir("wijksessie", appauthor=False))
    except OSError:
        return None
    digest = hashlib.sha1(f"{path}|{_code_fingerprint()}|".encode())
    digest.update(data)
    return root / folder / f"{path.stem}-{digest.hexdigest()[:24]}.msgpack"


def _code_fingerprint() -> str:
    global _code_key
    if _code_key is None:
        parts = [msgspec.__version__]
        for name in _CODE:
            try:
                st = (paths.PACKAGE_DIR / name).stat()
                parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                parts.append(f"{name}:-")
        _code_key = "|".join(parts)
    return _code_key


def _store(cache: Path, data: bytes) -> None:
    """Keep a checked record for the next start; a cache that cannot be written is skipped."""
    try:
        from wijksessie.atomic import write_atomic

        write_atomic(cache, data, mode=0o644)
    except Exception as exc:  # noqa: BLE001 - a cache that cannot be written must never stop a session opening
        log.info("cannot cache %s (%s)", cache, exc)
