"""Opening the program on a session until the meeting screen shows, and its peak memory.

Each start is a fresh program in its own pseudo-terminal (:func:`bench.tui_probe.open_once`):
``wijksessie open SID`` as a user types it, timed from spawn to the moment the
terminal receives the first frame of the meeting screen. The baseline is a bare
Textual app (:mod:`bench.minimal_app`) started and timed the same way; the two
take turns. Peak memory is each program's own high-water mark (``VmHWM``) at that moment.
"""

from __future__ import annotations

from bench import data
from bench.harness import Row, median
from bench.tui_probe import minimal, open_once, ours

RATIO_TARGET = 1.5


def run(ctx) -> list[Row]:
    size = 100 if ctx.quick else 1000
    runs = 2 if ctx.quick else 7
    store, (sid,) = data.make_store(ctx.tmp / "tui", [size], seed=31)
    base, mine = minimal(), ours(store.data_dir, sid)
    # One untimed start of each first, so both are measured with compiled modules
    # (and our checked agenda) cached, as on a user's machine after the first start.
    open_once(base)
    open_once(mine)
    base_t, base_m, ours_t, ours_m = [], [], [], []
    for _ in range(runs):
        t, m = open_once(base)
        base_t.append(t)
        base_m.append(m)
        t, m = open_once(mine)
        ours_t.append(t)
        ours_m.append(m)
    rows = [
        Row(f"open a session of {size:,} until the meeting screen shows", target=f"≤ {RATIO_TARGET:g}× baseline",
            base=median(base_t),
            note=f"median of {runs} starts each, taking turns; `wijksessie open` vs a bare Textual app "
                 "(bench/minimal_app.py), each a fresh program in a 120×40 pseudo-terminal, "
                 "timed from spawn to the arrival of its first frame"),
        Row("peak memory of the same (VmHWM / ru_maxrss)", target=f"≤ {RATIO_TARGET:g}× baseline",
            base=median(base_m), unit="MB"),
    ]
    rows[0].ours = median(ours_t)
    rows[1].ours = median(ours_m)
    for row in rows:
        ratio = row.ratio
        row.ok = ratio is not None and ratio <= RATIO_TARGET
    return rows
