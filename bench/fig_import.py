"""Importing a JSON export (issue 13.6): one durable write per session, so it grows linearly.

Ours: ``importer.import_files`` of an export with N contributions into an
empty data folder (read, check every id and time, merge, write). Baseline,
measured in the same run and taking turns with ours: the least any durable
import can do — read the same file with ``json.loads``, and write the whole
session once with ``json.dumps`` + fsync + ``os.replace``. The note adds the
old way (one write per contribution, as import did before) at a small size,
and how time grows from the smallest to the largest size.
"""

from __future__ import annotations

import json
import os
import shutil
import time

from bench import data
from bench.harness import Row, fmt, interleaved, median

RATIO_TARGET = 3.0


def run(ctx) -> list[Row]:
    from wijksessie import export, importer
    from wijksessie.model import Contribution
    from wijksessie.store import SessionStore

    sizes = [500, 2000] if ctx.quick else [1000, 10_000]
    runs = 3 if ctx.quick else 5
    source, ids = data.make_store(ctx.tmp / "import-source", sizes, seed=31)
    rows: list[Row] = []
    medians: dict[int, float] = {}
    for size, sid in zip(sizes, ids):
        file = ctx.tmp / f"export-{size}.json"
        with source.open(sid, readonly=True) as sf:
            file.write_text(export.export_json(sf), encoding="utf-8")
        counter = iter(range(10**6))

        def ours() -> float:
            target = ctx.tmp / f"import-{size}-{next(counter)}"
            t0 = time.perf_counter()
            [result] = importer.import_files(SessionStore(target), [file])
            elapsed = time.perf_counter() - t0
            if result.added != size:
                raise RuntimeError(f"imported {result.added} of {size}")
            shutil.rmtree(target)
            return elapsed

        def baseline() -> float:
            folder = ctx.tmp / f"plain-{size}"
            folder.mkdir(exist_ok=True)
            t0 = time.perf_counter()
            document = json.loads(file.read_text(encoding="utf-8"))
            payload = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            tmp = folder / ".session.json.tmp"
            with open(tmp, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, folder / "session.json")
            return time.perf_counter() - t0

        a, b = interleaved([ours, baseline], runs)
        medians[size] = median(a)
        row = Row(f"import export of {size:,} contributions", median(a), median(b))
        if size == sizes[-1]:
            # The target is for a large import, where a quadratic one hurt; at small sizes the fixed cost
            # of making a new session file (its own durable write) and taking the lock dominates.
            row.target = f"≤ {RATIO_TARGET:g}× baseline"
            row.ok = row.ratio is not None and row.ratio <= RATIO_TARGET
        rows.append(row)

    # The old way, for comparison: one durable write per contribution (quadratic), at a small size.
    old_n = 200 if ctx.quick else 1000
    store = SessionStore(ctx.tmp / "old-way")
    with source.open(ids[0], readonly=True) as sf:
        session, contributions = sf.session, sf.contributions()[:old_n]
    store.create(session)
    t0 = time.perf_counter()
    with store.open(session.id) as sf:
        for c in contributions:
            sf.add_contribution(Contribution.from_dict(c.to_dict()))
    old = time.perf_counter() - t0
    small, large = sizes[0], sizes[-1]
    growth = medians[large] / medians[small] if medians[small] else float("nan")
    rows[-1].note = (
        f"{runs} imports per size into an empty data folder. {large // small}× the contributions took "
        f"{growth:.1f}× the time (linear growth would be {large // small}×). The old way, one write per contribution: {fmt(old, 's')} for "
        f"{old_n:,} (ours {fmt(medians[small] * old_n / small, 's')} at that size, scaled)."
    )
    return rows
