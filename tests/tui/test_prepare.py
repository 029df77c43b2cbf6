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


async def test_title_and_neighbourhood_are_enough_and_the_level_is_kept(data_dir, clock, store, reopen):
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        screen.query_one("#title", Input).value = "Buurtavond"
        await pilot.press("ctrl+s")  # no neighbourhood yet: stays here and says why
        await pilot.pause()
        assert app.screen is screen
        assert any("wijk" in n.message for n in app._notifications)
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
