"""The letter as PDF and as Word for 1,000 contributions: ``wijksessie letter`` in fresh processes.

Each row is the command a facilitator runs, from start to file on disk, so
imports, reading the session and writing the file are all in it. The
baseline is the same command writing the HTML letter, measured in the same
run and interleaved with it (a, b, a, b, …), so a busy machine shows in
both columns. The Arabic PDF row shows what HarfBuzz shaping costs; it has
no separate target.
"""

from __future__ import annotations

from bench import data
from bench.fig_cli import command
from bench.harness import Row, interleaved, median

TARGET = 2.0


def _timed(cmd: list[str]):
    import subprocess

    from bench.harness import REPO, child_env

    def run() -> None:
        proc = subprocess.run(cmd, capture_output=True, env=child_env(), cwd=REPO, timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")

    return run


def run(ctx) -> list[Row]:
    size = 100 if ctx.quick else 1000
    runs = 2 if ctx.quick else 5
    store, (sid,) = data.make_store(ctx.tmp / "pdf", [size], seed=71)
    out = ctx.tmp / "pdf-out"
    out.mkdir()
    base_cmd = command() + ["--data-dir", str(store.data_dir), "letter", sid]

    def letter(fmt: str, lang: str = "nl"):
        return _timed(base_cmd + ["--format", fmt, "--lang", lang, "-o", str(out / f"brief-{lang}.{fmt}"), "--force"])

    html, pdf, docx, pdf_ar = interleaved([letter("html"), letter("pdf"), letter("docx"), letter("pdf", "ar")], runs)
    base = median(html)
    rows = []
    for label, samples, target in (
        (f"letter as PDF, {size:,} contributions (`letter --format pdf`)", pdf, TARGET),
        (f"letter as Word, {size:,} contributions (`letter --format docx`)", docx, TARGET),
        (f"Arabic letter as PDF (shaped), {size:,} contributions", pdf_ar, None),
    ):
        ours = median(samples)
        rows.append(Row(
            label, ours=ours, base=base,
            target=f"≤ {target:g} s" if target else "—",
            ok=(ours <= target) if target else None,
            note="fresh process, from start to file on disk; baseline is the same command writing the HTML letter",
        ))
    return rows
