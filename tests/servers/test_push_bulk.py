"""What a push leaves on the server when it fails part-way, through tests/servers/fakes.py
(a real SPARQL server, one fault at a time) with small request limits so that the build's
four graphs go out in several requests:

- a bulk load into an empty graph set is all or nothing: on any failure, and when the
  count after it differs, the push takes back what it wrote;
- a replace leaves each graph whole: the graphs of the requests that went through are
  new, the others old, and the line says which;
- --replace-all also removes the cwkg graphs the build no longer has, and nothing else;
- a graph too large for any request goes through a staging graph, and its MOVE is never
  sent twice.
"""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest
from tests.servers.fakes import FaultyServer

import cwkg.server.dialect as dialects
from cwkg.errors import EndpointError, UsageError
from cwkg.namespaces import REFERENCE_GRAPH
from cwkg.server.http import Connection
from cwkg.server.payload import Dataset
from cwkg.server.push import Target, push

MARK = ox.NamedNode("urn:cwkg-test:version")


@pytest.fixture()
def fake():
    server = FaultyServer().start()
    yield server
    server.stop()


@pytest.fixture()
def target(fake) -> Target:
    connection = Connection(fake.url(), timeout=5, retries=0)
    return Target(connection, connection)


@pytest.fixture()
def small_requests(monkeypatch, v1):
    """Each request holds about one graph of the repository's build: the largest fits, two
    do not (the fake server is a plain SPARQL 1.1 server to cwkg)."""
    largest = max(graph.size for graph in v1.graphs.values())
    monkeypatch.setattr(dialects, "GENERIC", dataclasses.replace(
        dialects.GENERIC, request_bytes=largest + 1_000))


@pytest.fixture(scope="module")
def v1(built) -> Dataset:
    return Dataset.from_store(_store(built[1].quads))


@pytest.fixture(scope="module")
def v2(built) -> Dataset:
    """v1 with one more triple in every graph."""
    quads = list(built[1].quads)
    graphs = {q.graph_name for q in quads}
    marks = [ox.Quad(g, MARK, ox.Literal("2"), g) for g in graphs]
    return Dataset.from_store(_store(quads + marks))


def _store(quads):
    from cwkg.rdf.store import Store
    return Store(quads)


def held(fake) -> dict[str, int]:
    counts: dict[str, int] = {}
    for quad in fake.store:
        counts[quad.graph_name.value] = counts.get(quad.graph_name.value, 0) + 1
    return counts


def sizes(dataset: Dataset) -> dict[str, int]:
    return {iri: g.triples for iri, g in dataset.graphs.items()}


def test_the_requests_are_small_here(v1, small_requests):
    from cwkg.server.payload import replace_requests
    requests = list(replace_requests(v1, list(v1.graphs.values()), dialects.GENERIC,
                                     drop=True))
    assert len(requests) >= 3 and all(text for _, text in requests)  # none needs staging


def test_a_bulk_load_that_fails_part_way_is_taken_back(fake, target, v1, small_requests):
    fake.inject("500", "update", times=1, skip=1)          # the second request fails
    with pytest.raises(EndpointError) as caught:
        push(v1, target)
    assert str(caught.value).startswith("push failed; what it had written was removed again, "
                                        "so the server holds what it held before: ")
    assert fake.count("update") == 3 and held(fake) == {}  # 1 stored, 1 failed, 1 taken back


def test_a_bulk_load_the_server_lost_part_of_is_taken_back(fake, target, v1, small_requests):
    fake.inject("swallow", "update", times=1, skip=1)      # "204", and nothing kept
    with pytest.raises(EndpointError, match=r"push failed; what it had written was removed "
                       r"again.*after the push .* holds 0 triples on the server, the build has"):
        push(v1, target)
    assert held(fake) == {}


def test_a_failed_replace_leaves_every_graph_whole(fake, target, v1, v2, small_requests):
    push(v1, target)
    fake.inject("500", "update", times=1, skip=2)          # the third request fails
    with pytest.raises(EndpointError) as caught:
        push(v2, target)
    message = str(caught.value)
    after = held(fake)
    new = [g for g in v2.graphs if after[g] == v2.graphs[g].triples]
    old = [g for g in v1.graphs if after[g] == v1.graphs[g].triples]
    assert sorted(new + old) == sorted(v1.graphs) and len(new) >= 2 and old  # whole, old or new
    assert list(v2.graphs)[:len(new)] == new                # in push order
    failed = list(v2.graphs)[len(new)]
    from cwkg.namespaces import compact
    assert message.startswith(f"push of {compact(failed)}") and "the server keeps" in message
    assert f"(the {len(new)} graph(s) pushed before are new)" in message


def test_a_replace_the_server_lost_is_caught_by_the_count(fake, target, v1, v2):
    push(v1, target)
    fake.inject("swallow", "update", times=1)
    with pytest.raises(EndpointError, match=r"after the push graph:reference holds "
                       rf"{v1.graphs[str(REFERENCE_GRAPH)].triples} triples on the server, "
                       rf"the build has {v2.graphs[str(REFERENCE_GRAPH)].triples} "
                       rf"\(and {len(v2.graphs) - 1} more graph\(s\) differ\); run the push again"):
        push(v2, target)


def test_replace_all_removes_only_the_cwkg_graphs_the_build_no_longer_has(fake, target, v1):
    gone = "https://w3id.org/cwkg/source/deleted-since"
    other = "urn:x:not-cwkg"
    fake.store.update(f"INSERT DATA {{ GRAPH <{gone}> {{ <urn:x:a> <urn:x:b> 1 }} "
                      f"GRAPH <{other}> {{ <urn:x:a> <urn:x:b> 1 }} }}")
    done = push(v1, target, replace_all=True)
    assert done.removed == 1 and held(fake) == {**sizes(v1), other: 1}
    with pytest.raises(UsageError, match="--replace-all replaces the whole graph set"):
        push(v1, target, [list(v1.graphs)[1]], replace_all=True)


def test_a_graph_too_large_for_a_request_goes_through_staging(fake, target, v1, v2,
                                                              monkeypatch):
    monkeypatch.setattr(dialects, "GENERIC", dataclasses.replace(
        dialects.GENERIC, request_bytes=1000, insert_triples=500))
    push(v1, target)
    assert held(fake) == sizes(v1) and fake.count("move") == len(v1.graphs)
    fake.inject("drop", "move", times=1)                   # the first swap gets no answer
    with pytest.raises(EndpointError) as caught:
        push(v2, target)
    assert fake.count("move") == 1                         # a MOVE is never sent twice
    assert str(caught.value).startswith("push of graph:reference failed, the server holds its "
                                        "previous or its new version (one transaction)")
    push(v2, target)                                       # and a new push finishes the job
    assert held(fake) == sizes(v2)
