"""The ``open`` command, and no command at all: the full-screen program (the only place Textual is imported)."""

from __future__ import annotations

import argparse

from wijksessie import paths
from wijksessie.commands.common import Parser


def cmd_program(args: argparse.Namespace) -> int:
    """Open the full-screen program (home screen, or a session)."""
    from wijksessie.tui.startup import pause_collector

    pause_collector(freeze_after=True)  # until the first frame: importing and building it is ~30 ms faster
    from wijksessie.tui.app import run_app  # Textual is imported only here

    return run_app(data_dir=paths.data_dir(args.data_dir), session=getattr(args, "session", None))


def setup_open(p: Parser) -> None:
    p.add_argument("session", metavar="SESSIE")
    p.set_defaults(func=cmd_program)
