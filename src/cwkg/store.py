"""The one store interface: pyoxigraph underneath, rdflib for users who want its API.

pyoxigraph loads, queries and serializes 13-70x faster than rdflib at a million
quads on this kind of machine (shared MEASUREMENTS.md) and its parsers reject
every W3C negative syntax test; rdflib stays the API users see through
:meth:`Store.to_rdflib`, and is what pySHACL validates.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import DataError

PARSE_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
                 ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                 ".jsonld": ox.RdfFormat.JSON_LD}


class Store:
    """An in-memory dataset of quads in a fixed order, with a SPARQL engine."""

    def __init__(self, quads=()):
        self.quads: list[ox.Quad] = list(quads)
        self._ox: ox.Store | None = None

    def __len__(self) -> int:
        return len(self.quads)

    @property
    def oxigraph(self) -> ox.Store:
        """The pyoxigraph store, loaded on first use."""
        if self._ox is None:
            store = ox.Store()
            store.bulk_extend(self.quads)
            self._ox = store
        return self._ox

    @classmethod
    def from_file(cls, path: str | Path) -> "Store":
        """Parse an RDF file strictly; a syntax error names file:line:column."""
        return cls(parse_file(path))

    def graph_names(self) -> list[str]:
        seen: dict[str, None] = {}
        for q in self.quads:
            if isinstance(q.graph_name, ox.NamedNode):
                seen.setdefault(q.graph_name.value, None)
        return list(seen)

    def to_ntriples_union(self) -> bytes:
        """The union of all graphs as N-Triples (what SHACL validation reads)."""
        from .export import union_triples
        return ox.serialize(union_triples(self.quads), format=ox.RdfFormat.N_TRIPLES)

    def to_rdflib(self):
        """An rdflib Dataset holding the same quads (one rdflib graph per named graph).

        >>> s = Store([ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"),
        ...                    ox.Literal("x"), ox.NamedNode("http://e/g"))])
        >>> len(s.to_rdflib())
        1
        """
        import rdflib
        dataset = rdflib.Dataset()
        dataset.parse(data=ox.serialize(self.quads, format=ox.RdfFormat.N_QUADS),
                      format="nquads")
        return dataset

    def union_rdflib_graph(self):
        import rdflib
        graph = rdflib.Graph()
        graph.parse(data=self.to_ntriples_union(), format="nt")
        return graph


def parse_file(path: str | Path, fmt: ox.RdfFormat | None = None) -> list[ox.Quad]:
    path = Path(path)
    fmt = fmt or PARSE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(f"unknown RDF file type '{path.suffix}'; use one of "
                        + ", ".join(PARSE_FORMATS), file=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read file: {exc.strerror}", file=str(path)) from None
    return parse_bytes(data, fmt, str(path))


def parse_bytes(data: bytes, fmt: ox.RdfFormat, name: str) -> list[ox.Quad]:
    try:
        return list(ox.parse(data, format=fmt))
    except SyntaxError as exc:
        line, column = _position(exc)
        message = str(getattr(exc, "msg", None) or exc).split("\n")[0]
        raise DataError(f"RDF syntax error: {message}", file=name, line=line,
                        column=column) from None
    except (ValueError, OSError) as exc:
        raise DataError(f"cannot parse as RDF: {exc}", file=name) from None


def _position(exc: SyntaxError) -> tuple[int | None, int | None]:
    # pyoxigraph reports 1-based line and column on the SyntaxError
    return getattr(exc, "lineno", None), getattr(exc, "offset", None)
