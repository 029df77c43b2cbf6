"""The feedback loop in the full-screen program: history, who recorded it, agreements, update letters,
follow-up meetings with a look-back, the residents' evaluation, late sessions on the home screen.

Driven with the keyboard through Pilot on real session files in this test's
data folder; what is checked is what ends up on disk and what a user reads.
"""

from __future__ import annotations

import datetime as dt
import re

from helpers.screen_host import Host
from textual.widgets import DataTable, Input, Select

from wijksessie import feedback
from wijksessie.model import Agreement, Contribution, Session
from wijksessie.store import SessionStore


def _session(store: SessionStore, *, neighbourhood="Noord", date="2026-02-10", feedback_due=None,
             title="Gezond Noord") -> tuple[str, list[str]]:
    s = Session.new(title, neighbourhood, date=date, feedback_due=feedback_due, languages=["nl"])
    store.create(s)
    with store.open(s.id) as sf:
        ids = [
            sf.add_contribution(Contribution.new("Te weinig groen bij de flats", theme="Groen", kind="problem")).id,
            sf.add_contribution(Contribution.new("Een wandelgroep op zaterdag", theme="Bewegen")).id,
        ]
    return s.id, ids


def _disk(store, sid):
    sf = SessionStore(store.data_dir).open(sid, readonly=True)
    sf.close()
    return sf


async def _decide(pilot, row: int, status: str, *, by: str | None = None, reason: str = "", due: str = ""):
    from wijksessie.tui.screens.history import RecordedDecisionDialog

    screen = pilot.app.screen
    screen.query_one(DataTable).move_cursor(row=row)
    await pilot.press("enter")
    await pilot.pause()
    form = pilot.app.screen
    assert isinstance(form, RecordedDecisionDialog)
    form.query_one("#status", Select).value = status
    form.query_one("#reason").value = reason
    form.query_one("#due", Input).value = due
    shown = form.query_one("#recorded_by", Input).value
    if by is not None:
        form.query_one("#recorded_by", Input).value = by
    await pilot.press("ctrl+s")
    await pilot.pause()
    return shown


async def test_decisions_record_who_and_the_history_shows_every_answer(store, read_screen, clock):
    from wijksessie.tui.screens.followup import FollowUpScreen
    from wijksessie.tui.screens.history import HistoryDialog

    sid, ids = _session(store)
    app = Host(lambda: FollowUpScreen(store, sid))
    app.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        followup = app.screen
        await _decide(pilot, 0, "under_review", by="Wijkteam Noord", reason="We vragen het na bij de woningbouw.",
                      due="2026-04-01")
        assert app.screen is followup
        assert _disk(store, sid).contribution(ids[0]).decision.recorded_by == "Wijkteam Noord"

        # The name is remembered for the rest of the evening: the next form has it already.
        shown = await _decide(pilot, 0, "adopted", reason="Er komen vier bomen.")
        assert shown == "Wijkteam Noord"
        saved = _disk(store, sid).contribution(ids[0])
        assert [e["status"] for e in feedback.history_entries(saved)] == ["under_review", "adopted"]
        assert [e["by"] for e in feedback.history_entries(saved)] == ["Wijkteam Noord", "Wijkteam Noord"]

        followup.query_one(DataTable).move_cursor(row=0)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, HistoryDialog)
        text = read_screen(app)
        assert "Geschiedenis van dit punt" in text
        assert text.index("wordt uitgezocht") < text.index("overgenomen")
        assert "Vastgelegd door: Wijkteam Noord" in text
        assert "(nu)" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is followup


