"""Languages: catalogues, the translator's workflow, fallbacks, and letters in residents' languages.

Real catalogue files in temporary ``locales/`` folders (``WIJKSESSIE_LOCALES_DIR``),
the real command line in a subprocess; nothing of the translation layer is mocked.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers.clirun import REPO, run_cli

from wijksessie import i18n, i18n_tools

LOCALES = REPO / "locales"
SHIPPED = ["nl", "en", "fy", "tr", "ar", "pl"]
RESIDENT_LANGS = ["en", "fy", "tr", "ar", "pl"]
PO_FILES = sorted(LOCALES.glob("*/LC_MESSAGES/messages.po"))

#: The date of the test session and how CLDR writes it ("long") in each language.
SESSION_DATE = "2026-11-24"
CLDR_DATES = {
    "nl": "24 november 2026",
    "en": "24 November 2026",  # British, like the English texts
    "fy": "24 Novimber 2026",
    "tr": "24 Kasım 2026",
    "ar": "24 نوفمبر 2026",
    "pl": "24 listopada 2026",
}


@pytest.fixture(autouse=True)
def _fresh_catalogues():
    i18n.clear_cache()
    yield
    i18n.clear_cache()


def write_po(path: Path, lang: str, entries: str, plural: str = "nplurals=2; plural=(n != 1);") -> Path:
    """A small hand-written catalogue, as a translator would save it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    header = textwrap.dedent(
        f'''\
        msgid ""
        msgstr ""
        "Language: {lang}\\n"
        "MIME-Version: 1.0\\n"
        "Content-Type: text/plain; charset=UTF-8\\n"
        "Content-Transfer-Encoding: 8bit\\n"
        "Plural-Forms: {plural}\\n"

        '''
    )
    path.write_text(header + textwrap.dedent(entries), encoding="utf-8")
    return path


@pytest.fixture
def temp_locales(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "locales"
    folder.mkdir()
    monkeypatch.setenv("WIJKSESSIE_LOCALES_DIR", str(folder))
    i18n.clear_cache()
    return folder


# ----------------------------------------------------------------------------- shipped catalogues


def test_every_shipped_language_has_a_catalogue():
    assert [p.parent.parent.name for p in PO_FILES] == sorted(SHIPPED)
    assert (LOCALES / "messages.pot").is_file()


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.parent.parent.name)
def test_msgfmt_check_passes(po, tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_our_check_finds_nothing_wrong_in_the_shipped_catalogues():
    errors = [str(p) for p in i18n_tools.check() if not p.warning]
    assert errors == []


@pytest.mark.parametrize("lang", ["pl", "ar", "tr"])
def test_plural_forms_per_language(lang):
    catalog = i18n.read_catalogue(LOCALES / lang / "LC_MESSAGES" / "messages.po")
    # Turkish: CLDR's two forms (one, other), as `i18n check` expects; both are usually the same words.
    assert catalog.num_plurals == {"pl": 3, "ar": 6, "tr": 2}[lang]
    assert not [p for p in i18n_tools.check([lang]) if "meervoudsvormen" in p.message]


def test_polish_and_arabic_choose_the_right_plural_form():
    # 1, 2–4 and 5+ are three different words in Polish; 3–10 and 11–99 differ in Arabic.
    words = [i18n.ngettext_in("pl", "%(num)s stem", "%(num)s stemmen", n) % {"num": n} for n in (1, 3, 5, 22, 25)]
    assert words == ["1 głos", "3 głosy", "5 głosów", "22 głosy", "25 głosów"]
    few = i18n.ngettext_in("ar", "%(num)s stem", "%(num)s stemmen", 4) % {"num": 4}
    many = i18n.ngettext_in("ar", "%(num)s stem", "%(num)s stemmen", 40) % {"num": 40}
    assert few != many and "4" in few and "40" in many


def test_every_message_has_the_same_placeholders_in_every_language():
    """Independent of the checker: compare each translation with its Dutch source directly."""
    for po in PO_FILES:
        catalog = i18n.read_catalogue(po)
        for m in catalog:
            if not m.id or m.fuzzy or not m.string or (isinstance(m.string, tuple) and not any(m.string)):
                continue  # fuzzy and empty entries are never used
            percent = "python-format" in m.flags
            if isinstance(m.id, (list, tuple)):
                wanted = set(i18n_tools.placeholders(m.id[1], percent))
                last = m.string[-1]
                assert set(i18n_tools.placeholders(last, percent)) == wanted, (po, m.id)
                for form in m.string:
                    assert set(i18n_tools.placeholders(form, percent)) <= wanted | set(
                        i18n_tools.placeholders(m.id[0], percent)
                    ), (po, m.id, form)
            else:
                assert i18n_tools.placeholders(m.string, percent) == i18n_tools.placeholders(m.id, percent), (
                    po,
                    m.id,
                )


def test_english_is_complete_and_resident_texts_are_complete_in_every_language():
    rows = {r.lang: r for r in i18n_tools.status()}
    assert rows["nl"].source and rows["nl"].complete
    for lang in RESIDENT_LANGS:
        catalog = i18n.read_catalogue(LOCALES / lang / "LC_MESSAGES" / "messages.po")
        resident = [m for m in catalog if m.id and i18n_tools._is_resident_text(m)]
        assert resident, lang
        untranslated = [m.id for m in resident if not i18n_tools._has_translation(m) or m.fuzzy]
        assert untranslated == [], lang
    en = i18n.read_catalogue(LOCALES / "en" / "LC_MESSAGES" / "messages.po")
    assert [m.id for m in en if m.id and (not i18n_tools._has_translation(m) or m.fuzzy)] == []


def test_translations_written_by_us_are_marked_for_review_and_still_used():
    catalog = i18n.read_catalogue(LOCALES / "fy" / "LC_MESSAGES" / "messages.po")
    entry = catalog.get("Beste bewoner,")
    assert i18n_tools.needs_review(entry) and not entry.fuzzy
    assert i18n.gettext_in("fy", "Beste bewoner,") == entry.string
    rows = {r.lang: r for r in i18n_tools.status()}
    assert rows["fy"].needs_review > 0


def test_status_shows_translated_review_and_missing_per_language():
    result = run_cli("i18n", "status")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:6] == ["taal", "naam", "vertaald", "nakijken", "onzeker", "ontbreekt"]
    by_lang = {line.split()[0]: line for line in lines[1:7]}
    assert set(by_lang) == set(SHIPPED)
    assert "bron" in by_lang["nl"]
    as_json = json.loads(run_cli("i18n", "status", "--json").stdout)
    en = next(r for r in as_json if r["lang"] == "en")
    assert en["missing"] == 0 and en["needs_review"] > 0


