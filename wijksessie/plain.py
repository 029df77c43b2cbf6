"""Plain language (B1): jargon, long sentences, abbreviations, passive voice.

Everything a resident reads or hears should be plain Dutch at level B1: short
sentences, common words, active voice and no unexplained abbreviations. This
module finds what goes against that in prompts, agendas, theme lists, letter
templates and their translations. It has no user interface of its own: the
command line (``wijksessie check``) prints :meth:`Finding.format`, and the
prompt editor highlights what :func:`find_jargon` returns while the user types.

Word lists
    ``content/plain/<lang>.yaml``: a list of entries ``word``, ``forms``,
    ``use``, ``why`` (and optional ``source`` and ``abbreviation``). The
    notes at the top of ``nl.yaml`` explain the format for editors.

How words are matched
    * Case does not matter, except for abbreviations (an entry whose word is
      2–6 capitals, or has ``abbreviation: true``): those match exactly as
      written, so "GALA" is flagged and "gala" (a party) is not.
    * Only whole words match: "middelen" is not found in "geneesmiddelen",
      and "input" is not found in "inputs" unless "inputs" is listed under
      ``forms``. A hyphen does separate words, so "input" *is* found in
      "input-avond": the hard word is still there for the reader.
    * A phrase matches with any spaces or line breaks between its words.
    * ``*`` in a form stands for 0 to 3 words, for separable verbs:
      "haalt * op" finds "haalt de reacties op". The gap never crosses
      punctuation, so it stays inside one clause.
    * Placeholders are never checked: ``{contact_name}``, ``{{ x }}``,
      ``{% if %}``, ``{# ... #}``, ``%(n)s``, web and e-mail addresses.
    * The literal forms of a list are compiled into one regular expression
      shaped as a trie (plus one for abbreviations and a small one for the
      separable verbs), so the live check makes a few quick passes.

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
      missing a passive over a false alarm (see ``_passive_nl``).

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

import bisect
import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Iterable, Iterator

from wijksessie import paths
from wijksessie.i18n import _, normalise

__all__ = [
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
    "count_syllables",
    "find_jargon",
    "is_allowed",
    "load_allowlist",
    "load_wordlist",
    "readability",
]

#: The rules :func:`check_text` knows; pass a subset as ``rules=``.
RULES = frozenset({"jargon", "abbreviation", "long_sentence", "passive"})

#: Every ``Finding.kind``: the four rules, plus ``marker`` (a ``b1-ok`` marker
#: without a reason) and ``error`` (a file that cannot be read or checked).
KINDS = ("jargon", "abbreviation", "long_sentence", "passive", "marker", "error")

#: Keys in agenda and theme YAML files whose text residents hear or read.
CHECKED_KEYS = frozenset({"title", "description", "prompts", "help", "name"})
#: Inside a checked value: keys of nested texts (``prompts: [{text: ...}]``).
NESTED_TEXT_KEYS = frozenset({"text", "question"})
#: Letter templates: text with tags and placeholders removed.
TEMPLATE_SUFFIXES = frozenset({".j2", ".jinja", ".jinja2", ".html", ".htm", ".md", ".txt"})
YAML_SUFFIXES = frozenset({".yaml", ".yml"})

#: Language codes we recognise in folder and file names (``letters/en/``,
#: ``brief.tr.j2``) and as keys of per-language texts (``title: {nl: .., en: ..}``).
#: These are the resident languages of DOMAIN.md §2.6 plus a few neighbours.
KNOWN_LANGS = frozenset(
    "nl en fy tr ar pl uk pap ti fa prs so zh de fr es pt ro bg ru it rif zgh".split()
)

#: Abbreviations that are always fine. Kept tiny on purpose: B1 advice is "no
#: abbreviations", and these few are said and read as ordinary words that
#: every reader knows. Everything else must be explained in the same text.
ALWAYS_OK_ABBREVIATIONS = frozenset({"OK", "TV", "WC"})

DEFAULT_MAX_WORDS = 15

# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One thing to improve in a text.

    ``line`` and ``column`` are 1-based; ``text`` is the matched text as
    written (its length gives the span to highlight; a separable verb or a
    long sentence may run over a line break). For jargon, ``suggestion`` is
    the alternatives joined with ", "; for the other kinds it is plain
    advice. ``alternatives`` holds the word list's ``use`` one by one (for a
    listed abbreviation: its explanation) and ``word`` the entry that
    matched; both are empty for findings that do not come from a list.
    """

    line: int
    column: int
    kind: str
    text: str
    suggestion: str
    why: str = ""
    path: str = ""
    word: str = ""
    alternatives: tuple[str, ...] = ()

    def format(self) -> str:
        """One line for the terminal: ``path:line: "input" → gebruik "inbreng"``."""
        where = f"{self.path}:{self.line}" if self.path else _("regel {line}").format(line=self.line)
        if self.kind in ("error", "marker"):
            return f"{where}: {self.suggestion}"
        if self.kind == "jargon":
            alternatives = self.alternatives or tuple(
                part.strip() for part in self.suggestion.split(",") if part.strip()
            )
            return _('{where}: "{text}" → gebruik {alternatives}').format(
                where=where,
                text=_one_line(self.text),
                alternatives=", ".join(f'"{alt}"' for alt in alternatives),
            )
        return f'{where}: "{_snippet(self.text)}" → {self.suggestion}'


@dataclass(frozen=True)
class Problem:
    """Something wrong in a word list or the allow-list, at ``path:line``."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def as_finding(self) -> Finding:
        """The same problem as a ``Finding`` of kind ``error``."""
        return Finding(self.line, 1, "error", "", self.message, path=self.path)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _snippet(text: str, words: int = 8) -> str:
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]) + " …"


# ---------------------------------------------------------------------------
# Small YAML helpers: line numbers come from the composed nodes
# ---------------------------------------------------------------------------


def _yaml():
    # Imported lazily: the live editor may never need a YAML file reloaded.
    import yaml

    return yaml


def _compose_all(src: str, path: str) -> tuple[list, list[Problem]]:
    """The YAML documents of ``src`` as nodes (safe loader only), or a problem."""
    yaml = _yaml()
    try:
        return list(yaml.compose_all(src, Loader=yaml.SafeLoader)), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = " ".join(filter(None, [exc.context, exc.problem]))
        message = _("Dit is geen goede YAML: {problem}. Kijk naar deze regel en de regel erboven.").format(
            problem=problem
        )
        return [], [Problem(path, line, message)]
    except yaml.YAMLError as exc:
        message = _("Dit is geen goede YAML: {problem}. Kijk het bestand na.").format(problem=exc)
        return [], [Problem(path, 1, message)]


def _read(path: Path) -> tuple[str | None, Problem | None]:
    try:
        return path.read_text(encoding="utf-8"), None
    except FileNotFoundError:
        return None, None
    except UnicodeDecodeError:
        message = _("Het bestand is geen UTF-8-tekst. Sla het op als UTF-8.")
        return None, Problem(str(path), 1, message)
    except OSError as exc:
        message = _("Het bestand kan niet gelezen worden: {error}. Kijk of het bestaat en leesbaar is.").format(
            error=exc.strerror or exc
        )
        return None, Problem(str(path), 1, message)


def _node_line(node) -> int:
    return node.start_mark.line + 1


def _is_scalar(node) -> bool:
    return node.id == "scalar"


def _scalar_text(node) -> str | None:
    """A scalar's text; ``None`` for non-scalars and for an empty value."""
    if not _is_scalar(node) or node.tag.endswith(":null"):
        return None
    return node.value


