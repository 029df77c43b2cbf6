"""Reading and writing one session file: durable writes, damage checks, schema upgrades.

Every write goes through :class:`AtomicJSONStorage`: the whole database is
serialised, written to a temporary file, fsynced and swapped in with
``os.replace`` before the call returns, and the previous version is kept as
the backup. Reading never follows a symbolic link nor blocks on a pipe; a
file that is not a JSON object, too big, too deeply nested or holding an
impossible number is damaged (:class:`_Damaged`, turned into
:class:`~wijksessie.store.errors.DamagedSessionFile` by the caller). A file
of an older schema is brought up to date by :func:`migrate`.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from wijksessie import model
from wijksessie.atomic import write_atomic
from wijksessie.i18n import _
from wijksessie.limits import MAX_SESSION_BYTES
from wijksessie.migrations import STEPS
from wijksessie.store.errors import NewerSchema, ReadOnlySession

#: The raw TinyDB tables of a session file as read from JSON: table name → {document id → document}.
#: Values are not checked here: a hand-edited file may hold anything, which loading reports as damage.
Tables = dict[str, Any]

SUFFIX = ".json"
BACKUP_SUFFIX = ".json.bak"
LOCK_SUFFIX = ".lock"

class AtomicJSONStorage(Storage):
    """A TinyDB storage whose every write is durable and atomic before it returns.

    Reads are served from memory after the first one: this storage is the
    only writer of its file (the session lock sees to that), so the file on
    disk always equals what was last written. A write that fails drops the
    memory copy so the next read comes from disk again.
    """

    def __init__(self, path: str | os.PathLike[str], *, backup: bool = True, readonly: bool = False):
        self.path = Path(path)
        self.backup_path = self.path.with_name(self.path.stem + BACKUP_SUFFIX) if backup else None
        self.readonly = readonly
        #: While true, each write first replaces the backup with the new data (a new file, not the
        #: old hard link), then the file: removed personal data is never left in the backup, even
        #: if the program is killed between the two writes.
        self.scrubbing = False
        self._data: Tables | None = None

    def read(self) -> Tables | None:
        if self._data is None:
            self._data = load_json(self.path)
        return self._data

    def write(self, data: Tables) -> None:
        if self.readonly:
            raise ReadOnlySession(
                _("Deze sessie is alleen open om te lezen. Sluit het andere programma en open de sessie opnieuw.")
            )
        try:
            payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            if self.scrubbing and self.backup_path is not None:
                write_atomic(self.backup_path, payload)
                write_atomic(self.path, payload)
            else:
                write_atomic(self.path, payload, backup=self.backup_path)
        except BaseException:
            self._data = None
            raise
        self._data = data

    def close(self) -> None:
        self._data = None


class _Damaged(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file; ``None`` if it does not exist.

    Never follows a symbolic link and never blocks on a named pipe: anything
    but a regular file is :class:`_Damaged`. Other OS errors propagate.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _Damaged(_("het is een verwijzing naar een ander bestand")) from None
        if exc.errno == errno.EISDIR:
            raise _Damaged(_("het is geen bestand maar een map")) from None
        raise
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise _Damaged(_("het is geen bestand maar een map"))
        if not stat.S_ISREG(mode):
            raise _Damaged(_("het is geen gewoon bestand"))
        if os.fstat(fd).st_size > MAX_SESSION_BYTES:
            raise _Damaged(_("het is veel te groot voor een sessie (meer dan {mb} MB)").format(mb=MAX_SESSION_BYTES >> 20))
        chunks = []
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def load_json(path: Path) -> Tables | None:
    """Read a session file; ``None`` if it does not exist; :class:`_Damaged` if it is not a JSON object."""
    raw = read_regular(path)
    if raw is None:
        return None
    if not raw.strip():
        raise _Damaged(_("het bestand is leeg"))
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise _Damaged(_("het bestand is geen UTF-8-tekst")) from None
    except json.JSONDecodeError as exc:
        raise _Damaged(
            _("het is geen geldige JSON (regel {line}, kolom {col}); misschien is het niet helemaal opgeslagen").format(
                line=exc.lineno, col=exc.colno
            )
        ) from None
    except RecursionError:
        raise _Damaged(_("het is te diep genest om te lezen")) from None
    if not isinstance(data, dict):
        raise _Damaged(_("het bevat geen sessie"))
    return data


#: ``MIGRATIONS[n]`` turns the raw tables of schema ``n`` into schema ``n + 1`` (see :mod:`wijksessie.migrations`).
MIGRATIONS: dict[int, Callable[[Tables], Tables]] = dict(STEPS)


def migrate(tables: Tables, path: Path) -> tuple[Tables, bool]:
    """Bring raw tables up to :data:`model.SCHEMA_VERSION`; returns (tables, changed)."""
    meta_table = tables.get("meta", {})
    meta = meta_table.get("1", {}) if isinstance(meta_table, dict) else None
    version = meta.get("schema_version", 1) if isinstance(meta, dict) else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Damaged(_("het schemanummer ontbreekt of is ongeldig"))
    if version > model.SCHEMA_VERSION:
        raise NewerSchema(
            _("Dit bestand is gemaakt met een nieuwere versie van wijksessie (schema {version}): {path}. Werk wijksessie bij om het te openen.").format(
                path=path, version=version
            )
        )
    changed = False
    while version < model.SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        changed = True
    if changed:
        tables.setdefault("meta", {})["1"] = {"schema_version": version, "app": "wijksessie"}
    return tables, changed


#: No count in a session (dots, people, seconds) comes near this; a bigger one was typed or edited by mistake.
MAX_COUNT = 10**9


def _check_numbers(doc: object) -> None:
    """:class:`_Damaged` when the session's own data holds an impossibly large number (a hand edit, a bad import).

    Such a number would pass loading and break the letter or the report later.
    Walks without recursion, so a deeply nested value cannot overflow the stack.
    """
    stack = [doc]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and not abs(value) <= MAX_COUNT:
            raise _Damaged(_("er staat een getal in dat veel te groot is"))


def damaged_copies(path: Path) -> list[Path]:
    """Damaged versions of a session set aside by a restore; they may still hold personal data."""
    return sorted(path.parent.glob(f"{path.name}.damaged-*"))


def _remove_stale_temp_files(path: Path) -> None:
    """Delete temporary files a killed writer left behind; call only while holding the session lock.

    They are unfinished writes (never the real file) but may hold personal data.
    """
    for tmp in path.parent.glob(f".{path.name}.*"):
        if tmp.name.endswith(".tmp") and not tmp.is_dir():
            try:
                tmp.unlink()
            except OSError:
                pass


def _replace_all(new: dict[str, Any]) -> Callable[[MutableMapping[Any, Any]], None]:
    """A TinyDB update that replaces every field (``update(dict)`` would keep removed keys)."""

    def transform(doc: MutableMapping[Any, Any]) -> None:
        doc.clear()
        doc.update(new)

    return transform


def _table(tables: Tables, name: str) -> dict[str, Any]:
    """The table ``name`` ({document id → document}); empty when the file has none; :class:`_Damaged` when it is not a table."""
    if name not in tables:
        return {}
    table = tables[name]
    if not isinstance(table, dict):
        raise _Damaged(_("dit deel van het bestand heeft de verkeerde vorm: {table}").format(table=name))
    return table


def _doc_id(key: str) -> int:
    """The number TinyDB keeps a document under; :class:`_Damaged` when a hand edit made it something else."""
    try:
        return int(key)
    except ValueError:
        raise _Damaged(_("dit volgnummer in het bestand is geen getal: {key}").format(key=key[:40])) from None
