"""The translator's workflow: collect texts, update catalogues, add a language, check them.

Run as ``wijksessie i18n COMMAND`` (the command line is in ``wijksessie/commands/content.py``):

* ``update`` — collect every text (Python code, agendas and themes, letter
  templates; configured in ``pyproject.toml`` ``[tool.babel]``) into
  ``locales/messages.pot`` and bring every ``locales/<lang>/LC_MESSAGES/messages.po``
  up to date with it. Existing translations and comments are kept.
* ``init LANG`` — start a new language from the template.
* ``status`` — per language: translated, needing review, fuzzy, missing.
* ``check`` — fail on broken catalogues (placeholders that differ from the
  source, invalid plural forms, unreadable files).
* ``compile`` — build ``.mo`` files (optional: the program reads a ``.po``
  directly when its ``.mo`` is missing or older).

Everything here uses Babel's Python API; no gettext tools are needed.
"""

from __future__ import annotations

import gettext as _gettext
import io
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from wijksessie import i18n, paths
from wijksessie.errors import UserError
from wijksessie.i18n import _

TEMPLATE_NAME = f"{i18n.DOMAIN}.pot"

#: Gettext plural rules where we differ from Babel's table. Babel's Arabic rule
#: swaps the last two forms compared to GNU gettext and CLDR (zero, one, two,
#: few, many, other); we use the GNU order that PO editors expect.
PLURAL_FORMS: dict[str, tuple[int, str]] = {
    "ar": (6, "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)"),
}

#: Where resident-facing texts come from: agendas, themes, letters. ``status``
#: counts these separately, because every shipped language must have them.
RESIDENT_SOURCES = ("content/",)

_LANG_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?$")


# ----------------------------------------------------------------------------- where things are


def locales_dir() -> Path:
    """The folder with the catalogues (``$WIJKSESSIE_LOCALES_DIR`` or the shipped one)."""
    return paths.locales_dir()


def template_path() -> Path:
    """``messages.pot`` in the locales folder; the shipped one when a test folder has none."""
    own = locales_dir() / TEMPLATE_NAME
    if own.is_file():
        return own
    shipped = paths._shipped("locales") / TEMPLATE_NAME
    return shipped if shipped.is_file() else own


def catalogue_path(lang: str) -> Path:
    """``locales/<lang>/LC_MESSAGES/messages.po``."""
    return locales_dir() / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def languages() -> list[str]:
    """Languages that have a ``.po`` file, sorted by code."""
    return i18n.catalogue_languages(po_only=True)


def _source_root() -> Path:
    root = paths.REPO_ROOT
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file() or "[tool.babel" not in pyproject.read_text(encoding="utf-8"):
        raise UserError(
            _("Teksten verzamelen kan alleen in een kopie van de broncode (met pyproject.toml). "
              "Werk in die map, of vertaal de .po-bestanden in deze map: {path}.").format(path=locales_dir())
        )
    return root


def _write(path: Path, catalog) -> None:
    from babel.messages.pofile import write_po

    from wijksessie.atomic import write_atomic

    buf = io.BytesIO()
    i18n.keep_plural_header(catalog)
    # No "#| previous" lines: Babel wraps them into lines GNU msgfmt rejects.
    write_po(buf, catalog, width=76, ignore_obsolete=True, include_previous=False)
    write_atomic(path, buf.getvalue(), mode=0o644)


def _read_template():
    from babel.messages.pofile import read_po

    path = template_path()
    if not path.is_file():
        raise UserError(
            _("Het sjabloon ontbreekt: {path}. Maak het met: wijksessie i18n update").format(path=path)
        )
    with path.open("rb") as fh:
        return read_po(fh)


def _check_code(lang: str) -> str:
    code = i18n.normalise(lang)
    if not _LANG_CODE.match(code):
        raise UserError(
            _("Dit is geen taalcode: '{lang}'. Gebruik een code zoals fy, tr of pt_BR.").format(lang=lang)
        )
    return code


# ----------------------------------------------------------------------------- extract / update / init


def extract() -> int:
    """Collect all texts into ``locales/messages.pot``; returns how many there are."""
    from babel.messages.frontend import CommandLineInterface

    from wijksessie import __version__

    root = _source_root()
    out = locales_dir() / TEMPLATE_NAME
    out.parent.mkdir(parents=True, exist_ok=True)
    argv = [
        "pybabel", "-q", "extract",
        "-F", str(root / "pyproject.toml"),
        "-o", str(out),
        "--project", "wijksessie",
        "--version", __version__,
        "--copyright-holder", "wijksessie",
        "--msgid-bugs-address", "https://github.com/wijksessie/wijksessie/issues",
        "--add-comments", "Translators:",
        "--sort-by-file",
        ".",
    ]
    import os

    before = os.getcwd()
    os.chdir(root)  # the mapping's patterns are relative to the project folder
    try:
        CommandLineInterface().run(argv)
    finally:
        os.chdir(before)
    return len(_read_template())


