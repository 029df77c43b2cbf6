"""The report over many sessions (500 of 50 contributions), in a fresh process."""

from __future__ import annotations

from bench import data
from bench.fig_core import row

TARGET = 3.0


def run(ctx) -> list:
    sessions, size = (20, 50) if ctx.quick else (500, 50)
    runs = 2 if ctx.quick else 5
    store, _ids = data.make_store(ctx.tmp / "report", [size] * sessions, seed=1000)
    return [row(f"report over {sessions} sessions of {size} contributions (md + csv + json)",
                ["report", str(store.data_dir)], runs, TARGET)]
