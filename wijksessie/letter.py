"""The feedback letter: what was done with every contribution of one meeting, rendered.

The words of the letter live in Jinja2 templates under ``content/letters/``
(one per format: ``letter.html``, ``letter.md``, ``letter.txt``; the
sentences they share are macros in ``_text.j2``), so a municipality can change
them without touching code and translators translate them through the normal
catalogues (Jinja2's ``i18n`` extension; ``pybabel extract`` reads them).

The letter is made in three parts, one module each:

* :mod:`wijksessie.municipality`: the municipality's own name, heading line,
  signature and contact (``content/letters/municipality.yaml`` or the user's
  config folder);
* :mod:`wijksessie.letter_data`: what goes in the letter. It never leaves a
  contribution out; one without a decision is listed as "we are still looking
  into this — you will hear by <date>" ("Dit zoeken wij nog uit — u hoort het
  uiterlijk <datum>", active voice as the plain-language check asks). Dates,
  numbers and lists are written the way the letter's language writes them;
* this module: rendering the templates in one format and language, and the
  names of the other two, re-exported.

Everything residents said is escaped for the format: HTML through Jinja2's
autoescaping, Markdown through :func:`escape_markdown`; plain text is wrapped
at :data:`TEXT_WIDTH` columns so it can go straight into an e-mail.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wijksessie import i18n, paths
from wijksessie.errors import UserError
from wijksessie.i18n import _
from wijksessie.letter_data import (  # noqa: F401 - re-exported: the letter's public names
    AgreementLine,
    LetterData,
    LetterItem,
    RankLine,
    ThemeGroup,
    build_letter_data,
    format_date,
    hear_by_date,
    letter_item,
    open_contributions,
)
from wijksessie.model import Agreement, Contribution, Session
from wijksessie.municipality import (  # noqa: F401 - re-exported: the letter's public names
    EXAMPLE_MUNICIPALITY,
    MUNICIPALITY_FILE,
    Municipality,
    is_example_municipality,
    load_municipality,
    municipality_config_path,
    save_municipality,
)
from wijksessie.safe_text import escape_markdown

if TYPE_CHECKING:
    import jinja2

    from wijksessie.store import SessionFile

#: The formats a letter can be written in, with their file extension.
FORMATS = ("html", "md", "txt")

#: Every format a letter can be written in: the text formats above, then PDF and Word
#: (made by :mod:`wijksessie.documents`). The letter screen and ``wijksessie letter`` offer these.
LETTER_FORMATS = FORMATS + ("pdf", "docx")

#: Plain-text letters are wrapped at this width, the usual width of an e-mail.
TEXT_WIDTH = 72

# ----------------------------------------------------------------------------- re-exported
# Language state, dates, lists and direction live in wijksessie.i18n; the
# municipality in wijksessie.municipality; what goes in the letter in
# wijksessie.letter_data. These names stay importable from here.

format_list = i18n.format_list
text_direction = i18n.text_direction


# ----------------------------------------------------------------------------- escaping and wrapping

def unescape_html(value: object) -> str:
    """Turn HTML-escaped text from the shared sentences (``_text.j2``) back into plain text."""
    from markupsafe import Markup

    return Markup(str(value)).unescape()


def markdown_filter(value: object) -> str:
    """The ``|md`` filter: a piece from ``_text.j2`` (HTML-escaped) made safe for Markdown instead."""
    return escape_markdown(unescape_html(value))


_BULLET = re.compile(r"^(\s*)([-*] |\d+\. )")


def wrap_text(text: str, width: int = TEXT_WIDTH) -> str:
    """Wrap each line of a plain-text letter for e-mail; list items get a hanging indent."""
    out: list[str] = []
    for line in text.splitlines():
        if len(line) <= width:
            out.append(line.rstrip())
            continue
        match = _BULLET.match(line)
        indent = match.group(1) if match else line[: len(line) - len(line.lstrip())]
        hanging = indent + " " * len(match.group(2)) if match else indent
        out.extend(
            i18n.isolate_lines(
                textwrap.wrap(
                    line.strip(),
                    width=width,
                    initial_indent=indent,
                    subsequent_indent=hanging,
                    break_long_words=True,
                    break_on_hyphens=False,
                )
            )
        )
    return "\n".join(out).rstrip() + "\n"


def _sentence(value: object) -> str:
    """End a text with a full stop unless it already ends like a sentence."""
    text = str(value).rstrip()
    core = text.rstrip(i18n.PDI + i18n.DUTCH_END)
    return text if not core or core[-1] in ".!?…:;)”“’\"'»«" else text + "."


def _first_upper(value: object) -> str:
    text = str(value)
    lead = len(text) - len(text.lstrip(i18n.DUTCH_START + i18n.FSI))
    return text[:lead] + i18n.first_upper(text[lead:])


def _upper(value: object) -> str:
    return i18n.upper(str(value))


def _quote(value: object) -> str:
    """What a resident said, between the letter language's quotation marks, isolated from the sentence around it."""
    return i18n.quote(_iso(value))


