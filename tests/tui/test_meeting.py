"""A facilitator's evening, driven through the keyboard; afterwards we read what the store holds."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

import pytest
from textual import events
from textual.widgets import Input

from tests.tui.waiting import wait_until
from wijksessie import export
from wijksessie.content import get_agenda
from wijksessie.model import Session
from wijksessie.tui.app import make_app
from wijksessie.tui.dialogs.common import ConfirmDialog, ContactDialog, PromptsDialog
from wijksessie.tui.screens.home import HomeScreen
from wijksessie.tui.screens.meeting import MeetingScreen
from wijksessie.tui.screens.prepare import PrepareScreen
from wijksessie.tui.screens.room import RoomScreen
from wijksessie.tui.widgets.entries import EntryList

STEP_IDS = [s.id for s in get_agenda("standaard-90").steps]


async def type_text(pilot, text: str) -> None:
    """Type ``text`` into the focused field.

    Short texts go key by key; longer ones arrive as one paste (as from a
    terminal's bracketed paste), which keeps the tests quick: Pilot waits
    for the screen to settle after every single key.
    """
    if len(text) <= 3:
        await pilot.press(*text)
        return
    focused = pilot.app.focused
    assert focused is not None, "no field has the keyboard"
    focused.post_message(events.Paste(text))
    await pilot.pause()


_SVG_TEXT = re.compile(
    r'<text [^>]*x="([\d.]+)"[^>]*textLength="([\d.]+)"[^>]*clip-path="url\(#[\w-]+-line-(\d+)\)"[^>]*>(.*?)</text>'
)


def screen_text(app) -> str:
    """What the terminal shows now, as plain text, read from Textual's public screenshot (SVG)."""
    runs = []
    for match in _SVG_TEXT.finditer(app.export_screenshot()):
        text = html.unescape(match[4]).replace("\xa0", " ")
        runs.append((float(match[1]), float(match[2]), int(match[3]), text))
    if not runs:
        return ""
    cell = Counter(round(length / len(text), 3) for _x, length, _n, text in runs if text).most_common(1)[0][0]
    width, height = app.size
    lines = [[" "] * width for _row in range(height)]
    for x, _length, row, text in runs:
        column = round(x / cell)
        for offset, char in enumerate(text):
            if 0 <= row < height and 0 <= column + offset < width:
                lines[row][column + offset] = char
    return "\n".join("".join(line) for line in lines)


@pytest.fixture
def read_screen():
    """``read_screen(app)`` → the screen as plain text (public API only)."""
    return screen_text


async def until(pilot, condition, what: str, tries: int = 300):
    """Let the app work until ``condition()`` holds (no fixed sleeps; patient on a busy machine)."""
    await wait_until(pilot, condition, what, tries)


async def test_whole_meeting_from_new_session_to_close(data_dir, clock, reopen):
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, PrepareScreen), "prepare screen")
        await type_text(pilot, "Gezond in Noord")
        await pilot.press("enter")  # on to the next field
        await type_text(pilot, "Noord")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        meeting: MeetingScreen = app.screen
        sid = meeting.sf.session.id
        assert meeting.step.id == "welkom"

        # welcome: a question from the room
        await pilot.press("f4")
        await type_text(pilot, "Wat doet u met onze ideeen?")
        await pilot.press("enter")
        assert meeting.entry_count() == 1

        # who is here
        await pilot.press("f8")
        await until(pilot, lambda: meeting.step.id == "wie-is-er", "tally step")
        await type_text(pilot, "15")
        await pilot.press("enter")

        # topics become themes
        await pilot.press("f8")
        await until(pilot, lambda: meeting.step.id == "onderwerpen", "topics step")
        for topic in ("Bewegen", "Eenzaamheid", "Groen"):
            await type_text(pilot, topic)
            await pilot.press("enter")

        # voting: three dots for Bewegen, one for Eenzaamheid
        await pilot.press("f8")
        await until(pilot, lambda: meeting.step.id == "kiezen", "vote step")
        await pilot.press("plus", "plus", "plus", "down", "plus")

        # discussing the top theme: a problem, tagged with it
        await pilot.press("f8")
        await until(pilot, lambda: meeting.step.id == "bespreken", "discuss step")
        assert meeting.theme == "Bewegen"
        await pilot.press("f3")
        await type_text(pilot, "Het sportveld is dicht")
        await pilot.press("enter")

        # a quick win and an agreement: what, who, by when
        await pilot.press("f8")
        await until(pilot, lambda: meeting.step.id == "snel-beter", "quick wins step")
        await type_text(pilot, "Sportveld open")
        await pilot.press("enter")
        await type_text(pilot, "Team Sport")
        await pilot.press("enter")
        await type_text(pilot, "2026-05-01")
        await pilot.press("enter")
        await pilot.press("f8")
        await until(pilot, lambda: meeting.step.id == "afspraken", "agreements step")
        await type_text(pilot, "Plan voor de oversteek")
        await pilot.press("enter", "enter", "enter")

        # contact point
        await pilot.press("f8")
        await until(pilot, lambda: meeting.step.id == "contact", "contact step")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ContactDialog), "contact dialog")
        await type_text(pilot, "Samira")
        await pilot.press("enter")
        await type_text(pilot, "wijkwerker")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is meeting, "back at the meeting")

        # close
        await pilot.press("f8")
        await until(pilot, lambda: meeting.step.id == "afsluiting", "closing step")
        await pilot.press("f8")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "finish question")
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home again")

    sf = reopen(sid)
    s = sf.session
    assert (s.title, s.neighbourhood) == ("Gezond in Noord", "Noord")
    assert s.tally.participants == 15
    assert s.themes == ["Bewegen", "Eenzaamheid", "Groen"]
    assert s.priorities.votes == {"Bewegen": 3, "Eenzaamheid": 1}
    assert s.contact.name == "Samira" and s.contact.role == "wijkwerker"
    assert s.steps_done == STEP_IDS
    assert s.current_step == "afsluiting"
    said = [(c.step, c.kind.value, c.theme, c.text) for c in sf.contributions()]
    assert said == [
        ("welkom", "question", "", "Wat doet u met onze ideeen?"),
        ("bespreken", "problem", "Bewegen", "Het sportveld is dicht"),
    ]
    agreements = [(a.what, a.who, a.by_when and a.by_when.isoformat(), a.quick_win) for a in sf.agreements()]
    assert agreements == [
        ("Sportveld open", "Team Sport", "2026-05-01", True),
        ("Plan voor de oversteek", "", None, False),
    ]
    exported = json.loads(export.export_json(sf))
    assert len(exported["contributions"]) == 2 and len(exported["agreements"]) == 2


