"""The one YAML reader (wijksessie.yamlfile): safe, strict, with path:line in every message."""

from __future__ import annotations

import dataclasses
import re
from typing import Annotated

import msgspec
import pytest

from wijksessie import yamlfile
from wijksessie.yamlfile import ContentError

ONE_LINE = re.compile(r"^[^\n]+:\d+: [^\n]+[.?] [^\n]+[.?]$")


@dataclasses.dataclass
class Details:
    """A record like the municipality's details: texts and a whole number of at least 1."""

    name: str = "Gemeente"
    signature: str = ""
    retention_years: Annotated[int, msgspec.Meta(ge=1)] = 2


def load(tmp_path, text: str):
    path = tmp_path / "gemeente.yaml"
    path.write_text(text, encoding="utf-8")
    return yamlfile.load_record(path, Details)


def test_a_record_is_read_with_its_types(tmp_path):
    assert load(tmp_path, "name: Gemeente Zuid\nretention_years: 5\n") == Details("Gemeente Zuid", "", 5)


@pytest.mark.parametrize(
    "text,line,words",
    [
        ("name: A\nname: B\n", 2, "twee keer"),
        ("name: A\nretention_years: nul\n", 2, "heel getal"),
        ("name: A\nretention_years: 0\n", 2, "retention_years"),
        ("name: [A, B]\n", 1, "tekst"),
        ("name: !!python/object/apply:os.system [ls]\n", 1, "niet toegestaan"),
        ("name: 'A\n", 1, "aanhalingsteken"),
        ("- A\n", 1, "velden"),
    ],
)
def test_mistakes_name_the_file_and_line_in_one_dutch_sentence(tmp_path, text, line, words):
    with pytest.raises(ContentError) as err:
        load(tmp_path, text)
    assert err.value.line == line and words in err.value.message
    assert str(err.value).startswith(str(tmp_path / "gemeente.yaml") + f":{line}: ")
    assert ONE_LINE.match(str(err.value)), str(err.value)


def test_depth_and_alias_bombs_give_one_line_quickly(tmp_path):
    deep = "name: " + "[" * 100_000 + "]" * 100_000 + "\n"
    with pytest.raises(ContentError, match="diep"):
        load(tmp_path, deep)
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 12)]
    with pytest.raises(ContentError, match="verwijst te vaak"):
        load(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(ContentError):
        load(tmp_path, "name: &t [*t]\n")


def test_compose_gives_the_nodes_with_their_lines_for_other_readers():
    root = yamlfile.compose("title: Welkom\nprompts:\n  - Hallo\n", "x.yaml")
    assert [(k.value, k.start_mark.line + 1) for k, _v in root.value] == [("title", 1), ("prompts", 2)]
    with pytest.raises(ContentError) as err:
        yamlfile.compose("a: 1\na: 2\nb: !eigen x\n", "x.yaml")
    assert [e.line for e in yamlfile.errors_of(err.value)] == [2, 3]
    assert yamlfile.compose("", "x.yaml") is None


def test_the_municipality_file_goes_through_the_same_reader(tmp_path):
    from wijksessie import letter

    path = tmp_path / "gemeente.yaml"
    path.write_text("name: Gemeente Zuid\nname: Gemeente Noord\n", encoding="utf-8")
    with pytest.raises(ContentError, match="twee keer"):
        letter.load_municipality(path)
    path.write_text("retention_years: 0\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        letter.load_municipality(path)
    assert "1 of meer" in err.value.message and err.value.line == 1
    path.write_text('name: "  Gemeente Zuid "\nphone:\n', encoding="utf-8")
    assert (letter.load_municipality(path).name, letter.load_municipality(path).phone) == ("Gemeente Zuid", "")
