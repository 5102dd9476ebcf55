"""Fixtures for the query tests: the repository's data built once, as a Store."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def store(built):
    from cwkg.rdf.store import Store
    _, graph = built
    return Store(graph.quads)


@pytest.fixture(scope="session")
def embedded(store):
    from cwkg.query.embedded import EmbeddedBackend
    return EmbeddedBackend(store)


@pytest.fixture(scope="session")
def out(tmp_path_factory, repo):
    """The repository's data built by the command, for tests of `cwkg query` (read only)."""
    from cwkg.cli import main
    out = tmp_path_factory.mktemp("build")
    assert main(["--data", str(repo / "data"), "--out", str(out), "build"]) == 0
    return out
