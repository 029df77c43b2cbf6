"""The cache of checked agendas: the same agenda as reading the file, and never a stale or broken one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wijksessie import agendacache, content, paths

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("WIJKSESSIE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def own_content(tmp_path) -> Path:
    """A content folder with a copy of the standard agenda, to edit."""
    root = tmp_path / "content"
    (root / "agendas").mkdir(parents=True)
    shutil.copy(paths.content_dir() / "agendas" / f"{content.DEFAULT_AGENDA}.yaml", root / "agendas")
    return root


def test_the_cached_agenda_is_the_agenda_read_from_the_file(cache):
    first = agendacache.get_agenda(content.DEFAULT_AGENDA)
    assert list((cache / "agendas").iterdir()), "the checked agenda is kept"
    again = agendacache.get_agenda(content.DEFAULT_AGENDA)
    assert again == first == content.get_agenda(content.DEFAULT_AGENDA)
    assert [s.line for s in again.steps] == [s.line for s in first.steps]  # lines for messages survive


def test_an_edited_agenda_is_read_again_even_with_the_same_size(cache, own_content):
    path = own_content / "agendas" / f"{content.DEFAULT_AGENDA}.yaml"
    before = agendacache.get_agenda(content.DEFAULT_AGENDA, own_content)
    text = path.read_text(encoding="utf-8")
    old_title = before.steps[0].title
    new_title = "X" * len(old_title)
    path.write_text(text.replace(old_title, new_title, 1), encoding="utf-8")
    assert agendacache.get_agenda(content.DEFAULT_AGENDA, own_content).steps[0].title == new_title


def test_a_broken_agenda_says_the_same_as_without_cache_and_is_not_kept(cache, own_content):
    path = own_content / "agendas" / f"{content.DEFAULT_AGENDA}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("minutes:", "minuten:", 1), encoding="utf-8")
    with pytest.raises(content.ContentError) as direct:
        content.get_agenda(content.DEFAULT_AGENDA, own_content)
    with pytest.raises(content.ContentError) as cached:
        agendacache.get_agenda(content.DEFAULT_AGENDA, own_content)
    assert str(cached.value) == str(direct.value)
    assert not (cache / "agendas").exists() or not list((cache / "agendas").iterdir())


def test_an_unknown_agenda_falls_back_to_the_standard_one_with_the_problem(cache):
    agenda, problem = agendacache.agenda_or_default("bestaat-niet")
    assert agenda.id == content.DEFAULT_AGENDA
    assert isinstance(problem, content.ContentError)
    assert "bestaat-niet" in str(problem)


def test_a_damaged_cache_file_is_read_past(cache):
    agendacache.get_agenda(content.DEFAULT_AGENDA)
    for kept in (cache / "agendas").iterdir():
        kept.write_bytes(b"\x00 geen msgpack")
    assert agendacache.get_agenda(content.DEFAULT_AGENDA) == content.get_agenda(content.DEFAULT_AGENDA)


def test_a_cache_folder_that_cannot_be_made_does_not_stop_opening(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("no folder here")
    monkeypatch.setenv("WIJKSESSIE_CACHE_DIR", str(blocker))
    assert agendacache.get_agenda(content.DEFAULT_AGENDA) == content.get_agenda(content.DEFAULT_AGENDA)


def test_opening_the_meeting_screen_reads_no_yaml_once_the_agenda_is_cached(cache):
    """The point of the cache: the YAML reader and the checks stay out of the program's start."""
    agendacache.get_agenda(content.DEFAULT_AGENDA)
    code = (
        "import sys; import wijksessie.tui.app, wijksessie.tui.screens.meeting; "
        "from wijksessie import agendacache; agendacache.get_agenda('standaard-90'); "
        "print(sorted(m for m in ('yaml', 'wijksessie.content', 'wijksessie.privacy', 'textual.document') "
        "if m in sys.modules))"
    )
    env = dict(os.environ, WIJKSESSIE_CACHE_DIR=str(cache))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_a_theme_list_is_cached_the_same_way(cache):
    name = content.theme_list_files()[0].stem
    first = agendacache.get_theme_list(name)
    assert list((cache / "themes").iterdir()), "the checked theme list is kept"
    assert agendacache.get_theme_list(name) == first == content.get_theme_list(name)
