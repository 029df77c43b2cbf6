"""Widgets of fixed size that repaint without asking for a new layout.

``Static.update`` re-lays out the whole screen, which costs tens of
milliseconds on a busy meeting screen. The save indicator, the clock and the
step timer change on every save or every second, inside a box of fixed size
(set in the meeting screen's CSS), so they only need a repaint.

:class:`OrderedInput` handles Enter in typing order (see there).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.actions import parse
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive, reactive
from textual.widget import Widget
from textual.widgets import Input

from wijksessie.tui.keyhold import key_binding


class TextCell(Widget):
    """Shows ``text`` (a string or Rich ``Text``); give it a fixed width and height in CSS."""

    DEFAULT_CSS = """
    TextCell { height: 1; }
    """

    text: reactive[str | Text] = reactive("", layout=False)

    def __init__(self, text: str | Text = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.set_reactive(TextCell.text, text)

    def render(self) -> Text:
        return self.text if isinstance(self.text, Text) else Text(self.text)

    def update(self, text: str | Text) -> None:
        """Show new text (a repaint, no new layout)."""
        self.text = text


class OrderedInput(Input):
    """An input line that handles Enter in typing order.

    Textual runs a key's binding only after the key has travelled up to the
    App, one message queue at a time; letters typed quickly after Enter (a
    fast typist, a paste, a terminal sending a burst) reach the line first.
    Then "23" Enter "65" would submit "2365". This line handles Enter when it
    comes to it in its own queue, calling ``on_enter(self)`` right there, so
    the handler sees exactly what was typed before Enter; it may clear the
    line or move the focus on (use ``screen.set_focus``, which acts at once).
    Keys that still arrive here after the focus moved on are passed on to the
    widget that has the focus now, in the order they were typed. The line's
    own editing keys (backspace, ctrl+u, the arrows, …) and the screen's
    function keys are handled here too, in order: otherwise a backspace typed
    in a burst would remove a letter typed after it, and F4 typed before a line
    would only count for the line after it.
    """

    def __init__(self, *args, on_enter: Callable[[OrderedInput], None] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.on_enter = on_enter

    async def on_key(self, event: events.Key) -> None:
        focused = self.screen.focused if self.is_attached else None
        if focused is not None and focused is not self:
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))
            return
        if event.key == "enter":
            if self.on_enter is not None:
                event.stop()
                event.prevent_default()
                self.on_enter(self)
            return
        action = _EDITING_KEYS.get(event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            await self.run_action(action)
            return
        if not event.is_printable:
            # A function key of the screen (F4: kind "vraag") acts in typing order too,
            # so it applies to the line typed after it, not to the one after that. Only
            # quick actions: one that awaits (a step change removes this very line) goes
            # Textual's usual way.
            active = key_binding(self.screen, event.key)
            if active is not None and active.enabled and not active.binding.priority:
                _namespace, name, _params = parse(active.binding.action)
                method = getattr(active.node, f"action_{name}", None)
                if method is not None and not inspect.iscoroutinefunction(method):
                    event.stop()
                    event.prevent_default()
                    await self.app.run_action(active.binding.action, active.node)


#: The editing keys of Textual's input line and their actions (from its public ``BINDINGS``).
_EDITING_KEYS = {
    key.strip(): binding.action
    for binding in Input.BINDINGS
    if isinstance(binding, Binding) and binding.action != "submit"
    for key in binding.key.split(",")
}


class LineInput(OrderedInput):
    """An input line of fixed size whose typing repaints only itself.

    Textual's ``Input`` sets its ``virtual_size`` on every change of its value,
    and that reactive asks for a new layout of the whole screen: tens of
    milliseconds per key on the meeting screen. The line's size is fixed by
    the stylesheet, so a repaint is all it needs.
    """

    virtual_size = Reactive(Size(0, 0), layout=False)
