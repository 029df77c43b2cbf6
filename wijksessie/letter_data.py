"""What goes in the feedback letter: every contribution with its outcome, already in the letter's language.

:func:`build_letter_data` gathers and formats the facts of one session for
the templates (:mod:`wijksessie.letter` renders them). It never leaves a
contribution out: one without a decision is listed as "we are still looking
into this — you will hear by <date>". Dates, numbers and lists are written
the way the letter's language writes them (Babel's CLDR data, through
:mod:`wijksessie.i18n`). :mod:`wijksessie.letter` re-exports these names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from wijksessie import i18n, model
from wijksessie.model import Agreement, Contribution, Session
from wijksessie.municipality import Municipality, load_municipality


@dataclass
class LetterItem:
    """One contribution as it appears in the letter, with its outcome in words."""

    id: str
    text: str
    theme: str
    kind: str
    status: str
    status_label: str
    answered: bool
    quick_win: bool
    reason: str = ""
    organisation: str = ""
    owner: str = ""
    due: str = ""
    hear_by: str = ""


@dataclass
class ThemeGroup:
    """The contributions about one theme (``name`` empty for "other points")."""

    name: str
    items: list[LetterItem] = field(default_factory=list)


@dataclass
class RankLine:
    """One place in the residents' ranking; tied themes share one line."""

    rank: int
    themes: list[str]
    themes_text: str
    votes: int
    tied: bool


@dataclass
class AgreementLine:
    """An agreement: what, who, by when (already formatted)."""

    what: str
    who: str
    when: str
    quick_win: bool


@dataclass
class LetterData:
    """Everything the templates need, already translated and formatted for one language."""

    lang: str
    html_lang: str
    dir: str
    municipality: Municipality
    title: str
    neighbourhood: str
    place: str
    date: str
    participants: int
    level_label: str
    level_explanation: str
    level_promise: str
    vote_method: str
    ranking: list[RankLine]
    quick_wins: list[LetterItem]
    groups: list[ThemeGroup]
    total: int
    open_count: int
    open_until: str
    agreements: list[AgreementLine]
    feedback_due: str
    contact_name: str
    contact_role: str
    contact_phone: str
    contact_email: str
    contact_hours: str
    privacy_contact: str
    retention_until: str
    retention_years: int
    today: str
    final: bool
    #: Some item has a reason written by the people who decide (shown in their own words).
    has_reasons: bool = False
    #: The letter is in another language than the reasons (Dutch), so say so.
    reasons_in_dutch: bool = False
    #: Texts not yet translated are marked in the letter; say what the mark means.
    dutch_mark: str = ""


def format_date(day: dt.date | None, lang: str) -> str:
    """A date as the language writes it: ``24 november 2026`` in Dutch; ``None`` gives ""."""
    return i18n.format_date(day, lang)


def hear_by_date(contribution: Contribution, session: Session) -> dt.date:
    """When residents will hear about an open contribution: its due date, else the session's promise."""
    return (
        contribution.decision.due
        or session.feedback_due
        or session.date + dt.timedelta(days=model.DEFAULT_FEEDBACK_DAYS)
    )


def open_contributions(contributions: Iterable[Contribution]) -> list[Contribution]:
    """The contributions residents cannot yet be told an outcome for (open or being looked into)."""
    return [c for c in contributions if not c.decision.status.answered]


def letter_item(c: Contribution, session: Session, lang: str) -> LetterItem:
    """One contribution as the letter in ``lang`` shows it (personal data only anonymised)."""
    from wijksessie import privacy  # personal data in what was said is printed only anonymised

    d = c.decision
    return LetterItem(
        id=c.id,
        text=" ".join(privacy.letter_text(c).split()),
        theme=i18n.translate_if_known(c.theme, lang),
        kind=c.kind.label,
        status=d.status.value,
        status_label=d.status.label,
        answered=d.status.answered,
        quick_win=d.quick_win and d.status.answered,
        reason=" ".join(d.reason.split()),
        organisation=d.organisation,
        owner=d.owner,
        due=format_date(d.due, lang) if d.due else "",
        hear_by=format_date(hear_by_date(c, session), lang) if not d.status.answered else "",
    )


def _theme_order(session: Session, contributions: list[Contribution]) -> list[str]:
    """Themes as residents ranked them, then the session's own list, then any others by name."""
    order: list[str] = []
    seen: set[str] = set()

    def add(theme: str) -> None:
        key = theme.casefold()
        if theme and key not in seen:
            seen.add(key)
            order.append(theme)

    for line in session.priorities.ranking():
        add(line.theme)
    for theme in session.themes:
        add(theme)
    for theme in sorted({c.theme for c in contributions if c.theme}, key=str.casefold):
        add(theme)
    return order