# ---------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------

_ABBREVIATION_WORD = re.compile(r"[A-Z][A-Z0-9&]{1,5}")
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


def _form_key(form: str, abbreviation: bool) -> str:
    """How a form (or a matched text) is looked up: spaces and apostrophes evened out."""
    form = " ".join(form.split()).replace("’", "'")
    return form if abbreviation else form.lower()


def _trie_pattern(forms: Iterable[str]) -> str:
    """One pattern for many literal forms, shaped as a trie.

    A flat alternation of a few hundred forms makes Python's regex engine
    try every form at every word start; sharing prefixes ("in(?:put|dien)")
    makes each position cost a few steps. Longer forms are tried first, so
    "positieve gezondheid" wins over a shorter form at the same place.
    """
    trie: dict = {}
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

    def build(node: dict) -> str:
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
        for abbreviation, flags in ((False, re.IGNORECASE), (True, 0)):
            group = [e for e in entries if e.abbreviation == abbreviation]
            literal = [(f, e) for e in group for f in e.forms if "*" not in f.split()]
            gapped = [(f, e) for e in group for f in e.forms if "*" in f.split()]
            for form, entry in literal:
                self._literal[_form_key(form, abbreviation)] = entry
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

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def hits(self, masked: str) -> list[tuple[int, int, Entry]]:
        """``(start, end, entry)`` for every listed word in ``masked`` text, without overlaps."""
        found: list[tuple[int, int, Entry]] = []
        for pattern, abbreviation in self._patterns:
            for match in pattern.finditer(masked):
                if match.lastgroup:
                    entry = self._groups[match.lastgroup]
                else:
                    entry = self._literal.get(_form_key(match.group(0), abbreviation))
                if entry is not None:
                    found.append((match.start(), match.end(), entry))
        if len(self._patterns) > 1 and len(found) > 1:
            # Several patterns may hit the same words: keep the earliest, then longest.
            found.sort(key=lambda hit: (hit[0], -(hit[1] - hit[0])))
            kept: list[tuple[int, int, Entry]] = []
            for hit in found:
                if not kept or hit[0] >= kept[-1][1]:
                    kept.append(hit)
            found = kept
        return found

    def abbreviation_entry(self, token: str) -> Entry | None:
        """The entry that lists ``token`` as an abbreviation, if any."""
        return self._abbreviation_forms.get(token)


_ENTRY_KEYS = ("word", "forms", "use", "why", "source", "abbreviation")


def _text_list(node, key: str, path: str, errors: list[Problem]) -> list[str] | None:
    """A YAML value that must be one text or a list of texts."""
    if _is_scalar(node):
        text = _scalar_text(node)
        values = [text] if text is not None else []
    elif node.id == "sequence":
        values = []
        for item in node.value:
            text = _scalar_text(item)
            if text is None or not text.strip():
                errors.append(
                    Problem(
                        path,
                        _node_line(item),
                        _("Onder '{key}' staat iets wat geen tekst is. Zet er alleen woorden in.").format(key=key),
                    )
                )
                return None
            values.append(text)
    else:
        errors.append(
            Problem(
                path,
                _node_line(node),
                _("'{key}' moet een woord of een lijst met woorden zijn. Schrijf bijvoorbeeld: {key}: [woord, ander woord]").format(
                    key=key
                ),
            )
        )
        return None
    values = [" ".join(v.split()) for v in values if v.strip()]
    if not values:
        errors.append(
            Problem(path, _node_line(node), _("'{key}' is leeg. Vul het in of haal de regel weg.").format(key=key))
        )
        return None
    return values


def _check_form(form: str, line: int, path: str, errors: list[Problem]) -> bool:
    tokens = form.split()
    bad = (
        not tokens
        or tokens[0] == "*"
        or tokens[-1] == "*"
        or any(a == b == "*" for a, b in zip(tokens, tokens[1:]))
        or any("*" in t and t != "*" for t in tokens)
    )
    if bad:
        errors.append(
            Problem(
                path,
                line,
                _("'{form}': een * mag alleen los tussen twee woorden staan. Schrijf bijvoorbeeld: haalt * op").format(
                    form=form
                ),
            )
        )
        return False
    return True


def _parse_entry(node, path: str, errors: list[Problem]) -> Entry | None:
    line = _node_line(node)
    if node.id != "mapping":
        errors.append(
            Problem(
                path,
                line,
                _("Elke regel in de lijst begint met '- word:'. Zet word, use en why eronder."),
            )
        )
        return None
    values: dict[str, object] = {}
    ok = True
    for key_node, value_node in node.value:
        key = _scalar_text(key_node) or ""
        if key not in _ENTRY_KEYS:
            errors.append(
                Problem(
                    path,
                    _node_line(key_node),
                    _("Onbekend veld '{key}'. Gebruik alleen: {keys}.").format(key=key, keys=", ".join(_ENTRY_KEYS)),
                )
            )
            ok = False
            continue
        if key in ("word", "why", "source"):
            text = _scalar_text(value_node)
            if text is None or not text.strip():
                if key != "source":
                    errors.append(
                        Problem(
                            path,
                            _node_line(value_node),
                            _("'{key}' moet een tekst zijn. Vul het in.").format(key=key),
                        )
                    )
                    ok = False
                continue
            values[key] = " ".join(text.split())
        elif key == "abbreviation":
            if not (_is_scalar(value_node) and value_node.value.lower() in ("true", "false", "yes", "no")):
                errors.append(
                    Problem(
                        path,
                        _node_line(value_node),
                        _("'abbreviation' is true of false. Schrijf: abbreviation: true"),
                    )
                )
                ok = False
                continue
            values[key] = value_node.value.lower() in ("true", "yes")
        else:
            texts = _text_list(value_node, key, path, errors)
            if texts is None:
                ok = False
                continue
            values[key] = texts
    for required in ("word", "use", "why"):
        if required not in values and ok:
            errors.append(
                Problem(
                    path,
                    line,
                    _("Hier mist '{key}'. Elke regel heeft word, use en why.").format(key=required),
                )
            )
            ok = False
    if not ok:
        return None
    word = str(values["word"])
    forms: list[str] = []
    for form in [word, *values.get("forms", [])]:  # type: ignore[list-item]
        if form not in forms:
            forms.append(form)
    forms = [f for f in forms if _check_form(f, line, path, errors)]
    if not forms:
        return None
    abbreviation = bool(values.get("abbreviation", bool(_ABBREVIATION_WORD.fullmatch(word))))
    return Entry(
        word=word,
        forms=tuple(forms),
        use=tuple(values["use"]),  # type: ignore[arg-type]
        why=str(values["why"]),
        source=str(values.get("source", "")),
        abbreviation=abbreviation,
        line=line,
    )


