"""The overview across meetings as text: Markdown to read, CSV for Dutch Excel, JSON for other tools.

:func:`render_report` writes a :class:`~wijksessie.report.Report` (made by
:func:`wijksessie.report.build_report`) in one of :data:`RENDERERS`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from wijksessie import i18n
from wijksessie.i18n import _, ngettext
from wijksessie.model import DecisionStatus

if TYPE_CHECKING:
    from wijksessie.report import Report

#: Schema name and version of the JSON report.
REPORT_SCHEMA = "wijksessie-report"
REPORT_VERSION = 1

#: Columns of the CSV report, one row per neighbourhood.
CSV_COLUMNS = (
    "wijk",
    "gesprekken",
    "mensen",
    "punten",
    "beantwoord",
    "deel_beantwoord",
    "brieven_te_laat",
    "gevraagd_afgelopen_jaar",
    "ervaringen",
    "belangrijkste_problemen",
    "laatste_gesprek",
    "punten_over_datum",
    "afspraken_over_datum",
    "tevreden",
    "neutraal",
    "niet_tevreden",
)


def _percent(share: float | None) -> str:
    from babel.numbers import format_percent

    if share is None:
        return "–"
    return format_percent(share, locale=i18n.babel_locale())


def _num(n: int) -> str:
    return i18n.format_number(n)


def _date(day: dt.date | None) -> str:
    return i18n.format_date(day) if day else ""


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data (for JSON); dates ISO, shares as fractions."""
    return {
        "schema": REPORT_SCHEMA,
        "schema_version": REPORT_VERSION,
        "today": report.today.isoformat(),
        "since": report.since.isoformat() if report.since else None,
        "neighbourhood_filter": report.neighbourhood,
        "planned_meetings": report.planned,
        "unreadable_files": report.unreadable,
        "neighbourhoods": [
            {
                "name": n.name,
                "meetings": n.meetings,
                "participants": n.participants,
                "contributions": n.contributions,
                "answered": n.answered,
                "share_answered": n.share_answered,
                "letters_sent": n.letters_sent,
                "letters_overdue": n.overdue,
                "overdue_meetings": [
                    {"id": m.id, "title": m.title, "date": m.date.isoformat(), "feedback_due": m.feedback_due.isoformat()}
                    for m in n.overdue_meetings
                ],
                "asked_last_year": n.asked_last_year,
                "experiences": n.experiences,
                "top_problems": [{"theme": t, "count": c} for t, c in n.top_problems()],
                "last_meeting": n.last_meeting.isoformat() if n.last_meeting else None,
                "overdue_reviews": n.overdue_reviews,
                "overdue_agreements": n.overdue_agreements,
                "late_meetings": [
                    {"id": m.id, "title": m.title, "date": m.date.isoformat(), "reviews": m.reviews,
                     "agreements": m.agreements}
                    for m in n.late_meetings
                ],
                "evaluation": n.evaluation.to_dict(),
            }
            for n in report.neighbourhoods
        ],
        "grant": {
            "meetings": report.grant.meetings,
            "participants": report.grant.participants,
            "neighbourhoods": report.grant.neighbourhoods,
            "tally_groups": report.grant.tally_groups,
            "groups": report.grant.groups,
            "contributions": report.grant.contributions,
            "problems": report.grant.problems,
            "problem_themes": [
                {"theme": p.theme, "count": p.count, "example": p.example} for p in report.grant.problem_themes
            ],
            "status_counts": report.grant.status_counts,
            "evaluation": report.grant.evaluation.to_dict(),
            "follow_up_evaluation": report.grant.follow_up_evaluation.to_dict(),
        },
        "trajectories": [
            {"neighbourhood": t.neighbourhood, "meetings": t.meetings, "points": t.points, "answered": t.answered,
             "done": t.done, "overdue": t.overdue}
            for t in report.trajectories
        ],
    }


