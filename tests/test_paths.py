"""Paths: session ids never leave the data folder, symlinks are not followed, exports go only where asked."""

from __future__ import annotations

import json
import os

import pytest

from wijksessie.model import Contribution, ModelError, Session
from wijksessie.store import SessionNotFound, StoreError


@pytest.fixture
def sid(st) -> str:
    sid = st.create(Session.new("Gezond Noord", "Noord")).id
    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new("iets"))
    return sid


def _tree(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() and not p.is_symlink() else b"")
            for p in sorted(folder.rglob("*"))}


ESCAPES = ["../x", "..", "../../etc/passwd", "/etc/passwd", "/tmp", "sub/../../x", "a/b", "~root", ".hidden",
           "%2e%2e%2fx", "x\x00y", "c:\\windows", "abc.json", "-rf", ""]


@pytest.mark.parametrize("ref", ESCAPES)
def test_session_names_never_leave_the_data_folder(st, sid, ref, tmp_path):
    with pytest.raises(SessionNotFound):
        st.path_for(ref)
    with pytest.raises(StoreError):
        st.open(ref)
    bad = Session.new("T", "N")
    bad.id = ref
    with pytest.raises(StoreError):
        st.create(bad)
    with pytest.raises(ModelError):
        Session.from_dict({**bad.to_dict(), "id": ref})


def test_cli_refuses_path_like_sessions(cli, data_dir, sid, tmp_path):
    before = _tree(tmp_path)
    for ref in ("../data/" + sid, str(data_dir / f"{sid}.json"), "../../etc/passwd"):
        for args in (("add", ref, "x"), ("export", ref, "--format", "json"), ("restore", ref), ("forget", ref, "X")):
            r = cli(*args)
            assert r.returncode == 2 and "Traceback" not in r.stderr, (args, r.stderr)
    assert _tree(tmp_path) == before


def test_a_symlinked_session_file_is_ignored(st, sid, data_dir, tmp_path, cli):
    outside = tmp_path / "elders"
    outside.mkdir()
    target = outside / "geheim.json"
    target.write_bytes(st.path_for(sid).read_bytes().replace(sid.encode(), b"5ec2e700"))
    (data_dir / "5ec2e700.json").symlink_to(target)
    before = target.read_bytes()
    assert "5ec2e700" not in st.session_ids()
    assert [s.id for s in st.summaries()] == [sid]
    with pytest.raises(SessionNotFound):
        st.open("5ec2e700")
    for args in (("add", "5ec2e700", "x"), ("restore", "5ec2e700"), ("forget", "5ec2e700", "X")):
        assert cli(*args).returncode == 2
    assert "5ec2e700" not in cli("list").stdout
    assert target.read_bytes() == before and sorted(p.name for p in outside.iterdir()) == ["geheim.json"]


def test_a_symlinked_lock_file_is_refused_not_followed(st, sid, data_dir, tmp_path):
    victim = tmp_path / "belangrijk.txt"
    victim.write_text("niet aankomen", encoding="utf-8")
    lock = data_dir / f"{sid}.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    with pytest.raises(StoreError, match="slotbestand"):
        st.open(sid)
    assert victim.read_text(encoding="utf-8") == "niet aankomen"


def test_a_symlinked_backup_is_replaced_not_written_through(st, sid, data_dir, tmp_path):
    victim = tmp_path / "belangrijk.txt"
    victim.write_text("niet aankomen", encoding="utf-8")
    backup = data_dir / f"{sid}.json.bak"
    backup.unlink()
    backup.symlink_to(victim)
    with pytest.raises(StoreError, match="verwijzing"):
        st.restore_backup(sid, force=True)
    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new("nog iets"))
    assert victim.read_text(encoding="utf-8") == "niet aankomen"
    assert not backup.is_symlink() and json.loads(backup.read_bytes())


def test_export_writes_only_the_file_asked_for(cli, sid, tmp_path):
    out = tmp_path / "uit"
    out.mkdir()
    r = cli("export", sid, "--format", "json")
    assert r.returncode == 0 and _tree(out) == {}, "to the screen: no file at all"
    target = out / "noord.json"
    r = cli("export", sid, "--format", "json", "-o", str(target))
    assert r.returncode == 0, r.stderr
    assert list(_tree(out)) == ["noord.json"], "exactly the file asked for, no temporary files"
    first = target.read_bytes()

    r = cli("add", sid, "nieuw")
    r = cli("export", sid, "--format", "json", "-o", str(target))
    assert r.returncode == 2 and "--force" in r.stderr and "bestaat al" in r.stderr
    assert target.read_bytes() == first, "never overwritten without --force"

    r = cli("export", sid, "--format", "json", "-o", str(target), "--force")
    assert r.returncode == 0 and target.read_bytes() != first
    assert "nieuw" in target.read_text(encoding="utf-8") and list(_tree(out)) == ["noord.json"]


