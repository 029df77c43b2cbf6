"""The feedback letter: every contribution with what happened to it, in three formats and several languages."""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import textwrap

import pytest

from wijksessie import i18n, letter, model
from wijksessie.errors import UserError
from wijksessie.model import Agreement, ContactPoint, Contribution, Session
from wijksessie.store import SessionStore

TODAY = dt.date(2026, 12, 1)

TEXTS = {
    "adopted": "Meer bankjes langs het water",
    "partly": "Een moestuin achter de flat",
    "not_adopted": "Gratis sportschool voor iedereen",
    "referred": "Ruzie over parkeren bij de school",
    "done": "Een wandelgroep op zaterdag",
    "open": "Speeltuin opknappen",
    "review": "Het pad is 's avonds te donker",
    "escape": "Meer groen <script>alert('x')</script> & bomen",
}
REASON_NOT = "De gemeente heeft daar geen geld voor. Wel zijn er goedkope lessen in het buurthuis."
ORG = "Wijkagent Noord"


def _session() -> Session:
    s = Session.new("Gezond Noord", "Noord", date="2026-11-24", place="Buurthuis De Linde",
                    languages=["nl", "en"], feedback_due="2027-01-15", level="co_decide")
    s.tally.participants = 23
    s.contact = ContactPoint(name="Fatima El Amrani", role="wijkwerker", phone="06-12345678",
                             email="f.elamrani@example.nl", hours="di en do 9-12 uur")
    for theme, votes in (("Groen", 7), ("Bewegen", 4), ("Veilig", 4), ("Spelen", 1)):
        s.priorities.add(theme, votes)
    return s


@pytest.fixture
def filled(data_dir):
    """A real session file with one contribution per status (and one with HTML in it)."""
    store = SessionStore(data_dir)
    session = _session()
    store.create(session)
    ids = {}
    with store.open(session.id) as sf:
        def add(key, theme, kind="idea", **decision):
            c = sf.add_contribution(Contribution.new(TEXTS[key], theme=theme, kind=kind))
            if decision:
                sf.decide(c.id, **decision)
            ids[key] = c.id

        add("adopted", "Groen", status="adopted", owner="Team Groen", due="2027-03-01")
        add("partly", "Groen", status="partly_adopted", reason="Er komt een moestuin bij het buurthuis, niet achter de flat.")
        add("not_adopted", "Bewegen", status="not_adopted", reason=REASON_NOT)
        add("referred", "Veilig", kind="problem", status="referred", organisation=ORG)
        add("done", "Bewegen", status="done", quick_win=True, reason="De eerste wandeling was op 28 november.")
        add("open", "Spelen")
        add("review", "Veilig", kind="problem", status="under_review", due="2027-01-10")
        add("escape", "", kind="problem", status="adopted")
        sf.add_agreement(Agreement.new("Elke zaterdag samen wandelen", who="Buurthuis De Linde", by_when="2026-12-05", quick_win=True))
    return store, session.id, ids


def _render(store, sid, fmt="md", lang=None, **kw):
    with store.open(sid, readonly=True) as sf:
        return letter.render_session_letter(sf, fmt, lang, today=TODAY, **kw)


def _plain(text: str) -> str:
    """Letter text with wrapping, Markdown escapes and direction isolates (``<bdi>``, FSI/PDI) undone, for searching."""
    text = text.replace("<bdi>", "").replace("</bdi>", "").replace("\u2068", "").replace("\u2069", "")
    return " ".join(text.replace("\\", "").split())


@pytest.mark.parametrize("fmt", letter.FORMATS)
def test_every_contribution_is_in_the_letter_with_what_happened(filled, fmt):
    store, sid, _ids = filled
    text = _render(store, sid, fmt)
    flat = _plain(html.unescape(text)) if fmt == "html" else _plain(text)
    for key, said in TEXTS.items():
        if key == "escape":
            continue
        assert said in flat, f"{key} missing from the {fmt} letter"
    for label in ("Overgenomen", "Deels overgenomen", "Niet overgenomen", "Doorgegeven aan: " + ORG, "Gedaan"):
        assert label in flat, label
    assert "Waarom niet: " + REASON_NOT in flat
    # The open and the under-review one: "still being looked into", with their dates.
    assert "Dit zoeken wij nog uit — u hoort het uiterlijk 15 januari 2027" in flat  # open: the session's promise
    assert "Dit zoeken wij nog uit — u hoort het uiterlijk 10 januari 2027" in flat  # its own due date
    assert "Wie doet het: Team Groen. Klaar op: 1 maart 2027." in flat


