"""Shared test set-up: every test gets its own data folder and Dutch as language.

Nothing a test does may touch the repository's ``sessions/`` folder or depend
on the developer's locale.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.clirun import REPO, run_cli  # noqa: F401  (REPO and run_cli for the tests)

from wijksessie import i18n
from wijksessie.store import SessionStore


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


@pytest.fixture
def cli(data_dir):
    """``cli("add", sid, "tekst")`` runs the real command line against this test's data folder."""

    def call(*args: str, **kwargs):
        return run_cli(*args, data_dir=data_dir, **kwargs)

    return call


@pytest.fixture
def half_turkish(tmp_path, monkeypatch):
    """A real Turkish catalogue with only the greeting: the rest of a Turkish letter stays Dutch."""
    from wijksessie import i18n

    po = tmp_path / "locales" / "tr" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: tr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\nmsgid "Beste bewoner,"\nmsgstr "Sayın mahalle sakini,"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("WIJKSESSIE_LOCALES_DIR", str(tmp_path / "locales"))
    i18n.clear_cache()
    yield
    i18n.clear_cache()
