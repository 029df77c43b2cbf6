"""Child process for the letter and report figures: the work an officer starts, in a fresh process.

``python -m bench.core_probe letter DATA SID`` renders the letter of one
session as html, md and txt; ``python -m bench.core_probe report DATA``
makes the report over every session in the folder (md, csv and json). Each prints
``WORK <seconds>`` (the part after imports, for the notes) and exits; the
parent times the whole process, imports included, since that is what the
officer waits for. Anything missing is an error: the figure fails, it does
not go quiet.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def letter(data: str, sid: str) -> float:
    from wijksessie import letter
    from wijksessie.store import SessionStore

    t0 = time.perf_counter()
    with SessionStore(Path(data)).open(sid, readonly=True) as sf:
        texts = [letter.render_session_letter(sf, fmt) for fmt in letter.FORMATS]
    elapsed = time.perf_counter() - t0
    if not all(texts):
        raise RuntimeError("empty letter")
    return elapsed


def report(data: str) -> float:
    from wijksessie import report
    from wijksessie.store import SessionStore

    t0 = time.perf_counter()
    result = report.build_report(SessionStore(Path(data)))
    texts = [report.render_report(result, fmt) for fmt in ("md", "csv", "json")]
    elapsed = time.perf_counter() - t0
    if not all(texts):
        raise RuntimeError("empty report")
    return elapsed


def main(argv: list[str]) -> int:
    elapsed = letter(argv[1], argv[2]) if argv[0] == "letter" else report(argv[1])
    sys.stdout.write(f"WORK {elapsed}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
