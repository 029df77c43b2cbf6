"""Recording during a long meeting: the latest rows first, saving right after the row shows, privacy warnings."""

from __future__ import annotations

import pytest
from test_meeting import screen_text, type_text, until  # same folder (pytest puts it on the path)

from wijksessie.model import Contribution, Session
from wijksessie.tui.app import make_app
from wijksessie.tui.screens.meeting import MeetingScreen
from wijksessie.tui.widgets.entries import OLDER_ID, WINDOW, EntryList


@pytest.fixture
def read_screen():
    """``read_screen(app)`` → the screen as plain text (public API only)."""
    return screen_text


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


async def test_entry_shows_first_and_is_saved_before_the_indicator_says_so(data_dir, store, clock, reopen):
    sid = _session_with(store, 0)
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test() as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        meeting = app.screen
        indicator = meeting.query_one("#save-state")
        await type_text(pilot, "Meer bankjes in het park")
        await pilot.press("enter")
        await until(pilot, lambda: str(indicator.render()).startswith("Opgeslagen"), "saved mark")
        assert [c.text for c in reopen(sid).contributions()] == ["Meer bankjes in het park"]
        assert meeting.entry_count() == 1
        # Undo right after Enter takes back that entry, also when its save had still to run.
        await type_text(pilot, "Tweede")
        await pilot.press("enter", "ctrl+z")
        await until(pilot, lambda: meeting.entry_count() == 1, "undone")
        assert [c.text for c in reopen(sid).contributions()] == ["Meer bankjes in het park"]


async def test_phone_number_in_an_entry_is_flagged_and_ctrl_o_anonymises_it(data_dir, store, clock, reopen,
                                                                            read_screen):
    sid = _session_with(store, 0)
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        meeting = app.screen
        await type_text(pilot, "Bel mevrouw Jansen op 06-12345678")
        await pilot.press("enter")

        def warning_shown() -> bool:
            return "telefoonnummer" in read_screen(app) and "ctrl+o" in read_screen(app)

        await until(pilot, warning_shown, "personal data warning")
        assert meeting.check_action("anonymise", ()) and "^o" in read_screen(app)
        footer = read_screen(app).splitlines()[-1].split()
        for key in ("f8", "f9", "^z", "^o", "f1", "^p"):  # every key of the footer fits in 80 columns
            assert key in footer, footer
        assert footer[-1] == "Opdrachten", footer
        assert reopen(sid).contributions()[0].text == "Bel mevrouw Jansen op 06-12345678"

        await pilot.press("ctrl+o")
        await until(pilot, lambda: "06-12345678" not in reopen(sid).contributions()[0].text, "anonymised")
        stored = reopen(sid).contributions()[0].text
        assert stored.startswith("Bel mevrouw") and stored.endswith(" op [telefoonnummer]")
        assert "[telefoonnummer]" in str(meeting.query_one(EntryList).get_option_at_index(0).prompt)
        # The text is fixed: the warning and the key in the footer are gone.
        await until(pilot, lambda: "ctrl+o" not in read_screen(app) and "^o" not in read_screen(app), "warning gone")

        # Like any change it can be undone; then the warning is back, since it applies again.
        await pilot.press("ctrl+z")
        await until(pilot, lambda: reopen(sid).contributions()[0].text.endswith("06-12345678"), "undone")
        await until(pilot, warning_shown, "warning back after undo")


async def test_warning_goes_when_the_text_is_fixed_or_another_entry_follows(data_dir, store, clock, reopen,
                                                                           read_screen):
    sid = _session_with(store, 0)
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        meeting = app.screen
        await type_text(pilot, "Mail naar piet@example.nl")
        await pilot.press("enter")
        await until(pilot, lambda: "e-mailadres" in read_screen(app), "warning")
        # Fixed by hand with e (edit): the warning goes.
        await pilot.press("escape", "e")
        await until(pilot, lambda: type(app.screen).__name__ == "ContributionDialog", "edit dialog")
        field = app.screen.query_one("#edit-text")
        field.value = "Mail naar het wijkteam"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is meeting, "back")
        await until(pilot, lambda: reopen(sid).contributions()[0].text == "Mail naar het wijkteam", "saved")
        assert "e-mailadres" not in read_screen(app) and not meeting.check_action("anonymise", ())

        # A warning about one entry does not stay (with ^o) once another entry is typed.
        await pilot.press("a")
        await type_text(pilot, "Bel 06-12345678")
        await pilot.press("enter")
        await until(pilot, lambda: "telefoonnummer" in read_screen(app), "warning")
        await type_text(pilot, "Meer groen in de straat")
        await pilot.press("enter")
        await until(pilot, lambda: len(reopen(sid).contributions()) == 3, "saved")
        await until(pilot, lambda: "telefoonnummer" not in read_screen(app), "warning gone")
        assert not meeting.check_action("anonymise", ()) and "^o" not in read_screen(app)


async def test_ordinary_entry_gets_no_warning(data_dir, store, clock, reopen):
    sid = _session_with(store, 0)
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        await type_text(pilot, "Het speelveld is vaak dicht")
        await pilot.press("enter")
        await until(pilot, lambda: len(reopen(sid).contributions()) == 1, "saved")
        await pilot.pause()
        assert not app.screen.query_one("#privacy-bar").display
        assert not app.screen.check_action("anonymise", ())


async def test_v_keeps_one_entry_off_the_projector_without_deleting_it(data_dir, store, clock, reopen, read_screen):
    from wijksessie.tui.screens.room import RoomScreen

    session = Session.new("Lange avond", "Oost")
    session.current_step = "bespreken"  # the discussion: the room sees what was said
    sid = store.create(session).id
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        meeting = app.screen
        for text in ("Meer bankjes in het park", "Mijn buurman drinkt te veel"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await until(pilot, lambda: len(reopen(sid).contributions()) == 2, "saved")
        await pilot.press("escape", "v")  # the last row: off the projector
        await until(pilot, lambda: reopen(sid).contributions()[1].hidden_in_room, "hidden")
        assert "(niet op het" in read_screen(app)  # the row says so (wrapped at 80 columns)
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen), "room view")
        shown = read_screen(app)
        assert "Meer bankjes in het park" in shown and "buurman" not in shown
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is meeting, "back")
        await pilot.press("v")  # and back on
        await until(pilot, lambda: not reopen(sid).contributions()[1].hidden_in_room, "shown again")
    assert [c.text for c in reopen(sid).contributions()] == ["Meer bankjes in het park", "Mijn buurman drinkt te veel"]
