"""Where the catalogues are, and the commands that write them: ``update``, ``init``, ``compile``.

Everything here uses Babel's Python API; no gettext tools are needed.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wijksessie import i18n, paths
from wijksessie.errors import UserError
from wijksessie.i18n import _

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

TEMPLATE_NAME = f"{i18n.DOMAIN}.pot"

#: Gettext plural rules where we differ from Babel's table. Babel's Arabic rule
#: swaps the last two forms compared to GNU gettext and CLDR (zero, one, two,
#: few, many, other); we use the GNU order that PO editors expect.
PLURAL_FORMS: dict[str, tuple[int, str]] = {
    "ar": (6, "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)"),
}

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


def read_template() -> Catalog:
    """The template (``messages.pot``) as a Babel catalogue; one clear line when it is missing."""
    from babel.messages.pofile import read_po

    path = template_path()
    if not path.is_file():
        raise UserError(
            _("Het sjabloon ontbreekt: {path}. Maak het met: wijksessie i18n update").format(path=path)
        )
    with path.open("rb") as fh:
        return read_po(fh)


def read_catalogue(lang: str) -> Catalog | None:
    """The catalogue of ``lang``, or ``None`` when that language has no ``.po`` file."""
    po = catalogue_path(lang)
    if not po.is_file():
        return None
    try:
        catalog: Catalog = i18n.read_catalogue(po, lang)
    except (UnicodeError, LookupError, ValueError) as exc:  # a wrong charset in the header, or not UTF-8
        raise UserError(
            _("Dit bestand kan niet gelezen worden: {path}. Zoek de fout met: wijksessie i18n check {lang}").format(
                path=po, lang=lang)
        ) from exc
    return catalog


def _source_root() -> Path:
    root = paths.REPO_ROOT
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file() or "[tool.babel" not in pyproject.read_text(encoding="utf-8"):
        raise UserError(
            _("Teksten verzamelen kan alleen in een kopie van de broncode (met pyproject.toml). "
              "Werk in die map, of vertaal de .po-bestanden in deze map: {path}.").format(path=locales_dir())
        )
    return root


def _write(path: Path, catalog: Catalog) -> None:
    from babel.messages.pofile import write_po

    from wijksessie.atomic import write_atomic

    buf = io.BytesIO()
    i18n.keep_plural_header(catalog)
    # No "#| previous" lines: Babel wraps them into lines GNU msgfmt rejects.
    write_po(buf, catalog, width=76, ignore_obsolete=True, include_previous=False)
    write_atomic(path, buf.getvalue(), mode=0o644)


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
    before = os.getcwd()
    os.chdir(root)  # the mapping's patterns are relative to the project folder
    try:
        CommandLineInterface().run(argv)  # type: ignore[no-untyped-call]  # Babel's frontend has no annotations
    finally:
        os.chdir(before)
    return len(read_template())


@dataclass
class UpdateResult:
    """What ``update`` changed in one catalogue."""

    lang: str
    added: int
    removed: int


def update(langs: Iterable[str] | None = None, *, extract_first: bool = True) -> tuple[int, list[UpdateResult]]:
    """Re-collect the texts and merge them into every catalogue; returns (texts, changes per language)."""
    total = extract() if extract_first else len(read_template())
    template = read_template()
    results = []
    for lang in langs or languages():
        po = catalogue_path(lang)
        catalog: Catalog = i18n.read_catalogue(po, lang)
        before = {m.id if not m.context else (m.id, m.context) for m in catalog if m.id}
        headers = dict(catalog.mime_headers)
        # No fuzzy guesses: Babel offers an unrelated text's translation as a guess ("reden" -> "Goed slapen").
        # A new text arrives empty, so "i18n status" counts it as missing until someone translates it.
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        _restore_plural_forms(catalog, lang, headers.get("Plural-Forms"))
        after = {m.id if not m.context else (m.id, m.context) for m in catalog if m.id}
        _write(po, catalog)
        results.append(UpdateResult(lang, len(after - before), len(before - after)))
    i18n.clear_cache()
    return total, results


def _restore_plural_forms(catalog: Catalog, lang: str, header: str | None) -> None:
    """Keep the Plural-Forms a translator chose (Babel's update would replace it with its own)."""
    wanted = header or plural_forms_header(lang)
    if wanted:
        catalog.mime_headers = [(k, wanted if k == "Plural-Forms" else v) for k, v in catalog.mime_headers]


def plural_forms_header(lang: str) -> str | None:
    """The ``Plural-Forms`` value we use for ``lang`` where it differs from Babel's (see :data:`PLURAL_FORMS`)."""
    rule = PLURAL_FORMS.get(lang) or PLURAL_FORMS.get(lang.split("_", 1)[0])
    if rule is None:
        return None
    n, expr = rule
    return f"nplurals={n}; plural={expr};"


def init(lang: str) -> Path:
    """Start catalogue ``lang`` from the template; refuses to overwrite an existing one."""
    from babel import Locale, UnknownLocaleError
    from babel.messages.catalog import Catalog

    code = _check_code(lang)
    po = catalogue_path(code)
    if po.exists():
        raise UserError(
            _("Deze taal bestaat al: {lang}. Het bestand: {path}. Werk het bij met: wijksessie i18n update").format(
                lang=code, path=po
            )
        )
    template = read_template()
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
            entry = message.clone()
            entry.string = ("",) * catalog.num_plurals if message.pluralizable else ""
            catalog[message.id] = entry
    headers = [(k, v) for k, v in catalog.mime_headers if k != "Plural-Forms"]
    # A language CLDR does not know yet starts with two plural forms; the translator may change the rule.
    headers.append(("Plural-Forms", catalog.plural_forms if known else "nplurals=2; plural=(n != 1);"))
    wanted = plural_forms_header(code)
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
