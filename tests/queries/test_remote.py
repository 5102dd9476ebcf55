"""Remote endpoints: a SPARQL server on 127.0.0.1 (tests/servers/fakes.py, answering from the
embedded store's quads) gives every stored query the same rows as the embedded store, through
the Python API and `cwkg query --endpoint`. How failures read is tested for query and push
together in tests/servers/test_http_faults.py."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from tests.servers.fakes import FaultyServer

from cwkg.query.catalogue import load_catalogue
from cwkg.query.run import run
from cwkg.server.auth import Credentials
from cwkg.server.remote import RemoteBackend

CATALOGUE = load_catalogue()


@pytest.fixture(scope="module")
def server(built):
    store = ox.Store()
    store.extend(built[1].quads)
    fake = FaultyServer(store=store).start()
    yield fake
    fake.stop()


def example_params(query):
    return {p.name: p.example for p in query.params}


@pytest.mark.parametrize("query", list(CATALOGUE.values()), ids=lambda q: q.id)
def test_every_stored_query_gives_the_same_rows_remotely(query, server, embedded):
    remote = run(query, example_params(query), backend=RemoteBackend(server.url(), timeout=10))
    local = run(query, example_params(query), backend=embedded)
    assert remote.variables == local.variables
    assert remote.sorted_rows() == local.sorted_rows()


def test_the_python_api_takes_credentials(server):
    server.basic = ("alice", "pw-1")
    try:
        backend = RemoteBackend(server.url(), credentials=Credentials("alice", "pw-1"))
        assert len(backend.select("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 2")) == 2
    finally:
        server.basic = None


def test_the_command_runs_on_an_endpoint(server, capsys):
    from cwkg.cli import main
    code = main(["query", "death-tolls", "--param", "attack=Khan Sheikhoun massacre",
                 "--endpoint", server.url(), "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[0].split(",")[:3] == ["attack", "attackId", "source"]
    # the labels come from the endpoint too
    assert out.splitlines()[1].startswith("Khan Sheikhoun chemical attack,"
                                          "attack:khan-sheikhoun-2017,")
    # a header and the 8 death tolls (test_persistent_store says which)
    assert len(out.strip().splitlines()) == 9 and "the loss of over 90 lives" in out
