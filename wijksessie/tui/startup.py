"""While the full-screen program starts: Python's cyclic garbage collector waits for the first frame.

Starting makes tens of thousands of objects that live as long as the program:
Textual's classes, styles and widgets, our modules, the open session and its
first screen. While they are made, the collector walks them again and again
and frees nothing: about 30 ms of opening a session (``python -m bench --only
tui``). So the ``open`` command calls :func:`pause_collector` before it even
imports Textual, and the App calls :func:`resume_collector` once its first
frame is drawn (and when it stops, in case it never drew one).

This module imports nothing of Textual or the program, so it can be used
before they are imported.
"""

from __future__ import annotations

import gc

_paused = False
_freeze = False


def pause_collector(*, freeze_after: bool = False) -> None:
    """Pause the collector until :func:`resume_collector`; nothing happens when it is off already.

    ``freeze_after``: the process runs one program and ends with it (the
    ``open`` command): what starting made is then frozen when the collector
    resumes (:func:`gc.freeze`), so later collections skip it and stay short
    while the facilitator types. Not in a process that runs many apps
    (tests, the benchmark): an app that ended would never be collected.
    """
    global _paused, _freeze
    if freeze_after:
        _freeze = True
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collector() -> None:
    """The first frame is drawn (or the program stops): the collector runs as usual again."""
    global _paused
    if _paused:
        _paused = False
        if _freeze:
            gc.freeze()
        gc.enable()
