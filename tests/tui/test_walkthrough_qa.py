"""Faults found by walking a whole evening in a real terminal, kept from coming back.

Each test presses only keys the footer or F1 shows, as a facilitator would.
"""

from __future__ import annotations

import pytest

from tests.tui.waiting import wait_until
from wijksessie.content import get_agenda
from wijksessie.model import Session
from wijksessie.tui.app import make_app
from wijksessie.tui.screens.help import HelpScreen
from wijksessie.tui.screens.meeting import MeetingScreen
from wijksessie.tui.screens.room import RoomScreen

STEP_IDS = [s.id for s in get_agenda("standaard-90").steps]


async def _until(pilot, condition, what: str, tries: int = 300) -> None:
    await wait_until(pilot, condition, what, tries)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_projector_and_back_then_next_step_at_every_step_keeps_the_program_answering(data_dir, store, size):
    """Walkthrough 10:36: F9, F9, F8 from the entry line hung the program (no key, not even ctrl+q, worked)."""
    session = Session.new("Avond in Oost", "Oost", date="2026-03-12")
    session.current_step = STEP_IDS[0]
    store.create(session)
    app = make_app(data_dir, session.id)
    async with app.run_test(size=size) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.focused is not None, "meeting")
        meeting = app.screen
        for step_id in STEP_IDS[1:]:
            await pilot.press("f9")
            await _until(pilot, lambda: isinstance(app.screen, RoomScreen), "projector view")
            await pilot.press("f9")
            await _until(pilot, lambda: app.screen is meeting, "back at the meeting")
            await pilot.press("f8")  # a deadlock here hangs: the program stopped answering keys
            await _until(pilot, lambda step_id=step_id: meeting.step.id == step_id, f"step {step_id}")
            await _until(pilot, lambda: app.focused is not None and app.focused.screen is meeting,
                         f"the keyboard in step {step_id}")
        await pilot.press("f1")
        await _until(pilot, lambda: isinstance(app.screen, HelpScreen), "help still opens")