async def test_resume_after_quitting_midway(data_dir, store, clock, reopen):
    session = Session.new("Avond in Zuid", "Zuid")
    store.create(session)
    app = make_app(data_dir, session.id, clock=clock)
    async with app.run_test() as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        await type_text(pilot, "Fijn dat dit er is")
        await pilot.press("enter")
        await pilot.press("f8", "f8")
        await until(pilot, lambda: app.screen.step.id == "onderwerpen", "topics step")
        await type_text(pilot, "Bewegen")
        await pilot.press("enter")
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    assert reopen(session.id).session.current_step == "onderwerpen"

    again = make_app(data_dir, session.id, clock=clock)
    async with again.run_test() as pilot:
        await until(pilot, lambda: isinstance(again.screen, MeetingScreen), "meeting screen")
        meeting = again.screen
        assert meeting.step.id == "onderwerpen"
        assert "Bewegen" in str(meeting.query_one("#themes").render())
        await pilot.press("f7", "f7")
        await until(pilot, lambda: meeting.step.id == "welkom", "back at the welcome")
        entries = meeting.query_one(EntryList)
        assert entries.option_count == 1
    assert reopen(session.id).session.steps_done == ["welkom", "wie-is-er"]


async def test_undo_of_add_and_of_confirmed_delete(data_dir, store, clock, reopen):
    session = Session.new("Undo", "West")
    store.create(session)
    app = make_app(data_dir, session.id, clock=clock)
    async with app.run_test() as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        meeting = app.screen
        for text in ("eerste", "tweede"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: [c.text for c in reopen(session.id).contributions()] == ["eerste"], "undone on disk")
        assert meeting.entry_count() == 1

        # delete needs a yes; then undo puts it back
        await pilot.press("escape")  # from the input line to the list
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "delete question")
        await pilot.press("n")  # no: nothing happens
        await until(pilot, lambda: app.screen is meeting, "back")
        assert len(reopen(session.id).contributions()) == 1
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "delete question")
        await pilot.press("j")
        await until(pilot, lambda: app.screen is meeting, "back")
        assert reopen(session.id).contributions() == []
        assert meeting.entry_count() == 0
        await pilot.press("u")
        await until(pilot, lambda: [c.text for c in reopen(session.id).contributions()] == ["eerste"], "undone on disk")
        assert meeting.entry_count() == 1
        assert "Opgeslagen" in str(meeting.query_one("#save-state").render())


