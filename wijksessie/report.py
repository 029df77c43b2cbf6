"""The overview across meetings: per neighbourhood, and the figures a grant application asks for.

:func:`build_report` reads every session once, read-only, through
``SessionStore.iter_open()`` and counts as it goes; nothing is parsed twice.
The renderers (:mod:`wijksessie.report_render`, re-exported here) turn a
:class:`Report` into Markdown (to read), CSV (to open in Dutch Excel: ``;``
and a BOM, see :data:`CSV_COLUMNS`) or JSON (for other tools).

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
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from wijksessie import feedback, model, privacy
from wijksessie.i18n import _
from wijksessie.model import Agreement, Contribution, ContributionKind, DecisionStatus, Session
from wijksessie.report_render import (  # noqa: F401 - re-exported: the report's public names
    CSV_COLUMNS,
    RENDERERS,
    REPORT_SCHEMA,
    REPORT_VERSION,
    render_report,
    report_csv,
    report_json,
    report_markdown,
    report_to_dict,
)

if TYPE_CHECKING:
    from wijksessie.store import SessionStore

#: "How often asked" looks back this many days (participation fatigue, DOMAIN.md §1.3 F1).
ASKED_WINDOW_DAYS = 365

#: How many problem themes the overview shows per neighbourhood.
TOP_PROBLEMS = 3

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
    problems: Counter[str] = field(default_factory=Counter)
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


def _best_spelling(spellings: Counter[str]) -> str:
    """The spelling used most often ("Groen" over a single "groen"); ties go to sort order, so it is stable."""
    best: str = sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return best


def build_report(store: SessionStore, neighbourhood: str | None = None, since: dt.date | None = None,
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
    problem_counts: Counter[str] = Counter()
    theme_spellings: dict[str, Counter[str]] = {}
    place_spellings: dict[str, Counter[str]] = {}
    problem_examples: dict[str, tuple[str, str, Contribution]] = {}
    statuses: Counter[str] = Counter()
    planned = 0
    readable = 0
    chains: list[tuple[Session, list[Contribution], list[Agreement]]] = []

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
        if model.feedback_overdue(s, today) and s.feedback_due is not None:
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
