"""Privacy by design: consent before any personal data, forget and purge leave no trace, warnings on names.

"No trace" is checked the hard way: the raw bytes of every file in the data
folder (session file, backup copy, temporary files) and of a fresh export.
"""

from __future__ import annotations

import json
import os
import re
import stat

import pytest

from tests.conftest import REPO
from wijksessie import privacy
from wijksessie.model import Contribution, ModelError, Person, Session

JAN = {"name": "Jan Bakker", "email": "jan.bakker@example.nl", "address": "Lindelaan 12, 8011 AB Zwolle"}


def _new(cli, *extra: str) -> str:
    r = cli("new", "--title", "Gezond Noord", "--neighbourhood", "Noord", *extra)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def _person(cli, sid, name=JAN["name"], email=JAN["email"], address=JAN["address"], purpose="letter") -> str:
    r = cli("person", sid, "--name", name, "--email", email, "--address", address, "--lang", "tr",
            "--purpose", purpose, "--consent-how", "oral")
    assert r.returncode == 0, r.stderr
    code = r.stdout.strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code), code
    assert "code" in r.stderr, "the facilitator is told to hand the code over"
    return code


def _all_bytes(data_dir) -> bytes:
    """Every file the program keeps for sessions, as raw bytes (damaged copies aside)."""
    return b"".join(p.read_bytes() for p in sorted(data_dir.iterdir()) if p.is_file() and ".damaged-" not in p.name)


def _traces(blob: bytes | str, *values: str) -> list[str]:
    text = blob.decode("utf-8") if isinstance(blob, bytes) else blob
    return [v for v in values if v in text]


# ---------------------------------------------------------------- consent


def test_no_person_without_consent():
    with pytest.raises(ModelError, match="toestemming"):
        Person.new("Jan", purpose="letter", consent_how=None, email="jan@example.nl")
    with pytest.raises(ModelError, match="toestemming"):
        Person.new("Jan", purpose="letter", consent_how="", email="jan@example.nl")
    p = Person.new("Jan", purpose="help", consent_how="written", address="Lindelaan 12")
    assert p.consent.how.value == "written" and p.purpose.value == "help" and p.consent.given_at is not None


def test_person_is_kept_apart_with_consent_and_code(cli, data_dir, st):
    sid = _new(cli)
    assert cli("add", sid, "Meer bankjes in het park").returncode == 0
    code = _person(cli, sid)
    raw = json.loads((data_dir / f"{sid}.json").read_text(encoding="utf-8"))
    [doc] = raw["people"].values()
    assert doc["name"] == JAN["name"] and doc["language"] == "tr" and doc["receipt"] == code
    assert doc["consent"]["purpose"] == "letter" and doc["consent"]["how"] == "oral" and doc["consent"]["given_at"]
    assert not _traces(json.dumps(raw["contributions"]), JAN["name"], JAN["email"]), "contributions stay without names"
    # The resident asks what we know: the code finds it, typed any way.
    for typed in (code, code.lower(), code.replace("-", " "), code.replace("-", "")):
        r = cli("people", sid, typed)
        assert r.returncode == 0 and json.loads(r.stdout)[0]["email"] == JAN["email"], typed


def test_receipt_codes_are_random_and_unambiguous():
    from wijksessie.model import RECEIPT_ALPHABET, new_receipt_code

    codes = {new_receipt_code() for _i in range(2000)}
    assert len(codes) == 2000
    assert not set("01ILO") & set(RECEIPT_ALPHABET)


# ---------------------------------------------------------------- forget


