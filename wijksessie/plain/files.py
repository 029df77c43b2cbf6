"""Checking files: :func:`check_file` (one file), :func:`content_files` and :func:`check_all` (``wijksessie check``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from wijksessie import paths
from wijksessie.i18n import _, normalise
from wijksessie.plain.allow import is_allowed, load_allowlist
from wijksessie.plain.engine import check_masked
from wijksessie.plain.results import DEFAULT_MAX_WORDS, KINDS, RULES, Finding, Problem
from wijksessie.plain.rules.abbreviations import explained_in
from wijksessie.plain.sources import TEMPLATE_SUFFIXES, YAML_SUFFIXES, file_segments, lang_from_path, markers
from wijksessie.plain.wordlist import load_wordlist
from wijksessie.plain.yamlread import read


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
    src, problem = read(path)
    if src is None:
        problem = problem or Problem(spath, 1, _("Dit bestand bestaat niet. Kijk of de naam goed is."))
        return [problem.as_finding()]
    src = src.replace("\r\n", "\n").replace("\r", "\n")
    lang = normalise(lang or lang_from_path(path) or "nl")
    segments, errors = file_segments(path, src, lang, spath)
    if errors:
        return errors
    accepted = markers(src, spath)
    joined = "\n".join(s.masked for s in segments)
    # An abbreviation explained once in the file is explained for all of it.
    explained = explained_in(joined)
    findings: list[Finding] = []
    for segment in segments:
        if segment.marker_on_first_line_covers and segment.first_line in accepted.lines:
            segment.covered = True
        if segment.covered:
            continue
        for finding in check_masked(
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
            if finding.line not in accepted.lines:
                findings.append(finding)
    findings.extend(accepted.problems)
    findings.sort(key=lambda f: (f.line, f.column, KINDS.index(f.kind)))
    return findings


def content_files(content_dir: Path | None = None, locales_dir: Path | None = None) -> list[Path]:
    """Every file ``wijksessie check`` looks at, sorted.

    Agendas, theme lists, letter templates and their translations under
    ``content/`` (not the word lists in ``content/plain/`` and ``content/privacy/``,
    not README files), and the .po catalogues under ``locales/``. In the program's own
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
            if relative and relative[0] in ("plain", "privacy"):
                continue  # word lists and name lists, not texts for residents
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
