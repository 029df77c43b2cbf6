"""The program's first and final letter in a language that still has Dutch texts (issue 15).

Like ``wijksessie letter --final`` without ``--allow-untranslated``: the
program says per language how many texts are still Dutch and writes nothing
(and records nothing) until the facilitator says 'Toch maken'; then the
Dutch parts are marked. Driven with the keyboard through Pilot over a real
session file and a real (half) Turkish catalogue; what is checked is what the
facilitator reads and what ends up on disk.
"""

from __future__ import annotations

import re

from helpers.screen_host import Host

from wijksessie import i18n
from wijksessie.model import Contribution, Session
from wijksessie.store import SessionStore


def _session(store: SessionStore) -> str:
    s = Session.new("Gezond Noord", "Noord", date="2026-11-24", languages=["nl", "tr"])
    store.create(s)
    with store.open(s.id) as sf:
        for text, theme in [("Te weinig groen bij de flats", "Groen"), ("Een wandelgroep op zaterdag", "Bewegen")]:
            c = sf.add_contribution(Contribution.new(text, theme=theme, kind="idea"))
            sf.decide(c.id, "done")
    return s.id


def _letters(store: SessionStore, sid: str) -> list[tuple[str, str]]:
    sf = SessionStore(store.data_dir).open(sid, readonly=True)
    sf.close()
    return [(x.kind, x.language) for x in sf.session.letters]


def _marks(path) -> int:
    return path.read_text(encoding="utf-8").count("[" + i18n.language_name("nl", "tr") + "]")


def _asks_about_turkish(text: str) -> bool:
    text = " ".join(text.split())
    found = re.search(r"Taal: Turks\. Er staan nog (\d+) teksten in het Nederlands\.", text)
    return bool(found and int(found.group(1)) > 10 and "Toch maken" in text and "Nog niet" in text)


async def test_final_letter_in_a_half_translated_language_asks_and_writes_nothing_until_yes(
        store, read_screen, clock, until, half_turkish):
    from wijksessie.tui.dialogs.common import ConfirmDialog
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid = _session(store)
    folder = store.data_dir / "uitvoer" / sid
    app = Host(lambda: LetterPreviewScreen(store, sid, lang="nl"), clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter is shown", tries=3000)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked whether to make it final")
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog) and _asks_about_turkish(read_screen(app)),
                    "the program says how many texts are still Dutch, and asks", tries=3000)
        assert not folder.exists() and _letters(store, sid) == []

        await pilot.press("n")  # not yet: nothing written, nothing recorded
        await until(pilot, lambda: "Er is geen brief gemaakt." in screen.status_text, "the screen says so", tries=3000)
        assert not folder.exists() and _letters(store, sid) == []

        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked whether to make it final")
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog) and _asks_about_turkish(read_screen(app)),
                    "asked again about the Dutch texts", tries=3000)
        await pilot.press("j")
        await until(pilot, lambda: "Bij elke Nederlandse tekst staat een teken." in " ".join(read_screen(app).split()),
                    "the screen says the Dutch texts are marked", tries=3000)
        assert _letters(store, sid) == [("final", "nl"), ("final", "tr")]  # one letter per language
        turkish, dutch = sorted(folder.glob("brief-*-tr.html")), sorted(folder.glob("brief-*-nl.html"))
        assert len(turkish) == len(dutch) == 1
        assert 'class="dutch-note"' in turkish[0].read_text(encoding="utf-8") and _marks(turkish[0]) > 10
        assert _marks(dutch[0]) == 0


async def test_letter_files_in_a_half_translated_language_ask_first(store, read_screen, clock, until, half_turkish):
    from wijksessie.tui.dialogs.common import ConfirmDialog
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid = _session(store)
    folder = store.data_dir / "uitvoer" / sid
    app = Host(lambda: LetterPreviewScreen(store, sid, lang="nl"), clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter is shown", tries=3000)
        await pilot.press("w")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog) and _asks_about_turkish(read_screen(app)),
                    "the program says how many texts are still Dutch, and asks", tries=3000)
        assert not folder.exists()
        await pilot.press("j")
        await until(pilot, lambda: "Bij elke Nederlandse tekst staat een teken." in " ".join(read_screen(app).split()),
                    "the letters are made, the Dutch texts marked", tries=3000)
        assert _marks(next(folder.glob("brief-*-tr.md"))) > 10
        assert _letters(store, sid) == []  # not the final letter: nothing recorded as sent


