"""Shared pieces of every screen: translated key labels and error reporting.

Binding descriptions are class-level strings, so they are marked with
``N_()`` and translated here, each time Textual asks which keys are active.
That is what lets the language change while the program runs: after
``i18n.set_language`` a ``refresh_bindings()`` redraws the footer in the new
language (see ECOSYSTEM.md §2.3).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events
from textual.binding import ActiveBinding, Binding
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, OptionList, SelectionList

from wijksessie.errors import UserError, os_error_message
from wijksessie.i18n import _
from wijksessie.tui.keyhold import key_binding

if TYPE_CHECKING:
    from textual import getters
    from textual.app import App

    from wijksessie.tui.app import WijksessieApp

log = logging.getLogger(__name__)

T = TypeVar("T")

# The mixins below are used with a screen or an option list; for the type
# checker they are one (at run time they stay plain classes, first in the MRO).
if TYPE_CHECKING:
    _AnyScreen = Screen[Any]
    _OptionListBase = OptionList
else:
    _AnyScreen = object
    _OptionListBase = object


def translate_bindings(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """The same bindings with description and tooltip translated into the current language."""
    result = {}
    for key, active in bindings.items():
        binding = active.binding
        if binding.description or binding.tooltip:
            binding = dataclasses.replace(
                binding,
                description=_(binding.description) if binding.description else "",
                tooltip=_(binding.tooltip) if binding.tooltip else "",
            )
            active = active._replace(binding=binding)
        result[key] = active
    return result


class TranslatedScreen(Screen[T]):
    """A screen whose footer shows key descriptions in the current language."""

    if TYPE_CHECKING:
        # Textual's own typed way to say which App a screen runs in (``textual.getters.app``);
        # only for the type checker: tests also show screens in a small App of their own.
        app = getters.app(WijksessieApp)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_bindings(super().active_bindings)

    async def refresh_language(self) -> None:
        """Redraw every text after a language switch (screens rebuild from their state)."""
        await self.recompose()
        self.after_recompose()

    def after_recompose(self) -> None:
        """Fill widgets again after :meth:`refresh_language`; screens override this."""


#: The binding that goes with :class:`EnterMovesOn`; put it in the screen's ``BINDINGS``.
ENTER_MOVES_ON = Binding("enter", "next_field", show=False, priority=True)


class SaveCancelButtons(_AnyScreen):
    """A form's two buttons: the one with id :attr:`SAVE_BUTTON` saves, any other cancels.

    The screen provides ``action_save`` and ``action_cancel`` (its keys run the same).
    """

    SAVE_BUTTON = "save"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == self.SAVE_BUTTON:
            self.action_save()
        else:
            self.action_cancel()

    if TYPE_CHECKING:  # provided by the screen

        def action_save(self) -> None: ...

        def action_cancel(self) -> None: ...


class EnterMovesOn(_AnyScreen):
    """For forms: Enter in a text field goes to the next field at once, while the key is handled.

    Textual's own route (``Input.Submitted``, then ``focus_next``) runs a moment
    later, so letters typed right after Enter could still land in the field
    just left. A screen using this overrides :meth:`enter_in_last_field` to
    save when Enter is pressed in its last field. Textual merges ``BINDINGS`` of
    widget classes only, so each screen lists :data:`ENTER_MOVES_ON` in its own.
    """

    #: The id of the field where Enter saves instead of moving on (None: always move on).
    LAST_FIELD: str | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            from textual.widgets import Input

            return isinstance(self.focused, Input)  # elsewhere Enter does what it always does
        return True

    def action_next_field(self) -> None:
        if self.LAST_FIELD is not None and getattr(self.focused, "id", None) == self.LAST_FIELD:
            self.enter_in_last_field()
        else:
            self.focus_next()

    def enter_in_last_field(self) -> None:
        self.focus_next()


class TranslatedModalScreen(ModalScreen[T]):
    """A dialog whose footer shows key descriptions in the current language; centred on the screen."""

    if TYPE_CHECKING:
        app = getters.app(WijksessieApp)  # see TranslatedScreen

    DEFAULT_CSS = """
    TranslatedModalScreen { align: center middle; }
    """

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return translate_bindings(super().active_bindings)

    async def refresh_language(self) -> None:
        """Dialogs are short-lived; they keep their texts until closed."""


def today(widget: DOMNode) -> dt.date:
    """Today by the app's clock (tests fix it); the computer's date for an app without one."""
    clock = getattr(widget.app, "clock", None)
    return clock().date() if clock is not None else dt.date.today()


_COMMAND_LINE_WORDS = re.compile(r"\s*\((?:--[a-z-]+|wijksessie [a-z]+[^)]*)\)")


def program_words(message: str) -> str:
    """A core message without its command-line hints: ``(--title)``, ``(wijksessie decide)`` go.

    The same rules serve the command line and the program; in the program the
    field is right in view, so the option name would only confuse.
    """
    return _COMMAND_LINE_WORDS.sub("", message)


def run_safely(widget: Widget | App[Any], action: Callable[[], T], *, title: str | None = None) -> tuple[bool, T | None]:
    """Run ``action``; a :class:`UserError` becomes a clear notification instead of a traceback.

    Returns ``(True, result)`` on success and ``(False, None)`` when the user
    was told what went wrong. Store errors (locked, damaged, read-only) are
    ``UserError``s and carry their own "what to do" sentence. An ``OSError``
    (disk full, folder gone) is reported the same way, since nothing was saved.
    """
    try:
        return True, action()
    except UserError as exc:
        widget.notify(program_words(str(exc)), title=title or _("Dat lukte niet"), severity="error", timeout=10)
    except OSError as exc:
        log.exception("could not write")
        widget.notify(
            os_error_message(exc),
            title=_("Niet opgeslagen"),
            severity="error",
            timeout=15,
        )
    return False, None


class StopAtEnds(_OptionListBase):
    """For option lists: the arrow keys stop at the first and last option instead of wrapping round.

    Down on the last line wrapping to the top surprises people in a dialog; here it stays put.
    """

    def _step(self, direction: int) -> None:
        if self.highlighted is None:
            self.action_first()
            return
        index = self.highlighted + direction
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
            index += direction

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)


class StopAtEndsOptionList(StopAtEnds, OptionList):
    """:class:`OptionList` that does not wrap round."""


class StopAtEndsSelectionList(StopAtEnds, SelectionList):
    """:class:`SelectionList` (tick boxes) that does not wrap round."""


class SaysWhyKeys(_AnyScreen):
    """For screens: a letter key that does nothing where the focus is says so, instead of nothing at all.

    Keys bound on the screen, its widgets or the app are left to their binding;
    typing in a text field or a drop-down list is left alone.
    """

    def on_key(self, event: events.Key) -> None:
        from textual.widgets import Input, Select, TextArea

        focused = self.focused
        if not event.is_printable or not event.character or event.character.isspace():
            return
        if isinstance(focused, (Input, TextArea, Select)):
            return  # (an open drop-down's list takes letters itself: they jump to an option)
        # Key handlers run before bindings: a bound key is not ours to complain about.
        if key_binding(self, event.key) is not None:
            return
        self.notify(
            _("Deze toets doet hier niets: {key}. Druk op F1 voor alle toetsen.").format(key=event.character),
            severity="warning", timeout=4, markup=False,  # the key may be "[": no markup
        )
