"""Reading a word list (``content/plain/<lang>.yaml``) into :class:`~wijksessie.plain.wordlist.Entry` s.

Every broken entry gives a :class:`~wijksessie.plain.results.Problem`
(``path:line: what is wrong. What to do.``) and is skipped; a bad file never
raises.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wijksessie.i18n import _
from wijksessie.plain.results import Problem
from wijksessie.plain.wordlist import ABBREVIATION_WORD, Entry, WordList, form_key
from wijksessie.plain.yamlread import compose_root, is_scalar, kind, node_line, read, scalar_text

if TYPE_CHECKING:
    from yaml.nodes import Node

_ENTRY_KEYS = ("word", "forms", "use", "why", "source", "abbreviation", "compounds", "generate", "context", "alone")
_FLAGS = ("abbreviation", "compounds", "generate", "alone")


def _text_list(node: Node, key: str, path: str, errors: list[Problem]) -> list[str] | None:
    """A YAML value that must be one text or a list of texts."""
    if is_scalar(node):
        text = scalar_text(node)
        values = [text] if text is not None else []
    elif kind(node) == "sequence":
        values = []
        for item in node.value:
            text = scalar_text(item)
            if text is None or not text.strip():
                errors.append(
                    Problem(
                        path,
                        node_line(item),
                        _("In dit veld staat iets wat geen tekst is: {key}. Zet er alleen woorden in.").format(key=key),
                    )
                )
                return None
            values.append(text)
    else:
        errors.append(
            Problem(
                path,
                node_line(node),
                _("Dit veld moet een woord of een lijst met woorden zijn: {key}. Schrijf bijvoorbeeld: {key}: [woord, ander woord]").format(
                    key=key
                ),
            )
        )
        return None
    values = [" ".join(v.split()) for v in values if v.strip()]
    if not values:
        errors.append(
            Problem(path, node_line(node), _("Dit veld is leeg: {key}. Vul het in of haal de regel weg.").format(key=key))
        )
        return None
    return values


def _check_form(form: str, line: int, path: str, errors: list[Problem]) -> bool:
    tokens = form.split()
    bad = (
        not tokens
        or tokens[0] == "*"
        or tokens[-1] == "*"
        or any(a == b == "*" for a, b in zip(tokens, tokens[1:]))
        or any("*" in t and t != "*" for t in tokens)
    )
    if bad:
        errors.append(
            Problem(
                path,
                line,
                _("Deze vorm klopt niet: {form}. Een * mag alleen los tussen twee woorden staan. Schrijf bijvoorbeeld: haalt * op").format(
                    form=form
                ),
            )
        )
        return False
    return True


def _parse_entry(node: Node, path: str, errors: list[Problem]) -> Entry | None:
    line = node_line(node)
    if kind(node) != "mapping":
        errors.append(
            Problem(
                path,
                line,
                _("Elke regel in de lijst begint met '- word:'. Zet word, use en why eronder."),
            )
        )
        return None
    values: dict[str, Any] = {}  # texts, lists of texts and true/false, by key
    ok = True
    for key_node, value_node in node.value:
        key = scalar_text(key_node) or ""
        if key not in _ENTRY_KEYS:
            errors.append(
                Problem(
                    path,
                    node_line(key_node),
                    _("Dit veld bestaat niet: {key}. Gebruik alleen: {keys}.").format(key=key, keys=", ".join(_ENTRY_KEYS)),
                )
            )
            ok = False
            continue
        if key in ("word", "why", "source"):
            text = scalar_text(value_node)
            if text is None or not text.strip():
                if key != "source":
                    errors.append(
                        Problem(
                            path,
                            node_line(value_node),
                            _("Dit veld moet een tekst zijn: {key}. Vul het in.").format(key=key),
                        )
                    )
                    ok = False
                continue
            values[key] = " ".join(text.split())
        elif key in _FLAGS:
            if not (is_scalar(value_node) and value_node.value.lower() in ("true", "false", "yes", "no")):
                errors.append(
                    Problem(
                        path,
                        node_line(value_node),
                        _("Dit veld is true of false: {key}. Schrijf bijvoorbeeld: {key}: true").format(key=key),
                    )
                )
                ok = False
                continue
            values[key] = value_node.value.lower() in ("true", "yes")
        else:
            texts = _text_list(value_node, key, path, errors)
            if texts is None:
                ok = False
                continue
            values[key] = texts
    for required in ("word", "use", "why"):
        if required not in values and ok:
            errors.append(
                Problem(
                    path,
                    line,
                    _("Hier mist een veld: {key}. Elke regel heeft word, use en why.").format(key=required),
                )
            )
            ok = False
    if not ok:
        return None
    word = str(values["word"])
    forms: list[str] = []
    for form in [word, *values.get("forms", [])]:
        if form not in forms:
            forms.append(form)
    forms = [f for f in forms if _check_form(f, line, path, errors)]
    if not forms:
        return None
    abbreviation = bool(values.get("abbreviation", bool(ABBREVIATION_WORD.fullmatch(word))))
    alone = bool(values.get("alone", True))
    return Entry(
        word=word,
        forms=tuple(forms),
        use=tuple(values["use"]),
        why=str(values["why"]),
        source=str(values.get("source", "")),
        abbreviation=abbreviation,
        line=line,
        # A word that does not count alone is not looked for inside compounds
        # unless the entry says so: "ondersteuning" is not "mantelzorgondersteuning".
        compounds=bool(values.get("compounds", len(word) >= 7 and alone)),
        generate=bool(values.get("generate", True)),
        context=tuple(word.lower() for word in values.get("context", ())),
        alone=alone,
    )


def parse_wordlist(path: Path, lang: str) -> WordList:
    src, problem = read(path)
    if src is None:
        return WordList(lang, path, [], [problem] if problem else [])
    spath = str(path)
    root, errors = compose_root(src, spath)
    if errors:
        return WordList(lang, path, [], errors)
    if root is None:
        return WordList(lang, path, [], [])
    if kind(root) != "sequence":
        message = _("De woordenlijst moet een lijst zijn. Begin elk woord met '- word:'.")
        return WordList(lang, path, [], [Problem(spath, node_line(root), message)])
    entries: list[Entry] = []
    seen: dict[str, Entry] = {}
    for item in root.value:
        entry = _parse_entry(item, spath, errors)
        if entry is None:
            continue
        forms = []
        for form in entry.forms:
            key = form_key(form, entry.abbreviation)
            other = seen.get(key)
            if other is not None:
                errors.append(
                    Problem(
                        spath,
                        entry.line,
                        _("Dit woord staat twee keer in de lijst: {form}. Het staat ook bij: {other} (regel {line}). Haal het bij één van de twee weg.").format(
                            form=form, other=other.word, line=other.line
                        ),
                    )
                )
                continue
            seen[key] = entry
            forms.append(form)
        if forms:
            entries.append(
                dataclasses.replace(entry, forms=tuple(forms))
            )
    return WordList(lang, path, entries, errors)
