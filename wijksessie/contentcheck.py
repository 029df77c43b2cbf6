"""Checking one agenda or theme list file: every problem, with its line, in plain Dutch.

msgspec stops at the first refused value; :func:`_convert` puts a good
stand-in there and reads again, so a facilitator sees every problem of a file
at once. The rules that are not types live here too: an id equal to the file
name, step ids that differ, an option that belongs to another step type, a
theme list that exists. :func:`agenda` and :func:`theme_list` return the
record or the problems; :mod:`wijksessie.content` has the public functions.

Every name of a place in the file is a whole sentence ('Het gaat om stap
2.'), never a word slotted into another sentence, so every language can
translate the messages.
"""

from __future__ import annotations

import copy
import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from wijksessie import schema, yamlfile
from wijksessie.contentrecords import _STEP_OPTIONS, STEP_TYPES, Agenda, Step, Theme, ThemeList
from wijksessie.i18n import _
from wijksessie.yamlfile import ContentError

Loc = tuple[str | int, ...]

def _item(field: str, number: int) -> str:
    """The sentence that names one item of a list in a message."""
    if field == "steps":
        return _("Het gaat om stap {number}.").format(number=number)
    if field == "themes":
        return _("Het gaat om thema {number}.").format(number=number)
    if field == "prompts":
        return _('Het gaat om zin {number} onder "prompts".').format(number=number)
    return _("Het gaat om onderdeel {number} van deze lijst: {field}.").format(number=number, field=field)


