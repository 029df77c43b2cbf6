"""Keys typed while the screen changes are kept, not lost.

Textual hands each key to the widget that has the focus *when the App takes
the key*, and runs a key's binding only after the key has travelled back up
to the App. So in a burst (a fast typist, F8 held down, a terminal sending
keys at once) the letters typed right after F8 ("next step") or ``n`` ("new
session") reach the old step's line or the list of sessions, before the step
changes or the form is shown: they were lost without a word.

A screen names the actions after which typing must wait in
``HOLD_KEYS_DURING`` (e.g. ``{"next_step"}``). When such a key comes in, the
App passes it on as usual and holds every key that follows; once the action
has run and the screen on top has a focused widget again, the held keys go
on, in typing order, to whatever has the focus then (the new step's first
field, the form's title). A held key that starts a change again (F8 held
down) holds the keys after it once more. If the action never comes (the key
was used by a field), the keys go on after :data:`HOLD_AT_MOST` seconds:
late, never lost.

Only public Textual API: ``App.on_event`` (where the App takes a key from the
terminal), ``App.run_action`` (where a binding runs) and ``Screen.active_bindings``.
"""

from __future__ import annotations

from functools import partial
from typing import Any, TypeVar

from textual import events
from textual.app import App, ScreenStackError
from textual.binding import ActiveBinding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input

#: Seconds keys may be held at most (the change did not come or takes very long).
HOLD_AT_MOST = 1.5

R = TypeVar("R")



def key_binding(screen: Screen[Any], key: str) -> ActiveBinding | None:
    """What ``key`` is bound to on ``screen`` (its focused widget, the screen, the app), as Textual runs it.

    Read from Textual's own ``Screen.active_bindings``, not from our screens'
    override: that one translates every description for the footer and may
    leave out a key that still works (the letter screen hides 'd' once the
    final letter is sent), and looking up one key needs neither.
    """
    return Screen.active_bindings.fget(screen).get(key)  # type: ignore[attr-defined]

class HoldsKeys(App[R]):
    """An App that keeps keys typed during a step change or while a screen opens."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[events.Key] | None = None
        self._hold_action: str | None = None
        self._hold_timer: Timer | None = None
        self._holds = 0  # counts holds, so a late timer of an earlier one lets nothing go

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._held is not None:
                self._held.append(events.Key(event.key, event.character))
                return
            action = self._holding_action(event)
            if action is not None:
                self._held = []
                self._hold_action = action
                self._holds += 1
                self._hold_timer = self.set_timer(HOLD_AT_MOST, partial(self._release_hold, self._holds))
        await super().on_event(event)

    def _holding_action(self, event: events.Key) -> str | None:
        """The action of ``event``'s key after which keys must wait, if any."""
        try:
            screen = self.screen
        except ScreenStackError:  # no screen yet (starting up)
            return None
        wanted = getattr(screen, "HOLD_KEYS_DURING", None)
        if not wanted:
            return None
        if event.is_printable and _is_text_field(self.focused):
            return None  # a letter typed in a field is a letter
        active = key_binding(screen, event.key)
        if active is None or not active.enabled or active.binding.priority:
            return None
        action = active.binding.action
        return action if action in wanted else None

    async def run_action(self, action: Any, default_namespace: Any = None, namespaces: Any = None) -> bool:
        try:
            return await super().run_action(action, default_namespace, namespaces)
        finally:
            if self._held is not None and action == self._hold_action:
                self._hold_action = None
                self.call_after_refresh(self._release_when_ready, self._holds)

    def _release_when_ready(self, hold: int) -> None:
        """Let the held keys go once the screen on top is built and has its focus (if it can have one)."""
        if self._held is None or hold != self._holds:
            return
        screen = self.screen
        if not screen.is_mounted or (screen.focused is None and screen.focus_chain):
            self.call_after_refresh(self._release_when_ready, hold)
            return
        # One more frame: a ``focus()`` asked for while the screen was built runs first.
        self.call_after_refresh(self._release_hold, hold)

    async def _release_hold(self, hold: int) -> None:
        """Release the keys of hold number ``hold`` (a late call for an earlier hold does nothing)."""
        if self._held is not None and hold == self._holds:
            await self.release_keys()

    async def release_keys(self) -> None:
        """Pass the held keys on, in typing order, as if they were typed now."""
        held, self._held = self._held, None
        self._hold_action = None
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        for key in held or ():
            if self._held is not None:  # a held key started a change again: the rest waits for it
                self._held.append(key)
            else:
                await self.on_event(key)


def _is_text_field(widget: object) -> bool:
    """A line or a text area: a letter typed there is text, not a key for the program."""
    if isinstance(widget, Input):
        return True
    # TextArea is imported only here: its module (and tree-sitter's) is not needed before the first frame.
    from textual.widgets import TextArea

    return isinstance(widget, TextArea)