async def test_kind_and_theme_are_remembered_between_entries(data_dir, demo, clock, reopen):
    app = make_app(data_dir, demo, clock=clock)
    async with app.run_test() as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        meeting = app.screen
        assert meeting.step.id == "bespreken"
        await pilot.press("f5", "f6")  # experience; F6 asks which theme
        await until(pilot, lambda: type(app.screen).__name__ == "ThemePicker", "theme picker")
        await pilot.press("e", "e", "n", "enter")  # type-ahead: the first letters and Enter
        await until(pilot, lambda: app.screen is meeting, "back at the meeting")
        assert "Eenzaamheid" in str(meeting.query_one("#kind-bar").render())
        for text in ("een", "twee"):
            await type_text(pilot, text)
            await pilot.press("enter")
    last_two = reopen(demo).contributions()[-2:]
    assert [(c.kind.value, c.theme) for c in last_two] == [("experience", "Eenzaamheid")] * 2


async def test_room_view_shows_ranking_with_ties_and_same_key_returns(data_dir, demo, clock, read_screen):
    app = make_app(data_dir, demo, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        meeting = app.screen
        await pilot.press("f7")
        await until(pilot, lambda: meeting.step.id == "kiezen", "vote step")
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen), "room view")
        shown = read_screen(app)
        assert "Bewegen" in shown and "Eenzaamheid" in shown
        lines = [line for line in shown.splitlines() if "Bewegen" in line or "Eenzaamheid" in line]
        assert all(" 1 " in line and "gelijk" in line for line in lines), lines
        await pilot.press("r")
        await until(pilot, lambda: app.screen is meeting, "meeting again")
        await pilot.press("escape")  # leave the ranking ...
        await pilot.press("r")  # ... then r works as well as F9
        await until(pilot, lambda: isinstance(app.screen, RoomScreen), "room view by r")


async def test_session_open_elsewhere_is_offered_read_only(data_dir, demo, store, clock):
    with store.open(demo):  # another program holds the session
        app = make_app(data_dir, clock=clock)
        async with app.run_test(notifications=True) as pilot:
            app.open_session(demo)
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "read-only question")
            await pilot.press("j")
            await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
            assert app.screen.readonly
            assert app.screen.query_one("#entry", Input).disabled


async def test_damaged_file_is_explained_not_a_traceback(data_dir, demo, store, clock, read_screen):
    (data_dir / f"{demo}.json").write_text("{ half", encoding="utf-8")
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "BESCHADIGD" in read_screen(app), "the damaged session in the list (read in a worker)")
        app.open_session(demo)
        await until(pilot, lambda: "beschadigd" in read_screen(app), "the question about the damaged file")
        await pilot.press("j")  # yes: put the last good copy back
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen after restore")
        assert app.screen.sf.contributions(), "the last good copy holds the meeting"
    aside = list(data_dir.glob(f"{demo}.json.damaged-*"))
    assert [p.read_text(encoding="utf-8") for p in aside] == ["{ half"], "the damaged file is kept aside"


async def test_edit_prompts_for_this_session_only(data_dir, demo, clock, reopen):
    app = make_app(data_dir, demo, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        await pilot.press("escape", "p")
        await until(pilot, lambda: isinstance(app.screen, PromptsDialog), "prompts dialog")
        area = app.screen.query_one("TextArea")
        area.text = "Wat merkt u van het park?\nWat mist u?"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting")
        assert "Wat mist u?" in str(app.screen.query_one("#prompts").render())
    assert reopen(demo).session.prompts == {"bespreken": ["Wat merkt u van het park?", "Wat mist u?"]}


async def test_delete_session_needs_confirmation(data_dir, demo, clock, store):
    app = make_app(data_dir, clock=clock)
    async with app.run_test() as pilot:
        await pilot.press("d")  # maybe before the list is read (in a worker): the key is kept until it is
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "delete question")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "question closed")
        assert store.session_ids() == [demo]
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "delete question")
        await pilot.press("j")
        await until(pilot, lambda: store.session_ids() == [], "session deleted")


