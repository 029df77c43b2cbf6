"""Finding personal data in a text and replacing it with a neutral word: the kinds together."""

from __future__ import annotations

import functools

from wijksessie.privacy.hints import CONTACT_KINDS, Hint
from wijksessie.privacy.names import name_contact_hints, name_health_hints
from wijksessie.privacy.numbers import phone_hints, simple_hints


def personal_data_hints(text: str) -> list[Hint]:
    """Passages in ``text`` that look like personal data (see the module docs for what is found).

    Sorted by position, without overlaps. An empty list means nothing was found.
    """
    if not text:
        return []
    return list(_hints(text))


@functools.lru_cache(maxsize=4096)
def _hints(text: str) -> tuple[Hint, ...]:
    """The work of :func:`personal_data_hints`, kept per text: a letter asks for every point in every format."""
    found = phone_hints(text)
    found += simple_hints(text)
    found += name_health_hints(text)
    if any(h.kind in CONTACT_KINDS for h in found):
        taken = [(h.start, h.end) for h in found]
        found += [h for h in name_contact_hints(text)
                  if not any(s < h.end and h.start < e for s, e in taken)]  # a name beside health is already there
    found.sort(key=lambda h: (h.start, -h.end))
    result: list[Hint] = []
    for hint in found:
        if result and hint.start < result[-1].end:
            if hint.end > result[-1].end and hint.kind == result[-1].kind:
                last = result[-1]
                result[-1] = Hint(last.kind, last.start, hint.end, text[last.start : hint.end])
            continue  # inside an earlier passage (e.g. digits of an e-mail address)
        result.append(hint)
    return tuple(result)


def anonymise(text: str, hints: list[Hint] | None = None) -> str:
    """``text`` with each passage found by :func:`personal_data_hints` replaced by a neutral word."""
    hints = personal_data_hints(text) if hints is None else sorted(hints, key=lambda h: h.start)
    out = []
    pos = 0
    for hint in hints:
        if hint.start < pos:
            continue
        out.append(text[pos : hint.start])
        out.append(hint.placeholder)
        pos = hint.end
    out.append(text[pos:])
    return "".join(out)


def describe(hints: list[Hint]) -> str:
    """One line for a warning: what was found, e.g. "Dit lijkt een telefoonnummer: 06-12345678."."""
    return " ".join(h.found for h in hints)
