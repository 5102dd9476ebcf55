"""Serialize the built dataset: Turtle, TriG, N-Quads and JSON-LD, deterministically; and,
on request, N-Triples and RDF/XML of the union (:func:`write_union`).

Each format is written as a header, one chunk per named graph, and a footer, so a
build streams the exports and reuses each source's chunks (:mod:`cwkg.fragments`).
TriG and N-Quads keep one named graph per source; Turtle has no named graphs,
so it holds the union (claims still name their source with prov:wasDerivedFrom):
no triple occurs in two graphs (see ``graph.emit_source``), so the union is the
chunks one after another.

>>> q = ox.Quad(ox.NamedNode("https://w3id.org/cwkg/source/x"), ox.NamedNode(
...     "http://purl.org/dc/terms/language"), ox.Literal("en"), ox.NamedNode(
...     "https://w3id.org/cwkg/source/x"))
>>> graph_chunk("turtle", [q])
b'src:x dcterms:language "en" .\\n'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from cwkg.errors import UsageError
from cwkg.prefixes import PREFIXES

from . import jsonld
from .formats import FORMATS

_OX = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
_PREFIX_LINES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items()).encode()


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format '{fmt}'; choose one of {', '.join(FORMATS)}")


def graph_chunk(fmt: str, quads: list[ox.Quad]) -> bytes:
    """The quads of one graph in ``fmt``, without the document's header."""
    if fmt == "jsonld":
        return jsonld.graph_chunk(quads)
    if fmt == "nquads":
        return ox.serialize(quads, format=_OX[fmt])
    items = [q.triple for q in quads] if fmt == "turtle" else quads
    return _without_prefixes(ox.serialize(items, format=_OX[fmt], prefixes=PREFIXES))


def _without_prefixes(data: bytes) -> bytes:
    """Drop the @prefix lines the writer puts first: the document header declares them."""
    start = 0
    while data.startswith(b"@prefix", start):
        start = data.index(b"\n", start) + 1
    return data[start:]


class DocumentWriter:
    """Writes one document graph by graph: the header now, a chunk per :meth:`add` (with
    the separator ``fmt`` needs), the footer on :meth:`close`."""

    def __init__(self, fmt: str, write):
        _check(fmt)
        self.fmt, self._write, self._first = fmt, write, True
        self.position = 0  # bytes written so far
        if fmt == "jsonld":
            self._put(jsonld.header())
        elif fmt != "nquads":
            self._put(_PREFIX_LINES)

    def _put(self, data: bytes) -> None:
        self._write(data)
        self.position += len(data)

    def add(self, chunk: bytes) -> int:
        """Write ``chunk``; returns the offset where it starts in the document."""
        if not chunk:
            return self.position
        if self.fmt == "jsonld" and not self._first:
            self._put(jsonld.SEPARATOR)
        offset = self.position
        self._put(chunk)
        self._first = False
        return offset

    def close(self) -> None:
        if self.fmt == "jsonld":
            self._put(jsonld.FOOTER)


def by_graph(quads: Iterable[ox.Quad]) -> list[list[ox.Quad]]:
    """Quads grouped by graph, graphs in order of first appearance, quads in order."""
    groups: dict = {}
    for q in quads:
        groups.setdefault(q.graph_name, []).append(q)
    return list(groups.values())


def serialize(quads: Iterable[ox.Quad], fmt: str) -> bytes:
    parts: list[bytes] = []
    writer = DocumentWriter(fmt, parts.append)
    for graph in by_graph(quads):
        writer.add(graph_chunk(fmt, graph))
    writer.close()
    return b"".join(parts)


def union_triples(quads) -> list[ox.Triple]:
    seen: dict = {}
    for q in quads:
        seen.setdefault(q.triple, None)
    return list(seen)


# formats of one graph, written on request from the build's N-Quads (cwkg export)
UNION_FORMATS = {"ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
# characters XML 1.0 cannot hold, even escaped (pyoxigraph would write them as they are)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def write_union(nquads: Path, target, fmt: str) -> None:
    """The union of the build's graphs as one graph, in N-Triples or RDF/XML, into the
    binary file ``target``. Like the Turtle export it drops the graph names (a claim still
    names its source with prov:wasDerivedFrom); no triple sits in two graphs (see
    ``emit_source``), so the union is every quad's triple, once. RDF/XML cannot hold
    some control characters at all: such a literal is a UsageError naming it."""
    triples = (q.triple for q in ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    if fmt == "rdfxml":
        triples = map(_xml_safe, triples)
    ox.serialize(triples, target, UNION_FORMATS[fmt],
                 prefixes=PREFIXES if fmt == "rdfxml" else None)


def _xml_safe(triple: ox.Triple) -> ox.Triple:
    value = triple.object.value if isinstance(triple.object, ox.Literal) else ""
    bad = _NOT_XML.search(value)
    if bad:
        from cwkg.prefixes import compact
        raise UsageError(f"RDF/XML cannot hold the character U+{ord(bad.group()):04X}, which "
                         f"the value of {compact(triple.subject.value)} "
                         f"{compact(triple.predicate.value)} contains; export ntriples or "
                         "turtle, or remove it from data/")
    return triple
