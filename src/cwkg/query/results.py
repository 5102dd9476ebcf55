"""One shape for SPARQL results, whichever store answered: rows (SELECT), a yes or no
(ASK) or a graph (CONSTRUCT, DESCRIBE).

The embedded store and a remote endpoint both produce a :class:`ResultSet` of
pyoxigraph terms, so the same query gives rows that compare equal, and every
output format is written from the same rows. The formats for people (a table, CSV
with labels) are in :mod:`cwkg.query.table`; these are the W3C ones.

>>> import pyoxigraph as ox
>>> rs = ResultSet(["s", "n"], [(ox.NamedNode("http://e/a"), ox.Literal("1")), (None, None)])
>>> rs.sorted_rows()
[('', ''), ('<http://e/a>', '"1"')]
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass

import pyoxigraph as ox


@dataclass
class ResultSet:
    variables: list[str]
    rows: list[tuple]          # each a tuple of ox.NamedNode | ox.Literal | ox.BlankNode | None

    @classmethod
    def from_solutions(cls, solutions: ox.QuerySolutions) -> "ResultSet":
        # a QuerySolution iterates its values in the order of ``variables`` (None when
        # unbound): one tuple() per row, not a lookup by name per cell (2-3x faster)
        with _cycle_collector_paused():
            rows = [tuple(s) for s in solutions]
        return cls([v.value for v in solutions.variables], rows)

    def sorted_rows(self) -> list[tuple[str, ...]]:
        """Rows as N-Triples strings ('' for unbound), sorted: the form goldens compare."""
        return sorted(tuple("" if t is None else str(t) for t in row) for row in self.rows)

    def comparable_rows(self) -> list[tuple[str, ...]]:
        """Like :meth:`sorted_rows`, but a literal of a type derived from xsd:integer
        (nonNegativeInteger, int...) reads as the xsd:integer of the same value.

        Engines differ here: Oxigraph stores "5"^^xsd:nonNegativeInteger as
        "5"^^xsd:integer, rdflib keeps the declared type. Comparing rows across stores
        (or against goldens) with this keeps the difference from hiding real ones.

        >>> nni = ox.NamedNode("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
        >>> a = ResultSet(["n"], [(ox.Literal("05", datatype=nni),)])
        >>> a.comparable_rows() == ResultSet(["n"], [(ox.Literal("5", datatype=XSD_INTEGER),)]
        ...                                  ).comparable_rows()
        True
        """
        return sorted(tuple("" if t is None else str(_integer_form(t)) for t in row)
                      for row in self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    # ------------------------------------------------------------------ formats

    def to_json(self) -> bytes:
        """SPARQL 1.1 Query Results JSON (W3C), the rows in their order, on one line:
        Python writes indented JSON with its pure-Python encoder, 3x slower (180,000
        rows of differing-figures at 10,000 sources: half a minute) and a third larger."""
        import json
        bindings = [{v: _json_term(t) for v, t in zip(self.variables, row) if t is not None}
                    for row in self.rows]
        doc = {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}
        return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
                ).encode("utf-8")

    @classmethod
    def from_json(cls, payload) -> "ResultSet":
        """Parse SPARQL 1.1 JSON results, bytes, text or a binary file (raises SyntaxError
        or ValueError if they are not).

        >>> rs = ResultSet(["x"], [(ox.Literal("é", language="fr"),)])
        >>> ResultSet.from_json(rs.to_json()).rows == rs.rows
        True
        >>> import io
        >>> ResultSet.from_json(io.BytesIO(rs.to_json())).rows == rs.rows
        True
        """
        solutions = ox.parse_query_results(payload, ox.QueryResultsFormat.JSON)
        if not isinstance(solutions, ox.QuerySolutions):
            raise ValueError("a boolean (ASK) result, not rows")
        return cls.from_solutions(solutions)

    def to_tsv(self) -> bytes:
        """SPARQL 1.1 TSV results: header of ?variables, terms in SPARQL syntax (lossless)."""
        lines = ["\t".join(f"?{v}" for v in self.variables)]
        lines += ["\t".join("" if t is None else _tsv_term(t) for t in row) for row in self.rows]
        return ("\n".join(lines) + "\n").encode("utf-8")

    def format(self, fmt: str) -> bytes:
        """The rows as ``tsv`` or ``json`` (SPARQL 1.1 results)."""
        return {"tsv": self.to_tsv, "json": self.to_json}[fmt]()

    def count(self) -> str:
        return f"{len(self.rows)} row(s)"


@dataclass
class BooleanResult:
    """An ASK query's answer."""

    value: bool

    def __bool__(self) -> bool:
        return self.value

    def format(self, fmt: str) -> bytes:
        """``yes``/``no`` for people; ``json``: SPARQL 1.1 JSON results.

        >>> BooleanResult(True).format("text"), BooleanResult(False).format("json")
        (b'yes\\n', b'{"head": {}, "boolean": false}\\n')
        """
        if fmt == "json":
            return b'{"head": {}, "boolean": ' + (b"true" if self.value else b"false") + b"}\n"
        return b"yes\n" if self.value else b"no\n"

    def count(self) -> str:
        return "yes" if self.value else "no"


@dataclass
class GraphResult:
    """A CONSTRUCT or DESCRIBE query's answer: a set of triples (duplicates dropped,
    first seen order kept, as an RDF graph has none)."""

    triples: list

    @classmethod
    def of(cls, triples) -> "GraphResult":
        return cls(list(dict.fromkeys(triples)))

    def __len__(self) -> int:
        return len(self.triples)

    def format(self, fmt: str) -> bytes:
        """The graph as ``turtle`` (cwkg's prefixes), ``ntriples`` or ``jsonld``.

        >>> g = GraphResult.of([ox.Triple(ox.NamedNode("https://w3id.org/cwkg/org/un"),
        ...     ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal("UN"))] * 2)
        >>> print(g.format("ntriples").decode(), end="")
        <https://w3id.org/cwkg/org/un> <http://www.w3.org/2004/02/skos/core#prefLabel> "UN" .
        """
        from cwkg.prefixes import PREFIXES
        return ox.serialize(self.triples, format=GRAPH_FORMATS[fmt],
                            prefixes=None if fmt == "ntriples" else _used(self.triples, PREFIXES))

    def count(self) -> str:
        return f"{len(self.triples)} triple(s)"


def _used(triples, prefixes: dict[str, str]) -> dict[str, str]:
    """The prefixes some IRI of ``triples`` starts with (no unused @prefix lines)."""
    iris = {t.value for triple in triples for t in (triple.subject, triple.predicate,
                                                      triple.object)
            if isinstance(t, ox.NamedNode)}
    iris |= {t.object.datatype.value for t in triples
             if isinstance(t.object, ox.Literal) and not t.object.language}
    return {p: ns for p, ns in prefixes.items() if any(i.startswith(ns) for i in iris)}


@contextlib.contextmanager
def _cycle_collector_paused():
    """Rows of terms hold no reference cycles, yet building tens of thousands of them
    sets off the cycle collector again and again, and each older-generation pass walks
    every object the process holds. With a Store made from a list of a million Python
    quads (what build_in_memory gives) that doubled the time of a 40,651-row query (0.82 s
    against 0.38 s paused); on the store ``cwkg query`` loads (no Python quads) it saves
    less (about 7%). Paused while the rows are built (reference counting still frees
    memory), the collector runs afterwards on its own schedule. Two threads doing this at
    once leave it enabled at the end, as they found it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


ROW_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
                 "jsonld": ox.RdfFormat.JSON_LD}
BOOLEAN_FORMATS = ("text", "json")
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
XSD_INTEGER = ox.NamedNode(XSD + "integer")
INTEGER_TYPES = {XSD + t for t in ("integer", "nonNegativeInteger", "positiveInteger",
                                   "nonPositiveInteger", "negativeInteger", "long", "int",
                                   "short", "byte", "unsignedLong", "unsignedInt",
                                   "unsignedShort", "unsignedByte")}


def _integer_form(term):
    if isinstance(term, ox.Literal) and term.datatype.value in INTEGER_TYPES:
        try:
            return ox.Literal(str(int(term.value)), datatype=XSD_INTEGER)
        except ValueError:
            return term
    return term


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _tsv_term(term) -> str:
    return str(term)  # N-Triples syntax: tab and line breaks inside literals are escaped
