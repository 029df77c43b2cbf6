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
    "text,line,message",
    [
        ("name: A\nname: B\n", 2,
         'Dit veld staat twee keer in dezelfde groep: "name" (ook op regel 1). Haal een van de twee weg.'),
        ("name: A\nretention_years: nul\n", 2,
         'Dit veld moet een heel getal zijn: "retention_years". Nu staat er een tekst: "nul". '
         "Schrijf een heel getal, zonder aanhalingstekens, zoals 10."),
        ("name: A\nretention_years: 0\n", 2,
         'Dit getal is kleiner dan 1: "retention_years". Nu staat er: 0. Kies een getal van 1 of meer.'),
        ("retention_years: 1:30\n", 1,
         'Dit veld moet een heel getal zijn: "retention_years". Nu staat er een tijd: 1:30. '
         "Schrijf het aantal als één getal, zoals 90."),
        ("name: [A, B]\n", 1,
         'Dit veld moet tekst zijn: "name". Nu staat er een lijst. Schrijf hier één tekst, geen lijst of groep velden.'),
        ("name: yes\n", 1,
         'Dit veld moet tekst zijn: "name". Nu staat er ja of nee: yes. Zet de tekst tussen aanhalingstekens: "yes".'),
        ("name: !!python/object/apply:os.system [ls]\n", 1,
         'Deze YAML-tag is niet toegestaan: "!!python/object/apply:os.system". '
         "Haal de tag weg; gebruik alleen tekst, getallen en lijsten."),
        ("name: 'A\n", 1,
         "Een aanhalingsteken of haakje wordt niet gesloten. Sluit het aanhalingsteken of haakje dat hier begint."),
        ("name: a\x07b\n", 1,
         "Hier staat een teken dat niet in een tekstbestand hoort. Code: U+0007. Haal dit teken weg; het is vaak onzichtbaar."),
        ("- A\n", 1, 'Het bestand begint niet met velden. Zet bovenaan bijvoorbeeld deze regel: "name: …".'),
    ],
)
def test_mistakes_name_the_file_and_line_in_one_dutch_sentence(tmp_path, text, line, message):
    with pytest.raises(ContentError) as err:
        load(tmp_path, text)
    assert (err.value.line, err.value.message) == (line, message)
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


def test_libyaml_and_the_careful_reader_give_the_same_nodes():
    """compose() uses libyaml when PyYAML has it (ten times faster); the nodes and lines are the same."""
    from pathlib import Path

    import yaml

    from wijksessie import yamlnodes

    if getattr(yaml, "CSafeLoader", None) is None:
        pytest.skip("PyYAML without libyaml: only the careful reader runs")

    def shape(node):
        children = node.value if isinstance(node.value, list) else []
        flat = [c for pair in children for c in (pair if isinstance(pair, tuple) else (pair,))]
        value = node.value if isinstance(node, yaml.ScalarNode) else None
        return (node.tag, value, node.start_mark.line, node.start_mark.column, [shape(c) for c in flat])

    content = Path(__file__).resolve().parents[1] / "content"
    files = sorted(content.rglob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast, root = yamlnodes._compose_fast(text)
        loader = yamlnodes._Loader(text)
        try:
            careful = loader.get_single_node()
        finally:
            loader.dispose()
        assert fast, path
        assert shape(root) == shape(careful), path
    # Deeper than MAX_DEPTH, or not good YAML: the careful reader decides and explains.
    assert yamlnodes._compose_fast("[" * (yamlnodes.MAX_DEPTH + 1)) == (False, None)
    assert yamlnodes._compose_fast("a: [1,\n") == (False, None)
