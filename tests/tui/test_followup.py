"""Follow-up, letter preview and overview screens, driven with the keyboard through Pilot.

Each test uses a tiny host app that pushes one of our screens over a real
session file in this test's data folder; what is checked is what a user
would see or what ends up on disk.
"""

from __future__ import annotations

import datetime as dt

from helpers.screen_host import Host
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from wijksessie.model import Contribution, Session
from wijksessie.store import SessionStore


def _session(store: SessionStore, *, title="Gezond Noord", neighbourhood="Noord", date="2026-11-24",
             feedback_due=None) -> tuple[str, list[str]]:
    s = Session.new(title, neighbourhood, date=date, feedback_due=feedback_due, languages=["nl"])
    store.create(s)
    with store.open(s.id) as sf:
        ids = [
            sf.add_contribution(Contribution.new("Te weinig groen bij de flats", theme="Groen", kind="problem")).id,
            sf.add_contribution(Contribution.new("Een wandelgroep op zaterdag", theme="Bewegen")).id,
            sf.add_contribution(Contribution.new("Donkere steeg achter de school", theme="Veilig", kind="problem")).id,
        ]
    return s.id, ids


def _saved(store, sid, cid):
    with SessionStore(store.data_dir).open(sid, readonly=True) as sf:
        return sf.contribution(cid).decision


async def _open_form(pilot, row: int):
    screen = pilot.app.screen
    table = screen.query_one(DataTable)
    table.move_cursor(row=row)
    await pilot.press("enter")
    await pilot.pause()
    from wijksessie.tui.screens.followup import DecisionDialog

    assert isinstance(pilot.app.screen, DecisionDialog)
    return pilot.app.screen


async def test_decide_from_the_table_and_the_counter_follows(store):
    from wijksessie.tui.screens.followup import FollowUpScreen

    sid, ids = _session(store)
    app = Host(lambda: FollowUpScreen(store, sid))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen.query_one(DataTable).row_count == 3
        assert "Nog 3 van de 3 zonder antwoord" in str(screen.query_one("#open-count", Static).render())

        form = await _open_form(pilot, 1)
        form.query_one("#status", Select).value = "adopted"
        form.query_one("#owner", Input).value = "Buurthuis"
        form.query_one("#due", Input).value = "2027-01-31"
        form.query_one("#quick_win", Checkbox).value = True
        await pilot.click("#save")
        await pilot.pause()
        assert app.screen is screen
        d = _saved(store, sid, ids[1])
        assert (d.status.value, d.owner, d.due, d.quick_win) == ("adopted", "Buurthuis", dt.date(2027, 1, 31), True)
        assert "Nog 2 van de 3 zonder antwoord" in str(screen.query_one("#open-count", Static).render())
        assert screen.query_one(DataTable).get_row(ids[1])[4] == "overgenomen"


async def test_rule_errors_are_shown_and_nothing_is_saved(store):
    from wijksessie.tui.screens.followup import FollowUpScreen

    sid, ids = _session(store)
    app = Host(lambda: FollowUpScreen(store, sid))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot, 0)
        form.query_one("#status", Select).value = "not_adopted"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # still open
        assert "reden" in str(form.query_one("#error", Static).render())
        assert _saved(store, sid, ids[0]).status.value == "open"

        form.query_one("#status", Select).value = "referred"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "organisatie" in str(form.query_one("#error", Static).render())

        form.query_one("#organisation", Input).value = "Wijkagent Noord"
        form.query_one("#reason").value = "De wijkagent gaat erover."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not form
        d = _saved(store, sid, ids[0])
        assert (d.status.value, d.organisation, d.reason) == ("referred", "Wijkagent Noord", "De wijkagent gaat erover.")


async def test_jargon_hint_under_the_explanation(store):
    from wijksessie.tui.screens.followup import FollowUpScreen

    sid, _ids = _session(store)
    app = Host(lambda: FollowUpScreen(store, sid))
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_form(pilot, 0)
        field = form.query_one("#reason")
        field.input.focus()
        await pilot.press(*"We gaan de input implementeren")
        await pilot.pause()
        hint = field.hint.plain_text
        assert "implementeren" in hint or "input" in hint
        await pilot.press("escape")
        await pilot.pause()
        assert _saved(store, sid, _ids[0]).reason == ""  # cancelled: nothing saved


