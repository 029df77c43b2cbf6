"""Turning plain data into typed records and back, with msgspec.

Every record (session, contribution, agenda, theme list, …) is declared once,
as a class with typed fields; msgspec reads plain data (from JSON or YAML)
into it and checks every type on the way, and writes it back as plain data.
This module adds what msgspec does not: a :class:`Problem` that says where
and what went wrong in terms the callers turn into one plain Dutch sentence
(:mod:`wijksessie.records.base` names the field, :mod:`wijksessie.yamlrecords`
and :mod:`wijksessie.contentcheck` the file and line).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

import msgspec

T = TypeVar("T")

__all__ = ["Problem", "Invalid", "convert", "to_builtins", "value_at"]


@dataclasses.dataclass(frozen=True)
class Problem:
    """What msgspec refused, taken apart.

    ``loc`` is the path to the value (``("steps", 1, "minutes")``); ``kind`` one
    of ``missing``, ``unknown``, ``type``, ``enum``, ``date``, ``datetime``,
    ``range``, ``length``, ``pattern`` or ``other``; ``expected`` msgspec's type name
    (``int``, ``str``, ``array``, ``object``, …); ``bound`` the limit broken
    (``>= 1``), ``field`` the missing or unknown field.
    """

    loc: tuple[str | int, ...]
    kind: str
    expected: str = ""
    bound: str = ""
    field: str = ""
    text: str = ""

    @property
    def name(self) -> str:
        """The field the problem is in (last name in the path), or ``""`` at the top."""
        for part in reversed(self.loc + ((self.field,) if self.field else ())):
            if isinstance(part, str) and part != "...":
                return part
        return ""


class Invalid(ValueError):
    """Data that does not fit its record; ``problem`` says where and what."""

    def __init__(self, problem: Problem):
        super().__init__(problem.text)
        self.problem = problem


_AT = re.compile(r"^(?P<text>.*?)(?: - at `\$(?P<loc>[^`]*)`)?$", re.S)
_LOC_PART = re.compile(r"\.([^.\[]+)|\[(\d+|\.\.\.)\]")
_PATTERNS = (
    ("missing", re.compile(r"Object missing required field `(?P<field>[^`]+)`")),
    ("unknown", re.compile(r"Object contains unknown field `(?P<field>[^`]+)`")),
    ("pattern", re.compile(r"Expected `(?P<expected>str)` matching regex")),
    ("length", re.compile(r"Expected `(?P<expected>\w+)` of length (?P<bound>[<>]=? ?\d+)")),
    ("range", re.compile(r"Expected `(?P<expected>\w+)` (?P<bound>[<>]=? ?-?[\d.]+)")),
    ("type", re.compile(r"Expected `(?P<expected>[^`]+)`, got `(?P<got>\w+)`")),
    ("enum", re.compile(r"Invalid enum value")),
    ("datetime", re.compile(r"Invalid RFC3339 encoded datetime")),
    ("date", re.compile(r"Invalid RFC3339 encoded date")),
)


def _problem(message: str) -> Problem:
    match = _AT.match(message)
    text, raw_loc = (match.group("text"), match.group("loc") or "") if match else (message, "")
    loc: list[str | int] = []
    for name, index in _LOC_PART.findall(raw_loc):
        if name:
            loc.append(name)
        elif index == "...":
            loc.append("...")  # a key of a mapping; the caller may not know which
        else:
            loc.append(int(index))
    for kind, pattern in _PATTERNS:
        found = pattern.search(text)
        if found:
            groups = found.groupdict()
            return Problem(tuple(loc), kind, expected=groups.get("expected") or "",
                           bound=(groups.get("bound") or "").replace(" ", ""), field=groups.get("field") or "",
                           text=text)
    return Problem(tuple(loc), "other", text=text)


def convert(data: Any, cls: type[T]) -> T:
    """``data`` (plain dicts, lists, texts, numbers) as a ``cls``, every type checked.

    Texts become dates, times and enum members; nothing else is coerced (the
    text "12" is not a number). Raises :class:`Invalid` with the first problem.
    """
    try:
        return msgspec.convert(data, cls, strict=True)
    except msgspec.ValidationError as exc:
        raise Invalid(_problem(str(exc))) from None


def to_builtins(obj: Any) -> Any:
    """A record as plain data (dicts, lists, texts, numbers); dates as ISO text."""
    return msgspec.to_builtins(obj)


def value_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    """The value at ``loc`` in plain ``data``, or ``None`` if it is not there."""
    for part in loc:
        if isinstance(data, dict) and part in data:
            data = data[part]
        elif isinstance(data, (list, tuple)) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data
