"""Letters to print and to edit: PDF, Word (DOCX) and personal letters.

Every test reads the result back the way a user's tools would: the PDF's
text with pypdf (what search and a screen reader get), its fonts and page
size from the file itself, the Word file's XML, the first page as an image
(pdftoppm), the files and folder modes on disk. Real session files, real
catalogues.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import stat
import subprocess
import zipfile
from xml.etree import ElementTree

import pytest

from wijksessie import i18n, letter
from wijksessie.documents import personal, render_document, write_document
from wijksessie.documents.blocks import parse_letter_html
from wijksessie.errors import UserError
from wijksessie.model import Agreement, ContactPoint, Contribution, Person, Session
from wijksessie.store import SessionStore

pypdf = pytest.importorskip("pypdf")

TODAY = dt.date(2026, 12, 1)
#: Every language we ship a catalogue for (a new one is tested without a change here).
LANGUAGES = tuple(i18n.available_languages())

#: What residents said, with the letters of Turkish, Polish and Frisian in it.
SAID = {
    "tr": "Ayşe'nin bahçesi: ığüşöç İstanbul",
    "pl": "Zażółć gęślą jaźń przy szkole",
    "fy": "Mear plak foar it âlde skûtsje en de kêst",
    "nl": "Te weinig bankjes bij de flats",
    "open": "Speeltuin opknappen",
}
REASON = "Daar is geen geld voor. Wel komen er lessen in het buurthuis."
PHONE = "06-12345678"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_every_shipped_language_is_tested():
    assert set(LANGUAGES) >= {"nl", "en", "fy", "tr", "ar", "pl"}


def _session() -> Session:
    s = Session.new("Gezond Noord", "Noord", date="2026-11-24", place="Buurthuis De Linde",
                    languages=list(LANGUAGES), feedback_due="2027-01-15")
    s.tally.participants = 23
    s.contact = ContactPoint(name="Fatima El Amrani", role="wijkwerker", phone="06-87654321",
                             email="f.elamrani@example.nl", hours="di en do 9-12 uur")
    for theme, votes in (("Groen", 7), ("Bewegen", 4)):
        s.priorities.add(theme, votes)
    return s


@pytest.fixture
def filled(data_dir):
    """A real session file: points with every kind of answer, one with a phone number, and residents."""
    store = SessionStore(data_dir)
    session = _session()
    store.create(session)
    with store.open(session.id) as sf:
        def add(text, theme, **decision):
            c = sf.add_contribution(Contribution.new(text, theme=theme, kind="idea"))
            if decision:
                sf.decide(c.id, **decision)
            return c

        add(SAID["tr"], "Groen", status="adopted", owner="Team Groen", due="2027-03-01")
        add(SAID["pl"], "Bewegen", status="not_adopted", reason=REASON)
        add(SAID["fy"], "Groen", status="referred", organisation="Wijkagent Noord")
        add(SAID["nl"], "Bewegen", status="done", quick_win=True)
        add(SAID["open"], "")
        add(f"Bel mevrouw op {PHONE} over de trap", "")
        sf.add_agreement(Agreement.new("Elke zaterdag samen wandelen", who="Buurthuis De Linde", by_when="2026-12-05"))
        people = {
            "tr": sf.add_person(Person.new("Ayşe Yılmaz", purpose="letter", consent_how="oral",
                                           address="Kerkstraat 12, 1234 AB Voorbeeld", language="tr")),
            "ar": sf.add_person(Person.new("محمد العلي", purpose="letter", consent_how="form",
                                           address="Merelplein 3\n1234 CD Voorbeeld", language="ar")),
            "help": sf.add_person(Person.new("Jan Helper", purpose="help", consent_how="oral",
                                             email="jan@example.org", address="Dorpsstraat 1, Voorbeeld")),
        }
    return store, session.id, {k: p.receipt for k, p in people.items()}


def _document(store, sid, fmt, lang, **kwargs):
    with store.open(sid, readonly=True) as sf:
        return write_document(sf.session, sf.contributions(), sf.agreements(), fmt, lang, today=TODAY, **kwargs)


def _html_letter(store, sid, lang):
    with store.open(sid, readonly=True) as sf:
        return letter.render_session_letter(sf, "html", lang, today=TODAY)


def _squash(text: str) -> str:
    """Text without spaces, line breaks and direction marks: PDF extraction breaks lines where it likes."""
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+", "", text)


def _says(text: str, piece: str, lang: str) -> bool:
    """``piece`` is in ``text`` (both squashed). Right to left, text is read back in visual order
    where Arabic and Dutch or digits mix on a line, so there every word must be there instead."""
    if letter.text_direction(lang) != "rtl":
        return _squash(piece) in text
    return all(word in text for word in re.findall(r"\w+", piece))


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


# ----------------------------------------------------------------------------- PDF


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_in_every_language_says_what_the_letter_says(filled, lang):
    store, sid, _codes = filled
    data = _document(store, sid, "pdf", lang).data
    assert data.startswith(b"%PDF-")
    text = _squash(_pdf_text(data))

    # Everything the HTML letter says is in the PDF as real text: headings, every paragraph and point.
    doc = parse_letter_html(_html_letter(store, sid, lang))
    assert doc.blocks, "the HTML letter has content"
    for block in doc.blocks:
        assert _says(text, block.text, lang), (lang, block.kind, block.text)
        assert _says(text, block.quote, lang), (lang, block.quote)
    # Residents' words with Turkish, Polish and Frisian letters come out exactly.
    for said in (SAID["tr"], SAID["pl"], SAID["fy"]):
        assert _squash(said) in text
    # The municipality's heading, the contact point and page numbers.
    assert _squash(letter.load_municipality().heading) in text
    assert "FatimaElAmrani" in text and "06-87654321" in text
    assert re.search(r"1/[1-9]", text)
    # No personal data said in the room: the phone number is held back.
    assert _squash(PHONE) not in text


def test_pdf_is_a4_with_embedded_fonts_and_no_images(filled):
    store, sid, _codes = filled
    reader = pypdf.PdfReader(io.BytesIO(_document(store, sid, "pdf", "ar").data))
    assert len(reader.pages) >= 1
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
        resources = page["/Resources"]
        assert "/XObject" not in resources or not resources["/XObject"], "text is text, not a picture"
        fonts = resources["/Font"]
        assert fonts
        for ref in fonts.values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"
    assert reader.metadata.title == parse_letter_html(_html_letter(store, sid, "ar")).title
    assert reader.trailer["/Root"]["/Lang"] == "ar"


def test_arabic_pdf_is_shaped_and_right_to_left(filled):
    store, sid, _codes = filled
    data = _document(store, sid, "pdf", "ar").data
    title = parse_letter_html(_html_letter(store, sid, "ar")).title
    text = _pdf_text(data)
    # Shaped: the letters are joined forms in the file, yet the text reads back as the original letters.
    assert _squash(title) in _squash(text)
    # Right to left: each Arabic line ends at the right margin, the bullet of a point stands at the right.
    lines = _text_positions(data)
    arabic = [(x, y, t) for x, y, t in lines if re.search("[\u0600-\u06ff]", t)]
    assert arabic
    nl_lines = _text_positions(_document(store, sid, "pdf", "nl").data)
    bullets_ar = [x for x, _y, t in lines if t.strip() == "•"]
    bullets_nl = [x for x, _y, t in nl_lines if t.strip() == "•"]
    assert bullets_ar and bullets_nl
    assert min(bullets_ar) > 595 / 2 > max(bullets_nl)


def _text_positions(data: bytes) -> list[tuple[float, float, str]]:
    """(x, y from the top, text) of every piece of text on the first page, in points."""
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
            found.append((x, height - y, text))

    page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_first_page_renders_to_an_image(filled, tmp_path, lang):
    """What a printer gets: pdftoppm (poppler) draws the first page; it is A4-shaped and not blank."""
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    from PIL import Image

    store, sid, _codes = filled
    pdf = tmp_path / f"brief-{lang}.pdf"
    pdf.write_bytes(_document(store, sid, "pdf", lang).data)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "p")],
                   check=True, capture_output=True, timeout=60)
    image = Image.open(tmp_path / "p.png").convert("L")
    assert abs(image.height / image.width - 297 / 210) < 0.02
    dark = sum(image.histogram()[:128])
    assert dark > 0.005 * image.width * image.height, "the page has text on it"
    # Ink sits where a reader expects it: Dutch text starts at the left margin, Arabic ends at the right one.
    width = image.width
    pixels = image.load()
    columns = [sum(1 for y in range(image.height // 5, image.height * 4 // 5) if pixels[x, y] < 128)
               for x in range(width)]
    left = sum(columns[: width // 3])
    right = sum(columns[-(width // 3):])
    assert (left > right) if lang == "nl" else (right > left)


# ----------------------------------------------------------------------------- Word


def _docx_xml(data: bytes, name: str = "word/document.xml"):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return ElementTree.fromstring(z.read(name))


def _paragraphs(root):
    body = root.find(f"{W}body")
    for p in body.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        text = "".join(t.text or "" for t in p.iter(f"{W}t"))
        yield p, (style.get(f"{W}val") if style is not None else ""), text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_docx_in_every_language_has_real_structure(filled, lang):
    store, sid, _codes = filled
    data = _document(store, sid, "docx", lang).data
    root = _docx_xml(data)
    paragraphs = list(_paragraphs(root))
    styles = [s for _p, s, _t in paragraphs]
    assert styles.count("Title") == 1
    assert "Heading1" in styles and "Heading2" in styles
    assert "ListBullet" in styles
    alltext = _squash("".join(t for _p, _s, t in paragraphs))
    doc = parse_letter_html(_html_letter(store, sid, lang))
    for block in doc.blocks:
        assert _squash(block.text) in alltext, (lang, block.text)  # Word keeps the logical order
        assert _squash(block.quote) in alltext
    assert _squash(PHONE) not in alltext
    # Headings in Word are the letter's own headings.
    headings = [t for _p, s, t in paragraphs if s.startswith("Heading") or s == "Title"]
    assert [_squash(h) for h in headings] == [_squash(b.text) for b in doc.blocks if b.kind == "heading"]
    # Right to left for Arabic, in every paragraph and run; never for the others.
    body_ps = [p for p, _s, t in paragraphs if t]
    bidi = [p.find(f"{W}pPr/{W}bidi") is not None for p in body_ps]
    rtl_runs = [r.find(f"{W}rPr/{W}rtl") is not None for p in body_ps for r in p.iter(f"{W}r") if r.find(f"{W}t") is not None]
    if letter.text_direction(lang) == "rtl":
        assert all(bidi) and all(rtl_runs)
    else:
        assert not any(bidi) and not any(rtl_runs)
    # The municipality's heading in the header, page numbers in the footer, the language in the file.
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        header = "".join(n for n in names if n.startswith("word/header"))
        footer_xml = b"".join(z.read(n) for n in names if n.startswith("word/footer"))
        core = z.read("docProps/core.xml").decode()
        styles_xml = z.read("word/styles.xml").decode()
    assert header
    assert b"PAGE" in footer_xml and b"NUMPAGES" in footer_xml
    code = {"nl": "nl-NL", "en": "en-GB", "fy": "fy-NL", "tr": "tr-TR", "ar": "ar-SA", "pl": "pl-PL"}.get(lang, lang)
    assert f">{code}<" in core
    assert f'w:val="{code}"' in styles_xml


def test_docx_opens_again_with_python_docx(filled):
    """A file Word can open is one python-docx can read back, with the same text."""
    import docx

    store, sid, _codes = filled
    data = _document(store, sid, "docx", "tr").data
    d = docx.Document(io.BytesIO(data))
    assert any(SAID["tr"] in p.text for p in d.paragraphs)
    assert d.sections[0].page_width.mm == pytest.approx(210, abs=0.5)
    assert d.sections[0].page_height.mm == pytest.approx(297, abs=0.5)


def test_control_characters_from_a_bad_paste_do_not_break_pdf_or_word(filled):
    store, sid, _codes = filled
    with store.open(sid) as sf:
        sf.add_contribution(Contribution.new("Piep\x07 en\x0b bel\x1b[31m", theme="Groen"))
    for fmt in ("pdf", "docx"):
        data = _document(store, sid, fmt, "nl").data
        assert data
    assert "Piepenbel[31m" in _squash(_pdf_text(_document(store, sid, "pdf", "nl").data))


# ----------------------------------------------------------------------------- personal letters


def test_personal_letters_one_per_resident_who_asked(filled, tmp_path):
    store, sid, codes = filled
    folder = tmp_path / "brieven"
    with store.open(sid) as sf:
        assert len(personal.letters_to_print(sf)) == 2
        written = personal.write_personal_letters(sf, folder, "pdf", today=TODAY)
    names = sorted(p.name for p in folder.iterdir())
    # Only those who asked for a letter, named by receipt code, never by name.
    assert names == sorted(f"brief-2026-11-24-{codes[k]}.pdf" for k in ("tr", "ar"))
    assert {w.receipt: w.lang for w in written} == {codes["tr"]: "tr", codes["ar"]: "ar"}
    assert not any("Ay" in n or "Jan" in n for n in names)
    # Owner only: the folder and every file.
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    tr = (folder / f"brief-2026-11-24-{codes['tr']}.pdf").read_bytes()
    ar = (folder / f"brief-2026-11-24-{codes['ar']}.pdf").read_bytes()
    # In the resident's own language, with their name and address.
    assert _squash(parse_letter_html(_html_letter(store, sid, "tr")).title) in _squash(_pdf_text(tr))
    assert _says(_squash(_pdf_text(ar)), parse_letter_html(_html_letter(store, sid, "ar")).title, "ar")
    for data, lines in ((tr, ["Ayşe Yılmaz", "Kerkstraat 12", "1234 AB Voorbeeld"]),
                        (ar, ["Merelplein 3", "1234 CD Voorbeeld"])):
        positions = _text_positions(data)
        for line in lines:
            hits = [(x, y) for x, y, t in positions if t.strip() == line]
            assert hits, line
            x, y = hits[0]
            # The window of a Dutch envelope: 20-25 mm from the left, about 50 mm from the top.
            assert 20 <= x / 72 * 25.4 <= 25, (line, x)
            assert 45 <= y / 72 * 25.4 <= 80, (line, y)

    # Recorded on the resident: `people` shows it, the program counts what is left to print.
    with store.open(sid, readonly=True) as sf:
        sent = sf.person(codes["tr"]).letters
        assert [(s.format, s.language, s.final, s.date) for s in sent] == [("pdf", "tr", False, TODAY)]
        assert sf.person(codes["help"]).letters == []
        assert len(personal.letters_to_print(sf)) == 2  # the final letter is still to come
        assert len(personal.letters_to_print(sf, final=False)) == 0


def test_personal_letter_refuses_to_overwrite_and_writes_nothing_half(filled, tmp_path):
    store, sid, codes = filled
    folder = tmp_path / "brieven"
    folder.mkdir()
    existing = folder / f"brief-2026-11-24-{codes['ar']}.docx"
    existing.write_text("van gisteren")
    with store.open(sid) as sf:
        with pytest.raises(UserError, match="bestaat al"):
            personal.write_personal_letters(sf, folder, "docx", today=TODAY)
    assert sorted(p.name for p in folder.iterdir()) == [existing.name]
    assert existing.read_text() == "van gisteren"
    with store.open(sid, readonly=True) as sf:
        assert sf.person(codes["ar"]).letters == []
    with store.open(sid) as sf:
        personal.write_personal_letters(sf, folder, "docx", today=TODAY, force=True)
    assert zipfile.is_zipfile(existing)


def test_personal_letters_name_a_folder_that_cannot_be_made_and_what_to_do(filled, tmp_path):
    store, sid, _codes = filled
    (tmp_path / "lijst.txt").write_text("geen map")
    folder = tmp_path / "lijst.txt" / "brieven"
    with store.open(sid) as sf, pytest.raises(UserError) as info:
        personal.write_personal_letters(sf, folder, "md", today=TODAY)
    assert str(info.value) == (f"Deze map kan niet worden gemaakt: {folder}. Reden: Not a directory. "
                               "Kies een andere map met -o.")
    with store.open(sid, readonly=True) as sf:
        assert all(p.letters == [] for p in sf.people()), "nothing recorded"


def test_personal_html_letter_has_the_address_escaped(filled, tmp_path, data_dir):
    store, sid, _codes = filled
    with store.open(sid) as sf:
        p = sf.add_person(Person.new("Piet <b>de Vries</b>", purpose="letter", consent_how="oral",
                                     address="Laan 1 & 2, 1000 AA Stad", language="nl"))
        personal.write_personal_letters(sf, tmp_path / "b", "html", today=TODAY)
    html = (tmp_path / "b" / f"brief-2026-11-24-{p.receipt}.html").read_text(encoding="utf-8")
    assert "Piet &lt;b&gt;de Vries&lt;/b&gt;<br>Laan 1 &amp; 2<br>1000 AA Stad" in html
    assert "<b>de Vries" not in html


def test_no_personal_letters_without_anyone_who_asked(data_dir, tmp_path):
    store = SessionStore(data_dir)
    session = _session()
    store.create(session)
    with store.open(session.id) as sf:
        sf.add_person(Person.new("Jan Helper", purpose="help", consent_how="oral", email="jan@example.org"))
        with pytest.raises(UserError, match="--purpose letter"):
            personal.write_personal_letters(sf, tmp_path / "b", "pdf")
    assert not (tmp_path / "b").exists()


# ----------------------------------------------------------------------------- command line


def test_cli_letter_pdf_and_docx(filled, cli, tmp_path):
    _store, sid, _codes = filled
    r = cli("letter", sid, "--format", "pdf", "--lang", "pl", "-o", str(tmp_path / "b.pdf"))
    assert r.returncode == 0, r.stderr
    data = (tmp_path / "b.pdf").read_bytes()
    assert _squash(SAID["pl"]) in _squash(_pdf_text(data))
    assert stat.S_IMODE((tmp_path / "b.pdf").stat().st_mode) == 0o600
    # To a pipe: the bytes themselves.
    r = subprocess.run([*_cli_cmd(filled), "letter", sid, "--format", "docx"], capture_output=True, timeout=120)
    assert r.returncode == 0 and zipfile.is_zipfile(io.BytesIO(r.stdout))
    # Not over an existing file.
    r = cli("letter", sid, "--format", "pdf", "-o", str(tmp_path / "b.pdf"))
    assert r.returncode == 2 and "bestaat al" in r.stderr and "Traceback" not in r.stderr


def _cli_cmd(filled):
    import sys

    store, _sid, _codes = filled
    return [sys.executable, "-m", "wijksessie", "--data-dir", str(store.data_dir)]


def test_cli_personal_letters(filled, cli, tmp_path):
    _store, sid, codes = filled
    r = cli("letter", sid, "--personal", "-o", str(tmp_path / "brieven"))
    assert r.returncode == 0, r.stderr
    assert sorted(os.listdir(tmp_path / "brieven")) == sorted(
        f"brief-2026-11-24-{codes[k]}.pdf" for k in ("tr", "ar"))
    assert "2 eigen brieven" in r.stderr
    people = cli("people", sid, codes["tr"])
    assert '"letters"' in people.stdout and '"format": "pdf"' in people.stdout
    # `forget` removes the resident, and with them the record of their letter.
    assert cli("forget", sid, codes["tr"]).returncode == 0
    assert codes["tr"] not in cli("people", sid).stdout


@pytest.mark.parametrize("args, says", [
    (["--personal"], "-o"),
    (["--personal", "--lang", "tr", "-o", "x"], "--lang"),
    (["--format", "odt"], "odt"),
])
def test_cli_personal_letters_bad_input(filled, cli, tmp_path, args, says):
    _store, sid, _codes = filled
    r = cli("letter", sid, *args)
    assert r.returncode == 2
    assert says in r.stderr and "Traceback" not in r.stderr


def test_letter_formats_are_offered_everywhere():
    """The one list of formats (letter.LETTER_FORMATS) is what the command line offers."""
    from wijksessie import cli as cli_module

    parser = cli_module.build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    letter_parser = sub.choices["letter"]
    fmt = next(a for a in letter_parser._actions if "--format" in a.option_strings)
    assert tuple(fmt.choices) == letter.LETTER_FORMATS
    assert set(letter.LETTER_FORMATS) >= {"html", "md", "txt", "pdf", "docx"}


def test_text_formats_go_through_the_same_function(filled):
    store, sid, _codes = filled
    with store.open(sid, readonly=True) as sf:
        md = render_document(sf.session, sf.contributions(), sf.agreements(), "md", "nl", today=TODAY)
        person = sf.person("Ayşe Yılmaz")
        txt = render_document(sf.session, sf.contributions(), sf.agreements(), "txt", "tr", today=TODAY, person=person)
    assert md.decode() == letter.render_letter(*_parts(store, sid), "md", "nl", today=TODAY)
    assert txt.decode().startswith("Ayşe Yılmaz\nKerkstraat 12\n1234 AB Voorbeeld\n\n")
    assert i18n.current_language() == "nl"


def _parts(store, sid):
    with store.open(sid, readonly=True) as sf:
        return sf.session, sf.contributions(), sf.agreements()


def test_cli_example_letter_as_pdf_for_translators(cli):
    r = subprocess.run([*_cli_cmd_plain(cli), "letter", "--example", "--lang", "ar", "--format", "pdf"],
                       capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.startswith(b"%PDF-")
    reader = pypdf.PdfReader(io.BytesIO(r.stdout))
    assert reader.trailer["/Root"]["/Lang"] == "ar"


def _cli_cmd_plain(_cli):
    import sys

    return [sys.executable, "-m", "wijksessie"]


def test_cli_final_personal_letters_wait_for_every_answer(filled, cli, tmp_path):
    _store, sid, codes = filled
    r = cli("letter", sid, "--personal", "--final", "-o", str(tmp_path / "brieven"))
    assert r.returncode == 2 and "decide" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "brieven").exists()
    assert '"letters": []' in cli("people", sid, codes["tr"]).stdout


def test_characters_the_font_lacks_are_named_not_left_as_gaps(filled, cli, tmp_path):
    store, sid, _codes = filled
    with store.open(sid) as sf:
        sf.add_contribution(Contribution.new("Top 👍 idee, ‮omgekeerd‬ 你好", theme="Groen"))
    rendered = _document(store, sid, "pdf", "ar")
    assert rendered.missing == "👍你好"
    text = _squash(_pdf_text(rendered.data))
    assert "omgekeerd" in text and "Top" in text  # the override is gone, the words stay in order
    r = cli("letter", sid, "--format", "pdf", "-o", str(tmp_path / "b.pdf"))
    assert r.returncode == 0
    assert "👍 你 好" in r.stderr and "lettertype" in r.stderr


def test_personal_text_letters_hold_no_raw_control_characters(filled, tmp_path):
    store, sid, _codes = filled
    with store.open(sid) as sf:
        sf.add_contribution(Contribution.new("Piep\x1b[31m rood", theme="Groen"))
        written = personal.write_personal_letters(sf, tmp_path / "b", "txt", today=TODAY)
    for item in written:
        text = item.path.read_text(encoding="utf-8")
        assert "\x1b" not in text and "[31m rood" in text


def test_final_personal_letters_leave_nothing_to_print(filled, tmp_path):
    store, sid, codes = filled
    with store.open(sid) as sf:
        for c in sf.contributions():
            if not c.decision.status.answered:
                sf.decide(c.id, status="adopted")
        personal.write_personal_letters(sf, tmp_path / "b", "pdf", final=True, today=TODAY)
    with store.open(sid, readonly=True) as sf:
        assert personal.letters_to_print(sf) == []
        assert [s.final for s in sf.person(codes["ar"]).letters] == [True]
