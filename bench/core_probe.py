"""Child process for the letter and report figures: the work an officer starts, in a fresh process.

``python -m bench.core_probe letter DATA SID`` renders the letter of one
session as html, md and txt; ``python -m bench.core_probe report DATA``
makes the report over every session in the folder (md, csv and json). Each prints
``WORK <seconds>`` (the part after imports, for the notes) and exits; the
parent times the whole process, imports included, since that is what the
officer waits for. ``NOTREADY <why>`` when the module is not written yet.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


class NotReady(Exception):
    pass


def letter(data: str, sid: str) -> float:
    try:
        from wijksessie import letter
    except ImportError as exc:
        raise NotReady(f"letter not ready ({exc})") from None
    from wijksessie.store import SessionStore

    missing = [f for f in letter.FORMATS if not (letter.templates_dir() / f"letter.{f}").exists()]
    if missing:
        raise NotReady("letter templates not ready: " + ", ".join(missing))
    t0 = time.perf_counter()
    with SessionStore(Path(data)).open(sid, readonly=True) as sf:
        texts = [letter.render_session_letter(sf, fmt) for fmt in letter.FORMATS]
    elapsed = time.perf_counter() - t0
    if not all(texts):
        raise RuntimeError("empty letter")
    return elapsed


def report(data: str) -> float:
    try:
        from wijksessie import report
    except ImportError as exc:
        raise NotReady(f"report not ready ({exc})") from None
    from wijksessie.store import SessionStore

    if not hasattr(report, "build_report"):
        raise NotReady("report.build_report not ready")
    t0 = time.perf_counter()
    result = report.build_report(SessionStore(Path(data)))
    texts = [report.render_report(result, fmt) for fmt in ("md", "csv", "json")]
    elapsed = time.perf_counter() - t0
    if not all(texts):
        raise RuntimeError("empty report")
    return elapsed


def main(argv: list[str]) -> int:
    try:
        elapsed = letter(argv[1], argv[2]) if argv[0] == "letter" else report(argv[1])
    except NotReady as exc:
        sys.stdout.write(f"NOTREADY {exc}\n")
        return 3
    sys.stdout.write(f"WORK {elapsed}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
