"""Opening a session from the command line: straight onto the meeting screen, and nothing left paused.

The figure itself is measured by ``python -m bench --only tui`` (README "Speed");
these tests hold the design that figure rests on.
"""

from __future__ import annotations

import gc

from wijksessie.model import Session
from wijksessie.tui.app import make_app
from wijksessie.tui.screens.meeting import MeetingScreen


async def test_the_meeting_screen_is_the_first_screen_and_the_collector_runs_again(data_dir, st):
    session = Session.new("Avond in Oost", "Oost", date="2026-03-12")
    st.create(session)
    assert gc.isenabled()
    app = make_app(data_dir, session.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert len(app.screen_stack) == 1  # no empty screen below it
        assert app.focused is not None and app.focused.id == "entry"  # ready to type at once
        assert gc.isenabled(), "the garbage collector is paused only until the first frame"
    assert gc.isenabled()


async def test_a_session_that_cannot_be_opened_still_says_why(data_dir, st):
    from wijksessie.tui.screens.home import HomeScreen

    st.create(Session.new("Avond in Oost", "Oost", date="2026-03-12"))
    app = make_app(data_dir, "bestaat-niet")
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (said.append(str(kw.get("title", "")) + " " + str(message)), notify(message, **kw))[1]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # the list of sessions, to choose another
        assert any("Openen lukte niet" in line and "bestaat-niet" in line for line in said), said
        assert gc.isenabled()