async def test_agreement_states_from_the_program_stopped_needs_a_reason(store, read_screen, clock):
    from wijksessie.tui.screens.agreements import AgreementsScreen, AgreementStateDialog
    from wijksessie.tui.screens.followup import FollowUpScreen

    sid, _ids = _session(store)
    with store.open(sid) as sf:
        late = sf.add_agreement(Agreement.new("Bankje bij de speeltuin", "Gemeente", "2026-03-01")).id
        sf.add_agreement(Agreement.new("Wandelgroep starten", "Buurthuis", "2026-06-01"))
    app = Host(lambda: FollowUpScreen(store, sid))
    app.clock = clock  # 12 March 2026: the bench was due on 1 March
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, AgreementsScreen)
        text = read_screen(app)
        assert "Bankje bij de speeltuin" in text and "te laat" in text
        assert "1 afspraak is over de datum en nog niet klaar." in text

        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AgreementStateDialog)
        dialog.query_one("#state", Select).value = "stopped"
        dialog.query_one("#state-recorded-by", Input).value = "Jan, gemeente"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog, "stopped without a reason must not be saved"
        assert "reden" in read_screen(app)
        assert _disk(store, sid).agreement(late).state.value == "planned"

        dialog.query_one("#state-reason", Input).value = "Geen plek op de stoep."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AgreementsScreen)
        saved = _disk(store, sid).agreement(late)
        assert (saved.state.value, saved.reason, saved.recorded_by) == ("stopped", "Geen plek op de stoep.", "Jan, gemeente")
        assert [h.state.value for h in saved.history] == ["planned"]
        text = read_screen(app)
        assert "te laat" not in text and "gestopt" in text


async def test_update_letter_from_the_letter_screen_only_what_changed(store, read_screen, clock, until):
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid, ids = _session(store)
    with store.open(sid) as sf:
        sf.decide(ids[0], "under_review", reason="We vragen het na.", due="2026-04-01")
        sf.decide(ids[1], "adopted", reason="Het buurthuis begint in mei.")
        feedback.record_letter(sf, language="nl", fmt="html", kind="final", today=dt.date(2026, 2, 20))
    folder = store.data_dir / "uitvoer" / sid
    app = Host(lambda: LetterPreviewScreen(store, sid))
    app.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter is shown", tries=3000)
        # Nothing changed since the letter: it says so and writes nothing.
        await pilot.press("u")
        await until(pilot, lambda: "Er is niets veranderd" in read_screen(app), "the screen says nothing changed", tries=3000)
        assert not list(folder.glob("bijwerkbrief-*")) if folder.exists() else True
        assert [letter.kind for letter in _disk(store, sid).session.letters] == ["final"]

    with store.open(sid) as sf:
        sf.decide(ids[0], "adopted", reason="Er komen vier bomen.")
    app = Host(lambda: LetterPreviewScreen(store, sid))
    app.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter is shown", tries=3000)
        await pilot.press("u")
        await until(pilot, lambda: "Gemaakt: bijwerkbrief-2026-03-12" in read_screen(app),
                    "the screen names the update letter files", tries=3000)
        made = sorted(p.name for p in folder.glob("bijwerkbrief-*"))
        assert made == [f"bijwerkbrief-2026-03-12-{sid}-nl.{fmt}" for fmt in ("html", "md", "txt")]
        text = " ".join((folder / f"bijwerkbrief-2026-03-12-{sid}-nl.txt").read_text(encoding="utf-8").split())
        text = "".join(ch for ch in text if ch not in "\u2066\u2067\u2068\u2069")  # isolates around inserts
        assert "Eerst schreven wij: Dit zoeken wij nog uit" in text and "Nu: Overgenomen. Uitleg: Er komen vier bomen." in text
        assert "wandelgroep" not in text.lower(), "a point whose answer did not change is not in the update letter"
        assert str(folder) in "".join(line.strip() for line in read_screen(app).splitlines()), "the folder is named"
        letters = _disk(store, sid).session.letters
        assert [(x.kind, x.sent) for x in letters] == [("final", dt.date(2026, 2, 20)), ("update", dt.date(2026, 3, 12))]


async def test_no_update_letter_key_before_the_first_letter(store, clock, until):
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid, _ids = _session(store)
    app = Host(lambda: LetterPreviewScreen(store, sid))
    app.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter is shown", tries=3000)
        assert "update_letter" not in {b.binding.action for b in screen.active_bindings.values()}


