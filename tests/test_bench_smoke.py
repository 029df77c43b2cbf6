"""The benchmark never rots: ``python -m bench --quick`` runs every figure and prints its row.

Every figure must be measured (a number, no "n/a", no crash) and say a verdict
against its target. Whether a target is met is the benchmark's answer, read from
``python -m bench`` on a quiet machine (README "Speed"); tests do not depend on
timing, so this test never fails on a slow or busy machine.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

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


def test_quick_bench_prints_every_figure():
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick"], capture_output=True, text=True, cwd=REPO, timeout=240
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
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
        allowed = {"pass", "FAIL"}
        if target in ("", "—"):
            allowed = {"—"}
        assert verdict in allowed, f"{figure!r} has no verdict: {matching[0]}"
    assert "crashed" not in out
    assert " 0 not measured" in out, out
