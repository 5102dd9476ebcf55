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
