"""Screenshots of the main screens at 80×24 and 120×40, compared with approved SVGs.

The example session (fixed ids and times) and a fixed clock make every run
draw the same picture. After a deliberate change to a screen, look at the
new pictures, then accept them with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

import pytest

from tests.tui.waiting import wait_until
from wijksessie.demo import create_demo
from wijksessie.tui.app import make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def wait_for(pilot, condition, tries: int = 300) -> None:
    """Let workers and timers run until ``condition()`` holds (no fixed sleeps; patient on a busy machine)."""
    await wait_until(pilot, condition, "the screen got ready", tries)


async def home_loaded(pilot) -> None:
    """The session list is read in a worker: wait until it is on screen."""
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "loaded", True))


async def on_screen(pilot, keys: list[str], ready) -> None:
    await home_loaded(pilot)
    for key in keys:
        await pilot.press(key)
        await pilot.pause()
    await wait_for(pilot, lambda: ready(pilot.app.screen))


@pytest.fixture
def demo_app(store, data_dir, clock):
    """``demo_app(open_demo=False)`` → the program over a folder holding the example session."""

    def build(open_demo: bool = False):
        sid = create_demo(store)
        return make_app(data_dir, sid if open_demo else None, lang="nl", clock=clock)

    return build


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, demo_app, size):
    assert snap_compare(demo_app(), terminal_size=size, run_before=home_loaded)


@pytest.mark.parametrize("size", SIZES)
def test_prepare(snap_compare, demo_app, size):
    async def fill(pilot):
        await home_loaded(pilot)
        await pilot.press("n", *"Buurtavond", "enter", *"Oost", "enter")
        pilot.app.screen.query_one("#date").value = "1 april"
        await wait_for(pilot, lambda: "april" in str(pilot.app.screen.query_one("#date-preview").render()))

    assert snap_compare(demo_app(), terminal_size=size, run_before=fill)


@pytest.mark.parametrize("size", SIZES)
def test_meeting_discuss_step_with_entries(snap_compare, demo_app, size):
    assert snap_compare(demo_app(open_demo=True), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_vote_ranking_with_tie(snap_compare, demo_app, size):
    assert snap_compare(demo_app(open_demo=True), press=["f7"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_room_view_ranking(snap_compare, demo_app, size):
    assert snap_compare(demo_app(open_demo=True), press=["f7", "f9"], terminal_size=size)


# ---------------------------------------------------------------- the end of the evening (tui-shell)


@pytest.fixture
def fixed_app(request, clock, monkeypatch):
    """Like ``demo_app``, in a folder whose name is the same every run (these screens show it)."""
    import shutil
    from pathlib import Path

    from wijksessie.store import SessionStore

    folder = Path("/tmp") / ("ws-" + request.node.name.replace("[", "-").replace("]", "").replace("test_", ""))
    shutil.rmtree(folder, ignore_errors=True)
    data = folder / "data"
    monkeypatch.setenv("WIJKSESSIE_DATA_DIR", str(data))
    request.addfinalizer(lambda: shutil.rmtree(folder, ignore_errors=True))

    def build():
        create_demo(SessionStore(data))
        return make_app(data, None, lang="nl", clock=clock)

    return build


@pytest.mark.parametrize("size", SIZES)
def test_followup(snap_compare, demo_app, size):
    async def ready(pilot):
        await on_screen(pilot, ["f"], lambda screen: type(screen).__name__ == "FollowUpScreen")

    assert snap_compare(demo_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_letter(snap_compare, fixed_app, size):
    async def ready(pilot):
        await on_screen(pilot, ["b"], lambda screen: getattr(screen, "letter_text", ""))

    assert snap_compare(fixed_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_outputs_after_making_everything(snap_compare, fixed_app, size):
    async def ready(pilot):
        await on_screen(pilot, ["u", "a"], lambda screen: getattr(screen, "made", None) and not screen.busy)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(fixed_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_session_settings(snap_compare, demo_app, size):
    async def ready(pilot):
        await on_screen(pilot, ["s"], lambda screen: type(screen).__name__ == "SessionSettingsScreen")

    assert snap_compare(demo_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_overview(snap_compare, demo_app, size):
    async def ready(pilot):
        await on_screen(pilot, ["o"], lambda screen: getattr(screen, "report", None) is not None)

    assert snap_compare(demo_app(), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES)
def test_tally_step(snap_compare, demo_app, size):
    assert snap_compare(demo_app(open_demo=True), press=["f7", "f7", "f7"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_room_view_level_of_influence(snap_compare, demo_app, size):
    assert snap_compare(demo_app(open_demo=True), press=["f7", "f7", "f7", "f7", "f9"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_theme_picker_after_typing(snap_compare, demo_app, size):
    assert snap_compare(demo_app(open_demo=True), press=["f6", "e"], terminal_size=size)
