"""Shared test set-up: every test gets its own data folder and Dutch as language.

Nothing a test does may touch the repository's ``sessions/`` folder or depend
on the developer's locale.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wijksessie import i18n
from wijksessie.store import SessionStore

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    data = tmp_path / "data"
    monkeypatch.setenv("WIJKSESSIE_DATA_DIR", str(data))
    monkeypatch.setenv("WIJKSESSIE_CONFIG_DIR", str(tmp_path / "config"))  # never the user's own settings
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANGUAGE", "nl")
    i18n.set_language("nl")
    yield
    i18n.set_language("nl")


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """The data folder of this test (also in $WIJKSESSIE_DATA_DIR)."""
    return tmp_path / "data"


@pytest.fixture
def st(data_dir) -> SessionStore:
    """The session store on this test's data folder (real TinyDB files)."""
    return SessionStore(data_dir)


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


@pytest.fixture
def cli(data_dir):
    """``cli("add", sid, "tekst")`` runs the real command line against this test's data folder."""

    def call(*args: str, **kwargs):
        return run_cli(*args, data_dir=data_dir, **kwargs)

    return call
