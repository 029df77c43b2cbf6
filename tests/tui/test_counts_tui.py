"""Counts on the screens read right for one as well as for many (issue 15: "1 problems found").

Real session files, the real screens, Dutch as the interface language; what is
checked is the line a facilitator reads.
"""

from __future__ import annotations

from helpers.screen_host import Host
from textual.widgets import Static

from tests.tui.waiting import wait_until
from wijksessie.model import Contribution, Session, Tally
from wijksessie.tui.app import make_app
from wijksessie.tui.screens.meeting import MeetingScreen


def _session_at(store, step: str, **fields) -> str:
    session = Session.new("Avond in Oost", "Oost", date="2026-03-12")
    session.current_step = step
    for name, value in fields.items():
        setattr(session, name, value)
    store.create(session)
    return session.id


def _shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_one_participant_is_one_deelnemer(data_dir, store, clock):
    sid = _session_at(store, "wie-is-er", tally=Tally(participants=1))
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.query("#tally-check"), "tally")
        assert "Bewaard: 1 deelnemer" in _shown(app, "#tally-check")
        assert "1 deelnemers" not in _shown(app, "#tally-check")


async def test_too_many_votes_for_one_person_reads_right(data_dir, store, clock):
    sid = _session_at(store, "kiezen", themes=["Bewegen", "Groen"], tally=Tally(participants=1))
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.focused is not None, "vote")
        app.focused.insert_text_at_cursor("Bewegen 9")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Deelnemers: 1." in _shown(app, "#vote-error"), "the warning")
        line = _shown(app, "#vote-error")
        assert line.startswith("Er zijn meer stemmen dan kan: 9. Deelnemers: 1. Stemmen per persoon: 3.")
        assert "1 mensen" not in line


async def test_followup_with_one_answered_point(store):
    from wijksessie.tui.screens.followup import FollowUpScreen

    s = Session.new("Gezond Noord", "Noord", date="2026-11-24", languages=["nl"])
    store.create(s)
    with store.open(s.id) as sf:
        cid = sf.add_contribution(Contribution.new("Een bank bij de vijver", theme="Bewegen")).id
        sf.decide(cid, "adopted", reason="Er komt een bank.")
    app = Host(lambda: FollowUpScreen(store, s.id))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: app.screen.query("#open-count"), "follow-up screen")
        await wait_until(pilot, lambda: "antwoord" in _shown(app, "#open-count"), "the counter")
        line = _shown(app, "#open-count")
        assert line.startswith("Het enige punt heeft een antwoord. De brief kan definitief."), line
        assert "Alle 1 punten" not in line


def test_overview_trajectory_with_one_point():
    from types import SimpleNamespace

    from wijksessie.tui.screens import loop_report

    none = SimpleNamespace(total=0)
    r = SimpleNamespace(
        neighbourhoods=[],
        trajectories=[SimpleNamespace(neighbourhood="Oost", meetings=["a", "b"], points=1, answered=1, done=0, overdue=0)],
        grant=SimpleNamespace(evaluation=none, follow_up_evaluation=none),
    )
    lines = loop_report.lines(r)
    assert "  Oost: 2 gesprekken, 1 punt, 1 beantwoord, 0 gedaan, 0 te laat" in lines