# ----------------------------------------------------------------------------- fallbacks and loading


def test_an_empty_translation_falls_back_to_dutch_never_to_nothing(temp_locales):
    write_po(
        temp_locales / "xx" / "LC_MESSAGES" / "messages.po",
        "xx",
        '''\
        msgid "Alles in orde."
        msgstr ""

        msgid "Gestopt."
        msgstr "Stopped-xx"

        msgid "{n} stip"
        msgid_plural "{n} stippen"
        msgstr[0] ""
        msgstr[1] ""
        ''',
    )
    i18n.set_language("xx")
    assert i18n._("Alles in orde.") == "Alles in orde."
    assert i18n._("Gestopt.") == "Stopped-xx"
    assert i18n._("Een tekst die nergens staat.") == "Een tekst die nergens staat."
    assert i18n.ngettext("{n} stip", "{n} stippen", 3) == "{n} stippen"


def test_region_falls_back_to_the_base_language_then_dutch(temp_locales):
    write_po(temp_locales / "xx" / "LC_MESSAGES" / "messages.po", "xx", 'msgid "Gestopt."\nmsgstr "base"\n')
    write_po(
        temp_locales / "xx_YY" / "LC_MESSAGES" / "messages.po",
        "xx_YY",
        'msgid "Gestopt."\nmsgstr ""\n\nmsgid "Alles in orde."\nmsgstr "regional"\n',
    )
    t = i18n.translations("xx-YY.UTF-8")
    assert t.gettext("Gestopt.") == "base"
    assert t.gettext("Alles in orde.") == "regional"
    assert t.gettext("Geschreven: {path}") == "Geschreven: {path}"


def test_fuzzy_entries_are_not_used_but_needs_review_entries_are(temp_locales):
    write_po(
        temp_locales / "xx" / "LC_MESSAGES" / "messages.po",
        "xx",
        '''\
        #, fuzzy
        msgid "Gestopt."
        msgstr "a guess"

        # needs-review
        msgid "Alles in orde."
        msgstr "all fine (please check)"
        ''',
    )
    t = i18n.translations("xx")
    assert t.gettext("Gestopt.") == "Gestopt."
    assert t.gettext("Alles in orde.") == "all fine (please check)"
    row = i18n_tools.status(["xx"])[0]
    assert (row.fuzzy, row.needs_review) == (1, 1)


def test_a_po_newer_than_its_mo_is_never_ignored(temp_locales):
    po = write_po(temp_locales / "xx" / "LC_MESSAGES" / "messages.po", "xx", 'msgid "Gestopt."\nmsgstr "old"\n')
    (mo,) = i18n_tools.compile_all(["xx"])
    assert mo.is_file() and i18n.translations("xx").gettext("Gestopt.") == "old"
    # A translator edits the .po after the .mo was built.
    write_po(po.parent / po.name, "xx", 'msgid "Gestopt."\nmsgstr "new"\n')
    later = mo.stat().st_mtime + 5
    os.utime(po, (later, later))
    i18n.clear_cache()
    assert i18n.translations("xx").gettext("Gestopt.") == "new"


