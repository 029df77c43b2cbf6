"""The ``i18n`` command: the translator's workflow (``status``, ``update``, ``init``, ``compile``, ``check``).

:mod:`wijksessie.i18n_tools` does the work; these handlers import it only when
they run, so ``--help`` does not load it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from wijksessie.commands.common import Parser
from wijksessie.i18n import _

if TYPE_CHECKING:
    from wijksessie.i18n_tools import LanguageStatus, Missing, Problem


def format_status(rows: Sequence[LanguageStatus]) -> str:
    """The ``i18n status`` table, one line per language."""
    from wijksessie import i18n

    head = [_("taal"), _("naam"), _("vertaald"), _("nakijken"), _("onzeker"), _("ontbreekt"), _("bewonersteksten")]
    lines = [head]
    for r in rows:
        name = i18n.language_name(r.lang)
        if r.source:
            lines.append([r.lang, name, _("bron"), "-", "-", "0", f"{r.resident_translated}/{r.resident_total}"])
        else:
            lines.append([
                r.lang, name, f"{r.translated}/{r.total}", str(r.needs_review), str(r.fuzzy), str(r.missing),
                f"{r.resident_translated}/{r.resident_total}",
            ])
    widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
    text = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in lines]
    text.append("")
    text.append(_("nakijken: vertaald, maar nog niet nagekeken door iemand die de taal als moedertaal spreekt."))
    text.append(_("onzeker (fuzzy): wordt niet gebruikt tot een vertaler het nakijkt."))
    text.append(_("bewonersteksten: agenda, thema's en brief; die moeten in elke taal klaar zijn."))
    return "\n".join(text)


def _print(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def cmd_i18n_status(args: argparse.Namespace) -> int:
    """``i18n status``."""
    from wijksessie import i18n, i18n_tools

    langs = i18n.check_languages(args.langs) if args.langs else None
    rows = i18n_tools.status(langs)
    lists = [i18n_tools.missing(code) for code in langs or ()]
    if getattr(args, "json", False):
        import json

        data: list[dict[str, object]] = [dict(r.to_dict()) for r in rows]
        for row, m in zip(data, lists):
            row["missing_texts"] = {"letter": m.letter, "resident": m.resident, "other": m.other}
        _print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    _print(format_status(rows))
    for m in lists:
        _print(format_missing(m))
    return 0


def format_missing(m: Missing) -> str:
    """The texts one language still lacks, the letter's first, one Dutch source text per line."""
    from wijksessie import i18n

    name = i18n.language_label(m.lang)
    parts = [""]
    for label, texts in (
        (_("Nog te vertalen in de brief"), m.letter),
        (_("Nog te vertalen: andere bewonersteksten (agenda, thema's)"), m.resident),
        (_("Nog te vertalen: schermen en meldingen"), m.other),
    ):
        parts.append(f"{name} · {label}: {i18n.format_number(len(texts))}")
        parts.extend("  - " + " ".join(t.split()) for t in texts)
    if not (m.letter or m.resident or m.other):
        parts.append(_("Alles is vertaald: {language}").format(language=name))
    return "\n".join(parts)


def cmd_i18n_update(args: argparse.Namespace) -> int:
    """``i18n update``."""
    from wijksessie import i18n, i18n_tools

    total, results = i18n_tools.update(args.langs or None)
    _print(i18n.ngettext("Sjabloon: {path}. Daarin staat {n} tekst.", "Sjabloon: {path}. Daarin staan {n} teksten.",
                         total).format(path=i18n_tools.template_path(), n=total))
    for r in results:
        _print(_("Taal: {lang}. Nieuw: {added}. Vervallen: {removed}.").format(lang=r.lang, added=r.added, removed=r.removed))
    return 0


def cmd_i18n_init(args: argparse.Namespace) -> int:
    """``i18n init LANG``."""
    from wijksessie import i18n_tools

    po = i18n_tools.init(args.lang)
    _print(_("Nieuwe taal gemaakt: {path}").format(path=po))
    _print(_("Vertaal de teksten in dit bestand, bijvoorbeeld met Poedit. "
             "Bekijk het resultaat met: wijksessie --lang {lang} --help").format(lang=po.parent.parent.name))
    return 0


def cmd_i18n_compile(args: argparse.Namespace) -> int:
    """``i18n compile``."""
    from wijksessie import i18n_tools

    for mo in i18n_tools.compile_all(args.langs or None):
        _print(_("Gemaakt: {path}").format(path=mo))
    return 0


