"""The overview across meetings: per neighbourhood, and the figures a grant application asks for.

:func:`build_report` reads every session once, read-only, through
``SessionStore.iter_open()`` and counts as it goes; nothing is parsed twice.
The renderers turn a :class:`Report` into Markdown (to read), CSV (to open in
Dutch Excel: ``;`` and a BOM, see :data:`CSV_COLUMNS`) or JSON (for other tools).

Only meetings that have taken place (date on or before ``today``) count as
held; planned ones are counted separately. "Feedback debt" is a meeting whose
promised feedback date has passed without a final letter
(:func:`model.feedback_overdue`). Promises that went by without a new answer
(points under review and agreements past their date) are flagged per
meeting (:func:`feedback.lateness`); a chain of follow-up meetings shows as
one trajectory per neighbourhood (:func:`feedback.trajectories`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field

from wijksessie import feedback, i18n, model, privacy
from wijksessie.i18n import _, ngettext
from wijksessie.model import Contribution, ContributionKind, DecisionStatus

#: "How often asked" looks back this many days (participation fatigue, DOMAIN.md §1.3 F1).
ASKED_WINDOW_DAYS = 365

#: How many problem themes the overview shows per neighbourhood.
TOP_PROBLEMS = 3

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


@dataclass
class OverdueMeeting:
    """A meeting whose residents are still owed a letter."""

    id: str
    title: str
    date: dt.date
    feedback_due: dt.date


@dataclass
class LateMeeting:
    """A meeting with promises whose date passed without a new answer."""

    id: str
    title: str
    date: dt.date
    reviews: int = 0
    agreements: int = 0


@dataclass
class NeighbourhoodReport:
    """The figures of one neighbourhood."""

    name: str
    meetings: int = 0
    participants: int = 0
    contributions: int = 0
    answered: int = 0
    letters_sent: int = 0
    asked_last_year: int = 0
    experiences: int = 0
    last_meeting: dt.date | None = None
    overdue_meetings: list[OverdueMeeting] = field(default_factory=list)
    problems: Counter = field(default_factory=Counter)
    #: Meetings with points under review or agreements past their date.
    late_meetings: list[LateMeeting] = field(default_factory=list)
    #: Residents' evaluation of the meetings (summed hand-raised counts).
    evaluation: model.EvaluationCount = field(default_factory=model.EvaluationCount)

    @property
    def overdue_reviews(self) -> int:
        """Points still being looked into after the date residents were promised."""
        return sum(m.reviews for m in self.late_meetings)

    @property
    def overdue_agreements(self) -> int:
        """Agreements past their date that are neither done nor stopped."""
        return sum(m.agreements for m in self.late_meetings)

    @property
    def overdue(self) -> int:
        """How many letters are overdue ("feedback debt")."""
        return len(self.overdue_meetings)

    @property
    def share_answered(self) -> float | None:
        """Answered contributions as a fraction (0–1); ``None`` when there were none."""
        return self.answered / self.contributions if self.contributions else None

    def top_problems(self, n: int = TOP_PROBLEMS) -> list[tuple[str, int]]:
        """The themes with the most problems, most first (ties by name, so the order is stable)."""
        return sorted(self.problems.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:n]


@dataclass
class ProblemTheme:
    """Problems heard about one theme, across all meetings, with one example as said."""

    theme: str
    count: int
    example: str = ""


@dataclass
class GrantFigures:
    """What a grant application (e.g. SPUK) asks: how many meetings and groups, what was heard, what is done."""

    meetings: int = 0
    participants: int = 0
    neighbourhoods: int = 0
    tally_groups: list[str] = field(default_factory=list)
    contributions: int = 0
    problems: int = 0
    problem_themes: list[ProblemTheme] = field(default_factory=list)
    status_counts: dict[str, int] = field(default_factory=dict)
    #: Residents' evaluation of the meetings and of the follow-up (summed hand-raised counts).
    evaluation: model.EvaluationCount = field(default_factory=model.EvaluationCount)
    follow_up_evaluation: model.EvaluationCount = field(default_factory=model.EvaluationCount)

    @property
    def groups(self) -> int:
        """Distinct groups reached: the neighbourhoods plus the distinct groups counted at the door."""
        return self.neighbourhoods + len(self.tally_groups)

    @property
    def adopted(self) -> int:
        return self.status_counts.get(DecisionStatus.ADOPTED.value, 0)

    @property
    def partly_adopted(self) -> int:
        return self.status_counts.get(DecisionStatus.PARTLY_ADOPTED.value, 0)

    @property
    def done(self) -> int:
        return self.status_counts.get(DecisionStatus.DONE.value, 0)


@dataclass
class Report:
    """The whole overview; :func:`render_report` writes it as md, csv or json."""

    today: dt.date
    since: dt.date | None
    neighbourhood: str | None
    neighbourhoods: list[NeighbourhoodReport]
    grant: GrantFigures
    planned: int = 0
    unreadable: int = 0
    #: Chains of follow-up meetings, one per line (two meetings or more).
    trajectories: list[feedback.Trajectory] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        """Letters overdue over all neighbourhoods."""
        return sum(n.overdue for n in self.neighbourhoods)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _best_spelling(spellings: Counter) -> str:
    """The spelling used most often ("Groen" over a single "groen"); ties go to sort order, so it is stable."""
    return sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def build_report(store, neighbourhood: str | None = None, since: dt.date | None = None,
                 today: dt.date | None = None) -> Report:
    """Count everything over the sessions in ``store``.

    ``neighbourhood`` keeps one neighbourhood (case does not matter);
    ``since`` keeps meetings on or after that date. "Asked in the last year"
    always looks at the 365 days before ``today``, whatever ``since`` says,
    because it is about how often a neighbourhood was asked, not about the
    period of the report.
    """
    today = today or dt.date.today()
    window_start = today - dt.timedelta(days=ASKED_WINDOW_DAYS)
    wanted = _key(neighbourhood) if neighbourhood else None
    by_name: dict[str, NeighbourhoodReport] = {}
    grant = GrantFigures()
    tally_groups: dict[str, str] = {}
    problem_counts: Counter = Counter()
    theme_spellings: dict[str, Counter] = {}
    place_spellings: dict[str, Counter] = {}
    problem_examples: dict[str, tuple[str, str, Contribution]] = {}
    statuses: Counter = Counter()
    planned = 0
    readable = 0
    chains: list[tuple] = []

    for sf in store.iter_open():
        readable += 1
        s = sf.session
        key = _key(s.neighbourhood)
        if wanted is not None and key != wanted:
            continue
        if s.date > today:
            planned += 1
            continue
        nb = by_name.get(key)
        if nb is None:
            nb = by_name[key] = NeighbourhoodReport(name="")
        place_spellings.setdefault(key, Counter())[" ".join(s.neighbourhood.split()) or _("(zonder wijk)")] += 1
        if s.date > window_start:
            nb.asked_last_year += 1
        if since is not None and s.date < since:
            continue
        contributions = sf.contributions()
        agreements = sf.agreements()
        chains.append((s, contributions, agreements))
        late = feedback.lateness(s, contributions, agreements, today)
        if late.reviews or late.agreements:
            nb.late_meetings.append(LateMeeting(s.id, s.title, s.date, len(late.reviews), len(late.agreements)))
        for target, counts in ((nb.evaluation, s.evaluation), (grant.evaluation, s.evaluation),
                               (grant.follow_up_evaluation, s.follow_up_evaluation)):
            target.satisfied += counts.satisfied
            target.neutral += counts.neutral
            target.not_satisfied += counts.not_satisfied
        nb.meetings += 1
        nb.participants += s.tally.participants
        nb.contributions += len(contributions)
        nb.last_meeting = max(nb.last_meeting or s.date, s.date)
        if s.letter_sent is not None:
            nb.letters_sent += 1
        if model.feedback_overdue(s, today):
            nb.overdue_meetings.append(OverdueMeeting(s.id, s.title, s.date, s.feedback_due))
        for group in s.tally.groups:
            tally_groups.setdefault(_key(group), group.strip())
        for c in contributions:
            status = c.decision.status
            statuses[status.value] += 1
            if status.answered:
                nb.answered += 1
            if c.kind is ContributionKind.PROBLEM:
                theme = " ".join(c.theme.split()) or _("zonder thema")
                tkey = _key(theme)
                nb.problems[tkey] += 1
                problem_counts[tkey] += 1
                theme_spellings.setdefault(tkey, Counter())[theme] += 1
                # The earliest problem said about a theme is its example, whatever order files are read in.
                # The report leaves the laptop (grant applications): personal data only anonymised, as in
                # letters — done below for the one example per theme only (it is slow for thousands).
                example = (c.created_at.isoformat() if c.created_at else "", " ".join(c.text.split()), c)
                if tkey not in problem_examples or example[:2] < problem_examples[tkey][:2]:
                    problem_examples[tkey] = example
            elif c.kind is ContributionKind.EXPERIENCE:
                nb.experiences += 1

    theme_names = {k: _best_spelling(v) for k, v in theme_spellings.items()}
    for key, nb in by_name.items():
        nb.name = _best_spelling(place_spellings[key])
        nb.problems = Counter({theme_names[k]: n for k, n in nb.problems.items()})
    # A neighbourhood only asked before `since` has nothing to report in this period.
    neighbourhoods = sorted((n for n in by_name.values() if n.meetings), key=lambda n: n.name.casefold())
    grant.meetings = sum(n.meetings for n in neighbourhoods)
    grant.participants = sum(n.participants for n in neighbourhoods)
    grant.neighbourhoods = len(neighbourhoods)
    grant.tally_groups = sorted(tally_groups.values(), key=str.casefold)
    grant.contributions = sum(n.contributions for n in neighbourhoods)
    grant.problems = sum(problem_counts.values())
    grant.problem_themes = [
        ProblemTheme(theme_names[k], n, " ".join(privacy.letter_text(problem_examples[k][2]).split()))
        for k, n in sorted(problem_counts.items(), key=lambda kv: (-kv[1], theme_names[kv[0]].casefold()))
    ]
    grant.status_counts = {status.value: statuses.get(status.value, 0) for status in DecisionStatus}
    unreadable = max(0, len(store.session_ids()) - readable)
    return Report(
        today=today,
        since=since,
        neighbourhood=neighbourhood,
        neighbourhoods=neighbourhoods,
        grant=grant,
        planned=planned,
        unreadable=unreadable,
        trajectories=feedback.trajectories(chains, today),
    )


# ----------------------------------------------------------------------------- rendering


def _percent(share: float | None) -> str:
    from babel.numbers import format_percent

    if share is None:
        return "–"
    return format_percent(share, locale=i18n.babel_locale())


def _num(n: int) -> str:
    return i18n.format_number(n)


def _date(day: dt.date | None) -> str:
    return i18n.format_date(day) if day else ""


def report_to_dict(report: Report) -> dict:
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
        scope.append(_("Alleen de wijk {name}.").format(name=report.neighbourhood))
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
                    _("{neighbourhood}: „{title}” van {date}, brief beloofd voor {due} (sessie {id})").format(
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
            parts = []
            if meeting.reviews:
                parts.append(ngettext("{n} punt wordt nog uitgezocht", "{n} punten worden nog uitgezocht",
                                      meeting.reviews).format(n=meeting.reviews))
            if meeting.agreements:
                parts.append(ngettext("{n} afspraak is nog niet klaar", "{n} afspraken zijn nog niet klaar",
                                      meeting.agreements).format(n=meeting.agreements))
            lines.append("- " + md(_("{neighbourhood}: „{title}” van {date} (sessie {id}): {what}").format(
                neighbourhood=place.name, title=meeting.title, date=_date(meeting.date), id=meeting.id,
                what=i18n.format_list(parts))))
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


RENDERERS = {"md": report_markdown, "csv": report_csv, "json": report_json}


def render_report(report: Report, fmt: str = "md") -> str:
    """The report as text in ``fmt`` (md, csv or json); md and csv carry no raw control characters."""
    from wijksessie.safe_text import document_safe

    text = RENDERERS[fmt](report)
    return text if fmt == "json" else document_safe(text)
