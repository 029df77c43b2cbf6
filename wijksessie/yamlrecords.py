"""Plain Dutch messages for what a typed record refuses in a YAML file, with the file and line.

msgspec checks a record's types and says, in English, where it failed
(``$.steps[1].minutes``); this module finds that value's line through the
file's nodes (:class:`wijksessie.yamlfile.Document`) and says what is wrong
and what to do, in the words a facilitator knows. The entry points are
:func:`wijksessie.yamlfile.load_record` and :func:`wijksessie.yamlfile.convert`.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import difflib
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from wijksessie import schema
from wijksessie.i18n import _
from wijksessie.yamlfile import Document
from wijksessie.yamlnodes import ContentError, _Base60, _error, _short

T = TypeVar("T")


def _describe(value: Any, raw: str) -> str:
    """One sentence saying what stands there now, in words a facilitator knows."""
    if isinstance(value, list):
        return _("Nu staat er een lijst.")
    if isinstance(value, dict):
        return _("Nu staat er een groep velden.")
    if value is None:
        return _("Nu is het leeg.")
    if isinstance(value, bool):
        return _("Nu staat er ja of nee: {value}.").format(value=raw or value)
    if isinstance(value, _Base60):
        return _("Nu staat er een tijd: {value}.").format(value=value.raw)
    if isinstance(value, int):
        return _("Nu staat er een getal: {value}.").format(value=raw or value)
    if isinstance(value, float):
        return _("Nu staat er een kommagetal: {value}.").format(value=raw or value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return _("Nu staat er een datum: {value}.").format(value=raw or value)
    return _('Nu staat er een tekst: "{value}".').format(value=raw or _short(value))


def _known_fields(cls: Any, loc: tuple[str | int, ...]) -> tuple[str, ...]:
    """The field names a record at ``loc`` inside ``cls`` may have (for suggestions)."""
    for part in loc:
        hints = typing.get_type_hints(cls, include_extras=True) if isinstance(cls, type) else {}
        target = hints.get(part) if isinstance(part, str) else cls
        if target is None:
            return ()
        cls = _inner_record(target)
    return _field_names(cls)


def _inner_record(tp: Any) -> Any:
    """The record type inside ``Annotated[...]``, ``tuple[X, ...]``, ``list[X]`` or ``X | None``."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (tuple, list, typing.Union) or str(origin) == "<class 'types.UnionType'>":
            args = [a for a in typing.get_args(tp) if a is not type(None) and a is not Ellipsis]
            if not args:
                return tp
            tp = args[0]
        else:
            return tp


def _field_names(cls: Any) -> tuple[str, ...]:
    fields = getattr(cls, "__struct_encode_fields__", None)
    if fields is not None:
        return tuple(f for f in fields if not f.startswith("("))
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return ()


_EXAMPLES = {
    "id": "id: welkom",
    "type": "type: info",
    "title": 'title: "Welkom"',
    "minutes": "minutes: 10",
    "name": 'name: "Bewegen"',
}


