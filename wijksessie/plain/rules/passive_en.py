"""Rule: passive voice in English: a form of "be" followed within three words by a participle."""

from __future__ import annotations

_EN_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
_EN_IRREGULAR = frozenset(
    "done given taken made seen written sent told held chosen known shown paid heard found built kept "
    "brought taught spent sold asked".split()
)
_EN_NOT_PARTICIPLE = frozenset(
    "interested tired excited worried concerned pleased bored scared married limited qualified skilled "
    "experienced talented retired divorced disabled hundred sacred naked wicked".split()
)


def find_spans(words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
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