def test_letter_follows_the_agreed_order(filled):
    store, sid, _ids = filled
    text = _plain(_render(store, sid, "txt"))
    headings = [
        "Bedankt dat u meedeed",
        "Datum: 24 november 2026. Plaats: Buurthuis De Linde. Wijk: Noord. Er waren 23 mensen.",
        "Wat kon u beslissen?",
        "Wat vond u het belangrijkst?",
        "Wat doen wij met wat u zei?",
        "Wat hebben we afgesproken?",
        "Wanneer hoort u meer?",
        "Vragen? Neem contact op",
        "Over uw gegevens",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    # The level of influence in plain words, and the promise that goes with it.
    assert model.ParticipationLevel.CO_DECIDE.explanation in text
    assert model.ParticipationLevel.CO_DECIDE.promise in text
    # Contact point and privacy line.
    assert "Uw vaste aanspreekpunt: Fatima El Amrani (wijkwerker)." in text and "06-12345678" in text
    assert "Namen hebben wij daarbij niet bewaard" in text and "Vraag het aan: Fatima El Amrani" in text


def test_priorities_in_order_with_ties_shown_as_ties(filled):
    store, sid, _ids = filled
    text = _plain(_render(store, sid, "md"))
    assert "Plaats 1: Groen (7 stemmen)" in text
    assert "Plaats 2: Bewegen en Veilig (elk 4 stemmen, dus even belangrijk)" in text
    assert "Plaats 4: Spelen (1 stem)" in text
    assert text.index("Plaats 1") < text.index("Plaats 2") < text.index("Plaats 4")


def test_quick_wins_come_first_and_themes_follow_the_ranking(filled):
    store, sid, _ids = filled
    text = _plain(_render(store, sid, "md"))
    section = text[text.index("Wat doen wij met wat u zei?"):text.index("Wat hebben we afgesproken?")]
    assert section.index("Dit gebeurt al snel") < section.index(TEXTS["done"]) < section.index("### Groen")
    assert section.index("### Groen") < section.index("### Bewegen") < section.index("### Spelen")
    assert section.count(TEXTS["done"]) == 1  # listed once, not again under its theme
    assert "Andere punten" in section  # the contribution without a theme is not left out


def test_agreements_and_when_residents_hear_more(filled):
    store, sid, _ids = filled
    text = _plain(_render(store, sid, "txt"))
    assert "Elke zaterdag samen wandelen. Wie: Buurthuis De Linde. Wanneer: 5 december 2026." in text
    assert "Over 2 punten zoeken wij nog iets uit. Daarover hoort u uiterlijk 15 januari 2027." in text


def test_html_escapes_what_residents_said(filled):
    store, sid, _ids = filled
    page = _render(store, sid, "html")
    assert "<script>" not in page and "alert('x')</script>" not in page
    assert "Meer groen &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; bomen" in page
    # Our own markup is not escaped.
    assert "<h2>Wat doen wij met wat u zei?</h2>" in page


def test_markdown_and_text_show_it_literally(filled):
    store, sid, _ids = filled
    md = _render(store, sid, "md")
    assert r"Meer groen \<script\>alert('x')\</script\> & bomen" in md
    assert "&lt;" not in md and "&amp;" not in md
    txt = _render(store, sid, "txt")
    assert "Meer groen <script>alert('x')</script> & bomen" in " ".join(txt.split())
    assert "&lt;" not in txt


def test_html_is_a_complete_printable_a4_page(filled):
    store, sid, _ids = filled
    page = _render(store, sid, "html")
    assert page.lstrip().startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert '<html lang="nl" dir="ltr">' in page
    assert "@page { size: A4; margin: 2cm; }" in page
    sizes = [float(x) for x in re.findall(r"font-size:\s*([\d.]+)pt", page)]
    assert sizes and min(sizes) >= 12
    # Nothing from outside: it must print and open offline.
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", page)


def test_html_right_to_left_for_arabic(filled):
    store, sid, _ids = filled
    page = _render(store, sid, "html", "ar")
    assert '<html lang="ar" dir="rtl">' in page


def test_plain_text_is_wrapped_for_email(filled):
    store, sid, _ids = filled
    with store.open(sid) as sf:
        sf.add_contribution(Contribution.new("heel " * 60 + "lang verhaal", theme="Groen"))
    txt = _render(store, sid, "txt")
    assert max(len(line) for line in txt.splitlines()) <= letter.TEXT_WIDTH
    assert "heel heel" in txt


def test_wrap_keeps_list_items_indented():
    text = letter.wrap_text("- " + "woord " * 30)
    lines = text.splitlines()
    assert lines[0].startswith("- ") and all(line.startswith("  ") for line in lines[1:])


@pytest.fixture
def tiny_en(tmp_path, monkeypatch):
    """A catalogue folder where English translates only two messages (the project's own may be complete)."""
    locales = tmp_path / "locales"
    po = locales / "en" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        textwrap.dedent(
            """\
            msgid ""
            msgstr ""
            "Content-Type: text/plain; charset=UTF-8\\n"
            "Language: en\\n"

            msgid "Wat doen wij met wat u zei?"
            msgstr "What do we do with what you said?"

            msgid "overgenomen"
            msgstr "adopted"
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("WIJKSESSIE_LOCALES_DIR", str(locales))
    i18n.clear_cache()
    yield locales
    monkeypatch.delenv("WIJKSESSIE_LOCALES_DIR")
    i18n.clear_cache()


def test_english_letter_falls_back_to_dutch_and_leaves_the_interface_alone(filled, tiny_en):
    store, sid, _ids = filled
    page = _render(store, sid, "html", "en")
    assert '<html lang="en" dir="ltr">' in page
    assert "What do we do with what you said?" in page  # translated in the template
    assert "Adopted." in page  # a status word from the model, in the letter's language
    assert "Bedankt dat u meedeed" in page  # no translation: Dutch
    assert "24 November 2026" in page and "November 24" not in page  # dates the British way, like the wording
    # The interface language is untouched.
    assert i18n.current_language() == "nl"
    assert model.DecisionStatus.ADOPTED.label == "overgenomen"


def test_default_language_is_the_sessions_first(filled):
    store, sid, _ids = filled
    with store.open(sid) as sf:
        sf.update(lambda s: setattr(s, "languages", ["tr", "nl"]))
    assert '<html lang="tr"' in _render(store, sid, "html")


def test_final_letter_refused_while_anything_is_open(filled):
    store, sid, ids = filled
    with store.open(sid, readonly=True) as sf:
        # Being looked into with a date residents will hear by is an answer (issue 14); "open" is not.
        with pytest.raises(UserError, match="1 punt zonder antwoord"):
            letter.check_final(sf.contributions())
    with store.open(sid) as sf:
        sf.decide(ids["open"], "done")
        sf.decide(ids["review"], "adopted")
        letter.check_final(sf.contributions())  # no error now


def test_unknown_format_is_a_clear_error(filled):
    store, sid, _ids = filled
    with pytest.raises(UserError, match="html, md of txt"):
        _render(store, sid, "pdf")


def test_a_broken_template_names_the_file_and_line_then_what_to_do(filled, tmp_path):
    import shutil

    store, sid, _ids = filled
    templates = tmp_path / "letters"
    shutil.copytree(letter.templates_dir(), templates)
    (templates / "letter.txt").write_text("Beste bewoner,\n{% if %}\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        _render(store, sid, "txt", templates=templates)
    assert str(info.value) == (
        f"De briefsjabloon heeft een fout: {templates / 'letter.txt'}:2. Reden: Expected an expression, got 'end of "
        "statement block'. Herstel het sjabloon of zet het origineel terug."
    )


def test_municipality_file_is_used_and_checked(filled, tmp_path):
    store, sid, _ids = filled
    good = tmp_path / "m.yaml"
    good.write_text('name: "Gemeente Achtkarspelen"\nheading: "Gemeente Achtkarspelen — Sûn yn de buert"\n'
                    'signature: "Team Gezond"\nretention_years: 5\n', encoding="utf-8")
    with store.open(sid, readonly=True) as sf:
        text = letter.render_session_letter(sf, "txt", municipality=letter.load_municipality(good), today=TODAY)
    assert text.startswith("Gemeente Achtkarspelen — Sûn yn de buert")
    assert "Wij bewaren de aantekeningen 5 jaar." in _plain(text)
    assert text.rstrip().endswith("Team Gezond\nGemeente Achtkarspelen")
    bad = tmp_path / "bad.yaml"
    bad.write_text("retention_years: veel\n", encoding="utf-8")
    with pytest.raises(UserError, match="bad.yaml"):
        letter.load_municipality(bad)


def test_shipped_municipality_file_reads():
    m = letter.load_municipality()
    assert m.name and m.retention_years >= 1


def test_letter_avoids_the_words_residents_do_not_like(filled):
    store, sid, _ids = filled
    text = _render(store, sid, "txt").lower()
    for word in ("inbreng ophalen", "positieve gezondheid", "prioriteit", "participatie"):
        assert word not in text


# ----------------------------------------------------------------------------- command line


def _cli_session(cli) -> tuple[str, str]:
    sid = cli("new", "--title", "Gezond Noord", "--neighbourhood", "Noord", "--date", "2026-11-24",
              "--lang", "nl", "en", "--feedback-due", "2027-01-15").stdout.strip()
    cid = cli("add", sid, "Meer <b>groen</b> & bankjes", "--theme", "Groen").stdout.strip()
    return sid, cid


def test_cli_letter_formats_and_open_count(cli, tmp_path, tiny_en):
    sid, cid = _cli_session(cli)
    for fmt in letter.FORMATS:
        r = cli("letter", sid, "--format", fmt)
        assert r.returncode == 0, r.stderr
        assert "Nog 1 punt zonder besluit" in r.stderr
        assert "15 januari 2027" in r.stdout
    r = cli("letter", sid, "--format", "html")
    assert "Meer &lt;b&gt;groen&lt;/b&gt; &amp; bankjes" in r.stdout
    out = tmp_path / "brief.html"
    r = cli("letter", sid, "--format", "html", "-o", str(out))
    assert r.returncode == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = cli("letter", sid, "--format", "html", "-o", str(out))
    assert r.returncode == 2 and "--force" in r.stderr
    r = cli("letter", sid, "--lang", "en", "--format", "html", env={"WIJKSESSIE_LOCALES_DIR": str(tiny_en)})
    assert '<html lang="en"' in r.stdout
    assert "What do we do with what you said?" in r.stdout and "Bedankt" in r.stdout


def test_cli_final_letter_refuses_then_records_it_was_sent(cli, tmp_path):
    import json

    sid, cid = _cli_session(cli)
    r = cli("letter", sid, "--final")
    assert r.returncode == 2
    assert "1 punt zonder antwoord" in r.stderr and "decide" in r.stderr and "Traceback" not in r.stderr
    assert json.loads(cli("list", "--json").stdout)[0]["letter_sent"] is None

    assert cli("decide", sid, cid, "--status", "adopted").returncode == 0
    out = tmp_path / "brief.txt"
    r = cli("letter", sid, "--final", "--format", "txt", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "Wij hebben nu over alle punten een besluit genomen" in out.read_text(encoding="utf-8")
    assert json.loads(cli("list", "--json").stdout)[0]["letter_sent"] == dt.date.today().isoformat()


# ----------------------------------------------------------------------------- right to left, in a real browser

_BROWSER = next(
    (shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable") if shutil.which(b)),
    None,
)
_BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--window-size=900,1400"]

#: Runs in the page after layout: where every character of the quoted Dutch question is drawn.
_PROBE = """<script>
window.addEventListener('load', () => {
  const found = [];
  for (const span of document.querySelectorAll('span.quote')) {
    if (!span.textContent.includes('gymzaal sporten?')) continue;
    const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange(); range.setStart(node, i); range.setEnd(node, i + 1);
        const box = range.getBoundingClientRect(); found.push([node.data[i], box.left]);
      }
    }
  }
  const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(found);
  document.body.appendChild(pre);
});
</script>"""


@pytest.mark.skipif(_BROWSER is None, reason="no Chromium or Chrome installed (CI installs chromium)")
def test_arabic_html_letter_keeps_dutch_quotes_the_right_way_round_in_a_browser(tmp_path):
    import html as html_lib
    import json
    import subprocess

    from wijksessie.letter_example import example_letter

    page = example_letter("html", "ar").text
    assert 'dir="rtl"' in page and "<bdi>Mag je zonder lidmaatschap in de gymzaal sporten?</bdi>" in page

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([_BROWSER, *_BROWSER_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                              capture_output=True, text=True, timeout=120)

    letter_file = tmp_path / "brief-ar.html"
    letter_file.write_text(page, encoding="utf-8")
    shot = tmp_path / "brief-ar.png"
    run(f"--screenshot={shot}", letter_file.as_uri())
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000

    probe_file = tmp_path / "probe.html"
    probe_file.write_text(page.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    dom = run("--dump-dom", probe_file.as_uri()).stdout
    match = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert match, dom[-500:]
    chars = json.loads(html_lib.unescape(match.group(1)))
    x = {}
    for char, left in chars:
        x.setdefault(char, []).append(left)
    # Right to left: the Arabic opening mark ” is drawn rightmost, the closing “ leftmost ...
    assert chars[0][0] == "”" and chars[-1][0] == "“"
    assert chars[0][1] == max(left for _c, left in chars) and chars[-1][1] == min(left for _c, left in chars)
    # ... and the Dutch question inside reads left to right, its "?" after "sporten", not before "Mag".
    assert x["?"][0] > max(x["n"]) > x["M"][0]