async def test_demo_from_home_and_help_lists_keys(data_dir, clock, read_screen):
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, lambda: "Nog geen sessies" in read_screen(app), "empty home (listed in a worker)")
        await pilot.press("v")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "demo opened")
        await pilot.press("f1")
        await pilot.pause()
        assert "Hulp: alle toetsen" in read_screen(app)
        from wijksessie.tui.screens.help import collect_keys

        listed = dict((description, keys) for keys, description in collect_keys(app, app.screen_stack[-2]))
        assert listed["Volgende stap"] == "f8, ^n"
        assert listed["Zaalscherm"] == "f9, r"
        for words in ("Herstel", "Opdrachten", "Stoppen", "Soort: ervaring", "Weghalen"):
            assert words in listed
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "help closed")


async def test_language_switch_while_running(data_dir, clock):
    app = make_app(data_dir, clock=clock)
    async with app.run_test() as pilot:
        await app.switch_language("en")  # maybe while home's list is still being read in a worker
        from wijksessie import i18n

        assert i18n.current_language() == "en"
        assert isinstance(app.screen, HomeScreen)
        await until(pilot, lambda: app.screen.loaded, "the list read again after the switch")
        await app.switch_language("nl")
        await until(pilot, lambda: app.screen.loaded, "the list read again after the switch back")
        descriptions = {ab.binding.description for ab in app.screen.active_bindings.values()}
        assert "Nieuw" in descriptions


async def test_step_timer_signals_when_the_step_runs_over(data_dir, demo, clock):
    now = [clock()]
    app = make_app(data_dir, demo, clock=lambda: now[0])
    async with app.run_test() as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        meeting = app.screen
        timer = meeting.query_one("#timer")
        assert "0:00 van 25:00" in str(timer.render()) and not timer.has_class("-over")
        import datetime as dt

        now[0] = now[0] + dt.timedelta(minutes=26, seconds=5)
        meeting.tick()  # what the once-a-second timer calls
        await pilot.pause()
        assert "26:05/25:00 te lang" in str(timer.render()) and timer.has_class("-over")
        assert "bezig 26:05" in str(meeting.query_one("#clock").render())


async def test_follow_up_from_the_meeting_and_back_keeps_saving(data_dir, demo, store, clock, reopen):
    from wijksessie.store import SessionLocked

    app = make_app(data_dir, demo, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        meeting = app.screen
        await pilot.press("escape", "f")
        await until(pilot, lambda: type(app.screen).__name__ == "FollowUpScreen", "follow-up screen")
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is meeting and meeting.holds_session, "meeting has the session again")
        assert not meeting.readonly
        try:
            store.open(demo).close()
        except SessionLocked:
            pass
        else:
            raise AssertionError("the meeting screen should hold the session again")
        await pilot.press("a")
        await type_text(pilot, "Na de opvolging")
        await pilot.press("enter")
    assert reopen(demo).contributions()[-1].text == "Na de opvolging"


async def test_agenda_texts_follow_the_interface_language(data_dir, st, clock, read_screen):
    from wijksessie.model import Session

    sid = st.create(Session.new("Gesprek", "Noord", date="2026-11-24")).id
    app = make_app(data_dir, sid, lang="en", clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "meeting screen")
        await until(pilot, lambda: "Welcome, we are glad you are here." in read_screen(app), "English prompt")
        assert "Welcome, and why we are here" in read_screen(app)
        await app.switch_language("nl")
        await until(pilot, lambda: "Welkom, fijn dat u er bent." in read_screen(app), "Dutch prompt after the switch")


# ---------------------------------------------------------------------- typing goes where the step invites it


def _session_at(store, step: str, **fields) -> str:
    session = Session.new("Avond in Oost", "Oost", date="2026-03-12")
    session.current_step = step
    for name, value in fields.items():
        setattr(session, name, value)
    store.create(session)
    return session.id


def line_of(app, selector: str) -> str:
    """The text of a one-line message widget, empty when it is not shown."""
    widget = app.screen.query_one(selector)
    return str(widget.render()) if widget.display else ""


async def _open(app, pilot):
    await until(pilot, lambda: isinstance(app.screen, MeetingScreen) and app.focused is not None, "meeting screen")
    return app.screen