def _parse_wordlist(path: Path, lang: str) -> WordList:
    src, problem = _read(path)
    if src is None:
        return WordList(lang, path, [], [problem] if problem else [])
    spath = str(path)
    docs, errors = _compose_all(src, spath)
    if errors:
        return WordList(lang, path, [], errors)
    docs = [d for d in docs if d is not None]
    if not docs:
        return WordList(lang, path, [], [])
    root = docs[0]
    if root.id != "sequence":
        message = _("De woordenlijst moet een lijst zijn. Begin elk woord met '- word:'.")
        return WordList(lang, path, [], [Problem(spath, _node_line(root), message)])
    entries: list[Entry] = []
    seen: dict[str, Entry] = {}
    for item in root.value:
        entry = _parse_entry(item, spath, errors)
        if entry is None:
            continue
        forms = []
        for form in entry.forms:
            key = _form_key(form, entry.abbreviation)
            other = seen.get(key)
            if other is not None:
                errors.append(
                    Problem(
                        spath,
                        entry.line,
                        _("'{form}' staat al bij '{other}' (regel {line}). Haal het bij één van de twee weg.").format(
                            form=form, other=other.word, line=other.line
                        ),
                    )
                )
                continue
            seen[key] = entry
            forms.append(form)
        if forms:
            entries.append(
                Entry(entry.word, tuple(forms), entry.use, entry.why, entry.source, entry.abbreviation, entry.line)
            )
    return WordList(lang, path, entries, errors)


_wordlists: dict[tuple[str, str], tuple[float | None, WordList]] = {}
_allowlists: dict[str, tuple[float | None, "AllowList"]] = {}


def _mtime(path: Path) -> float | None:
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
        mtime = _mtime(path)
        if mtime is None:
            continue
        key = (str(folder), code)
        cached = _wordlists.get(key)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        wordlist = _parse_wordlist(path, code)
        _wordlists[key] = (mtime, wordlist)
        return wordlist
    return WordList(normalise(lang), None, [], [])


def clear_cache() -> None:
    """Forget loaded word lists and allow-lists."""
    _wordlists.clear()
    _allowlists.clear()


# ---------------------------------------------------------------------------
# Allow-list
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AllowEntry:
    """An accepted word, optionally only in files matching ``file``, with the reason."""

    word: str
    reason: str
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class AllowList:
    """Accepted words from ``content/plain/allow.yaml``; ``errors`` as for word lists."""

    entries: tuple[AllowEntry, ...] = ()
    errors: tuple[Problem, ...] = ()
    path: Path | None = None
    base_dir: Path | None = None

    def __len__(self) -> int:
        return len(self.entries)


def _parse_allowlist(path: Path, base_dir: Path) -> AllowList:
    src, problem = _read(path)
    if src is None:
        return AllowList((), (problem,) if problem else (), path, base_dir)
    spath = str(path)
    docs, errors = _compose_all(src, spath)
    docs = [d for d in docs if d is not None]
    if errors or not docs:
        return AllowList((), tuple(errors), path, base_dir)
    root = docs[0]
    if root.id != "sequence":
        message = _("De lijst moet een lijst zijn. Begin elke regel met '- word:'.")
        return AllowList((), (Problem(spath, _node_line(root), message),), path, base_dir)
    entries: list[AllowEntry] = []
    for item in root.value:
        line = _node_line(item)
        if item.id != "mapping":
            errors.append(Problem(spath, line, _("Elke regel begint met '- word:'. Zet word en reason eronder.")))
            continue
        values: dict[str, str] = {}
        ok = True
        for key_node, value_node in item.value:
            key = _scalar_text(key_node) or ""
            if key not in ("word", "file", "reason"):
                errors.append(
                    Problem(
                        spath,
                        _node_line(key_node),
                        _("Onbekend veld '{key}'. Gebruik alleen: word, file, reason.").format(key=key),
                    )
                )
                ok = False
                continue
            text = _scalar_text(value_node)
            values[key] = " ".join(text.split()) if text else ""
        if not values.get("word"):
            errors.append(Problem(spath, line, _("Hier mist 'word'. Schrijf welk woord mag blijven.")))
            ok = False
        if not values.get("reason"):
            errors.append(
                Problem(spath, line, _("Hier mist 'reason'. Schrijf waarom dit woord mag blijven."))
            )
            ok = False
        if ok:
            entries.append(AllowEntry(values["word"], values["reason"], values.get("file", ""), line))
    return AllowList(tuple(entries), tuple(errors), path, base_dir)


def load_allowlist(content_dir: Path | None = None) -> AllowList:
    """The allow-list ``content/plain/allow.yaml`` (empty when there is none)."""
    folder = Path(content_dir) if content_dir is not None else paths.content_dir()
    path = folder / "plain" / "allow.yaml"
    mtime = _mtime(path)
    key = str(folder)
    cached = _allowlists.get(key)
    if cached is not None and cached[0] == mtime:
        return cached[1]
    allow = _parse_allowlist(path, folder) if mtime is not None else AllowList((), (), None, folder)
    _allowlists[key] = (mtime, allow)
    return allow


def _norm_word(text: str) -> str:
    return " ".join(text.split()).casefold()


def _path_matches(path: str, pattern: str, base_dir: Path | None) -> bool:
    if not path:
        return False
    candidates = [PurePath(path).as_posix()]
    if base_dir is not None:
        try:
            candidates.append(Path(path).resolve().relative_to(Path(base_dir).resolve()).as_posix())
        except (ValueError, OSError):
            pass
    if any(fnmatch.fnmatch(c, pattern) for c in candidates):
        return True
    # A relative pattern matches the end of the path: "letters/*.j2".
    try:
        return PurePath(path).match(pattern)
    except ValueError:
        return False


def is_allowed(finding: Finding, allow: AllowList) -> bool:
    """Whether the allow-list accepts ``finding`` (same word, and the file matches if given)."""
    texts = {_norm_word(finding.text), _norm_word(finding.word)} - {""}
    for entry in allow.entries:
        if _norm_word(entry.word) not in texts:
            continue
        if entry.file and not _path_matches(finding.path, entry.file, allow.base_dir):
            continue
        return True
    return False


# ---------------------------------------------------------------------------
# Masking: placeholders and markup become spaces, so positions stay the same
# ---------------------------------------------------------------------------

# A sentence break that takes the place of a tag ({% if %}, <p>); the
# splitter cuts here. \x1f is not a line break for str.splitlines().
_BREAK = "\x1f"

