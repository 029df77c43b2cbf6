"""Notes export: the complete session as versioned JSON, Markdown or CSV.

The JSON layout is a stable contract (``schema`` names it, ``schema_version``
counts its changes); other tools and ``wijksessie import`` read it. JSON
keeps every text exactly (control characters as ``\\uXXXX``); Markdown and
CSV go through :func:`wijksessie.safe_text.document_safe`, so they never
carry a raw escape sequence, NUL or bidi override.
"""

from __future__ import annotations

import json
import re
from typing import Any

from wijksessie import __version__, feedback, model
from wijksessie.store import SessionFile

EXPORT_SCHEMA = "wijksessie-export"
EXPORT_VERSION = 1


def export_dict(sf: SessionFile, *, with_personal_data: bool = False) -> dict[str, Any]:
    """Everything about one session as plain data, ready for ``json.dumps``.

    Residents' names and addresses (``people``) are left out unless
    ``with_personal_data`` is true.
    """
    session = sf.session
    session_dict = session.to_dict()
    contact = session_dict.pop("contact")
    priorities = session.priorities
    return {
        "schema": EXPORT_SCHEMA,
        "schema_version": EXPORT_VERSION,
        "app_version": __version__,
        "exported_at": model.now().isoformat(),
        "session": session_dict,
        # Each contribution with its answers over time (oldest first, the current one last).
        "contributions": [{**c.to_dict(), "history": feedback.history_entries(c)} for c in sf.contributions()],
        "letters": feedback.letter_entries(session),
        "priorities": [
            {"rank": r.rank, "theme": r.theme, "votes": r.votes, "tied": r.tied} for r in priorities.ranking()
        ],
        "agreements": [a.to_dict() for a in sf.agreements()],
        "contact": contact,
        **({"people": [p.to_dict() for p in sf.people()]} if with_personal_data else {}),
    }


def export_json(sf: SessionFile, *, with_personal_data: bool = False) -> str:
    """The JSON export as text (UTF-8, readable indentation); see :func:`export_dict`.

    Control characters in residents' text are written as ``\\uXXXX`` escapes,
    so printing the export cannot change the terminal; the data stays exact.
    """
    from wijksessie.safe_text import json_safe

    return json_safe(json.dumps(export_dict(sf, with_personal_data=with_personal_data), ensure_ascii=False, indent=2)) + "\n"


# ----------------------------------------------------------------------------- notes for reading and for spreadsheets

#: Columns of the CSV export, one row per contribution with its decision.
CSV_COLUMNS = (
    "id",
    "stap",
    "thema",
    "soort",
    "tekst",
    "status",
    "uitleg",
    "organisatie",
    "eigenaar",
    "klaar_op",
    "snel_resultaat",
    "gemaakt_op",
)

#: Dutch Excel expects a semicolon: the comma is the decimal separator there.
CSV_DELIMITER = ";"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: An id that can go between backticks in Markdown as it is.
_PLAIN_ID = re.compile(r"[A-Za-z0-9_-]+")


def _cell(text: object) -> str:
    """A cell a spreadsheet will show as text, never run as a formula (every column, ids too).

    A resident's "=HYPERLINK(...)" or "-2 bankjes" would otherwise be read as
    a formula by Excel; a leading apostrophe makes it plain text there.
    """
    text = str(text).replace("\r\n", "\n")
    return "'" + text if text.startswith(_FORMULA_START) else text


def export_csv(sf: SessionFile) -> str:
    """One row per contribution with its decision, ``;``-separated (see :data:`CSV_COLUMNS`).

    Write the result as UTF-8 *with* BOM (``utf-8-sig``): without it Dutch
    Excel reads the accents wrong. Status and kind are the words people read
    (in the interface language); dates are ISO so every program sorts them.
    """
    import csv
    import io

    from wijksessie.i18n import _

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=CSV_DELIMITER, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in sf.contributions():
        d = c.decision
        writer.writerow(
            [
                _cell(c.id),
                _cell(c.step),
                _cell(c.theme),
                _cell(c.kind.label),
                _cell(c.text),
                _cell(d.status.label),
                _cell(d.reason),
                _cell(d.organisation),
                _cell(d.owner),
                d.due.isoformat() if d.due else "",
                _cell(_("ja") if d.quick_win else _("nee")),
                c.created_at.isoformat() if c.created_at else "",
            ]
        )
    from wijksessie.safe_text import document_safe

    return document_safe(buf.getvalue())