async def test_filters(store):
    from wijksessie.tui.screens.followup import FollowUpScreen

    sid, ids = _session(store)
    with store.open(sid) as sf:
        sf.decide(ids[0], "done")
    app = Host(lambda: FollowUpScreen(store, sid))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        table = screen.query_one(DataTable)
        screen.query_one("#kind", Select).value = "problem"
        await pilot.pause()
        assert table.row_count == 2
        screen.query_one("#status", Select).value = "open"
        await pilot.pause()
        assert [table.get_row_at(i)[0] for i in range(table.row_count)] == [ids[2]]
        await pilot.press("a")
        await pilot.pause()
        assert table.row_count == 3
        screen.query_one("#theme", Select).value = "Bewegen"
        await pilot.pause()
        assert table.row_count == 1


async def test_text_that_looks_like_markup_is_shown_as_typed(store):
    from wijksessie.tui.screens.followup import FollowUpScreen

    sid, _ids = _session(store)
    with store.open(sid) as sf:
        sf.add_contribution(Contribution.new("[/b] te [red]weinig[/red] bankjes", theme="[bold]Groen"))
    app = Host(lambda: FollowUpScreen(store, sid))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.get_row_at(3)[3].plain.startswith("[/b] te [red]wei")
        assert table.get_row_at(3)[1].plain == "[bold]Groen"


async def test_the_text_uses_the_width_the_terminal_has(store):
    from wijksessie.tui.screens.followup import FollowUpScreen

    sid, _ids = _session(store)
    said = "Het sportveld is 's avonds donker, daarom gaat niemand er na zessen nog heen"
    with store.open(sid) as sf:
        sf.add_contribution(Contribution.new(said, theme="Bewegen"))
    app = Host(lambda: FollowUpScreen(store, sid))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        shown = table.get_row_at(3)[3].plain
        assert len(shown) >= 60 and said.startswith(shown.rstrip("…"))
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        narrow = app.screen.query_one(DataTable).get_row_at(3)[3].plain
        assert len(narrow) < len(shown) and narrow.endswith("…")


async def test_escape_closes_and_releases_the_session(store):
    from wijksessie.tui.screens.followup import FollowUpScreen

    sid, ids = _session(store)
    app = Host(lambda: FollowUpScreen(store, sid))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.closed
        with store.open(sid) as sf:  # the lock is free again
            sf.decide(ids[0], "done")


