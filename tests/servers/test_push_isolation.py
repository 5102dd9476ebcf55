"""No reader ever sees a push half done: readers query a real Oxigraph server (union default
graph, as `cwkg serve` runs it) without pause while cwkg pushes, and every answer must be
what the old or the new dataset gives (computed on pyoxigraph in process).

What the readers ask: the number of triples in the union default graph (a staging copy of
a graph would show up here, counted twice), the triples of a few sources' own nodes
without GRAPH (the probe that found the staging copy), and every graph's size.

A push of this small corpus is quick, so the bulk load's body is streamed slowly (a slow
network): readers keep asking while the server receives it, and the test checks that
some of their questions were in flight during the push.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import threading
import time

import pyoxigraph as ox
import pytest
from server_procs import OxigraphServer, start_or_fail

import cwkg.server.dialect as dialects
from cwkg.server.http import Connection
from cwkg.server.payload import Dataset
from cwkg.server.push import push
from cwkg.server.remote import select

SOURCES = 150
WATCHED = 3
TOTAL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
BY_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def own(node: str) -> str:
    return f"SELECT (COUNT(*) AS ?n) WHERE {{ <{node}> ?p ?o }}"


@pytest.fixture(scope="module")
def versions(tmp_path_factory, repo):
    """v1: a synthetic corpus's build; v2: the same with one more triple on each source's
    node, in its own graph."""
    folder = tmp_path_factory.mktemp("corpus")
    subprocess.run([sys.executable, "-m", "benchmarks.generate", str(SOURCES), str(folder)],
                   check=True, cwd=repo, capture_output=True)
    from cwkg.build.write import build
    build(folder / "data", folder / "build")
    v1 = Dataset.from_file(folder / "build" / "cwkg.nq")
    extra = b"".join(f'<{g}> <urn:cwkg-test:version> "2" <{g}> .\n'.encode()
                     for g in v1.graphs if "/source/" in g)
    return v1, Dataset(v1.data + extra)


def answers(dataset: Dataset | None, watched: list[str]) -> dict:
    """What each reader's question gets on ``dataset`` (None: an empty server)."""
    store = ox.Store()
    if dataset is not None:
        store.load(dataset.data, ox.RdfFormat.N_QUADS)

    def one(text):
        return int(next(iter(store.query(text, use_default_graph_as_union=True)))[0].value)
    graphs = {} if dataset is None else {g: x.triples for g, x in dataset.graphs.items()}
    return {"total": one(TOTAL), **{node: one(own(node)) for node in watched}, "graphs": graphs}


class Readers:
    """Threads that ask the server the questions above until stopped; every answer kept
    with the time it came back."""

    def __init__(self, url: str, watched: list[str], questions: list[list] | None = None):
        """``questions``: [(key, query), ...] per thread; a "graphs" query answers
        (graph, size) rows, any other one number."""
        self.connection, self.watched = Connection(url, timeout=30), watched
        self.seen: list[tuple[float, float, str, object]] = []  # (sent, answered, ...)
        self.stopping = False
        questions = questions or [[("total", TOTAL)],
                                  [(n, own(n)) for n in watched] + [("graphs", BY_GRAPH)]]
        self.threads = [threading.Thread(target=self._ask, args=(q,), daemon=True)
                        for q in questions]

    def _ask(self, questions):
        while not self.stopping:
            for key, text in questions:
                sent = time.monotonic()
                rows = select(self.connection, text).rows
                value = {r[0].value: int(r[1].value) for r in rows} if key == "graphs" \
                    else int(rows[0][0].value)
                self.seen.append((sent, time.monotonic(), key, value))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        time.sleep(0.3)
        return self

    def __exit__(self, *exc):
        time.sleep(0.3)
        self.stopping = True
        for thread in self.threads:
            thread.join(60)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = start_or_fail(OxigraphServer(tmp_path_factory.mktemp("oxigraph")))
    yield server
    server.stop()


def pushed_while_read(server, dataset, old, new, watched, partial=False, **options):
    """Push ``dataset`` while readers ask; return their answers during the push, after
    checking each is the old or the new dataset's (per question; with ``partial``, a total
    between the two)."""
    with Readers(server.query_url(), watched) as readers:
        started = time.monotonic()
        push(dataset, server.target(), **options)
        ended = time.monotonic()
    # questions in flight at some moment of the push
    during = [(key, value) for sent, answered, key, value in readers.seen
              if sent <= ended and answered >= started]
    for _, _, key, value in readers.seen:
        if key == "graphs":
            for graph, size in value.items():
                assert size in (old["graphs"].get(graph, 0), new["graphs"][graph]), graph
            continue
        low, high = sorted((old[key], new[key]))
        assert value in (low, high) or (partial and key == "total" and low <= value <= high), \
            (key, value, low, high)
    assert "total" in {key for key, _ in during}, "no reader asked during the push"
    return during


def test_no_reader_sees_a_push_half_done(server, versions, monkeypatch):
    v1, v2 = versions
    watched = [g for g in v1.graphs if "/source/" in g][:WATCHED]
    empty, one, two = answers(None, watched), answers(v1, watched), answers(v2, watched)
    assert one["total"] != two["total"] and one[watched[0]] != two[watched[0]]

    # a bulk load into the empty server: one Graph Store POST, one transaction, streamed
    # slowly enough (about 2 s) for readers to ask while the server receives it
    nquads = Dataset.nquads

    def slowly(self, graphs):
        for chunk in nquads(self, graphs):
            time.sleep(2 / len(self.graphs))
            yield chunk
    monkeypatch.setattr(Dataset, "nquads", slowly)
    during = pushed_while_read(server, v1, empty, one, watched)
    monkeypatch.undo()
    assert {value for key, value in during if key == "total"} <= {0, one["total"]}

    # every graph replaced: one request (this dataset is far below Oxigraph's 64 MB)
    pushed_while_read(server, v2, one, two, watched)

    # one source, in place
    source = watched[0]
    only = {**two, source: one[source], "total": two["total"] - 1,
            "graphs": {**two["graphs"], source: one["graphs"][source]}}
    pushed_while_read(server, v1, two, only, watched, sources=[source])
    pushed_while_read(server, v2, only, two, watched, sources=[source])


def test_in_many_requests_each_graph_is_old_or_new(server, versions, monkeypatch):
    """Cut into many transactions, a union count may see some graphs new and others still
    old, between the two totals; each graph and each node is still old or new, whole."""
    v1, v2 = versions
    watched = [g for g in v1.graphs if "/source/" in g][:WATCHED]
    two, one = answers(v2, watched), answers(v1, watched)
    push(v2, server.target())
    largest = max(g.size for g in v2.graphs.values())         # no graph needs staging
    monkeypatch.setattr(dialects, "OXIGRAPH", dataclasses.replace(
        dialects.OXIGRAPH, request_bytes=largest + 100_000))
    from cwkg.server.payload import replace_requests
    assert len(list(replace_requests(v1, list(v1.graphs.values()), dialects.OXIGRAPH,
                                     drop=True))) >= 5
    pushed_while_read(server, v1, two, one, watched, partial=True)