async def test_home_flags_sessions_whose_promised_date_passed(store, read_screen, clock, until):
    from wijksessie.tui.app import make_app

    late_sid, ids = _session(store, title="Laat", date="2026-01-10")
    with store.open(late_sid) as sf:
        sf.decide(ids[0], "under_review", reason="We vragen het na.", due="2026-02-01")  # before 12 March
        sf.decide(ids[1], "adopted", reason="Het buurthuis begint in mei.")
        sf.add_agreement(Agreement.new("Bankje bij de speeltuin", "Gemeente", "2026-03-01"))
        feedback.record_letter(sf, language="nl", fmt="html", kind="final", today=dt.date(2026, 1, 20))
    _session(store, title="Op tijd", date="2026-03-10")
    app = make_app(store.data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "te laat" in read_screen(app), "the late session is flagged", tries=3000)
        lines = read_screen(app).splitlines()
        late_line = next(line for line in lines if "Laat" in line)
        on_time = next(line for line in lines if "Op tijd" in line)
        assert "verstuurd, 2 te laat" in late_line
        assert "te laat" not in on_time


def _follow_up(store) -> tuple[str, str]:
    """An earlier meeting in Noord with answers (one point kept off the projector) and its follow-up."""
    earlier, ids = _session(store, title="Eerste keer")
    with store.open(earlier) as sf:
        sf.decide(ids[0], "adopted", reason="Er komen vier bomen.")
        hidden = sf.contribution(ids[1])
        from dataclasses import replace

        sf.update_contribution(replace(hidden, text="Mijn buurman Piet drinkt te veel", hidden_in_room=True))
        sf.add_agreement(Agreement.new("Bankje bij de speeltuin", "Gemeente", "2026-03-01"))
    later = Session.new("Tweede keer", "Noord", date="2026-03-12", languages=["nl"])
    feedback.link_follow_up(later, _disk(store, earlier).session)
    store.create(later)
    return earlier, later.id


