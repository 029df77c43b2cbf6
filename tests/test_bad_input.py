"""Bad input everywhere: wrong command-line arguments and hostile text.

Every bad argument gets one clear line on stderr and exit code 2, never a
traceback, and leaves the session file exactly as it was. Every hostile text
(escape sequences, control characters, right-to-left marks, emoji, a 1 MB
paste) is stored and exported exactly, and never reaches the terminal raw.
Bad content YAML is covered by ``tests/test_content.py``; the few cases here
go through the command line.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.data.hostile_text import HOSTILE as CORPUS
from tests.data.hostile_text import raw_left
from wijksessie import cli
from wijksessie.model import Contribution, Session

ESC = "\x1b"
C1 = [chr(c) for c in range(0x80, 0xA0)]


def run(capsys, data_dir, *args: str) -> tuple[int, str, str]:
    """The real command line, in this process (fast); returns (exit code, stdout, stderr)."""
    code = cli.main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sid(st) -> str:
    s = Session.new("Gezond Noord", "Noord", date="2026-11-24")
    s.id = "aaaa1111"
    st.create(s)
    twin = Session.new("Gezond Zuid", "Zuid", date="2026-11-25")
    twin.id = "aaaa2222"  # same first four characters: "aaaa" is ambiguous
    st.create(twin)
    with st.open(s.id) as sf:
        sf.add_contribution(Contribution.new("Meer bankjes")).id = "c0ffee"
    return s.id


def _cid(st, sid) -> str:
    with st.open(sid, readonly=True) as sf:
        return sf.contributions()[0].id


# (name, arguments with {sid} and {cid}, words the message must contain)
BAD_ARGUMENTS = [
    ("unknown session", ["add", "bbbb9999", "tekst"],
     "Deze sessie bestaat niet: bbbb9999. Kijk het nummer na, of kies een sessie uit: wijksessie list"),
    ("ambiguous prefix", ["add", "aaaa", "tekst"], "meer dan één"),
    ("empty session name", ["add", "", "tekst"], "Het sessienummer ontbreekt. Kies een sessie uit: wijksessie list"),
    ("session id with path", ["add", "../aaaa1111", "tekst"], "Deze sessie bestaat niet: ../aaaa1111."),
    ("absolute path as session", ["export", "/etc/passwd", "--format", "json"], "Deze sessie bestaat niet: /etc/passwd."),
    ("unknown command", ["frobnicate"], "frobnicate"),
    ("missing neighbourhood", ["new", "--title", "T"], "--neighbourhood"),
    ("empty title", ["new", "--title", "  ", "--neighbourhood", "Noord"], "titel"),
    ("month 13", ["new", "--title", "T", "--neighbourhood", "N", "--date", "2026-13-01"], "geen geldige datum"),
    ("date in words", ["new", "--title", "T", "--neighbourhood", "N", "--date", "morgen"], "geen geldige datum"),
    ("day-month-year", ["new", "--title", "T", "--neighbourhood", "N", "--date", "24-11-2026"], "JJJJ-MM-DD"),
    ("bad feedback date", ["new", "--title", "T", "--neighbourhood", "N", "--feedback-due", "2026-02-30"], "geen geldige datum"),
    ("unknown agenda", ["new", "--title", "T", "--neighbourhood", "N", "--agenda", "nope"], "Kies uit"),
    ("agenda as a path", ["new", "--title", "T", "--neighbourhood", "N", "--agenda", "../../etc/passwd"], "Kies uit"),
    ("unknown level", ["new", "--title", "T", "--neighbourhood", "N", "--level", "alles"], "alles"),
    ("empty contribution", ["add", "{sid}", "   "], "leeg"),
    ("unknown kind", ["add", "{sid}", "tekst", "--kind", "klacht"], "klacht"),
    ("unknown step", ["add", "{sid}", "tekst", "--step", "dansen"], "Deze stap staat niet in de agenda: dansen. Kies uit: "),
    ("votes not a number", ["vote", "{sid}", "Groen", "drie"], "drie"),
    ("votes a fraction", ["vote", "{sid}", "Groen", "1.5"], "1.5"),
    ("vote without theme", ["vote", "{sid}", " "], "thema"),
    ("invalid status", ["decide", "{sid}", "{cid}", "--status", "misschien"], "misschien"),
    ("missing status", ["decide", "{sid}", "{cid}"], "--status"),
    ("missing reason", ["decide", "{sid}", "{cid}", "--status", "not_adopted"], "reden"),
    ("blank reason", ["decide", "{sid}", "{cid}", "--status", "not_adopted", "--reason", "  "], "reden"),
    ("missing org", ["decide", "{sid}", "{cid}", "--status", "referred"], "organisatie"),
    ("bad due date", ["decide", "{sid}", "{cid}", "--status", "adopted", "--due", "volgende week"], "geen geldige datum"),
    ("unknown contribution", ["decide", "{sid}", "zzzzzz", "--status", "done"], "zzzzzz"),
    ("contact without name", ["contact", "{sid}", "--name", " "], "naam"),
    ("export format", ["export", "{sid}", "--format", "pdf"], "pdf"),
    ("person without consent", ["person", "{sid}", "--name", "Jan", "--email", "j@x.nl", "--purpose", "letter"], "--consent-how"),
    ("person, consent made up", ["person", "{sid}", "--name", "Jan", "--email", "j@x.nl", "--purpose", "letter", "--consent-how", "nodded"], "nodded"),
    ("person, no way to reach", ["person", "{sid}", "--name", "Jan", "--purpose", "letter", "--consent-how", "oral"], "e-mail of adres"),
    ("person, bad e-mail", ["person", "{sid}", "--name", "Jan", "--email", "jan at home", "--purpose", "help", "--consent-how", "oral"], "geen geldig e-mailadres"),
    ("person, unknown purpose", ["person", "{sid}", "--name", "Jan", "--email", "j@x.nl", "--purpose", "marketing", "--consent-how", "oral"], "marketing"),
    ("forget unknown person", ["forget", "{sid}", "ZZZZ-ZZZZ"], "ZZZZ-ZZZZ"),
    ("purge without date", ["purge"], "--before"),
    ("purge, bad date", ["purge", "--before", "gisteren"], "geen geldige datum"),
    ("purge, empty date", ["purge", "--before", ""],
     "Er staat geen datum bij --before. Geef een datum op, bijvoorbeeld: --before 2025-01-01"),
    ("escape sequence in a wrong argument", ["add", "\x1b]0;pwned\x07", "x"], "␛]0;pwned␇"),
    ("date far in the future", ["new", "--title", "T", "--neighbourhood", "N", "--date", "9999-12-31"], "9999-12-31"),
    ("date in year one", ["new", "--title", "T", "--neighbourhood", "N", "--date", "0001-01-01"], "0001-01-01"),
    ("feedback date far away", ["new", "--title", "T", "--neighbourhood", "N", "--feedback-due", "9999-12-31"], "9999-12-31"),
    ("due date far away", ["decide", "{sid}", "{cid}", "--status", "adopted", "--due", "9999-12-31"], "9999-12-31"),
    ("35-digit vote", ["vote", "{sid}", "Groen", str(10**35)], "te groot"),
    ("35-digit negative vote", ["vote", "{sid}", "Groen", str(-10**35)], "te groot"),
    ("5000-digit vote", ["vote", "{sid}", "Groen", "9" * 5000], "te groot"),
    ("restore a healthy session", ["restore", "{sid}"], "--force"),
    ("export to a folder", ["export", "{sid}", "--format", "md", "-o", "{tmp}", "--force"], "een map"),
    ("export into a file as folder", ["export", "{sid}", "--format", "md", "-o", "{tmp}/plain.txt/x.md"], "geen map"),
    ("pdf letter where no file can be made", ["letter", "--example", "--format", "pdf", "-o", "/proc/wijksessie-brief.pdf"],
     "/proc/wijksessie-brief.pdf. "),  # the file the user named, not the temporary file beside it
]


@pytest.mark.parametrize("args,words", [c[1:] for c in BAD_ARGUMENTS], ids=[c[0] for c in BAD_ARGUMENTS])
def test_bad_argument_gives_one_clear_line(capsys, data_dir, st, sid, args, words, tmp_path):
    cid = _cid(st, sid)
    (tmp_path / "plain.txt").write_text("gewoon een bestand", encoding="utf-8")
    before = tree_hash(tmp_path)
    code, out, err = run(capsys, data_dir, *[a.format(sid=sid, cid=cid, tmp=tmp_path) for a in args])
    assert_refused(code, err, words)
    assert tree_hash(tmp_path) == before, "a refused command changes no file"


def tree_hash(folder) -> dict[str, str]:
    """Every file under ``folder`` (lock files aside) with its type, mode and a hash of its bytes."""
    import hashlib
    import stat as st_

    found = {}
    for p in sorted(folder.rglob("*")):
        if p.suffix == ".lock":
            continue
        info = p.lstat()
        kind = "file" if st_.S_ISREG(info.st_mode) else "link" if p.is_symlink() else oct(st_.S_IFMT(info.st_mode))
        digest = hashlib.sha256(p.read_bytes()).hexdigest() if kind == "file" else ""
        found[str(p.relative_to(folder))] = f"{kind} {oct(info.st_mode & 0o777)} {digest}"
    return found


def assert_refused(code: int, err: str, words: str = "") -> None:
    """Exit 2, exactly one line on stderr that starts with the program's name, no traceback, nothing raw."""
    assert code == 2, err
    assert "Traceback" not in err and not raw_left(err.rstrip("\n")), err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("wijksessie: ") and words in err, err


