"""Fixtures that start real SPARQL servers on 127.0.0.1 (or attach to running ones).

Each server starts once per test session in a temporary folder and stops at the
end. To use servers you started yourself, set CWKG_OXIGRAPH_URL (e.g.
http://127.0.0.1:7878) and/or CWKG_VIRTUOSO_URL (e.g. http://127.0.0.1:8890, with
CWKG_VIRTUOSO_PASSWORD for dba). A server that cannot start FAILS the tests that
need it, with the reason; nothing is skipped.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from tests.servers.dialects import dataset_params

from cwkg.rdf.store import Store
from cwkg.server.auth import Credentials
from cwkg.server.http import Connection
from cwkg.server.payload import Dataset
from cwkg.server.push import Target, push

sys.path.insert(0, str(Path(__file__).parent))  # the helper module beside this file
from server_procs import OxigraphServer, VirtuosoServer, start_or_fail  # noqa: E402


class Attached:
    """A server someone else started; the tests only talk to it."""

    def __init__(self, name: str, target: Target):
        self.name, self._target = name, target

    def target(self, **limits) -> Target:
        return self._target

    def query_url(self) -> str:
        return self._target.query.url

    def stop(self) -> None:
        pass


def _attached(name: str) -> Attached | None:
    base = os.environ.get(f"CWKG_{name.upper()}_URL", "").rstrip("/")
    if not base:
        return None
    if name == "oxigraph":
        query = Connection(f"{base}/query")
        return Attached(name, Target(query, query.sibling(f"{base}/update"),
                                     query.sibling(f"{base}/store")))
    query = Connection(f"{base}/sparql")
    update = Connection(f"{base}/sparql-auth",
                        Credentials("dba", os.environ.get("CWKG_VIRTUOSO_PASSWORD", "dba")))
    return Attached(name, Target(query, update))


def _session_server(name: str, kind, tmp_path_factory):
    attached = _attached(name)
    if attached:
        yield attached
        return
    server = start_or_fail(kind(tmp_path_factory.mktemp(name)))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def oxigraph(tmp_path_factory):
    yield from _session_server("oxigraph", OxigraphServer, tmp_path_factory)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    yield from _session_server("virtuoso", VirtuosoServer, tmp_path_factory)


@pytest.fixture(scope="session")
def built_store(built) -> Store:
    """The repository's build as a Store (the embedded store the servers are compared with)."""
    return Store(built[1].quads)


@pytest.fixture(scope="session")
def loaded(oxigraph, virtuoso, built_store):
    """Both servers holding the build, pushed by cwkg itself: {name: Target}."""
    targets = {"oxigraph": oxigraph.target(), "virtuoso": virtuoso.target()}
    dataset = Dataset.from_store(built_store)
    for target in targets.values():
        push(dataset, target)
    return targets


@pytest.fixture(scope="session")
def graphs(built_store) -> dict:
    """Protocol parameters naming the build's graphs as the query dataset."""
    return dataset_params(built_store.graph_names())


def pytest_report_header(config):
    return [f"cwkg servers: oxigraph={os.environ.get('CWKG_OXIGRAPH_URL') or 'started by tests'}, "
            f"virtuoso={os.environ.get('CWKG_VIRTUOSO_URL') or 'started by tests'}"]


QUERIES = Path(__file__).parent / "queries"