async def test_a_follow_up_meeting_opens_with_a_look_back_on_screen_and_projector(store, read_screen, clock, until):
    from wijksessie.tui.app import make_app
    from wijksessie.tui.screens.room import RoomScreen

    _earlier, sid = _follow_up(store)
    app = make_app(store.data_dir, sid, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, lambda: "Terugblik" in read_screen(app), "the look-back is on the laptop", tries=3000)
        text = read_screen(app)
        assert "Te weinig groen bij de flats" in text and "overgenomen" in text and "Er komen vier bomen." in text
        assert "(niet op het" in text, "the laptop marks the point kept off the projector"
        assert "Bankje bij de speeltuin" in text

        await pilot.press("f9")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen), "the projector view shows", tries=3000)
        room = read_screen(app)
        assert "Terugblik" in room and "Te weinig groen bij de flats" in room
        assert "Piet" not in room, "a point hidden from the room stays off the projector"

    # At 80x24 the laptop shows one short line, and the typing line stays in view.
    app = make_app(store.data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Terugblik" in read_screen(app), "the look-back line shows", tries=3000)
        text = read_screen(app)
        assert "2 punten, 1 met een" in text
        assert "Typ wat er gezegd wordt" in text


async def test_a_follow_up_meeting_reads_the_earlier_session_once(store, read_screen, clock, until, monkeypatch):
    """Opening, F9 to the projector and back (twice), a resize and the close read the earlier session once."""
    from wijksessie.tui.app import make_app
    from wijksessie.tui.screens.meeting import MeetingScreen
    from wijksessie.tui.screens.room import RoomScreen

    reads: list[str] = []
    real_look_back = feedback.look_back

    def counted(st, session):
        reads.append(session.follows)
        return real_look_back(st, session)

    monkeypatch.setattr(feedback, "look_back", counted)
    earlier, sid = _follow_up(store)
    app = make_app(store.data_dir, sid, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, lambda: "Te weinig groen bij de flats" in read_screen(app), "the look-back shows",
                    tries=3000)
        for _time in range(2):
            await pilot.press("f9")
            await until(pilot, lambda: isinstance(app.screen, RoomScreen), "the projector view shows", tries=3000)
            await until(pilot, lambda: "Te weinig groen bij de flats" in read_screen(app),
                        "the projector shows the look-back", tries=3000)
            await pilot.resize_terminal(120, 40)
            await until(pilot, lambda: app.screen.has_class("-big"), "the projector view grows", tries=3000)
            assert "Te weinig groen bij de flats" in read_screen(app) and "Piet" not in read_screen(app)
            await pilot.press("f9")
            await until(pilot, lambda: isinstance(app.screen, MeetingScreen), "the meeting is back", tries=3000)
            await pilot.resize_terminal(80, 24)
            await until(pilot, lambda: "2 punten, 1 met een" in read_screen(app), "the short look-back line shows",
                        tries=3000)
        app.screen.refresh(recompose=True)
        await until(pilot, lambda: "2 punten, 1 met een" in read_screen(app), "redrawn, the look-back is there",
                    tries=3000)
    assert reads == [earlier], "the earlier session is read once for the opened follow-up meeting"

    # At the close, the second row's counts come from the same one read, and stay right after they are saved.
    reads.clear()
    with store.open(earlier) as sf:
        feedback.record_evaluation(sf, satisfied=3, neutral=0, not_satisfied=0, follow_up=True)
    with store.open(sid) as sf:
        sf.update(lambda s: setattr(s, "current_step", "afsluiting"))
    app = make_app(store.data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Vorige keer: 3 tevreden, 0 neutraal, 0 niet tevreden." in read_screen(app),
                    "the earlier count shows", tries=3000)
        await pilot.press("shift+tab")
        await pilot.press("5", "enter", "1", "enter", "0", "enter", "4", "enter", "2", "enter", "1", "enter")
        await until(pilot, lambda: "Vorige keer: 4 tevreden, 2 neutraal, 1 niet tevreden." in read_screen(app),
                    "the screen shows the new count")
        await pilot.press("escape", "f7")
        await until(pilot, lambda: "Tel de handen" not in read_screen(app), "the step before shows", tries=3000)
        await pilot.press("f8")
        await until(pilot, lambda: "Vorige keer: 4 tevreden, 2 neutraal, 1 niet tevreden." in read_screen(app),
                    "back at the close, the saved count shows", tries=3000)
    assert reads == [earlier]


async def test_residents_evaluate_at_the_close(store, read_screen, clock, until):
    from wijksessie.tui.app import make_app

    sid, _ids = _session(store)
    with store.open(sid) as sf:
        sf.update(lambda s: setattr(s, "current_step", "afsluiting"))
    app = make_app(store.data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Tel de handen" in read_screen(app), "the close step asks for hands", tries=3000)
        await pilot.press("shift+tab")
        await pilot.press("1", "2", "enter", "3", "enter", "1", "enter")
        await until(pilot, lambda: "Bewaard: 12 tevreden, 3 neutraal, 1 niet tevreden." in read_screen(app),
                    "the screen shows what was saved")
        counts = _disk(store, sid).session.evaluation
        assert (counts.satisfied, counts.neutral, counts.not_satisfied) == (12, 3, 1)

        # A count that is not a number: one line says what to do, nothing is saved.
        await pilot.press("x", "enter")
        await until(pilot, lambda: "is geen heel getal" in read_screen(app), "the screen says what is wrong")
        assert _disk(store, sid).session.evaluation.not_satisfied == 1

        # Undo takes the last count back, like everything else saved in the meeting.
        await pilot.press("escape", "ctrl+z")
        await until(pilot, lambda: _disk(store, sid).session.evaluation.not_satisfied == 0, "the last count undone")
        assert _disk(store, sid).session.evaluation.neutral == 3


async def test_new_session_form_offers_vervolg_op_in_the_same_neighbourhood(store, read_screen, clock, until):
    from wijksessie.tui.app import make_app
    from wijksessie.tui.screens.follows import FollowsField
    from wijksessie.tui.screens.prepare import PrepareScreen

    earlier, _ids = _session(store, title="Eerste keer", neighbourhood="Noord")
    _session(store, title="Elders", neighbourhood="Zuid")
    app = make_app(store.data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, PrepareScreen), "the form for a new session shows")
        form = app.screen
        form.query_one("#title", Input).value = "Tweede keer"
        form.query_one("#neighbourhood", Input).value = "noord"
        field = form.query_one(FollowsField)
        await until(pilot, lambda: field.loaded and field.options, "the earlier sessions are offered")
        follows = form.query_one("#follows", Select)
        offered = [label for label, _sid in field.options]
        assert any("Eerste keer" in label for label in offered)
        assert not any("Elders" in label for label in offered), "only meetings in the same neighbourhood"
        follows.value = earlier
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, PrepareScreen), "the session is made")
        made = [s for s in store.summaries() if s.title == "Tweede keer"]
        assert _disk(store, made[0].id).session.follows == earlier


