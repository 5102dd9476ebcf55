"""Where SPARQL servers answer differently from the embedded store, and what cwkg does about it.

This is the one place that knows. Each difference below was observed on the
servers cwkg tests against (pyoxigraph / Oxigraph server 0.5, Virtuoso Open
Source 7.2.5 from Debian) and is shown by a test in ``tests/servers/test_dialects.py``.

**The dataset.** A cwkg query without GRAPH reads the union of every source's
graph (the embedded store runs with ``use_default_graph_as_union``, ``cwkg serve``
with ``--union-default-graph``). Virtuoso's default graph is the union of *all*
its graphs, including its own system graphs (``virtrdf#``: thousands of triples),
so ``?s a ?class`` would find Virtuoso's classes too. Remedy: name the dataset
with the standard protocol parameters ``default-graph-uri``/``named-graph-uri``
(:func:`dataset_params`), which every SPARQL 1.1 server honours.

**Literal forms.** Compared with :func:`normalise_term`, only where XSD and
SPARQL say the two forms are the same value:

- derived integer types (``xsd:nonNegativeInteger`` for ``oa:start``/``oa:end``):
  Oxigraph, embedded and server, stores them as ``xsd:integer``; Virtuoso keeps
  the datatype. Both are the same xsd:decimal-derived value (SPARQL 1.1 §17.3
  promotes derived types to their base for every operator), so compare as
  ``xsd:integer`` in canonical form;
- ``xsd:boolean``: Virtuoso answers ``"0"``/``"1"`` for stored ``"false"``/``"true"``;
  the same value, canonical form ``false``/``true`` (XSD 1.1 §3.3.2);
- ``xsd:decimal`` results of division (``AVG``): precision is implementation-defined
  (XPath F&O op:numeric-divide); Virtuoso gives 15 fraction digits, Oxigraph 18.
  Compared rounded to :data:`DECIMAL_PLACES`.

**Not normalised, avoided instead** (a normalisation would hide a real difference):

- a *projected boolean expression* (``(?a = ?b AS ?same)``) comes back from
  Virtuoso as ``"1"^^xsd:integer``, not ``true``; and a projected comparison of
  two ``xsd:nonNegativeInteger`` values (``(?start < ?end AS ?x)``) is even *wrong*
  (``0`` for every anchor), although the same comparison in FILTER is right.
  Stored queries must not project booleans: filter on them, or project a string
  (``IF(?a = ?b, "yes", "no")``); :func:`boolean_projections` finds offenders.
- Virtuoso's Graph Store endpoint rejects a body holding one literal longer than
  about 64 KB (64,000 ASCII characters pass, 70,000 fail: "unsupported type
  text/plain", HTTP 500); a source's full text (``schema:text``) can be that long.
  So push to Virtuoso without ``--graph-store``: ``INSERT DATA`` carries a
  222,000-character Arabic and English literal intact.
- Virtuoso's ``MOVE`` from a graph that does not exist empties the target instead
  of failing; :mod:`cwkg.push` only ever moves a staging graph it has just counted.

Unchanged on every server (tests hold them): language tags, ``LANG``/``LANGMATCHES``,
Arabic labels and ``CONTAINS`` on them, ``STRLEN`` and ``SUBSTR`` in characters
(not bytes) over the sources' full texts, ``xsd:date`` and ``xsd:gYear`` values
and comparisons.

>>> import pyoxigraph as ox
>>> XSD = "http://www.w3.org/2001/XMLSchema#"
>>> normalise_term(ox.Literal("058", datatype=ox.NamedNode(XSD + "nonNegativeInteger")))
<Literal value=58 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
>>> normalise_term(ox.Literal("0", datatype=ox.NamedNode(XSD + "boolean"))).value
'false'
>>> normalise_term(ox.Literal("140.833333333333333", datatype=ox.NamedNode(XSD + "decimal"))).value
'140.833333333333'
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from cwkg.namespaces import PREFIXES, REFERENCE_GRAPH
from cwkg.query.results import INTEGER_TYPES, ResultSet, _integer_form

_XSD = PREFIXES["xsd"]
XSD_BOOLEAN = ox.NamedNode(_XSD + "boolean")
XSD_DECIMAL = ox.NamedNode(_XSD + "decimal")
DECIMAL_PLACES = 12


def normalise_term(term):
    """The canonical form of a literal where XSD says two forms are one value
    (integer subtypes as in :meth:`cwkg.results.ResultSet.comparable_rows`)."""
    if not isinstance(term, ox.Literal) or term.language:
        return term
    datatype = term.datatype.value
    if datatype in INTEGER_TYPES:
        return _integer_form(term)
    try:
        if datatype == XSD_BOOLEAN.value:
            value = {"1": "true", "0": "false"}.get(term.value.strip(), term.value.strip())
            return ox.Literal(value, datatype=XSD_BOOLEAN)
        if datatype == XSD_DECIMAL.value:
            rounded = round(Decimal(term.value), DECIMAL_PLACES).normalize()
            return ox.Literal(format(rounded, "f"), datatype=XSD_DECIMAL)
    except (ValueError, InvalidOperation):
        return term  # an ill-typed literal is compared as written
    return term


def normalised_rows(results: ResultSet) -> list[tuple[str, ...]]:
    """Sorted rows of normalised terms: the form in which two stores' answers must be equal."""
    return ResultSet(results.variables,
                     [tuple(normalise_term(t) for t in row) for row in results.rows]).sorted_rows()


