"""The feedback letter: what was done with every contribution of one meeting.

The words of the letter live in Jinja2 templates under ``content/letters/``
(one per format: ``letter.html``, ``letter.md``, ``letter.txt``; the
sentences they share are macros in ``_text.j2``), so a municipality can change
them without touching code and translators translate them through the normal
catalogues (Jinja2's ``i18n`` extension; ``pybabel extract`` reads them). The
municipality's own name, heading line and signature are in
``content/letters/municipality.yaml``.

This module only gathers and formats the facts: it never leaves a
contribution out. One without a decision is listed as "we are still looking
into this — you will hear by <date>" ("Dit zoeken wij nog uit — u hoort het
uiterlijk <datum>", active voice as the plain-language check asks). Dates, numbers and lists are written the way
the letter's language writes them (Babel's CLDR data).

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
from typing import Annotated

import msgspec

from wijksessie import i18n, model, paths
from wijksessie.errors import UserError
from wijksessie.i18n import _
from wijksessie.model import Agreement, Contribution, Session
from wijksessie.safe_text import escape_markdown  # noqa: F401 - moved there; still importable from here

#: The formats a letter can be written in, with their file extension.
FORMATS = ("html", "md", "txt")

#: Every format a letter can be written in: the text formats above, then PDF and Word
#: (made by :mod:`wijksessie.documents`). The letter screen and ``wijksessie letter`` offer these.
LETTER_FORMATS = FORMATS + ("pdf", "docx")

#: Plain-text letters are wrapped at this width, the usual width of an e-mail.
TEXT_WIDTH = 72

#: Languages written right to left; the HTML letter gets ``dir="rtl"`` (kept here for old imports).
RTL_LANGUAGES = i18n.RTL_LANGUAGES

MUNICIPALITY_FILE = "municipality.yaml"


# ----------------------------------------------------------------------------- language
# Language state, dates, lists, numbers and direction live in wijksessie.i18n;
# these names stay for code that imported them from here.

format_list = i18n.format_list
format_number = i18n.format_number
text_direction = i18n.text_direction
html_lang = i18n.html_lang


def letter_language(lang: str | None):
    """Let ``_()`` speak the letter's language inside a ``with`` block (this thread only).

    The interface language is never touched: :func:`wijksessie.i18n.use_language`.
    """
    return i18n.use_language(lang)


def _babel_locale(lang: str):
    return i18n.babel_locale(lang)


def format_date(day: dt.date | None, lang: str) -> str:
    """A date as the language writes it: ``24 november 2026`` in Dutch; ``None`` gives ""."""
    return i18n.format_date(day, lang)


# ----------------------------------------------------------------------------- municipality


@dataclass
class Municipality:
    """What a municipality fills in once in ``content/letters/municipality.yaml``."""

    name: str = "Gemeente"
    heading: str = ""
    signature: str = ""
    phone: str = ""
    email: str = ""
    privacy_contact: str = ""
    #: How many years the notes are kept (at least one).
    retention_years: Annotated[int, msgspec.Meta(ge=1)] = 2


def load_municipality(path: Path | None = None) -> Municipality:
    """Read the municipality's details; a missing file gives neutral defaults.

    Read through the program's one YAML reader (:mod:`wijksessie.yamlfile`): a
    mistake raises :class:`~wijksessie.yamlfile.ContentError` (a ``UserError``)
    as ``path:line: what is wrong. What to do.``; duplicate keys are refused.
    """
    import dataclasses

    from wijksessie import yamlfile

    if path is None:
        # Set from the program (saved in the user's config folder) wins over the shipped example.
        user = municipality_config_path()
        path = user if user.is_file() else paths.content_dir() / "letters" / MUNICIPALITY_FILE
    if not path.is_file():
        return Municipality()
    doc = yamlfile.load(path)
    if doc.data is None:
        return Municipality()
    # An empty value ("phone:") keeps the default, as it always did.
    data = {k: v for k, v in doc.data.items() if v is not None} if isinstance(doc.data, dict) else doc.data
    read = yamlfile.convert(doc, Municipality, data=data)
    return dataclasses.replace(read, **{f.name: getattr(read, f.name).strip() for f in dataclasses.fields(read)
                                        if isinstance(getattr(read, f.name), str)})


#: The name in the shipped example file; a letter that still says it is not ready to send.
EXAMPLE_MUNICIPALITY = "Gemeente Voorbeeld"


def municipality_config_path() -> Path:
    """Where the program keeps the municipality's details: the user's config folder.

    ``$WIJKSESSIE_CONFIG_DIR`` overrides the folder (tests, a shared laptop).
    """
    import os

    folder = os.environ.get("WIJKSESSIE_CONFIG_DIR")
    if folder:
        return Path(folder) / MUNICIPALITY_FILE
    from platformdirs import user_config_path

    return user_config_path("wijksessie", appauthor=False) / MUNICIPALITY_FILE


def save_municipality(municipality: Municipality, path: Path | None = None) -> Path:
    """Save the details set in the program to :func:`municipality_config_path`; returns the file."""
    import dataclasses

    import yaml

    from wijksessie.atomic import write_atomic

    path = path or municipality_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {key: value.strip() if isinstance(value, str) else value
            for key, value in dataclasses.asdict(municipality).items()}
    write_atomic(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8"))
    return path


def is_example_municipality(municipality: Municipality) -> bool:
    """True while the letter would still be signed by the shipped example municipality."""
    return EXAMPLE_MUNICIPALITY.casefold() in (municipality.name + " " + municipality.heading).casefold()


# ----------------------------------------------------------------------------- what goes in the letter


@dataclass
class LetterItem:
    """One contribution as it appears in the letter, with its outcome in words."""

    id: str
    text: str
    theme: str
    kind: str
    status: str
    status_label: str
    answered: bool
    quick_win: bool
    reason: str = ""
    organisation: str = ""
    owner: str = ""
    due: str = ""
    hear_by: str = ""


@dataclass
class ThemeGroup:
    """The contributions about one theme (``name`` empty for "other points")."""

    name: str
    items: list[LetterItem] = field(default_factory=list)


@dataclass
class RankLine:
    """One place in the residents' ranking; tied themes share one line."""

    rank: int
    themes: list[str]
    themes_text: str
    votes: int
    tied: bool


