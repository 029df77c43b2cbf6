"""The B1 check on a labelled set: policy sentences it must find, plain sentences it must leave alone.

``tests/data/b1/jargon.txt`` holds sentences taken from real Dutch policy
texts about involving residents (the sources in ``../shared/seeds``);
``tests/data/b1/plain.txt`` holds plain sentences we wrote ourselves, among
them questions with a present tense, "is … gesloten" as a state and
"middelen" meaning medicines. A sentence counts as flagged when
:func:`wijksessie.plain.check_text` finds anything in it.
"""

from __future__ import annotations

from pathlib import Path

from wijksessie.plain import check_text

DATA = Path(__file__).parent / "data" / "b1"


def sentences(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def test_labelled_set_is_big_enough():
    assert len(sentences("jargon.txt")) >= 60
    assert len(sentences("plain.txt")) >= 100


def test_b1_check_finds_policy_language_and_leaves_plain_sentences_alone():
    jargon = sentences("jargon.txt")
    plain = sentences("plain.txt")
    missed = [s for s in jargon if not check_text(s)]
    false_alarms = {s: [f"{f.kind}: {f.text}" for f in check_text(s)] for s in plain if check_text(s)}
    recall = 1 - len(missed) / len(jargon)
    false_rate = len(false_alarms) / len(plain)
    print(f"\nB1 set: {len(jargon) - len(missed)}/{len(jargon)} jargon sentences flagged ({recall:.1%}), "
          f"{len(false_alarms)}/{len(plain)} plain sentences flagged ({false_rate:.1%})")
    for sentence in missed:
        print("  missed:", sentence)
    for sentence, found in false_alarms.items():
        print("  false alarm:", sentence, found)
    assert recall >= 0.90, missed
    assert false_rate <= 0.03, false_alarms
