"""The municipality's own details in every letter: name, heading, signature, contact, how long notes are kept.

Filled in once, in the program (saved in the user's config folder,
:func:`municipality_config_path`) or in the shipped example
``content/letters/municipality.yaml``. :mod:`wijksessie.letter` re-exports
these names.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import msgspec

from wijksessie import paths

MUNICIPALITY_FILE = "municipality.yaml"

#: The name in the shipped example file; a letter that still says it is not ready to send.
EXAMPLE_MUNICIPALITY = "Gemeente Voorbeeld"


@dataclass
class Municipality:
    """What a municipality fills in once in ``content/letters/municipality.yaml``."""

    name: str = "Gemeente"
    heading: str = ""
    signature: str = ""
    phone: str = ""
    email: str = ""
    privacy_contact: str = ""
    #: How many years the notes are kept (at least one).
    retention_years: Annotated[int, msgspec.Meta(ge=1)] = 2


def load_municipality(path: Path | None = None) -> Municipality:
    """Read the municipality's details; a missing file gives neutral defaults.

    Read through the program's one YAML reader (:mod:`wijksessie.yamlfile`): a
    mistake raises :class:`~wijksessie.yamlfile.ContentError` (a ``UserError``)
    as ``path:line: what is wrong. What to do.``; duplicate keys are refused.
    """
    from wijksessie import yamlfile

    if path is None:
        # Set from the program (saved in the user's config folder) wins over the shipped example.
        user = municipality_config_path()
        path = user if user.is_file() else paths.content_dir() / "letters" / MUNICIPALITY_FILE
    if not path.is_file():
        return Municipality()
    doc = yamlfile.load(path)
    if doc.data is None:
        return Municipality()
    # An empty value ("phone:") keeps the default, as it always did.
    data: Any = {k: v for k, v in doc.data.items() if v is not None} if isinstance(doc.data, dict) else doc.data
    read = yamlfile.convert(doc, Municipality, data=data)
    stripped: dict[str, Any] = {f.name: value.strip() for f in dataclasses.fields(read)
                if isinstance(value := getattr(read, f.name), str)}
    return dataclasses.replace(read, **stripped)


def municipality_config_path() -> Path:
    """Where the program keeps the municipality's details: the user's config folder.

    ``$WIJKSESSIE_CONFIG_DIR`` overrides the folder (tests, a shared laptop).
    """
    folder = os.environ.get("WIJKSESSIE_CONFIG_DIR")
    if folder:
        return Path(folder) / MUNICIPALITY_FILE
    from platformdirs import user_config_path

    return user_config_path("wijksessie", appauthor=False) / MUNICIPALITY_FILE


def save_municipality(municipality: Municipality, path: Path | None = None) -> Path:
    """Save the details set in the program to :func:`municipality_config_path`; returns the file."""
    import yaml

    from wijksessie.atomic import write_atomic

    path = path or municipality_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {key: value.strip() if isinstance(value, str) else value
            for key, value in dataclasses.asdict(municipality).items()}
    write_atomic(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))
    return path


def is_example_municipality(municipality: Municipality) -> bool:
    """True while the letter would still be signed by the shipped example municipality."""
    return EXAMPLE_MUNICIPALITY.casefold() in (municipality.name + " " + municipality.heading).casefold()