def _shown(app) -> str:
    """The text the program sends to the terminal for this screen (from the screenshot; spaces as spaces)."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


async def test_stored_answers_and_overview_lines_never_reach_the_terminal_raw(data_dir, store):
    """The decision form's fields and the overview's lines show stored text through terminal_safe."""
    from tests.data.hostile_text import HOSTILE, raw_left
    from wijksessie.model import Contribution
    from wijksessie.tui.screens.followup import DecisionDialog, FollowUpScreen
    from wijksessie.tui.screens.home import HomeScreen
    from wijksessie.tui.screens.report import ReportScreen

    nasty = HOSTILE["window title (OSC 0)"] + HOSTILE["clear screen"] + HOSTILE["right-to-left override"]
    session = Session.new("Titel " + nasty, "Noord" + nasty, date="2020-01-01", feedback_due="2020-02-01")
    store.create(session)
    with store.open(session.id) as sf:
        c = sf.add_contribution(Contribution.new("Donkere steeg", theme="Veilig " + nasty, kind="problem"))
        sf.decide(c.id, "referred", reason="Uitleg " + nasty, organisation="Org " + nasty)
        c2 = sf.add_contribution(Contribution.new("Bankje", theme="Groen", kind="idea"))
        sf.decide(c2.id, "adopted", reason="Komt er", owner="Wie " + nasty)
    app = make_app(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        home = app.screen
        await pilot.press("o")
        await _until(pilot, lambda: isinstance(app.screen, ReportScreen) and app.screen.report is not None, "overview")
        # the lines with the stored texts are there (the text below the table is laid out a frame later)
        await _until(pilot, lambda: "te laat" in _shown(app) and "Veilig" in _shown(app), "the overview's lines")
        shown = _shown(app)
        assert not raw_left(shown), "overview: a raw control character reached the terminal"
        await pilot.press("escape")
        await _until(pilot, lambda: app.screen is home, "home again")
        await pilot.press("f")
        await _until(pilot, lambda: isinstance(app.screen, FollowUpScreen), "follow-up")
        for row in range(2):
            followup = app.screen
            followup.query_one("DataTable").move_cursor(row=row)
            await pilot.press("enter")
            await _until(pilot, lambda: isinstance(app.screen, DecisionDialog), "decision form")
            await _until(pilot, lambda: "Uitleg" in _shown(app), "the decision form's fields")
            shown = _shown(app)
            assert not raw_left(shown), f"decision form {row}: a raw control character reached the terminal"
            await pilot.press("escape")
            await _until(pilot, lambda f=followup: app.screen is f, "follow-up again")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_home_list_keeps_its_column_widths_after_coming_back(data_dir, store, size):
    """Walkthrough: back on home after the follow-up, letter and files, 'Datum 2026-', 'Brief verst' were cut."""
    from wijksessie.model import Contribution
    from wijksessie.tui.screens.home import HomeScreen

    session = Session.new("Samen gezond", "Zuid-Oost", date="2026-11-24")
    store.create(session)
    with store.open(session.id) as sf:
        c = sf.add_contribution(Contribution.new("Een beweegtuin", theme="Bewegen"))
        sf.decide(c.id, "adopted", reason="Komt er")
        sf.update(lambda s: setattr(s, "letter_sent", s.date))
    app = make_app(data_dir)
    async with app.run_test(size=size) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded, "home")
        home = app.screen
        for key in ("f", "b", "u"):
            await pilot.press(key)
            await _until(pilot, lambda: app.screen is not home, f"screen of {key}")
            home.fill()  # the list is redrawn while another screen is on top (a session changed meanwhile)
            await pilot.pause()
            await pilot.press("escape")
            await _until(pilot, lambda: app.screen is home, "home again")
        wholes = ("24-11-2026", "Zuid-Oost", "verstuurd", "Samen gezond")
        await _until(pilot, lambda: all(whole in _shown(app) for whole in wholes), "every column whole again")
        shown = _shown(app)
        for whole in wholes:
            assert whole in shown, (whole, shown[-3000:])


async def test_agreements_use_the_width_they_have_at_80_columns(data_dir, store):
    """Walkthrough: 'Gemeente,…', 'Buurthuis…' while columns on the right stayed empty."""
    from wijksessie.model import Agreement
    from wijksessie.tui.screens.followup import FollowUpScreen
    from wijksessie.tui.screens.home import HomeScreen

    session = Session.new("Avond in Noord", "Noord", date="2026-11-24")
    store.create(session)
    with store.open(session.id) as sf:
        sf.add_agreement(Agreement.new("Bankjes bijplaatsen in het park", who="Buurthuis De Linde", by_when="2027-02-01"))
        sf.add_agreement(Agreement.new("Extra verlichting in de steeg achter de school", who="Gemeente en wijkagent",
                                       by_when="2027-03-01"))
    app = make_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded, "home")
        await pilot.press("f")
        await _until(pilot, lambda: isinstance(app.screen, FollowUpScreen), "follow-up")
        await pilot.press("k")
        await _until(pilot, lambda: type(app.screen).__name__ == "AgreementsScreen", "agreements")
        await pilot.pause()
        shown = _shown(app)
        for whole in ("Buurthuis De Linde", "Gemeente en wijkagent", "Extra verlichting in de steeg"):
            assert whole in shown, whole


async def test_projector_shows_what_was_said_without_personal_data(data_dir, store):
    """Walkthrough: F9 showed 'Mevrouw Jansen … bel haar op 06-12345678' to the whole room."""
    from wijksessie.model import Contribution

    session = Session.new("Avond in Oost", "Oost", date="2026-03-12")
    session.current_step = "bespreken"
    session.themes = ["Eenzaamheid"]
    store.create(session)
    with store.open(session.id) as sf:
        sf.add_contribution(Contribution.new("Mevrouw Jansen zit alleen, bel haar op 06-12345678",
                                             theme="Eenzaamheid", kind="problem", step="bespreken"))
    app = make_app(data_dir, session.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.focused is not None, "meeting")
        await pilot.press("f9")
        await _until(pilot, lambda: isinstance(app.screen, RoomScreen), "projector view")
        await pilot.pause()
        shown = _shown(app)
        assert "zit alleen" in shown and "[telefoonnummer]" in shown, "what was said, anonymised, is on the projector"
        assert "06-12345678" not in shown and "Jansen" not in shown


async def test_more_votes_than_people_can_give_is_said_at_once(data_dir, store):
    """Walkthrough: 'Bewegen 100' with 31 people × 3 votes went by without a word; typed numbers add up."""
    from textual.widgets import Static

    from wijksessie.model import Tally

    session = Session.new("Avond in Oost", "Oost", date="2026-03-12")
    session.current_step = "kiezen"
    session.themes = ["Bewegen", "Groen"]
    session.tally = Tally(participants=10)
    store.create(session)
    app = make_app(data_dir, session.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.focused is not None, "meeting")
        assert "telt er 4 bij" in _shown(app)
        app.focused.insert_text_at_cursor("Bewegen 100")
        await pilot.press("enter")
        error = app.screen.query_one("#vote-error", Static)
        await _until(pilot, lambda: "Deelnemers: 10." in str(error.render()), "the warning")
        app.focused.insert_text_at_cursor("Bewegen -90")
        await pilot.press("enter")
        await _until(pilot, lambda: not error.display, "the warning gone once the count can be right")


async def test_f9_twice_in_one_burst_goes_to_the_projector_and_back(data_dir, store):
    """Walkthrough: F9 F9 typed quickly stacked two projector views; the next F8 and words were lost."""
    from textual import events

    session = Session.new("Avond in Oost", "Oost", date="2026-03-12")
    session.current_step = "wie-is-er"
    store.create(session)
    app = make_app(data_dir, session.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.focused is not None, "meeting")
        meeting = app.screen
        depth = len(app.screen_stack)
        for key in ("f9", "f9"):  # as a terminal sends a burst: both queued before either is handled
            app.post_message(events.Key(key, None))
        await _until(pilot, lambda: app.screen is meeting and len(app.screen_stack) == depth, "back at the meeting")
        await pilot.pause()
        assert not any(isinstance(s, RoomScreen) for s in app.screen_stack)
