"""The list of contributions of a step, and the agenda sidebar.

Both are ``OptionList``s: they draw only the visible lines and add a row
without redrawing the others, so a meeting with hundreds of contributions
stays quick. A new contribution is *appended* (:meth:`EntryList.add_entry`);
the list is never rebuilt on a key press.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from wijksessie.i18n import N_, _
from wijksessie.model import Contribution, ContributionKind

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
        text.append(f"{c.theme} \u00b7 ", style="bold")
    text.append(c.text)
    if c.edited_at is not None:
        text.append(" " + _("(aangepast)"), style="dim italic")
    return text


class EntryList(OptionList):
    """Contributions of the current step; keys to edit, delete, and change kind or theme."""

    BINDINGS = [
        Binding("enter,e", "edit", N_("Aanpassen"), show=False, id="entry-edit"),
        Binding("d,delete", "delete", N_("Weghalen"), show=False, id="entry-delete"),
        Binding("k", "change_kind", N_("Soort van deze regel"), show=False, id="entry-kind"),
        Binding("t", "change_theme", N_("Thema van deze regel"), show=False, id="entry-theme"),
    ]

    class Action(Message):
        """The facilitator asked ``what`` ("edit", "delete", "kind", "theme") for a contribution."""

        def __init__(self, what: str, contribution_id: str) -> None:
            super().__init__()
            self.what = what
            self.contribution_id = contribution_id

    def __init__(self, contributions: list[Contribution] = (), **kwargs) -> None:
        super().__init__(*[Option(entry_prompt(c), id=c.id) for c in contributions], **kwargs)

    def on_mount(self) -> None:
        # The latest entries matter during a meeting: start at the bottom.
        if self.option_count:
            self.highlighted = self.option_count - 1
            self.call_after_refresh(self.scroll_end, animate=False)

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
        if current is None:
            self.notify(_("Er is hier nog geen inbreng."), severity="warning")
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
            text.append(step.title, style="bold" if number == current else "")
            options.append(Option(text, id=f"step-{number}"))
        self.set_options(options)
        self.highlighted = current

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Jump(event.option_index))
