"""A disk error while the program saves says what happened and what to do, in the program's one wording."""

from __future__ import annotations

import errno

from helpers.screen_host import Host
from textual.screen import Screen

from wijksessie.tui.base import run_safely


async def test_a_full_disk_while_saving_gives_the_full_disk_advice(until, notifications):
    def full() -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/media/usb/sessies/abc.json")

    app = Host(Screen)
    shown = notifications(app)
    async with app.run_test() as pilot:
        await until(pilot, lambda: app.screen is not None, "the screen shows")
        ok, result = run_safely(app.screen, full)
        assert (ok, result) == (False, None)
        await until(pilot, lambda: bool(shown), "a notification")
    message = shown[-1].message
    assert message.startswith("De schijf is vol. Dit kon niet worden opgeslagen: /media/usb/sessies/abc.json."), message
    assert "No space" not in message, "no English system text"
