"""Child process for the full-screen figures (run by :mod:`bench.fig_tui` and :mod:`bench.fig_keys`).

``python -m bench.tui_probe open  ours|minimal [DATA SID]``
    start the app headless; print ``READY`` the moment the first frame that
    shows the meeting screen (ours) or the static text (minimal) has been
    composed, then ``MAXRSS <kB>``, and exit. The parent times the process
    from its start to the ``READY`` line, so interpreter start and imports
    count, as they do for a user.

``python -m bench.tui_probe keys  ours|minimal [DATA SID] N``
    record ``N`` entries by typing; print one JSON object with the latency
    of each timed key press: from the key event reaching the app to the
    first composed frame that shows its effect (the typed letter in the
    field, or the new entry in the list).

Frames are caught by wrapping ``App._display``, which the screen calls with
every compositor update (also headless, where Textual skips writing to the
terminal; the wrapper renders the update to terminal bytes anyway so that
cost is counted, as it would be on a real screen).
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from functools import partial
from pathlib import Path
from typing import Callable

SIZE = (120, 40)


# ----------------------------------------------------------------------------- apps


def minimal_app():
    """The baseline: a header, a static text and a footer; and a field + list for typing."""
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Footer, Header, Input, Static

    class Minimal(App):
        def compose(self) -> ComposeResult:
            yield Header()
            yield Static("Gezond leven in de wijk", id="text")
            yield VerticalScroll(id="entries")
            yield Input(id="entry")
            yield Footer()

        def on_input_submitted(self, event: Input.Submitted) -> None:
            self.query_one("#entries").mount(Static(event.value))
            event.input.value = ""

    return Minimal()


class Target:
    """How to start an app and recognise its states."""

    def __init__(self, which: str, data: str | None, sid: str | None):
        self.which = which
        if which == "minimal":
            self.app = minimal_app()
        else:
            # As the ``open`` command does (wijksessie/commands/open_.py): the garbage collector
            # waits for the first frame from before Textual is imported.
            from wijksessie.tui.startup import pause_collector

            pause_collector(freeze_after=True)
            from wijksessie.tui.app import make_app

            if data is None:
                raise SystemExit("ours needs DATA and SID")
            self.app = make_app(Path(data), session=sid)

    def shown(self) -> bool:
        """The screen we wait for is up and mounted."""
        app = self.app
        if self.which == "minimal":
            return bool(app.screen.query("#text"))
        return _meeting_shown(app)

    def entry_field(self):
        if self.which == "minimal":
            return self.app.query_one("#entry")
        return _meeting_entry_field(self.app)

    def entry_count(self) -> int:
        if self.which == "minimal":
            return len(self.app.query_one("#entries").children)
        return _meeting_entry_count(self.app)


# Our meeting screen, as written in wijksessie/tui (kept in one place so a rename is one edit here).
MEETING_SCREEN_NAMES = ("MeetingScreen",)


def _meeting_shown(app) -> bool:
    """The meeting screen is up with its step: the entry field and the list of contributions are mounted."""
    screen = app.screen
    return type(screen).__name__ in MEETING_SCREEN_NAMES and bool(screen.query("#entries")) and bool(screen.query("#entry"))


def _meeting_entry_field(app):
    """The line where the facilitator types what residents say (id ``entry`` in the step's entry panel)."""
    return app.screen.query_one("#entry")


def _meeting_entry_count(app) -> int:
    """Rows in the contribution lists of the meeting screen (``EntryList`` appends one per entry)."""
    from wijksessie.tui.widgets.entries import EntryList

    return sum(lst.option_count for lst in app.screen.query(EntryList))


# ----------------------------------------------------------------------------- frame hook


class Frames:
    """Calls ``check`` on every composed frame; resolves a future when a condition holds."""

    def __init__(self, app):
        from textual._compositor import CompositorUpdate

        self.app = app
        self.pending: tuple[float, Callable[[], bool], asyncio.Future] | None = None
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if renderable is not None and isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)  # the bytes a real terminal would get
            if self.pending is not None:
                t0, condition, future = self.pending
                if condition() and not future.done():
                    future.set_result(time.perf_counter() - t0)
                    self.pending = None

        app._display = display

    def expect(self, condition: Callable[[], bool], t0: float | None = None) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.pending = (time.perf_counter() if t0 is None else t0, condition, future)
        return future

    async def press(self, key: str, char: str | None, condition: Callable[[], bool]) -> float:
        """Send one key as the terminal driver would; seconds until a frame shows ``condition``."""
        from textual import events

        event = events.Key(key, char)
        event.set_sender(self.app)
        t0 = time.perf_counter()
        future = self.expect(condition, t0)
        self.app._driver.send_message(event)
        return await asyncio.wait_for(future, 10)


