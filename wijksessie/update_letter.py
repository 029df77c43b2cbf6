"""The update letter: only the points whose answer changed since the last letter sent.

Each point shows what we said then and what we say now; agreements whose
state changed are reported too. The sentences live in
``content/letters/_update.j2`` (with ``_text.j2`` for what both letters
share) and the layouts in ``update.html``, ``update.md`` and ``update.txt``;
they go through the normal catalogues like the first letter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

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
    return letter._item(replace(c, decision=decision), session, lang)


def render_update_letter(session: Session, contributions: list[Contribution], agreements: list[Agreement],
                         changes: Changes, fmt: str = "md", lang: str | None = None, *,
                         municipality: letter.Municipality | None = None, today: dt.date | None = None) -> str:
    """The update letter as text in ``fmt`` (html, md or txt) and ``lang``; ``changes`` must not be empty."""
    import jinja2

    if fmt not in letter.FORMATS:
        raise UserError(_("Deze vorm kan niet voor een brief: {fmt}. Kies html, md of txt.").format(fmt=fmt))
    lang = i18n.normalise(lang or (session.languages[0] if session.languages else None))
    municipality = municipality or letter.load_municipality()
    failed: jinja2.TemplateError | None = None
    with i18n.record_untranslated(lang, mark=True):
        data = letter.build_letter_data(session, contributions, agreements, lang, municipality=municipality,
                                        today=today, final=True)
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
    if failed is not None:
        raise UserError(
            _("De briefsjabloon heeft een fout: {path}{line}: {error}. Herstel het sjabloon of zet het origineel terug.").format(
                path=getattr(failed, "filename", None) or letter.templates_dir(),
                line=f":{getattr(failed, 'lineno', '')}" if getattr(failed, "lineno", None) else "",
                error=failed.message or failed,
            )
        )
    from wijksessie.safe_text import document_safe

    text = letter.finish(text, fmt, data.dir)
    if fmt == "txt":
        text = letter.wrap_text(text)
    elif not text.endswith("\n"):
        text += "\n"
    return document_safe(text)  # no raw control characters or bidi overrides, as in every letter


def write_update_letter(sf: SessionFile, fmt: str = "md", lang: str | None = None, *, today: dt.date | None = None,
                        record: bool = True) -> tuple[str | bytes | None, Changes]:
    """The update letter of an open session, noted as sent (with ``record``); ``None`` when nothing changed.

    For the command line and the program alike: ``fmt`` is html, md, txt
    (text) or pdf, docx (bytes, made from the HTML letter). Raises
    :class:`UserError` when no letter went out yet. Nothing is recorded when
    nothing changed, so calling it twice sends nothing twice.
    """
    from wijksessie import feedback

    contributions, agreements = sf.contributions(), sf.agreements()
    changes = feedback.changes_since_last_letter(sf.session, contributions, agreements)
    if not changes:
        return None, changes
    lang = i18n.normalise(lang or (sf.session.languages[0] if sf.session.languages else None))
    if fmt in letter.FORMATS:
        result: str | bytes = render_update_letter(sf.session, contributions, agreements, changes, fmt, lang, today=today)
    elif fmt in ("pdf", "docx"):
        from wijksessie.documents import from_html

        html = render_update_letter(sf.session, contributions, agreements, changes, "html", lang, today=today)
        result = from_html(html, fmt, municipality=letter.load_municipality().name)
    else:
        raise UserError(_("Deze vorm kan niet voor een brief: {fmt}. Kies html, md, txt, pdf of docx.").format(fmt=fmt))
    if record:
        feedback.record_letter(sf, language=lang, fmt=fmt, kind="update", today=today)
    return result, changes
