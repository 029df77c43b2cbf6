""""Vervolg op…": link a meeting to an earlier one in the same neighbourhood (new-session form and settings).

:class:`FollowsField` is a choice of the earlier sessions in the neighbourhood
typed in the form's ``#neighbourhood`` field (it follows what is typed there).
Blank means "no follow-up". The rule (same neighbourhood, not itself) is the
core's, :func:`wijksessie.feedback.link_follow_up`; :func:`follows_value`
checks it when the form is saved and gives the id to store in ``session.follows``.
The sessions are read in a worker thread (every session file is read), so the
form shows at once; the choice fills in when they are read.
"""

from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select

from wijksessie import feedback
from wijksessie.errors import UserError
from wijksessie.i18n import _
from wijksessie.model import Session
from wijksessie.safe_text import terminal_safe
from wijksessie.store import SessionStore, SessionSummary


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class FollowsField(Vertical):
    """Label and choice "Vervolg op…" of an earlier session in the same neighbourhood."""

    DEFAULT_CSS = """
    FollowsField { height: auto; }
    FollowsField > Select { width: 1fr; }
    """

    def __init__(self, store: SessionStore, *, current: str = "", exclude: str = "") -> None:
        super().__init__(id="follows-field")
        self.store = store
        self.current = current
        self.exclude = exclude
        #: The other sessions, once read (:attr:`loaded`).
        self.summaries: list[SessionSummary] = []
        self.loaded = False
        #: (label, session id) of what the choice offers now.
        self.options: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Label(_("Vervolg op… (een eerder gesprek in dezelfde wijk; mag leeg)"), classes="form-label")
        yield Select([], prompt=_("Geen: dit is het eerste gesprek"), compact=True, id="follows")

    def on_mount(self) -> None:
        neighbourhood = self.screen.query("#neighbourhood")
        if neighbourhood:
            self.watch(neighbourhood.first(Input), "value", self._fill)
        else:
            self._fill("")
        self._read_sessions()

    @work(thread=True, exclusive=True, group="follows")
    def _read_sessions(self) -> None:
        try:
            summaries = [s for s in self.store.summaries() if not s.problem and s.id != self.exclude]
        except (UserError, OSError):
            summaries = []
        self.app.call_from_thread(self._sessions_read, summaries)

    def _sessions_read(self, summaries: list[SessionSummary]) -> None:
        self.summaries = summaries
        self.loaded = True
        if self.is_attached:
            neighbourhood = self.screen.query("#neighbourhood")
            self._fill(neighbourhood.first(Input).value if neighbourhood else "")

    def _fill(self, neighbourhood: str) -> None:
        select = self.query_one("#follows", Select)
        chosen = select.value if select.value is not Select.NULL else self.current
        options = [
            (f"{s.date.day}-{s.date.month}-{s.date.year} · {terminal_safe(s.title, oneline=True)}" if s.date
             else terminal_safe(s.title, oneline=True), s.id)
            for s in self.summaries
            if neighbourhood.strip() and _same(s.neighbourhood, neighbourhood)
        ]
        self.options = options
        select.set_options(options)
        if chosen in {sid for _label, sid in options}:
            select.value = chosen
        select.disabled = not options

    def value(self) -> str:
        """The id chosen, or "" for none."""
        value = self.query_one("#follows", Select).value
        return value if isinstance(value, str) else ""


def follows_value(screen, session: Session) -> str:
    """The earlier session ``session`` follows as chosen in ``screen``'s form ("" for none), checked.

    Raises :class:`UserError` (e.g. another neighbourhood) with what to do.
    """
    fields = screen.query(FollowsField)
    if not fields or not fields.first(FollowsField).loaded:
        return session.follows  # not offered (yet): what was chosen before stays
    chosen = fields.first(FollowsField).value()
    if not chosen:
        return ""
    with screen.app.store.open(chosen, readonly=True) as sf:
        earlier = sf.session
    probe = replace(session)  # the rule is checked on a copy; the caller stores the id
    feedback.link_follow_up(probe, earlier)
    return probe.follows
