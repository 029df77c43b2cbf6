"""Personal letters and PDF/Word from the program: after the final letter, "n brieven klaar om te printen".

Driven with the keyboard through Pilot over a real session file; what is
checked is what the facilitator reads and what ends up on disk.
"""

from __future__ import annotations

import stat

from helpers.screen_host import Host

from wijksessie import letter, outputs
from wijksessie.model import Contribution, Person, Session
from wijksessie.store import SessionStore


def _session(store: SessionStore) -> tuple[str, dict[str, str]]:
    s = Session.new("Gezond Noord", "Noord", date="2026-11-24", languages=["nl"])
    store.create(s)
    with store.open(s.id) as sf:
        for text, theme in [("Te weinig groen bij de flats", "Groen"), ("Een wandelgroep op zaterdag", "Bewegen")]:
            c = sf.add_contribution(Contribution.new(text, theme=theme, kind="idea"))
            sf.decide(c.id, "done")
        people = {
            "nl": sf.add_person(Person.new("Piet de Vries", purpose="letter", consent_how="oral",
                                           address="Kerkstraat 12, 1234 AB Voorbeeld")),
            "tr": sf.add_person(Person.new("Ayşe Yılmaz", purpose="letter", consent_how="oral",
                                           address="Merelplein 3, 1234 CD Voorbeeld", language="tr")),
            "help": sf.add_person(Person.new("Jan Helper", purpose="help", consent_how="oral",
                                             address="Dorpsstraat 1, Voorbeeld")),
        }
    return s.id, {k: p.receipt for k, p in people.items()}


def _owner_only(path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0


async def test_after_the_final_letter_the_personal_letters_are_offered_and_written(store, until, notifications):
    from wijksessie.tui.dialogs.common import ConfirmDialog
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid, receipts = _session(store)
    folder = store.data_dir / "uitvoer" / sid / "brieven"
    app = Host(lambda: LetterPreviewScreen(store, sid, lang="nl"))
    shown = notifications(app)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter")
        # Before the final letter nothing is offered, and b does nothing but say so.
        assert "klaar om te printen" not in screen.status_text
        assert "b Brieven printen" not in screen.query_one("Footer").render_line(0).text
        await pilot.press("b")
        await pilot.pause()
        assert not folder.exists()

        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked first")
        await pilot.press("j")
        await until(pilot, lambda: "2 brieven klaar om te printen" in screen.status_text, "the letters offered")
        # The final letter itself: every format, PDF and Word included, owner-only.
        made = sorted((store.data_dir / "uitvoer" / sid).glob("brief-*"))
        assert {p.suffix[1:] for p in made} == set(letter.LETTER_FORMATS)
        assert all(_owner_only(p) for p in made)
        assert made[[p.suffix for p in made].index(".pdf")].read_bytes().startswith(b"%PDF")

        await pilot.press("b")
        await until(pilot, lambda: folder.is_dir() and len(list(folder.iterdir())) == 2, "the letters on disk")
        names = sorted(p.name for p in folder.iterdir())
        assert names == sorted(f"brief-2026-11-24-{receipts[k]}.pdf" for k in ("nl", "tr"))
        assert not any("Piet" in n or "Ay" in n for n in names)
        assert all(_owner_only(p) and p.read_bytes().startswith(b"%PDF") for p in folder.iterdir())
        assert _owner_only(folder)
        await until(pilot, lambda: str(folder) in screen.status_text, "the folder shown")
        assert "klaar om te printen" not in screen.status_text
        assert f"2 brieven gemaakt. Map: {folder}" in [n.message for n in shown]
    with SessionStore(store.data_dir).open(sid, readonly=True) as sf:
        letters = {p.receipt: p.letters for p in sf.people()}
    assert [s.final for s in letters[receipts["nl"]]] == [True]
    assert [s.language for s in letters[receipts["tr"]]] == ["tr"]
    assert letters[receipts["help"]] == []


async def test_the_files_screen_offers_pdf_word_and_the_personal_letters(store, until, read_screen):
    from wijksessie.tui.dialogs.common import ConfirmDialog
    from wijksessie.tui.screens.outputs import OutputsScreen

    sid, receipts = _session(store)
    app = Host(lambda: OutputsScreen(store, sid))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = app.screen
        assert "PDF" in read_screen(app) and "Word" in read_screen(app)
        assert "klaar om te printen" not in read_screen(app)
        screen.query_one("#outputs-list").highlighted = 4  # the final letter
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked first")
        await pilot.press("j")
        await until(pilot, lambda: "2 brieven klaar om te printen" in read_screen(app), "the letters offered")
        assert len(outputs.letter_formats()) == len(letter.LETTER_FORMATS)
        screen.query_one("#outputs-list").highlighted = 6
        await pilot.press("enter")
        folder = store.data_dir / "uitvoer" / sid / "brieven"
        await until(pilot, lambda: folder.is_dir() and len(list(folder.iterdir())) == 2 and not screen.busy,
                    "the letters on disk")
        app.clear_notifications()  # the toast says it too; then the list below shows each file
        await until(pilot, lambda: f"brieven/brief-2026-11-24-{receipts['tr']}.pdf" in read_screen(app),
                    "each letter file named below the list")
        await until(pilot, lambda: "klaar om te printen" not in read_screen(app), "nothing left to print")


async def test_characters_the_pdf_cannot_show_are_named(store, until):
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid, _receipts = _session(store)
    with store.open(sid) as sf:
        sf.add_contribution(Contribution.new("Meer 你好 bankjes", theme="Groen", kind="idea"))
    app = Host(lambda: LetterPreviewScreen(store, sid, lang="nl"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter")
        await pilot.press("w")
        await until(pilot, lambda: "Gemaakt:" in screen.status_text, "the files made")
        assert "Deze tekens staan niet in de PDF" in screen.status_text
        assert "你" in screen.status_text and "好" in screen.status_text
    pdf = next((store.data_dir / "uitvoer" / sid).glob("*.pdf"))
    assert pdf.read_bytes().startswith(b"%PDF")


async def test_letter_footer_fits_80_columns_after_the_final_letter(data_dir, store, until, read_screen, notifications):
    """Walkthrough: after the final letter the footer ran off the screen ('… u Bijwerkbrief esc Terug f1 Hul')."""
    import datetime as dt

    from wijksessie.tui.app import make_app
    from wijksessie.tui.dialogs.common import ConfirmDialog
    from wijksessie.tui.screens.home import HomeScreen
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid, _receipts = _session(store)
    with store.open(sid) as sf:
        sf.update(lambda s: setattr(s, "letter_sent", dt.date(2026, 11, 30)))
        c = sf.contributions()[0]
        sf.decide(c.id, "adopted", reason="Komt er in het voorjaar")  # changed since the letter: 'u' is offered
    app = make_app(data_dir)
    shown = notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.screen.loaded, "the list")
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, LetterPreviewScreen) and app.screen.letter_text, "letter")
        footer = read_screen(app).rstrip("\n").splitlines()[-1]
        assert footer.rstrip().endswith("^p Opdrachten"), footer  # nothing cut off
        assert "w Bestanden maken" in footer and "u Bijwerkbrief" in footer and "esc Terug" in footer, footer
        await pilot.press("d")  # not in the footer any more, still works
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked first")
        assert not [n for n in shown if "doet hier niets" in n.message], "d works, so it must not say it does nothing"
