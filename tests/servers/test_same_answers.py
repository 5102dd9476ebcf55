"""The same query gives the same rows on the embedded store, on Oxigraph server and on Virtuoso.

Rows are compared sorted, after :func:`tests.servers.dialects.normalise_term` (only the
literal forms XSD calls one value); every query must answer rows, so an empty
answer everywhere cannot pass for agreement.
"""

from __future__ import annotations

import pytest
from tests.servers.dialects import boolean_projections, normalised_rows

from conftest import QUERIES
from cwkg.namespaces import sparql_prefix_block
from cwkg.query.results import ResultSet
from cwkg.server.remote import select

QUERY_FILES = sorted(QUERIES.glob("*.rq"))


def embedded(store, query: str) -> ResultSet:
    return ResultSet.from_solutions(store.oxigraph.query(query, use_default_graph_as_union=True))


def test_there_are_queries_to_compare():
    assert len(QUERY_FILES) >= 8


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_same_rows_on_every_store(path, built_store, loaded, graphs):
    query = sparql_prefix_block() + path.read_text("utf-8")
    assert not boolean_projections(query), "Virtuoso answers booleans as 0/1"
    local = embedded(built_store, query)
    assert len(local) > 0, f"{path.name} answers no rows on the embedded store"
    expected = normalised_rows(local)
    for name, target in loaded.items():
        remote = select(target.query, query, graphs)
        assert remote.variables == local.variables, name
        got = normalised_rows(remote)
        missing = sorted(set(expected) - set(got))[:3]
        extra = sorted(set(got) - set(expected))[:3]
        assert got == expected, (f"{path.name} on {name}: {len(got)} rows vs {len(expected)}; "
                                 f"missing {missing}; extra {extra}")


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_oxigraph_server_answers_exactly_as_embedded(path, built_store, loaded, graphs):
    """Same engine: not even normalisation is needed."""
    query = sparql_prefix_block() + path.read_text("utf-8")
    assert select(loaded["oxigraph"].query, query, graphs).sorted_rows() == \
        embedded(built_store, query).sorted_rows()


def test_oxigraph_server_union_default_graph_needs_no_dataset(built_store, loaded):
    """What a user of `cwkg serve` gets without protocol parameters."""
    query = sparql_prefix_block() + (QUERIES / "classes-default-graph.rq").read_text("utf-8")
    assert select(loaded["oxigraph"].query, query).sorted_rows() == \
        embedded(built_store, query).sorted_rows()
