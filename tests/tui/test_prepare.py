"""Preparing a session: defaults, the participation level, and jargon pointed out while typing."""

from __future__ import annotations

from textual.widgets import Collapsible, Input, OptionList

from wijksessie.model import ParticipationLevel
from wijksessie.tui.app import make_app
from wijksessie.tui.screens.meeting import MeetingScreen
from wijksessie.tui.screens.prepare import PrepareScreen, parse_profile
from wijksessie.tui.widgets.plain_input import JargonHint, PlainInput


async def test_typing_jargon_in_the_goal_shows_plain_alternatives(data_dir, clock):
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)
        app.screen.query_one("#more", Collapsible).collapsed = False  # "Meer invullen"
        await pilot.pause()
        goal = app.screen.query_one("#goal", PlainInput)
        hint = goal.query_one(JargonHint)
        goal.focus()
        await pilot.pause()
        assert not hint.display or hint.findings == []
        await pilot.press(*"We gaan vandaag input ophalen")
        await pilot.pause()
        shown = hint.plain_text
        assert "\u201cophalen\u201d \u2192 vragen, horen" in shown
        assert "\u201cinput\u201d \u2192 inbreng" in shown
        assert hint.display and hint.region.height >= 3  # visible under the field
        # plain words make the hint go away again
        goal.value = "We vragen wat u vindt"
        await pilot.pause()
        assert hint.findings == [] and not hint.has_class("-found")


async def test_title_and_neighbourhood_are_enough_and_the_level_is_kept(data_dir, clock, store, reopen, notifications):
    app = make_app(data_dir, clock=clock)
    shown = notifications(app)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#title", Input).value = "Buurtavond"
        await pilot.press("ctrl+s")  # no neighbourhood yet: stays here and says why
        await pilot.pause()
        assert app.screen is screen
        assert any("wijk" in n.message for n in shown)
        screen.query_one("#neighbourhood", Input).value = "Oost"
        levels = screen.query_one("#level", OptionList)
        levels.highlighted = list(ParticipationLevel).index(ParticipationLevel.CO_DECIDE)
        screen.query_one("#profile", Input).value = "65 jaar en ouder = 30%"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        sid = app.screen.sf.session.id
    s = reopen(sid).session
    assert (s.title, s.neighbourhood, s.level) == ("Buurtavond", "Oost", ParticipationLevel.CO_DECIDE)
    assert s.date.isoformat() == "2026-03-12"  # today, by the test's clock
    assert s.feedback_due is not None and s.feedback_due > s.date
    assert s.target_profile == {"65 jaar en ouder": 0.3}


async def test_every_level_is_explained_in_one_plain_sentence(data_dir, clock, read_screen):
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        levels = app.screen.query_one("#level", OptionList)
        levels.scroll_visible(animate=False)
        await pilot.pause()
        prompts = [str(levels.get_option_at_index(i).prompt) for i in range(levels.option_count)]
        assert len(prompts) == 7
        for level, prompt in zip(ParticipationLevel, prompts):
            assert level.label in prompt and level.explanation in prompt


def test_target_profile_accepts_percentages_and_fractions():
    assert parse_profile("65+ = 30%, jongeren: 0.25") == {"65+": 0.3, "jongeren": 0.25}
    assert parse_profile("") == {}


async def test_essentials_first_and_a_dutch_date_shown_before_saving(data_dir, clock, reopen, until, read_screen):
    import datetime as dt

    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, PrepareScreen), "the form")
        # Title, neighbourhood, date and place are the first four fields, reached with Enter.
        await pilot.press(*"Buurtavond", "enter", *"Oost", "enter")
        date = app.screen.query_one("#date", Input)
        assert app.focused is date
        date.value = ""
        await pilot.press(*"1 april")
        await until(pilot, lambda: "woensdag 1 april 2026" in read_screen(app), "the date in words")
        await pilot.press("enter", *"het buurthuis")
        date.value = "31-2-2026"
        await until(pilot, lambda: "bestaat niet" in read_screen(app), "the wrong date explained")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PrepareScreen)  # nothing saved with a date nobody saw
        date.value = "1-4-2026"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting")
        sid = app.screen.sf.session.id
    s = reopen(sid).session
    assert (s.title, s.neighbourhood, s.place, s.date) == ("Buurtavond", "Oost", "het buurthuis", dt.date(2026, 4, 1))


async def test_every_setting_can_be_changed_after_preparing(data_dir, demo, clock, reopen, until, read_screen):
    import datetime as dt

    from textual.widgets import SelectionList

    from wijksessie.tui.screens.home import HomeScreen
    from wijksessie.tui.screens.prepare import SessionSettingsScreen

    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded, "the list")
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, SessionSettingsScreen), "the settings")
        screen = app.screen
        screen.query_one("#title", Input).value = "Gezond in de Vogelbuurt"
        screen.query_one("#place", Input).value = "De Merel"
        screen.query_one("#date", Input).value = "morgen"
        await until(pilot, lambda: "vrijdag 13 maart 2026 (morgen)" in read_screen(app), "the new date in words")
        screen.query_one("#feedback-due", Input).value = "1 mei"
        screen.query_one("#profile", Input).value = "65 jaar en ouder = 40%"
        languages = screen.query_one("#languages", SelectionList)
        assert "en" in [languages.get_option_at_index(i).value for i in range(languages.option_count)]
        languages.select("en")
        screen.query_one("#level", OptionList).highlighted = list(ParticipationLevel).index(ParticipationLevel.CO_DECIDE)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, HomeScreen), "back home")
        await until(pilot, lambda: "Gezond in de Vogelbuurt" in read_screen(app), "the new title in the list")
    s = reopen(demo).session
    assert s.title == "Gezond in de Vogelbuurt" and s.place == "De Merel"
    assert s.date == dt.date(2026, 3, 13) and s.feedback_due == dt.date(2026, 5, 1)
    assert s.level is ParticipationLevel.CO_DECIDE and "en" in s.languages
    assert s.target_profile == {"65 jaar en ouder": 0.4}


async def test_confirm_dialog_answers_to_j_n_arrows_and_enter(data_dir, clock, until):
    from textual.widgets import Button

    from wijksessie.tui.dialogs.common import ConfirmDialog

    app = make_app(data_dir, clock=clock)
    answers = []
    async with app.run_test(size=(80, 24)) as pilot:
        for keys, expected in ((["j"], True), (["n"], False), (["escape"], False), (["enter"], True),
                               (["right", "enter"], False), (["right", "right", "left", "enter"], True)):
            app.push_screen(ConfirmDialog("Doorgaan?"), answers.append)
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
            if keys[0] == "right":
                # arrows move between the two buttons and stop at the ends (no wrapping round)
                await pilot.press("right", "right")
                assert isinstance(app.focused, Button) and app.focused.id == "no"
                keys = keys[2:] if keys[:2] == ["right", "right"] else keys[1:]
            await pilot.press(*keys)
            await until(pilot, lambda: not isinstance(app.screen, ConfirmDialog), "answered")
            assert answers[-1] is expected, keys


async def test_lists_stop_at_their_ends(data_dir, clock, until):
    from wijksessie.tui.base import StopAtEndsOptionList

    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, PrepareScreen), "the form")
        app.screen.query_one("#more", Collapsible).collapsed = False
        await pilot.pause()
        levels = app.screen.query_one("#level", StopAtEndsOptionList)
        levels.focus()
        levels.highlighted = levels.option_count - 1
        await pilot.press("down")
        assert levels.highlighted == levels.option_count - 1  # not back to the top
        levels.highlighted = 0
        await pilot.press("up")
        assert levels.highlighted == 0
