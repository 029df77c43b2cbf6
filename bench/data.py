"""Realistic test data: sessions with Dutch contributions, decisions, votes and agreements.

Texts are put together from fragments of what residents say at a
neighbourhood health meeting, 40–300 characters long, spread over the
GALA themes and the four kinds. About 60 % of contributions carry a
decision (with a reason where the rules ask for one).

Everything goes through the public store API (:class:`SessionStore`,
:class:`SessionFile`, :class:`AtomicJSONStorage`). Only the bulk insert of
contributions uses TinyDB's ``insert_multiple`` on the store's own storage
class, because adding thousands one by one would write the file thousands
of times (each write is durable and rewrites the whole file); the session is
opened with :class:`SessionFile` afterwards to check the store reads it.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from wijksessie import model
from wijksessie.model import Agreement, Contribution, Session
from wijksessie.store import AtomicJSONStorage, SessionStore

THEMES = [
    "Bewegen",
    "Eten en drinken",
    "Ontspanning en stress",
    "Goed slapen",
    "Mensen om u heen",
    "Geldzorgen",
    "Roken en alcohol",
    "Gezond opgroeien",
]

STEPS = ["onderwerpen", "bespreken", "snel-beter", "afspraken"]

KINDS = ["idea", "problem", "question", "experience"]

NEIGHBOURHOODS = [
    "Kanaleneiland", "Overvecht", "Lombok", "Transwijk", "Hoograven", "Zuilen", "Tuindorp",
    "De Meern", "Ondiep", "Nieuw Hoograven", "Schepenbuurt", "Rivierenwijk", "Oog in Al",
]

PLACES = ["buurthuis De Boog", "wijkcentrum Het Anker", "de bibliotheek", "basisschool De Regenboog", "sporthal Oost"]

_TEMPLATES = {
    "idea": [
        "Kan er een {s} komen", "Het zou fijn zijn als er een {s} komt", "Mijn idee is een {s}",
        "Wij willen graag een {s}", "Misschien kan de gemeente een {s} regelen",
    ],
    "problem": [
        "Er is geen {s}", "Het probleem is dat er geen {s} is", "Wij missen een {s}",
        "Sinds vorig jaar is er geen {s} meer", "Voor ouderen is er geen {s}",
    ],
    "question": [
        "Wie betaalt een {s}", "Mag de buurt zelf een {s} organiseren", "Wanneer komt er weer een {s}",
        "Kan iemand uitleggen waarom er geen {s} is", "Hoe kunnen wij een {s} krijgen",
    ],
    "experience": [
        "Bij ons in de straat hebben we een {s}", "Vorige zomer hadden we een {s}",
        "Mijn moeder gaat elke week naar een {s}", "Mijn buurvrouw vertelde over een {s}",
    ],
}

_SUBJECTS = {
    "Bewegen": ["wandelgroep op dinsdagochtend", "speeltuin voor de kleintjes", "beweegtuin bij het park",
                "fietsles voor vrouwen", "veilig fietspad naar school", "gratis gymles voor 65-plussers"],
    "Eten en drinken": ["groentetuin achter de flat", "kookcursus met goedkope recepten", "markt met verse groente",
                        "gezonde kantine in de sporthal", "watertappunt op het plein", "gezamenlijke maaltijd"],
    "Ontspanning en stress": ["stille plek in het park", "bankje in de schaduw", "inloopochtend bij het buurthuis",
                              "plek waar jongeren kunnen chillen", "cursus omgaan met stress"],
    "Goed slapen": ["oplossing voor het lawaai van de snelweg", "regel tegen brommers in de nacht",
                    "betere straatverlichting zonder fel licht", "afspraak over feestjes op het balkon"],
    "Mensen om u heen": ["koffieochtend voor nieuwe bewoners", "maatjesproject voor ouderen",
                         "buurtapp voor de hele straat", "taalcafé voor mensen die Nederlands leren",
                         "burendag in het voorjaar"],
    "Geldzorgen": ["spreekuur over rekeningen en schulden", "weggeefkast bij de supermarkt",
                   "hulp bij formulieren van de gemeente", "kledingbank voor kinderen"],
    "Roken en alcohol": ["rookvrije zone rond de school", "hulp bij stoppen met roken in de wijk",
                         "controle op drank aan jongeren", "rookvrij speelplein"],
    "Gezond opgroeien": ["huiswerkklas na schooltijd", "sportclub die weinig kost", "jongerenwerker op het plein",
                         "zwemles voor alle kinderen", "plek voor tieners na negen uur"],
}

_REASONS = [
    "want dan kunnen de kinderen veilig buiten spelen",
    "omdat veel mensen hier alleen wonen en niemand kennen",
    "want nu moeten we met de bus naar de andere kant van de stad",
    "omdat het geld op is na de eerste week van de maand",
    "want de oude plek is vorig jaar gesloten en er kwam niets terug",
    "omdat mijn kinderen 's avonds nergens heen kunnen",
    "want in de zomer is het in de flat niet uit te houden",
    "omdat mensen met een rollator er nu niet langs kunnen",
    "en dat hoor ik van veel buren, niet alleen van mij",
    "maar dan wel op een tijd dat werkende mensen ook kunnen",
]

_EXTRAS = [
    "Dat zou echt helpen.",
    "Ik wil daar best bij helpen.",
    "Mijn buren denken er net zo over.",
    "Dit speelt al jaren.",
    "Het hoeft niet duur te zijn.",
    "De school wil misschien meedoen.",
    "Er zijn genoeg mensen die het willen doen, maar niemand weet bij wie je moet zijn.",
    "Vorige keer is er ook over gepraat, maar we hebben nooit meer iets gehoord.",
]

_ORGS = ["GGD regio Utrecht", "Buurtteam Zuidwest", "Woningcorporatie Mitros", "Sportbedrijf", "Voedselbank"]
_NOT_ADOPTED = [
    "Daar is dit jaar geen geld voor. We kijken er volgend jaar opnieuw naar.",
    "De grond is niet van de gemeente. We hebben de eigenaar gevraagd het zelf op te pakken.",
    "Dit past niet in het plan voor het park. Er komt wel een bankje bij de ingang.",
]


def contribution_text(rng: random.Random, kind: str, theme: str) -> str:
    """One thing a resident said, 40 to 300 characters."""
    text = rng.choice(_TEMPLATES[kind]).format(s=rng.choice(_SUBJECTS[theme]))
    if kind == "question":
        text += "?"
    else:
        text += (", " + rng.choice(_REASONS) if rng.random() < 0.8 else "") + "."
    target = rng.choice([60, 90, 120, 160, 220, 300])
    extras = rng.sample(_EXTRAS, len(_EXTRAS))
    while extras and len(text) + len(extras[0]) + 1 <= min(target, 300):
        text += " " + extras.pop(0)
    if len(text) < 40:
        text += " Dat zou echt helpen."
    return text[:300]


def make_contribution(rng: random.Random, start: dt.datetime, index: int, decided: float = 0.6) -> Contribution:
    """A contribution made with the model's own constructor; a share of them with a decision."""
    kind = rng.choice(KINDS)
    theme = rng.choice(THEMES)
    c = Contribution.new(contribution_text(rng, kind, theme), kind=kind, theme=theme, step=rng.choice(STEPS))
    c.id = f"{index:06x}"  # unique without a collision check; same shape as new_id(3)
    c.created_at = start + dt.timedelta(seconds=20 * index)
    if rng.random() < decided:
        status = rng.choice(["adopted", "partly_adopted", "not_adopted", "referred", "done", "under_review"])
        c = model.decide(
            c,
            status,
            reason=rng.choice(_NOT_ADOPTED) if status == "not_adopted" else "",
            organisation=rng.choice(_ORGS) if status == "referred" else "",
            owner=rng.choice(["", "wijkregisseur", "opbouwwerker"]),
            due=(start.date() + dt.timedelta(days=rng.randint(14, 120))).isoformat() if rng.random() < 0.5 else None,
            quick_win=rng.random() < 0.15,
        )
    return c


