"""Tests for the plain-language (B1) check: word lists, rules, files, allow-list."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from pathlib import Path

import pytest

from wijksessie import paths, plain
from wijksessie.plain import Finding, check_file, check_text, find_jargon
from wijksessie.plain.rules.readability import count_syllables, flesch_douma

REPO_CONTENT = paths.content_dir()
DONE_WHEN = "We gaan vandaag input ophalen over positieve gezondheid"


def kinds(findings: list[Finding], kind: str) -> list[str]:
    return [f.text for f in findings if f.kind == kind]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def content(tmp_path) -> Path:
    """A content folder with the real word lists and an empty allow-list."""
    folder = tmp_path / "content"
    (folder / "plain").mkdir(parents=True)
    for name in ("nl.yaml", "en.yaml"):
        shutil.copy(REPO_CONTENT / "plain" / name, folder / "plain" / name)
    return folder


# --------------------------------------------------------------------------
# The sentence from the issue
# --------------------------------------------------------------------------


def test_done_when_sentence_shows_each_word_with_its_alternative():
    found = find_jargon(DONE_WHEN)
    assert [(f.text, f.column, f.line) for f in found] == [
        ("input", 17, 1),
        ("ophalen", 23, 1),
        ("positieve gezondheid", 36, 1),
    ]
    by_text = {f.text: f for f in found}
    assert "inbreng" in by_text["input"].alternatives
    assert "vragen" in by_text["ophalen"].alternatives
    assert by_text["ophalen"].suggestion.startswith("vragen, horen")
    assert all(f.kind == "jargon" and f.why for f in found)
    # The columns point at the words a facilitator sees.
    for f in found:
        assert DONE_WHEN[f.column - 1 : f.column - 1 + len(f.text)] == f.text


def test_done_when_sentence_message_names_the_line_and_the_replacement():
    found = check_text(DONE_WHEN, path="agendas/x.yaml", first_line=7)
    assert kinds(found, "jargon") == ["input", "ophalen", "positieve gezondheid"]
    assert found[0].format() == 'agendas/x.yaml:7: Moeilijk woord: "input". Gebruik liever: "inbreng", "mening", "ideeën".'


def test_check_text_and_find_jargon_agree_on_jargon():
    text = "Indien u wilt, kunt u via de pilot participeren."
    assert [f.text for f in find_jargon(text)] == kinds(check_text(text), "jargon")


# --------------------------------------------------------------------------
# Word lists: every entry and every listed form is found
# --------------------------------------------------------------------------


def _cases(lang: str) -> list:
    filler = {"nl": "de reacties", "en": "the answers"}[lang]
    frame = {"nl": "Wij schrijven {} in de brief.", "en": "We write {} in the letter."}[lang]
    cases = []
    wordlist = plain.load_wordlist(lang, REPO_CONTENT)
    listed = {form.lower() for entry in wordlist for form in entry.forms}
    for entry in wordlist:
        for form in entry.forms:
            sentence = frame.format(form.replace("*", filler))
            if entry.context:  # a word that only counts next to one of these (and they are plain)
                plain_context = next(word for word in entry.context if word not in listed)
                sentence = sentence[:-1] + " " + plain_context + "."
            expected = [entry.word]
            if not entry.alone:  # a word that counts only next to another listed word
                sentence = sentence[:-1] + " voor de doelgroep."
                expected.append("doelgroep")
            cases.append(pytest.param(lang, expected, entry.abbreviation, sentence, id=f"{lang}:{form}"))
    return cases


@pytest.mark.parametrize(("lang", "words", "abbreviation", "sentence"), _cases("nl") + _cases("en"))
def test_every_listed_form_is_found(lang, words, abbreviation, sentence):
    found = find_jargon(sentence, lang)
    assert [f.word for f in found] == words, sentence
    assert found[0].kind == ("abbreviation" if abbreviation else "jargon")
    assert found[0].suggestion and found[0].why


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_alternatives_are_plain_themselves(lang):
    wordlist = plain.load_wordlist(lang, REPO_CONTENT)
    for entry in wordlist:
        if entry.abbreviation:
            continue
        for alternative in entry.use:
            assert find_jargon(alternative, lang) == [], (entry.word, alternative)


def test_word_lists_are_big_enough_and_valid():
    nl = plain.load_wordlist("nl", REPO_CONTENT)
    en = plain.load_wordlist("en", REPO_CONTENT)
    assert nl.errors == () and en.errors == ()
    assert len(nl) >= 60 and len(en) >= 20
    for entry in [*nl, *en]:
        assert entry.use and entry.why.strip()


def test_separable_verb_with_words_between():
    found = find_jargon("Wie haalt de reacties op bij de buren?")
    assert [(f.text, f.word, f.column) for f in found] == [("haalt de reacties op", "ophalen", 5)]


@pytest.mark.parametrize(
    ("sentence", "text", "word"),
    [
        ("Monitor de voortgang elk kwartaal.", "Monitor", "monitoren"),  # imperative, forms not generated
        ("Prioriteer de acties samen.", "Prioriteer", "prioriteit"),  # a listed -eren form beside the noun
        ("Wij spreken participerende bewoners.", "participerende", "participeren"),  # present participle
        ("Na de zomer volgt een evaluatiemoment.", "evaluatiemoment", "evalueren"),  # listed form + compound
    ],
)
def test_other_forms_of_a_listed_word_are_found(sentence, text, word):
    assert [(f.text, f.word) for f in find_jargon(sentence)] == [(text, word)]


@pytest.mark.parametrize(
    "sentence",
    [
        "De monitor van de computer is kapot.",
        "Monitor en toetsenbord staan op tafel.",  # a noun at the start, not an imperative
        "Welke partijen doen mee aan de verkiezingen?",  # "partijen" only next to organisations
        "Deze jas is er ook in een rode uitvoering.",  # "uitvoering" only next to plans and policy
        "Wat zijn uw goede voornemens?",
    ],
)
def test_same_words_in_an_everyday_meaning_are_plain(sentence):
    assert check_text(sentence) == []


def test_separable_verb_gap_is_at_most_three_words_and_stays_in_the_clause():
    assert find_jargon("Ik haal mijn ideeën over de school op.") == []
    assert find_jargon("Haal de ideeën. Op vrijdag komt de bus.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Neem uw geneesmiddelen mee naar het gesprek.",  # "middelen" is on the list
        "Het gala van de school is op vrijdag.",  # "GALA" only as an abbreviation
        "Er zijn hulpmiddelen voor slechtzienden.",
        "De buurtsportcoach helpt u.",
    ],
)
def test_no_false_hit_inside_a_longer_word_or_in_lower_case(sentence):
    assert find_jargon(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Deze middelen helpen tegen pijn.",
        "Neem uw middelen mee naar de huisarts.",
        "Wij halen u op van het station.",
        "De vuilnisman haalt het afval op.",
    ],
)
def test_a_listed_word_in_its_everyday_meaning_is_not_jargon(sentence):
    assert find_jargon(sentence) == []


def test_a_listed_word_counts_in_its_policy_meaning():
    assert [f.word for f in find_jargon("De gemeente verdeelt de middelen over de wijken.")] == ["middelen"]
    assert [f.word for f in find_jargon("We halen graag uw ideeën op.")] == ["ophalen"]


def test_case_does_not_matter_for_words_but_does_for_abbreviations():
    assert [f.text for f in find_jargon("INPUT en Positieve Gezondheid")] == ["INPUT", "Positieve Gezondheid"]
    assert [f.text for f in find_jargon("De GALA-afspraken")] == ["GALA"]


def test_placeholders_and_addresses_are_not_checked():
    text = "Bel {contact_name} of {{ input }} {% if pilot %}. Mail naar input@gemeente.nl of www.input.nl."
    assert find_jargon(text) == []
    assert kinds(check_text("Beste {input},\nDank u."), "jargon") == []


def test_unknown_language_has_an_empty_list():
    assert len(plain.load_wordlist("xx")) == 0
    assert find_jargon(DONE_WHEN, "xx") == []
    # nl_NL falls back to nl
    assert len(find_jargon(DONE_WHEN, "nl_NL")) == 3


# --------------------------------------------------------------------------
# Line numbers
# --------------------------------------------------------------------------


def test_line_numbers_in_multi_line_text():
    text = "Welkom allemaal.\nWij willen graag\nuw input horen.\nWie haalt\nde reacties op?"
    found = find_jargon(text)
    assert [(f.text, f.line, f.column) for f in found] == [
        ("input", 3, 4),
        ("haalt\nde reacties op", 4, 5),
    ]
    shifted = check_text(text, first_line=20, rules={"jargon"})
    assert [f.line for f in shifted] == [22, 23]


def test_line_numbers_in_a_yaml_file(tmp_path):
    path = write(
        tmp_path / "agendas" / "proef.yaml",
        """\
        id: input
        title: "Proefgesprek"
        description: >
          Wij praten over gezond leven.
          We willen input ophalen.
        steps:
          - id: welkom
            prompts:
              - "We gaan vandaag input ophalen over positieve gezondheid"
              - text: "Wat vindt u van de pilot?"
                id: pilot
            help: |
              Vraag door.
              Haalt u de reacties op?
          - title: {nl: "Over preventie", en: "About stakeholders"}
        """,
    )
    found = check_file(path)
    got = [(f.line, f.text) for f in found if f.kind == "jargon"]
    assert got == [
        (5, "input"),
        (5, "ophalen"),
        (9, "input"),
        (9, "ophalen"),
        (9, "positieve gezondheid"),
        (10, "pilot"),
        (14, "Haalt u de reacties op"),
        (15, "preventie"),  # Dutch list for the nl text
        (15, "stakeholders"),  # English list for the en text
    ]
    # Each column points at the word in the file, also in folded and block texts.
    lines = path.read_text(encoding="utf-8").split("\n")
    for f in found:
        assert lines[f.line - 1][f.column - 1 :].startswith(f.text), f
    assert all(f.path == str(path) for f in found)
    assert found[0].format() == f'{path}:5: Moeilijk woord: "input". Gebruik liever: "inbreng", "mening", "ideeën".'


def test_content_file_with_a_key_twice_is_refused_with_the_line(tmp_path):
    path = write(tmp_path / "agendas" / "dubbel.yaml", 'title: "Proef"\ntitle: "Nog eens"\n')
    found = check_file(path)
    assert [f.format() for f in found] == [
        f'{path}:2: Dit veld staat twee keer in dezelfde groep: "title" (ook op regel 1). Haal een van de twee weg.'
    ]


def test_broken_yaml_content_file_gives_one_error_not_a_traceback(tmp_path):
    path = write(tmp_path / "agendas" / "kapot.yaml", 'title: "Proef\nsteps: [\n')
    found = check_file(path)
    assert [f.kind for f in found] == ["error"]
    assert found[0].format().startswith(f"{path}:")


# --------------------------------------------------------------------------
# Letter templates and translations
# --------------------------------------------------------------------------


def test_letter_template_without_tags_keeps_line_numbers(tmp_path):
    path = write(
        tmp_path / "letters" / "brief.html",
        """\
        {# Een brief. Hier staat input, maar dit is een opmerking. #}
        <style>p { font-size: 12pt; }</style>
        <p>Beste {{ naam }},</p>
        <p>Dank u voor uw input.</p>
        {{ _("Wij verdelen de extra middelen over %(n)s plekken.", n=3) }}
        """,
    )
    found = check_file(path)
    assert [(f.line, f.text) for f in found] == [(4, "input"), (5, "middelen")]


def test_translation_in_po_file_uses_the_folder_language(tmp_path):
    path = write(
        tmp_path / "locales" / "en" / "LC_MESSAGES" / "messages.po",
        """\
        msgid ""
        msgstr ""
        "Language: en\\n"

        #. key: prompts
        #: content/agendas/kort-60.yaml:14
        msgid "Wat vindt u?"
        msgstr ""
        "We want to hear "
        "your input about the pilot."

        #: wijksessie/cli.py:10
        msgid "Geen input"
        msgstr "No input"

        #. b1-ok: the name of the programme
        #: content/agendas/kort-60.yaml:15
        msgid "Het programma"
        msgstr "The Empowerment programme"
        """,
    )
    found = check_file(path)
    # Only content entries count; interface text (wijksessie/cli.py) does not.
    assert [(f.line, f.column, f.text) for f in found] == [(10, 7, "input")]
    assert "ideas" in found[0].alternatives


def test_plural_translations_in_a_po_file_are_each_checked(tmp_path):
    path = write(
        tmp_path / "locales" / "en" / "LC_MESSAGES" / "messages.po",
        """\
        msgid ""
        msgstr ""
        "Language: en\\n"
        "Plural-Forms: nplurals=2; plural=(n != 1);\\n"

        #: content/letters/_text.j2:3
        msgid "%(n)s idee"
        msgid_plural "%(n)s ideeën"
        msgstr[0] "%(n)s input"
        msgstr[1] "%(n)s stakeholders"
        """,
    )
    assert [(f.line, f.text) for f in check_file(path)] == [(9, "input"), (10, "stakeholders")]


# --------------------------------------------------------------------------
# Accepting findings: inline marker and allow-list
# --------------------------------------------------------------------------


def test_inline_marker_with_reason_accepts_the_line(tmp_path):
    path = write(
        tmp_path / "agendas" / "proef.yaml",
        """\
        title: "Over de GALA-afspraken"   # b1-ok: naam van het akkoord, uitgelegd op het scherm
        description: "De pilot loopt een jaar."
        """,
    )
    assert [f.text for f in check_file(path)] == ["pilot"]


def test_marker_without_reason_does_not_count_and_is_reported(tmp_path):
    path = write(tmp_path / "agendas" / "proef.yaml", 'title: "De pilot"  # b1-ok\n')
    found = check_file(path)
    assert [f.kind for f in found] == ["jargon", "marker"]
    assert "reden" in found[1].format()


def test_marker_on_its_own_line_covers_the_next_line(tmp_path):
    path = write(
        tmp_path / "letters" / "brief.md",
        """\
        {# b1-ok: naam van een wet #}
        De Wmo helpt u thuis.
        De Wmo helpt u thuis.
        """,
    )
    assert [f.line for f in check_file(path)] == [3]


def test_marker_on_a_block_text_covers_all_of_it(tmp_path):
    path = write(
        tmp_path / "agendas" / "proef.yaml",
        """\
        description: |   # b1-ok: we lezen dit voor aan beleidsmedewerkers
          De pilot loopt.
          Wij implementeren het plan.
        """,
    )
    assert check_file(path) == []


def test_allow_list_accepts_a_word_with_a_reason(content):
    write(
        content / "plain" / "allow.yaml",
        """\
        - word: pilot
          file: "letters/*.md"
          reason: "Zo heet het project in de wijk."
        - word: GALA
          reason: "Naam van het akkoord."
        """,
    )
    allow = plain.load_allowlist(content)
    assert allow.errors == () and len(allow) == 2
    letter = write(content / "letters" / "brief.md", "De pilot en de GALA.\n")
    agenda = write(content / "agendas" / "a.yaml", 'title: "De pilot en de GALA."\n')
    assert [f.text for f in plain.check_all(content_dir=content)] == ["pilot"]
    assert plain.check_all([agenda], content_dir=content)[0].path == str(agenda)
    found = check_file(letter, content_dir=content)
    assert [is_ok for is_ok in (plain.is_allowed(f, allow) for f in found)] == [True, True]


def test_allow_list_matches_the_entry_word_of_a_separable_verb(content):
    write(content / "plain" / "allow.yaml", '- word: ophalen\n  reason: "Een vaste naam: de ideeënbus."\n')
    finding = find_jargon("Wie haalt de ideeën op?")[0]
    assert plain.is_allowed(finding, plain.load_allowlist(content))


def test_allow_list_entry_without_reason_is_an_error_and_does_not_count(content):
    write(
        content / "plain" / "allow.yaml",
        """\
        # uitleg
        - word: pilot
        - word: input
          reden: "typfout in de sleutel"
        """,
    )
    allow = plain.load_allowlist(content)
    assert len(allow) == 0
    assert [p.line for p in allow.errors] == [2, 4, 3]
    assert all("'reason'" in p.message for p in (allow.errors[0], allow.errors[2]))  # missing
    assert allow.errors[1].message == "Dit veld bestaat niet: reden. Gebruik alleen: word, file, reason."
    write(content / "agendas" / "a.yaml", 'title: "De pilot"\n')
    results = plain.check_all(content_dir=content)
    assert [f.kind for f in results].count("error") == 3
    assert "pilot" in [f.text for f in results]
    assert str(allow.errors[0]).startswith(f"{content / 'plain' / 'allow.yaml'}:2: ")


def test_shipped_allow_list_and_word_lists_have_no_errors():
    assert [str(p) for p in plain.load_allowlist().errors] == []
    for lang in ("nl", "en"):
        assert [str(p) for p in plain.load_wordlist(lang).errors] == []


# --------------------------------------------------------------------------
# Long sentences, abbreviations, passive voice
# --------------------------------------------------------------------------

LONG = (
    "Wij willen graag met alle bewoners van de wijk samen praten over wat er beter kan "
    "in de straat en op het plein."
)


def test_long_sentence_is_flagged_with_its_word_count():
    found = check_text("Welkom. " + LONG + " Dank u.")
    long = [f for f in found if f.kind == "long_sentence"]
    assert len(long) == 1
    assert long[0].column == 9 and long[0].text == LONG
    assert "23 woorden" in long[0].suggestion
    assert long[0].format().startswith('regel 1: "Wij willen graag met alle bewoners van de …" → ')


def test_short_sentences_and_list_items_are_not_long():
    text = "Wij praten vandaag over drie dingen:\n- bewegen in de wijk\n- gezond eten\n- goed slapen\nDank u."
    assert kinds(check_text(text), "long_sentence") == []
    assert kinds(check_text(LONG, max_words=30), "long_sentence") == []
    # Abbreviations with a full stop do not end a sentence.
    assert len(kinds(check_text("Wij noemen bijv. bewegen, eten en slapen maar ook werk, geld, wonen en de buren en meer."), "long_sentence")) == 1


def test_unexplained_abbreviations_are_flagged():
    found = check_text("De GGD en de SPUK betalen het. Ook de KNVB doet mee.")
    assert kinds(found, "abbreviation") == ["GGD", "SPUK", "KNVB"]
    ggd = found[0]
    assert "de gezondheidsdienst van de regio (GGD)" in ggd.suggestion
    assert '"KNVB (uitleg)"' in found[-1].suggestion


@pytest.mark.parametrize(
    "text",
    [
        "De GGD (de gezondheidsdienst) komt. Daarna praat de GGD met u.",
        "De gezondheidsdienst (GGD) komt. Daarna praat de GGD met u.",
        "De NVVB (vereniging van ambtenaren burgerzaken) komt.",
        "Is dat OK? De WC is boven.",
        "LET OP: de bus rijdt niet.",
        "Zie hoofdstuk II.",
    ],
)
def test_explained_and_well_known_abbreviations_are_not_flagged(text):
    assert kinds(check_text(text), "abbreviation") == []


def test_abbreviation_explained_elsewhere_in_the_file_counts(tmp_path):
    path = write(
        tmp_path / "agendas" / "a.yaml",
        """\
        description: "De GGD (de gezondheidsdienst van de regio) doet mee."
        prompts:
          - "Wat wilt u de GGD vragen?"
        """,
    )
    assert check_file(path) == []


@pytest.mark.parametrize(
    ("text", "passive"),
    [
        ("Uw ideeën worden volgende week besproken.", "worden volgende week besproken"),
        ("Het plan werd door de gemeente uitgevoerd.", "werd door de gemeente uitgevoerd"),
        ("De brief is gisteren door de wijkwerker verstuurd.", "is gisteren door de wijkwerker verstuurd"),
        ("Wij weten dat het plan wordt uitgevoerd.", "wordt uitgevoerd"),
        ("Wij weten niet hoe de middelen benut worden.", "benut worden"),
        ("Vertel ons of uw inbreng gewaardeerd en gebruikt wordt.", "gebruikt wordt"),
        ("Sommige wijken worden vaak bevraagd.", "worden vaak bevraagd"),
        ("Wij stoppen als het plan wordt afgewezen.", "wordt afgewezen"),
    ],
)
def test_passive_voice_is_found(text, passive):
    assert kinds(check_text(text), "passive") == [passive]


@pytest.mark.parametrize(
    "text",
    [
        "Wij bespreken uw ideeën volgende week.",
        "Later hoort u wat er met uw ideeën is gebeurd.",
        "Hij heeft zijn huis verbouwd.",
        "Het wordt een gezonde wijk.",
        "Wij zijn benieuwd naar uw mening.",
        "De gemeente is belangrijk voor de wijk.",
        "Wij zijn vorig jaar begonnen.",
        # "zijn" with a participle is a state unless "door" says who did it.
        "De bibliotheek is op maandag gesloten.",
        "Alle reacties zijn opgeschreven.",
        "De school is door de storm gesloten.",
        "Iedereen is verrast door het mooie weer.",  # a feeling, also with "door"
        # A present tense after be/ver/ont/her is not a participle.
        "Is dit iets dat u herkent?",
        "Wordt het beter als de gemeente de straat verbetert?",
        "Het beleid wordt beter.",
        # The auxiliary and the verb stand in different clauses.
        "Wordt u blij als iemand u bezoekt?",
        "Wordt het rustiger als de school begint?",
    ],
)
def test_active_sentences_are_not_passive(text):
    assert kinds(check_text(text), "passive") == []


def test_english_passive():
    found = check_text("Your ideas were collected and are being reviewed. We are interested in them.", "en")
    assert kinds(found, "passive") == ["were collected", "are being reviewed"]
    assert kinds(check_text("We will read your ideas.", "en"), "passive") == []
    assert kinds(check_text("Uw ideeën worden besproken.", "tr"), "passive") == []


def test_rules_can_be_chosen():
    text = "Uw input wordt besproken door de GGD. " + LONG
    assert {f.kind for f in check_text(text)} == {"jargon", "passive", "abbreviation", "long_sentence"}
    hard = "En koppelde deze ervaringen aan wetenschappelijk literatuuronderzoek."
    assert {f.kind for f in check_text(hard)} == {"readability"}
    assert {f.kind for f in check_text(text, rules={"passive"})} == {"passive"}
    with pytest.raises(ValueError):
        check_text(text, rules={"spelling"})


# --------------------------------------------------------------------------
# Readability
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("kat", 1),
        ("nieuw", 1),
        ("ruimte", 2),
        ("mooie", 2),
        ("gezondheid", 3),
        ("bijeenkomst", 3),
        ("ideeën", 3),
        ("inwoners", 3),
        ("beoordelen", 4),
        ("participatie", 5),
        ("geïnteresseerd", 5),
    ],
)
def test_dutch_syllables(word, syllables):
    assert count_syllables(word) == syllables


def test_flesch_douma_on_a_hand_counted_example():
    # 6 words, 6 syllables: 206.84 - 0.77 * 100 - 0.93 * 6
    assert flesch_douma("De kat zit op de mat".split()) == pytest.approx(124.26)


def test_sentence_full_of_long_words_is_hard_to_read_even_when_short():
    hard = "En koppelde deze ervaringen aan wetenschappelijk literatuuronderzoek."
    found = check_text(hard, rules={"readability"})
    assert [f.kind for f in found] == ["readability"]
    assert "literatuuronderzoek" in found[0].suggestion and found[0].word == "literatuuronderzoek"
    for easy in (
        "Wat vindt u van de wijk? Zeg het maar. Wij luisteren.",
        "Wilt u meedoen aan de bijeenkomst?",
        "Wij organiseren activiteiten voor kinderen.",  # long words everyone knows
    ):
        assert check_text(easy, rules={"readability"}) == []


def test_readability_is_dutch_only_and_skips_very_short_sentences():
    assert check_text("Gezondheidsbevordering!", rules={"readability"}) == []
    long_words = "Notwithstanding comprehensive considerations, municipalities operationalise interventions."
    assert check_text(long_words, "en", rules={"readability"}) == []


def test_a_sentence_with_jargon_is_not_also_reported_as_hard_to_read():
    assert [f.kind for f in check_text(DONE_WHEN)] == ["jargon"] * 3


# --------------------------------------------------------------------------
# Broken word lists
# --------------------------------------------------------------------------


def test_broken_word_list_gives_path_line_errors_not_a_traceback(content):
    path = write(
        content / "plain" / "nl.yaml",
        """\
        - word: pilot
          use: [proef]
          why: "Engels."
        - word: indien
          use: [als]
        - word: input
          uses: [inbreng]
          why: "Engels."
        - word: ophalen
          forms: [ophalen, "* op"]
          use: [vragen]
          why: "Klinkt als halen."
        - word: proef
          forms: [Pilot]
          use: [test]
          why: "Dubbel."
        """,
    )
    wordlist = plain.load_wordlist("nl", content)
    assert [e.word for e in wordlist] == ["pilot", "ophalen", "proef"]
    assert [p.line for p in wordlist.errors] == [4, 7, 9, 13]
    assert str(wordlist.errors[0]).startswith(f"{path}:4: ")
    # The field, form or word comes after a label and a colon (issue 15).
    assert [p.message for p in wordlist.errors] == [
        "Hier mist een veld: why. Elke regel heeft word, use en why.",
        "Dit veld bestaat niet: uses. Gebruik alleen: word, forms, use, why, source, abbreviation, compounds, "
        "generate, context, alone.",
        "Deze vorm klopt niet: * op. Een * mag alleen los tussen twee woorden staan. Schrijf bijvoorbeeld: haalt * op",
        "Dit woord staat twee keer in de lijst: Pilot. Het staat ook bij: pilot (regel 1). "
        "Haal het bij één van de twee weg.",
    ]
    # The good entries still work.
    assert [f.text for f in find_jargon("De pilot", content_dir=content)] == ["pilot"]
    errors = [f for f in plain.check_all(content_dir=content) if f.kind == "error"]
    assert [f.line for f in errors] == [4, 7, 9, 13]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("- word: pilot\n  use: [proef\n  why: x\n", 3),
        ("word: pilot\n", 1),
        ("- word: pilot\n  use: {a: b}\n  why: x\n", 2),
        # Read by wijksessie.yamlfile like every other YAML file: a key twice is refused.
        ("- word: pilot\n  use: [proef]\n  use: [test]\n  why: x\n", 3),
    ],
)
def test_word_list_syntax_and_shape_errors(content, text, line):
    (content / "plain" / "nl.yaml").write_text(text, encoding="utf-8")
    wordlist = plain.load_wordlist("nl", content)
    assert len(wordlist) == 0
    assert [p.line for p in wordlist.errors] == [line]
    assert str(wordlist.errors[0]).startswith(str(content / "plain" / "nl.yaml") + f":{line}: ")


def test_edited_word_list_is_read_again(content):
    path = content / "plain" / "nl.yaml"
    path.write_text('- word: pilot\n  use: [proef]\n  why: "Engels."\n', encoding="utf-8")
    assert len(plain.load_wordlist("nl", content)) == 1
    path.write_text('- word: pilot\n  use: [proef]\n  why: "Engels."\n- word: input\n  use: [inbreng]\n  why: "Engels."\n', encoding="utf-8")
    stat = path.stat()
    os.utime(path, (stat.st_atime, stat.st_mtime + 5))
    assert len(plain.load_wordlist("nl", content)) == 2


# --------------------------------------------------------------------------
# Messages
# --------------------------------------------------------------------------


def test_messages_go_through_translation(monkeypatch):
    for name, module in list(sys.modules.items()):
        if name.startswith("wijksessie.plain") and hasattr(module, "_"):
            monkeypatch.setattr(module, "_", lambda message: "<" + message + ">")
        if name.startswith("wijksessie.plain") and hasattr(module, "ngettext"):
            monkeypatch.setattr(module, "ngettext", lambda one, many, n: "<" + (one if n == 1 else many) + ">")
    found = check_text("Uw input wordt besproken door de KNVB. " + LONG)
    assert all(f.format().count("<") >= 1 for f in found)
    assert all(f.suggestion.startswith("<") for f in found if f.kind != "jargon")


def test_check_finds_the_done_when_sentence_in_a_content_tree(content):
    agenda = write(
        content / "agendas" / "proef.yaml",
        """\
        id: proef
        title: "Proef"
        steps:
          - id: welkom
            prompts:
              - "Welkom."
              - "We gaan vandaag input ophalen over positieve gezondheid"
        """,
    )
    lines = [f.format() for f in plain.check_all(content_dir=content)]
    assert lines == [
        f'{agenda}:7: Moeilijk woord: "input". Gebruik liever: "inbreng", "mening", "ideeën".',
        f'{agenda}:7: Moeilijk woord: "ophalen". Gebruik liever: "vragen", "horen", "met u praten over".',
        f'{agenda}:7: Moeilijk woord: "positieve gezondheid". Gebruik liever: "hoe gaat het met u", '
        '"wat vindt u belangrijk in uw leven".',
    ]
    assert plain.content_files(content) == [agenda]


# --------------------------------------------------------------------------
# Words that count only next to another listed word (alone: false)
# --------------------------------------------------------------------------


def test_an_ordinary_word_alone_is_plain():
    assert find_jargon("Het buurthuis is toegankelijk voor mensen met een rolstoel.") == []
    assert find_jargon("Mijn moeder krijgt ondersteuning bij het douchen.") == []


def test_ordinary_words_together_are_policy_language_and_each_gets_a_hint():
    found = find_jargon("De gemeente zorgt voor toegankelijke voorzieningen in elke wijk.")
    assert [(f.text, f.word) for f in found] == [("toegankelijke", "toegankelijk"), ("voorzieningen", "voorziening")]
    assert found[1].format() == (
        'regel 1: Beleidswoord naast andere beleidswoorden: "voorzieningen". Gebruik liever: "hulp", "plek", "regeling".'
    )


def test_an_ordinary_word_next_to_a_listed_word_gets_a_hint_too():
    found = find_jargon("Wij faciliteren de samenwerking.")
    assert [f.word for f in found] == ["faciliteren", "samenwerking"]


def test_ordinary_words_count_together_only_within_one_sentence():
    assert find_jargon("Het project is klaar. Het buurthuis is toegankelijk.") == []
    assert find_jargon("Het project is klaar. Het project was leuk.") == []


# --------------------------------------------------------------------------
# Nominal style (naamwoordstijl): actions written as nouns
# --------------------------------------------------------------------------


def test_a_sentence_of_nouns_made_from_verbs_gets_advice_to_use_verbs():
    text = "Het tegengaan van vereenzaming kost in deze periode veel tijd."
    found = check_text(text)
    assert [f.kind for f in found] == ["readability"]
    assert found[0].format() == (
        'regel 1: "Het tegengaan van vereenzaming kost in deze periode …" → schrijf met werkwoorden wie wat doet '
        '("wij maken de verschillen kleiner" in plaats van "het verkleinen van de verschillen"). '
        'Zware woorden: "Het tegengaan van", "vereenzaming"'
    )


@pytest.mark.parametrize(
    "text",
    [
        "De buurtwerker helpt bij het invullen van de aanvraag.",  # one: not yet a style
        "De buurtvereniging houdt een wandeling langs de nieuwe woningen.",  # everyday nouns, also in compounds
        "Wij springen en zingen met de kinderen op het plein.",  # verbs, not nouns
        "Veel activiteiten en informatie over gezondheid.",  # everyday plurals
    ],
)
def test_everyday_nouns_and_one_noun_from_a_verb_are_plain(text):
    assert check_text(text) == []


def test_a_noun_that_looks_like_an_infinitive_is_not_nominal_style():
    assert check_text("Het leven van mijn moeder veranderde na de verhuizing naar de stad.") == []


def test_an_abbreviation_with_dots_does_not_end_the_sentence_for_words_that_count_together():
    found = find_jargon("Het buurthuis is i.v.m. de verbouwing dicht voor de doelgroep.")
    assert [f.word for f in found] == ["in verband met", "doelgroep"]
    assert find_jargon("Het buurthuis is i.v.m. de verbouwing dicht.") == []


def test_alone_in_a_word_list_is_true_or_false_and_compounds_can_be_asked_for(content):
    path = write(
        content / "plain" / "nl.yaml",
        """\
        - word: ondersteuning
          alone: false
          compounds: true
          use: [hulp]
          why: "Samen met andere beleidswoorden maakt dit de zin zwaar."
        - word: doelgroep
          use: [voor wie het is]
          why: "Beleid."
        - word: samenwerking
          alone: soms
          use: [samen werken]
          why: "Beleid."
        """,
    )
    wordlist = plain.load_wordlist("nl", content)
    assert [e.word for e in wordlist] == ["ondersteuning", "doelgroep"]
    assert [str(p) for p in wordlist.errors] == [f"{path}:10: Dit veld is true of false: alone. Schrijf bijvoorbeeld: alone: true"]
    assert find_jargon("Wij bieden mantelzorgondersteuning.", content_dir=content) == []
    found = find_jargon("Wij bieden mantelzorgondersteuning aan de doelgroep.", content_dir=content)
    assert [(f.text, f.together) for f in found] == [("mantelzorgondersteuning", True), ("doelgroep", False)]
