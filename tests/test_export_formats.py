"""Notes export as Markdown (to read) and CSV (to open in Dutch Excel), from the library and the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io

from wijksessie import export
from wijksessie.model import Agreement, Contribution, Session
from wijksessie.store import SessionStore

BOM = "\ufeff"


def _filled(data_dir):
    store = SessionStore(data_dir)
    s = Session.new("Gezond Noord", "Noord", date="2026-11-24", place="Buurthuis")
    s.tally.participants = 12
    s.priorities.add("Groen", 3)
    s.priorities.add("Bewegen", 3)
    store.create(s)
    with store.open(s.id) as sf:
        a = sf.add_contribution(Contribution.new("Meer bomen; en 'schaduw' \"graag\"", theme="Groen", kind="problem", step="bespreken"))
        b = sf.add_contribution(Contribution.new("Regel één\nregel twee, met é en ü", theme="Bewegen"))
        c = sf.add_contribution(Contribution.new("=SOM(A1:A9) *vet* <b>", theme=""))
        sf.decide(a.id, "not_adopted", reason="Daar liggen leidingen; bomen kunnen er niet.")
        sf.decide(b.id, "referred", organisation="Sportbedrijf", owner="Anouk", due="2027-02-01", quick_win=True)
        sf.add_agreement(Agreement.new("Wandeling plannen", who="Buurthuis", by_when="2026-12-05"))
    return store, s.id, (a.id, b.id, c.id)


def _rows(text: str) -> list[dict]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[len(BOM):], newline=""), delimiter=";"))


def test_csv_one_row_per_contribution_with_its_decision(data_dir):
    store, sid, (a, b, c) = _filled(data_dir)
    with store.open(sid, readonly=True) as sf:
        text = BOM + export.export_csv(sf)
    rows = _rows(text)
    assert list(rows[0].keys()) == list(export.CSV_COLUMNS)
    assert [r["id"] for r in rows] == [a, b, c]
    ra, rb, rc = rows
    assert ra["tekst"] == "Meer bomen; en 'schaduw' \"graag\""  # ; and quotes survive
    assert ra["status"] == "niet overgenomen" and ra["uitleg"].startswith("Daar liggen leidingen")
    assert ra["soort"] == "probleem" and ra["stap"] == "bespreken" and ra["thema"] == "Groen"
    assert rb["tekst"] == "Regel één\nregel twee, met é en ü"  # a line break stays inside its cell
    assert (rb["organisatie"], rb["eigenaar"], rb["klaar_op"], rb["snel_resultaat"]) == ("Sportbedrijf", "Anouk", "2027-02-01", "ja")
    assert rc["status"] == "nog geen besluit" and rc["snel_resultaat"] == "nee"
    assert rc["tekst"] == "'=SOM(A1:A9) *vet* <b>"  # never run as a formula
    assert dt.datetime.fromisoformat(ra["gemaakt_op"]).date() == dt.date.today()


def test_markdown_for_reading(data_dir):
    store, sid, (a, b, c) = _filled(data_dir)
    with store.open(sid, readonly=True) as sf:
        md = export.export_markdown(sf)
    assert md.startswith("# Gezond Noord\n")
    assert "**Aantal mensen:** 12" in md
    assert "3 punten, 1 zonder besluit" in md
    assert "(gedeelde plaats)" in md  # Groen and Bewegen tie
    assert "### Groen" in md and "### Zonder thema" in md
    assert "Uitleg: Daar liggen leidingen; bomen kunnen er niet." in md
    assert "Organisatie: Sportbedrijf" in md and "Klaar op: 1 februari 2027" in md
    assert r"\*vet\* \<b\>" in md  # what residents said is not turned into markup
    assert "Regel één regel twee" in md
    assert "Wandeling plannen — Wie: Buurthuis; Wanneer: 5 december 2026" in md


def test_cli_csv_has_bom_on_stdout_and_in_a_file(cli, tmp_path):
    sid = cli("new", "--title", "T", "--neighbourhood", "Noord").stdout.strip()
    cli("add", sid, "Meer groen; graag", "--theme", "Groen")
    r = cli("export", sid, "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = _rows(r.stdout)
    assert rows[0]["tekst"] == "Meer groen; graag"
    out = tmp_path / "notes.csv"
    r = cli("export", sid, "--format", "csv", "-o", str(out))
    assert r.returncode == 0, r.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert _rows(raw.decode("utf-8"))[0]["thema"] == "Groen"


def test_cli_markdown_and_json_still_work(cli):
    import json

    sid = cli("new", "--title", "T", "--neighbourhood", "Noord").stdout.strip()
    cli("add", sid, "Iets", "--theme", "Groen")
    r = cli("export", sid, "--format", "md")
    assert r.returncode == 0 and r.stdout.startswith("# T") and "Iets" in r.stdout
    data = json.loads(cli("export", sid, "--format", "json").stdout)
    assert data["schema"] == "wijksessie-export" and data["contributions"][0]["text"] == "Iets"


# ---------------------------------------------------------------- no raw control characters in any document


def _hostile(data_dir) -> tuple[SessionStore, str]:
    from tests.data.hostile_text import HOSTILE

    store = SessionStore(data_dir)
    s = Session.new("Titel \x1b]0;pwned\x07", "Noord\u202e", date="2026-11-24")
    s.contact.name = "Naam \x00\x9b2J"
    store.create(s)
    with store.open(s.id) as sf:
        for name, text in HOSTILE.items():
            c = sf.add_contribution(Contribution.new(text, theme="Thema \x1b[2J" if "title" in name else "Groen"))
            sf.decide(c.id, "not_adopted", reason="Reden \x1b[31m" + text[:20])
    return store, s.id


def test_exports_and_letters_carry_no_raw_control_characters(cli, data_dir, tmp_path):
    from tests.data.hostile_text import raw_left

    _store, sid = _hostile(data_dir)
    documents = [("export", "md"), ("export", "csv"), ("letter", "md"), ("letter", "txt"), ("letter", "html")]
    for command, fmt in documents:
        out = tmp_path / f"{command}.{fmt}"
        r = cli(command, sid, "--format", fmt, "-o", str(out))
        assert r.returncode == 0, r.stderr
        text = out.read_text(encoding="utf-8-sig")
        assert not raw_left(text, allow_crlf=fmt == "csv"), (command, fmt, raw_left(text, allow_crlf=True))
        assert "pwned" in text and "👍🏽" in text, "the text itself stays, emoji too"
        if command == "letter" or fmt == "md":
            assert "شكرا للجميع" in text and "שלום" in text, "every script stays"
    r = cli("report", "--format", "md", "-o", str(tmp_path / "report.md"))
    assert r.returncode == 0 and not raw_left((tmp_path / "report.md").read_text(encoding="utf-8"))


def test_document_safe_keeps_crlf_emoji_scripts_and_our_own_isolates():
    from wijksessie.safe_text import document_safe

    assert document_safe("a;b\r\nc") == "a;b\r\nc"
    assert document_safe("\u2068Fatma\u2069 zei") == "\u2068Fatma\u2069 zei", "balanced isolates stay"
    assert document_safe("\u2067open\nnext") == "\u2067open\u2069\nnext", "an isolate never runs over a line end"
    assert document_safe("x\u202egpj.exe") == "xgpj.exe"
    assert document_safe("goed\rFOUT \x00 \x1b[2J") == "goed␍FOUT ␀ ␛[2J"
    text = "👍🏽 ❤️‍🔥 شكرا שלום नमस्ते 中文 e\u0301"
    assert document_safe(text) == text
    assert document_safe(document_safe("\x1b\u202e\u2069x")) == document_safe("\x1b\u202e\u2069x"), "idempotent"


def test_csv_every_column_is_formula_safe(data_dir):
    store = SessionStore(data_dir)
    s = Session.new("T", "N", date="2026-11-24")
    store.create(s)
    with store.open(s.id) as sf:
        sf.add_contribution(Contribution.new("+31 6 1234", theme="@thema", step=""))
        c = sf.add_contribution(Contribution.new("-2 bankjes", theme="=1+1"))
        sf.decide(c.id, "referred", organisation="=HYPERLINK(\"x\")", owner="@jan")
    with store.open(s.id, readonly=True) as sf:
        rows = _rows(BOM + export.export_csv(sf))
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "-", "@")), (column, value)
    assert export._cell("=id") == "'=id", "the id column goes through the same guard"


def test_letters_and_reports_are_clean_at_the_source(data_dir):
    """Not only the command line: every caller of the letter and the report (screens, PDF) gets clean text."""
    from tests.data.hostile_text import raw_left
    from wijksessie import letter, report

    store, sid = _hostile(data_dir)
    with store.open(sid, readonly=True) as sf:
        for fmt in ("md", "txt", "html"):
            text = letter.render_letter(sf.session, sf.contributions(), sf.agreements(), fmt, "nl")
            assert not raw_left(text), (fmt, raw_left(text))
    built = report.build_report(store)
    for fmt in ("md", "csv"):
        assert not raw_left(report.render_report(built, fmt), allow_crlf=True), fmt
