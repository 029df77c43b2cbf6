"""Where content, translations and data live, installed or in a checkout.

An installed wheel carries ``content/`` and ``locales/`` inside the package
(see ``force-include`` in ``pyproject.toml``); a checkout or editable install
has them at the repository root. Every other module asks here.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent

#: Environment variable that names the data folder when ``--data-dir`` is not given.
DATA_DIR_ENV = "WIJKSESSIE_DATA_DIR"


def _shipped(name: str) -> Path:
    inside = PACKAGE_DIR / name
    return inside if inside.is_dir() else REPO_ROOT / name


def content_dir() -> Path:
    """The folder with agendas, themes, word lists and letter templates."""
    return _shipped("content")


def locales_dir() -> Path:
    """The folder with translation catalogues (``<lang>/LC_MESSAGES/*.po``)."""
    override = os.environ.get("WIJKSESSIE_LOCALES_DIR")
    return Path(override) if override else _shipped("locales")


def data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--data-dir``, else ``$WIJKSESSIE_DATA_DIR``, else ``./sessions``."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path("sessions")
