"""The records of the content files, declared once: agendas with their steps, theme lists with their themes.

Each file format is a typed msgspec ``Struct``: the declaration is the whole
check of types, required fields, unknown fields, choices and ranges. The
rules that are not types, and the messages, are in
:mod:`wijksessie.contentcheck`; import these names from
:mod:`wijksessie.content`.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta

from wijksessie.i18n import _

STEP_TYPES = ("info", "tally", "topics", "vote", "discuss", "quick_wins", "agreements", "contact")
SHOW_CHOICES = ("level", "privacy", "close")
VOTE_METHODS = ("dots", "scores")
DEFAULT_AGENDA = "standaard-90"

_ID_PATTERN = r"^[a-z0-9-]+$"

# The shapes of a value, declared once and used by the records below.
Id = Annotated[str, Meta(pattern=_ID_PATTERN)]
Text = Annotated[str, Meta(pattern=r"\S")]  # not empty, not only spaces
Minutes = Annotated[int, Meta(ge=1, le=240)]
Small = Annotated[int, Meta(ge=1, le=10)]

# Options that only one step type takes, with that type.
_STEP_OPTIONS = {"show": "info", "method": "vote", "dots": "vote", "top": "discuss", "themes": "topics"}


class _Record(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """A record of a content file: unknown fields are an error (mostly a typo)."""


# --------------------------------------------------------------------------- the records


class Step(_Record, frozen=True):
    """One step of a meeting: what happens, how long, and what to say."""

    id: Id
    type: Literal[STEP_TYPES]  # type: ignore[valid-type]
    title: Text
    minutes: Minutes
    prompts: Annotated[tuple[Text, ...], Meta(min_length=1)]
    show: Literal[SHOW_CHOICES] | None = None  # type: ignore[valid-type]
    method: Literal[VOTE_METHODS] = "dots"  # type: ignore[valid-type]
    dots: Small = 3
    top: Small = 3
    themes: Id | None = None
    #: The line the step starts on (not read from the file).
    line: int = msgspec.field(default=0, name="(line)")

    # Agenda texts are written in Dutch and translated through the catalogues
    # (see wijksessie/i18n_extract.py); these give them in the current language.

    def shown_title(self) -> str:
        """The step's title in the current interface language."""
        return _(self.title)

    def shown_prompts(self) -> list[str]:
        """The prompts to read aloud, in the current interface language."""
        return [_(p) for p in self.prompts]


class Agenda(_Record, frozen=True):
    """A meeting plan: an ordered list of steps."""

    id: Id
    title: Text
    steps: Annotated[tuple[Step, ...], Meta(min_length=1)]
    description: Text = ""
    #: The file it was read from (not read from the file).
    path: str = msgspec.field(default="", name="(path)")

    def shown_title(self) -> str:
        """The agenda's title in the current interface language."""
        return _(self.title)

    @property
    def minutes(self) -> int:
        """The planned length of the whole meeting."""
        return sum(step.minutes for step in self.steps)

    def step(self, step_id: str) -> Step:
        """The step with this id; ``KeyError`` if there is none."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def index(self, step_id: str) -> int:
        """The position (0-based) of the step with this id; ``KeyError`` if there is none."""
        for number, step in enumerate(self.steps):
            if step.id == step_id:
                return number
        raise KeyError(step_id)


class Theme(_Record, frozen=True):
    """A theme residents can pick, with a question that helps them think about it."""

    id: Id
    name: Text
    help: Text = ""

    def shown_name(self) -> str:
        """The theme's name in the current interface language."""
        return _(self.name)


class ThemeList(_Record, frozen=True):
    """A list of themes that can be offered (never imposed) in a topics step."""

    id: Id
    title: Text
    themes: Annotated[tuple[Theme, ...], Meta(min_length=1)]
    description: Text = ""
    path: str = msgspec.field(default="", name="(path)")