async def test_settings_change_what_a_session_follows(store, clock, until):
    from wijksessie.tui.screens.follows import FollowsField
    from wijksessie.tui.screens.prepare import SessionSettingsScreen

    earlier, _ids = _session(store, title="Eerste keer", neighbourhood="Noord", date="2026-01-10")
    sid, _ids = _session(store, title="Tweede keer", neighbourhood="Noord")
    app = Host(lambda: SessionSettingsScreen(store, sid))
    app.store = store
    app.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        field = screen.query_one(FollowsField)
        await until(pilot, lambda: field.loaded, "the earlier sessions are read")
        follows = screen.query_one("#follows", Select)
        assert [sid for _label, sid in field.options] == [earlier], "not itself"
        follows.value = earlier
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.closed, "the settings are saved")
    assert _disk(store, sid).session.follows == earlier


async def test_residents_text_never_drives_the_terminal_in_the_loop_screens(store, clock, until):
    """History, agreements and the look-back show hostile text only as harmless symbols."""
    import re

    from tests.data.hostile_text import HOSTILE, raw_left
    from wijksessie.tui.app import make_app
    from wijksessie.tui.screens.agreements import AgreementsScreen, AgreementStateDialog
    from wijksessie.tui.screens.followup import FollowUpScreen
    from wijksessie.tui.screens.history import HistoryDialog

    nasty = HOSTILE["window title (OSC 0)"] + HOSTILE["right-to-left override"] + HOSTILE["clear screen"]
    earlier = Session.new("Eerste " + nasty, "Noord", date="2026-01-10", languages=["nl"])
    store.create(earlier)
    with store.open(earlier.id) as sf:
        cid = sf.add_contribution(Contribution.new("Inbreng " + nasty, theme="Groen")).id
        sf.decide(cid, "not_adopted", reason="Reden " + nasty, recorded_by="Ambtenaar " + nasty)
        sf.decide(cid, "adopted", reason="Toch wel " + nasty)
        ref = sf.add_agreement(Agreement.new("Afspraak " + nasty, "Wie " + nasty, "2026-02-01")).id
        feedback.set_agreement_state(sf, ref, "stopped", reason="Gestopt " + nasty, recorded_by="Door " + nasty)
    later = Session.new("Tweede", "Noord", date="2026-03-12", languages=["nl"])
    later.follows = earlier.id
    store.create(later)

    def clean(app, where: str) -> None:
        shown = re.sub(r"<[^>]+>", "", app.export_screenshot())
        assert not raw_left(shown), f"{where}: raw control characters reached the screen"

    app = Host(lambda: FollowUpScreen(store, earlier.id))
    app.clock = clock
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, HistoryDialog), "the history shows")
        clean(app, "history")
        await pilot.press("escape", "k")
        await until(pilot, lambda: isinstance(app.screen, AgreementsScreen), "the agreements show")
        clean(app, "agreements")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AgreementStateDialog), "the state form shows")
        clean(app, "agreement state")

    app = make_app(store.data_dir, later.id, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await until(pilot, lambda: "Terugblik" in re.sub(r"<[^>]+>", "", app.export_screenshot()), "look-back",
                    tries=3000)
        clean(app, "look-back")
        await pilot.press("f9")
        await pilot.pause()
        clean(app, "projector look-back")


async def test_the_palette_finds_agreements_from_the_follow_up_screen(store, read_screen, clock, until):
    from wijksessie.tui.app import make_app
    from wijksessie.tui.screens.agreements import AgreementsScreen
    from wijksessie.tui.screens.followup import FollowUpScreen

    sid, _ids = _session(store)
    app = make_app(store.data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_followup(sid)
        await until(pilot, lambda: isinstance(app.screen, FollowUpScreen), "the follow-up screen shows")
        await pilot.press("ctrl+p", *"afspraken")
        await until(pilot, lambda: "Afspraken: hoe ver zijn ze?" in read_screen(app), "the palette offers it",
                    tries=3000)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, AgreementsScreen), "the agreements screen shows", tries=3000)
        assert "In dit gesprek zijn geen afspraken gemaakt." in read_screen(app)


