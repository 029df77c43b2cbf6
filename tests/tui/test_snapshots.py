"""Screenshots of the main screens at 80×24 and 120×40, compared with approved SVGs.

The example session (fixed ids and times) and a fixed clock make every run
draw the same picture. After a deliberate change to a screen, look at the
new pictures, then accept them with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

import pytest

from wijksessie.demo import create_demo
from wijksessie.tui.app import make_app

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture
def demo_app(store, data_dir, clock):
    """``demo_app(open_demo=False)`` → the program over a folder holding the example session."""

    def build(open_demo: bool = False):
        sid = create_demo(store)
        return make_app(data_dir, sid if open_demo else None, lang="nl", clock=clock)

    return build


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, demo_app, size):
    assert snap_compare(demo_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_prepare(snap_compare, demo_app, size):
    assert snap_compare(demo_app(), press=["n"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_meeting_discuss_step_with_entries(snap_compare, demo_app, size):
    assert snap_compare(demo_app(open_demo=True), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_vote_ranking_with_tie(snap_compare, demo_app, size):
    assert snap_compare(demo_app(open_demo=True), press=["f7"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_room_view_ranking(snap_compare, demo_app, size):
    assert snap_compare(demo_app(open_demo=True), press=["f7", "f9"], terminal_size=size)