def _slug(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug or "stap-1"


def _error(doc: yamlfile.Document, loc: Loc, what: str, todo: str, *, key: bool = False) -> ContentError:
    return ContentError(doc.path, doc.line_at(loc, key=key), f"{what} {todo}")


def _problem(doc: yamlfile.Document, cls: type, data: Any, problem: schema.Problem, base: Loc,
             where: str) -> ContentError:
    """One refused value as a located error, in the words of this file format."""
    value = schema.value_at(data, problem.loc)
    if problem.kind == "pattern" and problem.name in ("id", "themes") and isinstance(value, str) and value.strip():
        return _error(
            doc, base + problem.loc,
            _('Deze id mag alleen kleine letters, cijfers en streepjes bevatten: "{value}".').format(value=value),
            _('Gebruik bijvoorbeeld deze id: "{suggestion}".').format(suggestion=_slug(value)),
        )
    if problem.kind == "enum" and problem.loc[-1:] == ("type",) and cls is Step:
        return _error(
            doc, base + problem.loc,
            _('Dit stap-type bestaat niet: "{value}".').format(value=value),
            _("Kies uit: {choices}.").format(choices=", ".join(STEP_TYPES)),
        )
    return yamlfile.problem_error(doc, cls, problem, where=where, item=_item, base=base)


#: How many problems of one record are reported before giving up on it.
_MAX_PROBLEMS = 20


def _convert(doc: yamlfile.Document, cls: type, data: Any, base: Loc, where: str) -> tuple[Any, list[ContentError]]:
    """``data`` (found at ``base`` in the file) as a ``cls``, or every problem as a located error.

    msgspec stops at the first problem; to report them all, each refused value
    is replaced by a good stand-in (an unknown field is dropped) and the
    record is read again. A field probably misspelled ("minuten") is reported
    once, not also as missing.
    """
    try:
        return schema.convert(data, cls), []  # the usual case: a good record, nothing copied
    except schema.Invalid:
        pass
    errors: list[ContentError] = []
    suggested: set[str] = set()
    work = copy.deepcopy(data)
    seen: set[tuple[Loc, str]] = set()
    for _round in range(_MAX_PROBLEMS):
        try:
            record: Any = schema.convert(work, cls)
        except schema.Invalid as exc:
            problem = exc.problem
            where_what = (problem.loc, problem.field)
            if where_what in seen:
                # The stand-in did not do (a default that only stands when left out): leave the field out.
                parent = schema.value_at(work, problem.loc[:-1])
                if isinstance(parent, dict) and problem.loc and isinstance(problem.loc[-1], str):
                    parent.pop(problem.loc[-1], None)
                    continue
                break
            seen.add(where_what)
            if problem.kind == "unknown":
                close = difflib.get_close_matches(problem.field, _known(cls, problem.loc), n=1, cutoff=0.6)
                suggested.update(close)
            if not (problem.kind == "missing" and problem.field in suggested):
                errors.append(_problem(doc, cls, data, problem, base, where))
            if not _stand_in(work, problem, _STAND_INS.get(cls)):
                break
        else:
            return (None if errors else record), errors
    return None, errors


def _known(cls: type, loc: Loc) -> tuple[str, ...]:
    names = getattr(cls, "__struct_encode_fields__", ())
    if loc and loc[0] == "steps":
        names = Step.__struct_encode_fields__
    elif loc and loc[0] == "themes":
        names = Theme.__struct_encode_fields__
    return tuple(n for n in names if not n.startswith("("))


def _stand_in(work: Any, problem: schema.Problem, model: Any) -> bool:
    """Put a good value where ``problem`` is (drop an unknown field); False when that cannot be done."""
    if model is None:
        return False
    good = {k: v for k, v in schema.to_builtins(model).items() if not k.startswith("(")}
    loc = problem.loc
    if problem.kind in ("unknown", "missing"):
        target = schema.value_at(work, loc)
        if not isinstance(target, dict):
            return False
        if problem.kind == "unknown":
            target.pop(problem.field, None)
        else:
            replacement = schema.value_at(good, loc + (problem.field,)) if not loc else None
            if replacement is None:
                replacement = schema.value_at(good, tuple(p if isinstance(p, str) else 0 for p in loc) + (problem.field,))
            if replacement is None:
                return False
            target[problem.field] = replacement
        return True
    if not loc or "..." in loc:
        return False
    parent = schema.value_at(work, loc[:-1])
    key = loc[-1]
    replacement = schema.value_at(good, tuple(p if isinstance(p, str) else 0 for p in loc))
    if isinstance(parent, dict) and isinstance(key, str):
        if replacement is None:
            parent.pop(key, None)  # an optional field: without it the record is good
        else:
            parent[key] = replacement
        return True
    if isinstance(parent, list) and isinstance(key, int) and replacement is not None:
        parent[key] = replacement
        return True
    return False


def _where_step(data: Any, number: int) -> str:
    """The sentence that names the step a problem is in."""
    step_id = data.get("id") if isinstance(data, dict) else None
    if isinstance(step_id, str) and step_id.strip():
        return _("Het gaat om de stap met deze id: {id}.").format(id=step_id)
    return _("Het gaat om stap {number}.").format(number=number)


def _where_theme(data: Any, number: int) -> str:
    """The sentence that names the theme a problem is in."""
    return _("Het gaat om thema {number}.").format(number=number)


def _check_stem(doc: yamlfile.Document, file_id: Any, errors: list[ContentError]) -> None:
    if isinstance(file_id, str) and file_id != doc.path.stem:
        errors.append(_error(
            doc, ("id",),
            _('De id is niet gelijk aan de bestandsnaam. Id: "{value}". Bestandsnaam: "{stem}".').format(
                value=file_id, stem=doc.path.stem),
            _("Maak ze gelijk: pas de id aan of geef het bestand een andere naam."),
        ))


def _read(path: Path) -> tuple[yamlfile.Document | None, list[ContentError]]:
    try:
        doc = yamlfile.load(path)
    except ContentError as exc:
        return None, yamlfile.errors_of(exc)
    if doc.root is None:
        return None, [ContentError(path, 0, _("Het bestand is leeg.") + " " + _("Vul het aan, of haal het bestand weg."))]
    if not isinstance(doc.data, dict):
        return None, [_error(doc, (), _('Het bestand begint niet met velden zoals "id:" en "title:".'),
                             _('Zet bovenaan bijvoorbeeld deze regel: "id: {stem}".').format(stem=path.stem))]
    return doc, []


def _items(doc: yamlfile.Document, cls: type, field: str,
           where_item: Callable[[Any, int], str]) -> tuple[list[Any], list[ContentError], list[Any]]:
    """Each item of the list ``field`` converted on its own, so every item's problem is reported."""
    raw = doc.data.get(field)
    if not isinstance(raw, list):
        return [], [], []
    items: list[Any] = []
    errors: list[ContentError] = []
    placeholders: list[Any] = []
    for number, data in enumerate(raw, start=1):
        if not isinstance(data, dict):
            errors.append(_error(
                doc, (field, number - 1),
                _("Dit onderdeel is geen groep velden.") + " " + _item(field, number),
                _('Begin met "- id: ..." en zet de andere velden eronder.'),
            ))
            items.append(None)
            continue
        record, problems = _convert(doc, cls, data, (field, number - 1), where_item(data, number))
        errors.extend(problems)
        items.append(record)
        if record is not None:
            placeholders.append(record)
    return items, errors, placeholders


def agenda(path: Path, theme_lists: list[str] | None = None) -> tuple[Agenda | None, list[ContentError]]:
    """Check one agenda; with ``theme_lists``, also that each ``themes:`` names one of them."""
    doc, errors = _read(path)
    if doc is None:
        return None, errors
    steps, errors, good = _items(doc, Step, "steps", _where_step)
    raw_steps = doc.data.get("steps")
    # The file without its steps (each was checked above); a good step stands in for a broken one.
    stand_in = good[:1] * len(raw_steps) if isinstance(raw_steps, list) and raw_steps else raw_steps
    if isinstance(raw_steps, list) and raw_steps and not good:
        stand_in = [_STAND_IN_STEP]
    agenda, problems = _convert(doc, Agenda, {**doc.data, "steps": stand_in}, (), "")
    errors.extend(problems)
    _check_stem(doc, doc.data.get("id"), errors)
    if isinstance(raw_steps, list):
        _check_steps(doc, raw_steps, steps, theme_lists, errors)
    if errors:
        return None, sorted(errors, key=lambda e: e.line)
    lines = [doc.line_at(("steps", n)) for n in range(len(steps))]
    real = tuple(msgspec.structs.replace(step, line=line) for step, line in zip(steps, lines))
    return msgspec.structs.replace(agenda, steps=real, path=str(path)), []


_STAND_IN_STEP = Step(id="x", type="info", title="x", minutes=1, prompts=("x",))
_STAND_IN_THEME = Theme(id="x", name="x")
#: A good record of each kind: where a value is refused, its value stands in, so the rest can be checked.
_STAND_INS: dict[type, Any] = {
    Step: _STAND_IN_STEP,
    Theme: _STAND_IN_THEME,
    Agenda: Agenda(id="x", title="x", steps=(_STAND_IN_STEP,)),
    ThemeList: ThemeList(id="x", title="x", themes=(_STAND_IN_THEME,)),
}


def _check_steps(doc: yamlfile.Document, raw_steps: list[Any], steps: list[Any], theme_lists: list[str] | None,
                 errors: list[ContentError]) -> None:
    """The rules about steps that are not types: own ids, options of their type, theme lists that exist."""
    first_line: dict[str, int] = {}
    for number, data in enumerate(raw_steps):
        if not isinstance(data, dict):
            continue
        step_id = data.get("id")
        if isinstance(step_id, str):
            line = doc.line_at(("steps", number, "id"))
            if step_id in first_line:
                errors.append(ContentError(doc.path, line, " ".join((
                    _('Deze stap-id komt twee keer voor: "{value}" (ook op regel {first}).').format(
                        value=step_id, first=first_line[step_id]),
                    _("Geef elke stap een eigen id."),
                ))))
            else:
                first_line[step_id] = line
        step_type = data.get("type")
        if step_type in STEP_TYPES:
            # An option on the wrong step type is almost always a copy-paste slip;
            # silently ignoring it would hide that the step does not do what was meant.
            for option, owner in _STEP_OPTIONS.items():
                if option in data and owner != step_type:
                    errors.append(_error(
                        doc, ("steps", number, option),
                        _('Dit veld hoort niet bij dit type stap: "{field}". Type van de stap: "{type}".').format(
                            field=option, type=step_type),
                        _('Haal het weg. Het hoort alleen bij dit type: "{owner}".').format(owner=owner),
                        key=True,
                    ))
        step = steps[number] if number < len(steps) else None
        if step is not None and step.themes and theme_lists is not None and step.themes not in theme_lists:
            errors.append(_error(
                doc, ("steps", number, "themes"),
                _('Deze thema-lijst bestaat niet: "{value}".').format(value=step.themes),
                _("Kies uit: {choices}.").format(choices=", ".join(theme_lists)) if theme_lists
                else _("Er is nog geen thema-lijst in de map themes. Zet er een in, of haal dit veld weg."),
            ))


def theme_list(path: Path) -> tuple[ThemeList | None, list[ContentError]]:
    doc, errors = _read(path)
    if doc is None:
        return None, errors
    themes, errors, good = _items(doc, Theme, "themes", _where_theme)
    raw = doc.data.get("themes")
    stand_in = (good[:1] or [_STAND_IN_THEME]) * len(raw) if isinstance(raw, list) and raw else raw
    theme_list, problems = _convert(doc, ThemeList, {**doc.data, "themes": stand_in}, (), "")
    errors.extend(problems)
    _check_stem(doc, doc.data.get("id"), errors)
    first_line: dict[str, int] = {}
    for number, theme in enumerate(themes):
        if theme is None:
            continue
        line = doc.line_at(("themes", number))
        if theme.id in first_line:
            errors.append(ContentError(path, line, " ".join((
                _('Deze thema-id komt twee keer voor: "{value}" (ook op regel {first}).').format(
                    value=theme.id, first=first_line[theme.id]),
                _("Geef elk thema een eigen id."),
            ))))
        else:
            first_line[theme.id] = line
    if errors:
        return None, sorted(errors, key=lambda e: e.line)
    return msgspec.structs.replace(theme_list, themes=tuple(themes), path=str(path)), []