def test_forget_by_code_leaves_no_trace_in_file_backup_or_export(cli, data_dir):
    sid = _new(cli)
    code = _person(cli, sid)
    other = _person(cli, sid, name="Ayse Yilmaz", email="ayse@example.nl", address="Eikenlaan 3", purpose="help")
    cli("add", sid, "Een wandelgroep op zaterdag")
    cli("add", sid, "Meer licht in de steeg")  # now the backup holds Jan too
    assert _traces(_all_bytes(data_dir), JAN["name"])
    assert JAN["name"] in (data_dir / f"{sid}.json.bak").read_text(encoding="utf-8")

    r = cli("forget", sid, code)
    assert r.returncode == 0, r.stderr
    assert code in r.stdout
    assert not _traces(_all_bytes(data_dir), *JAN.values(), code)
    r = cli("export", sid, "--format", "json", "--with-personal-data")
    assert not _traces(r.stdout, *JAN.values(), code)
    assert json.loads(r.stdout)["people"][0]["receipt"] == other, "other residents are kept"
    texts = [c["text"] for c in json.loads(r.stdout)["contributions"]]
    assert texts == ["Een wandelgroep op zaterdag", "Meer licht in de steeg"], "what was said is kept"
    r = cli("restore", sid, "--force")  # even the last good copy holds no trace
    assert r.returncode == 0
    assert not _traces(_all_bytes(data_dir), *JAN.values(), code)


def test_forget_by_name_and_ambiguous_names(cli, data_dir):
    sid = _new(cli)
    _person(cli, sid)
    a = _person(cli, sid, name="Piet de Vries", email="piet1@example.nl")
    b = _person(cli, sid, name="Piet de Vries", email="piet2@example.nl")
    r = cli("forget", sid, "jan bakker")
    assert r.returncode == 0 and not _traces(_all_bytes(data_dir), JAN["email"])
    r = cli("forget", sid, "Piet de Vries")
    assert r.returncode == 2 and a in r.stderr and b in r.stderr, "two people with that name: asks for the code"
    assert cli("forget", sid, b).returncode == 0
    assert not _traces(_all_bytes(data_dir), "piet2@") and _traces(_all_bytes(data_dir), "piet1@")


def test_forget_cleans_damaged_copies_and_names_what_it_cannot(cli, data_dir):
    sid = _new(cli)
    code = _person(cli, sid)
    cli("add", sid, "iets")
    good = (data_dir / f"{sid}.json").read_bytes()
    (data_dir / f"{sid}.json").write_bytes(good[: len(good) - 5])  # cut short: damaged, but holds Jan
    assert cli("restore", sid).returncode == 0
    [aside] = [p for p in data_dir.iterdir() if ".damaged-" in p.name]
    assert JAN["email"].encode() in aside.read_bytes()
    fifo = data_dir / f"{sid}.json.damaged-20260101-000000"
    os.mkfifo(fifo)  # something that is not a regular file: named, never opened
    r = cli("forget", sid, code)
    assert r.returncode == 0, r.stderr
    assert str(aside) in r.stdout and str(fifo) in r.stderr and "Traceback" not in r.stderr
    assert not _traces(aside.read_bytes(), *JAN.values())


def test_forget_removes_the_person_from_texts_owners_agreements_contact_and_outputs(cli, data_dir, st, state_home):
    from wijksessie import log

    sid = _new(cli)
    code = _person(cli, sid)
    cli("contact", sid, "--name", "Jan Bakker", "--email", JAN["email"])
    a = cli("add", sid, "Jan Bakker wil de moestuin trekken, mail jan.bakker@example.nl").stdout.strip()
    b = cli("add", sid, "Bakker woont op Lindelaan 12 en helpt mee").stdout.strip()
    cli("add", sid, "Meer bankjes in het park")
    assert cli("decide", sid, a, "--status", "under_review", "--owner", "Jan Bakker", "--reason", "Bakker vraagt het na").returncode == 0
    assert cli("decide", sid, a, "--status", "adopted", "--owner", "Jan Bakker").returncode == 0  # the first answer goes to history
    with st.open(sid) as sf:
        from wijksessie.model import Agreement

        sf.add_agreement(Agreement.new("Moestuin opzetten", who="Bakker"))
    out = data_dir / "uitvoer" / sid
    out.mkdir(parents=True)
    assert cli("export", sid, "--format", "json", "--with-personal-data", "-o", str(out / "export.json")).returncode == 0
    assert cli("letter", sid, "--format", "html", "-o", str(out / "brief.html")).returncode == 0
    (out / f"brief-{code}.txt").write_text("Beste Jan Bakker,", encoding="utf-8")  # a personal letter

    try:  # an error while the person's text was being handled: the log keeps no trace of it
        raise ValueError("kon niet opslaan: " + JAN["name"] + " " + JAN["email"])
    except ValueError:
        assert log.log_crash("test") is not None

    r = cli("forget", sid, code)
    assert r.returncode == 0, r.stderr
    said = r.stdout.splitlines()
    assert f"  Inbreng: {a}. Aangepast: tekst, wie het oppakt, eerdere reden, wie het eerder oppakte." in said
    assert f"  Inbreng: {b}. Aangepast: tekst." in said and "  Aanspreekpunt gewist." in said
    assert any(line.startswith("  Afspraak: ") and line.endswith(". Aangepast: wie.") for line in said)
    assert f"  Aangepast: {out / 'export.json'}." in said and f"  Verwijderd: {out / f'brief-{code}.txt'}." in said
    assert f"  Bewoner: {code}. Naam, e-mail en adres weggehaald." in said
    assert "  Reservekopie vervangen door de nieuwe versie." in said
    # As a person checking would: every file in the data folder, backups, outputs and the log folder.
    everything = b"".join(p.read_bytes() for folder in (data_dir, state_home) for p in folder.rglob("*") if p.is_file())
    assert not _traces(everything, "Bakker", JAN["email"], "Lindelaan 12", code)
    data = json.loads(cli("export", sid, "--format", "json").stdout)
    assert [c["text"] for c in data["contributions"]][2] == "Meer bankjes in het park"
    assert data["contributions"][0]["decision"]["status"] == "adopted"


