"""Content negotiation for a node's page: HTML for people, and the node's description as
Turtle, JSON-LD (the local context embedded, never a remote one) or N-Triples for
machines, chosen by the ``Accept`` header or by a suffix (``/claim/x.ttl``).

>>> choose("text/turtle;q=0.9, application/ld+json")
'jsonld'
>>> choose("text/html,application/xhtml+xml,*/*;q=0.8"), choose(""), choose("image/png")
('html', 'html', None)
"""

from __future__ import annotations

import pyoxigraph as ox

from cwkg.rdf.serialize import serialize

MEDIA_TYPES = {"html": "text/html; charset=utf-8", "turtle": "text/turtle; charset=utf-8",
               "jsonld": "application/ld+json", "ntriples": "application/n-triples"}
ACCEPTED = {"text/html": "html", "application/xhtml+xml": "html", "text/turtle": "turtle",
            "application/x-turtle": "turtle", "application/ld+json": "jsonld",
            "application/n-triples": "ntriples", "text/plain": "ntriples"}
SUFFIXES = {".ttl": "turtle", ".jsonld": "jsonld", ".nt": "ntriples"}


def choose(accept: str) -> str | None:
    """The format to answer with; None when the client accepts none we make (406)."""
    if not accept.strip():
        return "html"
    offers = []
    for position, item in enumerate(accept.split(",")):
        media, *params = [part.strip() for part in item.split(";")]
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        if q <= 0:
            continue
        if media in ACCEPTED:
            offers.append((-q, 0, position, ACCEPTED[media]))
        elif media in ("*/*", "text/*", "application/*"):
            fallback = "html" if media != "application/*" else "jsonld"
            offers.append((-q, 1, position, fallback))
    return min(offers)[3] if offers else None


def describe(quads: list[ox.Quad], fmt: str) -> bytes:
    """The quads of one node's description in ``fmt`` (turtle, jsonld or ntriples)."""
    if fmt == "ntriples":
        return ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    return serialize(quads, fmt)
