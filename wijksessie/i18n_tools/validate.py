"""Is a ``.po`` file valid? Placeholders, plural forms and lines GNU gettext would refuse.

``wijksessie i18n check`` and ``wijksessie check`` report what :func:`check_catalogue`
finds, each problem with its file and line.
"""

from __future__ import annotations

import gettext as _gettext
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path
from typing import TYPE_CHECKING

from wijksessie.i18n import _
from wijksessie.i18n_tools.catalogues import PLURAL_FORMS, catalogue_path, languages

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog, Message


@dataclass
class Problem:
    """One thing wrong in a catalogue: where, what, and (for warnings) that it does not fail the check."""

    path: Path
    line: int
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        label = _("let op") if self.warning else _("fout")
        return f"{where}: {label}: {self.message}"


_PERCENT = re.compile(r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(?P<conv>[diouxXeEfFgGcrsa%])")


def placeholders(text: str, percent: bool = False) -> tuple[str, ...] | None:
    """The placeholders in ``text``, sorted: ``{name}`` fields, and with ``percent`` also ``%(name)s``/``%s``.

    Returns ``None`` when ``text`` is not a valid ``str.format`` string.
    """
    found: list[str] = []
    try:
        for _literal, name, _spec, _conv in string.Formatter().parse(text):
            if name is not None:
                found.append("{" + re.split(r"[.\[]", name, maxsplit=1)[0] + "}")
    except ValueError:
        return None
    if percent:
        for m in _PERCENT.finditer(text):
            if m.group("conv") == "%":
                continue
            found.append(f"%({m.group('name')})" if m.group("name") is not None else "%" + m.group("conv"))
    return tuple(sorted(found))


def strings_of(message: Message) -> tuple[str, ...]:
    """The translation(s) of ``message`` as a tuple: one for a plain text, one per plural form."""
    value = message.string
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return (value or "",)


def ids_of(message: Message) -> tuple[str, ...]:
    """The source text(s) of ``message``: one, or singular and plural."""
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)


def raw_header(po: Path) -> dict[str, str]:
    """The header fields exactly as written in the file (Babel fills in defaults for missing ones)."""
    import ast

    lines = [line.strip() for line in po.read_text(encoding="utf-8-sig").splitlines()]
    text = ""
    for i, line in enumerate(lines):
        if line == 'msgid ""' and i + 1 < len(lines) and lines[i + 1].startswith("msgstr "):
            parts = [lines[i + 1][len("msgstr "):]]
            parts += takewhile(lambda x: x.startswith('"'), lines[i + 2:])
            text = "".join(str(ast.literal_eval(x)) for x in parts)
            break
        if line and not line.startswith("#"):
            break  # the header is the first entry; there is none
    fields = {}
    for item in text.split("\n"):
        if ":" in item:
            key, value = item.split(":", 1)
            fields[key.strip()] = value.strip()
    return fields


