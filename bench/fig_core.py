"""Helpers shared by the letter and report figures: run ``bench.core_probe`` in fresh processes."""

from __future__ import annotations

import subprocess
import sys
import time

from bench.harness import REPO, Row, child_env, median, time_process


def probe(args: list[str], runs: int) -> tuple[list[float], list[float]]:
    """(process wall times, in-process work times); a failing probe raises."""
    walls, works = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "bench.core_probe", *args], capture_output=True, text=True,
                              env=child_env(), cwd=REPO, timeout=600)
        walls.append(time.perf_counter() - t0)
        out = proc.stdout.strip().splitlines()
        last = out[-1] if out else ""
        if proc.returncode != 0 or not last.startswith("WORK "):
            raise RuntimeError(f"core probe {args[0]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
        works.append(float(last[5:]))
    return walls, works


def row(figure: str, args: list[str], runs: int, target: float) -> Row:
    """A row: whole-process wall time of the probe vs ``python -c pass``, absolute target."""
    base = median(time_process([sys.executable, "-c", "pass"], runs))
    walls, works = probe(args, runs)
    r = Row(figure, base=base, target=f"≤ {target * 1000:.0f} ms" if target < 1 else f"≤ {target:g} s")
    r.ours = median(walls)
    r.ok = r.ours <= target
    r.note = (f"fresh process, imports included; the work itself (after imports) took {median(works) * 1000:.0f} ms; "
              "baseline is `python -c pass`")
    return r
