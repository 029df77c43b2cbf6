"""The overview across meetings: counts per neighbourhood, feedback debt and the grant figures."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from wijksessie import report
from wijksessie.model import Contribution, Session
from wijksessie.store import SessionStore

TODAY = dt.date(2027, 3, 1)


def _make(store, title, neighbourhood, date, *, participants=0, groups=None, letter_sent=None, feedback_due=None,
          contributions=()):
    s = Session.new(title, neighbourhood, date=date, feedback_due=feedback_due)
    s.tally.participants = participants
    s.tally.groups = dict(groups or {})
    s.letter_sent = letter_sent
    store.create(s)
    with store.open(s.id) as sf:
        for text, kind, theme, status in contributions:
            c = sf.add_contribution(Contribution.new(text, kind=kind, theme=theme))
            if status:
                sf.decide(c.id, status, reason="Omdat het kan.", organisation="GGD")
    return s.id


@pytest.fixture
def fixture_store(data_dir):
    """Noord: two meetings (one owed a letter), Zuid: one answered meeting and one very old one; one planned."""
    store = SessionStore(data_dir)
    ids = {}
    ids["noord1"] = _make(store, "Noord in november", "Noord", "2026-11-10", participants=20,
                          groups={"jonger dan 25": 4, "65 en ouder": 6}, feedback_due="2026-12-20",
                          contributions=[("Te weinig groen", "problem", "Groen", None),
                                         ("Geen bankjes", "problem", "Groen", "adopted"),
                                         ("Donkere steeg", "problem", "Veilig", "referred"),
                                         ("Mijn buurvrouw is eenzaam", "experience", "Samen", None)])
    ids["noord2"] = _make(store, "Noord in februari", "noord ", "2027-02-01", participants=15,
                          groups={"65 en ouder": 5, "Turkse vrouwengroep": 9}, feedback_due="2027-03-15",
                          contributions=[("Straat is vies", "problem", "groen", "done"),
                                         ("Samen koken", "idea", "Eten", "partly_adopted"),
                                         ("Ik wandel elke dag", "experience", "Bewegen", "not_adopted")])
    ids["zuid1"] = _make(store, "Zuid", "Zuid", "2026-12-01", participants=8, feedback_due="2027-01-10",
                         letter_sent=dt.date(2027, 1, 5),
                         contributions=[("Hangjongeren", "problem", "Veilig", "done")])
    ids["zuid_old"] = _make(store, "Zuid lang geleden", "Zuid", "2025-06-01", participants=30,
                            feedback_due="2025-07-01", letter_sent=dt.date(2025, 6, 30))
    ids["planned"] = _make(store, "Volgende keer", "Noord", "2027-04-01", participants=0)
    return store, ids


def test_counts_per_neighbourhood(fixture_store):
    store, ids = fixture_store
    r = report.build_report(store, today=TODAY)
    by = {n.name: n for n in r.neighbourhoods}
    assert set(by) == {"Noord", "Zuid"}  # "noord " is the same neighbourhood
    noord, zuid = by["Noord"], by["Zuid"]
    assert (noord.meetings, noord.participants, noord.contributions, noord.answered) == (2, 35, 7, 5)
    assert noord.share_answered == pytest.approx(5 / 7)
    assert noord.overdue == 1 and noord.overdue_meetings[0].id == ids["noord1"]  # noord2 is not due yet
    assert noord.asked_last_year == 2 and noord.experiences == 2
    assert noord.top_problems() == [("Groen", 3), ("Veilig", 1)]  # "groen" counts with "Groen"
    assert (zuid.meetings, zuid.participants, zuid.overdue, zuid.letters_sent) == (2, 38, 0, 2)
    assert zuid.asked_last_year == 1  # the meeting of 2025 is longer than a year ago
    assert r.planned == 1 and r.overdue == 1


def test_grant_figures(fixture_store):
    store, _ids = fixture_store
    g = report.build_report(store, today=TODAY).grant
    assert g.meetings == 4 and g.participants == 73
    assert g.neighbourhoods == 2
    assert g.tally_groups == ["65 en ouder", "jonger dan 25", "Turkse vrouwengroep"]
    assert g.groups == 5
    assert g.problems == 5
    assert [(p.theme, p.count) for p in g.problem_themes] == [("Groen", 3), ("Veilig", 2)]
    assert g.problem_themes[0].example in {"Te weinig groen", "Geen bankjes", "Straat is vies"}  # said about Groen
    assert (g.adopted, g.partly_adopted, g.done) == (1, 1, 2)
    assert g.status_counts["open"] == 2 and g.status_counts["referred"] == 1


def test_filters_by_neighbourhood_and_since(fixture_store):
    store, _ids = fixture_store
    r = report.build_report(store, neighbourhood="NOORD", today=TODAY)
    assert [n.name for n in r.neighbourhoods] == ["Noord"]
    assert "Alleen deze wijk: NOORD." in report.render_report(r, "md")
    r = report.build_report(store, since=dt.date(2026, 12, 1), today=TODAY)
    by = {n.name: n for n in r.neighbourhoods}
    assert by["Noord"].meetings == 1 and by["Zuid"].meetings == 1
    assert by["Noord"].asked_last_year == 2  # "asked" always looks at the whole last year
    assert r.grant.meetings == 2


def test_renderers(fixture_store):
    store, ids = fixture_store
    r = report.build_report(store, today=TODAY)
    md = report.render_report(r, "md")
    assert "| Noord | 2 | 35 | 7 | 71% | **1** ⚠ | 2 | 2 | Groen (3), Veilig (1) |" in md
    assert "Deze wijken wachten nog op een brief" in md
    assert (f"- Wijk: Noord. Gesprek van 10 november 2026: „Noord in november”. De brief was beloofd voor "
            f"20 december 2026. Sessie: {ids['noord1']}.") in md.splitlines()
    assert "5 groepen bereikt: 2 wijken en 3 groepen bij de telling" in md
    rows = list(csv.DictReader(io.StringIO(report.render_report(r, "csv")), delimiter=";"))
    assert [row["wijk"] for row in rows] == ["Noord", "Zuid"]
    assert rows[0]["brieven_te_laat"] == "1" and rows[0]["deel_beantwoord"] == "0,71"
    data = json.loads(report.render_report(r, "json"))
    assert data["schema"] == "wijksessie-report"
    assert data["neighbourhoods"][0]["letters_overdue"] == 1
    assert data["grant"]["groups"] == 5


def test_empty_folder(data_dir):
    r = report.build_report(SessionStore(data_dir), today=TODAY)
    assert r.neighbourhoods == [] and r.grant.meetings == 0
    assert "nog geen gesprekken" in report.render_report(r, "md")


def test_cli_report(cli):
    sid = cli("new", "--title", "Oud", "--neighbourhood", "Noord", "--date", "2020-01-01").stdout.strip()
    cli("add", sid, "Te veel verkeer", "--kind", "problem", "--theme", "Verkeer")
    cli("new", "--title", "Ander", "--neighbourhood", "Zuid", "--date", "2020-02-01")
    r = cli("report")
    assert r.returncode == 0, r.stderr
    assert "| Noord | 1 |" in r.stdout and "**1** ⚠" in r.stdout
    r = cli("report", "--neighbourhood", "Zuid", "--format", "json")
    assert [n["name"] for n in json.loads(r.stdout)["neighbourhoods"]] == ["Zuid"]
    r = cli("report", "--format", "csv")
    assert r.stdout.startswith("\ufeffwijk;")
    r = cli("report", "--since", "gisteren")
    assert r.returncode == 2 and "JJJJ-MM-DD" in r.stderr


def test_promises_past_their_date_trajectories_and_evaluations(data_dir):
    from wijksessie import feedback, model

    store = SessionStore(data_dir)
    first = _make(store, "Noord in november", "Noord", "2026-11-10", feedback_due="2026-12-20",
                  letter_sent=dt.date(2026, 12, 1), contributions=[("Donker pad", "problem", "Veilig", "done")])
    with store.open(first) as sf:
        c = sf.add_contribution(Contribution.new("Meer bankjes", kind="problem", theme="Groen"))
        sf.decide(c.id, "under_review", due="2027-01-15")  # promised, and the date went by
        sf.add_agreement(model.Agreement.new("Bankjes plaatsen", by_when="2027-02-01"))
        feedback.record_evaluation(sf, satisfied=10, neutral=2, not_satisfied=1)
    second = Session.new("Noord in februari", "noord", date="2027-02-10", feedback_due="2027-03-20")
    with store.open(first, readonly=True) as earlier:
        feedback.link_follow_up(second, earlier.session)
    store.create(second)
    with store.open(second.id) as sf:
        sf.add_contribution(Contribution.new("Bankjes staan er nog niet", kind="problem", theme="Groen"))
        feedback.record_evaluation(sf, satisfied=3, follow_up=True)

    r = report.build_report(store, today=TODAY)
    [noord] = r.neighbourhoods
    assert (noord.overdue_reviews, noord.overdue_agreements) == (1, 1)
    assert [m.id for m in noord.late_meetings] == [first]
    [t] = r.trajectories
    assert (t.meetings, t.points, t.answered, t.done, t.overdue) == ([first, second.id], 3, 1, 1, 2)
    assert (noord.evaluation.satisfied, r.grant.follow_up_evaluation.satisfied) == (10, 3)

    md = report.render_report(r, "md")
    assert "Beloofd, maar de datum is voorbij" in md
    assert (f"- Wijk: Noord. Gesprek van 10 november 2026: „Noord in november”. Sessie: {first}. "
            "1 punt wordt nog uitgezocht. 1 afspraak is nog niet klaar.") in md.splitlines()
    assert "Gesprekken die op elkaar volgen" in md and "tevreden: 10" in md
    data = json.loads(report.render_report(r, "json"))
    assert data["trajectories"][0]["meetings"] == [first, second.id]
    assert data["neighbourhoods"][0]["evaluation"] == {"satisfied": 10, "neutral": 2, "not_satisfied": 1}
    rows = list(csv.DictReader(io.StringIO(report.render_report(r, "csv")), delimiter=";"))
    assert (rows[0]["punten_over_datum"], rows[0]["afspraken_over_datum"], rows[0]["tevreden"]) == ("1", "1", "10")