def test_negative_votes_take_away_but_never_below_zero(capsys, data_dir, sid):
    assert run(capsys, data_dir, "vote", sid, "Groen", "2")[1].strip() == "Groen: 2"
    assert run(capsys, data_dir, "vote", sid, "Groen", "-5")[1].strip() == "Groen: 0"


def test_text_that_is_not_valid_utf8_is_refused_clearly(data_dir, st, sid):
    # A broken terminal or paste can hand over bytes that are no text; argv carries them as-is.
    r = subprocess.run([sys.executable, "-m", "wijksessie", "--data-dir", str(data_dir), "add", sid, b"caf\xe9"],
                       capture_output=True, cwd=REPO)
    assert r.returncode == 2 and b"Traceback" not in r.stderr and b"niet goed zijn doorgekomen" in r.stderr
    with st.open(sid, readonly=True) as sf:
        assert len(sf.contributions()) == 1


def _check(data_dir, path, limit: float = 20):
    return subprocess.run([sys.executable, "-m", "wijksessie", "--data-dir", str(data_dir), "check", str(path)],
                          capture_output=True, text=True, cwd=REPO, timeout=limit)


def test_yaml_tags_never_run_code_through_check(data_dir, tmp_path):
    folder = tmp_path / "agendas"  # `check` treats files under agendas/ as agendas
    folder.mkdir()
    evil = folder / "kwaad.yaml"
    marker = tmp_path / "gebeurd"
    evil.write_text(f'id: kwaad\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    r = _check(data_dir, evil)
    assert r.returncode == 1 and "Traceback" not in r.stderr + r.stdout, r.stderr
    assert not marker.exists(), "a YAML tag never runs code"
    r = _check(data_dir, tmp_path / "bestaat-niet.yaml")
    assert r.returncode == 2 and "bestaat niet" in r.stderr


def test_yaml_alias_bomb_through_check(data_dir, tmp_path):
    folder = tmp_path / "agendas"
    folder.mkdir()
    bomb = folder / "bom.yaml"
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 12)
    ]
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = _check(data_dir, bomb, limit=30)
    assert r.returncode == 1 and "Traceback" not in r.stderr + r.stdout, r.stderr


