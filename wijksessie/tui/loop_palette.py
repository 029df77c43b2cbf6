"""Command-palette lines for the feedback loop (history, agreements, update letter), by the screen shown.

The same actions have keys on their screens (g, k, u); the palette makes them
findable by name ("geschiedenis", "afspraken", "bijwerkbrief").
"""

from __future__ import annotations

from collections.abc import Callable

from wijksessie.i18n import _


def commands(screen) -> list[tuple[str, Callable[[], object], str]]:
    """(title, action, help) for the feedback-loop actions the current screen offers; translated now."""
    found: list[tuple[str, Callable[[], object], str]] = []
    if hasattr(screen, "action_history") and hasattr(screen, "action_agreements"):  # the follow-up screen
        found += [
            (_("Geschiedenis van dit punt"), screen.action_history, _("Alle antwoorden, het oudste eerst (g)")),
            (_("Afspraken: hoe ver zijn ze?"), screen.action_agreements,
             _("Gepland, bezig, klaar of gestopt (k)")),
        ]
    if hasattr(screen, "action_update_letter"):  # the letter screen
        from wijksessie.tui.screens import update_letter

        if update_letter.available(screen):
            found.append((_("Bijwerkbrief maken"), screen.action_update_letter,
                          _("Alleen wat veranderd is sinds de vorige brief (u)")))
    return found