async def test_a_follow_up_meeting_also_counts_how_last_times_points_were_handled(store, read_screen, clock, until):
    from wijksessie.tui.app import make_app

    earlier, sid = _follow_up(store)
    with store.open(sid) as sf:
        sf.update(lambda s: setattr(s, "current_step", "afsluiting"))
    app = make_app(store.data_dir, sid, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "vorige keer gebeurde" in read_screen(app), "the second question shows", tries=3000)
        await pilot.press("shift+tab")
        await pilot.press("5", "enter", "1", "enter", "0", "enter", "4", "enter", "2", "enter", "1", "enter")
        await until(pilot, lambda: "Vorige keer: 4 tevreden, 2 neutraal, 1 niet tevreden." in read_screen(app),
                    "the screen shows both counts saved")
        assert "Typ wat er gezegd wordt" in read_screen(app), "the typing line stays in view at 80x24"
    this, before = _disk(store, sid).session, _disk(store, earlier).session
    assert (this.evaluation.satisfied, this.evaluation.neutral, this.evaluation.not_satisfied) == (5, 1, 0)
    fu = before.follow_up_evaluation
    assert (fu.satisfied, fu.neutral, fu.not_satisfied) == (4, 2, 1)
    assert this.follow_up_evaluation.total == 0


async def test_overview_shows_late_promises_chains_and_evaluation(store, read_screen, clock, until):
    from wijksessie.tui.screens.report import ReportScreen

    earlier, sid = _follow_up(store)  # the bench agreement was due 1 March; today is 12 March
    with store.open(earlier) as sf:
        feedback.record_evaluation(sf, satisfied=7, neutral=2, not_satisfied=1)
        feedback.record_evaluation(sf, satisfied=4, neutral=1, not_satisfied=0, follow_up=True)
    app = Host(lambda: ReportScreen(store))
    app.clock = clock
    async with app.run_test(size=(100, 60)) as pilot:
        await until(pilot, lambda: "Gesprekken die op elkaar volgen" in read_screen(app), "the overview is counted",
                    tries=3000)
        text = read_screen(app)
        assert "Beloofd, maar de datum is voorbij:" in text
        assert f"Noord: Eerste keer · sessie: {earlier} · 1 afspraak is nog niet klaar" in text
        assert "Noord: 2 gesprekken" in text
        assert "Het gesprek: 7 tevreden, 2 neutraal, 1 niet tevreden." in text
        assert "Wat er met hun punten gebeurde: 4 tevreden, 1 neutraal, 0 niet tevreden." in text


async def test_follow_up_flags_points_under_review_past_their_date(store, read_screen, clock):
    from wijksessie.tui.screens.followup import FollowUpScreen

    sid, ids = _session(store)
    with store.open(sid) as sf:
        sf.decide(ids[0], "under_review", reason="We vragen het na.", due="2026-03-01")  # today is 12 March
        sf.decide(ids[1], "under_review", reason="We vragen het na.", due="2026-04-01")
    app = Host(lambda: FollowUpScreen(store, sid))
    app.clock = clock
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = read_screen(app).splitlines()
        assert "⚠ te laat" in next(line for line in lines if ids[0] in line)
        assert "te laat" not in next(line for line in lines if ids[1] in line)


async def test_home_says_the_letter_and_what_else_is_late(store, read_screen, clock, until):
    from wijksessie.tui.app import make_app

    sid, ids = _session(store, title="Alles laat", date="2026-01-10", feedback_due="2026-02-01")
    with store.open(sid) as sf:
        sf.decide(ids[0], "under_review", reason="We vragen het na.", due="2026-02-01")
    app = make_app(store.data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "te laat: brief + 1" in read_screen(app), "the late letter and point are flagged",
                    tries=3000)


