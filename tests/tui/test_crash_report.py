"""An unexpected error in the program: the report for the log keeps frames and type, never what was typed."""

from __future__ import annotations

from wijksessie.tui.app import _without_locals, make_app


def test_report_without_locals_and_message():
    report = "\n".join([
        "╭──── Traceback (most recent call last) ────╮",
        "│ /work/wijksessie/tui/screens/home.py:10 in action_open │",
        "│ ╭──────────── locals ────────────╮ │",
        "│ │ text = 'Mevrouw Jansen heeft diabetes' │ │",
        "│ ╰────────────────────────────────╯ │",
        "╰───────────────────────────────────────────╯",
        "ValueError: Mevrouw Jansen heeft diabetes",
    ])
    cleaned = _without_locals(report)
    assert "home.py:10 in action_open" in cleaned
    assert "ValueError" in cleaned
    assert "Jansen" not in cleaned


async def test_a_crash_is_captured_not_printed(data_dir, capsys):
    app = make_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # Textual writes its report to the app's error console; ours keeps it for the log.
        app.error_console.print("ValueError: something")
        assert "ValueError" in app.crash_report()
    assert "ValueError" not in capsys.readouterr().err



def test_the_log_keeps_the_programs_frames(tmp_path, monkeypatch):
    from wijksessie import log
    from wijksessie.tui.app import ProgramCrashed

    monkeypatch.setattr(log, "log_path", lambda: tmp_path / "wijksessie.log")
    report = _without_locals("│ home.py:10 in action_open │\n╰──╯\nValueError: Mevrouw Jansen")
    try:
        raise ProgramCrashed(report)
    except ProgramCrashed:
        where = log.log_crash("program")
    text = (tmp_path / "wijksessie.log").read_text(encoding="utf-8")
    assert where is not None and "home.py:10 in action_open" in text and "ValueError" in text
    assert "Jansen" not in text
