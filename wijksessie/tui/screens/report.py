"""The overview across meetings: per neighbourhood, with letters still owed marked.

One table row per neighbourhood (meetings, people, points, share answered,
letters overdue, times asked in the last year, experiences, top problems);
a row with overdue letters is marked ⚠ and coloured. Below it, the meetings
that still owe residents a letter and the figures for a grant application.
``r`` reads everything again.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Static

from wijksessie import i18n, report
from wijksessie.i18n import N_, _, ngettext
from wijksessie.store import SessionStore
from wijksessie.tui.base import TranslatedScreen, run_safely


class ReportScreen(TranslatedScreen[None]):
    """Figures per neighbourhood over all sessions in the data folder."""

    DEFAULT_CSS = """
    ReportScreen #report-title { height: 1; text-style: bold; padding: 0 1; }
    ReportScreen #report-table { height: auto; max-height: 60%; }
    ReportScreen #report-details { height: 1fr; padding: 0 1; }
    ReportScreen #report-extra { height: auto; }
    """

    BINDINGS = [
        Binding("r", "reload", N_("Opnieuw tellen"), id="report-reload"),
        Binding("escape", "back", N_("Terug"), id="report-back"),
    ]

    def __init__(self, store: SessionStore) -> None:
        super().__init__()
        self.store = store
        self.report = report.build_report(store)

    def compose(self) -> ComposeResult:
        yield Static(_("Overzicht van de wijkgesprekken"), id="report-title")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="report-table")
        with VerticalScroll(id="report-details"):
            yield Static("", id="report-extra", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.after_recompose()

    def after_recompose(self) -> None:
        self.fill()
        self.query_one(DataTable).focus()

    def fill(self) -> None:
        """Show :attr:`report` in the table and the text below it."""
        r = self.report
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for label, key in (
            (_("Wijk"), "name"), (_("Gespr."), "meetings"), (_("Mensen"), "people"), (_("Punten"), "points"),
            (_("Beantw."), "answered"), (_("Te laat"), "overdue"), (_("Jaar"), "asked"), (_("Erv."), "experiences"),
            (_("Meeste problemen"), "problems"),
        ):
            table.add_column(label, key=key)
        for n in r.neighbourhoods:
            style = "bold red" if n.overdue else ""
            share = n.share_answered
            table.add_row(
                Text(n.name, style=style),
                str(n.meetings),
                str(n.participants),
                str(n.contributions),
                "–" if share is None else f"{round(share * 100)}%",
                Text(f"⚠ {n.overdue}", style=style) if n.overdue else "0",
                str(n.asked_last_year),
                str(n.experiences),
                Text(", ".join(f"{t} ({c})" for t, c in n.top_problems()) or "–"),  # Text: never read as markup
                key=n.name,
            )
        self.query_one("#report-extra", Static).update(self._details())

    def _details(self) -> str:
        r, g = self.report, self.report.grant
        lines: list[str] = []
        if not r.neighbourhoods:
            lines.append(_("Er zijn nog geen gesprekken om te tellen."))
        owed = [(n.name, m) for n in r.neighbourhoods for m in n.overdue_meetings]
        if owed:
            lines.append(ngettext("{n} brief is te laat:", "{n} brieven zijn te laat:", len(owed)).format(n=len(owed)))
            for name, m in sorted(owed, key=lambda nm: nm[1].feedback_due):
                lines.append("  ⚠ " + _("{neighbourhood}: {title} — beloofd voor {due} (sessie {id})").format(
                    neighbourhood=name, title=m.title, due=i18n.format_date(m.feedback_due), id=m.id))
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
            problems = ", ".join(f"{p.theme} ({p.count})" for p in g.problem_themes[:5])
            if problems:
                lines.append("  " + _("Problemen die we hoorden: {problems}.").format(problems=problems))
            lines.append("  " + _("Wat we doen: {adopted} overgenomen, {partly} deels, {done} gedaan.").format(
                adopted=g.adopted, partly=g.partly_adopted, done=g.done))
        lines.append("")
        lines.append(_("Uitleg: Jaar = hoe vaak de wijk het afgelopen jaar is gevraagd. Te laat = brieven die na de beloofde datum nog niet zijn verstuurd."))
        return "\n".join(lines)

    def action_reload(self) -> None:
        ok, result = run_safely(self, lambda: report.build_report(self.store))
        if ok:
            self.report = result
            self.fill()
            self.notify(_("Opnieuw geteld."), timeout=3)

    def action_back(self) -> None:
        self.dismiss(None)
