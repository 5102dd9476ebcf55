"""The one store interface: pyoxigraph underneath, rdflib for users who want its API.

pyoxigraph loads, queries and serializes 13-70x faster than rdflib at a million
quads on this kind of machine (shared MEASUREMENTS.md) and its parsers reject
every W3C negative syntax test; rdflib stays the API users see through
:meth:`Store.to_rdflib`, and is what pySHACL validates.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pyoxigraph as ox

from .errors import DataError

PARSE_FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
                 ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES,
                 ".jsonld": ox.RdfFormat.JSON_LD}


class Store:
    """An in-memory dataset of quads in a fixed order, with a SPARQL engine."""

    def __init__(self, quads=()):
        self._quads: list[ox.Quad] | None = list(quads)
        self._ox: ox.Store | None = None
        self._as_written: dict | None = None
        # True when no triple sits in two named graphs (a cwkg build, by construction)
        self.disjoint_graphs = False

    @classmethod
    def _backed_by_pyoxigraph(cls) -> "Store":
        """An empty store whose quads live in pyoxigraph alone (``quads`` reads them back)."""
        store = cls()
        store._quads, store._ox = None, ox.Store()
        return store

    @classmethod
    def from_nquads_file(cls, path: str | Path) -> "Store":
        """Load an N-Quads file straight into pyoxigraph (no Python object per quad: 1.5x
        faster and a third of the memory at a million quads); ``quads`` then come from the
        store, in its own order."""
        store = cls._backed_by_pyoxigraph()
        try:
            store._ox.load(path=str(path), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise _syntax_error(exc, str(path)) from None
        except (ValueError, OSError) as exc:
            raise DataError(f"cannot load as N-Quads: {exc}", file=str(path)) from None
        return store

    @classmethod
    def from_nquads_chunks(cls, chunks, watch=()) -> "Store":
        """Load N-Quads chunks straight into pyoxigraph, keeping aside, as written, the
        triples of the ``watch`` predicates (see :meth:`as_written`).

        >>> nni = "<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>"
        >>> s = Store.from_nquads_chunks([f'<http://e/a> <http://e/n> "+05"^^{nni} <http://e/g> .\\n'
        ...                               .encode()], watch=["http://e/n"])
        >>> s.as_written(["http://e/n"])["http://e/n"][0][1].value, s.quads[0].object.value
        ('+05', '5')
        """
        store = cls._backed_by_pyoxigraph()
        predicates = {f"<{p}>".encode() for p in watch}
        store._as_written = {p: {} for p in watch}
        for chunk in chunks:
            store._ox.load(input=chunk, format=ox.RdfFormat.N_QUADS)
            lines = _lines_with_predicate(chunk, predicates)
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
        from .export import union_triples
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
        from .shacl_sparql import triples_as_written

        if self._as_written is not None and set(paths) <= set(self._as_written):
            return {p: list(self._as_written[p]) for p in paths}
        return triples_as_written(self.quads, paths)

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
        """The union of all graphs as one rdflib Graph (what pySHACL validates)."""
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


# pyoxigraph's JSON-LD parser recurses per nesting level and overflows the stack (a
# segfault, not an exception) a few thousand levels down; no real document nests this deep.
MAX_JSON_DEPTH = 256


def parse_file(path: str | Path, fmt: ox.RdfFormat | None = None,
               base_iri: str | None = None) -> list[ox.Quad]:
    path = Path(path)
    fmt = fmt or PARSE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise DataError(f"unknown RDF file type '{path.suffix}'; use one of "
                        + ", ".join(PARSE_FORMATS), file=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read file: {exc.strerror}", file=str(path)) from None
    return parse_bytes(data, fmt, str(path), base_iri)


def parse_bytes(data: bytes, fmt: ox.RdfFormat, name: str,
                base_iri: str | None = None) -> list[ox.Quad]:
    """Parse strictly; never fetch anything (remote or file JSON-LD contexts are refused).

    >>> parse_bytes(b'<http://e/a> <http://e/b> "c" .', ox.RdfFormat.N_TRIPLES, "x.nt")[0].object
    <Literal value=c datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    >>> parse_bytes(b'e:a e:b e:c .', ox.RdfFormat.TURTLE, "x.ttl")
    Traceback (most recent call last):
    cwkg.errors.DataError: x.ttl:1:1: RDF syntax error: The prefix e: has not been declared
    """
    if fmt == ox.RdfFormat.JSON_LD:
        _check_json_depth(data, name)
    try:
        return list(ox.parse(data, format=fmt, base_iri=base_iri))
    except SyntaxError as exc:
        raise _syntax_error(exc, name) from None
    except (ValueError, OSError) as exc:
        raise DataError(f"cannot parse as RDF: {exc}", file=name) from None


def _syntax_error(exc: SyntaxError, name: str) -> DataError:
    line, column = _position(exc)
    message = str(getattr(exc, "msg", None) or exc).split("\n")[0]
    # the position is already in file:line:column; keep only what is wrong
    message = re.sub(r"^Parser error (?:at line \d+ )?(?:column \d+|between [^:]*)?: ", "",
                     message)
    if "LoadDocumentCallback" in message or "remote context" in message:
        message = ("a JSON-LD @context must be given inline: cwkg never loads a remote or "
                   "file context")
    return DataError(f"RDF syntax error: {message}", file=name, line=line, column=column)


def _check_json_depth(data: bytes, name: str) -> None:
    """Refuse JSON nested deeper than MAX_JSON_DEPTH, scanning bytes once (strings skipped)."""
    depth, in_string, escaped, line = 0, False, False, 1
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:          # backslash
                escaped = True
            elif byte == 0x22:          # closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x7B, 0x5B):      # { [
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise DataError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep; cwkg "
                                "refuses it rather than risk a crash", file=name, line=line)
        elif byte in (0x7D, 0x5D):
            depth -= 1
        if byte == 0x0A:
            line += 1


def _position(exc: SyntaxError) -> tuple[int | None, int | None]:
    # pyoxigraph reports 1-based line and column on the SyntaxError
    return getattr(exc, "lineno", None), getattr(exc, "offset", None)
