"""Faults found by walking a whole evening in a real terminal, kept from coming back.

Each test presses only keys the footer or F1 shows, as a facilitator would.
"""

from __future__ import annotations

import pytest

from wijksessie.content import get_agenda
from wijksessie.model import Session
from wijksessie.tui.app import make_app
from wijksessie.tui.screens.help import HelpScreen
from wijksessie.tui.screens.meeting import MeetingScreen
from wijksessie.tui.screens.room import RoomScreen

STEP_IDS = [s.id for s in get_agenda("standaard-90").steps]


async def _until(pilot, condition, what: str, tries: int = 300) -> None:
    for attempt in range(tries):
        if condition():
            return
        await pilot.pause(None if attempt < 50 else 0.01)
    raise AssertionError(f"never happened: {what}")


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
