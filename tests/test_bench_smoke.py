"""The benchmark never rots: ``python -m bench --quick`` runs every figure and prints its row.

Every figure must be measured (no "n/a", no crash) and meet its target.
Two exceptions are named below with their reason: the one target the
program does not reach yet, and the tail figures that ``--quick`` takes
from ten key presses only (there one slow frame is the p99). A missed
target anywhere else fails this test, unless the machine was busy with
other work (load average above its number of cores, as when tests of
several people share it): then timings say nothing and only "measured"
is checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

#: Targets not reached yet (README "Speed"); measured, shown, and allowed to say FAIL.
KNOWN_MISSED = {
    "until the meeting screen shows": "opening a session is 1.6-1.8× a bare Textual app against 1.5× (issue 16)",
}
#: In --quick these are the slowest of 10 key presses: a verdict, not a measurement.
NOISY_IN_QUICK = ("key → screen, typing a letter", "key → screen, Enter: save entry")

FIGURES = [
    "`wijksessie --help` wall time",
    "`wijksessie add` to ",
    "save 1 contribution, 100 in session (p50)",
    "save 1 contribution, 100 in session (p99)",
    "save 1 contribution, 1,000 in session (p99)",
    "until the meeting screen shows",
    "peak memory of the same",
    "letter for ",
    "letter as PDF, ",
    "letter as Word, ",
    "Arabic letter as PDF (shaped), ",
    "report over ",
    "key → screen, typing a letter",
    "key → screen, Enter: save entry",
]


def busy() -> bool:
    return os.getloadavg()[0] > (os.cpu_count() or 1)


def test_quick_bench_prints_every_figure():
    busy_before = busy()
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"], capture_output=True, text=True, cwd=REPO, timeout=240
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    timings_count = not (busy_before or busy())
    out = proc.stdout
    assert "cores" in out and "Python" in out  # where it was measured
    rows = [line for line in out.splitlines() if line.startswith("| ")]
    assert rows[0].split("|")[1].strip() == "figure"
    for figure in FIGURES:
        matching = [r for r in rows if figure in r]
        assert matching, f"no row for {figure!r} in:\n{out}"
        cells = [cell.strip() for cell in matching[0].strip(" |").split("|")]
        ours, target, verdict = cells[1], cells[4], cells[5]
        assert ours[:1].isdigit(), f"{figure!r} was not measured: {matching[0]}"
        excused = figure in KNOWN_MISSED or figure.startswith(NOISY_IN_QUICK) or not timings_count
        allowed = {"pass", "FAIL"} if excused else {"pass"}
        if target in ("", "—"):
            allowed = {"—"}
        assert verdict in allowed, f"{figure!r} missed its target: {matching[0]}"
    assert "crashed" not in out
    assert " 0 not measured" in out, out
