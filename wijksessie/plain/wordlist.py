"""Word lists: the hard words of a language, compiled for fast matching, and loaded from ``content/plain/``.

``content/plain/<lang>.yaml`` is a list of entries ``word``, ``forms``,
``use``, ``why`` (and optional ``source``, ``abbreviation``, ``compounds``,
``generate``); :mod:`wijksessie.plain.wordlist_yaml` reads it. Besides the
listed forms, a Dutch word is found in its other forms (see
:mod:`wijksessie.plain.forms`) and inside compounds, unless the entry says
``generate: false`` or ``compounds: false``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wijksessie import paths
from wijksessie.i18n import normalise
from wijksessie.plain.forms import compound_parts, dutch_forms, verb_stems
from wijksessie.plain.results import Problem

ABBREVIATION_WORD = re.compile(r"[A-Z][A-Z0-9&]{1,5}")
# A word long enough to be a compound of a listed word and another part.
_COMPOUND_WORD = re.compile(r"(?<!\w)[^\W\d_]{9,}(?!\w)")
# After an imperative at the start of a sentence comes its object or an
# adverb ("Monitor de voortgang", "Borg dit goed"), not a verb or "en"
# ("Monitor en toetsenbord staan ...", "Borg betaalt u ...": nouns).
_IMPERATIVE_NEXT = (
    r"(?=\s+(?:de|het|een|uw|je|jullie|hun|onze|ons|deze|dit|die|dat|alle|elke|ieder|iedere|welke|wat|hoe|"
    r"samen|goed|zorgvuldig|regelmatig|altijd|ook|nu|eerst|daarna|actief|jaarlijks|elk|per|zo)\b)"
)
# The gap of a separable verb: 0–3 words, never across punctuation.
_GAP = r"(?:\s+[\w'’-]+){0,3}?\s+"


@dataclass(frozen=True)
class Entry:
    """One word-list entry: a hard word, its forms, plain alternatives and why."""

    word: str
    forms: tuple[str, ...]
    use: tuple[str, ...]
    why: str
    source: str = ""
    abbreviation: bool = False
    line: int = 0
    #: Also found inside a longer word ("inwonerparticipatie"); by default for
    #: single words of 7 letters or more.
    compounds: bool = True
    #: Also found in forms made from the word ("faciliteer", "gefaciliteerd").
    generate: bool = True
    #: Only counts in a sentence that also has a word starting with one of
    #: these (lower case): "ophalen" is jargon with "input" or "ideeën"
    #: nearby, and plain Dutch in "wij halen u op van het station".
    context: tuple[str, ...] = ()
    #: ``False`` for a word that is ordinary on its own but policy language
    #: next to other listed words ("behoefte", "toegankelijk", "versterken"):
    #: it counts only in a sentence with another listed word (see
    #: :meth:`WordList.hits`). "Wij willen dat de voorzieningen toegankelijk
    #: zijn" is flagged; "Het buurthuis is toegankelijk met een rolstoel" not.
    alone: bool = True

    def in_context(self, masked: str, start: int, end: int) -> bool:
        """Whether the sentence around ``masked[start:end]`` has one of the ``context`` words."""
        if not self.context:
            return True
        first = max(masked.rfind(mark, 0, start) for mark in ".!?\n") + 1
        ends = [i for i in (masked.find(mark, end) for mark in ".!?\n") if i >= 0]
        sentence = masked[first : min(ends) if ends else len(masked)].lower()
        return any(re.search(r"(?<!\w)" + re.escape(word), sentence) for word in self.context)

    def generated_forms(self, lang: str) -> list[str]:
        """Forms made from the word (Dutch only; empty for abbreviations and phrases)."""
        if self.abbreviation or not self.generate or normalise(lang).split("_", 1)[0] != "nl":
            return []
        found = dutch_forms(self.word)
        # A listed verb beside a noun ("prioriteit" lists "prioriteren") gives
        # its forms too: "Prioriteer de acties".
        for form in self.forms[1:]:
            if " " not in form and form.lower().endswith(("eren", "ëren")):
                found += [f for f in dutch_forms(form) if f not in found]
        return found

    def imperatives(self, lang: str) -> list[str]:
        """Stems of a verb whose other forms are not generated, to find only at the start of a sentence.

        "monitoren" generates no forms because "monitor" is also a screen;
        "Monitor de voortgang" at the start of a sentence is the imperative.
        A listed word counts as a verb when one of its forms is stem + t
        ("monitort").
        """
        if self.abbreviation or self.generate or normalise(lang).split("_", 1)[0] != "nl":
            return []
        word = self.word.lower()
        if " " in word or not word.endswith("en") or len(word) < 6:
            return []
        stems = verb_stems(word)
        listed = {form.lower() for form in self.forms}
        if not any(stem + "t" in listed or stem in listed for stem in stems if not stem.endswith("t")):
            return []
        return [stem for stem in stems if stem not in listed]


def _token_pattern(token: str) -> str:
    # Straight and curly apostrophes are the same to a reader.
    return "['’]".join(re.escape(part) for part in re.split(r"['’]", token))


def _form_pattern(form: str) -> str:
    pattern = ""
    gap = False
    for token in form.split():
        if token == "*":
            gap = True
            continue
        if pattern:
            pattern += _GAP if gap else r"\s+"
        pattern += _token_pattern(token)
        gap = False
    return pattern


def form_key(form: str, abbreviation: bool) -> str:
    """How a form (or a matched text) is looked up: spaces and apostrophes evened out."""
    form = " ".join(form.split()).replace("’", "'")
    return form if abbreviation else form.lower()


# A trie of characters; the key "" marks the end of a form.
_Trie = dict[str, "_Trie"]


def _trie_pattern(forms: Iterable[str]) -> str:
    """One pattern for many literal forms, shaped as a trie.

    A flat alternation of a few hundred forms makes Python's regex engine
    try every form at every word start; sharing prefixes ("in(?:put|dien)")
    makes each position cost a few steps. Longer forms are tried first, so
    "positieve gezondheid" wins over a shorter form at the same place.
    """
    trie: _Trie = {}
    for form in forms:
        node = trie
        for char in " ".join(form.split()).replace("’", "'"):
            node = node.setdefault(char, {})
        node[""] = {}

    def char_pattern(char: str) -> str:
        if char == " ":
            return r"\s+"
        if char == "'":
            return "['’]"
        return re.escape(char)

    def build(node: _Trie) -> str:
        branches = [char_pattern(char) + build(child) for char, child in sorted(node.items()) if char]
        ends_here = "" in node
        if not branches:
            return ""
        if len(branches) == 1 and not ends_here:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if ends_here else group

    return build(trie)


class WordList:
    """The hard words of one language, compiled for fast matching.

    ``entries`` are the valid entries; ``errors`` are :class:`Problem` s
    (``path:line: message``) for broken entries, which are skipped. Iterating
    gives the entries; ``len()`` is their number.
    """

    def __init__(self, lang: str, path: Path | None, entries: list[Entry], errors: list[Problem]):
        self.lang = lang
        self.path = path
        self.entries: tuple[Entry, ...] = tuple(entries)
        self.errors: tuple[Problem, ...] = tuple(errors)
        self._literal: dict[str, Entry] = {}
        self._groups: dict[str, Entry] = {}
        self._abbreviation_forms: dict[str, Entry] = {}
        # Ordinary words ignore case; abbreviations match exactly ("GALA", not "gala").
        self._patterns: list[tuple[re.Pattern[str], bool]] = []
        # Compounds: listed single words (and their forms) that may end or begin a longer word.
        self._heads: dict[str, Entry] = {}
        self._modifiers: dict[str, Entry] = {}
        listed = {form_key(f, e.abbreviation) for e in entries for f in e.forms}
        dutch = normalise(lang).split("_", 1)[0] == "nl"  # compounds are a Dutch habit
        imperatives: dict[str, Entry] = {}
        for abbreviation, flags in ((False, re.IGNORECASE), (True, 0)):
            group = [e for e in entries if e.abbreviation == abbreviation]
            literal = [(f, e) for e in group for f in e.forms if "*" not in f.split()]
            for entry in group:
                generated = [f for f in entry.generated_forms(lang) if f not in listed]
                literal += [(f, entry) for f in generated]
                listed.update(generated)
                if entry.compounds and dutch and not abbreviation and " " not in entry.word:
                    # Short made-up forms ("agender" from "agenderen") would end ordinary words.
                    for form in (*entry.forms, *(f for f in generated if len(f) >= 9)):
                        if " " not in form and "*" not in form and len(form) >= 6:
                            self._heads.setdefault(form.lower(), entry)
                    self._modifiers.setdefault(entry.word.lower(), entry)
                    # Listed forms begin compounds too: "evaluatie" in "evaluatiemoment".
                    for form in entry.forms:
                        if " " not in form and "*" not in form and len(form) >= 7:
                            self._modifiers.setdefault(form.lower(), entry)
                if not abbreviation:
                    for stem in entry.imperatives(lang):
                        imperatives.setdefault(stem, entry)
            gapped = [(f, e) for e in group for f in e.forms if "*" in f.split()]
            for form, entry in literal:
                self._literal[form_key(form, abbreviation)] = entry
                if abbreviation:
                    self._abbreviation_forms[form] = entry
            if literal:
                pattern = _trie_pattern(f if abbreviation else f.lower() for f, _e in literal)
                self._patterns.append((re.compile(r"(?<!\w)" + pattern + r"(?!\w)", flags), abbreviation))
            if gapped:
                # Separable verbs: few, so a plain alternation with one named
                # group per form tells which entry matched.
                alternatives = []
                for form, entry in sorted(gapped, key=lambda item: -len(item[0])):
                    name = f"g{len(self._groups)}"
                    self._groups[name] = entry
                    alternatives.append(f"(?P<{name}>{_form_pattern(form)})")
                self._patterns.append(
                    (re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", flags), abbreviation)
                )

        self._imperatives = imperatives
        self._imperative_pattern = (
            re.compile(
                r"(?:^|(?<=[.!?…])[ \t]+)[ \t]*(?:[-*•–][ \t]+)?(" + _trie_pattern(imperatives) + r")"
                + _IMPERATIVE_NEXT,
                re.IGNORECASE | re.MULTILINE,
            )
            if imperatives
            else None
        )

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def hits(self, masked: str) -> list[tuple[int, int, Entry]]:
        """``(start, end, entry)`` for every listed word in ``masked`` text, without overlaps."""
        found: list[tuple[int, int, Entry]] = []
        for pattern, abbreviation in self._patterns:
            for match in pattern.finditer(masked):
                entry: Entry | None
                if match.lastgroup:
                    entry = self._groups[match.lastgroup]
                else:
                    entry = self._literal.get(form_key(match.group(0), abbreviation))
                if entry is not None:
                    found.append((match.start(), match.end(), entry))
        if self._imperative_pattern is not None:
            for match in self._imperative_pattern.finditer(masked):
                found.append((match.start(1), match.end(1), self._imperatives[match.group(1).lower()]))
        if self._heads:
            found.extend(self._compound_hits(masked, found))
        found = [hit for hit in found if hit[2].in_context(masked, hit[0], hit[1])]
        if len(found) > 1:
            # Several patterns may hit the same words: keep the earliest, then longest.
            found.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
            kept: list[tuple[int, int, Entry]] = []
            for hit in found:
                if not kept or hit[0] >= kept[-1][1]:
                    kept.append(hit)
            found = kept
        if any(not hit[2].alone for hit in found):
            found = _paired(masked, found)
        return found

    def _compound_hits(self, masked: str, found: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
        """Long words that contain a listed word: "inwonerparticipatie", "participatieladder"."""
        taken = {start for start, _end, _entry in found}
        hits: list[tuple[int, int, Entry]] = []
        for match in _COMPOUND_WORD.finditer(masked):
            if match.start() in taken:
                continue
            entry = compound_parts(match.group(0), self._heads, self._modifiers)
            if isinstance(entry, Entry):
                hits.append((match.start(), match.end(), entry))
        return hits

    def abbreviation_entry(self, token: str) -> Entry | None:
        """The entry that lists ``token`` as an abbreviation, if any."""
        return self._abbreviation_forms.get(token)



_SENTENCE_END = re.compile(r"[.!?](?!\s*[a-zà-ÿ])|\n")


def _sentence_starts(masked: str) -> list[int]:
    """Where each sentence starts: after . ! ? before a word that is not in lower case, and after a line break.

    "i.v.m. de verbouwing" and "o.a. de GGD" stay one sentence.
    """
    return [0] + [m.end() for m in _SENTENCE_END.finditer(masked)]


def _paired(masked: str, found: list[tuple[int, int, Entry]]) -> list[tuple[int, int, Entry]]:
    """``found`` without the words that do not count alone and have no other listed word in their sentence."""
    starts = _sentence_starts(masked)
    entries_per_sentence: dict[int, set[str]] = {}
    sentence_of = []
    for start, _end, entry in found:
        sentence = bisect.bisect_right(starts, start)
        sentence_of.append(sentence)
        entries_per_sentence.setdefault(sentence, set()).add(entry.word)
    return [
        hit
        for hit, sentence in zip(found, sentence_of)
        if hit[2].alone or len(entries_per_sentence[sentence]) >= 2
    ]


_wordlists: dict[tuple[str, str], tuple[float | None, WordList]] = {}


def mtime(path: Path) -> float | None:
    """When ``path`` last changed, or ``None`` when it cannot be read."""
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def _lang_candidates(lang: str | None) -> list[str]:
    lang = normalise(lang)
    candidates = [lang]
    base = lang.split("_", 1)[0]
    if base != lang:
        candidates.append(base)
    return candidates


def load_wordlist(lang: str = "nl", content_dir: Path | None = None) -> WordList:
    """The word list for ``lang`` (``nl_NL`` falls back to ``nl``).

    Cached per (folder, language); an edited file is read again. An unknown
    language gives an empty list. Broken entries are skipped and listed in
    ``.errors`` as ``path:line: message``; this never raises for a bad file.
    """
    folder = Path(content_dir) if content_dir is not None else paths.content_dir()
    for code in _lang_candidates(lang):
        if code == "allow":
            continue  # allow.yaml lives beside the word lists but is not one
        path = folder / "plain" / f"{code}.yaml"
        changed = mtime(path)
        if changed is None:
            continue
        key = (str(folder), code)
        cached = _wordlists.get(key)
        if cached is not None and cached[0] == changed:
            return cached[1]
        from wijksessie.plain.wordlist_yaml import parse_wordlist

        wordlist = parse_wordlist(path, code)
        _wordlists[key] = (changed, wordlist)
        return wordlist
    return WordList(normalise(lang), None, [], [])


def clear_cache() -> None:
    """Forget loaded word lists."""
    _wordlists.clear()
