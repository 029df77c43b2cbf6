"""Every message with a count reads right for 1 (issue 15: "1 problems found"), in Dutch and English.

A count inside a sentence goes through ``ngettext`` (so each language can choose
its own form for 1, 2, 5, 21 …); a count after a label and a colon
("Inbreng: 1.") needs no plural form.
"""

from __future__ import annotations

import ast
import re

import pytest

from tests.conftest import REPO
from wijksessie import i18n
from wijksessie.inputs import InputError, parse_vote_line

#: Dutch plural nouns that follow a number in our messages.
PLURAL_NOUNS = (
    "stemmen", "punten", "deelnemers", "mensen", "sessies", "teksten", "dagen", "weken", "minuten", "uren",
    "afspraken", "brieven", "fouten", "problemen", "gesprekken", "bestanden", "bewoners", "personen", "thema's",
    "groepen", "regels", "vormen", "woorden", "zinnen", "ideeën", "vragen", "ervaringen", "meervoudsvormen",
)
_COUNT_BEFORE_NOUN = re.compile(r"\{\w+\}\s+(?:\w+\s+)?(" + "|".join(re.escape(n) for n in PLURAL_NOUNS) + r")\b")


def _plain_messages():
    """Every ``_("…")`` and ``N_("…")`` in the program: (file, line, text)."""
    for path in sorted((REPO / "wijksessie").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                yield path.relative_to(REPO), node.lineno, node.args[0].value


def test_no_count_before_a_plural_noun_outside_ngettext():
    wrong = [f"{path}:{line}: {text}" for path, line, text in _plain_messages() if _COUNT_BEFORE_NOUN.search(text)]
    assert wrong == [], "use ngettext (or put the count after a label and a colon):\n" + "\n".join(wrong)


def test_the_issues_example_reads_right_for_one_in_english_and_dutch():
    one = i18n.ngettext_in("en", "{n} probleem gevonden.", "{n} problemen gevonden.", 1).format(n=1)
    many = i18n.ngettext_in("en", "{n} probleem gevonden.", "{n} problemen gevonden.", 2).format(n=2)
    assert (one, many) == ("1 problem found.", "2 problems found.")
    assert i18n.ngettext_in("nl", "{n} probleem gevonden.", "{n} problemen gevonden.", 1).format(n=1) == "1 probleem gevonden."


def test_english_plural_entries_have_a_singular_where_dutch_has_one():
    """A translated English plural entry whose Dutch forms differ must differ too ("1 points" would be wrong)."""
    po = REPO / "locales" / "en" / "LC_MESSAGES" / "messages.po"
    catalog = i18n.read_catalogue(po, "en")
    wrong = []
    for message in catalog:
        if not message.id or not message.pluralizable or message.fuzzy:
            continue
        singular, plural = message.id[0], message.id[1]
        forms = tuple(message.string)
        if singular != plural and all(forms) and len(set(forms)) == 1 and re.search(r"\{\w+\}|%\(\w+\)s", forms[0]):
            wrong.append(f"{singular!r} -> {forms[0]!r}")
    assert wrong == []


@pytest.mark.parametrize("typed, said", [
    ("Bewegen 1001", "1001 stemmen in één keer is te veel."),
    ("Bewegen -1001", "-1001 stemmen in één keer is te veel."),
])
def test_too_many_votes_at_once(typed, said):
    with pytest.raises(InputError) as caught:
        parse_vote_line(typed, ["Bewegen", "Groen"])
    assert str(caught.value).startswith(said)