_MASK_RE = re.compile(
    r"""
      (?P<expr>\{\{.*?\}\})
    | (?P<stmt>\{%.*?%\})
    | (?P<comment>\{\#.*?\#\})
    | (?P<field>\{[A-Za-z_][\w.]*(?:\[[^\]\n]*\])*(?:![rsa])?(?::[^{}\n]*)?\})
    | (?P<percent>%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[sd])
    | (?P<url>(?:https?://|www\.)[^\s<>"'()]*[^\s<>"'().,;:!?])
    | (?P<mail>[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,})
    """,
    re.S | re.X,
)
# Translatable text inside a Jinja expression stays: {{ _("Welkom") }}.
_GETTEXT_CALL = re.compile(r"\b(?P<func>_|gettext|ngettext|pgettext|npgettext)\(\s*")
_STRING_ARG = re.compile(r"""(?P<q>["'])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*(?P<comma>,\s*)?""", re.S)
_HTML_RE = re.compile(
    r"<(?P<raw>style|script)\b.*?</(?P=raw)\s*>|<!--.*?-->|<(?P<close>/?)(?P<tag>[A-Za-z][\w-]*)[^<>]*>|&#?\w+;",
    re.S | re.I,
)
_BLOCK_TAGS = frozenset(
    "p br li ul ol div h1 h2 h3 h4 h5 h6 tr td th table section header footer article blockquote hr".split()
)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _mask_match(match: re.Match[str]) -> str:
    raw = match.group(0)
    kind = match.lastgroup
    blanked = _blank(raw)
    if kind == "expr":
        chars = list(blanked)
        for start, end in _gettext_strings(raw):
            chars[start:end] = _mask(raw[start:end])
            if end < len(chars):
                chars[end] = _BREAK  # singular and plural are separate texts
        return "".join(chars)
    if kind in ("stmt", "comment"):
        return _BREAK + blanked[1:]
    return blanked


def _gettext_strings(expression: str) -> Iterator[tuple[int, int]]:
    """Spans of the message texts in a Jinja expression: ``_("..")``, ``ngettext("..", "..", n)``."""
    for call in _GETTEXT_CALL.finditer(expression):
        position = call.end()
        skip_first = call.group("func") in ("pgettext", "npgettext")  # the first string is a context
        while True:
            arg = _STRING_ARG.match(expression, position)
            if not arg:
                break
            if not skip_first:
                yield arg.span("text")
            skip_first = False
            position = arg.end()
            if not arg.group("comma"):
                break


def _mask(text: str) -> str:
    """``text`` with placeholders, Jinja tags, web and mail addresses blanked."""
    # Most prompts have none of these: skip the substitution then.
    if "{" not in text and "%" not in text and "@" not in text and "www." not in text and "://" not in text:
        return text
    return _MASK_RE.sub(_mask_match, text)


def _mask_markup(text: str) -> str:
    """Also blank HTML tags, comments and entities (letter templates)."""

    def repl(match: re.Match[str]) -> str:
        blanked = _blank(match.group(0))
        tag = (match.group("tag") or "").lower()
        return _BREAK + blanked[1:] if tag in _BLOCK_TAGS else blanked

    return _HTML_RE.sub(repl, _mask(text))


# ---------------------------------------------------------------------------
# Positions
# ---------------------------------------------------------------------------


class _Positions:
    """Offset in a text → (line, column), 1-based, with a first-line offset."""

    def __init__(self, text: str, first_line: int = 1):
        self.starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.first_line = first_line

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.first_line + index, offset - self.starts[index] + 1


def _line_col(text: str, offset: int, first_line: int = 1) -> tuple[int, int]:
    # Cheaper than _Positions for the few hits of a live check.
    line_start = text.rfind("\n", 0, offset) + 1
    return first_line + text.count("\n", 0, offset), offset - line_start + 1


# ---------------------------------------------------------------------------
# Abbreviations
# ---------------------------------------------------------------------------

_ABBREVIATION_TOKEN = re.compile(r"(?<![\w&])[A-Z][A-Z0-9&]{1,5}(?![\w&])")
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")
_BRACKETS = re.compile(r"\(([^()\n]{1,200})\)")
_WORD_BEFORE = re.compile(r"([\w&'’-]+)\s*$")


def _explained(masked: str) -> set[str]:
    """Abbreviations explained in brackets: "GGD (de gezondheidsdienst)" or "de gezondheidsdienst (GGD)"."""
    explained: set[str] = set()
    for match in _BRACKETS.finditer(masked):
        inside = match.group(1).strip()
        before = _WORD_BEFORE.search(masked, max(0, match.start() - 40), match.start())
        if not before:
            continue
        if " " not in inside and any(c.isupper() for c in inside):
            # "de gezondheidsdienst (GGD)": the words before explain it.
            explained.add(inside.strip(".,;:"))
        elif any(c.islower() for c in inside):
            # "GGD (de gezondheidsdienst)": the brackets explain the word before.
            token = before.group(1)
            explained.add(token)
            explained.update(part for part in token.split("-") if part)
    return explained


_CAPS_WORD = r"[^\W\d_a-zß-ÿ]{2,}"
_CAPS_BEFORE = re.compile(_CAPS_WORD + r"[ \t:!,.-]+$")
_CAPS_AFTER = re.compile(r"[ \t:!,.-]+" + _CAPS_WORD + r"(?![\w])")


def _shouting(text: str, start: int, end: int) -> bool:
    """Words in capitals next to each other ("LET OP", "WELKOM ALLEMAAL") are shouting, not abbreviations."""
    if _CAPS_AFTER.match(text, end):
        return True
    before = _CAPS_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and (before.start() == 0 or not text[before.start() - 1].isalnum())


def _abbreviation_advice(token: str, explanation: str = "") -> str:
    if explanation:
        return _('leg het uit, bijvoorbeeld "{explanation} ({abbreviation})", of laat de afkorting weg').format(
            explanation=explanation, abbreviation=token
        )
    return _('schrijf het voluit, of zet de uitleg erachter: "{abbreviation} (uitleg)"').format(abbreviation=token)


# ---------------------------------------------------------------------------
# Sentences and words
# ---------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")
_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_ITEM_RE = re.compile(r"(?m)^[ \t]*(?:[-*•–+]|\d{1,2}[.)]|#{1,6})[ \t]+")
_HEADING_RE = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]+[^\n]*")
_COLON_END_RE = re.compile(r":[ \t]*(?=\n)")
_CLAUSE_SPLIT = re.compile(r"[,;:()\[\]–—\"“”]|\s-\s")

# Words that end with a full stop without ending the sentence.
_DOT_ABBREVIATIONS = frozenset(
    "bijv bv ca enz etc evt dhr mevr mw nr oa dwz ipv mbt tav zsm incl excl vs vgl zgn resp tel blz "
    "eg ie mr mrs ms dr st no".split()
)


