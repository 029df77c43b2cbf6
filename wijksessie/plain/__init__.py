"""Plain language (B1): jargon, long sentences, abbreviations, passive voice, hard sentences.

Everything a resident reads or hears should be plain Dutch at level B1: short
sentences, common words, active voice and no unexplained abbreviations. This
package finds what goes against that in prompts, agendas, theme lists, letter
templates and their translations. It has no user interface of its own: the
command line (``wijksessie check``) prints :meth:`Finding.format`, and the
prompt editor highlights what :func:`find_jargon` returns while the user types.

Word lists
    ``content/plain/<lang>.yaml``: a list of entries ``word``, ``forms``,
    ``use``, ``why`` (and optional ``source``, ``abbreviation``,
    ``compounds``, ``generate`` and ``context``). The notes at the top of
    ``nl.yaml`` explain the format for editors.

How words are matched
    * Case does not matter, except for abbreviations (an entry whose word is
      2–6 capitals, or has ``abbreviation: true``): those match exactly as
      written, so "GALA" is flagged and "gala" (a party) is not.
    * Dutch words are also found in their other forms: "faciliteren" finds
      "faciliteer", "faciliteert", "gefaciliteerd" and "faciliterende",
      "integraal" finds "integrale" (see :mod:`.forms`); a listed verb beside
      a noun gives its forms too ("prioriteren": "Prioriteer"). ``generate:
      false`` turns that off; such a verb is then found only as an imperative
      at the start of a sentence, before its object ("Monitor de voortgang",
      not "de monitor").
    * A Dutch word of 7 letters or more (or with ``compounds: true``) is
      also found inside a compound of at least 9 letters: "participatie" in
      "inwonerparticipatie" and "participatieladder", and its listed forms
      of 7 letters or more begin one ("evaluatiemoment"); the other part has 4
      letters or more and does not end in a verb prefix ("afstandsbe" +
      "sturing" is no compound), and ``compounds: false`` turns it off
      ("middelen" is not found in "geneesmiddelen"). A hyphen separates words, so "input" is found in
      "input-avond".
    * A word with two meanings lists ``context``: it counts only in a
      sentence that also has a word starting with one of those ("middelen"
      next to "geld" or "budget", not in "middelen tegen pijn"; "partijen"
      next to organisations, not at elections).
    * An ordinary word that is policy language only in company says
      ``alone: false`` ("behoefte", "toegankelijk", "voorziening",
      "versterken", "op basis van"): it counts only in a sentence with another
      listed word, so "Wij willen dat de voorzieningen toegankelijk zijn" is
      flagged and "Het buurthuis is toegankelijk met een rolstoel" is not.
      Such words are not looked for inside compounds unless the entry says
      ``compounds: true``. Words with a common concrete meaning ("drempel",
      "aanbod", "programma") are not on that part of the list.
    * A phrase matches with any spaces or line breaks between its words.
    * ``*`` in a form stands for 0 to 3 words, for separable verbs:
      "haalt * op" finds "haalt de reacties op". The gap never crosses
      punctuation, so it stays inside one clause.
    * Placeholders are never checked: ``{contact_name}``, ``{{ x }}``,
      ``{% if %}``, ``{# ... #}``, ``%(n)s``, web and e-mail addresses.
    * The literal forms of a list are compiled into one regular expression
      shaped as a trie (plus one for abbreviations and a small one for the
      separable verbs), so the live check makes a few quick passes; words
      of 9 letters or more are then looked up as compounds.

Other rules
    * Long sentence: more than ``max_words`` (15) words. Sentences end at
      . ! ? (not after "bijv." or an initial), at blank lines, list items,
      headings, a colon at the end of a line and block tags.
    * Abbreviation: 2–6 capitals (digits allowed), unless the same text (for
      a file: the same file) explains it in brackets, "GGD (de
      gezondheidsdienst)" or "de gezondheidsdienst (GGD)". Always fine: OK,
      TV, WC (said as words, known to everyone), Roman numerals and words
      in a heading written in capitals ("LET OP").
    * Passive: Dutch and English only, a simple heuristic that prefers
      missing a passive over a false alarm (see :mod:`.rules.passive_nl`).
    * Readability (Dutch): a sentence that is extremely hard to read, with
      a Flesch–Douma score below -40 and two words of 5 syllables or more
      (see :mod:`.rules.readability`), or one in the nominal style: two or
      more nouns made from verbs ("samenwerking", "effectiviteit", "het
      bereiken van") in a sentence of 6 words or more, everyday ones such as
      "vereniging" or "informatie" not counted (see :mod:`.rules.nominal`).
      Both are reported as ``readability`` and only for a sentence without
      listed words. A share of long words per sentence and a milder
      Flesch–Douma threshold were measured in the third round and dropped:
      they found no policy sentence the other rules missed, and flagged
      plain ones with long everyday words ("ziektekostenverzekering").

Layout
    ``results`` (Finding, Problem), ``wordlist`` + ``wordlist_yaml`` +
    ``forms`` (word lists), ``allow`` (allow-list), ``text`` (masking,
    sentences), ``rules/`` (one module per rule; ``nominal`` for the nominal style), ``engine`` (one text),
    ``sources`` (YAML, templates and .po files read with Babel), ``yamlread``
    (YAML read through :mod:`wijksessie.yamlfile`, the project's one YAML
    reader), ``files`` (``check_file``, ``check_all``). Everything public is
    importable from ``wijksessie.plain``.

Measured
    ``tests/test_b1_set.py`` runs seven labelled sets (see its docstring for
    how and when each was made). Third round, before → after: development
    91/92 → 92/92 and 0/225 → 0/225; held-out 62/70 → 70/70, 0/98 → 0/98;
    held-out 2 41/45 → 45/45, 0/44 → 0/44; held-out 3 (written before this
    round's changes) 51/53 → 53/53, 2/68 → 2/68; held-out 4 (written before
    the code) 17/25 → 23/25, 0/42 → 0/42; held-out 5 (written after the
    rules, measured once) 21/25 (84 %) and 1/50 (2 %), 23/25 and 0/50 after
    small changes it prompted; held-out 6 (written at the very end, measured
    once) 24/30 (80 %) and 0/40 (two 16-word plain sentences were a set
    error), 29/30 after officialese from known lists was added. Expect about
    85–90 % on policy texts nobody has looked at.

Accepting a finding
    An inline marker ``b1-ok: <reason>`` in a comment (``# b1-ok: ...`` in
    YAML, ``{# b1-ok: ... #}`` or ``<!-- b1-ok: ... -->`` in a template,
    ``#. b1-ok: ...`` in a .po file) accepts the findings on its line; a
    marker alone on its line also covers the next line; a marker on the line
    where a YAML text or .po entry starts covers that whole text. A marker
    without a reason does not count and is itself reported. The allow-list
    ``content/plain/allow.yaml`` accepts a word everywhere or in files that
    match a glob; each entry needs a ``reason``.
"""

from __future__ import annotations

from wijksessie.plain import allow as _allow
from wijksessie.plain import wordlist as _wordlist
from wijksessie.plain.allow import AllowEntry, AllowList, is_allowed, load_allowlist
from wijksessie.plain.engine import check_text, find_jargon
from wijksessie.plain.files import check_all, check_file, content_files
from wijksessie.plain.results import DEFAULT_MAX_WORDS, KINDS, RULES, Finding, Problem
from wijksessie.plain.wordlist import Entry, WordList, load_wordlist

__all__ = [
    "DEFAULT_MAX_WORDS",
    "KINDS",
    "RULES",
    "AllowEntry",
    "AllowList",
    "Entry",
    "Finding",
    "Problem",
    "WordList",
    "check_all",
    "check_file",
    "check_text",
    "clear_cache",
    "content_files",
    "find_jargon",
    "is_allowed",
    "load_allowlist",
    "load_wordlist",
]


def clear_cache() -> None:
    """Forget loaded word lists and allow-lists."""
    _wordlist.clear_cache()
    _allow.clear_cache()
