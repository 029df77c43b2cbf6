"""What a translator sees when a ``.po`` file is wrong, and what ``i18n update`` does with new texts.

Real catalogues in a scratch copy of locales/ (never the shipped ones); the
program runs as a translator runs it, in a subprocess.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli
from wijksessie import i18n, i18n_tools

SHIPPED_TR = REPO / "locales" / "tr" / "LC_MESSAGES" / "messages.po"

#: Words from Babel's own English messages that must never reach a translator.
ENGLISH = ("WARNING", "Traceback", "msg has", "translations than", "Problem on line", "Error")


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """A copy of the Turkish catalogue in a locales folder of this test's own (the template is the shipped one)."""
    folder = tmp_path / "locales"
    (folder / "tr" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(SHIPPED_TR, folder / "tr" / "LC_MESSAGES" / "messages.po")
    monkeypatch.setenv("WIJKSESSIE_LOCALES_DIR", str(folder))
    monkeypatch.setenv("WIJKSESSIE_CACHE_DIR", str(tmp_path / "cache"))
    i18n.clear_cache()
    yield folder
    i18n.clear_cache()


def _break(folder: Path, how: str) -> None:
    po = folder / "tr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    if how == "plural":  # the old Turkish rule, while the entries have two forms
        text = re.sub(r'"Plural-Forms: [^"]*"', r'"Plural-Forms: nplurals=1; plural=0;\\n"', text, count=1)
    elif how == "charset":
        text = re.sub(r"charset=utf-8", "charset=LATIN-99", text, count=1, flags=re.IGNORECASE)
    elif how == "quote":  # a translation without its closing quote
        start = text.index('msgstr "', text.index('msgid "Gestopt."'))
        end = text.index('"\n', start + len('msgstr "'))
        text = text[:end] + text[end + 1:]
    elif how == "duplicate":
        text += '\nmsgid "Gestopt."\nmsgstr "Durdu."\n'
    elif how == "conflict":  # a git merge left its markers behind
        start = text.index('msgstr "', text.index('msgid "Gestopt."'))
        text = text[:start] + '<<<<<<< HEAD\nmsgstr "Durdu."\n=======\n' + text[start:]
        end = text.index("\n\n", start)
        text = text[:end] + "\n>>>>>>> vertaling" + text[end:]
    elif how == "latin-1":  # saved by an old editor
        po.write_bytes(text.encode("cp1254", errors="replace"))
        return
    po.write_text(text, encoding="utf-8")


def _check(folder: Path):
    env = {"WIJKSESSIE_LOCALES_DIR": str(folder), "WIJKSESSIE_CACHE_DIR": str(folder.parent / "cache")}
    return run_cli("i18n", "check", "tr", env=env)


@pytest.mark.parametrize(
    "how, words",
    [
        ("plural", ("Plural-Forms", "nplurals=1", "meer meervoudsvormen", "locales/README.md")),
        ("charset", ("tekenset", "LATIN-99", "charset=UTF-8")),
        ("quote", ("aanhalingstekens",)),
        ("duplicate", ("twee keer", "Gestopt.", "Haal één van de twee weg")),
        ("latin-1", ("niet als UTF-8", "Sla het op als UTF-8")),
    ],
)
def test_a_broken_catalogue_gives_one_dutch_line_and_exit_2(scratch, how, words):
    _break(scratch, how)
    result = _check(scratch)
    assert result.returncode == 2, result.stdout + result.stderr
    output = result.stdout + result.stderr
    for word in ENGLISH:
        assert word not in output, output
    problems = result.stdout.splitlines()
    assert len(problems) == 1, problems  # one line: what is wrong, then what to do
    assert "messages.po" in problems[0] and ": fout: " in problems[0]
    for word in words:
        assert word in problems[0], problems[0]
    assert result.stderr.splitlines() == ["Nog niet klaar: Turks (tr). Het bestand heeft 1 fout; zie hierboven."]


def test_a_wrong_plural_rule_does_not_flood_other_commands(scratch):
    _break(scratch, "plural")
    env = {"WIJKSESSIE_LOCALES_DIR": str(scratch), "WIJKSESSIE_CACHE_DIR": str(scratch.parent / "cache")}
    helped = run_cli("--lang", "tr", "--help", env=env)
    assert helped.returncode == 0
    assert "WARNING" not in helped.stdout + helped.stderr
    status = run_cli("i18n", "status", "tr", env=env)
    assert "WARNING" not in status.stdout + status.stderr


def test_the_shipped_catalogue_passes(scratch):
    result = _check(scratch)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Klaar voor bewoners: Turks (tr)" in result.stdout


def test_update_leaves_new_texts_empty_instead_of_guessing(tmp_path, monkeypatch):
    """A new or changed text arrives empty: no translation of another text offered as a guess."""
    folder = tmp_path / "locales"
    (folder / "tr" / "LC_MESSAGES").mkdir(parents=True)
    header = textwrap.dedent('''\
        msgid ""
        msgstr ""
        "Language: tr\\n"
        "MIME-Version: 1.0\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"
        "Plural-Forms: nplurals=2; plural=(n != 1);\\n"

        ''')
    (folder / "messages.pot").write_text(header + textwrap.dedent('''\
        msgid "Goed slapen"
        msgstr ""

        msgid "reden"
        msgstr ""

        msgid "Klaar op {date}"
        msgstr ""
        '''), encoding="utf-8")
    po = folder / "tr" / "LC_MESSAGES" / "messages.po"
    po.write_text(header + textwrap.dedent('''\
        msgid "Goed slapen"
        msgstr "İyi uyumak"

        msgid "Goed slaap"
        msgstr "İyi uyku"

        msgid "klaar op {date}"
        msgstr "{date} tarihinde hazır"
        '''), encoding="utf-8")
    monkeypatch.setenv("WIJKSESSIE_LOCALES_DIR", str(folder))
    i18n.clear_cache()
    _total, results = i18n_tools.update(["tr"], extract_first=False)
    assert [(r.lang, r.added) for r in results] == [("tr", 2)]
    catalog = i18n.read_catalogue(po, "tr")
    assert catalog.get("Goed slapen").string == "İyi uyumak"  # kept
    for text in ("reden", "Klaar op {date}"):
        entry = catalog.get(text)
        assert entry.string == "" and not entry.fuzzy, (text, entry.string)
    assert "fuzzy" not in po.read_text(encoding="utf-8")
    assert i18n_tools.status(["tr"])[0].fuzzy == 0
    i18n.clear_cache()


def test_a_left_over_git_conflict_is_named(scratch):
    _break(scratch, "conflict")
    result = _check(scratch)
    assert result.returncode == 2
    problems = result.stdout.splitlines()
    assert len(problems) == 1 and "conflict van git" in problems[0], problems  # one line for one conflict
    start = SHIPPED_TR.read_text(encoding="utf-8").splitlines().index('msgid "Gestopt."') + 2
    assert problems[0].split(": fout: ")[0].endswith(f":{start}")  # where it starts
    assert "WARNING" not in result.stdout + result.stderr and "Traceback" not in result.stderr
