"""argparse's own English texts ("usage:", "show this help message…") in our language."""

from __future__ import annotations

from wijksessie.i18n.state import N_, _, ngettext

#: argparse's own English texts (Python 3.11–3.13), mapped to our Dutch source
#: texts. Through these the catalogues translate them like any other message.
ARGPARSE_TEXTS: dict[str, str] = {
    "usage: ": N_("gebruik: "),
    "positional arguments": N_("gegevens"),
    "options": N_("opties"),
    "optional arguments": N_("opties"),
    "show this help message and exit": N_("deze hulp tonen en stoppen"),
    "show program's version number and exit": N_("het versienummer tonen en stoppen"),
    "subcommands": N_("opdrachten"),
    "the following arguments are required: %s": N_("dit ontbreekt nog: %s"),
    "invalid choice: %(value)r (choose from %(choices)s)": N_("Deze keuze kan niet: %(value)r. Kies uit: %(choices)s"),
    "invalid choice: %(value)r, choose from %(choices)s": N_("Deze keuze kan niet: %(value)r. Kies uit: %(choices)s"),
    "argument %(argument_name)s: %(message)s": N_("%(argument_name)s: %(message)s"),
    "unrecognized arguments: %s": N_("dit begrijpt het programma niet: %s"),
    "expected one argument": N_("hier hoort één waarde achter"),
    "expected at most one argument": N_("hier hoort hooguit één waarde achter"),
    "expected at least one argument": N_("hier hoort minstens één waarde achter"),
    "invalid %(type)s value: %(value)r": N_("Deze waarde kan niet: %(value)r. Verwacht: %(type)s"),
    "ambiguous option: %(option)s could match %(matches)s": N_("Deze optie is niet duidelijk: %(option)s. Bedoelt u: %(matches)s"),
    "one of the arguments %s is required": N_("kies een van deze: %s"),
    "not allowed with argument %s": N_("kan niet samen met %s"),
    "ignored explicit argument %r": N_("waarde %r is niet gebruikt"),
    "unknown parser %(parser_name)r (choices: %(choices)s)": N_(
        "Deze opdracht bestaat niet: %(parser_name)r. Kies uit: %(choices)s"
    ),
    "%(prog)s: error: %(message)s\n": N_("%(prog)s: fout: %(message)s\n"),
    "can't open '%(filename)s': %(error)s": N_("Dit bestand kan niet open: %(filename)s. Reden: %(error)s"),
    "unexpected option string: %s": N_("onverwachte optie: %s"),
}



def _argparse_gettext(message: str) -> str:
    if not message:
        return message
    source = ARGPARSE_TEXTS.get(message)
    return _(source) if source else message


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    # The one argparse text with a count; written out here so extraction sees a plural entry.
    if singular == "expected %s argument":
        return ngettext("hier hoort %s waarde achter", "hier horen %s waarden achter", n)
    return singular if n == 1 else plural


def translate_argparse() -> None:
    """Let argparse's own texts ("usage:", "show this help message…") follow our language.

    argparse looks its module-level ``_``/``ngettext`` up each time it needs a
    text, so pointing them here is enough; call before building a parser.
    """
    import argparse

    argparse._ = _argparse_gettext  # type: ignore[attr-defined]
    argparse.ngettext = _argparse_ngettext  # type: ignore[attr-defined]
