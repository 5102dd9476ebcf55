"""Replacing graphs an Oxigraph server holds (a second push, ``--replace-all``): each request
empties its graphs by one ``DELETE ... WHERE`` and inserts their new triples by ``INSERT
DATA``, which Oxigraph from 0.5 runs as one write-only transaction
(:mod:`cwkg.server.dialect`); on a real Oxigraph started for this module. What readers see
meanwhile is tested in test_push_isolation.py; here:

- the request: the ``DELETE`` comes first (the one place Oxigraph allows a reading
  operation in a write-only transaction), and no ``DROP``;
- in many requests, the server ends with exactly the build's triples, those the old and
  the new version share included (deleted and inserted again in one transaction);
- a request Oxigraph refuses half-way (a line its parser rejects) keeps its graphs and
  those after it old; the earlier requests' graphs are new;
- ``--replace-all`` removes the cwkg graphs the build no longer has and leaves the other
  graphs, and the default graph, alone.
"""

from __future__ import annotations

import dataclasses

import pyoxigraph as ox
import pytest
import tests.servers.test_push_isolation as isolation

import cwkg.server.dialect as dialects
from cwkg.errors import EndpointError
from cwkg.server.payload import Dataset, replace_requests
from cwkg.server.push import push, server_counts
from cwkg.server.remote import select

versions, server = isolation.versions, isolation.server   # the same fixtures, a server of its own
EVERY_QUAD = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture()
def empty(server):
    """The server holding nothing, before and after the test."""
    server.target().update.update("DROP ALL")
    yield server
    server.target().update.update("DROP ALL")


def many_requests(monkeypatch, dataset: Dataset) -> None:
    """Make the requests as small as the largest graph (the reference graph, alone in
    one; a few dozen sources in each other): none goes through staging."""
    largest = max(g.size for g in dataset.graphs.values())
    monkeypatch.setattr(dialects, "OXIGRAPH", dataclasses.replace(
        dialects.OXIGRAPH, request_bytes=largest + 1_000))


def quads_on(target) -> set[tuple[str, ...]]:
    return {tuple(map(str, row)) for row in select(target.query, EVERY_QUAD).rows}


def quads_of(dataset: Dataset) -> set[tuple[str, ...]]:
    """What the same query gives on the dataset in pyoxigraph (which stores terms as the
    server does: "5"^^xsd:nonNegativeInteger comes back as xsd:integer in both)."""
    store = ox.Store()
    store.load(dataset.data, ox.RdfFormat.N_QUADS)
    return {tuple(map(str, row)) for row in store.query(EVERY_QUAD)}


def counts(target, dataset: Dataset) -> dict[str, int]:
    found = server_counts(target.query, list(dataset.graphs))
    return {g: found.get(g, 0) for g in dataset.graphs}


def test_a_replacing_request_deletes_first_then_inserts(versions):
    v1, _ = versions
    graphs = list(v1.graphs.values())[:3]
    [(batch, text)] = list(replace_requests(v1, graphs, dialects.OXIGRAPH, drop=True))
    assert batch == graphs
    operations = text.split(" ;\n")
    assert [o.split(" ", 1)[0] for o in operations] == ["DELETE", "INSERT"]
    values = " ".join(f"<{g.iri}>" for g in graphs)
    assert operations[0] == ("DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { VALUES ?g { "
                             f"{values} }} GRAPH ?g {{ ?s ?p ?o }} }}")
    generic = list(replace_requests(v1, graphs, dialects.GENERIC, drop=True))[0][1]
    assert generic.startswith(f"DROP SILENT GRAPH <{graphs[0].iri}> ;\n")


def test_in_many_requests_the_server_ends_with_the_build(empty, versions, monkeypatch):
    v1, v2 = versions
    target = empty.target()
    push(v1, target)
    many_requests(monkeypatch, v2)
    done = push(v2, target)                 # every source's graph gains a triple...
    assert done.requests >= 5
    assert done.how.endswith("request(s), each replacing whole graphs in one transaction")
    assert quads_on(target) == quads_of(v2)
    push(v1, target)                        # ...and loses it again; the rest is kept
    assert quads_on(target) == quads_of(v1)


def test_a_request_refused_half_way_keeps_its_graphs(empty, versions, monkeypatch):
    v1, v2 = versions
    order = list(v2.graphs)
    broken = order[len(order) // 2]          # a request in the middle fails
    bad = f"<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:fifth-term> <{broken}> .\n"
    dataset = Dataset(v2.data + bad.encode())
    target = empty.target()
    push(v1, target)
    many_requests(monkeypatch, dataset)
    with pytest.raises(EndpointError) as caught:
        push(dataset, target)
    message = str(caught.value)
    assert "failed, the server keeps their previous version (the " in message, message
    assert "HTTP 400" in message, message
    done = int(message.split("(the ")[1].split(" ")[0])  # graphs the earlier requests replaced
    assert 0 < done <= order.index(broken)
    after = counts(target, v2)
    assert {g: after[g] for g in order[:done]} == {g: v2.graphs[g].triples for g in order[:done]}
    assert {g: after[g] for g in order[done:]} == {g: v1.graphs[g].triples for g in order[done:]}


def test_replace_all_leaves_other_graphs_and_the_default_graph_alone(empty, versions):
    v1, v2 = versions
    target = empty.target()
    push(v1, target)
    gone, other = "https://w3id.org/cwkg/source/deleted-since", "urn:x:not-cwkg"
    target.update.update(f"INSERT DATA {{ GRAPH <{gone}> {{ <urn:x:a> <urn:x:b> 1 }} "
                         f"GRAPH <{other}> {{ <urn:x:a> <urn:x:b> 2 }} <urn:x:a> <urn:x:b> 3 }}")
    done = push(v2, target, replace_all=True)
    assert done.removed == 1
    assert counts(target, v2) == {g: x.triples for g, x in v2.graphs.items()}
    assert server_counts(target.query, [gone, other]) == {other: 1}
    default = "SELECT ?o WHERE { <urn:x:a> <urn:x:b> ?o }"   # the union default graph
    assert sorted(row[0].value for row in select(target.query, default).rows) == ["2", "3"]