def _dot_does_not_end(text: str, dot: int) -> bool:
    start = dot
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].replace(".", "").lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. de Vries"
    return word in _DOT_ABBREVIATIONS


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences: cut at . ! ? and at blank lines, list items, headings, "...:" line ends and tags."""
    cuts = {0, len(text)}
    for match in _END_RE.finditer(text):
        if match.group(0).rstrip("\"'”’)]") == "." and _dot_does_not_end(text, match.start()):
            continue
        cuts.add(match.end())
    for match in _BLANK_LINE_RE.finditer(text):
        cuts.add(match.start() + 1)
    for match in _ITEM_RE.finditer(text):
        cuts.add(match.start())
    for match in _HEADING_RE.finditer(text):
        cuts.add(match.start())
        cuts.add(match.end())
    for match in _COLON_END_RE.finditer(text):
        cuts.add(match.end())
    start = text.find(_BREAK)
    while start >= 0:
        cuts.add(start)
        start = text.find(_BREAK, start + 1)
    ordered = sorted(cuts)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if _WORD_RE.search(text, a, b)]


def _words(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    return list(_WORD_RE.finditer(text, start, len(text) if end is None else end))


# ---------------------------------------------------------------------------
# Passive voice (heuristics; see _passive_nl / _passive_en)
# ---------------------------------------------------------------------------

_NL_WORDEN = frozenset({"word", "wordt", "worden", "werd", "werden"})
_NL_ZIJN = frozenset({"is", "zijn", "was", "waren", "ben", "bent"})
_NL_HEBBEN = frozenset({"heb", "hebt", "heeft", "hebben", "had", "hadden"})
_NL_SEPARABLE = (
    "samen", "terug", "voorbij", "door", "mee", "over", "voor", "weg", "aan", "uit", "bij",
    "neer", "vast", "toe", "op", "af", "in", "na",
)
# Look like participles (ge...d/t/en, be/ver/ont...d/t) but are nouns,
# adjectives or present tense. Only words likely in texts for residents.
_NL_NOT_PARTICIPLE = frozenset(
    """
    gezond gezondheid gebied gebieden gezin gezinnen gebouwen gevolgen geleden gelden gezicht gedicht
    gemeenten gesprekken getallen gedachten gewoonten gebruiken gebeuren geloven genieten gewicht
    geschikt gewend gerust gebeurt gemiddeld geheimen genoeg gelegenheden geluiden gebreken getuigen
    geboorten gerechten gewassen gebrekkig gelden geweten gedachten geneesmiddelen
    bekend benieuwd bezorgd bereid verplicht verkeerd verschillend bestemd beperkt betekent bestaat
    verandert vertelt bevat betaalt ontvangt begint bedoelt ervaart verdient verwijst bepaalt
    verstuurt bespreekt bezoekt verzorgt verbetert beheert bereikt begrijpt besteedt verwacht
    verantwoord verstandig bewust ervaren
    """.split()
)
# Perfect tense with "zijn" is active: "wij zijn begonnen", "het is gebeurd".
_NL_ZIJN_VERBS = frozenset(
    """
    gegaan gekomen geweest gebleven geworden gebeurd gelukt gestopt gestart begonnen geboren gestorven
    overleden verhuisd vertrokken verdwenen verschenen ontstaan gestegen gedaald gegroeid veranderd
    gevallen geslaagd gezakt geland gelopen gereisd gevlucht getrouwd gescheiden verslechterd verbeterd
    geëindigd geeindigd afgelopen opgegroeid toegenomen afgenomen opgestaan meegedaan
    """.split()
)
# Strong participles without ge- that are clearly not infinitives.
_NL_STRONG_PARTICIPLES = frozenset(
    "besproken beschreven besloten verkozen verboden verzonden ontslagen bevonden vergeten ontvangen".split()
)


def _nl_core(word: str) -> str:
    for prefix in _NL_SEPARABLE:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and rest.startswith("ge") and len(rest) >= 5:
            return rest
    return word


def _nl_participle(word: str) -> bool:
    if word in _NL_STRONG_PARTICIPLES:
        return True
    if word in _NL_NOT_PARTICIPLE:
        return False
    core = _nl_core(word)
    if core in _NL_NOT_PARTICIPLE:
        return False
    if core.startswith("ge") and len(core) >= 5 and core.endswith(("d", "t", "en")):
        return True
    return (
        core.startswith(("be", "ver", "ont", "her"))
        and len(core) >= 6
        and core.endswith(("d", "t"))
        and not core.endswith(("kst", "gst"))  # superlatives: "belangrijkst"
    )


def _passive_nl(words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Spans of a form of "worden" (or "zijn") with a participle in the same clause.

    The clause is the text between commas and similar marks; ``words`` are
    its words, lower case. A participle looks like ge...d/t/en (also after a
    separable part: "opgehaald") or be/ver/ont/her...d/t, minus a list of
    look-alikes ("gezond", "gemeenten", "betekent"). "zijn" forms only count
    when the participle is not one that takes "zijn" in the active perfect
    ("is gebeurd", "zijn begonnen") and there is no form of "hebben" in the
    clause ("hij heeft zijn huis verbouwd"). Missed passives are fine; a
    false alarm on a good sentence is worse.
    """
    lowered = [w for _s, _e, w in words]
    has_hebben = any(w in _NL_HEBBEN for w in lowered)
    used: set[int] = set()
    spans: list[tuple[int, int]] = []
    for i, (start, end, word) in enumerate(words):
        worden = word in _NL_WORDEN
        if i in used or (not worden and (word not in _NL_ZIJN or has_hebben)):
            continue
        # The nearest participle after the auxiliary, else the nearest before.
        for j in [*range(i + 1, len(words)), *range(i - 1, -1, -1)]:
            candidate = lowered[j]
            if j in used or not _nl_participle(candidate):
                continue
            if not worden and _nl_core(candidate) in _NL_ZIJN_VERBS:
                continue
            used.update((i, j))
            spans.append((min(start, words[j][0]), max(end, words[j][1])))
            break
    return spans


_EN_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_EN_IRREGULAR = frozenset(
    "done given taken made seen written sent told held chosen known shown paid heard found built kept "
    "brought taught spent sold asked".split()
)
_EN_NOT_PARTICIPLE = frozenset(
    "interested tired excited worried concerned pleased bored scared married limited qualified skilled "
    "experienced talented retired divorced disabled hundred sacred naked wicked".split()
)


