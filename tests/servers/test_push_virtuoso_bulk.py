"""A bulk push into Virtuoso (none of the pushed graphs on the server): N-Quads handed to
Virtuoso's own parser (``DB.DBA.TTLP``) in the body of a SPARQL query, whole graphs in
each request, each request one transaction; on a real Virtuoso started for this module.

- what a reader sees meanwhile: each graph absent or whole, never part of one; the
  dataset arrives request by request, so a count over every graph may fall between 0
  and the total (README, "Serve, push and query a SPARQL server");
- the server refusing a request half-way (a line its parser rejects): the push takes back
  what it wrote and the server holds none of the dataset;
- an account Virtuoso does not let call its parser (a plain SPARQL_UPDATE user) falls back
  to ``INSERT DATA``, and says so;
- a graph larger than a request goes alone through a staging graph.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time

import pytest
from server_procs import VirtuosoServer, start_or_fail
from tests.servers.test_push_isolation import WATCHED, Readers, own

import cwkg.server.dialect as dialects
from cwkg.errors import EndpointError
from cwkg.server.payload import Dataset
from cwkg.server.push import Target, push, server_counts, staging_graph
from cwkg.server.remote import select

TOTAL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SOURCES = 60


@pytest.fixture(scope="module")
def v1(tmp_path_factory, repo) -> Dataset:
    """A synthetic corpus's build."""
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, "-m", "benchmarks.generate", str(SOURCES), str(folder)],
                   check=True, cwd=repo, capture_output=True)
    from cwkg.build.write import build
    build(folder / "data", folder / "build")
    return Dataset.from_file(folder / "build" / "cwkg.nq")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = start_or_fail(VirtuosoServer(tmp_path_factory.mktemp("virtuoso")))
    yield server
    server.stop()


@pytest.fixture()
def empty(server):
    """The server without any cwkg graph, before and after the test."""
    def clear():
        target = server.target()
        held = list(server_counts(target.query, None))
        if held:
            target.update.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in held))
    clear()
    yield server
    clear()


def small_requests(monkeypatch, dataset: Dataset, graphs: list[str]) -> None:
    """Make each of the loader's requests hold about two of ``graphs``: many requests."""
    largest = max(dataset.graphs[g].size for g in graphs)
    monkeypatch.setattr(dialects, "VIRTUOSO", dataclasses.replace(dialects.VIRTUOSO,
                                                                  body_bytes=2 * largest))


def source_graphs(dataset: Dataset) -> list[str]:
    return [g for g in dataset.graphs if "/source/" in g]


def held(target: Target, dataset: Dataset) -> dict[str, int]:
    found = server_counts(target.query, list(dataset.graphs))
    return {g: found.get(g, 0) for g in dataset.graphs}


def test_readers_see_each_graph_absent_or_whole(empty, v1, monkeypatch):
    sources = source_graphs(v1)                       # similar sizes: many requests
    small_requests(monkeypatch, v1, sources)
    watched = sources[:WATCHED]
    target = empty.target()
    system = int(select(target.query, TOTAL).rows[0][0].value)  # Virtuoso's own graphs
    readers = Readers(empty.query_url(), watched)
    with readers:
        started = time.monotonic()
        done = push(v1, target, sources=sources)
        ended = time.monotonic()
    sizes = {g: v1.graphs[g].triples for g in sources}
    assert done.how.startswith("bulk load: N-Quads through Virtuoso's own parser, ")
    assert done.requests >= len(sources) // 3 and server_counts(target.query, sources) == sizes
    nodes = {n: int(select(target.query, own(n)).rows[0][0].value) for n in watched}
    asked = {key for _, _, key, _ in readers.seen}
    assert {"total", "graphs", *watched} <= asked, asked
    assert any(sent <= ended and answered >= started for sent, answered, _, _ in readers.seen), \
        "no reader asked during the push"
    for _, _, key, value in readers.seen:
        if key == "graphs":                          # each graph: absent or whole
            for graph, size in value.items():
                if graph in sizes:
                    assert size == sizes[graph], (graph, size)
        elif key == "total":                         # the dataset: anywhere from 0 to all
            assert 0 <= value - system <= sum(sizes.values()), value
        else:                                        # a source's own node: none or all
            assert value in (0, nodes[key]), (key, value)


def test_a_request_the_server_refuses_half_way_is_taken_back(empty, v1, monkeypatch):
    broken = "https://w3id.org/cwkg/source/zzz-broken"   # pushed last (graphs by IRI)
    bad = f"<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:fifth-term> <{broken}> .\n"
    dataset = Dataset(v1.data + bad.encode())
    small_requests(monkeypatch, dataset, source_graphs(dataset))
    target = empty.target()
    with pytest.raises(EndpointError) as caught:
        push(dataset, target)
    message = str(caught.value)
    assert message.startswith("push failed; what it had written was removed again, so the "
                              "server holds what it held before: ")
    assert "HTTP 500" in message and "syntax error" in message   # Virtuoso's own words
    assert set(held(target, dataset).values()) == {0}


def test_an_account_that_may_not_call_the_parser_gets_insert_data(empty, v1):
    empty.isql("DB.DBA.USER_CREATE('cwkg_writer', 'writer-pw'); "
               "GRANT SPARQL_UPDATE TO \"cwkg_writer\";")
    admin = empty.target()
    writer = empty.target(user="cwkg_writer", password="writer-pw")
    some = list(v1.graphs)[:4]
    done = push(v1, writer, sources=some)
    assert done.how.startswith("bulk load: SPARQL INSERT DATA, ")
    assert "Virtuoso refused this account its own parser: HTTP 400" in done.how
    assert held(admin, Dataset(v1.data, only=some)) == {g: v1.graphs[g].triples for g in some}


def test_a_graph_larger_than_a_request_goes_through_staging(empty, v1, monkeypatch):
    some = list(v1.graphs)[:5]
    largest = max(v1.graphs[g].size for g in some)
    monkeypatch.setattr(dialects, "VIRTUOSO", dataclasses.replace(
        dialects.VIRTUOSO, body_bytes=largest - 1))       # the largest cannot go whole
    target = empty.target()
    done = push(v1, target, sources=some)
    assert done.how.startswith("bulk load: N-Quads through Virtuoso's own parser")
    counts = server_counts(target.query, some + [staging_graph(g) for g in some])
    assert counts == {g: v1.graphs[g].triples for g in some}   # no staging graph left


def test_the_loader_keeps_every_term(empty):
    """Escapes, Arabic, a long literal, language tags and datatypes arrive as written."""
    graph = "https://w3id.org/cwkg/source/terms-test"
    long_text = "نص طويل " * 12_000                        # about 170 KB
    nquads = (f'<urn:x:s> <urn:x:p> "quote \\" backslash \\\\ line\\nend" <{graph}> .\n'
              f'<urn:x:s> <urn:x:p> "هجوم كيميائي"@ar <{graph}> .\n'
              f'<urn:x:s> <urn:x:p> "{long_text}" <{graph}> .\n'
              f'<urn:x:s> <urn:x:p> "12"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger>'
              f' <{graph}> .\n')
    target = empty.target()
    push(Dataset(nquads.encode()), target)
    rows = select(target.query, f"SELECT ?o WHERE {{ GRAPH <{graph}> {{ <urn:x:s> ?p ?o }} }}")
    values = sorted(row[0].value for row in rows.rows)
    assert values == sorted(['quote " backslash \\ line\nend', "هجوم كيميائي", long_text, "12"])

