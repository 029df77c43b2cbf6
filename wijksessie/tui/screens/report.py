"""The overview across meetings: per neighbourhood, with letters still owed marked.

One table row per neighbourhood (meetings, people, points, share answered,
letters overdue, times asked in the last year, experiences, top problems);
a row with overdue letters is marked ⚠ and coloured. Below it, the meetings
that still owe residents a letter and the figures for a grant application.
``r`` reads everything again.
"""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from wijksessie import i18n, report
from wijksessie.errors import UserError
from wijksessie.i18n import N_, _, ngettext
from wijksessie.safe_text import terminal_safe
from wijksessie.store import SessionStore
from wijksessie.tui.base import SaysWhyKeys, TranslatedScreen, today


class ReportScreen(SaysWhyKeys, TranslatedScreen[None]):
    """Figures per neighbourhood over all sessions in the data folder."""

    DEFAULT_CSS = """
    ReportScreen #report-title { height: 1; text-style: bold; padding: 0 1; }
    ReportScreen #report-table { height: auto; max-height: 60%; }
    ReportScreen #report-details { height: 1fr; padding: 0 1; }
    ReportScreen #report-extra { height: auto; }
    """

    BINDINGS = [
        Binding("w", "write", N_("Bestanden maken"), id="report-write"),
        Binding("r", "reload", N_("Opnieuw tellen"), id="report-reload"),
        Binding("escape", "back", N_("Terug"), id="report-back"),
    ]

    def __init__(self, store: SessionStore) -> None:
        super().__init__()
        self.store = store
        #: None until counted (in a worker: every session file is read).
        self.report: report.Report | None = None

    def compose(self) -> ComposeResult:
        yield Static(_("Overzicht van de wijkgesprekken"), id="report-title")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="report-table")
        with VerticalScroll(id="report-details"):
            yield Static("", id="report-extra", markup=False)
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        self.after_recompose()

    def after_recompose(self) -> None:
        self.query_one(DataTable).focus()
        if self.report is None:
            self.query_one("#report-extra", Static).update(_("Bezig met tellen…"))
            self.count()
        else:
            self.fill()

    @work(thread=True, exclusive=True, group="report")
    def count(self, tell: bool = False) -> None:
        """Read every session and count, in a thread; the screen is filled when done."""
        day = today(self)
        try:
            result, problem = report.build_report(self.store, today=day), ""
        except (UserError, OSError) as exc:
            result, problem = None, str(exc)
        self.app.call_from_thread(self._counted, result, problem, tell)

    def _counted(self, result: report.Report | None, problem: str, tell: bool) -> None:
        if problem:
            self.notify(problem, title=_("Dat lukte niet"), severity="error", timeout=10)
            return
        self.report = result
        if not self.query("#report-table"):
            return  # being rebuilt (language switch): after_recompose fills it
        self.fill()
        if tell:
            self.notify(_("Opnieuw geteld."), timeout=3)

    def fill(self) -> None:
        """Show :attr:`report` in the table and the text below it (once counted)."""
        r = self.report
        if r is None:
            return
        table = self.query_one(DataTable)
        table.clear(columns=True)
        # Narrow terminals leave out the problems per neighbourhood: they are listed below the table too.
        wide = self.app.size.width >= 100
        for label, key in (
            (_("Wijk"), "name"), (_("Gespr."), "meetings"), (_("Mensen"), "people"), (_("Punten"), "points"),
            (_("Beantw."), "answered"), (_("Te laat"), "overdue"), (_("Jaar"), "asked"), (_("Erv."), "experiences"),
            (_("Meeste problemen"), "problems"),
        ):
            if key != "problems" or wide:
                table.add_column(label, key=key)
        for n in r.neighbourhoods:
            style = "bold red" if n.overdue else ""
            share = n.share_answered
            table.add_row(
                Text(terminal_safe(n.name), style=style),
                str(n.meetings),
                str(n.participants),
                str(n.contributions),
                "–" if share is None else f"{round(share * 100)}%",
                Text(f"⚠ {n.overdue}", style=style) if n.overdue else "0",
                str(n.asked_last_year),
                str(n.experiences),
                *([Text(", ".join(f"{terminal_safe(t)} ({c})" for t, c in n.top_problems()) or "–")]  # never markup
                  if wide else []),
                key=n.name,
            )
        self.query_one("#report-extra", Static).update(self._details(r))

    def _details(self, r: report.Report) -> str:
        g = r.grant
        lines: list[str] = []
        if r.planned:
            lines.append(ngettext(
                "{n} sessie heeft een datum in de toekomst. Die telt pas mee na de dag van het gesprek.",
                "{n} sessies hebben een datum in de toekomst. Die tellen pas mee na de dag van het gesprek.",
                r.planned).format(n=r.planned))
            lines.append("  " + _("Klopt de datum niet? Pas hem aan bij de gegevens van de sessie (s op het beginscherm)."))
        if r.unreadable:
            lines.append(ngettext("{n} sessiebestand kon niet worden gelezen en telt niet mee.",
                                  "{n} sessiebestanden konden niet worden gelezen en tellen niet mee.",
                                  r.unreadable).format(n=r.unreadable))
        if not r.neighbourhoods:
            lines.append(_("Er zijn nog geen gehouden gesprekken om te tellen."))
        owed = [(n.name, m) for n in r.neighbourhoods for m in n.overdue_meetings]
        if owed:
            lines.append(ngettext("{n} brief is te laat:", "{n} brieven zijn te laat:", len(owed)).format(n=len(owed)))
            for name, m in sorted(owed, key=lambda nm: nm[1].feedback_due):
                lines.append("  ⚠ " + _("{neighbourhood}: {title} · beloofd voor: {due} · sessie: {id}").format(
                    neighbourhood=terminal_safe(name, oneline=True), title=terminal_safe(m.title, oneline=True),
                    due=i18n.format_date(m.feedback_due), id=m.id))
        elif r.neighbourhoods:
            lines.append(_("Geen brieven te laat."))
        if r.neighbourhoods:
            lines.append("")
            lines.append(_("Voor een subsidieaanvraag:"))
            lines.append("  " + i18n.format_list([
                ngettext("{n} gesprek", "{n} gesprekken", g.meetings).format(n=g.meetings),
                ngettext("{n} persoon", "{n} mensen", g.participants).format(n=g.participants),
                ngettext("{n} groep bereikt", "{n} groepen bereikt", g.groups).format(n=g.groups),
            ]) + ".")
            problems = ", ".join(f"{terminal_safe(p.theme, oneline=True)} ({p.count})" for p in g.problem_themes[:5])
            if problems:
                lines.append("  " + _("Problemen die we hoorden: {problems}.").format(problems=problems))
            lines.append("  " + _("Wat we doen: {adopted} overgenomen, {partly} deels, {done} gedaan.").format(
                adopted=g.adopted, partly=g.partly_adopted, done=g.done))
        from wijksessie.tui.screens import loop_report  # loop-tui: late promises, trajectories, evaluation

        lines += loop_report.lines(r)
        lines.append("")
        lines.append(_("Uitleg: Jaar = hoe vaak de wijk het afgelopen jaar is gevraagd. Te laat = brieven die na de beloofde datum nog niet zijn verstuurd."))
        return "\n".join(lines)

    @work(thread=True, exclusive=True, group="report-write")
    def action_write(self) -> None:
        """The overview as Markdown, CSV and JSON in the overview folder; says where."""
        from wijksessie import outputs

        day = today(self)
        try:
            written = [outputs.write_report(self.store, fmt, self.store.data_dir, today=day)
                       for fmt in outputs.REPORT_FORMATS]
        except (UserError, OSError) as exc:
            self.app.call_from_thread(self.notify, str(exc), title=_("Dat lukte niet"), severity="error", timeout=10)
            return
        message = _("Gemaakt: {names}. Map: {folder}").format(folder=written[0].parent,
                                                             names=", ".join(p.name for p in written))
        self.app.call_from_thread(self.notify, message, title=_("Overzicht klaar"), timeout=10)

    def action_reload(self) -> None:
        self.count(tell=True)

    def action_back(self) -> None:
        self.dismiss(None)
