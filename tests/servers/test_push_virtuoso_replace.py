"""Replacing graphs a Virtuoso server holds: the N-Quads go through Virtuoso's own parser
as in a bulk load, and each request clears its graphs and inserts their new quads in one
transaction (:func:`cwkg.server.dialect.virtuoso_replacer`); on a real Virtuoso started
for this module.

- what a reader sees meanwhile: each graph, counted by name, and each source's own node
  in the old or the new version, never absent, part-loaded or doubled. (A count that
  scans every graph can be one quad off while Virtuoso commits a replacement, whichever
  way cwkg sends it, DROP + INSERT DATA too: README, "Serve, push and query a SPARQL
  server"; so the readers here ask by name);
- the server refusing a request half-way (a line its parser rejects): that request's
  graphs keep their previous version, the earlier requests' are new;
- a body the server got only part of is refused before anything changes;
- an account Virtuoso does not let call its parser replaces with ``INSERT DATA``;
- every term arrives as written, and a graph larger than a request goes through staging.
"""

from __future__ import annotations

import dataclasses
import time

import pytest
import tests.servers.test_push_virtuoso_bulk as bulk
from server_procs import VirtuosoServer, start_or_fail
from tests.servers.test_push_isolation import WATCHED, Readers, own
from tests.servers.test_push_virtuoso_bulk import held, small_requests, source_graphs

from cwkg.errors import EndpointError
from cwkg.server import dialect
from cwkg.server.dialect import virtuoso_clear, virtuoso_replacer
from cwkg.server.payload import Dataset
from cwkg.server.push import push, server_counts, staging_graph
from cwkg.server.remote import JSON_RESULTS, select

PARSER = "N-Quads through Virtuoso's own parser, "
v1, server, empty = bulk.v1, bulk.server, bulk.empty   # the same fixtures, a server of its own


def versioned(v1: Dataset, version: str) -> Dataset:
    """v1 with one more triple on each source's node, in its own graph: its version."""
    extra = b"".join(f'<{g}> <urn:cwkg-test:version> "{version}" <{g}> .\n'.encode()
                     for g in source_graphs(v1))
    return Dataset(v1.data + extra)


@pytest.fixture(scope="module")
def v2(v1) -> Dataset:
    return versioned(v1, "2")


def holds_version(target, version: str) -> bool:
    """Whether any graph still holds a quad of ``version`` (asked by its object: read
    through Virtuoso's POGS index, not the primary key a bound subject uses)."""
    rows = select(target.query, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s "
                  f'<urn:cwkg-test:version> "{version}" }} }}').rows
    return int(rows[0][0].value) > 0


def sizes(dataset: Dataset) -> dict[str, int]:
    return {g: x.triples for g, x in dataset.graphs.items()}


