"""Each difference that tests.servers.dialects handles, shown on the real servers.

If a server release changes one of these, its test fails and the note in
cwkg/dialects.py must be updated: the documentation cannot drift silently.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from tests.servers.dialects import boolean_projections, normalise_term, normalised_rows

from conftest import QUERIES
from cwkg.errors import EndpointError
from cwkg.namespaces import PREFIXES, sparql_prefix_block
from cwkg.query.results import ResultSet
from cwkg.rdf.store import Store
from cwkg.server.payload import Dataset
from cwkg.server.push import count_triples, push
from cwkg.server.remote import select

XSD = PREFIXES["xsd"]
P = sparql_prefix_block()
POSITIONS = P + "SELECT ?p ?start WHERE { ?p oa:start ?start }"


def rows(target, query, dataset=None):
    return select(target.query, query, dataset)


def embedded(store, query):
    return ResultSet.from_solutions(store.oxigraph.query(query, use_default_graph_as_union=True))


def datatypes(results: ResultSet, column: int = -1) -> set[str]:
    return {row[column].datatype.value for row in results.rows}


def test_nonnegative_integer_kept_by_virtuoso_turned_to_integer_by_oxigraph(built_store, loaded,
                                                                            graphs):
    built = {q.object.datatype.value for q in built_store.quads if q.predicate.value ==
             PREFIXES["oa"] + "start"}
    assert built == {XSD + "nonNegativeInteger"}               # what the build writes
    assert datatypes(embedded(built_store, POSITIONS)) == {XSD + "integer"}
    assert datatypes(rows(loaded["oxigraph"], POSITIONS, graphs)) == {XSD + "integer"}
    virtuoso = rows(loaded["virtuoso"], POSITIONS, graphs)
    assert datatypes(virtuoso) == {XSD + "nonNegativeInteger"}
    assert virtuoso.sorted_rows() != embedded(built_store, POSITIONS).sorted_rows()
    assert normalised_rows(virtuoso) == normalised_rows(embedded(built_store, POSITIONS))


def test_virtuoso_writes_boolean_false_as_0(built_store, loaded, graphs):
    query = P + "SELECT ?s ?v WHERE { ?s cwkg:publisherVerified ?v }"
    local = embedded(built_store, query)
    virtuoso = rows(loaded["virtuoso"], query, graphs)
    assert {r[1].value for r in local.rows} == {"false"}
    assert {r[1].value for r in virtuoso.rows} == {"0"}
    assert normalised_rows(virtuoso) == normalised_rows(local)


def test_average_precision_differs_and_is_compared_rounded(built_store, loaded, graphs):
    query = P + "SELECT (AVG(?v) AS ?mean) WHERE { ?f cwkg:statedValue ?v }"
    local = embedded(built_store, query).rows[0][0]
    virtuoso = rows(loaded["virtuoso"], query, graphs).rows[0][0]
    assert local.datatype == virtuoso.datatype == ox.NamedNode(XSD + "decimal")
    assert local.value != virtuoso.value                       # 18 vs 15 fraction digits
    assert normalise_term(local) == normalise_term(virtuoso)


def test_virtuoso_answers_a_projected_boolean_as_an_integer(built_store, loaded, graphs):
    """Not normalised (an integer is not a boolean): stored queries must not project one."""
    query = P + "SELECT ?f (?v >= 0 AS ?counted) WHERE { ?f cwkg:statedValue ?v }"
    local = embedded(built_store, query)
    virtuoso = rows(loaded["virtuoso"], query, graphs)
    assert {r[1] for r in local.rows} == {ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean"))}
    assert {r[1] for r in virtuoso.rows} == {ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))}
    assert normalised_rows(virtuoso) != normalised_rows(local)
    assert boolean_projections(query) == ["counted"]          # the check that keeps them out

    bound = P + "SELECT ?f ?counted WHERE { ?f cwkg:statedValue ?v BIND(?v >= 0 AS ?counted) }"
    assert {r[1].value for r in rows(loaded["virtuoso"], bound, graphs).rows} == {"1"}
    assert boolean_projections(bound) == ["counted"]

    portable = P + ('SELECT ?p (IF(?s < ?e, "yes", "no") AS ?ordered) WHERE { '
                    '?p oa:start ?s ; oa:end ?e }')                  # the portable form
    assert boolean_projections(portable) == []
    expected = embedded(built_store, portable).sorted_rows()
    assert {r[1] for r in embedded(built_store, portable).rows} == {ox.Literal("yes")}
    for target in loaded.values():
        assert rows(target, portable, graphs).sorted_rows() == expected


def test_virtuoso_projected_comparison_of_nonnegative_integers_is_wrong(built_store, loaded,
                                                                        graphs):
    """The same comparison that FILTER gets right (start < end for every anchor) comes
    back as 0 when projected: one more reason never to project a boolean."""
    projected = P + "SELECT ?p (?s < ?e AS ?ordered) WHERE { ?p oa:start ?s ; oa:end ?e }"
    filtered = P + "SELECT ?p WHERE { ?p oa:start ?s ; oa:end ?e FILTER(?s < ?e) }"
    anchors = len(embedded(built_store, filtered))
    assert anchors > 0
    assert len(rows(loaded["virtuoso"], filtered, graphs)) == anchors
    assert {r[1].value for r in rows(loaded["virtuoso"], projected, graphs).rows} == {"0"}
    assert {r[1].value for r in embedded(built_store, projected).rows} == {"true"}


def test_virtuoso_default_graph_includes_its_system_graphs(built_store, loaded, graphs):
    query = P + (QUERIES / "classes-default-graph.rq").read_text("utf-8")
    expected = normalised_rows(embedded(built_store, query))
    without_dataset = normalised_rows(rows(loaded["virtuoso"], query))
    assert len(without_dataset) > len(expected)                # virtrdf: classes
    assert normalised_rows(rows(loaded["virtuoso"], query, graphs)) == expected


def test_language_tags_arabic_dates_and_character_functions_agree(built_store, loaded, graphs):
    query = P + """SELECT ?x ?l (LANG(?l) AS ?lang) (STRLEN(?l) AS ?n) (UCASE(?l) AS ?u)
                   (SUBSTR(?l, 2, 3) AS ?part) WHERE { ?x skos:prefLabel ?l }"""
    local = embedded(built_store, query)
    assert any(r[2].value == "ar" for r in local.rows)
    for target in loaded.values():
        assert rows(target, query, graphs).sorted_rows() == local.sorted_rows()


LONG_TEXT = "خان شيخون — Khan Sheikhoun “sarin” 🙂 " * 6000     # 222,000 characters


def long_literal_store() -> Store:
    graph = ox.NamedNode(PREFIXES["src"] + "long-literal-test")
    return Store([ox.Quad(graph, ox.NamedNode(PREFIXES["schema"] + "text"), ox.Literal(LONG_TEXT),
                          graph)])


@pytest.mark.parametrize("server", ["oxigraph", "virtuoso"])
def test_a_long_arabic_literal_round_trips_through_sparql_update(server, oxigraph, virtuoso):
    target = {"oxigraph": oxigraph, "virtuoso": virtuoso}[server].target()
    target.graph_store = None                                  # INSERT DATA
    store = long_literal_store()
    push(Dataset.from_store(store), target)
    graph = store.graph_names()[0]
    got = select(target.query, f"SELECT ?t (STRLEN(?t) AS ?n) WHERE {{ GRAPH <{graph}> "
                                 "{ ?s ?p ?t } }").rows
    assert got[0][0].value == LONG_TEXT and int(got[0][1].value) == len(LONG_TEXT)
    target.update.update(f"DROP SILENT GRAPH <{graph}>")


def test_virtuoso_graph_store_rejects_a_long_literal(virtuoso):
    """Why cwkg pushes to Virtuoso by SPARQL updates only, even given --graph-store."""
    target = virtuoso.target(graph_store=True)
    store = long_literal_store()
    graph = store.graph_names()[0]
    push(Dataset.from_store(store), target)
    assert count_triples(target.query, graph) == 1
    target.update.update(f"DROP SILENT GRAPH <{graph}>")

    def literal(n: int) -> bytes:
        return f'<urn:x:s> <urn:x:p> "{"x" * n}" .\n'.encode()
    target.graph_store.put_graph("urn:x:gsp-limit", literal(64_000))   # passes
    with pytest.raises(EndpointError, match="HTTP 500.*unsupported type"):
        target.graph_store.put_graph("urn:x:gsp-limit", literal(70_000))


def test_virtuoso_move_from_a_missing_graph_empties_the_target(virtuoso):
    """Why push only MOVEs a staging graph it has just counted."""
    target = virtuoso.target()
    target.update.update("INSERT DATA { GRAPH <urn:x:target> { <urn:x:a> <urn:x:p> 1 } }")
    target.update.update("MOVE <urn:x:missing> TO <urn:x:target>")   # no error...
    assert count_triples(target.query, "urn:x:target") == 0          # ...and the data is gone


def test_server_graphs_lists_cwkg_graphs_only(built_store, loaded):
    from tests.servers.dialects import server_graphs
    for target in loaded.values():
        assert server_graphs(target.query) == sorted(built_store.graph_names())
