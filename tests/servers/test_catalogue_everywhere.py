"""Every stored query (queries/) gives the same rows on the embedded store, on Oxigraph server
and on Virtuoso, through the same path users take: ``cwkg.queries.run`` with the embedded
backend and with the remote backend (``cwkg.remote.select``), parameters at their examples.

Rows are compared sorted after :func:`tests.servers.dialects.normalise_term` (only literal forms
that XSD calls one value). And `cwkg query --endpoint` prints the same table as on the
build, against both servers.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from tests.servers.dialects import boolean_projections, normalised_rows

from cwkg.query.catalogue import load_catalogue
from cwkg.query.embedded import EmbeddedBackend
from cwkg.query.run import run
from cwkg.server.remote import RemoteBackend

CATALOGUE = load_catalogue()


def examples(query) -> dict[str, str]:
    return {p.name: p.example for p in query.params if not p.optional}


def test_the_catalogue_is_there():
    assert len(CATALOGUE) >= 20


@pytest.mark.parametrize("query", CATALOGUE.values(), ids=lambda q: q.id)
def test_stored_query_projects_no_boolean(query):
    """Virtuoso answers a projected boolean as 1/0 (tests/servers/test_dialects.py)."""
    assert boolean_projections(query.text()) == [], \
        f"{query.id}: project IF(expr, \"yes\", \"no\") instead of a boolean expression"


@pytest.mark.parametrize("query", CATALOGUE.values(), ids=lambda q: q.id)
def test_stored_query_same_rows_everywhere(query, built_store, loaded):
    local = run(query, examples(query), backend=EmbeddedBackend(built_store))
    if not query.is_violation:
        assert len(local) > 0, f"{query.id} answers no rows: agreement would prove nothing"
    expected = normalised_rows(local)
    for name, target in loaded.items():
        remote = run(query, examples(query), backend=RemoteBackend(target.query.url, timeout=60))
        assert remote.variables == local.variables, name
        got = normalised_rows(remote)
        assert got == expected, (f"{query.id} on {name}: missing "
                                 f"{sorted(set(expected) - set(got))[:2]}, extra "
                                 f"{sorted(set(got) - set(expected))[:2]}")


@pytest.mark.parametrize("server", ["oxigraph", "virtuoso"])
def test_cwkg_query_endpoint_prints_the_same_table(server, loaded, tmp_path, repo):
    from cwkg.build.write import build
    out = tmp_path / "build"
    build(repo / "data", out)
    command = [sys.executable, "-m", "cwkg.cli", "--data", str(repo / "data"), "--out", str(out),
               "query", "death-tolls", "-p", "attack=Khan Sheikhoun massacre"]
    local = subprocess.run(command, capture_output=True, text=True, timeout=120)
    remote = subprocess.run([*command, "--endpoint", loaded[server].query.url],
                            capture_output=True, text=True, timeout=120)
    assert local.returncode == 0 and remote.returncode == 0, local.stderr + remote.stderr
    assert "the loss of over 90 lives" in local.stdout
    assert remote.stdout == local.stdout
