"""Keys typed in a burst while the screen changes end up where the facilitator looks next.

Walkthrough 11:12-11:32: letters typed right after F8 went to the old step's
line (and were lost), letters typed right after ``n`` went to the list of
sessions ("De toets S doet hier niets") instead of the new form's title.
``pilot.press`` sends the keys one after the other without a pause; the
``_burst`` helper hands them all to the program at once, as a terminal does
when keys come faster than the screen (a paste, a key held down).
"""

from __future__ import annotations

from textual import events

from tests.tui.waiting import wait_until
from wijksessie.model import Session
from wijksessie.tui.app import make_app
from wijksessie.tui.screens.home import HomeScreen
from wijksessie.tui.screens.meeting import MeetingScreen
from wijksessie.tui.screens.prepare import PrepareScreen

NAMES = {" ": "space", "=": "equals_sign"}


def _burst(app, keys) -> None:
    """All keys at once, as the terminal sends them when typing is faster than the screen."""
    for key in keys:
        character = key if len(key) == 1 else None
        app.post_message(events.Key(NAMES.get(key, key), character))


def _session(store, step: str) -> Session:
    session = Session.new("Avond in Oost", "Oost", date="2026-03-12")
    session.current_step = step
    store.create(session)
    return session


async def _meeting(pilot, app) -> MeetingScreen:
    await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.focused is not None, "meeting")
    return app.screen


async def test_letters_typed_right_after_f8_go_to_the_new_steps_line(data_dir, store, reopen):
    session = _session(store, "wie-is-er")
    app = make_app(data_dir, session.id)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _meeting(pilot, app)
        await pilot.press("f8", "W", "o", "n", "e", "n", "enter")
        await wait_until(pilot, lambda: reopen(session.id).session.themes == ["Wonen"], "theme 'Wonen' saved")
        assert meeting.step.id == "onderwerpen"
        assert meeting.query_one("#topic").value == ""


async def test_a_burst_after_f8_held_down_lands_in_the_step_it_stops_at(data_dir, store, reopen):
    """F8 held down (key repeat) then typing: one step view, the letters in its line, nothing lost."""
    session = _session(store, "welkom")
    app = make_app(data_dir, session.id)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _meeting(pilot, app)
        _burst(app, ["f8", "f8", *"Wonen", "enter", *"Groen", "enter"])
        await wait_until(pilot, lambda: reopen(session.id).session.themes == ["Wonen", "Groen"], "both themes saved")
        assert meeting.step.id == "onderwerpen"
        assert len(meeting.query("#step-area > *")) == 1


async def test_a_whole_burst_with_projector_and_steps_keeps_every_answer(data_dir, store, reopen):
    """The walkthrough's burst: F9 F9 F8 '23' Enter '65 = 9' Enter F9 F9 F8 '1' Enter '5' Enter F8."""
    session = _session(store, "welkom")
    app = make_app(data_dir, session.id)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _meeting(pilot, app)
        _burst(app, ["f9", "f9", "f8", *"23", "enter", *"65 = 9", "enter", "f9", "f9", "f8", "1", "enter", "5",
                     "enter", "f8"])
        await wait_until(pilot, lambda: meeting.step.id == "kiezen" and len(reopen(session.id).session.themes) == 2,
                         "vote step with two themes")
        saved = reopen(session.id).session
        assert saved.tally.participants == 23
        assert saved.tally.groups == {"65": 9}
        assert app.screen is meeting


async def _home(pilot, app) -> None:
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded, "the list of sessions")


async def test_title_typed_right_after_n_goes_into_the_new_form(data_dir):
    app = make_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app)
        await pilot.press("n", "S", "n", "e", "l")
        await wait_until(pilot, lambda: isinstance(app.screen, PrepareScreen), "the new-session form")
        form = app.screen
        await wait_until(pilot, lambda: form.query_one("#title").value == "Snel", "title 'Snel'")


async def test_a_title_sent_at_once_with_n_is_kept_whole(data_dir):
    app = make_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await _home(pilot, app)
        _burst(app, ["n", *"Snelle avond"])
        await wait_until(pilot, lambda: isinstance(app.screen, PrepareScreen), "the new-session form")
        form = app.screen
        await wait_until(pilot, lambda: form.query_one("#title").value == "Snelle avond", "title 'Snelle avond'")
