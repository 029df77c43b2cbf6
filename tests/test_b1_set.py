"""The B1 check on labelled sets: policy sentences it must find, plain sentences it must leave alone.

Two sets, each a pair of files in ``tests/data/b1``:

* the development set, ``jargon.txt`` and ``plain.txt``: the word list and
  the rules were built while looking at it, so its figures flatter the check;
* the held-out set, ``heldout_jargon.txt`` and ``heldout_plain.txt``: made
  before the rules of the second B1 round changed (issue 15) and never
  copied into the word list. Its jargon sentences come from the source texts
  (``../shared/seeds``) and, per kind the issue names, from sentences we wrote
  in the style of policy texts; its plain sentences are ours, with traps
  (present-tense questions, "is … gesloten", "middelen" for medicines,
  everyday words that look like policy words).

Held-out figures: 54/70 (77.1 %) flagged and 3/98 (3.1 %) false alarms
before the changes; 62/70 (88.6 %) and 0/98 (0 %) after. Five of the eight
sentences gained came from words added to the list after their sentence had
been seen missing, so that set is partly spent. A second held-out set,
``heldout2_*.txt`` (45 policy sentences, 44 plain ones, all written by us),
was written after the changes and measured once without changing anything:
41/45 (91.1 %) and 0/44 (0 %); the rules before the changes score the same
on it. The development set stayed at 91/92 and 0/225.

A third held-out set, ``heldout3_*.txt`` (53 policy sentences in the style of
a municipal health policy note, GGD, Wmo, preventive agreement, Gezond en
Actief Leven and neighbourhood approach texts; 68 plain ones: a B1 letter,
what a facilitator says, residents' own words, sentences up to 15 words with
long everyday words), was written in the third round before any rule
changed, without looking at the word list. Measured once before changes:
51/53 (96.2 %) and 2/68 (2.9 %) false alarms ("mantelzorger" as a listed
word; the impersonal passive "Er wordt veel te hard gereden").

A fourth, ``heldout4_*.txt`` (25 policy sentences with few listed words, 42
plain ones with ordinary words that look like policy words: "ondersteuning",
"project", "het opruimen van"), was written after the third round's signals
were thought of but before they were in the code: 17/25 (68.0 %) and 0/42
before.

A fifth, ``heldout5_*.txt`` (25 policy sentences, 50 plain ones with
ordinary words in their everyday meaning), was written after all of the
third round's rules and measured once: 21/25 (84.0 %) and 1/50 (2.0 %): "Het
effect van de nieuwe drempels ..." (speed bumps) paired two words that
count only together. Words with a common concrete meaning (drempel, aanbod,
programma, project, ...) were then taken off that part of the list; no
policy sentence in any set depended on them. Officialese phrases added after
that ("met het oog op", "aan de hand van", "vergrijzing") came partly from
its misses, so its 23/25 (92 %) afterwards flatters the check.

A sixth, ``heldout6_*.txt`` (30 policy sentences on other subjects: sport,
alcohol, poverty, heat, dementia; 40 plain ones), was written at the very
end and measured once: 24/30 (80.0 %) and 2/40; both false alarms were
plain sentences of 16 words, an error in the set (now shortened, 0/40).
Officialese from known lists added after that (streven ernaar, toewerken
naar, gebruikmaken van, bijeenkomen, transitie, "regie" in compounds) gives
29/30, partly from its misses.

A sentence counts as flagged when :func:`wijksessie.plain.check_text`
finds anything in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wijksessie.plain import check_text

DATA = Path(__file__).parent / "data" / "b1"

#: (jargon file, plain file, lowest share of jargon flagged, highest share of plain flagged)
SETS = {
    "development": ("jargon.txt", "plain.txt", 0.90, 0.03),
    # The aim is 90 % on a set nobody tuned for; the held-out set is at
    # 88.6 %, so this guards against going back, not the aim itself.
    "held-out": ("heldout_jargon.txt", "heldout_plain.txt", 0.85, 0.03),
    "held-out 2": ("heldout2_jargon.txt", "heldout2_plain.txt", 0.85, 0.03),
    "held-out 3": ("heldout3_jargon.txt", "heldout3_plain.txt", 0.90, 0.03),
    "held-out 4": ("heldout4_jargon.txt", "heldout4_plain.txt", 0.85, 0.03),
    # Written after this round's rules and measured once: 84 %, so this guards
    # against going back, not the aim itself.
    "held-out 5": ("heldout5_jargon.txt", "heldout5_plain.txt", 0.80, 0.03),
    "held-out 6": ("heldout6_jargon.txt", "heldout6_plain.txt", 0.80, 0.03),
}


def sentences(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_labelled_sets_are_big_enough():
    assert len(sentences("jargon.txt")) >= 60
    assert len(sentences("plain.txt")) >= 100
    assert len(sentences("heldout_jargon.txt")) >= 40
    assert len(sentences("heldout_plain.txt")) >= 80
    assert len(sentences("heldout2_jargon.txt")) >= 40
    assert len(sentences("heldout2_plain.txt")) >= 40
    assert len(sentences("heldout3_jargon.txt")) >= 40
    assert len(sentences("heldout3_plain.txt")) >= 60
    assert len(sentences("heldout4_jargon.txt")) >= 25
    assert len(sentences("heldout4_plain.txt")) >= 40
    assert len(sentences("heldout5_jargon.txt")) >= 25
    assert len(sentences("heldout5_plain.txt")) >= 50
    assert len(sentences("heldout6_jargon.txt")) >= 30
    assert len(sentences("heldout6_plain.txt")) >= 40


def test_the_sets_share_no_sentence():
    seen: dict[str, str] = {}
    for jargon_file, plain_file, _recall, _false in SETS.values():
        for name in (jargon_file, plain_file):
            for sentence in sentences(name):
                assert sentence.casefold() not in seen, (sentence, name, seen.get(sentence.casefold()))
                seen[sentence.casefold()] = name


@pytest.mark.parametrize("name", SETS)
def test_b1_check_finds_policy_language_and_leaves_plain_sentences_alone(name):
    jargon_file, plain_file, min_recall, max_false = SETS[name]
    jargon = sentences(jargon_file)
    plain = sentences(plain_file)
    missed = [s for s in jargon if not check_text(s)]
    false_alarms = {s: [f"{f.kind}: {f.text}" for f in check_text(s)] for s in plain if check_text(s)}
    recall = 1 - len(missed) / len(jargon)
    false_rate = len(false_alarms) / len(plain)
    print(f"\nB1 {name} set: {len(jargon) - len(missed)}/{len(jargon)} jargon sentences flagged ({recall:.1%}), "
          f"{len(false_alarms)}/{len(plain)} plain sentences flagged ({false_rate:.1%})")
    for sentence in missed:
        print("  missed:", sentence)
    for sentence, found in false_alarms.items():
        print("  false alarm:", sentence, found)
    assert recall >= min_recall, missed
    assert false_rate <= max_false, false_alarms
