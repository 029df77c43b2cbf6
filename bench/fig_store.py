"""Saving one contribution through the store vs a plain ``json.dump`` + fsync + ``os.replace``.

Each sample adds one contribution (timed) and deletes it again (not timed),
so the session keeps its size. The baseline writes the very same document
(all tables, the new contribution included) to a file in the same folder,
as the simplest durable save one could write by hand. Ours and the baseline
take turns, so drift on the machine hits both alike.
"""

from __future__ import annotations

import json
import os
import random
import time

from bench import data
from bench.harness import Row, fmt, interleaved, percentile

RATIO_TARGET = 2.0


def run(ctx) -> list[Row]:
    sizes = [100, 1000] if ctx.quick else [100, 1000, 5000]
    runs = 10 if ctx.quick else 100
    store, ids = data.make_store(ctx.tmp / "store", sizes, seed=21)
    rng = random.Random(5)
    rows = []
    strict_p99: dict[int, float] = {}
    for size, sid in zip(sizes, ids):
        path = store.path_for(sid)
        document = json.loads(path.read_text(encoding="utf-8"))
        table = document["contributions"]
        next_id = max(map(int, table)) + 1 if table else 1
        plain = path.with_name("baseline.json")

        with store.open(sid) as sf:

            def ours() -> float:
                c = data.new_contribution(rng)
                t0 = time.perf_counter()
                sf.add_contribution(c)
                elapsed = time.perf_counter() - t0
                sf.delete_contribution(c.id)
                return elapsed

            def plain_write(mode: str, write) -> float:
                """Add one contribution to the raw document and replace the file durably with ``write``."""
                c = data.new_contribution(rng)
                key = str(next_id)
                t0 = time.perf_counter()
                table[key] = c.to_dict()
                tmp = plain.with_name(".baseline.json.tmp")
                with open(tmp, mode, encoding=None if "b" in mode else "utf-8") as fh:
                    write(fh)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, plain)
                elapsed = time.perf_counter() - t0
                del table[key]
                return elapsed

            def baseline() -> float:
                # What the issue names: json.dump (which streams many small chunks) + fsync + os.replace.
                return plain_write("w", lambda fh: json.dump(document, fh, ensure_ascii=False, separators=(",", ":")))

            def one_shot() -> float:
                # A stricter baseline: the C encoder in one go, one write call.
                return plain_write("wb", lambda fh: fh.write(
                    json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")))

            a, b, strict = interleaved([ours, baseline, one_shot], runs)
            if len(sf.contributions()) != size:
                raise RuntimeError("store bench changed the session size")
        for label, p in (("p50", 50), ("p99", 99)):
            row = Row(
                f"save 1 contribution, {size:,} in session ({label})",
                percentile(a, p), percentile(b, p),
                target=f"p99 ≤ {RATIO_TARGET:g}× baseline" if p == 99 else "",
            )
            if p == 99:
                row.ok = row.ratio is not None and row.ratio <= RATIO_TARGET
            rows.append(row)
        strict_p99[size] = percentile(strict, 99)
    rows[-1].note = (
        f"{runs} saves per size; baseline = the same document with json.dump + fsync + os.replace "
        "(the store also keeps a backup link and fsyncs the folder). A stricter baseline, json.dumps "
        "in one write, has p99 " + ", ".join(f"{fmt(v, 's')} at {n:,}" for n, v in strict_p99.items())
    )
    return rows
