"""Key press to screen update while recording entries (headless, one process per app).

The facilitator types each entry and presses Enter. For every entry the
last letters are typed as real key events and timed, and so is the Enter
that saves it (to disk, durably) and shows it in the list: from the key
event reaching the app to the first composed frame that shows the effect.
The baseline is the same typing in a minimal Textual app (a field that
appends a line to a list, nothing saved).
"""

from __future__ import annotations

import json
import subprocess
import sys

from bench import data
from bench.harness import REPO, Row, child_env, percentile

TARGET = 0.050


def measure(which: str, n: int, data_dir=None, sid=None) -> dict:
    cmd = [sys.executable, "-m", "bench.tui_probe", "keys", which]
    if which == "ours":
        cmd += [str(data_dir), sid]
    cmd.append(str(n))
    proc = subprocess.run(cmd, capture_output=True, text=True, env=child_env(), cwd=REPO, timeout=600)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"{which} typing probe failed ({proc.returncode}): {proc.stdout[-500:]} {proc.stderr[-2000:]}")


def run(ctx) -> list[Row]:
    n = 10 if ctx.quick else 200
    store, (sid,) = data.make_store(ctx.tmp / "keys", [50], seed=41)
    base = measure("minimal", n)
    ours = measure("ours", n, store.data_dir, sid)
    rows = []
    for key, label in (("letters", "typing a letter"), ("enters", "Enter: save entry and show it")):
        row = Row(f"key → screen, {label} (p99 of {n} entries)", base=percentile(base[key], 99),
                  target=f"p99 ≤ {TARGET * 1000:.0f} ms")
        row.ours = percentile(ours[key], 99)
        row.ok = row.ours <= TARGET
        row.note = (f"median {ours[key] and sorted(ours[key])[len(ours[key]) // 2] * 1000:.1f} ms, "
                    f"{len(ours[key])} presses; baseline: minimal Textual app with a field and a list")
        rows.append(row)
    return rows