async def test_files_screen_makes_everything_else_and_asks_about_the_letters(store, read_screen, clock, until,
                                                                             half_turkish):
    from wijksessie.tui.dialogs.common import ConfirmDialog
    from wijksessie.tui.screens.outputs import OutputsScreen

    sid = _session(store)
    folder = store.data_dir / "uitvoer" / sid
    app = Host(lambda: OutputsScreen(store, sid), clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, OutputsScreen), "the files screen")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog) and _asks_about_turkish(read_screen(app)),
                    "the program says how many texts are still Dutch, and asks", tries=3000)
        assert sorted(p.name for p in folder.glob("export-*")) == [f"export-{sid}.{fmt}" for fmt in ("csv", "json", "md")]
        assert not list(folder.glob("brief-*"))
        await pilot.press("n")
        await until(pilot, lambda: "Er is geen brief gemaakt." in read_screen(app), "the screen says so", tries=3000)
        assert not list(folder.glob("brief-*"))

        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog) and _asks_about_turkish(read_screen(app)),
                    "asked again", tries=3000)
        await pilot.press("j")
        await until(pilot, lambda: "Bij elke Nederlandse tekst staat een teken." in " ".join(read_screen(app).split()),
                    "the letters are made, the Dutch texts marked", tries=3000)
        assert _marks(next(folder.glob("brief-*-tr.html"))) > 10
        assert _letters(store, sid) == []


async def test_personal_letters_in_a_half_translated_language_ask_first(store, read_screen, clock, until,
                                                                        half_turkish):
    from wijksessie.model import Person
    from wijksessie.tui.dialogs.common import ConfirmDialog
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid = _session(store)
    with store.open(sid) as sf:
        sf.add_person(Person.new("Ayşe Yılmaz", purpose="letter", consent_how="oral",
                                 address="Merelplein 3, 1234 CD Voorbeeld", language="tr"))
    letters = store.data_dir / "uitvoer" / sid / "brieven"
    app = Host(lambda: LetterPreviewScreen(store, sid, lang="nl"), clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter is shown", tries=3000)
        await pilot.press("d")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked whether to make it final")
        await pilot.press("j")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog) and _asks_about_turkish(read_screen(app)),
                    "asked about the Dutch texts", tries=3000)
        await pilot.press("j")
        await until(pilot, lambda: "1 brief klaar om te printen" in screen.status_text, "the resident's letter offered",
                    tries=3000)

        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog) and _asks_about_turkish(read_screen(app)),
                    "the program says how many texts of the resident's letter are still Dutch", tries=3000)
        assert not letters.exists() or not list(letters.iterdir())
        await pilot.press("n")
        await until(pilot, lambda: "Er is geen brief gemaakt." in screen.status_text, "the screen says so", tries=3000)
        assert "1 brief klaar om te printen" in screen.status_text  # still waiting: nothing recorded

        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "asked again", tries=3000)
        await pilot.press("j")
        await until(pilot, lambda: "1 brief om te printen" in screen.status_text, "the resident's letter is made",
                    tries=3000)
        assert [p.suffix for p in letters.iterdir()] == [".pdf"]
        assert "Bij elke Nederlandse tekst staat een teken." in " ".join(screen.status_text.split())


async def test_the_letter_screen_says_before_writing_that_a_language_is_not_fully_translated(
        store, read_screen, clock, until, half_turkish):
    from wijksessie.tui.screens.letter import LetterPreviewScreen

    sid = _session(store)
    app = Host(lambda: LetterPreviewScreen(store, sid, lang="nl"), clock)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.letter_text, "the letter is shown", tries=3000)
        assert "Nog niet vertaald" not in screen.status_text  # Dutch: nothing missing
        await pilot.press("l")
        await until(pilot, lambda: "Taal van de brief: Turks." in read_screen(app), "the Turkish letter", tries=3000)
        await until(pilot, lambda: re.search(r"Nog niet vertaald: (\d+) teksten staan in het Nederlands\.",
                                             " ".join(read_screen(app).split())), "the warning above the letter",
                    tries=3000)