def _plural_problems(path: Path, catalog: Catalog, lang: str) -> list[Problem]:
    problems = []
    try:
        header = raw_header(path).get("Plural-Forms", "")
    except (ValueError, SyntaxError, UnicodeDecodeError):
        header = ""
    match = re.match(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*$", header or "")
    if not match:
        return [Problem(path, 0, _("De regel Plural-Forms ontbreekt of klopt niet: '{header}'. "
                                   "Neem hem over uit locales/README.md.").format(header=header))]
    n = int(match.group(1))
    try:
        rule = _gettext.c2py(match.group(2))  # gettext's own parser of C plural expressions
        values = {rule(k) for k in range(0, 1001)}
    except (ValueError, SyntaxError, ZeroDivisionError, RecursionError):
        return [Problem(path, 0, _("De meervoudsregel in Plural-Forms is geen geldige formule: '{expr}'.").format(
            expr=match.group(2)))]
    if n < 1 or not values <= set(range(n)):
        problems.append(Problem(path, 0, _("De meervoudsregel geeft vormen die niet bestaan. In dit bestand staat: nplurals={n}.").format(n=n)))
    elif values != set(range(n)):
        problems.append(Problem(path, 0, _("De meervoudsregel gebruikt niet alle vormen. Aantal vormen: {n}.").format(n=n), warning=True))
    expected = _expected_nplurals(lang)
    if expected is not None and expected != n:
        problems.append(Problem(
            path, 0,
            _("Aantal meervoudsvormen in dit bestand: {n}. Deze taal heeft er meestal {expected}.").format(
                expected=expected, n=n),
            warning=True,
        ))
    for message in catalog:
        if message.id and message.pluralizable and isinstance(message.string, (list, tuple)) and not message.fuzzy:
            # Babel pads a short entry with empty forms, so a missing form shows up as an empty one.
            if any(message.string) and (len(message.string) != n or not all(message.string)):
                problems.append(Problem(path, message.lineno or 0, _(
                    "Niet alle meervoudsvormen zijn ingevuld ({found} van {n}) bij deze tekst: '{msgid}'. "
                    "Vul ze allemaal in.").format(
                    msgid=_short(ids_of(message)[0]), found=sum(1 for x in message.string if x), n=n)))
    return problems


def _expected_nplurals(lang: str) -> int | None:
    base = lang.split("_", 1)[0]
    if base in PLURAL_FORMS:
        return PLURAL_FORMS[base][0]
    from babel.messages.plurals import PLURALS

    for key in (lang, base):
        if key in PLURALS:
            return PLURALS[key][0]
    return None


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"$')


def _syntax_problems(po: Path) -> list[Problem]:
    """Lines Babel would read leniently but GNU gettext rejects (an unclosed quote, a stray word)."""
    problems = []
    for number, line in enumerate(po.read_text(encoding="utf-8-sig").splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#") and not _PO_LINE.match(line):
            problems.append(Problem(po, number, _(
                "Deze regel klopt niet. Elke tekst staat tussen aanhalingstekens; "
                "een \" in de tekst schrijft u als \\\".")))
    return problems


def check_catalogue(po: Path) -> list[Problem]:
    """Everything wrong in one ``.po`` file (warnings included; see :attr:`Problem.warning`)."""
    from babel.messages.pofile import PoFileError, read_po

    lang = po.parent.parent.name
    try:
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang, abort_invalid=True)
    except PoFileError as exc:
        return [Problem(po, getattr(exc, "lineno", 0) or 0, _(
            "Dit bestand kan niet gelezen worden. Reden: {reason}. Kijk naar aanhalingstekens en msgid/msgstr-regels.").format(
            reason=str(exc).rstrip(".")))]
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(po, 0, _("Dit bestand kan niet gelezen worden. Reden: {reason}. Sla het op als UTF-8.").format(
            reason=str(exc).rstrip(".")))]
    problems = _syntax_problems(po) + _plural_problems(po, catalog, lang)
    for message in catalog:
        strings = strings_of(message)
        # Fuzzy entries are never used (here nor by msgfmt), so only used translations must be right.
        if not message.id or not any(strings) or message.fuzzy:
            continue
        percent = "python-format" in message.flags
        found = [placeholders(x, percent) for x in ids_of(message)]
        source_sets = [s for s in found if s is not None]
        if len(source_sets) != len(found):
            continue  # the source is not a format string: its braces are plain text
        if not message.pluralizable:
            got = placeholders(strings[0], percent)
            if got != source_sets[0]:
                problems.append(_placeholder_problem(po, message, source_sets[0], got))
            continue
        allowed = set().union(*source_sets)
        for index, text in enumerate(strings):
            if not text:
                continue
            got = placeholders(text, percent)
            last = index == len(strings) - 1
            # One form may leave the number out ("één stip"); the last (general) form must have them all.
            if got is None or not set(got) <= allowed or (last and set(got) != set(source_sets[-1])):
                problems.append(_placeholder_problem(po, message, source_sets[-1], got))
                break
    return problems


def _placeholder_problem(po: Path, message: Message, wanted: tuple[str, ...], got: tuple[str, ...] | None) -> Problem:
    msgid = _short(ids_of(message)[0])
    needed = ", ".join(wanted) or _("geen")
    if got is None:
        text = _("In deze vertaling staat een losse {{ of }}. Tekst: '{msgid}'. Nodig: {wanted}. "
                 "Neem de plekken om in te vullen precies over uit de brontekst.").format(msgid=msgid, wanted=needed)
    else:
        text = _("In deze vertaling kloppen de plekken om in te vullen niet. Tekst: '{msgid}'. "
                 "In de vertaling: {got}. Nodig: {wanted}. Neem ze precies over uit de brontekst.").format(
            msgid=msgid, got=", ".join(got) or _("geen"), wanted=needed)
    return Problem(po, message.lineno or 0, text)


def check(langs: Iterable[str] | None = None) -> list[Problem]:
    """Check every catalogue; errors and warnings (``Problem.warning``)."""
    problems = []
    for lang in langs or languages():
        problems.extend(check_catalogue(catalogue_path(lang)))
    return problems
