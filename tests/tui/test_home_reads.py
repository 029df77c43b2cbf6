"""The home screen reads each session file once per showing of the list, late promises included.

The store is real (TinyDB files in this test's data folder); only the function
that reads a file's bytes from disk is wrapped, to count how often each file is read.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from textual.screen import Screen

from wijksessie import feedback
from wijksessie.model import Agreement, Contribution, Session
from wijksessie.store import storage
from wijksessie.tui.app import make_app


def _sessions(store) -> list[str]:
    """One session with late promises (a point under review and an agreement), one without."""
    late = Session.new("Laat", "Noord", date="2026-01-10", languages=["nl"])
    store.create(late)
    with store.open(late.id) as sf:
        c = sf.add_contribution(Contribution.new("Te weinig groen bij de flats", theme="Groen", kind="problem"))
        sf.decide(c.id, "under_review", reason="We vragen het na.", due="2026-02-01")  # before 12 March
        sf.add_agreement(Agreement.new("Bankje bij de speeltuin", "Gemeente", "2026-03-01"))
        feedback.record_letter(sf, language="nl", fmt="html", kind="final", today=dt.date(2026, 1, 20))
    on_time = Session.new("Op tijd", "Zuid", date="2026-03-10", languages=["nl"])
    store.create(on_time)
    return [late.id, on_time.id]


async def _settled(pilot) -> None:
    """Let the list's worker finish and its result reach the screen (and anything it starts finish too)."""
    for _round in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def test_home_list_reads_each_session_file_once(store, read_screen, clock, until, monkeypatch):
    ids = _sessions(store)
    paths = {store.path_for(sid) for sid in ids}
    reads: Counter[Path] = Counter()
    read_regular = storage.read_regular

    def counting(path: Path) -> bytes | None:
        reads[Path(path)] += 1
        return read_regular(path)

    monkeypatch.setattr(storage, "read_regular", counting)
    app = make_app(store.data_dir, clock=clock)
    async with app.run_test(size=(100, 24)) as pilot:
        await until(pilot, lambda: "2 te laat" in read_screen(app), "the late session is flagged")
        await _settled(pilot)
        assert {p: reads[p] for p in paths} == {p: 1 for p in paths}
        lines = read_screen(app).splitlines()
        assert "verstuurd, 2 te laat" in next(line for line in lines if "Laat" in line)
        assert "te laat" not in next(line for line in lines if "Op tijd" in line)

        # Back on the list after another screen: read again (things may have changed), once more each.
        home = app.screen
        await app.push_screen(Screen())
        await pilot.pause()
        app.pop_screen()
        await until(pilot, lambda: app.screen is home and reads[min(paths)] >= 2, "the list is read again")
        await _settled(pilot)
        assert {p: reads[p] for p in paths} == {p: 2 for p in paths}
        assert "verstuurd, 2 te laat" in next(line for line in read_screen(app).splitlines() if "Laat" in line)