# ---------------------------------------------------------------- purge


def test_purge_removes_personal_fields_and_keeps_content_and_counts(cli, data_dir, st):
    old = _new(cli, "--date", "2025-03-01")
    new = _new(cli, "--date", "2026-11-24")
    for sid in (old, new):
        _person(cli, sid)
        cli("contact", sid, "--name", "Fatima El Amrani", "--phone", "06-87654321", "--email", "f.elamrani@example.nl")
        cli("add", sid, "Meer bankjes in het park", "--theme", "Groen")
        cli("add", sid, "Bel mevrouw Jansen, ze heeft diabetes: 06-12345678", "--theme", "Zorg")
        cli("vote", sid, "Groen", "4")
    with st.open(old) as sf:
        sf.update(lambda s: setattr(s.tally, "participants", 23))
        c, personal = sf.contributions()
        sf.decide(c.id, "adopted", owner="Wijkteam")
    before_count = len(json.loads(cli("export", old, "--format", "json").stdout)["contributions"])

    r = cli("purge", "--before", "2026-01-01")
    assert r.returncode == 0, r.stderr
    assert old in r.stdout and new not in r.stdout
    assert f"  Inbreng: {personal.id}. Persoonsgegevens in de tekst vervangen." in r.stdout.splitlines(), "each change is said"
    assert "  Aanspreekpunt gewist." in r.stdout.splitlines()
    old_files = b"".join(p.read_bytes() for p in data_dir.iterdir() if p.name.startswith(old) and p.is_file())
    assert not _traces(old_files, *JAN.values(), "Fatima", "06-87654321", "06-12345678", "Jansen")
    data = json.loads(cli("export", old, "--format", "json", "--with-personal-data").stdout)
    assert data["people"] == [] and data["contact"]["name"] == ""
    assert len(data["contributions"]) == before_count
    assert data["contributions"][0]["text"] == "Meer bankjes in het park"
    assert data["contributions"][0]["decision"]["status"] == "adopted"
    assert data["contributions"][1]["text"] == "Bel mevrouw [naam], ze heeft diabetes: [telefoonnummer]"
    assert data["session"]["tally"]["participants"] == 23 and data["priorities"][0]["votes"] == 4
    # The newer session is untouched.
    assert _traces(_all_bytes(data_dir), JAN["name"], "Fatima")
    assert json.loads(cli("people", new).stdout)[0]["name"] == JAN["name"]


def test_purge_reports_a_session_open_elsewhere_and_does_the_rest(cli, data_dir, st):
    busy = _new(cli, "--date", "2025-01-01")
    free = _new(cli, "--date", "2025-02-01")
    for sid in (busy, free):
        _person(cli, sid)
    with st.open(busy):  # the facilitator has it open in the full-screen program
        r = cli("purge", "--before", "2026-01-01")
    assert r.returncode == 2 and busy in r.stderr and "Traceback" not in r.stderr
    assert json.loads(cli("people", free).stdout) == []
    assert json.loads(cli("people", busy).stdout) != []
    assert cli("purge", "--before", "2026-01-01").returncode == 0
    assert json.loads(cli("people", busy).stdout) == []


