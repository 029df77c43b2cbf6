"""The list of contributions of a step, and the agenda sidebar.

Both are ``OptionList``s: they draw only the visible lines and add a row
without redrawing the others, so a meeting with hundreds of contributions
stays quick. A new contribution is *appended* (:meth:`EntryList.add_entry`);
the list is never rebuilt on a key press.

The list shows only the latest contributions (:data:`WINDOW`): those are the
ones a facilitator needs during a meeting, and Textual measures every row of
an ``OptionList`` (wrapping its text) before the first frame. Older rows sit
behind a first row "Nog … eerdere regels"; moving the cursor onto it (arrow up
at the top, Home, a click) or Enter shows the next batch.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wijksessie.i18n import N_, _, ngettext
from wijksessie.model import Contribution, ContributionKind
from wijksessie.safe_text import terminal_safe

#: How many of a step's contributions are shown at first, and how many more each time older ones are asked for.
WINDOW = 30

#: The id of the first row that stands for the older, not yet shown contributions.
OLDER_ID = "--older"

KIND_STYLE = {
    ContributionKind.IDEA: "green",
    ContributionKind.PROBLEM: "red",
    ContributionKind.QUESTION: "cyan",
    ContributionKind.EXPERIENCE: "magenta",
}


def entry_prompt(c: Contribution) -> Text:
    """One row: kind, theme and what was said."""
    text = Text()
    text.append(f"{c.kind.label:<9}", style=KIND_STYLE.get(c.kind, ""))
    if c.theme:
        text.append(f"{terminal_safe(c.theme, oneline=True)} \u00b7 ", style="bold")
    text.append(terminal_safe(c.text), style="dim" if c.hidden_in_room else "")
    if c.edited_at is not None:
        text.append(" " + _("(aangepast)"), style="dim italic")
    if c.hidden_in_room:
        text.append(" " + _("(niet op het zaalscherm)"), style="dim italic")
    return text


class EntryList(OptionList):
    """Contributions of the current step; keys to edit, delete, and change kind or theme."""

    BINDINGS = [
        Binding("enter,e", "edit", N_("Aanpassen"), show=False, id="entry-edit"),
        Binding("d,delete", "delete", N_("Weghalen"), show=False, id="entry-delete"),
        Binding("k", "change_kind", N_("Soort van deze regel"), show=False, id="entry-kind"),
        Binding("t", "change_theme", N_("Thema van deze regel"), show=False, id="entry-theme"),
        Binding("v", "toggle_room", N_("Wel of niet op het zaalscherm"), show=False, id="entry-room"),
    ]

    class Action(Message):
        """The facilitator asked ``what`` ("edit", "delete", "kind", "theme", "room") for a contribution."""

        def __init__(self, what: str, contribution_id: str) -> None:
            super().__init__()
            self.what = what
            self.contribution_id = contribution_id

    # The list's height is fixed by the stylesheet, so a longer list (a new row) needs
    # only a repaint of this widget, not a new layout of the whole screen. Textual
    # still lays out again when the scrollbar appears or goes (that one is reactive).
    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, contributions: Iterable[Contribution] = (), *, window: int = WINDOW, **kwargs: Any) -> None:
        contributions = list(contributions)
        self.window = max(1, window)
        cut = max(0, len(contributions) - self.window)
        self._older: list[Contribution] = contributions[:cut]
        super().__init__(*self._older_row(), *[Option(entry_prompt(c), id=c.id) for c in contributions[cut:]], **kwargs)

    @property
    def shown_count(self) -> int:
        """How many contributions are shown (the row for older ones does not count)."""
        return self.option_count - (1 if self._older else 0)

    def _older_row(self) -> list[Option]:
        if not self._older:
            return []
        n = len(self._older)
        text = Text(
            "\u25b2 " + ngettext("Nog {n} eerdere regel. Druk op Enter om die te zien.",
                                 "Nog {n} eerdere regels. Druk op Enter om ze te zien.", n).format(n=n),
            style="dim italic",
        )
        return [Option(text, id=OLDER_ID)]

    def show_older(self) -> None:
        """Put the next batch of earlier contributions above the shown ones; the cursor goes to the last of them."""
        if not self._older:
            return
        batch = self._older[-self.window:]
        del self._older[-len(batch):]
        shown = [self.get_option_at_index(i) for i in range(1, self.option_count)]
        self.set_options([*self._older_row(), *[Option(entry_prompt(c), id=c.id) for c in batch], *shown])
        self.highlighted = (1 if self._older else 0) + len(batch) - 1

    def on_mount(self) -> None:
        # The latest entries matter during a meeting: start at the bottom.
        if self.option_count:
            self.highlighted = self.option_count - 1
        self.call_after_refresh(self._settle)

    def _settle(self) -> None:
        self.scroll_end(animate=False)
        # From now on, the cursor reaching the first row means the facilitator went up there.
        self._settled = True

    _settled = False

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted == 0 and self._older and self._settled:
            # Scrolling up past the oldest row shown: show the earlier ones (after this update settles).
            self.call_later(self.show_older)

    def set_contributions(self, contributions: list[Contribution]) -> None:
        """Show these contributions again from scratch (after undo): the latest ones, the rest behind a row."""
        contributions = list(contributions)
        cut = max(0, len(contributions) - self.window)
        self._older = contributions[:cut]
        self.set_options([*self._older_row(), *[Option(entry_prompt(c), id=c.id) for c in contributions[cut:]]])
        if self.option_count:
            self.highlighted = self.option_count - 1
            self.scroll_end(animate=False)

    def add_entry(self, c: Contribution) -> None:
        """Append one row and show it (keeps the rest of the list as it is)."""
        self.add_option(Option(entry_prompt(c), id=c.id))
        self.highlighted = self.option_count - 1
        self.scroll_end(animate=False)

    def update_entry(self, c: Contribution) -> None:
        """Redraw the row of a changed contribution."""
        try:
            self.replace_option_prompt(c.id, entry_prompt(c))
        except Exception:  # noqa: BLE001 - the row is not in this step's list
            pass

    def remove_entry(self, contribution_id: str) -> None:
        """Take a row out (after delete)."""
        try:
            self.remove_option(contribution_id)
        except Exception:  # noqa: BLE001 - not shown here
            pass

    def _current_id(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def _ask(self, what: str) -> None:
        current = self._current_id()
        if current == OLDER_ID:
            self.show_older()
            return
        if current is None:
            self.notify(_("Er is hier nog geen inbreng."), severity="warning", markup=False)
            return
        self.post_message(self.Action(what, current))

    def action_edit(self) -> None:
        self._ask("edit")

    def action_delete(self) -> None:
        self._ask("delete")

    def action_change_kind(self) -> None:
        self._ask("kind")

    def action_change_theme(self) -> None:
        self._ask("theme")

    def action_toggle_room(self) -> None:
        self._ask("room")

    def action_select(self) -> None:  # Enter edits instead of "selecting"
        self.action_edit()


class AgendaList(OptionList):
    """The agenda as a sidebar: steps, planned minutes, done marks; the current one highlighted."""

    class Jump(Message):
        """The facilitator chose another step (mouse or Enter in the sidebar)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def show_steps(self, steps, current: int, done: list[str]) -> None:
        """Draw the agenda (only on step changes, never per key press)."""
        options = []
        for number, step in enumerate(steps):
            text = Text()
            mark = "\u2713" if step.id in done else ("\u25b6" if number == current else " ")
            text.append(f"{mark} ", style="green" if step.id in done else "bold")
            text.append(f"{step.minutes:>3}' ", style="dim")
            text.append(step.shown_title(), style="bold" if number == current else "")
            options.append(Option(text, id=f"step-{number}"))
        self.set_options(options)
        self.highlighted = current

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Jump(event.option_index))
