"""Erasing a person, or all personal data of a session, everywhere the program keeps it.

``forget`` and ``purge`` (see :mod:`wijksessie.store`) use these functions.
A resident's name, e-mail address and address can end up in more places than
the ``people`` table: in what was said ("Jan Bakker wil helpen"), as the one
who picks a point up (decision owner), as the "who" of an agreement, as the
contact point, and in old copies (the ``.bak`` backup, damaged copies set
aside by ``restore``, exports and letters in the output folder). Everything
here works on the raw session tables, so the store can write the result in
one durable write.

What was erased is remembered without the data itself: salted hashes of
each word group (:func:`remember`), so an import of an old export can spot
and drop it again (:func:`scrub_known`) without this laptop keeping the name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wijksessie.i18n import N_, _

#: The session-file table that remembers what was erased (hashes only).
TABLE = "forgotten"
_INFIXES = frozenset("van de der den ter ten te het 't op in la le von".split())
_MIN_WORD = 3  # a single name part shorter than this ("Bo") is not searched for on its own
_MAX_WORDS = 4  # longest word group remembered ("Kees van de Berg")
_TEXT_SUFFIXES = (".md", ".txt", ".html", ".htm", ".csv", ".json", ".xml")


@dataclass
class ErasureReport:
    """What an erasure changed, and what it could not (each a line for the user)."""

    session_id: str
    person: object = None
    changed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- terms


@dataclass(frozen=True)
class Term:
    """One thing to find and replace: the text, and the placeholder it becomes."""

    text: str
    placeholder: str


def person_terms(name: str = "", email: str = "", address: str = "", phone: str = "", *, parts: bool = True) -> list[Term]:
    """Every form of a person's details worth searching for, longest first.

    The whole name and each name part of three letters or more (the surname
    alone is how neighbours speak of someone); the e-mail address; the whole
    address and each part of it (street and number, postcode and town); the
    phone number.
    """
    from wijksessie import privacy

    terms: list[Term] = []
    name = " ".join((name or "").split())
    if name:
        terms.append(Term(name, _("[naam]")))
        words = name.split() if parts else []
        for word in words:
            if word.casefold() not in _INFIXES and len(word.strip(".-'")) >= _MIN_WORD:
                terms.append(Term(word, _("[naam]")))
        # the surname with its infixes: "van der Berg"
        for i in range(1, len(words)):
            if words[i].casefold() in _INFIXES:
                terms.append(Term(" ".join(words[i:]), _("[naam]")))
                break
    if email.strip():
        terms.append(Term(email.strip(), _("[e-mailadres]")))
    address = " ".join((address or "").split())
    if address:
        terms.append(Term(address, _("[adres]")))
        for part in re.split(r"[,\n;]", address):
            part = part.strip()
            if parts and len(part) >= _MIN_WORD and any(ch.isdigit() for ch in part):
                terms.append(Term(part, _("[adres]")))
        for hint in privacy.personal_data_hints(address):
            terms.append(Term(hint.text, hint.placeholder))
    if phone.strip():
        terms.append(Term(phone.strip(), _("[telefoonnummer]")))
        digits = re.sub(r"\D", "", phone)
        if len(digits) >= 6 and digits != phone.strip():
            terms.append(Term(digits, _("[telefoonnummer]")))
    unique: dict[str, Term] = {}
    for t in terms:
        unique.setdefault(t.text.casefold(), t)
    return sorted(unique.values(), key=lambda t: len(t.text), reverse=True)


def _pattern(terms: Iterable[Term]) -> re.Pattern[str] | None:
    texts = [t.text for t in terms if t.text]
    if not texts:
        return None
    parts = []
    for text in sorted(texts, key=len, reverse=True):
        words = [re.escape(w) for w in text.split()]
        parts.append(r"\s+".join(words))
    return re.compile(r"(?<![\w@.+-])(?:" + "|".join(parts) + r")(?![\w@-]|\.\w)", re.IGNORECASE)


def scrub(text: str, terms: list[Term]) -> str:
    """``text`` with every term (any case, any spacing) replaced by its placeholder."""
    pattern = _pattern(terms)
    if pattern is None or not text:
        return text
    by_key = {" ".join(t.text.split()).casefold(): t.placeholder for t in terms}
    return pattern.sub(lambda m: by_key.get(" ".join(m.group().split()).casefold(), _("[naam]")), text)


# ----------------------------------------------------------------------------- the session tables


def _scrub_strings(obj: Any, terms: list[Term], placeholders: set[str], path: str = "") -> list[str]:
    """Scrub every text inside ``obj`` (dicts and lists, in place); returns the paths of what changed.

    A field that named only the person ("owner": "Jan Bakker", "who") is
    emptied rather than left as a bare placeholder.
    """
    changed: list[str] = []
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for key, value in list(items):
        where = f"{path}.{key}" if path else str(key)
        if isinstance(value, str):
            new = scrub(value, terms)
            if new != value:
                obj[key] = "" if key in ("owner", "who") and new.strip() in placeholders else new
                changed.append(where)
        elif isinstance(value, (dict, list)):
            changed += _scrub_strings(value, terms, placeholders, where)
    return changed


#: A changed field in words, by its key.
_FIELD_LABELS = {
    "text": N_("tekst"), "owner": N_("wie het oppakt"), "reason": N_("reden"), "organisation": N_("organisatie"),
    "who": N_("wie"), "what": N_("wat"), "recorded_by": N_("vastgelegd door"), "title": N_("titel"),
    "place": N_("plek"), "themes": N_("thema's"), "prompts": N_("vragen"),
}
#: The same field in an earlier answer or a letter sent before (each a whole label, not "eerder" + label).
_EARLIER_LABELS = {
    "text": N_("eerdere tekst"), "owner": N_("wie het eerder oppakte"), "reason": N_("eerdere reden"),
    "organisation": N_("eerdere organisatie"), "who": N_("wie het eerder deed"), "what": N_("eerdere afspraak"),
    "recorded_by": N_("wie het eerder vastlegde"), "title": N_("eerdere titel"), "place": N_("eerdere plek"),
    "themes": N_("eerdere thema's"), "prompts": N_("eerdere vragen"),
}


def _field_label(path: str) -> str:
    """A changed field in words: "decision.owner" → "wie het oppakt", "history.0.reason" → "eerdere reden"."""
    parts = [p for p in path.split(".") if not p.isdigit()]
    key = parts[-1] if parts else path
    if "privacy_ok" in parts:
        return _("reden voor de brief")
    if "history" in parts or "letters" in parts or "letters_sent" in parts:
        return _(_EARLIER_LABELS[key]) if key in _EARLIER_LABELS else _("een eerdere versie")
    return _(_FIELD_LABELS[key]) if key in _FIELD_LABELS else key


def scrub_tables(tables: dict[str, Any], terms: list[Term], *, contact_too: bool = False) -> list[str]:
    """Replace ``terms`` in every text of a session's raw tables; returns a line per changed record.

    Looks everywhere: contribution texts, decisions and their history (owner,
    reason, organisation), agreements ("who", what, history), the session's
    own texts (letters sent, prompts) and the contact point: a contact point
    that names the person is emptied (``contact_too`` empties it anyway).
    """
    from wijksessie.model import now

    stamp = now().isoformat()
    placeholders = {t.placeholder for t in terms}
    changes: list[str] = []
    for doc in (tables.get("contributions") or {}).values():
        if not isinstance(doc, dict):
            continue
        fields = _scrub_strings(doc, terms, placeholders)
        if fields:
            if "text" in fields:
                doc["edited_at"] = stamp  # newer than any copy elsewhere: an import keeps this version
            changes.append(_("Inbreng: {id}. Aangepast: {fields}.").format(
                id=doc.get("id", "?"), fields=", ".join(dict.fromkeys(map(_field_label, fields)))))
    for doc in (tables.get("agreements") or {}).values():
        if not isinstance(doc, dict):
            continue
        fields = _scrub_strings(doc, terms, placeholders)
        if fields:
            changes.append(_("Afspraak: {id}. Aangepast: {fields}.").format(
                id=doc.get("id", "?"), fields=", ".join(dict.fromkeys(map(_field_label, fields)))))
    session = (tables.get("session") or {}).get("1")
    if isinstance(session, dict):
        contact = session.get("contact") or {}
        named = any(scrub(str(v or ""), terms) != str(v or "") for v in contact.values())
        if contact and any(contact.values()) and (named or contact_too):
            session["contact"] = {k: "" for k in contact}
            changes.append(_("Aanspreekpunt gewist."))
        rest = {k: v for k, v in session.items() if k != "contact"}
        fields = _scrub_strings(rest, terms, placeholders)
        if fields:
            session.update(rest)
            changes.append(_("Sessie aangepast: {fields}.").format(fields=", ".join(dict.fromkeys(map(_field_label, fields)))))
    return changes


def contact_terms(contact: dict[str, Any] | None) -> list[Term]:
    """The contact point's name, phone and e-mail as terms (for purge)."""
    contact = contact or {}
    return person_terms(name=contact.get("name", ""), email=contact.get("email", ""), phone=contact.get("phone", ""),
                        parts=False)