async def test_letter_preview_shows_and_writes_the_files(store, tmp_path, until):
    from wijksessie import outputs
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid, _ids = _session(store)
    app = Host(lambda: LetterPreviewScreen(store, sid, lang="nl"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await until(pilot, lambda: "Te weinig groen bij de flats" in screen.letter_text, "the letter")
        assert "Dit zoeken wij nog uit" in screen.letter_text
        # Still the example municipality: the letter says so, and how to fix it.
        assert "Gemeente Voorbeeld" in screen.status_text and "druk op g" in screen.status_text.lower()
        await pilot.press("w")
        folder = store.data_dir / "uitvoer" / sid
        await until(pilot, lambda: folder.is_dir() and len(list(folder.iterdir())) == len(outputs.letter_formats()),
                    "the letter files")
        assert sorted(p.suffix[1:] for p in folder.iterdir()) == sorted(outputs.letter_formats())
        await until(pilot, lambda: "Gemaakt:" in screen.status_text, "the files named")
        assert str(folder) in screen.status_text
        await pilot.press("t")
        await until(pilot, lambda: "# Wat wij doen met wat u zei" in screen.letter_text, "the Markdown letter")
        assert screen.fmt == "md"


async def test_municipality_set_from_the_letter_screen(store, until):
    from wijksessie import letter
    from wijksessie.tui.dialogs.municipality import MunicipalityDialog
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid, _ids = _session(store)
    app = Host(lambda: LetterPreviewScreen(store, sid, lang="nl"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await until(pilot, lambda: "Gemeente Voorbeeld" in screen.status_text, "the warning")
        await pilot.press("g")
        await until(pilot, lambda: isinstance(app.screen, MunicipalityDialog), "the municipality form")
        await pilot.press(*"Gemeente Zuidhorn", "enter")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen, "back on the letter")
        await until(pilot, lambda: "Gemeente Zuidhorn" in screen.letter_text, "the new name in the letter")
        assert "Gemeente Voorbeeld" not in screen.status_text
    assert letter.load_municipality().name == "Gemeente Zuidhorn"


async def test_final_letter_from_the_preview(store, until, notifications):
    from wijksessie.tui.dialogs.common import ConfirmDialog
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid, ids = _session(store)
    app = Host(lambda: LetterPreviewScreen(store, sid, lang="nl"))
    shown = notifications(app)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter")
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked first")
        await pilot.press("j")
        refused = lambda n: "zonder besluit" in n.message or "zonder antwoord" in n.message  # noqa: E731
        await until(pilot, lambda: any(refused(n) for n in shown), "told why not")
        message = next(n.message for n in shown if refused(n))
        assert "--" not in message and "wijksessie" not in message
        with SessionStore(store.data_dir).open(sid, readonly=True) as sf:
            assert sf.session.letter_sent is None
        with store.open(sid) as sf:
            for cid in ids:
                sf.decide(cid, "done")
        # The screen read the session when it opened; a new screen sees the decisions.
    app = Host(lambda: LetterPreviewScreen(store, sid, lang="nl"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter")
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked to confirm")
        await pilot.press("j")
        await until(pilot, lambda: "Definitieve brief verstuurd" in screen.status_text, "recorded as sent")
        with SessionStore(store.data_dir).open(sid, readonly=True) as sf:
            assert sf.session.letter_sent == dt.date.today()
        assert "Wij hebben nu over alle punten een besluit genomen" in " ".join(screen.letter_text.split())
        assert (store.data_dir / "uitvoer" / sid).is_dir()


async def test_report_screen_marks_overdue_neighbourhoods(store, until):
    from wijksessie.tui.screens.report import ReportScreen

    _session(store, neighbourhood="Noord", date="2020-01-01", feedback_due="2020-02-01")
    _session(store, neighbourhood="Zuid", date=dt.date.today().isoformat())
    _session(store, neighbourhood="West", date="2099-01-01")  # planned: not counted yet, and the screen says why
    app = Host(lambda: ReportScreen(store))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.screen.report is not None, "counted")
        table = app.screen.query_one(DataTable)
        extra = str(app.screen.query_one("#report-extra", Static).render())
        assert "datum in de toekomst" in extra
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
        assert set(rows) == {"Noord", "Zuid"}
        assert "1" in str(rows["Noord"][5]) and "⚠" in str(rows["Noord"][5])
        assert "⚠" not in str(rows["Zuid"][5])
        await pilot.press("escape")
        await pilot.pause()
        assert app.closed


async def test_footers_fit_and_home_shows_the_whole_title_at_80x24(data_dir, clock, until, read_screen):
    from wijksessie.demo import create_demo
    from wijksessie.tui.app import make_app
    from wijksessie.tui.screens.home import HomeScreen

    create_demo(SessionStore(data_dir))
    app = make_app(data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded, "the list")
        assert "Gezond leven in de Vogelbuurt" in read_screen(app)

        def footer_line() -> str:
            return read_screen(app).rstrip("\n").splitlines()[-1]

        for key, name, must_show in (
            (None, "HomeScreen", ["n Nieuw", "Openen", "f Opvolging", "b Brief", "u Bestanden"]),
            ("f", "FollowUpScreen", ["esc Terug"]),
            ("b", "LetterPreviewScreen", ["w Bestanden maken", "d Definitief", "esc Terug"]),
            ("u", "OutputsScreen", ["Maken", "a Alles maken", "esc Terug"]),
            ("o", "ReportScreen", ["w Bestanden maken", "esc Terug"]),
            ("s", "SessionSettingsScreen", ["^s Bewaren", "esc Terug"]),
        ):
            if key:
                await pilot.press(key)
                await until(pilot, lambda name=name: type(app.screen).__name__ == name, name)
            await until(pilot, lambda: "Terug" in footer_line() or "Nieuw" in footer_line(), "the footer of " + name)
            footer = footer_line()
            assert footer.count("Opdrachten") == 1 and "▏" not in footer, (name, footer)
            assert footer.rstrip().endswith("^p Opdrachten"), (name, footer)  # nothing cut off at the end
            for words in must_show:
                assert words in footer, (name, words, footer)
            if key:
                await pilot.press("escape")
                await until(pilot, lambda: isinstance(app.screen, HomeScreen), "home again")


async def test_files_screen_makes_everything_in_one_folder_and_says_where(store, until, read_screen, notifications):
    from wijksessie import outputs
    from wijksessie.tui.dialogs.common import ConfirmDialog
    from wijksessie.tui.screens.outputs import OutputsScreen

    sid, ids = _session(store)
    app = Host(lambda: OutputsScreen(store, sid))
    shown = notifications(app)
    folder = store.data_dir / "uitvoer" / sid
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = app.screen
        assert str(folder) in "".join(read_screen(app).split())  # the path may wrap
        await pilot.press("a")
        await until(pilot, lambda: screen.made and not screen.busy, "everything made")
        names = {p.name for p in folder.iterdir()}
        assert {f"export-{sid}.md", f"export-{sid}.csv", f"export-{sid}.json"} <= names
        assert sum(name.startswith("brief-") for name in names) == len(outputs.letter_formats())
        assert any((store.data_dir / "uitvoer" / "overzicht").iterdir())
        assert f"export-{sid}.csv" in read_screen(app)
        # The final letter: asked first, then refused while points are open, in the program's words.
        screen.query_one("#outputs-list").highlighted = 4
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked first")
        await pilot.press("j")
        refused = lambda n: "zonder besluit" in n.message or "zonder antwoord" in n.message  # noqa: E731
        await until(pilot, lambda: any(refused(n) for n in shown), "refused")
        message = next(n.message for n in shown if refused(n))
        assert "--" not in message and "wijksessie" not in message


async def test_letter_lists_points_held_back_and_how_to_allow_one(store, until):
    from wijksessie.tui.dialogs.common import TextDialog
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid, _ids = _session(store)
    with store.open(sid) as sf:
        held = sf.add_contribution(Contribution.new("Bel het buurthuis op 06-12345678 voor de wandelgroep",
                                                    theme="Bewegen")).id
    app = Host(lambda: LetterPreviewScreen(store, sid, lang="nl"))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter")
        assert held in screen.status_text and "druk op p" in screen.status_text
        assert "06-12345678" not in screen.letter_text  # held back from the letter
        await pilot.press("p")
        await until(pilot, lambda: isinstance(app.screen, TextDialog), "asked why")
        await pilot.press(*"het is het nummer van het buurthuis", "enter")
        await until(pilot, lambda: "06-12345678" in screen.letter_text, "the number allowed in the letter")
        assert held not in screen.status_text
    with SessionStore(store.data_dir).open(sid, readonly=True) as sf:
        assert sf.contribution(held).privacy_ok["reason"] == "het is het nummer van het buurthuis"


async def test_a_key_that_does_nothing_says_so(data_dir, clock, until, notifications):
    from wijksessie.demo import create_demo
    from wijksessie.tui.app import make_app
    from wijksessie.tui.screens.home import HomeScreen

    create_demo(SessionStore(data_dir))
    app = make_app(data_dir, clock=clock)
    shown = notifications(app)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded, "the list")
        await pilot.press("x")
        told = "Deze toets doet hier niets: x. Druk op F1 voor alle toetsen."
        await until(pilot, lambda: any(n.message == told for n in shown), "told")
        count = len(shown)
        await pilot.press("o")  # a key that does something is not complained about
        await until(pilot, lambda: type(app.screen).__name__ == "ReportScreen", "the overview")
        assert len(shown) == count, [n.message for n in shown]


async def test_columns_keep_their_width_after_a_decision(store, until):
    from wijksessie.tui.screens.followup import FollowUpScreen

    sid, ids = _session(store)
    app = Host(lambda: FollowUpScreen(store, sid))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        before = [column.width for column in table.columns.values()]
        form = await _open_form(pilot, 0)
        form.query_one("#status", Select).value = "adopted"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is not form, "the form closed")
        table = app.screen.query_one(DataTable)
        after = [column.width for column in table.columns.values()]
        assert str(table.get_row_at(0)[1]) == "Groen"  # the theme is shown whole, not cut to its header
        assert sum(after) == sum(before) and all(a >= 5 for a in after[:3])  # the whole width stays in use
        assert str(table.get_row_at(1)[4]) == "–"  # no decision yet: a dash, so the text keeps its room


async def test_home_says_why_the_list_cannot_be_read(tmp_path, clock, until, read_screen):
    from wijksessie.tui.app import make_app
    from wijksessie.tui.screens.home import HomeScreen

    not_a_folder = tmp_path / "sessies.txt"
    not_a_folder.write_text("dit is een bestand", encoding="utf-8")
    app = make_app(not_a_folder, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded, "the list")
        await until(pilot, lambda: "geen map" in " ".join(read_screen(app).split()), "the reason on screen")
        assert "Nog geen sessies" not in read_screen(app)


async def test_typing_in_an_open_drop_down_is_not_called_a_key_that_does_nothing(store, until, notifications):
    from wijksessie.tui.screens.followup import FollowUpScreen

    sid, _ids = _session(store)
    app = Host(lambda: FollowUpScreen(store, sid))
    shown = notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t", "enter")  # the theme filter, and open its list
        themes = app.screen.query_one("#theme", Select)
        await until(pilot, lambda: themes.expanded, "the list of themes is open")
        await pilot.press("g")  # typing in the open list jumps to a theme
        await pilot.press("x")  # on the table the same letter is said to do nothing, see above
        assert not any("doet hier niets" in n.message for n in shown), [n.message for n in shown]