def by_name(url: str, graphs: list[str], watched: list[str]) -> Readers:
    """Readers asking each graph's size by name, and a few sources' own nodes' triples
    without GRAPH."""
    values = " ".join(f"<{g}>" for g in graphs)
    by_graph = (f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
                "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return Readers(url, watched, [[("graphs", by_graph)], [(n, own(n)) for n in watched]])


def test_readers_see_each_graph_old_or_new(empty, v1, v2, monkeypatch):
    sources = source_graphs(v1)
    target = empty.target()
    push(v1, target)
    small_requests(monkeypatch, v2, sources)        # many requests, each a few graphs
    watched = sources[:WATCHED]
    old, new = sizes(v1), sizes(v2)
    nodes = {n: int(select(target.query, own(n)).rows[0][0].value) for n in watched}
    with by_name(empty.query_url(), list(v2.graphs), watched) as readers:
        started = time.monotonic()
        done = push(v2, target)
        ended = time.monotonic()
    assert done.how.startswith(PARSER) and done.how.endswith(
        "request(s), each replacing whole graphs in one transaction"), done.how
    assert done.requests >= len(sources) // 3
    assert held(target, v2) == new
    assert any(sent <= ended and answered >= started for sent, answered, _, _ in readers.seen), \
        "no reader asked during the push"
    assert {"graphs", *watched} <= {key for _, _, key, _ in readers.seen}
    for _, _, key, value in readers.seen:
        if key == "graphs":                          # every graph present, old or new
            assert set(value) == set(new), set(new) - set(value)
            for graph, size in value.items():
                assert size in (old[graph], new[graph]), (graph, size)
        else:                                        # a source's node: old or new, whole
            assert value in (nodes[key], nodes[key] + 1), (key, value)


def test_a_request_refused_half_way_keeps_its_graphs(empty, v1, v2, monkeypatch):
    sources = source_graphs(v2)
    broken = sources[len(sources) // 2]             # a request in the middle fails
    bad = f"<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:fifth-term> <{broken}> .\n"
    dataset = Dataset(v2.data + bad.encode())
    target = empty.target()
    push(v1, target)
    small_requests(monkeypatch, dataset, sources)
    with pytest.raises(EndpointError) as caught:
        push(dataset, target)
    message = str(caught.value)
    assert "failed, the server keeps their previous version (the " in message, message
    assert "HTTP 500" in message and "syntax error" in message   # Virtuoso's own words
    after = held(target, dataset)
    order = list(dataset.graphs)
    done = int(message.split("(the ")[1].split(" ")[0])  # graphs the earlier requests replaced
    assert 0 < done < order.index(broken)
    assert {g: after[g] for g in order[:done]} == {g: v2.graphs[g].triples for g in order[:done]}
    assert {g: after[g] for g in order[done:]} == {g: v1.graphs[g].triples for g in order[done:]}


def test_a_body_the_server_got_part_of_changes_nothing(empty, v1, v2):
    """The length the query expects is checked before the graphs are cleared: after a
    deadlock Virtuoso runs the query again on an empty body."""
    graph = source_graphs(v2)[0]
    target = empty.target()
    push(v1, target, sources=[graph])
    head = f"# {virtuoso_clear([graph])}\n".encode()
    body = head + b"".join(bytes(c) for c in v2.nquads([v2.graphs[graph]]))
    with pytest.raises(EndpointError, match="cwkg: the server got part of the request body"):
        target.update.request("POST", params={"query": virtuoso_replacer(len(head),
                                                                         len(body) + 1)},
                              body=body, length=len(body), content_type="application/n-quads",
                              accept=JSON_RESULTS, what="replacement", idempotent=True)
    assert server_counts(target.query, [graph]) == {graph: v1.graphs[graph].triples}


def test_an_account_that_may_not_call_the_parser_gets_insert_data(empty, v1, v2):
    empty.isql("DB.DBA.USER_CREATE('cwkg_replacer', 'replacer-pw'); "
               "GRANT SPARQL_UPDATE TO \"cwkg_replacer\";")
    some = source_graphs(v1)[:4]
    admin = empty.target()
    push(v1, admin, sources=some)
    writer = empty.target(user="cwkg_replacer", password="replacer-pw")
    done = push(v2, writer, sources=some)
    assert not done.how.startswith(PARSER)
    assert done.how.endswith("each replacing whole graphs in one transaction (Virtuoso "
                             "refused this account its own parser: HTTP 400)"), done.how
    assert server_counts(admin.query, some) == {g: v2.graphs[g].triples for g in some}


def test_a_replacement_keeps_every_term(empty):
    """Escapes, Arabic, a long literal, language tags, datatypes, and graph IRIs with
    ``%``, ``+`` and ``'`` (quoted in the SQL that clears them)."""
    graphs = ["https://w3id.org/cwkg/source/terms-test",
              "https://w3id.org/cwkg/source/terms%20test+2's"]
    long_text = "نص طويل " * 12_000                        # about 170 KB
    objects = ['"quote \\" backslash \\\\ line\\nend"', '"هجوم كيميائي"@ar', f'"{long_text}"',
               '"12"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>']
    old = "".join(f'<urn:x:s> <urn:x:p> "old" <{g}> .\n' for g in graphs)
    new = "".join(f"<urn:x:s> <urn:x:p> {o} <{g}> .\n" for g in graphs for o in objects)
    target = empty.target()
    push(Dataset(old.encode()), target)
    done = push(Dataset(new.encode()), target)
    assert done.how.startswith(PARSER), done.how
    expected = sorted(['quote " backslash \\ line\nend', "هجوم كيميائي", long_text, "12"])
    for graph in graphs:
        rows = select(target.query,
                      f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ <urn:x:s> ?p ?o }} }}").rows
        assert sorted(row[0].value for row in rows) == expected, graph