# ---------------------------------------------------------------- hostile text

HOSTILE = {**CORPUS, "very long line": "lang " * 20_000}


def _assert_terminal_safe(text: str) -> None:
    assert ESC not in text and not any(ch in text for ch in C1), "raw escape sequence on the terminal"
    assert not raw_left(text), "raw control character or bidi override on the terminal"


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_text_is_stored_exactly_and_shown_safely(cli, data_dir, st, sid, text):
    # Through stdin ("-"), as a paste would arrive; NUL cannot travel in an argument.
    r = subprocess.run(
        [sys.executable, "-m", "wijksessie", "--data-dir", str(data_dir), "add", sid, "-"],
        input=text.encode("utf-8"), capture_output=True, cwd=REPO,
    )
    assert r.returncode == 0 and b"Traceback" not in r.stderr, r.stderr
    cid = r.stdout.decode().strip()
    with st.open(sid, readonly=True) as sf:
        assert sf.contribution(cid).text == text, "stored exactly"
    r = cli("export", sid, "--format", "json")
    assert r.returncode == 0
    exported = {c["id"]: c["text"] for c in json.loads(r.stdout)["contributions"]}
    assert exported[cid] == text, "the JSON export keeps the exact text"
    _assert_terminal_safe(r.stdout)


def test_hostile_text_as_an_argument(cli, data_dir, st, sid):
    for name, text in HOSTILE.items():
        if "\x00" in text:
            continue
        r = cli("add", sid, text)
        assert r.returncode == 0, (name, r.stderr)
        with st.open(sid, readonly=True) as sf:
            assert sf.contribution(r.stdout.strip()).text == text.strip("\n"), name