def _groups(session: Session, contributions: list[Contribution], rest: list[LetterItem], lang: str) -> list[ThemeGroup]:
    """The points that are not quick wins, by theme in :func:`_theme_order`; "other points" last."""
    by_theme: dict[str, ThemeGroup] = {}
    for theme in _theme_order(session, contributions):
        # Theme names from the shipped lists are translated; a facilitator's own name stays as typed.
        by_theme[theme.casefold()] = ThemeGroup(i18n.translate_if_known(theme, lang))
    other = ThemeGroup("")
    by_source = {c.id: c.theme for c in contributions}
    for item in rest:
        source = by_source.get(item.id, "")
        group = by_theme.get(source.casefold()) if source else None
        (group or other).items.append(item)
    groups = [g for g in by_theme.values() if g.items]
    if other.items:
        groups.append(other)
    return groups


def _ranking(session: Session, lang: str) -> list[RankLine]:
    """The residents' ranking, tied themes on one line, names in the letter's language."""
    ranking: list[RankLine] = []
    for place in session.priorities.ranking():
        if place.votes <= 0:
            continue
        if ranking and ranking[-1].rank == place.rank:
            ranking[-1].themes.append(place.theme)
        else:
            ranking.append(RankLine(place.rank, [place.theme], "", place.votes, place.tied))
    for line in ranking:
        line.themes = [i18n.translate_if_known(t, lang) for t in line.themes]
        line.themes_text = i18n.format_list([i18n.isolate(t) for t in line.themes], lang)
    return ranking


def build_letter_data(
    session: Session,
    contributions: list[Contribution],
    agreements: list[Agreement],
    lang: str | None = None,
    *,
    municipality: Municipality | None = None,
    today: dt.date | None = None,
    final: bool = False,
) -> LetterData:
    """Gather and format everything for the letter in ``lang``.

    Call while ``_()`` speaks the letter's language
    (:func:`wijksessie.i18n.use_language`) so the model's labels come out in
    it (:func:`wijksessie.letter.render_letter` does this for you).
    """
    lang = i18n.normalise(lang or (session.languages[0] if session.languages else None))
    municipality = municipality or load_municipality()
    today = today or dt.date.today()

    items = [letter_item(c, session, lang) for c in contributions]
    # Quick wins open the list: they show residents that something already happens.
    quick_wins = [i for i in items if i.quick_win]
    rest = [i for i in items if not i.quick_win]
    groups = _groups(session, contributions, rest, lang)
    ranking = _ranking(session, lang)

    agreement_lines = [
        AgreementLine(
            what=" ".join(a.what.split()),
            who=a.who,
            when=format_date(a.by_when, lang) if a.by_when else "",
            quick_win=a.quick_win,
        )
        for a in agreements
    ]

    contact = session.contact
    retention_until = getattr(session, "retention_until", None)
    return LetterData(
        lang=lang,
        html_lang=i18n.html_lang(lang),
        dir=i18n.text_direction(lang),
        municipality=municipality,
        title=session.title,
        neighbourhood=session.neighbourhood,
        place=session.place,
        date=format_date(session.date, lang),
        participants=session.tally.participants,
        level_label=session.level.label,
        level_explanation=session.level.explanation,
        level_promise=session.level.promise,
        vote_method=session.priorities.method,
        ranking=ranking,
        quick_wins=quick_wins,
        groups=groups,
        total=len(items),
        open_count=sum(1 for i in items if not i.answered),
        open_until=format_date(max((hear_by_date(c, session) for c in open_contributions(contributions)), default=None), lang),
        agreements=agreement_lines,
        feedback_due=format_date(
            session.feedback_due or session.date + dt.timedelta(days=model.DEFAULT_FEEDBACK_DAYS), lang
        ),
        contact_name=contact.name,
        contact_role=contact.role,
        contact_phone=contact.phone or (municipality.phone if not contact.is_set else ""),
        contact_email=contact.email or (municipality.email if not contact.is_set else ""),
        contact_hours=contact.hours,
        privacy_contact=municipality.privacy_contact or contact.name or municipality.name,
        retention_until=format_date(retention_until, lang) if isinstance(retention_until, dt.date) else "",
        retention_years=municipality.retention_years,
        today=format_date(today, lang),
        final=final,
        has_reasons=any(i.reason for i in items if i.answered),
        reasons_in_dutch=lang.split("_", 1)[0] != i18n.DEFAULT_LANGUAGE,
    )