def bulk_insert(path: Path, contributions: list[Contribution]) -> None:
    """Add many contributions to a closed session file in one durable write."""
    from tinydb import TinyDB

    storage = AtomicJSONStorage(path)
    db = TinyDB(storage=lambda: storage)
    db.table("contributions").insert_multiple(c.to_dict() for c in contributions)
    db.close()


def make_session(store: SessionStore, n: int, *, seed: int = 0, day: dt.date | None = None) -> str:
    """Create a session with ``n`` contributions, votes, a contact and agreements; returns its id."""
    rng = random.Random(seed)
    day = day or dt.date(2026, 10, 1) + dt.timedelta(days=seed % 50)
    session = Session.new(
        f"Gezond leven in {rng.choice(NEIGHBOURHOODS)}",
        rng.choice(NEIGHBOURHOODS),
        date=day,
        place=rng.choice(PLACES),
        languages=rng.choice([["nl"], ["nl", "tr"], ["nl", "ar"], ["nl", "en"]]),
    )
    session.id = f"b{seed:07d}"
    session.themes = list(THEMES)
    session.tally.participants = rng.randint(12, 60)
    session.tally.groups = {"jonger dan 25": rng.randint(0, 8), "65 en ouder": rng.randint(2, 20)}
    session.contact.name = "Fatima el Amrani"
    session.contact.role = "wijkregisseur"
    session.contact.phone = "030 286 00 00"
    session.contact.email = "wijk@example.nl"
    for theme in THEMES:
        session.priorities.add(theme, rng.randint(0, 25))
    # The meeting is under way: it opens at the discussion, where most is typed.
    session.current_step = "bespreken"
    session.steps_done = ["welkom", "wie-is-er", "onderwerpen", "kiezen"]
    store.create(session)
    start = dt.datetime.combine(day, dt.time(19, 0)).astimezone()
    bulk_insert(store.path_for(session.id), [make_contribution(rng, start, i) for i in range(n)])
    with store.open(session.id) as sf:
        for _ in range(3):
            sf.add_agreement(Agreement.new(rng.choice(_SUBJECTS[rng.choice(THEMES)]).capitalize() + " regelen",
                                           who=rng.choice(["gemeente", "bewoners", "GGD"]),
                                           by_when=day + dt.timedelta(days=30)))
        if len(sf.contributions()) != n:  # the store must read what was generated
            raise RuntimeError(f"generated {n} contributions, store reads {len(sf.contributions())}")
    return session.id


def make_store(data_dir: Path, sizes: list[int], *, seed: int = 0) -> tuple[SessionStore, list[str]]:
    """A data folder with one session per size; returns the store and the ids."""
    store = SessionStore(data_dir)
    return store, [make_session(store, n, seed=seed + i) for i, n in enumerate(sizes)]


def new_contribution(rng: random.Random) -> Contribution:
    """A fresh contribution as a facilitator would type it (no decision yet)."""
    kind = rng.choice(KINDS)
    theme = rng.choice(THEMES)
    return Contribution.new(contribution_text(rng, kind, theme), kind=kind, theme=theme, step="bespreken")
