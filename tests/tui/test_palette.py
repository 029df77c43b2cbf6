"""The command palette speaks Dutch, opens sessions, exports, and switches the language while running."""

from __future__ import annotations

import json

from textual.command import CommandPalette
from textual.widgets import Input

from tests.tui.waiting import wait_until
from wijksessie import i18n
from wijksessie.tui.app import make_app
from wijksessie.tui.screens.meeting import MeetingScreen


async def open_palette_and_run(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    for _attempt in range(200):
        if CommandPalette.is_open(pilot.app):
            break
        await pilot.pause()
    palette = pilot.app.screen
    assert palette.query_one(Input).placeholder == "Zoek een opdracht\u2026"
    palette.query_one(Input).value = words
    for _attempt in range(300):  # the palette searches in the background
        await pilot.pause()
        if palette.query_one("CommandList").option_count:
            break
    await pilot.press("down", "enter")  # down highlights the first hit
    for _attempt in range(200):
        if not CommandPalette.is_open(pilot.app):
            break
        await pilot.pause()


async def test_palette_opens_the_example_and_makes_the_export(data_dir, clock, until, read_screen):
    from wijksessie.tui.screens.outputs import OutputsScreen

    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_palette_and_run(pilot, "Voorbeeldsessie")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the example meeting")
        await open_palette_and_run(pilot, "Bestanden maken")
        await until(pilot, lambda: isinstance(app.screen, OutputsScreen), "the files screen")
        folder = data_dir / "uitvoer" / "voorbeeld"
        assert str(folder) in read_screen(app)  # where the files go, before anything is made
        await pilot.press("down", "down", "enter")  # the third choice: all data as JSON
        target = folder / "export-voorbeeld.json"
        await until(pilot, lambda: target.is_file(), "the JSON export")
        await until(pilot, lambda: "export-voorbeeld.json" in read_screen(app), "the file named on screen")
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert len(exported["contributions"]) == 20


async def test_no_match_is_said_in_dutch(data_dir, clock, until, read_screen):
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await until(pilot, lambda: CommandPalette.is_open(app), "the palette")
        app.screen.query_one(Input).value = "qqqzzz"
        await until(pilot, lambda: "Geen opdracht gevonden voor: qqqzzz." in read_screen(app), "the Dutch no-match line")
        assert "No matches found" not in read_screen(app)
        await pilot.press("escape")
        await until(pilot, lambda: not CommandPalette.is_open(app), "the palette closed")


async def test_language_switch_from_the_palette_redraws_the_footer(data_dir, demo, clock):
    app = make_app(data_dir, demo, clock=clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the example meeting")
        descriptions = lambda: {ab.binding.description for ab in app.screen.active_bindings.values()}  # noqa: E731
        assert "Volgende stap" in descriptions()
        await open_palette_and_run(pilot, "English")
        await wait_until(pilot, lambda: "Next step" in descriptions(), "the footer in English")
        assert i18n.current_language() == "en"
        assert isinstance(app.screen, MeetingScreen) and app.screen.step.id == "bespreken"
        await app.switch_language("nl")
        await wait_until(pilot, lambda: "Volgende stap" in descriptions(), "the footer in Dutch again")