@dataclass
class UpdateResult:
    """What ``update`` changed in one catalogue."""

    lang: str
    added: int
    removed: int


def update(langs: Iterable[str] | None = None, *, extract_first: bool = True) -> tuple[int, list[UpdateResult]]:
    """Re-collect the texts and merge them into every catalogue; returns (texts, changes per language)."""
    total = extract() if extract_first else len(_read_template())
    template = _read_template()
    results = []
    for lang in langs or languages():
        po = catalogue_path(lang)
        catalog = i18n.read_catalogue(po, lang)
        before = {m.id if not m.context else (m.id, m.context) for m in catalog if m.id}
        headers = dict(catalog.mime_headers)
        catalog.update(template, update_creation_date=False)
        _restore_plural_forms(catalog, lang, headers.get("Plural-Forms"))
        after = {m.id if not m.context else (m.id, m.context) for m in catalog if m.id}
        _write(po, catalog)
        results.append(UpdateResult(lang, len(after - before), len(before - after)))
    i18n.clear_cache()
    return total, results


def _restore_plural_forms(catalog, lang: str, header: str | None) -> None:
    """Keep the Plural-Forms a translator chose (Babel's update would replace it with its own)."""
    wanted = header or _plural_forms_header(lang)
    if wanted:
        catalog.mime_headers = [(k, wanted if k == "Plural-Forms" else v) for k, v in catalog.mime_headers]


def _plural_forms_header(lang: str) -> str | None:
    if lang in PLURAL_FORMS or lang.split("_", 1)[0] in PLURAL_FORMS:
        n, expr = PLURAL_FORMS.get(lang) or PLURAL_FORMS[lang.split("_", 1)[0]]
        return f"nplurals={n}; plural={expr};"
    return None


def init(lang: str) -> Path:
    """Start catalogue ``lang`` from the template; refuses to overwrite an existing one."""
    from babel import Locale, UnknownLocaleError
    from babel.messages.catalog import Catalog

    code = _check_code(lang)
    po = catalogue_path(code)
    if po.exists():
        raise UserError(
            _("Deze taal bestaat al: {lang} ({path}). Gebruik 'wijksessie i18n update' om hem bij te werken.").format(
                lang=code, path=po
            )
        )
    template = _read_template()
    try:
        known = Locale.parse(code) is not None
    except (UnknownLocaleError, ValueError):
        known = False
    catalog = Catalog(
        locale=code,
        domain=i18n.DOMAIN,
        project="wijksessie",
        version=template.version,
        copyright_holder="wijksessie",
        msgid_bugs_address=template.msgid_bugs_address,
        fuzzy=False,
    )
    for message in template:
        if message.id:
            catalog[message.id] = message.clone()
            catalog[message.id].string = ("",) * catalog.num_plurals if message.pluralizable else ""
    headers = [(k, v) for k, v in catalog.mime_headers if k != "Plural-Forms"]
    # A language CLDR does not know yet starts with two plural forms; the translator may change the rule.
    headers.append(("Plural-Forms", catalog.plural_forms if known else "nplurals=2; plural=(n != 1);"))
    wanted = _plural_forms_header(code)
    if wanted:
        headers = [(k, wanted if k == "Plural-Forms" else v) for k, v in headers]
    catalog.mime_headers = headers
    _write(po, catalog)
    i18n.clear_cache()
    return po


# ----------------------------------------------------------------------------- compile


def compile_all(langs: Iterable[str] | None = None) -> list[Path]:
    """Write ``messages.mo`` beside every ``.po``; returns the files written."""
    from wijksessie.atomic import write_atomic

    written = []
    for lang in langs or languages():
        po = catalogue_path(lang)
        catalog = i18n.read_catalogue(po, lang)
        buf = io.BytesIO()
        i18n.compile_catalogue(catalog, buf)
        mo = po.with_suffix(".mo")
        write_atomic(mo, buf.getvalue(), mode=0o644)
        written.append(mo)
    i18n.clear_cache()
    return written


# ----------------------------------------------------------------------------- status


@dataclass
class LanguageStatus:
    """How far one language is: counts of the template's texts."""

    lang: str
    total: int
    translated: int = 0
    needs_review: int = 0
    fuzzy: int = 0
    missing: int = 0
    resident_total: int = 0
    resident_translated: int = 0
    source: bool = False

    @property
    def complete(self) -> bool:
        """Every text has a usable translation (Dutch, the source, always has)."""
        return self.source or self.missing == 0 and self.fuzzy == 0

    def to_dict(self) -> dict:
        """For ``status --json``."""
        return {
            "lang": self.lang, "source": self.source, "total": self.total, "translated": self.translated,
            "needs_review": self.needs_review, "fuzzy": self.fuzzy, "missing": self.missing,
            "resident_total": self.resident_total, "resident_translated": self.resident_translated,
            "complete": self.complete,
        }


