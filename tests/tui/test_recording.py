"""Recording during a long meeting: the latest rows first, saving right after the row shows, privacy warnings."""

from __future__ import annotations

from wijksessie.model import Contribution, Session
from wijksessie.tui.app import make_app
from wijksessie.tui.screens.meeting import MeetingScreen
from wijksessie.tui.widgets.entries import OLDER_ID, WINDOW, EntryList

from test_meeting import type_text, until  # same folder (pytest puts it on the path)


def _session_with(store, n: int) -> str:
    session = Session.new("Lange avond", "Oost")
    store.create(session)
    with store.open(session.id) as sf:
        for i in range(n):
            sf.add_contribution(Contribution.new(f"Inbreng nummer {i}", step="welkom"))
    return session.id


async def test_long_step_shows_latest_rows_and_older_ones_on_request(data_dir, store, clock, reopen):
    sid = _session_with(store, WINDOW + 12)
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        meeting = app.screen
        entries = meeting.query_one(EntryList)
        # The latest entries are there, the cursor on the last one; the rest waits behind one row.
        assert meeting.entry_count() == WINDOW
        assert entries.get_option_at_index(0).id == OLDER_ID
        last = entries.get_option_at_index(entries.option_count - 1)
        assert entries.highlighted == entries.option_count - 1
        assert f"Inbreng nummer {WINDOW + 11}" in str(last.prompt)

        # Going back home and up (as when scrolling back) shows the earlier rows.
        await pilot.press("escape", "home")
        await until(pilot, lambda: meeting.entry_count() == WINDOW + 12, "older rows shown")
        assert entries.get_option_at_index(0).id != OLDER_ID
        assert "Inbreng nummer 0" in str(entries.get_option_at_index(0).prompt)

        # Editing a row that was loaded later works like any other.
        await pilot.press("home", "k")
        await until(pilot, lambda: reopen(sid).contributions()[0].kind.value != "idea", "kind changed")
        # A new entry still lands at the bottom.
        await pilot.press("a")
        await type_text(pilot, "De laatste")
        await pilot.press("enter")
        await until(pilot, lambda: meeting.entry_count() == WINDOW + 13, "new row")
    assert reopen(sid).contributions()[-1].text == "De laatste"
