"""Timing helpers, the result row and the table."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

REPO = Path(__file__).resolve().parent.parent


def median(values: Sequence[float]) -> float:
    """The median; NaN for no values."""
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank, so p99 of 20 samples is the largest)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-p * len(ordered) // 100))))
    return ordered[rank - 1]


def child_env(**extra: str) -> dict[str, str]:
    """Environment for subprocesses: the repository importable, Dutch, no colour codes."""
    env = dict(os.environ)
    # A user's Python caches compiled modules (__pycache__); some developer shells
    # switch that off, which would add ~30 ms of compiling to every start measured.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env.setdefault("LANGUAGE", "nl")
    env.update(extra)
    return env


def time_process(cmd: list[str], runs: int, *, env: dict | None = None, check: bool = True) -> list[float]:
    """Wall time of running ``cmd`` to completion, ``runs`` times, in seconds."""
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, env=env or child_env(), cwd=REPO)
        samples.append(time.perf_counter() - t0)
        if check and proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return samples


def interleaved(fns: Sequence[Callable[[], float | None]], runs: int) -> list[list[float]]:
    """Run several measurements in turn (a, b, a, b, …) so drift hits all alike.

    Each ``fn`` returns its own measured seconds, or ``None`` to be timed here.
    """
    results: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            value = fn()
            results[i].append(time.perf_counter() - t0 if value is None else value)
    return results


@dataclass
class Row:
    """One line of the table.

    ``ours``/``base`` are medians (or the statistic named in the figure);
    ``ok`` is the verdict against ``target``; ``na`` says why a figure
    crashed (the run then exits non-zero).
    """

    figure: str
    ours: float | None = None
    base: float | None = None
    target: str = ""
    ok: bool | None = None
    unit: str = "s"
    na: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.base:
            return None
        return self.ours / self.base


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.1f} MB"
    return f"{value:g} {unit}"


def machine() -> str:
    """One line about where the figures were measured."""
    cores = os.cpu_count()
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        pass
    try:
        load = " · load average %.1f (other work on the machine slows every figure)" % os.getloadavg()[0]
    except (AttributeError, OSError):
        load = ""
    return (
        f"{dt.date.today().isoformat()} · {cores} cores · {platform.machine()} · "
        f"{platform.system()} {platform.release()} · Python {platform.python_version()}{load}"
    )


def table(rows: list[Row]) -> str:
    """The result table as Markdown, so it can be pasted into the README."""
    head = ["figure", "ours (median)", "baseline (median)", "ratio", "target", "verdict"]
    lines = [head]
    for r in rows:
        if r.na:
            lines.append([r.figure, r.na, fmt(r.base, r.unit) if r.base is not None else "—", "—", r.target, "n/a"])
            continue
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "—"
        verdict = "pass" if r.ok else "FAIL" if r.ok is not None else "—"
        lines.append([r.figure, fmt(r.ours, r.unit), fmt(r.base, r.unit), ratio, r.target, verdict])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = []
    for n, line in enumerate(lines):
        out.append("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |")
        if n == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    notes = [f"- {r.figure}: {r.note}" for r in rows if r.note]
    return "\n".join(out + ([""] + notes if notes else []))

