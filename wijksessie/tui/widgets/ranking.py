"""The live ranking of themes as bars; ties are shown as ties (same rank, marked)."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from wijksessie.i18n import N_, _, ngettext
from wijksessie.model import Priorities
from wijksessie.safe_text import terminal_safe


def ranking_text(priorities: Priorities, themes: list[str], *, width: int = 60, selected: str | None = None,
                 big: bool = False) -> Text:
    """Rank, theme, a bar and the number of votes per theme, most votes first.

    Themes without votes are listed last with rank "–", so every theme the
    residents named is visible. Equal votes share a rank and say "gelijk".
    """
    ranked = priorities.ranking()
    seen = {r.theme for r in ranked}
    rows: list[tuple[str, str, int, bool]] = [
        (str(r.rank) if r.votes else "\u2013", r.theme, r.votes, r.tied and r.votes > 0) for r in ranked
    ]
    rows += [("\u2013", t, 0, False) for t in themes if t not in seen]
    text = Text()
    if not rows:
        text.append(_("Nog geen thema's. Noem eerst de onderwerpen (stap 'Wat vindt u belangrijk?')."), style="italic")
        return text
    top = max((votes for _r, _t, votes, _tie in rows), default=0) or 1
    name_width = min(max(len(t) for _r, t, _v, _tie in rows), max(10, width // 3))
    tie_label = _("gelijk")
    bar_room = max(5, width - name_width - 4 - 6 - len(tie_label) - 3)
    for number, (rank, theme, votes, tied) in enumerate(rows):
        if number:
            text.append("\n")
            if big:
                text.append("\n")
        marker = "\u25b6 " if theme == selected else "  "
        text.append(marker, style="bold")
        text.append(f"{rank:>2} ", style="bold")
        shown = terminal_safe(theme, oneline=True)
        name = shown if len(shown) <= name_width else shown[: name_width - 1] + "\u2026"
        text.append(f"{name:<{name_width}} ", style="bold" if theme == selected else "")
        filled = round(bar_room * votes / top)
        text.append("\u2588" * filled, style="green" if not big else "bold yellow")
        text.append(" " * (bar_room - filled))
        text.append(f" {votes:>3}", style="bold")
        if tied:
            text.append(f" {tie_label}", style="italic")
    return text


class RankingView(Widget, can_focus=True):
    """Votes per theme with bars; up/down choose a theme, + and - change its votes."""

    DEFAULT_CSS = """
    RankingView { height: auto; min-height: 3; padding: 0 1; }
    RankingView:focus { background: $boost; }
    """

    BINDINGS = [
        Binding("up,k", "move(-1)", N_("Omhoog"), show=False),
        Binding("down,j", "move(1)", N_("Omlaag"), show=False),
        Binding("plus,equals_sign,right", "vote(1)", N_("Stem erbij"), show=False, id="vote-plus"),
        Binding("minus,left", "vote(-1)", N_("Stem eraf"), show=False, id="vote-minus"),
    ]

    class Vote(Message):
        """The facilitator wants ``n`` votes added to ``theme`` (negative takes away)."""

        def __init__(self, theme: str, n: int) -> None:
            super().__init__()
            self.theme = theme
            self.n = n

    selected: reactive[int] = reactive(0)

    def __init__(self, priorities: Priorities, themes: list[str], **kwargs) -> None:
        super().__init__(**kwargs)
        self.priorities = priorities
        self.themes = themes

    def order(self) -> list[str]:
        """Themes in the order shown (by rank, then unvoted ones)."""
        ranked = [r.theme for r in self.priorities.ranking()]
        return ranked + [t for t in self.themes if t not in ranked]

    @property
    def selected_theme(self) -> str | None:
        order = self.order()
        if not order:
            return None
        return order[min(self.selected, len(order) - 1)]

    def show(self, priorities: Priorities, themes: list[str], keep: str | None = None) -> None:
        """Show new numbers; the cursor stays on theme ``keep`` even if it moved in the ranking."""
        self.priorities = priorities
        self.themes = themes
        if keep is not None and keep in self.order():
            self.selected = self.order().index(keep)
        self.refresh(layout=True)

    def render(self) -> Text:
        width = self.size.width - 2 if self.size.width else 60
        total = sum(self.priorities.votes.values())
        head = Text(ngettext("{n} stem in totaal", "{n} stemmen in totaal", total).format(n=total) + "\n", style="dim")
        return head + ranking_text(self.priorities, self.themes, width=width, selected=self.selected_theme)

    def action_move(self, delta: int) -> None:
        count = len(self.order())
        if count:
            self.selected = (self.selected + delta) % count

    def action_vote(self, n: int) -> None:
        theme = self.selected_theme
        if theme is None:
            self.notify(_("Er zijn nog geen thema's om op te stemmen."), severity="warning", markup=False)
            return
        self.post_message(self.Vote(theme, n))
