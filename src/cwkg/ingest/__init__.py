"""Adding a document: store its text and metadata, then draft candidate claims.

``cwkg add`` runs, left to right: :mod:`.metadata` (options or CSV -> checked
metadata), :mod:`.duplicates` (refuse the same or a near-identical text),
:mod:`.extract` (candidate claims, entities, flags), :mod:`.draft` (the
``status: proposed`` claims file) and :mod:`.add` (write all of it atomically).
:mod:`.review` lets a curator list, accept or reject the proposals.

The extractors need the ``ingest`` extra (spaCy, rapidfuzz);
:func:`.deps.require_ingest` says so clearly when it is missing.
"""
