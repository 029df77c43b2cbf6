"""Tests for loading and checking agendas and theme lists (wijksessie.content)."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from wijksessie import content, paths, yamlfile
from wijksessie.content import (
    DEFAULT_AGENDA,
    STEP_TYPES,
    ContentError,
    check_content,
    get_agenda,
    get_theme_list,
    load_agenda,
    load_theme_list,
)

GOOD_AGENDA = """\
id: proef
title: "Proefgesprek"
description: "Een kort proefgesprek."
steps:
  - id: welkom
    type: info
    show: level
    title: "Welkom"
    minutes: 10
    prompts:
      - "Welkom, fijn dat u er bent."
      - "Uw naam is niet nodig."
  - id: kiezen
    type: vote
    method: scores
    dots: 5
    title: "Kiezen"
    minutes: 15
    prompts:
      - "Geef elk onderwerp een cijfer."
  - id: praten
    type: discuss
    top: 2
    title: "Praten"
    minutes: 20
    prompts:
      - "Wat merkt u hiervan?"
  - id: onderwerpen
    type: topics
    themes: lijst
    title: "Onderwerpen"
    minutes: 5
    prompts:
      - "Wat vindt u belangrijk?"
"""

GOOD_THEMES = """\
id: lijst
title: "Een lijst"
description: "Twee onderwerpen."
themes:
  - id: bewegen
    name: "Bewegen"
    help: "Kunt u hier fijn wandelen?"
  - id: wonen
    name: "Wonen"
