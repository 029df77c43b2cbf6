"""The feedback letter for a session of 1,000 contributions, as html, md and txt, in a fresh process."""

from __future__ import annotations

from bench import data
from bench.fig_core import row

TARGET = 0.5


def run(ctx) -> list:
    size = 100 if ctx.quick else 1000
    runs = 2 if ctx.quick else 7
    store, (sid,) = data.make_store(ctx.tmp / "letter", [size], seed=51)
    return [row(f"letter for {size:,} contributions (html + md + txt)",
                ["letter", str(store.data_dir), sid], runs, TARGET)]