def report_problems(problems: Iterable[Problem]) -> int:
    """Print problems; returns how many are errors (not warnings)."""
    from wijksessie.safe_text import terminal_safe

    for p in problems:
        _print(terminal_safe(str(p), oneline=True))  # may quote a text from the translator's file
    return sum(1 for p in problems if not p.warning)


def cmd_i18n_check(args: argparse.Namespace) -> int:
    """``i18n check``."""
    from wijksessie import i18n, i18n_tools

    if args.langs:
        return _check_ready(i18n.check_languages(args.langs))
    errors = report_problems(i18n_tools.check(args.langs or None))
    if errors:
        sys.stderr.write(
            i18n.ngettext("{n} fout in de vertalingen gevonden.", "{n} fouten in de vertalingen gevonden.", errors).format(
                n=errors) + "\n")
        return 2  # a translator's file is wrong: bad input
    _print(_("De vertalingen zijn in orde."))
    return 0


def _check_ready(langs: Iterable[str]) -> int:
    """``i18n check LANG``: the catalogue is valid *and* every text residents read is translated."""
    from wijksessie import i18n, i18n_tools

    not_ready = broken = 0
    for code in langs:
        result = i18n_tools.readiness(code)
        report_problems(result.problems)
        name = i18n.language_label(code)
        m = result.missing
        if result.ready:
            _print(_("Klaar voor bewoners: {language}. Alles wat bewoners lezen is vertaald.").format(language=name))
            if m.other:
                _print(i18n.ngettext(
                    "Op de schermen staat nog {n} tekst in het Nederlands; dat is voor bewoners geen bezwaar.",
                    "Op de schermen staan nog {n} teksten in het Nederlands; dat is voor bewoners geen bezwaar.",
                    len(m.other)).format(n=len(m.other)))
            continue
        not_ready += 1
        if result.errors:
            broken += 1
            sys.stderr.write(i18n.ngettext(
                "Nog niet klaar: {language}. Het bestand heeft {n} fout; zie hierboven.",
                "Nog niet klaar: {language}. Het bestand heeft {n} fouten; zie hierboven.",
                len(result.errors)).format(language=name, n=len(result.errors)) + "\n")
        if m.resident_count:
            sys.stderr.write(i18n.ngettext(
                "Nog niet klaar: {language}. Er ontbreekt nog {n} tekst die bewoners lezen. "
                "Welke: wijksessie i18n status {lang}",
                "Nog niet klaar: {language}. Er ontbreken nog {n} teksten die bewoners lezen. "
                "Welke: wijksessie i18n status {lang}",
                m.resident_count).format(language=name, n=m.resident_count, lang=code) + "\n")
    return 2 if broken else 1 if not_ready else 0  # 2: a file is wrong (bad input); 1: texts still missing


def setup_i18n(p: Parser) -> None:
    """``wijksessie i18n status|update|init|compile|check``."""
    i18n_sub = p.add_subparsers(dest="i18n_command", metavar=_("OPDRACHT"), required=True, parser_class=Parser)
    s = i18n_sub.add_parser("status", help=_("per taal tonen hoeveel teksten vertaald zijn"))
    s.add_argument("langs", nargs="*", metavar=_("TAAL"))
    s.add_argument("--json", action="store_true", help=_("als JSON"))
    s.set_defaults(func=cmd_i18n_status)
    s = i18n_sub.add_parser("update", help=_("alle teksten verzamelen en elke taal bijwerken"))
    s.add_argument("langs", nargs="*", metavar=_("TAAL"))
    s.set_defaults(func=cmd_i18n_update)
    s = i18n_sub.add_parser("init", help=_("een nieuwe taal beginnen"))
    s.add_argument("lang", metavar=_("TAAL"))
    s.set_defaults(func=cmd_i18n_init)
    s = i18n_sub.add_parser("compile", help=_("snelle .mo-bestanden maken (niet verplicht)"))
    s.add_argument("langs", nargs="*", metavar=_("TAAL"))
    s.set_defaults(func=cmd_i18n_compile)
    s = i18n_sub.add_parser("check", help=_("de vertalingen controleren"))
    s.add_argument("langs", nargs="*", metavar=_("TAAL"))
    s.set_defaults(func=cmd_i18n_check)