async def test_tally_enter_saves_the_field_and_moves_on_and_letters_are_refused(data_dir, store, clock, reopen,
                                                                               read_screen):
    sid = _session_at(store, "wie-is-er")
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _open(app, pilot)
        assert app.focused.id == "participants"
        await pilot.press("2", "3", "enter")
        await until(pilot, lambda: reopen(sid).session.tally.participants == 23, "23 saved")
        assert app.focused.id == "groups", "Enter moves on to the next field"
        await type_text(pilot, "65 jaar en ouder = 9")
        await pilot.press("enter")
        await until(pilot, lambda: reopen(sid).session.tally.groups == {"65 jaar en ouder": 9}, "groups saved")
        assert reopen(sid).session.tally.participants == 23
        shown = read_screen(app)
        assert "Bewaard: 23 deelnemers" in shown and "65 jaar en ouder = 9" in shown

        # Letters in the number field: a line says what is wrong; nothing is saved, nothing is cut off.
        participants = meeting.query_one("#participants", Input)
        participants.focus()
        await until(pilot, lambda: app.focused is participants, "focus on the count")
        await type_text(pilot, "23 65 jaar")
        await pilot.press("enter")
        await until(pilot, lambda: "is geen heel getal" in line_of(app, "#tally-error"), "error line")
        assert "Typ alleen cijfers" in line_of(app, "#tally-error") and "Typ alleen" in read_screen(app)
        assert participants.value == "23 65 jaar"
        # A number far too large is refused too.
        participants.value = "2365914"
        await pilot.press("enter")
        await until(pilot, lambda: "is te veel" in line_of(app, "#tally-error"), "bound")
        assert reopen(sid).session.tally.participants == 23
        assert "Opgeslagen" in read_screen(app)  # from the save before; nothing new was claimed
        # A group larger than the room is refused as well.
        meeting.query_one("#groups", Input).focus()
        meeting.query_one("#groups", Input).value = "65 jaar en ouder = 40"
        await pilot.press("enter")
        await until(pilot, lambda: line_of(app, "#tally-error") == (
            "Deze groep is groter dan het aantal deelnemers: 65 jaar en ouder = 40. "
            "Er zijn 23 deelnemers. Pas het aantal aan."), "group bound")
        assert reopen(sid).session.tally.groups == {"65 jaar en ouder": 9}


async def test_vote_line_has_the_keyboard_and_says_what_is_wrong(data_dir, store, clock, reopen, read_screen):
    sid = _session_at(store, "kiezen", themes=["Bewegen", "Bereikbaarheid", "Groen"])
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        assert app.focused.id == "vote-line"
        await type_text(pilot, "Bewegen 12")
        await pilot.press("enter")
        await until(pilot, lambda: reopen(sid).session.priorities.votes == {"Bewegen": 12}, "12 votes")
        assert app.focused.value == ""
        # Unknown or unclear themes are named, nothing is saved.
        await type_text(pilot, "Be 2")
        await pilot.press("enter")
        await until(pilot, lambda: "Typ meer letters" in line_of(app, "#vote-error"), "ambiguous")
        app.focused.value = ""
        await type_text(pilot, "Verkeer 2")
        await pilot.press("enter")
        await until(pilot, lambda: line_of(app, "#vote-error") == (
            "Dit thema is er niet: Verkeer. Kies uit: Bewegen, Bereikbaarheid, Groen."), "unknown theme")
        assert reopen(sid).session.priorities.votes == {"Bewegen": 12}
        # On an empty line, arrows choose a theme and + counts (as on a sheet of paper).
        app.focused.value = ""
        await pilot.press("down", "plus", "plus")
        await until(pilot, lambda: sum(reopen(sid).session.priorities.votes.values()) == 14, "two more")
        assert "stippen" not in read_screen(app) and "stickers" not in read_screen(app)
        assert "stemmen" in read_screen(app)


async def test_each_step_opens_with_the_keyboard_in_its_field(data_dir, store, clock):
    sid = _session_at(store, "welkom", themes=["Bewegen"])
    expected = {
        "info": "entry", "tally": "participants", "topics": "topic", "vote": "vote-line", "discuss": "entry",
        "quick_wins": "what", "agreements": "what",
    }
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _open(app, pilot)
        for index, step in enumerate(meeting.steps):
            if index:
                await pilot.press("f8")
                await until(pilot, lambda i=index: meeting.index == i and app.focused is not None, step.id)
            await until(pilot, lambda: app.focused is not None, "focus")
            if step.type == "contact":
                assert type(app.focused).__name__ == "ContactView", step.id
            else:
                assert app.focused.id == expected.get(step.type, "entry"), step.id