def problem_error(doc: Document, cls: Any, problem: schema.Problem, *, where: str = "",
                  item: Callable[[str, int], str] | None = None, base: tuple[str | int, ...] = ()) -> ContentError:
    """The Dutch ``path:line: what. todo.`` for what msgspec refused in ``doc``.

    ``where`` is a whole sentence naming the record the problem is in ('Het
    gaat om de stap met deze id: kiezen.'), or ``""`` for the file itself;
    ``item(list_field, number)`` is a whole sentence naming one item of a
    list ('Het gaat om zin 1 onder "prompts".'). No name is slotted into
    another sentence, so every language can translate them. ``base`` is where
    the record of type ``cls`` stands in the file (``("steps", 2)`` for one
    step checked alone).
    """
    rel, field = problem.loc, problem.name
    loc = tuple(base) + rel
    value = schema.value_at(doc.data, loc)
    raw = doc.raw_at(loc)
    in_list = bool(loc) and isinstance(loc[-1], int) and len(loc) >= 2 and isinstance(loc[-2], str)
    subject = item(str(loc[-2]), int(loc[-1]) + 1) if (in_list and item) else None
    line = doc.line_at(loc)

    def err(what: str, todo: str, at: int = line) -> ContentError:
        return _error(doc.path, at, what, todo)

    def about(*sentences: str | None) -> str:
        """A message of whole sentences, the empty ones left out."""
        return " ".join(sentence for sentence in sentences if sentence)

    if problem.kind == "missing":
        example = _EXAMPLES.get(problem.field, problem.field + ": …")
        return err(
            about(_('Dit veld ontbreekt: "{field}".').format(field=problem.field), where),
            _("Voeg een regel toe, zoals: {example}.").format(example=example),
        )
    if problem.kind == "unknown":
        known = _known_fields(cls, rel)
        close = difflib.get_close_matches(problem.field, known, n=1, cutoff=0.6)
        if close:
            todo = _('Misschien bedoelt u deze naam: "{suggestion}". Pas dan de naam aan.').format(suggestion=close[0])
        else:
            todo = _("Haal het weg, of kies uit: {known}.").format(known=", ".join(known))
        return err(_('Dit veld is onbekend: "{field}".').format(field=problem.field), todo,
                   doc.line_at(loc + (problem.field,), key=True))
    if problem.kind == "type" and problem.expected == "object":
        if not loc:
            names = [*_field_names(cls)[:2], "id", "title"][:2]
            return err(_("Het bestand begint niet met velden."),
                       _('Zet bovenaan bijvoorbeeld deze regel: "{example}: …".').format(example=names[0]))
        return err(
            about(_("Dit onderdeel is geen groep velden."), subject) if subject
            else _('Dit veld is geen groep velden: "{field}".').format(field=field),
            _('Begin met "- id: ..." en zet de andere velden eronder.'),
        )
    empty = value is None or (isinstance(value, str) and not value.strip())
    if empty and problem.kind in ("type", "length", "pattern") and problem.expected.startswith("str"):
        if subject:
            return err(about(_("Dit onderdeel is leeg."), subject), _("Vul een zin in, of haal de regel weg."))
        return err(_('Dit veld is leeg: "{field}".').format(field=field), _("Vul een tekst in."))
    if problem.kind == "length" and isinstance(value, list) and not value:
        return err(_('Deze lijst is leeg: "{field}".').format(field=field), _("Zet er minstens één onderdeel in."))
    if problem.kind == "type" and problem.expected.startswith("str"):
        todo = (
            _('Zet de tekst tussen aanhalingstekens: "{raw}".').format(raw=raw)
            if raw else _("Schrijf hier één tekst, geen lijst of groep velden.")
        )
        what = (
            about(_("Dit onderdeel moet tekst zijn."), subject, _describe(value, raw)) if subject
            else about(_('Dit veld moet tekst zijn: "{field}".').format(field=field), _describe(value, raw))
        )
        return err(what, todo)
    if problem.kind == "type" and problem.expected.startswith("int") or isinstance(value, _Base60):
        todo = _("Schrijf een heel getal, zonder aanhalingstekens, zoals {example}.").format(example=10)
        if isinstance(value, _Base60):
            todo = _("Schrijf het aantal als één getal, zoals {example}.").format(example=90)
        return err(
            about(_('Dit veld moet een heel getal zijn: "{field}".').format(field=field), _describe(value, raw)),
            todo,
        )
    if problem.kind == "type" and problem.expected.startswith("array"):
        return err(
            about(_('Dit veld moet een lijst zijn: "{field}".').format(field=field), _describe(value, raw)),
            _('Zet elk onderdeel op een eigen regel die begint met "- ".'),
        )
    if problem.kind == "type" and problem.expected.startswith("bool"):
        return err(
            about(_('Dit veld moet ja of nee zijn: "{field}".').format(field=field), _describe(value, raw)),
            _("Schrijf true of false."),
        )
    if problem.kind == "range":
        low, high = _bounds(cls, rel)
        if low is not None and high is not None:
            return err(
                _('Dit getal ligt niet tussen {low} en {high}: "{field}". Nu staat er: {value}.').format(
                    field=field, value=value, low=low, high=high),
                _("Kies een getal van {low} tot en met {high}.").format(low=low, high=high),
            )
        if low is not None:
            return err(_('Dit getal is kleiner dan {low}: "{field}". Nu staat er: {value}.').format(
                field=field, value=value, low=low), _("Kies een getal van {low} of meer.").format(low=low))
        if high is not None:
            return err(_('Dit getal is groter dan {high}: "{field}". Nu staat er: {value}.').format(
                field=field, value=value, high=high), _("Kies een getal tot en met {high}.").format(high=high))
        return err(_('Dit getal klopt niet: "{field}". Nu staat er: {value}.').format(field=field, value=value),
                   _("Kies een getal dat hier past: {bound}.").format(bound=problem.bound))
    if problem.kind == "enum":
        choices = _choices(cls, rel)
        return err(
            _('Deze waarde past niet bij dit veld: "{field}". Nu staat er: {value}.').format(value=value, field=field),
            _("Kies uit: {choices}.").format(choices=", ".join(choices)),
        )
    return err(
        about(_('Dit veld klopt niet: "{field}".').format(field=field or "?"), _describe(value, raw)),
        _("Kijk na wat hier hoort."),
    )


def _field_type(cls: Any, loc: tuple[str | int, ...]) -> Any:
    tp: Any = cls
    for part in loc:
        if isinstance(part, str):
            record = _inner_record(tp)
            hints = typing.get_type_hints(record, include_extras=True) if isinstance(record, type) else {}
            tp = hints.get(part)
            if tp is None:
                return None
        else:
            args = [a for a in typing.get_args(_strip_annotated(tp)) if a is not Ellipsis]
            tp = args[0] if args else None
    return tp


def _strip_annotated(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _bounds(cls: Any, loc: tuple[str | int, ...]) -> tuple[Any, Any]:
    tp = _field_type(cls, loc)
    low = high = None
    if typing.get_origin(tp) is typing.Annotated:
        for meta in typing.get_args(tp)[1:]:
            low = getattr(meta, "ge", None) if getattr(meta, "ge", None) is not None else low
            high = getattr(meta, "le", None) if getattr(meta, "le", None) is not None else high
    return low, high


def _choices(cls: Any, loc: tuple[str | int, ...]) -> tuple[str, ...]:
    tp = _strip_annotated(_field_type(cls, loc))
    for arg in (tp, *typing.get_args(tp)):
        if typing.get_origin(arg) is typing.Literal:
            return tuple(str(a) for a in typing.get_args(arg))
        members = getattr(arg, "__members__", None) if isinstance(arg, type) else None
        if members is not None:  # an Enum
            return tuple(str(m.value) for m in members.values())
    return ()


def convert(doc: Document, cls: type[T], *, where: str = "", item: Callable[[str, int], str] | None = None,
            data: Any = None) -> T:
    """``doc.data`` (or ``data``) as a ``cls``; :class:`ContentError` with path:line for the first problem."""
    try:
        return schema.convert(doc.data if data is None else data, cls)
    except schema.Invalid as exc:
        raise problem_error(doc, cls, exc.problem, where=where, item=item) from None
