"""Reading one export file for :mod:`wijksessie.importer`, and checking it before anything is written.

A bad file stops the import before any change: files larger than
:data:`MAX_IMPORT_BYTES` or that are not regular files, numbers too large to
be real, times in the future or before 2000, and ids that are not plain
lower-case letters, digits and dashes (upper case is made lower case, and
counted). Every problem is one message: the file, what is wrong, what to do.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wijksessie import feedback, model
from wijksessie.errors import UserError
from wijksessie.export import EXPORT_SCHEMA, EXPORT_VERSION
from wijksessie.i18n import _
from wijksessie.model import Agreement, Contribution, ModelError, Session

#: Export versions this version of wijksessie can read.
SUPPORTED_VERSIONS = frozenset(range(1, EXPORT_VERSION + 1))

#: The largest export file read (an export of 10,000 contributions is about 5 MB).
MAX_IMPORT_BYTES = 64 * 1024 * 1024
#: Digits a number in an export may have (a count or a vote, never more).
MAX_DIGITS = 15
#: Times before this are not real (a hand-edited or crafted file).
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
#: Clocks of two laptops differ; a time this far ahead still counts as now.
CLOCK_SLACK = dt.timedelta(days=1)
#: Keys that hold a moment something happened (checked: never in the future).
_TIME_KEYS = frozenset({"created_at", "edited_at", "decided_at", "updated_at", "at", "given_at", "sent_at"})


@dataclass
class ParsedExport:
    """One export file, read and checked, not yet merged."""

    path: Path
    session: Session
    contributions: list[Contribution]
    agreements: list[Agreement]
    people: int = 0
    #: Ids written in upper case in the file, made lower case.
    ids_lowered: int = 0


def _fail(path: Path, problem: str) -> UserError:
    """The file, then ``problem`` (one or more whole sentences), then what to do."""
    return UserError(
        " ".join([
            _("Dit bestand kan niet worden ingelezen: {file}.").format(file=path),
            problem,
            _("Gebruik een bestand van 'wijksessie export --format json'."),
        ])
    )


def read_export(path: Path | str) -> ParsedExport:
    """Read and check one export file; a :class:`UserError` names the file and the problem."""
    path = Path(path)
    raw = _read_bounded(path)
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float)
    except UnicodeDecodeError:
        raise _fail(path, _("Het is geen UTF-8-tekst.")) from None
    except json.JSONDecodeError as exc:
        raise _fail(path, _("Het is geen geldige JSON. De fout staat op regel {line}.").format(line=exc.lineno)) from None
    except _TooBig:
        raise _fail(path, _("Er staat een getal in dat veel te groot is.")) from None
    except (ValueError, RecursionError):
        raise _fail(path, _("Het is te diep genest, of er staat iets in wat geen export kan zijn.")) from None
    if not isinstance(data, dict) or data.get("schema") != EXPORT_SCHEMA:
        raise _fail(path, _("Het is geen export van wijksessie."))
    version = data.get("schema_version")
    if version not in SUPPORTED_VERSIONS or isinstance(version, bool):
        raise UserError(
            _("Dit bestand is gemaakt met een andere versie van wijksessie: {file}. Exportversie: {version}. Werk wijksessie bij, of maak de export opnieuw.").format(
                file=path, version=version
            )
        )
    session_data = data.get("session")
    contributions = data.get("contributions", [])
    agreements = data.get("agreements", [])
    if not isinstance(session_data, dict):
        raise _fail(path, _("De sessiegegevens ontbreken."))
    if not isinstance(contributions, list) or not isinstance(agreements, list):
        raise _fail(path, _("De punten of afspraken zijn geen lijst."))
    _check_times(path, text)
    session_data = dict(session_data)
    contributions, lowered_c = _check_ids(path, contributions, agreements=False)
    agreements, lowered_a = _check_ids(path, agreements, agreements=True)
    sid = session_data.get("id")
    if isinstance(sid, str) and sid != sid.lower() and model.ID_PATTERN.match(sid.lower()):
        session_data["id"] = sid.lower()
        lowered_c += 1
    # The export keeps the contact point beside the session; the model keeps it inside.
    if "contact" not in session_data and isinstance(data.get("contact"), dict):
        session_data["contact"] = data["contact"]
    try:
        session = Session.from_dict(session_data)
        parsed_contributions = [Contribution.from_dict(feedback.contribution_from_export(c)) if isinstance(c, dict)
                                else Contribution.from_dict(c) for c in contributions]
        parsed_agreements = [Agreement.from_dict(a) for a in agreements]
    except ModelError as exc:
        problem = str(exc).strip()
        raise _fail(path, problem if problem.endswith((".", "!", "?")) else problem + ".") from None
    people = data.get("people")
    return ParsedExport(
        path=path,
        session=session,
        contributions=parsed_contributions,
        agreements=parsed_agreements,
        people=len(people) if isinstance(people, list) else 0,
        ids_lowered=lowered_c + lowered_a,
    )


class _TooBig(ValueError):
    pass


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _TooBig(text[:20])
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > 40:
        raise _TooBig(text[:20])
    return float(text)


def _read_bounded(path: Path) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_IMPORT_BYTES`; never blocks on a pipe or device."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UserError(_("Dit bestand bestaat niet: {file}. Kijk de naam na.").format(file=path)) from None
    except OSError as exc:
        raise UserError(
            _("Dit bestand kan niet worden gelezen: {file}. Reden: {error}.").format(file=path, error=exc.strerror)
        ) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UserError(
                _("Dit is geen gewoon bestand: {file}. Kies een bestand van 'wijksessie export --format json'.").format(file=path)
            )
        limit_mb = MAX_IMPORT_BYTES // (1024 * 1024)
        too_big = UserError(
            _("Dit bestand is groter dan {mb} MB: {file}. Zo groot is een export van wijksessie nooit; kies het goede bestand.").format(
                file=path, mb=limit_mb
            )
        )
        if info.st_size > MAX_IMPORT_BYTES:
            raise too_big
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_IMPORT_BYTES:
                raise too_big
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise UserError(
            _("Dit bestand kan niet worden gelezen: {file}. Reden: {error}.").format(file=path, error=exc.strerror)
        ) from None
    finally:
        os.close(fd)


def _check_ids(path: Path, items: Any, *, agreements: bool) -> tuple[Any, int]:
    """Ids as the store and `decide` can use them: upper case lowered (counted), anything else refused.

    ``items`` are the file's agreements (``agreements``) or its points.
    """
    from wijksessie.safe_text import terminal_safe

    if not isinstance(items, list):
        return items, 0
    lowered = 0
    seen: set[str] = set()
    result = []
    for item in items:
        if not isinstance(item, dict):
            result.append(item)
            continue
        raw_id = item.get("id")
        if isinstance(raw_id, str) and not model.ID_PATTERN.match(raw_id) and model.ID_PATTERN.match(raw_id.lower()):
            item = {**item, "id": raw_id.lower()}
            lowered += 1
        new_id = item.get("id")
        if not isinstance(new_id, str) or not model.ID_PATTERN.match(new_id):
            shown = terminal_safe(json.dumps(new_id, ensure_ascii=False)[:40], oneline=True)
            if agreements:
                problem = _("Dit nummer van een afspraak is ongeldig: {id}. Alleen kleine letters, cijfers en streepjes mogen.")
            else:
                problem = _("Dit nummer van een punt is ongeldig: {id}. Alleen kleine letters, cijfers en streepjes mogen.")
            raise _fail(path, problem.format(id=shown))
        if new_id in seen:
            raise _fail(path, _("Dit nummer staat er twee keer in: {id}.").format(id=new_id))
        seen.add(new_id)
        result.append(item)
    return result, lowered


_TIME_RE = re.compile(r'"(' + "|".join(sorted(_TIME_KEYS)) + r')"\s*:\s*"([^"\\]{0,100})"')


def _check_times(path: Path, text: str, now: dt.datetime | None = None) -> None:
    """Refuse a moment in the future or before 2000 anywhere in the file (it would win every later edit).

    Scans the JSON text for the time keys (a quote inside residents' text is
    always escaped, so it cannot look like a key): fast for any size.
    """
    latest = (now or dt.datetime.now(dt.UTC)) + CLOCK_SLACK
    for m in _TIME_RE.finditer(text):
        if m.group(2) and (m.start() == 0 or text[m.start() - 1] != "\\"):
            _check_time(path, m.group(1), m.group(2), latest)


def _check_time(path: Path, key: str, value: str, latest: dt.datetime) -> None:
    def shown() -> str:
        from wijksessie.safe_text import terminal_safe

        return terminal_safe(value[:40], oneline=True)

    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise _fail(path, _("Dit is geen geldige tijd: {value}. Het gaat om: {key}.").format(value=shown(), key=key)) from None
    if moment.tzinfo is None:
        try:
            moment = moment.astimezone()
        except (OverflowError, ValueError, OSError):
            moment = moment.replace(tzinfo=dt.UTC)
    if moment > latest:
        raise _fail(path, _("Deze tijd ligt in de toekomst: {value}. Het gaat om: {key}. Zo'n bestand zou nieuwere wijzigingen wegdrukken.").format(
            value=shown(), key=key))
    if moment < EARLIEST:
        raise _fail(path, _("Deze tijd ligt voor het jaar 2000 en kan niet kloppen: {value}. Het gaat om: {key}.").format(value=shown(), key=key))
