"""The one store interface: pyoxigraph underneath.

pyoxigraph loads, queries and serializes 13-70x faster than rdflib at a million
quads on this kind of machine (shared MEASUREMENTS.md) and its parsers reject
every W3C negative syntax test; rdflib is what pySHACL validates
(:meth:`Store.union_rdflib_graph`).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pyoxigraph as ox

from cwkg.errors import DataError

from .parse import parse_file, syntax_error


class Store:
    """An in-memory dataset of quads in a fixed order, with a SPARQL engine."""

    def __init__(self, quads=()):
        self._quads: list[ox.Quad] | None = list(quads)
        self._from_python = True  # quads given as Python objects: as the data wrote them
        self._ox: ox.Store | None = None
        self._as_written: dict | None = None
        # the N-Quads as written (a file, or chunks), for a store whose quads live in
        # pyoxigraph alone: see written_quads
        self._written: Path | list[bytes] | None = None
        # True when no triple sits in two named graphs (a cwkg build, by construction)
        self.disjoint_graphs = False
        # the file of every entity's labels kept with this store, if there is one
        # (cwkg.build.label_table)
        self.label_table: Path | None = None

    @classmethod
    def _backed_by_pyoxigraph(cls, oxigraph: ox.Store | None = None) -> "Store":
        """A store whose quads live in pyoxigraph alone (``quads`` reads them back): a new
        empty one, or ``oxigraph`` (an open on-disk store)."""
        store = cls()
        store._quads, store._ox = None, oxigraph if oxigraph is not None else ox.Store()
        store._from_python = False
        return store

    @classmethod
    def from_nquads_file(cls, path: str | Path) -> "Store":
        """Load an N-Quads file straight into pyoxigraph (no Python object per quad: 1.5x
        faster and a third of the memory at a million quads); ``quads`` then come from the
        store, in its own order."""
        store = cls._backed_by_pyoxigraph()
        store._written = Path(path)
        try:
            store._ox.load(path=str(path), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise syntax_error(exc, str(path)) from None
        except (ValueError, OSError) as exc:
            raise DataError(f"cannot load as N-Quads: {exc}", file=str(path)) from None
        return store

    @classmethod
    def from_nquads_chunks(cls, chunks, watch=(), keep_written: bool = False) -> "Store":
        """Load N-Quads chunks straight into pyoxigraph, keeping aside, as written, the
        triples of the ``watch`` predicates (see :meth:`as_written`), and with
        ``keep_written`` the chunks themselves (see :meth:`written_quads`).

        >>> nni = "<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"
        >>> s = Store.from_nquads_chunks([f'<http://e/a> <http://e/n> "+05"^^{nni} <http://e/g> .\\n'
        ...                               .encode()], watch=["http://e/n"])
        >>> s.as_written(["http://e/n"])["http://e/n"][0][1].value, s.quads[0].object.value
        ('+05', '5')
        """
        store = cls._backed_by_pyoxigraph()
        predicates = {f"<{p}>".encode() for p in watch}
        store._as_written = {p: {} for p in watch}
        if keep_written:
            store._written = []
        for chunk in chunks:
            if keep_written:
                store._written.append(chunk)
            store._ox.load(input=chunk, format=ox.RdfFormat.N_QUADS)
            lines = _lines_with_predicate(chunk, predicates) if predicates else b""
            if lines:
                for q in ox.parse(lines, format=ox.RdfFormat.N_QUADS):
                    store._as_written[q.predicate.value][q.subject, q.object] = None
        return store

    def union_view(self) -> ox.Store:
        """A store whose union graph holds each triple once, as SHACL reads the data: one
        RDF graph, a set. pyoxigraph's union default graph repeats a triple that sits in
        two named graphs, so a shape would report its failure twice (pySHACL once)."""
        if self.disjoint_graphs:
            return self.oxigraph
        from .serialize import union_triples
        triples = union_triples(self.quads)
        if len(triples) == len(set(self.quads)):
            return self.oxigraph
        view = ox.Store()
        view.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        return view

    def as_written(self, paths) -> dict[str, list]:
        """{predicate IRI: distinct (subject, object) pairs} as the data wrote them:
        pyoxigraph's store keeps numbers and booleans in canonical form ("+3" of type
        xsd:nonNegativeInteger reads back as "3" of type xsd:integer), and SHACL's
        sh:datatype must judge what the data said."""
        if self._as_written is not None and set(paths) <= set(self._as_written):
            return {p: list(self._as_written[p]) for p in paths}
        return triples_as_written(self.written_quads(), paths)

    def written_quads(self) -> list[ox.Quad]:
        """The quads as the data wrote them ("+05"^^xsd:nonNegativeInteger stays so), which
        is what pySHACL must read: :attr:`quads` of a store loaded into pyoxigraph come
        back in pyoxigraph's canonical form ("5"^^xsd:integer).

        >>> nni = "<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"
        >>> s = Store.from_nquads_chunks([f'<http://e/a> <http://e/n> "+05"^^{nni} <http://e/g> .\\n'
        ...                               .encode()], keep_written=True)
        >>> s.written_quads()[0].object.value, s.quads[0].object.value
        ('+05', '5')
        """
        if self._written is None:
            if self._from_python:
                return self.quads
            raise ValueError("this store keeps only pyoxigraph's canonical form of its "
                             "literals; load it with keep_written=True")
        if isinstance(self._written, Path):
            return list(ox.parse(path=str(self._written), format=ox.RdfFormat.N_QUADS))
        return [q for chunk in self._written
                for q in ox.parse(chunk, format=ox.RdfFormat.N_QUADS)]

    @property
    def quads(self) -> list[ox.Quad]:
        if self._quads is None:
            self._quads = list(self._ox)
        return self._quads

    def __len__(self) -> int:
        return len(self._ox) if self._quads is None else len(self._quads)

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
        """The union of all graphs, as written, in N-Triples (what SHACL validation reads)."""
        from .serialize import union_triples
        return ox.serialize(union_triples(self.written_quads()), format=ox.RdfFormat.N_TRIPLES)

    def union_rdflib_graph(self):
        """The union of all graphs, as written, as one rdflib Graph (what pySHACL validates)."""
        graph = _prepared_query_graph_class()()
        graph.parse(data=self.to_ntriples_union(), format="nt")
        return graph


@functools.cache
def _prepared_query_graph_class():
    """An rdflib Graph that parses each distinct SPARQL text once.

    pySHACL sends the text of a SPARQL constraint for every focus node and rdflib parses
    it anew each time (about 50 ms in pyparsing against 5 ms to run it): caching the
    parsed query makes SHACL-SPARQL validation 10x faster, with the same results.
    """
    import rdflib
    from rdflib.plugins.sparql import prepareQuery

    @functools.lru_cache(maxsize=256)
    def prepared(text: str, base):
        return prepareQuery(text, base=base)

    class PreparedQueryGraph(rdflib.Graph):
        def query(self, query_object, processor="sparql", result="sparql", initNs=None,
                  initBindings=None, use_store_provided=True, **kwargs):
            if isinstance(query_object, str) and not initNs and processor == "sparql":
                query_object = prepared(query_object, kwargs.pop("base", None))
            return super().query(query_object, processor, result, initNs, initBindings,
                                 use_store_provided, **kwargs)

    return PreparedQueryGraph


def _lines_with_predicate(data: bytes, predicates: set[bytes]) -> bytes:
    """The lines of ``data`` (N-Quads as pyoxigraph writes them: one space between
    terms) whose predicate, written ``<iri>``, is one of ``predicates``."""
    out = []
    for line in data.split(b"\n"):
        parts = line.split(b" ", 2)
        if len(parts) == 3 and parts[1] in predicates:
            out.append(line)
    return b"\n".join(out)




def triples_as_written(quads, paths) -> dict[str, list]:
    """{path: distinct (subject, object) pairs, in order} over ``quads``, for each path."""
    wanted = {ox.NamedNode(p): {} for p in paths}
    for q in quads:
        seen = wanted.get(q.predicate)
        if seen is not None:
            seen.setdefault((q.subject, q.object), None)
    return {p.value: list(seen) for p, seen in wanted.items()}