def test_export_to_a_folder_or_an_unwritable_place(cli, sid, tmp_path):
    r = cli("export", sid, "--format", "json", "-o", str(tmp_path))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "dicht"
        locked.mkdir(mode=0o500)
        r = cli("export", sid, "--format", "json", "-o", str(locked / "x.json"))
        assert r.returncode == 2 and "Traceback" not in r.stderr


def test_export_onto_a_symlink_never_writes_through_it(cli, sid, tmp_path):
    victim = tmp_path / "belangrijk.txt"
    victim.write_text("niet aankomen", encoding="utf-8")
    link = tmp_path / "export.json"
    link.symlink_to(victim)
    r = cli("export", sid, "--format", "json", "-o", str(link))
    assert r.returncode == 2 and "--force" in r.stderr
    r = cli("export", sid, "--format", "json", "-o", str(link), "--force")
    assert r.returncode == 0
    assert victim.read_text(encoding="utf-8") == "niet aankomen", "the link is replaced, its target untouched"
    assert not link.is_symlink() and json.loads(link.read_bytes())["session"]["id"] == sid

    dangling = tmp_path / "nergens.json"
    dangling.symlink_to(tmp_path / "bestaat-niet" / "x.json")
    assert cli("export", sid, "--format", "json", "-o", str(dangling)).returncode == 0
    assert not (tmp_path / "bestaat-niet").exists() and not dangling.is_symlink()


# ---------------------------------------------------------------- only regular files are ever replaced


def _special(kind: str, path):
    """Make a folder, a device, a named pipe or a socket at ``path``; returns a cleanup callable."""
    import socket
    import stat

    if kind == "folder":
        path.mkdir()
    elif kind == "device":  # a copy of /dev/null: the same kind of file, without risking the real one
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            pytest.skip("making a device needs root")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        sock.bind(str(path))
        return sock.close
    return lambda: None


def _describe(path) -> tuple:
    info = os.lstat(path)
    return info.st_mode, info.st_ino, info.st_rdev


@pytest.mark.parametrize("kind", ["folder", "device", "fifo", "socket"])
@pytest.mark.parametrize("command", [
    ["export", "{sid}", "--format", "md"],
    ["export", "{sid}", "--format", "csv"],
    ["export", "{sid}", "--format", "json"],
    ["letter", "{sid}", "--format", "txt"],
    ["report", "--format", "md"],
])
def test_writing_refuses_what_is_not_a_regular_file(cli, sid, tmp_path, kind, command):
    target = tmp_path / "uit"
    cleanup = _special(kind, target)
    try:
        before = _describe(target)
        for force in ([], ["--force"]):
            r = cli(*[a.format(sid=sid) for a in command], "-o", str(target), *force)
            assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
            lines = r.stderr.strip().splitlines()
            assert len(lines) == 1 and "geen gewoon bestand" in lines[0] and str(target) in lines[0], r.stderr
            assert _describe(target) == before, "never replaced, not even with --force"
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    finally:
        cleanup()


def test_a_session_name_taken_by_a_folder_is_never_replaced(st, sid, data_dir):
    backup = data_dir / f"{sid}.json.bak"
    backup.unlink()
    backup.mkdir()
    from wijksessie.errors import UserError

    with pytest.raises(UserError, match="geen gewoon bestand"):
        with st.open(sid) as sf:
            sf.add_contribution(Contribution.new("nog iets"))
    assert backup.is_dir()


def test_a_symlink_to_a_device_is_replaced_not_written_through(cli, sid, tmp_path):
    device = tmp_path / "null"
    _special("device", device)
    link = tmp_path / "export.md"
    link.symlink_to(device)
    r = cli("export", sid, "--format", "md", "-o", str(link), "--force")
    assert r.returncode == 0, r.stderr
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("# ")
    assert os.path.exists(device) and os.stat(device).st_rdev == os.makedev(1, 3), "the device is untouched"


def test_files_written_with_o_and_their_new_folders_are_owner_only(cli, sid, tmp_path):
    target = tmp_path / "nieuw" / "diep" / "notes.md"
    os.umask(0o022)
    r = cli("export", sid, "--format", "md", "-o", str(target))
    assert r.returncode == 0, r.stderr
    assert target.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "nieuw").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "nieuw" / "diep").stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_lock_file_that_is_not_a_file_is_named_never_waited_on(cli, sid, data_dir, kind):
    lock = data_dir / f"{sid}.lock"
    lock.unlink(missing_ok=True)
    _special(kind, lock)
    before = _describe(lock)
    r = cli("add", sid, "iets")
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and str(lock) in r.stderr, r.stderr
    assert _describe(lock) == before
