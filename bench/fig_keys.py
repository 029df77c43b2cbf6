"""Key press to screen update while recording entries, in a pseudo-terminal (:class:`bench.tui_probe.Typist`).

The facilitator types each entry and presses Enter. For every entry the
last letters are typed and timed, and so is the Enter that saves it (to
disk, durably) and shows it in the list: from writing the key's bytes to the
terminal to the arrival of the repaint that shows its effect. Our program
(``wijksessie open SID``) and the baseline, a bare Textual app with a field
that appends a line to a list and saves nothing (:mod:`bench.minimal_app`),
are open side by side and take turns, one entry each.
"""

from __future__ import annotations

from bench import data
from bench.data import _EXTRAS  # short realistic sentences to type
from bench.harness import Row, median, percentile
from bench.tui_probe import Typist, minimal, ours

TARGET = 0.050


def run(ctx) -> list[Row]:
    n = 10 if ctx.quick else 200
    store, (sid,) = data.make_store(ctx.tmp / "keys", [50], seed=41)
    typists = [Typist(minimal()), Typist(ours(store.data_dir, sid))]
    results: list[dict[str, list[float]]] = [{"letters": [], "enters": []} for _ in typists]
    try:
        for i in range(n):
            text = f"{_EXTRAS[i % len(_EXTRAS)]} ({i})"
            for typist, result in zip(typists, results):
                letters, enter = typist.entry(i, text)
                result["letters"].extend(letters)
                result["enters"].append(enter)
    finally:
        for typist in typists:
            typist.close()
    base, mine = results
    rows = []
    for key, label in (("letters", "typing a letter"), ("enters", "Enter: save entry and show it")):
        row = Row(f"key → screen, {label} (p99 of {n} entries)", base=percentile(base[key], 99),
                  target=f"p99 ≤ {TARGET * 1000:.0f} ms")
        row.ours = percentile(mine[key], 99)
        row.ok = row.ours <= TARGET
        row.note = (f"median {median(mine[key]) * 1000:.1f} ms (baseline {median(base[key]) * 1000:.1f} ms), "
                    f"{len(mine[key])} presses; key bytes written to a 120×40 pseudo-terminal until the "
                    "repaint arrives; baseline: bare Textual app with a field and a list, taking turns")
        rows.append(row)
    return rows
