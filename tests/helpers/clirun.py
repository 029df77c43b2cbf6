"""The real command line in a subprocess, for tests (a module, not conftest, so any test can import it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def run_cli(*args: str, data_dir: Path | None = None, input: str | None = None, env: dict | None = None):
    """Run ``python -m wijksessie`` in a subprocess, as a user would; returns the CompletedProcess."""
    cmd = [sys.executable, "-m", "wijksessie"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    return subprocess.run(
        cmd + list(args), capture_output=True, text=True, input=input, env=full_env, cwd=REPO, timeout=120
    )