@dataclass
class AgreementLine:
    """An agreement: what, who, by when (already formatted)."""

    what: str
    who: str
    when: str
    quick_win: bool


@dataclass
class LetterData:
    """Everything the templates need, already translated and formatted for one language."""

    lang: str
    html_lang: str
    dir: str
    municipality: Municipality
    title: str
    neighbourhood: str
    place: str
    date: str
    participants: int
    level_label: str
    level_explanation: str
    level_promise: str
    vote_method: str
    ranking: list[RankLine]
    quick_wins: list[LetterItem]
    groups: list[ThemeGroup]
    total: int
    open_count: int
    open_until: str
    agreements: list[AgreementLine]
    feedback_due: str
    contact_name: str
    contact_role: str
    contact_phone: str
    contact_email: str
    contact_hours: str
    privacy_contact: str
    retention_until: str
    retention_years: int
    today: str
    final: bool
    #: Some item has a reason written by the people who decide (shown in their own words).
    has_reasons: bool = False
    #: The letter is in another language than the reasons (Dutch), so say so.
    reasons_in_dutch: bool = False
    #: Texts not yet translated are marked in the letter; say what the mark means.
    dutch_mark: str = ""


def hear_by_date(contribution: Contribution, session: Session) -> dt.date:
    """When residents will hear about an open contribution: its due date, else the session's promise."""
    return (
        contribution.decision.due
        or session.feedback_due
        or session.date + dt.timedelta(days=model.DEFAULT_FEEDBACK_DAYS)
    )


def open_contributions(contributions: Iterable[Contribution]) -> list[Contribution]:
    """The contributions residents cannot yet be told an outcome for (open or being looked into)."""
    return [c for c in contributions if not c.decision.status.answered]


def _item(c: Contribution, session: Session, lang: str) -> LetterItem:
    from wijksessie import privacy  # personal data in what was said is printed only anonymised

    d = c.decision
    return LetterItem(
        id=c.id,
        text=" ".join(privacy.letter_text(c).split()),
        theme=i18n.translate_if_known(c.theme, lang),
        kind=c.kind.label,
        status=d.status.value,
        status_label=d.status.label,
        answered=d.status.answered,
        quick_win=d.quick_win and d.status.answered,
        reason=" ".join(d.reason.split()),
        organisation=d.organisation,
        owner=d.owner,
        due=format_date(d.due, lang) if d.due else "",
        hear_by=format_date(hear_by_date(c, session), lang) if not d.status.answered else "",
    )


def _theme_order(session: Session, contributions: list[Contribution]) -> list[str]:
    """Themes as residents ranked them, then the session's own list, then any others by name."""
    order: list[str] = []
    seen: set[str] = set()

    def add(theme: str) -> None:
        key = theme.casefold()
        if theme and key not in seen:
            seen.add(key)
            order.append(theme)

    for line in session.priorities.ranking():
        add(line.theme)
    for theme in session.themes:
        add(theme)
    for theme in sorted({c.theme for c in contributions if c.theme}, key=str.casefold):
        add(theme)
    return order


