"""The feedback loop on the overview screen: promises past their date, chains of meetings, residents' evaluation.

Lines for the text under the overview table (:class:`ReportScreen`), from
what :func:`wijksessie.report.build_report` already counted: meetings with
points still being looked into or agreements past their date, follow-up
meetings as one trajectory per neighbourhood, and the hand-raised evaluation.
"""

from __future__ import annotations

from wijksessie import i18n
from wijksessie.i18n import _, ngettext
from wijksessie.safe_text import terminal_safe


def _evaluation(counts) -> str:
    return _("{satisfied} tevreden, {neutral} neutraal, {not_satisfied} niet tevreden").format(
        satisfied=counts.satisfied, neutral=counts.neutral, not_satisfied=counts.not_satisfied)


def lines(r) -> list[str]:
    """The loop's lines for the overview (empty when there is nothing to tell)."""
    out: list[str] = []
    late = [(n.name, m) for n in r.neighbourhoods for m in n.late_meetings if m.reviews or m.agreements]
    if late:
        out.append("")
        out.append(_("Beloofd, maar de datum is voorbij:"))
        for name, m in sorted(late, key=lambda nm: (nm[1].date, nm[1].id)):
            parts = []
            if m.reviews:
                parts.append(ngettext("{n} punt wordt nog uitgezocht", "{n} punten worden nog uitgezocht",
                                      m.reviews).format(n=m.reviews))
            if m.agreements:
                parts.append(ngettext("{n} afspraak is nog niet klaar", "{n} afspraken zijn nog niet klaar",
                                      m.agreements).format(n=m.agreements))
            out.append("  ⚠ " + _("{neighbourhood}: {title} · sessie: {id} · {what}").format(
                neighbourhood=terminal_safe(name, oneline=True), title=terminal_safe(m.title, oneline=True),
                id=m.id, what=i18n.format_list(parts)))
    if r.trajectories:
        out.append("")
        out.append(_("Gesprekken die op elkaar volgen:"))
        for t in r.trajectories:
            counts = ", ".join([
                ngettext("{n} gesprek", "{n} gesprekken", len(t.meetings)).format(n=len(t.meetings)),
                ngettext("{n} punt", "{n} punten", t.points).format(n=t.points),
                ngettext("{n} beantwoord", "{n} beantwoord", t.answered).format(n=t.answered),
                ngettext("{n} gedaan", "{n} gedaan", t.done).format(n=t.done),
                ngettext("{n} te laat", "{n} te laat", t.overdue).format(n=t.overdue),
            ])
            out.append("  " + _("{neighbourhood}: {counts}").format(
                neighbourhood=terminal_safe(t.neighbourhood, oneline=True), counts=counts))
    g = r.grant
    if g.evaluation.total or g.follow_up_evaluation.total:
        out.append("")
        out.append(_("Wat bewoners ervan vonden (handen geteld):"))
        if g.evaluation.total:
            out.append("  " + _("Het gesprek: {counts}.").format(counts=_evaluation(g.evaluation)))
        if g.follow_up_evaluation.total:
            out.append("  " + _("Wat er met hun punten gebeurde: {counts}.").format(
                counts=_evaluation(g.follow_up_evaluation)))
    return out