async def test_a_letter_that_does_nothing_says_which_keys_work(data_dir, demo, clock, read_screen, notifications):
    app = make_app(data_dir, demo, clock=clock)
    shown = notifications(app)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await _open(app, pilot)
        await pilot.press("escape", "x")  # in the list of entries
        told = ("Deze toets doet hier niets: x. In de lijst: e aanpassen, d weghalen, "
                "v wel of niet op het zaalscherm. Druk op a om te typen.")
        await until(pilot, lambda: told in [n.message for n in shown], "notice")
        await until(pilot, lambda: "Deze toets doet hier niets: x." in read_screen(app), "the notice on screen")
        words = read_screen(app).split()
        assert all(word in words for word in "e aanpassen, d weghalen".split()), "the keys that do work are named"


async def test_agreement_date_in_dutch_is_shown_before_it_is_saved(data_dir, store, reopen, read_screen):
    import datetime as dt

    now = dt.datetime(2026, 12, 2, 20, 0)
    sid = _session_at(store, "afspraken")
    app = make_app(data_dir, sid, clock=lambda: now)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        await type_text(pilot, "Bankje bij de flat")
        await pilot.press("enter")
        await type_text(pilot, "Wijkteam")
        await pilot.press("enter")
        await type_text(pilot, "1 februari")
        await until(pilot, lambda: "1 februari 2027" in line_of(app, "#when-preview"), "date preview")
        assert "februari 2027" in read_screen(app)
        await pilot.press("enter")
        await until(pilot, lambda: len(reopen(sid).agreements()) == 1, "saved")
        saved = reopen(sid).agreements()[0]
        assert (saved.what, saved.who, saved.by_when) == ("Bankje bij de flat", "Wijkteam", dt.date(2027, 2, 1))
        # A date the program does not know: said on screen, nothing saved.
        await type_text(pilot, "Lantaarn")
        await pilot.press("enter", "enter")
        await type_text(pilot, "straks")
        await pilot.press("enter")
        await until(pilot, lambda: "geen datum" in line_of(app, "#agreement-error"), "error line")
        assert len(reopen(sid).agreements()) == 1


async def test_kind_bar_shows_the_chosen_theme_at_80_columns(data_dir, store, clock, read_screen):
    sid = _session_at(store, "welkom", themes=["Veilig en gezond wonen in de buurt", "Groen"])
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _open(app, pilot)
        await pilot.press("f3", "f6")
        await until(pilot, lambda: type(app.screen).__name__ == "ThemePicker", "theme picker")
        await pilot.press("v", "e", "enter")
        await until(pilot, lambda: app.screen is meeting, "picked")
        bar = [line for line in read_screen(app).splitlines() if "F2" in line][0]
        assert "probleem" in bar and "Veilig en gezond wonen" in bar, bar
        # Letters that match nothing are said, not silently ignored.
        await pilot.press("f6")
        await until(pilot, lambda: type(app.screen).__name__ == "ThemePicker", "theme picker")
        await pilot.press("x", "y", "enter")
        await until(pilot, lambda: line_of(app, "#pick-error") == (
            "Geen thema gevonden voor: xy. Typ andere letters, of druk op Esc."), "no match")
        await pilot.press("escape")


async def test_e_edits_text_kind_and_theme(data_dir, store, clock, reopen):
    sid = _session_at(store, "welkom", themes=["Bewegen", "Groen"])
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _open(app, pilot)
        await type_text(pilot, "Meer bomen")
        await pilot.press("enter")
        await until(pilot, lambda: len(reopen(sid).contributions()) == 1, "saved")
        await pilot.press("escape", "e")
        await until(pilot, lambda: type(app.screen).__name__ == "ContributionDialog", "edit dialog")
        await pilot.press("end")
        await type_text(pilot, " in de straat")
        await pilot.press("f3", "enter")  # kind: problem; Enter goes on to the theme
        await type_text(pilot, "gro")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is meeting, "saved and closed")
        await until(pilot, lambda: reopen(sid).contributions()[0].theme == "Groen", "edited")
    c = reopen(sid).contributions()[0]
    assert (c.text, c.kind.value, c.theme) == ("Meer bomen in de straat", "problem", "Groen")


