"""The update letter: only the points whose answer changed since the last letter sent.

Each point shows what we said then and what we say now; agreements whose
state changed are reported too. The sentences live in
``content/letters/_update.j2`` (with ``_text.j2`` for what both letters
share) and the layouts in ``update.html``, ``update.md`` and ``update.txt``;
they go through the normal catalogues like the first letter.

An update letter can be made in each of the session's letter languages: each
language tells what changed since *its* last letter
(:func:`wijksessie.feedback.letter_before_update`). Texts a language still
lacks stay Dutch; :func:`language_gaps` is the one check the command line and
the program both ask before such a letter goes out, and ``mark_untranslated``
marks those texts as the first letter does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from wijksessie import i18n, letter
from wijksessie.errors import UserError
from wijksessie.feedback import Changes
from wijksessie.i18n import _
from wijksessie.model import Agreement, Contribution, Decision, Session

if TYPE_CHECKING:
    from wijksessie.store import SessionFile


@dataclass
class PointLine:
    """One changed point: the letter item as it was then (``None`` if not in that letter) and now."""

    then: letter.LetterItem | None
    now: letter.LetterItem


@dataclass
class AgreementLine:
    """One agreement whose state changed, already in the letter's language."""

    what: str
    then: str
    now: str
    reason: str = ""


@dataclass
class UpdateData:
    """What the update templates need besides the shared letter data."""

    since: str
    points: list[PointLine] = field(default_factory=list)
    agreements: list[AgreementLine] = field(default_factory=list)


def _line(c: Contribution, decision: Decision, session: Session, lang: str) -> letter.LetterItem:
    return letter.letter_item(replace(c, decision=decision), session, lang)


def write_update_text(session: Session, contributions: list[Contribution], agreements: list[Agreement],
                      changes: Changes, fmt: str = "md", lang: str | None = None, *,
                      municipality: letter.Municipality | None = None, today: dt.date | None = None,
                      mark_untranslated: bool = False) -> letter.RenderedLetter:
    """The update letter as text in ``fmt`` (html, md or txt) and ``lang``, and which texts are not yet in ``lang``.

    Like :func:`letter.write_letter`; ``changes`` must not be empty. With
    ``mark_untranslated`` every text still in Dutch is marked, and the letter
    says at the top what the mark means.
    """
    if fmt not in letter.FORMATS:
        raise UserError(_("Deze vorm kan niet voor een brief: {fmt}. Kies html, md of txt.").format(fmt=fmt))
    lang = i18n.normalise(lang or (session.languages[0] if session.languages else None))
    municipality = municipality or letter.load_municipality()
    result = _render(session, contributions, agreements, changes, fmt, lang, municipality, today, "")
    if mark_untranslated and result.untranslated:
        mark = "[" + i18n.language_name(i18n.DEFAULT_LANGUAGE, lang) + "]"  # "[Felemenkçe]", as in the first letter
        result = _render(session, contributions, agreements, changes, fmt, lang, municipality, today, mark)
    from wijksessie.safe_text import document_safe

    result.text = document_safe(result.text)  # no raw control characters or bidi overrides, as in every letter
    return result


def _render(session: Session, contributions: list[Contribution], agreements: list[Agreement], changes: Changes,
            fmt: str, lang: str, municipality: letter.Municipality, today: dt.date | None,
            mark: str) -> letter.RenderedLetter:
    import jinja2

    failed: jinja2.TemplateError | None = None
    with i18n.record_untranslated(lang, mark=True) as recorder:
        data = letter.build_letter_data(session, contributions, agreements, lang, municipality=municipality,
                                        today=today, final=True)
        data.dutch_mark = mark
        # The first letter's data holds more than this letter prints (themes, influence, every point): count
        # only the texts this letter uses, asked for again below, so the warning's number matches the marks.
        recorder.missing.clear()
        update = UpdateData(since=letter.format_date(changes.since.sent, lang))
        for p in changes.points:
            then = _line(p.contribution, p.then, session, lang) if p.then is not None else None
            update.points.append(PointLine(then, _line(p.contribution, p.now, session, lang)))
        for a in changes.agreements:
            update.agreements.append(AgreementLine(
                what=" ".join(a.agreement.what.split()),
                then=a.then.state.label if a.then else _("nog niet afgesproken"),
                now=a.now.state.label,
                reason=a.now.reason,
            ))
        try:
            text = letter.make_environment(lang).get_template(f"update.{fmt}").render(L=data, U=update)
        except jinja2.TemplateError as exc:
            failed = exc
    if failed is not None:  # said in the interface language, outside the letter's
        where = getattr(failed, "filename", None) or str(letter.templates_dir())
        line = getattr(failed, "lineno", None)
        raise UserError(
            _("De briefsjabloon heeft een fout: {path}{line}. Reden: {error}. Herstel het sjabloon of zet het origineel terug.").format(
                path=where, line=f":{line}" if line else "", error=failed.message or failed
            )
        )
    text = letter.finish(text, fmt, data.dir, mark)
    if fmt == "txt":
        text = letter.wrap_text(text)
    elif not text.endswith("\n"):
        text += "\n"
    return letter.RenderedLetter(text, lang, list(recorder.missing))