def build_letter_data(
    session: Session,
    contributions: list[Contribution],
    agreements: list[Agreement],
    lang: str | None = None,
    *,
    municipality: Municipality | None = None,
    today: dt.date | None = None,
    final: bool = False,
) -> LetterData:
    """Gather and format everything for the letter in ``lang``.

    Call inside :func:`letter_language` so the model's labels come out in the
    letter's language (:func:`render_letter` does this for you).
    """
    lang = i18n.normalise(lang or (session.languages[0] if session.languages else None))
    municipality = municipality or load_municipality()
    today = today or dt.date.today()

    items = [_item(c, session, lang) for c in contributions]
    # Quick wins open the list: they show residents that something already happens.
    quick_wins = [i for i in items if i.quick_win]
    rest = [i for i in items if not i.quick_win]
    by_theme: dict[str, ThemeGroup] = {}
    for theme in _theme_order(session, contributions):
        # Theme names from the shipped lists are translated; a facilitator's own name stays as typed.
        by_theme[theme.casefold()] = ThemeGroup(i18n.translate_if_known(theme, lang))
    other = ThemeGroup("")
    by_source = {c.id: c.theme for c in contributions}
    for item in rest:
        source = by_source.get(item.id, "")
        group = by_theme.get(source.casefold()) if source else None
        (group or other).items.append(item)
    groups = [g for g in by_theme.values() if g.items]
    if other.items:
        groups.append(other)

    ranking: list[RankLine] = []
    for line in session.priorities.ranking():
        if line.votes <= 0:
            continue
        if ranking and ranking[-1].rank == line.rank:
            ranking[-1].themes.append(line.theme)
        else:
            ranking.append(RankLine(line.rank, [line.theme], "", line.votes, line.tied))
    for line in ranking:
        line.themes = [i18n.translate_if_known(t, lang) for t in line.themes]
        line.themes_text = format_list([i18n.isolate(t) for t in line.themes], lang)

    agreement_lines = [
        AgreementLine(
            what=" ".join(a.what.split()),
            who=a.who,
            when=format_date(a.by_when, lang) if a.by_when else "",
            quick_win=a.quick_win,
        )
        for a in agreements
    ]

    contact = session.contact
    retention_until = getattr(session, "retention_until", None)
    return LetterData(
        lang=lang,
        html_lang=html_lang(lang),
        dir=text_direction(lang),
        municipality=municipality,
        title=session.title,
        neighbourhood=session.neighbourhood,
        place=session.place,
        date=format_date(session.date, lang),
        participants=session.tally.participants,
        level_label=session.level.label,
        level_explanation=session.level.explanation,
        level_promise=session.level.promise,
        vote_method=session.priorities.method,
        ranking=ranking,
        quick_wins=quick_wins,
        groups=groups,
        total=len(items),
        open_count=sum(1 for i in items if not i.answered),
        open_until=format_date(max((hear_by_date(c, session) for c in open_contributions(contributions)), default=None), lang),
        agreements=agreement_lines,
        feedback_due=format_date(
            session.feedback_due or session.date + dt.timedelta(days=model.DEFAULT_FEEDBACK_DAYS), lang
        ),
        contact_name=contact.name,
        contact_role=contact.role,
        contact_phone=contact.phone or (municipality.phone if not contact.is_set else ""),
        contact_email=contact.email or (municipality.email if not contact.is_set else ""),
        contact_hours=contact.hours,
        privacy_contact=municipality.privacy_contact or contact.name or municipality.name,
        retention_until=format_date(retention_until, lang) if isinstance(retention_until, dt.date) else "",
        retention_years=municipality.retention_years,
        today=format_date(today, lang),
        final=final,
        has_reasons=any(i.reason for i in items if i.answered),
        reasons_in_dutch=lang.split("_", 1)[0] != i18n.DEFAULT_LANGUAGE,
    )


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
        indent = match.group(1) if match else re.match(r"\s*", line).group(0)
        hanging = indent + " " * len(match.group(2)) if match else indent
        out.extend(
            textwrap.wrap(
                line.strip(),
                width=width,
                initial_indent=indent,
                subsequent_indent=hanging,
                break_long_words=True,
                break_on_hyphens=False,
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
    return bool(template_name) and template_name.lower().endswith((".html", ".htm", ".j2"))


_ENVIRONMENTS: dict[str, object] = {}


def make_environment(lang: str | None = None, folder: Path | None = None):
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
    env.globals["format_number"] = lambda n: i18n.format_number(n)
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


def _render(session, contributions, agreements, fmt, lang, municipality, today, final, templates, mark) -> RenderedLetter:
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
            _("De briefsjabloon heeft een fout: {path}{line}: {error}. Herstel het sjabloon of zet het origineel terug.").format(
                path=where, line=f":{line}" if line else "", error=failed.message or failed
            )
        )
    text = finish(text, fmt, data.dir, mark)
    if fmt == "txt":
        text = wrap_text(text)
    elif not text.endswith("\n"):
        text += "\n"
    return RenderedLetter(text, lang, list(recorder.missing))


def render_session_letter(sf, fmt: str = "md", lang: str | None = None, **kwargs) -> str:
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
