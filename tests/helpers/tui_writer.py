"""The full-screen program recording entries, to be killed by the crash test.

``tui_writer.py DATA_DIR SESSION SEED`` opens the session in the real app
(headless, driven by Textual's Pilot), types entries and presses Enter, and
prints ``text <entry>`` only once the program has accepted it as saved: the
input line is cleared and the indicator (which says "Opslaan…" meanwhile)
says "Opgeslagen" only after the store call returned. It prints ``open`` when the entry line has the keyboard,
and ``error ...`` if the session could not be opened for writing.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from textual.widgets import Input  # noqa: E402

from wijksessie import i18n  # noqa: E402
from wijksessie.tui.app import make_app  # noqa: E402


def say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


async def _until(pilot, condition, what: str, limit: int = 2000) -> None:
    for _i in range(limit):
        if condition():
            return
        await pilot.pause()
    say(f"error timeout waiting for {what}")
    os._exit(3)


def _indicator(app) -> str | None:
    """The text of the save indicator, whatever widget shows it (None if the screen has none)."""
    found = app.screen.query("#save-state")
    if not found:
        return None
    widget = found.first()
    content = getattr(widget, "content", None)
    return str(content if content is not None else widget.render()).strip()


async def main(data_dir: str, session: str, seed: int) -> None:
    rng = random.Random(seed)
    i18n.set_language("nl")
    app = make_app(Path(data_dir), session)
    async with app.run_test(size=(120, 40)) as pilot:

        def entry() -> Input | None:
            found = app.screen.query("#entry")
            return found.first() if found else None

        await _until(pilot, lambda: entry() is not None and app.focused is entry(), "the entry line")
        if entry().disabled:
            say("error the session opened read-only")
            os._exit(3)
        say("open")
        i = 0
        while True:
            i += 1
            # Short texts: Pilot waits for the app to be idle after every key, which costs ~50 ms a key.
            text = f"{seed}-{i}" + "!" * rng.randint(0, 2)
            await pilot.press(*text)
            await pilot.press("enter")
            await _until(pilot, lambda: entry().value == "", "the entry to be accepted")
            # The row shows first and is saved right after; "Opslaan…" until the store returned.
            await _until(pilot, lambda: not (_indicator(app) or "").startswith("Opslaan"), "the entry to be saved")
            state = _indicator(app)
            if state is not None and not state.startswith("Opgeslagen"):
                say(f"error indicator says {state!r}")
                os._exit(3)
            say(f"text {text}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