def test_a_graph_larger_than_a_request_is_replaced_through_staging(empty, v1, v2, monkeypatch):
    some = source_graphs(v1)[:5]
    target = empty.target()
    push(v1, target, sources=some)
    largest = max(v2.graphs[g].size for g in some)
    monkeypatch.setattr(dialect, "VIRTUOSO", dataclasses.replace(
        dialect.VIRTUOSO, body_bytes=largest - 1))       # the largest cannot go whole
    done = push(v2, target, sources=some)
    assert done.how.startswith(PARSER), done.how
    counts = server_counts(target.query, some + [staging_graph(g) for g in some])
    assert counts == {g: v2.graphs[g].triples for g in some}   # no staging graph left


def test_graphs_are_cleared_through_the_graph_index(empty, v1, v2, monkeypatch):
    """The SQL that clears a request's graphs goes through Virtuoso's GS index (without
    it, each request's delete scans the whole store); the index is there by default."""
    target = empty.target()
    push(v2, target)
    asked = []
    monkeypatch.setattr(dialect, "VIRTUOSO", dataclasses.replace(
        dialect.VIRTUOSO, body_clear=lambda graphs, indexed: asked.append(indexed) or
        virtuoso_clear(graphs, indexed)))
    v3 = versioned(v1, "3")
    done = push(v3, target)
    assert done.how.startswith(PARSER) and "without the graph index" not in done.how, done.how
    assert asked and all(asked)
    assert held(target, v3) == sizes(v3)
    assert holds_version(target, "3") and not holds_version(target, "2")


def test_a_server_without_the_graph_index_clears_without_it(tmp_path, v1, v2):
    """A Virtuoso whose administrator dropped the GS index refuses the hint: the push
    asks first and clears without it (a server of its own: the index stays dropped)."""
    own_server = start_or_fail(VirtuosoServer(tmp_path / "virtuoso"))
    try:
        own_server.isql("DROP INDEX RDF_QUAD_GS DB.DBA.RDF_QUAD;")
        some = source_graphs(v1)[:6]
        target = own_server.target()
        push(v2, target, sources=some)
        v3 = versioned(v1, "3")
        done = push(v3, target, sources=some)
        assert done.how.startswith(PARSER + "graphs cleared without the graph index (the "
                                   "server has none), "), done.how
        assert server_counts(target.query, some) == {g: v3.graphs[g].triples for g in some}
        assert holds_version(target, "3") and not holds_version(target, "2")
    finally:
        own_server.stop()


def test_a_probe_that_fails_otherwise_stops_the_push(empty, v1, v2, monkeypatch):
    """Only the server's refusal of the index sends the push the slow way; any other
    failure of the probe stops it before anything is written."""
    some = source_graphs(v1)[:3]
    target = empty.target()
    push(v1, target, sources=some)
    monkeypatch.setattr(dialect, "VIRTUOSO", dataclasses.replace(
        dialect.VIRTUOSO, index_probe="SELECT (bif:cwkg_no_such_function() AS ?x) {}"))
    with pytest.raises(EndpointError, match="push failed before anything was written"):
        push(v2, target, sources=some)
    assert server_counts(target.query, some) == {g: v1.graphs[g].triples for g in some}
