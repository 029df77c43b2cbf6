"""The feedback letter of the built-in example meeting, in any language, without preparing a session.

For translators (``wijksessie letter --example --lang tr``) and for the
translator's tools (``wijksessie i18n status tr`` lists the letter's texts
first). The example meeting (:mod:`wijksessie.demo`) is written to a
temporary folder through the real store, read back, and the folder removed.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from wijksessie import letter


def example_letter(
    fmt: str = "md", lang: str | None = None, *, mark_untranslated: bool = False, today: dt.date | None = None
) -> letter.RenderedLetter:
    """The example meeting's letter in ``fmt`` and ``lang`` (and which texts are still Dutch)."""
    from wijksessie.demo import create_demo
    from wijksessie.store import SessionStore

    with tempfile.TemporaryDirectory(prefix="wijksessie-voorbeeld-") as folder:
        store = SessionStore(Path(folder))
        sid = create_demo(store)
        with store.open(sid, readonly=True) as sf:
            return letter.write_letter(
                sf.session, sf.contributions(), sf.agreements(), fmt, lang or "nl",
                mark_untranslated=mark_untranslated, today=today or sf.session.date + dt.timedelta(days=14),
            )