def test_hostile_title_never_reaches_the_terminal_raw(cli, data_dir):
    evil = "\x1b]0;pwned\x07\x1b[2J Noord\x9b31m"
    r = cli("new", "--title", evil, "--neighbourhood", "Noord\x1b[5m")
    assert r.returncode == 0, r.stderr
    sid = r.stdout.strip()
    r = cli("list")
    assert r.returncode == 0 and sid in r.stdout
    _assert_terminal_safe(r.stdout)
    assert "␛]0;pwned␇" in r.stdout, "the odd characters are shown, not hidden"
    rows = json.loads(cli("list", "--json").stdout)
    assert rows[0]["title"] == evil, "machine output keeps the exact title"
    _assert_terminal_safe(cli("list", "--json").stdout)
    r = cli("vote", sid, "\x1b[2JGroen")
    assert r.returncode == 0 and "␛[2JGroen: 1" in r.stdout
    _assert_terminal_safe(r.stdout)


def test_a_one_megabyte_paste(cli, data_dir, st, sid):
    paste = ("Regel met tekst, een tab\there, en é ü ş ğ 👍. " * 20 + "\n") * 1100
    assert len(paste.encode("utf-8")) > 1_000_000
    r = subprocess.run([sys.executable, "-m", "wijksessie", "--data-dir", str(data_dir), "add", sid, "-"],
                       input=paste.encode("utf-8"), capture_output=True, cwd=REPO)
    assert r.returncode == 0, r.stderr
    cid = r.stdout.decode().strip()
    with st.open(sid) as sf:
        assert sf.contribution(cid).text == paste.strip("\n")
        sf.add_contribution(Contribution.new("en daarna gewoon verder"))
    r = cli("export", sid, "--format", "json")
    assert json.loads(r.stdout)["contributions"][1]["text"] == paste.strip("\n")


def _run_in_terminal(args: list[str]) -> str:
    """Run the command line with a pseudo-terminal as stdout (as a user sees it); returns what it printed."""
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "wijksessie", *args], stdout=slave, stderr=slave,
                            stdin=subprocess.DEVNULL, cwd=REPO)
    os.close(slave)
    chunks = []
    while True:
        ready, _w, _x = select.select([master], [], [], 60)
        if not ready:
            proc.kill()
            raise AssertionError("no output from the command in 60 s")
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other side closed (Linux raises EIO)
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait()
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_exports_printed_on_a_terminal_carry_no_escape_sequences(data_dir, st, sid):
    with st.open(sid) as sf:
        sf.add_contribution(Contribution.new(HOSTILE["window title (OSC 0)"] + HOSTILE["one-byte CSI, OSC, ST (C1)"]
                                             + HOSTILE["carriage return"]))
    for fmt in ("json", "md", "csv"):
        text = _run_in_terminal(["--data-dir", str(data_dir), "export", sid, "--format", fmt])
        # The terminal driver turns "\n" into "\r\n"; any other carriage return would be ours.
        _assert_terminal_safe(text.replace("\r\n", "\n"))
        assert "pwned" in text, "the text itself is still shown"