def report_json(report: Report) -> str:
    """The report as JSON text."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def report_csv(report: Report) -> str:
    """One row per neighbourhood, ``;``-separated; write it with a BOM (``utf-8-sig``) for Excel."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for n in report.neighbourhoods:
        share = n.share_answered
        writer.writerow(
            [
                _csv_text(n.name),
                n.meetings,
                n.participants,
                n.contributions,
                n.answered,
                # A comma decimal, as Dutch Excel reads numbers.
                "" if share is None else f"{share:.2f}".replace(".", ","),
                n.overdue,
                n.asked_last_year,
                n.experiences,
                _csv_text(", ".join(f"{t} ({c})" for t, c in n.top_problems())),
                n.last_meeting.isoformat() if n.last_meeting else "",
                n.overdue_reviews,
                n.overdue_agreements,
                n.evaluation.satisfied,
                n.evaluation.neutral,
                n.evaluation.not_satisfied,
            ]
        )
    return buf.getvalue()


def _csv_text(text: str) -> str:
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def report_markdown(report: Report) -> str:
    """The overview to read: a table per neighbourhood, overdue letters, then the grant figures."""
    from wijksessie.safe_text import escape_markdown as md

    g = report.grant
    lines = ["# " + md(_("Overzicht van de wijkgesprekken")), ""]
    scope = [_("Stand op {date}.").format(date=_date(report.today))]
    if report.since:
        scope.append(_("Gesprekken vanaf {date}.").format(date=_date(report.since)))
    if report.neighbourhood:
        scope.append(_("Alleen deze wijk: {name}.").format(name=report.neighbourhood))
    if report.planned:
        scope.append(ngettext("{n} gesprek is nog gepland en telt niet mee.",
                              "{n} gesprekken zijn nog gepland en tellen niet mee.", report.planned).format(n=report.planned))
    if report.unreadable:
        scope.append(ngettext("{n} bestand kon niet worden gelezen (zie: wijksessie list).",
                              "{n} bestanden konden niet worden gelezen (zie: wijksessie list).",
                              report.unreadable).format(n=report.unreadable))
    lines += [md(" ".join(scope)), ""]
    if not report.neighbourhoods:
        lines.append(md(_("Er zijn nog geen gesprekken om te tellen.")))
        return "\n".join(lines) + "\n"

    headers = [_("Wijk"), _("Gesprekken"), _("Mensen"), _("Punten"), _("Beantwoord"), _("Brieven te laat"),
               _("Gevraagd in het afgelopen jaar"), _("Ervaringen"), _("Meeste problemen")]
    lines.append("| " + " | ".join(md(h) for h in headers) + " |")
    lines.append("|" + "|".join(["---"] + ["--:"] * 7 + ["---"]) + "|")
    for n in report.neighbourhoods:
        overdue = f"**{n.overdue}** ⚠" if n.overdue else "0"
        problems = ", ".join(f"{md(t)} ({c})" for t, c in n.top_problems()) or "–"
        lines.append(
            "| "
            + " | ".join(
                [md(n.name), _num(n.meetings), _num(n.participants), _num(n.contributions), _percent(n.share_answered),
                 overdue, _num(n.asked_last_year), _num(n.experiences), problems]
            )
            + " |"
        )

    waiting = [(n, m) for n in report.neighbourhoods for m in n.overdue_meetings]
    lines += ["", "## " + md(_("Deze wijken wachten nog op een brief")), ""]
    if waiting:
        for n, m in sorted(waiting, key=lambda nm: nm[1].feedback_due):
            lines.append(
                "- "
                + md(
                    _("Wijk: {neighbourhood}. Gesprek van {date}: „{title}”. De brief was beloofd voor {due}. Sessie: {id}.").format(
                        neighbourhood=n.name, title=m.title, date=_date(m.date), due=_date(m.feedback_due), id=m.id
                    )
                )
            )
    else:
        lines.append(md(_("Geen: alle beloofde brieven zijn op tijd verstuurd.")))

    late = [(place, meeting) for place in report.neighbourhoods for meeting in place.late_meetings]
    lines += ["", "## " + md(_("Beloofd, maar de datum is voorbij")), ""]
    if late:
        for place, meeting in sorted(late, key=lambda pm: (pm[1].date, pm[1].id)):
            parts = [_("Wijk: {neighbourhood}. Gesprek van {date}: „{title}”. Sessie: {id}.").format(
                neighbourhood=place.name, title=meeting.title, date=_date(meeting.date), id=meeting.id)]
            if meeting.reviews:
                parts.append(ngettext("{n} punt wordt nog uitgezocht.", "{n} punten worden nog uitgezocht.",
                                      meeting.reviews).format(n=meeting.reviews))
            if meeting.agreements:
                parts.append(ngettext("{n} afspraak is nog niet klaar.", "{n} afspraken zijn nog niet klaar.",
                                      meeting.agreements).format(n=meeting.agreements))
            lines.append("- " + md(" ".join(parts)))
    else:
        lines.append(md(_("Geen: elk beloofd antwoord kwam op tijd.")))

    if report.trajectories:
        lines += ["", "## " + md(_("Gesprekken die op elkaar volgen")), ""]
        lines.append("| " + " | ".join(md(h) for h in (_("Wijk"), _("Gesprekken"), _("Punten"), _("Beantwoord"),
                                                           _("Gedaan"), _("Te laat"))) + " |")
        lines.append("|---|--:|--:|--:|--:|--:|")
        for t in report.trajectories:
            lines.append("| " + " | ".join([md(t.neighbourhood), _num(len(t.meetings)), _num(t.points),
                                            _num(t.answered), _num(t.done), _num(t.overdue)]) + " |")

    lines += ["", "## " + md(_("Voor een subsidieaanvraag")), ""]
    lines.append("- " + md(ngettext("{n} gesprek", "{n} gesprekken", g.meetings).format(n=g.meetings)))
    lines.append("- " + md(ngettext("{n} persoon kwam (opgeteld)", "{n} mensen kwamen (opgeteld)",
                                    g.participants).format(n=_num(g.participants))))
    reached = i18n.format_list([
        ngettext("{n} wijk", "{n} wijken", g.neighbourhoods).format(n=_num(g.neighbourhoods)),
        ngettext("{n} groep bij de telling", "{n} groepen bij de telling", len(g.tally_groups)).format(
            n=_num(len(g.tally_groups))),
    ])
    lines.append(
        "- "
        + md(ngettext("{n} groep bereikt", "{n} groepen bereikt", g.groups).format(n=_num(g.groups)) + ": " + reached)
        + (" (" + md(", ".join(g.tally_groups)) + ")" if g.tally_groups else "")
    )
    lines.append(
        "- "
        + md(
            ngettext("{n} punt opgeschreven", "{n} punten opgeschreven", g.contributions).format(n=_num(g.contributions))
            + ", "
            + ngettext("waarvan {n} probleem", "waarvan {n} problemen", g.problems).format(n=_num(g.problems))
        )
    )
    lines += ["", "### " + md(_("Welke problemen we hoorden")), ""]
    if g.problem_themes:
        for p in g.problem_themes:
            example = f" — {md(_('bijvoorbeeld: „{text}”').format(text=p.example))}" if p.example else ""
            lines.append(f"- {md(p.theme)}: {_num(p.count)}{example}")
    else:
        lines.append(md(_("Er zijn geen problemen opgeschreven.")))
    lines += ["", "### " + md(_("Wat we ermee doen")), ""]
    for status in DecisionStatus:
        count = g.status_counts.get(status.value, 0)
        lines.append(f"- {md(status.label)}: {_num(count)}")
    for title, counts in ((_("Hoe tevreden bewoners waren over het gesprek"), g.evaluation),
                          (_("Hoe tevreden bewoners waren over wat er daarna gebeurde"), g.follow_up_evaluation)):
        if counts.total:
            lines += ["", "### " + md(title), ""]
            lines.append("- " + md(_("tevreden: {n}").format(n=_num(counts.satisfied))))
            lines.append("- " + md(_("neutraal: {n}").format(n=_num(counts.neutral))))
            lines.append("- " + md(_("niet tevreden: {n}").format(n=_num(counts.not_satisfied))))
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Report], str]] = {"md": report_markdown, "csv": report_csv, "json": report_json}


def render_report(report: Report, fmt: str = "md") -> str:
    """The report as text in ``fmt`` (md, csv or json); md and csv carry no raw control characters."""
    from wijksessie.safe_text import document_safe

    text = RENDERERS[fmt](report)
    return text if fmt == "json" else document_safe(text)
