"""Command-line figures: ``wijksessie --help`` and ``wijksessie add`` wall time, in fresh processes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bench import data
from bench.harness import REPO, Row, child_env, median, time_process

HELP_TARGET = 0.15
ADD_TARGET = 0.25

# Runs the help path in-process and reports on stderr whether Textual got imported.
_TEXTUAL_PROBE = """
import sys
from wijksessie.cli import main
try:
    main({argv!r})
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
sys.stderr.write("TEXTUAL-MODULES %d\\n" % len(loaded))
"""


def command() -> list[str]:
    """How a user starts the program: the installed script beside this Python, else ``python -m wijksessie``."""
    script = Path(sys.executable).with_name("wijksessie")
    if script.exists():
        return [str(script)]
    found = shutil.which("wijksessie")
    return [found] if found else [sys.executable, "-m", "wijksessie"]


def textual_modules(argv: list[str]) -> int:
    """How many ``textual`` modules are imported when ``main(argv)`` runs."""
    proc = subprocess.run(
        [sys.executable, "-c", _TEXTUAL_PROBE.format(argv=argv)],
        capture_output=True, text=True, env=child_env(), cwd=REPO,
    )
    for line in proc.stderr.splitlines():
        if line.startswith("TEXTUAL-MODULES "):
            return int(line.split()[1])
    raise RuntimeError(f"textual probe failed: {proc.stderr[-2000:]}")


def run(ctx) -> list[Row]:
    """The ``--help`` and ``add`` rows."""
    runs = 3 if ctx.quick else 20
    baseline = time_process([sys.executable, "-c", "pass"], runs)
    base = median(baseline)
    rows = []

    ours = median(time_process(command() + ["--help"], runs))
    loaded = textual_modules(["--help"])
    rows.append(Row(
        "`wijksessie --help` wall time",
        ours, base, target=f"≤ {HELP_TARGET * 1000:.0f} ms, no textual", ok=ours <= HELP_TARGET and loaded == 0,
        note=f"baseline is `python -c pass`; textual modules imported on the help path: {loaded}",
    ))

    size = 100 if ctx.quick else 1000
    store, (sid,) = data.make_store(ctx.tmp / "cli", [size], seed=11)
    text = "Kan er een bankje bij de bushalte komen? Veel ouderen staan daar lang te wachten."
    cmd = command() + ["--data-dir", str(store.data_dir), "add", sid, text, "--theme", "Bewegen", "--kind", "idea"]
    add = median(time_process(cmd, runs))
    add_textual = textual_modules(["--data-dir", str(store.data_dir), "add", sid, text])
    rows.append(Row(
        f"`wijksessie add` to {size:,} contributions",
        add, base, target=f"≤ {ADD_TARGET * 1000:.0f} ms", ok=add <= ADD_TARGET,
        note=f"baseline is `python -c pass`; textual modules imported by add: {add_textual}",
    ))
    return rows
