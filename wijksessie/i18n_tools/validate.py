"""Is a ``.po`` file valid? Placeholders, plural forms and lines GNU gettext would refuse.

``wijksessie i18n check`` and ``wijksessie check`` report what :func:`check_catalogue`
finds, each problem with its file and line.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
import io
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path
from typing import TYPE_CHECKING

from wijksessie.i18n import _, ngettext
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
        if line.startswith("<<<<<<<"):  # one line per conflict, where it starts
            problems.append(Problem(po, number, _(
                "Hier staat nog een conflict van git. Kies één van de twee versies en haal de regels "
                "met <<<<<<<, ======= en >>>>>>> weg.")))
        elif line.startswith(("=======", ">>>>>>>")):
            continue
        elif line and not line.startswith("#") and not _PO_LINE.match(line):
            problems.append(Problem(po, number, _(
                "Deze regel klopt niet. Elke tekst staat tussen aanhalingstekens; "
                "een \" in de tekst schrijft u als \\\".")))
    return problems


def _entries(text: str) -> list[tuple[int, str | None, str, int]]:
    """Every entry of a ``.po`` text: (line of its msgid, msgctxt, msgid, highest msgstr index).

    Reads only lines :func:`_syntax_problems` accepts; comments (and so obsolete
    ``#~`` entries) are skipped, as GNU gettext does.
    """
    from babel.messages.pofile import unescape

    entries: list[tuple[int, str | None, str, int]] = []
    ctx: str | None = None
    msgid: str | None = None
    line_of_id = 0
    highest = -1
    field = ""

    def close() -> None:
        nonlocal ctx, msgid, highest
        if msgid is not None:
            entries.append((line_of_id, ctx, msgid, highest))
        ctx, msgid, highest = None, None, -1

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            keyword, rest = field, line
        else:
            keyword, _sep, rest = line.partition(" ")
            field = keyword
            if keyword == "msgctxt" or (keyword == "msgid" and msgid is not None):
                close()
            if keyword == "msgctxt":
                ctx = ""
            elif keyword == "msgid":
                msgid, line_of_id = "", number
            elif keyword.startswith("msgstr[") and keyword[7:-1].isdigit():
                highest = max(highest, int(keyword[7:-1]))
        value = unescape(rest.strip())
        if keyword == "msgctxt" and ctx is not None:
            ctx += value
        elif keyword == "msgid" and msgid is not None:
            msgid += value
    close()
    return entries


def _duplicate_problems(po: Path, entries: list[tuple[int, str | None, str, int]]) -> list[Problem]:
    """The same text twice (with the same msgctxt): GNU gettext refuses the file."""
    seen: dict[tuple[str | None, str], int] = {}
    problems = []
    for line, ctx, msgid, _highest in entries:
        key = (ctx, msgid)
        if key in seen and msgid:
            problems.append(Problem(po, line, _(
                "Deze tekst staat twee keer in het bestand (ook op regel {first}): '{msgid}'. "
                "Haal één van de twee weg.").format(first=seen[key], msgid=_short(msgid))))
        seen.setdefault(key, line)
    return problems


def _too_many_forms(po: Path, entries: list[tuple[int, str | None, str, int]]) -> list[Problem]:
    """Entries with more msgstr[…] forms than ``Plural-Forms`` allows: one line for the whole file."""
    try:
        header = raw_header(po).get("Plural-Forms", "")
    except (ValueError, SyntaxError, UnicodeDecodeError):
        return []
    match = re.match(r"^\s*nplurals\s*=\s*(\d+)", header)
    if not match:
        return []  # said by _plural_problems
    n = int(match.group(1))
    lines = [line for line, _ctx, _msgid, highest in entries if highest >= n]
    if not lines:
        return []
    return [Problem(po, lines[0], ngettext(
        "De regel Plural-Forms zegt nplurals={n}, maar {count} tekst heeft meer meervoudsvormen. "
        "Zet Plural-Forms goed (zie locales/README.md), of haal de extra msgstr[…]-regels weg.",
        "De regel Plural-Forms zegt nplurals={n}, maar {count} teksten hebben meer meervoudsvormen. "
        "Zet Plural-Forms goed (zie locales/README.md), of haal de extra msgstr[…]-regels weg.",
        len(lines)).format(n=n, count=len(lines)))]


def _charset_problems(po: Path) -> list[Problem]:
    """The header must say UTF-8: another charset makes the program (and msgfmt) read the texts wrong."""
    try:
        content_type = raw_header(po).get("Content-Type", "")
    except (ValueError, SyntaxError, UnicodeDecodeError):
        return []
    match = re.search(r"charset\s*=\s*([^\s;]+)", content_type, re.IGNORECASE)
    charset = match.group(1) if match else ""
    if charset.replace("-", "").replace("_", "").lower() == "utf8":
        return []
    return [Problem(po, 0, _(
        "In de kop van het bestand staat een verkeerde tekenset: '{charset}'. "
        "Zet in die regel: charset=UTF-8.").format(charset=charset or content_type))]


def check_catalogue(po: Path) -> list[Problem]:
    """Everything wrong in one ``.po`` file (warnings included; see :attr:`Problem.warning`).

    Every problem is one Dutch line (what is wrong, what to do); Babel's own
    English messages and warnings never reach the translator.
    """
    from babel.messages.pofile import PoFileError, read_po

    lang = po.parent.parent.name
    try:
        text = po.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        return [Problem(po, 0, _("Dit bestand is niet als UTF-8 opgeslagen. Sla het op als UTF-8, bijvoorbeeld met Poedit."))]
    except OSError:
        return [Problem(po, 0, _("Dit bestand kan niet geopend worden. Kijk of het bestaat en of u het mag lezen."))]
    broken = _syntax_problems(po) + _charset_problems(po)
    if broken:
        return broken  # Babel would read these leniently or stop with an English message
    entries = _entries(text)
    broken = _duplicate_problems(po, entries) + _too_many_forms(po, entries)
    if broken:
        return broken
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # Babel prints its own English warnings
            catalog = read_po(io.BytesIO(text.encode("utf-8")), locale=lang, abort_invalid=True)
    except PoFileError as exc:
        line = getattr(exc, "lineno", None)  # Babel counts from 0
        return [Problem(po, line + 1 if isinstance(line, int) else 0, _(
            "Dit bestand kan niet gelezen worden. Kijk (bij het regelnummer ervoor) naar de aanhalingstekens "
            "en de regels msgid en msgstr."))]
    problems = _plural_problems(po, catalog, lang)
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
