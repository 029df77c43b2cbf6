"""Durable, atomic file writes.

A file is either the old version or the new one, never half of either: the
new bytes go to a temporary file in the same folder, are flushed and fsynced,
then ``os.replace`` swaps it in and the folder itself is fsynced so the swap
survives a power cut. New files are readable by the owner only, because
session files and exports may hold personal data; so are the folders made
for them.

Only regular files are ever replaced. A folder, device (``/dev/null``),
named pipe or socket at the target path is refused with a :class:`NotAFile`
error and left alone. A symbolic link is never written through: the link
itself is replaced by the new file and whatever it pointed to stays as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

from wijksessie.errors import UserError

FILE_MODE = 0o600
FOLDER_MODE = 0o700


class NotAFile(UserError):
    """The target path exists but is not a regular file (a folder, a device, a pipe, a socket)."""

    def __init__(self, path: Path, mode: int):
        self.path = path
        #: The ``st_mode`` of what is there (``stat.S_ISDIR(mode)`` and so on).
        self.mode = mode
        super().__init__(_not_a_file(mode).format(path=path))


def _not_a_file(mode: int) -> str:
    """One whole message per kind of thing (never a fragment slotted into a sentence), with ``{path}`` to fill in."""
    from wijksessie.i18n import _

    if stat.S_ISDIR(mode):
        return _("Dit is een map, geen gewoon bestand: {path}. Dat vervangen we niet; kies een andere bestandsnaam.")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("Dit is een apparaat, geen gewoon bestand: {path}. Dat vervangen we niet; kies een andere bestandsnaam.")
    if stat.S_ISFIFO(mode):
        return _("Dit is een pijp (FIFO), geen gewoon bestand: {path}. Dat vervangen we niet; kies een andere bestandsnaam.")
    if stat.S_ISSOCK(mode):
        return _("Dit is een socket, geen gewoon bestand: {path}. Dat vervangen we niet; kies een andere bestandsnaam.")
    return _("Dit is geen gewoon bestand: {path}. Dat vervangen we niet; kies een andere bestandsnaam.")


def check_replaceable(path: Path) -> None:
    """Raise :class:`NotAFile` unless ``path`` is missing, a regular file or a symbolic link (never followed)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        return  # a parent is a file: creating the folder will say so
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        raise NotAFile(Path(path), st.st_mode)


def make_folders(folder: Path, mode: int = FOLDER_MODE) -> None:
    """Create ``folder`` and any missing parents, each with ``mode`` (owner-only by default)."""
    folder = Path(folder)
    missing = []
    while not folder.is_dir():
        if os.path.lexists(folder):
            check_replaceable(folder)  # a device or pipe where a folder should be: say what it is
            raise NotADirectoryError(20, os.strerror(20), str(folder))
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for f in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(f, mode)
        os.chmod(f, mode)  # the umask may have taken bits away; never adds any for others


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
    """Write ``data`` to ``path`` durably and atomically; keep the old file as ``backup`` if given.

    Refuses (:class:`NotAFile`) when ``path`` or ``backup`` is a folder,
    device, pipe or socket. Missing folders are made, owner-only when the
    file is (``mode`` 0600).
    """
    path = Path(path)
    folder = path.parent
    check_replaceable(path)
    if backup is not None:
        check_replaceable(backup)
    if not folder.is_dir():
        make_folders(folder, FOLDER_MODE if mode & 0o077 == 0 else 0o755)
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
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None:
            exc.filename = str(path)  # a full disk on fsync names no file; the user needs to hear which
        raise
    fsync_dir(folder)


def write_new(path: Path, data: bytes, *, force: bool = False, mode: int = FILE_MODE) -> None:
    """Write an export: refuses to overwrite unless ``force``; atomic either way.

    Raises ``FileExistsError`` when the file exists and ``force`` is false,
    and :class:`NotAFile` (even with ``force``) when it is not a regular file.
    """
    path = Path(path)
    check_replaceable(path)
    if path.exists() and not force:
        raise FileExistsError(str(path))
    write_atomic(path, data, mode=mode)
