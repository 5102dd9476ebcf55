"""Serialize the built dataset: Turtle, TriG, N-Quads and JSON-LD, deterministically.

TriG and N-Quads keep one named graph per source; Turtle has no named graphs,
so it holds the union (claims still name their source with prov:wasDerivedFrom).
"""

from __future__ import annotations

import pyoxigraph as ox

from .errors import UsageError
from .jsonld import to_jsonld
from .namespaces import PREFIXES

FORMATS = {"turtle": ".ttl", "trig": ".trig", "nquads": ".nq", "jsonld": ".jsonld"}
_OX = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


def union_triples(quads) -> list[ox.Triple]:
    seen: dict = {}
    for q in quads:
        seen.setdefault(q.triple, None)
    return list(seen)


def serialize(quads: list[ox.Quad], fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")
    if fmt == "jsonld":
        return to_jsonld(quads)
    items = union_triples(quads) if fmt == "turtle" else quads
    prefixes = PREFIXES if fmt != "nquads" else None
    return _ordered_header(ox.serialize(items, format=_OX[fmt], prefixes=prefixes))


def _ordered_header(data: bytes) -> bytes:
    """Put the @prefix lines in namespaces.PREFIXES order, whatever order the writer chose."""
    if not data.startswith(b"@prefix"):
        return data
    lines = data.split(b"\n")
    count = 0
    while count < len(lines) and lines[count].startswith(b"@prefix"):
        count += 1
    order = {p.encode(): i for i, p in enumerate(PREFIXES)}
    header = sorted(lines[:count], key=lambda line: order.get(line.split(b" ")[1][:-1], 999))
    return b"\n".join(header + lines[count:])