def _key(message):
    return (message.id, message.context)


def _has_translation(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    return bool(strings) and all(strings)


def _is_resident_text(message) -> bool:
    if any(str(loc).startswith(RESIDENT_SOURCES) for loc, _line in message.locations):
        return True
    source = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return source in letter_model_texts()


_MODEL_TEXTS: set[str] = set()


def letter_model_texts() -> set[str]:
    """Texts from the model that residents read in letters: levels of influence with what
    they mean and promise, decision statuses, kinds, agreement states, satisfaction words."""
    if not _MODEL_TEXTS:
        from wijksessie import enums

        for cls in (enums.ParticipationLevel, enums.DecisionStatus, enums.ContributionKind,
                    getattr(enums, "AgreementState", None), getattr(enums, "Evaluation", None)):
            for member in cls or ():
                _MODEL_TEXTS.add(member._label)
        for table in ("_LEVEL_EXPLANATIONS", "_LEVEL_PROMISES"):
            _MODEL_TEXTS.update(getattr(enums, table, {}).values())
        _MODEL_TEXTS.discard("")
    return _MODEL_TEXTS


def needs_review(message) -> bool:
    """The translator comment ``# needs-review`` is on this entry."""
    return any(i18n.REVIEW_MARK in c for c in message.user_comments)


def status(langs: Iterable[str] | None = None) -> list[LanguageStatus]:
    """Counts per language, against the template; Dutch is reported as the (complete) source."""
    template = _read_template()
    wanted = [m for m in template if m.id]
    rows = []
    codes = list(langs or languages())
    if langs is None:
        # Dutch, the source, first; it counts as complete even without a catalogue.
        codes = [i18n.DEFAULT_LANGUAGE] + [c for c in codes if c != i18n.DEFAULT_LANGUAGE]
    for lang in codes:
        row = LanguageStatus(lang, len(wanted))
        row.resident_total = sum(1 for m in wanted if _is_resident_text(m))
        if lang == i18n.DEFAULT_LANGUAGE:
            row.source = True
            row.translated = row.total
            row.resident_translated = row.resident_total
            rows.append(row)
            continue
        po = catalogue_path(lang)
        catalog = i18n.read_catalogue(po, lang) if po.is_file() else None
        for m in wanted:
            found = catalog.get(m.id, context=m.context) if catalog is not None else None
            if found is None or not _has_translation(found):
                row.missing += 1
            elif found.fuzzy:
                row.fuzzy += 1
            else:
                row.translated += 1
                if needs_review(found):
                    row.needs_review += 1
                if _is_resident_text(m):
                    row.resident_translated += 1
        rows.append(row)
    return rows


# ----------------------------------------------------------------------------- check


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


def _takewhile(pred, items):
    for item in items:
        if not pred(item):
            return
        yield item


def raw_header(po: Path) -> dict[str, str]:
    """The header fields exactly as written in the file (Babel fills in defaults for missing ones)."""
    import ast

    lines = [line.strip() for line in po.read_text(encoding="utf-8-sig").splitlines()]
    text = ""
    for i, line in enumerate(lines):
        if line == 'msgid ""' and i + 1 < len(lines) and lines[i + 1].startswith("msgstr "):
            parts = [lines[i + 1][len("msgstr "):]]
            parts += [x for x in _takewhile(lambda x: x.startswith('"'), lines[i + 2:])]
            text = "".join(ast.literal_eval(x) for x in parts)
            break
        if line and not line.startswith("#"):
            break  # the header is the first entry; there is none
    fields = {}
    for item in text.split("\n"):
        if ":" in item:
            key, value = item.split(":", 1)
            fields[key.strip()] = value.strip()
    return fields


def _plural_problems(path: Path, catalog, lang: str) -> list[Problem]:
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
        rule = _gettext.c2py(match.group(2))
        values = {rule(k) for k in range(0, 1001)}
    except (ValueError, SyntaxError, ZeroDivisionError, RecursionError):
        return [Problem(path, 0, _("De meervoudsregel in Plural-Forms is geen geldige formule: '{expr}'.").format(
            expr=match.group(2)))]
    if n < 1 or not values <= set(range(n)):
        problems.append(Problem(path, 0, _("De meervoudsregel geeft vormen die niet bestaan (nplurals={n}).").format(n=n)))
    elif values != set(range(n)):
        problems.append(Problem(path, 0, _("De meervoudsregel gebruikt niet alle {n} vormen.").format(n=n), warning=True))
    expected = _expected_nplurals(lang)
    if expected is not None and expected != n:
        problems.append(Problem(
            path, 0,
            _("Deze taal heeft meestal {expected} meervoudsvormen, hier staan er {n}.").format(expected=expected, n=n),
            warning=True,
        ))
    for message in catalog:
        if message.id and message.pluralizable and isinstance(message.string, (list, tuple)) and not message.fuzzy:
            # Babel pads a short entry with empty forms, so a missing form shows up as an empty one.
            if any(message.string) and (len(message.string) != n or not all(message.string)):
                problems.append(Problem(path, message.lineno, _(
                    "'{msgid}': {found} van de {n} meervoudsvormen ingevuld. Vul ze allemaal in.").format(
                    msgid=_short(message.id[0]), found=sum(1 for x in message.string if x), n=n)))
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
            "Dit bestand kan niet gelezen worden ({reason}). Kijk naar aanhalingstekens en msgid/msgstr-regels.").format(
            reason=exc))]
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(po, 0, _("Dit bestand kan niet gelezen worden ({reason}). Sla het op als UTF-8.").format(
            reason=exc))]
    problems = _syntax_problems(po) + _plural_problems(po, catalog, lang)
    for message in catalog:
        # Fuzzy entries are never used (here nor by msgfmt), so only used translations must be right.
        if not message.id or not _any_translation(message) or message.fuzzy:
            continue
        percent = "python-format" in message.flags
        ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
        strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        source_sets = [placeholders(x, percent) for x in ids]
        if any(s is None for s in source_sets):
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


