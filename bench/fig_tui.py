"""Opening the program on a session until the meeting screen shows, and its peak memory.

Each start is a fresh process (``bench.tui_probe open``), timed from spawn to
the moment the first frame of the meeting screen is composed. The baseline
is a minimal Textual app (header, static text, footer) started the same way;
the two take turns. Peak memory is the child's own high-water mark (``VmHWM``) at that moment.
"""

from __future__ import annotations

import subprocess
import sys
import time

from bench import data
from bench.harness import REPO, Row, child_env, median

RATIO_TARGET = 1.5


def start(which: str, data_dir=None, sid=None) -> tuple[float, float]:
    """One start: (seconds to the first frame, peak memory in MB)."""
    cmd = [sys.executable, "-m", "bench.tui_probe", "open", which]
    if which == "ours":
        cmd += [str(data_dir), sid]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=child_env(), cwd=REPO)
    ready = None
    maxrss = None
    lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("READY") and ready is None:
            ready = time.perf_counter() - t0
        elif line.startswith("MAXRSS "):
            maxrss = int(line.split()[1]) / 1024
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait()
    if ready is None or maxrss is None:
        raise RuntimeError(f"{which} app did not show its screen (exit {proc.returncode}): {''.join(lines)[-500:]} {err[-1500:]}")
    return ready, maxrss


def run(ctx) -> list[Row]:
    size = 100 if ctx.quick else 1000
    runs = 2 if ctx.quick else 7
    store, (sid,) = data.make_store(ctx.tmp / "tui", [size], seed=31)
    base_t, base_m, ours_t, ours_m = [], [], [], []
    # One untimed start of each first, so both are measured with compiled modules
    # cached, as on a user's machine after the first start.
    start("minimal")
    start("ours", store.data_dir, sid)
    for _ in range(runs):
        t, m = start("minimal")
        base_t.append(t)
        base_m.append(m)
        t, m = start("ours", store.data_dir, sid)
        ours_t.append(t)
        ours_m.append(m)
    rows = [
        Row(f"open a session of {size:,} until the meeting screen shows", target=f"≤ {RATIO_TARGET:g}× baseline",
            base=median(base_t), note="baseline: minimal Textual app (Header, Static, Footer), fresh process, headless"),
        Row("peak memory of the same (VmHWM / ru_maxrss)", target=f"≤ {RATIO_TARGET:g}× baseline",
            base=median(base_m), unit="MB"),
    ]
    rows[0].ours = median(ours_t)
    rows[1].ours = median(ours_m)
    for row in rows:
        ratio = row.ratio
        row.ok = ratio is not None and ratio <= RATIO_TARGET
    return rows