# ----------------------------------------------------------------------------- modes


async def open_mode(target: Target) -> None:
    app = target.app
    frames = Frames(app)
    future = frames.expect(lambda: _safe(target.shown))
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.wait_for(future, 60)
        sys.stdout.write("READY\n")
        sys.stdout.flush()
        sys.stdout.write(f"MAXRSS {peak_memory_kb()}\n")
        sys.stdout.flush()
        await pilot.pause()


async def keys_mode(target: Target, n: int) -> dict:
    from bench.data import _EXTRAS  # short realistic sentences to type

    app = target.app
    frames = Frames(app)
    letters: list[float] = []
    enters: list[float] = []
    shown = frames.expect(lambda: _safe(target.shown))
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.wait_for(shown, 60)
        await pilot.pause()
        field = target.entry_field()
        field.focus()
        await pilot.pause()
        before = target.entry_count()
        for i in range(n):
            text = f"{_EXTRAS[i % len(_EXTRAS)]} ({i})"
            head, tail = text[:-4], text[-4:]
            _set_text(field, head)  # typing every letter through Pilot would take minutes
            await pilot.pause()
            for ch in tail:  # the last letters are typed and timed
                expected = _get_text(field) + ch
                key = ch if ch.isalnum() else _key_name(ch)
                letters.append(await frames.press(key, ch, partial(_text_is, field, expected)))
            enters.append(await frames.press("enter", "\r", partial(_count_reaches, target, before + i + 1)))
            field = target.entry_field()
    return {"letters": letters, "enters": enters}


def peak_memory_kb() -> int:
    """Peak resident memory of this process in kB.

    ``VmHWM`` where Linux has it: ``ru_maxrss`` survives ``exec``, so a child
    started from a big parent would report the parent's size instead.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss // 1024 if sys.platform == "darwin" else maxrss  # bytes on macOS


def _key_name(ch: str) -> str:
    from textual.keys import _character_to_key

    return _character_to_key(ch)


def _text_is(field, expected: str) -> bool:
    return bool(_get_text(field) == expected)


def _count_reaches(target: Target, want: int) -> bool:
    return target.entry_count() >= want


def _get_text(field) -> str:
    return field.value if hasattr(field, "value") else field.text


def _set_text(field, text: str) -> None:
    if hasattr(field, "value"):
        field.value = text
        field.cursor_position = len(text)
    else:
        field.text = text
        field.move_cursor(field.document.end)


def _safe(check: Callable[[], bool]) -> bool:
    try:
        return bool(check())
    except Exception:  # noqa: BLE001 - the screen is still being built
        return False


def main(argv: list[str]) -> int:
    mode, which = argv[0], argv[1]
    data = argv[2] if len(argv) > 2 and which == "ours" else None
    sid = argv[3] if len(argv) > 3 and which == "ours" else None
    target = Target(which, data, sid)
    if mode == "open":
        asyncio.run(open_mode(target))
    else:
        result = asyncio.run(keys_mode(target, int(argv[-1])))
        sys.stdout.write("RESULT " + json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