def _iso(value: object) -> str:
    """A name or text put into a sentence keeps its own direction (Dutch words inside an Arabic letter).

    Marked with Unicode isolates here; :func:`finish` turns them into ``<bdi>`` in HTML.
    """
    text = _BIDI_CONTROLS.sub("", str(value))
    return i18n.isolate(text)


def _width(value: object) -> int:
    """How many characters a reader sees (the letter's own invisible marks not counted)."""
    return len(_MARKS.sub("", str(value)))


#: Bidirectional control characters someone might have typed; taken out so our own isolates stay balanced.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ISOLATED = re.compile(re.escape(i18n.FSI) + "(.*?)" + re.escape(i18n.PDI), re.S)
_RTL_CHAR = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_DUTCH = re.compile(re.escape(i18n.DUTCH_START) + "(.*?)" + re.escape(i18n.DUTCH_END), re.S)
_TITLE = re.compile(r"<title>.*?</title>", re.S)
_MARKS = re.compile("[" + i18n.FSI + i18n.PDI + i18n.DUTCH_START + i18n.DUTCH_END + "]")


def finish(text: str, fmt: str, direction: str, dutch_mark: str = "") -> str:
    """Turn the letter's inline marks into the format's own means.

    Isolated inserts become ``<bdi>`` in HTML; in text and Markdown the
    Unicode isolates stay where the letter is right to left or the insert
    itself is (elsewhere they would only be invisible clutter). Texts that
    stayed Dutch (``mark_untranslated``) get ``dutch_mark`` in front, and in
    HTML ``lang="nl"``.
    """
    if fmt == "html":
        text = _TITLE.sub(lambda m: m.group(0).replace(i18n.FSI, "").replace(i18n.PDI, "")
                          .replace(i18n.DUTCH_START, "").replace(i18n.DUTCH_END, ""), text)
        text = _ISOLATED.sub(lambda m: f"<bdi>{m.group(1)}</bdi>", text)
        if dutch_mark:
            text = _DUTCH.sub(
                lambda m: f'<bdi lang="nl" class="in-dutch"><span class="mark">{dutch_mark}</span> {m.group(1)}</bdi>',
                text,
            )
        else:
            text = _DUTCH.sub(lambda m: f'<bdi lang="nl">{m.group(1)}</bdi>', text)
    else:
        keep = direction == "rtl"
        text = _ISOLATED.sub(
            lambda m: m.group(0) if keep or _RTL_CHAR.search(m.group(1)) else m.group(1), text
        )
        text = _DUTCH.sub(
            lambda m: (i18n.FSI if keep else "") + (f"{dutch_mark} " if dutch_mark else "") + m.group(1)
            + (i18n.PDI if keep else ""),
            text,
        )
    return text.replace(i18n.DUTCH_START, "").replace(i18n.DUTCH_END, "")


# ----------------------------------------------------------------------------- rendering


def templates_dir() -> Path:
    """The folder with the letter templates."""
    return paths.content_dir() / "letters"


def _autoescape(template_name: str | None) -> bool:
    return bool(template_name) and str(template_name).lower().endswith((".html", ".htm", ".j2"))


_ENVIRONMENTS: dict[str, jinja2.Environment] = {}


def make_environment(lang: str | None = None, folder: Path | None = None) -> jinja2.Environment:
    """The Jinja2 environment for the letter templates: autoescaping for ``.html``, gettext through ``_()``.

    ``newstyle`` gettext lets templates write ``_("… %(name)s", name=x)``;
    in HTML the values are escaped, the sentence itself is not. The language
    is whatever ``_()`` speaks during rendering (:func:`render_letter` sets
    it with :func:`wijksessie.i18n.use_language`), so one environment per
    folder serves every language and templates are compiled once; Jinja2
    still notices a template edited on disk. ``lang`` is accepted for old callers.
    """
    import jinja2

    folder = Path(folder or templates_dir())
    key = str(folder)
    cached = _ENVIRONMENTS.get(key)
    if cached is not None:
        return cached
    if len(_ENVIRONMENTS) > 32:
        _ENVIRONMENTS.clear()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        # The shared sentences (.j2) are escaped like HTML too: then a value a
        # resident typed is escaped wherever it is used, and the Markdown and
        # text letters undo that explicitly (|md, |text) rather than relying on
        # every template author to remember to escape.
        autoescape=_autoescape,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n._, i18n.ngettext, newstyle=True, pgettext=i18n.pgettext,
    )
    env.filters["md"] = markdown_filter
    env.filters["text"] = unescape_html
    env.filters["first_upper"] = _first_upper
    env.filters["upper"] = _upper
    env.filters["sentence"] = _sentence
    env.filters["quote"] = _quote
    env.filters["iso"] = _iso
    env.filters["width"] = _width
    env.globals["format_number"] = _format_number
    _ENVIRONMENTS[key] = env
    return env


