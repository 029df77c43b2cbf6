"""Notes export: the complete session as versioned JSON.

The JSON layout is a stable contract (``schema`` names it, ``schema_version``
counts its changes); other tools and ``wijksessie import`` read it.
"""

from __future__ import annotations

import json

from wijksessie import __version__, model
from wijksessie.store import SessionFile

EXPORT_SCHEMA = "wijksessie-export"
EXPORT_VERSION = 1


def export_dict(sf: SessionFile, *, with_personal_data: bool = False) -> dict:
    """Everything about one session as plain data, ready for ``json.dumps``.

    Residents' names and addresses (``people``) are left out unless
    ``with_personal_data`` is true.
    """
    session = sf.session
    session_dict = session.to_dict()
    contact = session_dict.pop("contact")
    priorities = session.priorities
    return {
        "schema": EXPORT_SCHEMA,
        "schema_version": EXPORT_VERSION,
        "app_version": __version__,
        "exported_at": model.now().isoformat(),
        "session": session_dict,
        "contributions": [c.to_dict() for c in sf.contributions()],
        "priorities": [
            {"rank": r.rank, "theme": r.theme, "votes": r.votes, "tied": r.tied} for r in priorities.ranking()
        ],
        "agreements": [a.to_dict() for a in sf.agreements()],
        "contact": contact,
        **({"people": [p.to_dict() for p in sf.people()]} if with_personal_data else {}),
    }


def export_json(sf: SessionFile, *, with_personal_data: bool = False) -> str:
    """The JSON export as text (UTF-8, readable indentation); see :func:`export_dict`.

    Control characters in residents' text are written as ``\\uXXXX`` escapes,
    so printing the export cannot change the terminal; the data stays exact.
    """
    from wijksessie.safe_text import json_safe

    return json_safe(json.dumps(export_dict(sf, with_personal_data=with_personal_data), ensure_ascii=False, indent=2)) + "\n"
