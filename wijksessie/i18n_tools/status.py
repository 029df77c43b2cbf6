"""How far each language is: ``i18n status`` counts, the texts one language still lacks, ready to ship?"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from wijksessie import i18n
from wijksessie.errors import UserError
from wijksessie.i18n_tools.catalogues import catalogue_path, languages, read_catalogue, read_template
from wijksessie.i18n_tools.validate import Problem, check_catalogue, ids_of, strings_of

if TYPE_CHECKING:
    from babel.messages.catalog import Message

#: Where resident-facing texts come from: agendas, themes, letters. ``status``
#: counts these separately, because every shipped language must have them.
RESIDENT_SOURCES = ("content/",)


class StatusRow(TypedDict):
    """One language in ``i18n status --json``."""

    lang: str
    source: bool
    total: int
    translated: int
    needs_review: int
    fuzzy: int
    missing: int
    resident_total: int
    resident_translated: int
    complete: bool


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

    def to_dict(self) -> StatusRow:
        """For ``status --json``."""
        return {
            "lang": self.lang, "source": self.source, "total": self.total, "translated": self.translated,
            "needs_review": self.needs_review, "fuzzy": self.fuzzy, "missing": self.missing,
            "resident_total": self.resident_total, "resident_translated": self.resident_translated,
            "complete": self.complete,
        }


def _has_translation(message: Message) -> bool:
    strings = strings_of(message)
    return bool(strings) and all(strings)


def _is_resident_text(message: Message) -> bool:
    if any(str(loc).startswith(RESIDENT_SOURCES) for loc, _line in message.locations):
        return True
    return ids_of(message)[0] in letter_model_texts()


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


def needs_review(message: Message) -> bool:
    """The translator comment ``# needs-review`` is on this entry."""
    return any(i18n.REVIEW_MARK in c for c in message.user_comments)


def status(langs: Iterable[str] | None = None) -> list[LanguageStatus]:
    """Counts per language, against the template; Dutch is reported as the (complete) source."""
    template = read_template()
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
        catalog = read_catalogue(lang)
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


def missing(lang: str) -> Missing:
    """Every text ``lang`` lacks (no translation, or only a fuzzy one), the letter's resident texts first."""
    from wijksessie.letter_example import example_letter

    code = i18n.check_language(lang)
    if code.split("_", 1)[0] == i18n.DEFAULT_LANGUAGE:
        return Missing(code, [], [], [])  # the source language lacks nothing
    template = read_template()
    catalog = read_catalogue(code)
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
        text = ids_of(m)[0]
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
    try:
        gaps = missing(code)
    except UserError:
        if not problems:
            raise
        gaps = Missing(code, [], [], [])  # the file cannot be read: its problems say why
    return Readiness(code, problems, gaps)
