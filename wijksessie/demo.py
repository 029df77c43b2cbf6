"""A filled example meeting, so a newcomer can see what a session looks like.

The example is written through the store like any real session, with fixed
ids and times: tests and screenshots built on it are the same on every run.
No Textual here: the full-screen program, the tests and the benchmark all
call :func:`create_demo`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wijksessie.model import (
    Agreement,
    ContactPoint,
    Contribution,
    ContributionKind,
    ParticipationLevel,
    Preparation,
    Session,
    Tally,
    decide,
)
from wijksessie.store import SessionStore

#: The id of the example session in a data folder.
DEMO_ID = "voorbeeld"

#: Earlier answers of the example, to show that an answer is never overwritten:
#: contribution number -> the answer it had first, a few days after the meeting.
_EARLIER: dict[int, dict[str, Any]] = {
    4: dict(status="under_review", due="2026-03-26"),
}

#: Who recorded the answers in the example (a role, never a resident).
_RECORDED_BY = "wijkteam Vogelbuurt"

#: The example meeting took place on this evening (a fixed time keeps tests stable).
DEMO_START = dt.datetime(2026, 3, 12, 19, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))

_THEMES = ["Bewegen", "Eenzaamheid", "Veilig oversteken", "Groen in de buurt", "Geldzorgen", "Gezond eten"]
_VOTES = {"Bewegen": 9, "Eenzaamheid": 9, "Veilig oversteken": 6, "Groen in de buurt": 4, "Geldzorgen": 3, "Gezond eten": 1}

# (step, kind, theme, text) — what residents said, as a facilitator would type it.
_CONTRIBUTIONS: list[tuple[str, str, str, str]] = [
    ("welkom", "question", "", "Wat gebeurt er met wat we vanavond zeggen?"),
    ("onderwerpen", "problem", "Veilig oversteken", "De oversteek bij de school is gevaarlijk, auto's rijden te hard."),
    ("onderwerpen", "idea", "Groen in de buurt", "Meer bankjes in het park, dan kunnen ouderen even rusten."),
    ("onderwerpen", "experience", "Eenzaamheid", "Sinds mijn man overleden is, spreek ik soms dagen niemand."),
    ("bespreken", "problem", "Bewegen", "Het sportveld is 's avonds op slot."),
    ("bespreken", "idea", "Bewegen", "Een wandelgroep op zaterdagochtend, vanaf het buurthuis."),
    ("bespreken", "experience", "Bewegen", "Ik fiets niet meer sinds de fietsenstalling weg is."),
    ("bespreken", "question", "Bewegen", "Mag je zonder lidmaatschap in de gymzaal sporten?"),
    ("bespreken", "idea", "Bewegen", "Beweegtoestellen voor ouderen bij het winkelcentrum."),
    ("bespreken", "problem", "Bewegen", "De stoep is te smal voor een rollator."),
    ("bespreken", "idea", "Eenzaamheid", "Een koffieochtend in het buurthuis, elke week op dezelfde dag."),
    ("bespreken", "experience", "Eenzaamheid", "Mijn buurvrouw komt nooit buiten; ik weet niet hoe ik haar kan helpen."),
    ("bespreken", "problem", "Eenzaamheid", "Nieuwe bewoners kennen niemand in de straat."),
    ("bespreken", "idea", "Eenzaamheid", "Een straatfeest in de zomer, met hulp van de gemeente."),
    ("bespreken", "question", "Eenzaamheid", "Waar kan ik terecht als ik me zorgen maak over een buurman?"),
    ("bespreken", "problem", "Veilig oversteken", "Er is geen zebrapad bij de bushalte."),
    ("bespreken", "idea", "Veilig oversteken", "Een klaar-over bij de school in de ochtend."),
    ("bespreken", "experience", "Veilig oversteken", "Mijn zoon is bijna aangereden bij het kruispunt."),
    ("snel-beter", "idea", "Bewegen", "Het sportveld 's avonds openzetten tot negen uur."),
    ("snel-beter", "idea", "Eenzaamheid", "Een prikbord in het buurthuis met activiteiten."),
]

_DECISIONS: dict[int, dict[str, Any]] = {
    4: dict(status="adopted", owner="Team Sport", due="2026-05-01"),
    10: dict(status="under_review", owner="Buurtwerk"),
    15: dict(status="referred", organisation="Verkeersteam politie"),
    8: dict(status="not_adopted", reason="Er is bij het winkelcentrum geen ruimte; we zoeken een plek in het park."),
}


def demo_session() -> Session:
    """The example session itself (without contributions), with fixed id and dates."""
    session = Session.new(
        "Gezond leven in de Vogelbuurt",
        "Vogelbuurt",
        date=DEMO_START.date(),
        place="Buurthuis De Merel",
        agenda="standaard-90",
        level=ParticipationLevel.ADVISE_EARLY,
        languages=("nl", "tr"),
        feedback_due="2026-04-23",
    )
    session.id = DEMO_ID
    session.created_at = DEMO_START - dt.timedelta(days=7)
    session.preparation = Preparation(
        goal="Horen wat bewoners nodig hebben om gezond te leven in de wijk.",
        aim="Een lijst met wat bewoners het belangrijkst vinden voor het nieuwe wijkplan.",
        input_needed="Wat ouderen en jonge gezinnen merken van bewegen en contact in de buurt.",
    )
    session.contact = ContactPoint(
        name="Samira el Amrani",
        role="wijkwerker",
        phone="06 12 34 56 78",
        email="s.elamrani@gemeente.example",
        hours="maandag tot en met donderdag, 9 tot 17 uur",
    )
    session.target_profile = {"65 jaar en ouder": 0.3, "jonger dan 30": 0.25, "thuistaal niet Nederlands": 0.35}
    session.tally = Tally(
        participants=18, groups={"65 jaar en ouder": 7, "jonger dan 30": 1, "thuistaal niet Nederlands": 5}
    )
    session.themes = list(_THEMES)
    session.priorities.votes = dict(_VOTES)
    session.current_step = "bespreken"
    session.steps_done = ["welkom", "wie-is-er", "onderwerpen", "kiezen"]
    return session


def create_demo(store: SessionStore, session_id: str = DEMO_ID, *, extra_contributions: int = 0) -> str:
    """Write the example meeting into ``store`` and return its id.

    If a session with ``session_id`` is already there it is left as it is
    (a newcomer may have added to it) and its id is returned. With
    ``extra_contributions`` the discussion gets that many more entries, for
    trying the program with a big meeting.
    """
    store.ensure()
    if store.path_for(session_id).exists():
        return session_id
    session = demo_session()
    session.id = session_id
    store.create(session)
    with store.open(session_id) as sf:
        rows = list(_CONTRIBUTIONS)
        for n in range(extra_contributions):
            theme = _THEMES[n % len(_THEMES)]
            rows.append(("bespreken", "idea", theme, f"Extra inbreng {n + 1} over {theme.lower()}."))
        for number, (step, kind, theme, text) in enumerate(rows):
            c = Contribution(
                id=f"c{number + 1:04d}",
                text=text,
                kind=ContributionKind(kind),
                theme=theme,
                step=step,
                created_at=DEMO_START + dt.timedelta(minutes=5 + number),
            )
            if number in _EARLIER:
                c = decide(c, **_EARLIER[number], recorded_by=_RECORDED_BY)
                c.decision.decided_at = DEMO_START + dt.timedelta(days=3)
            if number in _DECISIONS:
                c = decide(c, **_DECISIONS[number], recorded_by=_RECORDED_BY)
                c.decision.decided_at = DEMO_START + dt.timedelta(days=7)
            sf.add_contribution(c)
        for number, (what, who, when, quick) in enumerate(
            [
                ("Sportveld 's avonds open tot negen uur", "Team Sport", "2026-05-01", True),
                ("Prikbord met activiteiten in het buurthuis", "Buurthuis De Merel", "2026-04-01", True),
                ("Plan voor veilig oversteken bij de school", "Gemeente, afdeling verkeer", "2026-06-30", False),
            ]
        ):
            a = Agreement.new(what, who, when, quick_win=quick)
            a.id = f"a{number + 1:04d}"
            a.created_at = DEMO_START + dt.timedelta(minutes=80 + number)
            sf.add_agreement(a)
    return session_id