def export_markdown(sf: SessionFile) -> str:
    """The notes of one session as Markdown for reading: facts, ranking, every contribution by theme, agreements.

    Headings and labels are in the interface language; everything residents
    said is escaped so it shows exactly as written.
    """
    from wijksessie import i18n
    from wijksessie.i18n import _, ngettext
    from wijksessie.safe_text import escape_markdown as md

    s = sf.session
    contributions = sf.contributions()
    lines: list[str] = [f"# {md(s.title)}", ""]

    def fact(label: str, value: str) -> None:
        if value:
            lines.append(f"- **{md(label)}:** {md(value)}")

    fact(_("Wijk"), s.neighbourhood)
    fact(_("Datum"), i18n.format_date(s.date))
    fact(_("Plek"), s.place)
    fact(_("Aantal mensen"), i18n.format_number(s.tally.participants) if s.tally.participants else "")
    if s.tally.groups:
        fact(_("Groepen"), ", ".join(f"{g}: {n}" for g, n in sorted(s.tally.groups.items())))
    fact(_("Invloed van bewoners"), s.level.label)
    fact(_("Talen voor de brief"), ", ".join(s.languages))
    fact(_("Bewoners horen uiterlijk"), i18n.format_date(s.feedback_due) if s.feedback_due else "")
    fact(_("Brief verstuurd"), i18n.format_date(s.letter_sent) if s.letter_sent else _("nog niet"))
    open_n = model.open_count(contributions)
    fact(
        _("Inbreng"),
        ngettext("{n} punt, {open} zonder besluit", "{n} punten, {open} zonder besluit", len(contributions)).format(
            n=len(contributions), open=open_n
        ),
    )

    for label, counts in ((_("Oordeel over het gesprek"), s.evaluation),
                          (_("Oordeel over wat er daarna gebeurde"), s.follow_up_evaluation)):
        if counts.total:
            fact(label, _("tevreden {a}, neutraal {b}, niet tevreden {c}").format(
                a=counts.satisfied, b=counts.neutral, c=counts.not_satisfied))
    if s.follows:
        from wijksessie.errors import UserError
        from wijksessie.store import SessionStore

        try:
            look_back = feedback.look_back(SessionStore(sf.path.parent), s)
        except UserError as exc:
            lines += ["", md(str(exc))]
        else:
            if look_back is not None:
                lines += [""] + feedback.look_back_markdown(look_back)

    ranking = [r for r in s.priorities.ranking() if r.votes > 0]
    lines += ["", "## " + md(_("Wat bewoners het belangrijkst vonden")), ""]
    if ranking:
        for r in ranking:
            tie = " " + md(_("(gedeelde plaats)")) if r.tied else ""
            lines.append(f"{r.rank}\\. {md(r.theme)} — {r.votes}{tie}  ")
    else:
        lines.append(md(_("Er is niet gestemd.")))

    lines += ["", "## " + md(_("Wat er gezegd is")), ""]
    if not contributions:
        lines.append(md(_("Er is niets opgeschreven.")))
    by_theme: dict[str, list[model.Contribution]] = {}
    for c in contributions:
        by_theme.setdefault(c.theme, []).append(c)
    for theme in sorted(by_theme, key=lambda t: (t == "", t.casefold())):
        lines += [f"### {md(theme or _('Zonder thema'))}", ""]
        for c in by_theme[theme]:
            d = c.decision
            parts = [f"**{md(d.status.label)}**"]
            if d.reason:
                parts.append(md(_("Uitleg: {reason}").format(reason=d.reason)))
            if d.organisation:
                parts.append(md(_("Organisatie: {org}").format(org=d.organisation)))
            if d.owner:
                parts.append(md(_("Wie: {owner}").format(owner=d.owner)))
            if d.due and d.status is model.DecisionStatus.UNDER_REVIEW:
                parts.append(md(_("Antwoord uiterlijk: {date}").format(date=i18n.format_date(d.due))))
            elif d.due:
                parts.append(md(_("Klaar op: {date}").format(date=i18n.format_date(d.due))))
            if d.quick_win:
                parts.append(md(_("snel resultaat")))
            step = f", {md(c.step)}" if c.step else ""
            cid = f"`{c.id}`" if _PLAIN_ID.fullmatch(c.id) else md(c.id)
            lines.append(f"- {cid} ({md(c.kind.label)}{step}) {md(c.text)} — " + "; ".join(parts))
        lines.append("")

    agreements = sf.agreements()
    lines += ["## " + md(_("Afspraken")), ""]
    if agreements:
        for a in agreements:
            # "Planned" is where every agreement starts; say the state once it has moved on.
            extra = [] if a.state is model.AgreementState.PLANNED else [
                f"**{md(a.state.label)}**" + (f" ({md(a.reason)})" if a.reason else "")]
            if a.who:
                extra.append(md(_("Wie: {who}").format(who=a.who)))
            if a.by_when:
                extra.append(md(_("Wanneer: {date}").format(date=i18n.format_date(a.by_when))))
            if a.quick_win:
                extra.append(md(_("snel resultaat")))
            lines.append(f"- {md(a.what)}" + (" — " + "; ".join(extra) if extra else ""))
    else:
        lines.append(md(_("Geen afspraken.")))

    contact = s.contact
    lines += ["", "## " + md(_("Aanspreekpunt")), ""]
    if contact.is_set:
        for value in (contact.name, contact.role, contact.phone, contact.email, contact.hours):
            if value:
                lines.append(f"- {md(value)}")
    else:
        lines.append(md(_("Nog geen aanspreekpunt. Leg het vast met: wijksessie contact")))
    from wijksessie.safe_text import document_safe

    return document_safe("\n".join(lines).rstrip() + "\n")