# ----------------------------------------------------------------------------- remembering without the data


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _hash(salt: str, text: str) -> str:
    return hashlib.sha256((salt + "\x00" + _fold(text)).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def remember(tables: dict[str, Any], terms: list[Term], what: str) -> None:
    """Add salted hashes of ``terms`` to the session's record of erased data (never the data itself)."""
    record = tables.setdefault(TABLE, {}).setdefault("1", {})
    salt = record.get("salt") or secrets.token_hex(16)
    record["salt"] = salt
    known = dict(record.get("hashes") or {})
    for t in terms:
        known[_hash(salt, t.text)] = t.placeholder
    record["hashes"] = known
    events = list(record.get("events") or [])
    events.append({"what": what, "at": dt.date.today().isoformat(), "count": len(terms)})
    record["events"] = events


def record_of(tables: dict[str, Any]) -> dict[str, Any]:
    """The record of erased data in a session's raw tables (``{}`` when nothing was erased)."""
    record = (tables.get(TABLE) or {}).get("1")
    return record if isinstance(record, dict) and record.get("hashes") else {}


_WORD_OR_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w'’.-]+", re.UNICODE)


def scrub_known(text: str, record: dict[str, Any]) -> str:
    """``text`` with every word group whose hash is in ``record`` replaced: what was erased stays erased."""
    if not text or not record:
        return text
    salt, known = record.get("salt", ""), record.get("hashes") or {}
    words = []
    for m in _WORD_OR_EMAIL.finditer(text):
        g = m.group()
        lead, trail = len(g) - len(g.lstrip(".")), len(g) - len(g.rstrip("."))
        if len(g) > lead:
            words.append((m.start() + lead, m.end() - trail))
    out, pos, i = [], 0, 0
    while i < len(words):
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            group = " ".join(text[s:e] for s, e in words[i : i + n])
            placeholder = known.get(_hash(salt, group))
            if placeholder:
                out.append(text[pos : words[i][0]])
                out.append(placeholder)
                pos = words[i + n - 1][1]
                i += n
                break
        else:
            i += 1
    out.append(text[pos:])
    return "".join(out)


def scrub_known_in(obj: Any, record: dict[str, Any]) -> bool:
    """:func:`scrub_known` on every text inside ``obj`` (dicts and lists, in place); True if any changed."""
    changed = False
    items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
    for key, value in list(items):
        if isinstance(value, str):
            new = scrub_known(value, record)
            if new != value:
                obj[key] = new
                changed = True
        elif isinstance(value, (dict, list)):
            changed = scrub_known_in(value, record) or changed
    return changed


def known_match(values: Iterable[str], record: dict[str, Any]) -> bool:
    """True when any of ``values`` (a contact's name, phone, e-mail) was erased here before."""
    salt, known = record.get("salt", ""), record.get("hashes") or {}
    return any(v and _hash(salt, v) in known for v in values)


# ----------------------------------------------------------------------------- files beside the session


def scrub_file(path: Path, terms: list[Term]) -> str | None:
    """Replace ``terms`` in a text file (as typed, as in JSON, as in HTML); returns what happened, or None.

    Binary documents (PDF, Word) cannot be edited: one that may hold the
    person is removed (it can be made again), one that cannot be checked is
    reported. Raises ``OSError`` when the file cannot be read or written.
    """
    from wijksessie.atomic import write_atomic

    suffix = path.suffix.lower()
    raw = path.read_bytes()
    if suffix in (".docx", ".odt"):
        if _zip_mentions(raw, terms):
            path.unlink()
            return _("Verwijderd: {path}. Maak het opnieuw als u het nodig hebt.").format(path=path)
        return None
    if suffix == ".pdf":
        return _("Een PDF kunnen we niet nakijken: {path}. Verwijder het, of maak het opnieuw.").format(path=path)
    text = raw.decode("utf-8", "surrogateescape")
    new = text
    for variant in (lambda s: s, lambda s: json.dumps(s, ensure_ascii=False)[1:-1], html.escape,
                    lambda s: json.dumps(s)[1:-1]):
        vterms = [Term(variant(t.text), variant(t.placeholder)) for t in terms]
        new = scrub(new, vterms)
    if new == text:
        return None
    write_atomic(path, new.encode("utf-8", "surrogateescape"))
    return _("Aangepast: {path}.").format(path=path)


def _zip_mentions(raw: bytes, terms: list[Term]) -> bool:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            text = " ".join(
                z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml") and z.getinfo(n).file_size < 50_000_000
            )
    except (zipfile.BadZipFile, OSError, RuntimeError):
        return True  # cannot check: take it away to be sure
    text = re.sub(r"<[^>]+>", "", text)
    pattern = _pattern(terms)
    return bool(pattern and pattern.search(html.unescape(text)))


def scrub_files(paths: Iterable[Path], terms: list[Term], report: ErasureReport) -> None:
    """:func:`scrub_file` on each path; one that cannot be read or written is named in ``report.failed``."""
    for path in paths:
        if path.is_symlink() or not path.is_file():
            report.failed.append(
                _("Dit is geen gewoon bestand: {path}. Dat passen we niet aan; kijk zelf wat het is en verwijder het als er gegevens in staan.").format(path=path)
            )
            continue
        try:
            result = scrub_file(path, terms)
        except OSError as exc:
            report.failed.append(
                _("Dit kan niet worden aangepast: {path}. Reden: {error}. Verwijder het zelf, of geef uzelf toegang en probeer het opnieuw.").format(
                    path=path, error=exc.strerror or exc
                )
            )
            continue
        if result:
            (report.failed if path.suffix.lower() == ".pdf" else report.changed).append(result)


def files_beside(session_path: Path) -> list[Path]:
    """Copies that may still hold a session's data: damaged copies, and everything in its output folder."""
    from wijksessie.store import damaged_copies

    found = list(damaged_copies(session_path))
    out = session_path.parent / "uitvoer" / session_path.stem
    if out.is_dir():
        found += sorted(p for p in out.rglob("*") if not p.is_dir() or p.is_symlink())
    return found