@dataclass
class UpdateLetter:
    """An update letter made for one language and format, not yet recorded as sent."""

    #: The letter (text for html, md, txt; bytes for pdf, docx); ``None`` when nothing changed for this language.
    content: str | bytes | None
    changes: Changes
    lang: str
    fmt: str
    #: Dutch texts the letter had to use because ``lang`` lacks them (in order of use).
    untranslated: list[str] = field(default_factory=list)


@dataclass
class LanguageGap:
    """A letter language whose update letter still holds Dutch texts (``untranslated``), for the warning."""

    lang: str
    untranslated: list[str]


class MadeLetter(Protocol):
    """A letter made in one language and format (an update letter, or the first or final letter's files)."""

    @property
    def content(self) -> str | bytes | None: ...

    @property
    def lang(self) -> str: ...

    @property
    def untranslated(self) -> list[str]: ...


def language_gaps(letters: Iterable[MadeLetter]) -> list[LanguageGap]:
    """Per language, the Dutch texts its letters had to use; fully translated languages left out.

    Also the check of the program's first and final letter
    (:func:`wijksessie.outputs.write_letters`).

    The one rule for the command line (``letter --update`` refuses without
    ``--allow-untranslated``) and the program (asks before it writes): an
    update letter is always sent, so a gap needs an explicit yes.
    """
    texts: dict[str, dict[str, None]] = {}
    for made in letters:
        if made.content is not None and made.untranslated:
            texts.setdefault(made.lang, {}).update(dict.fromkeys(made.untranslated))
    return [LanguageGap(lang, list(found)) for lang, found in texts.items()]


def make_update_letter(sf: SessionFile, fmt: str = "md", lang: str | None = None, *, today: dt.date | None = None,
                       mark_untranslated: bool = False) -> UpdateLetter:
    """The update letter of an open session in ``lang``: what changed since that language's last letter.

    Nothing is recorded (the caller records it once it is written). ``fmt``
    is html, md, txt (text) or pdf, docx (bytes, made from the HTML letter).
    Raises :class:`UserError` when no letter went out yet.
    """
    from wijksessie import feedback

    lang = i18n.normalise(lang or (sf.session.languages[0] if sf.session.languages else None))
    contributions, agreements = sf.contributions(), sf.agreements()
    changes = feedback.changes_since_last_letter(sf.session, contributions, agreements, lang)
    if not changes:
        return UpdateLetter(None, changes, lang, fmt)
    if fmt in letter.FORMATS:
        made = write_update_text(sf.session, contributions, agreements, changes, fmt, lang, today=today,
                                 mark_untranslated=mark_untranslated)
        return UpdateLetter(made.text, changes, lang, fmt, made.untranslated)
    if fmt in ("pdf", "docx"):
        from wijksessie.documents import from_html

        made = write_update_text(sf.session, contributions, agreements, changes, "html", lang, today=today,
                                 mark_untranslated=mark_untranslated)
        data = from_html(made.text, fmt, municipality=letter.load_municipality().name)
        return UpdateLetter(data, changes, lang, fmt, made.untranslated)
    raise UserError(_("Deze vorm kan niet voor een brief: {fmt}. Kies html, md, txt, pdf of docx.").format(fmt=fmt))


def write_update_letter(sf: SessionFile, fmt: str = "md", lang: str | None = None, *, today: dt.date | None = None,
                        record: bool = True, mark_untranslated: bool = False) -> tuple[str | bytes | None, Changes]:
    """The update letter of an open session, noted as sent (with ``record``); ``None`` when nothing changed.

    :func:`make_update_letter`, then recorded in ``lang``. Nothing is
    recorded when nothing changed, so calling it twice sends nothing twice.
    """
    from wijksessie import feedback

    made = make_update_letter(sf, fmt, lang, today=today, mark_untranslated=mark_untranslated)
    if made.content is not None and record:
        feedback.record_letter(sf, language=made.lang, fmt=fmt, kind="update", today=today)
    return made.content, made.changes
