"""The home screen's session list writes dates as the interface language does, not as ISO."""

from __future__ import annotations

from tests.tui.waiting import wait_until
from wijksessie.demo import create_demo
from wijksessie.tui.app import make_app


async def _home_row(store, data_dir, clock, read_screen, lang: str) -> str:
    """The example session's line in the session list, at 80×24."""
    create_demo(store)
    app = make_app(data_dir, lang=lang, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: getattr(app.screen, "loaded", False), "the session list is read")
        await pilot.pause()
        rows = [line for line in read_screen(app).splitlines() if "Vogelbuurt" in line]
    assert rows, "the example session is in the list"
    return rows[0]


async def test_dutch_list_shows_the_dutch_short_date(store, data_dir, clock, read_screen):
    row = await _home_row(store, data_dir, clock, read_screen, "nl")
    assert "12-03-2026" in row  # the example meeting of 12 March 2026, as the Dutch write it
    assert "2026-03-12" not in row
    assert "Gezond" in row  # the title still fits beside it at 80 columns


async def test_english_list_shows_the_british_short_date(store, data_dir, clock, read_screen):
    row = await _home_row(store, data_dir, clock, read_screen, "en")
    assert "12/03/2026" in row  # day first, like the British wording
    assert "2026-03-12" not in row and "3/12/26" not in row
    assert "Gezond" in row