def _changed_after_first_letter(store: SessionStore, languages: list[str]) -> str:
    s = Session.new("Gezond Noord", "Noord", date="2026-02-10", languages=languages)
    store.create(s)
    with store.open(s.id) as sf:
        cid = sf.add_contribution(Contribution.new("Te weinig groen bij de flats", theme="Groen", kind="problem")).id
        sf.decide(cid, "under_review", reason="We vragen het na.", due="2026-04-01")
        feedback.record_letter(sf, language=languages[0], fmt="", kind="final", today=dt.date(2026, 2, 20))
        sf.decide(cid, "adopted", reason="Er komen vier bomen.")
    return s.id


async def test_update_letter_skips_a_language_that_already_had_it_from_the_command_line(store, read_screen, clock,
                                                                                        until):
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid = _changed_after_first_letter(store, ["nl", "en"])
    with store.open(sid) as sf:  # as 'wijksessie letter SID --update --lang en' records it
        feedback.record_letter(sf, language="en", fmt="md", kind="update", today=dt.date(2026, 3, 1))
    folder = store.data_dir / "uitvoer" / sid
    app = Host(lambda: LetterPreviewScreen(store, sid))
    app.clock = clock
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter is shown", tries=3000)
        await pilot.press("u")
        await until(pilot, lambda: "Bijwerkbrief gemaakt" in " ".join(read_screen(app).split()),
                    "the screen says the update letter is made", tries=3000)
        text = " ".join(read_screen(app).split())
        assert "1 punt is veranderd." in text and "Geen nieuws voor deze talen: Engels." in text
        assert sorted(p.name for p in folder.glob("bijwerkbrief-*")) == [
            f"bijwerkbrief-2026-03-12-{sid}-nl.{fmt}" for fmt in ("html", "md", "txt")]
        assert [(x.kind, x.language) for x in _disk(store, sid).session.letters] == [
            ("final", "nl"), ("update", "en"), ("update", "nl")]


async def test_update_letter_in_a_half_translated_language_warns_and_asks_first(store, read_screen, clock, until,
                                                                               half_turkish):
    from wijksessie import i18n
    from wijksessie.tui.dialogs.common import ConfirmDialog
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid = _changed_after_first_letter(store, ["nl", "tr"])
    folder = store.data_dir / "uitvoer" / sid
    app = Host(lambda: LetterPreviewScreen(store, sid))
    app.clock = clock
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter is shown", tries=3000)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the program asks first", tries=3000)
        text = " ".join(read_screen(app).split())
        found = re.search(r"Taal: Turks\. Er staan nog (\d+) teksten in het Nederlands\.", text)
        assert found and int(found.group(1)) > 10, text
        assert "Toch maken" in text
        assert not list(folder.glob("bijwerkbrief-*")) if folder.exists() else True
        await pilot.press("n")  # not yet: nothing written, nothing recorded
        await until(pilot, lambda: "Er is geen bijwerkbrief gemaakt." in read_screen(app), "the screen says so",
                    tries=3000)
        assert not list(folder.glob("bijwerkbrief-*")) if folder.exists() else True
        assert [x.kind for x in _disk(store, sid).session.letters] == ["final"]

        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the program asks again", tries=3000)
        await pilot.press("j")
        await until(pilot, lambda: "Bijwerkbrief gemaakt" in " ".join(read_screen(app).split()),
                    "the update letter is made after the yes", tries=3000)
        assert "Bij elke Nederlandse tekst staat een teken." in " ".join(read_screen(app).split())
        assert len(list(folder.glob("bijwerkbrief-*"))) == 6
        page = (folder / f"bijwerkbrief-2026-03-12-{sid}-tr.html").read_text(encoding="utf-8")
        mark = "[" + i18n.language_name("nl", "tr") + "]"
        assert 'class="dutch-note"' in page and page.count(f'<span class="mark">{mark}</span>') > 10
        assert 'class="in-dutch"' not in (folder / f"bijwerkbrief-2026-03-12-{sid}-nl.html").read_text(encoding="utf-8")
        assert [(x.kind, x.language) for x in _disk(store, sid).session.letters] == [
            ("final", "nl"), ("update", "nl"), ("update", "tr")]
