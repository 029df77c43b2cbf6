"""Waiting for what a user would notice: a condition, never a fixed sleep.

A busy machine (CI on two cores, the whole suite serially) makes workers,
timers and screen updates late, not wrong. So a wait ends when the condition
holds, and gives up only after a generous amount of *wall time* — not after a
fixed number of tries, which on a slow machine is over before a once-a-second
timer has fired twice.
"""

from __future__ import annotations

import time

#: Seconds a wait may take before the test fails (a real fault still fails, only later).
PATIENCE = 60.0


async def wait_until(pilot, condition, what: str = "the screen got ready", tries: int = 300,
                     seconds: float = PATIENCE) -> None:
    """Let the app work (messages, workers, timers) until ``condition()`` holds.

    Gives up after at least ``tries`` rounds *and* ``seconds`` of wall time.
    """
    deadline = time.monotonic() + seconds
    attempt = 0
    while not condition():
        if attempt >= tries and time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        # First let pending messages run; later also give timers a little wall time.
        await pilot.pause(None if attempt < 50 else 0.01)
        attempt += 1
