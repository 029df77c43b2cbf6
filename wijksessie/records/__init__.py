"""The records of a session, one module per subject; :mod:`wijksessie.model` is their public face.

* :mod:`.base` — :class:`~.base.Record` (read and written through msgspec),
  :class:`~.base.ModelError`, ids, dates and the checks every record uses.
* :mod:`.points` — what residents said and what became of it: contributions,
  decisions, agreements, and the rules across them.
* :mod:`.session` — the meeting itself: session, preparation, contact point,
  counts, votes, letters sent, evaluations.
* :mod:`.people` — residents who left contact details, with their consent.

Import from :mod:`wijksessie.model`; these modules may be reorganised.
"""
