"""The meeting's step views ask; the meeting screen saves (issue 16.3).

A step view that wrote to the session file itself, or reached for the meeting
screen, would save outside the screen's order of typing, its save indicator
and its undo. These checks read the source of the step views, so such a
change fails here instead of going unnoticed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import wijksessie.tui.meeting as meeting_package

MEETING = Path(meeting_package.__file__).parent

#: The modules with step views and what they show; the screen's own mixins (recording,
#: timer, handlers, lending, host) and the dialogs are not step views.
STEP_VIEW_MODULES = ["base.py", "views.py", "tally.py", "themes.py", "agreements.py", "evaluation.py",
                     "lookback.py", "texts.py"]

#: What writes a session: the session file's and the core's saving calls.
SAVING_CALLS = {
    "add_contribution", "edit_contribution", "update_contribution", "delete_contribution",
    "restore_contribution", "add_agreement", "delete_agreement", "update_agreement", "vote", "decide",
    "add_theme", "record_evaluation", "record_letter", "set_agreement_state",
}


def _tree(name: str) -> ast.Module:
    return ast.parse((MEETING / name).read_text(encoding="utf-8"), filename=name)


@pytest.mark.parametrize("name", STEP_VIEW_MODULES)
def test_step_views_do_not_import_the_meeting_screen(name):
    imported = set()
    for node in ast.walk(_tree(name)):
        if isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    assert not {m for m in imported if m.startswith("wijksessie.tui.screens")}, name


@pytest.mark.parametrize("name", STEP_VIEW_MODULES)
def test_step_views_do_not_save(name):
    calls = {
        node.func.attr
        for node in ast.walk(_tree(name))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not calls & SAVING_CALLS, (name, sorted(calls & SAVING_CALLS))
    attributes = {node.attr for node in ast.walk(_tree(name)) if isinstance(node, ast.Attribute)}
    assert "meeting" not in attributes, name


def test_every_step_view_module_is_checked():
    """A new module in the package is either a step view (checked above) or one of the screen's own parts."""
    screens_parts = {"__init__.py", "recording.py", "timer.py", "handlers.py", "lending.py", "host.py", "dialogs.py"}
    assert {p.name for p in MEETING.glob("*.py")} == set(STEP_VIEW_MODULES) | screens_parts