def test_terminal_safe_and_json_safe():
    from wijksessie.safe_text import json_safe, terminal_safe

    assert terminal_safe("\x1b]0;pwned\x07") == "␛]0;pwned␇"
    assert terminal_safe("a\tb\nc\rd\x7f\x9b") == "a\tb\nc␍d␡\ufffd"
    assert terminal_safe("een\ntwee", oneline=True) == "een␊twee"
    assert terminal_safe("👍🏽 \u200fشكرا") == "👍🏽 \u200fشكرا", "ordinary text, emoji and RTL marks stay"
    text = "a\x7fb\x9bc\u2028d"
    encoded = json_safe(json.dumps({"t": text}, ensure_ascii=False))
    assert json.loads(encoded) == {"t": text} and not any(ch in encoded for ch in "\x7f\x9b\u2028")


# ---------------------------------------------------------------- bad files for `check`: one line, exit 2, nothing changed

BAD_YAML = {
    "flow nested 10,000 deep": "id: diep\nsteps: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "block nested 3,000 deep": "id: diep\n" + "".join(" " * i + "x:\n" for i in range(3_000)) + " " * 3_000 + "x: 1\n",
    "mapping keys nested 10,000 deep": "id: diep\nsteps: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
}


@pytest.mark.parametrize("text", list(BAD_YAML.values()), ids=list(BAD_YAML))
def test_yaml_nested_too_deep_is_one_line(data_dir, tmp_path, text):
    folder = tmp_path / "agendas"
    folder.mkdir()
    path = folder / "diep.yaml"
    path.write_text(text, encoding="utf-8")
    before = tree_hash(tmp_path)
    r = _check(data_dir, path, limit=60)
    assert r.returncode in (1, 2) and "Traceback" not in r.stderr + r.stdout, r.stderr
    if r.returncode == 2:
        assert_refused(2, r.stderr, "diep.yaml")
    else:  # reported as a problem of that file, on stdout
        assert "diep.yaml" in r.stdout
    assert tree_hash(tmp_path) == before


@pytest.mark.parametrize("kind", ["folder", "fifo", "binary"])
def test_check_on_something_that_is_not_a_text_file(data_dir, tmp_path, kind):
    folder = tmp_path / "agendas"
    folder.mkdir()
    path = folder / "raar.yaml"
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_bytes(b"\xff\xfe\x00\x01" * 100)
    before = tree_hash(tmp_path)
    r = _check(data_dir, path, limit=60)
    assert r.returncode in (1, 2) and "Traceback" not in r.stderr + r.stdout, r.stderr
    assert "raar.yaml" in r.stdout + r.stderr
    if r.returncode == 2:
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert tree_hash(tmp_path) == before


@pytest.mark.parametrize("command", [["list"], ["report"], ["purge", "--before", "2020-01-01"],
                                     ["new", "--title", "T", "--neighbourhood", "N"]])
def test_a_data_folder_that_is_a_file_is_named_not_treated_as_empty(capsys, tmp_path, command):
    not_a_folder = tmp_path / "sessies"
    not_a_folder.write_text("ik ben een bestand", encoding="utf-8")
    before = tree_hash(tmp_path)
    code, _out, err = run(capsys, not_a_folder, *command)
    assert_refused(code, err, "geen map")
    assert tree_hash(tmp_path) == before


def test_an_endless_stream_as_text_stops_with_one_line(data_dir, st, sid, tmp_path):
    before = tree_hash(tmp_path)
    with open("/dev/zero", "rb") as endless:
        r = subprocess.run([sys.executable, "-m", "wijksessie", "--data-dir", str(data_dir), "add", sid, "-"],
                           stdin=endless, capture_output=True, text=True, cwd=REPO, timeout=120)
    assert_refused(r.returncode, r.stderr, "MB")
    assert tree_hash(tmp_path) == before