@dataclass
class RenderedLetter:
    """A letter and what the reader should know about its language."""

    text: str
    lang: str
    #: Dutch source texts the letter had to use because the language lacks them (in order of use).
    untranslated: list[str] = field(default_factory=list)


def render_letter(
    session: Session,
    contributions: list[Contribution],
    agreements: list[Agreement],
    fmt: str = "md",
    lang: str | None = None,
    *,
    municipality: Municipality | None = None,
    today: dt.date | None = None,
    final: bool = False,
    templates: Path | None = None,
) -> str:
    """The feedback letter as text in format ``fmt`` (html, md or txt) and language ``lang``.

    ``lang`` defaults to the first of the session's languages. Messages
    without a translation stay Dutch (:func:`write_letter` says which). The
    interface language is never touched.
    """
    return write_letter(
        session, contributions, agreements, fmt, lang,
        municipality=municipality, today=today, final=final, templates=templates,
    ).text


def write_letter(
    session: Session,
    contributions: list[Contribution],
    agreements: list[Agreement],
    fmt: str = "md",
    lang: str | None = None,
    *,
    municipality: Municipality | None = None,
    today: dt.date | None = None,
    final: bool = False,
    templates: Path | None = None,
    mark_untranslated: bool = False,
) -> RenderedLetter:
    """:func:`render_letter`, also telling which texts are not yet in ``lang``.

    With ``mark_untranslated`` every such text is marked in the letter with
    the name of Dutch in the reader's language (``[Felemenkçe]``), and the
    letter says at the top what the mark means.
    """
    if fmt not in FORMATS:
        raise UserError(
            _("Deze vorm kan niet voor een brief: {fmt}. Kies html, md of txt.").format(fmt=fmt)
        )
    lang = i18n.normalise(lang or (session.languages[0] if session.languages else None))
    municipality = municipality or load_municipality()  # its errors speak the interface language
    result = _render(session, contributions, agreements, fmt, lang, municipality, today, final, templates, "")
    if mark_untranslated and result.untranslated:
        mark = "[" + i18n.language_name(i18n.DEFAULT_LANGUAGE, lang) + "]"
        result = _render(session, contributions, agreements, fmt, lang, municipality, today, final, templates, mark)
    from wijksessie.safe_text import document_safe

    result.text = document_safe(result.text)  # no raw control characters or bidi overrides in any letter
    return result


def _format_number(n: float) -> str:
    return i18n.format_number(n)


def _render(
    session: Session,
    contributions: list[Contribution],
    agreements: list[Agreement],
    fmt: str,
    lang: str,
    municipality: Municipality,
    today: dt.date | None,
    final: bool,
    templates: Path | None,
    mark: str,
) -> RenderedLetter:
    import jinja2

    failed: jinja2.TemplateError | None = None
    # Texts that stay Dutch are always marked, so Dutch inside an Arabic letter keeps its direction.
    with i18n.record_untranslated(lang, mark=True) as recorder:
        data = build_letter_data(
            session, contributions, agreements, lang, municipality=municipality, today=today, final=final
        )
        data.dutch_mark = mark
        env = make_environment(lang, templates)
        try:
            text = env.get_template(f"letter.{fmt}").render(L=data)
        except jinja2.TemplateError as exc:
            failed = exc
    if failed is not None:  # said in the interface language, outside the letter's
        where = getattr(failed, "filename", None) or str(templates or templates_dir())
        line = getattr(failed, "lineno", None)
        raise UserError(
            _("De briefsjabloon heeft een fout: {path}{line}. Reden: {error}. Herstel het sjabloon of zet het origineel terug.").format(
                path=where, line=f":{line}" if line else "", error=failed.message or failed
            )
        )
    text = finish(text, fmt, data.dir, mark)
    if fmt == "txt":
        text = wrap_text(text)
    elif not text.endswith("\n"):
        text += "\n"
    return RenderedLetter(text, lang, list(recorder.missing))


def render_session_letter(sf: SessionFile, fmt: str = "md", lang: str | None = None, **kwargs: Any) -> str:
    """:func:`render_letter` for an open :class:`~wijksessie.store.SessionFile`."""
    return render_letter(sf.session, sf.contributions(), sf.agreements(), fmt, lang, **kwargs)


def default_filename(session: Session, fmt: str, lang: str) -> str:
    """A file name that sorts well and says what it is: ``brief-2026-11-24-<id>-nl.html``."""
    return f"brief-{session.date.isoformat()}-{session.id}-{i18n.normalise(lang)}.{fmt}"


def check_final(contributions: Iterable[Contribution]) -> None:
    """Refuse the letter to send only while a point has no answer at all.

    "We look into it, you hear by <date>" is an answer (issue 14): the rule is
    :func:`wijksessie.feedback.check_first_letter`.
    """
    from wijksessie import feedback

    feedback.check_first_letter(contributions)