def _any_translation(message) -> bool:
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    return any(strings)


def _placeholder_problem(po: Path, message, wanted, got) -> Problem:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    if got is None:
        what = _("de vertaling heeft een losse {{ of }}")
    else:
        what = _("de vertaling heeft {got}").format(got=", ".join(got) or _("geen"))
    return Problem(po, message.lineno, _(
        "'{msgid}': de plekken om in te vullen verschillen ({what}; nodig: {wanted}). "
        "Neem ze precies over uit de brontekst.").format(
        msgid=_short(msgid), what=what, wanted=", ".join(wanted) or _("geen")))


def check(langs: Iterable[str] | None = None) -> list[Problem]:
    """Check every catalogue; errors and warnings (``Problem.warning``)."""
    problems = []
    for lang in langs or languages():
        problems.extend(check_catalogue(catalogue_path(lang)))
    return problems


# ----------------------------------------------------------------------------- one language: what is missing, ready to ship?


@dataclass
class Missing:
    """The texts one language still lacks (Dutch source texts), the letter's first."""

    lang: str
    #: In the letter, in the order a reader meets them (the example letter, then the rest of the templates).
    letter: list[str]
    #: Other texts residents see: agenda steps, prompts, themes.
    resident: list[str]
    #: The facilitator's screens and messages.
    other: list[str]

    @property
    def resident_count(self) -> int:
        return len(self.letter) + len(self.resident)


def _source_text(message) -> str:
    return message.id[0] if isinstance(message.id, (list, tuple)) else message.id


def missing(lang: str) -> Missing:
    """Every text ``lang`` lacks (no translation, or only a fuzzy one), the letter's resident texts first."""
    from wijksessie.letter_example import example_letter

    code = i18n.check_language(lang)
    if code.split("_", 1)[0] == i18n.DEFAULT_LANGUAGE:
        return Missing(code, [], [], [])  # the source language lacks nothing
    template = _read_template()
    po = catalogue_path(code)
    catalog = i18n.read_catalogue(po, code) if po.is_file() else None
    untranslated = []
    for m in template:
        if not m.id:
            continue
        found = catalog.get(m.id, context=m.context) if catalog is not None else None
        if found is None or not _has_translation(found) or found.fuzzy:
            untranslated.append(m)
    letter_order: dict[str, None] = {}
    for fmt in ("html", "txt"):
        for text in example_letter(fmt, code).untranslated:
            letter_order.setdefault(text, None)
    result = Missing(code, list(letter_order), [], [])
    for m in untranslated:
        text = _source_text(m)
        if text in letter_order:
            continue
        where = [str(loc) for loc, _line in m.locations]
        if any(w.startswith("content/letters/") for w in where) or text in letter_model_texts():
            result.letter.append(text)
        elif any(w.startswith(RESIDENT_SOURCES) for w in where):
            result.resident.append(text)
        else:
            result.other.append(text)
    return result


@dataclass
class Readiness:
    """Whether a language can go to residents: catalogue valid and every resident text translated."""

    lang: str
    problems: list[Problem]
    missing: Missing

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def ready(self) -> bool:
        return not self.errors and self.missing.resident_count == 0


def readiness(lang: str) -> Readiness:
    """:func:`check` and :func:`missing` together for one language (Dutch, the source, is always ready)."""
    code = i18n.check_language(lang)
    po = catalogue_path(code)
    problems = check_catalogue(po) if po.is_file() else []
    return Readiness(code, problems, missing(code))