async def test_room_view_wraps_whole_words_at_80_and_120_columns(data_dir, store, clock, read_screen):
    from wijksessie.model import ParticipationLevel

    sid = _session_at(store, "welkom")
    level = ParticipationLevel("advise_early")
    for size in ((80, 24), (120, 40)):
        app = make_app(data_dir, sid, clock=clock)
        async with app.run_test(size=size) as pilot:
            await _open(app, pilot)
            await pilot.press("f9")
            await until(pilot, lambda app=app: isinstance(app.screen, RoomScreen), "room view")
            shown = read_screen(app)
            words = shown.split()
            for sentence in (level.explanation, level.promise):
                for word in sentence.split():
                    assert word in words, (size, word, shown)
            assert all(len(line.rstrip()) <= size[0] for line in shown.splitlines())
            await pilot.press("escape")


async def test_timer_and_meeting_clock_continue_after_a_hard_stop(data_dir, store, reopen, read_screen):
    import datetime as dt

    sid = _session_at(store, "welkom")
    start = dt.datetime(2026, 3, 12, 19, 30)
    now = [start]
    app = make_app(data_dir, sid, clock=lambda: now[0])
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _open(app, pilot)
        now[0] = start + dt.timedelta(minutes=4, seconds=41)
        await pilot.press("f8")  # the step change keeps the welcome's time
        await until(pilot, lambda: meeting.step.id == "wie-is-er", "next step")
        now[0] = start + dt.timedelta(minutes=6, seconds=35)
        # The once-a-second timer keeps the step's time on disk every 15 seconds, before any stop.
        await until(pilot, lambda: reopen(sid).session.step_seconds.get("wie-is-er") == 114, "timer on disk")
        on_disk = reopen(sid).session.step_seconds
        assert on_disk == {"welkom": 281, "wie-is-er": 114}
    # (what a hard kill leaves is what was on disk above; a new start reads it)
    later = dt.datetime(2026, 3, 12, 21, 0)
    again = make_app(data_dir, sid, clock=lambda: later)
    async with again.run_test(size=(80, 24)) as pilot:
        meeting = await _open(again, pilot)
        assert meeting.step.id == "wie-is-er"
        await until(pilot, lambda: "1:54 van 5:00" in read_screen(again), "step timer resumed")
        assert "bezig 6:35" in read_screen(again)


def burst(app, text: str) -> None:
    """Send keys the way a terminal does when they come fast (one read): all queued before any is handled.

    ``\\n`` stands for Enter and ``\\b`` for backspace.
    """
    names = {"\n": ("enter", "\r"), "\b": ("backspace", "\x08"), " ": ("space", " ")}
    for char in text:
        key, character = names.get(char, (char, char))
        app.post_message(events.Key(key, character))


async def test_keys_typed_in_a_burst_stay_in_order(data_dir, store, clock, reopen):
    sid = _session_at(store, "welkom")
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _open(app, pilot)
        burst(app, "abc\ndef\nxy\bz\n")
        await until(pilot, lambda: len(reopen(sid).contributions()) == 3, "three entries")
        assert [c.text for c in reopen(sid).contributions()] == ["abc", "def", "xz"]

        await pilot.press("f8")
        await until(pilot, lambda: meeting.step.id == "wie-is-er" and app.focused.id == "participants", "the count")
        burst(app, "23\n65 jaar en ouder = 9\n")
        await until(pilot, lambda: reopen(sid).session.tally.groups == {"65 jaar en ouder": 9}, "groups")
        assert reopen(sid).session.tally.participants == 23


async def test_a_function_key_in_a_burst_counts_for_the_line_typed_after_it(data_dir, store, clock, reopen):
    sid = _session_at(store, "welkom")
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(app, pilot)
        burst(app, "een\n")
        app.post_message(events.Key("f4", None))  # kind: question, for what comes next
        burst(app, "twee\n")
        await until(pilot, lambda: len(reopen(sid).contributions()) == 2, "two entries")
    assert [(c.text, c.kind.value) for c in reopen(sid).contributions()] == [("een", "idea"), ("twee", "question")]


async def test_room_view_does_not_show_an_empty_contact_card(data_dir, store, clock, read_screen):
    sid = _session_at(store, "contact")
    app = make_app(data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        meeting = await _open(app, pilot)
        assert "Nog geen aanspreekpunt" in read_screen(app)  # the facilitator sees it is still empty
        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen), "room view")
        shown = read_screen(app)
        assert "Nog geen aanspreekpunt" not in shown
        assert meeting.prompts()[0].split()[0] in shown  # the step's question instead
