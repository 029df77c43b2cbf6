"""The command-line contract, end to end in a subprocess, as a script would use it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO


def _new(cli, *extra: str) -> str:
    result = cli("new", "--title", "Gezond Noord", "--neighbourhood", "Noord", "--date", "2026-11-24", *extra)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_create_fill_and_export_from_the_cli_alone(cli):
    sid = _new(cli, "--place", "Buurthuis De Linde", "--level", "co_decide", "--lang", "nl", "tr")
    a = cli("add", sid, "Te weinig groen bij de flats", "--theme", "Groen", "--kind", "problem")
    b = cli("add", sid[:5], "Een wandelgroep op zaterdag", "--theme", "Bewegen", "--kind", "idea", "--step", "bespreken")
    assert a.returncode == 0 and b.returncode == 0, a.stderr + b.stderr
    cid_a, cid_b = a.stdout.strip(), b.stdout.strip()
    assert cli("vote", sid, "Groen", "3").returncode == 0
    assert cli("vote", sid, "Bewegen").stdout.strip() == "Bewegen: 1"
    assert cli("vote", sid, "Groen", "-1").stdout.strip() == "Groen: 2"
    r = cli("contact", sid, "--name", "Fatima El Amrani", "--role", "wijkwerker", "--phone", "06-12345678",
            "--email", "f.elamrani@example.nl", "--hours", "di en do 9-12 uur")
    assert r.returncode == 0, r.stderr
    r = cli("decide", sid, cid_a, "--status", "not_adopted", "--reason", "Daar komt volgend jaar een nieuw plein.")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == f"Punt: {cid_a}. Besluit: niet overgenomen. Nog 1 punt zonder besluit.", r.stdout

    r = cli("export", sid, "--format", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["schema"] == "wijksessie-export" and data["schema_version"] == 1
    assert data["session"]["level"] == "co_decide" and data["session"]["languages"] == ["nl", "tr"]
    by_id = {c["id"]: c for c in data["contributions"]}
    assert by_id[cid_a]["decision"] == {**by_id[cid_a]["decision"], "status": "not_adopted",
                                        "reason": "Daar komt volgend jaar een nieuw plein."}
    assert by_id[cid_b]["step"] == "bespreken" and by_id[cid_b]["kind"] == "idea"
    assert {"id", "text", "theme", "kind", "step", "created_at", "decision"} <= set(by_id[cid_b])
    assert data["priorities"][:2] == [
        {"rank": 1, "theme": "Groen", "votes": 2, "tied": False},
        {"rank": 2, "theme": "Bewegen", "votes": 1, "tied": False},
    ]
    assert data["contact"]["name"] == "Fatima El Amrani"
    assert data["agreements"] == []


def test_list_shows_sessions_and_json(cli):
    sid = _new(cli)
    cli("add", sid, "iets")
    r = cli("list")
    assert sid in r.stdout and "Noord" in r.stdout and "Inbreng: 1. Zonder besluit: 1." in r.stdout
    rows = json.loads(cli("list", "--json").stdout)
    assert rows[0]["id"] == sid and rows[0]["contributions"] == 1 and rows[0]["open"] == 1


@pytest.mark.parametrize(
    "args, words",
    [
        (["add", "nietsbestaat", "tekst"], "Deze sessie bestaat niet: nietsbestaat."),
        (["add", "{sid}", "x", "--kind", "klacht"], "klacht"),
        (["add", "{sid}", "x", "--step", "dansen"], "dansen"),
        (["add", "{sid}", "   "], "leeg"),
        (["new", "--title", "x"], "--neighbourhood"),
        (["new", "--title", "x", "--neighbourhood", "y", "--date", "24-11-2026"], "JJJJ-MM-DD"),
        (["new", "--title", "x", "--neighbourhood", "y", "--agenda", "bestaatniet"], "standaard-90"),
        (["decide", "{sid}", "{cid}", "--status", "not_adopted"], "reden"),
        (["decide", "{sid}", "{cid}", "--status", "referred"], "organisatie"),
        (["decide", "{sid}", "{cid}", "--status", "wellicht"], "wellicht"),
        (["decide", "{sid}", "{cid}", "--status", "done", "--due", "morgen"], "JJJJ-MM-DD"),
        (["vote", "{sid}", "Groen", "veel"], "veel"),
        (["contact", "{sid}", "--name", " "], "naam"),
        (["export", "{sid}", "--format", "pdf"], "pdf"),
    ],
)
def test_bad_input_gives_one_clear_line_and_exit_2(cli, args, words):
    sid = _new(cli)
    cid = cli("add", sid, "iets om over te beslissen").stdout.strip()
    args = [a.format(sid=sid, cid=cid) for a in args]
    r = cli(*args)
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], r.stderr


def test_add_does_not_import_textual(cli, data_dir):
    sid = _new(cli)
    probe = (
        "import sys\n"
        "from wijksessie.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', code)\n"
    )
    r = subprocess.run([sys.executable, "-c", probe, "--data-dir", str(data_dir), "add", sid, "snel"],
                       capture_output=True, text=True, cwd=REPO)
    assert r.stdout.split()[-2:] == ["CLEAN", "0"], r.stdout + r.stderr


def test_help_does_not_import_textual():
    code = (
        "import sys\n"
        "from wijksessie.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write('TEXTUAL' if 'textual' in sys.modules else 'CLEAN')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert "wijksessie" in r.stdout and r.stderr == "CLEAN"


def test_core_modules_never_import_textual():
    code = (
        "import sys, importlib, pkgutil, wijksessie\n"
        "for m in pkgutil.iter_modules(wijksessie.__path__):\n"
        "    if m.name not in ('tui', '__main__'):\n"
        "        importlib.import_module('wijksessie.' + m.name)\n"
        "print(sorted(k for k in sys.modules if k.split('.')[0] == 'textual'))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "[]"


def test_data_dir_rule_env_then_default(tmp_path, monkeypatch):
    from wijksessie import paths

    monkeypatch.setenv("WIJKSESSIE_DATA_DIR", str(tmp_path / "env"))
    assert paths.data_dir("cli") == paths.Path("cli")
    assert paths.data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("WIJKSESSIE_DATA_DIR")
    assert str(paths.data_dir(None)) == "sessions"


def test_export_to_file_refuses_to_overwrite(cli, tmp_path):
    sid = _new(cli)
    out = tmp_path / "notes.json"
    assert cli("export", sid, "--format", "json", "-o", str(out)).returncode == 0
    first = out.read_bytes()
    r = cli("export", sid, "--format", "json", "-o", str(out))
    assert r.returncode == 2 and "--force" in r.stderr
    assert out.read_bytes() == first
    assert cli("export", sid, "--format", "json", "-o", str(out), "--force").returncode == 0


def test_check_passes_on_shipped_content_and_fails_on_broken(cli, tmp_path):
    r = cli("check")
    assert r.returncode == 0, r.stdout + r.stderr
    bad = tmp_path / "agendas" / "kapot.yaml"
    bad.parent.mkdir()
    bad.write_text("id: kapot\ntitle: x\nsteps:\n  - id: a\n    type: dansen\n", encoding="utf-8")
    r = cli("check", str(bad))
    assert r.returncode == 1
    assert f"{bad}:5" in r.stdout or "kapot.yaml:5" in r.stdout, r.stdout


def test_each_command_in_its_own_module_and_no_import_cycle():
    """``wijksessie.cli`` only builds the parser; commands live in wijksessie/commands/, i18n_tools never imports cli."""
    import ast

    from wijksessie import cli

    for module in sorted((REPO / "wijksessie" / "i18n_tools").glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not any(m and (m == "wijksessie.cli" or m.startswith("wijksessie.commands")) for m in imported), module.name
        assert len(module.read_text(encoding="utf-8").splitlines()) < 500, f"{module.name} stays under 500 lines"
    import importlib

    modules = [command.setup.split(":")[0] for command in cli.COMMANDS]
    assert len(set(modules)) == len(modules), "one module per command"
    for command in cli.COMMANDS:
        module, function = command.setup.split(":")
        assert callable(getattr(importlib.import_module(f"wijksessie.commands.{module}"), function)), command
    for path in (REPO / "wijksessie" / "commands").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) < 400, f"{path.name} stays small"
    code = (
        "import sys\n"
        "from wijksessie.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "sys.stderr.write(' '.join(m for m in ('wijksessie.i18n_tools', 'babel', 'tinydb', 'yaml', 'jinja2') if m in sys.modules))\n"
        "sys.stderr.write(' '.join(m for m in sys.modules if m.startswith('wijksessie.commands.') and m != 'wijksessie.commands.common'))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert r.stderr == "", "--help loads none of these: " + r.stderr


def test_a_command_loads_its_own_module_and_no_other_command(tmp_path):
    code = (
        "import sys\n"
        "from wijksessie.cli import main\n"
        "code = main(['--data-dir', sys.argv[1], 'list'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('wijksessie.commands.')), code)\n"
    )
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, cwd=REPO)
    assert r.stdout.splitlines()[-1] == "['wijksessie.commands.common', 'wijksessie.commands.list_'] 0", r.stdout + r.stderr


def test_an_unexpected_error_is_one_line_naming_the_log_and_the_log_names_the_command(tmp_path):
    probe = (
        "import sys\n"
        "from wijksessie import cli\n"
        "from wijksessie.commands import list_\n"
        "def boom(args):\n    raise RuntimeError('Bel mevrouw Jansen: 06-12345678')\n"
        "list_.cmd_list.__code__ = boom.__code__\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path / "home")}
    r = subprocess.run([sys.executable, "-c", probe, "--data-dir", str(tmp_path / "data"), "list"],
                       capture_output=True, text=True, cwd=REPO, env=env, timeout=60)
    from wijksessie import log

    log_file = next((tmp_path / "state").rglob(log.LOG_NAME))
    assert r.returncode == 1 and r.stderr == (
        "wijksessie: er ging iets mis dat niet had mogen gebeuren. Er is niets verloren. "
        f"De details staan in dit bestand: {log_file}\n"
    )
    logged = log_file.read_text(encoding="utf-8")
    assert "(command line: list)" in logged and "RuntimeError" in logged
    assert "Jansen" not in logged and "06-12345678" not in logged, "what residents said never reaches the log"