def is_cwkg_graph(iri: str) -> bool:
    """A graph cwkg writes: one per source, and the reference graph (not staging graphs)."""
    return iri.startswith(PREFIXES["src"]) or iri == str(REFERENCE_GRAPH)


def dataset_params(graphs) -> dict[str, list[str]]:
    """SPARQL protocol parameters that make the union of ``graphs`` the default graph and
    ``graphs`` the named graphs: the embedded store's dataset, on any server.

    >>> dataset_params(["https://w3id.org/cwkg/source/a"])["named-graph-uri"]
    ['https://w3id.org/cwkg/source/a']
    """
    graphs = sorted(g for g in graphs if is_cwkg_graph(g))
    return {"default-graph-uri": graphs, "named-graph-uri": list(graphs)}


def server_graphs(connection) -> list[str]:
    """The cwkg graphs a server holds (ignoring its system graphs and staging graphs)."""
    from cwkg.server.remote import select
    rows = select(connection, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").rows
    return sorted(r[0].value for r in rows if r[0] is not None and is_cwkg_graph(r[0].value))


# SPARQL expressions whose value is an xsd:boolean (rdflib algebra names)
_BOOLEAN_EXPRESSIONS = frozenset({
    "RelationalExpression", "ConditionalAndExpression", "ConditionalOrExpression", "UnaryNot",
    "Builtin_BOUND", "Builtin_isIRI", "Builtin_isBLANK", "Builtin_isLITERAL",
    "Builtin_isNUMERIC", "Builtin_REGEX", "Builtin_CONTAINS", "Builtin_STRSTARTS",
    "Builtin_STRENDS", "Builtin_LANGMATCHES", "Builtin_sameTerm", "Builtin_EXISTS",
    "Builtin_NOTEXISTS"})


def boolean_projections(query: str) -> list[str]:
    """The variables a query binds to a boolean expression (in SELECT or BIND), which
    Virtuoso answers as an integer. Uses rdflib's SPARQL algebra, so nesting and BIND
    are seen as the engine sees them.

    >>> boolean_projections("SELECT ?c (?n > 90 AS ?high) WHERE { ?c <urn:x:n> ?n }")
    ['high']
    >>> boolean_projections('SELECT ?c (IF(?n > 90, "yes", "no") AS ?high) WHERE { ?c <urn:x:n> ?n }')
    []
    >>> boolean_projections("SELECT * WHERE { ?c <urn:x:n> ?n BIND(!(?n < 2 || BOUND(?c)) AS ?ok) }")
    ['ok']
    """
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, CompValue):
            if node.name == "Extend" and getattr(node.expr, "name", None) in _BOOLEAN_EXPRESSIONS:
                found.append(str(node.var))
            for value in node.values():
                walk(value)
        elif isinstance(node, (list, tuple)):
            for value in node:
                walk(value)

    walk(prepareQuery(query).algebra)
    return sorted(set(found))