def _passive_en(words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Spans of a form of "be" followed within three words by a participle ("-ed" or a common irregular one)."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if words[i][2] in _EN_BE:
            for j in range(i + 1, min(i + 4, len(words))):
                candidate = words[j][2]
                regular = (
                    candidate.endswith("ed")
                    and len(candidate) >= 5
                    and not candidate.endswith("eed")
                    and candidate not in _EN_NOT_PARTICIPLE
                )
                if regular or candidate in _EN_IRREGULAR:
                    spans.append((words[i][0], words[j][1]))
                    i = j
                    break
        i += 1
    return spans


# ---------------------------------------------------------------------------
# Checking
# ---------------------------------------------------------------------------


def _wordlist_findings(
    text: str,
    masked: str,
    wordlist: WordList,
    path: str,
    first_line: int,
    explained: set[str] | None,
    rules: frozenset[str] | set[str],
) -> tuple[list[Finding], list[tuple[int, int]]]:
    findings: list[Finding] = []
    spans: list[tuple[int, int]] = []
    for start, end, entry in wordlist.hits(masked):
        spans.append((start, end))
        kind = "abbreviation" if entry.abbreviation else "jargon"
        if kind not in rules:
            continue
        written = text[start:end]
        if entry.abbreviation:
            if explained is None:
                explained = _explained(masked)
            if written in explained or any(form in explained for form in entry.forms):
                continue
            suggestion = _abbreviation_advice(written, entry.use[0])
        else:
            suggestion = ", ".join(entry.use)
        line, column = _line_col(text, start, first_line)
        findings.append(
            Finding(
                line,
                column,
                kind,
                written,
                suggestion,
                entry.why,
                path,
                word=entry.word,
                alternatives=entry.use,
            )
        )
    return findings, spans


def _check(
    text: str,
    masked: str,
    lang: str,
    *,
    path: str,
    first_line: int,
    max_words: int,
    rules: frozenset[str] | set[str],
    explained: set[str] | None,
    content_dir: Path | None,
) -> list[Finding]:
    wordlist = load_wordlist(lang, content_dir)
    base = normalise(lang).split("_", 1)[0]
    if explained is None and "abbreviation" in rules:
        explained = _explained(masked)
    findings, spans = _wordlist_findings(text, masked, wordlist, path, first_line, explained, rules)

    if "abbreviation" in rules:
        span_starts = [s for s, _e in spans]
        for match in _ABBREVIATION_TOKEN.finditer(masked):
            token = match.group(0)
            if sum(c.isupper() for c in token) < 2 or token in ALWAYS_OK_ABBREVIATIONS:
                continue
            if _ROMAN.fullmatch(token) or token in (explained or ()):
                continue
            if wordlist.abbreviation_entry(token) is not None:
                continue  # reported (or explained) through the word list
            index = bisect.bisect_right(span_starts, match.start()) - 1
            if index >= 0 and spans[index][0] <= match.start() < spans[index][1]:
                continue  # part of a listed phrase ("college van B&W")
            if _shouting(masked, match.start(), match.end()):
                continue
            line, column = _line_col(text, match.start(), first_line)
            findings.append(
                Finding(
                    line,
                    column,
                    "abbreviation",
                    token,
                    _abbreviation_advice(token),
                    _("Veel mensen kennen afkortingen niet."),
                    path,
                )
            )

    want_long = "long_sentence" in rules
    passive = {"nl": _passive_nl, "en": _passive_en}.get(base) if "passive" in rules else None
    if want_long or passive:
        positions = _Positions(text, first_line)
        for start, end in _sentence_spans(masked):
            words = _words(masked, start, end)
            if not words:
                continue
            if want_long and len(words) > max_words:
                first = words[0].start()
                last = end
                while last > first and masked[last - 1].isspace():
                    last -= 1
                line, column = positions.at(first)
                findings.append(
                    Finding(
                        line,
                        column,
                        "long_sentence",
                        text[first:last],
                        _("deze zin heeft {count} woorden; maak er kortere zinnen van (hoogstens {max})").format(
                            count=len(words), max=max_words
                        ),
                        _("Korte zinnen zijn makkelijker te lezen, en ook makkelijker te volgen als iemand ze voorleest."),
                        path,
                    )
                )
            if passive:
                clause_start = start
                bounds = [m.start() for m in _CLAUSE_SPLIT.finditer(masked, start, end)] + [end]
                for bound in bounds:
                    clause = [
                        (m.start(), m.end(), m.group(0).lower()) for m in _words(masked, clause_start, bound)
                    ]
                    clause_start = bound
                    for hit in passive(clause) if len(clause) >= 2 else ():
                        line, column = positions.at(hit[0])
                        findings.append(
                            Finding(
                                line,
                                column,
                                "passive",
                                text[hit[0] : hit[1]],
                                _('schrijf actief: zeg wie het doet ("wij bespreken het" in plaats van "het wordt besproken")'),
                                _("In een actieve zin ziet de lezer meteen wie iets doet."),
                                path,
                            )
                        )
    findings.sort(key=lambda f: (f.line, f.column, KINDS.index(f.kind)))
    return findings


def _rules(rules: Iterable[str] | None) -> frozenset[str]:
    if rules is None:
        return RULES
    chosen = frozenset(rules)
    unknown = chosen - RULES
    if unknown:
        raise ValueError(f"unknown rules: {sorted(unknown)}")
    return chosen


def check_text(
    text: str,
    lang: str = "nl",
    *,
    path: str = "",
    first_line: int = 1,
    max_words: int = DEFAULT_MAX_WORDS,
    rules: set[str] | None = None,
    content_dir: Path | None = None,
) -> list[Finding]:
    """All findings in one text (a prompt, a description, a letter).

    ``rules`` picks from :data:`RULES` (default: all). Lines count from
    ``first_line``; columns from 1 within each line. An abbreviation counts as
    explained when the text itself explains it in brackets. Passive voice is
    only checked for Dutch and English.
    """
    return _check(
        text,
        _mask(text),
        lang,
        path=path,
        first_line=first_line,
        max_words=max_words,
        rules=_rules(rules),
        explained=None,
        content_dir=content_dir,
    )


def find_jargon(text: str, lang: str = "nl", *, content_dir: Path | None = None) -> list[Finding]:
    """Words from the word list in ``text``, for highlighting while the user types.

    Gives ``jargon`` findings and, for abbreviations on the word list that the
    text does not explain, ``abbreviation`` findings. Positions are relative
    to ``text`` (line 1, column 1 = first character). One regular-expression
    pass per list: fast enough to run on every key press.
    """
    masked = _mask(text)
    findings, _spans = _wordlist_findings(
        text, masked, load_wordlist(lang, content_dir), "", 1, None, {"jargon", "abbreviation"}
    )
    return findings


# ---------------------------------------------------------------------------
# Readability
# ---------------------------------------------------------------------------

# Dutch vowel sounds, longest first: one match is one syllable.
_NL_VOWELS = re.compile(
    r"aai|ooi|oei|eeu|ieu|ij|ei|ou|au|ui|oe|eu|ie|aa|ee|oo|uu|[aeiouyáàâäéèêëíìîïóòôöúùûü]"
)


def count_syllables(word: str, lang: str = "nl") -> int:
    """Syllables in one word (at least 1), by counting vowel sounds.

    Dutch: vowel groups, with ij, ei, ou, au, ui, oe, eu, ie (and aai, ooi,
    oei, eeu, ieu, aa, ee, oo, uu) as one sound, and a diaeresis starting a
    new syllable ("ideeën" = 3). English: vowel groups, minus a silent final
    e. Good enough for a readability score, not for hyphenation.
    """
    word = word.lower()
    if normalise(lang).split("_", 1)[0] == "en":
        groups = re.findall(r"[aeiouy]+", word)
        count = len(groups)
        if count > 1 and word.endswith("e") and not word.endswith(("le", "ee", "ye")):
            count -= 1
        elif count > 1 and word.endswith("ed") and not word.endswith(("ted", "ded")):
            count -= 1
        return max(1, count)
    return max(1, len(_NL_VOWELS.findall(word)))


def readability(text: str, lang: str = "nl") -> float | None:
    """A readability score: higher is easier.

    Dutch: Flesch–Douma, ``206.84 - 0.77 × syllables per 100 words - 0.93 ×
    words per sentence``. English: Flesch Reading Ease, ``206.835 - 1.015 ×
    words per sentence - 84.6 × syllables per word``. ``None`` for other
    languages and for text without words. Not clamped to 0–100: very short or
    very hard text can fall outside it.
    """
    base = normalise(lang).split("_", 1)[0]
    if base not in ("nl", "en"):
        return None
    masked = _mask(text)
    sentences = 0
    words = 0
    syllables = 0
    for start, end in _sentence_spans(masked):
        found = [m.group(0) for m in _WORD_RE.finditer(masked, start, end)]
        if not found:
            continue
        sentences += 1
        words += len(found)
        syllables += sum(count_syllables(w, base) for w in found)
    if not words:
        return None
    per_sentence = words / sentences
    if base == "nl":
        return 206.84 - 0.77 * (100 * syllables / words) - 0.93 * per_sentence
    return 206.835 - 1.015 * per_sentence - 84.6 * (syllables / words)


# ---------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------

_MARKER_RE = re.compile(r"(?:#\.?|\{#-?|<!--)\s*b1-ok\b(?P<rest>.*)")


@dataclass
class _Segment:
    """A piece of a file to check: text padded so offsets match the file."""

    text: str
    masked: str
    first_line: int
    lang: str
    covered: bool = False  # accepted as a whole (a marker in a .po entry's comments)
    # A YAML text is accepted as a whole by a marker on the line where it starts.
    marker_on_first_line_covers: bool = False


@dataclass
class _Markers:
    lines: set[int] = field(default_factory=set)
    problems: list[Finding] = field(default_factory=list)


def _markers(src: str, path: str) -> _Markers:
    """Lines accepted by ``b1-ok: reason`` comments, and markers without a reason."""
    result = _Markers()
    for number, line in enumerate(src.split("\n"), start=1):
        if "b1-ok" not in line:
            continue
        match = _MARKER_RE.search(line)
        if not match:
            continue
        rest = match.group("rest")
        rest = re.sub(r"\s*(?:-?#\}|-->)\s*$", "", rest).strip()
        reason = rest[1:].strip() if rest.startswith(":") else ""
        if not re.search(r"\w", reason):
            result.problems.append(
                Finding(
                    number,
                    match.start() + 1,
                    "marker",
                    match.group(0).strip(),
                    _('"b1-ok" zonder reden telt niet. Schrijf erachter waarom het mag, bijvoorbeeld: b1-ok: naam van een wet'),
                    path=path,
                )
            )
            continue
        result.lines.add(number)
        if not line[: match.start()].strip():
            result.lines.add(number + 1)  # a marker on its own line covers the next line too
    return result


def _lang_from_path(path: Path) -> str | None:
    """``locales/<lang>/LC_MESSAGES/x.po``, ``letters/en/brief.j2`` or ``brief.en.j2``."""
    parts = path.parts
    if "LC_MESSAGES" in parts:
        index = parts.index("LC_MESSAGES")
        if index >= 1:
            return normalise(parts[index - 1])
    for suffix in path.suffixes[:-1]:
        code = suffix[1:]
        if normalise(code).split("_", 1)[0] in KNOWN_LANGS:
            return normalise(code)
    parent = path.parent.name
    if parent and normalise(parent).split("_", 1)[0] in KNOWN_LANGS:
        return normalise(parent)
    return None


def _yaml_raw(src: str, node) -> str:
    """A scalar's text exactly where it stands in the file (offsets preserved)."""
    start, end = node.start_mark, node.end_mark
    raw = src[start.index : end.index]
    if node.style in ("|", ">"):
        # The first line holds only the indicator (and maybe a comment).
        newline = raw.find("\n")
        raw = _blank(raw[: newline if newline >= 0 else len(raw)]) + (raw[newline:] if newline >= 0 else "")
    elif node.style == '"':
        raw = re.sub(r"\\.", "  ", raw)
    return " " * start.column + raw


def _yaml_segments(src: str, root, lang: str) -> list[tuple[object, str]]:
    """The scalar nodes whose text residents see, with their language."""
    found: list[tuple[object, str]] = []
    # An alias is the same node object as its anchor: visiting each collection
    # once keeps a file full of nested aliases (a "YAML bomb") from taking forever.
    seen: set[int] = set()

    def walk(node, node_lang: str, checked: bool) -> None:
        if node.id in ("mapping", "sequence"):
            if id(node) in seen:
                return
            seen.add(id(node))
        if node.id == "mapping":
            for key_node, value in node.value:
                key = _scalar_text(key_node) or ""
                if key in CHECKED_KEYS:
                    walk(value, node_lang, True)
                elif checked and key in NESTED_TEXT_KEYS:
                    walk(value, node_lang, True)
                elif checked and normalise(key).split("_", 1)[0] in KNOWN_LANGS:
                    walk(value, normalise(key), True)
                else:
                    walk(value, node_lang, False)
        elif node.id == "sequence":
            for item in node.value:
                walk(item, node_lang, checked)
        elif checked and node.tag.endswith(":str") and node.value.strip():
            found.append((node, node_lang))

    walk(root, lang, False)
    return found


def _file_segments(path: Path, src: str, lang: str, spath: str) -> tuple[list[_Segment], list[Finding]]:
    suffix = path.suffix.lower()
    segments: list[_Segment] = []
    if suffix in YAML_SUFFIXES:
        docs, problems = _compose_all(src, spath)
        if problems:
            return [], [p.as_finding() for p in problems]
        for root in docs:
            if root is None:
                continue
            for node, node_lang in _yaml_segments(src, root, lang):
                raw = _yaml_raw(src, node)
                segments.append(
                    _Segment(raw, _mask(raw), node.start_mark.line + 1, node_lang, marker_on_first_line_covers=True)
                )
        return segments, []
    if suffix == ".po":
        return _po_segments(src, lang, only_content=path.stem == "messages"), []
    masked = _mask_markup(src)
    return [_Segment(src, masked, 1, lang)], []


_PO_KEY = re.compile(r'^(?P<key>msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(?P<q>")(?P<text>.*)"\s*$')
_PO_CONTINUATION = re.compile(r'^\s*(?P<q>")(?P<text>.*)"\s*$')


def _po_segments(src: str, lang: str, only_content: bool = False) -> list[_Segment]:
    """One segment per translated entry: the msgstr lines, where they stand in the file.

    With ``only_content``, only entries whose ``#:`` references point into
    ``content/`` count: the program's own catalogue also holds the
    translations of agendas and letters, next to interface text.
    """
    segments: list[_Segment] = []
    entry: dict = {"comments": [], "msgid": [], "msgstr": [], "key": None, "refs": []}

    def flush() -> None:
        pieces = entry["msgstr"]
        wanted = not only_content or any(ref.startswith("content/") for ref in entry["refs"])
        if wanted and pieces and "".join(entry["msgid"]) and any(text.strip() for _l, _c, text, _n in pieces):
            first, last = pieces[0][0], pieces[-1][0]
            lines = [""] * (last - first + 1)
            for index, (number, column, text, new_key) in enumerate(pieces):
                lead = " " * column
                if new_key and index:
                    lead = _BREAK + lead[1:]  # msgstr[1] is a separate text
                lines[number - first] = lead + re.sub(r"\\.", "  ", text)
            joined = "\n".join(lines)
            segment = _Segment(joined, _mask(joined), first, lang)
            segment.covered = bool(entry["comment_ok"])
            segments.append(segment)
        entry.update(comments=[], msgid=[], msgstr=[], key=None, comment_ok=False, refs=[])

    entry["comment_ok"] = False
    for number, line in enumerate(src.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("#~"):
            continue
        if stripped.startswith("#"):
            if entry["msgstr"] or entry["msgid"]:
                flush()
            entry["comments"].append(stripped)
            if stripped.startswith("#:"):
                entry["refs"].extend(ref.lstrip("./") for ref in stripped[2:].split())
            match = _MARKER_RE.search(stripped)
            if match:
                rest = match.group("rest").strip()
                if rest.startswith(":") and re.search(r"\w", rest[1:]):
                    entry["comment_ok"] = True
            continue
        match = _PO_KEY.match(line)
        if match:
            key = match.group("key")
            if key in ("msgid", "msgctxt") and entry["msgstr"]:
                flush()
            entry["key"] = key
            if key.startswith("msgstr"):
                entry["msgstr"].append((number, match.start("text"), match.group("text"), True))
            elif key == "msgid":
                entry["msgid"].append(match.group("text"))
            continue
        match = _PO_CONTINUATION.match(line)
        if match and entry["key"]:
            if entry["key"].startswith("msgstr"):
                entry["msgstr"].append((number, match.start("text"), match.group("text"), False))
            elif entry["key"] == "msgid":
                entry["msgid"].append(match.group("text"))
    flush()
    return segments


def check_file(
    path: Path,
    lang: str | None = None,
    *,
    max_words: int = DEFAULT_MAX_WORDS,
    content_dir: Path | None = None,
) -> list[Finding]:
    """Findings in one content file, with its path and real line numbers.

    * YAML (agendas, theme lists): the texts under ``title``, ``description``,
      ``prompts``, ``help`` and ``name`` (also nested ``text``/``question``
      and per-language values such as ``title: {nl: ..., en: ...}``).
    * Letter templates (.j2 .jinja .html .md .txt): the text without tags and
      placeholders; translatable strings inside ``{{ _("...") }}`` count.
    * .po files: the translations (msgstr); the language is the folder name
      in ``locales/<lang>/LC_MESSAGES/``. In ``messages.po`` only entries
      whose ``#:`` reference points into ``content/``.

    ``lang`` defaults to the language in the path, else Dutch. Inline
    ``b1-ok: reason`` markers are applied here; the allow-list is not (see
    :func:`is_allowed` and :func:`check_all`). A file that cannot be read or
    parsed gives one finding of kind ``error``; this never raises for a bad
    file.
    """
    path = Path(path)
    spath = str(path)
    src, problem = _read(path)
    if src is None:
        problem = problem or Problem(spath, 1, _("Dit bestand bestaat niet. Kijk of de naam goed is."))
        return [problem.as_finding()]
    src = src.replace("\r\n", "\n").replace("\r", "\n")
    lang = normalise(lang or _lang_from_path(path) or "nl")
    segments, errors = _file_segments(path, src, lang, spath)
    if errors:
        return errors
    markers = _markers(src, spath)
    joined = "\n".join(s.masked for s in segments)
    # An abbreviation explained once in the file is explained for all of it.
    explained = _explained(joined)
    findings: list[Finding] = []
    for segment in segments:
        if segment.marker_on_first_line_covers and segment.first_line in markers.lines:
            segment.covered = True
        if segment.covered:
            continue
        for finding in _check(
            segment.text,
            segment.masked,
            segment.lang,
            path=spath,
            first_line=segment.first_line,
            max_words=max_words,
            rules=RULES,
            explained=explained,
            content_dir=content_dir,
        ):
            if finding.line not in markers.lines:
                findings.append(finding)
    findings.extend(markers.problems)
    findings.sort(key=lambda f: (f.line, f.column, KINDS.index(f.kind)))
    return findings


def content_files(content_dir: Path | None = None, locales_dir: Path | None = None) -> list[Path]:
    """Every file ``wijksessie check`` looks at, sorted.

    Agendas, theme lists, letter templates and their translations under
    ``content/`` (not the word lists in ``content/plain/``, not README
    files), and the .po catalogues under ``locales/``. In the program's own
    catalogue (``messages.po``) only the entries that come from ``content/``
    are checked (see :func:`check_file`): interface text is for
    facilitators, not residents.
    ``locales_dir`` defaults to the shipped catalogues only when
    ``content_dir`` is not given, so a test's own content folder stays
    on its own.
    """
    folder = Path(content_dir) if content_dir is not None else paths.content_dir()
    found: list[Path] = []
    if folder.is_dir():
        for path in folder.rglob("*"):
            if not path.is_file() or path.name.startswith((".", "README")):
                continue
            relative = path.relative_to(folder).parts
            if relative and relative[0] == "plain":
                continue
            suffix = path.suffix.lower()
            if suffix in YAML_SUFFIXES or suffix in TEMPLATE_SUFFIXES or suffix == ".po":
                found.append(path)
    locales = Path(locales_dir) if locales_dir is not None else (
        paths.locales_dir() if content_dir is None else None
    )
    if locales is not None and locales.is_dir():
        for path in locales.rglob("*.po"):
            found.append(path)
    return sorted(set(found))


def check_all(
    files: Iterable[Path] | None = None,
    *,
    content_dir: Path | None = None,
    locales_dir: Path | None = None,
    max_words: int = DEFAULT_MAX_WORDS,
) -> list[Finding]:
    """What ``wijksessie check`` reports: findings the allow-list does not accept, plus errors.

    Checks ``files`` (default: :func:`content_files`). Problems in the word
    lists and the allow-list come first, as findings of kind ``error``. Any
    result means the check fails.
    """
    folder = Path(content_dir) if content_dir is not None else paths.content_dir()
    results: list[Finding] = []
    allow = load_allowlist(folder)
    results.extend(p.as_finding() for p in allow.errors)
    plain_dir = folder / "plain"
    if plain_dir.is_dir():
        for list_path in sorted(plain_dir.glob("*.yaml")):
            if list_path.name != "allow.yaml":
                results.extend(p.as_finding() for p in load_wordlist(list_path.stem, folder).errors)
    chosen = content_files(folder, locales_dir) if files is None else [Path(f) for f in files]
    for path in chosen:
        for finding in check_file(path, max_words=max_words, content_dir=folder):
            if finding.kind in ("error", "marker") or not is_allowed(finding, allow):
                results.append(finding)
    return results
