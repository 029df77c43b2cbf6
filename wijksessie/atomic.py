"""Durable, atomic file writes.

A file is either the old version or the new one, never half of either: the
new bytes go to a temporary file in the same folder, are flushed and fsynced,
then ``os.replace`` swaps it in and the folder itself is fsynced so the swap
survives a power cut. New files are readable by the owner only, because
session files and exports may hold personal data.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

FILE_MODE = 0o600


def fsync_dir(folder: Path) -> None:
    """Make a rename or link in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def keep_previous(path: Path, backup: Path) -> None:
    """Keep the current ``path`` as ``backup`` before it is replaced.

    A hard link costs no copy: the backup is the old file itself. Where the
    file system has no hard links (FAT on a USB stick), it is copied.
    """
    if not path.exists():
        return
    tmp = backup.with_name(f".{backup.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    try:
        os.link(path, tmp)
    except OSError:
        shutil.copy2(path, tmp)
    os.replace(tmp, backup)


def write_atomic(path: Path, data: bytes, *, backup: Path | None = None, mode: int = FILE_MODE) -> None:
    """Write ``data`` to ``path`` durably and atomically; keep the old file as ``backup`` if given."""
    path = Path(path)
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if backup is not None:
            keep_previous(path, backup)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def write_new(path: Path, data: bytes, *, force: bool = False, mode: int = FILE_MODE) -> None:
    """Write an export: refuses to overwrite unless ``force``; atomic either way.

    Raises ``FileExistsError`` when the file exists and ``force`` is false.
    """
    path = Path(path)
    if path.exists() and not force:
        raise FileExistsError(str(path))
    write_atomic(path, data, mode=mode)