# ---------------------------------------------------------------- exports and file modes


def test_export_leaves_people_out_unless_asked(cli, data_dir, tmp_path):
    sid = _new(cli)
    code = _person(cli, sid)
    plain = cli("export", sid, "--format", "json")
    assert "people" not in json.loads(plain.stdout) and not _traces(plain.stdout, *JAN.values(), code)
    target = tmp_path / "met-namen.json"
    r = cli("export", sid, "--format", "json", "--with-personal-data", "-o", str(target))
    assert r.returncode == 0, r.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["people"][0]["name"] == JAN["name"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_files_with_personal_data_are_owner_only(cli, data_dir):
    sid = _new(cli)
    code = _person(cli, sid)
    cli("add", sid, "iets")
    cli("forget", sid, code)
    _person(cli, sid)
    cli("purge", "--before", "2999-01-01")
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for path in data_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_readme_says_where_data_lives_and_how_to_delete_it():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for words in ("wijksessie forget", "wijksessie purge", "WIJKSESSIE_DATA_DIR", ".bak"):
        assert words in readme, words


# ---------------------------------------------------------------- spotting personal data

FOUND = [
    ("Bel mij op 06-12345678.", "phone", "06-12345678"),
    ("Mijn nummer is 06 1234 5678", "phone", "06 1234 5678"),
    ("of +31 6 1234 5678 na zessen", "phone", "+31 6 1234 5678"),
    ("whatsapp +31612345678", "phone", "+31612345678"),
    ("0031 6 12345678", "phone", "0031 6 12345678"),
    ("het buurthuis: 020-1234567", "phone", "020-1234567"),
    ("bel (020) 123 4567", "phone", "(020) 123 4567"),
    ("0512-123456 is de huisarts", "phone", "0512-123456"),
    ("mail naar jan.bakker@example.nl graag", "email", "jan.bakker@example.nl"),
    ("Mevrouw Jansen van hiernaast heeft diabetes.", "name_health", "Jansen"),
    ("Mevrouw De Vries heeft diabetes.", "name_health", "De Vries"),
    ("mevrouw van der Berg is dement", "name_health", "van der Berg"),
    ("Ik zag Jan Bakker in het ziekenhuis.", "name_health", "Jan Bakker"),
    ("Mijn buurman Piet zit in een rolstoel.", "name_health", "Piet"),
    ("Meneer Öztürk gebruikt medicijnen", "name_health", "Öztürk"),
    ("Jan heeft diabetes", "name_health", "Jan"),
    ("Wij zagen dat Karin erg ziek was.", "name_health", "Karin"),
    ("mijn bsn is 111222333", "bsn", "111222333"),
    ("IBAN NL91ABNA0417164300", "iban", "NL91ABNA0417164300"),
    ("Postcode 8011 AB, huisnummer 12.", "postcode", "8011 AB"),
    ("Kees woont hiernaast. Hij heeft kanker.", "name_health", "Kees"),
]

NOT_FOUND = [
    "Diabetes is een groot probleem in Noord.",
    "Veel ouderen in Zuid hebben diabetes.",
    "Ouderen met dementie in De Linde.",
    "Het Groene Kruis helpt bij thuiszorg.",
    "De GGD zegt dat COPD vaak voorkomt.",
    "Wij willen meer groen. Het park in Oost is te klein.",
    "Kees wil een bankje bij de bushalte.",
    "In 2019-2020 waren er 12345678 bezoekers.",
    "Op 24-11-2026 om 19:30 uur in zaal 3.",
    "Het kost 1.234.567,89 euro.",
    "Meer sport voor jongeren, minder suiker in de kantine? Ja!",
    "Bus 12345 rijdt om 06:15.",
    "Het nummer 123456789 klopt niet.",  # nine digits, but fails the BSN check
]


@pytest.mark.parametrize("text,kind,passage", FOUND, ids=[f[0][:30] for f in FOUND])
def test_personal_data_is_spotted(text, kind, passage):
    hints = privacy.personal_data_hints(text)
    assert [(h.kind, h.text) for h in hints] == [(kind, passage)]
    assert text[hints[0].start:hints[0].end] == passage and hints[0].message
    clean = privacy.anonymise(text)
    assert passage not in clean and hints[0].placeholder in clean
    assert privacy.personal_data_hints(clean) == [], "anonymised text raises no new warning"


@pytest.mark.parametrize("text,name", [
    ("Mevrouw Jansen van nummer 12 zit alleen, bel haar op 06-12345678", "Jansen"),
    ("mail Piet de Vries: piet@example.nl", "Piet de Vries"),
    ("Meneer van der Berg woont op Lindelaan 12", "van der Berg"),
])
def test_a_name_beside_a_number_or_address_is_held_back_too(text, name):
    """Walkthrough: with only the phone number replaced, the letter still said 'Mevrouw Jansen van nummer 12'."""
    hints = privacy.personal_data_hints(text)
    assert ("name_contact", name) in [(h.kind, h.text) for h in hints]
    clean = privacy.anonymise(text)
    assert name not in clean and "[naam]" in clean
    assert privacy.personal_data_hints(clean) == []


def test_a_role_or_a_name_without_contact_details_is_left_alone():
    assert [h.kind for h in privacy.personal_data_hints("Bel meneer de wijkagent op 06-12345678")] == ["phone"]
    assert privacy.personal_data_hints("Mevrouw Jansen zit vaak alleen") == []


def test_a_first_name_with_a_surname_in_parts_is_found():
    hints = privacy.personal_data_hints("Kees van de Berg heeft diabetes")
    assert [(h.kind, h.text) for h in hints] == [("name_health", "Kees van de Berg")]


@pytest.mark.parametrize("text", NOT_FOUND, ids=[t[:30] for t in NOT_FOUND])
def test_ordinary_text_raises_no_warning(text):
    assert privacy.personal_data_hints(text) == []
    assert privacy.anonymise(text) == text


def test_add_warns_and_offers_to_anonymise(cli, data_dir):
    sid = _new(cli)
    r = cli("add", sid, "Bel mevrouw Jansen, ze heeft diabetes: 06-12345678")
    assert r.returncode == 0, "the text is saved: nothing said is lost"
    cid = r.stdout.strip()
    assert r.stderr.strip().splitlines() == [
        "Dit lijkt een naam bij iets over gezondheid: Jansen. Dit lijkt een telefoonnummer: 06-12345678.",
        f"Let op: schrijf inbreng zonder namen of nummers. Weghalen kan met: wijksessie anonymise {sid} {cid}",
    ], "what was found, then what to do"
    r = cli("anonymise", sid, cid)
    assert r.returncode == 0 and r.stdout.strip() == "Bel mevrouw [naam], ze heeft diabetes: [telefoonnummer]"
    export = json.loads(cli("export", sid, "--format", "json").stdout)
    assert export["contributions"][0]["text"] == r.stdout.strip()
    assert cli("add", sid, "Meer bankjes in het park").stderr == "", "no warning for ordinary text"


def test_hints_are_translated(monkeypatch):
    from wijksessie import i18n

    [hint] = privacy.personal_data_hints("06-12345678")
    dutch = hint.message
    i18n.set_language("en")
    try:
        assert hint.message  # falls back to Dutch when no catalogue has it yet
    finally:
        i18n.set_language("nl")
    assert dutch == "Dit lijkt een telefoonnummer."
    # What was found comes after a label and a colon, one whole message per kind.
    assert privacy.describe(privacy.personal_data_hints("Mail piet@example.nl of bel 06-12345678")) == (
        "Dit lijkt een e-mailadres: piet@example.nl. Dit lijkt een telefoonnummer: 06-12345678."
    )


def test_store_api_for_the_full_screen_program(st):
    sid = st.create(Session.new("Gezond Noord", "Noord")).id
    with st.open(sid) as sf:
        p = sf.add_person(Person.new("Jan Bakker", purpose="letter", consent_how="form", email="jan@example.nl"))
        sf.add_contribution(Contribution.new("iets"))
        assert sf.person(p.receipt.lower()) == p and sf.person("JAN BAKKER") == p
        assert sf.people() == [p]
        gone = sf.forget_person(p.receipt)
        assert gone == p and sf.people() == []
    with st.open(sid, readonly=True) as sf:
        assert sf.people() == [] and [c.text for c in sf.contributions()] == ["iets"]


# ---------------------------------------------------------------- the labelled corpus

CORPUS = REPO / "tests" / "data" / "privacy"


def _corpus():
    personal = [
        line.split("\t")
        for line in (CORPUS / "personal.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    ordinary = [
        line
        for line in (CORPUS / "ordinary.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return personal, ordinary


def test_corpus_recall_and_false_alarms():
    """At least 95 % of personal data caught, at most 2 % of ordinary texts changed (figures printed with -s)."""
    personal, ordinary = _corpus()
    kinds = {kind for kind, _passage, _text in personal}
    assert len(personal) >= 100 and len(ordinary) >= 50
    assert kinds >= {"phone", "email", "postcode", "address", "iban", "birthdate", "name_health"}, kinds
    for kind, passage, text in personal:
        assert passage in text, (kind, passage)
    missed = [(kind, text) for kind, passage, text in personal if passage in privacy.anonymise(text)]
    changed = [text for text in ordinary if privacy.anonymise(text) != text]
    recall = 1 - len(missed) / len(personal)
    false_alarms = len(changed) / len(ordinary)
    print(f"\nprivacy corpus: caught {len(personal) - len(missed)}/{len(personal)} ({recall:.1%}), "
          f"ordinary texts changed {len(changed)}/{len(ordinary)} ({false_alarms:.1%})")
    assert recall >= 0.95, missed
    assert false_alarms <= 0.02, changed


def test_corpus_anonymised_texts_raise_no_new_warning():
    personal, _ordinary = _corpus()
    for _kind, _passage, text in personal:
        clean = privacy.anonymise(text)
        assert privacy.personal_data_hints(clean) == [], (text, clean)


def test_importing_privacy_stays_light():
    """The warning runs while typing: importing the module must not load the phone library."""
    import subprocess
    import sys

    code = "import sys, wijksessie.privacy; print('phonenumbers' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert r.stdout.strip() == "False", r.stderr


# ---------------------------------------------------------------- letters never carry personal data

LETTER_POINTS = [
    ("Bel mij: 06-12345678, ik wil meehelpen", "06-12345678"),
    ("Mail naar jan.bakker@example.nl voor de moestuin", "jan.bakker@example.nl"),
    ("Ik woon op Lindelaan 12, daar mist een lamp", "Lindelaan 12"),
    ("In 8011 AB is het 's avonds te donker", "8011 AB"),
    ("Geld voor het buurtfeest op NL91ABNA0417164300", "NL91ABNA0417164300"),
    ("Ik ben geboren op 12-03-1948 en woon hier al lang", "12-03-1948"),
    ("Kees woont hiernaast. Hij heeft kanker.", "Kees"),
]


def _letter_session(cli):
    sid = _new(cli, "--lang", "nl", "tr", "ar")
    ids = []
    for text, _passage in LETTER_POINTS:
        r = cli("add", sid, text)
        assert r.returncode == 0, r.stderr
        ids.append(r.stdout.strip())
    ids.append(cli("add", sid, "Meer bankjes in het park").stdout.strip())
    return sid, ids


def test_no_letter_in_any_format_or_language_prints_personal_data(cli, tmp_path):
    sid, ids = _letter_session(cli)
    for lang in ("nl", "tr", "ar", "en"):
        for fmt in ("html", "md", "txt"):
            r = cli("letter", sid, "--format", fmt, "--lang", lang)
            assert r.returncode == 0, r.stderr
            assert not _traces(r.stdout, *(p for _t, p in LETTER_POINTS)), (lang, fmt)
            assert "bankjes" in r.stdout, "ordinary points are printed as they are"
    # The facilitator is told which points were held back and how to clear them.
    r = cli("letter", sid, "-o", str(tmp_path / "brief.html"), "--format", "html")
    assert r.returncode == 0 and not _traces((tmp_path / "brief.html").read_text(encoding="utf-8"),
                                             *(p for _t, p in LETTER_POINTS))
    for cid in ids[:-1]:
        assert cid in r.stderr
    assert ids[-1] + ":" not in r.stderr
    assert f"wijksessie privacy-ok {sid}" in r.stderr and f"wijksessie anonymise {sid}" in r.stderr
    assert "[telefoonnummer]" in (tmp_path / "brief.html").read_text(encoding="utf-8"), "marked where it was left out"


def test_final_letter_says_what_was_held_back(cli, tmp_path):
    sid, ids = _letter_session(cli)
    for cid in ids:
        assert cli("decide", sid, cid, "--status", "adopted").returncode == 0
    r = cli("letter", sid, "--final", "--format", "txt", "-o", str(tmp_path / "brief.txt"))
    assert r.returncode == 0, r.stderr
    assert not _traces((tmp_path / "brief.txt").read_text(encoding="utf-8"), *(p for _t, p in LETTER_POINTS))
    assert ids[0] in r.stderr and "privacy-ok" in r.stderr


def test_core_says_which_points_are_held(st):
    sid = st.create(Session.new("Gezond Noord", "Noord")).id
    with st.open(sid) as sf:
        a = sf.add_contribution(Contribution.new("Bel mij: 06-12345678"))
        sf.add_contribution(Contribution.new("Meer bankjes"))
        held = privacy.letter_holds(sf.contributions())
    assert [h.contribution_id for h in held] == [a.id]
    assert held[0].kinds == ("phone",) and held[0].letter_text == "Bel mij: [telefoonnummer]"
    assert privacy.describe_holds(held, sid)[1].startswith(f"  {a.id}: ")


def test_anonymised_point_is_not_held_and_clearance_needs_a_reason(cli):
    sid, ids = _letter_session(cli)
    assert cli("anonymise", sid, ids[1]).returncode == 0
    r = cli("letter", sid)
    assert ids[1] not in r.stderr and ids[0] in r.stderr
    r = cli("privacy-ok", sid, ids[0], "--reason", "  ")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "--reason" in r.stderr


def test_cleared_point_goes_into_the_letter_until_its_text_changes(cli, st):
    sid, ids = _letter_session(cli)
    r = cli("privacy-ok", sid, ids[0], "--reason", "nummer van het buurthuis")
    if r.returncode == 2 and "nog niet bewaren" in r.stderr:
        pytest.skip("model.Contribution has no privacy_ok field yet (asked of the schema helper)")
    assert r.returncode == 0, r.stderr
    r = cli("letter", sid)
    assert "06-12345678" in r.stdout and ids[0] + ":" not in r.stderr
    with st.open(sid) as sf:
        sf.edit_contribution(ids[0], text="Bel mij: 06-87654321")
    r = cli("letter", sid)
    assert "06-87654321" not in r.stdout and ids[0] in r.stderr, "a changed text is checked again"


def test_purge_goes_on_past_a_damaged_file_and_cleans_backups_and_outputs(cli, data_dir):
    old = _new(cli, "--date", "2025-03-01")
    _person(cli, old)
    cli("contact", old, "--name", "Fatima El Amrani", "--phone", "06-87654321")
    cli("add", old, "Bel Fatima El Amrani op 06-87654321")
    out = data_dir / "uitvoer" / old
    out.mkdir(parents=True)
    assert cli("export", old, "--format", "json", "--with-personal-data", "-o", str(out / "export.json")).returncode == 0
    (data_dir / "0badf11e.json").write_bytes(b"{kapot")
    r = cli("purge", "--before", "2026-01-01")
    assert r.returncode == 2 and "0badf11e" in r.stderr and "Traceback" not in r.stderr
    assert old in r.stdout and "export.json" in r.stdout
    everything = b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and "0badf11e" not in p.name)
    assert not _traces(everything, *JAN.values(), "Fatima", "06-87654321")


# ---------------------------------------------------------------- the error log


@pytest.fixture
def state_home(tmp_path, monkeypatch):
    """The platform's state folder for this test (platformdirs reads XDG_STATE_HOME on Linux)."""
    home = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(home))
    return home


def _crash_with_resident_text(monkeypatch, capsys):
    from wijksessie import cli
    from wijksessie.commands import people as people_cmds

    said = "Bel mij: 06-12345678, mevrouw Jansen heeft diabetes"  # as a resident's text reaches an error

    def boom(args):
        raise ValueError(said)

    monkeypatch.setattr(people_cmds, "cmd_people", boom)
    code = cli.main(["people", "abc"])
    return code, capsys.readouterr().err


def test_crash_log_is_private_in_the_state_folder_and_holds_no_residents_text(monkeypatch, capsys, state_home, tmp_path):
    from wijksessie import log

    monkeypatch.chdir(tmp_path)
    code, err = _crash_with_resident_text(monkeypatch, capsys)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    path = log.log_path()
    assert path.is_relative_to(state_home) and str(path) in err
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    text = path.read_text(encoding="utf-8")
    assert "ValueError" in text and "boom" in text, "type and frames are kept"
    assert not _traces(text, "06-12345678", "Jansen", "diabetes"), "never what residents said"
    assert not (tmp_path / "sessions").exists() and not list(tmp_path.glob("*.log"))


def test_crash_log_is_rotated_with_a_size_cap(monkeypatch, state_home):
    from wijksessie import log

    monkeypatch.setattr(log, "MAX_BYTES", 2000)
    for _i in range(60):
        try:
            raise KeyError("x")
        except KeyError:
            assert log.log_crash("test") == log.log_path()
    files = sorted(log.log_dir().glob("wijksessie.log*"))
    assert len(files) == log.BACKUPS + 1
    for f in files:
        assert f.stat().st_size <= 2000 + 1000 and stat.S_IMODE(f.stat().st_mode) == 0o600


def test_a_failing_log_never_prints_logging_error(monkeypatch, capsys, state_home, tmp_path):
    state_home.mkdir()
    (state_home / "wijksessie").write_text("a file where the log folder should be")
    code, err = _crash_with_resident_text(monkeypatch, capsys)
    assert code == 1 and "Logging error" not in err and len(err.strip().splitlines()) == 1
    assert "geen logbestand" in err


def test_check_in_any_folder_leaves_no_log_or_sessions_folder_there(tmp_path, monkeypatch):
    here = tmp_path / "ergens"
    here.mkdir()
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "WIJKSESSIE_DATA_DIR"}
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    r = subprocess.run([sys.executable, "-m", "wijksessie", "check"], cwd=here, env=env, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode in (0, 1), r.stderr
    assert list(here.iterdir()) == []


def test_a_long_paste_is_checked_whole():
    """A pasted page of names, health words, dates and numbers: every passage found (the scan is linear, see
    ``_near`` and ``_sentence_around``; timing is measured by hand, not asserted here)."""
    page = ("Jan is ziek. Ik ben van 12-03-1948. Bel 06-12345678 of mail a@b.nl. Lindelaan 12, 8011 AB. " * 200)
    hints = privacy.personal_data_hints(page)
    assert len(hints) == 6 * 200
    assert privacy.personal_data_hints(privacy.anonymise(page, hints)) == []


def test_report_and_look_back_show_personal_data_only_anonymised(cli, st):
    from wijksessie import feedback

    sid = _new(cli)
    assert cli("add", sid, "Bel mij: 06-12345678, de stoep is kapot", "--kind", "problem", "--theme", "Veilig").returncode == 0
    for fmt in ("md", "csv", "json"):
        r = cli("report", "--format", fmt)
        assert r.returncode == 0, r.stderr
        assert "06-12345678" not in r.stdout, fmt
    later = Session.new("Vervolg", "Noord")
    later.follows = sid
    st.create(later)
    lb = feedback.look_back(st, later)
    assert [p.text for p in lb.points] == ["Bel mij: [telefoonnummer], de stoep is kapot"]


def test_folders_made_for_output_are_owner_only(cli, tmp_path):
    sid = _new(cli)
    _person(cli, sid)
    target = tmp_path / "nieuw" / "map" / "met-namen.json"
    r = cli("export", sid, "--format", "json", "--with-personal-data", "-o", str(target))
    assert r.returncode == 0, r.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    for folder in (target.parent, target.parent.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
