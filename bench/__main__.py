"""``python -m bench [--quick] [--only NAME ...]``: run the benchmarks and print the table.

Exit status is 0 whenever every figure could be run, whatever the timings:
a missed target is a finding for a person to read, not a crash. It is 1
only when a figure itself crashed (its row says so).
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from bench.harness import Row, machine, table

#: name → (module, rows it produces when it cannot run)
FIGURES = {
    "cli": "bench.fig_cli",
    "store": "bench.fig_store",
    "tui": "bench.fig_tui",
    "letter": "bench.fig_letter",
    "pdf": "bench.fig_pdf",
    "report": "bench.fig_report",
    "keys": "bench.fig_keys",
    "import": "bench.fig_import",
}


@dataclass
class Context:
    """What every figure gets: the mode and a scratch folder of its own."""

    quick: bool
    tmp: Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and few runs (a smoke test, seconds)")
    parser.add_argument("--only", nargs="+", choices=list(FIGURES), help="run only these figures")
    parser.add_argument("--keep", action="store_true", help="keep the generated data folder and print where it is")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="wijksessie-bench-"))
    ctx = Context(quick=args.quick, tmp=tmp)
    print(f"wijksessie benchmarks{' (quick)' if args.quick else ''} · {machine()}", flush=True)
    rows: list[Row] = []
    crashed = False
    started = time.perf_counter()
    try:
        for name in args.only or list(FIGURES):
            t0 = time.perf_counter()
            try:
                module = importlib.import_module(FIGURES[name])
                new = module.run(ctx)
            except Exception as exc:  # noqa: BLE001 - one broken figure must not hide the others
                traceback.print_exc(file=sys.stderr)
                new = [Row(f"{name}", na=f"crashed: {type(exc).__name__}: {exc}"[:120])]
                crashed = True
            rows.extend(new)
            sys.stderr.write(f"  {name}: {time.perf_counter() - t0:.1f} s\n")
    finally:
        if args.keep:
            print(f"data kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(table(rows))
    print()
    missed = [r.figure for r in rows if r.ok is False]
    na = [r.figure for r in rows if r.na]
    print(f"{len(rows)} rows in {time.perf_counter() - started:.1f} s; "
          f"{len(missed)} targets missed; {len(na)} not measured.")
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