"""

MESSAGE_RE = re.compile(r"^.+:\d+: .+[.?] .+[.?]$")


def write(root: Path, folder: str, name: str, text: str | bytes) -> Path:
    path = root / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def agenda_errors(tmp_path: Path, text: str | bytes, name: str = "proef.yaml") -> list[ContentError]:
    path = write(tmp_path, "agendas", name, text)
    write(tmp_path, "themes", "lijst.yaml", GOOD_THEMES)
    return check_content([path])


def themes_errors(tmp_path: Path, text: str | bytes, name: str = "lijst.yaml") -> list[ContentError]:
    return check_content([write(tmp_path, "themes", name, text)])


def only(errors: list[ContentError]) -> ContentError:
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def replace(old: str, new: str, text: str = GOOD_AGENDA) -> str:
    assert old in text
    return text.replace(old, new, 1)


# --------------------------------------------------------------------------
# Good files and the data model
# --------------------------------------------------------------------------


def test_good_agenda_loads(tmp_path):
    assert agenda_errors(tmp_path, GOOD_AGENDA) == []
    agenda = load_agenda(tmp_path / "agendas" / "proef.yaml")
    assert agenda.id == "proef"
    assert agenda.title == "Proefgesprek"
    assert agenda.minutes == 50
    assert [s.id for s in agenda.steps] == ["welkom", "kiezen", "praten", "onderwerpen"]
    assert agenda.index("praten") == 2
    assert agenda.step("welkom").show == "level"
    assert agenda.step("welkom").line == 5
    assert agenda.step("welkom").prompts == ("Welkom, fijn dat u er bent.", "Uw naam is niet nodig.")
    vote = agenda.step("kiezen")
    assert (vote.method, vote.dots) == ("scores", 5)
    assert agenda.step("praten").top == 2
    assert agenda.step("onderwerpen").themes == "lijst"
    assert agenda.path == str(tmp_path / "agendas" / "proef.yaml")
    with pytest.raises(KeyError):
        agenda.step("bestaat-niet")
    with pytest.raises(KeyError):
        agenda.index("bestaat-niet")


def test_defaults(tmp_path):
    text = "id: proef\ntitle: T\nsteps:\n  - id: a\n    type: vote\n    title: A\n    minutes: 5\n    prompts: [x]\n"
    assert agenda_errors(tmp_path, text) == []
    agenda = load_agenda(tmp_path / "agendas" / "proef.yaml")
    assert agenda.description == ""
    step = agenda.steps[0]
    assert (step.method, step.dots, step.top, step.show, step.themes) == ("dots", 3, 3, None, None)


def test_good_theme_list_loads(tmp_path):
    assert themes_errors(tmp_path, GOOD_THEMES) == []
    themes = load_theme_list(tmp_path / "themes" / "lijst.yaml")
    assert themes.id == "lijst"
    assert [t.id for t in themes.themes] == ["bewegen", "wonen"]
    assert themes.themes[0].help == "Kunt u hier fijn wandelen?"
    assert themes.themes[1].help == ""


def test_error_format():
    from wijksessie.errors import UserError

    error = ContentError(Path("a/b.yaml"), 12, "Iets is fout. Doe iets.")
    assert isinstance(error, UserError)
    assert str(error) == "a/b.yaml:12: Iets is fout. Doe iets."
    assert (error.path, error.line, error.message) == ("a/b.yaml", 12, "Iets is fout. Doe iets.")


def test_load_agenda_raises_first_error(tmp_path):
    path = write(tmp_path, "agendas", "proef.yaml", replace("minutes: 20", 'minutes: "twintig"'))
    with pytest.raises(ContentError) as info:
        load_agenda(path)
    assert info.value.line == 25
    assert "minutes" in info.value.message


def test_messages_go_through_translation(tmp_path, monkeypatch):
    from wijksessie import contentcheck

    monkeypatch.setattr(contentcheck, "_", lambda message: "<" + message + ">")
    error = only(agenda_errors(tmp_path, ""))
    assert error.message.startswith("<")


# --------------------------------------------------------------------------
# Broken files: every case gives path:line: what. What to do.
# --------------------------------------------------------------------------


def test_yaml_syntax_error_has_its_line(tmp_path):
    error = only(agenda_errors(tmp_path, replace("  - id: kiezen\n", "  - id: kiezen\n  oeps: [\n")))
    assert error.path.endswith("proef.yaml")
    assert error.line == 14
    assert MESSAGE_RE.match(str(error))


def test_tab_indentation(tmp_path):
    error = only(agenda_errors(tmp_path, "id: proef\n\ttitle: x\n"))
    assert error.line == 2
    assert "tab" in error.message


def test_unclosed_quote_points_at_its_start(tmp_path):
    error = only(agenda_errors(tmp_path, 'id: proef\ntitle: "Proef\nsteps: []\n'))
    assert error.line == 2
    assert "aanhalingsteken" in error.message


def test_colon_in_unquoted_text(tmp_path):
    error = only(agenda_errors(tmp_path, replace('title: "Kiezen"', "title: Kiezen: wat vindt u")))
    assert error.line == 17
    assert "dubbele punt" in error.message


@pytest.mark.parametrize("text", ["", "\n\n", "# alleen uitleg\n", "---\n"])
def test_empty_file(tmp_path, text):
    error = only(agenda_errors(tmp_path, text))
    assert "leeg" in error.message
    assert MESSAGE_RE.match(str(error))


@pytest.mark.parametrize("text", ["- a\n- b\n", "gewoon tekst\n", "12\n"])
def test_top_level_not_a_mapping(tmp_path, text):
    error = only(agenda_errors(tmp_path, text))
    assert error.line == 1
    assert "id: proef" in error.message


def test_missing_required_field(tmp_path):
    error = only(agenda_errors(tmp_path, replace('title: "Proefgesprek"\n', "")))
    assert error.line == 1
    assert '"title"' in error.message and "ontbreekt" in error.message
    error = only(agenda_errors(tmp_path, replace("    minutes: 15\n", "")))
    assert error.line == 13  # where the step starts
    assert error.message == (
        'Dit veld ontbreekt: "minutes". Het gaat om de stap met deze id: kiezen. Voeg een regel toe, zoals: minutes: 10.'
    )
    assert "minutes: 10" in error.message


def test_missing_steps(tmp_path):
    error = only(agenda_errors(tmp_path, "id: proef\ntitle: T\n"))
    assert '"steps"' in error.message


def test_empty_steps(tmp_path):
    error = only(agenda_errors(tmp_path, "id: proef\ntitle: T\nsteps: []\n"))
    assert error.line == 3 and "leeg" in error.message


def test_minutes_not_a_number(tmp_path):
    error = only(agenda_errors(tmp_path, replace("minutes: 15", "minutes: tien")))
    assert error.line == 18
    assert '"minutes"' in error.message and '"tien"' in error.message
    assert MESSAGE_RE.match(str(error))


@pytest.mark.parametrize("value", ["yes", "12.5", '"12"', "[12]", ""])
def test_minutes_other_wrong_types(tmp_path, value):
    error = only(agenda_errors(tmp_path, replace("minutes: 15", f"minutes: {value}")))
    assert error.line == 18
    assert "heel getal" in error.message


@pytest.mark.parametrize("value", ["0", "241", "-5"])
def test_minutes_out_of_range(tmp_path, value):
    error = only(agenda_errors(tmp_path, replace("minutes: 15", f"minutes: {value}")))
    assert "tussen 1 en 240" in error.message


def test_dots_and_top_range(tmp_path):
    error = only(agenda_errors(tmp_path, replace("dots: 5", "dots: 11")))
    assert "tussen 1 en 10" in error.message
    error = only(agenda_errors(tmp_path, replace("top: 2", "top: 0")))
    assert "tussen 1 en 10" in error.message


def test_prompts_a_string_instead_of_a_list(tmp_path):
    text = replace('    prompts:\n      - "Geef elk onderwerp een cijfer."', '    prompts: "Geef elk onderwerp een cijfer."')
    error = only(agenda_errors(tmp_path, text))
    assert error.line == 19
    assert "lijst" in error.message and '"- "' in error.message


@pytest.mark.parametrize("value", ['""', "", '"   "'])
def test_empty_prompt(tmp_path, value):
    error = only(agenda_errors(tmp_path, replace('- "Wat merkt u hiervan?"', f"- {value}")))
    assert error.line == 27
    assert error.message == 'Dit onderdeel is leeg. Het gaat om zin 1 onder "prompts". Vul een zin in, of haal de regel weg.'


def test_prompt_not_text(tmp_path):
    error = only(agenda_errors(tmp_path, replace('- "Wat merkt u hiervan?"', "- 12")))
    assert error.message == (
        'Dit onderdeel moet tekst zijn. Het gaat om zin 1 onder "prompts". Nu staat er een getal: 12. '
        'Zet de tekst tussen aanhalingstekens: "12".'
    )


def test_empty_prompt_list(tmp_path):
    text = replace('    prompts:\n      - "Geef elk onderwerp een cijfer."', "    prompts: []")
    error = only(agenda_errors(tmp_path, text))
    assert "leeg" in error.message


def test_empty_title(tmp_path):
    error = only(agenda_errors(tmp_path, replace('title: "Praten"', 'title: ""')))
    assert error.line == 24 and "leeg" in error.message
    error = only(agenda_errors(tmp_path, replace('title: "Praten"', "title:")))
    assert error.line == 24 and "leeg" in error.message


def test_title_as_a_list(tmp_path):
    error = only(agenda_errors(tmp_path, replace('title: "Praten"', "title: [a, b]")))
    assert "tekst" in error.message and "lijst" in error.message


def test_unknown_field_suggests_closest(tmp_path):
    error = only(agenda_errors(tmp_path, replace("minutes: 20", "minuten: 20")))
    assert error.line == 25
    assert error.message == 'Dit veld is onbekend: "minuten". Misschien bedoelt u deze naam: "minutes". Pas dan de naam aan.'
    errors = agenda_errors(tmp_path, replace("description:", "descriptoin:"))
    assert 'Misschien bedoelt u deze naam: "description".' in only(errors).message


def test_unknown_field_without_suggestion_lists_known(tmp_path):
    error = only(agenda_errors(tmp_path, replace("    top: 2\n", "    top: 2\n    kleur: rood\n")))
    assert '"kleur"' in error.message and "minutes" in error.message and "prompts" in error.message


def test_unknown_step_type(tmp_path):
    error = only(agenda_errors(tmp_path, replace("type: vote", "type: stemmen")))
    assert error.line == 14
    assert error.message == (
        'Dit stap-type bestaat niet: "stemmen". Kies uit: ' + ", ".join(STEP_TYPES) + "."
    )
    assert str(error).endswith(f"proef.yaml:14: {error.message}")


def test_duplicate_step_id(tmp_path):
    error = only(agenda_errors(tmp_path, replace("id: praten", "id: kiezen")))
    assert error.line == 21
    assert '"kiezen"' in error.message and "regel 13" in error.message


def test_duplicate_step_id_reported_even_when_step_has_other_errors(tmp_path):
    errors = agenda_errors(tmp_path, replace("id: praten", "id: kiezen", replace("top: 2", "top: 99")))
    assert sorted(e.line for e in errors) == [21, 23]


def test_duplicate_yaml_key(tmp_path):
    error = only(agenda_errors(tmp_path, replace("    minutes: 20\n", "    minutes: 20\n    minutes: 25\n")))
    assert error.line == 26
    assert '"minutes"' in error.message and "twee keer" in error.message and "regel 25" in error.message


def test_duplicate_top_level_key(tmp_path):
    error = only(agenda_errors(tmp_path, "id: proef\n" + GOOD_AGENDA))
    assert error.line == 2 and '"id"' in error.message


def test_id_must_match_file_stem(tmp_path):
    error = only(agenda_errors(tmp_path, GOOD_AGENDA, name="anders.yaml"))
    assert error.line == 1
    assert '"proef"' in error.message and '"anders"' in error.message


@pytest.mark.parametrize("value", ["Welkom", "stap 1", "stap_1", "wélkom"])
def test_bad_step_id(tmp_path, value):
    error = only(agenda_errors(tmp_path, replace("id: welkom", f'id: "{value}"')))
    assert error.line == 5 and "kleine letters" in error.message


@pytest.mark.parametrize(
    ("old", "new", "field", "owner"),
    [
        ("    show: level\n", "    show: level\n    dots: 3\n", "dots", "vote"),
        ("    method: scores\n", "    method: scores\n    show: close\n", "show", "info"),
        ("    top: 2\n", "    top: 2\n    themes: lijst\n", "themes", "topics"),
        ("    themes: lijst\n", "    themes: lijst\n    top: 2\n", "top", "discuss"),
        ("    top: 2\n", "    top: 2\n    method: dots\n", "method", "vote"),
    ],
)
def test_option_on_wrong_step_type(tmp_path, old, new, field, owner):
    error = only(agenda_errors(tmp_path, replace(old, new)))
    assert f'"{field}"' in error.message and f'"{owner}"' in error.message
    assert MESSAGE_RE.match(str(error))


def test_bad_choices(tmp_path):
    error = only(agenda_errors(tmp_path, replace("show: level", "show: ladder")))
    assert error.line == 7 and "level, privacy, close" in error.message
    error = only(agenda_errors(tmp_path, replace("method: scores", "method: punten")))
    assert error.line == 15 and "dots, scores" in error.message


def test_python_tags_are_refused_and_never_run(tmp_path):
    marker = tmp_path / "uitgevoerd"
    payloads = [
        f'- !!python/object/apply:os.system ["touch {marker}"]',
        f'- !!python/object/apply:subprocess.call [["touch", "{marker}"]]',
        f'- !!python/object/new:os.system ["touch {marker}"]',
        "- !!python/name:os.system",
        f'- !!python/object:pathlib.Path {{a: "{marker}"}}',
    ]
    for payload in payloads:
        errors = agenda_errors(tmp_path, replace('- "Wat merkt u hiervan?"', payload))
        error = only(errors)
        assert error.line == 27
        assert "!!python/" in error.message and "niet toegestaan" in error.message
        with pytest.raises(ContentError):
            load_agenda(tmp_path / "agendas" / "proef.yaml")
    assert not marker.exists()


def test_python_tag_on_the_whole_file(tmp_path):
    errors = agenda_errors(tmp_path, "!!python/object/apply:os.system [\"echo x\"]\n")
    assert any("niet toegestaan" in e.message for e in errors)


def test_other_tags_refused(tmp_path):
    error = only(agenda_errors(tmp_path, replace('title: "Praten"', 'title: !!binary "aGFsbG8="')))
    assert "!!binary" in error.message
    error = only(agenda_errors(tmp_path, replace('title: "Praten"', "title: !eigen x")))
    assert "!eigen" in error.message


def test_file_larger_than_1_mb_is_refused_before_parsing(tmp_path, monkeypatch):
    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed a file that is too large")

    monkeypatch.setattr(yamlfile, "compose", no_parsing)
    big = GOOD_AGENDA + "# " + "x" * (1024 * 1024) + "\n"
    error = only(agenda_errors(tmp_path, big))
    assert "1 MB" in error.message and error.line == 0


def test_file_just_under_the_limit_is_read(tmp_path):
    text = GOOD_AGENDA + "#" * (1024 * 1024 - len(GOOD_AGENDA) - 1) + "\n"
    assert len(text.encode()) == 1024 * 1024
    assert agenda_errors(tmp_path, text) == []


def test_not_utf8(tmp_path):
    data = replace('title: "Praten"', 'title: "Caf\udce9"').encode("utf-8", "surrogateescape")
    error = only(agenda_errors(tmp_path, data))
    assert error.line == 24 and "UTF-8" in error.message


def test_utf8_byte_order_mark_is_fine(tmp_path):
    assert agenda_errors(tmp_path, "\ufeff" + GOOD_AGENDA) == []


def test_control_character(tmp_path):
    error = only(agenda_errors(tmp_path, replace('title: "Praten"', 'title: "Pra\x00ten"')))
    assert error.line == 24 and "U+0000" in error.message


def test_unquoted_time_is_a_wrong_type(tmp_path):
    # YAML 1.1 reads unquoted 10:30 as the number 630.
    error = only(agenda_errors(tmp_path, replace('title: "Praten"', "title: 10:30")))
    assert error.line == 24
    assert "tekst" in error.message and '"10:30"' in error.message


@pytest.mark.parametrize("value", ["2024-05-01", "yes", "12", "3.5", "no"])
def test_other_yaml_quirks_in_text_fields(tmp_path, value):
    error = only(agenda_errors(tmp_path, replace('title: "Praten"', f"title: {value}")))
    assert error.line == 24
    assert "moet tekst zijn" in error.message and f'"{value}"' in error.message


def test_unquoted_time_as_minutes(tmp_path):
    # YAML 1.1 would silently read this as 90.
    error = only(agenda_errors(tmp_path, replace("minutes: 20", "minutes: 1:30")))
    assert error.line == 25 and "1:30" in error.message and "heel getal" in error.message


def test_quoted_time_is_fine(tmp_path):
    assert agenda_errors(tmp_path, replace('title: "Praten"', 'title: "Om 10:30 praten"')) == []


def test_undefined_alias(tmp_path):
    error = only(agenda_errors(tmp_path, replace('title: "Praten"', "title: *iets")))
    assert error.line == 24 and "sterretje" in error.message


def test_aliases_cannot_blow_up(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 20):
        prev = f"*a{n - 1}"
        lines.append(f"a{n}: &a{n} [{', '.join([prev] * 10)}]")
    text = GOOD_AGENDA.replace('- "Wat merkt u hiervan?"', "- *a19") + "\n".join(lines) + "\n"
    errors = agenda_errors(tmp_path, text)
    assert errors  # unknown fields a0..a19 and a prompt that is a list; above all: it finishes


def test_recursive_alias(tmp_path):
    errors = agenda_errors(tmp_path, "id: proef\ntitle: &t [*t]\n")
    assert errors


def test_deep_nesting(tmp_path):
    errors = agenda_errors(tmp_path, "id: proef\ntitle: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert errors and all(MESSAGE_RE.match(str(e)) for e in errors)


def test_merge_key_refused(tmp_path):
    text = replace("    type: discuss\n", "    type: discuss\n    <<: {minutes: 5}\n")
    error = only(agenda_errors(tmp_path, text))
    assert error.line == 23 and "<<" in error.message


def test_non_text_field_name(tmp_path):
    error = only(agenda_errors(tmp_path, replace("    top: 2\n", "    top: 2\n    12: x\n")))
    assert error.line == 24 and '"12"' in error.message


def test_more_than_one_document(tmp_path):
    error = only(agenda_errors(tmp_path, GOOD_AGENDA + "---\nid: nog\n"))
    assert error.line > 1 and "---" in error.message


def test_step_not_a_mapping(tmp_path):
    text = "id: proef\ntitle: T\nsteps:\n  - welkom\n"
    error = only(agenda_errors(tmp_path, text))
    assert error.line == 4
    assert error.message == 'Dit onderdeel is geen groep velden. Het gaat om stap 1. Begin met "- id: ..." en zet de andere velden eronder.'


def test_theme_list_reference_must_exist(tmp_path):
    error = only(agenda_errors(tmp_path, replace("themes: lijst", "themes: bestaat-niet")))
    assert error.line == 30
    assert '"bestaat-niet"' in error.message and "lijst" in error.message


def test_all_errors_of_a_file_are_reported(tmp_path):
    text = replace("type: vote", "type: stemmen", replace('title: "Praten"', "title: 10:30"))
    text = replace("minutes: 10", "minutes: tien", text)
    errors = agenda_errors(tmp_path, text)
    assert [e.line for e in errors] == [9, 14, 24]


# --------------------------------------------------------------------------
# Theme lists
# --------------------------------------------------------------------------


def test_theme_list_errors(tmp_path):
    error = only(themes_errors(tmp_path, GOOD_THEMES.replace("id: wonen", "id: bewegen")))
    assert error.line == 8 and '"bewegen"' in error.message and "regel 5" in error.message
    error = only(themes_errors(tmp_path, GOOD_THEMES.replace('    name: "Wonen"\n', "")))
    assert '"name"' in error.message and "ontbreekt" in error.message
    error = only(themes_errors(tmp_path, GOOD_THEMES, name="anders.yaml"))
    assert error.line == 1 and '"anders"' in error.message
    error = only(themes_errors(tmp_path, GOOD_THEMES.replace("    help:", "    hulp:")))
    assert 'Misschien bedoelt u deze naam: "help".' in error.message
    error = only(themes_errors(tmp_path, GOOD_THEMES.replace('name: "Wonen"', "name: yes")))
    assert "moet tekst zijn" in error.message
    error = only(themes_errors(tmp_path, "id: lijst\ntitle: T\nthemes:\n  - bewegen\n"))
    assert error.message == 'Dit onderdeel is geen groep velden. Het gaat om thema 1. Begin met "- id: ..." en zet de andere velden eronder.'


def test_load_theme_list_raises(tmp_path):
    path = write(tmp_path, "themes", "lijst.yaml", "id: lijst\n")
    with pytest.raises(ContentError):
        load_theme_list(path)


# --------------------------------------------------------------------------
# Finding files
# --------------------------------------------------------------------------


def test_get_agenda_and_theme_list_by_id(tmp_path):
    write(tmp_path, "agendas", "proef.yaml", GOOD_AGENDA)
    write(tmp_path, "themes", "lijst.yaml", GOOD_THEMES)
    assert get_agenda("proef", tmp_path).id == "proef"
    assert get_theme_list("lijst", tmp_path).id == "lijst"


def test_unknown_agenda_lists_the_available_ones(tmp_path):
    write(tmp_path, "agendas", "proef.yaml", GOOD_AGENDA)
    write(tmp_path, "agendas", "ander.yaml", GOOD_AGENDA.replace("id: proef", "id: ander"))
    with pytest.raises(ContentError) as info:
        get_agenda("lang-120", tmp_path)
    assert '"lang-120"' in info.value.message
    assert "ander, proef" in info.value.message
    with pytest.raises(ContentError) as info:
        get_agenda("../themes/lijst", tmp_path)
    with pytest.raises(ContentError) as info:
        get_theme_list("geen", tmp_path)
    assert info.value.message == (
        'Deze thema-lijst bestaat niet: "geen". '
        "Er is nog geen thema-lijst in deze map. Zet er een thema-lijst in, of kies een andere map."
    )


def test_get_agenda_reports_broken_file(tmp_path):
    write(tmp_path, "agendas", "proef.yaml", "id: proef\n")
    with pytest.raises(ContentError):
        get_agenda("proef", tmp_path)


def test_file_lists(tmp_path):
    write(tmp_path, "agendas", "b.yaml", "x")
    write(tmp_path, "agendas", "a.yml", "x")
    write(tmp_path, "agendas", "lees-mij.txt", "x")
    write(tmp_path, "themes", "t.yaml", "x")
    assert [p.name for p in content.agenda_files(tmp_path)] == ["a.yml", "b.yaml"]
    assert [p.name for p in content.theme_list_files(tmp_path)] == ["t.yaml"]
    assert content.agenda_files(tmp_path / "nergens") == []


def test_check_content_skips_other_files(tmp_path):
    plain = write(tmp_path, "plain", "nl.yaml", "dit: [is geen agenda\n")
    letter = write(tmp_path, "letters", "brief.yaml", "- x\n")
    agenda = write(tmp_path, "agendas", "proef.yaml", GOOD_AGENDA)
    write(tmp_path, "themes", "lijst.yaml", GOOD_THEMES)
    assert check_content([plain, letter, agenda]) == []
    assert check_content(content_dir=tmp_path) == []


def test_check_content_missing_file(tmp_path):
    error = only(check_content([tmp_path / "agendas" / "weg.yaml"]))
    assert "bestaat niet" in error.message


def test_same_id_twice(tmp_path):
    write(tmp_path, "agendas", "proef.yaml", GOOD_AGENDA)
    write(tmp_path, "agendas", "proef.yml", GOOD_AGENDA)
    write(tmp_path, "themes", "lijst.yaml", GOOD_THEMES)
    error = only(check_content(content_dir=tmp_path))
    assert error.path.endswith("proef.yml") and "proef.yaml" in error.message


def test_check_content_never_raises(tmp_path):
    """Random damage to a good file gives messages, never a traceback."""
    rng = random.Random(20240501)
    alphabet = ":-[]{}\"'#&*!|>%@`\t\n ,?x0"
    path = tmp_path / "agendas" / "proef.yaml"
    write(tmp_path, "themes", "lijst.yaml", GOOD_THEMES)
    for _ in range(400):
        chars = list(GOOD_AGENDA)
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(len(chars))
            if rng.random() < 0.5:
                del chars[pos]
            else:
                chars.insert(pos, rng.choice(alphabet))
        write(tmp_path, "agendas", "proef.yaml", "".join(chars))
        for error in check_content([path]):
            assert isinstance(error, ContentError)
            assert MESSAGE_RE.match(str(error)), str(error)


def test_no_textual_or_tinydb_import():
    code = "import sys, wijksessie.content; print('textual' in sys.modules, 'tinydb' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


# --------------------------------------------------------------------------
# The shipped content
# --------------------------------------------------------------------------

SHIPPED = paths.content_dir()

BANNED = (
    "ophalen", "input", "positieve gezondheid", "prioriteit", "participatie", "participeren",
    "doelgroep", "preventie", "interventie", "implementeren", "faciliteren", "draagvlak",
    "integraal", "stakeholder", "kaders", "relevant", "realiseren", "middelen", "indien",
    "betreffende", "monitoren", "evalueren", "zelfredzaam",
)
ABBREVIATIONS = re.compile(r"\b(GALA|SPUK|GGD|AVG|B1)\b")


def shipped_agendas():
    return [load_agenda(p) for p in content.agenda_files(SHIPPED)]


def shipped_theme_lists():
    return [load_theme_list(p) for p in content.theme_list_files(SHIPPED)]


def spoken_texts():
    """Everything residents may hear or see: titles, prompts, theme names and questions."""
    for agenda in shipped_agendas():
        yield agenda.path, agenda.title
        yield agenda.path, agenda.description
        for step in agenda.steps:
            yield agenda.path, step.title
            yield from ((agenda.path, p) for p in step.prompts)
    for themes in shipped_theme_lists():
        yield themes.path, themes.title
        yield themes.path, themes.description
        for theme in themes.themes:
            yield themes.path, theme.name
            yield themes.path, theme.help


def test_shipped_content_has_no_errors():
    files = content.agenda_files(SHIPPED) + content.theme_list_files(SHIPPED)
    assert {p.stem for p in files} >= {"standaard-90", "kort-60", "leefplekmeter", "gala"}
    assert [str(e) for e in check_content(content_dir=SHIPPED)] == []
    assert [str(e) for e in check_content(files)] == []


def test_shipped_agendas_minutes():
    assert get_agenda("standaard-90").minutes == 90
    assert get_agenda("kort-60").minutes == 60
    assert get_agenda(DEFAULT_AGENDA).id == "standaard-90"


def test_standard_agenda_follows_the_meeting():
    agenda = get_agenda("standaard-90")
    assert [s.type for s in agenda.steps] == [
        "info", "tally", "topics", "vote", "discuss", "quick_wins", "agreements", "contact", "info",
    ]
    assert agenda.steps[0].show == "level"
    assert agenda.steps[-1].show == "close"
    assert agenda.step("onderwerpen").themes == "leefplekmeter"


def test_short_agenda_is_shorter():
    short = get_agenda("kort-60")
    assert len(short.steps) < len(get_agenda("standaard-90").steps)
    assert short.steps[0].show == "level" and short.steps[-1].show == "close"
    assert "contact" in {s.type for s in short.steps}


def test_welcome_mentions_privacy_and_follow_up():
    for agenda in shipped_agendas():
        welcome = " ".join(agenda.steps[0].prompts).lower()
        assert "naam" in welcome or "namen" in welcome
        assert "hoort" in welcome


def test_leefplekmeter_has_14_themes():
    themes = get_theme_list("leefplekmeter")
    assert len(themes.themes) == 14
    assert all(t.help for t in themes.themes)
    gala = get_theme_list("gala")
    assert 6 <= len(gala.themes) <= 10
    assert all(t.help for t in gala.themes)


def test_shipped_prompts_are_short_and_plain():
    for agenda in shipped_agendas():
        for step in agenda.steps:
            assert 2 <= len(step.prompts) <= 5, (agenda.id, step.id)
    for path, text in spoken_texts():
        lower = text.lower()
        for word in BANNED:
            assert word not in lower, (path, text, word)
        assert not ABBREVIATIONS.search(text), (path, text)
        for sentence in re.split(r"(?<=[.?!])\s+", text):
            assert len(sentence.split()) <= 12, (path, sentence)


def test_check_content_checks_the_municipality_file_too(tmp_path):
    write(tmp_path, "agendas", "proef.yaml", GOOD_AGENDA)
    write(tmp_path, "themes", "lijst.yaml", GOOD_THEMES)
    municipality = write(tmp_path, "letters", "municipality.yaml", 'name: "Gemeente Zuid"\nretention_years: nul\n')
    error = only(check_content(content_dir=tmp_path))
    assert error.path == str(municipality) and error.line == 2 and "heel getal" in error.message
    assert only(check_content([municipality])).line == 2
    municipality.write_text('name: "Gemeente Zuid"\nretention_years: 3\n', encoding="utf-8")
    assert check_content(content_dir=tmp_path) == []


def test_every_problem_of_one_step_is_reported_once(tmp_path):
    text = replace("    title: \"Praten\"\n    minutes: 20\n", "    titel: \"Praten\"\n    minutes: tien\n    dots: 99\n")
    errors = agenda_errors(tmp_path, text)
    messages = [(e.line, e.message) for e in errors]
    assert messages == [
        (24, 'Dit veld is onbekend: "titel". Misschien bedoelt u deze naam: "title". Pas dan de naam aan.'),
        (25, 'Dit veld moet een heel getal zijn: "minutes". Nu staat er een tekst: "tien". '
             "Schrijf een heel getal, zonder aanhalingstekens, zoals 10."),
        (26, 'Dit getal ligt niet tussen 1 en 10: "dots". Nu staat er: 99. Kies een getal van 1 tot en met 10.'),
        (26, 'Dit veld hoort niet bij dit type stap: "dots". Type van de stap: "discuss". '
             'Haal het weg. Het hoort alleen bij dit type: "vote".'),
    ], "the misspelt title is not also reported as missing"