def test_a_language_added_as_only_a_po_file_is_picked_up_without_code_changes(temp_locales):
    write_po(
        temp_locales / "eo" / "LC_MESSAGES" / "messages.po",
        "eo",
        '''\
        msgid "gebruik: "
        msgstr "uzado: "

        msgid "deze hulp tonen en stoppen"
        msgstr "montri ĉi tiun helpon kaj fini"

        msgid "de sessies in de map tonen"
        msgstr "montri la kunsidojn"
        ''',
    )
    env = {"WIJKSESSIE_LOCALES_DIR": str(temp_locales)}
    result = run_cli("--lang", "eo", "--help", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("uzado: ")
    assert "montri ĉi tiun helpon kaj fini" in result.stdout
    assert "montri la kunsidojn" in result.stdout
    # Untranslated lines are Dutch, not empty.
    assert "een nieuwe sessie maken" in result.stdout
    # The environment works too, and the language is listed.
    assert run_cli("--help", env={**env, "LANGUAGE": "eo"}).stdout.startswith("uzado: ")
    assert "eo" in i18n.available_languages()


def test_init_creates_a_catalogue_a_translator_can_fill_in(temp_locales):
    result = run_cli("i18n", "init", "uk", env={"WIJKSESSIE_LOCALES_DIR": str(temp_locales)})
    assert result.returncode == 0, result.stderr
    po = temp_locales / "uk" / "LC_MESSAGES" / "messages.po"
    catalog = i18n.read_catalogue(po)
    assert catalog.num_plurals == 3  # Ukrainian: one, few, many
    assert catalog.get("Beste bewoner,") is not None and catalog.get("Beste bewoner,").string == ""
    again = run_cli("i18n", "init", "uk", env={"WIJKSESSIE_LOCALES_DIR": str(temp_locales)})
    assert again.returncode == 2 and "bestaat al" in again.stderr
    bad = run_cli("i18n", "init", "not a code", env={"WIJKSESSIE_LOCALES_DIR": str(temp_locales)})
    assert bad.returncode == 2 and "taalcode" in bad.stderr


def test_init_gives_arabic_the_gnu_plural_order(temp_locales):
    po = i18n_tools.init("ar")
    header = dict(i18n.read_catalogue(po).mime_headers)["Plural-Forms"]
    assert header.startswith("nplurals=6;") and "n%100>=11 ? 4 : 5" in header


# ----------------------------------------------------------------------------- the check


def test_check_fails_on_a_placeholder_that_differs(temp_locales):
    write_po(
        temp_locales / "xx" / "LC_MESSAGES" / "messages.po",
        "xx",
        '''\
        msgid "Geschreven: {path}"
        msgstr "Written: {pad}"

        #, python-format
        msgid "Datum van deze brief: %(date)s"
        msgstr "Date: %(datum)s"

        msgid "Gestopt."
        msgstr "Stopped {now}"
        ''',
    )
    problems = [p for p in i18n_tools.check(["xx"]) if not p.warning]
    assert len(problems) == 3
    assert all("plekken om in te vullen" in str(p) for p in problems)
    assert problems[0].message == (
        "In deze vertaling kloppen de plekken om in te vullen niet. Tekst: 'Geschreven: {path}'. "
        "In de vertaling: {pad}. Nodig: {path}. Neem ze precies over uit de brontekst."
    ), "the text after a label and a colon, not inside the sentence"
    result = run_cli("check", env={"WIJKSESSIE_LOCALES_DIR": str(temp_locales)})
    assert result.returncode == 1
    assert "xx/LC_MESSAGES/messages.po" in result.stdout


@pytest.mark.parametrize(
    "plural, forms, wrong",
    [
        ("nplurals=2; plural=(n != 1);", 2, False),
        ("nplurals=2; plural=(n ?? 1);", 2, True),  # not a formula
        ("nplurals=2; plural=(n > 1 ? 2 : n);", 2, True),  # gives a form 2 that does not exist
        ("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);", 2, True),
        ("", 2, True),  # missing
    ],
)
def test_check_fails_on_invalid_plural_forms(temp_locales, plural, forms, wrong):
    entries = 'msgid "{n} stip"\nmsgid_plural "{n} stippen"\n' + "".join(
        f'msgstr[{i}] "{{n}} dot{i}"\n' for i in range(forms)
    )
    write_po(temp_locales / "xx" / "LC_MESSAGES" / "messages.po", "xx", entries, plural=plural)
    errors = [p for p in i18n_tools.check(["xx"]) if not p.warning]
    assert bool(errors) == wrong, [str(p) for p in errors]


def test_check_fails_on_an_unreadable_catalogue(temp_locales):
    po = temp_locales / "xx" / "LC_MESSAGES" / "messages.po"
    write_po(po, "xx", 'msgid "Gestopt."\nmsgstr "ok"\n')
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "Alles in orde."\nmsgstr "unclosed\n', encoding="utf-8")
    assert [p for p in i18n_tools.check(["xx"]) if not p.warning]
    result = run_cli("i18n", "check", env={"WIJKSESSIE_LOCALES_DIR": str(temp_locales)})
    assert result.returncode == 2  # a wrong file is bad input
    assert "Traceback" not in result.stderr
    # The program itself still starts, in Dutch.
    assert run_cli("--lang", "xx", "--help", env={"WIJKSESSIE_LOCALES_DIR": str(temp_locales)}).returncode == 0


# ----------------------------------------------------------------------------- extraction


def test_yaml_extractor_takes_texts_with_their_line_and_key():
    from wijksessie.i18n_extract import extract_yaml

    source = textwrap.dedent(
        """\
        id: test
        title: "Kort gesprek"
        steps:
          - id: welkom
            type: info
            minutes: 5
            title: Welkom
            prompts:
              - "Fijn dat u er bent."
              - Namen zijn niet nodig.
        themes:
          - id: groen
            name: Groen
            help: "Is er genoeg groen?"
            minutes: 10
        """
    ).encode()
    found = list(extract_yaml(io.BytesIO(source), [], [], {}))
    assert [(line, text, comments[0]) for line, _f, text, comments in found] == [
        (2, "Kort gesprek", "key: title"),
        (7, "Welkom", "key: title"),
        (9, "Fijn dat u er bent.", "key: prompts"),
        (10, "Namen zijn niet nodig.", "key: prompts"),
        (13, "Groen", "key: name"),
        (14, "Is er genoeg groen?", "key: help"),
    ]
    assert list(extract_yaml(io.BytesIO(b"title: [unclosed"), [], [], {})) == []


def test_pybabel_extract_with_pyproject_finds_code_content_and_letter_texts(tmp_path):
    pybabel = Path(sys.executable).with_name("pybabel")
    if not pybabel.exists():
        pytest.skip("pybabel is not installed next to this Python")
    out = tmp_path / "messages.pot"
    result = subprocess.run(
        [str(pybabel), "-q", "extract", "-F", "pyproject.toml", "-o", str(out), "."],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert 'msgid "Alles in orde."' in text  # Python code
    assert "#: content/agendas/" in text and "#. key: prompts" in text  # agendas
    assert "#: content/themes/" in text  # theme names
    assert "#: content/letters/" in text  # letter templates
    assert 'msgid "deze hulp tonen en stoppen"' in text  # argparse's own texts


def test_update_keeps_translations_and_review_marks(tmp_path, monkeypatch):
    folder = tmp_path / "locales"
    shutil.copytree(LOCALES, folder, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setenv("WIJKSESSIE_LOCALES_DIR", str(folder))
    before = {r.lang: (r.translated, r.needs_review) for r in i18n_tools.status()}
    total, results = i18n_tools.update(extract_first=False)
    assert {r.lang for r in results} == set(SHIPPED)
    after = {r.lang: (r.translated, r.needs_review) for r in i18n_tools.status()}
    assert after == before
    header = dict(i18n.read_catalogue(folder / "ar" / "LC_MESSAGES" / "messages.po").mime_headers)
    assert "n%100>=11 ? 4 : 5" in header["Plural-Forms"]


# ----------------------------------------------------------------------------- the command line's language


ARGPARSE_ENGLISH = (
    "usage:",
    "options",
    "positional arguments",
    "show this help message and exit",
    "show program's version number",
    "the following arguments are required",
    "invalid choice",
)


def test_dutch_help_has_no_english_argparse_words():
    result = run_cli("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("gebruik: wijksessie")
    for english in ARGPARSE_ENGLISH:
        assert english not in result.stdout, english
    sub = run_cli("new", "--help")
    assert "deze hulp tonen en stoppen" in sub.stdout and "usage" not in sub.stdout


def test_dutch_argparse_errors():
    missing = run_cli("new")
    assert missing.returncode == 2
    assert "dit ontbreekt nog: --title, --neighbourhood" in missing.stderr
    wrong = run_cli("new", "--title", "T", "--neighbourhood", "N", "--level", "alles")
    assert ("--level: Deze keuze kan niet: 'alles'. Kies uit: 'none', 'inform', 'consult_late', 'advise_early', "
            "'co_decide', 'partner', 'self_govern'.") in wrong.stderr
    for english in ARGPARSE_ENGLISH:
        assert english not in missing.stderr + wrong.stderr


def test_english_help_with_lang_en():
    result = run_cli("--lang", "en", "--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: wijksessie")
    assert "show this help message and exit" in result.stdout
    assert "gebruik" not in result.stdout and "opdrachten" not in result.stdout
    assert "open a session" in result.stdout.lower()
    assert "usage: " in run_cli("--help", env={"LANGUAGE": "en_GB:nl"}).stdout


def test_language_from_environment():
    assert i18n.language_from_environment({"LANG": "tr_TR.UTF-8"}) == "tr"
    assert i18n.language_from_environment({"LANGUAGE": "de:fy", "LANG": "en_US.UTF-8"}) == "fy"
    assert i18n.language_from_environment({"LANG": "C.UTF-8"}) == "nl"
    assert i18n.language_from_environment({}) == "nl"


def test_use_language_switches_back_even_after_an_error():
    i18n.set_language("nl")
    with pytest.raises(RuntimeError):
        with i18n.use_language("en"):
            assert i18n._("Beste bewoner,") == "Dear resident,"
            raise RuntimeError
    assert i18n.current_language() == "nl" and i18n._("Beste bewoner,") == "Beste bewoner,"


def test_importing_i18n_does_not_load_textual_or_babel():
    code = "import sys, wijksessie.i18n; print('textual' in sys.modules, 'babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO).stdout
    assert out.split() == ["False", "False"]


# ----------------------------------------------------------------------------- CLDR formatting


def test_dates_numbers_and_lists_follow_cldr():
    day = dt.date(2026, 11, 24)
    for lang, expected in CLDR_DATES.items():
        assert i18n.format_date(day, lang) == expected
    assert i18n.format_date("2026-11-24", "fy", "full") == "tiisdei 24 Novimber 2026"
    assert i18n.format_number(1234.5, "nl") == "1.234,5"
    assert i18n.format_number(1234.5, "en") == "1,234.5"
    assert i18n.format_list(["Anna", "Bram", "Cor"], "nl") == "Anna, Bram en Cor"
    assert i18n.format_list(["Anna", "Bram", "Cor"], "en") == "Anna, Bram, and Cor"
    assert i18n.format_date(day, "xx") == "24 november 2026"  # unknown to CLDR → Dutch
    assert i18n.language_name("fy") == "Frysk" and i18n.language_name("ar", "nl") == "Arabisch"
    assert i18n.text_direction("ar") == "rtl" and i18n.text_direction("pl") == "ltr"


# ----------------------------------------------------------------------------- letters in six languages


@pytest.fixture
def session_with_contact(cli):
    sid = cli(
        "new", "--title", "Gezond in Noord", "--neighbourhood", "Noord", "--date", SESSION_DATE,
        "--lang", *SHIPPED,
    ).stdout.strip()
    assert sid
    cid = cli("add", sid, "Meer bankjes bij de flats", "--kind", "idea").stdout.strip()
    cli("decide", sid, cid, "--status", "adopted", "--owner", "Wijkteam Noord")
    contact = cli("contact", sid, "--name", "Fatima El Amrani", "--phone", "06-12345678", "--email", "f@example.org")
    assert contact.returncode == 0, contact.stderr
    return sid


@pytest.mark.parametrize("lang", SHIPPED)
def test_letter_in_each_language_has_its_date_and_the_contact_point(cli, session_with_contact, lang):
    result = cli("letter", session_with_contact, "--format", "txt", "--lang", lang)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())  # plain text is wrapped at 72 columns
    assert CLDR_DATES[lang] in text
    assert "Fatima El Amrani" in text and "06-12345678" in text
    if lang != "nl":
        # Written in the language itself: the greeting comes from its catalogue.
        greeting = i18n.gettext_in(lang, "Beste bewoner,")
        assert greeting != "Beste bewoner," and greeting in text


def test_arabic_html_letter_is_right_to_left(cli, session_with_contact):
    result = cli("letter", session_with_contact, "--format", "html", "--lang", "ar")
    assert result.returncode == 0, result.stderr
    assert 'dir="rtl"' in result.stdout and 'lang="ar"' in result.stdout
    assert i18n.gettext_in("ar", "Beste bewoner,") in result.stdout
    dutch = cli("letter", session_with_contact, "--format", "html", "--lang", "nl").stdout
    assert '<html lang="nl" dir="ltr">' in dutch


# ----------------------------------------------------------------------------- which languages exist


@pytest.mark.parametrize(
    "args",
    [
        ("--lang", "xx", "list"),  # the interface language too
        ("letter", "--example", "--lang", "xx"),
        ("letter", "--example", "--lang", "Deutsch"),
        ("letter", "--example", "--lang", "de"),  # CLDR knows German, but there is no catalogue
        ("new", "--title", "T", "--neighbourhood", "N", "--lang", "nl", "xx"),
        ("new", "--title", "T", "--neighbourhood", "N", "--lang", "nl", "Deutsch"),
    ],
)
def test_unknown_language_codes_are_refused_with_the_languages_there_are(cli, data_dir, args):
    result = cli(*args)
    assert result.returncode == 2 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert "Traceback" not in line and "Kies uit:" in line
    for code, name in i18n.language_choices():
        assert f"{code} ({name})" in line
    assert not list(data_dir.glob("*.json"))  # no session was made


def test_language_codes_are_read_as_people_type_them(cli, st):
    sid = cli("new", "--title", "T", "--neighbourhood", "N", "--lang", "nl", "TR", "en-GB").stdout.strip()
    assert sid
    with st.open(sid, readonly=True) as sf:
        assert list(sf.session.languages) == ["nl", "tr", "en_GB"]
    assert i18n.check_languages(["nl", "NL", "tr"]) == ["nl", "tr"]


def test_language_choices_name_each_language_in_itself_dutch_first():
    choices = dict(i18n.language_choices())
    assert list(choices)[0] == "nl"
    assert choices["tr"] == "Türkçe" and choices["fy"] == "Frysk" and choices["ar"] == "العربية"
    assert set(choices) == set(i18n.available_languages())
    assert dict(i18n.language_choices("nl"))["tr"] == "Turks"


def test_a_new_language_folder_is_offered_even_when_cldr_does_not_know_it(temp_locales):
    write_po(temp_locales / "pap" / "LC_MESSAGES" / "messages.po", "pap", '''
        msgid "Beste bewoner,"
        msgstr "Stimá bisiña,"
    ''')
    assert "pap" in i18n.available_languages()
    assert i18n.check_language("pap") == "pap"


# ----------------------------------------------------------------------------- half-translated letters


@pytest.fixture
def half_turkish(temp_locales):
    """A Turkish catalogue with only the greeting: everything else in the letter stays Dutch."""
    write_po(temp_locales / "tr" / "LC_MESSAGES" / "messages.po", "tr", '''
        msgid "Beste bewoner,"
        msgstr "Sayın mahalle sakini,"
    ''')
    return temp_locales


def test_a_half_translated_letter_warns_with_how_many_texts_are_dutch(cli, half_turkish):
    result = cli("letter", "--example", "--lang", "tr", "--format", "txt")
    assert result.returncode == 0
    assert "Sayın mahalle sakini," in result.stdout
    warning = [line for line in result.stderr.splitlines() if "niet helemaal vertaald" in line]
    assert len(warning) == 1 and "wijksessie i18n status tr" in warning[0]
    found = re.search(r"Taal: Turks \(tr\)\. Er staan nog (\d+) teksten in het Nederlands\.", warning[0])
    assert found, warning[0]
    assert int(found.group(1)) > 20  # every sentence but the greeting


def test_a_final_letter_in_a_half_translated_language_is_refused_unless_allowed(cli, data_dir, half_turkish):
    sid = cli("new", "--title", "T", "--neighbourhood", "N", "--lang", "tr").stdout.strip()
    refused = cli("letter", sid, "--final", "--format", "html", "-o", str(data_dir / "brief.html"))
    assert refused.returncode == 2 and "--allow-untranslated" in refused.stderr
    assert not (data_dir / "brief.html").exists()
    assert json.loads(cli("list", "--json").stdout)[0].get("letter_sent") in (None, "")

    allowed = cli("letter", sid, "--final", "--allow-untranslated", "--format", "html", "-o", str(data_dir / "brief.html"))
    assert allowed.returncode == 0, allowed.stderr
    page = (data_dir / "brief.html").read_text(encoding="utf-8")
    mark = "[" + i18n.language_name("nl", "tr") + "]"  # "[Felemenkçe]": Dutch, named in Turkish
    # The letter says what the mark means, and marks each Dutch part with lang="nl".
    assert mark in page and 'class="dutch-note"' in page
    assert page.count('lang="nl" class="in-dutch"') > 10
    assert "Sayın mahalle sakini," in page and '<bdi lang="nl" class="in-dutch"><span class="mark">' + mark + "</span> Sayın" not in page


def test_status_lang_lists_the_missing_letter_texts_first(half_turkish):
    result = run_cli("i18n", "status", "tr")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    letter_head = next(i for i, line in enumerate(lines) if "Nog te vertalen in de brief" in line)
    screens_head = next(i for i, line in enumerate(lines) if "schermen en meldingen" in line)
    assert letter_head < screens_head
    letter_texts = [line.strip()[2:] for line in lines[letter_head + 1:screens_head] if line.startswith("  - ")]
    assert "Wat wij doen met wat u zei" in letter_texts  # the title, met first
    assert letter_texts.index("Wat wij doen met wat u zei") < letter_texts.index("Over uw gegevens")
    assert "Beste bewoner," not in letter_texts
    as_json = json.loads(run_cli("i18n", "status", "tr", "--json").stdout)
    assert as_json[0]["missing_texts"]["letter"][: len(letter_texts)] == letter_texts[: len(as_json[0]["missing_texts"]["letter"])]


def test_check_lang_says_whether_a_language_is_ready_for_residents(half_turkish):
    not_ready = run_cli("i18n", "check", "tr")
    assert not_ready.returncode == 1
    assert "Nog niet klaar" in not_ready.stderr and "wijksessie i18n status tr" in not_ready.stderr
    assert run_cli("i18n", "check", "nl").returncode == 0


@pytest.mark.parametrize("lang", RESIDENT_LANGS)
def test_every_shipped_language_is_ready_for_residents(lang):
    result = i18n_tools.readiness(lang)
    assert result.errors == [] and result.missing.letter == [] and result.missing.resident == [], (
        result.missing.letter + result.missing.resident)


# ----------------------------------------------------------------------------- what the reader sees


def test_capitals_follow_the_language():
    assert i18n.upper("söyledikleriniz", "tr") == "SÖYLEDİKLERİNİZ"
    assert i18n.upper("söyledikleriniz", "az") == "SÖYLEDİKLERİNİZ"
    assert i18n.lower("IŞIK İZMİR", "tr") == "ışık izmir"
    assert i18n.upper("wijk", "nl") == "WIJK"
    assert i18n.first_upper("izmir", "tr") == "İzmir"
    assert i18n.first_upper("ijsbaan open", "nl") == "IJsbaan open"  # the Dutch ij is one letter
    assert i18n.first_upper("ijsbaan open", "en") == "Ijsbaan open"
    from wijksessie.letter_example import example_letter

    title = i18n.gettext_in("tr", "Wat wij doen met wat u zei")
    assert i18n.upper(title, "tr") in example_letter("txt", "tr").text


def test_quotation_marks_and_theme_names_follow_the_letter_language():
    from wijksessie.letter_example import example_letter

    polish = example_letter("md", "pl").text
    assert "„Het sportveld is 's avonds op slot.”" in polish
    arabic = example_letter("txt", "ar").text
    assert "”" + i18n.FSI + "Het sportveld is 's avonds op slot." + i18n.PDI + "“" in arabic
    # The theme "Bewegen" has an Arabic name in the catalogue: the letter uses it.
    assert i18n.gettext_in("ar", "Bewegen") != "Bewegen"
    assert i18n.gettext_in("ar", "Bewegen") in arabic and "Bewegen" not in arabic


def test_the_letter_says_the_explanations_are_the_officers_own_words():
    from wijksessie.letter_example import example_letter

    dutch = example_letter("txt", "nl").text
    assert "Dat zijn hun eigen woorden." in " ".join(dutch.split())
    turkish = " ".join(example_letter("txt", "tr").text.split())
    said = i18n.gettext_in(
        "tr", "Bij een punt staat soms uitleg van de mensen die erover beslissen. Dat zijn hun eigen woorden, in het Nederlands.")
    assert said in turkish and "Dat zijn hun eigen woorden" not in turkish


def test_rtl_text_letter_isolates_every_left_to_right_insert():
    from wijksessie.letter_example import example_letter

    text = example_letter("txt", "ar").text
    flat = " ".join(text.split())
    for insert in ("Samira el Amrani", "06 12 34 56 78", "Team Sport"):
        assert i18n.FSI + insert + i18n.PDI in flat
    # A Dutch letter has no invisible direction marks at all.
    assert i18n.FSI not in example_letter("txt", "nl").text


def test_a_letter_rendered_in_one_language_never_changes_the_interface_language():
    import threading

    from wijksessie.letter_example import example_letter

    i18n.set_language("en")
    seen = []

    def render():
        seen.append(example_letter("txt", "tr").lang)

    worker = threading.Thread(target=render)
    worker.start()
    with i18n.use_language("pl"):
        assert i18n.current_language() == "pl"
    worker.join()
    assert seen == ["tr"] and i18n.current_language() == "en" and i18n.interface_language() == "en"


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_an_example_letter_needs_no_session_and_leaves_the_data_folder_alone(cli, data_dir, fmt):
    result = cli("letter", "--example", "--lang", "fy", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert i18n.gettext_in("fy", "Beste bewoner,") in result.stdout
    assert "niet helemaal vertaald" not in result.stderr  # Frisian is complete for residents
    assert not data_dir.exists() or not any(data_dir.iterdir())


def test_one_formatting_surface_for_the_whole_program():
    from wijksessie import letter, safe_text

    # letter.py's old names are the i18n functions (or thin wrappers around them).
    assert letter.format_date(None, "nl") == "" == i18n.format_date(None)
    assert letter.format_date(dt.date(2026, 11, 24), "pl") == i18n.format_date("2026-11-24", "pl") == "24 listopada 2026"
    assert letter.format_list is i18n.format_list and letter.text_direction is i18n.text_direction
    assert letter.escape_markdown is safe_text.escape_markdown
    assert i18n.text_direction("ar") == "rtl" == i18n.text_direction("fa") and i18n.text_direction("tr") == "ltr"
    assert i18n.html_lang("fy_NL") == "fy-NL"
    assert i18n.quote_marks("pl") == ("„", "”") and i18n.quote_marks("xx") == ("“", "”")
    assert i18n.plural_form(3, "pl") == "few" and i18n.plural_form(1, "tr") == "one"
    with i18n.use_language("fy"):
        assert i18n.format_date("2026-11-24") == "24 Novimber 2026"  # the block's language by default
        assert i18n.interface_language() == "nl"


def test_a_residents_letter_language_is_checked_too(cli, st):
    sid = cli("new", "--title", "T", "--neighbourhood", "N").stdout.strip()
    refused = cli("person", sid, "--name", "Ayşe", "--lang", "Turks", "--purpose", "letter", "--consent-how", "oral")
    assert refused.returncode == 2 and "tr (Türkçe)" in refused.stderr
    with st.open(sid, readonly=True) as sf:
        assert list(sf.people()) == []
    ok = cli("person", sid, "--name", "Ayşe", "--lang", "tr", "--email", "a@example.org", "--purpose", "letter", "--consent-how", "oral")
    assert ok.returncode == 0, ok.stderr


def test_a_letter_without_points_does_not_say_every_point_has_a_decision(cli):
    sid = cli("new", "--title", "T", "--neighbourhood", "N").stdout.strip()
    result = cli("letter", sid, "--format", "txt")
    assert result.returncode == 0, result.stderr
    assert "Wij hebben geen punten opgeschreven." in result.stdout
    assert "Wij laten u weten hoe het verder gaat." in result.stdout
    assert "over alle punten een besluit" not in result.stdout


def test_arabic_says_one_vote_once_without_a_number_in_brackets(cli):
    result = cli("letter", "--example", "--lang", "ar", "--format", "txt")
    assert result.returncode == 0, result.stderr
    one_vote = [line for line in result.stdout.splitlines() if "صوت واحد" in line]  # the example has a theme with 1 vote
    assert one_vote and all("(صوت واحد)" in line and "(1)" not in line for line in one_vote), one_vote


def test_a_wrapped_dutch_insert_in_an_arabic_text_letter_is_isolated_on_every_line(cli):
    result = cli("letter", "--example", "--lang", "ar", "--format", "txt")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # Text readers lay out each line on its own: an isolate must open and close on the same line,
    # and a line that goes on with a Dutch reason starts a new isolate ("park." not ".park").
    for line in lines:
        depth = 0
        for ch in line:
            depth += {i18n.FSI: 1, i18n.PDI: -1}.get(ch, 0)
            assert depth >= 0, line
        assert depth == 0, line
    reason_start = next(i for i, line in enumerate(lines) if "Er is bij het winkelcentrum" in line)
    assert lines[reason_start + 1].lstrip().startswith(i18n.FSI), lines[reason_start:reason_start + 2]


def test_isolate_lines_closes_and_reopens_an_insert_cut_by_wrapping():
    fsi, pdi = i18n.FSI, i18n.PDI
    lines = ["سبب الرفض: " + fsi + "Er is geen plek; we zoeken", "  een plek in het park." + pdi + " شكرًا"]
    assert i18n.isolate_lines(lines) == [
        "سبب الرفض: " + fsi + "Er is geen plek; we zoeken" + pdi,
        "  " + fsi + "een plek in het park." + pdi + " شكرًا",  # the indent stays outside
    ]
    assert i18n.isolate_lines(["no isolates here", "at all"]) == ["no isolates here", "at all"]


def test_the_update_letter_quotes_what_was_said_once_in_the_letter_language(cli, data_dir):
    sid = cli("new", "--title", "T", "--neighbourhood", "N", "--lang", "pl").stdout.strip()
    point = cli("add", sid, "De stoep is te smal.", "--kind", "problem").stdout.strip()
    assert cli("decide", sid, point, "--status", "adopted", "--owner", "Team Wegen", "--by", "wijkwerker").returncode == 0
    assert cli("letter", sid, "--final", "--format", "txt", "-o", str(data_dir / "brief.txt")).returncode == 0
    assert cli("decide", sid, point, "--status", "done", "--by", "wijkwerker").returncode == 0
    result = cli("letter", sid, "--update", "--format", "html", "-o", str(data_dir / "nieuws.html"))
    assert result.returncode == 0, result.stderr
    page = (data_dir / "nieuws.html").read_text(encoding="utf-8")
    # Polish marks, once: a <q> element would add the browser's own marks around them.
    assert '<span class="quote">„<bdi>De stoep is te smal.</bdi>”</span>' in page and "<q>" not in page


def test_the_update_letter_pdf_keeps_the_signature_on_its_own_lines(cli, data_dir):
    from wijksessie.documents.blocks import parse_letter_html

    sid = cli("new", "--title", "T", "--neighbourhood", "N").stdout.strip()
    point = cli("add", sid, "De stoep is te smal.", "--kind", "problem").stdout.strip()
    assert cli("decide", sid, point, "--status", "adopted", "--by", "wijkwerker").returncode == 0
    assert cli("letter", sid, "--final", "--format", "txt", "-o", str(data_dir / "brief.txt")).returncode == 0
    assert cli("decide", sid, point, "--status", "done", "--by", "wijkwerker").returncode == 0
    assert cli("letter", sid, "--update", "--format", "html", "-o", str(data_dir / "nieuws.html")).returncode == 0
    doc = parse_letter_html((data_dir / "nieuws.html").read_text(encoding="utf-8"))
    signature = [b.text for b in doc.blocks if b.kind == "signature"]
    assert signature and signature[-1] == "Gemeente Voorbeeld" and len(signature) >= 2  # team, then municipality


def test_an_update_letter_in_a_half_translated_language_is_refused_unless_allowed(cli, data_dir, half_turkish):
    sid = cli("new", "--title", "T", "--neighbourhood", "N", "--lang", "tr").stdout.strip()
    point = cli("add", sid, "De stoep is te smal.", "--kind", "problem").stdout.strip()
    assert cli("decide", sid, point, "--status", "adopted", "--by", "wijkwerker").returncode == 0
    first = cli("letter", sid, "--final", "--allow-untranslated", "--format", "txt", "-o", str(data_dir / "brief.txt"))
    assert first.returncode == 0, first.stderr
    assert cli("decide", sid, point, "--status", "done", "--by", "wijkwerker").returncode == 0
    # An update letter is always sent, so the rule of the final letter holds.
    refused = cli("letter", sid, "--update", "--format", "txt", "-o", str(data_dir / "nieuws.txt"))
    assert refused.returncode == 2 and "Taal: Turks (tr)" in refused.stderr and "--allow-untranslated" in refused.stderr
    assert not (data_dir / "nieuws.txt").exists()
    allowed = cli("letter", sid, "--update", "--allow-untranslated", "--format", "txt", "-o", str(data_dir / "nieuws.txt"))
    assert allowed.returncode == 0, allowed.stderr
    assert "niet helemaal vertaald" in allowed.stderr and (data_dir / "nieuws.txt").exists()
